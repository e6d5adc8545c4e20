"""Every language tree is a site of its own for Material's scripts: it has its own base.

Material's script reads one address from a page, ``__config.base`` (MkDocs' ``base_url``,
the site root), and finds three things there: the search index (``search/search_index.json``),
the ``sitemap.xml`` that tells instant navigation which links it may load without a reload,
and, unless ``extra.scope`` names another, the scope under which palette and cookie consent
are stored. A page of tree ``de/`` gets ``de/`` as its base, so that

* its search box loads the German index (:mod:`.search`);
* instant navigation stays within the German pages: ``de/sitemap.xml`` lists them, and the
  root ``sitemap.xml`` lists the default tree and the author's pages only. A link into
  another tree is a full page load, which brings that tree's index and interface words;
* its preferences stay the site's: ``extra.scope`` is set to the site root while it renders.

Asset links do not move: MkDocs' ``url`` filter makes them relative to the page. Hand-written
pages and the 404 page belong to the default tree and keep the root. Other themes (MkDocs' own
ones build asset links from ``base_url``) are left alone.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url, write_file
from mkdocs.utils.templates import TemplateContext

from journey_maps.site.pages import PageSpec, Site

SITEMAP = "sitemap.xml"


def _is_material(config: MkDocsConfig) -> bool:
    return config.theme.name == "material"


class TreeRoots:
    """Moves the base of a page of a non-default tree to its tree's root while it renders."""

    def __init__(self) -> None:
        self._scoped: MkDocsConfig | None = None  # the configuration whose scope we set

    def enter(
        self, context: TemplateContext, page: Page, spec: PageSpec, config: MkDocsConfig
    ) -> None:
        """Give a page of a non-default tree its tree's root as base (``on_page_context``)."""
        if spec.tree.is_default or not _is_material(config):
            return
        if config.extra.get("scope") is None:
            config.extra["scope"] = context["base_url"]  # the site root, from this page
            self._scoped = config
        context["base_url"] = get_relative_url(spec.tree.prefix, page.url)

    def leave(self) -> None:
        """Undo :meth:`enter`'s scope once the page is rendered, or the build failed."""
        if self._scoped is not None:
            self._scoped.extra.pop("scope", None)
            self._scoped = None

    def sitemaps(self, context: TemplateContext, config: MkDocsConfig, site: Site) -> None:
        """Split MkDocs' ``sitemap.xml`` by tree (``on_template_context``).

        Each tree's sitemap comes from the theme's own template, given that tree's pages;
        the root one keeps the rest (the default tree and the author's pages).
        """
        if len(site.trees) < 2 or not _is_material(config):
            return
        specs = site.pages()
        template = config.theme.get_env().get_template(SITEMAP)
        pages: list[File] = list(context["pages"])
        for tree in site.trees[1:]:
            own = [f for f in pages if (s := specs.get(f.src_uri)) and s.tree is tree]
            output = template.render({**context, "pages": own})
            write_file(output.encode("utf-8"), str(Path(config.site_dir) / tree.prefix / SITEMAP))
        context["pages"] = [
            f for f in pages if (s := specs.get(f.src_uri)) is None or s.tree.is_default
        ]
