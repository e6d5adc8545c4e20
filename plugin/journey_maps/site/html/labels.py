"""UI strings of the generated pages, in one place so that translations can replace them."""

from __future__ import annotations

from dataclasses import dataclass, field

from journey_maps.core.model import ChannelKind, MapType, PlanStatus, Priority


def type_names() -> dict[MapType, str]:
    """The map types' names in English: message ids, so one translation serves every page."""
    return {
        MapType.CURRENT_STATE: "Current state",
        MapType.FUTURE_STATE: "Future state",
        MapType.DAY_IN_THE_LIFE: "Day in the life",
        MapType.EMPATHY: "Empathy map",
    }


def _type_blurbs() -> dict[MapType, str]:
    return {
        MapType.CURRENT_STATE: "The journey as customers live it today, with its pain points.",
        MapType.FUTURE_STATE: "The best-case journey the team wants to build.",
        MapType.DAY_IN_THE_LIFE: "A customer's whole day, with or without the brand.",
        MapType.EMPATHY: "What a customer says, thinks, does and feels.",
    }


def _lane_names() -> dict[str, str]:
    return {
        "goal": "Customer goal",
        "actions": "Actions",
        "touchpoints": "Touchpoints",
        "thoughts": "Thoughts",
        "emotion": "Emotion",
        "pain_points": "Pain points",
        "opportunities": "Opportunities",
        "says": "Says",
        "thinks": "Thinks",
        "does": "Does",
        "feels": "Feels",
        "pains": "Pains",
        "gains": "Gains",
    }


def _channels() -> dict[ChannelKind, str]:
    return {
        ChannelKind.ONLINE: "online",
        ChannelKind.OFFLINE: "offline",
        ChannelKind.PERSON: "in person",
        ChannelKind.OTHER: "other",
    }


def _statuses() -> dict[PlanStatus, str]:
    return {
        PlanStatus.IDEA: "Idea",
        PlanStatus.PLANNED: "Planned",
        PlanStatus.IN_PROGRESS: "In progress",
        PlanStatus.DONE: "Done",
        PlanStatus.DROPPED: "Dropped",
    }


def _priorities() -> dict[Priority, str]:
    return {Priority.HIGH: "High", Priority.MEDIUM: "Medium", Priority.LOW: "Low"}


def _emotions() -> dict[int, str]:
    return {-2: "very negative", -1: "negative", 0: "neutral", 1: "positive", 2: "very positive"}


@dataclass(frozen=True)
class Labels:
    """Every fixed text of the pages; English defaults."""

    language: str = "en"
    gallery: str = "Journey maps"
    personas: str = "Personas"
    persona: str = "Persona"
    map_type: str = "Map type"
    focus: str = "Focus"
    scenario: str = "Scenario"
    tags: str = "Tags"
    stages: str = "Stages"
    time_slots: str = "Time slots"
    stage: str = "Stage"
    time: str = "Time"
    empathy_map: str = "Empathy map"
    diagram: str = "Diagram"
    diagram_long_description: str = "The table below describes the diagram stage by stage."
    loops_back_to: str = "Loops back to"
    # The diagram's view toolbar (theme/assets/journey-maps/diagram-view.js).
    diagram_view: str = "Diagram view"
    fit_width: str = "Fit to width"
    zoom_in: str = "Zoom in"
    zoom_out: str = "Zoom out"
    reset_zoom: str = "Reset zoom"
    full_screen: str = "Full screen"
    scroll_left: str = "Scroll left"
    scroll_right: str = "Scroll right"
    more_hidden: str = "{n} more"
    action_plan: str = "Action plan"
    action: str = "Action"
    owner: str = "Owner"
    status: str = "Status"
    metrics: str = "Metrics"
    metric: str = "Metric"
    value: str = "Value"
    sources: str = "Sources"
    source: str = "Source"
    priority: str = "Priority"
    due: str = "Due"
    improves: str = "Improves on"
    improved_by: str = "Improved by"
    compare: str = "compare current and future"
    no_maps: str = "No maps yet."
    no_maps_hint: str = (
        "Add a YAML file to the maps folder (for example with `journey-maps new`) and it "
        "appears here."
    )
    maps_of_persona: str = "Maps"
    no_maps_of_persona: str = "No maps about this persona yet."
    goals: str = "Goals and needs"
    frustrations: str = "Frustrations"
    motivations: str = "Motivations"
    age: str = "Age"
    role: str = "Role"
    situation: str = "Situation"
    stage_count: str = "{n} stages"
    map_count: str = "{n} maps"
    none: str = "—"
    languages: str = "Languages"
    language_heading: str = "Language"
    translation_completeness: str = "Translation completeness"
    fully_translated: str = "Fully translated"
    partly_translated: str = "Partly translated"
    not_translated: str = "Not yet translated"
    untranslated_note: str = (
        "Some texts of this map are not translated yet; they are shown in their original "
        "language and marked with its language code."
    )
    not_in_this_language: str = "Not yet translated into this language"
    in_other_languages: str = "Also in"
    problems_title: str = "{n} problem(s) in the map files"
    problems_hint: str = (
        "Files with errors are left out until they are fixed; the site rebuilds when you save."
    )
    type_names: dict[MapType, str] = field(default_factory=type_names)
    type_blurbs: dict[MapType, str] = field(default_factory=_type_blurbs)
    lanes: dict[str, str] = field(default_factory=_lane_names)
    channels: dict[ChannelKind, str] = field(default_factory=_channels)
    statuses: dict[PlanStatus, str] = field(default_factory=_statuses)
    emotions: dict[int, str] = field(default_factory=_emotions)
    priorities: dict[Priority, str] = field(default_factory=_priorities)
