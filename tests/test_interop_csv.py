"""CSV export and import: lossless round trips, spreadsheet quirks, injection guard, errors."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from journey_maps.cli import EXIT_INVALID, main
from journey_maps.core.errors import GalleryError
from journey_maps.core.model import JourneyMap, MapType
from journey_maps.formats.csv.cells import (
    COLUMN_LABELS,
    DAY_COLUMNS,
    EMPATHY_COLUMNS,
    JOURNEY_COLUMNS,
    guard,
    unguard,
)
from journey_maps.formats.csv.read import csv_to_map_yaml
from journey_maps.formats.csv.write import map_to_csv
from journey_maps.load.folder import load_gallery

ROOT = Path(__file__).resolve().parent.parent
SAMPLES, SAMPLE_GALLERY_PROBLEMS = load_gallery(ROOT / "maps")
SAMPLE_IDS = sorted(SAMPLES.maps)


def load_map_yaml(tmp_path: Path, text: str, name: str = "imported") -> JourneyMap:
    """Validate map YAML in a gallery with the sample personas, as `validate` would."""
    gallery_dir = tmp_path / "gallery"
    if not gallery_dir.exists():
        shutil.copytree(ROOT / "maps" / "personas", gallery_dir / "personas")
    (gallery_dir / f"{name}.yaml").write_text(text, encoding="utf-8")
    gallery, problems = load_gallery(gallery_dir)
    assert not problems.items, "\n".join(p.format() for p in problems.items) + "\n" + text
    return gallery.maps[name]


def rows(text: str, delimiter: str = ",") -> list[list[str]]:
    return list(
        csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), delimiter=delimiter)
    )


def problems_of(excinfo: pytest.ExceptionInfo[GalleryError]) -> list[str]:
    return [p.format() for p in excinfo.value.problems]


def roundtrip(journey: JourneyMap, tmp_path: Path, text: str | None = None) -> JourneyMap:
    yaml_text = csv_to_map_yaml(
        map_to_csv(journey) if text is None else text,
        title=journey.title,
        map_type=journey.type,
        path="sheet.csv",
    )
    return load_map_yaml(tmp_path, yaml_text)


def test_sample_gallery_is_valid() -> None:
    assert not SAMPLE_GALLERY_PROBLEMS.items
    assert len(SAMPLE_IDS) >= 8


@pytest.mark.parametrize("map_id", SAMPLE_IDS)
def test_every_sample_map_survives_csv_and_back(map_id: str, tmp_path: Path) -> None:
    original = SAMPLES.maps[map_id]
    back = roundtrip(original, tmp_path)
    assert back.type is original.type
    assert back.title == original.title
    # Every lane text, id, score, channel, url and loop: the whole of every column.
    assert [c.model_dump() for c in back.columns] == [c.model_dump() for c in original.columns]
    assert back.empathy == original.empathy
    if original.stages:
        assert any(s.loops_back_to for s in original.stages) == any(
            s.loops_back_to for s in back.stages or []
        )


def test_layout_of_a_journey_export() -> None:
    journey = SAMPLES.maps["colleen-vacuum-current"]
    text = map_to_csv(journey)
    assert text.startswith("\ufeff")
    assert text.encode("utf-8").startswith(b"\xef\xbb\xbfstage_id,name,")
    records = text.removeprefix("\ufeff").split("\r\n")
    assert records[0] == ",".join(JOURNEY_COLUMNS)
    table = rows(text)
    assert len(table) == 1 + len(journey.columns)
    first = dict(zip(table[0], table[1], strict=True))
    assert first["stage_id"] == "awareness"
    assert first["name"] == "Awareness and discovery"
    assert first["emotion_score"] == "-1"
    assert first["emotion_label"] == "Frustrated"
    assert first["actions"].split("\n")[0] == "Finds the old vacuum has stopped working, again"
    assert first["touchpoints"].split("\n") == [
        "Search engine results [online]",
        "Social media ads [online]",
        "Friends and family [person]",
        "Retailer home page [online] <https://www.example.com/>",
    ]
    second = dict(zip(table[0], table[2], strict=True))
    assert second["loops_back_to"] == "awareness: Reviews contradict each other: back to searching"
    # Multi-line cells are quoted and use \n inside, \r\n only between records.
    assert '"Finds the old vacuum has stopped working, again\nSearches' in text


def test_day_in_the_life_has_time_column_and_no_loops() -> None:
    journey = SAMPLES.maps["jana-day-in-the-life"]
    table = rows(map_to_csv(journey))
    assert tuple(table[0]) == DAY_COLUMNS
    assert "loops_back_to" not in table[0]
    first = dict(zip(table[0], table[1], strict=True))
    assert (first["stage_id"], first["time"], first["name"]) == (
        "wake-up",
        "06:15",
        "Alarm after a broken night",
    )


def test_empathy_map_has_a_row_per_entry() -> None:
    journey = SAMPLES.maps["colleen-vacuum-empathy"]
    table = rows(map_to_csv(journey))
    assert tuple(table[0]) == EMPATHY_COLUMNS
    assert table[1] == ["says", "It's fine. Quieter than the old one."]
    assert ["goal", journey.empathy.goal] in table  # type: ignore[union-attr]
    quadrants = [row[0] for row in table[1:]]
    assert quadrants == sorted(
        quadrants, key=["says", "thinks", "does", "feels", "goal", "pains", "gains"].index
    )


TRICKY = """\
type: current-state
title: Tricky texts
stages:
  - id: izsledvane
    name: Изследване
    description: "=HYPERLINK(\\"http://evil.example/\\", \\"click\\")"
    goal: "'=already quoted"
    actions:
      - "=SUM(A1:A9)"
      - "+ add a plan"
      - "-2 degrees outside"
      - "@channel ping"
      - Šķūnis, ģimene, ļoti, ņemt; ūdens
      - {id: custom-id, text: Žąsis ėjo į šilą}
      - "Text that ends like an id {#not-an-id}"
      - |-
        Two lines
        in one action
    touchpoints:
      - {name: "Chat [beta]", channel: online, url: "https://example.com/a?b=c&d=<e>"}
      - {id: desk, name: Front desk, channel: person}
      - {name: Brochure}
    thoughts:
      - "'Tis the season"
      - Õun, äädikas, öö, üks
    emotion: {score: -2, label: "-- very low", quote: "@ the counter"}
    pain_points: ["Semicolons; commas, \\"quotes\\" and 'apostrophes'"]
  - name: Второй этап
    emotion: 2
    loops_back_to:
      - izsledvane
      - {stage: vtoroy-etap, label: "Again: and again"}
"""


def test_tricky_texts_survive_exactly(tmp_path: Path) -> None:
    original = load_map_yaml(tmp_path, TRICKY, "tricky")
    back = roundtrip(original, tmp_path)
    assert [c.model_dump() for c in back.columns] == [c.model_dump() for c in original.columns]
    assert back.columns[0].actions[5].id == "custom-id"
    assert back.columns[0].actions[6].text == "Text that ends like an id {#not-an-id}"
    assert back.columns[0].actions[7].text == "Two lines\nin one action"


def test_formula_injection_guard() -> None:
    journey = JourneyMap.model_validate(
        {
            "type": "current-state",
            "title": "Guard",
            "stages": [
                {
                    "name": "=cmd|' /C calc'!A0",
                    "description": "+1 idea",
                    "goal": "@SUM(1)",
                    "actions": ["-1 thing", "=second line is harmless"],
                    "thoughts": ["\tTab-led"],
                    "emotion": {"score": -2, "label": "-- low", "quote": "'=quoted"},
                    "pain_points": ["Plain text"],
                }
            ],
        }
    )
    table = rows(map_to_csv(journey))
    cells = dict(zip(table[0], table[1], strict=True))
    assert cells["name"] == "'=cmd|' /C calc'!A0"
    assert cells["description"] == "'+1 idea"
    assert cells["goal"] == "'@SUM(1)"
    assert cells["actions"] == "'-1 thing\n=second line is harmless"
    assert cells["emotion_label"] == "'-- low"
    assert cells["emotion_quote"] == "''=quoted"
    assert cells["pain_points"] == "Plain text"
    # A score is a number in its own column, not text to defuse.
    assert cells["emotion_score"] == "-2"
    for key, cell in cells.items():
        if key != "emotion_score":
            assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r"), key


@pytest.mark.parametrize(
    "text",
    ["=1+1", "+x", "-x", "@x", "\tx", "\rx", "'=x", "''+x", "'hello", "plain", "", "-"],
)
def test_guard_is_undone_exactly(text: str) -> None:
    guarded = guard(text)
    assert guarded[:1] not in ("=", "+", "-", "@", "\t", "\r")
    assert unguard(guarded) == text


def test_cyrillic_and_baltic_text_in_utf8_with_bom(tmp_path: Path) -> None:
    original = load_map_yaml(tmp_path, TRICKY, "tricky")
    data = map_to_csv(original).encode("utf-8")
    assert data.startswith(b"\xef\xbb\xbf")
    assert "Изследване".encode() in data
    assert "Šķūnis, ģimene, ļoti, ņemt; ūdens".encode() in data
    assert "Õun, äädikas, öö, üks".encode() in data
    decoded = data.decode("utf-8-sig")
    back = roundtrip(original, tmp_path, decoded)
    assert back.columns[0].title == "Изследване"
    assert back.columns[1].id == "vtoroy-etap"


def test_spreadsheet_edited_with_semicolons(tmp_path: Path) -> None:
    """Excel in many European locales: `;`, no BOM, \\n, blank rows, own column order."""
    original = SAMPLES.maps["kadri-packaging-five-steps"]
    table = rows(map_to_csv(original, labels=COLUMN_LABELS))
    order = list(reversed(range(len(table[0]))))
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow([])
    for number, row in enumerate(table):
        writer.writerow([row[i] for i in order])
        if number == 2:
            writer.writerow(["", "", ""])
    text = buffer.getvalue()
    assert text.splitlines()[1].startswith("Loops back to (loops_back_to);Opportunities")
    back = roundtrip(original, tmp_path, text)
    assert [c.model_dump() for c in back.columns] == [c.model_dump() for c in original.columns]


def test_plain_headers_and_english_labels_are_understood(tmp_path: Path) -> None:
    text = (
        'Stage;Actions;Emotion score;Emotion\r\nSearch;"Looks around\nAsks a friend";+1;Curious\r\n'
    )
    journey = load_map_yaml(tmp_path, csv_to_map_yaml(text, title="Short"))
    assert journey.type is MapType.CURRENT_STATE
    stage = journey.columns[0]
    assert stage.title == "Search"
    assert [a.text for a in stage.actions] == ["Looks around", "Asks a friend"]
    assert stage.emotion is not None
    assert (stage.emotion.score, stage.emotion.label) == (1, "Curious")


def test_type_is_guessed_from_the_columns(tmp_path: Path) -> None:
    day = csv_to_map_yaml("time,name\n07:00,Wake\nevening,\n", title="Day")
    journey = load_map_yaml(tmp_path, day, "day")
    assert journey.type is MapType.DAY_IN_THE_LIFE
    assert [(s.time, s.name) for s in journey.slots or []] == [("07:00", "Wake"), ("evening", None)]
    empathy = csv_to_map_yaml("quadrant,item\nsays,Hello\ngoal,Be heard\nfeels,Calm\n", title="E")
    em = load_map_yaml(tmp_path, empathy, "em")
    assert em.type is MapType.EMPATHY
    assert em.empathy is not None
    assert [i.text for i in em.empathy.says] == ["Hello"]
    assert em.empathy.goal == "Be heard"


def test_output_is_a_commented_map_file() -> None:
    text = csv_to_map_yaml("name\nSearch\n", title="T", map_type="future-state", path="in.csv")
    assert text.startswith("# yaml-language-server: $schema=schema/map.schema.json\n")
    assert "# Imported from in.csv" in text
    assert "type: future-state\ntitle: T\nstages:\n  - name: Search\n" in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "name,emotion_score\nSearch,high\n",
            "sheet.csv:2:2: error: an emotion score is a whole number from -2 (very negative) "
            "to +2 (very positive), not 'high'",
        ),
        (
            "name,emotion_score\n\nSearch,3\n",
            "sheet.csv:3:2: error: emotion score 3 is outside the scale; use -2 (very negative) "
            "to +2 (very positive), 0 is neutral",
        ),
        (
            "name,actions,feelings\nSearch,x,y\n",
            "sheet.csv:1:3: error: unknown column 'feelings' for a current-state map; columns: "
            + ", ".join(JOURNEY_COLUMNS),
        ),
        (
            'name,touchpoints\nSearch,ok [online]\nBuy,"Shop [online]\nMail [email]"\n',
            "sheet.csv:3:2: error: 'email' is a medium, not a channel kind: email is 'online', "
            "so write 'channel: online' and keep the medium in the touchpoint's name",
        ),
        (
            "stage_id,name,loops_back_to\nsearch,Search,\nbuy,Buy,serach\n",
            "sheet.csv:3:3: error: stage 'serach' does not exist; did you mean 'search'? "
            "stages of this map: search, buy",
        ),
        (
            "name,emotion_label\nSearch,Happy\n",
            "sheet.csv:2:2: error: an emotion label or quote needs an emotion_score from -2 to "
            "+2 in the same row",
        ),
        (
            "description,goal\nx,y\n",
            "sheet.csv:1:1: error: a current-state map needs a 'name' column; columns: "
            + ", ".join(JOURNEY_COLUMNS),
        ),
        (
            "name,name\nA,B\n",
            "sheet.csv:1:2: error: column 'name' appears twice (also column 1); keep one of them",
        ),
        (
            "name\nA,stray\n",
            "sheet.csv:2:2: error: this cell is outside the columns of the header row; add a "
            "header or move the text into a column",
        ),
        (
            "stage_id,name\nBad Id,A\n",
            "sheet.csv:2:1: error: id 'Bad Id' is not allowed: use 1 to 64 lowercase letters, "
            "digits and single hyphens, starting and ending with a letter or digit; for "
            "example 'bad-id'",
        ),
        ("", "sheet.csv:1:1: error: the file has no header row; export a map to see the columns"),
    ],
)
def test_problems_point_at_row_and_column(text: str, expected: str) -> None:
    with pytest.raises(GalleryError) as excinfo:
        csv_to_map_yaml(text, title="T", path="sheet.csv")
    assert expected in problems_of(excinfo)


def test_all_problems_are_reported_at_once() -> None:
    text = "name,emotion_score,touchpoints\nA,9,x [web]\nB,-7,\n"
    with pytest.raises(GalleryError) as excinfo:
        csv_to_map_yaml(text, title="T", path="s.csv")
    places = [p.split(": error")[0] for p in problems_of(excinfo)]
    assert places == ["s.csv:2:2", "s.csv:2:3", "s.csv:3:2"]


def test_problems_of_every_kind_come_in_one_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Header, cell and map problems together: fixing a sheet takes one run, not five."""
    text = (
        "stage_id,name,name,emotion_score,emotion_label,feelings,loops_back_to\n"
        "search,Search,X,9,,,\n"
        "buy,Buy,,,Happy,,\n"
        "pay,Pay,,1,,,,stray\n"
    )
    with pytest.raises(GalleryError) as excinfo:
        csv_to_map_yaml(text, title="T", path="s.csv")
    assert [p.split(": error: ")[0] for p in problems_of(excinfo)] == [
        "s.csv:1:3",  # name twice
        "s.csv:1:6",  # unknown column
        "s.csv:2:4",  # score outside the scale (a rule of the map)
        "s.csv:3:5",  # label without a score
        "s.csv:4:8",  # cell outside the header
    ]
    # A reference to a stage that does not exist, with a header problem.
    refs = "stage_id,name,loops_back_to,extra\nsearch,Search,\nbuy,Buy,serach\n"
    with pytest.raises(GalleryError) as excinfo:
        csv_to_map_yaml(refs, title="T", path="r.csv")
    assert [p.split(": error: ")[0] for p in problems_of(excinfo)] == ["r.csv:1:4", "r.csv:3:3"]
    # The CLI prints them all, one `file:row:col` line each.
    sheet = tmp_path / "s.csv"
    sheet.write_text(text, encoding="utf-8")
    assert main(["import", "csv", str(sheet), "--title", "T"]) == EXIT_INVALID
    assert [line.split(": error: ")[0] for line in capsys.readouterr().out.splitlines()] == [
        f"{sheet.as_posix()}:{place}" for place in ("1:3", "1:6", "2:4", "3:5", "4:8")
    ]


def test_empathy_problems() -> None:
    with pytest.raises(GalleryError) as excinfo:
        csv_to_map_yaml("quadrant,item\nsay,Hi\ngoal,A\ngoal,B\n", title="T", path="e.csv")
    assert problems_of(excinfo) == [
        "e.csv:2:1: error: 'say' is not an empathy map section; did you mean 'says'? use one of: "
        "says, thinks, does, feels, goal, pains, gains",
        "e.csv:4:1: error: an empathy map has one goal; merge the goal rows",
    ]
