"""Two emotion curves on one scale: the current state and the future state of a journey.

One column per stage of either map (matched by id, see :mod:`journey_maps.site.browse.compare`),
the -2..+2 scale at the left, the change per stage under the plot and the stage names below.
The two series differ in three ways, so neither colour vision nor a black-and-white print is
needed to tell them apart: the current state is a dashed line with hollow circles, the future
state a solid line with filled diamonds, and each has its own colour. A stage one map did
not score breaks that map's curve instead of being interpolated, like on the map itself.

Words arrive finished (legend entries, title, summary) in the reader's language; this module
only places them. The result is a :class:`~journey_maps.layout.geometry.Drawing` for
:func:`journey_maps.render.svg.to_svg`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from journey_maps.layout.blocks import BODY, BODY_LH, MARGIN, PAD, SMALL, SMALL_LH, text_block
from journey_maps.layout.curve import monotone_cubic
from journey_maps.layout.geometry import (
    Circle,
    Command,
    Drawing,
    EmotionScale,
    Group,
    Path,
    Shape,
    TextBlock,
)
from journey_maps.layout.labels import signed
from journey_maps.layout.text import text_width

COL_W = 132.0
SCORE_STEP = 30.0
MARKER = 6.5
_SAMPLE_W = 44.0
_TICK_GAP = 8.0
_NAME_LINES = 3
MIN_WIDTH = 560.0


@dataclass(frozen=True)
class Column:
    """A stage as the diagram needs it: its id, name and the two scores (None: unscored)."""

    stage_id: str
    title: str
    before: int | None
    after: int | None


@dataclass(frozen=True)
class _Series:
    key: str
    stroke: str
    dash: tuple[float, ...]
    width: float


CURRENT = _Series("current", "muted", (7.0, 5.0), 2.5)
FUTURE = _Series("future", "curve", (), 3.0)


def _marker(series: _Series, x: float, y: float) -> Shape:
    if series is CURRENT:
        return Circle(x, y, MARKER, fill="bg", stroke=series.stroke, stroke_width=2.5, on="bg")
    r = MARKER + 1.5
    diamond: tuple[Command, ...] = (
        ("M", (x, y - r)),
        ("L", (x + r, y)),
        ("L", (x, y + r)),
        ("L", (x - r, y)),
        ("Z", ()),
    )
    return Path(diamond, fill=series.stroke, stroke="bg", stroke_width=1.5, on="bg")


def _runs(points: list[tuple[int, float, float]]) -> list[list[tuple[float, float]]]:
    """Points of consecutive columns; a column without a score starts a new run."""
    runs: list[list[tuple[float, float]]] = []
    last = -2
    for index, x, y in points:
        if index != last + 1 or not runs:
            runs.append([])
        runs[-1].append((x, y))
        last = index
    return runs


def _series(
    series: _Series, scores: list[int | None], centers: list[float], scale: EmotionScale
) -> Group:
    points = [(i, centers[i], scale.y(s)) for i, s in enumerate(scores) if s is not None]
    lines: list[Shape] = [
        Path(
            monotone_cubic(run),
            stroke=series.stroke,
            stroke_width=series.width,
            dash=series.dash,
            on="bg",
            cls="jm-compare-curve",
        )
        for run in _runs(points)
        if len(run) > 1
    ]
    markers = [_marker(series, x, y) for _, x, y in points]
    return Group((*lines, *markers), cls=f"jm-compare-series jm-compare-{series.key}")


def _legend(entries: tuple[str, str], x: float, y: float, width: float) -> tuple[Group, float]:
    shapes: list[Shape] = []
    text_x = x + _SAMPLE_W + PAD
    for series, text in zip((CURRENT, FUTURE), entries, strict=True):
        block = text_block(text, text_x, y, width - (text_x - x), on="bg", cls="jm-legend")
        middle = y + BODY_LH / 2
        line: tuple[Command, ...] = (("M", (x, middle)), ("L", (x + _SAMPLE_W, middle)))
        sample = Path(
            line, stroke=series.stroke, stroke_width=series.width, dash=series.dash, on="bg"
        )
        shapes.append(
            Group(
                (sample, _marker(series, x + _SAMPLE_W / 2, middle), block),
                cls=f"jm-compare-legend jm-compare-{series.key}",
            )
        )
        y += max(block.height, BODY_LH) + PAD / 2
    return Group(tuple(shapes), cls="jm-legend"), y


def _change_text(before: int | None, after: int | None) -> tuple[str, str]:
    """The change under a column, and its colour role: a glyph and a sign, never colour alone."""
    if before is None or after is None:
        return "–", "muted"
    delta = after - before
    if delta > 0:
        return f"▲ {signed(delta)}", "positive"
    if delta < 0:
        return f"▼ {signed(delta)}", "negative"
    return "= 0", "muted"


def layout_compare(
    columns: Sequence[Column], *, legend: tuple[str, str], title: str, desc: str
) -> Drawing:
    """The comparison drawing; ``legend`` is (current entry, future entry)."""
    tick_w = max(text_width(signed(s), SMALL) for s in range(-2, 3)) + _TICK_GAP
    left = MARGIN + tick_w
    count = max(len(columns), 1)
    # Few stages spread over the minimum width; many make the drawing wider, never denser.
    col_w = max(COL_W, (MIN_WIDTH - left - MARGIN) / count)
    width = left + count * col_w + MARGIN
    legend_group, y = _legend(legend, MARGIN, MARGIN, width - 2 * MARGIN)
    top = y + PAD + MARKER
    scale = EmotionScale(top, top + 4 * SCORE_STEP)
    right = left + count * col_w
    centers = [left + (i + 0.5) * col_w for i in range(len(columns))]
    shapes: list[Shape] = [legend_group]
    for score in range(scale.high, scale.low - 1, -1):
        level = scale.y(score)
        label = signed(score)
        shapes.append(
            TextBlock(
                left - _TICK_GAP - text_width(label, SMALL),
                level - SMALL_LH / 2,
                (label,),
                SMALL,
                SMALL_LH,
                tick_w,
                "muted",
                "bg",
                cls="jm-scale",
            )
        )
        zero = score == 0
        shapes.append(
            Path(
                (("M", (left, level)), ("L", (right, level))),
                stroke="zero" if zero else "grid",
                stroke_width=1.5 if zero else 1.0,
                dash=(6.0, 4.0) if zero else (2.0, 4.0),
                on="bg" if zero else None,
                cls="jm-zero" if zero else "jm-level",
            )
        )
    changes_y = scale.bottom + MARKER + PAD
    names_y = changes_y + SMALL_LH + PAD / 2
    name_w = col_w - 2 * PAD
    labels: list[Shape] = []
    bottom = names_y
    for i, column in enumerate(columns):
        text, role = _change_text(column.before, column.after)
        change = TextBlock(
            centers[i],
            changes_y,
            (text,),
            SMALL,
            SMALL_LH,
            name_w,
            role,
            "bg",
            weight="bold",
            align="middle",
            cls="jm-compare-change",
        )
        name = text_block(
            column.title,
            centers[i],
            names_y,
            name_w,
            on="bg",
            size=BODY,
            line_height=BODY_LH,
            max_lines=_NAME_LINES,
            align="middle",
            cls="jm-stage-name",
        )
        bottom = max(bottom, name.y + name.height)
        labels.append(
            Group((change, name), cls="jm-compare-stage", data=(("stage", column.stage_id),))
        )
    for i in range(count + 1):
        x = left + i * col_w
        shapes.append(
            Path((("M", (x, top - MARKER)), ("L", (x, bottom))), stroke="grid", cls="jm-column")
        )
    shapes += labels
    shapes.append(_series(CURRENT, [c.before for c in columns], centers, scale))
    shapes.append(_series(FUTURE, [c.after for c in columns], centers, scale))
    return Drawing(
        width=width,
        height=bottom + MARGIN,
        title=title,
        desc=desc,
        items=tuple(shapes),
        emotion_scale=scale,
        kind="compare",
    )
