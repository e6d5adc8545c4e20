"""The ``journey-maps`` MkDocs plugin: a thin adapter from the gallery core to MkDocs events.

Event order and what each step does:

* ``on_config``: refuse folders that overlap in a way that loses work (before MkDocs empties
  site_dir), put the bundled theme overrides on the theme's search path (below the user's
  ``custom_dir``) and add the stylesheets and scripts.
* ``on_pre_build``: load and validate the gallery and its translations. In a strict
  ``mkdocs build`` any problem stops the build here, before MkDocs cleans site_dir, so no
  half-written site is left. Otherwise problems are logged and invalid files are left out.
* ``on_files``: add the generated pages (one tree per language) and the catalog.
* ``on_nav``: put the gallery and personas sections into the navigation; other languages get
  a navigation of their own.
* ``on_page_markdown``: produce each generated page's HTML (links relative to that page).
* ``on_page_context`` / ``on_post_page``: while a generated page renders, tell the theme its
  language, its navigation and where the same page is in the other languages; index it in its
  tree's search index (:mod:`.search`) and give it its tree's root as base (:mod:`.roots`).
* ``on_template_context``: a ``sitemap.xml`` per language tree; ``on_post_build``: the trees'
  search indexes.
* ``on_serve``: watch the maps folder so editing a YAML file rebuilds the site.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure import StructureItem
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from journey_maps.core.errors import Problems
from journey_maps.core.gallery import Gallery
from journey_maps.core.store import digest, shared_store
from journey_maps.export.cache import cache_folder, prune
from journey_maps.export.raster import ExportError
from journey_maps.i18n import clear_cache
from journey_maps.load.project import USE_DIRECTORY_URLS
from journey_maps.mkdocs import serve
from journey_maps.mkdocs.config import JourneyMapsConfig
from journey_maps.mkdocs.nav import place_sections
from journey_maps.mkdocs.roots import TreeRoots
from journey_maps.mkdocs.search import SEARCH_KIND, TreeIndexes
from journey_maps.mkdocs.stash import HtmlStash
from journey_maps.render.themes import SITE_CSS
from journey_maps.site import browse_pages, html
from journey_maps.site.catalog import CATALOG_FILE, Kept, build_catalog, dump_catalog
from journey_maps.site.downloads import SiteDownloads
from journey_maps.site.fences import FenceRenderer
from journey_maps.site.folders import site_folder_conflicts
from journey_maps.site.options import SiteOptions, read_options
from journey_maps.site.pages import (
    GALLERY,
    KINDS,
    LANGUAGES,
    MAP,
    PERSONAS,
    PageSpec,
    Site,
    Stub,
    changed_items,
    relative_url,
    stub_file,
)
from journey_maps.site.plan import LISTING_DERIVED, plan_published_site
from journey_maps.site.project import load_sources
from journey_maps.site.trees import LanguageTree

log = get_plugin_logger(__name__)

STYLESHEET = "assets/journey-maps/journey-maps.css"
#: Where parsed files and drawings are kept between builds, below the cache folder, and
#: what kinds of entries it holds (see journey_maps.core.store).
STORE = "store"
STORE_KINDS = ("svg", "html", "yaml", "csv", "json", SEARCH_KIND)
#: Diagram colours as CSS custom properties, generated from the palettes in themes.py.
DIAGRAM_STYLESHEET = "assets/journey-maps/diagram.css"
#: How a diagram is seen: fit, zoom, full screen, pinned labels, phones and print.
VIEW_STYLESHEET = "assets/journey-maps/diagram-view.css"
VIEW_SCRIPT = "assets/journey-maps/diagram-view.js"
NOT_IN_NAV = InclusionLevel.NOT_IN_NAV
INCLUDED = InclusionLevel.INCLUDED


def _theme_speaks(config: MkDocsConfig, language: str) -> bool:
    """Whether the theme has UI strings for ``language`` (mkdocs-material's partials)."""
    return any(
        (Path(folder) / "partials" / "languages" / f"{language}.html").is_file()
        for folder in config.theme.dirs
    )


_HTML_LANG = re.compile(r'<html lang="[^"]*"')
_ANCHOR = re.compile(r'id="([^"<>]+)"')


def anchor_ids(html_text: str) -> set[str]:
    """The ``id`` attributes of ``html_text``: a literal search for ``id="`` (fast on pages
    of large diagrams) kept where it starts an attribute, not ``data-map-id="``."""
    return {
        match.group(1)
        for match in _ANCHOR.finditer(html_text)
        if match.start() and html_text[match.start() - 1].isspace()
    }


def declare_language(output: str, language: str) -> str:
    """``<html lang>`` of a generated page: its tree's language, exactly.

    The theme writes its own code there (mkdocs-material's pt-BR strings say ``pt``), or the
    site's language when it has no strings for the tree's language at all; screen readers and
    the ``hreflang`` alternates need the code the page is written in.
    """
    return _HTML_LANG.sub(f'<html lang="{escape(language)}"', output, count=1)


def theme_dir() -> Path:
    """Bundled theme files: inside the package in a wheel, beside it in a checkout."""
    packaged = Path(__file__).resolve().parent.parent / "theme"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "theme"


class JourneyMapsPlugin(BasePlugin[JourneyMapsConfig]):
    """Publishes the YAML maps of ``maps_dir`` as gallery, map and persona pages."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.site = Site([])
        self.specs: dict[str, PageSpec] = {}
        #: The navigation of each tree but the default one (which is MkDocs' own).
        self.navs: dict[str, Navigation] = {}
        self.serving = False
        self.maps_dir = Path("maps")
        self.problems = Problems()
        self._saved_theme: dict[str, Any] = {}
        self.files = Files([])
        self.stash = HtmlStash()
        self.downloads: SiteDownloads | None = None
        # What `mkdocs serve` keeps to update pages in place (see serve.py).
        self.mkdocs_config: MkDocsConfig | None = None
        self.nav: Navigation | None = None
        self.env: Environment | None = None
        self.bodies: dict[str, str] = {}
        """Digest of each generated page's body in the served site."""
        self._fresh: dict[str, str] = {}
        #: The catalog's entries as JSON text, from one build to the next (dump_catalog).
        self._catalog_parts: Kept = {}
        # Search per language tree (mkdocs/search.py, mkdocs/roots.py).
        self.search = TreeIndexes()
        self.roots = TreeRoots()

    # --- configuration --------------------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        self.mkdocs_config = config
        base = self._base(config)
        self.maps_dir = (base / self.config.maps_dir).resolve()
        # Before on_pre_build: MkDocs empties site_dir right after it.
        conflicts = site_folder_conflicts(
            base,
            maps_dir=self.config.maps_dir,
            docs_dir=config.docs_dir,
            site_dir=config.site_dir,
            cache_dir=self.config.cache_dir,  # the store is there, downloads or not
        )
        if conflicts:
            raise PluginError("journey-maps: nothing was built:\n" + "\n".join(conflicts))
        dirs = config.theme.dirs
        custom = config.theme.custom_dir
        position = 1 if custom and dirs and Path(dirs[0]) == Path(custom) else 0
        ours = str(theme_dir())
        if ours not in dirs:
            dirs.insert(position, ours)
        sheets = (STYLESHEET, DIAGRAM_STYLESHEET, VIEW_STYLESHEET, *browse_pages.EXTRA_CSS)
        for sheet in (*sheets, browse_pages.FACET_STYLESHEET):
            if sheet not in [str(s) for s in config.extra_css]:
                config.extra_css.append(sheet)
        for script in (VIEW_SCRIPT, *browse_pages.EXTRA_JAVASCRIPT):
            if script not in [str(s) for s in config.extra_javascript]:
                config.extra_javascript.append(script)
        self.search.configure(config)
        return config

    # --- loading --------------------------------------------------------------------------

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        gallery = self._load(config)
        if self.downloads is not None:
            self._render_downloads(self.downloads, config)
        for note in self.site.notes:
            log.info(note)
        log.info(
            "Loaded %d journey map(s) and %d persona(s) from %s; %d language(s)",
            len(gallery.maps),
            len(gallery.personas),
            self.config.maps_dir,
            len(self.trees),
        )

    def _load(self, config: MkDocsConfig, *, in_place: bool = False) -> Gallery:
        """Load the gallery and its translations, report their problems, plan the site and
        its downloads (rendered by the caller)."""
        base = self._base(config)
        if self.serving and not in_place:
            clear_cache()  # a translator editing a .po file sees it on the next rebuild
        options = self._site_options(config)
        store = shared_store(self._cache_dir(base) / STORE)
        gallery, translations, problems = load_sources(
            self.maps_dir,
            default_language=options.default_language,
            display_base=base,
            store=store,
        )
        self._report(problems, strict=bool(config.strict))
        self.problems = problems
        self.site = plan_published_site(
            gallery,
            translations,
            options,
            raster=not self.serving or self.config.serve_raster,
            store=store,
            # Under `mkdocs serve`, the downloads of maps that did not change are kept.
            before=self.downloads if self.serving else None,
        )
        self.downloads = self.site.downloads
        self.specs = self.site.pages()
        return gallery

    @property
    def trees(self) -> list[LanguageTree]:
        return self.site.trees

    @staticmethod
    def _base(config: MkDocsConfig) -> Path:
        return Path(config.config_file_path or ".").resolve().parent

    def _cache_dir(self, base: Path) -> Path:
        # JOURNEY_MAPS_CACHE_DIR lets CI (or a test session) share one cache between sites.
        return cache_folder(base / self.config.cache_dir)

    def _site_options(self, config: MkDocsConfig) -> SiteOptions:
        """The options the site is planned from, read as ``journey-maps catalog`` reads them."""
        raw = {**self.config, USE_DIRECTORY_URLS: config.use_directory_urls}
        options, wrong = read_options(raw)
        if wrong:  # MkDocs checked the same rules; this only guards their agreement
            raise PluginError("; ".join(f"journey-maps option '{k}' {v}" for k, v in wrong.items()))
        return options

    def _render_downloads(self, downloads: SiteDownloads, config: MkDocsConfig) -> None:
        """Render the planned downloads now, before MkDocs writes anything."""
        cache_dir = self._cache_dir(self._base(config))
        try:
            stats = downloads.render(
                cache_dir=cache_dir,
                workers=self.config.workers,
                log=log.info,
            )
        except ExportError as error:
            downloads.discard()
            raise PluginError(f"journey map downloads could not be rendered: {error}") from error
        log.info(
            "Downloads: %d file(s), %d rendered, %d from the cache, %d written as text",
            stats.total,
            stats.rendered,
            stats.cached,
            stats.written,
        )
        if not self.serving and self.config.cache_max_age:
            pruned = prune(cache_dir, older_than_days=self.config.cache_max_age)
            if pruned:
                log.info(
                    "Deleted %d cached file(s) unused for %d days from %s",
                    pruned,
                    self.config.cache_max_age,
                    cache_dir,
                )

    @event_priority(-50)  # after Material's search plugin wrote its index, before offline's
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        if self.downloads is not None:
            self.downloads.publish(Path(config.site_dir))
        self._write_redirects(Path(config.site_dir), self.site.redirects())
        self.search.write(config, self.site)
        store = self.site.store
        if store.damaged:
            log.info("%d kept file(s) were damaged and made again", store.damaged)
            store.damaged = 0
        if not self.serving and self.config.cache_max_age:
            # After the pages: every drawing this build used has been refreshed by now.
            store.prune(STORE_KINDS, older_than_days=self.config.cache_max_age, at_most_daily=True)
        if self.serving:
            self._remember_build(config)
            serve.settle_heap()

    def _write_redirects(self, site_dir: Path, stubs: dict[str, Stub]) -> None:
        """The files that keep earlier versions' addresses working (see Site.redirects),
        written after MkDocs wrote the site, so that they never replace a page."""
        root = site_dir.resolve()
        for uri, stub in stubs.items():
            # Checked by its spelling, not resolved: the site folder holds only what this
            # build wrote, and resolving (a system call per folder of every path) was half
            # the time of writing these small files.
            target = Path(os.path.normpath(root / stub_file(uri)))
            if not target.is_relative_to(root):  # ids cannot do this; stay safe regardless
                raise PluginError(f"refusing to write {target} outside the site folder")
            if target.exists():
                log.info("Kept %s: a page of the site has the address of a redirect", uri)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(stub.html(), encoding="utf-8")

    def on_build_error(self, *, error: Exception) -> None:
        self.stash.clear()
        self.roots.leave()
        if self.downloads is not None:
            self.downloads.discard()

    def _report(self, problems: Problems, *, strict: bool) -> None:
        ordered = problems.sorted()
        if strict and not self.serving and ordered:
            # Stop before MkDocs cleans and writes site_dir: the previous site stays intact.
            raise PluginError(
                f"{len(ordered)} problem(s) in journey map files; nothing was built:\n"
                + "\n".join(p.format() for p in ordered)
            )
        for problem in ordered:
            (log.error if problem.is_error else log.warning)(problem.format())
        if problems.errors:
            log.warning(
                "%d invalid journey map file(s) were left out of the site",
                len({p.path for p in problems.errors}),
            )

    # --- files and navigation ---------------------------------------------------------------

    @event_priority(-50)  # after other plugins added or removed files
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return files
        for file in list(files):
            # A maps folder inside docs_dir must not be copied to the site as raw YAML.
            if file.abs_src_path and Path(file.abs_src_path).resolve().is_relative_to(
                self.maps_dir
            ):
                files.remove(file)
        for uri, spec in self.specs.items():
            existing = files.get_file_from_path(uri)
            if existing is not None:
                if spec.kind in (GALLERY, PERSONAS):
                    continue  # the author's own intro page; the listing is appended to it
                raise PluginError(
                    f"{existing.src_uri} in docs_dir has the same URL as a generated journey "
                    "map page; rename or remove it"
                )
            # NOT_IN_NAV: MkDocs checks the nav before on_nav places these pages there.
            files.append(File.generated(config, uri, content="", inclusion=NOT_IN_NAV))
        files.append(File.generated(config, DIAGRAM_STYLESHEET, content=SITE_CSS))
        facets = browse_pages.facet_stylesheet(self.site)
        files.append(File.generated(config, browse_pages.FACET_STYLESHEET, content=facets))
        self.files = files
        if len(self.trees) > 1:
            for spec in list(self.specs.values()):
                uri = spec.uri.removesuffix("index.md") + "sitemap.xml"
                # INCLUDED, explicitly: MkDocs' default exclusions drop a root templates/ folder.
                sitemap = self._page_sitemap(spec, config)
                files.append(File.generated(config, uri, content=sitemap, inclusion=INCLUDED))
        if self.config.catalog:
            catalog = dump_catalog(build_catalog(self.site), self._catalog_parts)
            files.append(File.generated(config, CATALOG_FILE, content=catalog))
        return files

    def _sections(
        self, tree: LanguageTree, files: Files, config: MkDocsConfig
    ) -> list[StructureItem]:
        """The tree's navigation sections, from the page kinds that name one.

        A kind with more pages than ``nav_max_maps`` is left out of the navigation (its
        index page links to them), so a 500-map gallery does not put 500 links on every page.
        """

        def page_of(spec: PageSpec) -> Page:
            file = files.get_file_from_path(spec.uri)
            assert file is not None
            if file.page is None:
                Page(None, file, config)
            assert file.page is not None
            return file.page

        specs = [s for s in self.specs.values() if s.tree is tree]
        children: dict[str, list[StructureItem]] = {}
        for kind in KINDS.values():
            if kind.section is None:
                continue
            of_kind = [s for s in specs if s.kind == kind.name]
            if len(of_kind) > 1 and len(of_kind) > self.config.nav_max_maps:
                continue
            children.setdefault(kind.section, []).extend(page_of(s) for s in of_kind)
        titles = {GALLERY: tree.labels.gallery, PERSONAS: tree.labels.personas}
        titles[LANGUAGES] = tree.labels.languages
        # A one-page "section" is just that page: mkdocs-material renders a section holding
        # only its index page with a dangling aria-labelledby.
        return [
            items[0]
            if len(items) == 1
            else Section(str(titles.get(name) or getattr(tree.labels, name, name)), items)
            for name, items in children.items()
            if items
        ]

    def _page_sitemap(self, spec: PageSpec, config: MkDocsConfig) -> str:
        """A one-page sitemap beside each generated page, listing it in every language.

        mkdocs-material's language selector script fetches ``sitemap.xml`` below every
        ``<link rel="alternate">`` of a page; our alternates are the same page in the other
        languages, so each page directory answers with its own hreflang alternates.
        """
        base = (config.site_url or "https://example.invalid/").rstrip("/") + "/"
        links = []
        for tree in self.trees:
            url = self.site.url(spec.kind, spec.item_id, tree.language)
            if url:
                links.append(
                    f'<xhtml:link rel="alternate" hreflang="{tree.language}" '
                    f'href="{escape(base + url)}"/>'
                )
        loc = escape(base + self.site.url(spec.kind, spec.item_id, spec.tree.language))
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
            f"<url><loc>{loc}</loc>{''.join(links)}</url>\n</urlset>\n"
        )

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        if not self.config.enabled or not self.config.nav:
            return nav
        ours = set(self.specs)
        self.navs = {
            tree.language: place_sections(
                Navigation([], []), ours, self._sections(tree, files, config)
            )
            for tree in self.trees[1:]
        }
        self.nav = place_sections(nav, ours, self._sections(self.trees[0], files, config))
        return self.nav

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        self.env = env
        return env

    # --- page content -------------------------------------------------------------------------

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.config.enabled:
            return markdown
        spec = self.specs.get(page.file.src_uri)
        if spec is None:
            return self._draw_fences(markdown, page, files)
        own_intro = bool(markdown.strip())
        if not own_intro or "title" not in page.meta:
            page.meta["title"] = spec.html_title()
        page.meta.setdefault("journey_maps", {"kind": spec.kind, "id": spec.item_id})
        # Generated pages have no Markdown headings for a table of contents; hiding the empty
        # TOC sidebar gives wide tables and diagrams the room they need. Pages with a diagram
        # hide the navigation too (still in the theme's drawer on smaller screens).
        page.meta.setdefault("hide", ["navigation", "toc"] if spec.wide else ["toc"])
        if not spec.searchable:
            page.meta.setdefault("search", {"exclude": True})
        body = self._fresh.pop(spec.uri, None) or self._body(spec)
        if self.serving:
            self.bodies[spec.uri] = digest(body)
        marker = self.stash.stash(page.file.src_uri, body)
        # An author's own maps/index.md or personas/index.md is kept as the intro.
        return f"{markdown}\n\n{marker}\n" if own_intro else f"{marker}\n"

    def _body(self, spec: PageSpec) -> str:
        body = spec.body(self.site.url_for(spec))
        if spec.kind == GALLERY and self.serving and self.problems:
            # While editing, show what is wrong where the author is looking.
            body = html.problems_notice(self.problems.sorted(), spec.tree.labels) + body
        return body

    def on_page_content(
        self, html_text: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        restored = self.stash.restore(page.file.src_uri, html_text)
        if page.file.src_uri in self.specs and page.present_anchor_ids is not None:
            # MkDocs found the anchors before the body went in; links from other pages to
            # them (maps/<id>/index.md#compare) are checked against these.
            page.present_anchor_ids.update(anchor_ids(restored))
        return self.stash.hide(page.file.src_uri, restored)

    def _draw_fences(self, markdown: str, page: Page, files: Files) -> str:
        """Diagrams in hand-written pages (:mod:`journey_maps.site.fences`), problems by page."""
        if "```" not in markdown and "~~~" not in markdown:
            return markdown
        tree = self.trees[0]

        def map_url(map_id: str) -> str:
            target = self.site.url(MAP, map_id, tree.language)
            return relative_url(target, page.file.url) if target else "#"

        source = page.file.content_string if not page.file.generated_by else markdown
        start = source.find(markdown[:80]) if markdown else -1
        renderer = FenceRenderer(
            tree,
            page_path=f"{Path(page.file.src_dir or 'docs').name}/{page.file.src_uri}",
            map_url=map_url,
            mermaid=self.config.mermaid_journeys,
            line_offset=source.count("\n", 0, start) if start > 0 else 0,
        )
        drawn = renderer(markdown, stash=lambda body: self.stash.stash(page.file.src_uri, body))
        for problem in renderer.problems.sorted():
            (log.error if problem.is_error else log.warning)(problem.format())
        return drawn

    @event_priority(50)  # before Material's search plugin indexes (and strips) page.content
    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        if not self.config.enabled:
            return context
        spec = self.specs.get(page.file.src_uri)
        if spec is not None:  # search per language tree
            self.search.add(page, spec)
            self.roots.enter(context, page, spec, config)
        if len(self.trees) < 2:
            return context
        self._saved_theme = {
            "language": config.theme["language"],
            "alternate": config.extra.get("alternate"),
        }
        if spec is None:
            # A hand-written page exists in one language only: the selector offers the
            # languages overview of each tree (never a gallery: the theme's script would
            # take every link below an alternate for a language switch).
            if self._saved_theme["alternate"] is None:
                config.extra["alternate"] = self._alternates(LANGUAGES, "", page)
            return context
        if _theme_speaks(config, spec.tree.language):
            config.theme["language"] = spec.tree.language
        config.extra["alternate"] = self._alternates(spec.kind, spec.item_id, page)
        if spec.tree.language in self.navs:
            context["nav"] = self.navs[spec.tree.language]
        return context

    def _alternates(self, kind: str, item_id: str, page: Page) -> list[dict[str, str]]:
        # Links relative to the site root: the theme's `url` filter makes them relative to
        # the page, so the language selector goes to the same page in that language.
        alternates = []
        for tree in self.trees:
            url = self.site.url(kind, item_id, tree.language)
            if url:
                alternates.append({"name": tree.name, "lang": tree.language, "link": url})
        return alternates

    @event_priority(50)  # before minifiers and other post-processors see the page
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        output = self.stash.finish(page.file.src_uri, output)
        self.roots.leave()
        spec = self.specs.get(page.file.src_uri) if self.config.enabled else None
        if spec is not None:
            output = declare_language(output, spec.tree.language)
        if self._saved_theme:
            config.theme["language"] = self._saved_theme["language"]
            if self._saved_theme["alternate"] is None:
                config.extra.pop("alternate", None)
            else:
                config.extra["alternate"] = self._saved_theme["alternate"]
            self._saved_theme = {}
        return output

    def on_template_context(
        self, context: TemplateContext, *, template_name: str, config: MkDocsConfig
    ) -> TemplateContext | None:
        if self.config.enabled and template_name == "sitemap.xml":
            self.roots.sitemaps(context, config, self.site)  # a sitemap per language tree
        return context

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        if self.config.enabled and self.maps_dir.is_dir():
            server.watch(str(self.maps_dir))
            serve.install(server, str(config.config_file_path), self.maps_dir)
        return server

    # --- `mkdocs serve`: saving a map updates its pages in place (see serve.py) --------------

    def _watched(self, config: MkDocsConfig) -> list[Path]:
        """What MkDocs watches (and so what may trigger a rebuild), plus the maps folder."""
        roots = [self.maps_dir, Path(config.docs_dir)]
        if config.config_file_path:
            roots.append(Path(config.config_file_path))
        if config.theme.custom_dir:
            roots.append(Path(config.theme.custom_dir))
        roots += [Path(path) for path in config.watch]
        return [root.resolve() for root in roots if root.exists()]

    def _remember_build(self, config: MkDocsConfig) -> None:
        roots = self._watched(config)
        watched = serve.WATCHED.get(str(config.config_file_path))
        session = serve.Session(
            update=self._update_in_place, roots=roots, maps_dir=self.maps_dir, watched=watched
        )
        session.files = serve.snapshot(session.inputs())
        serve.SESSIONS[str(config.config_file_path)] = session

    def _nav_titles(self) -> dict[str, str]:
        """The titles the navigation shows of generated pages (a change needs a full build)."""
        listed = set()
        for item in self.nav.pages if self.nav else []:
            listed.add(item.file.src_uri)
        for nav in self.navs.values():
            listed.update(item.file.src_uri for item in nav.pages)
        return {uri: spec.title() for uri, spec in self.specs.items() if uri in listed}

    def _update_in_place(self, paths: set[str]) -> bool:
        """The served site after map files changed, page by page; False: rebuild it all."""
        steps = serve.mkdocs_page_steps()
        config = self.mkdocs_config
        if steps is None or config is None or self.nav is None or self.env is None:
            return False
        populate, build_page = steps
        before_site, before_specs, before_downloads = self.site, self.specs, self.downloads
        before_titles = self._nav_titles()
        before_redirects = before_site.redirects()
        before_problems = self.problems.sorted()
        self._load(config, in_place=True)
        if set(self.specs) != set(before_specs) or self._nav_titles() != before_titles:
            return False  # other pages or another navigation: MkDocs' full rebuild
        site_dir = Path(config.site_dir)
        items = changed_items(before_site, self.site)
        if not any("@" in item or item.startswith("persona:") for item in items):
            # No part of a map that lists show, and no persona, changed: the filters,
            # registries' sizes, comparisons and titles are the last build's.
            self.site.keep_derived(before_site, LISTING_DERIVED)
        # A page is reached when what it shows changed, or when it now shows other items
        # than it did (a registry page whose maps moved to the next page); the gallery
        # also when the problems it lists while serving did.
        notice = self.problems.sorted() != before_problems
        reached = [
            uri
            for uri, spec in self.specs.items()
            if (depends := spec.depends()) is None
            or depends & items
            or depends != before_specs[uri].depends()
            or (notice and spec.kind == GALLERY)
        ]
        # The pages of the maps that changed first, written before any other work: the
        # author is looking at one of them. Listings, registries and the rest follow.
        first = {item.partition(":")[2] for item in items if item.startswith("map:")}
        own = [uri for uri in reached if self.specs[uri].item_id in first]
        if self.downloads is not None:  # first: the pages show the files' sizes
            cache_dir = self._cache_dir(self._base(config))
            self.downloads.update(before_downloads, site_dir, cache_dir=cache_dir)
        built = self._build_changed(own, populate, build_page)
        if built is None:
            return False
        rest = self._build_changed([uri for uri in reached if uri not in own], populate, build_page)
        if rest is None:
            return False
        self._rewrite_generated(site_dir, before_redirects)
        built += rest
        languages = {self.specs[uri].tree.language for uri in built}
        if languages:
            self.search.write(config, self.site, languages=languages)
        log.info("%d page(s) changed: %s", len(built), ", ".join(built[:5]))
        return True

    def _build_changed(
        self, uris: list[str], populate: Callable[..., None], build_page: Callable[..., None]
    ) -> list[str] | None:
        """Build those of ``uris`` whose body changed, through MkDocs' own page steps; the
        source paths built, or None when a page is missing (a full rebuild then)."""
        config = self.mkdocs_config
        assert config is not None and self.nav is not None
        bodies = {}
        for uri in uris:
            body = self._body(self.specs[uri])
            if digest(body) != self.bodies.get(uri):
                bodies[uri] = body
        if not bodies:
            return []
        self._fresh = dict(bodies)  # on_page_markdown takes each body from here
        pages = self.files.documentation_pages()
        try:
            for uri in bodies:
                file = self.files.get_file_from_path(uri)
                if file is None or file.page is None:
                    return None
                populate(file.page, config, self.files)
                build_page(file.page, config, pages, self.nav, self.env)
        finally:
            self._fresh = {}
        return list(bodies)

    def _rewrite_generated(self, site_dir: Path, before: dict[str, Stub]) -> None:
        """The catalog, the facet stylesheet and the redirects, where they changed."""
        generated = {browse_pages.FACET_STYLESHEET: browse_pages.facet_stylesheet(self.site)}
        if self.config.catalog:
            generated[CATALOG_FILE] = dump_catalog(build_catalog(self.site), self._catalog_parts)
        for path, text in generated.items():
            target = site_dir / path
            if not target.is_file() or target.read_text("utf-8") != text:
                target.write_text(text, encoding="utf-8")
        redirects = self.site.redirects()
        changed = {uri: stub for uri, stub in redirects.items() if before.get(uri) != stub}
        for uri in (before.keys() - redirects.keys()) | (before.keys() & changed.keys()):
            # Only a stub this plugin wrote goes; a page of the site at that address stays.
            target = site_dir / stub_file(uri)
            if target.is_file() and target.read_text("utf-8") == before[uri].html():
                target.unlink()
        self._write_redirects(site_dir, changed)
