"""What a single file's schema cannot say: checks across fields, lists and files.

Run after :func:`journey_maps.load.messages.validate_model` accepted a file: the sections a
map type needs, ``loops_back_to`` pointing back, stage references of the action plan and
metrics, explicit ids repeated within a list, unique ids across files, and the ``persona``
and ``improves`` references between files. Every problem is added with its position;
nothing raises.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from journey_maps.core.document import Document, Loc
from journey_maps.core.errors import Problems, did_you_mean
from journey_maps.core.gallery import Gallery
from journey_maps.core.ids import id_problem, slugify
from journey_maps.core.model import ActionPlanItem, JourneyMap, MapType, Metric, Persona


def file_id(doc: Document, path: Path, problems: Problems) -> str | None:
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


def check_unique(
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
            if target is not None and target <= index:
                continue  # a loop back: fine, and no position is read for it
            mark = doc.mark(loc)
            if target is None:
                problems.add(
                    doc.path,
                    mark.line,
                    mark.column,
                    f"stage '{link.stage}' does not exist; {did_you_mean(link.stage, position)}"
                    f"stages of this map: {', '.join(position)}",
                )
            else:
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
                    f"{did_you_mean(entry.stage, position)}stages: {', '.join(position) or 'none'}",
                )
    for key, what in (("action_plan", "action"), ("metrics", "metric")):
        _duplicate_explicit_ids(doc.data.get(key) or [], (key,), doc, what, problems)
    empathy = doc.data.get("empathy")
    if isinstance(empathy, dict):
        for key in ("says", "thinks", "does", "feels", "pains", "gains"):
            raw = empathy.get(key)
            if isinstance(raw, list):
                _duplicate_explicit_ids(raw, ("empathy", key), doc, "item", problems)


def intended_id(doc: Document, path: Path) -> str:
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
    if persona in failed["persona"]:
        message = (
            f"persona '{persona}' could not be loaded: fix the problems reported in "
            f"{failed['persona'][persona]}"
        )
    elif persona not in gallery.personas:
        known = ", ".join(gallery.personas) or "none yet (add one under personas/)"
        message = (
            f"persona '{persona}' does not exist; "
            f"{did_you_mean(persona, gallery.personas)}known personas: {known}"
        )
    else:
        return
    # Found only now: a kept file's positions are read when a problem needs one.
    mark = doc.mark(("persona",))
    problems.add(doc.path, mark.line, mark.column, message)


def check_references(
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
        message = _improves_problem(journey, gallery, failed) if journey.improves else None
        if message:
            mark = doc.mark(("improves",))
            problems.add(doc.path, mark.line, mark.column, message)


def _improves_problem(
    journey: JourneyMap, gallery: Gallery, failed: dict[str, dict[str, str]]
) -> str | None:
    """What is wrong with a map's ``improves``, if anything."""
    improves = journey.improves or ""
    target = gallery.maps.get(improves)
    if journey.type is not MapType.FUTURE_STATE:
        return (
            f"'improves' links a future-state map to the map it improves, but this map "
            f"is {journey.type.value}; remove 'improves' or change 'type'"
        )
    if target is None and improves in failed["map"]:
        return (
            f"map '{improves}' could not be loaded: fix the problems reported in "
            f"{failed['map'][improves]}"
        )
    if target is None:
        return (
            f"map '{improves}' does not exist; "
            f"{did_you_mean(improves, gallery.maps)}'improves' takes the id of a "
            "current-state map"
        )
    if target.type is not MapType.CURRENT_STATE:
        return (
            f"map '{improves}' is {target.type.value}; 'improves' takes the id of "
            "a current-state map"
        )
    return None


def check_file(item: Persona | JourneyMap, doc: Document, problems: Problems) -> None:
    """What a single file's schema cannot say: explicit ids unique, sections and stage refs."""
    if isinstance(item, Persona):
        for key in ("goals", "frustrations", "motivations"):
            raw = doc.data.get(key)
            if isinstance(raw, list):
                _duplicate_explicit_ids(raw, (key,), doc, "item", problems)
        return
    _check_sections(item, doc, problems)
    _check_stage_refs(item, doc, problems)
