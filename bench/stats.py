"""Robust summaries of repeated samples.

On a shared, noisy machine one timing says little: another job may have run at the same
moment. The median ignores a few disturbed runs, the minimum is the best the code managed
(closest to its undisturbed cost) and the inter-quartile range shows how noisy the run was.
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Summary:
    median: float
    min: float
    max: float
    iqr: float
    n: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def summarize(values: Sequence[float]) -> Summary:
    if not values:
        raise ValueError("no samples to summarize")
    if len(values) >= 2:
        low, _, high = statistics.quantiles(values, n=4, method="inclusive")
        iqr = high - low
    else:
        iqr = 0.0
    return Summary(
        median=statistics.median(values),
        min=min(values),
        max=max(values),
        iqr=iqr,
        n=len(values),
    )


def ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else float("nan")


def median_ratio(numerators: Sequence[float], denominators: Sequence[float]) -> float:
    """Median of per-repetition ratios.

    Builds are interleaved (floor, then plugin, in each repetition), so a burst of load from
    another job tends to slow both sides of a pair; the paired ratio cancels part of it.
    """
    return statistics.median(ratio(a, b) for a, b in zip(numerators, denominators, strict=True))


def slope_per_100(points: Sequence[tuple[int, float]]) -> list[tuple[int, int, float]]:
    """Growth between consecutive sizes, in units per 100 maps.

    Roughly equal slopes across intervals mean roughly linear growth; a slope that rises
    with size means something grows faster than the gallery (e.g. every page listing every
    map).
    """
    ordered = sorted(points)
    return [
        (a, b, (vb - va) / (b - a) * 100)
        for (a, va), (b, vb) in itertools.pairwise(ordered)
        if b != a
    ]
