"""Finished HTML kept away from the parts of MkDocs that would only re-read it.

Two hand-offs, both keyed by the page's source URI:

* **Markdown**: a generated page body is finished HTML. Python-Markdown would re-parse every
  raw HTML block (inline SVGs are tens of kB) only to pass it through, so the body goes in as
  a placeholder paragraph and comes back in ``on_page_content``.
* **Search**: mkdocs-material's search plugin parses ``page.content`` tag by tag in
  ``on_page_context``. Our diagrams are about half of all the tags of a gallery, and their
  texts repeat the stage table that is already indexed (plus legend words like "Positive"
  that would match every map); blocks our templates leave out of search (visible stage rows,
  gallery cards, registries) would be parsed only to be skipped. So each diagram, and each
  block between ``<!--jm:noindex-->`` and ``<!--/jm:noindex-->``, is swapped for a comment
  after ``on_page_content`` and put back into the finished page in ``on_post_page``: faster
  builds, a smaller search index, and results that point at the stage anchors.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable

#: The root element of every SVG our renderer writes (diagrams, thumbnails, comparisons,
#: fences). User text cannot forge it: every string from YAML is escaped. They never nest,
#: so a diagram ends at its first ``</svg>``: written as "text without ``<``, then a ``<``
#: that does not start ``</svg>``, ..." the engine scans the drawing once (``.*?`` tried
#: the end tag at every character, five times slower on a map page).
_DIAGRAM = re.compile(
    r'<svg xmlns="http://www\.w3\.org/2000/svg" [^>]*\bclass="jm-svg[ "]'
    r"[^<]*(?:<(?!/svg>)[^<]*)*</svg>"
)
#: A block our templates leave out of search, between these: kept whole, and put back
#: without the markers.
_NOINDEX_OPEN, _NOINDEX_CLOSE = "<!--jm:noindex-->", "<!--/jm:noindex-->"
_HIDDEN = re.compile(r"<!--JOURNEYMAPSHIDDEN\d+X[0-9a-f]+-->")


class HtmlStash:
    """Placeholders out, HTML back in, per page."""

    def __init__(self) -> None:
        self._bodies: dict[str, dict[str, str]] = {}
        self._hidden: dict[str, dict[str, str]] = {}

    def stash(self, page_uri: str, html_text: str) -> str:
        """A placeholder word for ``html_text``: Markdown turns it into ``<p>word</p>``."""
        stash = self._bodies.setdefault(page_uri, {})
        marker = f"JOURNEYMAPSHTML{len(stash)}X{_tag(page_uri)}"
        stash[marker] = html_text
        return marker

    def restore(self, page_uri: str, html_text: str) -> str:
        """Put the stashed bodies back where Markdown left their placeholders."""
        for marker, body in self._bodies.pop(page_uri, {}).items():
            html_text = html_text.replace(f"<p>{marker}</p>", body, 1)
        return html_text

    def hide(self, page_uri: str, html_text: str) -> str:
        """Take the diagrams and the blocks left out of search out until the page is done."""
        if "jm:noindex" not in html_text and 'class="jm-svg' not in html_text:
            return html_text
        hidden: dict[str, str] = {}
        tag = _tag(page_uri)

        def defer(text: str) -> str:
            marker = f"<!--JOURNEYMAPSHIDDEN{len(hidden)}X{tag}-->"
            hidden[marker] = text
            return marker

        html_text = _noindex_sub(html_text, defer)
        html_text = _DIAGRAM.sub(lambda match: defer(match.group(0)), html_text)
        self._hidden[page_uri] = hidden
        return html_text

    def finish(self, page_uri: str, output: str) -> str:
        """The finished page with everything hidden back in place."""
        hidden = self._hidden.pop(page_uri, None)
        if not hidden:
            return output
        return _HIDDEN.sub(lambda match: hidden.get(match.group(0), match.group(0)), output)

    def clear(self) -> None:
        """Forget pages a failed build left half-way (``mkdocs serve`` keeps the plugin)."""
        self._bodies.clear()
        self._hidden.clear()


def _noindex_sub(html_text: str, defer: Callable[[str], str]) -> str:
    """Each block between the no-index markers (the first end after each start) replaced
    by ``defer(block)``: found with ``str.find``, as a lazy ``.*?`` tried the end marker at
    every character, which was most of the time of hiding on a map page."""
    parts: list[str] = []
    done = 0
    while (start := html_text.find(_NOINDEX_OPEN, done)) >= 0:
        inner = start + len(_NOINDEX_OPEN)
        end = html_text.find(_NOINDEX_CLOSE, inner)
        if end < 0:
            break
        parts += [html_text[done:start], defer(html_text[inner:end])]
        done = end + len(_NOINDEX_CLOSE)
    if not parts:
        return html_text
    parts.append(html_text[done:])
    return "".join(parts)


def _tag(page_uri: str) -> str:
    return f"{zlib.crc32(page_uri.encode()):x}"
