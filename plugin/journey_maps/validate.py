"""Load a gallery directory and check it: structure, ids and cross-references.

A gallery is a folder of map files with a ``personas/`` folder beside them::

    maps/
      colleen-vacuum.yaml        # a map; its id defaults to the file name
      personas/colleen.yaml      # a persona; referenced from maps as `persona: colleen`

Everything wrong is collected into :class:`~journey_maps.errors.Problems` with the file,
line and column it concerns; nothing here raises on bad input.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .errors import Problems
from .ids import id_problem, slugify
from .loader import Document, Loc, load_file
from .model import (
    EMOTION_MAX,
    EMOTION_MIN,
    MAX_STAGES,
    ActionPlanItem,
    JourneyMap,
    MapType,
    Metric,
    Persona,
)

YAML_SUFFIXES = (".yaml", ".yml")
PERSONAS_DIR = "personas"

M = TypeVar("M", bound=BaseModel)


@dataclass
class Gallery:
    """Every valid map and persona of a gallery, by id, in a stable order."""

    maps: dict[str, JourneyMap] = field(default_factory=dict)
    personas: dict[str, Persona] = field(default_factory=dict)
    documents: dict[str, Document] = field(default_factory=dict)
    """Parsed source of each map (``map:<id>``) and persona (``persona:<id>``)."""
    default_language: str = "en"

    def maps_of(self, persona_id: str) -> list[JourneyMap]:
        return [m for m in self.maps.values() if m.persona == persona_id]

    def source_path(self, kind: str, item_id: str) -> str:
        return self.documents[f"{kind}:{item_id}"].path


# --- pydantic errors into teaching messages ---------------------------------------------------


def _unwrap(annotation: Any) -> type[BaseModel] | None:
    """The model class inside ``Annotated[list[Stage] | None, ...]`` and friends."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _unwrap(arg)
            if found:
                return found
        return None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def _model_at(root: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    model: type[BaseModel] | None = root
    for part in loc:
        if isinstance(part, int) or model is None:
            continue
        info = model.model_fields.get(part)
        if info is None:
            return None
        model = _unwrap(info.annotation)
    return model


def _suggest(word: str, options: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'? " if close else ""


def _where(loc: Loc) -> str:
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"[{part + 1}]")
        else:
            parts.append(f".{part}" if parts else part)
    return "".join(parts)


_LIST_HINTS = {
    "stages": f"a journey has 1 to {MAX_STAGES} stages; split a longer one into several maps",
    "slots": f"a day-in-the-life map has 1 to {MAX_STAGES} time slots",
}

_CHANNEL_MEDIA = {
    **dict.fromkeys(
        (
            "email",
            "e-mail",
            "web",
            "website",
            "app",
            "social",
            "social media",
            "chat",
            "chatbot",
            "sms",
            "search",
            "ads",
            "newsletter",
            "web shop",
            "webshop",
            "online shop",
        ),
        "online",
    ),
    **dict.fromkeys(
        (
            "store",
            "shop",
            "physical store",
            "print",
            "post",
            "mail",
            "letter",
            "billboard",
            "radio",
            "tv",
            "television",
            "event",
            "packaging",
            "delivery",
        ),
        "offline",
    ),
    **dict.fromkeys(
        (
            "phone",
            "call",
            "telephone",
            "agent",
            "sales",
            "support",
            "friend",
            "friends",
            "word of mouth",
            "meeting",
            "visit",
        ),
        "person",
    ),
}

_MISSING_HINTS = {
    "type": "add 'type:' with one of current-state, future-state, day-in-the-life, empathy",
    "title": "add 'title:' with a short name for the map",
    "name": "add 'name:'",
    "time": "add 'time:' with a clock time such as '07:30' or a part of the day such as 'evening'",
    "score": f"add 'score:' from {EMOTION_MIN} to +{EMOTION_MAX}",
    "text": "add 'text:'",
}


def _message(error: Any, root: type[BaseModel]) -> tuple[str, bool, Loc]:
    """A sentence for one pydantic error, whether it points at a key, and the loc to mark."""
    kind: str = error["type"]
    loc: Loc = tuple(error["loc"])
    ctx = error.get("ctx") or {}
    name = next((p for p in reversed(loc) if isinstance(p, str)), "")
    if kind == "extra_forbidden":
        parent = _model_at(root, loc[:-1])
        allowed = sorted(parent.model_fields) if parent else []
        hint = _suggest(str(loc[-1]), allowed)
        return (
            f"unknown key '{loc[-1]}'; {hint}allowed here: {', '.join(allowed)}",
            True,
            loc,
        )
    if error.get("input", "") is None and kind not in ("missing", "extra_forbidden"):
        return f"'{name}' has no value; write one after '{name}:'", False, loc
    if kind == "missing":
        hint = _MISSING_HINTS.get(name, f"add '{name}:'")
        place = _where(loc[:-1]) or "the file"
        return f"missing required field '{name}' in {place}; {hint}", False, loc[:-1]
    if kind in ("enum", "literal_error"):
        expected = str(ctx.get("expected", "")).replace("'", "")
        options = [o.strip() for o in expected.replace(" or ", ",").split(",") if o.strip()]
        given = error.get("input")
        hint = _suggest(str(given), options)
        medium = _CHANNEL_MEDIA.get(str(given).strip().lower()) if name == "channel" else None
        if medium:
            return (
                f"'{given}' is a medium, not a channel kind: {given} is '{medium}', so write "
                f"'channel: {medium}' and keep the medium in the touchpoint's name",
                False,
                loc,
            )
        return (
            f"'{given}' is not a valid {name.replace('_', ' ')}; {hint}use one of: "
            f"{', '.join(options)}",
            False,
            loc,
        )
    if kind in ("too_short", "too_long") and name in _LIST_HINTS:
        count = ctx.get("actual_length")
        return f"'{name}' has {count} entries; {_LIST_HINTS[name]}", False, loc
    if kind in ("too_long", "string_too_long") and isinstance(error.get("input"), str):
        length = len(error["input"])
        return (
            f"this text is {length:,} characters long; '{name}' holds at most "
            f"{ctx.get('max_length'):,}, shorten it",
            False,
            loc,
        )
    if kind == "too_long":
        return (
            f"'{name}' has {ctx.get('actual_length')} entries; at most {ctx.get('max_length')} "
            "are allowed here",
            False,
            loc,
        )
    if kind == "list_type":
        return f"'{name}' must be a list (one '- entry' per line)", False, loc
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"'{name or 'this entry'}' must be a mapping of fields (key: value)", False, loc
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"'{name}' must be a whole number", False, loc
    if kind == "greater_than_equal":
        return f"'{name}' must be at least {ctx.get('ge')}", False, loc
    if kind == "less_than_equal":
        return f"'{name}' must be at most {ctx.get('le')}", False, loc
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, "), False, loc
    return f"'{name}': {error['msg']}", False, loc


def _validate_model(model: type[M], doc: Document, problems: Problems) -> M | None:
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            message, at_key, loc = _message(error, model)
            mark = doc.mark(loc, prefer_key=at_key)
            problems.add(doc.path, mark.line, mark.column, message)
        return None


# --- gallery-wide checks --------------------------------------------------------------------


def _file_id(doc: Document, path: Path, problems: Problems) -> str | None:
    """The id a file gets from its name, when it has no explicit ``id:``."""
    derived = slugify(path.stem, 64)
    if not derived:
        problems.add(
            doc.path,
            1,
            1,
            f"the file name '{path.name}' gives no usable id; rename the file using letters, "
            "digits and hyphens, or add 'id: some-id'",
        )
        return None
    if id_problem(derived):  # pragma: no cover - slugify output is always valid
        return None
    return derived


def _check_unique(
    kind: str, item_id: str, doc: Document, seen: dict[str, Document], problems: Problems
) -> bool:
    if item_id in seen:
        mark = doc.mark(("id",), prefer_key=True) if "id" in doc.data else doc.mark(())
        problems.add(
            doc.path,
            mark.line,
            mark.column,
            f"{kind} id '{item_id}' is already used by {seen[item_id].path}; ids must be unique, "
            "rename the file or set a different 'id:'",
        )
        return False
    seen[item_id] = doc
    return True


def _duplicate_explicit_ids(
    raw: list[Any], loc: Loc, doc: Document, what: str, problems: Problems
) -> None:
    """Explicit ids repeated within one list (derived ids are made unique automatically)."""
    seen: set[str] = set()
    for index, entry in enumerate(raw):
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            given = entry["id"]
            if given in seen:
                mark = doc.mark((*loc, index, "id"))
                problems.add(
                    doc.path,
                    mark.line,
                    mark.column,
                    f"{what} id '{given}' is used twice in this list; give each a unique 'id:'",
                )
            seen.add(given)


def _a(word: str) -> str:
    return f"an {word}" if word[:1] in "aeiou" else f"a {word}"


def _check_sections(journey: JourneyMap, doc: Document, problems: Problems) -> None:
    needs = {
        MapType.CURRENT_STATE: "stages",
        MapType.FUTURE_STATE: "stages",
        MapType.DAY_IN_THE_LIFE: "slots",
        MapType.EMPATHY: "empathy",
    }[journey.type]
    present = {k for k in ("stages", "slots", "empathy") if getattr(journey, k) is not None}
    if needs not in present:
        mark = doc.mark(("type",))
        problems.add(
            doc.path,
            mark.line,
            mark.column,
            f"{_a(journey.type.value)} map needs '{needs}:'"
            + {
                "stages": " (a list of stages, each with a 'name')",
                "slots": " (a list of time slots, each with a 'time' such as '07:30')",
                "empathy": " (says, thinks, does and feels)",
            }[needs],
        )
    for other in sorted(present - {needs}):
        mark = doc.mark((other,), prefer_key=True)
        problems.add(
            doc.path,
            mark.line,
            mark.column,
            f"'{other}' does not belong in {_a(journey.type.value)} map, which uses '{needs}'; "
            f"change 'type' or rename '{other}' to '{needs}'",
        )


def _check_stage_refs(journey: JourneyMap, doc: Document, problems: Problems) -> None:
    columns = journey.columns
    section = "stages" if journey.stages is not None else "slots"
    raw_columns = doc.data.get(section) or []
    _duplicate_explicit_ids(raw_columns, (section,), doc, "stage", problems)
    position = {c.id: i for i, c in enumerate(columns)}
    for index, column in enumerate(columns):
        raw = raw_columns[index] if index < len(raw_columns) else {}
        for lane in (*column.item_lanes(), "touchpoints"):
            raw_items = (raw.get(lane) or []) if isinstance(raw, dict) else []
            _duplicate_explicit_ids(raw_items, (section, index, lane), doc, "item", problems)
        for link_index, link in enumerate(column.loops()):
            loc = (section, index, "loops_back_to", link_index)
            target = position.get(link.stage)
            mark = doc.mark(loc)
            if target is None:
                problems.add(
                    doc.path,
                    mark.line,
                    mark.column,
                    f"stage '{link.stage}' does not exist; {_suggest(link.stage, position)}"
                    f"stages of this map: {', '.join(position)}",
                )
            elif target > index:
                problems.add(
                    doc.path,
                    mark.line,
                    mark.column,
                    f"'{link.stage}' comes after '{column.id}'; loops_back_to points back to an "
                    "earlier stage (or the same one), the order of 'stages' is the way forward",
                )
    referring: list[tuple[str, Sequence[ActionPlanItem | Metric]]] = [
        ("action_plan", journey.action_plan),
        ("metrics", journey.metrics),
    ]
    for key, entries in referring:
        for index, entry in enumerate(entries):
            if entry.stage and entry.stage not in position:
                mark = doc.mark((key, index, "stage"))
                problems.add(
                    doc.path,
                    mark.line,
                    mark.column,
                    f"stage '{entry.stage}' does not exist in this map; "
                    f"{_suggest(entry.stage, position)}stages: {', '.join(position) or 'none'}",
                )
    for key, what in (("action_plan", "action"), ("metrics", "metric")):
        _duplicate_explicit_ids(doc.data.get(key) or [], (key,), doc, what, problems)
    empathy = doc.data.get("empathy")
    if isinstance(empathy, dict):
        for key in ("says", "thinks", "does", "feels", "pains", "gains"):
            raw = empathy.get(key)
            if isinstance(raw, list):
                _duplicate_explicit_ids(raw, ("empathy", key), doc, "item", problems)


def _intended_id(doc: Document, path: Path) -> str:
    given = doc.data.get("id") if isinstance(doc.data, dict) else None
    return given if isinstance(given, str) else slugify(path.stem, 64)


def _check_persona(
    persona: object,
    doc: Document,
    gallery: Gallery,
    failed: dict[str, dict[str, str]],
    problems: Problems,
) -> None:
    if not isinstance(persona, str) or not persona:
        return
    mark = doc.mark(("persona",))
    if persona in failed["persona"]:
        problems.add(
            doc.path,
            mark.line,
            mark.column,
            f"persona '{persona}' could not be loaded: fix the problems reported in "
            f"{failed['persona'][persona]}",
        )
    elif persona not in gallery.personas:
        known = ", ".join(gallery.personas) or "none yet (add one under personas/)"
        problems.add(
            doc.path,
            mark.line,
            mark.column,
            f"persona '{persona}' does not exist; "
            f"{_suggest(persona, gallery.personas)}known personas: {known}",
        )


def _check_references(
    gallery: Gallery,
    failed: dict[str, dict[str, str]],
    failed_maps: list[Document],
    problems: Problems,
) -> None:
    # A map that failed its own checks still names its persona: report a dangling one now
    # rather than after the author fixed the rest.
    for doc in failed_maps:
        persona = doc.data.get("persona") if isinstance(doc.data, dict) else None
        if not isinstance(persona, str) or persona in failed["persona"]:
            continue  # not an id at all, or a broken persona file with its own problems
        mark = doc.mark(("persona",))
        if not any(  # the schema already objected to this value (not a valid id)
            (p.path, p.line, p.column) == (doc.path, mark.line, mark.column) for p in problems.items
        ):
            _check_persona(persona, doc, gallery, failed, problems)
    for map_id, journey in gallery.maps.items():
        doc = gallery.documents[f"map:{map_id}"]
        _check_persona(journey.persona, doc, gallery, failed, problems)
        if journey.improves:
            mark = doc.mark(("improves",))
            target = gallery.maps.get(journey.improves)
            if journey.type is not MapType.FUTURE_STATE:
                problems.add(
                    doc.path,
                    mark.line,
                    mark.column,
                    f"'improves' links a future-state map to the map it improves, but this map "
                    f"is {journey.type.value}; remove 'improves' or change 'type'",
                )
            elif target is None and journey.improves in failed["map"]:
                problems.add(
                    doc.path,
                    mark.line,
                    mark.column,
                    f"map '{journey.improves}' could not be loaded: fix the problems reported in "
                    f"{failed['map'][journey.improves]}",
                )
            elif target is None:
                problems.add(
                    doc.path,
                    mark.line,
                    mark.column,
                    f"map '{journey.improves}' does not exist; "
                    f"{_suggest(journey.improves, gallery.maps)}'improves' takes the id of a "
                    "current-state map",
                )
            elif target.type is not MapType.CURRENT_STATE:
                problems.add(
                    doc.path,
                    mark.line,
                    mark.column,
                    f"map '{journey.improves}' is {target.type.value}; 'improves' takes the id of "
                    "a current-state map",
                )


# --- entry points -----------------------------------------------------------------------------


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


def _display(path: Path, base: Path | None) -> str:
    if base is not None:
        try:
            return path.resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()


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
    #: Map and persona files that parsed but failed their checks, by kind.
    failed_docs: dict[str, list[Document]] = field(
        default_factory=lambda: {"map": [], "persona": []}
    )

    def load(
        self, kind: str, model: type[Item], paths: Iterable[Path]
    ) -> Iterable[tuple[Item, Document]]:
        seen: dict[str, Document] = {}
        example = "name" if model is Persona else "title"
        for path in paths:
            doc = load_file(path, _display(path, self.display_base), self.problems, example=example)
            if doc is None:
                continue
            item = _validate_model(model, doc, self.problems)
            if item is None:
                self.failed[kind][_intended_id(doc, path)] = doc.path
                self.failed_docs[kind].append(doc)
                continue
            item.id = item.id or _file_id(doc, path, self.problems) or ""
            if not item.id or not _check_unique(kind, item.id, doc, seen, self.problems):
                continue
            item.language = item.language or self.default_language
            before = len(self.problems.errors)
            _check_file(item, doc, self.problems)
            if len(self.problems.errors) > before:
                self.failed[kind][item.id] = doc.path
                self.failed_docs[kind].append(doc)
                continue
            yield item, doc


def _check_file(item: Persona | JourneyMap, doc: Document, problems: Problems) -> None:
    """What a single file's schema cannot say: explicit ids unique, sections and stage refs."""
    if isinstance(item, Persona):
        for key in ("goals", "frustrations", "motivations"):
            raw = doc.data.get(key)
            if isinstance(raw, list):
                _duplicate_explicit_ids(raw, (key,), doc, "item", problems)
        return
    _check_sections(item, doc, problems)
    _check_stage_refs(item, doc, problems)


def load_gallery(
    maps_dir: Path,
    *,
    default_language: str = "en",
    display_base: Path | None = None,
) -> tuple[Gallery, Problems]:
    """Load and check every map and persona under ``maps_dir``.

    Returns the valid part of the gallery and every problem found: an invalid file is left
    out of the gallery, so a caller may still build the rest (or stop, in strict mode).
    """
    problems = Problems()
    gallery = Gallery(default_language=default_language)
    if not maps_dir.is_dir():
        problems.add(
            _display(maps_dir, display_base),
            1,
            1,
            f"the maps folder '{maps_dir}' does not exist; create it or set 'maps_dir' in the "
            "plugin's options",
        )
        return gallery, problems
    failed: dict[str, dict[str, str]] = {"map": {}, "persona": {}}
    files = _FileLoader(problems, failed, default_language, display_base)
    for persona, doc in files.load("persona", Persona, yaml_files(maps_dir / PERSONAS_DIR)):
        gallery.personas[persona.id] = persona
        gallery.documents[f"persona:{persona.id}"] = doc
    for journey, doc in files.load("map", JourneyMap, yaml_files(maps_dir)):
        gallery.maps[journey.id] = journey
        gallery.documents[f"map:{journey.id}"] = doc
    _check_references(gallery, failed, files.failed_docs["map"], problems)
    # A map whose references are broken is not published: its page would have dead links.
    broken = {p.path for p in problems.errors}
    for map_id in [m for m in gallery.maps if gallery.source_path("map", m) in broken]:
        del gallery.maps[map_id]
    return gallery, problems
