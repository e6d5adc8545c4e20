"""Map exports that need no drawing: spreadsheet (CSV) and normalized JSON.

Each format is a separate function taking a validated :class:`~journey_maps.model.JourneyMap`
and returning text, so ``journey-maps render --format csv|json`` and the site's downloads
can pick one by name. The Mermaid export lives with the
Mermaid import in :mod:`journey_maps.interop.mermaid`.
"""

from __future__ import annotations

from .tabular import map_to_csv, map_to_json

__all__ = ["map_to_csv", "map_to_json"]
