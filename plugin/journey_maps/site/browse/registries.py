"""What the maps say together: every pain point, opportunity and action across a gallery.

Each entry keeps where it comes from (map, stage) and the fragment that points at it on the
map page, the same anchors the map page template writes: ``#<stage-id>--pain_points--<id>``
for a stage's items, ``#pains--<id>`` and ``#gains--<id>`` for an empathy map's pains and
gains, ``#action-<id>`` for an action-plan item and ``#stage-<id>`` for a stage. Those ids
are stable (derived once from the source text, kept by translations), so links from the
registries survive reordering and translation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from journey_maps.core.gallery import Gallery
from journey_maps.core.model import (
    ActionPlanItem,
    Item,
    JourneyMap,
    PlanStatus,
    Priority,
    StageBase,
)
from journey_maps.site.browse import ACTION_PLAN, PAIN_POINTS

Lane = Literal["pain_points", "opportunities"]
#: The empathy-map list that plays the part of a stage lane.
EMPATHY_LANES: dict[Lane, str] = {"pain_points": "pains", "opportunities": "gains"}
_PRIORITY_RANK = {Priority.HIGH: 0, Priority.MEDIUM: 1, Priority.LOW: 2}


def stage_anchor(stage_id: str) -> str:
    return f"stage-{stage_id}"


def item_anchor(stage_id: str, lane: str, item_id: str) -> str:
    return f"{stage_id}--{lane}--{item_id}"


@dataclass(frozen=True)
class Entry:
    """One pain point or opportunity, and its fragment on the map page."""

    item: Item
    anchor: str


@dataclass(frozen=True)
class Group:
    """The entries of one stage, or of an empathy map's pains or gains.

    ``stage`` is None for an empathy map; ``lane`` then names its list ("pains", "gains").
    """

    stage: StageBase | None
    number: int | None
    lane: str
    anchor: str
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class MapEntries:
    map_id: str
    groups: tuple[Group, ...]

    @property
    def count(self) -> int:
        return sum(len(g.entries) for g in self.groups)


def lane_entries(journey: JourneyMap, lane: Lane) -> MapEntries:
    """The entries of ``lane`` in one map, grouped by stage in stage order."""
    groups: list[Group] = []
    for number, column in enumerate(journey.columns, start=1):
        items = column.item_lanes()[lane]
        if items:
            entries = tuple(Entry(i, item_anchor(column.id, lane, i.id)) for i in items)
            groups.append(Group(column, number, lane, stage_anchor(column.id), entries))
    if journey.empathy is not None:
        name = EMPATHY_LANES[lane]
        items = getattr(journey.empathy, name)
        if items:
            entries = tuple(Entry(i, f"{name}--{i.id}") for i in items)
            groups.append(Group(None, None, name, f"quadrant-{name}", entries))
    return MapEntries(journey.id, tuple(groups))


def lane_count(journey: JourneyMap, lane: Lane) -> int:
    """How many entries ``lane`` has in one map (what :func:`lane_entries` would list)."""
    count = sum(len(getattr(column, lane, ())) for column in journey.columns)
    if journey.empathy is not None:
        count += len(getattr(journey.empathy, EMPATHY_LANES[lane]))
    return count


def lane_registry(gallery: Gallery, order: Sequence[str], lane: Lane) -> list[MapEntries]:
    """Every map in ``order`` that has entries in ``lane``, with its entries."""
    return [
        lane_entries(gallery.maps[m], lane)
        for m in order
        if m in gallery.maps and lane_count(gallery.maps[m], lane)
    ]


@dataclass(frozen=True)
class BoardCard:
    """An action-plan item on the board, with the map and stage it belongs to."""

    map_id: str
    action: ActionPlanItem
    stage: StageBase | None
    number: int | None

    @property
    def anchor(self) -> str:
        return f"action-{self.action.id}"


def board(gallery: Gallery, order: Sequence[str]) -> dict[PlanStatus, list[BoardCard]]:
    """Action-plan items of the maps in ``order`` by status, every status present.

    Within a column: high priority first, then medium, low and unprioritised; ties keep the
    order of the maps and of each map's plan.
    """
    columns: dict[PlanStatus, list[BoardCard]] = {status: [] for status in PlanStatus}
    ranked: list[tuple[int, int, int, BoardCard]] = []
    for map_index, map_id in enumerate(order):
        journey = gallery.maps.get(map_id)
        if journey is None:
            continue
        numbers = {column.id: n for n, column in enumerate(journey.columns, start=1)}
        for plan_index, action in enumerate(journey.action_plan):
            stage = journey.stage(action.stage) if action.stage else None
            card = BoardCard(map_id, action, stage, numbers.get(action.stage or ""))
            rank = _PRIORITY_RANK.get(action.priority, 3) if action.priority else 3
            ranked.append((rank, map_index, plan_index, card))
    for _rank, _map, _plan, card in sorted(ranked, key=lambda r: r[:3]):
        columns[card.action.status].append(card)
    return columns


def entry_counts(gallery: Gallery, order: Sequence[str], registry: str) -> list[tuple[str, int]]:
    """How many entries each map contributes to a registry (for cutting it into pages)."""
    counts = []
    for map_id in order:
        journey = gallery.maps.get(map_id)
        if journey is None:
            continue
        if registry == ACTION_PLAN:
            counts.append((map_id, len(journey.action_plan)))
        else:
            lane: Lane = "pain_points" if registry == PAIN_POINTS else "opportunities"
            counts.append((map_id, lane_count(journey, lane)))
    return counts
