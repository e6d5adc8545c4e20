"""A smooth curve through points that never overshoots them (monotone cubic, Fritsch–Carlson).

Emotion scores are few and coarse (-2..+2); a Catmull-Rom spline would bulge above +2 or
below -2 between two stages and suggest feelings nobody reported. A monotone cubic keeps
every piece between its two scores and is flat at local peaks and valleys.
"""

from __future__ import annotations

import math
from itertools import pairwise

from journey_maps.layout.geometry import Command, Point


def _tangents(points: list[Point]) -> list[float]:
    slopes = [(b[1] - a[1]) / (b[0] - a[0]) if b[0] != a[0] else 0.0 for a, b in pairwise(points)]
    tangents = [slopes[0]]
    for before, after in pairwise(slopes):
        tangents.append(0.0 if before * after <= 0 else (before + after) / 2)
    tangents.append(slopes[-1])
    for k, slope in enumerate(slopes):
        if slope == 0:
            tangents[k] = tangents[k + 1] = 0.0
            continue
        a, b = tangents[k] / slope, tangents[k + 1] / slope
        if a * a + b * b > 9:
            t = 3 / math.hypot(a, b)
            tangents[k], tangents[k + 1] = t * a * slope, t * b * slope
    return tangents


def monotone_cubic(points: list[Point]) -> tuple[Command, ...]:
    """Path commands through ``points`` (sorted by x): a move, then one Bézier per gap."""
    if not points:
        return ()
    commands: list[Command] = [("M", points[0])]
    if len(points) == 1:
        return tuple(commands)
    tangents = _tangents(points)
    for k, (a, b) in enumerate(pairwise(points)):
        third = (b[0] - a[0]) / 3
        commands.append(
            (
                "C",
                (
                    a[0] + third,
                    a[1] + tangents[k] * third,
                    b[0] - third,
                    b[1] - tangents[k + 1] * third,
                    b[0],
                    b[1],
                ),
            )
        )
    return tuple(commands)
