"""`journey-maps new` templates: valid as written for every type, every field explained."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from journey_maps.core.model import MapType
from journey_maps.formats.scaffold import parse_slot, scaffold_map
from journey_maps.load.folder import load_gallery

ROOT = Path(__file__).resolve().parent.parent


def validate_alone(tmp_path: Path, text: str, name: str = "new-map") -> object:
    gallery = tmp_path / "gallery"
    if not gallery.exists():
        shutil.copytree(ROOT / "maps" / "personas", gallery / "personas")
    (gallery / f"{name}.yaml").write_text(text, encoding="utf-8")
    loaded, problems = load_gallery(gallery)
    assert not problems.items, "\n".join(p.format() for p in problems.items) + "\n" + text
    return loaded.maps[name]


@pytest.mark.parametrize("map_type", list(MapType))
def test_template_validates_as_written(map_type: MapType, tmp_path: Path) -> None:
    journey = validate_alone(tmp_path, scaffold_map(map_type))
    assert journey.type is map_type  # type: ignore[attr-defined]


@pytest.mark.parametrize("map_type", list(MapType))
def test_template_with_persona_and_title_validates(map_type: MapType, tmp_path: Path) -> None:
    text = scaffold_map(map_type, title="Kadri: ordering boxes #2", persona="loyal-kadri")
    journey = validate_alone(tmp_path, text)
    assert journey.persona == "loyal-kadri"  # type: ignore[attr-defined]
    assert journey.title == "Kadri: ordering boxes #2"  # type: ignore[attr-defined]


def test_journey_template_uses_the_given_stages(tmp_path: Path) -> None:
    text = scaffold_map("future-state", stages=["Search", " Offer ", "Пазаруване"])
    journey = validate_alone(tmp_path, text)
    assert [s.name for s in journey.stages] == ["Search", "Offer", "Пазаруване"]  # type: ignore[attr-defined]
    assert [s.id for s in journey.stages] == ["search", "offer", "pazaruvane"]  # type: ignore[attr-defined]
    assert "# improves: " in text  # only future-state maps improve another map


def test_default_stages_and_slots(tmp_path: Path) -> None:
    journey = validate_alone(tmp_path, scaffold_map("current-state"), "current")
    assert [s.name for s in journey.stages] == [  # type: ignore[attr-defined]
        "Awareness",
        "Consideration",
        "Purchase",
        "Use",
        "Loyalty",
    ]
    day = validate_alone(tmp_path, scaffold_map("day-in-the-life"), "day")
    assert day.slots[0].time == "07:00"  # type: ignore[attr-defined]
    assert day.slots[0].name == "Morning routine"  # type: ignore[attr-defined]


def test_day_in_the_life_uses_slots_with_times(tmp_path: Path) -> None:
    text = scaffold_map("day-in-the-life", stages=["06:30=Wake up", "12:00 Lunch", "evening"])
    assert "\nslots:\n  - time: '06:30'\n    name: Wake up\n" in text
    assert "\nstages:" not in text and "loops_back_to" not in text
    journey = validate_alone(tmp_path, text)
    assert [(s.time, s.name) for s in journey.slots] == [  # type: ignore[attr-defined]
        ("06:30", "Wake up"),
        ("12:00", "Lunch"),
        ("evening", None),
    ]


def test_empathy_template_uses_the_empathy_block(tmp_path: Path) -> None:
    text = scaffold_map("empathy")
    assert "\nempathy:\n" in text
    for quadrant in ("says", "thinks", "does", "feels"):
        assert f"\n  {quadrant}: []\n" in text
    assert "\nstages:" not in text and "\nslots:" not in text
    journey = validate_alone(tmp_path, text)
    assert journey.empathy is not None  # type: ignore[attr-defined]


@pytest.mark.parametrize("map_type", list(MapType))
def test_every_field_is_explained_and_examples_are_commented_out(map_type: MapType) -> None:
    text = scaffold_map(map_type)
    assert text.startswith("# yaml-language-server: $schema=schema/map.schema.json\n")
    commented_keys = set(re.findall(r"^\s*# ([a-z_]+):", text, re.MULTILINE))
    expected = {"summary", "focus", "scenario", "persona", "tags", "language"}
    expected |= {"action_plan", "metrics", "sources"}
    if map_type is MapType.EMPATHY:
        expected |= {"goal", "pains", "gains"}
    else:
        expected |= {"id", "description", "goal", "actions", "touchpoints", "thoughts"}
        expected |= {"emotion", "pain_points", "opportunities"}
    if map_type in (MapType.CURRENT_STATE, MapType.FUTURE_STATE):
        expected.add("loops_back_to")
    assert expected <= commented_keys
    lines = text.splitlines()
    for key in expected | {"type", "title"}:
        # The first time a field appears, a comment explains it on the line above.
        number = next(n for n, line in enumerate(lines) if re.match(rf"^\s*(# )?{key}:", line))
        above = lines[number - 1].strip()
        assert above.startswith("# ") and not re.match(r"^# [a-z_]+:", above), key


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"map_type": "empathy", "stages": ["A"]}, "an empathy map has no stages"),
        ({"map_type": "current-state", "persona": "Curious Colleen"}, "--persona: id"),
        ({"map_type": "current-state", "stages": ["A", "", "B"]}, "a stage name is empty"),
        ({"map_type": "current-state", "stages": [str(n) for n in range(31)]}, "at most 30"),
        ({"map_type": "current-state", "title": "x" * 201}, "keep it under 200"),
    ],
)
def test_unusable_options_are_refused(options: dict[str, object], message: str) -> None:
    map_type = options.pop("map_type")
    with pytest.raises(ValueError, match=re.escape(message)):
        scaffold_map(map_type, **options)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("07:30=School run", ("07:30", "School run")),
        ("07:30 School run", ("07:30", "School run")),
        ("7.15 Tea", ("7.15", "Tea")),
        ("evening", ("evening", None)),
        ("late evening=Reading", ("late evening", "Reading")),
    ],
)
def test_slot_specs(spec: str, expected: tuple[str, str | None]) -> None:
    assert parse_slot(spec) == expected
