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

from .generate import DEFAULT_SEED
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
raw samples to bench/results/latest.json (see --out).
"""

EPILOG = f"""\
Repetitions default to {DEFAULT_REPEAT} per size, but {LARGE_REPEAT} for galleries of
{LARGE_SIZE}+ maps. Measured on the 2-core dev machine: one repetition at 500 maps (floor,
cold, warm and edit builds) is about 130 s of CPU, 5 minutes of wall time when the machine
is busy. With {DEFAULT_REPEAT} repetitions at 500 the full default run would take about 14
minutes on an idle machine and over 30 on a busy one; with {LARGE_REPEAT} it takes about 10
(idle) to 20 (busy) minutes. --repeat sets every size; --quick is a one-minute smoke run.
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
        f"{LARGE_SIZE}+ maps)",
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
