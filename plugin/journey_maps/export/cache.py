"""A content-addressed cache of rendered files, and atomic writes confined to one folder.

Rasterizing is the slow part of a build, and its output depends only on the input SVG,
the options and the versions of the libraries involved: so the key is a sha256 of exactly
those (see :func:`journey_maps.export.jobs.ExportJob.key`), and a warm rebuild renders
nothing. Entries are files named by their key under ``<cache_dir>/<2 hex>/``; a hit
refreshes the entry's modification time so that stale entries can be pruned by age
(:func:`prune`). Every write goes to a temporary file beside the target and is renamed
into place, so a reader (or a crash, or a parallel build) never sees half a file.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import time
from pathlib import Path, PurePosixPath

_BAD_PARTS = {"", ".", ".."}


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

    def path(self, key: str, suffix: str) -> Path:
        return self.folder / key[:2] / f"{key}.{suffix}"

    def get(self, key: str, suffix: str) -> bytes | None:
        path = self.path(key, suffix)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        with contextlib.suppress(OSError):  # a read-only cache still serves hits
            os.utime(path)
        return data

    def put(self, key: str, suffix: str, data: bytes) -> None:
        with contextlib.suppress(OSError):  # a cache that cannot be written is no cache
            write_atomic(self.path(key, suffix), data)


def prune(folder: Path, *, older_than_days: float) -> int:
    """Delete cache entries not used for ``older_than_days``; returns how many went."""
    limit = time.time() - older_than_days * 86400
    removed = 0
    if not folder.is_dir():
        return 0
    for entry in sorted(folder.glob("??/*")):
        try:
            if entry.is_file() and entry.stat().st_mtime < limit:
                entry.unlink()
                removed += 1
        except OSError:  # pragma: no cover - raced with another build
            continue
    return removed
