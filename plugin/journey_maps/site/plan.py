"""One build's page plan: the language trees, the downloads and every page of every kind.

Importing this module registers every kind of page, in the order pages are listed in the
navigation: the core pages (:mod:`.pages`), browsing (:mod:`.browse_pages`), then the
templates page (:mod:`.template_pages`). Site adapters start here.
"""

from __future__ import annotations

from journey_maps.core.gallery import Gallery
from journey_maps.core.store import Store
from journey_maps.i18n.files import Translations
from journey_maps.site import browse_pages, template_pages
from journey_maps.site.catalog import BROWSE_ENTRY
from journey_maps.site.downloads import RASTER, SiteDownloads
from journey_maps.site.options import SiteOptions
from journey_maps.site.pages import STUBS, Site
from journey_maps.site.trees import build_trees

#: What a site computes from the parts of maps that lists show (:class:`.pages.Aspect`) and
#: from personas alone: filters, redirects, the catalog's browse entry. A rebuild in which
#: none of those changed keeps them (:meth:`.pages.Site.keep_derived`).
LISTING_DERIVED = (STUBS, BROWSE_ENTRY, browse_pages.FACET_STYLESHEET)

#: The feature modules whose page kinds :func:`plan_site` publishes (imported for that).
FEATURES = (browse_pages, template_pages)


def plan_site(
    gallery: Gallery,
    translations: Translations,
    languages: list[str],
    *,
    default_language: str,
    names: dict[str, str],
    gallery_title: str,
    personas_title: str,
    use_directory_urls: bool = True,
    store: Store | None = None,
) -> Site:
    """A site with a tree per language (the default first); downloads are added by the
    caller, which decides the formats and renders them (:class:`.downloads.SiteDownloads`).
    ``store`` keeps its drawings (in memory only, unless it has a folder)."""
    trees = build_trees(
        gallery,
        translations,
        languages,
        default_language=default_language,
        names=names,
        gallery_title=gallery_title,
        personas_title=personas_title,
        store=store,
    )
    return Site(trees, use_directory_urls=use_directory_urls, store=store or Store())


def plan_published_site(
    gallery: Gallery,
    translations: Translations,
    options: SiteOptions,
    *,
    raster: bool = True,
    store: Store | None = None,
    before: SiteDownloads | None = None,
) -> Site:
    """The site ``options`` publish, with its downloads planned but not rendered: what a
    build renders and publishes, and what ``journey-maps catalog`` lists. ``raster=False``
    leaves PNG and PDF out (the dev server, unless asked for them); ``store`` keeps what is
    made between builds, and the downloads of maps unchanged since ``before`` are kept."""
    site = plan_site(
        gallery,
        translations,
        options.published_languages,
        default_language=options.default_language,
        names=dict(options.language_names),
        gallery_title=options.gallery_title,
        personas_title=options.personas_title,
        use_directory_urls=options.use_directory_urls,
        store=store,
    )
    site.downloads = _plan_downloads(site, options, raster=raster, before=before)
    return site


def _plan_downloads(
    site: Site, options: SiteOptions, *, raster: bool, before: SiteDownloads | None
) -> SiteDownloads | None:
    """Every download file of the site, planned; None when ``options`` turn downloads off."""
    if not options.downloads:
        return None
    downloads = SiteDownloads(
        formats=[f for f in options.download_formats if raster or f not in RASTER],
        papers=list(options.papers),
        templates=options.templates,
        dpi=options.dpi,
    )
    downloads.plan(site.trees, site.download_source, keys=site.download_key, before=before)
    return downloads
