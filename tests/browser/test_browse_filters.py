"""Browsing the sample gallery in headless Chromium: filters (views of the gallery) with and
without JavaScript, under mkdocs-material's instant navigation, earlier versions' addresses,
search that lands on a stage, and the browsing pages on phones and paper."""

from __future__ import annotations

import functools
import json
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest

from .conftest import Probe
from .test_pages import DESKTOP, DIAGRAM_TEXT, PHONE, TEXT_TOLERANCE

if TYPE_CHECKING:
    from playwright.sync_api import Browser

    from conftest import Site

    from .conftest import OpenPage

pytestmark = pytest.mark.browser

VISIBLE_CARDS = """() => [...document.querySelectorAll('.jm-card[data-map-id]')]
  .filter((card) => card.offsetParent !== null).map((card) => card.dataset.mapId)"""
# A filter can be listed twice (in the bar and under "Show all"): each counted once.
CURRENT_FILTER = """() => [...new Set(
  [...document.querySelectorAll('.jm-filters [aria-current="page"]')]
    .map((link) => link.dataset.jmFacet))]"""


class _LocalSitemaps(SimpleHTTPRequestHandler):
    """Serves the site with its sitemaps pointing at this server.

    mkdocs-material's instant navigation only takes over links listed in sitemap.xml, and maps
    the sitemap's site_url onto the page's protocol and host, but not its port: on a test
    server at a random port it would never engage. Rewriting the sitemaps' site_url to this
    server's address gives the same conditions as a site served at its own site_url.
    """

    site_url = ""
    local_url = ""

    def send_head(self) -> Any:
        if not self.path.split("?")[0].endswith("sitemap.xml"):
            return super().send_head()
        path = Path(self.translate_path(self.path.split("?")[0]))
        try:
            body = path.read_text("utf-8").replace(self.site_url, self.local_url).encode("utf-8")
        except OSError:
            self.send_error(404)
            return None
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def instant_url(sample_site: Site, chromium_path: str) -> Iterator[str]:
    """The sample site on a server where mkdocs-material's instant navigation engages."""
    config = (sample_site.root / "mkdocs.yml").read_text("utf-8")
    site_url = next(
        line.split(":", 1)[1].strip()
        for line in config.splitlines()
        if line.startswith("site_url:")
    )
    server = ThreadingHTTPServer(("127.0.0.1", 0), _LocalSitemaps)
    handler = type(
        "Handler",
        (_LocalSitemaps,),
        {"site_url": site_url, "local_url": f"http://127.0.0.1:{server.server_port}/"},
    )
    server.RequestHandlerClass = functools.partial(handler, directory=str(sample_site.site_dir))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def maps_where(site: Site, **wanted: str) -> list[str]:
    catalog: dict[str, Any] = json.loads((site.site_dir / "journey-maps.json").read_text("utf-8"))
    return sorted(m["id"] for m in catalog["maps"] if all(m.get(k) == v for k, v in wanted.items()))


def path_of(probe: Probe) -> str:
    return urlsplit(probe.page.url).path


def needs_script(probe: Probe) -> None:
    """The gallery page holds the complete listing and loads browse.js."""
    state = probe.page.evaluate(
        """() => ({
          listing: !!document.querySelector('.jm-browse[data-jm-complete]'),
          script: !!document.querySelector('script[src*="journey-maps/browse.js"]'),
        })"""
    )
    assert state == {"listing": True, "script": True}


HEADING = """() => [...document.querySelectorAll('.jm-facet-title')]
  .filter((h) => h.offsetParent !== null).map((h) => h.id)"""


# --- without JavaScript: every filter is a view of the gallery, named by the address -------


def test_filters_are_views_of_the_gallery_without_javascript(
    open_page: OpenPage, sample_site: Site
) -> None:
    probe = open_page(java_script_enabled=False, viewport=DESKTOP)
    probe.goto("maps/")
    everything = sorted(probe.page.evaluate(VISIBLE_CARDS))
    assert everything == maps_where(sample_site) and probe.page.evaluate(HEADING) == []
    probe.page.click('.jm-filters a[data-jm-facet="type:future-state"]')
    assert urlsplit(probe.page.url).fragment == "type-future-state"
    assert sorted(probe.page.evaluate(VISIBLE_CARDS)) == maps_where(
        sample_site, type="future-state"
    )
    assert probe.page.evaluate(HEADING) == ["type-future-state"]
    assert probe.page.text_content("#type-future-state").startswith("Map type: Future state")
    assert not probe.page.is_visible(".jm-browse__count")  # the view's heading counts
    # a tag on a card is a filter too
    probe.page.click('.jm-card .jm-tag a[data-jm-facet="tag:retail"] >> visible=true')
    retail = sorted(m for m in maps_where(sample_site) if "retail" in tags_of(sample_site, m))
    assert sorted(probe.page.evaluate(VISIBLE_CARDS)) == retail
    # "Show all" opens every tag without a script
    probe.page.click(".jm-filters__more > summary")
    probe.page.click('#all-tag a[data-jm-facet="tag:cyclic"]')
    cyclic = sorted(m for m in maps_where(sample_site) if "cyclic" in tags_of(sample_site, m))
    assert sorted(probe.page.evaluate(VISIBLE_CARDS)) == cyclic
    # and "All maps" leads back to the whole gallery
    probe.page.click('.jm-filters a[data-jm-facet=""]')
    probe.page.wait_for_load_state()
    assert path_of(probe).endswith("/maps/") and not urlsplit(probe.page.url).fragment
    assert sorted(probe.page.evaluate(VISIBLE_CARDS)) == everything
    assert probe.problems() == []


def tags_of(site: Site, map_id: str) -> list[str]:
    catalog: dict[str, Any] = json.loads((site.site_dir / "journey-maps.json").read_text("utf-8"))
    return next(m["tags"] for m in catalog["maps"] if m["id"] == map_id)


def test_old_facet_addresses_lead_to_their_view_without_javascript(open_page: OpenPage) -> None:
    probe = open_page(java_script_enabled=False, viewport=DESKTOP)
    probe.goto("de/maps/persona/loyal-kadri/")
    probe.page.wait_for_url("**/de/maps/#persona-loyal-kadri")
    assert probe.page.evaluate(VISIBLE_CARDS) == ["kadri-packaging-five-steps"]
    assert probe.page.evaluate(HEADING) == ["persona-loyal-kadri"]
    probe.page.click('.jm-filters a[data-jm-facet="language:et"]')
    assert probe.page.evaluate(VISIBLE_CARDS) == ["kadri-packaging-five-steps"]
    assert probe.page.get_attribute("html", "lang") == "de"
    probe.goto("maps/colleen-vacuum-future/compare/")
    probe.page.wait_for_url("**/maps/colleen-vacuum-future/#compare")
    assert probe.page.locator("#compare").is_visible()
    assert probe.problems() == []


# --- with JavaScript: in place, no reload --------------------------------------------------------


def test_filters_work_in_place_with_javascript(page: Probe, sample_site: Site) -> None:
    page.goto("maps/")
    needs_script(page)
    everything = sorted(page.page.evaluate(VISIBLE_CARDS))
    page.page.evaluate("window.__jmSamePage = true")
    page.page.click('.jm-filters a[data-jm-facet="type:future-state"]')
    assert page.page.evaluate("window.__jmSamePage === true"), "the page was reloaded"
    assert path_of(page).endswith("/maps/")
    assert urlsplit(page.page.url).fragment == "type-future-state"
    assert sorted(page.page.evaluate(VISIBLE_CARDS)) == maps_where(sample_site, type="future-state")
    assert page.page.evaluate(CURRENT_FILTER) == ["type:future-state"]
    assert page.page.evaluate(HEADING) == ["type-future-state"]
    assert page.page.text_content(".jm-browse__count") == "Maps: 1"
    assert page.page.text_content(".md-content h1") == "Map type: Future state"
    assert page.page.title().startswith("Map type: Future state")
    # another dimension replaces the filter; a card's tag filters in place as well
    page.page.click('.jm-filters a[data-jm-facet="persona:juggling-jana"]')
    assert sorted(page.page.evaluate(VISIBLE_CARDS)) == maps_where(
        sample_site, persona="juggling-jana"
    )
    page.page.locator(
        '.jm-card:not([hidden]) .jm-tag a[data-jm-facet="tag:marketing"]'
    ).first.click()
    assert urlsplit(page.page.url).fragment == "tag-marketing"
    assert page.page.evaluate("window.__jmSamePage === true")
    shown = page.page.evaluate(VISIBLE_CARDS)
    page.settle()  # let the search worker finish loading before the page goes away
    page.page.click(f'.jm-card[data-map-id="{shown[0]}"] .jm-card__title a')
    page.page.wait_for_url(f"**/maps/{shown[0]}/")
    assert page.page.locator(f'.jm-map[data-map-id="{shown[0]}"]').count() == 1
    # back: the view the address named, shown again
    page.settle()
    page.page.go_back()
    page.page.wait_for_url("**/maps/#tag-marketing")
    page.page.wait_for_selector(".jm-browse[data-jm-enhanced]")
    assert sorted(page.page.evaluate(VISIBLE_CARDS)) == sorted(shown)
    assert page.page.evaluate(CURRENT_FILTER) == ["tag:marketing"]
    page.settle()
    page.page.click('.jm-filters a[data-jm-facet=""]')
    assert not urlsplit(page.page.url).fragment
    assert sorted(page.page.evaluate(VISIBLE_CARDS)) == everything
    assert page.page.evaluate(HEADING) == []
    page.settle()
    assert page.problems() == []


@pytest.fixture
def instant_page(browser: Browser, instant_url: str) -> Iterator[Probe]:
    """A page on the instant-navigation server, recording problems like ``open_page``'s."""
    context = browser.new_context(viewport=DESKTOP)
    probe = Probe(context.new_page(), instant_url)

    def offline(route: Any) -> None:
        probe.external.append(route.request.url)
        route.fulfill(status=200, body="", content_type="text/css")

    context.route(lambda url: not url.startswith(instant_url), offline)
    probe.attach()
    try:
        yield probe
    finally:
        context.close()


def test_filters_work_after_instant_navigation(instant_page: Probe, sample_site: Site) -> None:
    page = instant_page
    page.goto("")
    features = page.page.evaluate("JSON.parse(document.querySelector('#__config').textContent)")
    assert "navigation.instant" in features["features"], "the sample site uses instant navigation"
    page.page.evaluate("window.__jmSamePage = true")
    gallery_link = page.page.locator('.md-nav--primary a[href$="/maps/"]').first
    gallery_link.click()
    page.page.wait_for_selector(".jm-browse[data-jm-enhanced]")
    assert page.page.evaluate("window.__jmSamePage === true"), "expected an instant navigation"
    needs_script(page)
    page.page.click('.jm-filters a[data-jm-facet="type:empathy"]')
    assert page.page.evaluate("window.__jmSamePage === true")
    assert urlsplit(page.page.url).fragment == "type-empathy"
    assert sorted(page.page.evaluate(VISIBLE_CARDS)) == maps_where(sample_site, type="empathy")
    # a map page's link to a view of the gallery, followed by instant navigation
    page.page.click(".jm-card:not([hidden]) .jm-card__title a")
    page.page.wait_for_selector(".jm-map")
    page.page.go_back()
    page.page.wait_for_selector(".jm-browse[data-jm-enhanced]")
    assert sorted(page.page.evaluate(VISIBLE_CARDS)) == maps_where(sample_site, type="empathy")
    assert page.page.evaluate("window.__jmSamePage === true")
    page.settle()
    assert page.problems() == []


def test_browsing_pages_load_cleanly_with_and_without_javascript(open_page: OpenPage) -> None:
    paths = [  # never the same page twice in a row: that would not load it again
        "maps/#type-day-in-the-life",
        "bg/maps/pain-points/",
        "maps/#all-tag",
        "et/maps/opportunities/",
        "lv/maps/action-plan/",
        "af/maps/colleen-vacuum-future/#compare",
    ]
    for options in ({}, {"java_script_enabled": False}):
        probe = open_page(viewport=DESKTOP, **options)
        for path in paths:
            probe.goto(path)
            probe.settle(quiet_ms=300)  # the favicon is asked for a moment after the load
            assert probe.page.locator(".jm-browse").count() == 1, path
            assert probe.problems() == [], (path, options)


# --- search --------------------------------------------------------------------------------------


def search(probe: Probe, start: str, query: str) -> list[str]:
    """Type ``query`` into the theme's search on ``start``; result links, as site paths."""
    probe.goto(start)
    probe.page.click("input.md-search__input")
    probe.page.keyboard.type(query)
    # Playwright inserts characters a US keyboard lacks (Cyrillic) without key events, and
    # the theme reads the query on keyup: one real key press, as any typing person makes.
    probe.page.keyboard.press("End")
    # the search worker loads lunr's languages and builds the index first: slow on busy machines
    probe.page.wait_for_selector(".md-search-result__list a", timeout=30_000)
    links: list[str] = probe.page.eval_on_selector_all(
        ".md-search-result__list a", "links => links.map((a) => a.href)"
    )
    return [
        urlsplit(link).path.removeprefix(urlsplit(probe.base).path) + "#" + urlsplit(link).fragment
        for link in links
    ]


@pytest.mark.parametrize(
    ("start", "query", "expected"),
    [
        ("bg/maps/", "Изследване", "bg/maps/kadri-packaging-five-steps/#stage-search"),
        ("et/maps/", "Lojaalsus", "et/maps/kadri-packaging-five-steps/#stage-loyalty"),
        (
            "maps/",
            "Pricing hidden behind sales calls",
            "maps/petra-scheduling-software/#stage-vendor-research",
        ),
    ],
)
def test_search_lands_on_the_stage(
    page: Probe, sample_site: Site, start: str, query: str, expected: str
) -> None:
    results = search(page, start, query)
    assert expected in results, results
    # following the result scrolls that stage's row into view
    link = page.page.locator(".md-search-result__list a").nth(results.index(expected))
    if not link.is_visible():
        # material folds further sections of one page under "N more on this page"
        link.locator("xpath=ancestor::details[1]/summary").first.click()
    link.click()
    page.page.wait_for_url(f"**/{expected.split('#')[0]}?h=*#{expected.split('#')[1]}")
    row = page.page.wait_for_function(
        """(id) => {
          const target = document.getElementById(id);
          const row = target && target.closest('tr').nextElementSibling;
          if (!row) return null;
          const box = row.getBoundingClientRect();
          return box.top >= 0 && box.top < innerHeight / 2 && box.height > 0
            ? row.querySelector('.jm-stage__name').textContent : null;
        }""",
        arg=expected.split("#")[1],
    ).json_value()
    assert row
    page.settle()
    assert page.problems() == []


# --- the comparison, the board: screens and paper ------------------------------------------------


def test_comparison_diagram_text_fits_and_the_curves_differ(page: Probe) -> None:
    page.goto("maps/colleen-vacuum-future/#compare")
    page.page.evaluate("document.fonts.ready.then(() => true)")
    result = page.page.evaluate(DIAGRAM_TEXT, TEXT_TOLERANCE)
    assert result["svgs"] == 2 and result["texts"] > 10  # the map's diagram, the comparison
    assert result["problems"] == []
    styles = page.page.evaluate(
        """() => [...document.querySelectorAll('.jm-compare svg .jm-compare-curve')]
          .map((path) => getComputedStyle(path).strokeDasharray)"""
    )
    assert "none" in styles and any(s != "none" for s in styles), styles
    assert page.problems() == []


def test_board_and_comparison_scroll_inside_their_regions_on_phones(open_page: OpenPage) -> None:
    probe = open_page(viewport=PHONE, is_mobile=True, has_touch=True)
    for path in ("maps/action-plan/", "maps/colleen-vacuum-future/", "maps/pain-points/"):
        probe.goto(path, settle=False)
        width = probe.page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"] + 1, (path, width)
    probe.goto("maps/action-plan/", settle=False)
    board = probe.page.evaluate(
        """() => {
          const board = document.querySelector('.jm-board');
          const overflow = getComputedStyle(board).overflowX;
          return {scrolls: board.scrollWidth > board.clientWidth, overflow};
        }"""
    )
    assert board == {"scrolls": True, "overflow": "auto"}


def test_board_prints_as_one_column_after_another(page: Probe) -> None:
    page.goto("maps/action-plan/")
    page.page.emulate_media(media="print")
    layout = page.page.evaluate(
        """() => {
          const columns = [...document.querySelectorAll('.jm-board__column')]
            .map((c) => c.getBoundingClientRect());
          return {
            display: getComputedStyle(document.querySelector('.jm-board')).display,
            stacked: columns.every((c, i) => i === 0 || c.top >= columns[i - 1].bottom - 1),
          };
        }"""
    )
    assert layout["display"] == "block" and layout["stacked"], layout
