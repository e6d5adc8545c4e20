"""Layout of empathy maps: says / thinks / does / feels around the persona, then goal,
pains and gains.

The persona sits on a disc where the four quadrants meet. The top quadrants keep a strip
as tall as the disc's radius free at their bottom, the bottom ones at their top, so cards
never slide under the disc however many there are.
"""

from __future__ import annotations

from journey_maps.core.model import Empathy, Item, JourneyMap, Persona
from journey_maps.layout.blocks import (
    HEADING,
    HEADING_LH,
    MARGIN,
    PAD,
    SMALL,
    SMALL_LH,
    SUBTITLE,
    SUBTITLE_LH,
    Card,
    blank_box,
    cards,
    describe,
    page_header,
    subtitle,
    text_block,
)
from journey_maps.layout.geometry import Band, Circle, Drawing, Group, Rect, Shape, TextBlock
from journey_maps.layout.labels import Labels
from journey_maps.layout.text import text_width

QUADRANT_W = 420.0
MIN_RADIUS = 64.0
BLANK_QUADRANT = 200.0
_ORDER = (
    ("says", "lane-alt-bg"),
    ("thinks", "lane-bg"),
    ("does", "lane-bg"),
    ("feels", "lane-alt-bg"),
)


def _persona_disc(name: str | None, labels: Labels) -> tuple[float, TextBlock | None, TextBlock]:
    """The smallest disc radius that fits the persona's name without breaking a word."""
    longest = max((text_width(w, HEADING, "bold") for w in (name or "").split()), default=0.0)
    radius = max(MIN_RADIUS, (longest + 8) / 1.5)
    while True:
        width = radius * 1.5
        caption = text_block(
            labels.persona,
            0,
            0,
            width,
            on="stage-bg",
            fill="muted",
            size=SMALL,
            line_height=SMALL_LH,
            align="middle",
        )
        block = (
            text_block(
                name,
                0,
                0,
                width,
                on="stage-bg",
                size=HEADING,
                line_height=HEADING_LH,
                weight="bold",
                align="middle",
                cls="jm-persona-name",
            )
            if name
            else None
        )
        needed = caption.height + (block.height if block else 0)
        if needed <= radius * 1.2 or radius > 400:
            return radius, block, caption
        radius += 8


def _moved(block: TextBlock, x: float, y: float) -> TextBlock:
    return TextBlock(
        x,
        y,
        block.lines,
        block.size,
        block.line_height,
        block.max_width,
        block.fill,
        block.on,
        block.weight,
        block.full_text,
        block.align,
        block.cls,
    )


def _section(
    title: str,
    items: list[Item],
    lane: str,
    x: float,
    y: float,
    width: float,
    on: str,
    blank: bool,
    labels: Labels,
    blank_height: float,
) -> tuple[list[Shape], float]:
    """A heading with cards (or an empty box) under it; returns the shapes and height."""
    heading = text_block(
        title,
        x,
        y,
        width,
        on=on,
        size=SUBTITLE,
        line_height=SUBTITLE_LH,
        weight="bold",
        cls="jm-section-name",
    )
    top = y + heading.height + 6
    if blank:
        box = blank_box(x, top, width, blank_height)
        return [heading, box], top + box.h - y
    shapes, height = cards([Card(i.text, lane) for i in items], x, top, width, labels)
    return [heading, *shapes], (top + height - y) if items else heading.height


def layout_empathy(
    journey: JourneyMap, persona: Persona | None, labels: Labels, blank: bool = False
) -> Drawing:
    """An empathy map."""
    empathy = journey.empathy or Empathy()
    width = 2 * MARGIN + 2 * QUADRANT_W
    shapes, y = page_header(journey.title, subtitle(journey, persona, labels), [], width)
    radius, name, caption = _persona_disc(persona.name if persona else None, labels)
    inner = QUADRANT_W - 2 * PAD
    quadrants = empathy.quadrants()
    # Each row is as tall as the fuller of its two quadrants, plus the disc's radius.
    content: dict[str, tuple[list[Shape], float]] = {}
    for col, key in enumerate(("says", "thinks")):
        x = MARGIN + col * QUADRANT_W + PAD
        content[key] = _section(
            labels.lane(key),
            quadrants[key],
            "plain",
            x,
            y + PAD,
            inner,
            _ORDER[col][1],
            blank,
            labels,
            BLANK_QUADRANT,
        )
    top_h = max(content["says"][1], content["thinks"][1]) + 2 * PAD + radius
    middle = y + top_h
    for key in ("does", "feels"):
        col = 0 if key == "does" else 1
        stripe = _ORDER[2 + col][1]
        x = MARGIN + col * QUADRANT_W + PAD
        content[key] = _section(
            labels.lane(key),
            quadrants[key],
            "plain",
            x,
            middle + radius + PAD,
            inner,
            stripe,
            blank,
            labels,
            BLANK_QUADRANT,
        )
    bottom_h = radius + 2 * PAD + max(content["does"][1], content["feels"][1])
    bands: list[Band] = []
    for index, (key, stripe) in enumerate(_ORDER):
        row, col = divmod(index, 2)
        qx = MARGIN + col * QUADRANT_W
        qy, qh = (y, top_h) if row == 0 else (middle, bottom_h)
        box = Rect(qx, qy, QUADRANT_W, qh, fill=stripe, stroke="grid", cls="jm-quadrant-bg")
        shapes.append(
            Group(
                (box, *content[key][0]),
                cls="jm-quadrant",
                key=f"quadrant-{key}",
                data=(("quadrant", key),),
            )
        )
        bands.append(Band(key, qy, qh))
    cx = MARGIN + QUADRANT_W
    disc: list[Shape] = [Circle(cx, middle, radius, fill="stage-bg", stroke="grid", stroke_width=2)]
    text_h = caption.height + (name.height if name else 0)
    text_top = middle - text_h / 2
    disc.append(_moved(caption, cx, text_top))
    if name:
        disc.append(_moved(name, cx, text_top + caption.height))
    shapes.append(Group(tuple(disc), cls="jm-persona"))
    y = middle + bottom_h + 16
    full = width - 2 * MARGIN
    if empathy.goal or blank:
        goal_shapes: list[Shape] = []
        heading = text_block(
            labels.goal,
            MARGIN + PAD,
            y + PAD,
            full - 2 * PAD,
            on="head-bg",
            size=SUBTITLE,
            line_height=SUBTITLE_LH,
            weight="bold",
            cls="jm-section-name",
        )
        top = y + PAD + heading.height + 4
        if blank:
            body: Shape = blank_box(MARGIN + PAD, top, full - 2 * PAD, 60)
            body_h = 60.0
        else:
            block = text_block(empathy.goal or "", MARGIN + PAD, top, full - 2 * PAD, on="head-bg")
            body, body_h = block, block.height
        goal_h = top + body_h + PAD - y
        goal_shapes += [Rect(MARGIN, y, full, goal_h, fill="head-bg", stroke="grid"), heading, body]
        shapes.append(Group(tuple(goal_shapes), cls="jm-goal"))
        bands.append(Band("goal", y, goal_h))
        y += goal_h + 16
    if empathy.pains or empathy.gains or blank:
        heights = []
        for col, (key, items) in enumerate((("pains", empathy.pains), ("gains", empathy.gains))):
            x = MARGIN + col * QUADRANT_W + (PAD if col else 0)
            part, height = _section(
                labels.lane(key), items, key, x, y, QUADRANT_W - PAD, "bg", blank, labels, 120
            )
            shapes.append(
                Group(tuple(part), cls="jm-section", key=f"section-{key}", data=(("section", key),))
            )
            heights.append(height)
        bands.append(Band("pains-gains", y, max(heights)))
        y += max(heights)
    return Drawing(
        width=width,
        height=y + MARGIN,
        title=journey.title,
        desc=describe(journey, persona, labels, blank),
        items=tuple(shapes),
        lanes=tuple(bands),
        kind=journey.type.value,
    )
