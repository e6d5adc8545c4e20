"""The browsing pages: facet listings, pages of the gallery, registries, board, comparisons.

Registered as page kinds (see :mod:`.pages`), in every language tree, at these addresses
below the tree's prefix:

===================================  ==========================================================
``maps/page/<n>/``                   the gallery from its second page on (48 cards a page)
``maps/<dimension>/<value>/``        a facet: ``type/future-state``, ``persona/<id>``,
                                     ``tag/<tag-slug>``, ``language/<code>``; ``page/<n>/``
                                     below it for its further pages
``maps/<dimension>/``                every value of a dimension, when the filter bar cannot
                                     show them all
``maps/pain-points/``                the pain points registry (``page/<n>/`` when long)
``maps/opportunities/``              the opportunities registry
``maps/action-plan/``                the action-plan board
``maps/<future-map-id>/compare/``    a future-state map against the map it ``improves``
===================================  ==========================================================

The first page of the gallery itself (``maps/``) is the first page of that listing, so this
module registers the gallery kind too.

Everything a page shows is computed once per tree and build (:class:`_Browse`, kept by the
:class:`~.pages.Site`), so that 500 maps in six languages do not render 500 thumbnails per
facet page. A generated path that would replace a map page (a map with the id
``action-plan``...) is not generated: the map wins, and the build log says why the page is
missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from journey_maps.i18n import localize_labels
from journey_maps.layout.labels import fill
from journey_maps.render.svg import render_thumbnail_svg
from journey_maps.site import html
from journey_maps.site.browse import (
    ACTION_PLAN,
    COMPARE,
    FACET,
    FACET_INDEX,
    FACET_PAGE,
    GALLERY_PAGE,
    PAIN_POINTS,
    REGISTRIES,
    REGISTRY,
    REGISTRY_PAGE,
)
from journey_maps.site.browse.compare import comparable, compare
from journey_maps.site.browse.facets import (
    FILTER_LIMIT,
    Facet,
    Facets,
    Listing,
    build_facets,
    listing,
)
from journey_maps.site.browse.paging import chunk_by_budget, page_bounds, page_count
from journey_maps.site.browse.registries import Lane, board, entry_counts, lane_registry
from journey_maps.site.html import browse as views
from journey_maps.site.pages import GALLERY, MAP, PageKind, PageSpec, Site, register
from journey_maps.site.trees import LanguageTree

#: Stylesheet and script of the browsing pages, below the site root; the plugin adds them
#: to ``extra_css`` and ``extra_javascript`` (files in theme/assets/journey-maps/).
EXTRA_CSS = ["assets/journey-maps/browse.css"]
EXTRA_JAVASCRIPT = ["assets/journey-maps/browse.js"]

_CACHE_SIZE = 32


def _title_order(tree: LanguageTree) -> list[str]:
    journeys = tree.gallery.maps.values()
    return [m.id for m in sorted(journeys, key=lambda m: (str.__str__(m.title).casefold(), m.id))]


@dataclass
class _Browse:
    """What every browsing page of one language tree needs, computed once per build."""

    tree: LanguageTree
    words: views.BrowseLabels
    listing: Listing
    facets: Facets
    languages: dict[str, list[tuple[str, str]]]
    """Per map: (code, name) of the languages it is available in, on multilingual sites."""
    comparable: dict[str, str]
    indexes: list[str]
    registries: list[str]
    thumbnails: dict[str, str] = field(default_factory=dict)
    chunks: dict[str, list[list[str]]] = field(default_factory=dict)

    @classmethod
    def of(cls, site: Site, tree: LanguageTree) -> _Browse:
        gallery = tree.gallery
        names = {t.language: t.name for t in site.trees}
        available = {
            m: [(t.language, t.name) for t in site.trees if t.localized.is_available(m)]
            for m in gallery.maps
        }
        facets = build_facets(
            gallery,
            type_names=tree.labels.type_names,
            language_names=names,
            map_languages={m: [code for code, _ in found] for m, found in available.items()},
        )
        taken = set(gallery.maps)  # maps/<id>/ is a map page: never replace one
        indexes = [
            dimension
            for dimension, values in facets.dimensions.items()
            if len(values) > FILTER_LIMIT
            and _free(site, dimension, taken, "the list of every value")
        ]
        registries = [r for r in REGISTRIES if _free(site, r, taken, "this registry")]
        pairs = {
            future: current
            for future, current in comparable(gallery).items()
            # maps/persona/compare/ could be a facet as well as a comparison: the facet wins.
            if facets.get(f"{future}/compare") is None
        }
        return cls(
            tree,
            localize_labels(views.BrowseLabels(), tree.language),
            listing(gallery, tree.localized.is_available),
            facets,
            available if len(site.trees) > 1 else {},
            pairs,
            indexes,
            registries,
        )

    def thumbnail(self, map_id: str) -> str:
        if map_id not in self.thumbnails:
            journey = self.tree.gallery.maps[map_id]
            self.thumbnails[map_id] = render_thumbnail_svg(
                journey, labels=self.tree.diagram_labels, standalone=False
            )
        return self.thumbnails[map_id]

    def registry_chunks(self, name: str) -> list[list[str]]:
        """The maps on each page of a registry (whole maps, up to the entry budget)."""
        if name not in self.chunks:
            counts = entry_counts(self.tree.gallery, _title_order(self.tree), name)
            self.chunks[name] = chunk_by_budget(counts)
        return self.chunks[name]


def _free(site: Site, segment: str, taken: set[str], what: str) -> bool:
    """Whether ``maps/<segment>/`` is free; a map of that id keeps it (noted for the log)."""
    if segment not in taken:
        return True
    site.note(
        f"a journey map has the id '{segment}', so maps/{segment}/ is that map's page and "
        f"{what} is not generated; give the map another id to get it back"
    )
    return False


def _state(spec: PageSpec) -> _Browse:
    return _browse(spec.site, spec.tree)


def _browse(site: Site, tree: LanguageTree) -> _Browse:
    """The tree's browsing data, computed once per build."""
    return site.derived(f"browse:{tree.language}", lambda: _Browse.of(site, tree))


# --- listings: the gallery, its pages, the facets ------------------------------------------------


def _listing_url(url_for: html.UrlFor, facet: Facet | None, page: int) -> str:
    if facet is None:
        return url_for(GALLERY, "") if page == 1 else url_for(GALLERY_PAGE, str(page))
    return url_for(FACET, facet.key) if page == 1 else url_for(FACET_PAGE, f"{facet.key}/{page}")


def _listing(spec: PageSpec, facet: Facet | None, page: int, url_for: html.UrlFor) -> str:
    tree, state = spec.tree, _state(spec)
    gallery = tree.gallery
    selected = state.listing if facet is None else state.listing.only(facet.maps)
    pages = page_count(len(selected))
    start, stop = page_bounds(page)
    shown = selected.page(start, stop)
    cards = [
        views.Card(
            gallery.maps[m],
            state.thumbnail(m),
            state.facets.values_of.get(m, {}),
            state.languages.get(m, ()),
        )
        for m in shown.available
    ]
    untranslated = [
        views.Card(gallery.maps[m], values=state.facets.values_of.get(m, {}))
        for m in shown.untranslated
    ]
    title = tree.labels.gallery if facet is None else views.facet_title(facet, state.words)
    all_maps = views.FacetLink(
        None,
        state.words.all_maps,
        _listing_url(url_for, None, 1),
        str.__str__(tree.labels.gallery),
        len(state.listing),
        facet is None,
    )
    groups = views.filter_groups(
        state.facets,
        facet,
        url_for,
        tree.labels,
        state.words,
        has_index=lambda dimension: dimension in state.indexes,
    )
    return views.listing_page(
        cards=cards,
        untranslated=untranslated,
        gallery=gallery,
        groups=groups if len(state.listing) else [],
        all_maps=all_maps,
        registries=state.registries,
        total=len(selected),
        first=start + 1,
        pager=views.Pager(page, pages, lambda n: _listing_url(url_for, facet, n)),
        complete=facet is None and pages == 1,
        title=views.paged_title(str.__str__(title), page, pages, state.words),
        url_for=url_for,
        labels=tree.labels,
        words=state.words,
    )


# The gallery (``maps/``) is the first page of the paginated, filterable listing, and the
# first page of the gallery section.
register(
    PageKind(
        GALLERY,
        path=lambda _: "maps/index.md",
        title=lambda spec: spec.tree.labels.gallery,
        body=lambda spec, url_for: _listing(spec, None, 1, url_for),
        section=GALLERY,
    ),
    before=MAP,
)


def _gallery_pages(site: Site, tree: LanguageTree) -> list[str]:
    return [str(n) for n in range(2, page_count(len(_browse(site, tree).listing)) + 1)]


def _facet_pages(site: Site, tree: LanguageTree) -> list[str]:
    state = _browse(site, tree)
    return [
        f"{facet.key}/{n}"
        for facet in state.facets.all()
        for n in range(2, page_count(len(state.listing.only(facet.maps))) + 1)
    ]


def _split_page(item_id: str) -> tuple[str, int]:
    """``tag/retail/2`` → (``tag/retail``, 2)."""
    key, _, number = item_id.rpartition("/")
    return key, int(number)


def _facet(spec: PageSpec, key: str) -> Facet:
    facet = _state(spec).facets.get(key)
    assert facet is not None, key
    return facet


def _paged(title: str, spec: PageSpec, page: int, pages: int) -> str:
    return views.paged_title(title, page, pages, _state(spec).words)


def _facet_page_title(spec: PageSpec) -> str:
    key, page = _split_page(spec.item_id)
    facet = _facet(spec, key)
    state = _state(spec)
    pages = page_count(len(state.listing.only(facet.maps)))
    return _paged(views.facet_title(facet, state.words), spec, page, pages)


def _gallery_page_title(spec: PageSpec) -> str:
    pages = page_count(len(_state(spec).listing))
    return _paged(str.__str__(spec.tree.labels.gallery), spec, int(spec.item_id), pages)


register(
    PageKind(
        GALLERY_PAGE,
        path=lambda item_id: f"maps/page/{item_id}/index.md",
        title=_gallery_page_title,
        body=lambda spec, url_for: _listing(spec, None, int(spec.item_id), url_for),
        items=_gallery_pages,
        searchable=False,
    )
)
register(
    PageKind(
        FACET,
        path=lambda key: f"maps/{key}/index.md",
        title=lambda spec: views.facet_title(_facet(spec, spec.item_id), _state(spec).words),
        body=lambda spec, url_for: _listing(spec, _facet(spec, spec.item_id), 1, url_for),
        items=lambda site, tree: [facet.key for facet in _browse(site, tree).facets.all()],
        searchable=False,
    )
)
register(
    PageKind(
        FACET_PAGE,
        path=lambda item_id: "maps/{}/page/{}/index.md".format(*_split_page(item_id)),
        title=_facet_page_title,
        body=lambda spec, url_for: _listing(
            spec,
            _facet(spec, _split_page(spec.item_id)[0]),
            _split_page(spec.item_id)[1],
            url_for,
        ),
        items=_facet_pages,
        searchable=False,
    )
)


def _facet_index_body(spec: PageSpec, url_for: html.UrlFor) -> str:
    state = _state(spec)
    facets = state.facets.dimensions.get(spec.item_id, ())
    return views.facet_index_page(spec.item_id, facets, url_for, state.words)


register(
    PageKind(
        FACET_INDEX,
        path=lambda dimension: f"maps/{dimension}/index.md",
        title=lambda spec: _state(spec).words.dimension_titles[spec.item_id],
        body=_facet_index_body,
        items=lambda site, tree: list(_browse(site, tree).indexes),
    )
)


# --- registries and the board -----------------------------------------------------------------


def _registry_title(spec: PageSpec) -> str:
    name, _, number = spec.item_id.partition("/")
    state = _state(spec)
    pages = max(1, len(state.registry_chunks(name)))
    return _paged(state.words.registry_titles[name], spec, int(number or 1), pages)


def _registry_url(url_for: html.UrlFor, name: str, page: int) -> str:
    return url_for(REGISTRY, name) if page == 1 else url_for(REGISTRY_PAGE, f"{name}/{page}")


def _registry_body(spec: PageSpec, url_for: html.UrlFor) -> str:
    name, _, number = spec.item_id.partition("/")
    page = int(number or 1)
    state = _state(spec)
    gallery = spec.tree.gallery
    chunks = state.registry_chunks(name)
    maps = chunks[page - 1] if chunks else []
    pager = views.Pager(page, max(1, len(chunks)), lambda n: _registry_url(url_for, name, n))
    labels, words, empty = spec.tree.labels, state.words, not gallery.maps
    if name == ACTION_PLAN:
        return views.board_page(
            board(gallery, maps),
            gallery,
            pager=pager,
            empty_gallery=empty,
            url_for=url_for,
            labels=labels,
            words=words,
        )
    lane: Lane = "pain_points" if name == PAIN_POINTS else "opportunities"
    entries = lane_registry(gallery, maps, lane)
    return views.registry_page(
        name,
        entries,
        gallery,
        pager=pager,
        empty_gallery=empty,
        url_for=url_for,
        labels=labels,
        words=words,
    )


register(
    PageKind(
        REGISTRY,
        path=lambda name: f"maps/{name}/index.md",
        title=_registry_title,
        body=_registry_body,
        items=lambda site, tree: list(_browse(site, tree).registries),
        section=GALLERY,
    )
)
register(
    PageKind(
        REGISTRY_PAGE,
        path=lambda item_id: "maps/{}/page/{}/index.md".format(*item_id.split("/")),
        title=_registry_title,
        body=_registry_body,
        items=lambda site, tree: [
            f"{name}/{n}"
            for name in _browse(site, tree).registries
            for n in range(2, len(_browse(site, tree).registry_chunks(name)) + 1)
        ],
        searchable=False,
    )
)


# --- current against future state ----------------------------------------------------------------


def _compare_body(spec: PageSpec, url_for: html.UrlFor) -> str:
    tree, state = spec.tree, _state(spec)
    future = tree.gallery.maps[spec.item_id]
    comparison = compare(tree.gallery.maps[state.comparable[spec.item_id]], future)
    diagram = views.compare_diagram(
        comparison, tree.labels, state.words, id_prefix=f"jm-compare-{future.id}-{tree.language}"
    )
    return views.compare_page(
        comparison, diagram=diagram, url_for=url_for, labels=tree.labels, words=state.words
    )


register(
    PageKind(
        COMPARE,
        path=lambda map_id: f"maps/{map_id}/compare/index.md",
        title=lambda spec: fill(
            _state(spec).words.compare_title,
            title=str.__str__(spec.tree.gallery.maps[spec.item_id].title),
        ),
        body=_compare_body,
        items=lambda site, tree: sorted(_browse(site, tree).comparable),
    )
)
