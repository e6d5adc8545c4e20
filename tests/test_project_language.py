"""The CLI reads the site's default_language, so it agrees with ``mkdocs build`` about maps
written without ``language:`` (an Estonian team's maps are Estonian for both)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from journey_maps.cli import main
from journey_maps.load.project import default_language_for

MAP = "type: current-state\ntitle: Kadri otsib pakendeid\nstages:\n  - name: Otsing\n"
CONFIG = """\
site_name: Galerii
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
plugins:
  - search
  - journey-maps:
      default_language: et
{extra}"""


def _project(root: Path, extra: str = "") -> Path:
    (root / "maps").mkdir(parents=True)
    (root / "maps" / "kadri.yaml").write_text(MAP, "utf-8")
    (root / "mkdocs.yml").write_text(CONFIG.format(extra=extra), "utf-8")
    return root / "maps"


def _rendered_language(maps: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["render", str(maps / "kadri.yaml"), "--format", "json", "-o", "-"]) == 0
    language: str = json.loads(capsys.readouterr().out)["language"]
    return language


def test_a_map_without_language_is_in_the_sites_default_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    maps = _project(tmp_path)
    assert default_language_for(maps) == "et"
    assert _rendered_language(maps, capsys) == "et"


def test_a_config_that_publishes_another_folder_does_not_apply(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    maps = _project(tmp_path, extra="      maps_dir: elsewhere\n")
    assert default_language_for(maps) == "en"
    assert _rendered_language(maps, capsys) == "en"


def test_without_a_site_the_default_is_english(tmp_path: Path) -> None:
    (tmp_path / "maps").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: [unclosed\n", "utf-8")
    assert default_language_for(tmp_path / "maps") == "en"


def test_i18n_status_lists_the_languages_the_site_publishes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    maps = _project(tmp_path, extra="      languages: [et, lv, de]\n")
    assert main(["i18n", "status", str(maps)]) == 0
    rows = [line.split() for line in capsys.readouterr().out.splitlines()[1:]]
    # the map is Estonian: the site's other languages, in the site's order, and no others
    assert [(row[1], row[2]) for row in rows] == [("kadri", "lv"), ("kadri", "de")]


def test_validate_in_the_project_root_finds_the_published_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _project(tmp_path, extra="      maps_dir: journeys\n")
    (tmp_path / "maps").rename(tmp_path / "journeys")
    monkeypatch.chdir(tmp_path)
    assert main(["validate"]) == 0
    assert capsys.readouterr().err == "ok: 1 map(s), 0 persona(s)\n"
    # `validate .` in the root checks the root as a gallery: mkdocs.yml is never a map
    assert main(["validate", "."]) == 0
    assert "nothing to check" in capsys.readouterr().err
