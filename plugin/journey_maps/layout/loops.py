"""Arrows from a stage back to an earlier one (``loops_back_to``), above the stage headers.

Each loop is an arc with its label resting on top. Loops are stacked in levels: a loop takes
the lowest level where it overlaps no other, so short arcs nest inside long ones and no two
labels collide.
"""

from __future__ import annotations

from dataclasses import dataclass

from journey_maps.core.model import Stage
from journey_maps.layout.blocks import PAD, SMALL, SMALL_LH, text_block
from journey_maps.layout.geometry import Command, Group, Path, Rect, Shape, TextBlock
from journey_maps.layout.grid import Grid
from journey_maps.layout.labels import fill
from journey_maps.layout.text import text_width

LOOP_RISE, LOOP_GAP = 18.0, 8.0


@dataclass(frozen=True)
class Loop:
    source: int
    target: int
    level: int
    label: TextBlock
    tooltip: str


def plan_loops(grid: Grid) -> tuple[list[Loop], list[float]]:
    """Each loop gets the lowest level where it overlaps no other: short arcs nest inside."""
    stages: list[Stage] = list(grid.journey.stages or [])
    index = {stage.id: i for i, stage in enumerate(stages)}
    wanted = sorted(
        (
            (i - index[link.stage], index[link.stage], i, link.label)
            for i, stage in enumerate(stages)
            for link in stage.loops_back_to
            if link.stage in index and index[link.stage] <= i
        ),
        key=lambda w: (w[0], w[1], w[2]),
    )
    taken: list[list[tuple[int, int]]] = []
    loops: list[Loop] = []
    heights: list[float] = []
    for span, target, source, given in wanted:
        level = 0
        while level < len(taken) and any(not (source < a or target > b) for a, b in taken[level]):
            level += 1
        if level == len(taken):
            taken.append([])
            heights.append(0.0)
        taken[level].append((target, source))
        name = stages[target].title
        text = given or fill(grid.labels.loops_back_to, stage=name)
        width = max(grid.inner, span * grid.col_w - 2 * PAD)
        label = text_block(
            text,
            0.0,
            0.0,
            width,
            on="bg",
            fill="text",
            size=SMALL,
            line_height=SMALL_LH,
            align="middle",
            cls="jm-loop-label",
        )
        heights[level] = max(heights[level], LOOP_RISE + label.height + LOOP_GAP)
        tooltip = fill(grid.labels.desc_loop, source=stages[source].title, target=name)
        loops.append(Loop(source, target, level, label, tooltip))
    return loops, heights


def draw_loops(grid: Grid, loops: list[Loop], heights: list[float], bottom: float) -> list[Shape]:
    shapes: list[Shape] = []
    labels: list[Shape] = []
    for loop in loops:
        # The arc clears every lower level; its label rests on top of it.
        apex = bottom - sum(heights[: loop.level]) - LOOP_RISE
        offset = min(14.0 + 10.0 * loop.level, grid.col_w / 3)
        start = grid.center(loop.source) + offset
        end = grid.center(loop.target) - offset
        control = bottom - (bottom - apex) / 0.75
        tip = bottom - 1
        commands: tuple[Command, ...] = (
            ("M", (start, bottom)),
            ("C", (start, control, end, control, end, tip - 8)),
        )
        head: tuple[Command, ...] = (
            ("M", (end, tip)),
            ("L", (end - 5, tip - 10)),
            ("L", (end + 5, tip - 10)),
            ("Z", ()),
        )
        shapes.append(
            Group(
                (
                    Path(commands, stroke="loop", stroke_width=2, on="bg", tooltip=loop.tooltip),
                    Path(head, fill="loop", on="bg"),
                ),
                cls="jm-loop",
                data=(
                    ("from", grid.columns[loop.source].id),
                    ("to", grid.columns[loop.target].id),
                ),
            )
        )
        label = loop.label
        mid = (start + end) / 2
        box_w = max(text_width(line, SMALL) for line in label.lines) + 12
        box_y = apex - 3 - label.height
        labels.append(
            Rect(mid - box_w / 2, box_y - 2, box_w, label.height + 3, fill="bg", radius=3)
        )
        labels.append(
            TextBlock(
                mid,
                box_y,
                label.lines,
                label.size,
                label.line_height,
                label.max_width,
                label.fill,
                label.on,
                align="middle",
                cls=label.cls,
            )
        )
    return shapes + labels
