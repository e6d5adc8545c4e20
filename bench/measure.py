"""Time one ``mkdocs build`` in a child process and read its peak memory.

Wall time is ``time.perf_counter`` around spawn-to-exit, so it includes interpreter start-up
and imports, as a user sees them. Memory and CPU time come from the kernel's accounting of
that one child: we reap it with :func:`os.wait4`, which returns the child's own ``rusage``.
This is the same accounting ``resource.getrusage(RUSAGE_CHILDREN)`` sums up, but per child:
``RUSAGE_CHILDREN``'s ``ru_maxrss`` is a high-water mark over *all* children so far, so a
small build after a big one would report the big one's peak. It needs no ``/usr/bin/time``
and no output parsing. Without raster downloads ``mkdocs build`` runs in one process, so the
child's peak is the build's peak (Linux reports ``ru_maxrss`` in KiB).

Raster downloads with ``workers`` > 1 render in a process pool started through
multiprocessing's *forkserver*: the workers are children of the forkserver, which the build
never waits for, so their CPU time is missing from the build's ``rusage``. The bench process
therefore makes itself a *child subreaper* (Linux ``prctl``): orphaned helpers (forkserver,
resource tracker) are re-parented to us, and after the build we reap them with ``wait4`` and
add their CPU time (which includes the workers they reaped). Their peak memory is kept apart
(``helper_peak_mb``, the largest helper's), since peaks of processes do not add up.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import resource
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

BUILD_TIMEOUT = 1800.0
#: Overrides the plugin's cache_dir; inherited from the user's shell it would make every
#: "cold" build warm, so builds only get it when a measurement sets it on purpose.
CACHE_ENV = "JOURNEY_MAPS_CACHE_DIR"
BUILD_ENV = {
    **{key: value for key, value in os.environ.items() if key != CACHE_ENV},
    "SOURCE_DATE_EPOCH": "1700000000",
    "NO_MKDOCS_2_WARNING": "1",
    "PYTHONHASHSEED": "0",
}
PR_SET_CHILD_SUBREAPER = 36
#: How long to wait after a build for its orphaned helpers to exit (they do at once).
HELPER_GRACE = 10.0


class BuildFailedError(RuntimeError):
    """A build whose time would be meaningless because it did not produce the site."""


@dataclass(frozen=True)
class Sample:
    """One build: wall seconds, CPU seconds (user + system) and peak resident memory.

    ``cpu_seconds`` counts the build process and its helpers (export workers); ``peak_mb``
    is the build process's own peak and ``helper_peak_mb`` the largest helper's (0 without).
    """

    seconds: float
    cpu_seconds: float
    peak_mb: float
    returncode: int
    helpers: int = 0
    helper_peak_mb: float = 0.0


def build_command(site_dir: Path, *, strict: bool = True, quiet: bool = True) -> list[str]:
    command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site_dir)]
    if quiet:
        command.append("--quiet")
    return [*command, "--strict"] if strict else command


def timed_build(
    project: Path,
    site_dir: Path,
    *,
    log: Path | None = None,
    timeout: float = BUILD_TIMEOUT,
    quiet: bool = True,
    env: Mapping[str, str] | None = None,
) -> Sample:
    """Build ``project`` into ``site_dir``; raise :class:`BuildFailedError` if it fails.

    Output goes to ``log`` (a file, not a pipe: a pipe nobody reads can fill up and stall
    the child, and reading it would add our own work to the measurement). ``quiet=False``
    keeps MkDocs' INFO lines in it (the plugin's "Downloads: ..." count); ``env`` adds to
    :data:`BUILD_ENV`.
    """
    log_path = log or project / "build.log"
    subreaper = _become_subreaper()
    before = _children() if subreaper else set()
    with log_path.open("wb") as out:
        start = time.perf_counter()
        child = subprocess.Popen(
            build_command(site_dir, quiet=quiet),
            cwd=project,
            env={**BUILD_ENV, **(env or {})},
            stdout=out,
            stderr=out,
        )
        timer = threading.Timer(timeout, _kill, args=(child.pid,))
        timer.start()
        try:
            _, status, usage = os.wait4(child.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)  # reaped by us, tell Popen
    helpers = _reap_helpers(before) if subreaper else []
    sample = Sample(
        seconds=seconds,
        cpu_seconds=usage.ru_utime + usage.ru_stime + sum(h.ru_utime + h.ru_stime for h in helpers),
        peak_mb=usage.ru_maxrss / 1024,
        returncode=child.returncode,
        helpers=len(helpers),
        helper_peak_mb=max((h.ru_maxrss / 1024 for h in helpers), default=0.0),
    )
    if sample.returncode != 0:
        tail = log_path.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise BuildFailedError(f"mkdocs build failed in {project} ({sample.returncode}):\n{tail}")
    return sample


_SUBREAPER: list[bool] = []


def _become_subreaper() -> bool:
    """Adopt the build's orphaned helpers (Linux); ``False`` where that is not possible."""
    if not _SUBREAPER:
        ok = False
        if sys.platform.startswith("linux"):
            with contextlib.suppress(OSError, AttributeError):
                libc = ctypes.CDLL(None, use_errno=True)
                ok = libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
        _SUBREAPER.append(ok)
    return _SUBREAPER[0]


def _children() -> set[int]:
    """Process ids whose parent is this process (from ``/proc``; empty elsewhere)."""
    me, found = os.getpid(), set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            # "pid (comm) state ppid ...": comm may hold spaces and parentheses.
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == me:
                found.add(int(stat.parent.name))
    return found


def _reap_helpers(before: set[int], grace: float = HELPER_GRACE) -> list[resource.struct_rusage]:
    """``rusage`` of the orphaned helpers of the build that just ended.

    They were re-parented to us before the build's own exit was reported, so they are our
    children now that were not before it (children of other code, e.g. a test runner's, are
    left alone). They exit as soon as the build has (their pipe to it closes); ``grace``
    bounds the wait for the odd one that does not.
    """
    pending = _children() - before
    usages: list[resource.struct_rusage] = []
    deadline = time.monotonic() + grace
    while pending:
        for pid in sorted(pending):
            try:
                done, _, usage = os.wait4(pid, os.WNOHANG)
            except ChildProcessError:  # reaped elsewhere
                pending.discard(pid)
                continue
            if done:
                usages.append(usage)
                pending.discard(pid)
        if pending and time.monotonic() > deadline:
            break
        if pending:
            time.sleep(0.01)
    return usages


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
