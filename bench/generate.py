"""Deterministic, realistic galleries of N journey maps, written as a plugin project.

The content mirrors what the sample gallery looks like (the four map types in turn, 4-12
stages, 2-5 items per lane, emotion curves, loops, action plans, metrics, one persona per ten
maps) so that build times reflect real use, not toy input. Everything is drawn from a seeded
:class:`random.Random`: the same seed and size always give byte-identical files, so runs on
different days and machines measure the same work.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .words import sample_words

DEFAULT_SEED = 20240611
MAP_TYPES = ("current-state", "future-state", "day-in-the-life", "empathy")
CHANNELS = ("online", "online", "offline", "person", "other")
STATUSES = ("idea", "planned", "planned", "in-progress", "done", "dropped")
PRIORITIES = (None, "high", "medium", "low")
FEELINGS = {
    -2: ("Overwhelmed", "Desperate", "Angry"),
    -1: ("Frustrated", "Drained", "Impatient"),
    0: ("Neutral", "Focused", "Rushed"),
    1: ("Relieved", "Open", "Curious"),
    2: ("Delighted", "Confident", "Proud"),
}

SITE_NAME = "Benchmark gallery"
INDEX_MD = """\
# {site_name}

A generated gallery of {maps} customer journey maps and {personas} personas, used to measure
how long the site takes to build.
"""

MKDOCS_YML = """\
site_name: {site_name}
site_url: https://bench.example.org/
theme:
  name: material
  features:
    - navigation.indexes
    - navigation.sections
plugins:
{plugins}
markdown_extensions:
  - attr_list
  - md_in_html
  - tables
  - toc:
      permalink: true
{nav}"""

PLUGINS_WITH_JOURNEY_MAPS = """\
  - search
  - journey-maps:
      maps_dir: maps
"""


def plugins_yaml(options: dict[str, Any] | None = None) -> str:
    """The ``plugins:`` entries: search, and journey-maps with ``options`` after maps_dir.

    Without options this is :data:`PLUGINS_WITH_JOURNEY_MAPS` (the plugin's defaults:
    downloads on). Values are written as YAML flow scalars/lists, e.g. ``languages: [en, de]``.
    """
    lines = [PLUGINS_WITH_JOURNEY_MAPS.rstrip("\n")]
    for key, value in (options or {}).items():
        text = yaml.safe_dump(value, default_flow_style=True, width=1000).strip()
        lines.append(f"      {key}: {text.removesuffix(chr(10) + '...').strip()}")
    return "\n".join(lines) + "\n"


@dataclass
class GalleryData:
    """A generated gallery as plain data: what the YAML files say, keyed by file id.

    Both the plugin project and the plain-Markdown floor are written from this one object,
    so the two sites carry exactly the same content.
    """

    maps: dict[str, dict[str, Any]] = field(default_factory=dict)
    personas: dict[str, dict[str, Any]] = field(default_factory=dict)


class Text:
    """Random text in the vocabulary of the sample maps."""

    def __init__(self, rng: random.Random, words: Sequence[str]) -> None:
        self.rng = rng
        self.vocabulary = words

    def words(self, low: int, high: int) -> str:
        return " ".join(
            self.rng.choice(self.vocabulary) for _ in range(self.rng.randint(low, high))
        )

    def sentence(self, low: int = 4, high: int = 12) -> str:
        text = self.words(low, high)
        return text[0].upper() + text[1:]

    def name(self, low: int = 2, high: int = 5) -> str:
        return self.sentence(low, high)

    def proper(self) -> str:
        return self.rng.choice(self.vocabulary).capitalize()

    def items(self, low: int = 2, high: int = 5) -> list[str]:
        return [self.sentence() for _ in range(self.rng.randint(low, high))]


def slug(text: str, limit: int = 40) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:limit].strip("-") or "x"


def generate_persona(index: int, text: Text) -> tuple[str, dict[str, Any]]:
    rng = text.rng
    name = f"{text.proper()} {text.proper()}"
    persona_id = f"persona-{index:03d}-{slug(name, 30)}"
    data: dict[str, Any] = {
        "name": name,
        "description": text.sentence(15, 35),
        "age": rng.randint(19, 71),
        "role": text.name(2, 6),
        "situation": text.sentence(15, 35),
        "goals": text.items(),
        "frustrations": text.items(),
        "motivations": text.items(),
        "quote": text.sentence(8, 18),
        "tags": sorted({slug(text.words(1, 1)) for _ in range(rng.randint(2, 4))}),
        "language": "en",
    }
    return persona_id, data


def _touchpoint(text: Text) -> dict[str, Any]:
    rng = text.rng
    point: dict[str, Any] = {"name": text.name(2, 4), "channel": rng.choice(CHANNELS)}
    if point["channel"] == "online" and rng.random() < 0.4:
        point["url"] = f"https://www.example.com/{slug(text.words(1, 3))}"
    return point


def _column(text: Text, score: int) -> dict[str, Any]:
    """The lanes every stage or time slot has."""
    rng = text.rng
    column: dict[str, Any] = {
        "description": text.sentence(8, 20),
        "goal": text.sentence(5, 12),
        "actions": text.items(),
        "touchpoints": [_touchpoint(text) for _ in range(rng.randint(2, 5))],
        "thoughts": text.items(),
        "emotion": {
            "score": score,
            "label": rng.choice(FEELINGS[score]),
            "quote": text.sentence(6, 16),
        },
        "pain_points": text.items(),
        "opportunities": text.items(),
    }
    return column


def _emotion_walk(rng: random.Random, count: int) -> list[int]:
    score = rng.randint(-1, 1)
    scores = []
    for _ in range(count):
        scores.append(score)
        score = max(-2, min(2, score + rng.choice((-2, -1, -1, 0, 1, 1, 2))))
    return scores


def _stages(text: Text, count: int) -> list[dict[str, Any]]:
    rng = text.rng
    stages: list[dict[str, Any]] = []
    for position, score in enumerate(_emotion_walk(rng, count)):
        name = text.name()
        stage: dict[str, Any] = {"id": f"s{position + 1:02d}-{slug(name, 24)}", "name": name}
        stage.update(_column(text, score))
        if position > 0 and rng.random() < 0.25:
            target = stages[rng.randrange(position)]["id"]
            stage["loops_back_to"] = [{"stage": target, "label": text.sentence(4, 8)}]
        stages.append(stage)
    return stages


def _slots(text: Text, count: int) -> list[dict[str, Any]]:
    rng = text.rng
    minute = rng.randint(5 * 60, 7 * 60)
    step = (23 * 60 - minute) // count
    slots: list[dict[str, Any]] = []
    for position, score in enumerate(_emotion_walk(rng, count)):
        slot: dict[str, Any] = {
            "id": f"t{position + 1:02d}",
            "time": f"{minute // 60:02d}:{minute % 60:02d}",
            "name": text.name(),
        }
        slot.update(_column(text, score))
        slots.append(slot)
        minute += rng.randint(step // 2, step)
    return slots


def _empathy(text: Text) -> dict[str, Any]:
    return {
        "goal": text.sentence(6, 14),
        "says": text.items(),
        "thinks": text.items(),
        "does": text.items(),
        "feels": text.items(),
        "pains": text.items(),
        "gains": text.items(),
    }


def generate_map(
    index: int,
    text: Text,
    *,
    map_type: str,
    persona: str | None,
    improves: str | None = None,
    stage_count: int | None = None,
) -> tuple[str, dict[str, Any]]:
    """One map as YAML data; ``stage_count`` fixes the number of columns (4-12 otherwise)."""
    rng = text.rng
    title = text.sentence(5, 12)
    map_id = f"map-{index:04d}-{slug(title, 30)}"
    data: dict[str, Any] = {
        "type": map_type,
        "title": title,
        "summary": text.sentence(15, 35),
        "focus": text.sentence(10, 25),
        "scenario": text.sentence(15, 40),
    }
    if persona:
        data["persona"] = persona
    if improves:
        data["improves"] = improves
    data["tags"] = sorted({slug(text.words(1, 1)) for _ in range(rng.randint(2, 4))})
    data["language"] = "en"
    count = stage_count or rng.randint(4, 12)
    stage_ids: list[str] = []
    if map_type == "day-in-the-life":
        data["slots"] = _slots(text, count)
        stage_ids = [s["id"] for s in data["slots"]]
    elif map_type == "empathy":
        data["empathy"] = _empathy(text)
    else:
        data["stages"] = _stages(text, count)
        stage_ids = [s["id"] for s in data["stages"]]
    plan = []
    for _ in range(rng.randint(2, 6)):
        action: dict[str, Any] = {
            "text": text.sentence(6, 16),
            "owner": text.name(1, 3),
            "status": rng.choice(STATUSES),
        }
        priority = rng.choice(PRIORITIES)
        if priority:
            action["priority"] = priority
        if rng.random() < 0.6:
            action["due"] = f"{rng.randint(2026, 2028)}-Q{rng.randint(1, 4)}"
        if stage_ids:
            action["stage"] = rng.choice(stage_ids)
        plan.append(action)
    data["action_plan"] = plan
    metrics = []
    for _ in range(rng.randint(1, 4)):
        metric: dict[str, Any] = {
            "label": text.name(3, 7),
            "value": f"{rng.randint(2, 95)}%",
            "note": text.sentence(8, 20),
            "source": text.name(2, 4),
        }
        if stage_ids and rng.random() < 0.5:
            metric["stage"] = rng.choice(stage_ids)
        metrics.append(metric)
    data["metrics"] = metrics
    data["sources"] = [{"title": text.name(4, 9)} for _ in range(rng.randint(1, 3))]
    return map_id, data


def generate_gallery(
    count: int, *, seed: int = DEFAULT_SEED, words: Sequence[str] | None = None
) -> GalleryData:
    """``count`` maps (types in turn) and ``max(1, count // 10)`` personas.

    Each map and persona draws from its own generator seeded by (seed, position), so the
    first 10 maps of a 100-map gallery are the 10 maps of the 10-map gallery, apart from
    which persona they point at.
    """
    vocabulary = list(words or sample_words())
    gallery = GalleryData()
    persona_ids = []
    for index in range(max(1, count // 10)):
        persona_id, persona = generate_persona(
            index, Text(random.Random(seed * 100_003 + 50_000 + index), vocabulary)
        )
        gallery.personas[persona_id] = persona
        persona_ids.append(persona_id)
    previous_current: str | None = None
    for index in range(count):
        map_type = MAP_TYPES[index % len(MAP_TYPES)]
        map_id, data = generate_map(
            index,
            Text(random.Random(seed * 100_003 + index), vocabulary),
            map_type=map_type,
            persona=persona_ids[index % len(persona_ids)],
            improves=previous_current if map_type == "future-state" else None,
        )
        gallery.maps[map_id] = data
        if map_type == "current-state":
            previous_current = map_id
    return gallery


def dump_yaml(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def index_page(gallery: GalleryData) -> str:
    return INDEX_MD.format(
        site_name=SITE_NAME, maps=len(gallery.maps), personas=len(gallery.personas)
    )


def write_plugin_site(
    root: Path, gallery: GalleryData, plugin_options: dict[str, Any] | None = None
) -> Path:
    """A project whose maps/ folder the journey-maps plugin publishes; returns ``root``.

    ``plugin_options`` are added under ``journey-maps:`` (e.g. ``{"downloads": False}``);
    without them the plugin runs with its defaults, raster downloads included.
    """
    for map_id, data in gallery.maps.items():
        write_text(root / "maps" / f"{map_id}.yaml", dump_yaml(data))
    for persona_id, data in gallery.personas.items():
        write_text(root / "maps" / "personas" / f"{persona_id}.yaml", dump_yaml(data))
    write_text(root / "docs" / "index.md", index_page(gallery))
    write_text(
        root / "mkdocs.yml",
        MKDOCS_YML.format(site_name=SITE_NAME, plugins=plugins_yaml(plugin_options), nav=""),
    )
    return root
