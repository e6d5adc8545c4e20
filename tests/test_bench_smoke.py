"""The benchmark's inputs are valid: a bench that times a failing build measures nothing.

Content assertions only; timings never go into tests (the machine is shared and noisy).
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

import pytest

from conftest import ROOT, Site
from journey_maps.validate import load_gallery

if str(ROOT) not in sys.path:  # `pytest` (unlike `python -m pytest`) does not add the cwd
    sys.path.insert(0, str(ROOT))

from bench.floor import write_floor_site
from bench.generate import SITE_NAME, dump_yaml, generate_gallery, write_plugin_site

TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)


def map_titles(site_dir: Path) -> set[str]:
    """Page titles of every built map page (``maps/<id>/index.html``), without the site name."""
    titles = set()
    for page in (site_dir / "maps").glob("*/index.html"):
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
    assert map_titles(plugin / "site") == expected
    assert map_titles(floor / "site") == expected
