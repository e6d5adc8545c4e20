"""Browsing on real MkDocs + mkdocs-material builds: facets, registries, board, comparison."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, Site, broken_internal_links, make_site
from journey_maps.load.folder import load_gallery
from journey_maps.site.browse.paging import ITEM_BUDGET, LEGACY_ITEM_BUDGET, LEGACY_PAGE_SIZE

LANGUAGES = ["en", "de", "et", "bg", "af", "lv"]
PREFIX = {lang: "" if lang == "en" else f"{lang}/" for lang in LANGUAGES}
CARD = re.compile(r'<li class="jm-card" data-map-id="([a-z0-9-]+)"')
UNTRANSLATED = re.compile(r'<li data-map-id="([a-z0-9-]+)"')


def cards(html: str) -> list[str]:
    return CARD.findall(html)


def entries(html: str) -> list[str]:
    """Map ids a listing page shows: cards, then the not-yet-translated list."""
    return cards(html) + UNTRANSLATED.findall(html)


_RULE = re.compile(
    r"#(?P<anchor>[a-z0-9-]+):target ~ \.jm-cards-wrap \.jm-card"
    r':not\(\[(?P<attribute>data-[a-z]+)(?P<op>~?)="(?P<value>[^"]+)"\]\)'
)
ENTRY = re.compile(r'<li (?:class="jm-card" )?(data-map-id="[^>]*)>')


def view(site: Site, html: str, anchor: str) -> list[str]:
    """The map ids a filter's view shows without JavaScript: the listing's entries that the
    facet's rule in the generated facets.css does not hide."""
    css = (site.site_dir / "assets/journey-maps/facets.css").read_text("utf-8")
    rule = next(m for m in _RULE.finditer(css) if m["anchor"] == anchor)
    shown = []
    for found in ENTRY.finditer(html):
        attributes = dict(re.findall(r'(data-[a-z-]+)="([^"]*)"', found.group(1)))
        value = attributes.get(rule["attribute"], "")
        if (rule["value"] in value.split()) if rule["op"] else value == rule["value"]:
            shown.append(attributes["data-map-id"])
    return shown


def catalog(site: Site) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((site.site_dir / "journey-maps.json").read_text("utf-8"))
    return data


@pytest.fixture(scope="module")
def gallery() -> Any:
    loaded, problems = load_gallery(ROOT / "maps")
    assert not problems.errors
    return loaded


# --- the sample gallery ------------------------------------------------------------------------


def test_facet_views_show_exactly_the_matching_maps_in_every_language(
    sample_site: Site, gallery: Any
) -> None:
    expected = {
        "type/current-state": {
            m for m, j in gallery.maps.items() if j.type.value == "current-state"
        },
        "persona/curious-colleen": {
            m for m, j in gallery.maps.items() if j.persona == "curious-colleen"
        },
        "tag/b2b": {m for m, j in gallery.maps.items() if "b2b" in j.tags},
        "tag/worked-example": {m for m, j in gallery.maps.items() if "worked-example" in j.tags},
    }
    for lang in LANGUAGES:
        html = sample_site.page(f"{PREFIX[lang]}maps/")
        assert f'<html lang="{lang}"' in html
        for key, maps in expected.items():
            anchor = key.replace("/", "-")
            assert sorted(view(sample_site, html, anchor)) == sorted(maps), (lang, key)
            # the filter links to the view, and the view has its heading there
            token = key.replace("/", ":")
            assert f'href="./#{anchor}" data-jm-facet="{token}"' in html
            assert f'class="jm-facet-title" id="{anchor}"' in html
            # the facet's own address of earlier versions still leads there
            stub = sample_site.page(f"{PREFIX[lang]}maps/{key}/")
            assert f'<meta http-equiv="refresh" content="0; url=../../#{anchor}">' in stub


def test_facet_titles_and_filter_labels_are_localized(sample_site: Site) -> None:
    bg = sample_site.page("bg/maps/")
    assert 'id="type-future-state"' in bg and "Вид карта: Бъдещо състояние" in bg
    assert 'aria-label="Филтриране на картите"' in bg
    assert "<title>Вид карта: Бъдещо състояние</title>" in sample_site.page(
        "bg/maps/type/future-state/"
    )
    de = sample_site.page("de/maps/")
    assert "Schlagwort: retail" in de and "Alle Karten" in de


def test_cards_carry_what_the_filters_select_by(sample_site: Site, gallery: Any) -> None:
    html = sample_site.page("maps/")
    card = re.search(r'<li class="jm-card" data-map-id="colleen-vacuum-current"[^>]*>', html)
    assert card is not None
    attributes = dict(re.findall(r'data-([a-z-]+)="([^"]*)"', card.group(0)))
    assert attributes["type"] == "current-state"
    assert attributes["persona"] == "curious-colleen"
    assert attributes["tags"].split() == ["b2c", "e-commerce", "retail", "worked-example"]
    # the tags on a card are filters too, to the tag's view
    assert 'href="./#tag-retail" data-jm-facet="tag:retail"' in html
    # a card's thumbnail repeats what the card says: hidden from assistive technology, and
    # coloured by the site stylesheet rather than a style block of its own
    thumb = html[html.index('<a class="jm-card__thumb"') :]
    thumb = thumb[: thumb.index("</svg>")]
    assert 'aria-hidden="true"' in thumb and "<style>" not in thumb and "<title" not in thumb


def test_the_gallery_holds_every_map_and_every_filter(sample_site: Site, gallery: Any) -> None:
    html = sample_site.page("maps/")
    assert 'class="jm-browse jm-gallery"' in html
    assert sorted(cards(html)) == sorted(gallery.maps)
    assert 'data-jm-complete="true"' in html  # everything on one page: filterable in place
    assert 'href="./#type-future-state" data-jm-facet="type:future-state"' in html
    assert 'href="./" data-jm-facet="" data-jm-title="Journey maps"' in html
    for registry in ("pain-points", "opportunities", "action-plan"):
        assert f'href="{registry}/"' in html
    assert "jm-pager" not in html
    assert "assets/journey-maps/facets.css" in html


def test_language_facets_and_card_languages(sample_site: Site, gallery: Any) -> None:
    data = catalog(sample_site)
    for lang in LANGUAGES:
        available = {m["id"] for m in data["maps"] if m["translated"][lang] > 0}
        for prefix in ("", "et/"):
            html = sample_site.page(f"{prefix}maps/")
            assert sorted(view(sample_site, html, f"language-{lang}")) == sorted(available)
    html = sample_site.page("maps/")
    card = re.search(r'data-map-id="kadri-packaging-five-steps"[^>]*data-languages="([^"]*)"', html)
    assert card is not None and set(card.group(1).split()) == {"en", "de", "et", "bg"}
    assert '<span lang="et">Eesti</span>' in html


def test_show_all_lists_every_tag_when_the_bar_cannot(sample_site: Site, gallery: Any) -> None:
    tags = {tag for j in gallery.maps.values() for tag in j.tags}
    assert len(tags) > 12, "the sample has more tags than the filter bar shows"
    html = sample_site.page("maps/")
    every = html[html.index('id="all-tag"') :]
    every = every[: every.index("</ul>")]
    for tag in tags:
        assert f'href="./#tag-{tag}"' in every, tag
    assert '<details class="jm-filters__more"><summary>Show all (16)</summary>' in html
    stub = sample_site.page("maps/tag/")
    assert '<meta http-equiv="refresh" content="0; url=../#all-tag">' in stub


def test_pain_points_registry_links_every_pain_point_to_its_place(
    sample_site: Site, gallery: Any
) -> None:
    html = sample_site.page("maps/pain-points/")
    links = re.findall(r'<li id="[^"]+"><a href="\.\./([a-z0-9-]+)/#([^"]+)">', html)
    expected = [
        (m.id, f"{column.id}--pain_points--{item.id}")
        for m in gallery.maps.values()
        for column in m.columns
        for item in column.pain_points
    ] + [
        (m.id, f"pains--{item.id}")
        for m in gallery.maps.values()
        if m.empathy
        for item in m.empathy.pains
    ]
    assert sorted(links) == sorted(expected)
    for map_id, anchor in links[:10]:
        assert f'id="{anchor}"' in sample_site.page(f"maps/{map_id}/")
    # grouped by map (title order) and stage, each stage linking to its permalink
    assert 'href="../colleen-vacuum-current/#stage-comparison">2. Interest' in html
    opportunities = sample_site.page("bg/maps/opportunities/")
    assert "Регистър на възможностите" in opportunities
    assert "#comparison--opportunities--" in opportunities


def test_action_plan_board_has_a_column_per_status(sample_site: Site, gallery: Any) -> None:
    html = sample_site.page("maps/action-plan/")
    statuses = Counter(a.status.value for m in gallery.maps.values() for a in m.action_plan)
    columns = re.findall(r'<section class="jm-board__column jm-board__column--([a-z-]+)"', html)
    assert columns == ["idea", "planned", "in-progress", "done", "dropped"]
    for status in columns:
        assert html.count(f'data-status="{status}"') == statuses[status] + 1  # cards + column
    assert 'href="../colleen-vacuum-current/#action-chatbot">Implement a chatbot so Colleen' in html
    assert 'href="../colleen-vacuum-current/#stage-comparison">2. Interest' in html
    assert "<dt>Owner</dt><dd>Customer service</dd>" in html
    lv = sample_site.page("lv/maps/action-plan/")
    assert "Rīcības plāna tāfele" in lv and "Atbildīgais" in lv


def test_comparison_shows_both_curves_changes_and_pain_points(sample_site: Site) -> None:
    page = sample_site.page("maps/colleen-vacuum-future/")
    html = page[page.index('<section class="jm-browse jm-compare" id="compare"') :]
    start = html.index("<svg", html.index('class="jm-diagram'))
    svg = html[start : html.index("</svg>", start) + 6]
    assert 'role="img"' in svg and "<desc" in svg
    assert "dashed line with hollow circles" in svg
    assert svg.count("<circle") == 4 + 1 and 'stroke-dasharray="7 5"' in svg
    rows = re.findall(
        r'<tr id="compare-stage-([a-z-]+)" data-stage="[^"]+"(?: data-change="(-?\d)")?', html
    )
    assert rows == [
        ("awareness", "1"),
        ("comparison", "3"),
        ("purchase", "0"),
        ("use", "1"),
        ("share", ""),
    ]
    assert "+3, better by 3" in html and "new in the future map" in html
    assert re.search(
        r'id="compare-addressed">Pain points addressed <span class="jm-count">11<', html
    )
    assert 'href="../colleen-vacuum-current/#comparison--pain_points--' in html
    assert 'href="./#share--opportunities--thank-sharers-with-a-free-filter' in html
    et = sample_site.page("et/maps/colleen-vacuum-future/")
    assert "Praegune ja tulevane olukord" in et and "Käsitletud valupunktid" in et
    # the comparison's own address of earlier versions leads to the section
    stub = sample_site.page("maps/colleen-vacuum-future/compare/")
    assert '<meta http-equiv="refresh" content="0; url=../#compare">' in stub
    # its ids never clash with the map's own (the diagram, the stage anchors)
    ids = re.findall(r' id="([^"]+)"', page)
    assert len(ids) == len(set(ids))


def test_both_map_pages_link_to_the_comparison(sample_site: Site) -> None:
    current = sample_site.page("maps/colleen-vacuum-current/")
    assert 'class="jm-compare-link" href="../colleen-vacuum-future/#compare"' in current
    future = sample_site.page("maps/colleen-vacuum-future/")
    assert 'class="jm-compare-link" href="./#compare"' in future
    assert "jm-compare-link" not in sample_site.page("maps/kadri-packaging-five-steps/")


def test_every_stage_is_a_search_section_with_its_permalink(sample_site: Site) -> None:
    # each language tree has its own index, located from the tree's root (test_site_search.py)
    sections = {}
    for prefix in PREFIX.values():
        path = sample_site.site_dir / prefix / "search/search_index.json"
        index = json.loads(path.read_text("utf-8"))
        sections.update({prefix + doc["location"]: doc for doc in index["docs"]})
    assert sections["bg/maps/kadri-packaging-five-steps/#stage-search"]["title"] == "Изследване"
    assert sections["et/maps/kadri-packaging-five-steps/#stage-loyalty"]["title"] == "Lojaalsus"
    comparison = sections["maps/colleen-vacuum-current/#stage-comparison"]
    assert "Durability and warranty buried below technical specs" in comparison["text"]
    # listings and registries do not repeat the maps' texts in search results
    for location, doc in sections.items():
        if "/pain-points/" in location or "/tag/" in location:
            assert "Durability and warranty" not in doc["text"], location
        # Diagrams are kept out of the index (mkdocs/stash.py): their texts repeat the
        # table's, and legend words would make every map match "positive" or "online".
        assert "PositiveNeutralNegative" not in doc["text"], location
    # Filters are views of the gallery, whose cards are kept out of the index; redirects of
    # earlier versions' addresses are not pages at all.
    pages = {location.split("#")[0] for location in sections}
    assert {"maps/", "bg/maps/", "maps/pain-points/"} <= pages
    facet = re.compile(r"maps/(type|persona|tag|language|page)/|/page/\d|/compare/")
    assert [page for page in pages if facet.search(page)] == []
    assert all("Durability" not in doc["text"] for loc, doc in sections.items() if loc == "maps/")
    # every tree indexes its map and persona pages, translated or not (untranslated ones are
    # marked in the results: test_site_search.py)
    assert {"de/maps/colleen-vacuum-current/", "bg/maps/petra-scheduling-software/"} <= pages
    assert {"de/personas/juggling-jana/", "bg/personas/curious-colleen/"} <= pages
    # ...but the published pages still carry them, in place.
    page = sample_site.page("maps/colleen-vacuum-current/")
    assert page.count('class="jm-svg jm-current-state"') == 1
    assert "<!--JOURNEYMAPSSVG" not in page
    gallery = sample_site.page("maps/")
    assert gallery.count('class="jm-svg jm-thumbnail"') == len(cards(gallery)) > 0
    assert "<!--JOURNEYMAPSSVG" not in gallery


def test_catalog_lists_facets_registries_and_comparisons(sample_site: Site) -> None:
    data = catalog(sample_site)
    browse = data["browse"]
    assert browse["page_size"] == len(data["maps"]) and browse["gallery_pages"] == 1
    for facet in browse["facets"]:
        for lang, url in facet["url"].items():
            assert (sample_site.site_dir / url / "index.html").is_file(), (lang, url)
            page, _, anchor = facet["view"][lang].partition("#")
            assert f'id="{anchor}"' in sample_site.page(page), (lang, anchor)
    registries = browse["registries"]
    assert registries["pain-points"]["url"]["bg"] == "bg/maps/pain-points/"
    comparison = browse["comparisons"][0]
    assert comparison["url"]["en"] == "maps/colleen-vacuum-future/compare/"
    assert comparison["view"]["en"] == "maps/colleen-vacuum-future/#compare"


def test_registries_are_in_the_navigation(sample_site: Site) -> None:
    html = sample_site.page("personas/")
    nav = html[html.index('class="md-nav md-nav--primary"') :]
    for title in ("Pain points registry", "Opportunities registry", "Action plan board"):
        assert title in nav


# --- big, empty, odd galleries -------------------------------------------------------------------


STATUSES = ("idea", "planned", "done")


def many_maps(count: int, *, pain_points: int = 2) -> dict[str, str]:
    """``count`` small maps over four personas and a handful of tags, stages scored."""
    maps = {}
    for i in range(count):
        kind = ("current-state", "empathy", "current-state", "day-in-the-life")[i % 4]
        tags = [f"topic-{i % 5}", "shared"] + (["rare"] if i == 7 else [])
        if kind == "empathy":
            body = "empathy:\n  says: [Hello]\n  pains: [Too slow]\n"
        elif kind == "day-in-the-life":
            body = "slots:\n  - {time: '07:30', pain_points: [Early]}\n"
        else:
            items = ", ".join(f"Pain {i}-{n}" for n in range(pain_points))
            body = (
                "stages:\n"
                f"  - {{name: Search, id: search, emotion: -1, pain_points: [{items}]}}\n"
                "  - {name: Buy, id: buy, emotion: 1, opportunities: [Faster checkout]}\n"
                "action_plan:\n"
                f"  - {{text: Fix it {i}, status: {STATUSES[i % 3]}, stage: buy}}\n"
            )
        maps[f"map-{i:03d}.yaml"] = (
            f"type: {kind}\ntitle: Map number {i:03d}\npersona: p{i % 4}\n"
            f"tags: [{', '.join(tags)}]\n{body}"
        )
    return maps


PERSONAS = {f"p{n}.yaml": f"name: Person {n}\n" for n in range(4)}


@pytest.fixture(scope="module")
def big_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    site = make_site(tmp_path_factory.mktemp("big"), many_maps(110, pain_points=5), PERSONAS)
    result = site.build()
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.mark.slow
def test_a_big_gallery_is_one_listing_whose_old_pages_redirect(big_site: Site) -> None:
    site_dir = big_site.site_dir
    listings = [
        p for p in site_dir.rglob("index.html") if 'class="jm-browse jm-gallery"' in p.read_text()
    ]
    assert listings == [site_dir / "maps/index.html"]
    html = big_site.page("maps/")
    assert sorted(entries(html)) == [f"map-{i:03d}" for i in range(110)]
    assert 'data-jm-complete="true"' in html and "jm-pager" not in html
    assert sorted(view(big_site, html, "type-current-state")) == [
        f"map-{i:03d}" for i in range(110) if i % 4 in (0, 2)
    ]
    # Earlier versions paged the gallery and each facet by 48 cards: those addresses lead
    # to the listing and to the facet's view.
    assert [p.name for p in sorted((site_dir / "maps/page").iterdir())] == ["2", "3"]
    assert -(-110 // LEGACY_PAGE_SIZE) == 3
    assert '<meta http-equiv="refresh" content="0; url=../../">' in big_site.page("maps/page/3/")
    old = big_site.page("maps/tag/shared/page/2/")
    assert '<meta http-equiv="refresh" content="0; url=../../../../#tag-shared">' in old
    assert broken_internal_links(site_dir) == []


@pytest.mark.slow
def test_registries_are_cut_into_pages_of_whole_maps(big_site: Site) -> None:
    first = big_site.page("maps/pain-points/")
    further = [
        big_site.page(f"maps/pain-points/page/{n}/")
        for n in range(2, 10)
        if (big_site.site_dir / f"maps/pain-points/page/{n}/index.html").is_file()
    ]
    pages = [first] + [html for html in further if "jm-registry" in html]
    total = 0
    maps_seen: list[str] = []
    for html in pages:
        items = len(re.findall(r'<li id="map-\d{3}--', html))
        sections = re.findall(r'<section class="jm-registry__map" id="map-(map-\d{3})"', html)
        assert items <= ITEM_BUDGET
        total += items
        maps_seen += sections
    assert len(pages) == 1  # 330 entries: one page within today's budget
    assert len(maps_seen) == len(set(maps_seen)), "a map is split over two pages"
    # 55 journeys with 5 pain points, 27 empathy maps with one pain, 28 days with one
    assert total == 55 * 5 + 27 + 28
    board = big_site.page("maps/action-plan/")
    assert board.count('class="jm-board__card"') == 55
    # the pages of earlier versions (240 entries each) lead to the registry
    assert total > LEGACY_ITEM_BUDGET
    old = big_site.page("maps/pain-points/page/2/")
    assert '<meta http-equiv="refresh" content="0; url=../../">' in old


def test_empty_gallery_pages_say_how_to_add_a_map(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    result = site.build()
    assert result.returncode == 0, result.stderr
    for page in ("maps/pain-points/", "maps/opportunities/", "maps/action-plan/"):
        html = site.page(page)
        assert "No maps yet." in html and "journey-maps new" in html, page
    assert not (site.site_dir / "maps/type").exists()
    assert not (site.site_dir / "maps/page").exists()
    assert "No maps yet." in site.page("maps/")
    assert broken_internal_links(site.site_dir) == []


def test_single_language_site_has_no_language_facets(tmp_path: Path) -> None:
    site = make_site(tmp_path, many_maps(3), PERSONAS)
    assert site.build().returncode == 0
    assert not (site.site_dir / "maps/language").exists()
    html = site.page("maps/")
    assert "jm-card__languages" not in html and 'data-languages=""' in html
    assert 'id="language-' not in html


def test_a_map_keeps_its_page_when_its_id_is_a_registry_name(tmp_path: Path) -> None:
    maps = many_maps(2)
    maps["action-plan.yaml"] = (
        "type: current-state\ntitle: Our action plan\nstages: [{name: One}]\n"
    )
    site = make_site(tmp_path, maps, PERSONAS)
    result = site.build()
    assert result.returncode == 0, result.stderr
    assert "maps/action-plan/ is that map's page" in result.stderr
    assert 'data-map-id="action-plan"' in site.page("maps/action-plan/")
    assert (site.site_dir / "maps/pain-points/index.html").is_file()
    listing = site.page("maps/")
    together = listing[listing.index('class="jm-together"') :]
    together = together[: together.index("</nav>")]
    assert "pain-points/" in together and "action-plan/" not in together
    assert broken_internal_links(site.site_dir) == []


HOSTILE_MAP = """\
type: current-state
title: "<script>alert('title')</script>"
persona: evil
tags: ["<img src=x onerror=alert(1)>", "\\"quoted\\" tag", "日本"]
stages:
  - name: "<b>Stage</b>"
    pain_points: ["<script>alert('pain')</script>"]
action_plan:
  - {text: "<i>act</i>", owner: "<u>owner</u>", status: idea}
"""
HOSTILE_PERSONA = 'name: "Eve <script>alert(\'p\')</script> \\"Q\\""\n'


def test_hostile_text_is_escaped_on_browsing_pages(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"hostile.yaml": HOSTILE_MAP}, {"evil.yaml": HOSTILE_PERSONA})
    result = site.build()
    assert result.returncode == 0, result.stderr
    maps_dir = site.site_dir / "maps"
    pages = [
        p for p in maps_dir.rglob("index.html") if p.relative_to(maps_dir).parts[0] != "hostile"
    ]
    assert len(pages) >= 8
    for page in pages:
        html = page.read_text("utf-8")
        # a browsing page's body, or a whole redirect file of an earlier version's address
        body = html[html.index('<div class="jm-browse') :] if "jm-browse" in html else html
        assert "<script>alert" not in body and "<img src=x" not in body, page
        assert "<b>Stage" not in body and "<i>act" not in body and "<u>owner" not in body, page
    listing = site.page("maps/")
    assert 'data-jm-title="Tag: &lt;img src=x onerror=alert(1)&gt;"' in listing
    assert 'data-jm-title="Persona: Eve &lt;script&gt;' in listing
    stub = site.page("maps/tag/img-src-x-onerror-alert-1/")
    assert "<title>Tag: &lt;img src=x onerror=alert(1)&gt;</title>" in stub
    assert len(list((site.site_dir / "maps/tag").glob("tag-*/index.html"))) == 1  # 日本
    css = (site.site_dir / "assets/journey-maps/facets.css").read_text("utf-8")
    assert "<" not in css and "alert(1)" not in css


def test_links_resolve_without_directory_urls(tmp_path: Path) -> None:
    site = make_site(
        tmp_path,
        many_maps(6),
        PERSONAS,
        extra="use_directory_urls: false\n",
    )
    assert site.build().returncode == 0
    html = site.page("maps/index.html")
    assert 'href="map-000/index.html"' in html
    stub = site.page("maps/type/current-state/index.html")
    assert (
        '<meta http-equiv="refresh" content="0; url=../../index.html#type-current-state">' in stub
    )
    assert broken_internal_links(site.site_dir) == []


def test_yaml_helpers_are_valid(tmp_path: Path) -> None:
    """The generated fixtures load without problems (a typo would test nothing)."""
    site = make_site(tmp_path, many_maps(8), PERSONAS)
    loaded, problems = load_gallery(site.maps)
    assert not problems.sorted(), "\n".join(p.format() for p in problems.sorted())
    assert len(loaded.maps) == 8
