"""A content-addressed cache of rendered files, and atomic writes confined to one folder.

Rasterizing is the slow part of a build, and its output depends only on the input SVG,
the options and the versions of the libraries involved: so the key is a sha256 of exactly
those (see :func:`journey_maps.export.jobs.ExportJob.key`), and a warm rebuild renders
nothing. Entries are files named by their key under ``<cache_dir>/<2 hex>/``; a hit
refreshes the entry's modification time so that stale entries can be pruned by age
(:func:`prune`, which deletes nothing but entries). Every write goes to a temporary file
beside the target and is renamed into place, so a reader (or a crash, or a parallel build)
never sees half a file.

An entry is never trusted blindly: it holds a header and the sha256 of its content, checked
on every read, so a file cut short by a full disk or changed by another tool is rendered
again (and counted in :attr:`Cache.damaged`) instead of being published.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import time
from pathlib import Path, PurePosixPath

_BAD_PARTS = {"", ".", ".."}
#: What every entry starts with, then the sha256 of the content, then the content.
_HEADER = b"journey-maps cache 1\n"
_DIGEST_SIZE = hashlib.sha256().digest_size
#: The only files :func:`prune` may delete: entries, and temporary files left by a crash.
_ENTRY_NAME = re.compile(r"^\.?[0-9a-f]{64}\.[a-z]+(?:\.[0-9]+\.[0-9a-f]{8}\.tmp)?$")


#: Replaces the configured cache folder when set, so that sites and CI jobs share one cache.
CACHE_DIR_ENV = "JOURNEY_MAPS_CACHE_DIR"


def cache_folder(configured: Path) -> Path:
    """The cache folder a build uses: ``$JOURNEY_MAPS_CACHE_DIR``, else ``configured``."""
    return Path(os.environ.get(CACHE_DIR_ENV) or configured).resolve()


class UnsafePathError(ValueError):
    """An output path that would land outside the output folder."""


def safe_target(out_dir: Path, relative: str) -> Path:
    """``out_dir / relative``, refusing anything that could escape ``out_dir``.

    ``relative`` must be a relative POSIX path without ``.``/``..`` parts or backslashes;
    after resolving symbolic links the target must still be inside ``out_dir``.
    """
    if not relative or "\\" in relative or "\0" in relative or ":" in relative:
        raise UnsafePathError(f"{relative!r} is not a plain relative path")
    pure = PurePosixPath(relative)
    if pure.is_absolute() or any(part in _BAD_PARTS for part in relative.split("/")):
        raise UnsafePathError(f"{relative!r} leaves the output folder")
    root = out_dir.resolve()
    target = root.joinpath(*pure.parts)
    if not target.resolve().is_relative_to(root):
        raise UnsafePathError(f"{relative!r} leaves the output folder through a link")
    return target


def write_atomic(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` through a temporary file and a rename."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    # os.open applies the umask to 0o666, like a plain open() would (tempfile uses 0o600).
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    handle = os.open(temporary, flags, 0o666)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        temporary.replace(target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


class Cache:
    """Rendered bytes by key in ``folder`` (created on first write)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        #: Entries found damaged (and deleted) by :meth:`get`, for the build to report.
        self.damaged = 0

    def path(self, key: str, suffix: str) -> Path:
        return self.folder / key[:2] / f"{key}.{suffix}"

    def get(self, key: str, suffix: str) -> bytes | None:
        """The entry's content, or None if there is none or it is damaged (then deleted)."""
        path = self.path(key, suffix)
        try:
            stored = path.read_bytes()
        except OSError:
            return None
        data = _unsealed(stored)
        if data is None:
            self.damaged += 1
            with contextlib.suppress(OSError):
                path.unlink()
            return None
        with contextlib.suppress(OSError):  # a read-only cache still serves hits
            os.utime(path)
        return data

    def put(self, key: str, suffix: str, data: bytes) -> None:
        with contextlib.suppress(OSError):  # a cache that cannot be written is no cache
            write_atomic(self.path(key, suffix), _sealed(data))


def _sealed(data: bytes) -> bytes:
    return _HEADER + hashlib.sha256(data).digest() + data


def _unsealed(stored: bytes) -> bytes | None:
    """The content of an entry, or None if it is not whole (or not an entry at all)."""
    if not stored.startswith(_HEADER):
        return None
    start = len(_HEADER) + _DIGEST_SIZE
    data = stored[start:]
    return data if hashlib.sha256(data).digest() == stored[len(_HEADER) : start] else None


def prune(folder: Path, *, older_than_days: float) -> int:
    """Delete cache entries not used for ``older_than_days``; returns how many went.

    Only files named like entries (and their temporary files) in ``<2 hex>/`` folders are
    candidates: a ``cache_dir`` set to a folder holding anything else loses nothing else.
    """
    limit = time.time() - older_than_days * 86400
    removed = 0
    if not folder.is_dir():
        return 0
    for entry in sorted(folder.glob("??/*")):
        if not _ENTRY_NAME.match(entry.name) or entry.name.lstrip(".")[:2] != entry.parent.name:
            continue
        try:
            if entry.is_file() and entry.stat().st_mtime < limit:
                entry.unlink()
                removed += 1
        except OSError:  # pragma: no cover - raced with another build
            continue
    return removed
