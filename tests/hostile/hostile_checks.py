"""What "nothing executable came out" means for a built site, checked file by file."""

from __future__ import annotations

import hashlib
import os
import re
import resource
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

#: Attributes that a browser follows or loads as a URL.
URL_ATTRIBUTES = frozenset(
    {
        "href",
        "src",
        "xlink:href",
        "action",
        "formaction",
        "poster",
        "background",
        "cite",
        "data",
        "ping",
        "srcset",
        "codebase",
        "manifest",
        "longdesc",
    }
)
_DANGEROUS_SCHEME = re.compile(r"^(?:javascript|vbscript|data|livescript|mocha):", re.IGNORECASE)
#: Characters browsers drop from a URL before looking at its scheme.
_URL_NOISE = re.compile(r"[\x00-\x20\x7f\u00ad\u200b-\u200d\u2060\ufeff]")
#: Elements that run code, embed other documents or change where links go.
FORBIDDEN_ELEMENTS = frozenset(
    {"iframe", "frame", "object", "embed", "applet", "base", "foreignobject", "handler"}
)
_RELATIVE = re.compile(r'"(?:\.\./)*\.\.?"|"/"|(?:\.\./)+|"\.\./?"')


def script_signature(attrs: dict[str, str | None], body: str) -> str:
    """What identifies a theme script whatever page it is on (relative paths vary)."""
    src = attrs.get("src")
    if src:
        return "src:" + src.rsplit("/", 1)[-1]
    normalized = _RELATIVE.sub("REL", body.strip())
    return f"inline:{attrs.get('type') or ''}:" + hashlib.sha256(normalized.encode()).hexdigest()


@dataclass
class PageReport:
    """Everything found in one HTML page."""

    scripts: list[str] = field(default_factory=list)
    event_attributes: list[str] = field(default_factory=list)
    dangerous_urls: list[str] = field(default_factory=list)
    forbidden: list[str] = field(default_factory=list)
    #: ``<meta http-equiv="refresh">`` targets: allowed only in the redirect stubs that keep
    #: old addresses working (checked by the tests: relative, inside the site, no content)
    refreshes: list[str] = field(default_factory=list)
    svgs: list[str] = field(default_factory=list)
    titles: int = 0
    text: list[str] = field(default_factory=list)


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.report = PageReport()
        self._script: dict[str, str | None] | None = None
        self._script_body: list[str] = []
        self._in_head = False
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        report = self.report
        for name, value in attrs:
            if name.startswith("on"):
                report.event_attributes.append(f"<{tag} {name}={value!r}>")
            if name in URL_ATTRIBUTES and value is not None:
                cleaned = _URL_NOISE.sub("", unescape(value))
                if _DANGEROUS_SCHEME.match(cleaned):
                    report.dangerous_urls.append(f"<{tag} {name}={value[:80]!r}>")
            if name == "style" and value and re.search(r"javascript:|expression\(", value, re.I):
                report.dangerous_urls.append(f"<{tag} style={value[:80]!r}>")
        if tag == "meta" and (dict(attrs).get("http-equiv") or "").lower() == "refresh":
            content = dict(attrs).get("content") or ""
            report.refreshes.append(content.partition("url=")[2] if "url=" in content else "")
        if tag in FORBIDDEN_ELEMENTS:
            report.forbidden.append(f"<{tag}>")
        if tag == "head":
            self._in_head = True
        if tag == "title" and self._in_head:
            report.titles += 1
        if tag == "script":
            self._script = dict(attrs)
            self._script_body = []
        if tag in ("script", "style", "title"):
            self._skip += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in ("script", "style", "title"):
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self._in_head = False
        if tag == "script" and self._script is not None:
            self.report.scripts.append(script_signature(self._script, "".join(self._script_body)))
            self._script = None
        if tag in ("script", "style", "title") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script_body.append(data)
        elif not self._skip:
            self.report.text.append(data)


_SVG = re.compile(r"<svg\b.*?</svg>", re.DOTALL)


def scan_page(html: str) -> PageReport:
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    scanner.report.svgs = _SVG.findall(html)
    return scanner.report


def svg_problems(svg: str, *, diagram: bool) -> list[str]:
    """Why an SVG (inline or a file) is not well-formed, accessible and inert."""
    try:
        root = ET.fromstring(svg)
    except ET.ParseError as exc:
        return [f"not well-formed XML: {exc}"]
    problems: list[str] = []
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1].lower()
        if tag in ("script", "foreignobject", "iframe", "a", "image", "use", "animate", "set"):
            problems.append(f"<{tag}> in SVG")
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1].lower()
            if local.startswith("on"):
                problems.append(f"event attribute {local} in SVG")
            if local == "href" or ("url(" in value and "javascript" in value.lower()):
                problems.append(f"link {local}={value[:60]!r} in SVG")
    if diagram and root.get("aria-hidden") == "true":
        # a decorative thumbnail repeats its card's text: nothing for assistive technology
        if root.get("role") or [c for c in root if c.tag.rsplit("}", 1)[-1] in ("title", "desc")]:
            problems.append("a decorative (aria-hidden) diagram has a role or a title")
    elif diagram:
        if root.get("role") != "img":
            problems.append('the diagram has no role="img"')
        children = [child.tag.rsplit("}", 1)[-1] for child in root]
        if children[:2] != ["title", "desc"]:
            problems.append(f"the diagram does not start with <title> and <desc>: {children[:2]}")
    return problems


def is_diagram(svg: str) -> bool:
    return 'class="jm-svg' in svg[:400]


# --- running commands within bounds -------------------------------------------------------------

MEMORY_LIMIT = 1536 * 1024 * 1024  # bytes of address space for one child process


def _limit_memory() -> None:  # pragma: no cover - runs in the child
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_bounded(
    command: Sequence[str],
    *,
    cwd: Path,
    env: dict[str, str] | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    """Run ``command`` with a memory limit; exceeding ``timeout`` fails the test."""
    return subprocess.run(
        list(command),
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="backslashreplace",
        timeout=timeout,
        preexec_fn=_limit_memory,
        check=False,
    )


def mkdocs_build(
    root: Path, env: dict[str, str], *, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    site_dir = root / "site"
    return run_bounded(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=root,
        env=env,
        timeout=timeout,
    )


def journey_maps(
    args: Sequence[str], *, cwd: Path, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    return run_bounded(
        [sys.executable, "-m", "journey_maps.cli", *args],
        cwd=cwd,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=timeout,
    )


# --- snapshots ------------------------------------------------------------------------------


def snapshot(root: Path) -> dict[str, tuple[int, str]]:
    """Every file and folder under ``root`` with its size and content hash."""
    found: dict[str, tuple[int, str]] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames:
            found[os.path.relpath(os.path.join(dirpath, name), root) + "/"] = (0, "")
        for name in filenames:
            path = os.path.join(dirpath, name)
            with open(path, "rb") as handle:
                data = handle.read()
            found[os.path.relpath(path, root)] = (len(data), hashlib.sha256(data).hexdigest())
    return found
