"""axe-core on one page of each kind, in the light and the dark scheme: no serious or critical
violations. axe-core comes from npm, pinned in the Makefile (``make test`` installs it into
.cache/npm); $AXE_JS points at another axe.min.js."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from .conftest import REPO, unavailable

if TYPE_CHECKING:
    from conftest import Site

    from .conftest import OpenPage, Probe

pytestmark = pytest.mark.browser

AXE_JS = Path(
    os.environ.get("AXE_JS") or REPO / ".cache/npm/node_modules/axe-core/axe.min.js"
).resolve()
SCHEMES = {"light": "default", "dark": "slate"}
# One page of each kind; map kinds are map types, looked up in the catalog.
KINDS = [
    "home",
    "gallery",
    "current-state",
    "day-in-the-life",
    "empathy",
    "compare",
    "templates",
    "personas",
    "persona",
]
# Violations that come from mkdocs-material, not from the plugin: (rule id, CSS selector, why).
# Only that rule on nodes matching that selector is excused, and never on a node inside the
# plugin's own markup (an element with a jm-* class), so generated content is always checked.
MATERIAL_EXCEPTIONS = [
    # material/templates/partials/search.html: <div class="md-search" role="dialog"> has no
    # accessible name. Material's header, on every page of every Material site.
    ("aria-dialog-name", ".md-search", "Material's search dialog has no name"),
    # material/templates/partials/copyright.html ("Made with Material for MkDocs"): Material's
    # --md-footer-fg-color--lighter (#ffffff73) on its footer is 4.47:1, 4.5 needed.
    ("color-contrast", ".md-copyright", "Material's footer colours"),
    # Links in Markdown prose (the hand-written docs pages, e.g. the home page): Material styles
    # `.md-typeset a` by colour only, without an underline, and in slate sets `a code` in the link
    # colour on --md-code-bg-color (4.1:1). Fixing that means restyling every link of the site,
    # which is the site's choice (extra_css), not the plugin's: journey-maps.css only underlines
    # links inside its own components (see there), and those are never excused here.
    ("link-in-text-block", ".md-typeset a", "Material's link style in Markdown prose"),
    ("color-contrast", ".md-typeset a > code", "Material's link style in Markdown prose"),
    # Code blocks in the docs: Material's Pygments palette, e.g. `.highlight .nv` in
    # --md-code-hl-variable-color (= --md-default-fg-color--light) on --md-code-bg-color, 4.47:1.
    ("color-contrast", ".highlight span", "Material's syntax-highlighting colours"),
]
AXE_RUN = """async (exceptions) => {
  const r = await axe.run(document, {resultTypes: ['violations']});
  const excused = (rule, target) => {
    const el = target.length === 1 ? document.querySelector(target[0]) : null;
    if (!el || el.closest('[class^="jm-"], [class*=" jm-"]')) return false;
    return exceptions.some(([id, selector]) => id === rule && el.matches(selector));
  };
  return {
    version: axe.version,
    passes: r.passes.length,
    violations: r.violations.map((v) => ({
      id: v.id, impact: v.impact,
      nodes: v.nodes.map((n) => ({
        target: n.target.join(' '), impact: n.impact, summary: n.failureSummary,
        excused: excused(v.id, n.target),
      })),
    })),
  };
}"""


def page_of_kind(site: Site, kind: str) -> str:
    catalog: dict[str, Any] = json.loads((site.site_dir / "journey-maps.json").read_text("utf-8"))
    if kind == "home":
        return ""
    if kind == "gallery":
        return str(catalog["gallery"]["en"])
    if kind == "personas":
        return "personas/"
    if kind == "persona":
        return str(catalog["personas"][0]["url"]["en"])
    if kind == "compare":  # a section of the future-state map's page: maps/<id>/#compare
        return str(catalog["browse"]["comparisons"][0]["view"]["en"])
    if kind == "templates":
        return "templates/"
    urls = [m["url"]["en"] for m in catalog["maps"] if m["type"] == kind]
    assert urls, f"the sample gallery has no {kind} map"
    return str(urls[0])


@pytest.fixture(scope="session")
def axe_source() -> Path:
    if not AXE_JS.is_file():
        unavailable(f"run `make test` (or the Makefile's $(AXE) target) to install {AXE_JS}")
    package = AXE_JS.with_name("package.json")
    pinned = re.search(r"^AXE_VERSION := (\S+)", (REPO / "Makefile").read_text(), re.MULTILINE)
    if "AXE_JS" not in os.environ and pinned and package.is_file():
        installed = json.loads(package.read_text("utf-8"))["version"]
        if installed != pinned[1]:
            unavailable(
                f"run `make test`: .cache has axe-core {installed}, Makefile pins {pinned[1]}"
            )
    return AXE_JS


def serious_violations(probe: Probe, axe_source: Path) -> list[str]:
    """axe-core's serious and critical findings on the page as it is now, minus Material's."""
    probe.page.add_script_tag(path=str(axe_source))
    results = probe.page.evaluate(AXE_RUN, [[rule, css] for rule, css, _ in MATERIAL_EXCEPTIONS])
    assert results["passes"] > 0, "axe-core checked nothing"
    found = []
    for violation in results["violations"]:
        for node in violation["nodes"]:
            impact = node["impact"] or violation["impact"]
            if impact not in ("serious", "critical"):
                continue
            if node["excused"]:
                continue
            summary = " ".join((node["summary"] or "").split())
            found.append(f"{violation['id']} ({impact}) at {node['target']}: {summary}")
    if found:
        found.insert(0, f"axe-core {results['version']}:")
    return found


@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("kind", KINDS)
def test_no_serious_accessibility_violations(
    open_page: OpenPage, sample_site: Site, axe_source: Path, kind: str, scheme: str
) -> None:
    path = page_of_kind(sample_site, kind)
    probe = open_page(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    probe.goto(path)
    assert (
        probe.page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        == (SCHEMES[scheme])
    )
    found = serious_violations(probe, axe_source)
    assert probe.problems() == []
    assert not found, f"/{path} ({scheme}):\n" + "\n".join(found)


VIEWPORTS = {"desktop": {"width": 1440, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_no_serious_violations_in_a_zoomed_marked_diagram(
    open_page: OpenPage, sample_site: Site, axe_source: Path, size: str, scheme: str
) -> None:
    """The diagram's view as it is being used: at the drawn size, scrolled sideways (pinned
    lane names), a stage marked; on a phone, with the stages shown as cards."""
    path = "maps/petra-scheduling-software/"  # 7 stages: wider than 1440 px when drawn
    probe = open_page(color_scheme=scheme, viewport=VIEWPORTS[size])
    probe.goto(f"{path}#stage-{first_stage(sample_site, path)}")
    page = probe.page
    page.click('figure.jm-diagram [data-jm-view="reset"]')
    page.evaluate(
        "(() => { const r = document.querySelector('.jm-diagram__scroll');"
        " r.scrollLeft = r.scrollWidth; })()"
    )
    page.wait_for_selector(".jm-pin--lanes.jm-pin--active", state="attached")
    found = serious_violations(probe, axe_source)
    assert probe.problems() == []
    assert not found, f"/{path} ({size}, {scheme}):\n" + "\n".join(found)


def first_stage(site: Site, path: str) -> str:
    found = re.search(r'<tr class="jm-stage" data-stage="([^"]+)"', site.page(path))
    assert found, f"no stage row on /{path}"
    return found[1]
