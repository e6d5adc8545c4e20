"""A whole gallery in one language: every map and persona localized, with its completeness.

Site generators render one tree per language from these; the catalog's ``translated``
figure comes from the same numbers the pages show, so the two cannot disagree. Each map and
persona also gets a *key*: a digest of everything its localized form depends on (its file,
its translation file, the language), which is what caches of its drawings and pages use.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from journey_maps.core.gallery import Gallery
from journey_maps.core.store import Store, code_version, digest
from journey_maps.i18n.apply import D, localize
from journey_maps.i18n.files import Translation, Translations
from journey_maps.i18n.keys import Kind, source_language


@dataclass
class LocalizedGallery:
    """The gallery in ``language``, and how much of each map and persona is translated."""

    language: str
    gallery: Gallery
    map_completeness: dict[str, float] = field(default_factory=dict)
    persona_completeness: dict[str, float] = field(default_factory=dict)
    stale: dict[str, int] = field(default_factory=dict)
    keys: dict[tuple[Kind, str], str] = field(default_factory=dict)
    """Per ``(kind, id)``: the digest of what the localized map or persona is made from."""

    def is_available(self, map_id: str, kind: Kind = "map") -> bool:
        """Written in, or at least partly translated into, this language."""
        shares = self.map_completeness if kind == "map" else self.persona_completeness
        return shares.get(map_id, 0.0) > 0.0


def localize_gallery(
    gallery: Gallery, translations: Translations, language: str, *, store: Store | None = None
) -> LocalizedGallery:
    """Every map and persona of ``gallery`` in ``language``, untranslated texts marked; with
    a ``store``, an item whose key did not change is not localized again."""
    result = LocalizedGallery(
        language=language,
        gallery=Gallery(documents=gallery.documents, default_language=gallery.default_language),
    )
    for map_id, journey in gallery.maps.items():
        translation = translations.for_map(map_id, language)
        key = _key(gallery, "map", map_id, translation, language)
        localized, share, stale = _remembered(store, key, journey, translation, language)
        result.gallery.maps[map_id] = localized
        result.map_completeness[map_id] = share
        result.stale[map_id] = stale
        result.keys[("map", map_id)] = key
    for persona_id, persona in gallery.personas.items():
        translation = translations.for_persona(persona_id, language)
        key = _key(gallery, "persona", persona_id, translation, language)
        localized_persona, share, _ = _remembered(store, key, persona, translation, language)
        result.gallery.personas[persona_id] = localized_persona
        result.persona_completeness[persona_id] = share
        result.keys[("persona", persona_id)] = key
    return result


def _remembered(
    store: Store | None, key: str, obj: D, translation: Translation | None, language: str
) -> tuple[D, float, int]:
    if store is None:
        return _in_language(obj, translation, language)
    return store.remember("localized", key, lambda: _in_language(obj, translation, language))


def _in_language(obj: D, translation: Translation | None, language: str) -> tuple[D, float, int]:
    """``obj`` in ``language``, its completeness and how many stale texts it shows.

    In the language it is written in, that is ``obj`` itself: pages only read it, and a deep
    copy of every map for the default language would be most of a gallery's localizing.
    """
    if language.lower() == source_language(obj).lower():
        return obj, 1.0, 0
    localized = localize(obj, translation, language)
    return localized.localized, localized.completeness, len(localized.stale)


def _key(
    gallery: Gallery, kind: Kind, item_id: str, translation: Translation | None, language: str
) -> str:
    document = gallery.documents.get(f"{kind}:{item_id}")
    return digest(
        code_version(),
        kind,
        item_id,
        document.digest if document is not None else "",
        gallery.default_language,
        translation.digest if translation is not None else "",
        language,
    )
