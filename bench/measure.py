"""Time one ``mkdocs build`` in a child process and read its peak memory.

Wall time is ``time.perf_counter`` around spawn-to-exit, so it includes interpreter start-up
and imports, as a user sees them. Memory and CPU time come from the kernel's accounting of
that one child: we reap it with :func:`os.wait4`, which returns the child's own ``rusage``.
This is the same accounting ``resource.getrusage(RUSAGE_CHILDREN)`` sums up, but per child:
``RUSAGE_CHILDREN``'s ``ru_maxrss`` is a high-water mark over *all* children so far, so a
small build after a big one would report the big one's peak. It needs no ``/usr/bin/time``
and no output parsing. ``mkdocs build`` runs in one process, so the child's peak is the
build's peak (Linux reports ``ru_maxrss`` in KiB).
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

BUILD_TIMEOUT = 1800.0
BUILD_ENV = {
    **os.environ,
    "SOURCE_DATE_EPOCH": "1700000000",
    "NO_MKDOCS_2_WARNING": "1",
    "PYTHONHASHSEED": "0",
}


class BuildFailedError(RuntimeError):
    """A build whose time would be meaningless because it did not produce the site."""


@dataclass(frozen=True)
class Sample:
    """One build: wall seconds, CPU seconds (user + system) and peak resident memory."""

    seconds: float
    cpu_seconds: float
    peak_mb: float
    returncode: int


def build_command(site_dir: Path, *, strict: bool = True) -> list[str]:
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site_dir)]
    return [*command, "--strict"] if strict else command


def timed_build(
    project: Path, site_dir: Path, *, log: Path | None = None, timeout: float = BUILD_TIMEOUT
) -> Sample:
    """Build ``project`` into ``site_dir``; raise :class:`BuildFailedError` if it fails.

    Output goes to ``log`` (a file, not a pipe: a pipe nobody reads can fill up and stall
    the child, and reading it would add our own work to the measurement).
    """
    log_path = log or project / "build.log"
    with log_path.open("wb") as out:
        start = time.perf_counter()
        child = subprocess.Popen(
            build_command(site_dir), cwd=project, env=BUILD_ENV, stdout=out, stderr=out
        )
        timer = threading.Timer(timeout, _kill, args=(child.pid,))
        timer.start()
        try:
            _, status, usage = os.wait4(child.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)  # reaped by us, tell Popen
    sample = Sample(
        seconds=seconds,
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        peak_mb=usage.ru_maxrss / 1024,
        returncode=child.returncode,
    )
    if sample.returncode != 0:
        tail = log_path.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise BuildFailedError(f"mkdocs build failed in {project} ({sample.returncode}):\n{tail}")
    return sample


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
