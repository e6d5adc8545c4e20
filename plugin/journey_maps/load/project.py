"""What the CLI needs from the site a gallery belongs to: its folder and its options.

A map without ``language:`` is written in the site's default language. The plugin knows it
from mkdocs.yml; the CLI, run on a maps folder, finds the mkdocs.yml beside or above that
folder whose journey-maps plugin publishes it, so that ``journey-maps validate`` and
``mkdocs build`` agree about which texts are translations (an Estonian team's untagged maps
are Estonian for both), and ``journey-maps catalog`` plans the site ``mkdocs build`` would.
No MkDocs import: the file is read as plain YAML, keeping where each option is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from journey_maps.core.document import Mark
from journey_maps.core.errors import Problems
from journey_maps.core.gallery import Gallery
from journey_maps.load.folder import load_gallery

PLUGIN_NAME = "journey-maps"
CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")
FALLBACK_LANGUAGE = "en"
DEFAULT_MAPS_DIR = "maps"
#: The one option of MkDocs' own that decides what a site publishes (page URLs).
USE_DIRECTORY_URLS = "use_directory_urls"


class _TolerantLoader(yaml.SafeLoader):
    """Safe loading that reads any tag (``!ENV``, ``!!python/name:…``) as nothing."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class SiteConfig:
    """What the command line needs from one mkdocs.yml, and where each value is written, so
    that a bad value can be pointed at."""

    path: Path
    #: The journey-maps plugin's options ({} when it is listed without any).
    plugin: dict[str, Any]
    #: MkDocs' ``use_directory_urls``, None when mkdocs.yml leaves it out.
    use_directory_urls: Any = None
    #: Where the value of each plugin option, and of ``use_directory_urls``, starts.
    marks: dict[str, Mark] = field(default_factory=dict)

    @property
    def publishes(self) -> Path:
        """The gallery folder this site publishes."""
        return self.path.parent / str(self.plugin.get("maps_dir") or DEFAULT_MAPS_DIR)


def _mark(node: yaml.Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


def _entries(node: yaml.Node | None) -> dict[str, yaml.Node]:
    """The values of a mapping node by their (text) keys; {} for anything else."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(key.value): value for key, value in node.value if isinstance(key, yaml.ScalarNode)}


def _plugin_node(plugins: yaml.Node | None) -> yaml.Node | None:
    """The journey-maps entry of ``plugins:`` (a list, or a mapping), or None."""
    if isinstance(plugins, yaml.MappingNode):
        return _entries(plugins).get(PLUGIN_NAME)
    for item in plugins.value if isinstance(plugins, yaml.SequenceNode) else []:
        if isinstance(item, yaml.ScalarNode) and item.value == PLUGIN_NAME:
            return item  # listed bare
        entry = _entries(item)
        if PLUGIN_NAME in entry and len(entry) == 1:
            return entry[PLUGIN_NAME]
    return None


def _read_site(config: Path) -> SiteConfig | None:
    """The journey-maps part of one mkdocs.yml, or None if it lists no journey-maps plugin
    (or cannot be read: MkDocs will say what is wrong with it; the CLI keeps its defaults)."""
    try:
        loader = _TolerantLoader(config.read_text("utf-8"))
        try:
            top = _entries(loader.get_single_node())
            found = _plugin_node(top.get("plugins"))
            if found is None:
                return None
            options = loader.construct_object(found, deep=True)
            urls = top.get(USE_DIRECTORY_URLS)
            return SiteConfig(
                config,
                options if isinstance(options, dict) else {},
                loader.construct_object(urls, deep=True) if urls is not None else None,
                {
                    **{name: _mark(value) for name, value in _entries(found).items()},
                    **({USE_DIRECTORY_URLS: _mark(urls)} if urls is not None else {}),
                },
            )
        finally:
            loader.dispose()
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None


def _sites_in(folder: Path) -> list[SiteConfig]:
    """The journey-maps part of each mkdocs.yml in ``folder``."""
    found = (_read_site(folder / name) for name in CONFIG_NAMES if (folder / name).is_file())
    return [site for site in found if site is not None]


@lru_cache(maxsize=32)
def site_config_for(maps_dir: Path) -> SiteConfig | None:
    """The mkdocs.yml beside or above ``maps_dir`` that publishes it, or None when no site
    does."""
    target = maps_dir.resolve()
    for folder in (target, *target.parents):
        for site in _sites_in(folder):
            if site.publishes.resolve() == target:
                return site
    return None


def site_options_for(maps_dir: Path) -> dict[str, Any] | None:
    """The journey-maps options of the site that publishes ``maps_dir``, or None."""
    site = site_config_for(maps_dir)
    return site.plugin if site is not None else None


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
    return sites[0].publishes if sites else Path()


def load_project_gallery(
    maps_dir: Path, *, display_base: Path | None = None
) -> tuple[Gallery, Problems]:
    """:func:`load_gallery` with the default language the site would use."""
    return load_gallery(
        maps_dir, default_language=default_language_for(maps_dir), display_base=display_base
    )
