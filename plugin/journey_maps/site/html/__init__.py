"""HTML fragments for map, persona and gallery pages, independent of any site generator.

Templates are rendered with autoescaping on: every string from YAML is untrusted. The site
adapter passes a ``UrlFor`` so that links come out right for its URL scheme.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from journey_maps.core.errors import Problem
from journey_maps.core.gallery import Gallery
from journey_maps.core.model import JourneyMap, MapType, Persona
from journey_maps.site.html.labels import Labels

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
    # Attributes cannot hold markup: `plain` drops the untranslated-text marking there.
    env.filters["plain"] = lambda value: str.__str__(value) if isinstance(value, str) else value
    env.filters["percent"] = lambda share: f"{int(share * 100 + 1e-9)}%"
    return env


def render_fragment(template: str, **context: Any) -> str:
    """An HTML fragment from ``template``, ready to go into a Markdown page as raw HTML."""
    html = environment().get_template(template).render(**context)
    # Python-Markdown ends a raw HTML block at a blank line inside it in some cases;
    # generated fragments never need blank lines, so drop them.
    return "\n".join(line for line in html.splitlines() if line.strip()) + "\n"


@dataclass(frozen=True)
class LanguageLink:
    """This page in another language, and how much of its content is translated there."""

    language: str
    name: str
    url: str
    completeness: float


@dataclass(frozen=True)
class LanguageSummary:
    """A language of the site: where its gallery is and how complete each map is in it."""

    language: str
    name: str
    url: str
    completeness: dict[str, float]

    @property
    def full(self) -> int:
        return sum(1 for share in self.completeness.values() if share >= 1.0)

    @property
    def partial(self) -> int:
        return sum(1 for share in self.completeness.values() if 0.0 < share < 1.0)

    @property
    def missing(self) -> int:
        return sum(1 for share in self.completeness.values() if share <= 0.0)


def has_fallbacks(value: Any) -> bool:
    """Whether any text in a localized map or persona is shown untranslated."""
    if isinstance(value, str):
        return hasattr(value, "__html__") and hasattr(value, "lang")
    if isinstance(value, list):
        return any(has_fallbacks(v) for v in value)
    fields = getattr(type(value), "model_fields", None)
    if fields is None:
        return False
    return any(has_fallbacks(getattr(value, name)) for name in fields)


def map_page(
    journey: JourneyMap,
    gallery: Gallery,
    url_for: UrlFor,
    labels: Labels,
    *,
    diagram: str = "",
    downloads: str = "",
    languages: list[LanguageLink] | None = None,
    comparison: str = "",
    details: str | None = None,
) -> str:
    """The body of a map page: header, diagram, stages table, action plan, metrics, and
    for a future-state map its ``comparison`` with the current state (HTML). ``details``
    is :func:`map_details`, when the caller keeps it between builds."""
    persona = gallery.personas.get(journey.persona or "")
    improves = gallery.maps.get(journey.improves or "")
    improved_by = [m for m in gallery.maps.values() if m.improves == journey.id]
    return render_fragment(
        "map.html",
        map=journey,
        persona=persona,
        improves=improves,
        improved_by=improved_by,
        url_for=url_for,
        t=labels,
        diagram=diagram,
        downloads=downloads,
        languages=languages or [],
        untranslated=has_fallbacks(journey),
        comparison=comparison,
        details=map_details(journey, labels) if details is None else details,
    )


def map_details(journey: JourneyMap, labels: Labels) -> str:
    """What a map page shows below its header: empathy quadrants, stages, action plan,
    metrics and sources. A function of the map and the labels alone."""
    return render_fragment("map_details.html", map=journey, t=labels)


def persona_page(persona: Persona, gallery: Gallery, url_for: UrlFor, labels: Labels) -> str:
    """A persona's profile and every map about them, grouped by map type."""
    by_type = {kind: [m for m in gallery.maps_of(persona.id) if m.type is kind] for kind in MapType}
    return render_fragment(
        "persona.html",
        persona=persona,
        by_type={k: v for k, v in by_type.items() if v},
        url_for=url_for,
        t=labels,
    )


def languages_page(
    summaries: list[LanguageSummary], gallery: Gallery, url_for: UrlFor, labels: Labels
) -> str:
    """Counts of fully and partly translated maps per language, and each map's coverage."""
    maps = sorted(gallery.maps.values(), key=lambda m: (m.title.casefold(), m.id))
    return render_fragment(
        "languages.html", summaries=summaries, maps=maps, url_for=url_for, t=labels
    )


def personas_page(gallery: Gallery, url_for: UrlFor, labels: Labels) -> str:
    personas = sorted(gallery.personas.values(), key=lambda p: (p.name.casefold(), p.id))
    counts = {p.id: len(gallery.maps_of(p.id)) for p in personas}
    return render_fragment(
        "personas.html", personas=personas, counts=counts, url_for=url_for, t=labels
    )


def diagram_figure(svg: str, labels: Labels, *, label: str, caption: Markup, cls: str = "") -> str:
    """An inline SVG in the figure map pages use, view toolbar included, for other pages.

    ``label`` names the diagram's scroll region.
    """
    return render_fragment(
        "diagram_figure.html", svg=svg, label=label, caption=caption, cls=cls, t=labels
    )


def problems_notice(problems: list[Problem], labels: Labels) -> str:
    """A warning box listing invalid files, shown on the gallery page by ``mkdocs serve``."""
    return render_fragment("problems.html", problems=problems, t=labels)


def redirect_page(target: str, title: str, language: str) -> str:
    """A whole HTML file that sends readers to ``target`` at once (no script needed), for an
    address that is no longer a page of its own; search engines are told to index the
    target instead."""
    return render_fragment("redirect.html", target=target, title=title, language=language)
