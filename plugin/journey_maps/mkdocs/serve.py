"""Saving a map while ``mkdocs serve`` runs: the pages it changes, in place, in a moment.

MkDocs answers any change of a watched file with a whole new build: for a 500-map gallery in
six languages, some 3,500 pages through the theme, half a minute. When only files in the
maps folder changed (maps, personas, translations), the plugin does the same work for what
the change reached instead:

1. it loads the gallery again: unchanged files are neither parsed nor validated nor
   localized again (the build's :class:`~journey_maps.core.store.Store` keeps them);
2. it plans the site again and compares it with the last build: if the pages are not the
   same pages (a map added, removed or renamed) or the navigation would change (a title it
   lists), it leaves the rebuild to MkDocs;
3. it renders the body of every page that could show what changed (a map's pages; the
   gallery, persona and registry pages only if the part of the map they show changed, see
   :class:`~journey_maps.site.pages.Aspect`; the rest of the HTML is kept in the store), and
   sends the pages
   whose body differs from the last build through MkDocs' own page pipeline (the theme, and
   every plugin's page events), the edited maps' own pages first;
4. it rewrites the downloads, the catalog, the facet stylesheet and the redirects that
   changed, and the search index of each language whose pages changed (from the entries
   the pages left when they were built, :mod:`journey_maps.mkdocs.search`).

The dev server hears of a save from the system at once (:func:`watch_natively`), and the
heap a full build leaves is kept out of the garbage collector's way (:func:`settle_heap`).

What it does not redo: pages whose body did not change (their navigation cannot have changed
either, see 2.), the author's own pages, sitemaps (the same pages, the same sitemaps), and the
theme's static files. Anything it cannot do falls back to MkDocs' full rebuild, so the result
is always a build MkDocs could have made: tests/test_serve_in_place.py compares the two byte
by byte.
It reaches into two internals of MkDocs 1.6 (``_populate_page`` and ``_build_page``, the
per-page steps of ``mkdocs build``); if they are missing, it stands back.
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger(__name__)

YAML_SUFFIXES = (".yaml", ".yml")

#: Files of a folder by path: (modification time in ns, size). Enough to see what changed.
Snapshot = dict[str, tuple[int, int]]


def snapshot(roots: Iterable[Path]) -> Snapshot:
    """Every file below ``roots`` (files or folders), with its time and size."""
    found: Snapshot = {}
    for root in roots:
        if root.is_file():
            stat = root.stat()
            found[str(root)] = (stat.st_mtime_ns, stat.st_size)
            continue
        for folder, _dirs, names in os.walk(root):
            for name in names:
                path = Path(folder) / name
                try:
                    stat = path.stat()
                except OSError:
                    continue
                found[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return found


def changed(before: Snapshot, after: Snapshot) -> set[str]:
    """Paths added, removed or modified between two snapshots."""
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


@dataclass
class Session:
    """What a ``mkdocs serve`` process keeps from its last build, to update it in place.

    ``update`` is the plugin's in-place rebuild, which says whether it could; ``roots`` are
    the inputs MkDocs watches, ``maps_dir`` the only folder whose changes it handles.
    """

    update: Callable[[set[str]], bool]
    roots: list[Path]
    maps_dir: Path
    files: Snapshot = field(default_factory=dict)
    #: Everything the dev server watches, when known (install); else ``roots``.
    watched: Callable[[], list[Path]] | None = None

    def inputs(self) -> list[Path]:
        """What to compare between builds: all that can trigger one."""
        if self.watched is None:
            return self.roots
        return sorted({*self.roots, *self.watched()})

    def handles(self, paths: set[str]) -> bool:
        """Whether every changed path is a YAML file of the maps folder."""
        root = str(self.maps_dir) + os.sep
        return bool(paths) and all(
            path.startswith(root) and path.lower().endswith(YAML_SUFFIXES) for path in paths
        )

    def rebuild(self) -> bool:
        """Update the served site in place if only map files changed; False: do a full build.

        Nothing changed at all (two watchers saw one save, or a file was saved unchanged):
        nothing to do, when the session knows every watched path."""
        now = snapshot(self.inputs())
        paths = changed(self.files, now)
        if not paths and self.watched is not None:
            return True
        if not self.handles(paths):
            return False
        start = time.perf_counter()
        try:
            done = self.update(paths)
        except Exception as error:
            log.warning("Updating the pages in place failed (%s); rebuilding the site", error)
            return False
        if done:
            self.files = now
            log.info("Updated the site in place in %.2f s", time.perf_counter() - start)
        return done


#: Per config file being served: everything its dev server watches (see Session.watched).
WATCHED: dict[str, Callable[[], list[Path]]] = {}

#: The session of each config file being served (one per ``mkdocs serve`` process in
#: practice; keyed so that a test serving two sites keeps them apart).
SESSIONS: dict[str, Session] = {}


def install(server: Any, config_file: str, maps_dir: Path) -> None:
    """Let the dev server try an in-place update before each full rebuild, and hear of a
    saved map as soon as the system says so (:func:`watch_natively`)."""
    full_build = server.builder
    if getattr(full_build, "journey_maps", False):
        return
    if watch_natively(server, maps_dir):
        session = SESSIONS.get(config_file)
        watched = getattr(server, "_watched_paths", None)
        if isinstance(watched, dict):
            WATCHED[config_file] = lambda: [Path(path).resolve() for path in watched]
            if session is not None:  # the first build came first
                session.watched = WATCHED[config_file]
                session.files = snapshot(session.inputs())

    def builder(*args: Any, **kwargs: Any) -> None:
        session = SESSIONS.get(config_file)
        if session is not None and not args and not kwargs and session.rebuild():
            return
        full_build(*args, **kwargs)

    builder.journey_maps = True  # type: ignore[attr-defined]
    server.builder = builder


def watch_natively(server: Any, folder: Path) -> bool:
    """Wake the dev server's rebuild as soon as the operating system reports a change in
    ``folder`` (inotify, FSEvents, ReadDirectoryChangesW), rather than at its next poll.

    MkDocs looks for changes by listing the watched folders every half second, reliable
    everywhere (network drives, containers) but 0.25 s late on average. Its polling stays:
    this only adds an earlier signal, the same one its own watcher gives. If the system has
    no such service, or refuses one more watch, nothing is added.
    """
    if not hasattr(server, "_rebuild_cond") or not hasattr(server, "_want_rebuild"):
        return False  # another MkDocs: its polling alone
    condition: Any = server._rebuild_cond
    try:
        from watchdog.events import FileSystemEvent, FileSystemEventHandler
        from watchdog.observers import Observer
    except ImportError:
        return False

    class Saved(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            if event.is_directory:
                return
            with condition:
                server._want_rebuild = True
                condition.notify_all()

    observer = Observer()
    observer.daemon = True
    try:
        observer.schedule(Saved(), str(folder), recursive=True)
        observer.start()
    except OSError as error:
        log.debug("No native watch of %s (%s): polling only", folder, error)
        return False
    return True


def settle_heap() -> None:
    """After a full build under ``mkdocs serve``: collect its garbage, then exempt what is
    left (the gallery, its pages, the store's memory: millions of objects at 500 maps) from
    Python's cyclic garbage collector.

    Otherwise every in-place update pays for it: the collector's occasional full pass walks
    every object the process holds, some 0.4 s at 500 maps, at an unpredictable point of the
    update. Objects made later are collected as usual; what the frozen build leaves behind
    when the next full build replaces it is collected then, here (a full build takes far
    longer than this pass).
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def mkdocs_page_steps() -> tuple[Callable[..., None], Callable[..., None]] | None:
    """MkDocs' own per-page build steps (``mkdocs build`` runs them for every page)."""
    from mkdocs.commands import build

    populate = getattr(build, "_populate_page", None)
    render = getattr(build, "_build_page", None)
    if callable(populate) and callable(render):
        return populate, render
    return None
