"""The diagram view's markup in the built sample site: which pages get the whole window, the
toolbar every diagram carries (hidden until the script shows it, translated in every language),
and the stylesheet and script that drive it. The behaviour is tested in a browser
(tests/browser/test_diagram_view.py)."""

from __future__ import annotations

import re
from html import unescape

import pytest

from conftest import Site
from journey_maps.i18n import localize_labels
from journey_maps.site.html.labels import Labels

LANGUAGES = ["en", "de", "et", "bg", "af", "lv"]
SEVEN = "maps/petra-scheduling-software/"
# A future-state map: its page holds its comparison with the current state (#compare).
FUTURE = "maps/colleen-vacuum-future/"
NAV_HIDDEN = re.compile(r'class="md-sidebar md-sidebar--primary"[^>]* hidden')


def _figure(html: str) -> str:
    start = html.index('<figure class="jm-diagram')
    return html[start : html.index("</figure>", start)]


@pytest.mark.parametrize(
    ("path", "wide"),
    [
        (SEVEN, True),
        (FUTURE, True),
        ("templates/", True),
        ("de/maps/petra-scheduling-software/", True),
        ("maps/", False),
        ("personas/", False),
        ("reference/diagrams/", False),
    ],
)
def test_pages_with_a_diagram_hide_the_navigation(sample_site: Site, path: str, wide: bool) -> None:
    html = sample_site.page(path)
    assert bool(NAV_HIDDEN.search(html)) is wide
    assert "assets/journey-maps/diagram-view.css" in html
    assert "assets/journey-maps/diagram-view.js" in html


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_diagram_has_a_translated_toolbar_hidden_until_enhanced(
    sample_site: Site, lang: str
) -> None:
    words = localize_labels(Labels(), lang)
    prefix = "" if lang == "en" else f"{lang}/"
    figure = _figure(sample_site.page(prefix + SEVEN))
    bar = re.search(r'<div class="jm-diagram__bar" role="group" aria-label="([^"]+)"[^>]*>', figure)
    assert bar and unescape(bar[1]) == words.diagram_view and " hidden>" in bar[0]
    buttons = re.findall(r'<button type="button" class="jm-tool[^"]*" data-jm-view="(\w+)"', figure)
    assert buttons == ["fit", "out", "in", "reset", "full"]
    text = unescape(figure)
    names = [words.fit_width, words.zoom_in, words.zoom_out, words.reset_zoom, words.full_screen]
    for word in names:
        assert word in text, (lang, word)
    if lang != "en":
        assert words.fit_width != Labels().fit_width, f"{lang}: toolbar not translated"
    # The toolbar draws its icons with CSS: the figure's first <svg> is the diagram itself.
    first = figure[figure.index("<svg") :]
    assert first.startswith('<svg xmlns="http://www.w3.org/2000/svg" id="jm-')


def test_comparison_and_embedded_diagrams_have_the_toolbar_too(sample_site: Site) -> None:
    for path, least in ((FUTURE, 2), ("examples/diagrams-in-pages/", 1)):
        html = sample_site.page(path)
        figures = re.findall(r'<figure class="jm-diagram[^"]*".*?</figure>', html, re.DOTALL)
        assert len(figures) >= least, path
        for figure in figures:
            assert 'class="jm-diagram__bar"' in figure and 'data-jm-view="full"' in figure, path
    # The comparison is a section of the future-state map's page, its diagram's ids prefixed.
    section = sample_site.page(FUTURE).split('<section class="jm-browse jm-compare" id="compare"')
    assert len(section) == 2, "the future-state page has one comparison section"
    assert '<figure class="jm-diagram jm-compare__diagram" id="compare-diagram"' in section[1]


def test_phone_cards_know_each_cell_lane(sample_site: Site) -> None:
    html = sample_site.page(SEVEN)
    lanes = set(re.findall(r'<td class="jm-col--\w+" data-lane-name="([^"]+)"', html))
    assert {"Actions", "Emotion", "Pain points", "Opportunities"} <= lanes
