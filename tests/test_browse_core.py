"""The browsing core without MkDocs: facets, pages, registries, comparisons, their drawing."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import ROOT
from journey_maps.core.gallery import Gallery
from journey_maps.core.model import JourneyMap, MapType, PlanStatus
from journey_maps.i18n import localize_labels
from journey_maps.i18n.files import load_translations
from journey_maps.layout.compare import Column, layout_compare
from journey_maps.layout.geometry import Circle, Path, TextBlock, walk
from journey_maps.load.folder import load_gallery
from journey_maps.render.svg import to_svg
from journey_maps.site.browse import ACTION_PLAN, OPPORTUNITIES, PAIN_POINTS
from journey_maps.site.browse.compare import (
    FEELS_BETTER,
    HAS_OPPORTUNITIES,
    NO_PROGRESS,
    STAGE_NOT_KEPT,
    STILL_LISTED,
    comparable,
    compare,
    stage_order,
)
from journey_maps.site.browse.facets import (
    FILTER_LIMIT,
    build_facets,
    card_selector,
    facet_anchor,
    listing,
    shown_in_bar,
    tag_slug,
)
from journey_maps.site.browse.paging import LEGACY_PAGE_SIZE, chunk_by_budget, page_count, window
from journey_maps.site.browse.registries import board, entry_counts, lane_entries, lane_registry
from journey_maps.site.browse_pages import facet_stylesheet
from journey_maps.site.catalog import browse_entry
from journey_maps.site.html.browse import BrowseLabels, change_text
from journey_maps.site.pages import Site
from journey_maps.site.plan import plan_site

TYPE_NAMES = {kind: kind.value for kind in MapType}


def journey(map_id: str, **data: Any) -> JourneyMap:
    data.setdefault("type", "current-state")
    data.setdefault("title", map_id.title())
    if data["type"] in ("current-state", "future-state"):
        data.setdefault("stages", [{"name": "Only"}])
    result = JourneyMap.model_validate(data)
    result.id = map_id
    return result


def gallery_of(*maps: JourneyMap) -> Gallery:
    return Gallery(maps={m.id: m for m in maps})


@pytest.fixture(scope="module")
def sample() -> Gallery:
    gallery, problems = load_gallery(ROOT / "maps")
    assert not problems.errors
    return gallery


# --- facets ----------------------------------------------------------------------------------


def test_tags_are_slugged_and_spellings_of_one_slug_are_one_facet() -> None:
    maps = [
        journey("a", tags=["E-Commerce", "B2B"]),
        journey("b", tags=["e commerce"]),
        journey("c", tags=["e commerce", "Ünïcode tag"]),
    ]
    facets = build_facets(gallery_of(*maps), type_names=TYPE_NAMES)
    tags = {f.value: f for f in facets.dimensions["tag"]}
    assert set(tags) == {"b2b", "e-commerce", "unicode-tag"}
    assert tags["e-commerce"].maps == {"a", "b", "c"}
    assert tags["e-commerce"].label == "e commerce"  # the most used spelling names it
    assert facets.values_of["a"]["tag"] == ("b2b", "e-commerce")


def test_a_tag_without_ascii_letters_still_gets_a_stable_url_segment() -> None:
    assert tag_slug("日本") == tag_slug(" 日本 ") != tag_slug("中文")
    assert tag_slug("日本").startswith("tag-")
    assert tag_slug("Клиенти") == "klienti"


def test_facets_per_dimension_in_display_order(sample: Gallery) -> None:
    facets = build_facets(sample, type_names=TYPE_NAMES)
    assert list(facets.dimensions) == ["type", "persona", "tag"]  # one language: no language
    types = [f.value for f in facets.dimensions["type"]]
    assert types == [k.value for k in MapType if any(m.type is k for m in sample.maps.values())]
    personas = facets.dimensions["persona"]
    assert [f.label for f in personas] == sorted(f.label for f in personas)
    for facet in facets.all():
        for map_id in facet.maps:
            assert facet.value in facets.values_of[map_id][facet.dimension]


def test_language_facets_list_the_maps_available_in_each_language() -> None:
    maps = gallery_of(journey("a"), journey("b"))
    facets = build_facets(
        maps,
        type_names=TYPE_NAMES,
        language_names={"en": "English", "et": "Eesti", "lv": "Latviešu"},
        map_languages={"a": ["en", "et"], "b": ["en"]},
    )
    languages = {f.value: f.maps for f in facets.dimensions["language"]}
    assert languages == {"en": {"a", "b"}, "et": {"a"}}  # no map in Latvian: no facet
    assert facets.get("language/et") is not None and facets.get("language/lv") is None


def test_the_filter_bar_shows_the_most_used_values() -> None:
    maps = [journey(f"m{i}", tags=[f"tag{j}" for j in range(i + 1)]) for i in range(20)]
    tags = build_facets(gallery_of(*maps), type_names=TYPE_NAMES).dimensions["tag"]
    assert len(tags) == 20
    shown, capped = shown_in_bar(tags)
    assert capped and len(shown) == FILTER_LIMIT
    assert {f.value for f in shown} == {f"tag{j}" for j in range(FILTER_LIMIT)}
    assert shown_in_bar(tags[:5]) == (list(tags[:5]), False)


def test_a_facet_is_an_anchor_and_a_css_selector_of_its_cards() -> None:
    maps = [
        journey("a", tags=["Retail", "B2B"], persona="colleen"),
        journey("b", type="future-state", tags=["retail"]),
    ]
    facets = build_facets(gallery_of(*maps), type_names=TYPE_NAMES)
    retail = facets.get("tag/retail")
    assert retail is not None and retail.maps == {"a", "b"}
    assert facet_anchor(retail.key) == "tag-retail"
    assert card_selector(retail) == '[data-tags~="retail"]'
    assert card_selector(retail, negate=True) == ':not([data-tags~="retail"])'
    future = facets.get("type/future-state")
    assert future is not None and card_selector(future) == '[data-type="future-state"]'
    assert facet_anchor("type/day-in-the-life") == "type-day-in-the-life"


def test_listing_puts_available_maps_first() -> None:
    maps = gallery_of(*(journey(f"m{i:02}", title=f"Map {i:02}") for i in range(10)))
    order = listing(maps, lambda m: int(m[1:]) % 2 == 0)
    assert order.available == ("m00", "m02", "m04", "m06", "m08")
    assert order.untranslated == ("m01", "m03", "m05", "m07", "m09")
    assert order.only({"m03", "m04"}).ids == ("m04", "m03")


# --- pages -----------------------------------------------------------------------------------


def test_page_counts() -> None:
    size = LEGACY_PAGE_SIZE
    assert page_count(0, size) == page_count(1, size) == page_count(size, size) == 1
    assert page_count(size + 1, size) == 2 and page_count(500, size) == 11


def test_registry_chunks_keep_maps_whole_within_the_budget() -> None:
    weights = [("a", 100), ("b", 100), ("c", 100), ("empty", 0), ("huge", 500), ("d", 10)]
    assert chunk_by_budget(weights, 240) == [["a", "b"], ["c"], ["huge"], ["d"]]
    assert chunk_by_budget([], 240) == []


def test_pager_window_shows_ends_and_neighbours_with_gaps() -> None:
    assert window(1, 1) == [1]
    assert window(1, 5) == [1, 2, 3, 4, 5]
    assert window(10, 20) == [1, None, 8, 9, 10, 11, 12, None, 20]
    assert window(4, 20) == [1, 2, 3, 4, 5, 6, None, 20]  # never a gap of one page


# --- registries ---------------------------------------------------------------------------------


def test_lane_entries_carry_the_anchors_of_the_map_page(sample: Gallery) -> None:
    entries = lane_entries(sample.maps["colleen-vacuum-current"], "pain_points")
    first = entries.groups[0]
    assert first.stage is not None and first.stage.id == "awareness" and first.number == 1
    assert first.anchor == "stage-awareness"
    assert first.entries[0].anchor == f"awareness--pain_points--{first.entries[0].item.id}"
    empathy = lane_entries(sample.maps["colleen-vacuum-empathy"], "opportunities")
    assert [g.lane for g in empathy.groups] == ["gains"]
    assert empathy.groups[0].entries[0].anchor.startswith("gains--")


def test_registries_count_every_entry_of_every_map(sample: Gallery) -> None:
    order = sorted(sample.maps)
    registry = lane_registry(sample, order, "pain_points")
    total = sum(len(c.pain_points) for m in sample.maps.values() for c in m.columns) + sum(
        len(m.empathy.pains) for m in sample.maps.values() if m.empathy
    )
    assert sum(e.count for e in registry) == total
    counts = dict(entry_counts(sample, order, PAIN_POINTS))
    assert sum(counts.values()) == total
    assert dict(entry_counts(sample, order, OPPORTUNITIES))["colleen-vacuum-future"] == 5
    plan = dict(entry_counts(sample, order, ACTION_PLAN))
    assert plan["colleen-vacuum-current"] == len(sample.maps["colleen-vacuum-current"].action_plan)


def test_board_has_every_status_and_sorts_by_priority() -> None:
    plan = [
        {"text": "Low one", "status": "idea", "priority": "low"},
        {"text": "No priority", "status": "idea"},
        {"text": "High one", "status": "idea", "priority": "high"},
        {"text": "Shipped", "status": "done", "stage": "only"},
    ]
    columns = board(gallery_of(journey("a", action_plan=plan)), ["a"])
    assert list(columns) == list(PlanStatus)
    assert [c.action.text for c in columns[PlanStatus.IDEA]] == [
        "High one",
        "Low one",
        "No priority",
    ]
    done = columns[PlanStatus.DONE][0]
    assert done.stage is not None and done.number == 1 and done.anchor == "action-shipped"
    assert columns[PlanStatus.DROPPED] == []


# --- current against future ----------------------------------------------------------------------


def stage(stage_id: str, score: int | None = None, **lanes: list[str]) -> dict[str, Any]:
    data: dict[str, Any] = {"id": stage_id, "name": stage_id.title(), **lanes}
    if score is not None:
        data["emotion"] = score
    return data


def test_stage_order_inserts_new_stages_after_their_predecessor() -> None:
    current = journey("c", stages=[stage("a"), stage("b"), stage("c")])
    future = journey(
        "f", type="future-state", stages=[stage("new"), stage("a"), stage("c"), stage("x")]
    )
    assert stage_order(current, future) == ["new", "a", "b", "c", "x"]


def test_pain_points_are_addressed_by_the_documented_rule() -> None:
    current = journey(
        "c",
        stages=[
            stage("better", -1, pain_points=["Slow"]),
            stage("offered", 0, pain_points=["Confusing"]),
            stage("repeated", -2, pain_points=["Expensive"]),
            stage("same", 1, pain_points=["Boring"]),
            stage("gone", -1, pain_points=["Lost"]),
        ],
    )
    future = journey(
        "f",
        type="future-state",
        improves="c",
        stages=[
            stage("better", 1),
            stage("offered", 0, opportunities=["Explain it"]),
            stage("repeated", 2, pain_points=["Expensive"], opportunities=["Discount"]),
            stage("same", 1),
        ],
    )
    result = compare(current, future)
    outcomes = {o.stage.id: (o.addressed, o.reasons) for o in result.pain_points}
    assert outcomes == {
        "better": (True, (FEELS_BETTER,)),
        "offered": (True, (HAS_OPPORTUNITIES,)),
        "repeated": (False, (STILL_LISTED,)),
        "same": (False, (NO_PROGRESS,)),
        "gone": (False, (STAGE_NOT_KEPT,)),
    }
    changes = {p.stage_id: p.change for p in result.stages}
    assert changes == {"better": 2, "offered": 0, "repeated": 4, "same": 0, "gone": None}
    assert [o.item.text for o in result.new_opportunities] == ["Explain it", "Discount"]


def test_the_sample_future_map_is_comparable_and_addresses_every_pain_point(
    sample: Gallery,
) -> None:
    assert comparable(sample) == {"colleen-vacuum-future": "colleen-vacuum-current"}
    result = compare(sample.maps["colleen-vacuum-current"], sample.maps["colleen-vacuum-future"])
    assert [p.stage_id for p in result.stages] == [
        "awareness",
        "comparison",
        "purchase",
        "use",
        "share",
    ]
    assert result.stages[-1].before is None and result.stages[-1].after_score == 2
    assert len(result.addressed) == 11 and not result.still_open
    assert len(result.new_opportunities) == 5


def test_maps_that_cannot_be_compared_are_left_out() -> None:
    empathy = journey("e", type="empathy", empathy={"says": ["Hi"]})
    orphan = journey("o", type="future-state", improves="missing")
    wrong = journey("w", type="future-state", improves="e")
    assert comparable(gallery_of(empathy, orphan, wrong)) == {}


def test_change_in_words_never_relies_on_the_sign_alone() -> None:
    words = BrowseLabels()
    assert change_text(2, words) == "better by 2"
    assert change_text(-1, words) == "worse by 1"
    assert change_text(0, words) == "no change"
    assert change_text(None, words) == "no score"
    german = localize_labels(words, "de")
    assert change_text(2, german) == "um 2 besser"


def test_comparison_drawing_tells_the_series_apart_by_shape_and_dash() -> None:
    columns = [
        Column("a", "Awareness and discovery", -1, 0),
        Column("b", "Comparison", -2, None),
        Column("c", "Brand new stage with a rather long name that wraps", None, 2),
    ]
    drawing = layout_compare(
        columns, legend=("Current state: A", "Future state: B"), title="T", desc="D"
    )
    shapes = walk(drawing.items)
    circles = [s for s in shapes if isinstance(s, Circle)]
    diamonds = [s for s in shapes if isinstance(s, Path) and s.fill == "curve"]
    assert len(circles) == 2 + 1  # two scored current stages, one in the legend
    assert len(diamonds) == 2 + 1
    dashed = [s for s in shapes if isinstance(s, Path) and s.stroke == "muted" and s.dash]
    assert dashed, "the current state is a dashed line"
    texts = [s for s in shapes if isinstance(s, TextBlock)]
    assert any("▲" in line for t in texts for line in t.lines)
    for text in texts:  # every text box inside the canvas
        left = text.x - text.max_width / 2 if text.align == "middle" else text.x
        assert left >= 0 and left + text.max_width <= drawing.width, text
    svg = to_svg(drawing, standalone=False, theme="light", id_prefix="jm-compare-test")
    assert 'role="img"' in svg and '<title id="jm-compare-test-title">T</title>' in svg
    assert 'stroke-dasharray="7 5"' in svg


# --- catalog -----------------------------------------------------------------------------------


def _sample_site(sample: Gallery, languages: list[str]) -> Site:
    translations, problems = load_translations(ROOT / "maps", sample)
    assert not problems.errors
    return plan_site(
        sample,
        translations,
        languages,
        default_language="en",
        names={},
        gallery_title="Journey maps",
        personas_title="Personas",
    )


def test_catalog_entry_lists_facets_registries_and_comparisons(sample: Gallery) -> None:
    site = _sample_site(sample, ["en", "et"])
    entry = browse_entry(site)
    assert entry["page_size"] == len(sample.maps) and entry["gallery_pages"] == 1
    languages = {f["value"]: f["maps"] for f in entry["facets"] if f["dimension"] == "language"}
    assert languages["et"] == ["kadri-packaging-five-steps"]
    assert len(languages["en"]) == len(sample.maps)
    tag = next(f for f in entry["facets"] if f["dimension"] == "tag")
    slug = tag["value"]
    assert tag["name"] and tag["pages"] == 1
    # Its stable address (a redirect now) and where it is shown: a view of the gallery.
    assert tag["url"] == {"en": f"maps/tag/{slug}/", "et": f"et/maps/tag/{slug}/"}
    assert tag["view"] == {"en": f"maps/#tag-{slug}", "et": f"et/maps/#tag-{slug}"}
    assert set(entry["registries"]) == {PAIN_POINTS, OPPORTUNITIES, ACTION_PLAN}
    assert entry["registries"][PAIN_POINTS]["url"] == {
        "en": "maps/pain-points/",
        "et": "et/maps/pain-points/",
    }
    assert entry["comparisons"] == [
        {
            "map": "colleen-vacuum-future",
            "improves": "colleen-vacuum-current",
            "url": {
                "en": "maps/colleen-vacuum-future/compare/",
                "et": "et/maps/colleen-vacuum-future/compare/",
            },
            "view": {
                "en": "maps/colleen-vacuum-future/#compare",
                "et": "et/maps/colleen-vacuum-future/#compare",
            },
        }
    ]


def test_old_addresses_redirect_to_where_their_content_is(sample: Gallery) -> None:
    site = _sample_site(sample, ["en", "de"])
    stubs = site.redirects()
    assert stubs["maps/tag/retail/index.md"].target == "../../#tag-retail"
    assert stubs["de/maps/type/future-state/index.md"].target == "../../#type-future-state"
    assert stubs["maps/colleen-vacuum-future/compare/index.md"].target == "../#compare"
    assert stubs["maps/tag/index.md"].target == "../#all-tag"  # more than 12 tags
    assert stubs["de/maps/tag/retail/index.md"].language == "de"
    # Never where a page is: a redirect only stands in for a missing page.
    assert not set(stubs) & set(site.pages())
    html = stubs["maps/tag/retail/index.md"].html()
    assert '<meta http-equiv="refresh" content="0; url=../../#tag-retail">' in html
    assert '<link rel="canonical" href="../../#tag-retail">' in html
    assert "<title>Tag: retail</title>" in html


def test_anchors_link_into_pages_only_where_the_section_exists(sample: Gallery) -> None:
    site = _sample_site(sample, ["en"])
    assert (
        site.url("compare", "colleen-vacuum-future", "en") == "maps/colleen-vacuum-future/#compare"
    )
    assert site.url("compare", "colleen-vacuum-current", "en") == ""  # not a future state
    assert site.url("facet", "tag/retail", "en") == "maps/#tag-retail"
    spec = site.pages()["maps/kadri-packaging-five-steps/index.md"]
    assert site.url_for(spec)("facet", "tag/b2b") == "../#tag-b2b"


def test_the_facet_stylesheet_has_a_rule_per_facet(sample: Gallery) -> None:
    site = _sample_site(sample, ["en", "de"])
    css = facet_stylesheet(site)
    facets = build_facets(sample, type_names=TYPE_NAMES).all()  # type, persona, tag
    for facet in facets:
        others = card_selector(facet, negate=True)
        assert f"#{facet_anchor(facet.key)}:target ~ .jm-cards-wrap .jm-card{others}" in css
    for code in ("en", "de"):
        entries = f'.jm-untranslated-maps > li:not([data-languages~="{code}"])'
        assert f"#language-{code}:target ~ {entries}" in css
    assert css.count("{ display: none; }") == len(facets) + 2
