"""JSON export: the normalized model, valid against the published JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from journey_maps.core.model import JourneyMap, json_schema
from journey_maps.formats.json import map_to_json
from journey_maps.load.folder import load_gallery

ROOT = Path(__file__).resolve().parent.parent
SAMPLES, _ = load_gallery(ROOT / "maps")
VALIDATOR = jsonschema.Draft202012Validator(
    json_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)


def errors(data: Any) -> list[str]:
    return [e.message for e in VALIDATOR.iter_errors(data)]


@pytest.mark.parametrize("map_id", sorted(SAMPLES.maps))
def test_sample_map_json_validates_and_loads_back(map_id: str) -> None:
    journey = SAMPLES.maps[map_id]
    text = map_to_json(journey)
    data = json.loads(text)
    assert errors(data) == []
    assert "$schema" not in data
    assert data["id"] == map_id
    assert JourneyMap.model_validate(data) == journey


def test_json_is_normalized_deterministic_and_unicode() -> None:
    journey = SAMPLES.maps["colleen-vacuum-current"]
    text = map_to_json(journey)
    assert text == map_to_json(journey)
    assert text.endswith("}\n")
    assert text.startswith('{\n  "id": "colleen-vacuum-current",\n  "type": "current-state",')
    data = json.loads(text)
    # Field order is the schema's, not alphabetical.
    assert list(data)[:4] == ["id", "type", "title", "summary"]
    stage = data["stages"][0]
    # Derived ids and defaults are filled in.
    assert stage["actions"][0] == {
        "id": "finds-the-old-vacuum-has-stopped",
        "text": "Finds the old vacuum has stopped working, again",
    }
    assert stage["touchpoints"][0]["channel"] == "online"
    assert data["action_plan"][0]["status"] == "planned"

    cyrillic = JourneyMap.model_validate(
        {"type": "current-state", "title": "Път", "stages": [{"name": "Изследване"}]}
    )
    out = map_to_json(cyrillic)
    assert '"title": "Път"' in out
    assert '"id": "izsledvane"' in out
    assert '"id": ""' not in out  # a map not loaded from a file has no id yet
    assert errors(json.loads(out)) == []


def test_schema_check_is_not_vacuous() -> None:
    def broken(change: str) -> list[str]:
        data = json.loads(map_to_json(SAMPLES.maps["colleen-vacuum-current"]))
        if change == "score":
            data["stages"][0]["emotion"]["score"] = 7
        elif change == "channel":
            data["stages"][1]["touchpoints"][0]["channel"] = "email"
        else:
            data["surprise"] = True
        return errors(data)

    assert broken("score")
    assert broken("channel")
    assert broken("extra") == ["Additional properties are not allowed ('surprise' was unexpected)"]
