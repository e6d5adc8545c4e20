"""Real MkDocs + mkdocs-material builds: generated pages, catalog, nav, strictness, safety."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import (
    PROBLEM_LINE,
    ROOT,
    Site,
    broken_internal_links,
    make_site,
    serve_in_background,
    stop_serving,
)
from journey_maps.load.folder import load_gallery

PERSONA = """\
name: Curious Colleen
age: 32
goals: [A vacuum that will not break again]
frustrations: [Sifting through content]
quote: I just want one that lasts.
"""

MAP = """\
type: current-state
title: Colleen buys a vacuum
persona: colleen
tags: [retail]
stages:
  - name: Awareness
    id: awareness
    actions: [Searches the web]
    touchpoints: [{name: Search engine, channel: online, url: "https://example.com/s"}]
    emotion: {score: -1, label: Frustrated}
    pain_points: [Spends time finding a new vacuum]
  - name: Comparison
    id: comparison
    opportunities: [Competitor comparison charts]
    loops_back_to: [{stage: awareness, label: Reviews contradict each other}]
    emotion: -2
action_plan:
  - {text: Implement a chatbot, owner: Support, stage: comparison, status: in-progress}
metrics:
  - {label: Contacts before purchase, value: 7 to 11}
"""


def small_site(tmp_path: Path, **maps: str) -> Site:
    return make_site(
        tmp_path,
        {f"{name}.yaml": text for name, text in (maps or {"colleen-vacuum": MAP}).items()},
        {"colleen.yaml": PERSONA},
    )


# --- the sample gallery ----------------------------------------------------------------------


def test_sample_gallery_has_a_page_per_map_and_persona(sample_site: Site) -> None:
    gallery, problems = load_gallery(ROOT / "maps")
    assert not problems.errors
    assert len(gallery.maps) >= 6 and len(gallery.personas) >= 3
    for map_id, journey in gallery.maps.items():
        html = sample_site.page(f"maps/{map_id}/")
        assert f'data-map-id="{map_id}"' in html
        assert f"<title>{journey.title}" in html or journey.title.replace("'", "&#39;") in html
    for persona_id, persona in gallery.personas.items():
        assert persona.name in sample_site.page(f"personas/{persona_id}/")


def test_sample_catalog_lists_every_map_and_persona_with_a_real_url(sample_site: Site) -> None:
    catalog = json.loads((sample_site.site_dir / "journey-maps.json").read_text("utf-8"))
    gallery, _ = load_gallery(ROOT / "maps")
    assert catalog["catalog_version"] == 1
    assert catalog["generator"].startswith("mkdocs-journey-maps ")
    assert catalog["default_language"] == "en"
    assert sorted(m["id"] for m in catalog["maps"]) == sorted(gallery.maps)
    assert sorted(p["id"] for p in catalog["personas"]) == sorted(gallery.personas)
    for entry in catalog["maps"] + catalog["personas"]:
        url = entry["url"]["en"]
        assert url and (sample_site.site_dir / url / "index.html").is_file(), url
    for entry in catalog["maps"]:
        assert entry["type"] in {"current-state", "future-state", "day-in-the-life", "empathy"}
        assert entry["translated"]["en"] == 1.0
        assert set(entry["translated"]) == set(catalog["languages"])
        assert entry["title"]["en"] == gallery.maps[entry["id"]].title


def test_sample_site_has_no_broken_internal_links(sample_site: Site) -> None:
    assert broken_internal_links(sample_site.site_dir) == []


def test_gallery_lists_every_map_as_a_card(sample_site: Site) -> None:
    html = sample_site.page("maps/")
    gallery, _ = load_gallery(ROOT / "maps")
    for map_id in gallery.maps:
        assert f'data-map-id="{map_id}"' in html
        assert f'href="{map_id}/"' in html


# --- page content ------------------------------------------------------------------------------


def test_map_page_shows_header_stages_plan_and_metrics(tmp_path: Path) -> None:
    site = small_site(tmp_path)
    result = site.build()
    assert result.returncode == 0, result.stderr
    html = site.page("maps/colleen-vacuum/")
    assert '<span class="jm-badge jm-badge--current-state">Current state</span>' in html
    assert 'href="../../personas/colleen/"' in html
    # one table row per stage, with a permalink id, in order
    assert html.index('id="stage-awareness"') < html.index('id="stage-comparison"')
    assert 'id="awareness--pain_points--spends-time-finding-a-new-vacuum"' in html
    assert 'data-score="-1"' in html and "Frustrated" in html
    assert 'Loops back to: <a href="#stage-awareness">Awareness</a>' in html
    assert 'href="https://example.com/s" rel="nofollow noopener noreferrer"' in html
    assert "Implement a chatbot" in html and "jm-status--in-progress" in html
    assert "7 to 11" in html and "Contacts before purchase" in html
    # lanes nobody filled collapse: no thoughts column
    assert "jm-col--thoughts" not in html


def test_persona_page_lists_maps_grouped_by_type(tmp_path: Path) -> None:
    site = small_site(tmp_path)
    assert site.build().returncode == 0
    html = site.page("personas/colleen/")
    assert "I just want one that lasts." in html
    assert 'id="maps-current-state"' in html
    assert 'href="../../maps/colleen-vacuum/"' in html


def test_navigation_has_gallery_and_personas_sections(tmp_path: Path) -> None:
    site = small_site(tmp_path)
    assert site.build().returncode == 0
    html = site.page("index.html")
    nav = html[html.index('class="md-nav md-nav--primary"') :]
    assert nav.index("Journey maps") < nav.index("Colleen buys a vacuum") < nav.index("Personas")
    assert "Curious Colleen" in nav


def test_nothing_is_written_into_docs_or_maps(tmp_path: Path) -> None:
    site = small_site(tmp_path)
    before = sorted(p for p in (tmp_path / "docs").rglob("*")) + sorted(site.maps.rglob("*"))
    assert site.build().returncode == 0
    after = sorted(p for p in (tmp_path / "docs").rglob("*")) + sorted(site.maps.rglob("*"))
    assert before == after


def test_own_gallery_intro_page_is_kept(tmp_path: Path) -> None:
    site = small_site(tmp_path)
    site.write("docs/maps/index.md", "# Our maps\n\nMaps of the *retail* team.\n")
    assert site.build().returncode == 0
    html = site.page("maps/")
    assert "<em>retail</em>" in html and 'data-map-id="colleen-vacuum"' in html


def test_links_resolve_without_directory_urls(tmp_path: Path) -> None:
    site = small_site(tmp_path)
    site.write("mkdocs.yml", (tmp_path / "mkdocs.yml").read_text() + "use_directory_urls: false\n")
    assert site.build().returncode == 0
    assert (site.site_dir / "maps/colleen-vacuum/index.html").is_file()
    catalog = json.loads((site.site_dir / "journey-maps.json").read_text("utf-8"))
    assert catalog["maps"][0]["url"]["en"] == "maps/colleen-vacuum/index.html"
    assert broken_internal_links(site.site_dir) == []


def test_own_pages_link_to_generated_pages_by_source_path(tmp_path: Path) -> None:
    page = (
        "# Home\n\n[Gallery](maps/index.md) [Stage](maps/colleen-vacuum/index.md#stage-awareness)\n"
    )
    site = make_site(
        tmp_path, {"colleen-vacuum.yaml": MAP}, {"colleen.yaml": PERSONA}, docs={"index.md": page}
    )
    result = site.build()
    assert result.returncode == 0, result.stderr
    home = site.page("")
    assert 'href="maps/"' in home and 'href="maps/colleen-vacuum/#stage-awareness"' in home
    # the links are checked like links between hand-written pages: a typo fails --strict
    site.write("docs/index.md", "[Gone](maps/colleen-vacum/index.md)\n")
    broken = site.build()
    assert broken.returncode != 0
    assert "contains a link 'maps/colleen-vacum/index.md'" in broken.stderr


def test_empty_gallery_builds_and_says_how_to_add_a_map(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    result = site.build()
    assert result.returncode == 0, result.stderr
    assert "No maps yet." in site.page("maps/")
    assert json.loads((site.site_dir / "journey-maps.json").read_text())["maps"] == []


# --- invalid input -------------------------------------------------------------------------------

BROKEN = """\
type: current-state
title: Broken
stages:
  - name: One
    emotion: {score: 7}
    actoins: [typo]
"""


def test_strict_build_fails_with_positions_and_leaves_the_old_site(tmp_path: Path) -> None:
    site = small_site(tmp_path, good=MAP, broken=BROKEN)
    site.site_dir.mkdir()
    (site.site_dir / "previous.html").write_text("old site")
    result = site.build()
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "maps/broken.yaml:5:22: error: emotion score 7 is outside the scale" in output
    assert "maps/broken.yaml:6:5: error: unknown key 'actoins'; did you mean 'actions'?" in output
    assert "Traceback" not in output
    # stopped before MkDocs cleaned site_dir: the previous site is untouched, nothing new
    assert sorted(p.name for p in site.site_dir.iterdir()) == ["previous.html"]


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("workers: 0", "option 'workers': Expected a whole number of at least 1, got 0."),
        ("dpi: 5000", "option 'dpi': Expected a whole number of at least 36 and at most 600"),
        ("nav_max_maps: true", "option 'nav_max_maps': Expected a whole number, got True."),
    ],
)
def test_out_of_range_options_are_config_errors_not_tracebacks(
    tmp_path: Path, option: str, message: str
) -> None:
    site = make_site(tmp_path, {"m.yaml": MAP}, {"colleen.yaml": PERSONA}, plugin_options=option)
    result = site.build()
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert message in output
    assert "Traceback" not in output
    assert not site.site_dir.exists()


def test_non_strict_build_skips_invalid_maps_and_reports_them(tmp_path: Path) -> None:
    site = small_site(tmp_path, good=MAP, broken=BROKEN)
    (tmp_path / "mkdocs.yml").write_text((tmp_path / "mkdocs.yml").read_text())
    result = site.build(strict=False)
    assert result.returncode == 0, result.stderr
    assert "maps/broken.yaml:5:22: error:" in result.stderr
    assert (site.site_dir / "maps/good/index.html").is_file()
    assert not (site.site_dir / "maps/broken").exists()
    problem_lines = [
        line.split("journey_maps: ", 1)[-1].split("-  ", 1)[-1].strip()
        for line in result.stderr.splitlines()
        if "broken.yaml:" in line
    ]
    assert problem_lines and all(PROBLEM_LINE.match(line) for line in problem_lines)


# --- untrusted text ------------------------------------------------------------------------------

HOSTILE = '<script>alert(1)</script>" onmouseover="x" </title>]]> {{ config }} {% raw %}'


def test_hostile_text_is_escaped_everywhere(tmp_path: Path) -> None:
    text = HOSTILE.replace('"', '\\"')
    hostile_map = f"""\
type: current-state
title: "{text}"
summary: "{text}"
persona: colleen
tags: ["{text}"]
stages:
  - name: "{text}"
    actions: ["{text}"]
    emotion: {{score: 1, label: "{text}", quote: "{text}"}}
action_plan: [{{text: "{text}", owner: "{text}"}}]
"""
    site = make_site(
        tmp_path,
        {"hostile.yaml": hostile_map},
        {"colleen.yaml": f'name: "{text}"\nquote: "{text}"\n'},
    )
    result = site.build()
    assert result.returncode == 0, result.stderr
    for page in sorted(site.site_dir.rglob("*.html")):
        html = page.read_text("utf-8")
        assert "<script>alert(1)" not in html, page
        assert 'onmouseover="x"' not in html, page
        if 'http-equiv="refresh"' in html:
            continue  # an earlier version's address, kept as a redirect: no map text
        assert "{{ config }}" in html, page
    html = site.page("maps/hostile/")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    head, body = html.split("</head>", 1)
    assert head.count("<title>") == 1
    # the inline diagram has its own accessible <title>, escaped too
    assert "<title" in body and "&lt;/title&gt;" in body


def test_unsafe_urls_are_rejected_not_published(tmp_path: Path) -> None:
    bad = MAP.replace("https://example.com/s", "javascript:alert(1)")
    site = small_site(tmp_path, **{"colleen-vacuum": bad})
    result = site.build()
    assert result.returncode != 0
    assert "maps/colleen-vacuum.yaml:9:63: error: 'javascript:alert(1)' is not an allowed link" in (
        result.stdout + result.stderr
    )


# --- reproducibility and live editing ---------------------------------------------------------


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    first = small_site(tmp_path / "a")
    second = small_site(tmp_path / "b")
    assert first.build().returncode == 0 and second.build().returncode == 0
    files_a = sorted(
        p.relative_to(first.site_dir) for p in first.site_dir.rglob("*") if p.is_file()
    )
    files_b = sorted(
        p.relative_to(second.site_dir) for p in second.site_dir.rglob("*") if p.is_file()
    )
    assert files_a == files_b
    different = [
        str(rel)
        for rel in files_a
        if (first.site_dir / rel).read_bytes() != (second.site_dir / rel).read_bytes()
    ]
    assert different == []


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return str(response.read().decode("utf-8"))


@pytest.mark.slow
def test_serve_rebuilds_when_a_map_file_changes(tmp_path: Path) -> None:
    site = small_site(tmp_path)
    port = _free_port()
    server = serve_in_background(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        tmp_path,
        subprocess.DEVNULL,
    )
    # mkdocs serve mounts the site under site_url's path (/gallery/ in these test sites)
    url = f"http://127.0.0.1:{port}/gallery/maps/colleen-vacuum/"
    try:
        html = ""
        for _ in range(120):
            try:
                html = _fetch(url)
                break
            except OSError:
                time.sleep(0.5)
        assert "Colleen buys a vacuum" in html
        path = site.maps / "colleen-vacuum.yaml"
        path.write_text(path.read_text().replace("Colleen buys a vacuum", "Colleen edits live"))
        for _ in range(120):
            time.sleep(0.5)
            try:
                html = _fetch(url)
            except OSError:
                continue
            if "Colleen edits live" in html:
                break
        assert "Colleen edits live" in html
    finally:
        stop_serving(server)
