"""Planning, rendering in parallel and caching download files; catalog entries."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from journey_maps.core.gallery import Gallery
from journey_maps.core.model import MapType
from journey_maps.export.blank import TemplateLabels
from journey_maps.export.cache import UnsafePathError, prune, safe_target
from journey_maps.export.jobs import (
    ExportJob,
    RunStats,
    catalog_downloads,
    catalog_templates,
    plan_map_exports,
    plan_template_exports,
    progress_logger,
    run_jobs,
)
from journey_maps.export.raster import ExportError, png_info
from journey_maps.layout import Labels
from journey_maps.load.folder import load_gallery

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def gallery() -> Gallery:
    found, _ = load_gallery(ROOT / "maps")
    return found


def map_jobs(
    gallery: Gallery, map_id: str = "colleen-vacuum-current", **options: Any
) -> list[ExportJob]:
    journey = gallery.maps[map_id]
    persona = gallery.personas.get(journey.persona or "")
    return plan_map_exports(journey, persona, lang="en", labels=Labels(), **options)


def english(lang: str) -> tuple[Labels, TemplateLabels]:
    """English words, but a title per language so that every language draws differently."""
    return Labels(), TemplateLabels(language=lang, title=f"Title ({lang})")


def small_template_plan() -> list[ExportJob]:
    return plan_template_exports(
        langs=["en", "bg"],
        labels_for=english,
        papers=["a4"],
        formats=["png", "pdf"],
        types=[MapType.EMPATHY],
    )


def tree(folder: Path) -> dict[str, str]:
    """sha256 of every file under ``folder`` by relative path."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


# --- planning -------------------------------------------------------------------------------


def test_map_plan_has_every_format_at_its_path(gallery: Gallery) -> None:
    jobs = map_jobs(gallery)
    assert [j.path for j in jobs] == [
        f"downloads/maps/colleen-vacuum-current/colleen-vacuum-current.en.{ext}"
        for ext in ("svg", "png", "pdf", "csv", "json")
    ]
    svg, png, pdf, csv, data = jobs
    assert svg.source == png.source == pdf.source and svg.source.startswith("<?xml")
    assert 'fill="#' in svg.source and "var(--jm" not in svg.source  # standalone colours
    assert csv.source.startswith("\ufeffstage_id,")
    assert json.loads(data.source)["title"].startswith("Colleen buys a vacuum")
    assert {j.kind for j in jobs} == {"map"} and {j.subject for j in jobs} == {
        "colleen-vacuum-current"
    }


def test_map_plan_on_paper_names_the_pdf(gallery: Gallery) -> None:
    jobs = map_jobs(gallery, formats=["pdf"], paper="letter")
    assert [j.path for j in jobs] == [
        "downloads/maps/colleen-vacuum-current/colleen-vacuum-current.en-letter.pdf"
    ]
    assert jobs[0].paper == "letter"


def test_map_plan_rejects_unknown_formats(gallery: Gallery) -> None:
    with pytest.raises(ExportError, match="unknown format 'gif'"):
        map_jobs(gallery, formats=["gif"])


def test_template_plan_covers_types_languages_and_papers() -> None:
    jobs = plan_template_exports(langs=["en", "bg"], labels_for=english)
    assert len(jobs) == 4 * 2 * (1 + 1 + 3)  # svg, png, and a PDF per paper
    paths = {j.path for j in jobs}
    assert "downloads/templates/empathy/bg/empathy-bg-a3.pdf" in paths
    assert "downloads/templates/current-state/en/current-state-en.png" in paths
    pdfs = [j for j in jobs if j.format == "pdf"]
    assert all(j.fillable for j in pdfs)
    assert not any(j.fields for j in jobs if j.format != "pdf")
    unfillable = plan_template_exports(langs=["en"], labels_for=english, fillable=False)
    assert not any(j.fillable for j in unfillable)


def test_default_template_labels_come_from_the_catalogs() -> None:
    jobs = plan_template_exports(
        langs=["bg"], formats=["svg"], types=[MapType.CURRENT_STATE], papers=["a4"]
    )
    assert "Действия" in jobs[0].source  # the lane heading from the Bulgarian catalog


def test_catalog_entries() -> None:
    jobs = [
        *plan_template_exports(
            langs=["lv", "en"], labels_for=english, types=[MapType.CURRENT_STATE]
        ),
    ]
    entries = catalog_templates(jobs)
    assert entries[0] == {
        "type": "current-state",
        "language": "lv",
        "paper": None,
        "format": "svg",
        "fillable": False,
        "url": "downloads/templates/current-state/lv/current-state-lv.svg",
    }
    assert [(e["language"], e["format"], e["paper"]) for e in entries[:5]] == [
        ("lv", "svg", None),
        ("lv", "png", None),
        ("lv", "pdf", "a4"),
        ("lv", "pdf", "letter"),
        ("lv", "pdf", "a3"),
    ]
    assert all(e["fillable"] == (e["format"] == "pdf") for e in entries)
    assert catalog_templates(reversed(jobs)) != [] and len(entries) == 10


def test_catalog_downloads(gallery: Gallery) -> None:
    jobs = map_jobs(gallery) + map_jobs(gallery, formats=["pdf"], paper="a4")
    found = catalog_downloads(jobs)
    assert list(found) == ["colleen-vacuum-current"]
    links = found["colleen-vacuum-current"]["en"]
    assert list(links) == ["svg", "png", "pdf", "csv", "json"]
    assert links["pdf"].endswith("colleen-vacuum-current.en.pdf")  # the drawing-sized one


# --- running ----------------------------------------------------------------------------------


def test_run_writes_files_and_a_warm_run_renders_nothing(gallery: Gallery, tmp_path: Path) -> None:
    jobs = map_jobs(gallery) + small_template_plan()
    cache = tmp_path / "cache"
    calls: list[tuple[int, int]] = []
    first = run_jobs(
        jobs,
        tmp_path / "site",
        cache_dir=cache,
        workers=1,
        progress=lambda d, t: calls.append((d, t)),
    )
    assert (first.rendered, first.cached, first.written) == (2 + 4, 0, 3)
    assert calls[-1] == (len(jobs), len(jobs)) and len(calls) == len(jobs)
    before = tree(tmp_path / "site")
    assert len(before) == len(jobs)
    png = tmp_path / "site" / jobs[1].path
    assert png_info(png.read_bytes())[2] == pytest.approx(150, abs=0.05)
    assert first.sizes[jobs[1].path] == png.stat().st_size

    second = run_jobs(jobs, tmp_path / "again", cache_dir=cache, workers=1)
    assert second.rendered == 0
    assert second.cached == 6
    assert tree(tmp_path / "again") == before


def test_changed_input_misses_the_cache(gallery: Gallery, tmp_path: Path) -> None:
    jobs = [j for j in map_jobs(gallery, formats=["png"])]
    run_jobs(jobs, tmp_path / "a", cache_dir=tmp_path / "c", workers=1)
    changed = [replace(j, source=j.source.replace("Awareness", "Attention")) for j in jobs]
    stats = run_jobs(changed, tmp_path / "b", cache_dir=tmp_path / "c", workers=1)
    assert stats.rendered == 1
    other_dpi = [replace(j, dpi=96) for j in jobs]
    assert run_jobs(other_dpi, tmp_path / "d", cache_dir=tmp_path / "c", workers=1).rendered == 1


def test_two_workers_give_the_same_bytes_as_one(gallery: Gallery, tmp_path: Path) -> None:
    jobs = map_jobs(gallery, formats=["png", "pdf"]) + small_template_plan()
    one = run_jobs(jobs, tmp_path / "one", workers=1)
    two = run_jobs(jobs, tmp_path / "two", workers=2)
    assert one.rendered == two.rendered == len(jobs)
    assert tree(tmp_path / "one") == tree(tmp_path / "two")


def test_without_a_cache_everything_is_rendered(gallery: Gallery, tmp_path: Path) -> None:
    jobs = map_jobs(gallery, formats=["pdf"])
    for _ in range(2):
        assert run_jobs(jobs, tmp_path / "site", workers=1).rendered == 1


def test_one_drawing_at_two_paths_is_rendered_once(gallery: Gallery, tmp_path: Path) -> None:
    job = map_jobs(gallery, formats=["pdf"])[0]
    twin = replace(job, path="downloads/copy.pdf")
    stats = run_jobs([job, twin], tmp_path, workers=2)
    assert (stats.rendered, stats.cached) == (1, 1)
    assert (tmp_path / job.path).read_bytes() == (tmp_path / twin.path).read_bytes()


@pytest.mark.parametrize(
    "path",
    [
        "../outside.png",
        "downloads/../../outside.png",
        "/etc/passwd",
        "downloads\\..\\x.png",
        "",
        "downloads/./x.png",
        "C:/x.png",
    ],
)
def test_paths_that_leave_the_output_folder_are_refused(path: str, tmp_path: Path) -> None:
    job = ExportJob(path=path, format="json", source="{}")
    ok = ExportJob(path="downloads/ok.json", format="json", source="{}")
    with pytest.raises(UnsafePathError):
        run_jobs([ok, job], tmp_path / "site", workers=1)
    assert not (tmp_path / "site" / "downloads" / "ok.json").exists()  # checked before writing


def test_a_link_out_of_the_output_folder_is_refused(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "downloads").symlink_to(tmp_path)
    with pytest.raises(UnsafePathError, match="link"):
        safe_target(site, "downloads/x.png")


def test_two_jobs_for_one_path_are_refused(tmp_path: Path) -> None:
    jobs = [
        ExportJob(path="downloads/a.json", format="json", source="{}"),
        ExportJob(path="downloads/a.json", format="json", source="[]"),
    ]
    with pytest.raises(ExportError, match="planned twice"):
        run_jobs(jobs, tmp_path, workers=1)


def test_writes_leave_no_temporary_files(gallery: Gallery, tmp_path: Path) -> None:
    run_jobs(map_jobs(gallery), tmp_path / "site", cache_dir=tmp_path / "cache", workers=1)
    leftovers = [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []
    mode = (tmp_path / "site" / map_jobs(gallery)[0].path).stat().st_mode & 0o777
    assert mode == 0o666 & ~_umask()


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def test_a_render_error_names_the_file(tmp_path: Path) -> None:
    bad = ExportJob(path="downloads/bad.png", format="png", source="<svg/>")
    with pytest.raises(ExportError, match=r"downloads/bad\.png"):
        run_jobs([bad], tmp_path, workers=1)


def test_workers_must_be_positive(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="workers"):
        run_jobs([], tmp_path, workers=0)


def test_prune_removes_old_entries(gallery: Gallery, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    run_jobs(map_jobs(gallery, formats=["pdf"]), tmp_path / "site", cache_dir=cache, workers=1)
    entries = list(cache.glob("??/*.pdf"))
    assert len(entries) == 1
    assert prune(cache, older_than_days=1) == 0
    os.utime(entries[0], (0, 0))
    assert prune(cache, older_than_days=1) == 1 and not entries[0].exists()


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: data[: len(data) // 2], id="cut-short"),
        pytest.param(lambda data: data[:-1] + bytes([data[-1] ^ 1]), id="one-bit"),
        pytest.param(lambda data: data[60:], id="header-lost"),
        pytest.param(lambda data: b"", id="empty"),
    ],
)
def test_a_damaged_cache_entry_is_rendered_again(
    gallery: Gallery, tmp_path: Path, damage: Any
) -> None:
    jobs = map_jobs(gallery, formats=["png", "pdf"])
    cache = tmp_path / "cache"
    first = run_jobs(jobs, tmp_path / "first", cache_dir=cache, workers=1)
    [png_entry] = cache.glob("??/*.png")
    png_entry.write_bytes(damage(png_entry.read_bytes()))
    again = run_jobs(jobs, tmp_path / "again", cache_dir=cache, workers=1)
    assert (again.rendered, again.cached, again.damaged) == (1, 1, 1)
    assert tree(tmp_path / "again") == tree(tmp_path / "first")
    assert again.sizes == first.sizes
    third = run_jobs(jobs, tmp_path / "third", cache_dir=cache, workers=1)
    assert (third.rendered, third.damaged) == (0, 0)  # the entry was written anew


def test_prune_deletes_nothing_but_cache_entries(gallery: Gallery, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    run_jobs(map_jobs(gallery, formats=["pdf"]), tmp_path / "site", cache_dir=cache, workers=1)
    [entry] = cache.glob("??/*.pdf")
    keep = [cache / "de" / "colleen.yaml", cache / entry.parent.name / "notes.txt"]
    for path in keep:
        path.parent.mkdir(exist_ok=True)
        path.write_text("mine", encoding="utf-8")
    for path in [entry, *keep]:
        os.utime(path, (0, 0))
    assert prune(cache, older_than_days=1) == 1
    assert not entry.exists()
    assert all(path.read_text(encoding="utf-8") == "mine" for path in keep)


def test_the_cache_key_follows_the_code_that_shapes_the_bytes(
    gallery: Gallery, monkeypatch: pytest.MonkeyPatch
) -> None:
    from journey_maps.export import fingerprint

    job = map_jobs(gallery, formats=["png"])[0]
    before = job.key()
    assert fingerprint.code_digest(fingerprint.BYTE_SHAPING_MODULES) in (
        fingerprint.renderer_fingerprint()
    )
    monkeypatch.setattr(
        fingerprint,
        "BYTE_SHAPING_MODULES",
        (*fingerprint.BYTE_SHAPING_MODULES[:-1], "journey_maps.export.cache"),
    )
    fingerprint.renderer_fingerprint.cache_clear()
    try:
        assert job.key() != before
    finally:
        monkeypatch.undo()
        fingerprint.renderer_fingerprint.cache_clear()
    assert job.key() == before


def test_the_fingerprint_names_the_libraries_that_shape_the_bytes() -> None:
    import zlib

    import cairocffi
    import cairosvg
    import pypdf

    from journey_maps.export.fingerprint import renderer_fingerprint

    shown = renderer_fingerprint()
    for part in (
        f"cairo {cairocffi.cairo_version_string()}",
        f"zlib {zlib.ZLIB_RUNTIME_VERSION}",
        f"cairosvg {cairosvg.__version__}",
        f"pypdf {pypdf.__version__}",
    ):
        assert part in shown


def test_the_code_digest_changes_with_the_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from journey_maps.export.fingerprint import code_digest

    module = tmp_path / "shaping_probe.py"
    module.write_text("X = 1\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    before = code_digest(("shaping_probe",))
    module.write_text("X = 2\n", encoding="utf-8")
    assert code_digest(("shaping_probe",)) != before


def test_progress_logger_reports_the_end() -> None:
    lines: list[str] = []
    report = progress_logger(lines.append, every=3600)
    for done in range(1, 121):
        report(done, 120)
    assert lines == ["rendered 120/120 exports"]


def test_stats_default() -> None:
    assert RunStats().rendered == 0
