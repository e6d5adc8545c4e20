"""Validate a map that an importer built, pointing problems at the place in the source file.

Importers know where each value came from (a CSV cell, a Mermaid line), so they hand over a
position per map location; the gallery's own checks then explain problems exactly as they
do for YAML files, at those positions.
"""

from __future__ import annotations

from typing import Any

from journey_maps.core.document import Document, Loc, Mark
from journey_maps.core.errors import GalleryError, Problems
from journey_maps.core.model import JourneyMap
from journey_maps.load.checks import check_file
from journey_maps.load.messages import validate_model


def check_map(path: str, data: dict[str, Any], positions: dict[Loc, Mark]) -> JourneyMap:
    """The validated map, or :class:`GalleryError` with every problem at its source position."""
    problems = Problems()
    doc = Document(path=path, data=data, values=dict(positions), keys=dict(positions))
    journey = validate_model(JourneyMap, doc, problems)
    if journey is not None:
        check_file(journey, doc, problems)
    if problems.errors or journey is None:
        raise GalleryError(problems.sorted())
    return journey


def fail(path: str, line: int, column: int, message: str) -> GalleryError:
    """A :class:`GalleryError` for one problem, to raise where reading cannot go on."""
    problems = Problems()
    problems.add(path, line, column, message)
    return GalleryError(problems.items)
