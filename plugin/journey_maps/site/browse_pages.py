"""The browsing pages: the gallery listing, the registries and the action-plan board.

Registered as page kinds (see :mod:`.pages`), in every language tree, at these addresses
below the tree's prefix:

=============================  ===============================================================
``maps/``                      the gallery: every map as a card, with filters by map type,
                               persona, tag and language
``maps/pain-points/``          the pain points registry (``page/<n>/`` when very long)
``maps/opportunities/``        the opportunities registry
``maps/action-plan/``          the action-plan board
=============================  ===============================================================

A filter is a view of the gallery, not a page of its own: ``maps/#tag-retail`` shows the maps
tagged "retail". With JavaScript, ``browse.js`` filters the cards in place; without it, the
generated stylesheet (:func:`facet_stylesheet`, one rule per filter value) hides the other
cards while the address names the filter (CSS ``:target``). One listing page per language
instead of a page per filter value per language keeps big galleries cheap to build; the
addresses of the pages earlier versions published (``maps/tag/retail/``,
``maps/page/2/``, ``maps/<id>/compare/``...) stay valid as redirects (:class:`.pages.Redirect`).

Everything a page shows is computed once per tree and build (:class:`_Browse`, kept by the
:class:`~.pages.Site`). An address that a map's id already takes is not used: the map wins,
and the build log says what is missing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from journey_maps.core.model import JourneyMap
from journey_maps.render.svg import render_thumbnail_svg
from journey_maps.site import html
from journey_maps.site.browse import (
    ACTION_PLAN,
    COMPARE,
    FACET,
    FACET_INDEX,
    FACET_PAGE,
    GALLERY_PAGE,
    OPPORTUNITIES,
    PAIN_POINTS,
    REGISTRIES,
    REGISTRY,
    REGISTRY_PAGE,
)
from journey_maps.site.browse.compare import comparable
from journey_maps.site.browse.facets import (
    FILTER_LIMIT,
    Facet,
    Facets,
    Listing,
    build_facets,
    card_selector,
    facet_anchor,
    listing,
)
from journey_maps.site.browse.paging import (
    LEGACY_ITEM_BUDGET,
    LEGACY_PAGE_SIZE,
    chunk_by_budget,
    page_count,
)
from journey_maps.site.browse.registries import (
    Lane,
    board,
    entry_counts,
    lane_count,
    lane_entries,
)
from journey_maps.site.html import browse as views
from journey_maps.site.pages import (
    GALLERY,
    MAP,
    Anchor,
    Aspect,
    PageKind,
    PageSpec,
    Redirect,
    Site,
    register,
    register_anchor,
    register_aspect,
    register_redirect,
    shown,
)
from journey_maps.site.trees import LanguageTree

#: Stylesheet and script of the browsing pages, below the site root; the plugin adds them
#: to ``extra_css`` and ``extra_javascript`` (files in theme/assets/journey-maps/).
EXTRA_CSS = ["assets/journey-maps/browse.css"]
EXTRA_JAVASCRIPT = ["assets/journey-maps/browse.js"]
#: The generated stylesheet that filters the gallery without JavaScript.
FACET_STYLESHEET = "assets/journey-maps/facets.css"


def _title_order(tree: LanguageTree) -> list[str]:
    journeys = tree.gallery.maps.values()
    return [m.id for m in sorted(journeys, key=lambda m: (str.__str__(m.title).casefold(), m.id))]


@dataclass
class _Browse:
    """What every browsing page of one language tree needs, computed once per build (the
    filters only when a page or a redirect asks: an in-place rebuild often does not)."""

    site: Site
    tree: LanguageTree
    words: views.BrowseLabels
    listing: Listing
    available: dict[str, list[tuple[str, str]]]
    """Per map: (code, name) of the languages it is available in."""
    registries: list[str]
    chunks: dict[str, list[list[str]]] = field(default_factory=dict)

    @classmethod
    def of(cls, site: Site, tree: LanguageTree) -> _Browse:
        gallery = tree.gallery
        available = {
            m: [(t.language, t.name) for t in site.trees if t.localized.is_available(m)]
            for m in gallery.maps
        }
        taken = set(gallery.maps)  # maps/<id>/ is a map page: never replace one
        registries = [r for r in REGISTRIES if _free(site, r, taken, "this registry")]
        return cls(
            site,
            tree,
            tree.browse_labels,
            listing(gallery, tree.localized.is_available),
            available,
            registries,
        )

    @property
    def languages(self) -> dict[str, list[tuple[str, str]]]:
        """:attr:`available`, on multilingual sites (cards list languages only there)."""
        return self.available if len(self.site.trees) > 1 else {}

    @cached_property
    def facets(self) -> Facets:
        return build_facets(
            self.tree.gallery,
            type_names=self.tree.labels.type_names,
            language_names={t.language: t.name for t in self.site.trees},
            map_languages={m: [code for code, _ in found] for m, found in self.available.items()},
        )

    def thumbnail(self, site: Site, map_id: str) -> str:
        return _thumbnail(site, self.tree, map_id)

    def _count(self, map_id: str, name: str) -> int:
        """How many entries a map gives a registry, counted once per map as it is."""
        gallery, key = self.tree.gallery, self.tree.localized.keys.get(("map", map_id))
        if key is None:  # a gallery made without keys: nothing says the map is the same
            return entry_counts(gallery, [map_id], name)[0][1]
        counts: dict[str, int] = self.site.store.remember(
            "entry-counts",
            f"{key}:{map_id}",
            lambda: {r: entry_counts(gallery, [map_id], r)[0][1] for r in REGISTRIES},
        )
        return counts[name]

    def registry_chunks(self, name: str, budget: int | None = None) -> list[list[str]]:
        """The maps on each page of a registry (whole maps, up to the entry budget)."""
        key = f"{name}:{budget}"
        if key not in self.chunks:
            counts = [(m, self._count(m, name)) for m in _title_order(self.tree)]
            self.chunks[key] = (
                chunk_by_budget(counts) if budget is None else chunk_by_budget(counts, budget)
            )
        return self.chunks[key]


def _thumbnail(site: Site, tree: LanguageTree, map_id: str) -> str:
    journey = tree.gallery.maps[map_id]
    return site.drawing(
        "thumbnail",
        tree,
        (f"map:{map_id}",),
        lambda: render_thumbnail_svg(
            journey, labels=tree.diagram_labels, standalone=False, decorative=True
        ),
    )


def _card_shown(site: Site, tree: LanguageTree, map_id: str) -> str:
    """All a map gives the gallery: its card (thumbnail included), its facet values and
    the languages it is available in (the filters, and the list of maps not translated)."""
    journey = tree.gallery.maps[map_id]
    available = [t.language for t in site.trees if t.localized.is_available(map_id)]
    stages = [(column.id, column.title) for column in journey.columns]
    return shown(
        [
            journey.id,
            journey.title,
            journey.summary,
            journey.type,
            journey.persona,
            journey.tags,
            journey.improves,
            stages,
            available,
            _thumbnail(site, tree, map_id),
        ]
    )


def _meta(journey: JourneyMap) -> list[object]:
    return [journey.id, journey.title, journey.type, journey.persona]


def _lane_shown(lane: Lane) -> Callable[[Site, LanguageTree, str], str]:
    """What a registry shows of a map: its entries of ``lane`` by stage, and its title."""

    def lane_shown(site: Site, tree: LanguageTree, map_id: str) -> str:
        journey = tree.gallery.maps[map_id]
        groups = [
            [
                group.number,
                group.lane,
                group.anchor,
                [group.stage.id, group.stage.title, group.stage.emotion] if group.stage else None,
                [[entry.anchor, entry.item] for entry in group.entries],
            ]
            for group in lane_entries(journey, lane).groups
        ]
        return shown([_meta(journey), groups])

    return lane_shown


def _plan_shown(site: Site, tree: LanguageTree, map_id: str) -> str:
    """What the board shows of a map: its action plan, the stages it names, its title."""
    journey = tree.gallery.maps[map_id]
    stages = [(column.id, column.title) for column in journey.columns]
    return shown([_meta(journey), journey.action_plan, stages])


CARD = register_aspect(Aspect("card", _card_shown))
register_aspect(Aspect(PAIN_POINTS, _lane_shown("pain_points")))
register_aspect(Aspect(OPPORTUNITIES, _lane_shown("opportunities")))
register_aspect(Aspect(ACTION_PLAN, _plan_shown))


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


# --- the gallery ----------------------------------------------------------------------------


def _gallery_body(spec: PageSpec, url_for: html.UrlFor) -> str:
    tree, state = spec.tree, _state(spec)
    gallery = tree.gallery
    values = state.facets.values_of

    def card(map_id: str) -> str:
        journey = gallery.maps[map_id]
        languages = state.languages.get(map_id, ())

        def make() -> str:
            thumbnail = state.thumbnail(spec.site, map_id)
            shown = views.Card(journey, thumbnail, values.get(map_id, {}), languages)
            return views.card_html(
                shown, gallery, url_for=url_for, labels=tree.labels, words=state.words
            )

        return spec.site.kept_html(
            "card",
            tree,
            (f"map:{map_id}", f"persona:{journey.persona or ''}"),
            make,
            page=spec.uri,
            extra=tuple(f"{code}={name}" for code, name in languages),
        )

    untranslated = [
        views.Card(gallery.maps[m], values=values.get(m, {})) for m in state.listing.untranslated
    ]
    untranslated_ids = set(state.listing.untranslated)
    return views.listing_page(
        cards=[card(m) for m in state.listing.available],
        untranslated=untranslated,
        gallery=gallery,
        facets=state.facets,
        has_untranslated={f.token: bool(f.maps & untranslated_ids) for f in state.facets.all()},
        registries=state.registries,
        url_for=url_for,
        labels=tree.labels,
        words=state.words,
    )


def _gallery_depends(spec: PageSpec) -> frozenset[str]:
    """The gallery shows every map's card and every persona's name (cards, filters)."""
    gallery = spec.tree.gallery
    return frozenset(
        {f"map:{m}@{CARD.name}" for m in gallery.maps} | {f"persona:{p}" for p in gallery.personas}
    )


# The gallery is the first page of the gallery section, so it goes before the maps.
register(
    PageKind(
        GALLERY,
        path=lambda _: "maps/index.md",
        title=lambda spec: spec.tree.labels.gallery,
        body=_gallery_body,
        section=GALLERY,
        depends=_gallery_depends,
    ),
    before=MAP,
)
register_anchor(Anchor(FACET, page=lambda key: (GALLERY, ""), fragment=facet_anchor))
register_anchor(
    Anchor(FACET_INDEX, page=lambda dimension: (GALLERY, ""), fragment=lambda d: f"all-{d}")
)


def facet_stylesheet(site: Site) -> str:
    """The CSS that filters the gallery without JavaScript: per filter value, while the
    address names it (``maps/#tag-retail``), the cards and entries without it are hidden.

    Facet values are the same in every language tree, so one stylesheet serves the site.
    A page where ``browse.js`` runs marks its listing ``data-jm-enhanced`` and filters it
    itself, so these rules stand back there.
    """
    return site.derived(FACET_STYLESHEET, lambda: _facet_rules(site))


def _facet_rules(site: Site) -> str:
    facets: dict[str, Facet] = {}
    for tree in site.trees:
        for facet in _browse(site, tree).facets.all():
            facets.setdefault(facet.token, facet)
    rules = ["/* mkdocs-journey-maps: the gallery's filters without JavaScript (generated). */"]
    for facet in facets.values():
        scope = f".jm-browse:not([data-jm-enhanced]) #{facet_anchor(facet.key)}:target ~"
        other = card_selector(facet, negate=True)
        rules.append(
            f"{scope} .jm-cards-wrap .jm-card{other},\n"
            f"{scope} .jm-untranslated-maps > li{other} {{ display: none; }}"
        )
    return "\n".join(rules) + "\n"


# --- registries and the board -----------------------------------------------------------------


def _registry_title(spec: PageSpec) -> str:
    name, _, number = spec.item_id.partition("/")
    state = _state(spec)
    pages = max(1, len(state.registry_chunks(name)))
    return views.paged_title(
        state.words.registry_titles[name], int(number or 1), pages, state.words
    )


def _registry_url(url_for: html.UrlFor, name: str, page: int) -> str:
    return url_for(REGISTRY, name) if page == 1 else url_for(REGISTRY_PAGE, f"{name}/{page}")


def _registry_body(spec: PageSpec, url_for: html.UrlFor) -> str:
    name, _, number = spec.item_id.partition("/")
    page = int(number or 1)
    state, site, tree = _state(spec), spec.site, spec.tree
    gallery = tree.gallery
    chunks = state.registry_chunks(name)
    maps = chunks[page - 1] if chunks else []
    pager = views.Pager(page, max(1, len(chunks)), lambda n: _registry_url(url_for, name, n))
    labels, words, empty = tree.labels, state.words, not gallery.maps

    def items(map_id: str) -> tuple[str, ...]:
        return (f"map:{map_id}", f"persona:{gallery.maps[map_id].persona or ''}")

    if name == ACTION_PLAN:
        columns = {
            status: [
                site.kept_html(
                    "board-card",
                    tree,
                    items(card.map_id),
                    lambda card=card: views.board_card(  # type: ignore[misc]
                        card, gallery, url_for=url_for, labels=labels, words=words
                    ),
                    page=spec.uri,
                    extra=(card.anchor,),
                )
                for card in cards
            ]
            for status, cards in board(gallery, maps).items()
        }
        return views.board_page(
            columns, pager=pager, empty_gallery=empty, labels=labels, words=words
        )
    lane: Lane = "pain_points" if name == PAIN_POINTS else "opportunities"
    sections = [
        site.kept_html(
            f"registry-{name}",
            tree,
            items(map_id),
            lambda map_id=map_id: views.registry_section(  # type: ignore[misc]
                name,
                lane_entries(gallery.maps[map_id], lane),
                gallery,
                url_for=url_for,
                labels=labels,
                words=words,
            ),
            page=spec.uri,
        )
        for map_id in maps
        if map_id in gallery.maps and lane_count(gallery.maps[map_id], lane)
    ]
    return views.registry_page(
        name, sections, pager=pager, empty_gallery=empty, labels=labels, words=words
    )


def _registry_depends(spec: PageSpec) -> frozenset[str]:
    """A registry page shows the maps on it (their entries of the registry's kind, the
    :class:`~.pages.Aspect` of that name, and their personas' names): a change to which maps
    are on it is seen by comparing this set with the last build's
    (``journey_maps.mkdocs.serve``)."""
    name, _, number = spec.item_id.partition("/")
    chunks = _state(spec).registry_chunks(name)
    page = int(number or 1)
    maps = spec.tree.gallery.maps
    on_page = [m for m in (chunks[page - 1] if page <= len(chunks) else []) if m in maps]
    return frozenset(
        {f"map:{m}@{name}" for m in on_page} | {f"persona:{maps[m].persona or ''}" for m in on_page}
    )


register(
    PageKind(
        REGISTRY,
        path=lambda name: f"maps/{name}/index.md",
        title=_registry_title,
        body=_registry_body,
        items=lambda site, tree: list(_browse(site, tree).registries),
        section=GALLERY,
        depends=_registry_depends,
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
        depends=_registry_depends,
    )
)


# --- addresses of earlier versions' pages -------------------------------------------------------


def _split_page(item_id: str) -> tuple[str, int]:
    """``tag/retail/2`` → (``tag/retail``, 2)."""
    key, _, number = item_id.rpartition("/")
    return key, int(number)


def _legacy_pages(total: int) -> range:
    """Page numbers 2.. that a listing of ``total`` cards had when listings were paged."""
    return range(2, page_count(total, LEGACY_PAGE_SIZE) + 1)


def _legacy_registry_pages(state: _Browse, name: str) -> int:
    return len(state.registry_chunks(name, LEGACY_ITEM_BUDGET))


def _facet_title(site: Site, tree: LanguageTree, key: str) -> str:
    state = _browse(site, tree)
    facet = state.facets.get(key)
    return views.facet_title(facet, state.words) if facet else tree.labels.gallery


def _gallery_title(site: Site, tree: LanguageTree, item_id: str) -> str:
    return str.__str__(tree.labels.gallery)


register_redirect(
    Redirect(
        GALLERY_PAGE,
        path=lambda n: f"maps/page/{n}/index.md",
        items=lambda site, tree: [str(n) for n in _legacy_pages(len(_browse(site, tree).listing))],
        target=lambda n: (GALLERY, ""),
        title=_gallery_title,
    )
)
register_redirect(
    Redirect(
        FACET,
        path=lambda key: f"maps/{key}/index.md",
        items=lambda site, tree: [f.key for f in _browse(site, tree).facets.all()],
        target=lambda key: (FACET, key),
        title=_facet_title,
    )
)
register_redirect(
    Redirect(
        FACET_PAGE,
        path=lambda item_id: "maps/{}/page/{}/index.md".format(*_split_page(item_id)),
        items=lambda site, tree: [
            f"{facet.key}/{n}"
            for facet in _browse(site, tree).facets.all()
            for n in _legacy_pages(len(facet.maps))
        ],
        target=lambda item_id: (FACET, _split_page(item_id)[0]),
        title=lambda site, tree, item_id: _facet_title(site, tree, _split_page(item_id)[0]),
    )
)
register_redirect(
    Redirect(
        FACET_INDEX,
        path=lambda dimension: f"maps/{dimension}/index.md",
        items=lambda site, tree: [
            dimension
            for dimension, values in _browse(site, tree).facets.dimensions.items()
            if len(values) > FILTER_LIMIT
        ],
        target=lambda dimension: (FACET_INDEX, dimension),
        title=lambda site, tree, dimension: _browse(site, tree).words.dimension_titles[dimension],
    )
)
register_redirect(
    Redirect(
        REGISTRY_PAGE,
        path=lambda item_id: "maps/{}/page/{}/index.md".format(*item_id.split("/")),
        items=lambda site, tree: [
            f"{name}/{n}"
            for name in _browse(site, tree).registries
            for n in range(
                2, len(_browse(site, tree).registry_chunks(name, LEGACY_ITEM_BUDGET)) + 1
            )
        ],
        target=lambda item_id: (REGISTRY, item_id.split("/")[0]),
        title=lambda site, tree, item_id: _browse(site, tree).words.registry_titles[
            item_id.split("/")[0]
        ],
    )
)
register_redirect(
    Redirect(
        COMPARE,
        path=lambda map_id: f"maps/{map_id}/compare/index.md",
        items=lambda site, tree: sorted(comparable(tree.gallery)),
        target=lambda map_id: (COMPARE, map_id),
        title=lambda site, tree, map_id: str.__str__(tree.gallery.maps[map_id].title),
    )
)
