"""Regenerate the screenshots shown in the README and docs (``make screenshots``).

For three sample maps (a journey, a day in the life, an empathy map) it writes the diagram
as rendered by headless Chromium on the built site and as rendered by cairosvg from the
standalone SVG: the two must look alike, since browser, PNG and PDF share one drawing.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import cairosvg
from playwright.sync_api import sync_playwright

from journey_maps.load.folder import load_gallery
from journey_maps.render.svg import render_map_svg

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "assets" / "screenshots"
MAPS = {
    "journey": "colleen-vacuum-current",
    "day-in-the-life": "jana-day-in-the-life",
    "empathy": "colleen-vacuum-empathy",
}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


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
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                page.goto(f"{base}/maps/{MAPS['journey']}/", wait_until="load")
                # the theme scrolls the active entry into view; show the nav from its top
                page.evaluate(
                    "document.querySelectorAll('.md-sidebar__scrollwrap')"
                    ".forEach((wrap) => { wrap.scrollTop = 0; })"
                )
                page.screenshot(path=str(OUT / "map-page.png"))
                for name, map_id in MAPS.items():
                    page.goto(f"{base}/maps/{map_id}/", wait_until="load")
                    page.locator(".jm-diagram svg").first.screenshot(
                        path=str(OUT / f"{name}-chromium.png")
                    )
                browser.close()
        finally:
            server.shutdown()
    for path in sorted(OUT.glob("*.png")):
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
