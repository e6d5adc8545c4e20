"""A small picture of a map for gallery cards: its shape at a glance, no small text.

320×180 px: the stage columns with a bar per item, and the emotion curve with valence
markers; an empathy map shows its quadrants around the persona disc. The map's title and
summary stay available as the accessible name and description.
"""

from __future__ import annotations

from journey_maps.core.model import LANES, JourneyMap
from journey_maps.layout.blocks import CARD_ROLES, VALENCE_ROLE, describe, valence
from journey_maps.layout.curve import monotone_cubic
from journey_maps.layout.geometry import Circle, Drawing, EmotionScale, Marker, Path, Rect, Shape
from journey_maps.layout.labels import Labels

WIDTH, HEIGHT = 320.0, 180.0
_EDGE = 10.0
_BAR, _BAR_GAP, _FULL = 8.0, 6.0, 4


def _bars(counts: list[tuple[str, int]], x: float, y: float, w: float) -> list[Shape]:
    """One bar per lane, as long as its number of items (four or more fill the column)."""
    shapes: list[Shape] = []
    for lane, count in counts:
        if count:
            fill, border = CARD_ROLES[lane]
            length = max(w * min(count, _FULL) / _FULL, 3.0)
            shapes.append(Rect(x, y, length, _BAR, fill=fill, stroke=border, radius=2))
        y += _BAR + _BAR_GAP
    return shapes


def _journey(journey: JourneyMap) -> tuple[list[Shape], EmotionScale | None]:
    columns = journey.columns
    col_w = (WIDTH - 2 * _EDGE) / len(columns)
    scored = any(c.emotion is not None for c in columns)
    scale = EmotionScale(HEIGHT - 62, HEIGHT - 18) if scored else None
    shapes: list[Shape] = []
    gap = min(3.0, col_w / 6)
    for i, column in enumerate(columns):
        x = _EDGE + i * col_w
        shapes.append(Rect(x + gap / 2, _EDGE, col_w - gap, 18, fill="stage-bg", radius=2))
        counts = [
            (lane, len(column.touchpoints if lane == "touchpoints" else column.item_lanes()[lane]))
            for lane in LANES
            if lane != "emotion"
        ]
        shapes += _bars(counts, x + gap / 2 + 2, _EDGE + 28, col_w - gap - 4)
    if scale is None:
        return shapes, None
    shapes.append(
        Path(
            (("M", (_EDGE, scale.y(0))), ("L", (WIDTH - _EDGE, scale.y(0)))),
            stroke="zero",
            dash=(4, 3),
            on="bg",
        )
    )
    run: list[tuple[float, float]] = []
    runs: list[list[tuple[float, float]]] = []
    markers: list[Shape] = []
    for i, column in enumerate(columns):
        if column.emotion is None:
            if run:
                runs.append(run)
            run = []
            continue
        point = (_EDGE + (i + 0.5) * col_w, scale.y(column.emotion.score))
        run.append(point)
        shape = valence(column.emotion.score)
        markers.append(
            Marker(
                *point,
                min(4.5, col_w / 3),
                shape,
                VALENCE_ROLE[shape],
                outline="bg",
                on="bg",
                score=column.emotion.score,
            )
        )
    runs.append(run)
    shapes += [
        Path(monotone_cubic(r), stroke="curve", stroke_width=2, on="bg") for r in runs if len(r) > 1
    ]
    return shapes + markers, scale


def _empathy(journey: JourneyMap) -> list[Shape]:
    """Four tinted quadrants with a bar per item (up to four), the persona disc between."""
    half_w, half_h = (WIDTH - 2 * _EDGE) / 2, (HEIGHT - 2 * _EDGE) / 2
    quadrants = journey.empathy.quadrants() if journey.empathy else {}
    tints = ("thoughts", "actions", "touchpoints", "opportunities")
    shapes: list[Shape] = []
    bars: list[Shape] = []
    for index, (key, lane) in enumerate(
        zip(("says", "thinks", "does", "feels"), tints, strict=True)
    ):
        row, col = divmod(index, 2)
        qx, qy = _EDGE + col * half_w, _EDGE + row * half_h
        fill, border = CARD_ROLES[lane]
        shapes.append(Rect(qx, qy, half_w, half_h, fill=fill, stroke=border))
        count = min(len(quadrants.get(key, [])), _FULL)
        # Bars keep clear of the disc: away from the centre line, top-down or bottom-up.
        x = qx + 10 if col == 0 else qx + 36
        for k in range(count):
            y = (
                qy + 10 + k * (_BAR + _BAR_GAP)
                if row == 0
                else (qy + half_h - 10 - _BAR - k * (_BAR + _BAR_GAP))
            )
            bars.append(Rect(x, y, half_w - 46, _BAR, fill="card-bg", stroke=border, radius=2))
    shapes += bars
    shapes.append(
        Circle(
            WIDTH / 2, HEIGHT / 2, 26, fill="stage-bg", stroke="outline", stroke_width=2, on="bg"
        )
    )
    return shapes


def layout_thumbnail(journey: JourneyMap, labels: Labels) -> Drawing:
    """The card picture of ``journey``."""
    scale = None
    if journey.empathy is not None or not journey.columns:
        shapes = _empathy(journey)
    else:
        shapes, scale = _journey(journey)
    return Drawing(
        width=WIDTH,
        height=HEIGHT,
        title=journey.title,
        desc=describe(journey, None, labels, False),
        items=tuple(shapes),
        emotion_scale=scale,
        kind="thumbnail",
    )
