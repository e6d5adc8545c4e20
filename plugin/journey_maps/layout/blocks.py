"""Building blocks every map type shares: sizes, wrapped text, cards, the header, the legend.

Sizes are fixed in px and never shrink: a bigger map gets a bigger canvas, not smaller text
(body text is 13px, nothing is below 12px).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from journey_maps.core.model import ChannelKind, JourneyMap, Persona
from journey_maps.layout.geometry import Icon, IconKind, Marker, MarkerShape, Rect, Shape, TextBlock
from journey_maps.layout.labels import Labels, fill, signed
from journey_maps.layout.text import Weight, clip_lines, text_width, wrap

MARGIN = 24.0
PAD = 10.0
TITLE, TITLE_LH = 22.0, 28.0
SUBTITLE, SUBTITLE_LH = 14.0, 20.0
HEADING, HEADING_LH = 14.0, 19.0
BODY, BODY_LH = 13.0, 18.0
SMALL, SMALL_LH = 12.0, 16.0
CARD_PAD_X, CARD_PAD_Y, CARD_GAP = 8.0, 6.0, 6.0
ICON = 16.0
MARKER_R = 7.0
BLANK_BOX = 96.0
#: Card colours per lane: (fill role, outline role).
CARD_ROLES = {
    "actions": ("action-bg", "action-border"),
    "thoughts": ("thought-bg", "thought-border"),
    "touchpoints": ("touchpoint-bg", "touchpoint-border"),
    "pain_points": ("pain-bg", "pain-border"),
    "opportunities": ("opportunity-bg", "opportunity-border"),
    "pains": ("pain-bg", "pain-border"),
    "gains": ("opportunity-bg", "opportunity-border"),
    "plain": ("card-bg", "card-border"),
}


def text_block(
    text: str,
    x: float,
    y: float,
    width: float,
    *,
    on: str,
    fill: str = "text",
    size: float = BODY,
    line_height: float = BODY_LH,
    weight: Weight = "normal",
    max_lines: int | None = None,
    align: Literal["start", "middle"] = "start",
    cls: str = "",
) -> TextBlock:
    """``text`` wrapped to ``width``; with ``max_lines`` cut, keeping the full text."""
    lines = wrap(text, width, size, weight)
    cut = False
    if max_lines is not None:
        lines, cut = clip_lines(lines, max_lines, width, size, weight)
    return TextBlock(
        x=x,
        y=y,
        lines=tuple(lines),
        size=size,
        line_height=line_height,
        max_width=width,
        fill=fill,
        on=on,
        weight=weight,
        full_text=text if cut else None,
        align=align,
        cls=cls,
        # An untranslated text (i18n's FallbackText) keeps its source language, so the SVG
        # can say which language each text is in, as the HTML table does.
        lang=getattr(text, "lang", None),
    )


def valence(score: int) -> MarkerShape:
    """The marker shape of a score: up for positive, circle for neutral, down for negative."""
    return "up" if score > 0 else "down" if score < 0 else "circle"


VALENCE_ROLE: dict[MarkerShape, str] = {
    "up": "positive",
    "circle": "neutral",
    "down": "negative",
}


_ICONS: dict[ChannelKind, IconKind] = {
    ChannelKind.ONLINE: "online",
    ChannelKind.OFFLINE: "offline",
    ChannelKind.PERSON: "person",
    ChannelKind.OTHER: "other",
}


def icon_kind(kind: ChannelKind) -> IconKind:
    return _ICONS[kind]


@dataclass(frozen=True)
class Card:
    """Text in a tinted box, optionally led by a channel icon."""

    text: str
    lane: str
    icon: ChannelKind | None = None
    tooltip: str | None = None


def cards(
    entries: list[Card], x: float, y: float, width: float, labels: Labels
) -> tuple[list[Shape], float]:
    """Cards stacked top-down in a column ``width`` wide; returns shapes and total height."""
    shapes: list[Shape] = []
    top = y
    for entry in entries:
        fill, border = CARD_ROLES[entry.lane]
        indent = ICON + 6 if entry.icon else 0.0
        block = text_block(
            entry.text,
            x + CARD_PAD_X + indent,
            top + CARD_PAD_Y,
            width - 2 * CARD_PAD_X - indent,
            on=fill,
            cls="jm-card-text",
        )
        height = max(block.height, ICON) + 2 * CARD_PAD_Y
        shapes.append(
            Rect(x, top, width, height, fill=fill, stroke=border, radius=4, cls="jm-card")
        )
        if entry.icon:
            icon_y = top + CARD_PAD_Y + (BODY_LH - ICON) / 2
            shapes.append(
                Icon(
                    x + CARD_PAD_X,
                    icon_y,
                    ICON,
                    icon_kind(entry.icon),
                    "icon",
                    on=fill,
                    tooltip=labels.channel(entry.icon),
                )
            )
        shapes.append(block)
        top += height + CARD_GAP
    return shapes, max(0.0, top - y - CARD_GAP)


def blank_box(x: float, y: float, width: float, height: float = BLANK_BOX) -> Rect:
    """An empty box to write in; its outline must survive printing (3:1 contrast)."""
    return Rect(
        x,
        y,
        width,
        height,
        fill="card-bg",
        stroke="outline",
        radius=4,
        on="card-bg",
        cls="jm-blank",
    )


@dataclass(frozen=True)
class LegendEntry:
    label: str
    marker: MarkerShape | None = None
    icon: ChannelKind | None = None


def legend(
    entries: list[LegendEntry], x: float, y: float, width: float, on: str = "bg"
) -> tuple[list[Shape], float]:
    """Symbols with their meaning in a row, wrapping onto more rows when it is too wide."""
    shapes: list[Shape] = []
    cursor, row_top, rows = x, y, 0
    for entry in entries:
        label_w = min(text_width(entry.label, SMALL), width - ICON - 6)
        needed = ICON + 6 + label_w
        if cursor > x and cursor + needed > x + width:
            cursor, row_top = x, row_top + SMALL_LH + 6
        rows = max(rows, 1)
        glyph_y = row_top + (SMALL_LH - ICON) / 2
        if entry.marker:
            shapes.append(
                Marker(
                    cursor + ICON / 2,
                    glyph_y + ICON / 2,
                    MARKER_R - 1,
                    entry.marker,
                    VALENCE_ROLE[entry.marker],
                    outline=on,
                    on=on,
                    cls="jm-legend-marker",
                )
            )
        elif entry.icon:
            shapes.append(Icon(cursor, glyph_y, ICON, icon_kind(entry.icon), "icon", on=on))
        shapes.append(
            text_block(
                entry.label,
                cursor + ICON + 6,
                row_top,
                label_w + 1,
                on=on,
                size=SMALL,
                line_height=SMALL_LH,
                max_lines=1,
            )
        )
        cursor += needed + 18
    height = (row_top - y + SMALL_LH) if entries else 0.0
    return shapes, height


def page_header(
    title: str, subtitle: str, entries: list[LegendEntry], width: float
) -> tuple[list[Shape], float]:
    """Title, subtitle (map type and persona) and legend across the top of the canvas."""
    inner = width - 2 * MARGIN
    y = MARGIN
    heading = text_block(
        title,
        MARGIN,
        y,
        inner,
        on="bg",
        size=TITLE,
        line_height=TITLE_LH,
        weight="bold",
        cls="jm-title",
    )
    shapes: list[Shape] = [heading]
    y += heading.height + 2
    if subtitle:
        sub = text_block(
            subtitle,
            MARGIN,
            y,
            inner,
            on="bg",
            fill="muted",
            size=SUBTITLE,
            line_height=SUBTITLE_LH,
            cls="jm-subtitle",
        )
        shapes.append(sub)
        y += sub.height
    if entries:
        y += 10
        legend_shapes, legend_h = legend(entries, MARGIN, y, inner)
        shapes.extend(legend_shapes)
        y += legend_h
    return shapes, y + 16


def subtitle(journey: JourneyMap, persona: Persona | None, labels: Labels) -> str:
    """ "Current-state journey map · Persona: Curious Colleen" (the type alone without one)."""
    kind = labels.map_type(journey.type)
    if persona is None:
        return kind
    return fill(labels.subtitle, type=kind, persona_label=labels.persona, persona=persona.name)


def describe(journey: JourneyMap, persona: Persona | None, labels: Labels, blank: bool) -> str:
    """The accessible summary: type, title, persona, size and emotion range, in sentences."""
    parts = [fill(labels.desc_map, type=labels.map_type(journey.type), title=journey.title)]
    if persona is not None:
        parts.append(fill(labels.desc_persona, persona=persona.name))
    columns = journey.columns
    if columns:
        template = labels.desc_slots if journey.slots else labels.desc_stages
        parts.append(fill(template, count=str(len(columns))))
        scored = [(c.emotion.score, c.title) for c in columns if c.emotion is not None]
        if scored and not blank:
            # min/max keep the first stage among equal scores: stable, and reads naturally.
            low = min(scored, key=lambda pair: pair[0])
            high = max(scored, key=lambda pair: pair[0])
            parts.append(
                fill(
                    labels.desc_emotion,
                    low=signed(low[0]),
                    low_stage=low[1],
                    high=signed(high[0]),
                    high_stage=high[1],
                )
            )
        elif not blank:
            parts.append(labels.desc_no_emotion)
        for stage in journey.stages or []:
            for link in stage.loops_back_to:
                target = journey.stage(link.stage)
                if target is not None:
                    parts.append(fill(labels.desc_loop, source=stage.title, target=target.title))
    if journey.empathy is not None and not blank:
        counts = [
            fill(labels.desc_count, what=labels.lane(key), count=str(len(items)))
            for key, items in journey.empathy.quadrants().items()
        ]
        parts.append(", ".join(counts) + ".")
    if blank:
        parts.append(labels.desc_blank)
    return " ".join(parts)
