"""HTML fragments for browsing: filtered card listings, registries, the board, comparisons.

Like the other page fragments, these are independent of any site generator: links come from
the ``url_for`` the adapter passes (kinds ``facet``, ``facet-index``, ``registry``,
``compare``... see :mod:`journey_maps.site.browse`), data from
:mod:`journey_maps.site.browse`, words from :class:`BrowseLabels` (English defaults,
translated like every other label).

Listings work without JavaScript: every filter is a link to a view of the gallery
(``#tag-retail``) that the site's generated facet stylesheet shows. The markup also carries
what ``browse.js`` needs to filter in place: each card lists its facet values in ``data-*``
attributes, each filter link its token (``data-jm-facet="tag:retail"``) and the title of
its view, and the listing says that it holds the whole gallery (``data-jm-complete``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from journey_maps.core.gallery import Gallery
from journey_maps.core.model import JourneyMap, MapType, PlanStatus
from journey_maps.layout.compare import Column, layout_compare
from journey_maps.layout.labels import fill, signed
from journey_maps.render.svg import to_svg
from journey_maps.site.browse import ACTION_PLAN, FACET, OPPORTUNITIES, PAIN_POINTS
from journey_maps.site.browse.compare import (
    FEELS_BETTER,
    HAS_OPPORTUNITIES,
    NO_PROGRESS,
    STAGE_NOT_KEPT,
    STILL_LISTED,
    Comparison,
)
from journey_maps.site.browse.facets import (
    LANGUAGE,
    PERSONA,
    TAG,
    TYPE,
    Facet,
    Facets,
    facet_anchor,
    shown_in_bar,
    tag_slug,
)
from journey_maps.site.browse.paging import window
from journey_maps.site.browse.registries import BoardCard, MapEntries
from journey_maps.site.html import UrlFor, render_fragment
from journey_maps.site.html.labels import Labels


def _facet_titles() -> dict[str, str]:
    return {
        TYPE: "Map type: {value}",
        PERSONA: "Persona: {value}",
        TAG: "Tag: {value}",
        LANGUAGE: "Language: {value}",
    }


def _dimension_titles() -> dict[str, str]:
    return {
        TYPE: "All map types",
        PERSONA: "All personas",
        TAG: "All tags",
        LANGUAGE: "All languages",
    }


def _registry_titles() -> dict[str, str]:
    return {
        PAIN_POINTS: "Pain points registry",
        OPPORTUNITIES: "Opportunities registry",
        ACTION_PLAN: "Action plan board",
    }


def _registry_intros() -> dict[str, str]:
    return {
        PAIN_POINTS: (
            "Every pain point of every map, grouped by map and stage. Each one links to its "
            "place on its map."
        ),
        OPPORTUNITIES: (
            "Every opportunity of every map, grouped by map and stage. Each one links to its "
            "place on its map."
        ),
        ACTION_PLAN: (
            "Every action-plan item of every map, in one column per status. Each card links "
            "to the item in its map's action plan."
        ),
    }


def _registry_empty() -> dict[str, str]:
    return {
        PAIN_POINTS: "No pain points recorded yet.",
        OPPORTUNITIES: "No opportunities recorded yet.",
        ACTION_PLAN: "No action-plan items yet.",
    }


def _reasons() -> dict[str, str]:
    return {
        FEELS_BETTER: "feels better",
        HAS_OPPORTUNITIES: "offers opportunities",
        STAGE_NOT_KEPT: "the future map has no such stage",
        STILL_LISTED: "still listed in the future map",
        NO_PROGRESS: "feels no better and offers no opportunity",
    }


@dataclass(frozen=True)
class BrowseLabels:
    """Every fixed text of the browsing pages; English defaults.

    Counted phrases are written as "Maps: {n}", never "{n} maps", so languages with several
    plural forms need no extra rules; ``{name}`` placeholders are filled with
    :func:`journey_maps.layout.labels.fill`, never ``str.format``.
    """

    language: str = "en"
    filter_maps: str = "Filter maps"
    all_maps: str = "All maps"
    show_all: str = "Show all ({n})"
    map_count: str = "Maps: {n}"
    facet_titles: dict[str, str] = field(default_factory=_facet_titles)
    dimension_titles: dict[str, str] = field(default_factory=_dimension_titles)
    page_title: str = "{title}, page {n} of {count}"
    pages: str = "Pages"
    previous_page: str = "Previous page"
    next_page: str = "Next page"
    page_number: str = "Page {n}"
    together: str = "What the maps say together"
    registry_titles: dict[str, str] = field(default_factory=_registry_titles)
    registry_intros: dict[str, str] = field(default_factory=_registry_intros)
    registry_empty: dict[str, str] = field(default_factory=_registry_empty)
    entry_count: str = "{what}: {n}"
    map_heading: str = "Map"
    no_owner: str = "No owner yet"
    board_region: str = "Action-plan items by status"
    compare_title: str = "Current and future state: {title}"
    emotion_per_stage: str = "Emotion per stage"
    diagram_title: str = "Emotion per stage, current and future state: {title}"
    legend_entry: str = "{type}: {title}"
    current_style: str = "dashed line with hollow circles"
    future_style: str = "solid line with filled diamonds"
    desc_series: str = "{name}: {style}."
    desc_stage: str = "{stage}: {before} to {after}."
    no_score: str = "no score"
    change: str = "Change"
    better_by: str = "better by {n}"
    worse_by: str = "worse by {n}"
    no_change: str = "no change"
    only_current: str = "not in the future map"
    only_future: str = "new in the future map"
    addressed: str = "Pain points addressed"
    addressed_rule: str = (
        "A pain point of the current state counts as addressed when the future map keeps "
        "its stage, no longer lists it there, and at that stage either feels better or "
        "offers an opportunity."
    )
    still_open: str = "Pain points still open"
    new_opportunities: str = "New opportunities"
    new_opportunities_rule: str = (
        "Opportunities of the future map that the current map does not list anywhere."
    )
    none_found: str = "None."
    reasons: dict[str, str] = field(default_factory=_reasons)
    type_count: str = "{type}: {n}"


# --- listings ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class FacetLink:
    """A filter: a facet, the address of its view of the gallery, and that view's title."""

    facet: Facet | None  # None: "all maps"
    label: str
    url: str
    title: str
    count: int

    @property
    def token(self) -> str:
        return self.facet.token if self.facet else ""


@dataclass(frozen=True)
class FilterGroup:
    """One dimension of the filter bar: the values it shows, and every value when the bar
    cannot show them all (behind "show all", a list that needs no script)."""

    dimension: str
    label: str
    links: list[FacetLink]
    every: list[FacetLink] = field(default_factory=list)


@dataclass(frozen=True)
class FacetView:
    """The heading of one filter's view of the gallery, shown while the address names it."""

    anchor: str
    token: str
    title: str
    count: int
    has_untranslated: bool


@dataclass(frozen=True)
class Pager:
    """Where a page is in its listing and the links to the others."""

    page: int
    count: int
    url: Callable[[int], str]

    @property
    def numbers(self) -> list[int | None]:
        return window(self.page, self.count)


@dataclass(frozen=True)
class Card:
    """A map as a listing shows it: the map, its thumbnail and what browse.js filters by."""

    journey: JourneyMap
    thumbnail: str = ""
    values: Mapping[str, Sequence[str]] = field(default_factory=dict)
    languages: Sequence[tuple[str, str]] = ()
    """(code, name) of every language the map is available in, on multilingual sites."""


def facet_title(facet: Facet, labels: BrowseLabels) -> str:
    return fill(labels.facet_titles[facet.dimension], value=str.__str__(facet.label))


def paged_title(title: str, page: int, count: int, labels: BrowseLabels) -> str:
    if page <= 1:
        return title
    return fill(labels.page_title, title=title, n=str(page), count=str(count))


def filter_groups(
    facets: Facets, url_for: UrlFor, labels: Labels, words: BrowseLabels
) -> list[FilterGroup]:
    """The filter bar: per dimension, the facets it shows (see :func:`shown_in_bar`)."""
    names = {TYPE: labels.map_type, PERSONA: labels.persona, TAG: labels.tags}
    names[LANGUAGE] = labels.languages

    def link(facet: Facet) -> FacetLink:
        url = url_for(FACET, facet.key)
        return FacetLink(facet, facet.label, url, facet_title(facet, words), len(facet.maps))

    groups = []
    for dimension, all_facets in facets.dimensions.items():
        shown, capped = shown_in_bar(all_facets)
        every = [link(f) for f in all_facets] if capped else []
        groups.append(FilterGroup(dimension, names[dimension], [link(f) for f in shown], every))
    return groups


def listing_page(
    *,
    cards: Sequence[str],
    untranslated: Sequence[Card],
    gallery: Gallery,
    facets: Facets,
    has_untranslated: Mapping[str, bool],
    registries: Sequence[str],
    url_for: UrlFor,
    labels: Labels,
    words: BrowseLabels,
) -> str:
    """The gallery: filter bar, every map as a card (:func:`card_html`), one view per filter.

    Each filter's view is a heading with the anchor the filter links to
    (``#tag-retail``); the site's facet stylesheet shows it, and hides the other cards,
    while the address names it, and ``browse.js`` does the same in place.
    ``has_untranslated`` says per facet token whether its view lists untranslated maps.
    """
    title = str.__str__(labels.gallery)
    views = [
        FacetView(
            facet_anchor(f.key),
            f.token,
            facet_title(f, words),
            len(f.maps),
            has_untranslated.get(f.token, False),
        )
        for f in facets.all()
    ]
    return render_fragment(
        "browse_listing.html",
        cards=cards,
        untranslated=untranslated,
        personas=gallery.personas,
        groups=filter_groups(facets, url_for, labels, words) if gallery.maps else [],
        all_maps=FacetLink(None, words.all_maps, url_for("gallery", ""), title, len(gallery.maps)),
        views=views,
        registries=registries,
        total=len(cards) + len(untranslated),
        title=title,
        url_for=url_for,
        t=labels,
        b=words,
        fill=fill,
        tag_slug=tag_slug,
    )


# --- registries and the board --------------------------------------------------------------------


def registry_page(
    name: str,
    sections: Sequence[str],
    *,
    pager: Pager | None,
    empty_gallery: bool,
    labels: Labels,
    words: BrowseLabels,
) -> str:
    """Pain points or opportunities of many maps: a section per map (:func:`registry_section`)."""
    return render_fragment(
        "browse_registry.html",
        name=name,
        sections=sections,
        pager=pager,
        empty_gallery=empty_gallery,
        t=labels,
        b=words,
        fill=fill,
    )


def registry_section(
    name: str,
    entries: MapEntries,
    gallery: Gallery,
    *,
    url_for: UrlFor,
    labels: Labels,
    words: BrowseLabels,
) -> str:
    """One map's pain points or opportunities, by stage, each linked to its place."""
    return render_fragment(
        "registry_section.html",
        lane="pain_points" if name == PAIN_POINTS else "opportunities",
        e=entries,
        maps=gallery.maps,
        personas=gallery.personas,
        url_for=url_for,
        t=labels,
        b=words,
        fill=fill,
    )


def board_page(
    columns: Mapping[PlanStatus, Sequence[str]],
    *,
    pager: Pager | None,
    empty_gallery: bool,
    labels: Labels,
    words: BrowseLabels,
) -> str:
    """The action-plan board: a column per status, its cards (:func:`board_card`) in order."""
    return render_fragment(
        "browse_board.html",
        name=ACTION_PLAN,
        columns=columns,
        total=sum(len(cards) for cards in columns.values()),
        pager=pager,
        empty_gallery=empty_gallery,
        t=labels,
        b=words,
        fill=fill,
    )


def board_card(
    card: BoardCard, gallery: Gallery, *, url_for: UrlFor, labels: Labels, words: BrowseLabels
) -> str:
    """One action-plan item: its text, owner, priority, due date, stage and map."""
    return render_fragment(
        "board_card.html", c=card, maps=gallery.maps, url_for=url_for, t=labels, b=words
    )


def card_html(
    card: Card, gallery: Gallery, *, url_for: UrlFor, labels: Labels, words: BrowseLabels
) -> str:
    """A map's card in the gallery: thumbnail, title, type, persona, summary, tags."""
    return render_fragment(
        "browse_card.html",
        c=card,
        personas=gallery.personas,
        url_for=url_for,
        t=labels,
        b=words,
        fill=fill,
        tag_slug=tag_slug,
    )


# --- comparison --------------------------------------------------------------------------------


def change_text(change: int | None, words: BrowseLabels) -> str:
    """A score change in words: the table never relies on the glyph or colour alone."""
    if change is None:
        return words.no_score
    if change > 0:
        return fill(words.better_by, n=str(change))
    if change < 0:
        return fill(words.worse_by, n=str(-change))
    return words.no_change


def compare_diagram(
    comparison: Comparison, labels: Labels, words: BrowseLabels, *, id_prefix: str
) -> str:
    """The two emotion curves as inline SVG, with a legend and a summary in words."""
    current, future = comparison.current, comparison.future
    names = (labels.type_names[MapType.CURRENT_STATE], labels.type_names[MapType.FUTURE_STATE])
    legend = (
        fill(words.legend_entry, type=str.__str__(names[0]), title=str.__str__(current.title)),
        fill(words.legend_entry, type=str.__str__(names[1]), title=str.__str__(future.title)),
    )
    lines = [
        fill(words.desc_series, name=legend[0], style=words.current_style),
        fill(words.desc_series, name=legend[1], style=words.future_style),
    ]
    for pair in comparison.stages:
        before, after = pair.before_score, pair.after_score
        lines.append(
            fill(
                words.desc_stage,
                stage=str.__str__(pair.title),
                before=words.no_score if before is None else signed(before),
                after=words.no_score if after is None else signed(after),
            )
        )
    columns = [
        Column(p.stage_id, str.__str__(p.title), p.before_score, p.after_score)
        for p in comparison.stages
    ]
    drawing = layout_compare(
        columns,
        legend=legend,
        title=fill(words.diagram_title, title=str.__str__(future.title)),
        desc=" ".join(lines),
    )
    prefix = re.sub(r"[^A-Za-z0-9_-]", "-", id_prefix)
    return to_svg(drawing, standalone=False, theme="light", id_prefix=prefix)


def compare_section(
    comparison: Comparison,
    *,
    diagram: str,
    url_for: UrlFor,
    labels: Labels,
    words: BrowseLabels,
) -> str:
    """Current against future state, a section of the future-state map's page: the diagram,
    score changes, pain points addressed and open, new opportunities."""
    return render_fragment(
        "compare_section.html",
        c=comparison,
        diagram=diagram,
        current_url=url_for("map", comparison.current.id),
        future_url=url_for("map", comparison.future.id),
        change_text=lambda change: change_text(change, words),
        reasons=lambda outcome: ", ".join(words.reasons[r] for r in outcome.reasons),
        signed=signed,
        MapType=MapType,
        t=labels,
        b=words,
        fill=fill,
    )


def type_counts(gallery: Gallery, persona_id: str) -> list[tuple[MapType, int]]:
    """How many maps of each type a persona has, in type order (for the personas index)."""
    maps = gallery.maps_of(persona_id)
    counts = [(kind, sum(1 for m in maps if m.type is kind)) for kind in MapType]
    return [(kind, n) for kind, n in counts if n]


def type_counts_list(
    gallery: Gallery, persona_id: str, url_for: UrlFor, labels: Labels, words: BrowseLabels
) -> str:
    """ "Current state: 2 · Empathy map: 1", each linking to that group on the persona page."""
    return render_fragment(
        "browse_type_counts.html",
        counts=type_counts(gallery, persona_id),
        persona_id=persona_id,
        url_for=url_for,
        t=labels,
        b=words,
        fill=fill,
    )
