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

:func:`localize` turns a map into the reader's language: translated texts replace the
originals, and every other text becomes a :class:`FallbackText` that remembers its language,
so pages can say which parts are not translated yet. :func:`coverage` gives the numbers.
"""

from __future__ import annotations

import dataclasses
import difflib
import hashlib
import json
import os
import re
import textwrap
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, Literal, TypeVar, cast

import yaml
from markupsafe import escape
from pydantic import BaseModel

from ..errors import Problems, Severity
from ..ids import id_problem, unique
from ..loader import Document, Loc, Mark, load_file, load_text
from ..model import (
    ActionPlanItem,
    Emotion,
    Item,
    JourneyMap,
    LoopBack,
    Metric,
    Persona,
    Stage,
    TimeSlot,
    Touchpoint,
)
from ..validate import PERSONAS_DIR, YAML_SUFFIXES, Gallery, yaml_files
from .catalogs import SOURCE_LANGUAGE, is_message

TRANSLATIONS_DIR = "translations"
SCHEMA_FILE = "translation.schema.json"
HASH_LENGTH = 8
Kind = Literal["map", "persona"]
D = TypeVar("D", bound=JourneyMap | Persona)

_HASH = re.compile(rf"^[0-9a-f]{{{HASH_LENGTH}}}$")
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
_ENTRY_FIELDS = ("text", "source")
_SHORT, _LONG = 200, 4000
#: Fields limited to short texts in the schema; a translation gets the same limit.
_SHORT_FIELDS = {
    (JourneyMap, "title"),
    (Stage, "name"),
    (TimeSlot, "time"),
    (TimeSlot, "name"),
    (Touchpoint, "name"),
    (Emotion, "label"),
    (LoopBack, "label"),
    (ActionPlanItem, "owner"),
    (Metric, "label"),
    (Metric, "value"),
    (Metric, "source"),
    (Persona, "name"),
    (Persona, "role"),
}


def source_hash(text: str) -> str:
    """Short fingerprint of a source text, stored next to its translation to detect changes."""
    normalized = unicodedata.normalize("NFC", text)
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()[:HASH_LENGTH]


class FallbackText(str):
    """A text shown in its source language because the translation is missing.

    It is a ``str``, so renderers that do not care keep working; those that do check
    ``isinstance(value, FallbackText)`` and mark it up with ``lang=value.lang`` and a
    "not yet translated" hint. String operations return plain ``str``: test before
    transforming.
    """

    lang: str

    def __new__(cls, text: str, lang: str) -> FallbackText:
        self = super().__new__(cls, text)
        self.lang = lang
        return self

    def __html__(self) -> str:
        """Autoescaping templates (Jinja, MarkupSafe) show the text marked with its language.

        In attributes, where markup cannot go, templates use the ``plain`` filter.
        """
        text = escape(str.__str__(self))
        return f'<span class="jm-untranslated" lang="{escape(self.lang)}">{text}</span>'

    def __reduce__(self) -> tuple[Any, ...]:
        return (FallbackText, (str(self), self.lang))

    def __copy__(self) -> FallbackText:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> FallbackText:
        return self

    def __repr__(self) -> str:
        return f"FallbackText({str(self)!r}, lang={self.lang!r})"


def fallback_language(value: object) -> str | None:
    """The source language of a fallback text, None for translated or plain text."""
    return value.lang if isinstance(value, FallbackText) else None


# --- keys -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Slot:
    key: str
    owner: BaseModel
    attr: str

    @property
    def value(self) -> str | None:
        value = getattr(self.owner, self.attr)
        return value if isinstance(value, str) else None

    @property
    def max_length(self) -> int:
        return _SHORT if (type(self.owner), self.attr) in _SHORT_FIELDS else _LONG


def _items(prefix: str, items: Sequence[Item]) -> Iterator[_Slot]:
    for item in items:
        yield _Slot(f"{prefix}.{item.id}", item, "text")


def _map_slots(journey: JourneyMap) -> Iterator[_Slot]:
    for name in ("title", "summary", "focus", "scenario"):
        yield _Slot(name, journey, name)
    section = "stages" if journey.stages is not None else "slots"
    for column in journey.columns:
        prefix = f"{section}.{column.id}"
        if isinstance(column, TimeSlot):
            yield _Slot(f"{prefix}.time", column, "time")
        yield _Slot(f"{prefix}.name", column, "name")
        yield _Slot(f"{prefix}.description", column, "description")
        yield _Slot(f"{prefix}.goal", column, "goal")
        yield from _items(f"{prefix}.actions", column.actions)
        for touchpoint in column.touchpoints:
            yield _Slot(f"{prefix}.touchpoints.{touchpoint.id}", touchpoint, "name")
        yield from _items(f"{prefix}.thoughts", column.thoughts)
        if column.emotion:
            yield _Slot(f"{prefix}.emotion.label", column.emotion, "label")
            yield _Slot(f"{prefix}.emotion.quote", column.emotion, "quote")
        yield from _items(f"{prefix}.pain_points", column.pain_points)
        yield from _items(f"{prefix}.opportunities", column.opportunities)
        targets: set[str] = set()
        for link in column.loops():
            # Two links to the same stage are unusual; the second gets "<id>-2".
            target = unique(link.stage, targets)
            yield _Slot(f"{prefix}.loops_back_to.{target}.label", link, "label")
    if journey.empathy:
        empathy = journey.empathy
        for quadrant, items in empathy.quadrants().items():
            yield from _items(f"empathy.{quadrant}", items)
        yield _Slot("empathy.goal", empathy, "goal")
        yield from _items("empathy.pains", empathy.pains)
        yield from _items("empathy.gains", empathy.gains)
    for action in journey.action_plan:
        yield _Slot(f"action_plan.{action.id}.text", action, "text")
        yield _Slot(f"action_plan.{action.id}.owner", action, "owner")
    for metric in journey.metrics:
        for name in ("label", "value", "note", "source"):
            yield _Slot(f"metrics.{metric.id}.{name}", metric, name)


def _persona_slots(persona: Persona) -> Iterator[_Slot]:
    for name in ("name", "quote", "description", "role", "situation"):
        yield _Slot(name, persona, name)
    yield from _items("goals", persona.goals)
    yield from _items("frustrations", persona.frustrations)
    yield from _items("motivations", persona.motivations)


def _slots(obj: JourneyMap | Persona) -> Iterator[_Slot]:
    """Every text field of a map or persona with its key, in display order, set or not."""
    yield from (_map_slots(obj) if isinstance(obj, JourneyMap) else _persona_slots(obj))


def _translatable(obj: JourneyMap | Persona) -> Iterator[_Slot]:
    for slot in _slots(obj):
        if slot.value and is_message(slot.value):
            yield slot


def text_entries(obj: JourneyMap | Persona) -> dict[str, str]:
    """Every translatable text of a map or persona by key, in display order."""
    return {slot.key: str(slot.value) for slot in _translatable(obj)}


def kind_of(obj: JourneyMap | Persona) -> Kind:
    return "map" if isinstance(obj, JourneyMap) else "persona"


def source_language(obj: JourneyMap | Persona) -> str:
    return obj.language or SOURCE_LANGUAGE


# --- translation files ------------------------------------------------------------------------


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


def _suggest(word: str, options: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'? " if close else ""


def _display(path: Path, base: Path | None) -> str:
    if base is not None:
        try:
            return path.resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def _raw_scalar(path: Path, mark: Mark) -> str | None:
    """The text of a plain scalar as written, for hashes that YAML read as a number."""
    try:
        line = path.read_text(encoding="utf-8-sig").splitlines()[mark.line - 1]
    except (OSError, IndexError, UnicodeDecodeError):
        return None
    match = re.match(r"[^\s,}\]#]+", line[mark.column - 1 :])
    return match[0] if match else None


def _yaml_hash(value: str) -> str:
    """A hash as YAML must spell it: quoted when it would read as a number."""
    return value if _plain_is_text(value) else f'"{value}"'


def _plain_is_text(value: str) -> bool:
    doc = load_text("<hash>", f"x: {value}\n", Problems())
    return doc is not None and doc.data.get("x") == value


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
                    f"unknown key '{key}'; {_suggest(key, allowed)}allowed here: "
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
        slots = {slot.key: slot for slot in _translatable(obj)}
        all_slots = {slot.key: slot for slot in _slots(obj)}
        entries: dict[str, Entry] = {}
        for key, value in texts.items():
            slot = slots.get(key)
            if slot is None:
                self.unknown_key(key, obj, lang, slots, all_slots.get(key))
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
        slots: Mapping[str, _Slot],
        slot: _Slot | None,
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
            f"unknown key '{key}': {what} has no such text; {_suggest(key, list(slots))}"
            "(an item without 'id:' gets a new id when its text changes; "
            f"'journey-maps i18n init {obj.id} --lang {lang}' adds the current keys)",
            key=True,
            warning=True,
        )

    def entry(self, key: str, value: Any, slot: _Slot) -> Entry | None:
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
                    f"{_suggest(name, _ENTRY_FIELDS)}allowed here: text, source",
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
                f"unnoticed; add 'source: {_yaml_hash(current)}'",
                key=True,
                warning=True,
            )
        elif text is not None and source != current:
            self.add(
                (*loc, "source"),
                f"'{key}' is stale: it translates an earlier version of the text (source "
                f"{source}, now {current}); check it against the current text and set "
                f"'source: {_yaml_hash(current)}'",
                warning=True,
            )
        return Entry(text, source, *self._pos(loc))

    def _pos(self, loc: Loc) -> tuple[int, int]:
        mark = self.doc.mark(loc, prefer_key=True)
        return mark.line, mark.column

    def text(self, loc: Loc, value: Any, slot: _Slot) -> str | Literal[False] | None:
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
            value = written or _raw_scalar(self.path, self.doc.mark(loc)) or str(value)
        if not isinstance(value, str) or not _HASH.match(value.lower()):
            self.add(
                loc,
                f"'{value}' is not a source hash ({HASH_LENGTH} characters 0-9 and a-f); the "
                f"current text's hash is {_yaml_hash(current)}",
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
    return Translation(kind, obj.id, lang, display, entries), orphans, problems


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
    maps_dir: Path, gallery: Gallery, *, display_base: Path | None = None
) -> tuple[Translations, Problems]:
    """Load and check every file under ``<maps_dir>/translations/``.

    Like :func:`~journey_maps.validate.load_gallery`, nothing raises on bad input: problems
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
            _display(path, display_base),
            1,
            1,
            f"translation files go in a folder named after their language, such as "
            f"{TRANSLATIONS_DIR}/de/{path.name}; move this file",
        )
    folders = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))
    context = _Context(gallery, maps_dir, translations, problems)
    for folder in folders:
        groups: list[tuple[Kind, list[Path]]] = [
            ("map", yaml_files(folder)),
            ("persona", yaml_files(folder / PERSONAS_DIR)),
        ]
        for kind, files in groups:
            for path in files:
                _load_one(path, _display(path, display_base), kind, folder.name, context)
    return translations, problems


@dataclass
class _Context:
    gallery: Gallery
    maps_dir: Path
    translations: Translations
    problems: Problems


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
    doc = load_file(path, display, problems)
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
            f"{kind} '{target}' does not exist; {_suggest(target, known)}a translation file "
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
    translations.items[(kind, target, lang)] = Translation(kind, target, lang, display, entries)


# --- applying translations ----------------------------------------------------------------------


@dataclass(frozen=True)
class Coverage:
    """How much of a map or persona a language has: the numbers behind a progress badge."""

    language: str
    source_language: str
    keys: tuple[str, ...]
    missing: tuple[str, ...]
    """Keys shown in the source language (no translation, or an empty placeholder)."""
    stale: tuple[str, ...]
    """Translated keys whose source hash is outdated or absent: shown, but need a review."""

    @property
    def translated(self) -> tuple[str, ...]:
        missing = set(self.missing)
        return tuple(key for key in self.keys if key not in missing)

    @property
    def completeness(self) -> float:
        """Translated entries / all entries; stale ones count as translated (they are shown)."""
        if not self.keys:
            return 1.0
        return (len(self.keys) - len(self.missing)) / len(self.keys)


@dataclass(frozen=True)
class LocalizedResult(Coverage, Generic[D]):
    """A map or persona in one language, and how complete that language is."""

    localized: D = dataclasses.field(kw_only=True)


def coverage(
    obj: JourneyMap | Persona, translation: Translation | None, lang: str | None = None
) -> Coverage:
    """Which texts of ``obj`` are translated, missing and stale in ``lang``.

    ``lang`` defaults to the translation's language; the source language is complete.
    """
    source_lang = source_language(obj)
    lang = lang or (translation.language if translation else source_lang)
    entries = text_entries(obj)
    if lang.lower() == source_lang.lower():
        return Coverage(lang, source_lang, tuple(entries), (), ())
    found = translation.entries if translation else {}
    missing, stale = [], []
    for key, text in entries.items():
        entry = found.get(key)
        if entry is None or entry.text is None:
            missing.append(key)
        elif entry.source != source_hash(text):
            stale.append(key)
    return Coverage(lang, source_lang, tuple(entries), tuple(missing), tuple(stale))


def completeness(
    obj: JourneyMap | Persona, translation: Translation | None, lang: str | None = None
) -> float:
    """Share of ``obj``'s texts available in the translation's language (1.0 for the source)."""
    return coverage(obj, translation, lang).completeness


def localize(obj: D, translation: Translation | None, lang: str) -> LocalizedResult[D]:
    """A deep copy of ``obj`` in ``lang``: translated texts where there are, fallbacks elsewhere.

    Untranslated texts become :class:`FallbackText` carrying the source language; stale
    translations are used and listed in ``stale``. The copy's ``language`` is ``lang``.
    """
    if translation is not None and (
        translation.language != lang
        or (translation.kind, translation.target) != (kind_of(obj), obj.id)
    ):
        raise ValueError(
            f"{translation.path} translates {translation.kind} '{translation.target}' into "
            f"{translation.language}, not {kind_of(obj)} '{obj.id}' into {lang}"
        )
    stats = coverage(obj, translation, lang)
    copy = cast(D, obj.model_copy(deep=True))  # mypy loses Self through the bound
    if lang.lower() != stats.source_language.lower():
        found = translation.entries if translation else {}
        for slot in _translatable(copy):
            entry = found.get(slot.key)
            if entry is not None and entry.text is not None:
                setattr(slot.owner, slot.attr, entry.text)
            else:
                setattr(slot.owner, slot.attr, FallbackText(str(slot.value), stats.source_language))
        copy.language = lang
    return LocalizedResult(
        stats.language,
        stats.source_language,
        stats.keys,
        stats.missing,
        stats.stale,
        localized=copy,
    )


@dataclass(frozen=True)
class CoverageRow:
    kind: Kind
    item_id: str
    coverage: Coverage
    translation: Translation | None


def coverage_table(
    gallery: Gallery, translations: Translations, languages: Sequence[str]
) -> list[CoverageRow]:
    """Coverage of every persona and map in every language but its own, for status reports."""
    rows: list[CoverageRow] = []
    objects: list[JourneyMap | Persona] = [*gallery.personas.values(), *gallery.maps.values()]
    for obj in objects:
        for lang in languages:
            if lang.lower() == source_language(obj).lower():
                continue
            translation = translations.for_object(obj, lang)
            rows.append(
                CoverageRow(kind_of(obj), obj.id, coverage(obj, translation, lang), translation)
            )
    return rows


# --- writing translation files ------------------------------------------------------------------


def _scalar(text: str) -> str:
    """``text`` as a YAML scalar that reads back as exactly ``text``.

    Plain when possible, else a JSON string: valid YAML, and easier to read than YAML's
    single quotes for texts that start with one, like Afrikaans "'n".
    """
    if "\n" not in text:
        dumped = yaml.safe_dump({"x": text}, allow_unicode=True, width=1_000_000)
        candidate = dumped.removeprefix("x: ").rstrip("\n")
        doc = load_text("<scalar>", f"x: {candidate}\n", Problems())
        plain = not candidate.startswith(("'", '"'))
        if plain and "\n" not in candidate and doc is not None and doc.data.get("x") == text:
            return candidate
    return json.dumps(text, ensure_ascii=False)


def _comment(label: str, text: str, indent: str) -> list[str]:
    lines: list[str] = []
    first = f"{indent}# {label}: "
    rest = f"{indent}#{' ' * (len(label) + 3)}"
    for index, paragraph in enumerate(text.splitlines() or [""]):
        wrapped = textwrap.wrap(
            paragraph,
            width=96,
            initial_indent=first if index == 0 else rest,
            subsequent_indent=rest,
            break_long_words=False,
            break_on_hyphens=False,
        )
        lines.extend(wrapped or [rest.rstrip()])
    return lines


def _entry_lines(key: str, source_text: str, source_lang: str, entry: Entry | None) -> list[str]:
    text = entry.text if entry else None
    hash_ = entry.source if entry and entry.source else source_hash(source_text)
    return [
        *_comment(source_lang, source_text, "  "),
        f"  {key}:",
        f"    text: {_scalar(text)}" if text is not None else "    text:",
        f"    source: {_yaml_hash(hash_)}",
    ]


def _language_name(lang: str) -> str:
    try:
        from babel import Locale

        return f"{Locale.parse(lang.replace('-', '_')).english_name} ({lang})"
    except Exception:  # Babel missing or an unknown code: the code says enough
        return lang


def schema_reference(output: Path, maps_dir: Path) -> str | None:
    """The ``$schema`` path from a translation file to the gallery's schema, if it has one."""
    schema = maps_dir / TRANSLATIONS_DIR / SCHEMA_FILE
    if not schema.is_file():
        return None
    return Path(os.path.relpath(schema.resolve(), output.resolve().parent)).as_posix()


def translation_template(
    obj: JourneyMap | Persona,
    lang: str,
    *,
    existing: Translation | None = None,
    orphans: Mapping[str, Entry] | None = None,
    source_path: str | None = None,
    schema: str | None = None,
) -> str:
    """A translation file to fill in: every text with its source as a comment above.

    Valid as written: an entry with an empty ``text:`` is a placeholder. ``existing``
    entries keep their text and hash (a stale hash stays stale); ``orphans`` (entries whose
    key matches nothing any more) are kept at the end so that no translation is lost.
    """
    kind = kind_of(obj)
    source_lang = source_language(obj)
    where = f" ({source_path})" if source_path else ""
    lines = [f"# yaml-language-server: $schema={schema}"] if schema else []
    lines += [
        f"# {_language_name(lang)} translation of {kind} '{obj.id}'{where}.",
        '# Write each translation after "text:"; an entry left without text is shown in the',
        f'# original language ({source_lang}), marked "not yet translated". Keep "source": it is',
        "# the hash of the text you translated, so that a later change of it is noticed.",
        "# Put a text in quotes if it contains ': ' or ' #', or starts with ' \" [ { & * ! | > %",
        f"language: {lang}",
        f"{kind}: {obj.id}",
        "texts:",
    ]
    found = existing.entries if existing else {}
    for key, text in text_entries(obj).items():
        lines += _entry_lines(key, text, source_lang, found.get(key))
    if orphans:
        lines.append(f"  # These keys match no text of the {kind} any more: move each")
        lines.append("  # translation to its new key, or delete it.")
        for key, entry in orphans.items():
            lines.append(f"  {key}:")
            lines.append(f"    text: {_scalar(entry.text)}" if entry.text else "    text:")
            if entry.source:
                lines.append(f"    source: {_yaml_hash(entry.source)}")
    return "\n".join(lines) + "\n"


def missing_entries_block(obj: JourneyMap | Persona, present: Sequence[str]) -> str:
    """Entries for the texts that a file does not mention yet, to append under ``texts:``."""
    source_lang = source_language(obj)
    lines: list[str] = []
    for key, text in text_entries(obj).items():
        if key not in present:
            lines += _entry_lines(key, text, source_lang, None)
    return "\n".join(lines) + "\n" if lines else ""


def translation_schema() -> dict[str, Any]:
    """JSON Schema of translation files, for editors (yaml-language-server)."""
    hash_ = {"type": "string", "pattern": _HASH.pattern, "description": "source_hash of the text"}
    entry = {
        "anyOf": [
            {"type": "string", "minLength": 1},
            {"type": "null"},
            {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "text": {"type": ["string", "null"], "minLength": 1},
                    "source": hash_,
                },
            },
        ]
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Translation of a journey map or persona",
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "language": {"type": "string", "pattern": LANGUAGE_CODE.pattern},
            "map": {"type": "string", "description": "Id of the map this file translates."},
            "persona": {"type": "string", "description": "Id of the persona."},
            "texts": {
                "type": ["object", "null"],
                "propertyNames": {"pattern": r"^[a-z_]+(?:\.[a-z0-9_-]+)*$"},
                "additionalProperties": entry,
            },
        },
        "not": {"required": ["map", "persona"]},
    }
