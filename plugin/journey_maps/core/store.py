"""Results of pure functions, kept by a digest of their inputs so that a build never makes
the same thing twice: in memory for the life of the process (every rebuild of a
``mkdocs serve`` session), and on disk between builds.

A key is the digest of everything the result depends on, the project's own code included
(:func:`code_version`): a change to a map, a translation, a label or the renderer gives
another key, so a stale entry is never found; it just stops being used. Entries on disk are
verified when read (their own digest is written with them), so a file truncated by a full
disk or changed by another tool is made again instead of published.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import os
import re
import tempfile
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import TypeVar, cast

T = TypeVar("T")
#: The name of an entry's file: its key, a sha256 in hex.
_ENTRY = re.compile(r"[0-9a-f]{64}")

#: What the project's output depends on besides its own code.
LIBRARIES = ("jinja2", "markupsafe", "pydantic", "pyyaml", "cairosvg", "cairocffi")
_PACKAGE = Path(__file__).resolve().parent.parent
_SOURCE_SUFFIXES = (".py", ".html", ".po")
#: In a store's folder: touched when it was last pruned (never taken for an entry).
PRUNED_STAMP = ".pruned"


def digest(*parts: str | bytes) -> str:
    """sha256 of ``parts``, each length-prefixed, so ("ab", "c") and ("a", "bc") differ."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.hexdigest()


@cache
def code_version() -> str:
    """A digest of the package's own source (code, templates, translations) and of the
    versions of the libraries that shape its output: part of every key, so that a new
    version, or a local edit of the renderer, never reuses what an older one made."""
    parts: list[str | bytes] = []
    for path in sorted(p for p in _PACKAGE.rglob("*") if p.suffix in _SOURCE_SUFFIXES):
        parts += [path.relative_to(_PACKAGE).as_posix(), path.read_bytes()]
    for name in LIBRARIES:
        try:
            parts += [name, importlib.metadata.version(name)]
        except importlib.metadata.PackageNotFoundError:
            parts += [name, "-"]
    return digest(*parts)


_SHARED: dict[Path | None, Store] = {}


def shared_store(folder: Path | None) -> Store:
    """The process's store for ``folder``: one per folder, so the rebuilds of a ``mkdocs
    serve`` session (each with a new plugin instance) share its memory layer."""
    key = folder.resolve() if folder is not None else None
    if key not in _SHARED:
        _SHARED[key] = Store(key)
    return _SHARED[key]


class Store:
    """Text results by key: an in-memory layer (least recently used first out) over an
    optional folder.

    ``limit`` bounds the memory layer by total characters; the folder holds one file per
    entry, ``<kind>/<key[:2]>/<key>``, whose first line is the digest of the rest.
    """

    def __init__(
        self, folder: Path | None = None, *, limit: int = 256_000_000, objects: int = 200_000
    ) -> None:
        self.folder = folder
        self.limit = limit
        self.size = 0
        self._memory: OrderedDict[str, str] = OrderedDict()
        self.objects = objects
        self._objects: OrderedDict[str, object] = OrderedDict()
        self.damaged = 0
        """Entries on disk that failed their check and were made again."""

    def text(self, kind: str, key: str, make: Callable[[], str]) -> str:
        """The text stored under ``key``, or ``make()``'s, then stored."""
        found = self.peek(kind, key)
        if found is None:
            found = make()
            self.put(kind, key, found)
        return found

    def remember(self, kind: str, key: str, make: Callable[[], T]) -> T:
        """``make()``'s result, kept in memory only (a validated map, a localized one): the
        rebuilds of one ``mkdocs serve`` session skip what did not change. Keep only what
        nobody changes afterwards."""
        slot = f"{kind}/{key}"
        if slot in self._objects:
            self._objects.move_to_end(slot)
            return cast(T, self._objects[slot])
        made = make()
        self.hold(kind, key, made)
        return made

    def recall(self, kind: str, key: str) -> object | None:
        """The object :meth:`remember` or :meth:`hold` kept under ``key``, if any."""
        slot = f"{kind}/{key}"
        found = self._objects.get(slot)
        if found is not None:
            self._objects.move_to_end(slot)
        return found

    def hold(self, kind: str, key: str, value: object) -> None:
        """Keep ``value`` in memory under ``key`` (nobody may change it afterwards)."""
        self._objects[f"{kind}/{key}"] = value
        if len(self._objects) > self.objects:
            self._objects.popitem(last=False)

    def peek(self, kind: str, key: str) -> str | None:
        """The text stored under ``key``, if any."""
        slot = f"{kind}/{key}"
        found = self._memory.get(slot)
        if found is not None:
            self._memory.move_to_end(slot)
            return found
        found = self._read(kind, key)
        if found is not None:
            self._remember(slot, found)
        return found

    def put(self, kind: str, key: str, text: str) -> None:
        self._write(kind, key, text)
        self._remember(f"{kind}/{key}", text)

    def _remember(self, slot: str, text: str) -> None:
        self._memory[slot] = text
        self.size += len(text)
        while self.size > self.limit and len(self._memory) > 1:
            _, dropped = self._memory.popitem(last=False)
            self.size -= len(dropped)

    def _path(self, kind: str, key: str) -> Path | None:
        return None if self.folder is None else self.folder / kind / key[:2] / key

    def _read(self, kind: str, key: str) -> str | None:
        path = self._path(kind, key)
        if path is None:
            return None
        try:
            data = path.read_bytes()
        except OSError:
            return None
        check, _, body = data.partition(b"\n")
        if check.decode("ascii", "replace") != hashlib.sha256(body).hexdigest():
            self.damaged += 1
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # used: kept by pruning
        return body.decode("utf-8")

    def _write(self, kind: str, key: str, text: str) -> None:
        path = self._path(kind, key)
        if path is None:
            return
        body = text.encode("utf-8")
        data = hashlib.sha256(body).hexdigest().encode("ascii") + b"\n" + body
        with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(handle, "wb") as file:
                file.write(data)
            Path(temporary).replace(path)

    def prune(
        self, kinds: Iterable[str], *, older_than_days: int, at_most_daily: bool = False
    ) -> int:
        """Delete entries of ``kinds`` no build has used for ``older_than_days``; only files
        named as entries are, so a folder that also holds other files loses none of them.

        ``at_most_daily`` skips the walk when the folder was pruned in the last day (a stamp
        file says when): looking at every entry cost each build a time that grew with the
        cache, and an age counted in days loses nothing by being checked once a day.
        """
        if self.folder is None:
            return 0
        if at_most_daily and not self._prune_due():
            return 0
        cutoff = time.time() - older_than_days * 86_400
        deleted = 0
        for kind in kinds:
            for path in (self.folder / kind).glob("??/*"):
                if not _ENTRY.fullmatch(path.name) or path.name[:2] != path.parent.name:
                    continue
                try:
                    if path.stat().st_mtime < cutoff:
                        path.unlink()
                        deleted += 1
                except OSError:
                    continue
        return deleted

    def _prune_due(self) -> bool:
        """Whether the last pruning was a day ago or more (or never); if so, now counts."""
        assert self.folder is not None
        stamp = self.folder / PRUNED_STAMP
        try:
            if time.time() - stamp.stat().st_mtime < 86_400:
                return False
        except OSError:
            pass  # never pruned (or unreadable): prune
        with contextlib.suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            stamp.touch()
        return True
