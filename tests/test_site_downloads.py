"""Downloads in a built site: every map in every language and format, blank templates on
three papers, buttons that resolve, a catalog that lists them, and a warm rebuild that renders
nothing."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

from pypdf import PdfReader

from conftest import Site, make_site
from journey_maps.core.model import json_schema
from journey_maps.export.raster import png_info

LANGUAGES = ["en", "de", "et", "bg", "af", "lv"]
FORMATS = ["svg", "png", "pdf", "csv", "json"]


def _catalog(site: Site) -> dict:  # type: ignore[type-arg]
    return json.loads((site.site_dir / "journey-maps.json").read_text("utf-8"))


def test_every_map_downloads_in_every_language_and_format(sample_site: Site) -> None:
    catalog = _catalog(sample_site)
    for entry in catalog["maps"]:
        assert sorted(entry["downloads"]) == sorted(LANGUAGES), entry["id"]
        for lang, files in entry["downloads"].items():
            assert list(files) == FORMATS, (entry["id"], lang)
            for path in files.values():
                assert (sample_site.site_dir / path).is_file(), path
            page = sample_site.page(entry["url"][lang])
            buttons = re.findall(
                r'class="md-button jm-download[^"]*" href="([^"]+)" download', page
            )
            assert len(buttons) == len(FORMATS), (entry["id"], lang)
            resolved = {
                (sample_site.site_dir / entry["url"][lang] / href).resolve() for href in buttons
            }
            assert resolved == {(sample_site.site_dir / p).resolve() for p in files.values()}


def test_templates_four_types_every_language_three_papers(sample_site: Site) -> None:
    templates = _catalog(sample_site)["templates"]
    pdfs = [t for t in templates if t["format"] == "pdf"]
    assert len(pdfs) == 4 * len(LANGUAGES) * 3
    assert {(t["type"], t["language"], t["paper"]) for t in pdfs} == {
        (kind, lang, paper)
        for kind in ("current-state", "future-state", "day-in-the-life", "empathy")
        for lang in LANGUAGES
        for paper in ("a4", "letter", "a3")
    }
    assert all(t["fillable"] for t in pdfs)
    for t in templates:
        assert (sample_site.site_dir / t["url"]).is_file(), t["url"]
    page = sample_site.page("templates/")
    for t in templates:
        assert t["url"].split("/")[-1] in page, t["url"]


def test_downloaded_files_are_what_they_claim(sample_site: Site) -> None:
    files = next(
        m for m in _catalog(sample_site)["maps"] if m["id"] == "kadri-packaging-five-steps"
    )
    bg = files["downloads"]["bg"]
    width, height, dpi = png_info((sample_site.site_dir / bg["png"]).read_bytes())
    assert dpi is not None and round(dpi) == 150 and width > 1000 and height > 500
    reader = PdfReader(sample_site.site_dir / bg["pdf"])
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Изследване" in text and "Лоялност" in text
    rows = list(
        csv.DictReader(io.StringIO((sample_site.site_dir / bg["csv"]).read_text("utf-8-sig")))
    )
    assert [row["name"] for row in rows][:2] == ["Изследване", "Предложение"]
    data = json.loads((sample_site.site_dir / bg["json"]).read_text("utf-8"))
    assert data["language"] == "bg"
    import jsonschema

    jsonschema.validate(data, json_schema("map"))
    svg = (sample_site.site_dir / bg["svg"]).read_text("utf-8")
    assert svg.startswith("<?xml") or svg.startswith("<svg")
    assert "var(" not in svg  # standalone files carry concrete colours


def test_warm_rebuild_renders_no_export(tmp_path: Path) -> None:
    site = make_site(
        tmp_path,
        {"m.yaml": "type: current-state\ntitle: Warm\nstages: [{name: A, emotion: 1}]\n"},
        plugin_options="cache_dir: .cache/jm\n",
    )
    env_cache = {"JOURNEY_MAPS_CACHE_DIR": ""}  # use the site's own cache_dir
    first = site.build(env=env_cache)
    assert first.returncode == 0, first.stderr
    cold = re.search(r"(\d+) rendered, (\d+) from the cache", first.stderr)
    assert cold and int(cold.group(1)) > 0
    cache = tmp_path / ".cache/jm"
    entries = sorted(cache.glob("??/*"))
    # an entry of an older gallery, and a current one that nothing touched for a long time
    forgotten = cache / "00" / ("0" * 64 + ".png")
    forgotten.parent.mkdir(exist_ok=True)
    forgotten.write_bytes(b"old")
    for entry in (forgotten, entries[0]):
        os.utime(entry, (0, 0))
    second = site.build(env=env_cache)
    warm = re.search(r"(\d+) rendered, (\d+) from the cache", second.stderr)
    assert warm and int(warm.group(1)) == 0 and int(warm.group(2)) == int(cold.group(1))
    # cache_max_age (30 days): entries this build used are kept, the forgotten one goes
    assert "Deleted 1 cached file(s) unused for 30 days" in second.stderr
    assert not forgotten.exists()
    assert sorted(cache.glob("??/*")) == entries


def test_a_damaged_cache_entry_is_rendered_again_and_reported_once(tmp_path: Path) -> None:
    site = make_site(
        tmp_path,
        {
            "a.yaml": "type: current-state\ntitle: A\nstages: [{name: A, emotion: 1}]\n",
            "b.yaml": "type: current-state\ntitle: B\nstages: [{name: B, emotion: -1}]\n",
        },
        plugin_options="cache_dir: .cache/jm\ntemplates: false\ndownload_formats: [png, pdf]\n",
    )
    env_cache = {"JOURNEY_MAPS_CACHE_DIR": ""}  # the site's own cache_dir
    assert site.build(env=env_cache).returncode == 0
    published = {p: p.read_bytes() for p in sorted((site.site_dir / "downloads").rglob("*.*"))}
    page = site.page("maps/a/")
    entries = sorted((tmp_path / ".cache/jm").glob("??/*"))
    assert len(entries) == 4
    for entry in entries[:2]:  # a full disk, or another tool: cut short
        entry.write_bytes(entry.read_bytes()[:100])
    second = site.build(env=env_cache)
    assert second.returncode == 0, second.stderr
    assert second.stderr.count("were damaged") == 1
    assert "2 cached file(s) were damaged and rendered again" in second.stderr
    assert "2 rendered, 2 from the cache" in second.stderr
    assert {p: p.read_bytes() for p in published} == published
    assert site.page("maps/a/") == page  # the sizes on the buttons too


def test_downloads_can_be_turned_off(tmp_path: Path) -> None:
    site = make_site(
        tmp_path,
        {"m.yaml": "type: empathy\ntitle: Off\nempathy: {says: [Hi]}\n"},
        plugin_options="downloads: false\n",
    )
    assert site.build().returncode == 0
    assert not (site.site_dir / "downloads").exists()
    assert not (site.site_dir / "templates").exists()
    assert "jm-download" not in site.page("maps/m/")
