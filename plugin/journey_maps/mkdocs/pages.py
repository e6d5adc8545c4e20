"""Which pages the plugin generates, at which source paths, and their content.

Generated pages are virtual files (``File.generated``): nothing is written into docs_dir or
the maps folder, so ``mkdocs serve`` never sees its own output as a change. Every page
exists once per language tree, at the same path below the tree's prefix, so the language
selector can always go to "this page, in that language".

Each kind of page is a :class:`PageKind` in a registry: a feature adds its pages by
registering kinds from its own module (see :mod:`.browse_pages`), not by editing the plugin.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from .. import html
from ..svg import render_map_svg, render_thumbnail_svg
from .languages import LanguageTree

GALLERY = "gallery"
PERSONAS = "personas"
LANGUAGES = "languages"
MAP = "map"
PERSONA = "persona"


@dataclass(frozen=True)
class PageSpec:
    """A page to generate: which kind, which item, in which language tree."""

    kind: str
    item_id: str
    tree: LanguageTree = field(compare=False)

    @property
    def uri(self) -> str:
        return uri_for(self.kind, self.item_id, self.tree.prefix)

    def title(self) -> str:
        return str.__str__(KINDS[self.kind].title(self))

    def html_title(self) -> Markup:
        """The title as safe HTML: MkDocs themes print page titles without escaping."""
        return escape(self.title())

    def body(self, url_for: html.UrlFor, trees: list[LanguageTree]) -> str:
        return KINDS[self.kind].body(self, url_for, trees)


Body = Callable[[PageSpec, html.UrlFor, list[LanguageTree]], str]


@dataclass(frozen=True)
class PageKind:
    """A kind of generated page.

    ``items`` lists the item ids to generate in a tree (``[""]`` for a single page);
    ``section`` names the navigation section it is listed in (``None``: not listed, still
    reachable by links); ``multilingual_only`` pages exist only when the site has several
    languages. Pages that are not ``searchable`` stay out of the theme's search index:
    listings that only repeat what map pages say (facets, further pages) would crowd the
    results, and skipping them spares the search plugin parsing hundreds of pages.
    """

    name: str
    path: Callable[[str], str]
    title: Callable[[PageSpec], str]
    body: Body
    items: Callable[[LanguageTree], list[str]] = lambda tree: [""]
    section: str | None = None
    multilingual_only: bool = False
    searchable: bool = True


KINDS: dict[str, PageKind] = {}


def register(kind: PageKind) -> PageKind:
    """Add a kind of page; pages are generated, and listed in nav, in registration order."""
    KINDS[kind.name] = kind
    return kind


def uri_for(kind: str, item_id: str, prefix: str = "") -> str:
    """The virtual source path of a generated page in the tree with ``prefix``."""
    return prefix + KINDS[kind].path(item_id)


def page_specs(trees: list[LanguageTree]) -> dict[str, PageSpec]:
    """Every generated page by its virtual source path, in navigation order per tree."""
    specs: dict[str, PageSpec] = {}
    for tree in trees:
        for kind in KINDS.values():
            if kind.multilingual_only and len(trees) < 2:
                continue
            for item_id in kind.items(tree):
                spec = PageSpec(kind.name, item_id, tree)
                specs[spec.uri] = spec
    return specs


# --- the core pages: gallery, maps, personas, languages ------------------------------------


def _by_title(tree: LanguageTree) -> list[str]:
    maps = tree.gallery.maps.values()
    return [m.id for m in sorted(maps, key=lambda m: (m.title.casefold(), m.id))]


def _by_name(tree: LanguageTree) -> list[str]:
    people = tree.gallery.personas.values()
    return [p.id for p in sorted(people, key=lambda p: (p.name.casefold(), p.id))]


def _gallery_body(spec: PageSpec, url_for: html.UrlFor, trees: list[LanguageTree]) -> str:
    tree = spec.tree
    thumbnails = {
        map_id: render_thumbnail_svg(journey, labels=tree.diagram_labels, standalone=False)
        for map_id, journey in tree.gallery.maps.items()
    }
    available = {m for m in tree.gallery.maps if tree.localized.is_available(m)}
    return html.gallery_page(
        tree.gallery, url_for, tree.labels, thumbnails=thumbnails, available=available
    )


def _map_body(spec: PageSpec, url_for: html.UrlFor, trees: list[LanguageTree]) -> str:
    tree = spec.tree
    journey = tree.gallery.maps[spec.item_id]
    persona = tree.gallery.personas.get(journey.persona or "")
    diagram = render_map_svg(journey, persona, labels=tree.diagram_labels, standalone=False)
    languages = [
        html.LanguageLink(
            language=other.language,
            name=other.name,
            url=url_for(f"{MAP}@{other.language}", spec.item_id),
            completeness=other.localized.map_completeness.get(spec.item_id, 0.0),
        )
        for other in trees
    ]
    downloads = (
        tree.downloads.map_buttons(spec.item_id, tree.language, url_for) if tree.downloads else ""
    )
    return html.map_page(
        journey,
        tree.gallery,
        url_for,
        tree.labels,
        diagram=diagram,
        downloads=downloads,
        languages=languages if len(trees) > 1 else [],
    )


def _languages_body(spec: PageSpec, url_for: html.UrlFor, trees: list[LanguageTree]) -> str:
    summaries = [
        html.LanguageSummary(
            language=other.language,
            name=other.name,
            url=url_for(f"{GALLERY}@{other.language}", ""),
            completeness=other.localized.map_completeness,
        )
        for other in trees
    ]
    return html.languages_page(summaries, spec.tree.gallery, url_for, spec.tree.labels)


register(
    PageKind(
        GALLERY,
        path=lambda _: "maps/index.md",
        title=lambda spec: spec.tree.labels.gallery,
        body=_gallery_body,
        section=GALLERY,
    )
)
register(
    PageKind(
        MAP,
        path=lambda item_id: f"maps/{item_id}/index.md",
        title=lambda spec: spec.tree.gallery.maps[spec.item_id].title,
        body=_map_body,
        items=_by_title,
        section=GALLERY,
    )
)
register(
    PageKind(
        PERSONAS,
        path=lambda _: "personas/index.md",
        title=lambda spec: spec.tree.labels.personas,
        body=lambda spec, url_for, trees: html.personas_page(
            spec.tree.gallery, url_for, spec.tree.labels
        ),
        section=PERSONAS,
    )
)
register(
    PageKind(
        PERSONA,
        path=lambda item_id: f"personas/{item_id}/index.md",
        title=lambda spec: spec.tree.gallery.personas[spec.item_id].name,
        body=lambda spec, url_for, trees: html.persona_page(
            spec.tree.gallery.personas[spec.item_id], spec.tree.gallery, url_for, spec.tree.labels
        ),
        items=_by_name,
        section=PERSONAS,
    )
)
register(
    PageKind(
        LANGUAGES,
        path=lambda _: "languages/index.md",
        title=lambda spec: spec.tree.labels.languages,
        body=_languages_body,
        section=LANGUAGES,
        multilingual_only=True,
    )
)

GALLERY_URI = uri_for(GALLERY, "")
PERSONAS_URI = uri_for(PERSONAS, "")
