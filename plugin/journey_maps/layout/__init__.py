"""Turn a map into a :class:`~journey_maps.layout.geometry.Drawing`: positions, wrapped text.

``text`` measures and wraps; ``geometry`` describes the result; ``blocks`` holds what every
map type shares (sizes, cards, header, legend, the accessible summary); ``labels`` the
interface words. ``journey`` assembles the lane ``grid`` with its ``emotion`` lane and
``loops``, ``day`` swaps in a time axis, ``empathy`` and ``thumbnail`` stand alone.
Nothing here knows about SVG or MkDocs.
"""

from __future__ import annotations

from journey_maps.core.model import JourneyMap, MapType, Persona
from journey_maps.layout.day import layout_day
from journey_maps.layout.empathy import layout_empathy
from journey_maps.layout.geometry import Drawing
from journey_maps.layout.journey import layout_journey
from journey_maps.layout.labels import Labels
from journey_maps.layout.thumbnail import layout_thumbnail


def layout_map(
    journey: JourneyMap,
    persona: Persona | None,
    labels: Labels | None = None,
    *,
    blank: bool = False,
) -> Drawing:
    """The drawing of ``journey`` for its type; ``blank`` keeps only headings and boxes."""
    labels = labels or Labels()
    if journey.type is MapType.EMPATHY:
        return layout_empathy(journey, persona, labels, blank)
    if journey.type is MapType.DAY_IN_THE_LIFE:
        return layout_day(journey, persona, labels, blank)
    return layout_journey(journey, persona, labels, blank)


__all__ = ["Drawing", "Labels", "layout_map", "layout_thumbnail"]
