"""The download fragments: a map page's buttons and the templates page."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from journey_maps.core.model import MapType
from journey_maps.export.blank import TemplateLabels
from journey_maps.export.jobs import catalog_templates, plan_template_exports
from journey_maps.i18n import localize_labels
from journey_maps.layout import Labels
from journey_maps.site.html.downloads import (
    Download,
    DownloadLabels,
    file_size,
    map_download_links,
    map_downloads,
    templates_page,
)


class Links(HTMLParser):
    """Every <a> with its attributes and text, and every <img>."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[dict[str, str | None]] = []
        self.images: list[dict[str, str | None]] = []
        self._text: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.links.append(dict(attrs))
            self._text = []
        elif tag == "img":
            self.images.append(dict(attrs))

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._text is not None:
            self.links[-1]["text"] = "".join(self._text).strip()
            self._text = None


def parse(html: str) -> Links:
    parser = Links()
    parser.feed(html)
    return parser


@pytest.fixture(scope="module")
def entries() -> list[dict[str, object]]:
    def labels_for(lang: str) -> tuple[Labels, TemplateLabels]:
        return Labels(), TemplateLabels(language=lang)

    return catalog_templates(plan_template_exports(langs=["en", "bg"], labels_for=labels_for))


def test_map_downloads_are_buttons_with_download_links() -> None:
    links = map_download_links(
        {
            "png": "downloads/maps/m/m.en.png",
            "svg": "downloads/maps/m/m.en.svg",
            "json": "downloads/maps/m/m.en.json",
        },
        lambda path: "../../" + path,
        {"downloads/maps/m/m.en.png": 245_123},
    )
    html = map_downloads(links, DownloadLabels())
    found = parse(html).links
    assert [a["href"] for a in found] == [
        "../../downloads/maps/m/m.en.svg",
        "../../downloads/maps/m/m.en.png",
        "../../downloads/maps/m/m.en.json",
    ]
    assert all("download" in a and "md-button" in (a["class"] or "") for a in found)
    assert found[1]["text"] == "Download PNG 245 kB"
    assert found[1]["type"] == "image/png"
    assert 'class="jm-downloads"' in html and 'aria-label="Downloads"' in html


def test_map_downloads_escape_urls_and_are_empty_without_files() -> None:
    html = map_downloads([Download("pdf", 'x.pdf" onclick="alert(1)')], DownloadLabels())
    assert "onclick=" not in parse(html).links[0] and "&#34;" in html
    assert map_downloads([], DownloadLabels()) == ""


def test_map_downloads_in_bulgarian() -> None:
    labels = localize_labels(DownloadLabels(), "bg")
    html = map_downloads([Download("csv", "m.csv", 1200)], labels)
    assert "Изтегляне на CSV" in html


def test_file_sizes() -> None:
    assert [file_size(n) for n in (None, 512, 12_345, 2_500_000)] == [
        "",
        "512 B",
        "12 kB",
        "2.5 MB",
    ]


def test_templates_page_has_a_section_per_type(entries: list[dict[str, object]]) -> None:
    html = templates_page(entries, lambda p: "../" + p, DownloadLabels())
    for kind in MapType:
        assert f'id="template-{kind.value}"' in html
    assert "<h2" in html and "Current state" in html and "Empathy map" in html
    # What each type is for, from the seed articles.
    assert "exposes the pain points" in html
    assert "where you want to go" in html
    assert "with or without your company" in html
    assert "says, thinks, does and" in html and "after user research" in html


def test_templates_page_links_every_file_with_a_preview(entries: list[dict[str, object]]) -> None:
    parsed = parse(templates_page(entries, lambda p: "../" + p, DownloadLabels()))
    hrefs = [a["href"] for a in parsed.links]
    assert len(hrefs) == len(entries) == 4 * 2 * 5
    assert {f"../{e['url']}" for e in entries} == set(hrefs)
    assert all("download" in a for a in parsed.links)
    label = next(
        a["aria-label"] for a in parsed.links if a["href"] and a["href"].endswith("bg-letter.pdf")
    )
    assert label == "PDF US Letter · bg · Current state"
    assert [i["src"] for i in parsed.images] == [
        f"../downloads/templates/{kind.value}/en/{kind.value}-en.svg" for kind in MapType
    ]
    assert all(i["alt"] for i in parsed.images)


def test_templates_page_table_columns(entries: list[dict[str, object]]) -> None:
    html = templates_page(
        entries, lambda p: p, DownloadLabels(), language_names={"bg": "Български"}
    )
    section = html.split('id="template-empathy"')[1]
    headers = section.split("<thead>")[1].split("</thead>")[0]
    for header in ("Language", "Fillable PDF · A4", "Fillable PDF · US Letter", "PNG", "SVG"):
        assert header in headers
    assert '<th scope="row">Български</th>' in section
    assert '<th scope="row">en</th>' in section


def test_templates_page_previews_can_be_chosen(entries: list[dict[str, object]]) -> None:
    html = templates_page(
        entries,
        lambda p: "/" + p,
        DownloadLabels(language="bg"),
        {"empathy": "img/empathy.png"},
    )
    sources = [i["src"] for i in parse(html).images]
    assert "/img/empathy.png" in sources
    assert "/downloads/templates/current-state/bg/current-state-bg.svg" in sources


def test_templates_page_escapes_and_has_no_blank_lines(entries: list[dict[str, object]]) -> None:
    hostile = [dict(e, language='<script>"x"') for e in entries[:5]]
    html = templates_page(hostile, lambda p: p, DownloadLabels())
    assert "<script>" not in html
    assert all(line.strip() for line in html.splitlines())
