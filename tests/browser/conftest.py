"""Fixtures for the browser tests: the sample site on a local HTTP server, one headless Chromium.

Without Chromium (Debian's package, at /usr/bin/chromium or $CHROMIUM) the browser tests skip
with a one-line hint; under CI=true they fail instead, so CI never passes without running them.
Playwright drives the system Chromium: ``playwright install`` is never needed.
"""

from __future__ import annotations

import functools
import os
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn
from urllib.parse import urlsplit

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

    from conftest import Site

REPO = Path(__file__).resolve().parents[2]
IN_CI = os.environ.get("CI", "").lower() == "true"
CHROMIUM_HINT = "install Debian's chromium (apt-get install chromium) to run browser tests"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# The only third-party hosts a page may load from: mkdocs-material's default theme.font
# (Roboto from Google Fonts). Anything else (an image, a script) would be a leak from our markup.
ALLOWED_EXTERNAL_HOSTS = {"fonts.googleapis.com", "fonts.gstatic.com"}


def unavailable(hint: str) -> NoReturn:
    """Skip with ``hint``; under CI=true fail instead: CI must run every browser test."""
    if IN_CI:
        pytest.fail(f"CI=true but a browser test requirement is missing: {hint}", pytrace=False)
    pytest.skip(hint)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = os.environ.get("CHROMIUM") or "/usr/bin/chromium"
    if not (Path(path).is_file() and os.access(path, os.X_OK)):
        unavailable(CHROMIUM_HINT)
    return path


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # The browser drops connections it no longer needs when a test moves on to the next page.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serving(directory: Path) -> Iterator[str]:
    """``http://127.0.0.1:<free port>/`` serving ``directory`` (which may be filled later: the
    address is known before a site is built for it)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def server_url(chromium_path: str, sample_site: Site) -> Iterator[str]:
    """The built sample site on a local server (its site_url is a root path)."""
    with serving(sample_site.site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[Browser]:
    """One headless Chromium for the whole session (Playwright adds --headless itself)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("pip install -r requirements-dev.txt (playwright) to run browser tests")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium_path, args=LAUNCH_ARGS)
        try:
            yield instance
        finally:
            instance.close()


@dataclass
class Probe:
    """A page in its own browser context that records everything that went wrong on it."""

    page: Page
    base: str
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)
    in_flight: set[Any] = field(default_factory=set)

    def attach(self) -> None:
        page = self.page
        page.on("request", lambda request: self.in_flight.add(request))
        page.on("requestfinished", lambda request: self.in_flight.discard(request))
        page.on("requestfailed", lambda request: self.in_flight.discard(request))
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.console_errors.append(f"uncaught: {error}"))
        page.on(
            "requestfailed",
            lambda request: self.failed_requests.append(f"{request.url}: {request.failure}"),
        )
        page.on(
            "response",
            lambda response: (
                self.failed_requests.append(f"{response.url}: HTTP {response.status}")
                if response.status >= 400
                else None
            ),
        )

    def _on_console(self, message: Any) -> None:
        if message.type == "error":
            location = message.location or {}
            where = location.get("url", "")
            self.console_errors.append(f"{message.text} ({where})" if where else message.text)

    def url(self, path: str) -> str:
        return self.base + path.lstrip("/")

    def goto(self, path: str, *, settle: bool = True) -> None:
        """Open a site path; ``settle`` also waits for what loads after the load event (search
        index, sitemap, favicon), so the next navigation cuts nothing off that would then be
        reported as failed. Faster than Playwright's "networkidle", which idles 500 ms a page."""
        response = self.page.goto(self.url(path), wait_until="load")
        assert response is not None and response.status == 200, f"{path}: {response}"
        if settle:
            self.settle()

    def settle(self, quiet_ms: int = 100, limit_ms: int = 10_000) -> None:
        quiet = waited = 0
        while quiet < quiet_ms:
            assert waited < limit_ms, (
                f"requests still running after {limit_ms} ms: {self.in_flight}"
            )
            self.page.wait_for_timeout(20)  # also lets Playwright deliver the page's events
            waited += 20
            quiet = 0 if self.in_flight else quiet + 20

    def problems(self) -> list[str]:
        """Console errors, failed requests and unexpected third-party requests so far; clears."""
        found = [f"console error: {text}" for text in self.console_errors]
        found += [f"failed request: {text}" for text in self.failed_requests]
        found += [
            f"third-party request: {url}"
            for url in self.external
            if urlsplit(url).hostname not in ALLOWED_EXTERNAL_HOSTS
        ]
        self.console_errors.clear()
        self.failed_requests.clear()
        self.external.clear()
        return found


OpenPage = Callable[..., Probe]


@pytest.fixture
def open_page(browser: Browser, server_url: str) -> Iterator[OpenPage]:
    """``open_page(color_scheme="dark", viewport={...})``: a fresh context and page per call,
    on the sample site or on the site served at ``base``.

    Requests that leave the local server are answered with an empty 200 here (the test machine
    may be offline; a font stylesheet is no part of what we test) and recorded in ``external``.
    """
    contexts: list[BrowserContext] = []

    def factory(base: str = server_url, **options: Any) -> Probe:
        context = browser.new_context(**options)
        contexts.append(context)
        page = context.new_page()
        probe = Probe(page, base)

        def offline(route: Any) -> None:
            probe.external.append(route.request.url)
            route.fulfill(status=200, body="", content_type="text/css")

        context.route(lambda url: not url.startswith(base), offline)
        probe.attach()
        return probe

    try:
        yield factory
    finally:
        for context in contexts:
            context.close()


@pytest.fixture
def page(open_page: OpenPage) -> Probe:
    """A light-scheme desktop page (1280×900) that records console errors and failed requests."""
    return open_page(viewport={"width": 1280, "height": 900})
