"""What the CLI needs from the site a gallery belongs to: its folder and ``default_language``.

A map without ``language:`` is written in the site's default language. The plugin knows it
from mkdocs.yml; the CLI, run on a maps folder, finds the mkdocs.yml beside or above that
folder whose journey-maps plugin publishes it, so that ``journey-maps validate`` and
``mkdocs build`` agree about which texts are translations (an Estonian team's untagged maps
are Estonian for both). No MkDocs import: the file is read as plain YAML.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from journey_maps.core.errors import Problems
from journey_maps.core.gallery import Gallery
from journey_maps.load.folder import load_gallery

PLUGIN_NAME = "journey-maps"
CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")
FALLBACK_LANGUAGE = "en"
DEFAULT_MAPS_DIR = "maps"


class _TolerantLoader(yaml.SafeLoader):
    """Safe loading that reads any tag (``!ENV``, ``!!python/name:…``) as nothing."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def _plugin_options(config: Path) -> dict[str, Any] | None:
    """The journey-maps options of one mkdocs.yml ({} if listed bare), or None."""
    try:
        data = yaml.load(config.read_text("utf-8"), Loader=_TolerantLoader)  # noqa: S506
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None  # MkDocs will say what is wrong with it; the CLI keeps its defaults
    plugins = data.get("plugins") if isinstance(data, dict) else None
    entries = plugins.items() if isinstance(plugins, dict) else []
    if isinstance(plugins, list):
        entries = [
            next(iter(item.items())) if isinstance(item, dict) and len(item) == 1 else (item, {})
            for item in plugins
        ]
    for name, options in entries:
        if name == PLUGIN_NAME:
            return options if isinstance(options, dict) else {}
    return None


def _sites_in(folder: Path) -> list[tuple[dict[str, Any], Path]]:
    """The journey-maps options of each mkdocs.yml in ``folder``, with the gallery it
    publishes."""
    sites = []
    for name in CONFIG_NAMES:
        config = folder / name
        options = _plugin_options(config) if config.is_file() else None
        if options is not None:
            sites.append((options, folder / str(options.get("maps_dir") or DEFAULT_MAPS_DIR)))
    return sites


@lru_cache(maxsize=32)
def site_options_for(maps_dir: Path) -> dict[str, Any] | None:
    """The journey-maps options of the mkdocs.yml beside or above ``maps_dir`` that
    publishes it, or None when no site does."""
    target = maps_dir.resolve()
    for folder in (target, *target.parents):
        for options, published in _sites_in(folder):
            if published.resolve() == target:
                return options
    return None


def default_language_for(maps_dir: Path) -> str:
    """The default_language of the site that publishes ``maps_dir``, else ``en``."""
    language = (site_options_for(maps_dir) or {}).get("default_language")
    return language if isinstance(language, str) and language else FALLBACK_LANGUAGE


def published_languages_for(maps_dir: Path) -> list[str]:
    """The languages the site that publishes ``maps_dir`` lists ([] for one language)."""
    languages = (site_options_for(maps_dir) or {}).get("languages")
    if not isinstance(languages, list):
        return []
    return [lang for lang in languages if isinstance(lang, str) and lang]


def default_gallery() -> Path:
    """The gallery a command means when given none: ``maps/`` here, else the folder the
    mkdocs.yml here publishes, else this folder."""
    if Path(DEFAULT_MAPS_DIR).is_dir():
        return Path(DEFAULT_MAPS_DIR)
    sites = _sites_in(Path())
    return sites[0][1] if sites else Path()


def load_project_gallery(
    maps_dir: Path, *, display_base: Path | None = None
) -> tuple[Gallery, Problems]:
    """:func:`load_gallery` with the default language the site would use."""
    return load_gallery(
        maps_dir, default_language=default_language_for(maps_dir), display_base=display_base
    )
