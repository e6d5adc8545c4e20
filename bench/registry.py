"""Named measurements: the one place a new benchmark plugs in.

A measurement is a function from :class:`Options` to an :class:`Outcome` (JSON data plus a
printed section), registered under a name with :func:`measurement`. To add one (exports
cache, languages 1/3/6, ...): write ``bench/<name>.py`` with a decorated function and add
the module to :data:`MODULES`. ``python -m bench --list`` shows what is registered and
``--only NAME`` runs a subset; the JSON report keeps each outcome under its name, so
results of different features never collide.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .generate import DEFAULT_SEED

#: Modules that register measurements, imported in this order.
MODULES = (
    "bench.builds",
    "bench.svg_render",
    "bench.exports",
    "bench.languages",
    "bench.serve_loop",
)

DEFAULT_SIZES = (10, 100, 500)
DEFAULT_REPEAT = 5
#: Fewer repetitions for big galleries by default: 500 maps x 5 takes too long (see --help).
LARGE_SIZE, LARGE_REPEAT = 500, 3


@dataclass(frozen=True)
class Options:
    """What the user asked for on the command line."""

    sizes: tuple[int, ...] = DEFAULT_SIZES
    repeat: int | None = None
    """Repetitions of every build; ``None`` means the per-size default."""
    seed: int = DEFAULT_SEED
    workdir: Path = Path()
    quick: bool = False
    sizes_given: bool = False
    """``--sizes`` was on the command line (measurements with their own default size use it)."""

    def repeats_for(self, size: int) -> int:
        if self.repeat is not None:
            return self.repeat
        return LARGE_REPEAT if size >= LARGE_SIZE else DEFAULT_REPEAT


#: The issue's performance targets, in the order the report lists them. A measurement that
#: can judge one adds a :class:`Target` under that name to its outcome.
TARGETS = (
    "warm ≤ 1.5× floor (no raster exports)",
    "per-map SVG < 10 ms (cpu)",
    "warm rebuild renders no export",
    "memory grows linearly (MB per 100 maps)",
    "serve: a saved map shown < 1 s at 500 maps",
)


@dataclass(frozen=True)
class Target:
    """One target as a measurement judged it: ``held`` is ``None`` when it could not tell."""

    name: str
    held: bool | None
    detail: str

    @property
    def verdict(self) -> str:
        return {True: "holds", False: "MISSED", None: "not judged"}[self.held]


@dataclass
class Outcome:
    """A measurement's result: ``data`` goes to the JSON report, ``text`` to the terminal.

    ``failures`` are broken expectations, not slow timings (e.g. a warm build that rendered
    exports): the report lists them and ``python -m bench`` exits non-zero.
    """

    data: dict[str, Any] = field(default_factory=dict)
    text: str = ""
    targets: list[Target] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


Runner = Callable[[Options], Outcome]


@dataclass(frozen=True)
class Measurement:
    name: str
    summary: str
    run: Runner


REGISTRY: dict[str, Measurement] = {}


def measurement(name: str, summary: str) -> Callable[[Runner], Runner]:
    """Register the decorated function as the measurement ``name``."""

    def register(run: Runner) -> Runner:
        if name in REGISTRY:
            raise ValueError(f"measurement {name!r} is registered twice")
        REGISTRY[name] = Measurement(name, summary, run)
        return run

    return register


def load_all() -> dict[str, Measurement]:
    for module in MODULES:
        importlib.import_module(module)
    return REGISTRY
