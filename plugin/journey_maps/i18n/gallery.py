"""A whole gallery in one language: every map and persona localized, with its completeness.

Site generators render one tree per language from these; the catalog's ``translated``
figure comes from the same numbers the pages show, so the two cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from journey_maps.core.gallery import Gallery
from journey_maps.i18n.apply import localize
from journey_maps.i18n.files import Translations
from journey_maps.i18n.keys import Kind


@dataclass
class LocalizedGallery:
    """The gallery in ``language``, and how much of each map and persona is translated."""

    language: str
    gallery: Gallery
    map_completeness: dict[str, float] = field(default_factory=dict)
    persona_completeness: dict[str, float] = field(default_factory=dict)
    stale: dict[str, int] = field(default_factory=dict)

    def is_available(self, map_id: str, kind: Kind = "map") -> bool:
        """Written in, or at least partly translated into, this language."""
        shares = self.map_completeness if kind == "map" else self.persona_completeness
        return shares.get(map_id, 0.0) > 0.0


def localize_gallery(
    gallery: Gallery, translations: Translations, language: str
) -> LocalizedGallery:
    """Every map and persona of ``gallery`` in ``language``, untranslated texts marked."""
    result = LocalizedGallery(
        language=language,
        gallery=Gallery(documents=gallery.documents, default_language=gallery.default_language),
    )
    for map_id, journey in gallery.maps.items():
        localized = localize(journey, translations.for_map(map_id, language), language)
        result.gallery.maps[map_id] = localized.localized
        result.map_completeness[map_id] = localized.completeness
        result.stale[map_id] = len(localized.stale)
    for persona_id, persona in gallery.personas.items():
        localized_persona = localize(
            persona, translations.for_persona(persona_id, language), language
        )
        result.gallery.personas[persona_id] = localized_persona.localized
        result.persona_completeness[persona_id] = localized_persona.completeness
    return result
