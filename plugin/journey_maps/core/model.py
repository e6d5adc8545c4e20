"""The journey map schema: one place that defines what a map, a persona and their parts are.

The models validate structure and values (pydantic gives us typed objects and the JSON
Schema for editors); cross-references and ids that need the whole gallery are checked in
:mod:`journey_maps.load.folder`. Messages raised here are complete sentences for map authors:
they are shown after ``path:line:col: error:``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import Enum
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    model_validator,
)
from pydantic_core import PydanticCustomError

from journey_maps.core.ids import ID_PATTERN, derive_ids, id_problem
from journey_maps.core.links import LINK_PATTERN, link_problem

SCHEMA_VERSION = 1
EMOTION_MIN, EMOTION_MAX = -2, 2
MAX_STAGES = 30
MAX_ITEMS = 50


# --- scalar types -------------------------------------------------------------------------


def _text(value: Any) -> Any:
    """Accept numbers as text (``title: 2026``) but not booleans or structures."""
    if isinstance(value, bool):
        word = "true" if value else "false"
        raise ValueError(f"expected text, got the boolean {word}; put it in quotes: '{word}'")
    if isinstance(value, int | float):
        # The loader keeps the spelling of numbers: `time: 0730` is "0730", not "730".
        return getattr(value, "source", str(value))
    if value is not None and not isinstance(value, str):
        kind = "a list" if isinstance(value, list) else "a mapping"
        raise ValueError(f"expected text, got {kind}")
    return value


def _collapse(value: str) -> str:
    return value.strip()


def _not_blank(value: str) -> str:
    if not value:
        raise ValueError("this text is empty; write something or remove the field")
    return value


_TEXT_INPUT = str | int | float
Text = Annotated[
    str,
    BeforeValidator(_text, json_schema_input_type=_TEXT_INPUT),
    AfterValidator(_collapse),
    AfterValidator(_not_blank),
    Field(max_length=4000),
]
ShortText = Annotated[
    str,
    BeforeValidator(_text, json_schema_input_type=_TEXT_INPUT),
    AfterValidator(_collapse),
    AfterValidator(_not_blank),
    Field(max_length=200),
]


def _id(value: Any) -> Any:
    if isinstance(value, str):
        problem = id_problem(value)
        if problem:
            raise ValueError(problem)
    return value


Id = Annotated[
    str,
    BeforeValidator(_text),
    AfterValidator(_id),
    Field(max_length=64, json_schema_extra={"pattern": ID_PATTERN}),
]


def _url(value: str) -> str:
    problem = link_problem(value)
    if problem:
        raise ValueError(problem)
    return value


Url = Annotated[
    str,
    BeforeValidator(_text),
    AfterValidator(_url),
    Field(max_length=2000, json_schema_extra={"pattern": LINK_PATTERN, "format": "uri"}),
]

#: A BCP 47 language tag as maps, translation folders and the CLI write it (``pt-BR``).
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")


def _usual_spelling(value: str) -> str:
    """``value`` as BCP 47 tags are usually written: ``LV`` → ``lv``, ``pt_br`` → ``pt-BR``."""
    first, *rest = value.replace("_", "-").split("-")
    cased = {2: str.upper, 4: str.title}
    return "-".join([first.lower(), *(cased.get(len(part), str.lower)(part) for part in rest)])


def language_code(value: str) -> str:
    """``value`` if it is a language code; else a ValueError that says how to write one."""
    if not LANGUAGE_CODE.match(value):
        usual = _usual_spelling(value)
        hint = f"did you mean '{usual}'? " if LANGUAGE_CODE.match(usual) else ""
        raise ValueError(
            f"'{value}' is not a language code; {hint}use a BCP 47 code such as 'en', 'et', "
            "'bg' or 'pt-BR'"
        )
    return value


LanguageCode = Annotated[
    str,
    BeforeValidator(_text),
    AfterValidator(language_code),
    Field(json_schema_extra={"pattern": LANGUAGE_CODE.pattern}),
]


def _yaml_spelling(value: Any) -> str:
    """How a value looks in YAML, for messages (true, not Python's True)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(getattr(value, "source", value if not isinstance(value, str) else repr(value)))


def _shown(value: Any) -> str:
    """A value as written, cut short enough for a one-line message. The spelling the loader
    kept is used, so a 5,000-digit hex number is not converted with ``str()`` (which Python
    refuses beyond 4,300 digits)."""
    text = _yaml_spelling(value)
    return text if len(text) <= 40 else f"{text[:40]}..."


def _score(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(
            f"an emotion score is a whole number from {EMOTION_MIN} (very negative) to "
            f"+{EMOTION_MAX} (very positive), not {_shown(value)}"
        )
    if not EMOTION_MIN <= value <= EMOTION_MAX:
        raise ValueError(
            f"emotion score {_shown(value)} is outside the scale; use {EMOTION_MIN} (very "
            f"negative) to +{EMOTION_MAX} (very positive), 0 is neutral"
        )
    return value


def _whole_number(value: Any) -> Any:
    # Lax pydantic would turn `age: true` into 1; a boolean is never a count.
    if isinstance(value, bool):
        raise PydanticCustomError("int_type", "must be a whole number")
    return value


Score = Annotated[
    int,
    BeforeValidator(_score),
    Field(json_schema_extra={"minimum": EMOTION_MIN, "maximum": EMOTION_MAX}),
]


class MapType(str, Enum):
    """The four kinds of map the seeds describe."""

    CURRENT_STATE = "current-state"
    FUTURE_STATE = "future-state"
    DAY_IN_THE_LIFE = "day-in-the-life"
    EMPATHY = "empathy"


class ChannelKind(str, Enum):
    ONLINE = "online"
    OFFLINE = "offline"
    PERSON = "person"
    OTHER = "other"


class PlanStatus(str, Enum):
    IDEA = "idea"
    PLANNED = "planned"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    DROPPED = "dropped"


class Priority(str, Enum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


# --- building blocks ------------------------------------------------------------------------


class Strict(BaseModel):
    """Base for every schema object: unknown keys are errors, not silently dropped."""

    model_config = ConfigDict(extra="forbid", validate_assignment=False, use_enum_values=False)

    @model_validator(mode="before")
    @classmethod
    def _empty_means_unset(cls, data: Any) -> Any:
        # `tags:` with nothing after it is an empty value in YAML: treat an optional field
        # left empty like a missing one instead of complaining that null is not a list.
        if isinstance(data, dict):
            return {
                key: value
                for key, value in data.items()
                if not (
                    value is None
                    and key in cls.model_fields
                    and not cls.model_fields[key].is_required()
                )
            }
        return data


def _shorthand(field: str) -> Any:
    """Let a list entry be a bare string standing for its main text field."""

    def convert(value: Any) -> Any:
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            return {field: value}
        return value

    return convert


class Item(Strict):
    """A line of text in a lane (an action, a thought, a pain point, an opportunity...).

    Written either as a plain string or as a mapping with an explicit ``id``.
    """

    id: Id = Field(default="", description="Stable id; derived from the text when omitted.")
    text: Text

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: Any) -> Any:
        return _shorthand("text")(value)


class Touchpoint(Strict):
    """Where the customer meets the organisation, and through which kind of channel."""

    id: Id = Field(default="", description="Stable id; derived from the name when omitted.")
    name: ShortText
    channel: ChannelKind = Field(
        default=ChannelKind.OTHER, description="online, offline, person or other"
    )
    url: Url | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: Any) -> Any:
        return _shorthand("name")(value)


class Emotion(Strict):
    """How the customer feels at a stage, on one fixed scale from -2 to +2."""

    score: Score
    label: ShortText | None = Field(default=None, description="A word for the feeling.")
    quote: Text | None = Field(default=None, description="What the customer said.")

    @model_validator(mode="before")
    @classmethod
    def _from_number(cls, value: Any) -> Any:
        # Any bare scalar is meant as a score; the score check explains what is allowed.
        if value is not None and not isinstance(value, dict | list):
            return {"score": value}
        return value


class LoopBack(Strict):
    """A link from a stage back to an earlier one: journeys can be cyclic."""

    stage: Id = Field(description="Id of the earlier (or the same) stage.")
    label: ShortText | None = Field(default=None, description="Why the customer goes back.")

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: Any) -> Any:
        return _shorthand("stage")(value)


Items = Annotated[list[Item], Field(max_length=MAX_ITEMS)]
LANES = ("actions", "touchpoints", "thoughts", "emotion", "pain_points", "opportunities")


class StageBase(Strict):
    """What every column of a journey has: a goal and the lanes."""

    id: Id = Field(default="", description="Stable id; derived from the name when omitted.")
    description: Text | None = None
    goal: Text | None = Field(default=None, description="What the customer wants here.")
    actions: Items = Field(default_factory=list, description="Actions and tasks.")
    touchpoints: Annotated[list[Touchpoint], Field(max_length=MAX_ITEMS)] = Field(
        default_factory=list
    )
    thoughts: Items = Field(default_factory=list)
    emotion: Emotion | None = None
    pain_points: Items = Field(default_factory=list)
    opportunities: Items = Field(default_factory=list)

    @property
    def title(self) -> str:
        raise NotImplementedError

    def item_lanes(self) -> dict[str, list[Item]]:
        """The text lanes by key, in display order (touchpoints and emotion are separate)."""
        return {
            "actions": self.actions,
            "thoughts": self.thoughts,
            "pain_points": self.pain_points,
            "opportunities": self.opportunities,
        }

    def loops(self) -> list[LoopBack]:
        """Links back to earlier columns; only journey stages have them."""
        return []

    def is_empty(self) -> bool:
        return not (
            self.actions
            or self.touchpoints
            or self.thoughts
            or self.emotion
            or self.pain_points
            or self.opportunities
        )


class Stage(StageBase):
    """A phase of a current- or future-state journey (search, offer, conversion...)."""

    name: ShortText
    loops_back_to: list[LoopBack] = Field(
        default_factory=list,
        description="Earlier stages the customer returns to from here (cycles, renewals).",
    )

    @property
    def title(self) -> str:
        return self.name

    def loops(self) -> list[LoopBack]:
        return self.loops_back_to


class TimeSlot(StageBase):
    """A moment of a day-in-the-life map: a time ("07:30") or part of the day ("evening")."""

    time: ShortText = Field(description="A clock time or a part of the day.")
    name: ShortText | None = Field(default=None, description="What happens then.")

    @property
    def title(self) -> str:
        return f"{self.time} · {self.name}" if self.name else self.time


class Empathy(Strict):
    """The four quadrants of an empathy map, plus goal, pains and gains."""

    says: Items = Field(default_factory=list)
    thinks: Items = Field(default_factory=list)
    does: Items = Field(default_factory=list)
    feels: Items = Field(default_factory=list)
    goal: Text | None = None
    pains: Items = Field(default_factory=list)
    gains: Items = Field(default_factory=list)

    def quadrants(self) -> dict[str, list[Item]]:
        return {
            "says": self.says,
            "thinks": self.thinks,
            "does": self.does,
            "feels": self.feels,
        }


class ActionPlanItem(Strict):
    """Something the team will do about what the map shows."""

    id: Id = Field(default="", description="Stable id; derived from the text when omitted.")
    text: Text
    owner: ShortText | None = None
    status: PlanStatus = PlanStatus.PLANNED
    priority: Priority | None = None
    due: ShortText | None = Field(default=None, description="A date or period, e.g. 2027-Q1.")
    stage: Id | None = Field(default=None, description="Id of the stage this addresses.")

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: Any) -> Any:
        return _shorthand("text")(value)


class Metric(Strict):
    """A number worth showing next to the map, with where it comes from."""

    id: Id = Field(default="", description="Stable id; derived from the label when omitted.")
    label: ShortText
    value: ShortText
    note: Text | None = None
    source: ShortText | None = Field(default=None, description="Where the figure comes from.")
    url: Url | None = Field(default=None, description="A link to the source.")
    stage: Id | None = None


class Source(Strict):
    """Research behind a map: interviews, surveys, analytics, articles."""

    title: ShortText
    url: Url | None = None


# --- documents -----------------------------------------------------------------------------


class Persona(Strict):
    """A buyer persona, in its own file under ``personas/``."""

    id: Id = Field(default="", description="Defaults to the file name.")
    name: ShortText
    description: Text | None = Field(default=None, description="One or two sentences.")
    age: Annotated[int, Field(ge=0, le=150), BeforeValidator(_whole_number)] | None = None
    role: ShortText | None = None
    situation: Text | None = Field(default=None, description="Household, work, time, budget.")
    goals: Items = Field(default_factory=list, description="Goals and needs.")
    frustrations: Items = Field(default_factory=list)
    motivations: Items = Field(default_factory=list)
    quote: Text | None = None
    tags: list[ShortText] = Field(default_factory=list)
    language: LanguageCode | None = None

    @model_validator(mode="after")
    def _derive_ids(self) -> Persona:
        for items in (self.goals, self.frustrations, self.motivations):
            _assign_item_ids(items, "item")
        return self


class JourneyMap(Strict):
    """One customer journey map file."""

    id: Id = Field(default="", description="Defaults to the file name.")
    type: MapType
    title: ShortText
    summary: Text | None = None
    focus: Text | None = Field(default=None, description="What the map is for.")
    scenario: Text | None = None
    persona: Id | None = Field(default=None, description="Id of a persona file.")
    tags: list[ShortText] = Field(default_factory=list)
    language: LanguageCode | None = Field(
        default=None, description="Language the map is written in; defaults to the site's."
    )
    improves: Id | None = Field(
        default=None, description="For a future-state map: id of the current-state map."
    )
    stages: Annotated[list[Stage], Field(min_length=1, max_length=MAX_STAGES)] | None = None
    slots: Annotated[list[TimeSlot], Field(min_length=1, max_length=MAX_STAGES)] | None = None
    empathy: Empathy | None = None
    action_plan: Annotated[list[ActionPlanItem], Field(max_length=100)] = Field(
        default_factory=list
    )
    metrics: Annotated[list[Metric], Field(max_length=50)] = Field(default_factory=list)
    sources: Annotated[list[Source], Field(max_length=50)] = Field(default_factory=list)

    @model_validator(mode="after")
    def _derive_ids(self) -> JourneyMap:
        columns = self.columns
        ids = derive_ids([s.id for s in columns], [s.title for s in columns], "stage")
        for column, new_id in zip(columns, ids, strict=True):
            column.id = new_id
            for lane in column.item_lanes().values():
                _assign_item_ids(lane, "item")
            tp_ids = derive_ids(
                [t.id for t in column.touchpoints], [t.name for t in column.touchpoints], "tp"
            )
            for touchpoint, tp_id in zip(column.touchpoints, tp_ids, strict=True):
                touchpoint.id = tp_id
        if self.empathy:
            for items in (
                *self.empathy.quadrants().values(),
                self.empathy.pains,
                self.empathy.gains,
            ):
                _assign_item_ids(items, "item")
        _assign_item_ids(self.action_plan, "action")
        metric_ids = derive_ids([m.id for m in self.metrics], [m.label for m in self.metrics], "m")
        for metric, metric_id in zip(self.metrics, metric_ids, strict=True):
            metric.id = metric_id
        return self

    @property
    def columns(self) -> list[StageBase]:
        """The map's columns: stages, or time slots for a day-in-the-life map."""
        return list(self.stages or self.slots or [])

    def stage(self, stage_id: str) -> StageBase | None:
        return next((s for s in self.columns if s.id == stage_id), None)


def _assign_item_ids(items: Sequence[Item | ActionPlanItem], fallback: str) -> None:
    ids = derive_ids([i.id for i in items], [i.text for i in items], fallback)
    for item, item_id in zip(items, ids, strict=True):
        item.id = item_id


Kind = Literal["map", "persona"]


def json_schema(kind: Kind = "map") -> dict[str, Any]:
    """JSON Schema for map or persona files, for editors (yaml-language-server) and tools."""
    model: type[BaseModel] = JourneyMap if kind == "map" else Persona
    schema = model.model_json_schema(mode="validation")
    # Entries that may be written as a bare string (or a bare score) accept it in the schema
    # too, so editors do not flag the short form that the docs recommend.
    for name, short_type in _SHORTHANDS.items():
        if name in schema.get("$defs", {}):
            full = schema["$defs"][name]
            schema["$defs"][name] = {
                "anyOf": [{"type": short_type, **_SHORTHAND_EXTRA.get(name, {})}, full],
                "title": full.get("title", name),
            }
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Customer journey map" if kind == "map" else "Persona"
    schema["x-schema-version"] = SCHEMA_VERSION
    return schema


_SHORTHANDS = {
    "Item": "string",
    "Touchpoint": "string",
    "LoopBack": "string",
    "ActionPlanItem": "string",
    "Emotion": "integer",
}
_SHORTHAND_EXTRA: dict[str, dict[str, Any]] = {
    "Emotion": {"minimum": EMOTION_MIN, "maximum": EMOTION_MAX},
}
