"""The CSV layout of a map, and its cell format both ways (the writer and the reader share it).

CSV layout
==========

The file is UTF-8 with a byte order mark (so Excel detects UTF-8 and shows Cyrillic and
Baltic letters correctly), comma-separated, with ``\\r\\n`` between records (RFC 4180).
Line breaks inside a cell are ``\\n`` and such cells are quoted. The first row holds stable
machine keys; ``labels`` may turn them into ``Label (key)`` headers, which
:mod:`.read` still understands.

Journey maps (current-state, future-state) have one row per stage::

    stage_id, name, description, goal, actions, touchpoints, thoughts,
    emotion_score, emotion_label, emotion_quote, pain_points, opportunities, loops_back_to

Day-in-the-life maps have one row per time slot, with a ``time`` column after ``stage_id``
and no ``loops_back_to``. Empathy maps have one row per entry, in two columns ``quadrant``
(``says``, ``thinks``, ``does``, ``feels``, ``goal``, ``pains`` or ``gains``) and ``item``;
an ``item`` cell holds one entry, line breaks and all.

Cells with several entries (actions, thoughts, pain points, opportunities, touchpoints,
loops) hold one entry per line:

* an entry's own line breaks continue on lines indented by two spaces;
* an entry whose id is not the one derived from its text ends in `` {#its-id}``;
* a touchpoint is ``name [channel]``, then `` <url>`` if it has one;
* a loop is ``stage-id`` or ``stage-id: why the customer goes back`` (a multi-line reason
  continues on indented lines, like any entry).

Formula injection: spreadsheet programs run a cell that starts with ``=``, ``+``, ``-``,
``@``, tab or carriage return as a formula, so such a text cell gets a leading ``'`` (as do
cells that already start with quotes before one of those). The import removes exactly one.
Emotion scores are numbers, never text, and stay plain (``-1``) in their own column.

Not in the CSV: the map's title, type and other map-level fields, the action plan, metrics
and sources; the import takes title and type as arguments.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from journey_maps.core.ids import needed_ids
from journey_maps.core.model import Item, LoopBack, MapType, Touchpoint

#: Machine keys of a journey map's columns, in file order.
JOURNEY_COLUMNS = (
    "stage_id",
    "name",
    "description",
    "goal",
    "actions",
    "touchpoints",
    "thoughts",
    "emotion_score",
    "emotion_label",
    "emotion_quote",
    "pain_points",
    "opportunities",
    "loops_back_to",
)
#: Columns of a day-in-the-life map: a time slot has a time and no loops.
DAY_COLUMNS = (
    "stage_id",
    "time",
    *(c for c in JOURNEY_COLUMNS[1:] if c != "loops_back_to"),
)
#: Columns of an empathy map: one entry per row.
EMPATHY_COLUMNS = ("quadrant", "item")
#: Empathy map sections in file order; ``goal`` holds a single text.
EMPATHY_SECTIONS = ("says", "thinks", "does", "feels", "goal", "pains", "gains")
#: Item lanes, whose cells hold one entry per line.
ITEM_LANES = ("actions", "thoughts", "pain_points", "opportunities")

#: English header labels, for ``map_to_csv(..., labels=COLUMN_LABELS)``.
COLUMN_LABELS: Mapping[str, str] = {
    "stage_id": "Stage id",
    "time": "Time",
    "name": "Stage",
    "description": "Description",
    "goal": "Customer goal",
    "actions": "Actions",
    "touchpoints": "Touchpoints",
    "thoughts": "Thoughts",
    "emotion_score": "Emotion score",
    "emotion_label": "Emotion",
    "emotion_quote": "Quote",
    "pain_points": "Pain points",
    "opportunities": "Opportunities",
    "loops_back_to": "Loops back to",
    "quadrant": "Quadrant",
    "item": "Entry",
}

# --- the cell format, both ways ------------------------------------------------------------

_FORMULA_START = re.compile(r"^'*[=+\-@\t\r]")
_ID_SUFFIX = re.compile(r"^(?P<text>.*?)\s*\{#(?P<id>[^{}\s]+)\}$", re.DOTALL)
_TOUCHPOINT = re.compile(
    r"^(?P<name>.*?)(?:\s*\[(?P<channel>[^\[\]]*)\])?(?:\s*<(?P<url>\S+)>)?"
    r"(?:\s*\{#(?P<id>[^{}\s]+)\})?\s*$",
    re.DOTALL,
)
_INDENT = "  "
_ENDS_LIKE_ID = re.compile(r"\{#[^{}\s]+\}$")


def guard(cell: str) -> str:
    """``cell`` made safe from formula evaluation in spreadsheet programs."""
    return "'" + cell if _FORMULA_START.match(cell) else cell


def unguard(cell: str) -> str:
    """Undo :func:`guard`: drop the one quote it added, and nothing else."""
    return cell[1:] if cell.startswith("'") and _FORMULA_START.match(cell) else cell


def with_id(text: str, explicit_id: str | None) -> str:
    return f"{text} {{#{explicit_id}}}" if explicit_id else text


def _entry(text: str, explicit_id: str | None) -> str:
    lines = text.split("\n")
    return with_id("\n".join([lines[0], *(_INDENT + line for line in lines[1:])]), explicit_id)


def item_ids(items: Sequence[Item]) -> list[str | None]:
    ids = needed_ids([i.id for i in items], [i.text for i in items], "item")
    # A text that itself ends like an id suffix gets its id written, so it reads back whole.
    return [ids[n] or (i.id if _ENDS_LIKE_ID.search(i.text) else None) for n, i in enumerate(items)]


def format_items(items: Sequence[Item]) -> str:
    """A lane as cell text: one entry per line, ids only where they are not derived."""
    ids = item_ids(items)
    return "\n".join(_entry(item.text, ids[n]) for n, item in enumerate(items))


def format_touchpoints(touchpoints: Sequence[Touchpoint]) -> str:
    ids = needed_ids([t.id for t in touchpoints], [t.name for t in touchpoints], "tp")
    cells = []
    for n, touchpoint in enumerate(touchpoints):
        text = f"{touchpoint.name} [{touchpoint.channel.value}]"
        if touchpoint.url:
            text += f" <{touchpoint.url}>"
        cells.append(_entry(text, ids[n]))
    return "\n".join(cells)


def format_loops(loops: Sequence[LoopBack]) -> str:
    return "\n".join(
        _entry(f"{loop.stage}: {loop.label}", None) if loop.label else loop.stage for loop in loops
    )


def split_entries(cell: str) -> list[str]:
    """Entries of a multi-entry cell; indented lines continue the entry above."""
    entries: list[str] = []
    for line in cell.split("\n"):
        if entries and line[:1].isspace():
            entries[-1] += "\n" + (line[len(_INDENT) :] if line.startswith(_INDENT) else "")
        elif line.strip():
            entries.append(line.strip())
    return [e.strip() for e in entries]


def parse_entry(entry: str) -> tuple[str, str | None]:
    """An entry's text and the id written after it, if any."""
    match = _ID_SUFFIX.match(entry)
    if match and match.group("text"):
        return match.group("text"), match.group("id")
    return entry, None


def parse_touchpoint(entry: str) -> dict[str, str]:
    """A touchpoint entry as map fields (``name``, and ``channel``, ``url``, ``id`` if given)."""
    match = _TOUCHPOINT.match(entry)
    if not match or not match.group("name"):
        return {"name": entry}
    fields = {"name": match.group("name").strip()}
    for key in ("channel", "url", "id"):
        if match.group(key):
            fields[key] = match.group(key).strip()
    return fields


def columns_for(map_type: MapType) -> tuple[str, ...]:
    """The CSV columns of a map of this type."""
    if map_type is MapType.EMPATHY:
        return EMPATHY_COLUMNS
    if map_type is MapType.DAY_IN_THE_LIFE:
        return DAY_COLUMNS
    return JOURNEY_COLUMNS


def header_cell(key: str, labels: Mapping[str, str] | None) -> str:
    """The header of a column: its key, or ``Label (key)`` when labels are given."""
    label = (labels or {}).get(key)
    return f"{label} ({key})" if label else key
