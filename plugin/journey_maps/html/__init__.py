"""HTML fragments for map, persona and gallery pages, independent of any site generator.

Templates are rendered with autoescaping on: every string from YAML is untrusted. The site
adapter passes a ``UrlFor`` so that links come out right for its URL scheme.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from ..errors import Problem
from ..model import JourneyMap, MapType, Persona
from ..validate import Gallery
from .labels import Labels

#: ``url_for(kind, id)`` → a URL relative to the page being rendered. Kinds: ``map``,
#: ``persona``, ``gallery``, ``personas``.
UrlFor = Callable[[str, str], str]

TEMPLATES = Path(__file__).parent / "templates"


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["MapType"] = MapType
    return env


def _render(template: str, **context: Any) -> str:
    html = environment().get_template(template).render(**context)
    # Python-Markdown ends a raw HTML block at a blank line inside it in some cases;
    # generated fragments never need blank lines, so drop them.
    return "\n".join(line for line in html.splitlines() if line.strip()) + "\n"


def map_page(
    journey: JourneyMap,
    gallery: Gallery,
    url_for: UrlFor,
    labels: Labels,
    *,
    diagram: str = "",
) -> str:
    """The body of a map page: header, diagram, stages table, action plan, metrics."""
    persona = gallery.personas.get(journey.persona or "")
    improves = gallery.maps.get(journey.improves or "")
    improved_by = [m for m in gallery.maps.values() if m.improves == journey.id]
    return _render(
        "map.html",
        map=journey,
        persona=persona,
        improves=improves,
        improved_by=improved_by,
        url_for=url_for,
        t=labels,
        diagram=diagram,
    )


def persona_page(persona: Persona, gallery: Gallery, url_for: UrlFor, labels: Labels) -> str:
    """A persona's profile and every map about them, grouped by map type."""
    by_type = {kind: [m for m in gallery.maps_of(persona.id) if m.type is kind] for kind in MapType}
    return _render(
        "persona.html",
        persona=persona,
        by_type={k: v for k, v in by_type.items() if v},
        url_for=url_for,
        t=labels,
    )


def gallery_page(
    gallery: Gallery, url_for: UrlFor, labels: Labels, *, thumbnails: dict[str, str] | None = None
) -> str:
    """The gallery index: one card per map, sorted by title."""
    maps = sorted(gallery.maps.values(), key=lambda m: (m.title.casefold(), m.id))
    return _render(
        "gallery.html",
        maps=maps,
        personas=gallery.personas,
        url_for=url_for,
        t=labels,
        thumbnails=thumbnails or {},
    )


def personas_page(gallery: Gallery, url_for: UrlFor, labels: Labels) -> str:
    personas = sorted(gallery.personas.values(), key=lambda p: (p.name.casefold(), p.id))
    counts = {p.id: len(gallery.maps_of(p.id)) for p in personas}
    return _render("personas.html", personas=personas, counts=counts, url_for=url_for, t=labels)


def problems_notice(problems: list[Problem], labels: Labels) -> str:
    """A warning box listing invalid files, shown on the gallery page by ``mkdocs serve``."""
    return _render("problems.html", problems=problems, t=labels)
