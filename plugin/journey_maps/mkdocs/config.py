"""Typed options of the ``journey-maps`` plugin (documented in docs/reference/plugin.md).

The options that decide what a site publishes take their defaults and choices from
:mod:`journey_maps.site.options`, which ``journey-maps catalog`` reads too.
"""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError

from journey_maps.site.options import BOUNDS, CHOICES, SiteOptions

DEFAULTS = SiteOptions()


class WholeNumber(c.Type[int]):
    """An ``int`` option within bounds, so a bad value is a config error, not a traceback later."""

    def __init__(
        self, *, minimum: int, maximum: int | None = None, default: int | None = None
    ) -> None:
        super().__init__(int, default=default)
        self.minimum, self.maximum = minimum, maximum

    def run_validation(self, value: object) -> int:
        number = super().run_validation(value)
        if isinstance(number, bool):
            raise ValidationError(f"Expected a whole number, got {value!r}.")
        if number < self.minimum or (self.maximum is not None and number > self.maximum):
            upper = f" and at most {self.maximum}" if self.maximum is not None else ""
            raise ValidationError(
                f"Expected a whole number of at least {self.minimum}{upper}, got {number}."
            )
        return number


class JourneyMapsConfig(base.Config):
    """Options under ``plugins: - journey-maps:`` in mkdocs.yml."""

    enabled = c.Type(bool, default=True)
    #: Folder of map YAML files (personas in its ``personas/`` subfolder), relative to
    #: mkdocs.yml. It must not be inside docs_dir: MkDocs would copy the YAML files.
    maps_dir = c.Type(str, default=DEFAULTS.maps_dir)
    #: Language of maps and personas that do not declare one, and of the site root.
    default_language = c.Type(str, default=DEFAULTS.default_language)
    #: Every language to publish; each one but the default gets a tree of pages under xx/.
    languages = c.ListOfItems(c.Type(str), default=list(DEFAULTS.languages))
    #: Names for the language selector, e.g. {pt-BR: Português}; common ones are built in.
    language_names = c.DictOfItems(c.Type(str), default=dict(DEFAULTS.language_names))
    #: Add the gallery and personas sections to the site navigation.
    nav = c.Type(bool, default=True)
    #: List every map in the navigation up to this many maps; above it, only the gallery.
    nav_max_maps = WholeNumber(minimum=0, default=40)
    gallery_title = c.Type(str, default=DEFAULTS.gallery_title)
    personas_title = c.Type(str, default=DEFAULTS.personas_title)
    #: Write journey-maps.json at the site root.
    catalog = c.Type(bool, default=DEFAULTS.catalog)
    #: Offer every map for download, in these formats, in every language.
    downloads = c.Type(bool, default=DEFAULTS.downloads)
    download_formats = c.ListOfItems(
        c.Choice(CHOICES["download_formats"]), default=list(DEFAULTS.download_formats)
    )
    #: Publish blank templates of the four map types (templates/ page) on these papers.
    templates = c.Type(bool, default=DEFAULTS.templates)
    papers = c.ListOfItems(c.Choice(CHOICES["papers"]), default=list(DEFAULTS.papers))
    #: Resolution of PNG downloads.
    dpi = WholeNumber(minimum=BOUNDS["dpi"][0], maximum=BOUNDS["dpi"][1], default=DEFAULTS.dpi)
    #: Processes that render PNG and PDF; default: one less than the CPU cores.
    workers = c.Optional(WholeNumber(minimum=1))
    #: Rendered files by content hash, so a rebuild renders only what changed.
    cache_dir = c.Type(str, default=".cache/journey-maps")
    #: `mkdocs build` deletes cache entries no build has used for this many days (0: never),
    #: so the cache holds what the gallery renders today rather than every past version.
    cache_max_age = WholeNumber(minimum=0, default=30)
    #: Draw ```mermaid fences holding a `journey` diagram with our renderer (server-side SVG
    #: with an emotion curve); other Mermaid diagrams are left to client-side Mermaid.
    mermaid_journeys = c.Type(bool, default=False)
    #: Render PNG and PDF under `mkdocs serve` too (slower rebuilds while editing).
    serve_raster = c.Type(bool, default=False)
