"""The catalog's ``browse`` entry: facet pages, registries and comparisons a build published.

For tools that want "every map tagged retail" or "the pain points page in Estonian" without
scraping HTML. Facets and their maps come from :mod:`.facets`, so they agree with the pages;
URLs come from the same ``site_url`` the rest of the catalog uses, and a page that was not
generated (see :mod:`journey_maps.mkdocs.browse_pages`) has no URL here either.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..i18n.gallery import LocalizedGallery
from ..model import MapType
from . import COMPARE, FACET, REGISTRIES, REGISTRY
from .compare import comparable
from .facets import build_facets
from .paging import PAGE_SIZE, page_count
from .registries import entry_counts

#: ``site_url(kind, id, language)`` → URL relative to the site root, "" if not generated.
SiteUrl = Callable[[str, str, str], str]


def _urls(site_url: SiteUrl, kind: str, item_id: str, langs: list[str]) -> dict[str, str]:
    found = {lang: site_url(kind, item_id, lang) for lang in langs}
    return {lang: url for lang, url in found.items() if url}


def browse_catalog(trees: Mapping[str, LocalizedGallery], site_url: SiteUrl) -> dict[str, Any]:
    """The ``browse`` entry: plain data in a stable order (facets by dimension, then id)."""
    langs = list(trees)
    if not langs:
        return {"page_size": PAGE_SIZE, "facets": [], "registries": {}, "comparisons": []}
    first = trees[langs[0]]
    gallery = first.gallery
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
        entry["pages"] = page_count(len(facet.maps))
        entry["url"] = _urls(site_url, FACET, facet.key, langs)
        entries.append(entry)
    order = sorted(gallery.maps)
    registries = {
        name: {
            "entries": sum(n for _, n in entry_counts(gallery, order, name)),
            "url": _urls(site_url, REGISTRY, name, langs),
        }
        for name in REGISTRIES
    }
    comparisons = [
        {"map": future, "improves": current, "url": _urls(site_url, COMPARE, future, langs)}
        for future, current in sorted(comparable(gallery).items())
    ]
    return {
        "page_size": PAGE_SIZE,
        "gallery_pages": page_count(len(gallery.maps)),
        "facets": entries,
        "registries": registries,
        "comparisons": comparisons,
    }
