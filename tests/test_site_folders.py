"""A build never deletes what someone wrote: folders that overlap are refused before MkDocs
empties site_dir, with both folders named (site/folders.py, checked in on_config)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import make_site
from journey_maps.site.folders import site_folder_conflicts

MAP = "type: current-state\ntitle: Kept\nstages: [{name: A}]\n"


def conflicts(root: Path, **options: str | None) -> list[str]:
    folders: dict[str, str | None] = {
        "maps_dir": "maps",
        "docs_dir": "docs",
        "site_dir": "site",
        "cache_dir": ".cache/journey-maps",
        **options,
    }
    return site_folder_conflicts(root, **folders)  # type: ignore[arg-type]


@pytest.fixture(autouse=True)
def _own_cache_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JOURNEY_MAPS_CACHE_DIR", raising=False)


def test_the_default_layout_and_maps_inside_docs_are_fine(tmp_path: Path) -> None:
    assert conflicts(tmp_path) == []
    assert conflicts(tmp_path, maps_dir="docs/maps") == []
    # a shared cache above the project (a CI runner's temporary folder): pruning deletes only
    # cache entries
    assert conflicts(tmp_path / "project", cache_dir="..") == []


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (
            {"site_dir": "maps"},
            "maps_dir and site_dir are the same folder, '{root}/maps': MkDocs empties site_dir "
            "before every build, which would delete the maps; choose a site_dir outside maps_dir",
        ),
        (
            {"maps_dir": "site/maps"},
            "maps_dir '{root}/site/maps' is inside site_dir '{root}/site': MkDocs empties "
            "site_dir before every build, which would delete the maps; choose a site_dir outside "
            "maps_dir",
        ),
        (
            {"site_dir": "maps/site"},
            "site_dir '{root}/maps/site' is inside maps_dir '{root}/maps': MkDocs empties "
            "site_dir before every build, and the site would be written among the maps; choose "
            "a site_dir outside maps_dir",
        ),
        (
            {"docs_dir": "maps"},
            "docs_dir and maps_dir are the same folder, '{root}/maps': everything under maps_dir "
            "is kept out of the site, so no page of docs_dir would be published; keep maps_dir "
            "beside docs_dir (or inside it)",
        ),
        (
            {"maps_dir": ".", "cache_dir": "../cache"},
            "docs_dir '{root}/docs' is inside maps_dir '{root}': everything under maps_dir is "
            "kept out of the site, so no page of docs_dir would be published; keep maps_dir "
            "beside docs_dir (or inside it)",
        ),
        (
            {"cache_dir": "site/.cache"},
            "cache_dir '{root}/site/.cache' is inside site_dir '{root}/site': MkDocs empties "
            "site_dir before every build, which would empty the cache too; choose a cache_dir "
            "outside site_dir",
        ),
        (
            {"cache_dir": "docs/cache"},
            "cache_dir '{root}/docs/cache' is inside docs_dir '{root}/docs': the cached files "
            "would be published with the pages; choose a cache_dir outside docs_dir",
        ),
        (
            {"cache_dir": "maps"},
            "cache_dir and maps_dir are the same folder, '{root}/maps': 'mkdocs serve' would "
            "rebuild whenever a file is cached; choose a cache_dir outside maps_dir",
        ),
    ],
)
def test_overlaps_are_refused_naming_both_folders(
    tmp_path: Path, options: dict[str, str], expected: str
) -> None:
    root = tmp_path.resolve()
    assert conflicts(root, **options)[0] == expected.format(root=root)


def test_a_link_cannot_hide_an_overlap(tmp_path: Path) -> None:
    root = tmp_path.resolve()
    (root / "maps").mkdir()
    (root / "out").symlink_to(root / "maps")
    assert conflicts(root, site_dir="out") == [
        f"maps_dir and site_dir are the same folder, '{root}/maps': MkDocs empties site_dir "
        "before every build, which would delete the maps; choose a site_dir outside maps_dir"
    ]


def test_no_cache_folder_no_cache_check(tmp_path: Path) -> None:
    assert conflicts(tmp_path, cache_dir=None, site_dir="site") == []
    assert conflicts(tmp_path, cache_dir="maps") != []


def test_the_cache_folder_from_the_environment_is_named_as_such(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path.resolve()
    monkeypatch.setenv("JOURNEY_MAPS_CACHE_DIR", str(root / "site" / "cache"))
    assert conflicts(root) == [
        f"JOURNEY_MAPS_CACHE_DIR '{root}/site/cache' is inside site_dir '{root}/site': MkDocs "
        "empties site_dir before every build, which would empty the cache too; choose a "
        "cache_dir outside site_dir"
    ]


# --- real builds --------------------------------------------------------------------------------


def test_site_dir_on_the_maps_folder_stops_the_build_and_keeps_the_maps(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"m.yaml": MAP})
    result = site.build("--site-dir", str(site.maps))
    assert result.returncode != 0
    assert (
        f"maps_dir and site_dir are the same folder, '{site.maps.resolve()}': MkDocs empties "
        "site_dir before every build" in result.stderr
    )
    assert "Cleaning site directory" not in result.stderr
    assert (site.maps / "m.yaml").read_text(encoding="utf-8") == MAP


def test_maps_inside_site_dir_stops_the_build_and_keeps_the_maps(tmp_path: Path) -> None:
    site = make_site(tmp_path, plugin_options="maps_dir: site/maps\n")
    site.write("site/maps/m.yaml", MAP)
    result = site.build(strict=False)
    assert result.returncode != 0
    assert f"maps_dir '{(tmp_path / 'site/maps').resolve()}' is inside site_dir" in result.stderr
    assert (tmp_path / "site/maps/m.yaml").read_text(encoding="utf-8") == MAP


def test_maps_inside_docs_dir_still_builds(tmp_path: Path) -> None:
    site = make_site(tmp_path, plugin_options="maps_dir: docs/maps\ndownloads: false\n")
    site.write("docs/maps/m.yaml", MAP)
    result = site.build()
    assert result.returncode == 0, result.stderr
    assert "Kept" in site.page("maps/m/")
    assert not (site.site_dir / "maps" / "m.yaml").exists()


def test_the_cache_is_checked_without_downloads_too(tmp_path: Path) -> None:
    """The folder keeps parsed maps and page fragments (core/store.py) even then."""
    site = make_site(
        tmp_path, {"m.yaml": MAP}, plugin_options="downloads: false\ncache_dir: site/cache\n"
    )
    result = site.build(strict=False, env={"JOURNEY_MAPS_CACHE_DIR": ""})
    assert result.returncode != 0
    assert "is inside site_dir" in result.stderr and "cache_dir" in result.stderr
