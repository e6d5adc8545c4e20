"""A map as a CSV sheet (layout in :mod:`.cells`), for spreadsheets and ``import csv``."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping

from journey_maps.core.model import Item, JourneyMap, MapType, StageBase
from journey_maps.formats.csv.cells import (
    EMPATHY_SECTIONS,
    ITEM_LANES,
    columns_for,
    format_items,
    format_loops,
    format_touchpoints,
    guard,
    header_cell,
    item_ids,
    with_id,
)


def _column_cells(column: StageBase) -> dict[str, str]:
    emotion = column.emotion
    cells = {
        "stage_id": column.id,
        "time": str(getattr(column, "time", "") or ""),
        "name": str(getattr(column, "name", "") or ""),
        "description": column.description or "",
        "goal": column.goal or "",
        "touchpoints": format_touchpoints(column.touchpoints),
        "emotion_label": (emotion.label or "") if emotion else "",
        "emotion_quote": (emotion.quote or "") if emotion else "",
        "loops_back_to": format_loops(column.loops()),
    }
    for lane in ITEM_LANES:
        cells[lane] = format_items(getattr(column, lane))
    cells = {key: guard(value) for key, value in cells.items()}
    # A number, not text: the guard would turn -1 into the text '-1.
    cells["emotion_score"] = str(emotion.score) if emotion else ""
    return cells


def _empathy_rows(journey: JourneyMap) -> list[list[str]]:
    rows: list[list[str]] = []
    empathy = journey.empathy
    if empathy is None:
        return rows
    for section in EMPATHY_SECTIONS:
        if section == "goal":
            if empathy.goal:
                rows.append(["goal", guard(empathy.goal)])
            continue
        items: list[Item] = getattr(empathy, section)
        ids = item_ids(items)
        # One entry per cell: its line breaks stay as they are, no continuation indent.
        rows.extend([section, guard(with_id(item.text, ids[n]))] for n, item in enumerate(items))
    return rows


def map_to_csv(journey: JourneyMap, *, labels: Mapping[str, str] | None = None) -> str:
    """The map as CSV text (starting with a BOM): a row per stage, slot or empathy entry.

    Write the result as UTF-8 with ``newline=""`` (or as bytes) so ``\\r\\n`` stays intact.
    """
    columns = columns_for(journey.type)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([header_cell(key, labels) for key in columns])
    if journey.type is MapType.EMPATHY:
        writer.writerows(_empathy_rows(journey))
    else:
        for column in journey.columns:
            cells = _column_cells(column)
            writer.writerow([cells[key] for key in columns])
    return "\ufeff" + buffer.getvalue()
