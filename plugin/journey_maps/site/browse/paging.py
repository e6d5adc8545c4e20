"""Cutting long registries into pages, and the page numbers earlier versions used.

Registries group entries by map, and a map's group is never split: their pages are filled
with whole maps up to :data:`ITEM_BUDGET` entries (a map bigger than that gets a page of its
own), page 1 at the registry's own URL, page ``n`` at ``<registry>/page/<n>/``. The gallery
itself is one page per language (its filters are views of it).

Earlier versions cut card listings into pages of :data:`LEGACY_PAGE_SIZE` cards and
registries into pages of :data:`LEGACY_ITEM_BUDGET` entries; those addresses are kept as
redirects, so the numbers stay here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

#: Registry entries (pain points, opportunities, actions) per page, in whole maps: a page
#: of a few hundred kB, and few pages even for a big gallery (every page costs build time).
ITEM_BUDGET = 2000
#: Cards per page of earlier versions' paged listings (their addresses are redirects now).
LEGACY_PAGE_SIZE = 48
#: Registry entries per page in earlier versions (page numbers beyond today's redirect).
LEGACY_ITEM_BUDGET = 240

K = TypeVar("K")


def page_count(total: int, size: int) -> int:
    """How many pages ``total`` entries take; an empty listing still has its first page."""
    return max(1, -(-total // size))


def chunk_by_budget(weights: Sequence[tuple[K, int]], budget: int = ITEM_BUDGET) -> list[list[K]]:
    """Consecutive groups of keys whose weights add up to at most ``budget`` each.

    Keys keep their order and are never split; a key heavier than the budget gets a chunk
    of its own. Keys of weight 0 (a map without pain points) are left out.
    """
    chunks: list[list[K]] = []
    current: list[K] = []
    used = 0
    for key, weight in weights:
        if weight <= 0:
            continue
        if current and used + weight > budget:
            chunks.append(current)
            current, used = [], 0
        current.append(key)
        used += weight
    if current:
        chunks.append(current)
    return chunks


def window(page: int, count: int, radius: int = 2) -> list[int | None]:
    """Page numbers a pager shows: first, last and ``radius`` around the current page.

    ``None`` marks a gap ("…"). Short runs are shown in full: a gap never hides one page.
    """
    shown = {1, count, *range(page - radius, page + radius + 1)}
    numbers = sorted(n for n in shown if 1 <= n <= count)
    result: list[int | None] = []
    for n in numbers:
        if result and isinstance(result[-1], int) and n - result[-1] > 1:
            if n - result[-1] == 2:
                result.append(n - 1)
            else:
                result.append(None)
        result.append(n)
    return result
