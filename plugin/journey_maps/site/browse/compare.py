"""A future-state map against the current-state map it improves (its ``improves:``).

Stages are matched by id: a future map that keeps a stage keeps its id, and ids survive
translation, so the comparison reads the same in every language. The rules below are shown
to readers on the comparison page too; they are deliberately simple enough to check by eye.

* **Stage order**: the current map's stages in their order; a stage only the future map has
  is placed right after the stage that precedes it in the future map.
* **Score change**: ``future score - current score``, for stages both maps scored.
* **Pain point addressed**: a current-state pain point at stage S counts as addressed when
  the future map keeps stage S, no longer lists that pain point (same id) at S, and at S
  either *feels better* (a higher emotion score than today) or *offers an opportunity*.
  Otherwise it is still open, with the reason: the future map has no stage S, it still
  lists the pain point, or S feels no better and offers no opportunity.
* **New opportunity**: an opportunity of the future map whose id is not among the
  opportunities anywhere in the current map.
"""

from __future__ import annotations

from dataclasses import dataclass

from journey_maps.core.gallery import Gallery
from journey_maps.core.model import Item, JourneyMap, MapType, StageBase

# Why a pain point is addressed, or still open.
FEELS_BETTER = "feels-better"
HAS_OPPORTUNITIES = "has-opportunities"
STAGE_NOT_KEPT = "stage-not-kept"
STILL_LISTED = "still-listed"
NO_PROGRESS = "no-progress"


@dataclass(frozen=True)
class StagePair:
    """A stage of either map, and the same stage in the other map (None if it has none)."""

    stage_id: str
    before: StageBase | None
    after: StageBase | None

    @property
    def title(self) -> str:
        """The future map's name for the stage, the current map's if the future drops it."""
        stage = self.after or self.before
        assert stage is not None
        return stage.title

    @property
    def before_score(self) -> int | None:
        return self.before.emotion.score if self.before and self.before.emotion else None

    @property
    def after_score(self) -> int | None:
        return self.after.emotion.score if self.after and self.after.emotion else None

    @property
    def change(self) -> int | None:
        before, after = self.before_score, self.after_score
        return None if before is None or after is None else after - before


@dataclass(frozen=True)
class PainPointOutcome:
    """A current-state pain point, whether the future map addresses it, and why."""

    stage: StageBase
    number: int
    item: Item
    addressed: bool
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class NewOpportunity:
    stage: StageBase
    number: int
    item: Item


@dataclass(frozen=True)
class Comparison:
    current: JourneyMap
    future: JourneyMap
    stages: tuple[StagePair, ...]
    pain_points: tuple[PainPointOutcome, ...]
    new_opportunities: tuple[NewOpportunity, ...]

    @property
    def addressed(self) -> list[PainPointOutcome]:
        return [p for p in self.pain_points if p.addressed]

    @property
    def still_open(self) -> list[PainPointOutcome]:
        return [p for p in self.pain_points if not p.addressed]


def stage_order(current: JourneyMap, future: JourneyMap) -> list[str]:
    """Stage ids of both maps in one order (see the module docstring)."""
    order = [column.id for column in current.columns]
    previous = -1
    for column in future.columns:
        if column.id in order:
            previous = order.index(column.id)
        else:
            previous += 1
            order.insert(previous, column.id)
    return order


def pair_stages(current: JourneyMap, future: JourneyMap) -> list[StagePair]:
    return [
        StagePair(stage_id, current.stage(stage_id), future.stage(stage_id))
        for stage_id in stage_order(current, future)
    ]


def _outcome(stage: StageBase, number: int, item: Item, future: JourneyMap) -> PainPointOutcome:
    kept = future.stage(stage.id)
    if kept is None:
        return PainPointOutcome(stage, number, item, False, (STAGE_NOT_KEPT,))
    if item.id in {p.id for p in kept.pain_points}:
        return PainPointOutcome(stage, number, item, False, (STILL_LISTED,))
    reasons = []
    if stage.emotion and kept.emotion and kept.emotion.score > stage.emotion.score:
        reasons.append(FEELS_BETTER)
    if kept.opportunities:
        reasons.append(HAS_OPPORTUNITIES)
    if not reasons:
        return PainPointOutcome(stage, number, item, False, (NO_PROGRESS,))
    return PainPointOutcome(stage, number, item, True, tuple(reasons))


def compare(current: JourneyMap, future: JourneyMap) -> Comparison:
    """Everything the comparison page shows, by the rules of this module."""
    outcomes = tuple(
        _outcome(column, number, item, future)
        for number, column in enumerate(current.columns, start=1)
        for item in column.pain_points
    )
    known = {item.id for column in current.columns for item in column.opportunities}
    new = tuple(
        NewOpportunity(column, number, item)
        for number, column in enumerate(future.columns, start=1)
        for item in column.opportunities
        if item.id not in known
    )
    return Comparison(current, future, tuple(pair_stages(current, future)), outcomes, new)


def comparable(gallery: Gallery) -> dict[str, str]:
    """Future-state maps that can be compared, with the current-state map each improves.

    Both must be in the gallery and have stages (validation already insists on both; this
    keeps a hand-built gallery from producing a page with nothing to compare).
    """
    pairs = {}
    for journey in gallery.maps.values():
        target = gallery.maps.get(journey.improves or "")
        if (
            journey.type is MapType.FUTURE_STATE
            and target is not None
            and target.type is MapType.CURRENT_STATE
            and journey.stages
            and target.stages
        ):
            pairs[journey.id] = target.id
    return pairs
