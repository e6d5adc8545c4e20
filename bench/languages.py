"""What each extra language costs: one generated gallery published in 1, 3 and 6 languages.

The gallery is built with ``languages: [en]``, ``[en, de, et]`` and ``[en, de, et, bg, af,
lv]`` and ``downloads: false``, so this measures pages (every map, persona and index page
once per language), not rasterizing. Each repetition builds every language set cold (no
site, no cache) and then warm, the sets in turns (1, 3, 6 then 6, 3, 1) so that a slow spell
of the shared machine does not always hit the same set.

Generated maps have no translation files, so every page of an extra language is a fallback
to the English text, marked as such: the worst case for marking, with the same page count as
a fully translated language.

Size: the first of ``--sizes`` when given, otherwise :data:`DEFAULT_SIZE` maps. Measured on
the 2-core dev machine (busy): 100 maps in 6 languages is ~140 s of CPU (~250 s wall) per
build, so 1+3+6 languages cold and warm would be ~25 minutes per 3 repetitions; at 50 maps
one 6-language build is ~67 s of CPU and a repetition ~4 minutes of CPU.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .builds import log
from .generate import generate_gallery, write_plugin_site
from .measure import Sample, timed_build
from .registry import Options, Outcome, measurement
from .report import load_average
from .stats import ratio, summarize

DEFAULT_SIZE = 50
DEFAULT_REPEAT = 3
LANGUAGE_SETS: tuple[tuple[str, ...], ...] = (
    ("en",),
    ("en", "de", "et"),
    ("en", "de", "et", "bg", "af", "lv"),
)
MODES = ("cold", "warm")


def count_pages(site_dir: Path) -> int:
    return sum(1 for _ in site_dir.rglob("*.html"))


def gallery_size(options: Options) -> int:
    return options.sizes[0] if options.sizes_given or options.quick else DEFAULT_SIZE


def _fresh(project: Path) -> None:
    shutil.rmtree(project / "site", ignore_errors=True)
    shutil.rmtree(project / ".cache", ignore_errors=True)


def measure_languages(
    size: int, root: Path, *, repeat: int, seed: int, sets: Sequence[Sequence[str]]
) -> dict[str, Any]:
    shutil.rmtree(root, ignore_errors=True)
    gallery = generate_gallery(size, seed=seed)
    projects = {
        len(langs): write_plugin_site(
            root / f"languages-{len(langs)}",
            gallery,
            {"languages": list(langs), "downloads": False},
        )
        for langs in sets
    }
    first = projects[len(sets[0])]
    timed_build(first, first / "site")  # untimed warm-up: OS file cache, .pyc files
    samples: dict[int, dict[str, list[Sample]]] = {k: {m: [] for m in MODES} for k in projects}
    pages: dict[int, int] = {}
    for repetition in range(repeat):
        order = list(projects) if repetition % 2 == 0 else list(reversed(projects))
        for count in order:
            project = projects[count]
            _fresh(project)
            samples[count]["cold"].append(timed_build(project, project / "site"))
            samples[count]["warm"].append(timed_build(project, project / "site"))
            pages[count] = count_pages(project / "site")
        log(
            f"  languages, {size} maps, repetition {repetition + 1}/{repeat}: "
            + ", ".join(
                f"{k} lang cold {samples[k]['cold'][-1].seconds:.1f}s "
                f"warm {samples[k]['warm'][-1].seconds:.1f}s"
                for k in projects
            )
        )
    base = min(projects)
    results: dict[str, Any] = {}
    for count, modes in samples.items():
        entry: dict[str, Any] = {
            "languages": next(list(s) for s in sets if len(s) == count),
            "pages": pages[count],
        }
        for mode, runs in modes.items():
            entry[mode] = {
                "seconds": summarize([s.seconds for s in runs]).as_dict(),
                "cpu_seconds": summarize([s.cpu_seconds for s in runs]).as_dict(),
                "peak_mb": summarize([s.peak_mb for s in runs]).as_dict(),
                "samples": [vars(s) for s in runs],
            }
        results[str(count)] = entry
    for count in projects:
        entry = results[str(count)]
        for mode in MODES:
            for metric in ("seconds", "cpu_seconds", "peak_mb"):
                value = entry[mode][metric]["median"]
                one = results[str(base)][mode][metric]["median"]
                entry[mode][metric]["ratio_to_one"] = ratio(value, one)
                extra = count - base
                entry[mode][metric]["per_extra_language"] = (value - one) / extra if extra else None
                entry[mode][metric]["per_extra_language_pct"] = (
                    ratio(value - one, one) * 100 / extra if extra else None
                )
    return {
        "maps": len(gallery.maps),
        "personas": len(gallery.personas),
        "repeat": repeat,
        "downloads": False,
        "fallback": "generated maps have no translations: every extra language is all fallback",
        "sets": results,
    }


def table(data: dict[str, Any]) -> str:
    sets = data["sets"]
    lines = [
        f"languages: {data['maps']} generated maps, downloads: false, median of {data['repeat']}",
        "(no translation files: every extra language is all fallback, the worst case for",
        " marking, with the same page count as fully translated)",
    ]
    head = (
        f"{'langs':>5} {'pages':>6}  {'cold s':>7} {'cpu s':>6} {'x 1':>6} {'cpu x 1':>7}  "
        f"{'warm s':>7} {'cpu s':>6} {'x 1':>6} {'cpu x 1':>7}  {'peak MB':>7}"
    )
    lines += [head, "-" * len(head)]
    for count, entry in sets.items():
        cells = []
        for mode in MODES:
            wall, cpu = entry[mode]["seconds"], entry[mode]["cpu_seconds"]
            cells.append(
                f"{wall['median']:>7.1f} {cpu['median']:>6.1f} "
                f"{wall['ratio_to_one']:>5.2f}x {cpu['ratio_to_one']:>6.2f}x"
            )
        lines.append(
            f"{count:>5} {entry['pages']:>6}  {'  '.join(cells)}  "
            f"{entry['cold']['peak_mb']['median']:>7.0f}"
        )
    lines.append(
        "per extra language (from 1 language to n; wall / cpu, % of the 1-language build):"
    )
    for count, entry in sets.items():
        if entry["cold"]["seconds"]["per_extra_language"] is None:
            continue
        cells = []
        for mode in MODES:
            wall, cpu = entry[mode]["seconds"], entry[mode]["cpu_seconds"]
            cells.append(
                f"{mode} {wall['per_extra_language']:+.1f} s "
                f"({wall['per_extra_language_pct']:+.0f}%) / "
                f"{cpu['per_extra_language']:+.1f} s cpu ({cpu['per_extra_language_pct']:+.0f}%)"
            )
        memory = entry["cold"]["peak_mb"]["per_extra_language"]
        lines.append(f"  1->{count}: " + "; ".join(cells) + f"; memory {memory:+.0f} MB")
    return "\n".join(lines)


@measurement(
    "languages", "generated gallery in 1, 3 and 6 languages, no downloads: cost per language"
)
def run_languages(options: Options) -> Outcome:
    size = gallery_size(options)
    repeat = options.repeat or DEFAULT_REPEAT
    log(f"languages: {size} maps, {repeat} repetition(s), languages 1/3/6")
    start, load = time.perf_counter(), load_average()
    data = measure_languages(
        size, options.workdir / "languages", repeat=repeat, seed=options.seed, sets=LANGUAGE_SETS
    )
    data["load_before"], data["load_after"] = load, load_average()
    data["elapsed_seconds"] = time.perf_counter() - start
    text = table(data) + f"\nload average {data['load_before']} -> {data['load_after']}"
    return Outcome(data=data, text=text)
