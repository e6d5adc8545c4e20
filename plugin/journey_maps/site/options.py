"""The options a published site is planned from, their defaults, and how they are checked.

They are the ``journey-maps`` plugin options that decide what a site publishes (its
languages, titles, downloads) and MkDocs' own ``use_directory_urls``. The MkDocs adapter
declares its options with these defaults and choices (``mkdocs/config.py``), and
``journey-maps catalog`` reads the same options from mkdocs.yml without MkDocs, through
:func:`read_options`: a build and the command line cannot plan different sites.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from journey_maps.export.jobs import MAP_FORMATS, PAPER_NAMES
from journey_maps.export.raster import DEFAULT_DPI, MAX_DPI, MIN_DPI
from journey_maps.load.project import DEFAULT_MAPS_DIR, FALLBACK_LANGUAGE
from journey_maps.site.html.labels import Labels

#: The values a list option may hold.
CHOICES: Final[Mapping[str, tuple[str, ...]]] = {
    "download_formats": MAP_FORMATS,
    "papers": PAPER_NAMES,
}
#: The bounds of a whole-number option.
BOUNDS: Final[Mapping[str, tuple[int, int]]] = {"dpi": (MIN_DPI, MAX_DPI)}


@dataclass(frozen=True)
class SiteOptions:
    """What a site publishes; every default is the plugin's default."""

    #: The gallery folder, relative to mkdocs.yml.
    maps_dir: str = DEFAULT_MAPS_DIR
    #: The language of maps that declare none, and of the site root.
    default_language: str = FALLBACK_LANGUAGE
    #: Every language to publish (the default language is always published, first).
    languages: tuple[str, ...] = ()
    language_names: Mapping[str, str] = field(default_factory=dict)
    gallery_title: str = Labels.gallery
    personas_title: str = Labels.personas
    catalog: bool = True
    downloads: bool = True
    download_formats: tuple[str, ...] = MAP_FORMATS
    templates: bool = True
    papers: tuple[str, ...] = PAPER_NAMES
    dpi: int = DEFAULT_DPI
    #: MkDocs' own option: ``maps/x/`` (true) or ``maps/x/index.html`` (false).
    use_directory_urls: bool = True

    @property
    def published_languages(self) -> list[str]:
        """The default language first, then the others in the order given."""
        default = self.default_language
        return [default, *[lang for lang in self.languages if lang != default]]


def read_options(raw: Mapping[str, Any]) -> tuple[SiteOptions, dict[str, str]]:
    """The options in ``raw`` (a plugin's configuration; other keys are ignored), and what is
    wrong with each invalid one, by name: an invalid option keeps its default.

    ``None`` means the default, as in MkDocs' configuration.
    """
    values: dict[str, Any] = {}
    wrong: dict[str, str] = {}
    for option in dataclasses.fields(SiteOptions):
        value = raw.get(option.name)
        if value is None:
            continue
        default = getattr(SiteOptions(), option.name)
        problem = _problem(option.name, value, default)
        if problem:
            wrong[option.name] = problem
        elif isinstance(default, tuple):
            values[option.name] = tuple(value)
        elif isinstance(default, Mapping):
            values[option.name] = dict(value)
        else:
            values[option.name] = value
    return SiteOptions(**values), wrong


def _problem(name: str, value: Any, default: Any) -> str | None:
    """What is wrong with ``value`` for an option whose default is ``default``, or None."""
    if isinstance(default, bool):
        return None if isinstance(value, bool) else "must be true or false"
    if isinstance(default, int):
        low, high = BOUNDS[name]
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            return f"must be a whole number from {low} to {high}"
        return None
    if isinstance(default, str):
        return None if isinstance(value, str) else "must be a text"
    if isinstance(default, tuple):
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            return "must be a list of texts, such as [a, b]"
        allowed = CHOICES.get(name)
        unknown = [item for item in value if allowed is not None and item not in allowed]
        if allowed is not None and unknown:
            return f"cannot hold '{unknown[0]}'; choose from {', '.join(allowed)}"
        return None
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        return "must map language codes to names, such as {pt-BR: Português}"
    return None
