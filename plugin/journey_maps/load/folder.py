"""Load a gallery folder and check it: every file, then the references between them.

A gallery is a folder of map files with a ``personas/`` folder beside them::

    maps/
      colleen-vacuum.yaml        # a map; its id defaults to the file name
      personas/colleen.yaml      # a persona; referenced from maps as `persona: colleen`

Everything wrong is collected into :class:`~journey_maps.core.errors.Problems` with the
file, line and column it concerns; nothing here raises on bad input.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from journey_maps.core.document import Document
from journey_maps.core.errors import Problem, Problems, display_path
from journey_maps.core.gallery import Gallery
from journey_maps.core.model import JourneyMap, Persona
from journey_maps.core.store import Store, code_version, digest
from journey_maps.load.checks import (
    check_file,
    check_references,
    check_unique,
    file_id,
    intended_id,
)
from journey_maps.load.messages import validate_model
from journey_maps.load.yaml import load_file

YAML_SUFFIXES = (".yaml", ".yml")
PERSONAS_DIR = "personas"


#: A site's own configuration is never a map, even when a gallery folder is the project root.
SITE_CONFIG_NAMES = frozenset({"mkdocs.yml", "mkdocs.yaml"})


def yaml_files(folder: Path) -> list[Path]:
    """YAML files directly in ``folder``, sorted, skipping hidden and ``_draft`` files."""
    if not folder.is_dir():
        return []
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file()
        and p.suffix.lower() in YAML_SUFFIXES
        and not p.name.startswith((".", "_"))
        and p.name.lower() not in SITE_CONFIG_NAMES
    )


Item = TypeVar("Item", Persona, JourneyMap)


@dataclass
class _FileLoader:
    """One loop for persona and map files: parse, validate, give an id, check the file."""

    problems: Problems
    #: Ids of files that failed, by kind: references to them then point at the broken file
    #: instead of saying "does not exist".
    failed: dict[str, dict[str, str]]
    default_language: str
    display_base: Path | None
    store: Store | None = None
    #: Map and persona files that parsed but failed their checks, by kind.
    failed_docs: dict[str, list[Document]] = field(
        default_factory=lambda: {"map": [], "persona": []}
    )

    def _validated(self, model: type[Item], doc: Document) -> Item | None:
        """``doc`` validated as ``model``, its problems added; with a store, a file that did
        not change is not validated again (schema validation and id derivation are most of
        loading a parsed file)."""
        if self.store is None or not doc.digest:
            return validate_model(model, doc, self.problems)
        key = digest(model.__name__, code_version(), doc.path, doc.digest, self.default_language)

        def validate() -> tuple[Item | None, list[Problem]]:
            found = Problems()
            return validate_model(model, doc, found), found.items

        item, problems = self.store.remember("validated", key, validate)
        self.problems.items.extend(problems)
        return item

    def load(
        self, kind: str, model: type[Item], paths: Iterable[Path]
    ) -> Iterable[tuple[Item, Document]]:
        seen: dict[str, Document] = {}
        example = "name" if model is Persona else "title"
        for path in paths:
            doc = load_file(
                path,
                display_path(path, self.display_base),
                self.problems,
                example=example,
                store=self.store,
            )
            if doc is None:
                continue
            item = self._validated(model, doc)
            if item is None:
                self.failed[kind][intended_id(doc, path)] = doc.path
                self.failed_docs[kind].append(doc)
                continue
            item.id = item.id or file_id(doc, path, self.problems) or ""
            if not item.id or not check_unique(kind, item.id, doc, seen, self.problems):
                continue
            item.language = item.language or self.default_language
            before = len(self.problems.errors)
            check_file(item, doc, self.problems)
            if len(self.problems.errors) > before:
                self.failed[kind][item.id] = doc.path
                self.failed_docs[kind].append(doc)
                continue
            yield item, doc


def load_gallery(
    maps_dir: Path,
    *,
    default_language: str = "en",
    display_base: Path | None = None,
    store: Store | None = None,
) -> tuple[Gallery, Problems]:
    """Load and check every map and persona under ``maps_dir``.

    Returns the valid part of the gallery and every problem found: an invalid file is left
    out of the gallery, so a caller may still build the rest (or stop, in strict mode).
    A ``store`` keeps parsed files between builds (see :mod:`journey_maps.load.kept`).
    """
    problems = Problems()
    gallery = Gallery(default_language=default_language)
    if not maps_dir.is_dir():
        problems.add(
            display_path(maps_dir, display_base),
            1,
            1,
            f"the maps folder '{maps_dir}' does not exist; create it or set 'maps_dir' in the "
            "plugin's options",
        )
        return gallery, problems
    failed: dict[str, dict[str, str]] = {"map": {}, "persona": {}}
    files = _FileLoader(problems, failed, default_language, display_base, store)
    for persona, doc in files.load("persona", Persona, yaml_files(maps_dir / PERSONAS_DIR)):
        gallery.personas[persona.id] = persona
        gallery.documents[f"persona:{persona.id}"] = doc
    for journey, doc in files.load("map", JourneyMap, yaml_files(maps_dir)):
        gallery.maps[journey.id] = journey
        gallery.documents[f"map:{journey.id}"] = doc
    check_references(gallery, failed, files.failed_docs["map"], problems)
    # A map whose references are broken is not published: its page would have dead links.
    broken = {p.path for p in problems.errors}
    for map_id in [m for m in gallery.maps if gallery.source_path("map", m) in broken]:
        del gallery.maps[map_id]
    return gallery, problems
