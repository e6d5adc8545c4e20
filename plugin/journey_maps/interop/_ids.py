"""Which ids a file has to spell out so that loading it gives the same ids back."""

from __future__ import annotations

from collections.abc import Sequence

from ..ids import derive_ids


def needed_ids(ids: Sequence[str], texts: Sequence[str], fallback: str) -> list[str | None]:
    """The ids to write explicitly (None where deriving from the text gives the same id).

    Exports stay as clean as hand-written files: an id is written only when the author chose
    one that differs from what :func:`journey_maps.ids.derive_ids` makes of the text. If
    leaving some out would shift the others (derived ids avoid explicit ones), all are kept.
    """
    derived = derive_ids([None] * len(texts), texts, fallback)
    explicit = [given if given != auto else None for given, auto in zip(ids, derived, strict=True)]
    if derive_ids(explicit, texts, fallback) == list(ids):
        return explicit
    return list(ids)
