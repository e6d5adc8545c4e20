"""Layout of current- and future-state journeys, and the assembly of the lane grid.

A journey is the grid of :mod:`~journey_maps.layout.grid` with stage headers, the emotion
lane of :mod:`~journey_maps.layout.emotion` and the loop arrows of
:mod:`~journey_maps.layout.loops`; day-in-the-life maps reuse :func:`layout_grid` with a
time axis instead of stage headers.
"""

from __future__ import annotations

from journey_maps.core.model import ChannelKind, JourneyMap, Persona
from journey_maps.layout.blocks import MARGIN, PAD, LegendEntry, describe, page_header, subtitle
from journey_maps.layout.emotion import emotion_row
from journey_maps.layout.geometry import Band, Drawing, EmotionScale, Group, Path, Rect, Shape
from journey_maps.layout.grid import (
    HEAD_W,
    MIN_ROW,
    Grid,
    HeaderFn,
    card_row,
    column_text,
    make_grid,
)
from journey_maps.layout.labels import Labels
from journey_maps.layout.loops import draw_loops, plan_loops


def _stage_headers(grid: Grid, y: float) -> tuple[list[Shape], float]:
    """One header cell per stage (name, description, goal), all as tall as the fullest."""
    parts = [column_text(grid, column, i, y + PAD) for i, column in enumerate(grid.columns)]
    height = max([MIN_ROW, *(h + 2 * PAD for _, h in parts)])
    shapes: list[Shape] = [Rect(MARGIN, y, HEAD_W, height, fill="head-bg")]
    for i, (column, (items, _)) in enumerate(zip(grid.columns, parts, strict=True)):
        background = Rect(grid.x(i), y, grid.col_w, height, fill="stage-bg")
        shapes.append(
            Group(
                (background, *items),
                cls="jm-stage",
                key=f"stage-{column.id}",
                data=(("stage", column.id),),
            )
        )
    return shapes, height


def legend_entries(grid: Grid) -> list[LegendEntry]:
    """The symbols this map shows: valence markers with an emotion lane, used channels."""
    labels = grid.labels
    entries: list[LegendEntry] = []
    if "emotion" in grid.lanes:
        entries += [
            LegendEntry(labels.positive, marker="up"),
            LegendEntry(labels.neutral, marker="circle"),
            LegendEntry(labels.negative, marker="down"),
        ]
    if "touchpoints" in grid.lanes:
        used = {t.channel for c in grid.columns for t in c.touchpoints}
        entries += [
            LegendEntry(labels.channel(kind), icon=kind)
            for kind in ChannelKind
            if kind in used or grid.blank
        ]
    return entries


def layout_grid(
    journey: JourneyMap,
    persona: Persona | None,
    labels: Labels,
    blank: bool,
    headers: HeaderFn,
) -> Drawing:
    """Header, optional loop arrows, column headers, then one row per lane."""
    grid = make_grid(journey, labels, blank)
    shapes, y = page_header(
        journey.title, subtitle(journey, persona, labels), legend_entries(grid), grid.width
    )
    loops, loop_heights = plan_loops(grid) if journey.stages else ([], [])
    loop_area = sum(loop_heights)
    head_top = y + loop_area
    head_shapes, head_h = headers(grid, head_top)
    y = head_top + head_h
    backgrounds: list[Shape] = []
    contents: list[Shape] = []
    lane_bands: list[Band] = []
    scale: EmotionScale | None = None
    for number, lane in enumerate(grid.lanes):
        stripe = "lane-alt-bg" if number % 2 else "lane-bg"
        row = emotion_row(grid, y, stripe) if lane == "emotion" else card_row(grid, lane, y)
        scale = row.scale or scale
        backgrounds.append(Rect(grid.left, y, grid.right - grid.left, row.height, fill=stripe))
        backgrounds.append(Rect(MARGIN, y, HEAD_W, row.height, fill="head-bg"))
        backgrounds.extend(row.background)
        contents.append(
            Group(tuple(row.content), cls="jm-lane", key=f"lane-{lane}", data=(("lane", lane),))
        )
        lane_bands.append(Band(lane, y, row.height))
        y += row.height
    grid_top = head_top
    lines: list[Shape] = [
        Path((("M", (grid.x(i), grid_top)), ("L", (grid.x(i), y))), stroke="grid", cls="jm-grid")
        for i in range(len(grid.columns) + 1)
    ]
    lines += [
        Path(
            (("M", (MARGIN, band.start)), ("L", (grid.right, band.start))),
            stroke="grid",
            cls="jm-grid",
        )
        for band in lane_bands
    ]
    lines.append(Path((("M", (MARGIN, y)), ("L", (grid.right, y))), stroke="grid", cls="jm-grid"))
    items: list[Shape] = [*shapes]
    if loops:
        items.append(Group(tuple(draw_loops(grid, loops, loop_heights, head_top)), cls="jm-loops"))
    items += [*head_shapes, *backgrounds, *lines, *contents]
    columns = tuple(Band(c.id, grid.x(i), grid.col_w) for i, c in enumerate(grid.columns))
    return Drawing(
        width=grid.width,
        height=y + MARGIN,
        title=journey.title,
        desc=describe(journey, persona, labels, blank),
        items=tuple(items),
        columns=columns,
        lanes=tuple(lane_bands),
        emotion_scale=scale,
        kind=journey.type.value,
    )


def layout_journey(
    journey: JourneyMap, persona: Persona | None, labels: Labels, blank: bool = False
) -> Drawing:
    """A current- or future-state journey map."""
    return layout_grid(journey, persona, labels, blank, _stage_headers)
