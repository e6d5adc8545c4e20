"""The benchmark's inputs are valid: a bench that times a failing build measures nothing.

Content assertions only; timings never go into tests (the machine is shared and noisy).
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest

from conftest import BUILD_ENV, ROOT, Site
from journey_maps.load.folder import load_gallery

if str(ROOT) not in sys.path:  # `pytest` (unlike `python -m pytest`) does not add the cwd
    sys.path.insert(0, str(ROOT))

import bench.__main__ as bench_main
from bench.exports import (
    DownloadCounts,
    Run,
    check_run,
    floor_copy,
    measure_exports,
    parse_counts,
)
from bench.floor import write_floor_site
from bench.generate import SITE_NAME, dump_yaml, generate_gallery, write_plugin_site
from bench.measure import Sample
from bench.registry import Measurement, Options, Outcome

TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)


def map_titles(site_dir: Path, map_ids: Iterable[str]) -> set[str]:
    """Page titles of the built map pages (``maps/<id>/index.html``), without the site name.

    By id: the plugin also publishes other pages under maps/ (boards, registries).
    """
    titles = set()
    for map_id in map_ids:
        page = site_dir / "maps" / map_id / "index.html"
        assert page.is_file(), f"{page} was not built"
        match = TITLE.search(page.read_text(encoding="utf-8"))
        assert match, f"{page} has no <title>"
        titles.add(html.unescape(match.group(1)).removesuffix(f" - {SITE_NAME}"))
    return titles


@pytest.mark.slow
def test_generated_gallery_validates_and_both_sites_build(tmp_path: Path) -> None:
    gallery = generate_gallery(3)
    again = generate_gallery(3)
    assert [dump_yaml(m) for m in gallery.maps.values()] == [
        dump_yaml(m) for m in again.maps.values()
    ], "the generator must be deterministic"

    plugin = write_plugin_site(tmp_path / "plugin", gallery)
    floor = write_floor_site(tmp_path / "floor", gallery)
    loaded, problems = load_gallery(plugin / "maps")
    assert not problems, "\n".join(p.format() for p in problems.sorted())
    assert len(loaded.maps) == 3
    assert len(loaded.personas) == 1

    for project in (plugin, floor):
        result = Site(project).build()
        assert result.returncode == 0, result.stdout + result.stderr

    expected = {data["title"] for data in gallery.maps.values()}
    assert map_titles(plugin / "site", gallery.maps) == expected
    assert map_titles(floor / "site", gallery.maps) == expected


def test_parse_counts_reads_the_last_downloads_line() -> None:
    log = (
        "INFO    -  journey_maps: rendered 3/3 exports\n"
        "INFO    -  journey_maps: Downloads: 4 file(s), 2 rendered, 0 from the cache, "
        "2 written as text\n"
        "INFO    -  journey_maps: Downloads: 4 file(s), 0 rendered, 2 from the cache, "
        "2 written as text\n"
    )
    counts = parse_counts(log)
    assert counts is not None
    assert (counts.files, counts.rendered, counts.cached, counts.text) == (4, 0, 2, 2)
    assert parse_counts("INFO - Documentation built in 1.00 seconds\n") is None


@pytest.mark.slow
def test_exports_warm_build_renders_nothing(tmp_path: Path) -> None:
    """The exports measurement on a tiny gallery: cold renders, warm takes all from the cache."""
    options = {"languages": ["en"], "templates": False, "download_formats": ["svg", "png"]}
    source = write_plugin_site(tmp_path / "source", generate_gallery(2), options)
    data, failures = measure_exports(source, tmp_path / "runs", repeat=1, workers=(1,))
    assert not failures, failures
    scenarios = data["scenarios"]
    assert set(scenarios) == {"floor", "cold-w1", "warm"}
    cold = scenarios["cold-w1"]["runs"][0]
    warm = scenarios["warm"]["runs"][0]
    assert cold["counts"]["rendered"] > 0
    assert warm["counts"]["rendered"] == 0
    assert warm["counts"]["cached"] == cold["counts"]["rendered"]
    # 2 maps x (svg, png), written under downloads/ by both builds, none by the floor.
    assert cold["downloads"]["total"]["files"] == 4
    assert cold["downloads"]["png"]["files"] == 2
    assert warm["downloads"] == cold["downloads"]
    assert scenarios["floor"]["runs"][0]["downloads"]["total"]["files"] == 0


def test_the_sample_builds_as_the_exports_floor(tmp_path: Path) -> None:
    """The floor is the sample without downloads: its links to templates/ must not stop it."""
    project = floor_copy(ROOT, tmp_path / "floor", {"languages": ["en"]})
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(project / "site")],
        cwd=project,
        env=BUILD_ENV,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "templates/index.md" in result.stderr  # reported, as info
    assert not (project / "site" / "templates").exists()


def _run(rendered: int, files: int = 4) -> Run:
    return Run(
        Sample(seconds=1.0, cpu_seconds=1.0, peak_mb=1.0, returncode=0),
        DownloadCounts(files=4, rendered=rendered, cached=2 - rendered, text=2),
        {"total": {"files": files, "bytes": 10 * files}},
        "build.log",
    )


def test_a_warm_build_that_renders_is_a_failure() -> None:
    cold = _run(2)
    assert check_run("warm", _run(0), cold) == []
    assert check_run("warm", _run(2), cold) == ["warm build rendered 2 exports (expected 0)"]
    assert check_run("cold-w1", _run(0), cold) == [
        "cold-w1 build rendered 0 exports (expected > 0: was the cache not empty?)"
    ]


def test_bench_exits_non_zero_on_a_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(options: Options) -> Outcome:
        return Outcome(text="fake", failures=["warm build rendered 3 exports (expected 0)"])

    fake = {"fake": Measurement("fake", "always fails", broken)}
    monkeypatch.setattr(bench_main, "load_all", lambda: fake)
    out = tmp_path / "report.json"
    assert bench_main.main(["--out", str(out), "--workdir", str(tmp_path / "work")]) == 1
    captured = capsys.readouterr()
    assert "FAILED" in captured.out
    assert "warm build rendered 3 exports (expected 0)" in captured.err
    assert "warm build rendered 3 exports" in out.read_text(encoding="utf-8")


@pytest.mark.slow
def test_the_serve_loop_sees_each_edit_on_both_servers(tmp_path: Path) -> None:
    """Two real `mkdocs serve` processes, one saved file each: the edit is seen on both,
    and the plugin's save was handled in place (no full rebuild)."""
    from bench.serve_loop import measure_size

    result = measure_size(4, Options(sizes=(4,), repeat=1, workdir=tmp_path), 1)
    assert result["maps"] == 4 and result["repeat"] == 1
    assert result["in_place_updates"] == 1
    for side in ("floor", "plugin"):
        assert len(result[side]["shown"]["samples"]) == 1
        assert result[side]["reloaded"]["samples"][0] >= result[side]["shown"]["samples"][0] > 0
    assert set(result["ratios"]) == {"shown", "reloaded"}
