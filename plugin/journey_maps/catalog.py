"""The site catalog, ``journey-maps.json``: everything a build published, for tools.

Scripts, search and other tools read this instead of scraping HTML. The format is part of
the public contract (docs/reference/catalog.md): fields may be added, never renamed or removed
without bumping ``catalog_version``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from . import __version__
from .validate import Gallery

CATALOG_VERSION = 1
CATALOG_FILE = "journey-maps.json"

#: ``site_url(kind, id, language)`` → URL of a generated page relative to the site root.
SiteUrl = Callable[[str, str, str], str]


def build_catalog(
    gallery: Gallery,
    site_url: SiteUrl,
    *,
    languages: Sequence[str] | None = None,
    downloads: dict[str, dict[str, dict[str, str]]] | None = None,
    templates: list[dict[str, Any]] | None = None,
    translated: dict[str, dict[str, float]] | None = None,
) -> dict[str, Any]:
    """The catalog as plain data, in a stable order (maps and personas sorted by id)."""
    langs = list(languages or [gallery.default_language])
    personas = [
        {
            "id": p.id,
            "name": {lang: p.name for lang in langs},
            "url": {lang: site_url("persona", p.id, lang) for lang in langs},
            "maps": [m.id for m in gallery.maps_of(p.id)],
        }
        for p in sorted(gallery.personas.values(), key=lambda p: p.id)
    ]
    maps = []
    for journey in sorted(gallery.maps.values(), key=lambda m: m.id):
        source = journey.language or gallery.default_language
        shares = (translated or {}).get(journey.id) or {
            lang: 1.0 if lang == source else 0.0 for lang in langs
        }
        maps.append(
            {
                "id": journey.id,
                "type": journey.type.value,
                "persona": journey.persona,
                "source_language": source,
                "title": {lang: journey.title for lang in langs},
                "summary": {lang: journey.summary for lang in langs} if journey.summary else {},
                "tags": list(journey.tags),
                "stages": [
                    {"id": s.id, "name": {lang: s.title for lang in langs}} for s in journey.columns
                ],
                "improves": journey.improves,
                "url": {lang: site_url("map", journey.id, lang) for lang in langs},
                "translated": shares,
                "downloads": (downloads or {}).get(journey.id, {}),
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


def dump_catalog(catalog: dict[str, Any]) -> str:
    """Serialise deterministically: same gallery, same bytes."""
    return json.dumps(catalog, ensure_ascii=False, indent=2) + "\n"
