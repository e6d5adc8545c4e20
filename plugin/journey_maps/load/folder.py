"""Load a gallery folder and check it: every file, then the references between them.

A gallery is a folder of map files with a ``personas/`` folder beside them::

    maps/
      colleen-vacuum.yaml        # a map; its id defaults to the file name
      personas/colleen.yaml      # a persona; referenced from maps as `persona: colleen`

Everything wrong is collected into :class:`~journey_maps.core.errors.Problems` with the
file, line and column it concerns; nothing here raises on bad input. Symbolic links are
followed inside the gallery folder only: a link out of it is refused (a gallery published
from a shared folder must not publish whatever a link points at), a link to nothing is a
warning.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from journey_maps.core.document import Document
from journey_maps.core.errors import Problem, Problems, Severity, display_path
from journey_maps.core.gallery import Gallery
from journey_maps.core.ids import slugify
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


def _named_like_sources(folder: Path) -> list[Path]:
    """Entries of ``folder`` named like source files, of any kind (broken links too), sorted.

    Raises OSError when the folder cannot be listed.
    """
    return sorted(
        p
        for p in folder.iterdir()
        if p.suffix.lower() in YAML_SUFFIXES
        and not p.name.startswith((".", "_"))
        and p.name.lower() not in SITE_CONFIG_NAMES
    )


def yaml_files(folder: Path) -> list[Path]:
    """YAML files directly in ``folder``, sorted, skipping hidden and ``_draft`` files."""
    if not folder.is_dir():
        return []
    try:
        return [p for p in _named_like_sources(folder) if p.is_file()]
    except OSError:
        return []  # source_files() reports it


def _entry_problem(
    path: Path, gallery: Path, *, inside: bool = False
) -> tuple[str, Severity] | None:
    """Why the entry at ``path`` is not read: it cannot be opened, links to nothing, or
    links out of ``gallery``; None for a file to read (or a folder, which is no source).
    ``inside``: the entry's folder is known to be in ``gallery`` (then only a link is
    resolved, not every file's path again)."""
    try:
        path.stat()
    except OSError as exc:
        # os.path.islink, unlike Path.is_symlink before Python 3.12, never raises.
        if not os.path.islink(path):  # noqa: PTH114
            return f"cannot read the file: {exc.strerror or exc}", Severity.ERROR
        missing = exc.errno == errno.ENOENT
        state = "does not exist" if missing else f"cannot be opened ({exc.strerror})"
        return (
            f"this link points to '{path.readlink()}', which {state}, so the file is skipped; "
            "fix the link or remove it",
            Severity.WARNING,
        )
    if inside and not os.path.islink(path):  # noqa: PTH114
        return None
    target = Path(os.path.realpath(path))
    if not target.is_relative_to(os.path.realpath(gallery)):
        shown = path.readlink() if path.is_symlink() else target  # else a linked folder
        return (
            f"this file links outside the maps folder (to '{shown}'), so it is not read; copy "
            "the file into the maps folder instead of linking to it",
            Severity.ERROR,
        )
    return None


def unreadable_folder(
    folder: Path, error: OSError, problems: Problems, display_base: Path | None
) -> None:
    """Report a folder of the gallery that cannot be listed."""
    problems.add(
        display_path(folder, display_base),
        1,
        1,
        f"cannot read this folder: {error.strerror or error}; its files were not checked",
    )


def source_files(
    folder: Path, *, gallery: Path, problems: Problems, display_base: Path | None
) -> tuple[list[Path], list[Path]]:
    """The YAML files of ``folder`` to read, and those there but refused (unreadable, or
    links out of ``gallery``): references to a refused file say it is broken.

    Every file that is not read is reported: files that cannot be opened, links out of the
    gallery and a folder that cannot be listed as errors, links to nothing as warnings.
    """
    if not folder.is_dir():
        return [], []
    try:
        entries = _named_like_sources(folder)
    except OSError as exc:
        unreadable_folder(folder, exc, problems, display_base)
        return [], []
    readable: list[Path] = []
    refused: list[Path] = []
    inside = Path(os.path.realpath(folder)).is_relative_to(os.path.realpath(gallery))
    for path in entries:
        problem = _entry_problem(path, gallery, inside=inside)
        if problem is not None:
            message, severity = problem
            problems.add(display_path(path, display_base), 1, 1, message, severity)
            if severity is Severity.ERROR:
                refused.append(path)
        elif path.is_file():
            readable.append(path)
    return readable, refused


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

    def _key(self, model: type[Item], doc: Document) -> str | None:
        """What a file's validation and checks depend on (None: not kept)."""
        if self.store is None or not doc.digest:
            return None
        return digest(model.__name__, code_version(), doc.path, doc.digest, self.default_language)

    def _validated(self, model: type[Item], doc: Document, key: str | None) -> Item | None:
        """``doc`` validated as ``model``, its problems added; with a store, a file that did
        not change is not validated again (schema validation and id derivation are most of
        loading a parsed file)."""
        if self.store is None or key is None:
            return validate_model(model, doc, self.problems)

        def validate() -> tuple[Item | None, list[Problem]]:
            found = Problems()
            return validate_model(model, doc, found), found.items

        item, problems = self.store.remember("validated", key, validate)
        self.problems.items.extend(problems)
        return item

    def _checked(self, item: Item, doc: Document, key: str | None) -> None:
        """:func:`check_file`'s problems, found once per file as it is (the rebuilds of
        ``mkdocs serve`` would check every unchanged file again)."""
        if self.store is None or key is None:
            check_file(item, doc, self.problems)
            return

        def check() -> list[Problem]:
            found = Problems()
            check_file(item, doc, found)
            return found.items

        self.problems.items.extend(self.store.remember("checked", f"{key}:{item.id}", check))

    def load(
        self, kind: str, model: type[Item], folder: Path, gallery: Path
    ) -> Iterable[tuple[Item, Document]]:
        seen: dict[str, Document] = {}
        example = "name" if model is Persona else "title"
        paths, refused = source_files(
            folder, gallery=gallery, problems=self.problems, display_base=self.display_base
        )
        for path in refused:
            self.failed[kind][slugify(path.stem, 64)] = display_path(path, self.display_base)
        for path in paths:
            display = display_path(path, self.display_base)
            before = len(self.problems.errors)
            doc = load_file(path, display, self.problems, example=example, store=self.store)
            if doc is None:
                # References to it say the file is broken, rather than that it does not exist.
                self.failed[kind][slugify(path.stem, 64)] = display
                continue
            key = self._key(model, doc)
            item = self._validated(model, doc, key)
            if item is None:
                self.failed[kind][intended_id(doc, path)] = doc.path
                self.failed_docs[kind].append(doc)
                continue
            item.id = item.id or file_id(doc, path, self.problems) or ""
            if not item.id or not check_unique(kind, item.id, doc, seen, self.problems):
                continue
            item.language = item.language or self.default_language
            self._checked(item, doc, key)
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
    for persona, doc in files.load("persona", Persona, maps_dir / PERSONAS_DIR, maps_dir):
        gallery.personas[persona.id] = persona
        gallery.documents[f"persona:{persona.id}"] = doc
    for journey, doc in files.load("map", JourneyMap, maps_dir, maps_dir):
        gallery.maps[journey.id] = journey
        gallery.documents[f"map:{journey.id}"] = doc
    check_references(gallery, failed, files.failed_docs["map"], problems)
    # A map whose references are broken is not published: its page would have dead links.
    broken = {p.path for p in problems.errors}
    for map_id in [m for m in gallery.maps if gallery.source_path("map", m) in broken]:
        del gallery.maps[map_id]
    return gallery, problems
