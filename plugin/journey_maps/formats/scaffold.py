"""Starting files for new maps: valid as written, with every field explained in a comment.

A new author learns the format from the file itself: required fields (``type``, ``title``,
stage names or slot times) are filled in, every optional field is present as a comment
that says what it is for and shows an example, ready to uncomment. The first stage carries
the explanations; the others list the same fields without repeating them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from journey_maps.core.ids import derive_ids, id_problem
from journey_maps.core.model import MAX_STAGES, MapType
from journey_maps.formats.yaml import SCHEMA_COMMENT, one_line

DEFAULT_STAGES = ("Awareness", "Consideration", "Purchase", "Use", "Loyalty")
DEFAULT_SLOTS = (
    "07:00=Morning routine",
    "09:00=Work",
    "12:30=Lunch break",
    "18:00=Evening with family",
    "22:30=Night",
)

_CLOCK = re.compile(r"^(?P<time>[0-9]{1,2}[:.][0-9]{2})\s+(?P<name>\S.*)$")

_INTRO = {
    MapType.CURRENT_STATE: "A current-state journey map: the journey as customers live it today.",
    MapType.FUTURE_STATE: "A future-state journey map: the best journey the team wants to build.",
    MapType.DAY_IN_THE_LIFE: "A day-in-the-life map: a customer's whole day, with or without us.",
    MapType.EMPATHY: "An empathy map: what a customer says, thinks, does and feels.",
}


def parse_slot(spec: str) -> tuple[str, str | None]:
    """``"07:30=School run"`` or ``"07:30 School run"`` → time and name; else all time."""
    spec = spec.strip()
    if "=" in spec:
        time, _, name = spec.partition("=")
        return time.strip(), name.strip() or None
    clock = _CLOCK.match(spec)
    if clock:
        return clock.group("time"), clock.group("name")
    return spec, None


def default_title(map_type: MapType) -> str:
    return {
        MapType.CURRENT_STATE: "New current-state journey",
        MapType.FUTURE_STATE: "New future-state journey",
        MapType.DAY_IN_THE_LIFE: "New day in the life",
        MapType.EMPATHY: "New empathy map",
    }[map_type]


def _header(map_type: MapType, title: str, persona: str | None) -> list[str]:
    lines = [
        SCHEMA_COMMENT,
        "#",
        f"# {_INTRO[map_type]}",
        "# Lines starting with '#' are comments: to use a field, remove the '# ' before it.",
        "# Check the file with `journey-maps validate`.",
        "",
        "# The kind of map: current-state, future-state, day-in-the-life or empathy.",
        f"type: {map_type.value}",
        "# A short name for the map, shown as its heading and in the gallery.",
        f"title: {one_line(title)}",
        "# One or two sentences on what the map shows, for the gallery card and the page.",
        "# summary: >-",
        "#   How a time-poor buyer finds, buys and starts using a vacuum that lasts.",
        "# What the map is for: the question the team wants it to answer.",
        "# focus: Find where customers get stuck between their first search and first use.",
        "# The customer's situation when the map starts.",
        "# scenario: Her old vacuum broke and she has no time to research a new one.",
        "# The id of a persona file in personas/ (its file name without .yaml).",
    ]
    lines.append(f"persona: {persona}" if persona else "# persona: curious-colleen")
    lines += [
        "# Words to group and filter maps by.",
        "# tags: [b2c, retail]",
        "# The language the map is written in (a BCP 47 code); the site's language if left out.",
        "# language: en",
    ]
    if map_type is MapType.FUTURE_STATE:
        lines += [
            "# The id of the current-state map this future state improves (its file name).",
            "# improves: my-current-state-map",
        ]
    return lines


def _lanes(first_id: str, documented: bool, loops: bool) -> list[str]:
    """The optional fields of a stage or slot, commented out."""
    if not documented:
        keys = ["description", "goal", "actions", "touchpoints", "thoughts", "emotion"]
        keys += ["pain_points", "opportunities"] + (["loops_back_to"] if loops else [])
        return [f"    # {key}:" for key in keys]
    lines = [
        "    # The id that links, the action plan and metrics use; derived from the name",
        f"    # when left out (here: {first_id}).",
        f"    # id: {first_id}",
        "    # What happens at this point, in a sentence or two.",
        "    # description: The customer realises she needs a new vacuum and starts looking.",
        "    # What the customer wants to achieve here.",
        "    # goal: Find out which vacuums will not break again",
        "    # What the customer does, one entry per line.",
        "    # actions:",
        "    #   - Searches the web for durable vacuum cleaners",
        "    #   - Asks friends what they use",
        "    # Where the customer meets us or others, and through which kind of channel:",
        "    # online, offline, person or other. A url is optional.",
        "    # touchpoints:",
        '    #   - {name: Product page, channel: online, url: "https://www.example.com/"}',
        "    #   - {name: Friends and family, channel: person}",
        "    # What the customer thinks, in their own words.",
        "    # thoughts:",
        '    #   - "Why did the last one break so soon?"',
        "    # How the customer feels: a score from -2 (very negative) to +2 (very positive),",
        "    # 0 is neutral; a word for the feeling and a quote are optional.",
        '    # emotion: {score: -1, label: Frustrated, quote: "I have no time for this."}',
        "    # What gets in the customer's way.",
        "    # pain_points:",
        "    #   - Reviews contradict each other",
        "    # What we could do better here.",
        "    # opportunities:",
        "    #   - A comparison chart that shows durability first",
    ]
    if loops:
        lines += [
            "    # Earlier stages (or this one) the customer goes back to from here, by id.",
            "    # loops_back_to:",
            f"    #   - {{stage: {first_id}, label: Reviews contradict each other}}",
        ]
    return lines


def _columns(map_type: MapType, specs: Sequence[str]) -> tuple[list[str], str]:
    """The stages or slots, and the id of the first one (for the examples)."""
    slots = map_type is MapType.DAY_IN_THE_LIFE
    if slots:
        lines = [
            "",
            "# The moments of the day, in order. Each has a time: a clock time such as '07:30'",
            "# or a part of the day such as 'evening'; a name is optional.",
            "slots:",
        ]
    else:
        lines = [
            "",
            "# The stages of the journey, in order. Each needs a name; the rest is optional.",
            "stages:",
        ]
    parsed = [parse_slot(spec) if slots else (spec, None) for spec in specs]
    titles = [f"{a} · {b}" if b else a for a, b in parsed]
    first_id = derive_ids([None] * len(titles), titles, "stage")[0]
    for index, (first, name) in enumerate(parsed):
        if index:
            lines.append("")
        lines.append(f"  - {'time' if slots else 'name'}: {one_line(first)}")
        if name:
            lines.append(f"    name: {one_line(name)}")
        lines += _lanes(first_id, index == 0, not slots)
    return lines, first_id


def _empathy() -> list[str]:
    quadrants = {
        "says": (
            "What the customer says out loud, best quoted from research.",
            '"It\'s fine. Quieter than the old one."',
        ),
        "thinks": (
            "What the customer thinks but may not say.",
            "Did I pay too much for durability I can't see yet?",
        ),
        "does": (
            "What the customer does: behaviour you observed.",
            "Keeps the box in the storeroom, just in case",
        ),
        "feels": (
            "What the customer feels: emotions and worries.",
            "Relieved that the search is over",
        ),
    }
    lines = [
        "",
        "# The four quadrants; replace [] with entries, one '- ' line each, as in the examples.",
        "empathy:",
        "  # What the customer wants to achieve, in one sentence.",
        "  # goal: A vacuum that will not break again, and not having to think about it",
    ]
    for key, (meaning, example) in quadrants.items():
        lines += [f"  # {meaning}", f"  {key}: []", f"  #   - {example}"]
    lines += [
        "  # The customer's pains: fears, frustrations and obstacles.",
        "  # pains:",
        "  #   - Cannot tell yet whether it will last",
        "  # The customer's gains: what they want, need or hope for.",
        "  # gains:",
        "  #   - Not having to think about vacuums for years",
    ]
    return lines


def _footer(first_stage: str) -> list[str]:
    stage = f", stage: {first_stage}" if first_stage else ""
    return [
        "",
        "# What the team will do about what the map shows. status: idea, planned, in-progress,",
        "# done or dropped; priority: high, medium or low; stage: the id of the stage it helps.",
        "# action_plan:",
        f"#   - {{text: Add a comparison chart, owner: Web team, status: planned{stage}}}",
        "# Numbers worth showing next to the map, with where they come from.",
        "# metrics:",
        f"#   - {{label: Pages viewed before deciding, value: '14', source: Analytics{stage}}}",
        "# The research behind the map.",
        "# sources:",
        '#   - {title: Five customer interviews, url: "https://www.example.com/research"}',
    ]


def scaffold_map(
    map_type: MapType | str,
    *,
    title: str | None = None,
    persona: str | None = None,
    stages: Sequence[str] | None = None,
) -> str:
    """The text of a new, valid map file of this type, with commented optional fields.

    ``stages`` names the stages (for a day-in-the-life map, slots written ``07:30=Name``,
    ``07:30 Name`` or just a time); defaults give a typical set. Raises ``ValueError`` for
    an unusable title, persona id or stage list.
    """
    kind = MapType(map_type)
    title = " ".join((title or default_title(kind)).split())
    if not title:
        raise ValueError("the title is empty")
    if len(title) > 200:
        raise ValueError(f"the title is {len(title)} characters long; keep it under 200")
    if persona is not None:
        problem = id_problem(persona)
        if problem:
            raise ValueError(f"--persona: {problem}")
    lines = _header(kind, title, persona)
    if kind is MapType.EMPATHY:
        if stages:
            raise ValueError("an empathy map has no stages; leave out --stages")
        lines += _empathy()
        first_stage = ""
    else:
        specs = [s.strip() for s in (stages or ())]
        if stages is not None and not any(specs):
            raise ValueError("no stage names given")
        if any(not s for s in specs):
            raise ValueError("a stage name is empty (two commas in a row?)")
        specs = specs or list(DEFAULT_SLOTS if kind is MapType.DAY_IN_THE_LIFE else DEFAULT_STAGES)
        if len(specs) > MAX_STAGES:
            raise ValueError(f"{len(specs)} stages; a map has at most {MAX_STAGES}")
        for spec in specs:
            name = parse_slot(spec)[1] if kind is MapType.DAY_IN_THE_LIFE else spec
            if name and len(name) > 200:
                raise ValueError(f"stage name '{name[:40]}...' is longer than 200 characters")
        column_lines, first_stage = _columns(kind, specs)
        lines += column_lines
    lines += _footer(first_stage)
    return "\n".join(lines) + "\n"
