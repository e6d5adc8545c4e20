"""``python -m bench``: run the registered measurements, print a report, write JSON."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .exports import DEFAULT_REPEAT as EXPORTS_REPEAT
from .generate import DEFAULT_SEED
from .languages import DEFAULT_REPEAT as LANGUAGES_REPEAT
from .languages import DEFAULT_SIZE as LANGUAGES_SIZE
from .measure import BuildFailedError
from .registry import (
    DEFAULT_REPEAT,
    DEFAULT_SIZES,
    LARGE_REPEAT,
    LARGE_SIZE,
    Options,
    Outcome,
    load_all,
)
from .report import DEFAULT_OUT, load_average, machine_info, render, write_json

QUICK_SIZES, QUICK_REPEAT = (10,), 2

DESCRIPTION = """\
Compare `mkdocs build` of generated galleries with the journey-maps plugin against the same
content as a plain mkdocs-material site (the floor). Prints medians and ratios; writes the
raw samples to bench/results/latest.json (see --out). Measurements (--list, --only):

  builds     generated galleries of --sizes maps, plugin with downloads: false, against the
             floor: cold, warm, one edit; then the four targets
  svg        per-map SVG render time, in process
  exports    the sample gallery (6 languages) with downloads: floor (downloads: false),
             cold with workers 1 and 2, warm (must render 0 exports, else exit status 1)
  languages  a generated gallery in 1, 3 and 6 languages, downloads: false, cold and warm
  serve      the edit loop: a real `mkdocs serve` of the floor and of the plugin (6 languages),
             one saved file, polled until the served page shows the edit (--sizes, default
             100,500; repetitions interleave floor and plugin)

Exits 1 if a build fails or an expectation breaks (e.g. a warm build rendered exports).
"""

EPILOG = f"""\
Times below were measured on the shared 2-core dev machine at a load average of 4-6 (busy);
on an idle machine expect roughly the CPU time.

builds: repetitions default to {DEFAULT_REPEAT} per size, but {LARGE_REPEAT} for galleries
of {LARGE_SIZE}+ maps. The plugin builds run with downloads: false (pages only). One
repetition at 500 maps (floor, cold, warm and edit builds) is about 250 s of CPU and 5-6
minutes of wall time; 100 maps about 55 s of CPU, 2 minutes. The default sizes take about
28 minutes (busy), 18 of them at 500 maps. --repeat sets every size.

exports: {EXPORTS_REPEAT} repetitions by default (--repeat overrides). Each cold build of the
6-language sample renders 192 PNG/PDF (~58 s of CPU, 60-90 s wall); one repetition (floor,
2 cold, warm) is ~135 s of CPU, about 3 minutes busy: ~10 minutes in all. --quick builds the
sample in English only.

languages: the first of --sizes when --sizes is given, else {LANGUAGES_SIZE} maps (--quick:
{QUICK_SIZES[0]}), {LANGUAGES_REPEAT} repetitions by default. Not 100: one 100-map 6-language
build is ~140 s of CPU (~250 s wall), which would make 3 repetitions of 1/3/6 languages cold
and warm ~25-30 minutes; at 50 maps a repetition is ~140 s of CPU, ~4 minutes busy: ~13
minutes in all.

serve: --sizes when given, else 100 and 500 maps, 5 edits per side by default (--repeat).
Both servers start together (the plugin's first 6-language build at 500 maps is ~3.5 minutes
busy), then the floor and the plugin are edited in turn, a second apart; 100 and 500 maps
with 3 edits take about 7 minutes busy.

A full `make bench` (all measurements, default sizes and repetitions) takes about 60 minutes
on the busy machine, 40 idle. --quick (10 maps, exports in English only, 2 repetitions)
takes about 8 minutes busy.
"""


def _joined(sizes: Sequence[int]) -> str:
    return ",".join(map(str, sizes))


def _sizes(text: str) -> tuple[int, ...]:
    try:
        sizes = tuple(int(part) for part in text.split(",") if part.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected sizes like 10,100,500, got {text!r}") from None
    if not sizes or any(size < 1 for size in sizes):
        raise argparse.ArgumentTypeError("sizes must be positive whole numbers")
    return sizes


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m bench",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--sizes",
        type=_sizes,
        help=f"gallery sizes in maps, comma-separated (default {_joined(DEFAULT_SIZES)})",
    )
    p.add_argument(
        "--repeat",
        type=_positive,
        help=f"repetitions of every build (default {DEFAULT_REPEAT}; {LARGE_REPEAT} for "
        f"{LARGE_SIZE}+ maps; {EXPORTS_REPEAT} for exports and languages)",
    )
    p.add_argument("--out", type=Path, default=DEFAULT_OUT, help="JSON report path")
    p.add_argument(
        "--quick",
        action="store_true",
        help=f"smoke run: sizes {_joined(QUICK_SIZES)}, repeat {QUICK_REPEAT}",
    )
    p.add_argument("--seed", type=int, default=DEFAULT_SEED, help="generator seed")
    p.add_argument("--only", help="run only these measurements, comma-separated (see --list)")
    p.add_argument("--list", action="store_true", help="list the measurements and exit")
    p.add_argument("--workdir", type=Path, help="where to write the sites (default: a temp dir)")
    p.add_argument("--keep", action="store_true", help="keep the generated sites afterwards")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    registry = load_all()
    if args.list:
        for item in registry.values():
            print(f"{item.name:<10} {item.summary}")
        return 0
    names = [n.strip() for n in args.only.split(",")] if args.only else list(registry)
    unknown = [n for n in names if n not in registry]
    if unknown:
        print(f"unknown measurement(s): {', '.join(unknown)}; see --list", file=sys.stderr)
        return 2
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="journey-maps-bench-"))
    options = Options(
        sizes=args.sizes or (QUICK_SIZES if args.quick else DEFAULT_SIZES),
        repeat=args.repeat or (QUICK_REPEAT if args.quick else None),
        seed=args.seed,
        workdir=workdir.resolve(),
        quick=args.quick,
        sizes_given=args.sizes is not None,
    )
    header: dict[str, Any] = {
        "started": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": machine_info(),
        "options": {
            "sizes": list(options.sizes),
            "repeat": {str(s): options.repeats_for(s) for s in options.sizes},
            "seed": options.seed,
            "quick": options.quick,
            "measurements": names,
        },
        "load_before": load_average(),
    }
    start = time.perf_counter()
    outcomes: dict[str, Outcome] = {}
    try:
        for name in names:
            outcomes[name] = registry[name].run(options)
    except BuildFailedError as error:
        # A failed build has no meaningful time; show its log, not our traceback.
        print(f"bench: {error}", file=sys.stderr)
        return 1
    finally:
        if not (args.keep or args.workdir):
            shutil.rmtree(workdir, ignore_errors=True)
    header["load_after"] = load_average()
    header["elapsed_seconds"] = time.perf_counter() - start
    print(render(outcomes, header))
    write_json(args.out, outcomes, header)
    print(f"\nwrote {args.out}")
    if args.keep or args.workdir:
        print(f"sites kept in {workdir}")
    failures = [text for outcome in outcomes.values() for text in outcome.failures]
    for text in failures:
        print(f"bench: FAILED: {text}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
