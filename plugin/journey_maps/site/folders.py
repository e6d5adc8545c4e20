"""The folders of a site that must stay apart, so that no build deletes what someone wrote.

MkDocs empties ``site_dir`` before every build, and refuses a ``docs_dir`` inside it; the
gallery adds ``maps_dir`` and ``cache_dir``, and each pair has a direction that loses work
or breaks the site. Folders are compared after resolving links, so a link cannot hide an
overlap. Maps inside ``docs_dir`` are fine (the YAML files are kept out of the site).

=====================================  ===================================================
``maps_dir`` is or is inside           ``site_dir``: emptied before every build, the maps
                                       would be deleted
``site_dir`` is inside ``maps_dir``    the site would be written among the maps, and
                                       emptied with them
``docs_dir`` is or is inside           ``maps_dir``: everything under ``maps_dir`` is kept
                                       out of the site, so no page would be published
``cache_dir`` is or is inside          ``site_dir`` (emptied), ``docs_dir`` (published) or
                                       ``maps_dir`` (``mkdocs serve`` rebuilds on every write)
=====================================  ===================================================

A cache folder that holds the project (``JOURNEY_MAPS_CACHE_DIR`` set to a CI runner's
temporary folder, say) is fine: pruning deletes nothing but cache entries.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from journey_maps.export.cache import CACHE_DIR_ENV, cache_folder


@dataclass(frozen=True)
class _Folder:
    option: str
    path: Path

    def within(self, other: _Folder) -> bool:
        return self.path.is_relative_to(other.path)


def site_folder_conflicts(
    config_dir: Path, *, maps_dir: str, docs_dir: str, site_dir: str, cache_dir: str | None
) -> list[str]:
    """Every overlap of a site's folders that would lose work, as a sentence naming both
    folders and what to change; relative paths are relative to ``config_dir``. ``cache_dir``
    is None when nothing is rendered (no downloads), so no cache is used."""

    def folder(option: str, path: Path) -> _Folder:
        return _Folder(option, Path(os.path.realpath(config_dir / path)))

    maps = folder("maps_dir", Path(maps_dir))
    docs = folder("docs_dir", Path(docs_dir))
    site = folder("site_dir", Path(site_dir))
    rules: list[tuple[_Folder, _Folder, str]] = [
        (
            maps,
            site,
            "MkDocs empties site_dir before every build, which would delete the maps; choose "
            "a site_dir outside maps_dir",
        ),
        (
            docs,
            maps,
            "everything under maps_dir is kept out of the site, so no page of docs_dir would "
            "be published; keep maps_dir beside docs_dir (or inside it)",
        ),
    ]
    problems = [_overlap(inner, outer, why) for inner, outer, why in rules if inner.within(outer)]
    if site.within(maps) and site.path != maps.path:
        problems.append(
            f"site_dir '{site.path}' is inside maps_dir '{maps.path}': MkDocs empties site_dir "
            "before every build, and the site would be written among the maps; choose a "
            "site_dir outside maps_dir"
        )
    if cache_dir is not None:
        problems += _cache_conflicts(config_dir, cache_dir, maps=maps, docs=docs, site=site)
    return problems


def _cache_conflicts(
    config_dir: Path, cache_dir: str, *, maps: _Folder, docs: _Folder, site: _Folder
) -> list[str]:
    cache_option = CACHE_DIR_ENV if os.environ.get(CACHE_DIR_ENV) else "cache_dir"
    cache = _Folder(cache_option, Path(os.path.realpath(cache_folder(config_dir / cache_dir))))
    rules: list[tuple[_Folder, _Folder, str]] = [
        (
            cache,
            site,
            "MkDocs empties site_dir before every build, which would empty the cache too; "
            "choose a cache_dir outside site_dir",
        ),
        (
            cache,
            docs,
            "the cached files would be published with the pages; choose a cache_dir outside "
            "docs_dir",
        ),
        (
            cache,
            maps,
            "'mkdocs serve' would rebuild whenever a file is cached; choose a cache_dir outside "
            "maps_dir",
        ),
    ]
    return [_overlap(inner, outer, why) for inner, outer, why in rules if inner.within(outer)]


def _overlap(inner: _Folder, outer: _Folder, why: str) -> str:
    if inner.path == outer.path:
        return f"{inner.option} and {outer.option} are the same folder, '{inner.path}': {why}"
    return f"{inner.option} '{inner.path}' is inside {outer.option} '{outer.path}': {why}"
