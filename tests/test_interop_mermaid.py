"""Mermaid journey import and export: grammar, mapping decisions, escapes, exact errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from journey_maps.core.errors import GalleryError, Problems
from journey_maps.core.model import JourneyMap, MapType
from journey_maps.formats.mermaid import (
    MermaidExportError,
    is_mermaid_journey,
    map_to_mermaid,
    mermaid_to_map_yaml,
)
from journey_maps.load.folder import load_gallery
from journey_maps.load.yaml import load_text
from mermaid_corpus import CORPUS, Case, emotion, shown

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "mermaid"
SAMPLES, _ = load_gallery(ROOT / "maps")
JOURNEY_IDS = sorted(m for m, j in SAMPLES.maps.items() if j.type is not MapType.EMPATHY)


def load_map_yaml(tmp_path: Path, text: str, name: str = "imported") -> JourneyMap:
    """Validate map YAML in a gallery with the sample personas, as `validate` would."""
    gallery_dir = tmp_path / "gallery"
    if not gallery_dir.exists():
        shutil.copytree(ROOT / "maps" / "personas", gallery_dir / "personas")
    (gallery_dir / f"{name}.yaml").write_text(text, encoding="utf-8")
    gallery, problems = load_gallery(gallery_dir)
    assert not problems.items, "\n".join(p.format() for p in problems.items) + "\n" + text
    return gallery.maps[name]


def import_errors(text: str, **options: object) -> list[str]:
    with pytest.raises(GalleryError) as excinfo:
        mermaid_to_map_yaml(text, path="j.mmd", **options)  # type: ignore[arg-type]
    return [p.format() for p in excinfo.value.problems]


def outline(journey: JourneyMap) -> list[tuple[str, list[str], int]]:
    """Stage title, action texts and emotion score (0 when none) of every column."""
    return [
        (c.title, [a.text for a in c.actions], c.emotion.score if c.emotion else 0)
        for c in journey.columns
    ]


# --- round trips ------------------------------------------------------------------------------


@pytest.mark.parametrize("map_id", JOURNEY_IDS)
def test_every_sample_map_survives_mermaid_and_back(map_id: str, tmp_path: Path) -> None:
    original = SAMPLES.maps[map_id]
    persona = SAMPLES.personas.get(original.persona or "")
    text = map_to_mermaid(original, persona)
    yaml_text = mermaid_to_map_yaml(text, path=f"{map_id}.mmd", personas=SAMPLES.personas)
    back = load_map_yaml(tmp_path, yaml_text)
    assert back.type is original.type
    assert back.title == original.title
    assert back.summary == original.summary
    assert back.persona == original.persona
    assert back.scenario is None
    assert outline(back) == outline(original)
    if original.slots:
        assert [(s.time, s.name) for s in back.slots or []] == [
            (s.time, s.name) for s in original.slots
        ]
    # Scores in the file are the stage's emotion moved to Mermaid's 0..5 scale.
    first = original.columns[0]
    assert first.emotion is not None
    assert f": {first.emotion.score + 3}: {persona.name if persona else ''}" in text


def test_export_layout() -> None:
    journey = SAMPLES.maps["colleen-vacuum-current"]
    text = map_to_mermaid(journey, SAMPLES.personas["curious-colleen"])
    lines = text.splitlines()
    assert lines[:4] == [
        "journey",
        "    %% journey-maps: current-state",
        "    title Colleen buys a vacuum cleaner that will not break again",
        "    accTitle: Colleen buys a vacuum cleaner that will not break again",
    ]
    assert lines[4].startswith("    accDescr: The worked example from the seed articles, as things")
    assert lines[5] == "    section Awareness and discovery"
    assert lines[6] == "      Finds the old vacuum has stopped working, again: 2: Curious Colleen"
    assert "    section Interest, comparison and decision" in lines
    assert "      Opens product pages for five or six models: 1: Curious Colleen" in lines
    assert sum(line.startswith("    section ") for line in lines) == 4


def test_export_without_persona_or_emotion_or_actions() -> None:
    journey = JourneyMap.model_validate(
        {
            "type": "future-state",
            "title": "Bare",
            "summary": "First line\n\nSecond {line} #2",
            "stages": [{"name": "Only a name"}, {"name": "Felt", "emotion": -2}],
        }
    )
    assert map_to_mermaid(journey) == (
        "journey\n"
        "    %% journey-maps: future-state\n"
        "    title Bare\n"
        "    accTitle: Bare\n"
        "    accDescr {\n"
        "        First line\n"
        "\n"
        "        Second {line#125; #35;2\n"
        "    }\n"
        "    section Only a name\n"
        "      Only a name: 3\n"
        "    section Felt\n"
        "      Felt: 1\n"
    )


def test_stage_without_actions_comes_back_without_actions(tmp_path: Path) -> None:
    journey = JourneyMap.model_validate(
        {
            "type": "current-state",
            "title": "Gaps",
            "summary": "Line one\n\nLine two: with a colon; and #hash",
            "stages": [{"name": "Empty", "emotion": 1}, {"name": "Full", "actions": ["Empty"]}],
        }
    )
    back = load_map_yaml(tmp_path, mermaid_to_map_yaml(map_to_mermaid(journey)))
    assert back.columns[0].actions == []
    assert back.columns[0].emotion is not None and back.columns[0].emotion.score == 1
    assert [a.text for a in back.columns[1].actions] == ["Empty"]
    assert back.summary == journey.summary


def test_empathy_maps_cannot_be_exported() -> None:
    with pytest.raises(MermaidExportError, match="is an empathy map; Mermaid user journeys"):
        map_to_mermaid(SAMPLES.maps["colleen-vacuum-empathy"])


# --- escapes ----------------------------------------------------------------------------------


ESCAPES = JourneyMap.model_validate(
    {
        "type": "current-state",
        "title": "Order #42: pay; ship",
        "persona": "curious-colleen",
        "stages": [
            {
                "name": "Step 1: choose; compare #2",
                "actions": [
                    "Reads ratio 3:1; thinks",
                    "Title page review",
                    "section headers are unclear",
                    "%% is not a comment here",
                    "Uses code #58; literally",
                    "Line one\nline two",
                    "Writes <br/> literally",
                ],
                "emotion": 2,
            }
        ],
    }
)


def test_export_codes_what_the_grammar_cannot_hold() -> None:
    persona = SAMPLES.personas["curious-colleen"].model_copy(update={"name": "Colleen, Jr: CEO"})
    text = map_to_mermaid(ESCAPES, persona)
    lines = text.splitlines()
    assert "    title Order #35;42#58; pay#59; ship" in lines
    assert "    accTitle: Order #35;42: pay; ship" in lines
    assert "    section Step 1#58; choose#59; compare #35;2" in lines
    tasks = [line.strip() for line in lines if line.startswith("      ")]
    actor = "Colleen#44; Jr#58; CEO"
    assert tasks == [
        f"Reads ratio 3#58;1#59; thinks: 5: {actor}",
        f"#84;itle page review: 5: {actor}",
        f"#115;ection headers are unclear: 5: {actor}",
        f"#37;% is not a comment here: 5: {actor}",
        f"Uses code #35;58#59; literally: 5: {actor}",
        f"Line one<br>line two: 5: {actor}",
        f"Writes #60;br/> literally: 5: {actor}",
    ]
    for task in tasks:
        # Outside entity codes, only the two separators of a task are left.
        bare = task
        for code in ("#35;", "#58;", "#59;", "#44;", "#84;", "#115;", "#37;", "#60;"):
            bare = bare.replace(code, "")
        assert bare.count(":") == 2 and "#" not in bare and ";" not in bare


def test_escapes_read_back_as_the_original_text(tmp_path: Path) -> None:
    persona = SAMPLES.personas["curious-colleen"].model_copy(update={"name": "Colleen, Jr: CEO"})
    yaml_text = mermaid_to_map_yaml(map_to_mermaid(ESCAPES, persona))
    back = load_map_yaml(tmp_path, yaml_text)
    assert back.title == ESCAPES.title
    assert back.columns[0].title == "Step 1: choose; compare #2"
    assert [a.text for a in back.columns[0].actions] == [
        "Reads ratio 3:1; thinks",
        "Title page review",
        "section headers are unclear",
        "%% is not a comment here",
        "Uses code #58; literally",
        "Line one\nline two",
        "Writes <br/> literally",
    ]
    assert back.scenario == "Actors: Colleen, Jr: CEO"


# --- import: grammar and mapping --------------------------------------------------------------


def test_full_grammar_fixture(tmp_path: Path) -> None:
    text = (FIXTURES / "full-grammar.mmd").read_text(encoding="utf-8")
    yaml_text = mermaid_to_map_yaml(text, path="full-grammar.mmd")
    assert yaml_text.startswith(
        "# yaml-language-server: $schema=schema/map.schema.json\n"
        "# Imported from the Mermaid journey full-grammar.mmd by journey-maps import mermaid.\n"
    )
    # Mixed scores are averaged; the originals stay in a comment above the stage.
    assert (
        "  # Mermaid task scores (0-5), averaged into emotion.score: "
        'Search "cake near me" (4); Ask a friend (5); Compare prices : 3 shops (3)\n'
        "  - name: Find a bakery\n"
    ) in yaml_text
    assert "  - name: Pick up\n" in yaml_text  # one score: no comment
    assert "# Mermaid task scores" not in yaml_text.split("- name: Pick up")[1]
    journey = load_map_yaml(tmp_path, yaml_text)
    assert journey.type is MapType.CURRENT_STATE
    assert journey.title == "Ordering a birthday cake #1"
    assert journey.summary == (
        "Cake order, step by step\n\nMia orders a cake online\nand picks it up on Saturday."
    )
    assert journey.scenario == "Actors: Mia, Friend, Baker"
    assert journey.persona is None
    assert [s.id for s in journey.columns] == ["find-a-bakery", "order-pay", "pick-up"]
    assert outline(journey) == [
        ("Find a bakery", ['Search "cake near me"', "Ask a friend", "Compare prices : 3 shops"], 1),
        ("Order ; pay", ["Pick a design", "Pay online"], 1),
        ("Pick up", ["Queue at the counter"], -1),
    ]


def test_single_line_accessibility_values(tmp_path: Path) -> None:
    text = (FIXTURES / "single-line-acc.mmd").read_text(encoding="utf-8")
    journey = load_map_yaml(tmp_path, mermaid_to_map_yaml(text, path="library.mmd"))
    # No title: the accessible title is the title, and not repeated in the summary.
    assert journey.title == "Renewing a library card"
    assert journey.summary == (
        "Ville renews his card at the branch library; the online form fails first"
    )
    assert outline(journey) == [
        ("Online", ["Open the renewal form", "Form rejects the card number"], -1),
        ("At the branch", ["Ask at the desk", "Get a new card"], 2),
    ]


@pytest.mark.parametrize(
    ("scores", "emotion"),
    [
        ([5], 2),
        ([4], 1),
        ([3], 0),
        ([2], -1),
        ([1], -2),
        ([0], -2),
        ([4, 3], 1),  # +0.5 rounds away from zero
        ([2, 3], -1),  # -0.5 rounds away from zero
        ([5, 3, 3], 1),  # +0.67
        ([1, 3, 3, 3], -1),  # -0.5
        ([1, 3, 3, 4], 0),  # -0.25
        ([1, 2, 3, 3], -1),  # -0.75
        ([0, 5], -1),  # mean 2.5: -0.5
        ([0, 0, 5, 5, 5], 0),  # mean 3
    ],
)
def test_scores_become_the_stage_emotion(scores: list[int], emotion: int, tmp_path: Path) -> None:
    tasks = "".join(f"    Task {n}: {score}\n" for n, score in enumerate(scores))
    journey = load_map_yaml(tmp_path, mermaid_to_map_yaml(f"journey\n  section S\n{tasks}"))
    assert journey.columns[0].emotion is not None
    assert journey.columns[0].emotion.score == emotion


def test_actor_matching_a_persona_becomes_the_persona(tmp_path: Path) -> None:
    text = "journey\n section A\n  One: 3: curious colleen, Partner\n  Two: 4: Curious Colleen\n"
    journey = load_map_yaml(
        tmp_path, mermaid_to_map_yaml(text, personas=SAMPLES.personas), "with-persona"
    )
    assert journey.persona == "curious-colleen"
    assert journey.scenario == "Actors: Partner"
    by_id = mermaid_to_map_yaml(
        "journey\n section A\n  One: 3: juggling-jana\n", personas=SAMPLES.personas
    )
    assert "persona: juggling-jana" in by_id and "scenario" not in by_id
    unknown = mermaid_to_map_yaml(text)
    assert "persona:" not in unknown
    assert "scenario: 'Actors: curious colleen, Partner, Curious Colleen'" in unknown


def test_day_in_the_life_sections_split_into_time_and_name(tmp_path: Path) -> None:
    text = "journey\n section 07#58;30 · School run\n  Drive: 3\n section evening\n  Read: 5\n"
    journey = load_map_yaml(tmp_path, mermaid_to_map_yaml(text, map_type="day-in-the-life"), "day")
    assert [(s.time, s.name) for s in journey.slots or []] == [
        ("07:30", "School run"),
        ("evening", None),
    ]
    with pytest.raises(GalleryError, match="an empathy map has no stages"):
        mermaid_to_map_yaml(text, map_type="empathy")


def test_tasks_before_any_section_and_statements_on_one_line(tmp_path: Path) -> None:
    text = "journey\ntitle Quick; section Later; Early task: 4\nFirst: 2\nsection Next\nGo: 5\n"
    journey = load_map_yaml(tmp_path, mermaid_to_map_yaml(text))
    assert outline(journey) == [("Later", ["Early task", "First"], 0), ("Next", ["Go"], 2)]
    text = "journey\n  title Alone\n  Early: 4\n  section Next\n  Go: 5\n"
    journey = load_map_yaml(tmp_path, mermaid_to_map_yaml(text), "alone")
    assert outline(journey) == [("Alone", ["Early"], 1), ("Next", ["Go"], 2)]


def test_output_loads_with_load_text() -> None:
    text = (FIXTURES / "full-grammar.mmd").read_text(encoding="utf-8")
    problems = Problems()
    doc = load_text("x.yaml", mermaid_to_map_yaml(text), problems)
    assert doc is not None and not problems
    JourneyMap.model_validate(doc.data)


# --- the corpus: every construct imports whole ----------------------------------------------


def _check_against(case: Case, journey: JourneyMap, yaml_text: str) -> None:
    """Every section, task, score and actor the case lists is in the imported map."""
    assert journey.type.value == case.type
    assert journey.title == case.title
    assert journey.summary == case.summary
    assert [c.title for c in journey.columns] == [s.name for s in case.sections]
    for column, section in zip(journey.columns, case.sections, strict=True):
        assert [a.text for a in column.actions] == [t.name for t in section.tasks]
        scores = [t.score for t in section.tasks]
        assert (column.emotion.score if column.emotion else None) == (
            emotion(scores) if scores else None
        )
        if len(set(scores)) > 1:  # each task's own score is kept in a comment
            for task in section.tasks:
                assert f"{' '.join(task.name.split())} ({shown(task.score)})" in yaml_text
    actors = case.actors()
    assert journey.scenario == ("Actors: " + ", ".join(actors) if actors else None)


@pytest.mark.parametrize("case", CORPUS, ids=lambda case: case.stem)
def test_corpus_imports_whole_and_comes_back_from_export(case: Case, tmp_path: Path) -> None:
    if not case.sections:
        # Mermaid draws an empty journey (see the fence tests); a map file needs a stage.
        (problem,) = import_errors(case.text)
        assert "the journey has no sections or tasks" in problem
        return
    warnings = Problems()
    yaml_text = mermaid_to_map_yaml(case.text, path=f"{case.stem}.mmd", warnings=warnings)
    assert warnings.items == []
    journey = load_map_yaml(tmp_path, yaml_text)
    _check_against(case, journey, yaml_text)
    back = load_map_yaml(tmp_path, mermaid_to_map_yaml(map_to_mermaid(journey)), "back")
    assert outline(back) == outline(journey)


def test_the_corpus_covers_every_construct() -> None:
    """A construct dropped from the corpus fails here, not silently."""
    texts = "\n".join(case.text for case in CORPUS)
    for needle in (
        "\n---\ntitle:",
        "    ---\n",
        "\t---\n",
        "%%{init:",
        "%%{\n",
        "%%{wrap}%%",
        "journey %%",
        "# a hash",
        "accTitle:",
        "accDescr:",
        "accDescr {",
        "} section",
        "}title",
        "<br>",
        "<br/>",
        "<br />",
        "<BR>",
        "\t",
        ": 5 :",
        " :4:",
        ", ,",
        "#9829;",
        "#quot;",
        "; section",
        "\r\n",
        "journey title",
        "TITLE",
        "4.5",
        "journey-maps:",
    ):
        assert needle in texts, needle
    assert {len(case.sections) for case in CORPUS} >= {0, 1, 2, 4}
    assert any(case.text.startswith("\n\n---") for case in CORPUS)


@pytest.mark.parametrize(
    ("text", "journey"),
    [
        ("journey\n", True),
        ("\n\n  ---\n  title: x\n  ---\n  journey\n", True),
        ("---\ntitle: x\n---\n%%{init: {}}%%\n%% note\njourney\n", True),
        ("%%{\n  init: {}\n}%%\njourney %% note\n", True),
        ("Journey\n", False),  # Mermaid's detector is case-sensitive
        ("---\ntitle: x\njourney\n", False),  # never closed: Mermaid sees '---' first
        ("%% journey\nflowchart LR\n", False),
        ("---\ntitle: journey\n---\nflowchart LR\n", False),
        ("%% only a comment\n", False),
    ],
)
def test_journeys_are_recognised_as_mermaid_does(text: str, journey: bool) -> None:
    assert is_mermaid_journey(text) is journey


def test_front_matter_titles_that_are_not_text_are_left_out() -> None:
    body = "journey\n section A\n  T: 3\n"
    titles = {
        "title: [a, b]": "X",
        "title: 2026": "2026",
        "title: true": "true",
        "title: ''": "X",
        "": "X",
        "- just a list": "X",
    }
    for front, title in titles.items():
        yaml_text = mermaid_to_map_yaml(f"---\n{front}\n---\n{body}", path="x.mmd")
        assert f"\ntitle: {title}\n" in yaml_text.replace("'", ""), front
    deep = "title: " + "[" * 5000 + "]" * 5000
    assert import_errors(f"---\n{deep}\n---\n{body}") == [
        "j.mmd:2:1: error: the front matter is nested too deeply to read"
    ]


# --- import: warnings -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected", "score"),
    [
        (
            "journey\n  section Go\n    Make tea: 6: Me\n",
            "j.mmd:3:15: warning: the score of task 'Make tea' is 6, outside Mermaid's scale "
            "from 0 (worst) to 5 (best); it counts as 5",
            2,
        ),
        (
            "journey\n  section Go\n    Make tea: -1\n",
            "j.mmd:3:15: warning: the score of task 'Make tea' is -1, outside Mermaid's scale "
            "from 0 (worst) to 5 (best); it counts as 0",
            -2,
        ),
        (
            "journey\n  section Go\n    Tea: 5: Me: Cat\n",
            "j.mmd:3:15: warning: Mermaid shows nothing after the third ':' of task 'Tea', so "
            "': Cat' is not kept; write #58; for a ':' inside a name or an actor",
            2,
        ),
    ],
)
def test_lost_content_is_a_warning_at_its_line(text: str, expected: str, score: int) -> None:
    warnings = Problems()
    yaml_text = mermaid_to_map_yaml(text, path="j.mmd", warnings=warnings)
    assert [p.format() for p in warnings.items] == [expected]
    assert f"# {expected}\n" in yaml_text  # the file says what it could not keep
    assert f"score: {score}\n" in yaml_text


# --- import: errors ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "%% fine\ngraph LR\n  A --> B\n",
            "j.mmd:2:1: error: expected 'journey', found 'graph LR'; a Mermaid user journey "
            "starts with the line 'journey' (only front matter, %%{init: ...}%% directives "
            "and %% comments may come before it)",
        ),
        (
            "  Hello there\njourney\n",
            "j.mmd:1:3: error: expected 'journey', found 'Hello there'; a Mermaid user journey "
            "starts with the line 'journey' (only front matter, %%{init: ...}%% directives "
            "and %% comments may come before it)",
        ),
        (
            "",
            "j.mmd:1:1: error: no 'journey' line found; a Mermaid user journey starts with "
            "'journey'",
        ),
        (
            "journey\n  section Go\n    Make tea\n",
            "j.mmd:3:13: error: task 'Make tea' has no score; write it as 'Make tea: 5' (a "
            "score from 0 to 5, then optionally ': actor, actor')",
        ),
        (
            "journey\n  section Go\n    Make tea #1: 5\n",
            "j.mmd:3:13: error: task 'Make tea' has no score; write it as 'Make tea: 5' (a "
            "score from 0 to 5, then optionally ': actor, actor') (a '#' starts a comment in "
            "Mermaid; write #35; for the character)",
        ),
        (
            "journey\n\tsection Go\n\tMake tea:   high: Me\n",
            "j.mmd:3:14: error: the score of task 'Make tea' is 'high'; Mermaid scores are "
            "numbers from 0 (worst) to 5 (best)",
        ),
        (
            "journey\n  section Go\n    Make tea:\n",
            "j.mmd:3:14: error: the score of task 'Make tea' is nothing; Mermaid scores are "
            "numbers from 0 (worst) to 5 (best)",
        ),
        (
            "journey\n  section Go\n    : 5\n",
            "j.mmd:3:5: error: this task has no name before ':'",
        ),
        (
            "journey\n  title\n  section A\n   T: 1\n",
            "j.mmd:2:3: error: 'title' needs text after it",
        ),
        (
            "journey\n  accTitle: T\n  accDescr {\n    never closed\n  section A\n",
            "j.mmd:3:12: error: this 'accDescr {' block is never closed; add a line with '}'",
        ),
        # Mermaid reads statements right after the '}' that closes accDescr.
        (
            "journey\n  accDescr { one } two\n  section A\n    T: 1\n",
            "j.mmd:2:23: error: task 'two' has no score; write it as 'two: 5' (a score from 0 "
            "to 5, then optionally ': actor, actor')",
        ),
        (
            "journey\n  accDescr {\n    one\n  }  two\n  section A\n    T: 1\n",
            "j.mmd:4:9: error: task 'two' has no score; write it as 'two: 5' (a score from 0 "
            "to 5, then optionally ': actor, actor')",
        ),
        (
            "---\ntitle: Never closed\njourney\n  section A\n    T: 1\n",
            "j.mmd:1:1: error: this front matter is never closed; end it with a line '---' "
            "indented like this one, then write 'journey'",
        ),
        (
            "---\ntitle: [unclosed\n---\njourney\n  section A\n    T: 1\n",
            "j.mmd:2:17: error: the front matter is not valid YAML (expected ',' or ']', but got "
            "'<stream end>'); Mermaid cannot draw the diagram either",
        ),
        (
            "journey\n  title Nothing here\n",
            "j.mmd:1:1: error: the journey has no sections or tasks; add 'section Name' and "
            "tasks 'Task: 5'",
        ),
    ],
)
def test_syntax_errors_point_at_the_mermaid_line(text: str, expected: str) -> None:
    assert expected in import_errors(text)


def test_map_rules_point_at_the_mermaid_line() -> None:
    (problem,) = import_errors("journey\n  section " + "x" * 201 + "\n    T: 3\n")
    assert problem.startswith("j.mmd:2:3: error: ") and "201" in problem
    many = "journey\n" + "".join(f"  section S{n}\n    T: 3\n" for n in range(31))
    assert import_errors(many) == [
        "j.mmd:1:1: error: 'stages' has 31 entries; a journey has 1 to 30 stages; split a "
        "longer one into several maps"
    ]


def test_every_error_is_reported_in_one_run() -> None:
    text = "journey\n section A\n  One\n  Two: nine\n  Three: 3\n section B\n  Four: x\n"
    places = [p.split(": error")[0] for p in import_errors(text)]
    assert places == ["j.mmd:3:6", "j.mmd:4:8", "j.mmd:7:9"]
