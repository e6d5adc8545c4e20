"""The edit loop: how long after saving a file ``mkdocs serve`` shows the change.

Two real dev servers run side by side: the plugin's gallery (every language of
:data:`LANGUAGES`, downloads at their ``mkdocs serve`` defaults) and the floor, the same
texts as plain Markdown pages. Each repetition edits the floor's page of one map, then the
plugin's YAML file of the same map (the same text in both), and times two moments from the
write:

* **shown**: the served page of that map contains the new text (polled every 20 ms), which
  is what an author looking at the page waits for;
* **reloaded**: the server has told browsers to reload (its "Reloading browsers" log line),
  which is when the whole rebuild is over: the plugin's listings, registries, catalog and
  search indexes included.

Edits replace the previous edit's marker, so the file does not grow, and the servers are
never restarted between repetitions (the plugin's in-place path is what a session of
saves gets). Timings include the watcher's delay before a rebuild starts (MkDocs waits for
more changes for a moment), which both sides pay alike.
"""

from __future__ import annotations

import contextlib
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .builds import log
from .floor import write_floor_site
from .generate import GalleryData, generate_gallery, write_plugin_site
from .measure import BUILD_ENV
from .registry import TARGETS, Options, Outcome, Target, measurement
from .report import load_average
from .stats import median_ratio, ratio, summarize

LANGUAGES = ["en", "de", "et", "bg", "af", "lv"]
PLUGIN_OPTIONS = {"languages": LANGUAGES}
DEFAULT_SIZES = (100, 500)
DEFAULT_REPEAT = 5
TARGET_SECONDS, TARGET_SIZE = 1.0, 500
#: The first build of 500 maps in six languages under load can take several minutes.
START_TIMEOUT, EDIT_TIMEOUT, POLL = 1800.0, 300.0, 0.02
RELOAD_LINE = "Reloading browsers"
IN_PLACE_LINE = "Updated the site in place"


@dataclass
class Server:
    """One ``mkdocs serve`` child: where it listens, where it logs."""

    process: subprocess.Popen[bytes]
    port: int
    log_path: Path

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path}"

    def log_text(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def fetch(self, path: str) -> str:
        try:
            with urllib.request.urlopen(self.url(path), timeout=10) as response:
                return str(response.read().decode("utf-8", errors="replace"))
        except (urllib.error.URLError, OSError):
            return ""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def serving(project: Path) -> Iterator[Server]:
    port = _free_port()
    log_path = project / "serve.log"
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"]
    with log_path.open("wb") as out:
        process = subprocess.Popen(
            command,
            cwd=project,
            env=BUILD_ENV,
            stdout=out,
            stderr=out,
            # Ctrl-C must reach it even when the bench runs in the background (see below).
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
    server = Server(process, port, log_path)
    try:
        yield server
    finally:
        # Stopped as Ctrl-C stops it, MkDocs deletes its temporary site folder; terminated,
        # it leaves it behind (some 0.9 GB at 500 maps in six languages, per server).
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_for(server: Server, page: str, text: str, timeout: float) -> float:
    """Seconds until ``page`` is served with ``text`` in it."""
    start = time.perf_counter()
    while text not in server.fetch(page):
        if server.process.poll() is not None:
            raise RuntimeError(f"mkdocs serve stopped:\n{server.log_text()[-3000:]}")
        if time.perf_counter() - start > timeout:
            raise RuntimeError(f"{page} never showed {text!r}:\n{server.log_text()[-3000:]}")
        time.sleep(POLL)
    return time.perf_counter() - start


@dataclass
class Edit:
    """One file and the text edited in it; each edit replaces the previous one's marker."""

    path: Path
    text: str
    current: str = ""

    def apply(self, marker: str) -> str:
        source = self.path.read_text(encoding="utf-8")
        before = self.current or self.text
        changed = f"{self.text} {marker}"
        assert before in source, f"{before!r} is not in {self.path}"
        self.path.write_text(source.replace(before, changed, 1), encoding="utf-8")
        self.current = changed
        return changed


def _timed_edit(server: Server, edit: Edit, page: str, marker: str) -> dict[str, float]:
    reloads = server.log_text().count(RELOAD_LINE)
    start = time.perf_counter()
    edit.apply(marker)
    shown = _wait_for(server, page, marker, EDIT_TIMEOUT)
    while server.log_text().count(RELOAD_LINE) <= reloads:
        if time.perf_counter() - start > EDIT_TIMEOUT:
            raise RuntimeError(f"no reload after an edit:\n{server.log_text()[-3000:]}")
        time.sleep(POLL)
    return {"shown": shown, "reloaded": time.perf_counter() - start}


def _edited_text(gallery: GalleryData) -> tuple[str, str]:
    """A map and a text of it written the same way in its YAML file and its floor page:
    the first action of a journey map's first stage."""
    for map_id, data in gallery.maps.items():
        for stage in data.get("stages", []):
            for action in stage.get("actions", []):
                if isinstance(action, str) and len(action) > 12 and "|" not in action:
                    return map_id, action
    raise RuntimeError("the generated gallery has no stage action to edit")


def measure_size(size: int, options: Options, repeat: int) -> dict[str, Any]:
    root = options.workdir / f"serve-{size}"
    shutil.rmtree(root, ignore_errors=True)
    gallery = generate_gallery(size, seed=options.seed)
    plugin = write_plugin_site(root / "plugin", gallery, PLUGIN_OPTIONS)
    floor = write_floor_site(root / "floor", gallery)
    map_id, text = _edited_text(gallery)
    page = f"maps/{map_id}/"
    edits = {
        "floor": Edit(floor / "docs" / "maps" / f"{map_id}.md", text),
        "plugin": Edit(plugin / "maps" / f"{map_id}.yaml", text),
    }
    samples: dict[str, list[dict[str, float]]] = {"floor": [], "plugin": []}
    with serving(floor) as floor_server, serving(plugin) as plugin_server:
        servers = {"floor": floor_server, "plugin": plugin_server}
        started = {name: _wait_for(s, page, text, START_TIMEOUT) for name, s in servers.items()}
        log(f"  serve {size} maps: first builds done ({started['plugin']:.0f} s)")
        time.sleep(2)  # let the watchers settle after the first build
        for repetition in range(repeat):
            for name in ("floor", "plugin"):
                marker = f"EDIT{repetition}{name.upper()}"
                samples[name].append(_timed_edit(servers[name], edits[name], page, marker))
                time.sleep(1)
            log(
                f"  serve {size} maps, repetition {repetition + 1}/{repeat}: "
                + ", ".join(
                    f"{name} shown {runs[-1]['shown']:.2f}s reloaded {runs[-1]['reloaded']:.2f}s"
                    for name, runs in samples.items()
                )
            )
        plugin_log = plugin_server.log_text()
    result: dict[str, Any] = {
        "maps": len(gallery.maps),
        "languages": LANGUAGES,
        "edited": {"map": map_id, "text": text},
        "repeat": repeat,
        "in_place_updates": plugin_log.count(IN_PLACE_LINE),
        "load_average": load_average(),
    }
    for name, runs in samples.items():
        result[name] = {
            moment: summarize([run[moment] for run in runs]).as_dict()
            | {"samples": [run[moment] for run in runs]}
            for moment in ("shown", "reloaded")
        }
    result["ratios"] = {
        moment: {
            "of_medians": ratio(
                result["plugin"][moment]["median"], result["floor"][moment]["median"]
            ),
            "paired_median": median_ratio(
                [r[moment] for r in samples["plugin"]], [r[moment] for r in samples["floor"]]
            ),
        }
        for moment in ("shown", "reloaded")
    }
    return result


def _table(results: dict[int, dict[str, Any]]) -> str:
    lines = [
        "serve edit loop (a real mkdocs serve, one saved file, until the served page shows it)",
        f"  plugin: {len(LANGUAGES)} languages, downloads at serve defaults; floor: the same "
        "texts as Markdown pages",
        f"  {'maps':>5} {'side':>7} {'shown (median, min-max)':>26} "
        f"{'reloaded (median)':>18} {'in place':>9}",
    ]
    for size, result in results.items():
        for name in ("floor", "plugin"):
            shown, reloaded = result[name]["shown"], result[name]["reloaded"]
            in_place = f"{result['in_place_updates']}/{result['repeat']}"
            in_place = in_place if name == "plugin" else ""
            lines.append(
                f"  {size:>5} {name:>7} {shown['median']:>8.2f} s ({shown['min']:.2f}-"
                f"{shown['max']:.2f} s) {reloaded['median']:>14.2f} s {in_place:>9}"
            )
        shown_ratio = result["ratios"]["shown"]["paired_median"]
        reload_ratio = result["ratios"]["reloaded"]["paired_median"]
        lines.append(
            f"  {size:>5} {'ratio':>7} {shown_ratio:>8.2f}x (paired median) {reload_ratio:>11.2f}x"
        )
    return "\n".join(lines)


def _target(results: dict[int, dict[str, Any]]) -> Target:
    size = max(results, default=0)
    if size < TARGET_SIZE:
        return Target(TARGETS[4], None, f"measured up to {size} maps, the target is at 500")
    shown = results[size]["plugin"]["shown"]["median"]
    reloaded = results[size]["plugin"]["reloaded"]["median"]
    detail = (
        f"{size} maps x {len(LANGUAGES)} languages: page shown after {shown:.2f} s, "
        f"reload after {reloaded:.2f} s (medians of {results[size]['repeat']})"
    )
    return Target(TARGETS[4], shown < TARGET_SECONDS, detail)


@measurement("serve", "mkdocs serve: save one map, time until its served page shows it")
def run_serve(options: Options) -> Outcome:
    sizes = options.sizes if options.sizes_given or options.quick else DEFAULT_SIZES
    repeat = options.repeat or (2 if options.quick else DEFAULT_REPEAT)
    results: dict[int, dict[str, Any]] = {}
    for size in sizes:
        log(f"serve: {size} maps, {repeat} edit(s) each side")
        results[size] = measure_size(size, options, repeat)
    target = _target(results)
    data = {"sizes": {str(size): r for size, r in results.items()}, "target": vars(target)}
    failures = [
        f"{size} maps: {r['in_place_updates']} of {r['repeat']} saves were updated in place"
        for size, r in results.items()
        if r["in_place_updates"] < r["repeat"]
    ]
    return Outcome(data=data, text=_table(results), targets=[target], failures=failures)
