"""A published gallery from its folder, without a site generator: its sources and options.

The MkDocs adapter loads a gallery with :func:`load_sources` and plans its site with
:func:`~journey_maps.site.plan.plan_published_site`. ``journey-maps catalog`` does the same
with the options of the mkdocs.yml that publishes the folder (:func:`project_options`), so the
catalog it writes is the one the build publishes.
"""

from __future__ import annotations

from pathlib import Path

from journey_maps.core.document import Mark
from journey_maps.core.errors import Problems, display_path
from journey_maps.core.gallery import Gallery
from journey_maps.core.store import Store
from journey_maps.i18n.files import Translations, load_translations
from journey_maps.load.folder import load_gallery
from journey_maps.load.project import USE_DIRECTORY_URLS, site_config_for
from journey_maps.site.options import SiteOptions, read_options


def load_sources(
    maps_dir: Path,
    *,
    default_language: str,
    display_base: Path | None = None,
    store: Store | None = None,
) -> tuple[Gallery, Translations, Problems]:
    """The valid part of a gallery and of its translation files, and every problem of both
    (invalid files are left out, as a build that is not strict leaves them out); ``store``
    keeps what loading made, so that files that did not change are not loaded again."""
    gallery, problems = load_gallery(
        maps_dir, default_language=default_language, display_base=display_base, store=store
    )
    translations, found = load_translations(
        maps_dir, gallery, display_base=display_base, store=store
    )
    problems.extend(found)
    return gallery, translations, problems


def project_options(
    maps_dir: Path, *, display_base: Path | None = None
) -> tuple[SiteOptions, Problems, Path | None]:
    """The options of the site whose mkdocs.yml publishes ``maps_dir``, the problems of that
    file's options, and the file; the plugin's defaults and None when no site publishes it."""
    config = site_config_for(maps_dir)
    if config is None:
        return SiteOptions(), Problems(), None
    options, wrong = read_options({**config.plugin, USE_DIRECTORY_URLS: config.use_directory_urls})
    problems = Problems()
    shown = display_path(config.path, display_base)
    for name, problem in wrong.items():
        mark = config.marks.get(name, Mark(1, 1))
        what = f"'{name}'" if name == USE_DIRECTORY_URLS else f"the journey-maps option '{name}'"
        message = f"{what} {problem}; mkdocs build refuses it too"
        problems.add(shown, mark.line, mark.column, message)
    return options, problems, config.path
