"""Search per language in a real browser: each tree searches its own index, in its language.

The sample site is built for https://journey-maps.example.org/ and served from 127.0.0.1, so
Material's instant navigation (which trusts only addresses of its sitemap) stays off there.
Instant navigation is tested on a small site built for the address it is served from.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest

from conftest import Site, make_site
from journey_maps.i18n.keys import source_hash

from .conftest import serving

if TYPE_CHECKING:
    from .conftest import OpenPage, Probe

pytestmark = pytest.mark.browser

PREFIXES = {"en": "", "de": "de/", "et": "et/", "bg": "bg/", "af": "af/", "lv": "lv/"}
#: A word of each tree's own text, and the start of a map title it finds there.
OWN_WORDS = {
    "en": ("vacuum", "Colleen buys a vacuum cleaner"),
    "de": ("Staubsauger", "Colleen kauft einen Staubsauger"),
    "et": ("saatekast", "Kadri leiab pakendite tarnija"),
    "bg": ("кашони", "Кадри намира доставчик на опаковки"),
    "af": ("stofsuier", "Colleen koop 'n stofsuier"),
    "lv": ("putekļsūcēj", "Kolīna pērk putekļsūcēju"),
}
#: lunr's language files the search worker may load: German only (lunr has no et, bg, af, lv).
LUNR = {"de": ["lunr.stemmer.support.min.js", "lunr.de.min.js"]}


@dataclass(frozen=True)
class Result:
    """One page in the search results: its link, its title and the title's markup."""

    href: str
    title: str
    html: str


SEARCH_DONE = """(placeholder) => {
  const meta = document.querySelector('.md-search-result__meta');
  return meta !== null && meta.textContent.trim() !== placeholder;
}"""

SEARCH_CLEARED = """(placeholder) => {
  const meta = document.querySelector('.md-search-result__meta');
  return meta === null || meta.textContent.trim() === placeholder;
}"""

# each found page is a list item whose first link is the page itself (then its sections)
FOUND = """() => Array.from(
  document.querySelectorAll('.md-search-result__item > a.md-search-result__link:first-child'),
  (link) => {
    const title = link.querySelector('h1');
    return [link.getAttribute('href'), title.innerText, title.innerHTML];
  })"""


def search(probe: Probe, query: str) -> list[Result]:
    """Type ``query`` into the search box and read the pages found, once the worker answered.

    The box is emptied first and the theme's "type to start searching" line awaited, so the
    answer to an earlier query is never taken for this one; the query is put in whole and
    sent with one key press, and the results are read in one step (the list is re-rendered
    while the answer arrives).
    """
    page = probe.page
    placeholder = page.evaluate(
        "() => JSON.parse(document.getElementById('__config').textContent)"
        ".translations['search.result.placeholder']"
    )
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.press("End")
    page.wait_for_function(SEARCH_CLEARED, arg=placeholder)
    box.fill(query)
    box.press("End")
    page.wait_for_function(SEARCH_DONE, arg=placeholder)
    return [Result(href, text, html) for href, text, html in page.evaluate(FOUND)]


def lunr_requests(probe: Probe) -> list[str]:
    """Start recording which lunr language files the page's search worker loads."""
    loaded: list[str] = []
    probe.page.on(
        "request",
        lambda request: (
            loaded.append(request.url.rsplit("/", 1)[-1]) if "/lunr/" in request.url else None
        ),
    )
    return loaded


@pytest.mark.parametrize("language", list(PREFIXES))
def test_each_language_searches_its_own_tree_in_its_language(page: Probe, language: str) -> None:
    prefix = PREFIXES[language]
    loaded = lunr_requests(page)
    page.goto(f"{prefix}maps/")
    # Colleen is in every tree (translated or not): only this tree's pages are found
    found = search(page, "Colleen")
    assert found
    others = [p for p in PREFIXES.values() if p and p != prefix]
    for result in found:
        assert result.href.startswith(page.url(prefix)), result.href
        assert not result.href.startswith(tuple(page.url(p) for p in others)), result.href
    # a word of the tree's own language finds its text
    word, title = OWN_WORDS[language]
    found = search(page, word)
    assert any(title in result.title for result in found), (word, found)
    page.settle()
    assert loaded == LUNR.get(language, [])
    assert page.problems() == []


def test_a_map_not_translated_is_found_and_marked_as_such(page: Probe) -> None:
    page.goto("de/maps/")
    found = {result.href.split("?")[0]: result.html for result in search(page, "Jana")}
    untranslated = found[page.url("de/maps/jana-day-in-the-life/")]
    assert untranslated.startswith(
        '<span class="jm-untranslated" lang="en" title="Noch nicht in diese Sprache übersetzt">'
    )
    assert "weekday in" in untranslated
    # the page's stylesheet badges the title with the language it is written in
    badge = page.page.evaluate(
        """() => getComputedStyle(document.querySelector(
             '.md-search-result h1 .jm-untranslated'), '::after').content"""
    )
    assert badge == "attr(lang)" or badge == '"en"'
    translated = search(page, "Staubsauger")[0]
    assert translated.title.startswith("Colleen kauft")
    assert page.problems() == []


# --- a site served where it is built for: instant navigation, stemming -------------------------

KETTLE = """\
type: current-state
title: Buying a kettle
persona: kim
stages:
  - name: Purchases
    actions: [Compares prices]
"""
KIM = "name: Kim\ndescription: Buys kitchen things.\n"
GERMAN = {
    "title": ("Buying a kettle", "Einen Wasserkocher kaufen"),
    "stages.purchases.name": ("Purchases", "Einkäufe"),
    "stages.purchases.actions.compares-prices": ("Compares prices", "Vergleicht Preise"),
}


@pytest.fixture(scope="module")
def own_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A three-language site with stemming switched on, served at the address it names."""
    root = tmp_path_factory.mktemp("served")
    (root / "site").mkdir()
    with serving(root / "site") as url:
        site = make_site(
            root,
            {"kettle.yaml": KETTLE},
            {"kim.yaml": KIM},
            plugin_options="languages: [en, de, et]\ndownloads: false\n",
        )
        _configure(site, url)
        site.write(
            "maps/translations/de/kettle.yaml",
            "language: de\nmap: kettle\ntexts:\n"
            + "".join(
                f"  {key}: {{text: {text}, source: {source_hash(original)}}}\n"
                for key, (original, text) in GERMAN.items()
            ),
        )
        result = site.build()
        assert result.returncode == 0, result.stdout + result.stderr
        yield url


def _configure(site: Site, url: str) -> None:
    config = (site.root / "mkdocs.yml").read_text("utf-8")
    for old, new in [
        ("https://example.org/gallery/", url),
        ("  name: material\n", "  name: material\n  features: [navigation.instant]\n"),
        ("  - search\n", "  - search:\n      pipeline: [stemmer, stopWordFilter, trimmer]\n"),
    ]:
        assert old in config
        config = config.replace(old, new)
    (site.root / "mkdocs.yml").write_text(config, "utf-8")


def _follow(probe: Probe, selector: str) -> bool:
    """Click the first link matching ``selector``; whether the page survived (instant)."""
    page = probe.page
    page.evaluate("() => { window.journeyMapsMarker = true }")
    target = page.locator(selector).first
    href = page.evaluate("(a) => a.href", target.element_handle())
    target.click()
    page.wait_for_url(href)
    page.wait_for_load_state("load")
    probe.settle()
    return bool(page.evaluate("() => window.journeyMapsMarker === true"))


def test_instant_navigation_stays_within_a_language_tree(
    open_page: OpenPage, own_site: str
) -> None:
    probe = open_page(base=own_site, viewport={"width": 1280, "height": 900})
    probe.goto("de/languages/")
    # within the German tree: loaded in place (the page's script state survives)...
    assert _follow(probe, '.md-content a[href$="/de/maps/"], .md-content a[href="../maps/"]')
    assert probe.page.url == probe.url("de/maps/")
    assert _follow(probe, ".md-content a.jm-card-link, .md-content .jm-card a")
    assert probe.page.url == probe.url("de/maps/kettle/")
    # ...and still searching the German index (stemmed: "Wasserkocher" is "wasserkoch")
    found = search(probe, "Wasserkoch")
    assert found[0].title == "Einen Wasserkocher kaufen"
    probe.page.keyboard.press("Escape")
    # into another tree: a full page load, which brings that tree's index and words
    probe.goto("de/languages/")
    assert not _follow(probe, '.md-content a[href$="et/maps/"]')
    assert probe.page.locator("html").get_attribute("lang") == "et"
    assert all(r.href.startswith(probe.url("et/")) for r in search(probe, "kettle"))
    assert probe.problems() == []


def test_the_german_tree_stems_german_words_when_the_site_stems(
    open_page: OpenPage, own_site: str
) -> None:
    probe = open_page(base=own_site, viewport={"width": 1280, "height": 900})
    probe.goto("de/maps/kettle/")
    # the page says "Einkäufe" only; German stemming indexes it as "einkauf"
    found = search(probe, "Einkauf")
    assert [r.href.split("?")[0] for r in found] == [probe.url("de/maps/kettle/")]
    # Estonian has no lunr stemmer: its tree searches unstemmed, without errors
    probe.goto("et/maps/kettle/")
    assert [r.href.split("?")[0] for r in search(probe, "Purchas")] == [
        probe.url("et/maps/kettle/")
    ]
    assert probe.problems() == []
