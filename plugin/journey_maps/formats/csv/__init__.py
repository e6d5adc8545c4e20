"""Maps as CSV sheets and back: :mod:`.write` exports, :mod:`.read` imports, :mod:`.cells`
defines the layout and the cell format both share (documented there)."""

from __future__ import annotations

from journey_maps.formats.csv.cells import COLUMN_LABELS
from journey_maps.formats.csv.read import csv_to_map_yaml
from journey_maps.formats.csv.write import map_to_csv

__all__ = ["COLUMN_LABELS", "csv_to_map_yaml", "map_to_csv"]
