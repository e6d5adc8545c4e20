"""Which pages the plugin generates, at which source paths, and their content.

Generated pages are virtual files (``File.generated``): nothing is written into docs_dir or
the maps folder, so ``mkdocs serve`` never sees its own output as a change. Every page
exists once per language tree, at the same path below the tree's prefix, so the language
selector can always go to "this page, in that language".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup, escape

from .. import html
from ..svg import render_map_svg, render_thumbnail_svg
from .languages import LanguageTree

GALLERY = "gallery"
PERSONAS = "personas"
LANGUAGES = "languages"
MAP = "map"
PERSONA = "persona"

_PATHS: dict[str, Callable[[str], str]] = {
    GALLERY: lambda _: "maps/index.md",
    MAP: lambda item_id: f"maps/{item_id}/index.md",
    PERSONAS: lambda _: "personas/index.md",
    PERSONA: lambda item_id: f"personas/{item_id}/index.md",
    LANGUAGES: lambda _: "languages/index.md",
}

GALLERY_URI = _PATHS[GALLERY]("")
PERSONAS_URI = _PATHS[PERSONAS]("")


def uri_for(kind: str, item_id: str, prefix: str = "") -> str:
    """The virtual source path of a generated page in the tree with ``prefix``."""
    return prefix + _PATHS[kind](item_id)


@dataclass(frozen=True)
class PageSpec:
    """A page to generate: what it shows, in which language tree."""

    kind: str
    item_id: str
    tree: LanguageTree

    @property
    def uri(self) -> str:
        return uri_for(self.kind, self.item_id, self.tree.prefix)

    def title(self) -> str:
        t, gallery = self.tree.labels, self.tree.gallery
        if self.kind == MAP:
            return str.__str__(gallery.maps[self.item_id].title)
        if self.kind == PERSONA:
            return str.__str__(gallery.personas[self.item_id].name)
        return {GALLERY: t.gallery, PERSONAS: t.personas, LANGUAGES: t.languages}[self.kind]

    def html_title(self) -> Markup:
        """The title as safe HTML: MkDocs themes print page titles without escaping."""
        return escape(self.title())

    def body(self, url_for: html.UrlFor, trees: list[LanguageTree]) -> str:
        tree, t = self.tree, self.tree.labels
        gallery = tree.gallery
        if self.kind == MAP:
            journey = gallery.maps[self.item_id]
            persona = gallery.personas.get(journey.persona or "")
            diagram = render_map_svg(journey, persona, labels=tree.diagram_labels, standalone=False)
            return html.map_page(
                journey,
                gallery,
                url_for,
                t,
                diagram=diagram,
                languages=_map_languages(self.item_id, trees, url_for),
            )
        if self.kind == PERSONA:
            return html.persona_page(gallery.personas[self.item_id], gallery, url_for, t)
        if self.kind == PERSONAS:
            return html.personas_page(gallery, url_for, t)
        if self.kind == LANGUAGES:
            return html.languages_page(
                [
                    html.LanguageSummary(
                        language=other.language,
                        name=other.name,
                        url=url_for(f"{GALLERY}@{other.language}", ""),
                        completeness=other.localized.map_completeness,
                    )
                    for other in trees
                ],
                gallery,
                url_for,
                t,
            )
        thumbnails = {
            map_id: render_thumbnail_svg(journey, labels=tree.diagram_labels, standalone=False)
            for map_id, journey in gallery.maps.items()
        }
        available = {m for m in gallery.maps if tree.localized.is_available(m)}
        return html.gallery_page(gallery, url_for, t, thumbnails=thumbnails, available=available)


def _map_languages(
    map_id: str, trees: list[LanguageTree], url_for: html.UrlFor
) -> list[html.LanguageLink]:
    if len(trees) < 2:
        return []
    return [
        html.LanguageLink(
            language=tree.language,
            name=tree.name,
            url=url_for(f"{MAP}@{tree.language}", map_id),
            completeness=tree.localized.map_completeness.get(map_id, 0.0),
        )
        for tree in trees
    ]


def page_specs(trees: list[LanguageTree]) -> dict[str, PageSpec]:
    """Every generated page by its virtual source path, in navigation order per tree."""
    specs: dict[str, PageSpec] = {}
    for tree in trees:
        gallery = tree.gallery
        entries = [PageSpec(GALLERY, "", tree)]
        entries += [
            PageSpec(MAP, m.id, tree)
            for m in sorted(gallery.maps.values(), key=lambda m: (m.title.casefold(), m.id))
        ]
        entries.append(PageSpec(PERSONAS, "", tree))
        entries += [
            PageSpec(PERSONA, p.id, tree)
            for p in sorted(gallery.personas.values(), key=lambda p: (p.name.casefold(), p.id))
        ]
        if len(trees) > 1:
            entries.append(PageSpec(LANGUAGES, "", tree))
        specs.update((spec.uri, spec) for spec in entries)
    return specs
