"""Which pages a site publishes, at which paths, and their content: the site's page plan.

Every page exists once per language tree, at the same path below the tree's prefix, so the
language selector can always go to "this page, in that language". Each kind of page is a
:class:`PageKind` in a registry: a feature adds its pages by registering kinds from its own
module (:mod:`.browse_pages`, :mod:`.template_pages`), not by editing this one; :mod:`.plan`
imports them in the order their pages are listed.

Nothing here knows MkDocs: a page is a source path (``maps/<id>/index.md``, as a site
generator would name it), a title and an HTML body rendered with a ``url_for`` that makes
links relative to the page. :class:`Site` holds one build's trees and downloads, and what
features compute once per build (:meth:`Site.derived`).
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from markupsafe import Markup, escape

from journey_maps.render.svg import render_map_svg
from journey_maps.site import html
from journey_maps.site.downloads import SiteDownloads
from journey_maps.site.trees import LanguageTree

GALLERY = "gallery"
PERSONAS = "personas"
LANGUAGES = "languages"
MAP = "map"
PERSONA = "persona"

T = TypeVar("T")


@dataclass
class Site:
    """One build of a site: its language trees (the default first), its downloads, and data
    features compute from them once (facets, thumbnails), dropped with the build."""

    trees: list[LanguageTree]
    downloads: SiteDownloads | None = None
    #: Pages as ``maps/<id>/`` (True, MkDocs' default) or ``maps/<id>/index.html``.
    use_directory_urls: bool = True
    #: Things worth telling the author that are not problems with a file (a page left out
    #: because a map took its address); the site adapter logs them.
    notes: list[str] = field(default_factory=list)
    _derived: dict[str, Any] = field(default_factory=dict, repr=False)

    def tree(self, language: str) -> LanguageTree:
        return next(t for t in self.trees if t.language == language)

    def note(self, message: str) -> None:
        if message not in self.notes:
            self.notes.append(message)

    def derived(self, key: str, make: Callable[[], T]) -> T:
        """``make()``, computed once per build under ``key``."""
        if key not in self._derived:
            self._derived[key] = make()
        return cast(T, self._derived[key])

    def pages(self) -> dict[str, PageSpec]:
        """Every page by its source path, in navigation order per tree."""
        return self.derived("pages", lambda: _page_specs(self))

    def url(self, kind: str, item_id: str, language: str) -> str:
        """A page's URL relative to the site root, ``""`` if the site has no such page."""
        uri = uri_for(kind, item_id, self.tree(language).prefix)
        return page_url(uri, self.use_directory_urls) if uri in self.pages() else ""

    def url_for(self, spec: PageSpec) -> html.UrlFor:
        """Links from ``spec``'s page: ``url_for(kind, id)`` to a page of the same tree,
        ``kind@xx`` to one of tree ``xx``, ``file`` to a file by its path from the site root
        (a download); ``#`` for a page the site does not have."""
        here = page_url(spec.uri, self.use_directory_urls)

        def url_for(kind: str, item_id: str) -> str:
            if kind == "file":
                return relative_url(item_id, here)
            kind, _, language = kind.partition("@")
            target = self.url(kind, item_id, language or spec.tree.language)
            return relative_url(target, here) if target else "#"

        return url_for


@dataclass(frozen=True)
class PageSpec:
    """A page to generate: which kind, which item, in which language tree of which site."""

    kind: str
    item_id: str
    tree: LanguageTree = field(compare=False)
    site: Site = field(compare=False, repr=False)

    @property
    def uri(self) -> str:
        return uri_for(self.kind, self.item_id, self.tree.prefix)

    def title(self) -> str:
        return str.__str__(KINDS[self.kind].title(self))

    def html_title(self) -> Markup:
        """The title as safe HTML: MkDocs themes print page titles without escaping."""
        return escape(self.title())

    def body(self, url_for: html.UrlFor) -> str:
        return KINDS[self.kind].body(self, url_for)

    @property
    def searchable(self) -> bool:
        """Whether the page belongs in its tree's search index (see :class:`PageKind`)."""
        return KINDS[self.kind].searchable


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
    body: Callable[[PageSpec, html.UrlFor], str]
    items: Callable[[Site, LanguageTree], list[str]] = lambda site, tree: [""]
    section: str | None = None
    multilingual_only: bool = False
    searchable: bool = True


KINDS: dict[str, PageKind] = {}


def register(kind: PageKind, *, before: str | None = None) -> PageKind:
    """Add a kind of page; pages are generated, and listed in nav, in registration order
    (or just ``before`` another kind)."""
    if before is None:
        KINDS[kind.name] = kind
        return kind
    ordered = list(KINDS.items())
    at = next(index for index, (name, _) in enumerate(ordered) if name == before)
    ordered.insert(at, (kind.name, kind))
    KINDS.clear()
    KINDS.update(ordered)
    return kind


def uri_for(kind: str, item_id: str, prefix: str = "") -> str:
    """The source path of a generated page in the tree with ``prefix``."""
    return prefix + KINDS[kind].path(item_id)


def page_url(uri: str, use_directory_urls: bool = True) -> str:
    """The URL of the page at source path ``uri``, relative to the site root, as MkDocs
    makes it: ``maps/x/index.md`` is ``maps/x/`` (or ``maps/x/index.html``)."""
    stem = uri.removesuffix(".md")
    if not use_directory_urls:
        return stem + ".html"
    folder = stem.removesuffix("index")
    return folder if folder != stem else stem + "/"


def relative_url(target: str, page: str) -> str:
    """``target`` (a URL relative to the site root) as a link from the page at ``page``.

    A page URL whose last segment has a dot is a file (``maps/x/index.html``): links start
    from its folder. A link to a folder keeps its trailing slash (``./``, ``../y/``).
    """
    folder, _, last = page.rpartition("/")
    start = folder if "." in last else page
    link = posixpath.relpath("/" + target, "/" + start)
    return link + "/" if target.endswith("/") else link


def _page_specs(site: Site) -> dict[str, PageSpec]:
    specs: dict[str, PageSpec] = {}
    for tree in site.trees:
        for kind in KINDS.values():
            if kind.multilingual_only and len(site.trees) < 2:
                continue
            for item_id in kind.items(site, tree):
                spec = PageSpec(kind.name, item_id, tree, site)
                specs[spec.uri] = spec
    return specs


# --- the core pages: gallery, maps, personas, languages ------------------------------------


def _by_title(site: Site, tree: LanguageTree) -> list[str]:
    maps = tree.gallery.maps.values()
    return [m.id for m in sorted(maps, key=lambda m: (m.title.casefold(), m.id))]


def _by_name(site: Site, tree: LanguageTree) -> list[str]:
    people = tree.gallery.personas.values()
    return [p.id for p in sorted(people, key=lambda p: (p.name.casefold(), p.id))]


def _map_body(spec: PageSpec, url_for: html.UrlFor) -> str:
    tree, trees = spec.tree, spec.site.trees
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
    downloads = spec.site.downloads
    buttons = downloads.map_buttons(spec.item_id, tree.language, url_for) if downloads else ""
    return html.map_page(
        journey,
        tree.gallery,
        url_for,
        tree.labels,
        diagram=diagram,
        downloads=buttons,
        languages=languages if len(trees) > 1 else [],
    )


def _languages_body(spec: PageSpec, url_for: html.UrlFor) -> str:
    summaries = [
        html.LanguageSummary(
            language=other.language,
            name=other.name,
            url=url_for(f"{GALLERY}@{other.language}", ""),
            completeness=other.localized.map_completeness,
        )
        for other in spec.site.trees
    ]
    return html.languages_page(summaries, spec.tree.gallery, url_for, spec.tree.labels)


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
        body=lambda spec, url_for: html.personas_page(spec.tree.gallery, url_for, spec.tree.labels),
        section=PERSONAS,
    )
)
register(
    PageKind(
        PERSONA,
        path=lambda item_id: f"personas/{item_id}/index.md",
        title=lambda spec: spec.tree.gallery.personas[spec.item_id].name,
        body=lambda spec, url_for: html.persona_page(
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
