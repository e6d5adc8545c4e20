"""The site catalog, ``journey-maps.json``: everything a build published, for tools.

Scripts, search and other tools read this instead of scraping HTML. The format is part of
the public contract (docs/reference/catalog.md): fields may be added, never renamed or removed
without bumping ``catalog_version``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from . import __version__
from .i18n.gallery import LocalizedGallery
from .validate import Gallery

CATALOG_VERSION = 1
CATALOG_FILE = "journey-maps.json"

#: ``site_url(kind, id, language)`` → URL of a generated page relative to the site root.
SiteUrl = Callable[[str, str, str], str]


def _plain(text: str | None) -> str | None:
    # Localized texts may be FallbackText (a str subclass); JSON wants plain strings.
    return None if text is None else str.__str__(text)


def build_catalog(
    gallery: Gallery,
    site_url: SiteUrl,
    *,
    languages: Mapping[str, LocalizedGallery] | None = None,
    downloads: dict[str, dict[str, dict[str, str]]] | None = None,
    templates: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The catalog as plain data, in a stable order (maps and personas sorted by id).

    ``languages`` maps each published language to the gallery localized into it (the
    default language first); titles, URLs and completeness come from there, so the catalog
    says exactly what the pages show.
    """
    trees = dict(languages or {})
    if not trees:
        trees[gallery.default_language] = LocalizedGallery(
            language=gallery.default_language,
            gallery=gallery,
            map_completeness={m: 1.0 for m in gallery.maps},
            persona_completeness={p: 1.0 for p in gallery.personas},
        )
    langs = list(trees)
    personas = [
        {
            "id": persona_id,
            "name": {
                lang: _plain(tree.gallery.personas[persona_id].name) for lang, tree in trees.items()
            },
            "url": {lang: site_url("persona", persona_id, lang) for lang in langs},
            "translated": {
                lang: round(tree.persona_completeness.get(persona_id, 0.0), 4)
                for lang, tree in trees.items()
            },
            "maps": sorted(m.id for m in gallery.maps_of(persona_id)),
        }
        for persona_id in sorted(gallery.personas)
    ]
    maps = []
    for map_id in sorted(gallery.maps):
        journey = gallery.maps[map_id]
        localized = {lang: tree.gallery.maps[map_id] for lang, tree in trees.items()}
        maps.append(
            {
                "id": map_id,
                "type": journey.type.value,
                "persona": journey.persona,
                "source_language": _source_language(gallery, map_id),
                "title": {lang: _plain(m.title) for lang, m in localized.items()},
                "summary": {lang: _plain(m.summary) for lang, m in localized.items() if m.summary},
                "tags": list(journey.tags),
                "stages": [
                    {
                        "id": stage.id,
                        "name": {lang: _plain(m.columns[i].title) for lang, m in localized.items()},
                    }
                    for i, stage in enumerate(journey.columns)
                ],
                "improves": journey.improves,
                "url": {lang: site_url("map", map_id, lang) for lang in langs},
                "translated": {
                    lang: round(tree.map_completeness.get(map_id, 0.0), 4)
                    for lang, tree in trees.items()
                },
                "downloads": (downloads or {}).get(map_id, {}),
            }
        )
    return {
        "catalog_version": CATALOG_VERSION,
        "generator": f"mkdocs-journey-maps {__version__}",
        "default_language": gallery.default_language,
        "languages": langs,
        "gallery": {lang: site_url("gallery", "", lang) for lang in langs},
        "personas": personas,
        "maps": maps,
        "templates": templates or [],
    }


def _source_language(gallery: Gallery, map_id: str) -> str:
    doc = gallery.documents.get(f"map:{map_id}")
    declared = doc.data.get("language") if doc is not None else None
    return declared if isinstance(declared, str) else gallery.default_language


def dump_catalog(catalog: dict[str, Any]) -> str:
    """Serialise deterministically: same gallery, same bytes."""
    return json.dumps(catalog, ensure_ascii=False, indent=2) + "\n"
