"""Spreadsheet (CSV) back into a map file.

Reads the layout written by :func:`journey_maps.formats.csv.write.map_to_csv` (see that module
for the columns and cell formats), and the same file after a trip through a spreadsheet
program: a byte order mark or none, ``,`` or ``;`` or tab between cells (guessed with
:class:`csv.Sniffer` from the header row), ``\\n`` or ``\\r\\n`` line ends, blank rows,
columns in any order and headers written as the key (``pain_points``), as an English label
(``Pain points``) or as ``Label (key)``. Leading quotes added against formula injection are
removed again.

Problems point at the spreadsheet cell: ``file:ROW:COLUMN: error: ...``, where ROW is the
row number a spreadsheet shows (the header is row 1, blank rows count) and COLUMN is the
column number (A = 1). A run reports every problem of the file: header, cells and the map's
rules together.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from dataclasses import dataclass
from typing import Any

from journey_maps.core.document import Loc, Mark
from journey_maps.core.errors import GalleryError, Problems
from journey_maps.core.ids import derive_ids, needed_ids
from journey_maps.core.model import MapType
from journey_maps.formats.check import check_map
from journey_maps.formats.csv.cells import (
    COLUMN_LABELS,
    EMPATHY_SECTIONS,
    columns_for,
    parse_entry,
    parse_touchpoint,
    split_entries,
    unguard,
)
from journey_maps.formats.yaml import SCHEMA_COMMENT, Flow, map_document

_SCORE = re.compile(r"^[+-]?[0-9]+(?:\.0*)?$")
_KEYED_HEADER = re.compile(r"\((?P<key>[a-z_]+)\)\s*$")


def _normal(header: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", header.strip().lower()).strip("_")


_HEADER_ALIASES = {_normal(label): key for key, label in COLUMN_LABELS.items()}


def _column_key(header: str) -> str:
    """The machine key a header cell stands for (it may not be a known one)."""
    keyed = _KEYED_HEADER.search(header.strip().lower())
    if keyed:
        return keyed.group("key")
    normal = _normal(header)
    return _HEADER_ALIASES.get(normal, normal) if normal not in COLUMN_LABELS else normal


def _delimiter(text: str) -> str:
    header = next((line for line in text.splitlines() if line.strip()), "")
    try:
        return csv.Sniffer().sniff(header, delimiters=",;\t").delimiter
    except csv.Error:
        return ","


@dataclass
class _Row:
    number: int
    cells: dict[str, str]


class _Reader:
    """Rows of a CSV text by column key, remembering the spreadsheet position of each cell."""

    def __init__(self, path: str, text: str, problems: Problems) -> None:
        self.path = path
        self.problems = problems
        self.header_row = 1
        self.columns: dict[str, int] = {}
        self.rows: list[_Row] = []
        self.has_header = False
        #: Whether the file has a header row and was read to its end.
        self.complete = False
        self._read(text)

    def error(self, row: int, column: int, message: str) -> None:
        self.problems.add(self.path, row, column, message)

    def _read(self, text: str) -> None:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
        header: list[str] | None = None
        number = 0
        try:
            for number, raw in enumerate(reader, start=1):
                cells = [unguard(c.replace("\r\n", "\n").replace("\r", "\n")) for c in raw]
                if not any(c.strip() for c in cells):
                    continue
                if header is None:
                    header = cells
                    self.has_header = True
                    self.header_row = number
                    self._header(cells)
                    continue
                self._row(number, cells, len(header))
        except csv.Error as exc:
            self.error(max(number, 1), 1, f"the file is not valid CSV: {exc}")
            return
        if header is None:
            self.error(1, 1, "the file has no header row; export a map to see the columns")
            return
        self.complete = True

    def _header(self, cells: list[str]) -> None:
        for index, cell in enumerate(cells, start=1):
            if not cell.strip():
                continue
            key = _column_key(cell)
            if key in self.columns:
                self.error(
                    self.header_row,
                    index,
                    f"column '{key}' appears twice (also column {self.columns[key]}); "
                    "keep one of them",
                )
                continue
            self.columns[key] = index

    def _row(self, number: int, cells: list[str], width: int) -> None:
        for index in range(width, len(cells)):
            if cells[index].strip():
                self.error(
                    number,
                    index + 1,
                    "this cell is outside the columns of the header row; add a header or "
                    "move the text into a column",
                )
        by_key = {
            key: cells[index - 1].strip() if index <= len(cells) else ""
            for key, index in self.columns.items()
        }
        self.rows.append(_Row(number, by_key))

    def mark(self, row: _Row, key: str) -> Mark:
        return Mark(row.number, self.columns.get(key, 1))


def _guess_type(columns: dict[str, int]) -> MapType:
    if "quadrant" in columns or "item" in columns:
        return MapType.EMPATHY
    if "time" in columns:
        return MapType.DAY_IN_THE_LIFE
    return MapType.CURRENT_STATE


def _check_columns(reader: _Reader, map_type: MapType) -> bool:
    """Report unknown and missing columns; False if a column the map needs is missing."""
    allowed = columns_for(map_type)
    for key, index in reader.columns.items():
        if key not in allowed:
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'? " if close else ""
            reader.error(
                reader.header_row,
                index,
                f"unknown column '{key}' for a {map_type.value} map; {hint}"
                f"columns: {', '.join(allowed)}",
            )
    required = {
        MapType.EMPATHY: ("quadrant", "item"),
        MapType.DAY_IN_THE_LIFE: ("time",),
    }.get(map_type, ("name",))
    missing = [key for key in required if key not in reader.columns]
    for key in missing:
        reader.error(
            reader.header_row,
            1,
            f"a {map_type.value} map needs a '{key}' column; columns: {', '.join(allowed)}",
        )
    return not missing


class _Builder:
    """Map data from rows, and the spreadsheet position of every value in it."""

    def __init__(self, reader: _Reader, map_type: MapType) -> None:
        self.reader = reader
        self.map_type = map_type
        self.positions: dict[Loc, Mark] = {}

    def at(self, loc: Loc, row: _Row, key: str) -> None:
        self.positions[loc] = self.reader.mark(row, key)

    def items(self, loc: Loc, row: _Row, key: str) -> list[Any]:
        entries = [parse_entry(e) for e in split_entries(row.cells.get(key, ""))]
        texts = [text for text, _ in entries]
        ids = needed_ids(derive_ids([i for _, i in entries], texts, "item"), texts, "item")
        self.at(loc, row, key)
        result: list[Any] = []
        for index, text in enumerate(texts):
            self.at((*loc, index), row, key)
            result.append({"id": ids[index], "text": text} if ids[index] else text)
        return result

    def touchpoints(self, loc: Loc, row: _Row) -> list[Any]:
        entries = [parse_touchpoint(e) for e in split_entries(row.cells.get("touchpoints", ""))]
        names = [e["name"] for e in entries]
        ids = needed_ids(derive_ids([e.get("id") for e in entries], names, "tp"), names, "tp")
        self.at(loc, row, "touchpoints")
        result: list[Any] = []
        for index, entry in enumerate(entries):
            self.at((*loc, index), row, "touchpoints")
            fields = {"id": ids[index]} if ids[index] else {}
            fields.update((k, entry[k]) for k in ("name", "channel", "url") if k in entry)
            result.append(Flow(fields))
        return result

    def emotion(self, loc: Loc, row: _Row) -> dict[str, Any] | None:
        cells = row.cells
        score_text = cells.get("emotion_score", "").replace("\u2212", "-")
        label, quote = cells.get("emotion_label", ""), cells.get("emotion_quote", "")
        if not score_text:
            if label or quote:
                key = "emotion_label" if label else "emotion_quote"
                mark = self.reader.mark(row, key)
                self.reader.error(
                    mark.line,
                    mark.column,
                    "an emotion label or quote needs an emotion_score from -2 to +2 in the "
                    "same row",
                )
            return None
        self.at(loc, row, "emotion_score")
        self.at((*loc, "score"), row, "emotion_score")
        score: Any = score_text
        if _SCORE.match(score_text):
            score = int(float(score_text))
        emotion: dict[str, Any] = {"score": score}
        if label:
            emotion["label"] = label
            self.at((*loc, "label"), row, "emotion_label")
        if quote:
            emotion["quote"] = quote
            self.at((*loc, "quote"), row, "emotion_quote")
        return emotion

    def loops(self, loc: Loc, row: _Row) -> list[Any]:
        result: list[Any] = []
        self.at(loc, row, "loops_back_to")
        for index, entry in enumerate(split_entries(row.cells.get("loops_back_to", ""))):
            self.at((*loc, index), row, "loops_back_to")
            stage, _, label = entry.partition(":")
            stage, label = stage.strip(), label.strip()
            result.append(Flow(stage=stage, label=label) if label else stage)
        return result

    def columns(self) -> tuple[str, list[dict[str, Any]]]:
        section = "slots" if self.map_type is MapType.DAY_IN_THE_LIFE else "stages"
        rows = self.reader.rows
        self.positions[(section,)] = Mark(self.reader.header_row, 1)
        titles = []
        for row in rows:
            time, name = row.cells.get("time", ""), row.cells.get("name", "")
            titles.append(f"{time} · {name}" if time and name else time or name)
        given = [row.cells.get("stage_id") or None for row in rows]
        ids = needed_ids(derive_ids(given, titles, "stage"), titles, "stage")
        result = []
        for index, row in enumerate(rows):
            loc: Loc = (section, index)
            self.at(loc, row, "name" if "name" in self.reader.columns else "time")
            column: dict[str, Any] = {}
            if ids[index]:
                column["id"] = ids[index]
                self.at((*loc, "id"), row, "stage_id")
            for key in ("time", "name", "description", "goal"):
                if row.cells.get(key):
                    column[key] = row.cells[key]
                    self.at((*loc, key), row, key)
            lanes: dict[str, Any] = {
                "actions": self.items((*loc, "actions"), row, "actions"),
                "touchpoints": self.touchpoints((*loc, "touchpoints"), row),
                "thoughts": self.items((*loc, "thoughts"), row, "thoughts"),
                "emotion": self.emotion((*loc, "emotion"), row),
                "pain_points": self.items((*loc, "pain_points"), row, "pain_points"),
                "opportunities": self.items((*loc, "opportunities"), row, "opportunities"),
            }
            if section == "stages":
                lanes["loops_back_to"] = self.loops((*loc, "loops_back_to"), row)
            column.update((key, value) for key, value in lanes.items() if value)
            result.append(column)
        return section, result

    def empathy(self) -> dict[str, Any]:
        lists: dict[str, list[tuple[str, str | None, _Row]]] = {}
        goal: str | None = None
        for row in self.reader.rows:
            quadrant = _normal(row.cells.get("quadrant", ""))
            text = row.cells.get("item", "")
            mark = self.reader.mark(row, "quadrant")
            if quadrant not in EMPATHY_SECTIONS:
                close = difflib.get_close_matches(quadrant, EMPATHY_SECTIONS, n=1, cutoff=0.6)
                hint = f"did you mean '{close[0]}'? " if close else ""
                what = f"'{row.cells.get('quadrant', '')}' is not an" if quadrant else "no"
                self.reader.error(
                    mark.line,
                    mark.column,
                    f"{what} empathy map section; {hint}use one of: {', '.join(EMPATHY_SECTIONS)}",
                )
            elif quadrant == "goal":
                if goal is not None:
                    self.reader.error(
                        mark.line, mark.column, "an empathy map has one goal; merge the goal rows"
                    )
                goal = text
                self.at(("empathy", "goal"), row, "item")
            else:
                entry_text, entry_id = parse_entry(text)
                lists.setdefault(quadrant, []).append((entry_text, entry_id, row))
        self.positions[("empathy",)] = Mark(self.reader.header_row, 1)
        result: dict[str, Any] = {}
        for section in EMPATHY_SECTIONS:
            if section == "goal":
                if goal is not None:
                    result["goal"] = goal
                continue
            entries = lists.get(section, [])
            if not entries:
                continue
            texts = [text for text, _, _ in entries]
            ids = needed_ids(derive_ids([i for _, i, _ in entries], texts, "item"), texts, "item")
            items: list[Any] = []
            for index, (text, _, row) in enumerate(entries):
                self.at(("empathy", section, index), row, "item")
                items.append({"id": ids[index], "text": text} if ids[index] else text)
            result[section] = items
        return result


def csv_to_map_yaml(
    text: str,
    *,
    title: str,
    map_type: MapType | str | None = None,
    path: str = "<csv>",
    summary: str | None = None,
    persona: str | None = None,
    language: str | None = None,
    schema_comment: str = SCHEMA_COMMENT,
) -> str:
    """Map YAML from CSV text; raises :class:`GalleryError` listing every problem found.

    ``map_type`` None guesses from the columns: ``quadrant`` means an empathy map, ``time``
    a day-in-the-life map, anything else a current-state map. ``path`` names the CSV in
    problem messages. Title, type, summary, persona and language are not part of the CSV.

    Every problem of the file comes in one run: those of the header, of each row's cells,
    and the map's own rules (checked when the file could be read whole, with the columns a
    map needs, so that a missing column is one problem, not one per row).
    """
    problems = Problems()
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        problems.add(path, 1, 1, "the file contains NUL bytes; save the sheet as CSV (UTF-8)")
        raise GalleryError(problems.items)
    reader = _Reader(path, text, problems)
    kind = _guess_type(reader.columns) if map_type is None else MapType(map_type)
    columns_ok = reader.has_header and _check_columns(reader, kind)
    whole = reader.complete and columns_ok
    builder = _Builder(reader, kind)
    data: dict[str, Any] = {"type": kind.value, "title": title}
    for key, value in (("summary", summary), ("persona", persona), ("language", language)):
        if value:
            data[key] = value
    if kind is MapType.EMPATHY:
        data["empathy"] = builder.empathy()
    else:
        section, columns = builder.columns()
        data[section] = columns
    for key in ("type", "title", "summary", "persona", "language"):
        builder.positions[(key,)] = Mark(1, 1)
    if whole:
        try:
            check_map(path, data, builder.positions)
        except GalleryError as exc:
            problems.items.extend(exc.problems)
    if problems.errors:
        raise GalleryError(problems.sorted())
    header = [f"Imported from {path} ({len(reader.rows)} rows) by journey-maps import csv."]
    return map_document(data, header=header, schema_comment=schema_comment)
