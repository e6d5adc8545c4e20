"""Layout of day-in-the-life maps: a time axis across the top, the journey lanes beneath.

The slots are evenly spaced, in the order written: "07:30", "lunch" and "evening" are all
valid times, so the axis orders moments rather than measuring hours.
"""

from __future__ import annotations

from journey_maps.core.model import JourneyMap, Persona, TimeSlot
from journey_maps.layout.blocks import HEADING_LH, MARGIN, PAD, text_block
from journey_maps.layout.geometry import Circle, Drawing, Group, Path, Rect, Shape
from journey_maps.layout.grid import HEAD_W, MIN_ROW, Grid, column_text
from journey_maps.layout.journey import layout_grid
from journey_maps.layout.labels import Labels

TIME_SIZE, TIME_LH = 16.0, 21.0
_DOT = 5.0


def _time_axis(grid: Grid, y: float) -> tuple[list[Shape], float]:
    """Time labels above an axis line with a dot per slot, then each slot's name and goal."""
    times = [
        text_block(
            slot.time if isinstance(slot, TimeSlot) else slot.title,
            grid.center(i),
            y + PAD,
            grid.inner,
            on="stage-bg",
            size=TIME_SIZE,
            line_height=TIME_LH,
            weight="bold",
            align="middle",
            cls="jm-time",
        )
        for i, slot in enumerate(grid.columns)
    ]
    axis_y = y + PAD + max((t.height for t in times), default=TIME_LH) + 8
    below = [column_text(grid, slot, i, axis_y + 12) for i, slot in enumerate(grid.columns)]
    height = max(MIN_ROW, axis_y + 12 + max((h for _, h in below), default=0.0) + PAD - y)
    shapes: list[Shape] = [Rect(MARGIN, y, HEAD_W, height, fill="head-bg")]
    for i, slot in enumerate(grid.columns):
        background = Rect(grid.x(i), y, grid.col_w, height, fill="stage-bg")
        shapes.append(
            Group(
                (background, times[i], *below[i][0]),
                cls="jm-stage jm-slot",
                key=f"stage-{slot.id}",
                data=(("stage", slot.id),),
            )
        )
    shapes.append(
        Path(
            (("M", (grid.left + PAD, axis_y)), ("L", (grid.right - PAD, axis_y))),
            stroke="outline",
            stroke_width=2,
            on="stage-bg",
            cls="jm-axis",
        )
    )
    shapes += [
        Circle(
            grid.center(i),
            axis_y,
            _DOT,
            fill="curve",
            on="stage-bg",
            cls="jm-tick",
        )
        for i in range(len(grid.columns))
    ]
    return shapes, max(height, HEADING_LH)


def layout_day(
    journey: JourneyMap, persona: Persona | None, labels: Labels, blank: bool = False
) -> Drawing:
    """A day-in-the-life map."""
    return layout_grid(journey, persona, labels, blank, _time_axis)
