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
from enum import Enum
from functools import lru_cache
from typing import Any, TypeVar, cast

from markupsafe import Markup, escape

from journey_maps.core.store import Store, code_version, digest
from journey_maps.formats import TEXT_EXPORTS
from journey_maps.i18n.keys import Kind
from journey_maps.render.svg import render_map_svg
from journey_maps.site import html
from journey_maps.site.browse import COMPARE
from journey_maps.site.browse.compare import comparable, compare
from journey_maps.site.downloads import SiteDownloads
from journey_maps.site.html.browse import compare_diagram, compare_section
from journey_maps.site.trees import LanguageTree

GALLERY = "gallery"
PERSONAS = "personas"
LANGUAGES = "languages"
MAP = "map"
PERSONA = "persona"

T = TypeVar("T")
#: The :meth:`Site.derived` key of the redirects.
STUBS = "redirects"


@dataclass
class Site:
    """One build of a site: its language trees (the default first), its downloads, and data
    features compute from them once (facets, thumbnails), dropped with the build."""

    trees: list[LanguageTree]
    downloads: SiteDownloads | None = None
    #: Pages as ``maps/<id>/`` (True, MkDocs' default) or ``maps/<id>/index.html``.
    use_directory_urls: bool = True
    #: Where drawings are kept between builds (in memory only, unless given a folder).
    store: Store = field(default_factory=Store)
    #: Things worth telling the author that are not problems with a file (a page left out
    #: because a map took its address); the site adapter logs them.
    notes: list[str] = field(default_factory=list)
    _derived: dict[str, Any] = field(default_factory=dict, repr=False)

    def tree(self, language: str) -> LanguageTree:
        return next(t for t in self.trees if t.language == language)

    def note(self, message: str) -> None:
        if message not in self.notes:
            self.notes.append(message)

    def drawing(
        self, what: str, tree: LanguageTree, items: tuple[str, ...], make: Callable[[], str]
    ) -> str:
        """An SVG drawing of ``items`` (``map:<id>``, ``persona:<id>``) in ``tree``'s
        language, made once for as long as none of them (nor the code) changes."""
        return self.store.text("svg", self._key(what, tree, items), make)

    def kept_html(
        self,
        what: str,
        tree: LanguageTree,
        items: tuple[str, ...],
        make: Callable[[], str],
        *,
        page: str = "",
        extra: tuple[str, ...] = (),
    ) -> str:
        """Like :meth:`drawing`, for HTML that depends on ``items``, the tree's labels and
        ``extra``; ``page`` is the source path of the page it goes on, whose address its
        links are relative to."""
        key = self._key(what, tree, items, labels=True, extra=(page, *extra))
        return self.store.text("html", key, make)

    def _key(
        self,
        what: str,
        tree: LanguageTree,
        items: tuple[str, ...],
        *,
        labels: bool = False,
        extra: tuple[str, ...] = (),
    ) -> str:
        keys = [tree.localized.keys.get(_split_item(item), "") for item in items]
        words = self._words(tree)
        shape = f"{labels}:{self.use_directory_urls}"
        return _digest_of(
            (
                what,
                code_version(),
                tree.language,
                words if labels else "",
                shape,
                *items,
                *keys,
                "|",
                *extra,
            )
        )

    def download_source(self, tree: LanguageTree, map_id: str, fmt: str) -> str:
        """What a map's download file is made from, in ``tree``'s language: its standalone
        SVG (also the source of its PNG and PDF), its CSV or its JSON."""
        journey = tree.gallery.maps[map_id]
        if fmt != "svg":
            key = self._key(f"export-{fmt}", tree, (f"map:{map_id}",))
            return self.store.text(fmt, key, lambda: TEXT_EXPORTS[fmt](journey))
        persona = tree.gallery.personas.get(journey.persona or "")
        return self.drawing(
            "standalone",
            tree,
            (f"map:{map_id}", f"persona:{journey.persona or ''}"),
            lambda: render_map_svg(journey, persona, labels=tree.diagram_labels),
        )

    def download_key(self, tree: LanguageTree, map_id: str) -> str:
        """A digest of everything a map's download files in ``tree``'s language come from."""
        journey = tree.gallery.maps[map_id]
        items = (f"map:{map_id}", f"persona:{journey.persona or ''}")
        return self._key("downloads", tree, items, labels=True)

    def aspects(self, tree: LanguageTree, map_id: str) -> dict[str, str]:
        """A digest of each part of a map that pages show apart (:class:`Aspect`), in
        ``tree``'s language; empty if the tree has no such map. Made again only when the map
        changed in some language (a part may show how far each language has translated it)."""
        key = tree.localized.keys.get(("map", map_id))
        if key is None or map_id not in tree.gallery.maps:
            return {}
        every = [t.localized.keys.get(("map", map_id), "") for t in self.trees]
        return self.store.remember(
            "aspects",
            digest(code_version(), tree.language, *every, self._shape(tree)),
            lambda: {
                name: digest(name, aspect.shown(self, tree, map_id))
                for name, aspect in ASPECTS.items()
            },
        )

    def _shape(self, tree: LanguageTree) -> str:
        """What aspects see besides the map: the site's languages and the tree's words."""
        names = "|".join(f"{t.language}={t.name}" for t in self.trees)
        return digest(names, self._words(tree), str(self.use_directory_urls))

    def _words(self, tree: LanguageTree) -> str:
        """A digest of the tree's interface words, made once per build."""
        return self.derived(f"labels:{tree.language}", lambda: digest(repr(tree.labels)))

    def keep_derived(self, before: Site, keys: tuple[str, ...]) -> None:
        """Take what ``before`` computed under ``keys``: the caller knows that none of
        their inputs changed (``journey_maps.mkdocs.serve``)."""
        for key in keys:
            if key in before._derived:
                self._derived.setdefault(key, before._derived[key])

    def derived(self, key: str, make: Callable[[], T]) -> T:
        """``make()``, computed once per build under ``key``."""
        if key not in self._derived:
            self._derived[key] = make()
        return cast(T, self._derived[key])

    def pages(self) -> dict[str, PageSpec]:
        """Every page by its source path, in navigation order per tree."""
        return self.derived("pages", lambda: _page_specs(self))

    def url(self, kind: str, item_id: str, language: str) -> str:
        """The URL of a page (or of an :class:`Anchor` in one) relative to the site root,
        ``""`` if the site has no such page."""
        anchor = ANCHORS.get(kind)
        if anchor is not None:
            if not anchor.exists(self, self.tree(language), item_id):
                return ""
            page_kind, page_item = anchor.page(item_id)
            url = self.url(page_kind, page_item, language)
            return f"{url}#{anchor.fragment(item_id)}" if url else ""
        uri = uri_for(kind, item_id, self.tree(language).prefix)
        return page_url(uri, self.use_directory_urls) if uri in self.pages() else ""

    def redirects(self) -> dict[str, Stub]:
        """Every address the site used to publish as a page of its own, by source path
        (``maps/tag/retail/index.md``), with where it sends readers now."""
        return self.derived(STUBS, lambda: _stubs(self))

    def redirect_url(self, name: str, item_id: str, language: str) -> str:
        """The URL of a redirect's file relative to the site root (``""`` if not published)."""
        uri = self.tree(language).prefix + REDIRECTS[name].path(item_id)
        return page_url(uri, self.use_directory_urls) if uri in self.redirects() else ""

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
            return link(target, here) if target else "#"

        return url_for


@dataclass(frozen=True)
class Anchor:
    """An address inside a page rather than a page of its own: a facet is a view of the
    gallery (``maps/#tag-retail``), a comparison a section of a map page. ``url_for`` and
    the catalog link to it like to a page."""

    name: str
    page: Callable[[str], tuple[str, str]]
    """The page kind and item id the anchor is in."""
    fragment: Callable[[str], str]
    exists: Callable[[Site, LanguageTree, str], bool] = lambda site, tree, item_id: True


@dataclass(frozen=True)
class Redirect:
    """Addresses that were pages of their own and now live elsewhere (a facet page is now
    a view of the gallery): each stays a working URL as a small file that sends readers on,
    so bookmarks, links from other sites and the catalog's stable URLs keep working."""

    name: str
    path: Callable[[str], str]
    """The source path the page had, such as ``maps/tag/retail/index.md``."""
    items: Callable[[Site, LanguageTree], list[str]]
    target: Callable[[str], tuple[str, str]]
    """Where an item now is: a page or anchor kind, and its item id."""
    title: Callable[[Site, LanguageTree, str], str]


@dataclass(frozen=True)
class Stub:
    """The file that keeps an old address working: where it sends readers (a link relative
    to the file), the title to show meanwhile, and the language it is written in."""

    target: str
    title: str
    language: str

    def html(self) -> str:
        return html.redirect_page(self.target, self.title, self.language)


def stub_file(uri: str) -> str:
    """Where a redirect's file goes below the site folder: ``maps/tag/retail/index.md`` is
    ``maps/tag/retail/index.html`` (an index page's file, whatever ``use_directory_urls``)."""
    if not uri.endswith("index.md"):
        raise ValueError(f"a redirect's source path names an index page, not {uri!r}")
    return uri.removesuffix(".md") + ".html"


@dataclass(frozen=True)
class Aspect:
    """A part of a map that some pages show without the rest (the gallery shows its card,
    the pain points registry its pain points): an edit elsewhere in the map leaves them as
    they are. ``shown`` returns a text that changes whenever what those pages show of the
    map does (in a tree's language); pages name the part in their ``depends`` as
    ``map:<id>@<name>``, and :func:`changed_items` lists the parts whose text changed."""

    name: str
    shown: Callable[[Site, LanguageTree, str], str]


ANCHORS: dict[str, Anchor] = {}
REDIRECTS: dict[str, Redirect] = {}
ASPECTS: dict[str, Aspect] = {}


def register_aspect(aspect: Aspect) -> Aspect:
    ASPECTS[aspect.name] = aspect
    return aspect


def register_anchor(anchor: Anchor) -> Anchor:
    ANCHORS[anchor.name] = anchor
    return anchor


def register_redirect(redirect: Redirect) -> Redirect:
    REDIRECTS[redirect.name] = redirect
    return redirect


def shown(value: object) -> str:
    """A text that changes whenever anything ``value`` could show does: every field of a
    model, in order, and for each text whether it is shown untranslated, and from which
    language (:class:`~journey_maps.i18n.apply.FallbackText`). For :class:`Aspect`."""
    if isinstance(value, str):
        lang = getattr(value, "lang", None)
        return repr(str.__str__(value)) + (f"@{lang}" if lang else "")
    if isinstance(value, list | tuple):
        return "[" + ",".join(shown(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ",".join(f"{shown(k)}:{shown(v)}" for k, v in value.items()) + "}"
    fields = getattr(type(value), "model_fields", None)
    if fields is not None:
        parts = ",".join(f"{name}={shown(getattr(value, name))}" for name in fields)
        return f"{type(value).__name__}({parts})"
    if isinstance(value, Enum):
        return repr(value.value)
    return repr(value)


@lru_cache(maxsize=100_000)
def _digest_of(parts: tuple[str, ...]) -> str:
    """:func:`digest` of ``parts``, remembered: a rebuild asks again for the keys of every
    unchanged map (thousands of them at 500 maps), and a lookup costs less than a hash."""
    return digest(*parts)


def _split_item(item: str) -> tuple[Kind, str]:
    kind, _, item_id = item.partition(":")
    return ("persona" if kind == "persona" else "map"), item_id


def changed_items(before: Site, after: Site) -> frozenset[str]:
    """Maps and personas (``map:<id>``, ``persona:<id>``) whose key differs between two builds
    in any language: added, removed, edited, or translated anew; and, for each changed map,
    the parts of it that changed (``map:<id>@card``, see :class:`Aspect`), in any language."""
    found: set[str] = set()
    for tree in after.trees:
        old = before.tree(tree.language).localized.keys if _has(before, tree.language) else {}
        new = tree.localized.keys
        for kind, item_id in old.keys() | new.keys():
            if old.get((kind, item_id)) != new.get((kind, item_id)):
                found.add(f"{kind}:{item_id}")
    maps = sorted(item.partition(":")[2] for item in found if item.startswith("map:"))
    for tree in after.trees:
        was = before.tree(tree.language) if _has(before, tree.language) else None
        for map_id in maps:
            new_parts = after.aspects(tree, map_id)
            old_parts = before.aspects(was, map_id) if was is not None else {}
            found.update(
                f"map:{map_id}@{name}"
                for name in ASPECTS
                if new_parts.get(name) != old_parts.get(name) or not new_parts
            )
    return frozenset(found)


def _has(site: Site, language: str) -> bool:
    return any(tree.language == language for tree in site.trees)


def link(target: str, page: str) -> str:
    """:func:`relative_url` for a target that may name a fragment (``maps/#tag-retail``)."""
    path, hash_sign, fragment = target.partition("#")
    return relative_url(path, page) + hash_sign + fragment


def _stubs(site: Site) -> dict[str, Stub]:
    stubs: dict[str, Stub] = {}
    pages = site.pages()
    for tree in site.trees:
        for redirect in REDIRECTS.values():
            for item_id in redirect.items(site, tree):
                uri = tree.prefix + redirect.path(item_id)
                kind, target_id = redirect.target(item_id)
                target = site.url(kind, target_id, tree.language)
                if uri in pages or uri in stubs or not target:
                    continue  # a page of the site's own keeps its address
                here = page_url(uri, site.use_directory_urls)
                title = redirect.title(site, tree, item_id)
                stubs[uri] = Stub(link(target, here), title, tree.language)
    return stubs


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

    def depends(self) -> frozenset[str] | None:
        """The items (``map:<id>``, ``persona:<id>``) whose change can change this page's
        body, or None when any can (a listing)."""
        depends = KINDS[self.kind].depends
        if depends is None:
            return None
        return self.site.derived(f"depends:{self.uri}", lambda: depends(self))

    @property
    def searchable(self) -> bool:
        """Whether the page belongs in its tree's search index (see :class:`PageKind`)."""
        return KINDS[self.kind].searchable

    @property
    def wide(self) -> bool:
        """Whether the page takes the whole window (see :class:`PageKind`)."""
        return KINDS[self.kind].wide


@dataclass(frozen=True)
class PageKind:
    """A kind of generated page.

    ``items`` lists the item ids to generate in a tree (``[""]`` for a single page);
    ``section`` names the navigation section it is listed in (``None``: not listed, still
    reachable by links); ``multilingual_only`` pages exist only when the site has several
    languages. Pages that are not ``searchable`` stay out of the theme's search index:
    listings that only repeat what map pages say (facets, further pages) would crowd the
    results, and skipping them spares the search plugin parsing hundreds of pages. ``wide``
    pages hide the navigation sidebar as well as the table of contents: a diagram needs the
    whole window to be seen whole.
    """

    name: str
    path: Callable[[str], str]
    title: Callable[[PageSpec], str]
    body: Callable[[PageSpec, html.UrlFor], str]
    items: Callable[[Site, LanguageTree], list[str]] = lambda site, tree: [""]
    section: str | None = None
    multilingual_only: bool = False
    searchable: bool = True
    wide: bool = False
    depends: Callable[[PageSpec], frozenset[str]] | None = None
    """What a page's body is made of (see :meth:`PageSpec.depends`); None: everything."""


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
    """A map's page, kept whole between builds: rendering it (the page template around a
    large diagram, the comparison) was most of what a warm build spent on generated pages.

    The key holds everything the page reads besides the code and the tree's words: the
    items it shows (the map, its persona, the maps it improves or that improve it, the one
    it is compared with), the links it makes, its language links and download buttons."""
    tree, trees = spec.tree, spec.site.trees
    journey = tree.gallery.maps[spec.item_id]
    persona_id = journey.persona or ""
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
    improved_by = _improved_by(spec.site, tree).get(journey.id, [])
    current = _comparable(spec.site, tree).get(journey.id, "")
    related = [journey.improves or "", *improved_by, current]
    links = [
        url_for(PERSONA, persona_id),
        url_for(MAP, journey.id),
        url_for(COMPARE, journey.id),
        *(url_for(kind, map_id) for map_id in related for kind in (MAP, COMPARE)),
    ]
    words = spec.site.derived(
        f"browse-labels:{tree.language}", lambda: digest(repr(tree.browse_labels))
    )

    def make() -> str:
        return _map_page(spec, url_for, buttons, languages if len(trees) > 1 else [])

    return spec.site.kept_html(
        "map-page",
        tree,
        (f"map:{journey.id}", f"persona:{persona_id}", *(f"map:{m}" for m in related)),
        make,
        page=spec.uri,
        extra=(buttons, repr(languages), repr(links), words),
    )


def _map_page(
    spec: PageSpec, url_for: html.UrlFor, buttons: str, languages: list[html.LanguageLink]
) -> str:
    tree = spec.tree
    journey = tree.gallery.maps[spec.item_id]
    persona = tree.gallery.personas.get(journey.persona or "")
    diagram = spec.site.drawing(
        "diagram",
        tree,
        (f"map:{journey.id}", f"persona:{journey.persona or ''}"),
        lambda: render_map_svg(journey, persona, labels=tree.diagram_labels, standalone=False),
    )
    return html.map_page(
        journey,
        tree.gallery,
        url_for,
        tree.labels,
        diagram=diagram,
        downloads=buttons,
        languages=languages,
        comparison=_comparison(spec, url_for),
        details=spec.site.kept_html(
            "map-details",
            tree,
            (f"map:{journey.id}",),
            lambda: html.map_details(journey, tree.labels),
        ),
    )


def _comparable(site: Site, tree: LanguageTree) -> dict[str, str]:
    """Future-state map → the current-state map it improves, where the two can be compared."""
    return site.derived(f"comparable:{tree.language}", lambda: comparable(tree.gallery))


def _comparison(spec: PageSpec, url_for: html.UrlFor) -> str:
    """The comparison with the current state, on the page of a future-state map."""
    tree = spec.tree
    current = _comparable(spec.site, tree).get(spec.item_id)
    if current is None:
        return ""
    future = tree.gallery.maps[spec.item_id]
    comparison = compare(tree.gallery.maps[current], future)
    words = tree.browse_labels
    diagram = spec.site.drawing(
        "comparison",
        tree,
        (f"map:{future.id}", f"map:{current}"),
        lambda: compare_diagram(
            comparison, tree.labels, words, id_prefix=f"jm-compare-{future.id}-{tree.language}"
        ),
    )
    return compare_section(
        comparison, diagram=diagram, url_for=url_for, labels=tree.labels, words=words
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
    # Every map's title and coverage in every language: made again only when one changed.
    shown = repr(
        (
            [(s.language, s.name, s.url, sorted(s.completeness.items())) for s in summaries],
            sorted((m.id, m.title) for m in spec.tree.gallery.maps.values()),
        )
    )
    return spec.site.kept_html(
        "languages",
        spec.tree,
        (),
        lambda: html.languages_page(summaries, spec.tree.gallery, url_for, spec.tree.labels),
        page=spec.uri,
        extra=(digest(shown),),
    )


def _map_depends(spec: PageSpec) -> frozenset[str]:
    """A map page shows its map, its persona's name, and the titles of the maps it improves
    or that improve it (and compares with one of them)."""
    journey = spec.tree.gallery.maps[spec.item_id]
    related = [journey.improves or "", *_improved_by(spec.site, spec.tree).get(journey.id, [])]
    return frozenset(
        {f"map:{journey.id}", f"persona:{journey.persona or ''}"}
        | {f"map:{m}" for m in related if m}
    )


def _improved_by(site: Site, tree: LanguageTree) -> dict[str, list[str]]:
    def index() -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for journey in tree.gallery.maps.values():
            if journey.improves:
                found.setdefault(journey.improves, []).append(journey.id)
        return found

    return site.derived(f"improved-by:{tree.language}", index)


def _listed(site: Site, tree: LanguageTree, map_id: str) -> str:
    journey = tree.gallery.maps[map_id]
    return shown([journey.id, journey.title, journey.summary, journey.type, journey.persona])


#: The part of a map that lists of maps show: its title, summary, type and persona.
LISTED = register_aspect(Aspect("listed", _listed))


def _coverage(site: Site, tree: LanguageTree, map_id: str) -> str:
    journey = tree.gallery.maps[map_id]
    shares = [(t.language, t.localized.map_completeness.get(map_id, 0.0)) for t in site.trees]
    return shown([journey.id, journey.title, shares])


#: What the languages page shows of a map: its title and how far each language has it.
COVERAGE = register_aspect(Aspect("coverage", _coverage))


def _languages_depends(spec: PageSpec) -> frozenset[str]:
    return frozenset(f"map:{m}@{COVERAGE.name}" for m in spec.tree.gallery.maps)


def _persona_depends(spec: PageSpec) -> frozenset[str]:
    """A persona page shows the persona and its maps as a list (``LISTED``)."""
    maps = spec.tree.gallery.maps_of(spec.item_id)
    return frozenset({f"persona:{spec.item_id}"} | {f"map:{m.id}@{LISTED.name}" for m in maps})


def _personas_depends(spec: PageSpec) -> frozenset[str]:
    """The personas page shows every persona, and counts their maps by type."""
    gallery = spec.tree.gallery
    return frozenset(
        {f"persona:{p}" for p in gallery.personas}
        | {f"map:{m}@{LISTED.name}" for m in gallery.maps}
    )


register(
    PageKind(
        MAP,
        path=lambda item_id: f"maps/{item_id}/index.md",
        title=lambda spec: spec.tree.gallery.maps[spec.item_id].title,
        body=_map_body,
        items=_by_title,
        section=GALLERY,
        wide=True,
        depends=_map_depends,
    )
)
register(
    PageKind(
        PERSONAS,
        path=lambda _: "personas/index.md",
        title=lambda spec: spec.tree.labels.personas,
        body=lambda spec, url_for: html.personas_page(spec.tree.gallery, url_for, spec.tree.labels),
        section=PERSONAS,
        depends=_personas_depends,
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
        depends=_persona_depends,
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
        depends=_languages_depends,
    )
)
register_anchor(
    Anchor(
        COMPARE,
        page=lambda map_id: (MAP, map_id),
        fragment=lambda _: "compare",
        exists=lambda site, tree, map_id: map_id in _comparable(site, tree),
    )
)
