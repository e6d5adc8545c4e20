"""One strict MkDocs build of a gallery whose every text is hostile: it builds, and nothing in
it can run.

The corpus (``hostile_corpus.safe_gallery``, ~45 maps and 17 personas) puts every payload
into every text field and URL of the JSON Schema; translations into Arabic (a right-to-left
tree) are just as hostile; 1- and 30-stage maps, the Norway problem and odd file names come
along. A clean build with the same configuration tells which scripts the theme itself puts on
pages. Pages, inline SVGs, the SVG/CSV/JSON downloads, the search index, the catalog and the
sitemap are all checked.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import hostile_corpus as corpus
import pytest
import yaml
from hostile_checks import (
    PageReport,
    is_diagram,
    mkdocs_build,
    scan_page,
    snapshot,
    svg_problems,
)

from conftest import BUILD_ENV, make_site
from journey_maps.core.model import JourneyMap
from journey_maps.formats.csv.write import map_to_csv
from journey_maps.formats.json import map_to_json
from journey_maps.load.folder import load_gallery
from journey_maps.render.svg import render_map_svg, render_thumbnail_svg

# PNG and PDF downloads of ~90 map pages would take minutes; the text formats are what carry
# hostile text into files (see test_largest_valid_maps_build_with_raster_downloads).
OPTIONS = "languages: [en, ar]\ndownload_formats: [svg, csv, json]"


@dataclass
class HostileBuild:
    root: Path
    site_dir: Path
    output: str
    returncode: int
    before: dict[str, tuple[int, str]]
    after: dict[str, tuple[int, str]]
    gallery: corpus.Gallery
    translations: dict[str, str]
    theme_scripts: set[str]
    pages: dict[str, PageReport]
    html: dict[str, str]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> HostileBuild:
    outer = tmp_path_factory.mktemp("hostile")
    # The clean twin: same configuration, one harmless map.
    clean = make_site(
        outer / "clean",
        {"clean.yaml": "type: current-state\ntitle: Clean\nstages:\n  - name: One\n"},
        plugin_options=OPTIONS,
    )
    result = mkdocs_build(clean.root, BUILD_ENV, timeout=180)
    assert result.returncode == 0, result.stdout + result.stderr
    theme_scripts: set[str] = set()
    for page in clean.site_dir.rglob("*.html"):
        theme_scripts |= set(scan_page(page.read_text("utf-8")).scripts)

    gallery = corpus.safe_gallery()
    site = make_site(outer / "project", plugin_options=OPTIONS)
    gallery.write(site.maps)
    translations = corpus.translation_files(site.maps, "ar")
    for name, text in translations.items():
        path = site.maps / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    before = snapshot(outer)
    # Generous bound: 30-60 s on a busy 2-core machine.
    result = mkdocs_build(site.root, BUILD_ENV, timeout=300)
    after = snapshot(outer)
    pages: dict[str, PageReport] = {}
    html: dict[str, str] = {}
    if result.returncode == 0:
        for page in sorted(site.site_dir.rglob("*.html")):
            relative = page.relative_to(site.site_dir).as_posix()
            html[relative] = page.read_text("utf-8")
            pages[relative] = scan_page(html[relative])
    return HostileBuild(
        root=site.root,
        site_dir=site.site_dir,
        output=result.stdout + result.stderr,
        returncode=result.returncode,
        before=before,
        after=after,
        gallery=gallery,
        translations=translations,
        theme_scripts=theme_scripts,
        pages=pages,
        html=html,
    )


def built(hostile: HostileBuild) -> HostileBuild:
    """The build, which must have succeeded: checks of an empty site would pass vacuously."""
    assert hostile.returncode == 0, hostile.output[-3000:]
    assert len(hostile.pages) > 2 * len(hostile.gallery.map_ids)
    return hostile


def _norm(text: str) -> str:
    # NFC: translated texts come out NFC-normalized; what matters here is escaping
    return " ".join(unicodedata.normalize("NFC", text).split())


def _page_text(report: PageReport) -> str:
    return _norm("".join(report.text))


# --- the corpus itself ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["map", "persona"])
def test_corpus_puts_payloads_into_every_text_field_and_url_of_the_schema(kind: str) -> None:
    fields = {path for path, what in corpus.schema_fields(kind).items() if what in ("text", "url")}
    assert fields, "the schema walk found no text fields"
    gallery = corpus.safe_gallery()
    assert fields - gallery.filled[kind] == set()


def test_every_payload_lands_in_every_text_field_and_url() -> None:
    gallery = corpus.safe_gallery()
    everything = set(range(len(corpus.PAYLOADS)))
    for kind in ("map", "persona"):
        assert gallery.filled[kind]
        for path in gallery.filled[kind]:
            assert gallery.placed[kind][path] == everything, (kind, path)
    # and a page mixes them: the first map's texts hold many different payloads
    first = yaml.safe_load(gallery.files["current-state-00.yaml"])
    assert len({first["title"], first["summary"], first["focus"], first["scenario"]}) == 4


# --- the build ---------------------------------------------------------------------------------


def test_hostile_gallery_builds_strict_without_traceback(hostile: HostileBuild) -> None:
    assert hostile.returncode == 0, hostile.output[-3000:]
    assert "Traceback" not in hostile.output
    assert "WARNING" not in hostile.output
    for map_id in hostile.gallery.map_ids:
        for prefix in ("", "ar/"):
            assert f"{prefix}maps/{map_id}/index.html" in hostile.html, map_id
    for persona_id in hostile.gallery.persona_ids:
        assert f"personas/{persona_id}/index.html" in hostile.html


def test_no_script_elements_but_the_themes_own(hostile: HostileBuild) -> None:
    hostile = built(hostile)
    assert hostile.theme_scripts, "the clean build has no scripts: the scan is broken"
    foreign = {
        page: sorted(set(report.scripts) - hostile.theme_scripts)
        for page, report in hostile.pages.items()
        if set(report.scripts) - hostile.theme_scripts
    }
    assert foreign == {}


def test_no_event_handler_attributes_anywhere(hostile: HostileBuild) -> None:
    hostile = built(hostile)
    found = {p: r.event_attributes[:3] for p, r in hostile.pages.items() if r.event_attributes}
    assert found == {}


def test_no_javascript_data_or_vbscript_urls(hostile: HostileBuild) -> None:
    hostile = built(hostile)
    found = {p: r.dangerous_urls[:3] for p, r in hostile.pages.items() if r.dangerous_urls}
    assert found == {}


def test_no_frames_objects_or_base_elements(hostile: HostileBuild) -> None:
    hostile = built(hostile)
    found = {p: r.forbidden[:3] for p, r in hostile.pages.items() if r.forbidden}
    assert found == {}


def test_refreshes_are_only_redirect_stubs_to_pages_of_the_site(hostile: HostileBuild) -> None:
    """Old addresses redirect to their new place: relative, inside the site, nothing else."""
    hostile = built(hostile)
    stubs = 0
    for page, report in hostile.pages.items():
        if not report.refreshes:
            continue
        stubs += 1
        (target,) = report.refreshes
        path, _, _anchor = target.partition("#")
        assert ":" not in path and not path.startswith("/"), (page, target)
        landing = (hostile.site_dir / page).parent / path
        if not path or path.endswith("/"):
            landing = landing / "index.html"
        assert landing.resolve().is_relative_to(hostile.site_dir.resolve()), (page, target)
        assert landing.is_file(), (page, target)
        assert not report.svgs and not report.scripts, page
    assert stubs, "the hostile site publishes old facet addresses as redirect stubs"


def test_every_page_has_exactly_one_title(hostile: HostileBuild) -> None:
    hostile = built(hostile)
    assert {p: r.titles for p, r in hostile.pages.items() if r.titles != 1} == {}


def test_every_inline_svg_parses_as_xml_and_is_inert(hostile: HostileBuild) -> None:
    hostile = built(hostile)
    diagrams = 0
    problems: dict[str, list[str]] = {}
    for page, report in hostile.pages.items():
        for svg in report.svgs:
            diagram = is_diagram(svg)
            diagrams += diagram
            found = svg_problems(svg, diagram=diagram)
            if found:
                problems.setdefault(page, []).extend(found[:3])
    assert problems == {}
    # a diagram on every map page and a thumbnail per card, in both languages
    assert diagrams >= 4 * len(hostile.gallery.map_ids)


def test_svg_and_xml_files_in_the_site_parse(hostile: HostileBuild) -> None:
    hostile = built(hostile)
    for path in sorted(hostile.site_dir.rglob("*.svg")):
        assert svg_problems(path.read_text("utf-8"), diagram=False) == [], path
    for path in sorted(hostile.site_dir.rglob("*.xml")):
        ET.parse(path)


def test_template_syntax_is_shown_not_evaluated(hostile: HostileBuild) -> None:
    hostile = built(hostile)
    evaluated = [page for page, text in hostile.html.items() if corpus.TEMPLATE_RESULT in text]
    assert evaluated == []
    shown = [
        page for page, report in hostile.pages.items() if corpus.TEMPLATE in _page_text(report)
    ]
    assert len(shown) >= len(corpus.MAP_TYPES)
    for path in hostile.site_dir.rglob("*.json"):
        assert corpus.TEMPLATE_RESULT not in path.read_text("utf-8"), path


def test_hostile_titles_are_shown_exactly_as_written(hostile: HostileBuild) -> None:
    """Escaping is neither missing nor doubled: the reader sees the author's text."""
    hostile = built(hostile)
    missing = []
    for map_id, title in hostile.gallery.map_ids.items():
        text = _page_text(hostile.pages[f"maps/{map_id}/index.html"])
        if _norm(str(title)) not in text:
            missing.append((map_id, title[:60]))
    for persona_id, name in hostile.gallery.persona_ids.items():
        if _norm(name) not in _page_text(hostile.pages[f"personas/{persona_id}/index.html"]):
            missing.append((persona_id, name[:60]))
    assert missing == []


def test_hostile_translations_are_shown_in_the_arabic_tree(hostile: HostileBuild) -> None:
    hostile = built(hostile)
    missing = []
    for name, text in hostile.translations.items():
        data = yaml.safe_load(text)
        if "map" not in data or "title" not in data["texts"]:
            continue
        page = hostile.pages[f"ar/maps/{data['map']}/index.html"]
        if _norm(data["texts"]["title"]["text"]) not in _page_text(page):
            missing.append(name)
    assert missing == []
    assert 'dir="rtl"' in hostile.html["ar/maps/index.html"]


def test_norway_problem_values_stay_text(hostile: HostileBuild) -> None:
    hostile = built(hostile)
    # every text node of the page, and the words in them
    nodes = [node.strip() for node in hostile.pages["maps/norway/index.html"].text]
    tokens = set(nodes) | {word for node in nodes for word in node.split()}
    for value in corpus.NORWAY_TEXTS:
        assert value in tokens, value
    assert set(corpus.NORWAY_WRONG) & tokens == set()


def test_nothing_is_written_outside_site_dir(hostile: HostileBuild) -> None:
    hostile = built(hostile)
    site = hostile.site_dir.relative_to(hostile.root.parent).as_posix()
    changed = sorted(
        path
        for path in set(hostile.before) | set(hostile.after)
        if hostile.before.get(path) != hostile.after.get(path)
        and not (path == f"{site}/" or path.startswith(f"{site}/"))
    )
    assert changed == []
    # and the site itself stays inside site_dir: no file name escapes via "../"
    for path in hostile.site_dir.rglob("*"):
        assert path.resolve().is_relative_to(hostile.site_dir.resolve())


def test_search_index_and_catalog_are_inert_data(hostile: HostileBuild) -> None:
    hostile = built(hostile)
    index = json.loads((hostile.site_dir / "search" / "search_index.json").read_text("utf-8"))
    # Material renders titles and texts of search results as HTML.
    for doc in index["docs"]:
        for key in ("title", "text"):
            report = scan_page(doc[key])
            assert not (report.scripts or report.event_attributes or report.forbidden), doc
            assert not report.dangerous_urls, doc
    catalog = json.loads((hostile.site_dir / "journey-maps.json").read_text("utf-8"))
    assert {m["id"] for m in catalog["maps"]} == set(hostile.gallery.map_ids)
    for entry in catalog["maps"] + catalog["personas"]:
        for url in entry["url"].values():
            assert url and not url.startswith(("/", "javascript:", "data:")) and ".." not in url


def test_derived_ids_from_twin_texts_are_unique(hostile: HostileBuild) -> None:
    hostile = built(hostile)
    html = hostile.html["maps/twins/index.html"]
    assert html.count('id="stage-cafe"') == 1
    for suffix in ("-2", "-3", "-4"):
        assert f'id="stage-cafe{suffix}"' in html
    assert unicodedata.normalize("NFD", "Café") in html and "Café" in html


# --- the same maps through the other renderers, in process ---------------------------------------


@pytest.fixture(scope="module")
def hostile_maps(tmp_path_factory: pytest.TempPathFactory) -> list[JourneyMap]:
    folder = tmp_path_factory.mktemp("hostile-maps")
    corpus.safe_gallery().write(folder)
    gallery, problems = load_gallery(folder)
    assert not problems, [p.format() for p in problems.sorted()]
    return list(gallery.maps.values())


def test_standalone_svgs_of_hostile_maps_are_well_formed_and_inert(
    hostile_maps: list[JourneyMap],
) -> None:
    for journey in hostile_maps:
        for theme in ("light", "dark"):
            svg = render_map_svg(journey, None, theme=theme)
            assert svg.startswith('<?xml version="1.0" encoding="UTF-8"?>')
            assert svg_problems(svg, diagram=True) == [], journey.id
        assert svg_problems(render_thumbnail_svg(journey), diagram=True) == [], journey.id


def test_csv_exports_of_hostile_maps_cannot_start_formulas(hostile_maps: list[JourneyMap]) -> None:
    for journey in hostile_maps:
        text = map_to_csv(journey)
        rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
        header = rows[0]
        for row in rows[1:]:
            assert len(row) == len(header)
            for key, cell in zip(header, row, strict=True):
                if key != "emotion_score":
                    assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r"), (journey.id, cell)
        data = json.loads(map_to_json(journey))
        assert JourneyMap.model_validate(data) == journey


def test_largest_valid_maps_build_with_raster_downloads(tmp_path: Path) -> None:
    """A map the schema accepts must not stop the site because its PNG would be big."""
    maps = {"slots-30.yaml": str(corpus.safe_gallery().files["slots-30.yaml"])}
    site = make_site(tmp_path / "project", maps)  # default downloads: PNG and PDF too
    result = mkdocs_build(site.root, {**BUILD_ENV, "JOURNEY_MAPS_CACHE_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
