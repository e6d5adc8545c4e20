"""What in a map or persona is translatable, and the stable key each text is known by.

Keys are dotted paths of ids, never positions (``stages.search.actions.<item-id>``), so
reordering a map keeps its translations; :func:`text_entries` is the one place that defines
them (the full list is in :mod:`journey_maps.i18n.files`). A translation remembers the
:func:`source_hash` of the text it translates, which is how an edited original is noticed.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel

from journey_maps.core.ids import unique
from journey_maps.core.model import (
    ActionPlanItem,
    Emotion,
    Item,
    JourneyMap,
    LoopBack,
    Metric,
    Persona,
    Stage,
    TimeSlot,
    Touchpoint,
)
from journey_maps.i18n.catalogs import SOURCE_LANGUAGE, is_message

HASH_LENGTH = 8
HASH = re.compile(rf"^[0-9a-f]{{{HASH_LENGTH}}}$")
Kind = Literal["map", "persona"]
_SHORT, _LONG = 200, 4000
#: Fields limited to short texts in the schema; a translation gets the same limit.
_SHORT_FIELDS = {
    (JourneyMap, "title"),
    (Stage, "name"),
    (TimeSlot, "time"),
    (TimeSlot, "name"),
    (Touchpoint, "name"),
    (Emotion, "label"),
    (LoopBack, "label"),
    (ActionPlanItem, "owner"),
    (Metric, "label"),
    (Metric, "value"),
    (Metric, "source"),
    (Persona, "name"),
    (Persona, "role"),
}


def source_hash(text: str) -> str:
    """Short fingerprint of a source text, stored next to its translation to detect changes."""
    normalized = unicodedata.normalize("NFC", text)
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()[:HASH_LENGTH]


@dataclass(frozen=True)
class Slot:
    key: str
    owner: BaseModel
    attr: str

    @property
    def value(self) -> str | None:
        value = getattr(self.owner, self.attr)
        return value if isinstance(value, str) else None

    @property
    def max_length(self) -> int:
        return _SHORT if (type(self.owner), self.attr) in _SHORT_FIELDS else _LONG


def _items(prefix: str, items: Sequence[Item]) -> Iterator[Slot]:
    for item in items:
        yield Slot(f"{prefix}.{item.id}", item, "text")


def _map_slots(journey: JourneyMap) -> Iterator[Slot]:
    for name in ("title", "summary", "focus", "scenario"):
        yield Slot(name, journey, name)
    section = "stages" if journey.stages is not None else "slots"
    for column in journey.columns:
        prefix = f"{section}.{column.id}"
        if isinstance(column, TimeSlot):
            yield Slot(f"{prefix}.time", column, "time")
        yield Slot(f"{prefix}.name", column, "name")
        yield Slot(f"{prefix}.description", column, "description")
        yield Slot(f"{prefix}.goal", column, "goal")
        yield from _items(f"{prefix}.actions", column.actions)
        for touchpoint in column.touchpoints:
            yield Slot(f"{prefix}.touchpoints.{touchpoint.id}", touchpoint, "name")
        yield from _items(f"{prefix}.thoughts", column.thoughts)
        if column.emotion:
            yield Slot(f"{prefix}.emotion.label", column.emotion, "label")
            yield Slot(f"{prefix}.emotion.quote", column.emotion, "quote")
        yield from _items(f"{prefix}.pain_points", column.pain_points)
        yield from _items(f"{prefix}.opportunities", column.opportunities)
        targets: set[str] = set()
        for link in column.loops():
            # Two links to the same stage are unusual; the second gets "<id>-2".
            target = unique(link.stage, targets)
            yield Slot(f"{prefix}.loops_back_to.{target}.label", link, "label")
    if journey.empathy:
        empathy = journey.empathy
        for quadrant, items in empathy.quadrants().items():
            yield from _items(f"empathy.{quadrant}", items)
        yield Slot("empathy.goal", empathy, "goal")
        yield from _items("empathy.pains", empathy.pains)
        yield from _items("empathy.gains", empathy.gains)
    for action in journey.action_plan:
        yield Slot(f"action_plan.{action.id}.text", action, "text")
        yield Slot(f"action_plan.{action.id}.owner", action, "owner")
    for metric in journey.metrics:
        for name in ("label", "value", "note", "source"):
            yield Slot(f"metrics.{metric.id}.{name}", metric, name)


def _persona_slots(persona: Persona) -> Iterator[Slot]:
    for name in ("name", "quote", "description", "role", "situation"):
        yield Slot(name, persona, name)
    yield from _items("goals", persona.goals)
    yield from _items("frustrations", persona.frustrations)
    yield from _items("motivations", persona.motivations)


def slots(obj: JourneyMap | Persona) -> Iterator[Slot]:
    """Every text field of a map or persona with its key, in display order, set or not."""
    yield from (_map_slots(obj) if isinstance(obj, JourneyMap) else _persona_slots(obj))


def translatable(obj: JourneyMap | Persona) -> Iterator[Slot]:
    for slot in slots(obj):
        if slot.value and is_message(slot.value):
            yield slot


def text_entries(obj: JourneyMap | Persona) -> dict[str, str]:
    """Every translatable text of a map or persona by key, in display order."""
    return {slot.key: str(slot.value) for slot in translatable(obj)}


def kind_of(obj: JourneyMap | Persona) -> Kind:
    return "map" if isinstance(obj, JourneyMap) else "persona"


def source_language(obj: JourneyMap | Persona) -> str:
    return obj.language or SOURCE_LANGUAGE
