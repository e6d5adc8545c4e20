"""Downloads of the sample gallery: cold and warm builds, and the speed-up from workers.

The sample gallery (this repository's docs/, maps/ and mkdocs.yml: 6 languages, blank
templates on) is copied and built with downloads on, every map rendered to PNG and PDF in
every language. Each repetition runs, in this order:

* ``floor``: the same project with the plugin's ``downloads: false``, what the site costs
  without downloads;
* ``cold`` with ``workers: 1`` and with ``workers: 2`` (in turns, so a slow spell of the
  shared machine does not always land on the same one), each with an empty cache folder;
* ``warm``: right after the ``workers: 1`` cold build, the same project and cache again. It
  must render nothing: the count comes from the plugin's INFO line ``Downloads: N file(s),
  R rendered, C from the cache, W written as text`` in the build log, and R > 0 is reported
  as a failure (``python -m bench`` then exits non-zero).

The cache folder is set with ``JOURNEY_MAPS_CACHE_DIR`` so that "empty" is under our control.
CPU time includes the export workers (see :mod:`bench.measure`): with ``workers: 2`` on a
2-core machine the wall time can only drop if CPU time does not grow by as much.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import yaml

from .builds import log
from .measure import CACHE_ENV, Sample, timed_build
from .registry import Options, Outcome, Target, measurement
from .report import load_average
from .stats import median_ratio, ratio, summarize

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_PARTS = ("docs", "maps", "mkdocs.yml")
PLUGIN = "journey-maps"
DEFAULT_REPEAT = 3
WORKERS = (1, 2)
TARGET = "warm rebuild renders no export"
DOWNLOADS_LINE = re.compile(
    r"Downloads: (?P<files>\d+) file\(s\), (?P<rendered>\d+) rendered, "
    r"(?P<cached>\d+) from the cache, (?P<text>\d+) written as text"
)


@dataclass(frozen=True)
class DownloadCounts:
    """The plugin's own count of one build's downloads (from its log)."""

    files: int
    rendered: int
    cached: int
    text: int


def parse_counts(log_text: str) -> DownloadCounts | None:
    """The last "Downloads: ..." line of a build log, or ``None`` if there is none."""
    matches = list(DOWNLOADS_LINE.finditer(log_text))
    if not matches:
        return None
    return DownloadCounts(**{k: int(v) for k, v in matches[-1].groupdict().items()})


def copy_project(source: Path, target: Path) -> Path:
    """Copy a project's docs/, maps/ and mkdocs.yml (as tests/conftest.py ``copy_sample``)."""
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for name in SAMPLE_PARTS:
        if (source / name).is_dir():
            shutil.copytree(source / name, target / name)
        else:
            shutil.copy(source / name, target / name)
    return target


def edit_config(project: Path, edit: Callable[[dict[str, Any]], None]) -> None:
    """Apply ``edit`` to ``project``'s mkdocs.yml, read and written back as plain YAML."""
    path = project / "mkdocs.yml"
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(config)
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")


def set_plugin_options(project: Path, options: dict[str, Any]) -> None:
    """Set options of the journey-maps plugin in ``project``'s mkdocs.yml."""

    def merge(config: dict[str, Any]) -> None:
        plugins = config.setdefault("plugins", [])
        for position, entry in enumerate(plugins):
            if entry == PLUGIN:
                plugins[position] = entry = {PLUGIN: {}}
            if isinstance(entry, dict) and PLUGIN in entry:
                entry[PLUGIN] = {**(entry[PLUGIN] or {}), **options}
                break
        else:
            plugins.append({PLUGIN: dict(options)})

    edit_config(project, merge)


def floor_copy(source: Path, target: Path, plugin_options: dict[str, Any] | None = None) -> Path:
    """``source`` copied with ``downloads: false``: what the site costs without downloads.

    There is no templates page then, so the docs' links to it are expected to be missing:
    MkDocs reports them as info instead of stopping the ``--strict`` build.
    """
    project = copy_project(source, target)
    set_plugin_options(project, {**(plugin_options or {}), "downloads": False})
    edit_config(
        project,
        lambda config: (
            config.setdefault("validation", {}).setdefault("links", {}).update(not_found="info")
        ),
    )
    return project


def tree_size(folder: Path) -> dict[str, dict[str, int]]:
    """Files and bytes under ``folder``, per file extension and in ``total``."""
    sizes: dict[str, dict[str, int]] = {"total": {"files": 0, "bytes": 0}}
    if folder.is_dir():
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                size = path.stat().st_size
                for key in (path.suffix.lstrip(".") or "(none)", "total"):
                    entry = sizes.setdefault(key, {"files": 0, "bytes": 0})
                    entry["files"] += 1
                    entry["bytes"] += size
    return sizes


@dataclass
class Run:
    """One timed build and what it produced."""

    sample: Sample
    counts: DownloadCounts | None
    downloads: dict[str, dict[str, int]]
    log: str

    def as_dict(self) -> dict[str, Any]:
        return {
            **vars(self.sample),
            "counts": asdict(self.counts) if self.counts else None,
            "downloads": self.downloads,
            "log": self.log,
        }


def _build(project: Path, cache: Path, logs: Path, name: str, *, cold: bool) -> Run:
    site = project / "site"
    if cold:
        shutil.rmtree(site, ignore_errors=True)
        shutil.rmtree(project / ".cache", ignore_errors=True)  # material's and a default cache
        shutil.rmtree(cache, ignore_errors=True)
    cache.mkdir(parents=True, exist_ok=True)
    logs.mkdir(parents=True, exist_ok=True)
    log_path = logs / f"{name}.log"
    sample = timed_build(project, site, log=log_path, quiet=False, env={CACHE_ENV: str(cache)})
    counts = parse_counts(log_path.read_text(encoding="utf-8", errors="replace"))
    return Run(sample, counts, tree_size(site / "downloads"), str(log_path))


def _summary(runs: Sequence[Run]) -> dict[str, Any]:
    samples = [r.sample for r in runs]
    return {
        "seconds": summarize([s.seconds for s in samples]).as_dict(),
        "cpu_seconds": summarize([s.cpu_seconds for s in samples]).as_dict(),
        "peak_mb": summarize([s.peak_mb for s in samples]).as_dict(),
        "helper_peak_mb": summarize([s.helper_peak_mb for s in samples]).as_dict(),
        "runs": [r.as_dict() for r in runs],
    }


def measure_exports(
    source: Path,
    root: Path,
    *,
    repeat: int,
    workers: Sequence[int] = WORKERS,
    floor: bool = True,
    plugin_options: dict[str, Any] | None = None,
) -> tuple[dict[str, Any], list[str]]:
    """Build copies of ``source`` cold, warm and per worker count; data and failures.

    ``plugin_options`` apply to every copy (e.g. fewer languages); the copies add
    ``workers`` or ``downloads: false``. The failures are broken expectations: a warm
    build that rendered, a cold one that did not, a log without the plugin's count.
    """
    shutil.rmtree(root, ignore_errors=True)
    projects: dict[int, Path] = {}
    for count in workers:
        projects[count] = copy_project(source, root / f"workers-{count}")
        set_plugin_options(projects[count], {**(plugin_options or {}), "workers": count})
    floor_project = None
    if floor:
        floor_project = floor_copy(source, root / "floor", plugin_options)
        # Untimed: fills the OS file cache and byte-compiles, as builds.py does.
        timed_build(floor_project, floor_project / "site", log=root / "warm-up.log")
    logs = root / "logs"
    runs: dict[str, list[Run]] = {"floor": [], **{f"cold-w{n}": [] for n in workers}, "warm": []}
    failures: list[str] = []
    for repetition in range(repeat):
        if floor_project is not None:
            runs["floor"].append(
                _build(floor_project, root / "cache-floor", logs, f"floor-{repetition}", cold=True)
            )
        # In turns: 1, 2 then 2, 1; the warm build follows the first worker count's cold one.
        order = list(workers) if repetition % 2 == 0 else list(reversed(workers))
        for count in order:
            cache = root / f"cache-w{count}"
            name = f"cold-w{count}"
            runs[name].append(
                _build(projects[count], cache, logs, f"{name}-{repetition}", cold=True)
            )
            if count == workers[0]:
                runs["warm"].append(
                    _build(projects[count], cache, logs, f"warm-{repetition}", cold=False)
                )
        log(
            f"  exports, repetition {repetition + 1}/{repeat}: "
            + ", ".join(f"{name} {r[-1].sample.seconds:.1f}s" for name, r in runs.items() if r)
        )
    for name, items in runs.items():
        for run in items:
            failures += check_run(name, run, runs[f"cold-w{workers[0]}"][0])
    data: dict[str, Any] = {
        "repeat": repeat,
        "workers": list(workers),
        "cpu_count": os.cpu_count(),
        "usable_cpus": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "plugin_options": plugin_options or {},
        "scenarios": {name: _summary(items) for name, items in runs.items() if items},
        "failures": failures,
    }
    data["ratios"] = _ratios(runs, workers)
    return data, failures


def check_run(name: str, run: Run, reference: Run) -> list[str]:
    """Broken expectations of one build; ``reference`` is the first cold build."""
    if name == "floor":
        return []
    if run.counts is None:
        return [f"{name} build: no 'Downloads:' line in its log ({run.log})"]
    if name == "warm":
        problems = []
        if run.counts.rendered:
            problems.append(f"warm build rendered {run.counts.rendered} exports (expected 0)")
        if run.downloads["total"] != reference.downloads["total"]:
            problems.append(
                f"warm build wrote {run.downloads['total']} under downloads/, the cold build "
                f"{reference.downloads['total']}"
            )
        return problems
    if run.counts.rendered == 0:
        return [f"{name} build rendered 0 exports (expected > 0: was the cache not empty?)"]
    return []


def _median(runs: Sequence[Run], metric: str = "seconds") -> float:
    return summarize([getattr(r.sample, metric) for r in runs]).median


def _ratios(runs: dict[str, list[Run]], workers: Sequence[int]) -> dict[str, Any]:
    ratios: dict[str, Any] = {}
    floor = runs["floor"]
    for name, items in runs.items():
        if name != "floor" and floor:
            ratios[f"{name}/floor"] = {
                "of_medians": ratio(_median(items), _median(floor)),
                "cpu_of_medians": ratio(
                    _median(items, "cpu_seconds"), _median(floor, "cpu_seconds")
                ),
                "extra_seconds": _median(items) - _median(floor),
            }
    if len(workers) >= 2:
        one, two = runs[f"cold-w{workers[0]}"], runs[f"cold-w{workers[1]}"]
        ratios["speedup"] = {
            "of_medians": ratio(_median(one), _median(two)),
            "paired_median": median_ratio(
                [r.sample.seconds for r in one], [r.sample.seconds for r in two]
            ),
            "cpu_of_medians": ratio(_median(two, "cpu_seconds"), _median(one, "cpu_seconds")),
        }
    return ratios


def _mb(size: int) -> str:
    return f"{size / 1e6:.1f} MB"


def table(data: dict[str, Any], title: str) -> str:
    scenarios, ratios = data["scenarios"], data["ratios"]
    head = (
        f"{'build':<16} {'wall s':>7} {'cpu s':>7} {'/floor':>7} {'peak MB':>8} "
        f"{'worker MB':>9} {'rendered':>8} {'cached':>7} {'text':>5}"
    )
    lines = [
        f"{title}: median of {data['repeat']} (os.cpu_count() = {data['cpu_count']}, "
        f"usable {data['usable_cpus']})",
        head,
        "-" * len(head),
    ]
    labels = {
        "floor": "floor (no dl)",
        **{f"cold-w{n}": f"cold, workers {n}" for n in data["workers"]},
        "warm": "warm",
    }
    for name, label in labels.items():
        if name not in scenarios:
            continue
        s = scenarios[name]
        counts = [r["counts"] for r in s["runs"] if r["counts"]]
        rendered = "/".join(str(c["rendered"]) for c in counts) or "-"
        cached = str(counts[-1]["cached"]) if counts else "-"
        text = str(counts[-1]["text"]) if counts else "-"
        versus = ratios.get(f"{name}/floor", {}).get("of_medians")
        helper = s["helper_peak_mb"]["median"]
        lines.append(
            f"{label:<16} {s['seconds']['median']:>7.1f} {s['cpu_seconds']['median']:>7.1f} "
            f"{(f'{versus:.2f}x' if versus else ''):>7} {s['peak_mb']['median']:>8.0f} "
            f"{(f'{helper:.0f}' if helper else ''):>9} {rendered:>8} {cached:>7} {text:>5}"
        )
    lines.append("rendered: per repetition; cpu s includes the export workers")
    if "speedup" in ratios:
        speed = ratios["speedup"]
        one, two = data["workers"][0], data["workers"][1]
        lines.append(
            f"workers {two} vs {one}: wall speed-up {speed['of_medians']:.2f}x (of medians; "
            f"paired {speed['paired_median']:.2f}x; above 1 is faster), "
            f"CPU time {speed['cpu_of_medians']:.2f}x"
        )
    for name in ("cold-w1", "warm"):
        cost = ratios.get(f"{name}/floor")
        if cost:
            lines.append(
                f"downloads cost, {labels[name]}: {cost['extra_seconds']:+.1f} s wall "
                f"({cost['of_medians']:.2f}x the floor; CPU {cost['cpu_of_medians']:.2f}x)"
            )
    first = next(iter(s for n, s in scenarios.items() if n.startswith("cold")))
    sizes = first["runs"][0]["downloads"]
    per_format = ", ".join(
        f"{ext} {v['files']} ({_mb(v['bytes'])})" for ext, v in sizes.items() if ext != "total"
    )
    lines.append(
        f"downloads/: {sizes['total']['files']} files, {_mb(sizes['total']['bytes'])}: {per_format}"
    )
    return "\n".join(lines)


@measurement("exports", "sample gallery with downloads: cold, warm (0 renders), workers 1 vs 2")
def run_exports(options: Options) -> Outcome:
    repeat = options.repeat or DEFAULT_REPEAT
    plugin_options: dict[str, Any] = {"languages": ["en"]} if options.quick else {}
    what = "sample gallery" + (", English only (--quick)" if options.quick else "")
    log(f"exports: {what}, {repeat} repetition(s), workers {WORKERS}")
    start = time.perf_counter()
    load = load_average()
    data, failures = measure_exports(
        ROOT, options.workdir / "exports", repeat=repeat, plugin_options=plugin_options
    )
    data["load_before"], data["load_after"] = load, load_average()
    data["elapsed_seconds"] = time.perf_counter() - start
    warm = [r["counts"]["rendered"] for r in data["scenarios"]["warm"]["runs"] if r["counts"]]
    held = bool(warm) and not any(warm) and len(warm) == repeat
    target = Target(
        TARGET,
        held,
        f"{len(warm)} warm build(s) of the {what} rendered {', '.join(map(str, warm)) or '?'}",
    )
    text = table(data, f"exports, {what}")
    text += f"\nload average {data['load_before']} -> {data['load_after']}"
    return Outcome(data=data, text=text, targets=[target], failures=failures)
