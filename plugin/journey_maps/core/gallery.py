"""The validated gallery: what every stage after loading works with.

Only valid maps and personas are in it (an invalid file is reported and left out), each by
its id in a stable order, with the positioned document it came from so that later stages
(translations, the CLI) can still point at the line a person wrote.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from journey_maps.core.document import Document
from journey_maps.core.model import JourneyMap, Persona


@dataclass
class Gallery:
    """Every valid map and persona of a gallery, by id, in a stable order."""

    maps: dict[str, JourneyMap] = field(default_factory=dict)
    personas: dict[str, Persona] = field(default_factory=dict)
    documents: dict[str, Document] = field(default_factory=dict)
    """Parsed source of each map (``map:<id>``) and persona (``persona:<id>``)."""
    default_language: str = "en"

    def maps_of(self, persona_id: str) -> list[JourneyMap]:
        return [m for m in self.maps.values() if m.persona == persona_id]

    def source_path(self, kind: str, item_id: str) -> str:
        return self.documents[f"{kind}:{item_id}"].path
