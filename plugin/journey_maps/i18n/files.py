"""Translations of map and persona content, one YAML file per map (or persona) and language.

A map is written in one language (its ``language:``, else the site's default). Its
translation into another language lives beside the gallery::

    maps/translations/<lang>/<map-id>.yaml
    maps/translations/<lang>/personas/<persona-id>.yaml

and looks like this (``journey-maps i18n init MAP --lang xx`` writes one to fill in)::

    # yaml-language-server: $schema=../translation.schema.json
    language: et                          # optional; must match the folder
    map: kadri-packaging-five-steps       # or `persona: loyal-kadri` under personas/;
                                          # optional, defaults to the file name
    texts:
      # en: Kadri finds a packaging supplier she sticks with
      title:
        text: Kadri leiab pakendite tarnija, kellele ta jääb truuks
        source: 53ff852b                  # source_hash() of the text translated
      stages.search.name: {text: Otsing, source: 49c266ba}
      stages.search.goal:                 # a placeholder: shown in the source language,
        text:                             # marked "not yet translated"
        source: 03e4d353

Keys are dotted paths of stable ids, never positions, so reordering a map keeps its
translations: ``title``, ``summary``, ``focus``, ``scenario``;
``stages.<stage-id>.name|description|goal``;
``stages.<stage-id>.actions|thoughts|pain_points|opportunities.<item-id>``;
``stages.<stage-id>.touchpoints.<touchpoint-id>``; ``stages.<stage-id>.emotion.label|quote``;
``stages.<stage-id>.loops_back_to.<target-stage-id>.label``; the same under
``slots.<slot-id>.`` for day-in-the-life maps, plus ``slots.<slot-id>.time``;
``empathy.says|thinks|does|feels|pains|gains.<item-id>``, ``empathy.goal``;
``action_plan.<action-id>.text|owner``; ``metrics.<metric-id>.label|value|note|source``.
Personas: ``name``, ``quote``, ``description``, ``role``, ``situation``,
``goals|frustrations|motivations.<item-id>``. Tags, ids, URLs, source citations, due dates
and texts without any letter (``07:30``, ``6``) are never translated. :func:`text_entries`
is the one place that defines the keys.

An entry is ``{text, source}``; a bare string is accepted but warned about, because without
``source`` nobody notices when the original changes. ``source`` is :func:`source_hash` of the
text that was translated. When the source text changes, the hash no longer matches and the
translation is **stale**: it is still shown (an outdated translation is usually closer to
right than a fallback in another language), but it is reported as a warning, so that
``--strict`` builds fail, and ``journey-maps i18n status`` counts it. An entry with no text
(``text:`` left empty) is a placeholder: the text is shown in the source language. Keys that
match no text of the map (a typo, or an item whose derived id changed with its text) are
warnings with a suggestion; structural mistakes are errors, as in map files (``text: ""``
is one: leave ``text:`` empty instead). A file with a wrong header is left out; a bad entry
leaves out only itself.

This module reads and checks those files (:func:`load_translations`,
:func:`read_translation_file`); :mod:`.apply` uses them, :mod:`.write` writes new ones.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from journey_maps.core.document import Document, Loc
from journey_maps.core.errors import Problems, Severity, did_you_mean, display_path
from journey_maps.core.gallery import Gallery
from journey_maps.core.ids import id_problem
from journey_maps.core.model import LANGUAGE_CODE, JourneyMap, Persona
from journey_maps.core.store import Store
from journey_maps.i18n.keys import (
    HASH,
    HASH_LENGTH,
    Kind,
    Slot,
    kind_of,
    slots,
    source_hash,
    source_language,
    text_entries,
    translatable,
)
from journey_maps.load.folder import (
    PERSONAS_DIR,
    YAML_SUFFIXES,
    source_files,
    unreadable_folder,
    yaml_files,
)
from journey_maps.load.yaml import load_file, scalar

TRANSLATIONS_DIR = "translations"
SCHEMA_FILE = "translation.schema.json"
_ENTRY_FIELDS = ("text", "source")


def folder_language(path: str) -> str | None:
    """The language folder a translation file is in: ``.../translations/<lang>/...``, so that
    someone working on one language is shown that language's problems only."""
    parts = Path(path).parts
    for index, part in enumerate(parts[:-2]):
        if part == TRANSLATIONS_DIR:
            return parts[index + 1]
    return None


@dataclass(frozen=True)
class Entry:
    """One translated text as written in a file; ``text`` None means not translated yet."""

    text: str | None
    source: str | None
    line: int = 1
    column: int = 1


@dataclass(frozen=True)
class Translation:
    """The checked content of one translation file."""

    kind: Kind
    target: str
    language: str
    path: str
    entries: Mapping[str, Entry] = field(default_factory=dict)
    """Entries whose key is a text of the target (unknown keys are reported and left out)."""
    digest: str = ""
    """sha256 of the file's bytes (see :attr:`journey_maps.core.document.Document.digest`)."""


@dataclass
class Translations:
    """Every translation file of a gallery, by what it translates and into which language."""

    items: dict[tuple[Kind, str, str], Translation] = field(default_factory=dict)

    def get(self, kind: Kind, item_id: str, lang: str) -> Translation | None:
        return self.items.get((kind, item_id, lang))

    def for_map(self, map_id: str, lang: str) -> Translation | None:
        return self.get("map", map_id, lang)

    def for_persona(self, persona_id: str, lang: str) -> Translation | None:
        return self.get("persona", persona_id, lang)

    def for_object(self, obj: JourneyMap | Persona, lang: str) -> Translation | None:
        return self.get(kind_of(obj), obj.id, lang)

    def languages(self) -> list[str]:
        """Languages that have at least one translation file, sorted."""
        return sorted({lang for _, _, lang in self.items})

    def languages_of(self, kind: Kind, item_id: str) -> list[str]:
        return sorted(lang for k, i, lang in self.items if (k, i) == (kind, item_id))


class _FileChecker:
    """Checks one parsed translation file against the gallery, collecting problems."""

    def __init__(
        self,
        doc: Document,
        path: Path,
        kind: Kind,
        folder_lang: str,
        problems: Problems,
        *,
        in_gallery: bool = True,
    ) -> None:
        self.doc = doc
        self.path = path
        self.kind = kind
        self.folder_lang = folder_lang
        self.problems = problems
        self.in_gallery = in_gallery

    def add(self, loc: Loc, message: str, *, key: bool = False, warning: bool = False) -> None:
        mark = self.doc.mark(loc, prefer_key=key)
        severity = Severity.WARNING if warning else Severity.ERROR
        self.problems.add(self.doc.path, mark.line, mark.column, message, severity)

    def header(self) -> tuple[str, str] | None:
        """The language and target id, or None when the file cannot be used at all.

        Mistakes here leave the whole file out (like an invalid map); a bad entry further
        down leaves out only that entry, so one typo does not hide a whole translation.
        """
        data: dict[str, Any] = self.doc.data
        other: Kind = "persona" if self.kind == "map" else "map"
        allowed = ["language", self.kind, "texts"]
        usable = True
        for key in data:
            if key == other and not self.in_gallery:
                self.add((key,), f"this file translates a {other}, not a {self.kind}", key=True)
                usable = False
            elif key == other:
                where = (
                    f"{TRANSLATIONS_DIR}/{self.folder_lang}/{PERSONAS_DIR}/"
                    if other == "persona"
                    else f"{TRANSLATIONS_DIR}/{self.folder_lang}/"
                )
                self.add(
                    (key,),
                    f"this file is in the folder for {self.kind} translations; a {other} "
                    f"translation goes in {where}, or write '{self.kind}: <id>'",
                    key=True,
                )
                usable = False
            elif key not in allowed:
                self.add(
                    (key,),
                    f"unknown key '{key}'; {did_you_mean(key, allowed)}allowed here: "
                    f"{', '.join(allowed)}",
                    key=True,
                )
                usable = False
        lang = data.get("language", self.folder_lang)
        if not isinstance(lang, str) or not LANGUAGE_CODE.match(lang):
            self.add(("language",), f"'{lang}' is not a language code such as 'de' or 'pt-BR'")
            return None
        if lang != self.folder_lang and not self.in_gallery:
            self.add(
                ("language",), f"this file is a translation into {lang}, not {self.folder_lang}"
            )
            return None
        if lang != self.folder_lang:
            self.add(
                ("language",),
                f"this file is in the folder '{self.folder_lang}' but says 'language: {lang}'; "
                f"move it to {TRANSLATIONS_DIR}/{lang}/ or correct 'language'",
            )
            return None
        target = data.get(self.kind, self.path.stem)
        problem = id_problem(target) if isinstance(target, str) else "an id is a text"
        if problem:
            self.add((self.kind,), f"'{self.kind}' must be the id of a {self.kind}: {problem}")
            return None
        return (lang, target) if usable else None

    def entries(self, obj: JourneyMap | Persona, lang: str) -> dict[str, Entry]:
        texts = self.doc.data.get("texts")
        if texts is None:
            return {}
        if not isinstance(texts, dict):
            self.add(("texts",), "'texts' must be a mapping of keys to translations (key: ...)")
            return {}
        wanted = {slot.key: slot for slot in translatable(obj)}
        every = {slot.key: slot for slot in slots(obj)}
        entries: dict[str, Entry] = {}
        for key, value in texts.items():
            slot = wanted.get(key)
            if slot is None:
                self.unknown_key(key, obj, lang, wanted, every.get(key))
                continue
            entry = self.entry(key, value, slot)
            if entry is not None:
                entries[key] = entry
        return entries

    def unknown_key(
        self,
        key: str,
        obj: JourneyMap | Persona,
        lang: str,
        slots: Mapping[str, Slot],
        slot: Slot | None,
    ) -> None:
        what = f"{kind_of(obj)} '{obj.id}'"
        if slot is not None:
            reason = (
                f"'{slot.value}' has nothing to translate"
                if slot.value
                else f"{what} has no text there"
            )
            self.add(
                ("texts", key), f"'{key}': {reason}; remove this entry", key=True, warning=True
            )
            return
        self.add(
            ("texts", key),
            f"unknown key '{key}': {what} has no such text; {did_you_mean(key, list(slots))}"
            "(an item without 'id:' gets a new id when its text changes; "
            f"'journey-maps i18n init {obj.id} --lang {lang}' adds the current keys)",
            key=True,
            warning=True,
        )

    def entry(self, key: str, value: Any, slot: Slot) -> Entry | None:
        loc: Loc = ("texts", key)
        current = source_hash(str(slot.value))
        if value is None:
            return Entry(None, None, *self._pos(loc))
        if isinstance(value, dict):
            unknown = [name for name in value if name not in _ENTRY_FIELDS]
            for name in unknown:
                self.add(
                    (*loc, name),
                    f"unknown key '{name}' in the entry '{key}'; "
                    f"{did_you_mean(name, _ENTRY_FIELDS)}allowed here: text, source",
                    key=True,
                )
            text = self.text((*loc, "text"), value.get("text"), slot)
            source = self.source((*loc, "source"), value.get("source"), current)
            if text is False or source is False or unknown:
                return None
        else:
            text = self.text(loc, value, slot)
            if text is False:
                return None
            source = None
        if text is not None and source is None:
            self.add(
                loc,
                f"'{key}' has no 'source' hash, so a change of the original text would go "
                f"unnoticed; add 'source: {scalar(current)}'",
                key=True,
                warning=True,
            )
        elif text is not None and source != current:
            self.add(
                (*loc, "source"),
                f"'{key}' is stale: it translates an earlier version of the text (source "
                f"{source}, now {current}); check it against the current text and set "
                f"'source: {scalar(current)}'",
                warning=True,
            )
        return Entry(text, source, *self._pos(loc))

    def _pos(self, loc: Loc) -> tuple[int, int]:
        mark = self.doc.mark(loc, prefer_key=True)
        return mark.line, mark.column

    def text(self, loc: Loc, value: Any, slot: Slot) -> str | Literal[False] | None:
        """The translated text, None if not given yet, False after reporting a problem."""
        if value is None:
            return None
        if isinstance(value, bool):
            word = "true" if value else "false"
            self.add(loc, f"expected text, got the boolean {word}; put it in quotes: '{word}'")
            return False
        if isinstance(value, int | float):
            value = getattr(value, "source", str(value))  # the loader keeps "0730" as written
        if not isinstance(value, str):
            kind = "a list" if isinstance(value, list) else "a mapping"
            self.add(
                loc, f"expected a translated text, got {kind}; write 'text:' and 'source:' here"
            )
            return False
        text = unicodedata.normalize("NFC", value.strip())
        if not text:
            self.add(
                loc,
                "this text is empty; write the translation, or leave 'text:' without a value "
                "while it is not translated yet",
            )
            return False
        if len(text) > slot.max_length:
            self.add(
                loc,
                f"this text is {len(text):,} characters long; '{slot.key}' holds at most "
                f"{slot.max_length:,}, shorten it",
            )
            return False
        return text

    def source(self, loc: Loc, value: Any, current: str) -> str | Literal[False] | None:
        if value is None:
            return None
        if isinstance(value, int | float) and not isinstance(value, bool):
            written = getattr(value, "source", None)
            value = written or str(value)
        if not isinstance(value, str) or not HASH.match(value.lower()):
            self.add(
                loc,
                f"'{value}' is not a source hash ({HASH_LENGTH} characters 0-9 and a-f); the "
                f"current text's hash is {scalar(current)}",
            )
            return False
        return value.lower()


def _loose_entry(value: Any) -> Entry:
    """An entry read without checking, to carry over a translation whose key is unknown."""
    if isinstance(value, dict):
        text, source = value.get("text"), value.get("source")
    else:
        text, source = value, None
    return Entry(
        str(text) if isinstance(text, str | int | float) and str(text).strip() else None,
        str(source) if isinstance(source, str | int) else None,
    )


def read_translation_file(
    path: Path, obj: JourneyMap | Persona, lang: str, *, display: str | None = None
) -> tuple[Translation | None, dict[str, Entry], Problems]:
    """Check one translation file of ``obj`` wherever it is (``i18n init -o`` may put it
    anywhere); also return the entries whose key matches no text, so none is lost."""
    problems = Problems()
    display = display or path.as_posix()
    doc = load_file(path, display, problems)
    if doc is None:
        return None, {}, problems
    kind = kind_of(obj)
    checker = _FileChecker(doc, path, kind, lang, problems, in_gallery=False)
    header = checker.header()
    if header is None:
        return None, {}, problems
    if header[1] != obj.id:
        checker.add((kind,), f"this file translates {kind} '{header[1]}', not '{obj.id}'")
        return None, {}, problems
    entries = checker.entries(obj, lang)
    texts = doc.data.get("texts")
    known = text_entries(obj)
    orphans = (
        {key: _loose_entry(value) for key, value in texts.items() if key not in known}
        if isinstance(texts, dict)
        else {}
    )
    translation = Translation(kind, obj.id, lang, display, entries, doc.digest)
    return translation, orphans, problems


def _find_target(
    gallery: Gallery, kind: Kind, target: str, maps_dir: Path
) -> JourneyMap | Persona | Literal[False] | None:
    """The map or persona, None if unknown, False if its file exists but is invalid."""
    known: Mapping[str, JourneyMap | Persona] = gallery.maps if kind == "map" else gallery.personas
    if target in known:
        return known[target]
    folder = maps_dir if kind == "map" else maps_dir / PERSONAS_DIR
    if any((folder / f"{target}{suffix}").is_file() for suffix in YAML_SUFFIXES):
        return False
    return None


def load_translations(
    maps_dir: Path,
    gallery: Gallery,
    *,
    display_base: Path | None = None,
    store: Store | None = None,
) -> tuple[Translations, Problems]:
    """Load and check every file under ``<maps_dir>/translations/`` (parsed files kept in
    ``store`` between builds, if given).

    Like :func:`~journey_maps.load.folder.load_gallery`, nothing raises on bad input: problems
    come back with ``path:line:col``, and what is usable is in the result. Translations of
    a map whose own file is invalid are skipped silently (the map's errors say enough).
    """
    problems = Problems()
    translations = Translations()
    root = maps_dir / TRANSLATIONS_DIR
    if not root.is_dir():
        return translations, problems
    for path in yaml_files(root):
        problems.add(
            display_path(path, display_base),
            1,
            1,
            f"translation files go in a folder named after their language, such as "
            f"{TRANSLATIONS_DIR}/de/{path.name}; move this file",
        )
    try:
        folders = sorted(
            p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))
        )
    except OSError as exc:
        unreadable_folder(root, exc, problems, display_base)
        return translations, problems
    context = _Context(gallery, maps_dir, translations, problems, store)
    for folder in folders:
        groups: list[tuple[Kind, Path]] = [("map", folder), ("persona", folder / PERSONAS_DIR)]
        for kind, where in groups:
            files, _ = source_files(
                where, gallery=maps_dir, problems=problems, display_base=display_base
            )
            for path in files:
                _load_one(path, display_path(path, display_base), kind, folder.name, context)
    return translations, problems


@dataclass
class _Context:
    gallery: Gallery
    maps_dir: Path
    translations: Translations
    problems: Problems
    store: Store | None = None


def _load_one(path: Path, display: str, kind: Kind, folder_lang: str, context: _Context) -> None:
    problems, translations = context.problems, context.translations
    if not LANGUAGE_CODE.match(folder_lang):
        problems.add(
            display,
            1,
            1,
            f"the folder '{folder_lang}' is not a language code; translation files go in "
            f"{TRANSLATIONS_DIR}/<lang>/, such as {TRANSLATIONS_DIR}/de/",
        )
        return
    doc = load_file(path, display, problems, store=context.store)
    if doc is None:
        return
    checker = _FileChecker(doc, path, kind, folder_lang, problems)
    header = checker.header()
    if header is None:
        return
    lang, target = header
    gallery = context.gallery
    obj = _find_target(gallery, kind, target, context.maps_dir)
    if obj is False:
        return
    if obj is None:
        known = list(gallery.maps if kind == "map" else gallery.personas)
        listing = f"; known {kind}s: {', '.join(known)}" if 0 < len(known) <= 12 else ""
        loc: Loc = (kind,) if kind in doc.data else ()
        checker.add(
            loc,
            f"{kind} '{target}' does not exist; {did_you_mean(target, known)}a translation file "
            f"is named after the {kind} it translates, or says '{kind}: <id>'{listing}",
        )
        return
    if lang.lower() == source_language(obj).lower():
        checker.add(
            ("language",) if "language" in doc.data else (),
            f"{kind} '{target}' is written in {lang}; a translation into its own language is "
            "never used, delete this file",
            warning=True,
        )
        return
    previous = translations.get(kind, target, lang)
    if previous is not None:
        checker.add(
            (kind,) if kind in doc.data else (),
            f"{kind} '{target}' already has a translation into {lang} in {previous.path}; "
            "merge the two files",
        )
        return
    entries = checker.entries(obj, lang)
    translations.items[(kind, target, lang)] = Translation(
        kind, target, lang, display, entries, doc.digest
    )
