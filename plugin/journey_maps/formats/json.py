"""A map as normalized JSON: every field in schema order, for tools outside the site."""

from __future__ import annotations

import json

from journey_maps.core.model import JourneyMap


def map_to_json(journey: JourneyMap) -> str:
    """The normalized map as JSON: every field in schema order, defaults and derived ids filled.

    The output validates against :func:`journey_maps.core.model.json_schema` and loads back into
    an equal :class:`~journey_maps.core.model.JourneyMap`. A map that was not loaded from a file
    has no id yet; its ``id`` is then left out rather than written empty.
    """
    data = journey.model_dump(mode="json")
    if not data.get("id"):
        data.pop("id", None)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
