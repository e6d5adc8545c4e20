"""Build times and memory: the plugin against the plain-Markdown floor, per gallery size.

Each repetition runs, in this order: the floor build, a plugin cold build (no site dir, no
cache dir), a plugin warm build (same dirs again) and a rebuild after one map's title was
edited. Interleaving floor and plugin builds within a repetition means a burst of load from
another job usually hits both, which the per-repetition ("paired") ratio then cancels.
"""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path
from typing import Any

import yaml

from .floor import write_floor_site
from .generate import dump_yaml, generate_gallery, write_plugin_site
from .measure import Sample, timed_build
from .registry import Options, Outcome, measurement
from .stats import median_ratio, ratio, slope_per_100, summarize

SCENARIOS = ("floor", "cold", "warm", "edit")
#: Folders a cold build starts without, relative to the project. mkdocs-material's own
#: plugins cache in .cache/; a plugin cache elsewhere must be added here to stay "cold".
CACHE_DIRS = (".cache",)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _fresh(project: Path, site_dir: Path) -> None:
    shutil.rmtree(site_dir, ignore_errors=True)
    for name in CACHE_DIRS:
        shutil.rmtree(project / name, ignore_errors=True)


def _edit_one_map(project: Path, repetition: int) -> tuple[Path, str]:
    """Change one map's title, as an author saving a file would; returns what to restore."""
    path = sorted((project / "maps").glob("*.yaml"))[0]
    original = path.read_text(encoding="utf-8")
    data = yaml.safe_load(original)
    data["title"] = f"{data['title']} (edited {repetition + 1})"
    path.write_text(dump_yaml(data), encoding="utf-8")
    return path, original


def measure_size(size: int, options: Options, *, warm_up: bool) -> dict[str, Any]:
    """Every scenario for one gallery size; raw samples and their summaries."""
    root = options.workdir / f"maps-{size}"
    shutil.rmtree(root, ignore_errors=True)  # a reused --workdir may hold another seed's maps
    gallery = generate_gallery(size, seed=options.seed)
    plugin = write_plugin_site(root / "plugin", gallery)
    floor = write_floor_site(root / "floor", gallery)
    plugin_site, floor_site = plugin / "site", floor / "site"
    if warm_up:
        # Untimed: compiles .pyc files and fills the OS file cache, so the first timed
        # repetition is not slower for reasons no user would see twice.
        timed_build(floor, floor_site)
        timed_build(plugin, plugin_site)
    samples: dict[str, list[Sample]] = {name: [] for name in SCENARIOS}
    repeat = options.repeats_for(size)
    for repetition in range(repeat):
        _fresh(floor, floor_site)
        samples["floor"].append(timed_build(floor, floor_site))
        _fresh(plugin, plugin_site)
        samples["cold"].append(timed_build(plugin, plugin_site))
        samples["warm"].append(timed_build(plugin, plugin_site))
        path, original = _edit_one_map(plugin, repetition)
        try:
            samples["edit"].append(timed_build(plugin, plugin_site))
        finally:
            path.write_text(original, encoding="utf-8")
        log(
            f"  {size} maps, repetition {repetition + 1}/{repeat}: "
            + ", ".join(f"{name} {samples[name][-1].seconds:.2f}s" for name in SCENARIOS)
        )
    scenarios: dict[str, Any] = {}
    for name, runs in samples.items():
        scenarios[name] = {
            "seconds": summarize([s.seconds for s in runs]).as_dict(),
            "cpu_seconds": summarize([s.cpu_seconds for s in runs]).as_dict(),
            "peak_mb": summarize([s.peak_mb for s in runs]).as_dict(),
            "samples": [vars(s) for s in runs],
        }
    ratios = {}
    for name in ("cold", "warm", "edit"):
        wall = [s.seconds for s in samples[name]]
        cpu = [s.cpu_seconds for s in samples[name]]
        floor_wall = [s.seconds for s in samples["floor"]]
        floor_cpu = [s.cpu_seconds for s in samples["floor"]]
        ratios[name] = {
            "of_medians": ratio(summarize(wall).median, summarize(floor_wall).median),
            "paired_median": median_ratio(wall, floor_wall),
            "cpu_of_medians": ratio(summarize(cpu).median, summarize(floor_cpu).median),
        }
    return {
        "maps": len(gallery.maps),
        "personas": len(gallery.personas),
        "repeat": repeat,
        "scenarios": scenarios,
        "ratios": ratios,
    }


def _median(result: dict[str, Any], scenario: str, metric: str = "seconds") -> float:
    return float(result["scenarios"][scenario][metric]["median"])


def memory_growth(results: dict[int, dict[str, Any]]) -> dict[str, Any]:
    """Peak-memory growth in MB per 100 maps between consecutive sizes, floor and plugin."""
    growth: dict[str, Any] = {}
    for scenario in ("floor", "cold"):
        points = [(size, _median(r, scenario, "peak_mb")) for size, r in results.items()]
        growth["plugin" if scenario == "cold" else "floor"] = [
            {"from": a, "to": b, "mb_per_100_maps": slope} for a, b, slope in slope_per_100(points)
        ]
    return growth


def table(results: dict[int, dict[str, Any]]) -> str:
    """The headline table (medians) and a spread table (minimum and IQR) under it."""
    head = (
        f"{'maps':>5}  {'floor s':>8}  {'cold s':>8}  {'cold/fl':>7}  {'warm s':>8}  "
        f"{'warm/fl':>7}  {'edit s':>8}  {'peak MB':>8}  {'floor MB':>8}"
    )
    lines = [head, "-" * len(head)]
    for size, r in results.items():
        lines.append(
            f"{size:>5}  {_median(r, 'floor'):>8.2f}  {_median(r, 'cold'):>8.2f}  "
            f"{r['ratios']['cold']['of_medians']:>6.2f}x  {_median(r, 'warm'):>8.2f}  "
            f"{r['ratios']['warm']['of_medians']:>6.2f}x  {_median(r, 'edit'):>8.2f}  "
            f"{_median(r, 'cold', 'peak_mb'):>8.0f}  {_median(r, 'floor', 'peak_mb'):>8.0f}"
        )
    lines += ["", "spread: min / IQR in seconds; paired ratio = median of per-repetition ratios"]
    head = (
        f"{'maps':>5}  {'n':>2}  {'floor':>11}  {'cold':>11}  {'warm':>11}  {'edit':>11}  "
        f"{'paired cold':>11}  {'cpu cold':>8}"
    )
    lines += [head, "-" * len(head)]
    for size, r in results.items():
        cells = []
        for name in SCENARIOS:
            s = r["scenarios"][name]["seconds"]
            cells.append(f"{s['min']:.2f}/{s['iqr']:.2f}".rjust(11))
        lines.append(
            f"{size:>5}  {r['repeat']:>2}  {'  '.join(cells)}  "
            f"{r['ratios']['cold']['paired_median']:>10.2f}x  "
            f"{r['ratios']['cold']['cpu_of_medians']:>7.2f}x"
        )
    growth = memory_growth(results)
    if growth["plugin"]:
        lines.append("")
        for who in ("plugin", "floor"):
            steps = ", ".join(
                f"{g['from']}->{g['to']}: {g['mb_per_100_maps']:+.1f}" for g in growth[who]
            )
            lines.append(f"peak memory, {who}: MB per 100 maps {steps}")
    return "\n".join(lines)


@measurement("builds", "mkdocs build: floor vs plugin cold, warm and after one edit")
def run_builds(options: Options) -> Outcome:
    results: dict[int, dict[str, Any]] = {}
    for position, size in enumerate(options.sizes):
        log(f"builds: {size} maps, {options.repeats_for(size)} repetition(s)")
        start = time.perf_counter()
        results[size] = measure_size(size, options, warm_up=position == 0)
        results[size]["elapsed_seconds"] = time.perf_counter() - start
    data = {
        "scenarios": list(SCENARIOS),
        "sizes": {str(size): r for size, r in results.items()},
        "memory_growth": memory_growth(results),
    }
    return Outcome(data=data, text=table(results))
