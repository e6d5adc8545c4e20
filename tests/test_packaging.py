"""The wheel, installed on its own: what it contains, and that it builds the sample gallery.

The wheel is built from the checkout (hatchling, with the build hook that compiles the
gettext catalogs), then installed into fresh virtual environments with dependencies from
the package index, constrained to the pinned versions of requirements.txt. Everything runs
from folders outside the repository, so nothing from the checkout can be imported.

* MkDocs: ``mkdocs build --strict`` of a copy of the sample gallery, ``journey-maps
  validate`` and ``journey-maps render``.
* ProperDocs (the maintained fork of MkDocs 1.6, pinned in requirements-dev.txt): it loads
  ``mkdocs.plugins`` entry points and maps ``mkdocs.*`` imports onto itself, so the same
  wheel and mkdocs-material build the sample gallery with ``properdocs build``.

pip's cache makes reruns fast; the first run downloads the dependencies.
"""

from __future__ import annotations

import gettext
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow

PLUGIN = ROOT / "plugin" / "journey_maps"
INSTALL_TIMEOUT = 900  # first run: dependencies come from the index
BUILD_TIMEOUT = 900  # the sample gallery renders ~200 PNG/PDF downloads


def _pin(name: str, requirements: Path) -> str:
    found = re.search(rf"(?im)^{re.escape(name)}==(\S+)", requirements.read_text("utf-8"))
    assert found, f"{name} is not pinned in {requirements.name}"
    return found[1]


def _run(
    command: list[str | Path], *, cwd: Path, env: dict[str, str], timeout: float
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(c) for c in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, f"{command}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


@dataclass
class Venv:
    root: Path

    @property
    def bin(self) -> Path:
        return self.root / ("Scripts" if os.name == "nt" else "bin")

    @property
    def python(self) -> Path:
        return self.bin / "python"

    def env(self, cache: Path) -> dict[str, str]:
        """A clean environment: this venv first on PATH, nothing pointing at the checkout."""
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME", "JOURNEY_MAPS_CACHE_DIR")
        }
        env.update(
            PATH=f"{self.bin}{os.pathsep}{env.get('PATH', '')}",
            VIRTUAL_ENV=str(self.root),
            SOURCE_DATE_EPOCH="1700000000",
            NO_MKDOCS_2_WARNING="1",
            PIP_DISABLE_PIP_VERSION_CHECK="1",
            PIP_NO_INPUT="1",
            JOURNEY_MAPS_CACHE_DIR=str(cache),
        )
        return env


@pytest.fixture(scope="module")
def outside(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("packaging")
    assert not folder.resolve().is_relative_to(ROOT), "the temporary folder is in the checkout"
    yield folder
    # Two virtual environments and three sites: a few hundred MB not worth keeping.
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def wheel(outside: Path) -> Path:
    dist = outside / "dist"
    _run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", dist, ROOT],
        cwd=outside,
        env={**os.environ},
        timeout=300,
    )
    (built,) = dist.glob("mkdocs_journey_maps-*.whl")
    return built


def _venvs(outside: Path, wheel: Path, wanted: dict[str, list[str]]) -> dict[str, Venv]:
    """Fresh venvs with the wheel (and extra requirements) installed, all at the same time."""
    venvs = {name: Venv(outside / name) for name in wanted}
    for venv in venvs.values():
        _run(
            [sys.executable, "-m", "venv", venv.root], cwd=outside, env={**os.environ}, timeout=300
        )
    installs = {
        name: subprocess.Popen(
            [
                str(venv.python),
                "-m",
                "pip",
                "install",
                "--quiet",
                str(wheel),
                *wanted[name],
                "-c",
                str(ROOT / "requirements.txt"),
            ],
            cwd=outside,
            env=venv.env(outside / "cache"),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for name, venv in venvs.items()
    }
    try:
        for name, process in installs.items():
            output = process.communicate(timeout=INSTALL_TIMEOUT)[0]
            assert process.returncode == 0, f"pip install into {name} failed:\n{output[-3000:]}"
    finally:
        for process in installs.values():
            if process.poll() is None:
                process.kill()
    return venvs


def _sample(folder: Path) -> Path:
    for name in ("docs", "maps"):
        shutil.copytree(ROOT / name, folder / name)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    return folder


@pytest.fixture(scope="module")
def venvs(outside: Path, wheel: Path) -> dict[str, Venv]:
    pin = _pin("properdocs", ROOT / "requirements-dev.txt")
    return _venvs(outside, wheel, {"venv-mkdocs": [], "venv-properdocs": [f"properdocs=={pin}"]})


@pytest.fixture(scope="module")
def mkdocs_venv(venvs: dict[str, Venv]) -> Venv:
    return venvs["venv-mkdocs"]


@pytest.fixture(scope="module")
def properdocs_venv(venvs: dict[str, Venv]) -> Venv:
    return venvs["venv-properdocs"]


# --- the wheel -----------------------------------------------------------------------------------


def test_wheel_contains_the_theme_catalogs_and_templates_and_nothing_else(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        assert "journey_maps/theme/assets/journey-maps/journey-maps.css" in names
        templates = {p.name for p in (PLUGIN / "site" / "html" / "templates").glob("*.html")}
        assert templates
        for template in templates:
            assert f"journey_maps/site/html/templates/{template}" in names
        catalogs = sorted((PLUGIN / "i18n" / "locale").glob("*/LC_MESSAGES/*.po"))
        assert len(catalogs) >= 5
        for po in catalogs:
            relative = po.relative_to(PLUGIN).with_suffix(".mo").as_posix()
            name = f"journey_maps/{relative}"
            assert name in names, name
            with archive.open(name) as handle:
                translations = gettext.GNUTranslations(handle)
            assert translations.gettext("Map type") != "Map type", name
        top_level = {name.split("/", 1)[0] for name in names}
        dist_info = {t for t in top_level if t.endswith(".dist-info")}
        assert top_level - dist_info == {"journey_maps"}
        assert not any(n.startswith(("tests/", "maps/", "docs/")) for n in names)
        assert not any("/tests/" in n or n.endswith((".pyc", ".yaml")) for n in names), [
            n for n in names if "/tests/" in n or n.endswith((".pyc", ".yaml"))
        ]
        (entry_points,) = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
        text = archive.read(entry_points).decode()
    assert "journey-maps = journey_maps.mkdocs.plugin:JourneyMapsPlugin" in text
    assert "journey-maps = journey_maps.cli:main" in text


# --- installed with MkDocs ------------------------------------------------------------------


def test_installed_package_is_imported_from_site_packages_at_pinned_versions(
    mkdocs_venv: Venv, outside: Path
) -> None:
    script = (
        "import json, sysconfig, importlib.metadata as m, journey_maps;"
        "print(json.dumps([journey_maps.__file__, sysconfig.get_paths()['purelib'],"
        "{d.metadata['Name'].lower(): d.version for d in m.distributions()}]))"
    )
    result = _run(
        [mkdocs_venv.python, "-c", script],
        cwd=outside,
        env=mkdocs_venv.env(outside / "cache"),
        timeout=120,
    )
    module, purelib, versions = json.loads(result.stdout)
    assert Path(module).resolve().is_relative_to(Path(purelib).resolve())
    assert not Path(module).resolve().is_relative_to(ROOT)
    pins = re.findall(r"(?m)^([A-Za-z0-9_.-]+)==(\S+)", (ROOT / "requirements.txt").read_text())
    assert pins
    for name, version in pins:
        assert versions.get(name.lower()) == version, (name, versions.get(name.lower()))


def test_installed_package_builds_the_sample_gallery_with_mkdocs(
    mkdocs_venv: Venv, outside: Path
) -> None:
    project = _sample(outside / "gallery-mkdocs")
    env = mkdocs_venv.env(outside / "cache")
    _run(
        [mkdocs_venv.bin / "mkdocs", "build", "--strict", "--site-dir", project / "site"],
        cwd=project,
        env=env,
        timeout=BUILD_TIMEOUT,
    )
    site = project / "site"
    assert (site / "assets" / "journey-maps" / "journey-maps.css").is_file()
    catalog = site / "journey-maps.json"
    assert catalog.is_file()
    english = (site / "maps" / "colleen-vacuum-current" / "index.html").read_text("utf-8")
    german = (site / "de" / "maps" / "colleen-vacuum-current" / "index.html").read_text("utf-8")
    assert "Map type" in english
    # the German interface words come from the compiled catalogs in the wheel
    assert "Kartentyp" in german and "Map type" not in german


def test_installed_cli_validates_and_renders(mkdocs_venv: Venv, outside: Path) -> None:
    project = _sample(outside / "gallery-cli")
    env = mkdocs_venv.env(outside / "cache")
    cli = mkdocs_venv.bin / "journey-maps"
    result = _run([cli, "validate", "maps"], cwd=project, env=env, timeout=120)
    assert re.search(r"ok: \d+ map\(s\), \d+ persona\(s\)", result.stderr)
    _run(
        [cli, "render", "maps/colleen-vacuum-current.yaml", "-o", "x.svg"],
        cwd=project,
        env=env,
        timeout=120,
    )
    root = ET.parse(project / "x.svg").getroot()
    assert root.get("role") == "img"


# --- installed with ProperDocs --------------------------------------------------------------


def test_installed_package_builds_the_sample_gallery_with_properdocs(
    properdocs_venv: Venv, outside: Path
) -> None:
    project = _sample(outside / "gallery-properdocs")
    env = properdocs_venv.env(outside / "cache")
    result = _run(
        [
            properdocs_venv.bin / "properdocs",
            "build",
            "--strict",
            "--config-file",
            project / "mkdocs.yml",
            "--site-dir",
            project / "site",
        ],
        cwd=project,
        env=env,
        timeout=BUILD_TIMEOUT,
    )
    assert "journey_maps" in result.stderr  # the plugin logged that it loaded the gallery
    site = project / "site"
    index = (site / "index.html").read_text("utf-8")
    assert re.search(r'<meta name="generator" content="[^"]*ProperDocs', index)
    page = (site / "maps" / "colleen-vacuum-current" / "index.html").read_text("utf-8")
    assert 'data-map-id="colleen-vacuum-current"' in page and "<svg" in page
    assert (site / "assets" / "journey-maps" / "journey-maps.css").is_file()
    assert (site / "journey-maps.json").is_file()


def test_outside_folder_is_really_outside(outside: Path) -> None:
    assert not outside.resolve().is_relative_to(ROOT)
    assert not Path(sysconfig.get_paths()["purelib"]).resolve().is_relative_to(outside.resolve())
