"""Shared fixtures: build real MkDocs + mkdocs-material sites in temporary folders."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from helpers_tools import unavailable

ROOT = Path(__file__).resolve().parent.parent


def pytest_runtest_setup(item: pytest.Item) -> None:
    """``@needs(available, hint)`` (helpers_tools.py): skip with the hint, fail under CI."""
    for mark in item.iter_markers("needs"):
        if not mark.args[0]:
            unavailable(mark.kwargs["hint"])


SAMPLE_MAPS = ROOT / "maps"
# One export cache for every site a test session builds: keys are content hashes (with the
# renderer version), so sharing is safe, and blank templates render once, not per test.
EXPORT_CACHE = Path(tempfile.gettempdir()) / f"journey-maps-test-cache-{os.getuid()}"
BUILD_ENV = {
    **os.environ,
    "SOURCE_DATE_EPOCH": "1700000000",
    "NO_MKDOCS_2_WARNING": "1",
    "JOURNEY_MAPS_CACHE_DIR": str(EXPORT_CACHE),
}

BASE_CONFIG = """\
site_name: Test gallery
site_url: https://example.org/gallery/
theme:
  name: material
plugins:
  - search
  - journey-maps:
      maps_dir: maps
{extra_plugin}
markdown_extensions:
  - attr_list
  - md_in_html
  - tables
{extra}
"""


@dataclass
class Site:
    """A temporary MkDocs project: mkdocs.yml, docs/, maps/ and where it builds to."""

    root: Path

    @property
    def maps(self) -> Path:
        return self.root / "maps"

    @property
    def site_dir(self) -> Path:
        return self.root / "site"

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def build(
        self, *args: str, strict: bool = True, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(self.site_dir)]
        if strict:
            command.append("--strict")
        return subprocess.run(
            [*command, *args],
            cwd=self.root,
            env={**BUILD_ENV, **(env or {})},
            capture_output=True,
            text=True,
            timeout=300,
        )

    def page(self, url: str) -> str:
        """Text of a built page by its site URL (``maps/x/`` or ``maps/x/index.html``)."""
        path = self.site_dir / url
        if url.endswith("/") or not url:
            path = path / "index.html"
        return path.read_text(encoding="utf-8")


def make_site(
    root: Path,
    maps: dict[str, str] | None = None,
    personas: dict[str, str] | None = None,
    *,
    plugin_options: str = "",
    extra: str = "",
    docs: dict[str, str] | None = None,
) -> Site:
    """Write a small project; ``maps``/``personas`` map file names to YAML text."""
    site = Site(root)
    site.write(
        "mkdocs.yml",
        BASE_CONFIG.format(extra_plugin=textwrap.indent(plugin_options, " " * 6), extra=extra),
    )
    for name, text in (docs or {"index.md": "# Test gallery\n\nHello.\n"}).items():
        site.write(f"docs/{name}", text)
    site.maps.mkdir(parents=True, exist_ok=True)
    for name, text in (maps or {}).items():
        site.write(f"maps/{name}", text)
    for name, text in (personas or {}).items():
        site.write(f"maps/personas/{name}", text)
    return site


def copy_sample(root: Path) -> Site:
    """A copy of the repository's sample gallery site (docs, maps, mkdocs.yml)."""
    for name in ("docs", "maps"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    return Site(root)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The sample gallery, built once per test session with --strict."""
    site = copy_sample(tmp_path_factory.mktemp("sample"))
    result = site.build()
    assert result.returncode == 0, result.stdout + result.stderr
    return site


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        for attr in ("href", "src"):
            value = values.get(attr)
            if value and tag in ("a", "link", "script", "img"):
                self.links.append((attr, value))


def parse_links(html: str) -> _Links:
    parser = _Links()
    parser.feed(html)
    return parser


def broken_internal_links(site_dir: Path) -> list[str]:
    """Every internal href/src in the built site that does not resolve to a file or anchor."""
    broken: list[str] = []
    # 404.html uses absolute URLs on purpose: it is served at any depth.
    pages = sorted(p for p in site_dir.rglob("*.html") if p.name != "404.html")
    ids = {page: parse_links(page.read_text(encoding="utf-8")).ids for page in pages}
    for page in pages:
        for _attr, link in parse_links(page.read_text(encoding="utf-8")).links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith("//") or link.startswith("mailto:"):
                continue
            target = page if not parts.path else (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page.relative_to(site_dir)}: {link}")
            elif parts.fragment and target.suffix == ".html":
                target_ids = ids.get(target) or parse_links(target.read_text("utf-8")).ids
                if unquote(parts.fragment) not in target_ids and parts.fragment != "__skip":
                    broken.append(f"{page.relative_to(site_dir)}: {link} (no such anchor)")
    return broken


PROBLEM_LINE = re.compile(r"^(?P<path>[^:\s]+):(?P<line>\d+):(?P<col>\d+): (error|warning): .+$")


def serve_in_background(command: list[str], cwd: Path, out: Any) -> subprocess.Popen[bytes]:
    """``mkdocs serve`` as a child that Ctrl-C stops (see :func:`stop_serving`), even when
    the test run itself ignores SIGINT (started in the background)."""
    return subprocess.Popen(
        command,
        cwd=cwd,
        env=BUILD_ENV,
        stdout=out,
        stderr=out,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def stop_serving(process: subprocess.Popen[bytes]) -> None:
    """Stop a dev server as Ctrl-C does: MkDocs then deletes its temporary site folder,
    which it leaves behind when terminated (up to a gigabyte for a big gallery)."""
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
