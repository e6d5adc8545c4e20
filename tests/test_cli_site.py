"""The command line says what the site says: ``journey-maps catalog`` writes the catalog a
build publishes, byte for byte, and ``journey-maps render`` draws a map's download."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import Site, make_site
from journey_maps.mkdocs.config import JourneyMapsConfig
from journey_maps.site.options import SiteOptions, read_options

#: A gallery of a map written in Latvian, about a persona written in English.
LATVIAN = Path(__file__).resolve().parent / "fixtures" / "latvian"
ENGLISH_MAP = """\
type: current-state
title: Anna buys a kettle
persona: anna
stages:
  - name: Search
    actions: [Searches online]
    emotion: 1
"""
#: A translated title without its 'source' hash: a warning, so strict runs fail.
TITLE_WITHOUT_SOURCE = """\
language: lv
map: kettle
texts:
  title: Anna pērk tējkannu
"""


def journey_maps(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "journey_maps.cli", *args], cwd=root, capture_output=True
    )


@pytest.fixture(scope="module")
def latvian_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """Two languages, page URLs ending in index.html, some download formats on one paper."""
    site = make_site(
        tmp_path_factory.mktemp("latvian"),
        maps={"kettle.yaml": ENGLISH_MAP},
        plugin_options="languages: [en, lv]\ndownload_formats: [svg, pdf, csv]\npapers: [letter]\n",
        extra="use_directory_urls: false\n",
    )
    shutil.copytree(LATVIAN, site.maps, dirs_exist_ok=True)
    site.write("maps/translations/lv/kettle.yaml", TITLE_WITHOUT_SOURCE)
    result = site.build(strict=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


# --- catalog ----------------------------------------------------------------------------------


def test_catalog_is_the_sample_sites_catalog(sample_site: Site) -> None:
    result = journey_maps(sample_site.root, "catalog")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (sample_site.site_dir / "journey-maps.json").read_bytes()
    catalog = json.loads(result.stdout)
    assert catalog["languages"] == ["en", "de", "et", "bg", "af", "lv"]
    assert len(catalog["maps"]) == 8 and catalog["templates"]


def test_catalog_follows_the_sites_options(latvian_site: Site, tmp_path: Path) -> None:
    out = tmp_path / "catalog.json"
    result = journey_maps(latvian_site.root, "catalog", "maps", "-o", str(out))
    assert result.returncode == 0, result.stderr  # a warning does not fail it
    assert b"'title' has no 'source' hash" in result.stderr
    assert out.read_bytes() == (latvian_site.site_dir / "journey-maps.json").read_bytes()
    catalog = json.loads(out.read_text("utf-8"))
    kettle = next(m for m in catalog["maps"] if m["id"] == "kettle")
    assert kettle["url"] == {"en": "maps/kettle/index.html", "lv": "lv/maps/kettle/index.html"}
    assert kettle["title"]["lv"] == "Anna pērk tējkannu"
    assert list(kettle["downloads"]["lv"]) == ["svg", "pdf", "csv"]
    assert {t["paper"] for t in catalog["templates"]} == {None, "letter"}
    pirkums = next(m for m in catalog["maps"] if m["id"] == "pirkums")
    assert pirkums["source_language"] == "lv"


def test_catalog_strict_writes_nothing_on_a_warning(latvian_site: Site, tmp_path: Path) -> None:
    out = tmp_path / "catalog.json"
    result = journey_maps(latvian_site.root, "catalog", "--strict", "-o", str(out))
    assert result.returncode == 1
    assert b"maps/translations/lv/kettle.yaml:4:3: warning:" in result.stderr
    assert not out.exists()


def test_catalog_leaves_invalid_files_out_and_exits_1(tmp_path: Path) -> None:
    """Without a site, the plugin's defaults; an invalid map is reported and left out."""
    maps = tmp_path / "maps"
    (maps / "personas").mkdir(parents=True)
    (maps / "personas" / "anna.yaml").write_text("name: Anna\n", "utf-8")
    (maps / "kettle.yaml").write_text(ENGLISH_MAP, "utf-8")
    (maps / "broken.yaml").write_text("type: current-state\ntitle: Broken\nstages: []\n", "utf-8")
    result = journey_maps(tmp_path, "catalog")
    assert result.returncode == 1
    stderr = result.stderr.decode()
    assert "no mkdocs.yml here or above publishes maps" in stderr
    assert "maps/broken.yaml:3:9: error:" in stderr and "Traceback" not in stderr
    catalog = json.loads(result.stdout)
    assert [m["id"] for m in catalog["maps"]] == ["kettle"]
    assert catalog["languages"] == ["en"]
    assert list(catalog["maps"][0]["downloads"]["en"]) == ["svg", "png", "pdf", "csv", "json"]


def test_catalog_points_at_a_bad_option_in_mkdocs_yml(tmp_path: Path) -> None:
    site = make_site(
        tmp_path, plugin_options="dpi: high\npapers: [a4, a5]\n", extra="use_directory_urls: 1\n"
    )
    config = (site.root / "mkdocs.yml").read_text("utf-8").splitlines()
    line = config.index("      dpi: high") + 1
    result = journey_maps(site.root, "catalog")
    assert result.returncode == 1 and result.stdout == b""
    lines = result.stderr.decode().splitlines()
    assert lines[0] == (
        f"mkdocs.yml:{line}:12: error: the journey-maps option 'dpi' must be a whole number "
        "from 36 to 600; mkdocs build refuses it too"
    )
    assert lines[1].startswith(f"mkdocs.yml:{line + 1}:15: error: the journey-maps option ")
    assert "'papers' cannot hold 'a5'; choose from a4, letter, a3" in lines[1]
    urls = config.index("use_directory_urls: 1") + 1
    assert lines[2].startswith(f"mkdocs.yml:{urls}:21: error: 'use_directory_urls' must be true")


def test_catalog_of_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = journey_maps(tmp_path, "catalog", "nowhere")
    assert result.returncode == 2 and b"nowhere: no such folder" in result.stderr


def test_the_plugin_and_the_command_line_share_option_defaults() -> None:
    config = JourneyMapsConfig()
    config.load_dict({})
    failed, _ = config.validate()
    assert not failed
    options, wrong = read_options(config)
    assert not wrong and options == SiteOptions()


# --- render -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "args", "download"),
    [
        ("pirkums", [], "pirkums.lv.svg"),  # its own language
        ("pirkums", ["--lang", "en"], "pirkums.en.svg"),
        ("kettle", ["--lang", "lv"], "kettle.lv.svg"),
    ],
)
def test_render_draws_the_sites_download(
    latvian_site: Site, source: str, args: list[str], download: str
) -> None:
    result = journey_maps(latvian_site.root, "render", f"maps/{source}.yaml", *args)
    assert result.returncode == 0, result.stderr
    built = latvian_site.site_dir / "downloads" / "maps" / source / download
    assert result.stdout == built.read_bytes()
    latvian = "lv.svg" in download
    assert ("Pozitīva".encode() in result.stdout) is latvian  # the legend
    assert (b">Positive<" in result.stdout) is not latvian
