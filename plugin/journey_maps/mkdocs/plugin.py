"""The ``journey-maps`` MkDocs plugin: a thin adapter from the gallery core to MkDocs events.

Event order and what each step does:

* ``on_config``: put the bundled theme overrides on the theme's search path (below the user's
  ``custom_dir``) and add the stylesheet.
* ``on_pre_build``: load and validate the gallery. In a strict ``mkdocs build`` any problem
  stops the build here, before MkDocs cleans site_dir, so no half-written site is left.
  Otherwise problems are logged and invalid files are left out.
* ``on_files``: add the generated pages and the catalog as virtual files.
* ``on_nav``: put the gallery and personas sections into the navigation.
* ``on_page_markdown``: produce each generated page's HTML (links relative to that page).
* ``on_serve``: watch the maps folder so editing a YAML file rebuilds the site.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure import StructureItem
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from .. import html
from ..catalog import CATALOG_FILE, build_catalog, dump_catalog
from ..errors import Problems
from ..html.labels import Labels
from ..validate import Gallery, load_gallery
from .config import JourneyMapsConfig
from .nav import place_sections
from .pages import GALLERY_URI, PERSONAS_URI, PageSpec, page_specs, uri_for

log = get_plugin_logger(__name__)

STYLESHEET = "assets/journey-maps/journey-maps.css"
NOT_IN_NAV = InclusionLevel.NOT_IN_NAV


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
        self.gallery = Gallery()
        self.specs: dict[str, PageSpec] = {}
        self.labels = Labels()
        self.serving = False
        self.maps_dir = Path("maps")
        self.problems = Problems()

    # --- configuration --------------------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        base = Path(config.config_file_path or ".").resolve().parent
        self.maps_dir = (base / self.config.maps_dir).resolve()
        self.labels = Labels(
            language=self.config.default_language,
            gallery=self.config.gallery_title,
            personas=self.config.personas_title,
        )
        dirs = config.theme.dirs
        custom = config.theme.custom_dir
        position = 1 if custom and dirs and Path(dirs[0]) == Path(custom) else 0
        ours = str(theme_dir())
        if ours not in dirs:
            dirs.insert(position, ours)
        if STYLESHEET not in [str(s) for s in config.extra_css]:
            config.extra_css.append(STYLESHEET)
        return config

    # --- loading --------------------------------------------------------------------------

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        gallery, problems = load_gallery(
            self.maps_dir,
            default_language=self.config.default_language,
            display_base=Path(config.config_file_path or ".").resolve().parent,
        )
        self._report(problems, strict=bool(config.strict))
        self.problems = problems
        self.gallery = gallery
        self.specs = page_specs(gallery, self.config.gallery_title, self.config.personas_title)
        log.info(
            "Loaded %d journey map(s) and %d persona(s) from %s",
            len(gallery.maps),
            len(gallery.personas),
            self.config.maps_dir,
        )

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
        for uri in self.specs:
            existing = files.get_file_from_path(uri)
            if existing is not None:
                if uri in (GALLERY_URI, PERSONAS_URI):
                    continue  # the author's own intro page; the listing is appended to it
                raise PluginError(
                    f"{existing.src_uri} in docs_dir has the same URL as a generated journey "
                    "map page; rename or remove it"
                )
            # NOT_IN_NAV: MkDocs checks the nav before on_nav places these pages there.
            files.append(File.generated(config, uri, content="", inclusion=NOT_IN_NAV))
        if self.config.catalog:
            catalog = build_catalog(self.gallery, self._site_url(files))
            files.append(File.generated(config, CATALOG_FILE, content=dump_catalog(catalog)))
        return files

    def _site_url(self, files: Files) -> Any:
        def site_url(kind: str, item_id: str, language: str) -> str:
            file = files.get_file_from_path(uri_for(kind, item_id))
            return file.url if file else ""

        return site_url

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        if not self.config.enabled:
            return nav
        pages = {uri: files.get_file_from_path(uri) for uri in self.specs}
        ours = {f.src_uri for f in pages.values() if f is not None}
        if not self.config.nav:
            return nav

        def page_of(uri: str) -> Page:
            file = pages[uri]
            assert file is not None
            if file.page is None:
                Page(None, file, config)
            assert file.page is not None
            return file.page

        map_uris = [u for u, s in self.specs.items() if s.kind == "map"]
        persona_uris = [u for u, s in self.specs.items() if s.kind == "persona"]
        show_maps = len(map_uris) <= self.config.nav_max_maps
        maps_children: list[StructureItem] = [page_of(GALLERY_URI)]
        if show_maps:
            maps_children += [page_of(u) for u in map_uris]
        persona_children: list[StructureItem] = [page_of(PERSONAS_URI)]
        persona_children += [page_of(u) for u in persona_uris]
        maps_section = Section(self.config.gallery_title, maps_children)
        personas_section = Section(self.config.personas_title, persona_children)
        return place_sections(nav, ours, [maps_section, personas_section])

    # --- page content -------------------------------------------------------------------------

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        spec = self.specs.get(page.file.src_uri) if self.config.enabled else None
        if spec is None:
            return markdown
        own_intro = bool(markdown.strip())
        if not own_intro or "title" not in page.meta:
            page.meta["title"] = spec.html_title()
        page.meta.setdefault("journey_maps", {"kind": spec.kind, "id": spec.item_id})
        # Generated pages have no Markdown headings for a table of contents; hiding the empty
        # TOC sidebar gives wide tables and diagrams the room they need.
        page.meta.setdefault("hide", ["toc"])

        def url_for(kind: str, item_id: str) -> str:
            target = files.get_file_from_path(uri_for(kind, item_id))
            if target is None:
                return "#"
            return get_relative_url(target.url, page.file.url)

        body = spec.body(self.gallery, url_for, self.labels, diagram="")
        if spec.kind == "gallery" and self.serving and self.problems:
            # While editing, show what is wrong where the author is looking.
            body = html.problems_notice(self.problems.sorted(), self.labels) + body
        # An author's own maps/index.md or personas/index.md is kept as the intro.
        return f"{markdown}\n\n{body}" if own_intro else body

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        if self.config.enabled and self.maps_dir.is_dir():
            server.watch(str(self.maps_dir))
        return server
