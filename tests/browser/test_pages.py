"""The sample gallery in a real browser: every page loads cleanly in the light and dark schemes,
every internal link answers, diagram text fits its box, phones get no page-wide scroll and the
keyboard reaches the cards and the table scroll regions."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import TYPE_CHECKING, Any
from urllib.parse import urldefrag

import pytest

if TYPE_CHECKING:
    from conftest import Site

    from .conftest import OpenPage, Probe

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}
SCHEMES = {"light": "default", "dark": "slate"}


REDIRECT = '<meta http-equiv="refresh"'


def site_pages(site: Site) -> list[str]:
    """Every built HTML page as a site path: ``""``, ``maps/``, ``maps/<id>/``, ``404.html``."""
    paths = []
    for file in sorted(site.site_dir.rglob("*.html")):
        if REDIRECT in file.read_text("utf-8"):
            continue  # an earlier version's address, kept as a redirect: not a page
        relative = file.relative_to(site.site_dir).as_posix()
        paths.append(relative.removesuffix("index.html"))
    return paths


def one_page_per_kind(site: Site, pages: list[str]) -> list[str]:
    """The first page of each kind in each language tree (``de/maps/<id>/``, ``maps/tag/<t>/``…).

    The colour scheme changes only CSS: what loads, what fails and where links go are the
    same in both, and axe checks contrast of every page type in both (test_a11y.py). So the
    dark run opens one page of each shape instead of all of them again.
    """
    data = catalog(site)
    languages = {f"{code}/" for code in data["languages"]}
    ids = {entry["id"] for entry in data["maps"] + data["personas"]}
    chosen: dict[tuple[str, ...], str] = {}
    for path in pages:
        language = next((code for code in languages if path.startswith(code)), "")
        parts = path.removeprefix(language).strip("/").split("/")
        shape = tuple("<id>" if part in ids else part for part in parts[:2])
        chosen.setdefault((language, *shape, str(len(parts))), path)
    return sorted(chosen.values())


def catalog(site: Site) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((site.site_dir / "journey-maps.json").read_text("utf-8"))
    return data


def map_pages(site: Site) -> list[str]:
    pages = [m["url"]["en"] for m in catalog(site)["maps"]]
    assert pages, "the sample catalog lists no maps"
    return pages


# Everything a page points at: [href] and [src] of any element, resolved like the browser does,
# and every id (fragment target) on the page.
COLLECT_LINKS = """() => {
  const links = [];
  for (const el of document.querySelectorAll('[href], [src]')) {
    for (const attr of ['href', 'src']) {
      const value = el.getAttribute(attr);
      if (value === null || /^(javascript|mailto|tel|data):/i.test(value)) continue;
      const url = new URL(value, document.baseURI).href;
      links.push({tag: el.tagName.toLowerCase(), value, url});
    }
  }
  const ids = [...document.querySelectorAll('[id]')].map((el) => el.id);
  ids.push(...[...document.querySelectorAll('a[name]')].map((el) => el.name));
  return {links, ids};
}"""


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A link must answer 200 itself: a redirect (``maps/x`` → ``maps/x/``) is reported."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)
_STATUS: dict[str, int | str] = {}


def http_status(url: str) -> int | str:
    if url not in _STATUS:
        try:
            with _OPENER.open(url, timeout=10) as response:
                _STATUS[url] = response.status
        except urllib.error.HTTPError as error:
            _STATUS[url] = error.code
        except OSError as error:
            _STATUS[url] = str(error)
    return _STATUS[url]


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_every_page_loads_cleanly_and_every_internal_link_answers(
    open_page: OpenPage, sample_site: Site, server_url: str, scheme: str
) -> None:
    probe = open_page(color_scheme=scheme, viewport=DESKTOP)
    pages = site_pages(sample_site)
    assert len(pages) >= 2 + len(map_pages(sample_site)) + len(catalog(sample_site)["personas"])
    if scheme == "dark":
        pages = one_page_per_kind(sample_site, pages)
    problems: list[str] = []
    referrers: dict[str, set[str]] = {}  # link target (no fragment) -> pages that link to it
    fragments: list[tuple[str, str, str]] = []  # (page, target page URL, fragment)
    ids: dict[str, set[str]] = {}
    for path in pages:
        probe.goto(path)
        problems += [f"{path or '/'}: {problem}" for problem in probe.problems()]
        state = probe.page.evaluate(
            """() => ({
              scheme: document.body.getAttribute('data-md-color-scheme'),
              dark: matchMedia('(prefers-color-scheme: dark)').matches,
              title: (document.querySelector('.md-content h1') || {}).textContent || '',
            })"""
        )
        if state["scheme"] != SCHEMES[scheme] or state["dark"] != (scheme == "dark"):
            problems.append(f"{path or '/'}: colour scheme {state} in the {scheme} test")
        if path != "404.html" and not state["title"].strip():
            problems.append(f"{path or '/'}: no <h1> in the content")
        found = probe.page.evaluate(COLLECT_LINKS)
        ids[probe.page.url] = set(found["ids"])
        if path == "404.html":
            continue  # absolute links on purpose: it is served at any depth
        for link in found["links"]:
            if link["value"] == "#":
                problems.append(f"{path or '/'}: <{link['tag']}> links to a bare '#'")
                continue
            target, fragment = urldefrag(link["url"])
            if not target.startswith(server_url):
                continue  # external: the canonical URL, touchpoint links, Google Fonts
            referrers.setdefault(target, set()).add(path or "/")
            if fragment:
                fragments.append((path or "/", target, fragment))
    assert len(referrers) > len(pages), "collected suspiciously few internal links"
    for target, where in sorted(referrers.items()):
        status = http_status(target)
        if status != 200:
            problems.append(f"{target} answers {status}; linked from {', '.join(sorted(where))}")
    for where, target, fragment in fragments:
        if target in ids and fragment not in ids[target]:
            problems.append(f"{where}: link to {target}#{fragment}: no element has that id")
    assert not problems, "\n".join(problems)


# Every <text> of an inline diagram must fit the box it was wrapped for. The renderer exposes
# that box as ``data-max-width`` (SVG user units, the TextBlock's max_width) on the <text> or on
# an enclosing <g>; the width the browser really sets the text at comes from getBBox().
DIAGRAM_TEXT = """(tolerance) => {
  const out = {svgs: 0, texts: 0, problems: []};
  for (const svg of document.querySelectorAll('.jm-diagram svg')) {
    out.svgs += 1;
    const name = svg.id || 'svg';
    const frame = svg.getBoundingClientRect();
    if (frame.width < 1 || frame.height < 1) out.problems.push(`${name}: rendered 0x0`);
    for (const text of svg.querySelectorAll('text')) {
      out.texts += 1;
      const label = `${name} "${text.textContent.trim().slice(0, 50)}"`;
      const owner = text.closest('[data-max-width]');
      const max = owner && svg.contains(owner) ? parseFloat(owner.dataset.maxWidth) : NaN;
      if (!(max > 0)) {
        out.problems.push(`${label}: no data-max-width, so its box is unknown`);
        continue;
      }
      const width = text.getBBox().width;
      if (width > max + tolerance.px + tolerance.ratio * max) {
        out.problems.push(`${label}: ${width.toFixed(1)} wide in a ${max} box`);
      }
      const r = text.getBoundingClientRect();
      if (r.left < frame.left - 1 || r.right > frame.right + 1 ||
          r.top < frame.top - 1 || r.bottom > frame.bottom + 1) {
        out.problems.push(`${label}: drawn outside the diagram`);
      }
    }
  }
  return out;
}"""
# Widths are measured with cairo (no kerning); the browser's shaping differs by a hair.
TEXT_TOLERANCE = {"px": 0.5, "ratio": 0.01}


def test_diagram_text_fits_its_box(open_page: OpenPage, sample_site: Site) -> None:
    probe = open_page(viewport=DESKTOP)
    svgs = texts = 0
    problems: list[str] = []
    for path in map_pages(sample_site):
        probe.goto(path, settle=False)
        probe.page.evaluate("document.fonts.ready.then(() => true)")
        result = probe.page.evaluate(DIAGRAM_TEXT, TEXT_TOLERANCE)
        svgs += result["svgs"]
        texts += result["texts"]
        problems += [f"{path}: {problem}" for problem in result["problems"]]
    assert svgs >= len(map_pages(sample_site)), f"only {svgs} diagram(s) on the map pages"
    assert texts > 0, f"{svgs} diagram(s) but not one <text> element"
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("javascript", [True, False], ids=["script", "no-script"])
def test_phone_width_scrolls_wide_content_inside_its_region_not_the_page(
    open_page: OpenPage, sample_site: Site, javascript: bool
) -> None:
    probe = open_page(
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
        java_script_enabled=javascript,
    )
    # Without its script, Material's language menu sits off to the right of the header and
    # widens the document: then only the page's content (.md-main) is measured.
    content = None if javascript else ".md-main"
    problems: list[str] = []
    scrolled_regions = 0
    for path in ["maps/", "personas/", *map_pages(sample_site)]:
        probe.goto(path, settle=False)
        result = probe.page.evaluate(
            """([limit, content]) => {
              const doc = content ? document.querySelector(content) : document.documentElement;
              const scrollers = '.jm-table-scroll, .jm-diagram__scroll';
              const regions = [...document.querySelectorAll(scrollers)].map((el) => {
                const before = el.scrollLeft;
                el.scrollLeft = 40;
                const moved = el.scrollLeft > before;
                el.scrollLeft = before;
                const box = el.getBoundingClientRect();
                return {
                  cls: el.className,
                  overflows: el.scrollWidth > el.clientWidth + 1,
                  moved,
                  inside: box.left >= -1 && box.right <= limit + 1,
                  overflowX: getComputedStyle(el).overflowX,
                };
              });
              return {width: doc.scrollWidth, regions};
            }""",
            [PHONE["width"], content],
        )
        if result["width"] > PHONE["width"] + 1:
            problems.append(f"{path}: the page scrolls sideways ({result['width']}px wide)")
        for region in result["regions"]:
            if region["overflowX"] != "auto" or not region["inside"]:
                problems.append(f"{path}: {region}")
            if region["overflows"]:
                scrolled_regions += 1
                if not region["moved"]:
                    problems.append(f"{path}: {region['cls']} overflows but does not scroll")
    assert not problems, "\n".join(problems)
    # Without the script, diagrams keep their drawn size, wider than a phone: they must scroll
    # inside their region. (The script fits them, and phones show the stages as cards.)
    if not javascript:
        assert scrolled_regions > 0, "nothing is wider than 375px: the check above proves nothing"


TAB_TARGETS = """(selector) => {
  const targets = [...document.querySelectorAll(selector)];
  targets.forEach((el, index) => el.setAttribute('data-tab-target', String(index)));
  return targets.length;
}"""
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  return {
    target: el.getAttribute('data-tab-target'),
    thumb: el.matches('.jm-card__thumb'),
    outline: getComputedStyle(el).outlineStyle,
  };
}"""


def tab_through(probe: Probe, selector: str, limit: int = 400) -> tuple[list[int], list[dict]]:
    """Press Tab until every ``selector`` element had focus (or ``limit``); focus order and
    what else was focused that should not be."""
    count = probe.page.evaluate(TAB_TARGETS, selector)
    assert count > 0, f"no {selector} on {probe.page.url}"
    order: list[int] = []
    wrong: list[dict] = []
    for _ in range(limit):
        probe.page.keyboard.press("Tab")
        focused = probe.page.evaluate(FOCUSED)
        if focused is None:
            continue
        if focused["thumb"]:
            wrong.append(focused)
        if focused["target"] is not None:
            order.append(int(focused["target"]))
            if focused["outline"] == "none":
                wrong.append(focused)
            if len(set(order)) == count:
                break
    missing = sorted(set(range(count)) - set(order))
    assert not missing, f"Tab never reached {selector} number(s) {missing} on {probe.page.url}"
    return order, wrong


def test_keyboard_reaches_gallery_cards_and_table_scroll_regions(
    page: Probe, sample_site: Site
) -> None:
    page.goto("maps/", settle=False)
    order, wrong = tab_through(page, ".jm-card__title a")
    assert order == sorted(order), f"cards are reached out of order: {order}"
    assert not [w for w in wrong if w["thumb"]], "a card thumbnail takes focus (tabindex=-1)"
    assert not wrong, f"card links focused without a visible outline: {wrong}"
    pages = {
        path: sample_site.page(path).count('class="jm-table-scroll"')
        for path in map_pages(sample_site)
    }
    path = max(pages, key=lambda p: pages[p])
    page.goto(path, settle=False)
    # The diagram's scroll region too, once the renderer puts a diagram on map pages.
    order, wrong = tab_through(page, ".jm-table-scroll, .jm-diagram__scroll")
    assert len(set(order)) >= 2, f"{path}: expected a stages and an action-plan table"
    # :focus-visible draws an outline on the region, so a keyboard user sees where they are.
    assert not wrong, f"{path}: scroll regions focused without a visible outline: {wrong}"


@pytest.mark.parametrize(
    ("path", "selector"),
    [
        # the values under "Show all" are reached once it is open: its summary is the stop
        ("maps/", ".jm-filters__all a, .jm-filters__group > ul a, .jm-filters__more > summary"),
        ("maps/colleen-vacuum-current/", ".jm-downloads a"),
        ("de/templates/", "a.jm-download"),
    ],
)
def test_keyboard_reaches_filters_and_downloads(page: Probe, path: str, selector: str) -> None:
    page.goto(path, settle=False)
    order, wrong = tab_through(page, selector)
    assert order == sorted(order), f"{path}: {selector} reached out of order: {order}"
    assert not wrong, f"{path}: {selector} focused without a visible outline: {wrong}"
