"""Diagrams in hand-written pages: Mermaid journey fences (opt-in) and embedded gallery maps."""

from __future__ import annotations

import html
import re
from pathlib import Path

from conftest import Site, make_site
from mermaid_corpus import CORPUS

MAP = """\
type: current-state
title: Colleen buys a vacuum
stages:
  - {name: Awareness, id: awareness, actions: [Searches the web], emotion: -1}
  - {name: Comparison, id: comparison, actions: [Reads reviews], emotion: -2,
     loops_back_to: [awareness]}
  - {name: Purchase, id: purchase, actions: [Orders online], emotion: 1}
"""

MERMAID = """\
```mermaid
journey
    title Kadri reorders packaging
    section Search
      Compares suppliers online: 3: Kadri
      Asks other makers: 4: Kadri
    section Loyalty
      Reorders every month: 5: Kadri
```
"""

FLOWCHART = """\
```mermaid
flowchart LR
    A --> B
```
"""


def _site(tmp_path: Path, page: str, *, mermaid: bool = True) -> Site:
    options = "mermaid_journeys: true\ndownloads: false\n" if mermaid else "downloads: false\n"
    return make_site(
        tmp_path,
        {"colleen.yaml": MAP},
        plugin_options=options,
        docs={"index.md": "# Home\n", "page.md": page},
    )


def _figures(html: str) -> list[str]:
    return re.findall(r'<figure class="jm-diagram jm-embed">.*?</figure>', html, re.DOTALL)


def test_mermaid_journey_is_drawn_server_side_and_other_mermaid_is_left(tmp_path: Path) -> None:
    site = _site(tmp_path, f"# Page\n\n{MERMAID}\n{FLOWCHART}")
    result = site.build()
    assert result.returncode == 0, result.stderr
    html = site.page("page/")
    [figure] = _figures(html)
    assert 'role="img"' in figure and "Kadri reorders packaging" in figure
    # scores 3 and 4 average 3.5, rounded half away from zero to 4, minus 3: +1
    assert re.search(r'data-score="1"', figure)
    assert "flowchart LR" in html  # the flowchart stays code for client-side Mermaid


def test_mermaid_fences_stay_code_without_the_option(tmp_path: Path) -> None:
    site = _site(tmp_path, f"# Page\n\n{MERMAID}", mermaid=False)
    assert site.build().returncode == 0
    html = site.page("page/")
    assert _figures(html) == [] and "section Search" in html


def test_journey_fence_needs_no_option_nor_header(tmp_path: Path) -> None:
    body = "```journey\n    title Short\n    section One\n      Task: 1\n```\n"
    site = _site(tmp_path, f"# Page\n\n{body}", mermaid=False)
    assert site.build().returncode == 0
    [figure] = _figures(site.page("page/"))
    assert 'data-score="-2"' in figure


def test_gallery_map_and_single_stage_embeds_link_to_the_map(tmp_path: Path) -> None:
    page = (
        "# Page\n\n```journey-map\nmap: colleen\n```\n\n"
        "```journey-map\nmap: colleen\nstage: comparison\n```\n"
    )
    site = _site(tmp_path, page)
    result = site.build()
    assert result.returncode == 0, result.stderr
    whole, one = _figures(site.page("page/"))
    assert '<a href="../maps/colleen/">Colleen buys a vacuum</a>' in whole
    assert '<a href="../maps/colleen/#stage-comparison">' in one
    assert "Awareness" in whole and "Purchase" in whole
    assert "Comparison" in one and "Purchase" not in one and "Awareness" not in one


def test_fences_shown_as_source_are_not_drawn(tmp_path: Path) -> None:
    site = _site(tmp_path, f"# Page\n\n~~~text\n{MERMAID}~~~\n")
    assert site.build().returncode == 0
    html = site.page("page/")
    assert _figures(html) == [] and "section Search" in html


def test_bad_blocks_fail_strict_builds_with_page_line_and_column(tmp_path: Path) -> None:
    page = (
        "---\ntitle: Page\n---\n# Page\n\n"
        "```journey-map\nmap: nowhere\n```\n\n"
        "```mermaid\njourney\n    section One\n      Task without score\n```\n"
    )
    site = _site(tmp_path, page)
    result = site.build()
    assert result.returncode != 0
    assert "docs/page.md:7:1: error: journey-map block: no map 'nowhere'" in result.stderr
    assert re.search(r"docs/page\.md:13:\d+: error: Mermaid journey: ", result.stderr)
    assert "Traceback" not in result.stderr


# --- the Mermaid corpus in ```mermaid fences --------------------------------------------------


def _shown_text(figure: str) -> str:
    """The text a figure shows, tags dropped and whitespace removed: a long word broken over
    several lines of the drawing still reads as one."""
    return re.sub(r"\s+", "", html.unescape(re.sub(r"<[^>]+>", "", figure)))


def test_every_corpus_journey_is_drawn_in_a_strict_build(tmp_path: Path) -> None:
    fences = "\n".join(f"## {case.stem}\n\n```mermaid\n{case.text}```\n" for case in CORPUS)
    site = _site(tmp_path, f"# Corpus\n\n{fences}")
    result = site.build()
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    figures = _figures(site.page("page/"))
    assert len(figures) == len(CORPUS)
    for case, figure in zip(CORPUS, figures, strict=True):
        text = _shown_text(figure)
        for piece in case.texts():
            assert re.sub(r"\s+", "", piece) in text, (case.stem, piece)
        assert "&lt;br" not in figure.lower() and "<br" not in figure.lower(), case.stem
        assert len(re.findall(r'class="jm-card', figure)) >= sum(
            len(s.tasks) for s in case.sections
        ), case.stem


def test_journeys_are_found_the_way_mermaid_finds_them(tmp_path: Path) -> None:
    page = (
        "# Page\n\n"
        "```mermaid\n---\ntitle: Flow\n---\nflowchart LR\n    A --> B\n```\n\n"
        "```mermaid\n%%{init: {}}%%\n%% journey\nsequenceDiagram\n    A->>B: journey\n```\n\n"
        "```mermaid\n---\ntitle: Front matter first\n---\n%%{init: {}}%%\n%% note\n"
        "journey\n  section A\n    Task: 3\n```\n"
    )
    site = _site(tmp_path, page)
    result = site.build()
    assert result.returncode == 0, result.stderr
    html_text = site.page("page/")
    [figure] = _figures(html_text)
    assert "Front matter first" in figure
    assert "flowchart LR" in html_text and "sequenceDiagram" in html_text


def test_lost_content_warns_with_the_page_line_but_is_drawn(tmp_path: Path) -> None:
    page = "# Page\n\n```mermaid\njourney\n  section A\n    Tea: 5: Me: Cat\n    Go: 9\n```\n"
    site = _site(tmp_path, page)
    strict = site.build()
    assert strict.returncode != 0
    assert "docs/page.md:6:15: warning: Mermaid journey: Mermaid shows nothing after the third" in (
        strict.stderr
    )
    assert "docs/page.md:7:9: warning: Mermaid journey: the score of task 'Go' is 9" in (
        strict.stderr
    )
    assert site.build(strict=False).returncode == 0
    [figure] = _figures(site.page("page/"))
    assert ">Tea<" in figure and ">Go<" in figure
