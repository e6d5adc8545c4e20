"""Cutting long listings into pages, so a 500-map gallery never puts 500 cards on one page.

Card listings (the gallery and every facet) hold :data:`PAGE_SIZE` entries a page: page 1
at the listing's own URL, page ``n`` at ``<listing>/page/<n>/``. Registries group entries by
map, and a map's group is never split: their pages are filled with whole maps up to
:data:`ITEM_BUDGET` entries (a map bigger than that gets a page of its own).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

#: Cards per listing page: a multiple of 2, 3 and 4, so full rows in any grid width.
PAGE_SIZE = 48
#: Registry entries (pain points, opportunities, actions) per page, in whole maps.
ITEM_BUDGET = 240

K = TypeVar("K")


def page_count(total: int, size: int = PAGE_SIZE) -> int:
    """How many pages ``total`` entries take; an empty listing still has its first page."""
    return max(1, -(-total // size))


def page_bounds(page: int, size: int = PAGE_SIZE) -> tuple[int, int]:
    """Start and stop index of 1-based ``page``."""
    return (page - 1) * size, page * size


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
