"""The emotion lane: a scale from -2 to +2, a curve through the scores, valence markers.

The curve is a monotone cubic (it never overshoots the scale between two stages). A stage
without an emotion *breaks* the curve instead of being interpolated: the map shows no
feeling where the research recorded none. Markers differ in shape (triangle up, circle,
triangle down), not only in colour; their label sits in a pill below, the quote under the
band in the stage's column.
"""

from __future__ import annotations

from journey_maps.layout.blocks import (
    CARD_PAD_X,
    MARGIN,
    MARKER_R,
    PAD,
    SMALL,
    SMALL_LH,
    VALENCE_ROLE,
    text_block,
    valence,
)
from journey_maps.layout.curve import monotone_cubic
from journey_maps.layout.geometry import EmotionScale, Group, Marker, Path, Rect, Shape, TextBlock
from journey_maps.layout.grid import HEAD_W, Grid, Row, lane_heading
from journey_maps.layout.labels import signed
from journey_maps.layout.text import text_width

SCORE_STEP = 22.0
_TICK_W = 26.0


#: A scored stage: column index, marker centre x and y, score.
_Point = tuple[int, float, float, int]


def emotion_row(grid: Grid, y: float, stripe: str) -> Row:
    """The whole lane from ``y`` on the ``stripe`` background; blank maps get the scale only."""
    heading = lane_heading(grid, "emotion", y, _TICK_W + 4)
    top = y + PAD + MARKER_R + 4
    scale = EmotionScale(top, top + 4 * SCORE_STEP)
    ticks, guides = _scale(grid, scale, stripe)
    points: list[_Point] = [
        (i, grid.center(i), scale.y(column.emotion.score), column.emotion.score)
        for i, column in enumerate(grid.columns)
        if column.emotion is not None and not grid.blank
    ]
    marks, marks_bottom = _marks(grid, points, stripe)
    band_bottom = max(marks_bottom, scale.bottom + MARKER_R) + PAD
    quotes, quotes_h = _quotes(grid, band_bottom, stripe)
    height = max(band_bottom + quotes_h - y, heading.height + 2 * PAD)
    return Row(guides, [heading, *ticks, *marks, *quotes], height, scale)


def _scale(grid: Grid, scale: EmotionScale, stripe: str) -> tuple[list[Shape], list[Shape]]:
    """Score numbers in the heading column, and a guide line per score (0 stands out)."""
    ticks: list[Shape] = []
    guides: list[Shape] = []
    right = MARGIN + HEAD_W - PAD
    for score in range(scale.high, scale.low - 1, -1):
        level = scale.y(score)
        label = signed(score)
        ticks.append(
            TextBlock(
                right - text_width(label, SMALL),
                level - SMALL_LH / 2,
                (label,),
                SMALL,
                SMALL_LH,
                _TICK_W,
                "muted",
                "head-bg",
                cls="jm-scale",
            )
        )
        zero = score == 0
        guides.append(
            Path(
                (("M", (grid.left, level)), ("L", (grid.right, level))),
                stroke="zero" if zero else "grid",
                stroke_width=1.5 if zero else 1,
                dash=(6, 4) if zero else (2, 4),
                on=stripe if zero else None,  # the other guides are decoration
                cls="jm-zero" if zero else "jm-level",
            )
        )
    return ticks, guides


def _marks(grid: Grid, points: list[_Point], stripe: str) -> tuple[list[Shape], float]:
    """Curve runs, then markers, then label pills on top; returns them and their bottom."""
    curve: list[Shape] = [
        Path(
            monotone_cubic([(x, y) for _, x, y, _ in run]),
            stroke="curve",
            stroke_width=2.5,
            on=stripe,
            cls="jm-curve",
        )
        for run in _runs(points)
        if len(run) > 1
    ]
    markers: list[Shape] = []
    pills: list[Shape] = []
    bottom = 0.0
    for i, x, y, score in points:
        emotion = grid.columns[i].emotion
        assert emotion is not None
        shape = valence(score)
        tip = f"{emotion.label} ({signed(score)})" if emotion.label else signed(score)
        markers.append(
            Marker(
                x,
                y,
                MARKER_R,
                shape,
                VALENCE_ROLE[shape],
                outline=stripe,
                on=stripe,
                score=score,
                tooltip=tip,
                cls=f"jm-marker jm-marker-{shape}",
            )
        )
        if not emotion.label:
            continue
        block = text_block(
            emotion.label,
            x,
            y + MARKER_R + 6,
            grid.inner - 2 * CARD_PAD_X,
            on="card-bg",
            size=SMALL,
            line_height=SMALL_LH,
            weight="bold",
            align="middle",
            cls="jm-emotion-label",
        )
        width = max(text_width(line, SMALL, "bold") for line in block.lines) + 12
        pills.append(
            Rect(
                x - width / 2,
                block.y - 2,
                width,
                block.height + 4,
                fill="card-bg",
                stroke="card-border",
                radius=4,
                cls="jm-pill",
            )
        )
        pills.append(block)
        bottom = max(bottom, block.y + block.height + 2)
    return [*curve, *markers, *pills], bottom


def _quotes(grid: Grid, top: float, stripe: str) -> tuple[list[Shape], float]:
    """Each stage's quote under the band, in its column; returns them and their height."""
    quotes: list[Shape] = []
    height = 0.0
    for i, column in enumerate(grid.columns):
        if column.emotion is None or not column.emotion.quote or grid.blank:
            continue
        block = text_block(
            f"“{column.emotion.quote}”",
            grid.x(i) + PAD,
            top,
            grid.inner,
            on=stripe,
            cls="jm-quote",
        )
        quotes.append(Group((block,), cls="jm-cell", data=(("stage", column.id),)))
        height = max(height, block.height + PAD)
    return quotes, height


def _runs(points: list[_Point]) -> list[list[_Point]]:
    """Consecutive stages with a score; a stage without one starts a new run."""
    runs: list[list[_Point]] = []
    for point in points:
        if runs and runs[-1][-1][0] == point[0] - 1:
            runs[-1].append(point)
        else:
            runs.append([point])
    return runs
