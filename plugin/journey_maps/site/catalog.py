"""The site catalog, ``journey-maps.json``: everything a build published, for tools.

Scripts, search and other tools read this instead of scraping HTML. The format is part of
the public contract (docs/reference/catalog.md): fields may be added, never renamed or removed
without bumping ``catalog_version``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from journey_maps import __version__
from journey_maps.core.gallery import Gallery
from journey_maps.core.model import MapType
from journey_maps.core.store import code_version, digest
from journey_maps.i18n.gallery import LocalizedGallery
from journey_maps.site.browse import COMPARE, FACET, REGISTRIES, REGISTRY
from journey_maps.site.browse.compare import comparable
from journey_maps.site.browse.facets import build_facets
from journey_maps.site.browse.registries import entry_counts
from journey_maps.site.pages import Site

CATALOG_VERSION = 1
CATALOG_FILE = "journey-maps.json"

#: The :meth:`Site.derived` key of the catalog's ``browse`` entry.
BROWSE_ENTRY = "catalog:browse"
#: The store's kind for map entries kept between builds (never changed once made).
CATALOG_ENTRY = "catalog-map"
#: ``remember(key, make)``: ``make()``, or what it made before under ``key``.
Remember = Callable[[str, Callable[[], dict[str, Any]]], dict[str, Any]]
#: ``site_url(kind, id, language)`` → URL of a generated page relative to the site root,
#: ``""`` where the site has no such page.
SiteUrl = Callable[[str, str, str], str]


def _plain(text: str | None) -> str | None:
    # Localized texts may be FallbackText (a str subclass); JSON wants plain strings.
    return None if text is None else str.__str__(text)


def build_catalog(site: Site) -> dict[str, Any]:
    """The catalog of ``site`` as plain data, in a stable order (maps and personas sorted by
    id).

    Titles, URLs and completeness come from the site's localized galleries and page plan,
    so the catalog says exactly what the pages show; it needs no site generator, so
    ``journey-maps catalog`` writes the same file as a build.
    """
    trees = {tree.language: tree.localized for tree in site.trees}
    downloads = site.downloads
    catalog = _entries(
        site.trees[0].localized.gallery,
        site.url,
        trees,
        downloads=downloads.catalog_downloads() if downloads else {},
        templates=downloads.catalog_templates() if downloads else [],
        remember=lambda key, make: site.store.remember(CATALOG_ENTRY, key, make),
    )
    catalog["browse"] = site.derived(BROWSE_ENTRY, lambda: browse_entry(site))
    return catalog


def _entries(
    gallery: Gallery,
    site_url: SiteUrl,
    trees: Mapping[str, LocalizedGallery],
    *,
    downloads: dict[str, dict[str, dict[str, str]]],
    templates: list[dict[str, Any]],
    remember: Remember | None = None,
) -> dict[str, Any]:
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
    maps = [
        _map_entry(gallery, map_id, site_url, trees, downloads.get(map_id, {}), remember)
        for map_id in sorted(gallery.maps)
    ]
    return {
        "catalog_version": CATALOG_VERSION,
        "generator": f"mkdocs-journey-maps {__version__}",
        "default_language": gallery.default_language,
        "languages": langs,
        "gallery": {lang: site_url("gallery", "", lang) for lang in langs},
        "personas": personas,
        "maps": maps,
        "templates": templates,
    }


def _map_entry(
    gallery: Gallery,
    map_id: str,
    site_url: SiteUrl,
    trees: Mapping[str, LocalizedGallery],
    downloads: dict[str, dict[str, str]],
    remember: Remember | None,
) -> dict[str, Any]:
    """A map's entry; with ``remember``, made once for as long as the map in every language,
    its addresses and its downloads stay the same (a rebuild lists 500 maps again)."""
    urls = {lang: site_url("map", map_id, lang) for lang in trees}

    def make() -> dict[str, Any]:
        journey = gallery.maps[map_id]
        localized = {lang: tree.gallery.maps[map_id] for lang, tree in trees.items()}
        return {
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
            "url": urls,
            "translated": {
                lang: round(tree.map_completeness.get(map_id, 0.0), 4)
                for lang, tree in trees.items()
            },
            "downloads": downloads,
        }

    document = gallery.documents.get(f"map:{map_id}")
    if remember is None or document is None or not document.digest:
        return make()  # nothing says what the map was made from
    keys = [f"{lang}={tree.keys.get(('map', map_id), '')}" for lang, tree in trees.items()]
    shown = repr((gallery.default_language, urls, downloads))
    return remember(digest(code_version(), map_id, *keys, shown), make)


def _source_language(gallery: Gallery, map_id: str) -> str:
    doc = gallery.documents.get(f"map:{map_id}")
    declared = doc.data.get("language") if doc is not None else None
    return declared if isinstance(declared, str) else gallery.default_language


def _urls(site_url: SiteUrl, kind: str, item_id: str, langs: list[str]) -> dict[str, str]:
    found = {lang: site_url(kind, item_id, lang) for lang in langs}
    return {lang: url for lang, url in found.items() if url}


def browse_entry(site: Site) -> dict[str, Any]:
    """The ``browse`` entry: the filters, registries and comparisons the site published, in
    a stable order (facets by dimension, then id). Facets and their maps come from
    :mod:`.browse.facets`, so they agree with the pages.

    A facet's or a comparison's ``url`` is its stable address (kept as a redirect since it is
    no longer a page of its own); ``view`` is where it is shown: the gallery with the filter
    applied (``maps/#tag-retail``), the comparison section of the future-state map's page.
    """
    trees = {tree.language: tree.localized for tree in site.trees}
    langs = list(trees)
    gallery = trees[langs[0]].gallery if langs else Gallery()
    facets = build_facets(
        gallery,
        type_names={kind: kind.value for kind in MapType},
        language_names={lang: lang for lang in langs},
        map_languages={
            m: [lang for lang, tree in trees.items() if tree.is_available(m)] for m in gallery.maps
        },
    )
    entries = []
    for facet in facets.all():
        entry: dict[str, Any] = {"dimension": facet.dimension, "value": facet.value}
        if facet.dimension in ("persona", "tag"):
            entry["name"] = str.__str__(facet.label)
        entry["maps"] = sorted(facet.maps)
        entry["pages"] = 1
        entry["url"] = _urls(site.redirect_url, FACET, facet.key, langs)
        entry["view"] = _urls(site.url, FACET, facet.key, langs)
        entries.append(entry)
    order = sorted(gallery.maps)
    registries = {
        name: {
            "entries": sum(n for _, n in entry_counts(gallery, order, name)),
            "url": _urls(site.url, REGISTRY, name, langs),
        }
        for name in REGISTRIES
    }
    comparisons = [
        {
            "map": future,
            "improves": current,
            "url": _urls(site.redirect_url, COMPARE, future, langs),
            "view": _urls(site.url, COMPARE, future, langs),
        }
        for future, current in sorted(comparable(gallery).items())
    ]
    return {
        "page_size": len(gallery.maps),
        "gallery_pages": 1,
        "facets": entries,
        "registries": registries,
        "comparisons": comparisons,
    }


#: What :func:`dump_catalog` keeps of a catalog's entries: by their level and identity, the
#: entry itself (so that no other object can take its identity) and its JSON text.
Kept = dict[tuple[int, int], tuple[Any, str]]


def dump_catalog(catalog: dict[str, Any], kept: Kept | None = None) -> str:
    """Serialise deterministically: same gallery, same bytes, those of
    ``json.dumps(catalog, ensure_ascii=False, indent=2)`` and a newline.

    With ``kept`` (the same dict from one call to the next), an entry of a list (a map, a
    persona, a facet) that is the very object of the last catalog is not serialised again:
    indented JSON is written by Python, not C, and a 500-map catalog takes a third of a
    second. Entries are never changed once made (a map's is kept in the build's store,
    :func:`build_catalog`). ``kept`` is left holding this catalog's entries only.
    """
    used: Kept = {}
    text = _indented(catalog, 0, kept or {}, used)
    if kept is not None:
        kept.clear()
        kept.update(used)
    return text + "\n"


def _indented(value: Any, level: int, kept: Kept, used: Kept) -> str:
    """``value`` as ``json.dumps(..., indent=2)`` writes it ``level`` levels deep."""
    inner = "\n" + "  " * (level + 1)
    if isinstance(value, dict) and value:
        items = (
            f"{inner}{json.dumps(key, ensure_ascii=False)}: {_indented(v, level + 1, kept, used)}"
            for key, v in value.items()
        )
        return "{" + ",".join(items) + "\n" + "  " * level + "}"
    if isinstance(value, list | tuple) and value:
        entries = ",".join(inner + _entry(v, level + 1, kept, used) for v in value)
        return "[" + entries + "\n" + "  " * level + "]"
    return json.dumps(value, ensure_ascii=False)


def _entry(value: Any, level: int, kept: Kept, used: Kept) -> str:
    if not isinstance(value, dict):
        return _indented(value, level, kept, used)
    slot = (level, id(value))
    held = kept.get(slot) or used.get(slot)
    text = held[1] if held is not None and held[0] is value else None
    if text is None:
        text = _indented(value, level, kept, used)
    used[slot] = (value, text)
    return text
