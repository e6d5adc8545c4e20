"""Saving a map under ``mkdocs serve`` updates its pages in place (journey_maps.mkdocs.serve).

The promise tested here: an in-place update leaves the site exactly as a full build of the
edited files would, byte for byte (search indexes included), and it falls back to MkDocs'
full rebuild whenever the pages or the navigation change. The first tests drive the plugin
in-process through the session the dev server uses; the last one runs a real
``mkdocs serve`` and polls the served page.
"""

from __future__ import annotations

import hashlib
import logging
import os
import socket
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import BUILD_ENV, Site, copy_sample, serve_in_background, stop_serving
from journey_maps.mkdocs import serve

MAP = "maps/colleen-vacuum-current.yaml"


@pytest.fixture(autouse=True)
def _build_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("SOURCE_DATE_EPOCH", "NO_MKDOCS_2_WARNING", "JOURNEY_MAPS_CACHE_DIR"):
        monkeypatch.setenv(name, BUILD_ENV[name])


def _serve_build(site: Site, site_dir: Path) -> serve.Session:
    """A build as ``mkdocs serve`` makes it, and the session it leaves for the next save."""
    config = load_config(str(site.root / "mkdocs.yml"), site_dir=str(site_dir))
    config.plugins.on_startup(command="serve", dirty=False)
    build(config)
    return serve.SESSIONS[str(config.config_file_path)]


def _files(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    # A later mtime even on coarse clocks: the session sees changes by time and size.
    later = path.stat().st_mtime_ns + 10_000_000
    os.utime(path, ns=(later, later))


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Site, serve.Session]]:
    site = copy_sample(tmp_path / "project")
    session = _serve_build(site, tmp_path / "served")
    yield site, session
    serve.SESSIONS.clear()


def test_an_edit_updates_the_pages_in_place_as_a_full_build_would(
    served: tuple[Site, serve.Session], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    site, session = served
    _edit(site.root / MAP, "Asks friends and family", "Asks the neighbours")
    with caplog.at_level(logging.INFO):
        assert session.rebuild(), caplog.text
    assert "Updated the site in place" in caplog.text

    updated = tmp_path / "served"
    page = (updated / "maps/colleen-vacuum-current/index.html").read_text(encoding="utf-8")
    assert "Asks the neighbours what they use" in page
    fresh = tmp_path / "fresh"
    _serve_build(site, fresh)
    assert _files(updated) == _files(fresh)


def test_a_pain_point_edit_updates_the_registry_and_an_action_edit_leaves_it(
    served: tuple[Site, serve.Session], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Registry pages are rebuilt when a map on them changed, not for every edit."""
    site, session = served
    registry = tmp_path / "served/maps/pain-points/index.html"
    _edit(site.root / MAP, "Ads talk about suction power", "Ads only talk about suction power")
    with caplog.at_level(logging.INFO):
        assert session.rebuild(), caplog.text
    assert "Ads only talk about suction power" in registry.read_text(encoding="utf-8")

    written = registry.stat().st_mtime_ns
    map_page = tmp_path / "served/maps/colleen-vacuum-current/index.html"
    _edit(site.root / MAP, "Saves a handful of brands", "Saves a few brands")
    with caplog.at_level(logging.INFO):
        assert session.rebuild(), caplog.text
    assert "Saves a few brands" in map_page.read_text(encoding="utf-8")
    assert registry.stat().st_mtime_ns == written  # not written again
    fresh = tmp_path / "fresh"
    _serve_build(site, fresh)
    assert _files(tmp_path / "served") == _files(fresh)


#: Edits of each part of a map that some pages show apart from the rest (the aspects of
#: journey_maps.site.pages.Aspect), and of what none of them shows.
EDITS = [
    ("summary", "buyer whose old vacuum broke", "buyer whose old machine broke"),
    ("tags", "tags: [b2c, retail,", "tags: [b2c, retail, spring,"),
    ("emotion", "score: -1", "score: -2"),
    ("stage name", "name: Awareness and discovery", "name: Awareness and search"),
    ("opportunity", "Social campaigns built on", "Social campaigns made from"),
    ("action plan", "Implement a chatbot so Colleen", "Implement a chat assistant so Colleen"),
    (
        "new action (thumbnail)",
        "      - Saves a handful",
        "      - Asks a neighbour\n      - Saves a handful",
    ),
    ("thought", "The cheap one was a false economy.", "Cheap was a false economy."),
]


def test_every_kind_of_edit_leaves_the_site_as_a_full_build_would(
    served: tuple[Site, serve.Session], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Pages that show only part of a map (its card, its registry entries, its action plan)
    are skipped for edits elsewhere in it: after each kind of edit, every file of the site
    is what a full build of the edited files makes."""
    site, session = served
    served_dir = tmp_path / "served"
    for n, (what, old, new) in enumerate(EDITS):
        _edit(site.root / MAP, old, new)
        with caplog.at_level(logging.INFO):
            assert session.rebuild(), f"{what}: {caplog.text}"
        # MkDocs keeps one plugin instance per process: after this build, it (and the
        # session) serve the fresh folder, which the next edit updates in place.
        fresh = tmp_path / f"fresh-{n}"
        session = _serve_build(site, fresh)
        updated = _files(served_dir)
        differ = sorted(path for path, sha in _files(fresh).items() if updated.get(path) != sha)
        assert not differ, f"after the {what} edit: {differ[:8]}"
        served_dir = fresh


def test_a_translation_edit_updates_that_language_only(
    served: tuple[Site, serve.Session], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    site, session = served
    translation = site.maps / "translations/de/colleen-vacuum-current.yaml"
    _edit(translation, "    text: Herausfinden,", "    text: Zuerst herausfinden,")
    with caplog.at_level(logging.INFO):
        assert session.rebuild(), caplog.text
    changed = caplog.text.split("page(s) changed:")[-1]
    assert "de/maps/colleen-vacuum-current/index.md" in changed
    assert "lv/maps/" not in changed and " maps/colleen-vacuum-current" not in changed
    fresh = tmp_path / "fresh"
    _serve_build(site, fresh)
    assert _files(tmp_path / "served") == _files(fresh)


def test_a_new_title_in_the_navigation_is_left_to_the_full_rebuild(
    served: tuple[Site, serve.Session],
) -> None:
    site, session = served
    text = (site.root / MAP).read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    _edit(site.root / MAP, title, "title: Colleen buys a robot vacuum")
    assert not session.rebuild()  # MkDocs' own rebuild then runs


def test_a_file_outside_the_maps_folder_is_left_to_the_full_rebuild(
    served: tuple[Site, serve.Session],
) -> None:
    site, session = served
    _edit(site.root / "docs/index.md", "#", "# Edited\n\n#")
    assert not session.rebuild()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


class _Server:
    """What MkDocs' dev server shares with its watchers: a flag and a condition."""

    def __init__(self) -> None:
        self._rebuild_cond = threading.Condition()
        self._want_rebuild = False


def test_a_saved_map_wakes_the_dev_server_without_waiting_for_its_poll(tmp_path: Path) -> None:
    """The native watcher alone (no polling here) sets the server's rebuild flag."""
    folder = tmp_path / "maps"
    folder.mkdir()
    server = _Server()
    assert serve.watch_natively(server, folder)
    (folder / "new.yaml").write_text("title: x\n", encoding="utf-8")
    with server._rebuild_cond:
        assert server._rebuild_cond.wait_for(lambda: server._want_rebuild, timeout=20)


def test_a_rebuild_with_nothing_changed_does_nothing(
    served: tuple[Site, serve.Session], caplog: pytest.LogCaptureFixture
) -> None:
    """Both watchers report one save: the second rebuild finds nothing to do, rather than
    falling back to a full build; unless some watched path is not in the session's view."""
    _site, session = served
    calls: list[set[str]] = []
    session.update = lambda paths: calls.append(paths) or True
    session.watched = lambda: []
    assert session.rebuild() and calls == []
    session.watched = None  # what MkDocs watches is unknown: MkDocs decides
    assert not session.rebuild() and calls == []


def test_mkdocs_serve_shows_a_saved_map_without_a_full_rebuild(tmp_path: Path) -> None:
    site = copy_sample(tmp_path / "project")
    port = _free_port()
    log = tmp_path / "serve.log"
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"]
    with log.open("w") as out:
        server = serve_in_background(command, site.root, out)
    page = f"http://127.0.0.1:{port}/maps/colleen-vacuum-current/"
    try:
        deadline = time.monotonic() + 240
        while "Asks friends and family" not in _fetch(page):
            assert time.monotonic() < deadline, log.read_text()
            assert server.poll() is None, log.read_text()
            time.sleep(0.2)
        _edit(site.root / MAP, "Asks friends and family", "Asks a shop assistant")
        deadline = time.monotonic() + 120
        while "Asks a shop assistant" not in _fetch(page):
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.1)
        deadline = time.monotonic() + 30
        while "Updated the site in place" not in log.read_text():
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.1)
        assert log.read_text().count("Building documentation") == 1, log.read_text()
    finally:
        stop_serving(server)
