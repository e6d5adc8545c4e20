"""The diagram view in a real browser, on a desktop (1440×900) and a phone (390×844), in the
light and dark schemes: "fit" shows every stage of the 7-stage sample, the toolbar works by
mouse and keyboard, full screen enters and leaves, lane names and stage headers stay in sight
while the diagram scrolls, hints count what is out of sight, a stage link brings its column
into view, print puts the whole diagram on one landscape page, and without JavaScript the
diagram still shows at its drawn size and scrolls. A future-state map's page holds a second
diagram, its comparison with the current state (#compare), with a view of its own."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from .conftest import OpenPage, Probe

pytestmark = pytest.mark.browser

SEVEN = "maps/petra-scheduling-software/"  # the 7-stage current-state sample
FUTURE = "maps/colleen-vacuum-future/"  # a future-state map, compared in its #compare section
STAGES = 7
VIEWPORTS: dict[str, dict[str, Any]] = {
    "desktop": {"viewport": {"width": 1440, "height": 900}},
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "is_mobile": True,
        "has_touch": True,
        "device_scale_factor": 2,
    },
}
SCHEMES = ["light", "dark"]
EVERY_SIZE = pytest.mark.parametrize(
    ("size", "scheme"), [(size, scheme) for size in VIEWPORTS for scheme in SCHEMES]
)

# What the view shows: the figure's sizes, the toolbar's state and where things are on screen.
STATE = """() => {
  const figure = document.querySelector('figure.jm-diagram');
  const svg = figure.querySelector('.jm-diagram__scroll > svg');
  const region = figure.querySelector('.jm-diagram__scroll');
  const box = (el) => { const r = el.getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width}; };
  const pressed = (name) => figure.querySelector(`[data-jm-view="${name}"]`)
    .getAttribute('aria-pressed');
  return {
    live: figure.classList.contains('jm-diagram--live'),
    barShown: !figure.querySelector('.jm-diagram__bar').hidden,
    natural: svg.viewBox.baseVal.width,
    svg: box(svg), region: box(region), regionWidth: region.clientWidth,
    scrollLeft: region.scrollLeft, scrollWidth: region.scrollWidth,
    bar: box(figure.querySelector('.jm-diagram__bar')),
    header: box(document.querySelector('.md-header')),
    level: figure.querySelector('.jm-diagram__level').textContent,
    fit: pressed('fit'), full: pressed('full'),
    fullscreen: document.fullscreenElement === figure,
    viewport: {width: innerWidth, height: innerHeight},
    more: figure.querySelector('.jm-diagram__frame').getAttribute('data-jm-more') || '',
  };
}"""
# Boxes of the drawing's own stage headers (not the pinned copies), and their names' size.
STAGE_BOXES = """() => {
  const svg = document.querySelector('figure.jm-diagram .jm-diagram__scroll > svg');
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return [...svg.querySelectorAll(':scope > g.jm-stage')].map((g) => {
    const r = g.getBoundingClientRect();
    const name = g.querySelector('text.jm-stage-name');
    return {id: g.dataset.stage, left: r.left, right: r.right, top: r.top, bottom: r.bottom,
            px: parseFloat(name.getAttribute('font-size')) * scale};
  });
}"""
# Each pinned text: its box, and whether it is what the browser shows at its centre.
PINNED = """(selector) => [...document.querySelectorAll(selector)].map((text) => {
  const r = text.getBoundingClientRect();
  const hit = document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
  return {text: text.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom,
          shown: !!hit && !!hit.closest('.jm-pin')};
})"""
# Every text of the drawing (pins aside) as shown: its text and its size on screen in px.
TEXT_SIZES = """() => {
  const svg = document.querySelector('figure.jm-diagram .jm-diagram__scroll > svg');
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return [...svg.querySelectorAll('text')].filter((text) => !text.closest('.jm-pin'))
    .map((text) => ({text: text.textContent,
                     px: parseFloat(getComputedStyle(text).fontSize) * scale}));
}"""
FRAMES = "new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"


def open_view(open_page: OpenPage, size: str, scheme: str, path: str = SEVEN) -> Probe:
    probe = open_page(color_scheme=scheme, **VIEWPORTS[size])
    probe.goto(path, settle=False)
    probe.page.wait_for_selector("figure.jm-diagram.jm-diagram--live")
    return probe


def state(probe: Probe) -> dict[str, Any]:
    probe.page.evaluate(FRAMES)
    result: dict[str, Any] = probe.page.evaluate(STATE)
    return result


def press(probe: Probe, action: str) -> dict[str, Any]:
    probe.page.click(f'figure.jm-diagram [data-jm-view="{action}"]')
    return state(probe)


def to_diagram(probe: Probe) -> None:
    """The figure's top at the top of the window, as after following a link to #diagram."""
    probe.page.evaluate("document.querySelector('figure.jm-diagram').scrollIntoView()")


def percent(level: str) -> int:
    return int("".join(ch for ch in level if ch.isdigit()))


@EVERY_SIZE
def test_fit_shows_every_stage_header_in_the_window(
    open_page: OpenPage, size: str, scheme: str
) -> None:
    probe = open_view(open_page, size, scheme)
    before = state(probe)
    assert before["live"] and before["barShown"]
    assert before["fit"] == "true", "a diagram opens fitted to the width"
    after = press(probe, "fit") if before["fit"] != "true" else before
    assert after["fit"] == "true"
    to_diagram(probe)
    view = state(probe)
    stages = probe.page.evaluate(STAGE_BOXES)
    assert len(stages) == STAGES
    window = view["viewport"]
    top = max(view["header"]["bottom"], view["bar"]["bottom"])
    outside = [
        s
        for s in stages
        if s["left"] < -0.5
        or s["right"] > window["width"] + 0.5
        or s["top"] < top - 0.5
        or s["bottom"] > window["height"] + 0.5
    ]
    assert not outside, f"stage headers outside the window after fit: {outside} (view {view})"
    assert view["scrollWidth"] <= view["regionWidth"] + 1, "a fitted diagram needs no scrolling"
    assert probe.page.evaluate("document.documentElement.scrollWidth") <= window["width"]
    if size == "desktop":
        # The window's width goes to the diagram (no navigation sidebar), and every text of the
        # drawing, down to its 12 px legend and stage descriptions, shows at 11 px or more.
        assert view["region"]["width"] >= window["width"] - 40
        small = [s for s in stages if s["px"] < 11]
        assert not small, f"stage names below 11 px after fit: {small}"
        texts = probe.page.evaluate(TEXT_SIZES)
        assert len(texts) > 100, "the 7-stage sample's drawing has its texts"
        smallest = min(texts, key=lambda text: text["px"])
        assert smallest["px"] >= 11, f"text below 11 px after fit: {smallest}"
    assert probe.problems() == []


@EVERY_SIZE
def test_toolbar_zooms_by_mouse(open_page: OpenPage, size: str, scheme: str) -> None:
    probe = open_view(open_page, size, scheme)
    fitted = state(probe)
    assert percent(fitted["level"]) < 100, "the 7-stage map is wider than the window"
    first = press(probe, "in")
    assert first["fit"] == "false"
    assert first["svg"]["width"] > fitted["svg"]["width"]
    assert percent(first["level"]) > percent(fitted["level"])
    levels = [percent(first["level"])]
    while levels[-1] < 100 and len(levels) < 10:
        levels.append(percent(press(probe, "in")["level"]))
    assert levels[-1] == 100, f"zooming in stops at the drawn size on the way: {levels}"
    bigger = press(probe, "in")
    assert percent(bigger["level"]) == 125
    assert bigger["svg"]["width"] > fitted["svg"]["width"] * 1.1
    smaller = press(probe, "out")
    assert smaller["svg"]["width"] < bigger["svg"]["width"] / 1.1
    actual = press(probe, "reset")
    assert abs(actual["svg"]["width"] - actual["natural"]) <= 1, "reset zoom: the drawn size"
    assert percent(actual["level"]) == 100
    assert actual["scrollWidth"] > actual["regionWidth"], "the 7-stage map is wider than both"
    refit = press(probe, "fit")
    assert refit["fit"] == "true" and refit["scrollWidth"] <= refit["regionWidth"] + 1
    assert abs(refit["svg"]["width"] - fitted["svg"]["width"]) <= 1
    # Fit is a toggle: off again shows the drawn size.
    off = press(probe, "fit")
    assert off["fit"] == "false" and abs(off["svg"]["width"] - off["natural"]) <= 1
    assert probe.problems() == []


@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_toolbar_is_reached_and_used_by_keyboard(open_page: OpenPage, size: str) -> None:
    probe = open_view(open_page, size, "light")
    page = probe.page
    order = ["fit", "out", "in", "reset", "full"]
    reached: list[str] = []
    for _ in range(200):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => { const el = document.activeElement;
              return el && el.closest('figure.jm-diagram') ? {
                action: el.getAttribute('data-jm-view'), region: el.matches('.jm-diagram__scroll'),
                outline: getComputedStyle(el).outlineStyle,
                name: el.getAttribute('aria-label') || el.textContent.trim(),
              } : null; }"""
        )
        if focused is None:
            continue
        assert focused["outline"] != "none", f"focus without a visible outline: {focused}"
        if focused["region"]:
            break
        assert focused["name"], f"a toolbar button without a name: {focused}"
        reached.append(focused["action"])
    assert reached == order, "toolbar buttons in tab order, then the diagram's region"
    start = state(probe)
    page.keyboard.press("-")  # the focused region's shortcuts
    assert percent(state(probe)["level"]) < percent(start["level"])
    page.keyboard.press("0")
    assert percent(state(probe)["level"]) == 100
    page.keyboard.press("+")
    assert percent(state(probe)["level"]) > 100
    page.keyboard.press("Shift+Tab")  # back to "Full screen", then "Reset zoom"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    assert percent(state(probe)["level"]) == 100
    page.keyboard.press("Shift+Tab")  # "Zoom in", by the space bar
    page.keyboard.press("Space")
    assert percent(state(probe)["level"]) > 100
    assert probe.problems() == []


@EVERY_SIZE
def test_full_screen_enters_fits_the_screen_and_leaves(
    open_page: OpenPage, size: str, scheme: str
) -> None:
    probe = open_view(open_page, size, scheme)
    full = press(probe, "full")
    assert full["fullscreen"] and full["full"] == "true"
    window = full["viewport"]
    assert full["region"]["left"] >= -0.5 and full["region"]["right"] <= window["width"] + 0.5
    assert full["fit"] == "true" and full["scrollWidth"] <= full["regionWidth"] + 1
    assert full["region"]["width"] >= window["width"] - 40, "fitted to the screen"
    probe.page.keyboard.press("Escape")
    left = state(probe)
    assert not left["fullscreen"] and left["full"] == "false"
    # By keyboard: the button, then Enter; Esc leaves again.
    probe.page.focus('figure.jm-diagram [data-jm-view="full"]')
    probe.page.keyboard.press("Enter")
    assert state(probe)["fullscreen"]
    probe.page.keyboard.press("Escape")
    assert not state(probe)["fullscreen"]
    assert probe.problems() == []


@EVERY_SIZE
def test_lane_names_and_stage_headers_stay_in_sight(
    open_page: OpenPage, size: str, scheme: str
) -> None:
    probe = open_view(open_page, size, scheme)
    page = probe.page
    press(probe, "reset")
    actual = press(probe, "in")  # 125 % of the drawn size: well wider than the window
    to_diagram(probe)
    page.evaluate(
        "(() => { const r = document.querySelector('.jm-diagram__scroll');"
        " r.scrollLeft = r.scrollWidth; })()"
    )
    view = state(probe)
    assert view["scrollLeft"] >= actual["scrollWidth"] - actual["regionWidth"] - 1 > 300
    region = view["region"]
    lanes = [
        t
        for t in page.evaluate(PINNED, ".jm-pin--lanes text.jm-lane-name")
        if t["bottom"] > view["bar"]["bottom"] and t["top"] < view["viewport"]["height"]
    ]
    assert lanes, "no pinned lane name on screen"
    for text in lanes:
        assert region["left"] - 1 <= text["left"] and text["right"] <= region["right"] + 1, text
        assert text["shown"], f"lane name covered: {text}"
    assert "left" in view["more"].split(), "shaded edge on the left after scrolling right"
    # Scroll the page past the stage header row: the pinned copy sits under the toolbar.
    header = page.evaluate(STAGE_BOXES)[0]
    page.evaluate(f"window.scrollBy(0, {header['bottom'] - view['bar']['bottom'] + 150})")
    view = state(probe)
    assert page.evaluate(STAGE_BOXES)[0]["bottom"] < view["bar"]["bottom"], "scrolled past"
    names = [
        t
        for t in page.evaluate(PINNED, ".jm-pin--stages text.jm-stage-name")
        if region["left"] + 1 < t["left"] and t["right"] < region["right"] - 1
    ]
    assert names, "no pinned stage name on screen"
    for text in names:
        assert view["bar"]["bottom"] - 1 <= text["top"] <= view["viewport"]["height"], text
        assert text["shown"], f"stage name covered: {text}"
    assert probe.problems() == []


@EVERY_SIZE
def test_hint_counts_the_stages_out_of_sight(open_page: OpenPage, size: str, scheme: str) -> None:
    probe = open_view(open_page, size, scheme)
    page = probe.page
    fitted = state(probe)
    assert fitted["more"] == "" and page.is_hidden(".jm-diagram__more--right")
    press(probe, "reset")
    view = press(probe, "in")  # 125 %
    stages = page.evaluate(STAGE_BOXES)
    beyond = [s for s in stages if (s["left"] + s["right"]) / 2 > view["region"]["right"]]
    assert beyond, "at 125 % some stages are out of sight"
    assert "right" in view["more"].split()
    hint = page.locator(".jm-diagram__more--right")
    assert hint.is_visible() and hint.inner_text().startswith(f"{len(beyond)} more")
    hint.click()
    page.wait_for_function(
        "(x) => document.querySelector('.jm-diagram__scroll').scrollLeft > x",
        arg=view["scrollLeft"],
    )
    page.evaluate(
        "(() => { const r = document.querySelector('.jm-diagram__scroll');"
        " r.scrollLeft = r.scrollWidth; })()"
    )
    end = state(probe)
    assert end["more"].split() == ["left"] and page.is_hidden(".jm-diagram__more--right")
    assert page.locator(".jm-diagram__more--left").is_visible()
    assert probe.problems() == []


@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_stage_link_brings_its_column_into_view_and_marks_it(
    open_page: OpenPage, size: str
) -> None:
    probe = open_view(open_page, size, "light")
    page = probe.page
    press(probe, "reset")
    press(probe, "in")  # at 125 % the last stage is out of sight
    link = page.locator('.jm-plan a[href$="#stage-renewal"]').first
    link.click()
    page.wait_for_selector("figure.jm-diagram .jm-mark")
    # The table row the link targets comes into view (the theme may scroll there smoothly).
    page.wait_for_function(
        """() => { const th = document.querySelector('tr.jm-stage[data-stage="renewal"] > th');
          const top = th.getBoundingClientRect().top;
          return top >= 0 && top < innerHeight; }"""
    )
    view = state(probe)
    column = next(s for s in page.evaluate(STAGE_BOXES) if s["id"] == "renewal")
    mark = page.evaluate(
        "(() => { const r = document.querySelector('.jm-mark').getBoundingClientRect();"
        " return {left: r.left, right: r.right}; })()"
    )
    # In sight beside the pinned lane names: whole, or as much as a phone has room for.
    region = view["region"]
    pinned = page.evaluate(
        """() => { const svg = document.querySelector('.jm-diagram__scroll > svg');
          const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
          const lanes = svg.querySelector(':scope > g.jm-stage').getBBox().x * scale;
          return document.querySelector('.jm-diagram__scroll').getBoundingClientRect().left
            + lanes; }"""
    )
    shown = min(column["right"], region["right"]) - max(column["left"], pinned)
    room = region["right"] - pinned
    assert shown >= min(column["right"] - column["left"], room) - 1, (column, region, pinned)
    assert mark["left"] >= column["left"] - 1 and mark["right"] <= column["right"] + 1
    # The row is highlighted, as before.
    frame = page.evaluate(
        """() => { const th = document.querySelector('tr.jm-stage[data-stage="renewal"] > th');
          const shadow = (el) => getComputedStyle(el).boxShadow;
          return [shadow(th), shadow(th.parentElement)]; }"""
    )
    assert frame != ["none", "none"], "the row (or card) is framed"
    assert probe.problems() == []
    # Opening the address directly marks the column too.
    direct = open_view(open_page, size, "light", SEVEN + "#stage-evaluation")
    direct.page.wait_for_selector("figure.jm-diagram .jm-mark")
    assert direct.problems() == []


@pytest.mark.parametrize("scheme", SCHEMES)
def test_print_puts_the_whole_diagram_on_one_landscape_page(
    open_page: OpenPage, scheme: str
) -> None:
    from pypdf import PdfReader

    probe = open_view(open_page, "desktop", scheme)
    page = probe.page
    # Stage names line by line: a long name is wrapped into several lines (tspans).
    names = page.evaluate(
        """() => [...document.querySelectorAll('.jm-diagram svg > g.jm-stage text.jm-stage-name')]
          .flatMap((t) => t.children.length ? [...t.children].map((s) => s.textContent)
                                            : [t.textContent])"""
    )
    assert len(names) >= STAGES
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    # The subtitle is drawn only in the diagram; the last lane's name is the bottom-most row.
    pages = [p for p in pdf.pages if "Current-state journey map" in p.extract_text()]
    assert len(pages) == 1, f"the diagram is on {len(pages)} pages"
    text = pages[0].extract_text().replace("\n", " ")
    width, height = (float(v) for v in pages[0].mediabox[2:])
    assert width > height, "the diagram's page is landscape"
    missing = [n for n in [*names, "Opportunities"] if " ".join(n.split()) not in text]
    assert not missing, f"not on the diagram's page: {missing}"
    # The same, measured: in print media at an A4 landscape page's content box (277×190 mm),
    # the figure is no taller and no wider than the page, and the toolbar is gone.
    page.set_viewport_size({"width": 1047, "height": 718})
    page.emulate_media(media="print")
    printed = page.evaluate(
        """() => { const f = document.querySelector('figure.jm-diagram');
          const r = f.getBoundingClientRect();
          return {width: r.width, height: r.height,
                  bar: getComputedStyle(f.querySelector('.jm-diagram__bar')).display}; }"""
    )
    assert printed["height"] <= 718 and printed["width"] <= 1047, printed
    assert printed["bar"] == "none"


def test_without_javascript_the_diagram_shows_and_scrolls(open_page: OpenPage) -> None:
    probe = open_page(java_script_enabled=False, **VIEWPORTS["desktop"])
    probe.goto(SEVEN, settle=False)
    view = probe.page.evaluate(STATE)
    assert not view["live"] and not view["barShown"]
    assert abs(view["svg"]["width"] - view["natural"]) <= 1, "drawn size, as before"
    hidden = view["scrollWidth"] - view["regionWidth"]
    assert hidden > 50, "the 7-stage map at its drawn size is wider than the window"
    probe.page.evaluate(
        "(() => { const r = document.querySelector('.jm-diagram__scroll');"
        " r.scrollLeft = r.scrollWidth; })()"
    )
    assert probe.page.evaluate(STATE)["scrollLeft"] >= hidden - 1
    assert probe.page.is_hidden(".jm-diagram__more--right")


def test_ctrl_wheel_and_pinch_zoom_the_diagram_not_the_page(open_page: OpenPage) -> None:
    probe = open_view(open_page, "desktop", "light")
    page = probe.page
    to_diagram(probe)
    start = state(probe)
    middle = start["region"]["left"] + 300, start["bar"]["bottom"] + 200
    page.mouse.move(*middle)
    page.keyboard.down("Control")
    page.mouse.wheel(0, -300)
    page.keyboard.up("Control")
    wheeled = state(probe)
    assert percent(wheeled["level"]) > percent(start["level"]) and wheeled["fit"] == "false"
    assert page.evaluate("visualViewport.scale") == 1, "the page itself did not zoom"
    phone = open_view(open_page, "phone", "light")
    to_diagram(phone)
    before = state(phone)
    x, y = before["region"]["left"] + 150, before["bar"]["bottom"] + 100
    cdp = phone.page.context.new_cdp_session(phone.page)

    def touch(kind: str, spread: float) -> None:
        points = [{"x": x - spread, "y": y, "id": 1}, {"x": x + spread, "y": y, "id": 2}]
        cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

    touch("touchStart", 20)
    for spread in (40, 60, 80):
        touch("touchMove", spread)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    pinched = state(phone)
    assert pinched["svg"]["width"] > before["svg"]["width"] * 2, "a pinch to 4× zooms in"
    assert phone.page.evaluate("visualViewport.scale") == 1


def test_full_screen_without_the_fullscreen_api_covers_the_window(open_page: OpenPage) -> None:
    """As on an iPhone, where only videos can go full screen: a layer over the page."""
    probe = open_page(**VIEWPORTS["phone"])
    probe.page.add_init_script(
        "Object.defineProperty(Document.prototype, 'fullscreenEnabled', {get: () => false})"
    )
    probe.goto(SEVEN, settle=False)
    probe.page.wait_for_selector("figure.jm-diagram.jm-diagram--live")
    full = press(probe, "full")
    assert not full["fullscreen"] and full["full"] == "true"
    cover = probe.page.evaluate(
        """() => { const r = document.querySelector('figure.jm-diagram').getBoundingClientRect();
          return [r.left, r.top, r.width, r.height, innerWidth, innerHeight]; }"""
    )
    assert cover[:2] == [0, 0] and cover[2:4] == cover[4:], cover
    probe.page.keyboard.press("Escape")
    assert state(probe)["full"] == "false"
    assert probe.problems() == []


def test_a_page_swapped_in_by_instant_navigation_is_enhanced(open_page: OpenPage) -> None:
    """mkdocs-material's instant navigation swaps the page's content without a reload and
    emits on its document$ observable. (It does not engage here: the test server is not the
    sample's site_url.) So the test does what it does: swap in the 7-stage map's content, set
    the address to one of its stages, emit; the view must be set up for the new content."""
    probe = open_page(**VIEWPORTS["desktop"])
    probe.goto("maps/", settle=False)
    page = probe.page
    assert page.evaluate("typeof document$.next") == "function"
    page.evaluate(
        """async (url) => {
          const html = await (await fetch(url)).text();
          const next = new DOMParser().parseFromString(html, 'text/html');
          document.querySelector('.md-content').replaceWith(next.querySelector('.md-content'));
          history.replaceState(null, '', url + '#stage-usage');
          document$.next(document);
        }""",
        probe.url(SEVEN),
    )
    page.wait_for_selector("figure.jm-diagram.jm-diagram--live .jm-mark")
    assert state(probe)["fit"] == "true"
    assert probe.problems() == []


def test_the_comparison_section_has_a_view_of_its_own(open_page: OpenPage) -> None:
    """Two diagrams on a future-state map's page: the map's and, in its #compare section, the
    comparison's. Each has its toolbar and zooms alone; a stage link in the comparison's table
    marks the stage in the map's diagram (the comparison has no stage grid to mark)."""
    probe = open_page(**VIEWPORTS["desktop"])
    probe.goto(FUTURE + "#compare", settle=False)
    page = probe.page
    live = "figure.jm-diagram.jm-diagram--live"
    page.wait_for_function(f"document.querySelectorAll('{live}').length === 2")
    ids = page.evaluate(f"[...document.querySelectorAll('{live}')].map((f) => f.id)")
    assert ids == ["diagram", "compare-diagram"]
    levels = (
        "(async () => { await " + FRAMES + ";"
        " return [...document.querySelectorAll('.jm-diagram__level')]"
        ".map((level) => level.textContent); })()"
    )
    before = page.evaluate(levels)
    page.click('#compare-diagram [data-jm-view="in"]')
    after = page.evaluate(levels)
    assert after[0] == before[0], "the map's diagram kept its zoom"
    assert percent(after[1]) > percent(before[1]), "the comparison zoomed in"
    page.click('#compare-diagram [data-jm-view="full"]')
    assert page.evaluate("document.fullscreenElement?.id") == "compare-diagram"
    page.keyboard.press("Escape")
    page.wait_for_function("document.fullscreenElement === null")
    page.locator('#compare-score-changes a[href$="#stage-comparison"]').first.click()
    page.wait_for_selector("#diagram .jm-mark")
    assert page.locator("#compare-diagram .jm-mark").count() == 0
    marked = page.evaluate(
        "[...document.querySelectorAll('tr.jm-stage--marked')].map((tr) => tr.dataset.stage)"
    )
    assert marked == ["comparison"]
    assert probe.problems() == []
