"""Browsing a gallery: facets to filter by, pages of cards, registries and comparisons.

Plain data computed from a (localized) :class:`~journey_maps.core.gallery.Gallery`, free of any
site generator, so the browsing pages (:mod:`journey_maps.site.browse_pages`), the catalog
and tests all see the same numbers:

* :mod:`.facets`: the values maps are filtered by (type, persona, tag, language) and which
  maps each one selects, in listing order;
* :mod:`.paging`: how long listings are cut into pages that never hold more than they should;
* :mod:`.registries`: every pain point, opportunity and action-plan item across maps;
* :mod:`.compare`: a future-state map against the current-state map it improves;
* the catalog entries for all of the above are built in :mod:`journey_maps.site.catalog`.
"""

from __future__ import annotations

#: Names of the generated page kinds; the catalog asks for URLs by these names.
GALLERY_PAGE = "gallery-page"
FACET = "facet"
FACET_PAGE = "facet-page"
FACET_INDEX = "facet-index"
REGISTRY = "registry"
REGISTRY_PAGE = "registry-page"
COMPARE = "compare"

#: The registries, by the URL segment they live at (``maps/<name>/``).
PAIN_POINTS = "pain-points"
OPPORTUNITIES = "opportunities"
ACTION_PLAN = "action-plan"
REGISTRIES = (PAIN_POINTS, OPPORTUNITIES, ACTION_PLAN)

__all__ = [
    "ACTION_PLAN",
    "COMPARE",
    "FACET",
    "FACET_INDEX",
    "FACET_PAGE",
    "GALLERY_PAGE",
    "OPPORTUNITIES",
    "PAIN_POINTS",
    "REGISTRIES",
    "REGISTRY",
    "REGISTRY_PAGE",
]
