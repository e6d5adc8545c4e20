"""Maps in and out of other formats: each format's reader and writer side by side.

Plain functions on validated maps, no MkDocs: the CLI, the site's downloads and other
programs share them. Readers return map YAML text that the loader and schema accept and
report problems at the position in their own input (a CSV cell, a Mermaid line).

* :mod:`.yaml` writes map YAML that reads back exactly (the reader is :mod:`journey_maps.load`);
* :mod:`.csv` writes and reads spreadsheets; :mod:`.json` writes normalized JSON;
* :mod:`.mermaid` reads and writes Mermaid ``journey`` diagrams;
* :mod:`.scaffold` writes a commented starting file for each map type;
* :mod:`.check` validates what a reader built, at the reader's positions.
"""

from __future__ import annotations

from collections.abc import Callable

from journey_maps.core.model import JourneyMap
from journey_maps.formats.csv.write import map_to_csv
from journey_maps.formats.json import map_to_json

#: The text exports of a map by format name (downloads, ``journey-maps render --format``).
#: Mermaid is not here: it needs the persona too, and cannot draw empathy maps.
TEXT_EXPORTS: dict[str, Callable[[JourneyMap], str]] = {"csv": map_to_csv, "json": map_to_json}

__all__ = ["TEXT_EXPORTS"]
