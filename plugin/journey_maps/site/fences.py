"""Diagrams inside hand-written pages: Mermaid ``journey`` fences and embedded gallery maps.

Three fenced blocks are turned into our server-side SVG before Markdown runs:

* ```` ```journey-map ```` with ``map: <id>`` (and optionally ``stage: <id>``) embeds a
  gallery map, or one of its stages, linked to its map page;
* ```` ```journey ```` holds a Mermaid ``journey`` diagram (the header line is optional);
* ```` ```mermaid ```` whose diagram Mermaid takes for a ``journey`` (its first word after
  front matter, ``%%{init: ...}%%`` directives and ``%%`` comments) is drawn by us too, when
  the plugin's ``mermaid_journeys`` option is on; every other Mermaid diagram is left for the
  client-side Mermaid integration.

A block that cannot be drawn is left as it was and reported with the page, line and column,
so a strict build fails on it like on an invalid map file. A journey Mermaid would draw is
drawn, even one without tasks (an empty diagram); what our map cannot keep of it is a warning.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup, escape

from journey_maps.core.errors import GalleryError, Problem, Problems
from journey_maps.core.model import JourneyMap
from journey_maps.formats.mermaid import is_mermaid_journey, mermaid_to_map
from journey_maps.load.yaml import load_text
from journey_maps.render.svg import render_map_svg
from journey_maps.site.html import diagram_figure
from journey_maps.site.trees import LanguageTree

_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\n]*)$")
LANGUAGES = ("journey-map", "journey", "mermaid")


@dataclass(frozen=True)
class Block:
    """A top-level fenced block: its lines (start inclusive, end exclusive) and body."""

    start: int
    end: int
    indent: str
    lang: str
    body: str


def top_level_fences(lines: list[str]) -> list[Block]:
    """Fenced blocks not inside another fenced block, so an example shown as source in a
    ``~~~text`` block is shown, not drawn."""
    blocks: list[Block] = []
    index = 0
    while index < len(lines):
        opening = _OPEN.match(lines[index].rstrip("\n"))
        if opening is None:
            index += 1
            continue
        fence = opening["fence"]
        closing = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        end = index + 1
        while end < len(lines) and not closing.match(lines[end].rstrip("\n")):
            end += 1
        words = opening["info"].split()
        blocks.append(
            Block(
                index,
                min(end + 1, len(lines)),
                opening["indent"],
                words[0] if words else "",
                "".join(lines[index + 1 : end]),
            )
        )
        index = end + 1
    return blocks


@dataclass(frozen=True)
class Embed:
    """What replaced a fence: the HTML, or the problems that kept it from being drawn."""

    html: str | None
    problems: Problems


def _dedent(body: str, indent: str) -> str:
    return "".join(
        line[len(indent) :] if line.startswith(indent) else line
        for line in body.splitlines(keepends=True)
    )


def _one_stage(journey: JourneyMap, stage_id: str) -> JourneyMap | None:
    """A copy of ``journey`` showing only one stage (links to other stages dropped)."""
    if journey.stage(stage_id) is None:
        return None
    copy = journey.model_copy(deep=True)
    if copy.stages is not None:
        copy.stages = [s for s in copy.stages if s.id == stage_id]
        for stage in copy.stages:
            stage.loops_back_to = [link for link in stage.loops_back_to if link.stage == stage_id]
    if copy.slots is not None:
        copy.slots = [s for s in copy.slots if s.id == stage_id]
    return copy


class FenceRenderer:
    """Replaces diagram fences in one page's Markdown."""

    def __init__(
        self,
        tree: LanguageTree,
        *,
        page_path: str,
        map_url: Callable[[str], str],
        mermaid: bool,
        line_offset: int = 0,
    ) -> None:
        self.tree = tree
        self.page_path = page_path
        self.line_offset = line_offset  # lines of front matter above the Markdown
        self.map_url = map_url
        self.mermaid = mermaid
        self.problems = Problems()
        self.count = 0

    def __call__(self, markdown: str, stash: Callable[[str], str] | None = None) -> str:
        """The page with drawable fences replaced by HTML, or by ``stash(html)``'s placeholder
        (the caller then puts the HTML back after Markdown has run)."""
        lines = markdown.splitlines(keepends=True)
        out: list[str] = []
        done = 0
        for block in top_level_fences(lines):
            if block.lang not in LANGUAGES:
                continue
            html = self._replace(block)
            if html is not None:
                out += lines[done : block.start]
                # an indented block (in a list) stays inline: a placeholder would leave the list
                top = stash is not None and not block.indent
                out.append(f"\n{stash(html)}\n\n" if stash is not None and top else html)
                done = block.end
        return "".join(out + lines[done:])

    def _replace(self, block: Block) -> str | None:
        lang, body = block.lang, _dedent(block.body, block.indent)
        line = block.start + 1 + self.line_offset
        if lang == "mermaid" and not (self.mermaid and is_mermaid_journey(body)):
            return None
        self.count += 1
        prefix = f"jm-embed-{self.count}"
        if lang == "journey-map":
            html = self._gallery_map(body, line, prefix)
        else:  # a ```journey block may leave out the header line
            html = self._mermaid(body, line, prefix, header=lang == "mermaid")
        return None if html is None else block.indent + html

    def _gallery_map(self, body: str, line: int, prefix: str) -> str | None:
        found = Problems()
        doc = load_text(self.page_path, body, found)
        spec = doc.data if doc is not None else {}
        map_id = spec.get("map") if isinstance(spec, dict) else None
        journey = self.tree.gallery.maps.get(str(map_id)) if map_id else None
        if journey is None:
            known = ", ".join(sorted(self.tree.gallery.maps)) or "none"
            self.problems.add(
                self.page_path,
                line + 1,
                1,
                f"journey-map block: no map '{map_id}' in the gallery; write 'map: <id>' "
                f"with one of: {known}",
            )
            return None
        shown = journey
        stage_id = spec.get("stage")
        if stage_id is not None:
            one = _one_stage(journey, str(stage_id))
            if one is None:
                stages = ", ".join(s.id for s in journey.columns)
                self.problems.add(
                    self.page_path,
                    line + 2,
                    1,
                    f"journey-map block: map '{journey.id}' has no stage '{stage_id}'; "
                    f"stages: {stages}",
                )
                return None
            shown = one
        persona = self.tree.gallery.personas.get(journey.persona or "")
        svg = render_map_svg(
            shown, persona, labels=self.tree.diagram_labels, standalone=False, id_prefix=prefix
        )
        anchor = f"#stage-{stage_id}" if stage_id else ""
        title = str.__str__(journey.title)
        caption = Markup('<a href="{}">{}</a>').format(self.map_url(journey.id) + anchor, title)
        return diagram_figure(svg, self.tree.labels, label=title, caption=caption, cls="jm-embed")

    def _mermaid(self, body: str, line: int, prefix: str, *, header: bool) -> str | None:
        warnings = Problems()
        try:
            journey = mermaid_to_map(
                body,
                path=self.page_path,
                personas=self.tree.gallery.personas,
                warnings=warnings,
                header=header,
                allow_empty=True,
            )
        except GalleryError as error:
            self._report(error.problems, line)
            return None
        finally:
            self._report(warnings.sorted(), line)
        journey.id = journey.id or prefix
        persona = self.tree.gallery.personas.get(journey.persona or "")
        svg = render_map_svg(
            journey, persona, labels=self.tree.diagram_labels, standalone=False, id_prefix=prefix
        )
        title = str.__str__(journey.title)
        return diagram_figure(
            svg, self.tree.labels, label=title, caption=escape(title), cls="jm-embed"
        )

    def _report(self, problems: list[Problem], line: int) -> None:
        """Problems of a fence's Mermaid text, at their place in the page."""
        for problem in problems:
            self.problems.add(
                self.page_path,
                line + problem.line,
                problem.column,
                f"Mermaid journey: {problem.message}",
                problem.severity,
            )
