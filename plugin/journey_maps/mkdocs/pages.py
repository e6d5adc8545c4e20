"""Which pages the plugin generates, at which source paths, and their content.

Generated pages are virtual files (``File.generated``): nothing is written into docs_dir or
the maps folder, so ``mkdocs serve`` never sees its own output as a change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup, escape

from .. import html
from ..html.labels import Labels
from ..validate import Gallery

GALLERY_URI = "maps/index.md"
PERSONAS_URI = "personas/index.md"


def map_uri(map_id: str) -> str:
    return f"maps/{map_id}/index.md"


def persona_uri(persona_id: str) -> str:
    return f"personas/{persona_id}/index.md"


@dataclass(frozen=True)
class PageSpec:
    """A page to generate: what it shows and the title it gets."""

    kind: str  # "gallery", "personas", "map" or "persona"
    item_id: str
    title: str

    def html_title(self) -> Markup:
        """The title as safe HTML: MkDocs themes print page titles without escaping."""
        return escape(self.title)

    def body(self, gallery: Gallery, url_for: html.UrlFor, labels: Labels, diagram: str) -> str:
        if self.kind == "map":
            return html.map_page(
                gallery.maps[self.item_id], gallery, url_for, labels, diagram=diagram
            )
        if self.kind == "persona":
            return html.persona_page(gallery.personas[self.item_id], gallery, url_for, labels)
        if self.kind == "personas":
            return html.personas_page(gallery, url_for, labels)
        return html.gallery_page(gallery, url_for, labels)


def page_specs(gallery: Gallery, gallery_title: str, personas_title: str) -> dict[str, PageSpec]:
    """Every generated page by its virtual source path, in navigation order."""
    specs: dict[str, PageSpec] = {GALLERY_URI: PageSpec("gallery", "", gallery_title)}
    for journey in sorted(gallery.maps.values(), key=lambda m: (m.title.casefold(), m.id)):
        specs[map_uri(journey.id)] = PageSpec("map", journey.id, journey.title)
    specs[PERSONAS_URI] = PageSpec("personas", "", personas_title)
    for persona in sorted(gallery.personas.values(), key=lambda p: (p.name.casefold(), p.id)):
        specs[persona_uri(persona.id)] = PageSpec("persona", persona.id, persona.name)
    return specs


def uri_for(kind: str, item_id: str) -> str:
    """The virtual source path of a generated page, as used by ``url_for``."""
    factories: dict[str, Callable[[str], str]] = {
        "map": map_uri,
        "persona": persona_uri,
        "gallery": lambda _: GALLERY_URI,
        "personas": lambda _: PERSONAS_URI,
    }
    return factories[kind](item_id)
