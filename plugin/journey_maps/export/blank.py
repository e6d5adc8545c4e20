"""Blank templates of the four map types, drawn by the same layout code as real maps.

A template is a :class:`~journey_maps.core.model.JourneyMap` with names but no content, laid out
with ``blank=True``: lane and stage headings, empty boxes, the emotion scale, the persona.
Journeys get the five-step flow of the seed articles (research, offer, conversion, usage,
loyalty), day-in-the-life maps six parts of a day, empathy maps their quadrants. Every word
comes from :class:`~journey_maps.layout.labels.Labels` (lanes, map types) or
:class:`TemplateLabels` (stage names, prompts), so a translated template only needs
translated labels.

The title and the persona are write-in lines. :func:`form_fields` reads the boxes back from
the drawing (not from a second copy of the layout rules) so the fillable PDF's fields sit
exactly on them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from journey_maps.core.model import JourneyMap, MapType, Persona
from journey_maps.export.forms import FormField
from journey_maps.layout import Labels, layout_map
from journey_maps.layout.blocks import BODY, PAD
from journey_maps.layout.geometry import Circle, Drawing, Group, Rect, Shape, TextBlock
from journey_maps.layout.labels import fill
from journey_maps.layout.text import text_width
from journey_maps.render.svg import to_svg

#: A line to write on: the title and the persona's name.
BLANK_LINE = "_" * 26
#: Template types in the order pages list them.
TEMPLATE_TYPES = (
    MapType.CURRENT_STATE,
    MapType.FUTURE_STATE,
    MapType.DAY_IN_THE_LIFE,
    MapType.EMPATHY,
)


@dataclass(frozen=True)
class TemplateLabels:
    """Words only blank templates show; English defaults, translated like the other labels."""

    language: str = "en"
    title: str = "Title"
    stage_1: str = "Research"
    stage_2: str = "Offer"
    stage_3: str = "Conversion"
    stage_4: str = "Usage"
    stage_5: str = "Loyalty"
    slot_1: str = "Early morning"
    slot_2: str = "Morning"
    slot_3: str = "Midday"
    slot_4: str = "Afternoon"
    slot_5: str = "Evening"
    slot_6: str = "Night"
    field_tooltip: str = "{column} — {lane}"
    """Tooltip of a box's form field, such as "Research — Actions"."""

    @property
    def stages(self) -> tuple[str, ...]:
        return (self.stage_1, self.stage_2, self.stage_3, self.stage_4, self.stage_5)

    @property
    def slots(self) -> tuple[str, ...]:
        return (self.slot_1, self.slot_2, self.slot_3, self.slot_4, self.slot_5, self.slot_6)


@dataclass(frozen=True)
class BlankTemplate:
    """One template in one language: its SVG and the form fields over its boxes."""

    type: MapType
    language: str
    svg: str
    width: float
    height: float
    title: str
    fields: tuple[FormField, ...] = field(default=())


def blank_map(kind: MapType, texts: TemplateLabels) -> tuple[JourneyMap, Persona | None]:
    """The empty map of type ``kind`` and, except for empathy maps, a persona to write in."""
    data: dict[str, Any] = {
        "id": f"template-{kind.value}",
        "type": kind.value,
        "title": f"{texts.title}: {BLANK_LINE}",
        "language": texts.language,
    }
    if kind is MapType.DAY_IN_THE_LIFE:
        data["slots"] = [{"id": f"slot-{i}", "time": name} for i, name in enumerate(texts.slots, 1)]
    elif kind is MapType.EMPATHY:
        data["empathy"] = {}
    else:
        data["stages"] = [
            {"id": f"stage-{i}", "name": name} for i, name in enumerate(texts.stages, 1)
        ]
    journey = JourneyMap.model_validate(data)
    if kind is MapType.EMPATHY:
        return journey, None  # the persona disc already has a "Persona" caption
    return journey, Persona.model_validate({"id": "persona", "name": BLANK_LINE})


def _line_field(block: TextBlock, name: str, tooltip: str) -> FormField | None:
    """A one-line field over the :data:`BLANK_LINE` in ``block``, if it has one."""
    for index, line in enumerate(block.lines):
        at = line.find(BLANK_LINE[:8])
        if at < 0:
            continue
        start = block.x + text_width(line[:at], block.size, block.weight)
        width = text_width(line[at:], block.size, block.weight)
        return FormField(
            name,
            tooltip,
            start,
            block.y + index * block.line_height,
            width,
            block.line_height,
            multiline=False,
            font_size=block.size * 0.8,
        )
    return None


def _box(items: tuple[Shape, ...]) -> Rect | None:
    return next((s for s in items if isinstance(s, Rect) and "jm-blank" in s.cls), None)


def form_fields(
    drawing: Drawing, journey: JourneyMap, labels: Labels, texts: TemplateLabels
) -> tuple[FormField, ...]:
    """A field per empty box of a blank drawing, plus the title and persona lines.

    Boxes are found by their ``jm-blank`` class inside the lane, cell, quadrant and section
    groups the layout already tags with ``data-*`` keys, so the names follow the drawing.
    """
    columns = {c.id: c.title for c in journey.columns}
    found: list[FormField] = []
    by_column: dict[str, list[FormField]] = {}

    def tooltip(column: str, lane: str) -> str:
        return fill(texts.field_tooltip, column=column, lane=lane)

    def visit(items: tuple[Shape, ...], lane: str | None) -> None:
        for item in items:
            if isinstance(item, TextBlock) and item.cls == "jm-title":
                line = _line_field(item, "title", texts.title)
                found.extend([line] if line else [])
            elif isinstance(item, TextBlock) and item.cls == "jm-subtitle":
                line = _line_field(item, "persona", labels.persona)
                found.extend([line] if line else [])
            elif isinstance(item, Group):
                data = dict(item.data)
                if "lane" in data:
                    visit(item.items, data["lane"])
                elif "stage" in data and lane and (box := _box(item.items)):
                    stage = data["stage"]
                    by_column.setdefault(stage, []).append(
                        FormField(
                            f"{stage}.{lane}",
                            tooltip(columns.get(stage, stage), labels.lane(lane)),
                            box.x,
                            box.y,
                            box.w,
                            box.h,
                        )
                    )
                elif key := data.get("quadrant") or data.get("section"):
                    if box := _box(item.items):
                        found.append(_field(key, labels.lane(key), box))
                elif item.cls == "jm-goal" and (box := _box(item.items)):
                    found.append(_field("goal", labels.goal, box))
                elif item.cls == "jm-persona":
                    found.extend(_persona_field(item, labels))
                else:
                    visit(item.items, lane)

    visit(drawing.items, None)
    emotion = next((band for band in drawing.lanes if band.key == "emotion"), None)
    if emotion is not None:  # the scale has no boxes: the whole cell is the field
        for column in drawing.columns:
            by_column.setdefault(column.key, []).append(
                FormField(
                    f"{column.key}.emotion",
                    tooltip(columns.get(column.key, column.key), labels.lane("emotion")),
                    column.start + PAD,
                    emotion.start + PAD,
                    column.size - 2 * PAD,
                    emotion.size - 2 * PAD,
                )
            )
    lane_order = {band.key: i for i, band in enumerate(drawing.lanes)}
    for stage in journey.columns:  # tab order: stage by stage, lanes top-down
        cells = by_column.get(stage.id, [])
        found.extend(sorted(cells, key=lambda f: lane_order.get(f.name.split(".", 1)[1], 99)))
    return tuple(found)


def _field(name: str, tooltip: str, box: Rect) -> FormField:
    return FormField(name, tooltip, box.x, box.y, box.w, box.h)


def _persona_field(group: Group, labels: Labels) -> list[FormField]:
    """A name field in the lower half of the empathy map's persona disc."""
    disc = next((s for s in group.items if isinstance(s, Circle)), None)
    caption = next((s for s in group.items if isinstance(s, TextBlock)), None)
    if disc is None:
        return []
    top = caption.y + caption.height if caption else disc.cy
    half = disc.r * 0.8
    return [
        FormField(
            "persona",
            labels.persona,
            disc.cx - half,
            top,
            2 * half,
            min(disc.cy + disc.r * 0.6, top + 3 * BODY * 1.4) - top,
            font_size=BODY,
        )
    ]


def blank_template(
    kind: MapType,
    *,
    labels: Labels | None = None,
    texts: TemplateLabels | None = None,
    theme: str = "light",
) -> BlankTemplate:
    """The template of type ``kind`` in the language of ``labels`` and ``texts``."""
    labels = labels or Labels()
    texts = texts or TemplateLabels()
    journey, persona = blank_map(kind, texts)
    drawing = layout_map(journey, persona, labels, blank=True)
    name = labels.map_type(kind)
    # The map's title is a write-in line; the file's accessible name is the template's type.
    named = replace(drawing, title=name, desc=f"{name}. {labels.desc_blank}")
    svg = to_svg(
        named,
        standalone=True,
        theme=theme,
        id_prefix=f"jm-template-{kind.value}",
    )
    return BlankTemplate(
        type=kind,
        language=texts.language,
        svg=svg,
        width=drawing.width,
        height=drawing.height,
        title=name,
        fields=form_fields(drawing, journey, labels, texts),
    )


__all__ = [
    "BLANK_LINE",
    "TEMPLATE_TYPES",
    "BlankTemplate",
    "TemplateLabels",
    "blank_map",
    "blank_template",
    "form_fields",
]
