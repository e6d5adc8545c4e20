"""Reproducible builds: the same sources give the same bytes, whoever builds them, wherever.

Two copies of the sample gallery, in folders of different names and depths, are built at
the same time with different hash seeds and separate render caches (so every PNG and PDF is
rendered twice, not taken from a cache). Every file of both site folders is compared, the
downloads (SVG, PNG, PDF, CSV, JSON) included, whatever is added to the site later. Dates
come from ``SOURCE_DATE_EPOCH``: the sitemap's ``lastmod`` and the gzip header's mtime.
"""

from __future__ import annotations

import calendar
import gzip
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from pathlib import Path

import pytest

from conftest import BUILD_ENV, Site, copy_sample

EPOCH = 1_600_000_000  # 2020-09-13 12:26:40 UTC; not the default of the other tests
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _start(site: Site, hash_seed: str) -> subprocess.Popen[str]:
    env = {k: v for k, v in BUILD_ENV.items() if k != "JOURNEY_MAPS_CACHE_DIR"}
    env.update(SOURCE_DATE_EPOCH=str(EPOCH), TZ="UTC", PYTHONHASHSEED=hash_seed)
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir"]
    return subprocess.Popen(
        [*command, str(site.site_dir)],
        cwd=site.root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _files(site_dir: Path) -> dict[str, Path]:
    return {
        path.relative_to(site_dir).as_posix(): path
        for path in sorted(site_dir.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Site, Site]:
    base = tmp_path_factory.mktemp("reproducible")
    first = copy_sample(_mkdir(base / "a"))
    second = copy_sample(_mkdir(base / "another" / "checkout-of-the-gallery"))
    builds = [_start(first, "1"), _start(second, "2")]
    outputs = []
    try:
        for build in builds:
            # Generous: one build renders ~200 PNG/PDF files, about a minute on 2 busy cores.
            outputs.append(build.communicate(timeout=900)[0])
    finally:
        for build in builds:
            if build.poll() is None:
                build.kill()
    for build, output in zip(builds, outputs, strict=True):
        assert build.returncode == 0, output[-3000:]
    return first, second


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True)
    return path


@pytest.mark.slow
def test_two_builds_of_the_sample_site_are_byte_identical(two_builds: tuple[Site, Site]) -> None:
    first, second = (_files(site.site_dir) for site in two_builds)
    assert len(first) > 100
    assert sorted(first) == sorted(second)
    different = [
        name for name, path in first.items() if path.read_bytes() != second[name].read_bytes()
    ]
    assert different == []


@pytest.mark.slow
def test_the_site_covers_every_kind_of_output(two_builds: tuple[Site, Site]) -> None:
    """What the byte comparison covers: pages, search index, catalog, sitemap, downloads."""
    names = set(_files(two_builds[0].site_dir))
    suffixes = {Path(name).suffix for name in names}
    assert {".html", ".json", ".xml", ".gz", ".css"} <= suffixes
    assert "journey-maps.json" in names and "search/search_index.json" in names


@pytest.mark.slow
def test_no_build_folder_path_leaks_into_the_site(two_builds: tuple[Site, Site]) -> None:
    for site in two_builds:
        needle = str(site.root).encode()
        leaks = [
            name for name, path in _files(site.site_dir).items() if needle in path.read_bytes()
        ]
        assert leaks == []


@pytest.mark.slow
def test_sitemap_dates_come_from_source_date_epoch(two_builds: tuple[Site, Site]) -> None:
    site_dir = two_builds[0].site_dir
    expected = datetime.fromtimestamp(EPOCH, timezone.utc).date()
    assert expected.isoformat() == "2020-09-13"
    root = ET.parse(site_dir / "sitemap.xml").getroot()
    dates = {element.text for element in root.iter(f"{SITEMAP}lastmod")}
    assert dates == {expected.isoformat()}
    raw = (site_dir / "sitemap.xml.gz").read_bytes()
    assert raw[:2] == b"\x1f\x8b"
    mtime = int.from_bytes(raw[4:8], "little")
    assert mtime == calendar.timegm(expected.timetuple())
    assert gzip.decompress(raw) == (site_dir / "sitemap.xml").read_bytes()
