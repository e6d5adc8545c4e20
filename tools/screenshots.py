"""Regenerate the screenshots shown in the README and docs (``make screenshots``).

For three sample maps (a journey, a day in the life, an empathy map) it writes the diagram
as rendered by headless Chromium on the built site and as rendered by cairosvg from the
standalone SVG: the two must look alike, since browser, PNG and PDF share one drawing. The
browser shots are taken in a window wide enough for the whole diagram at its drawn size.

It also shows the diagram view: the 7-stage sample's page at 1440×900, fitted to the width,
and the same page on a 390×844 phone in the dark scheme (the fitted diagram over the stages
read as cards).
"""

from __future__ import annotations

import functools
import http.server
import math
import os
import re
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import cairosvg
from playwright.sync_api import Page, sync_playwright

from journey_maps.core.gallery import Gallery
from journey_maps.core.model import JourneyMap
from journey_maps.load.folder import load_gallery
from journey_maps.render.svg import render_map_svg

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "assets" / "screenshots"
MAPS = {
    "journey": "colleen-vacuum-current",
    "day-in-the-life": "jana-day-in-the-life",
    "empathy": "colleen-vacuum-empathy",
}
SEVEN_STAGES = "petra-scheduling-software"
# The diagram at the top of the window, under the site header (its scroll-margin-top).
TO_DIAGRAM = "document.querySelector('figure.jm-diagram').scrollIntoView()"
LIVE = "figure.jm-diagram.jm-diagram--live"
# The theme swaps the header's title for the page's as it scrolls: wait until that is done.
SETTLED = "document.getAnimations().every((a) => a.playState !== 'running')"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _drawn_size(journey: JourneyMap, gallery: Gallery) -> tuple[int, int]:
    """Width and height of a map's diagram in px, from its standalone SVG."""
    svg = render_map_svg(journey, gallery.personas.get(journey.persona or ""))
    found = re.search(r'<svg [^>]*width="([\d.]+)" height="([\d.]+)"', svg)
    if found is None:
        raise SystemExit(f"{journey.id}: no size on the diagram's <svg>")
    return math.ceil(float(found[1])), math.ceil(float(found[2]))


def _view_shot(page: Page, url: str, suffix: str) -> None:
    """map-page<suffix>.png: the page at ``url`` scrolled to its diagram, as it opens."""
    page.goto(url, wait_until="load")
    page.wait_for_selector(LIVE)
    page.evaluate(TO_DIAGRAM)
    page.wait_for_function(SETTLED)
    page.screenshot(path=str(OUT / f"map-page{suffix}.png"))
    page.close()


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    gallery, problems = load_gallery(ROOT / "maps")
    if problems.errors:
        print("\n".join(p.format() for p in problems.errors), file=sys.stderr)
        return 1
    for name, map_id in MAPS.items():
        journey = gallery.maps[map_id]
        svg = render_map_svg(journey, gallery.personas.get(journey.persona or ""))
        cairosvg.svg2png(
            bytestring=svg.encode("utf-8"), write_to=str(OUT / f"{name}-cairosvg.png"), dpi=96
        )
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", str(site)],
            cwd=ROOT,
            env=env,
            check=True,
        )
        handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(
                    executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
                    args=CHROMIUM_ARGS,
                )
                seven = f"{base}/maps/{SEVEN_STAGES}/"
                _view_shot(browser.new_page(viewport={"width": 1440, "height": 900}), seven, "")
                phone = browser.new_page(
                    viewport={"width": 390, "height": 844},
                    color_scheme="dark",
                    is_mobile=True,
                    has_touch=True,
                    device_scale_factor=2,
                )
                _view_shot(phone, seven, "-phone")
                for name, map_id in MAPS.items():
                    width, height = _drawn_size(gallery.maps[map_id], gallery)
                    # Room for the drawn size beside the page margins: "fit" keeps 100 %.
                    page = browser.new_page(viewport={"width": width + 64, "height": height + 400})
                    page.goto(f"{base}/maps/{map_id}/", wait_until="load")
                    page.wait_for_selector(LIVE)
                    level = page.locator(".jm-diagram__level").inner_text()
                    if level.strip() != "100%":
                        raise SystemExit(f"{map_id}: shown at {level}, not at its drawn size")
                    page.locator(".jm-diagram__scroll > svg").screenshot(
                        path=str(OUT / f"{name}-chromium.png")
                    )
                    page.close()
                browser.close()
        finally:
            server.shutdown()
    for path in sorted(OUT.glob("*.png")):
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
