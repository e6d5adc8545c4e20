"""The lane grid of journeys and days: columns across, one row per lane.

Current-state, future-state and day-in-the-life maps share it; they differ in their column
headers. A lane that no column fills is left out, except on blank templates, where every
lane gets empty boxes to write in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from journey_maps.core.model import LANES, JourneyMap, StageBase
from journey_maps.layout.blocks import (
    HEADING,
    HEADING_LH,
    MARGIN,
    PAD,
    SMALL,
    SMALL_LH,
    Card,
    blank_box,
    cards,
    text_block,
)
from journey_maps.layout.geometry import EmotionScale, Group, Shape, TextBlock
from journey_maps.layout.labels import Labels

HEAD_W = 160.0
#: A stage column's width. Text keeps its size and a map with more stages gets a wider drawing;
#: at 184 a 7-stage map is 1496 wide, so fitted to a 1440 px window (the page's diagram view)
#: its smallest text, 12 px, still shows at 11 px or more.
COL_W = 184.0
MIN_WIDTH = 760.0
MIN_ROW = 44.0


@dataclass
class Grid:
    """The columns of one map and where they sit; built once, read by every lane."""

    journey: JourneyMap
    labels: Labels
    blank: bool
    columns: list[StageBase]
    col_w: float
    width: float
    lanes: list[str] = field(default_factory=list)

    @property
    def left(self) -> float:
        """Left edge of the first column (right of the lane headings)."""
        return MARGIN + HEAD_W

    @property
    def right(self) -> float:
        return self.left + len(self.columns) * self.col_w

    def x(self, index: int) -> float:
        return self.left + index * self.col_w

    def center(self, index: int) -> float:
        return self.x(index) + self.col_w / 2

    @property
    def inner(self) -> float:
        """Width available for text and cards inside a column."""
        return self.col_w - 2 * PAD


#: Draws the column headers at ``y``; returns the shapes and their height.
HeaderFn = Callable[[Grid, float], tuple[list[Shape], float]]


def _has(column: StageBase, lane: str) -> bool:
    if lane == "emotion":
        return column.emotion is not None
    if lane == "touchpoints":
        return bool(column.touchpoints)
    return bool(column.item_lanes()[lane])


def make_grid(journey: JourneyMap, labels: Labels, blank: bool) -> Grid:
    columns = journey.columns
    count = max(1, len(columns))
    col_w = max(COL_W, (MIN_WIDTH - 2 * MARGIN - HEAD_W) / count)
    width = 2 * MARGIN + HEAD_W + count * col_w
    lanes = [lane for lane in LANES if blank or any(_has(c, lane) for c in columns)]
    return Grid(journey, labels, blank, columns, col_w, width, lanes)


def column_text(grid: Grid, column: StageBase, index: int, y: float) -> tuple[list[Shape], float]:
    """Name, description and goal of one column, top-down from ``y``; returns their height."""
    x, width = grid.x(index) + PAD, grid.inner
    shapes: list[Shape] = []
    top = y
    name = getattr(column, "name", None)
    if name:
        block = text_block(
            name,
            x,
            top,
            width,
            on="stage-bg",
            size=HEADING,
            line_height=HEADING_LH,
            weight="bold",
            cls="jm-stage-name",
        )
        shapes.append(block)
        top += block.height
    if grid.blank:
        return shapes, top - y
    if column.description:
        block = text_block(
            column.description,
            x,
            top + 2,
            width,
            on="stage-bg",
            fill="muted",
            size=SMALL,
            line_height=SMALL_LH,
        )
        shapes.append(block)
        top += block.height + 2
    if column.goal:
        caption = text_block(
            grid.labels.goal,
            x,
            top + 6,
            width,
            on="stage-bg",
            fill="muted",
            size=SMALL,
            line_height=SMALL_LH,
            weight="bold",
        )
        goal = text_block(column.goal, x, top + 6 + caption.height, width, on="stage-bg")
        shapes.extend((caption, goal))
        top += 6 + caption.height + goal.height
    return shapes, top - y


def _cell_cards(grid: Grid, lane: str, column: StageBase) -> list[Card]:
    if lane == "touchpoints":
        return [Card(t.name, lane, icon=t.channel) for t in column.touchpoints]
    return [Card(item.text, lane) for item in column.item_lanes()[lane]]


@dataclass
class Row:
    """One lane's shapes: backgrounds go under the column lines, content above them."""

    background: list[Shape]
    content: list[Shape]
    height: float
    scale: EmotionScale | None = None


def lane_heading(grid: Grid, lane: str, y: float, narrow: float = 0.0) -> TextBlock:
    """The lane's name in the heading column; ``narrow`` leaves room for the emotion scale."""
    return text_block(
        grid.labels.lane(lane),
        MARGIN + PAD,
        y + PAD,
        HEAD_W - 2 * PAD - narrow,
        on="head-bg",
        size=HEADING,
        line_height=HEADING_LH,
        weight="bold",
        cls="jm-lane-name",
    )


def card_row(grid: Grid, lane: str, y: float) -> Row:
    heading = lane_heading(grid, lane, y)
    cells: list[Shape] = []
    height = heading.height
    for i, column in enumerate(grid.columns):
        x = grid.x(i) + PAD
        if grid.blank:
            box = blank_box(x, y + PAD, grid.inner)
            shapes: list[Shape] = [box]
            used = box.h
        else:
            shapes, used = cards(
                _cell_cards(grid, lane, column), x, y + PAD, grid.inner, grid.labels
            )
        height = max(height, used)
        if shapes:
            cells.append(Group(tuple(shapes), cls="jm-cell", data=(("stage", column.id),)))
    height = max(MIN_ROW, height + 2 * PAD)
    return Row([], [heading, *cells], height)
