"""Build times and memory: the plugin against the plain-Markdown floor, per gallery size.

Each repetition runs, in this order: the floor build, a plugin cold build (no site dir, no
cache dir), a plugin warm build (same dirs again) and a rebuild after one map's title was
edited. Interleaving floor and plugin builds within a repetition means a burst of load from
another job usually hits both, which the per-repetition ("paired") ratio then cancels.

The plugin builds run with ``downloads: false``: the floor has no PNG/PDF downloads either,
and the target is "warm build ≤ 1.5x the floor without raster exports" (what downloads cost
is the ``exports`` measurement's job). The other targets are judged here too, cheaply: the
per-map SVG render time of a 15-stage map in process, the memory growth between sizes, and
one untimed cold + warm pair of a small gallery with SVG and PNG downloads, whose warm build
must render nothing.
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
from .registry import TARGETS, Options, Outcome, Target, measurement
from .stats import median_ratio, ratio, slope_per_100, summarize

SCENARIOS = ("floor", "cold", "warm", "edit")
#: Plugin options of every timed plugin build: pages only, as the floor.
PLUGIN_OPTIONS = {"downloads": False}
WARM_TARGET = 1.5
#: Memory counts as linear if the last step's MB per 100 maps is at most this times the
#: first step's, plus some slack for allocator noise.
LINEAR_FACTOR, LINEAR_SLACK_MB = 1.5, 5.0
#: The export-cache check: this many maps at most, SVG and PNG, English, no templates.
CHECK_MAPS = 10
CHECK_OPTIONS = {"download_formats": ["svg", "png"], "templates": False, "languages": ["en"]}
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
    plugin = write_plugin_site(root / "plugin", gallery, PLUGIN_OPTIONS)
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
        # Pages each site publishes: the plugin adds facet, registry and comparison pages
        # the floor has no equivalent of, so time per page is the like-for-like figure.
        "pages": {"floor": _pages(floor_site), "plugin": _pages(plugin_site)},
        "plugin_options": PLUGIN_OPTIONS,
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


def _pages(site_dir: Path) -> int:
    """HTML pages of a built site; the plugin's redirect stubs (old addresses, a few hundred
    bytes each, written without the theme) are not pages the build renders."""
    return sum(
        1
        for path in site_dir.rglob("*.html")
        if b'http-equiv="refresh"' not in path.read_bytes()[:600]
    )


def _per_page_ms(result: dict[str, Any], scenario: str, who: str) -> float:
    return 1000 * _median(result, scenario) / max(1, int(result["pages"][who]))


def table(results: dict[int, dict[str, Any]], targets: list[Target] | None = None) -> str:
    """The headline table (medians), a spread table (minimum and IQR), then the targets."""
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
    lines += ["", "pages published, and warm build time per page (ms)"]
    head = (
        f"{'maps':>5}  {'floor pages':>11}  {'plugin pages':>12}  {'floor ms':>8}  {'warm ms':>8}"
    )
    lines += [head, "-" * len(head)]
    for size, r in results.items():
        lines.append(
            f"{size:>5}  {r['pages']['floor']:>11}  {r['pages']['plugin']:>12}  "
            f"{_per_page_ms(r, 'floor', 'floor'):>8.1f}  {_per_page_ms(r, 'warm', 'plugin'):>8.1f}"
        )
    growth = memory_growth(results)
    if growth["plugin"]:
        lines.append("")
        for who in ("plugin", "floor"):
            steps = ", ".join(
                f"{g['from']}->{g['to']}: {g['mb_per_100_maps']:+.1f}" for g in growth[who]
            )
            lines.append(f"peak memory, {who}: MB per 100 maps {steps}")
    if targets:
        lines += ["", "targets (plugin builds with downloads: false):"]
        lines += [f"  {t.name}: {t.verdict} ({t.detail})" for t in targets]
    return "\n".join(lines)


def warm_target(results: dict[int, dict[str, Any]]) -> Target:
    """Warm build ≤ 1.5x the floor at every size (wall, ratio of medians)."""
    ratios = {size: r["ratios"]["warm"] for size, r in results.items()}
    detail = ", ".join(
        f"{size} maps {w['of_medians']:.2f}x (paired {w['paired_median']:.2f}x, "
        f"cpu {w['cpu_of_medians']:.2f}x)"
        for size, w in ratios.items()
    )
    return Target(TARGETS[0], all(w["of_medians"] <= WARM_TARGET for w in ratios.values()), detail)


def memory_target(results: dict[int, dict[str, Any]]) -> Target:
    steps = memory_growth(results)["plugin"]
    detail = ", ".join(f"{g['from']}->{g['to']}: {g['mb_per_100_maps']:+.1f}" for g in steps)
    if len(steps) < 2:
        return Target(TARGETS[3], None, f"{detail or 'one size'}; needs 3 sizes to judge")
    first, last = steps[0]["mb_per_100_maps"], steps[-1]["mb_per_100_maps"]
    held = last <= max(first, 0.0) * LINEAR_FACTOR + LINEAR_SLACK_MB
    return Target(TARGETS[3], held, f"MB per 100 maps {detail}")


def svg_target(options: Options) -> Target:
    """The SVG render target, in process on one generated 15-stage map (about a second)."""
    from journey_maps.render.svg import render_map_svg

    from .svg_render import REPETITIONS, TARGET_MS, TARGET_STAGES, _generated, median_ms

    journey, persona = _generated(TARGET_STAGES, options.seed)
    wall, cpu = median_ms(render_map_svg, journey, persona, REPETITIONS)
    detail = (
        f"{TARGET_STAGES} stages: {cpu:.2f} ms cpu, {wall:.2f} ms wall (median of {REPETITIONS})"
    )
    return Target(TARGETS[1], cpu < TARGET_MS, detail)


def export_cache_check(options: Options) -> tuple[Target, list[str], dict[str, Any]]:
    """Untimed: a small gallery with SVG+PNG downloads, cold then warm; warm renders nothing."""
    from .exports import measure_exports

    size = min(CHECK_MAPS, *options.sizes)
    root = options.workdir / "export-check"
    source = write_plugin_site(root / "source", generate_gallery(size, seed=options.seed))
    data, failures = measure_exports(
        source, root / "runs", repeat=1, workers=(1,), floor=False, plugin_options=CHECK_OPTIONS
    )
    counts = {name: s["runs"][0]["counts"] for name, s in data["scenarios"].items()}
    cold, warm = counts.get("cold-w1"), counts.get("warm")
    held = None if not (cold and warm) else warm["rendered"] == 0
    detail = (
        f"{size} maps, svg+png: cold rendered {cold['rendered'] if cold else '?'}, "
        f"warm {warm['rendered'] if warm else '?'}"
    )
    return Target(TARGETS[2], held, detail), failures, data


@measurement("builds", "mkdocs build: floor vs plugin (downloads off) cold, warm, one edit")
def run_builds(options: Options) -> Outcome:
    results: dict[int, dict[str, Any]] = {}
    for position, size in enumerate(options.sizes):
        log(f"builds: {size} maps, {options.repeats_for(size)} repetition(s)")
        start = time.perf_counter()
        results[size] = measure_size(size, options, warm_up=position == 0)
        results[size]["elapsed_seconds"] = time.perf_counter() - start
    log("builds: targets (SVG render time in process, export cache on a small gallery)")
    cache_target, failures, check = export_cache_check(options)
    targets = [warm_target(results), svg_target(options), cache_target, memory_target(results)]
    data = {
        "scenarios": list(SCENARIOS),
        "plugin_options": PLUGIN_OPTIONS,
        "sizes": {str(size): r for size, r in results.items()},
        "memory_growth": memory_growth(results),
        "export_cache_check": check,
        "targets": {t.name: {"held": t.held, "detail": t.detail} for t in targets},
    }
    text = table(results, targets)
    return Outcome(data=data, text=text, targets=targets, failures=failures)
