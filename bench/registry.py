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
MODULES = ("bench.builds", "bench.svg_render")

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

    def repeats_for(self, size: int) -> int:
        if self.repeat is not None:
            return self.repeat
        return LARGE_REPEAT if size >= LARGE_SIZE else DEFAULT_REPEAT


@dataclass
class Outcome:
    """A measurement's result: ``data`` goes to the JSON report, ``text`` to the terminal."""

    data: dict[str, Any] = field(default_factory=dict)
    text: str = ""


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
