"""Gallery validation: every mistake gives the exact file, line, column and message.

The invalid fixtures (one folder per kind of mistake) are compared line for line with their
``expected.txt``; the valid fixtures are loaded and the resulting model is inspected.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers_validate import (
    INVALID,
    MINIMAL_MAP,
    VALID,
    expected_lines,
    invalid_case_dirs,
    invalid_cases,
    problem_lines,
    write_gallery,
    xfail_reason,
)
from journey_maps.core.errors import Problem, Problems, Severity
from journey_maps.core.model import ChannelKind, MapType, PlanStatus, Priority
from journey_maps.load.folder import load_gallery

# --- invalid fixtures --------------------------------------------------------------------------


@pytest.mark.parametrize("case", invalid_cases())
def test_invalid_fixture_reports_exact_problems(case: Path) -> None:
    assert problem_lines(case) == expected_lines(case)


def test_there_is_a_fixture_per_kind_of_mistake() -> None:
    names = {case.name for case in invalid_case_dirs()}
    # A few that the brief names explicitly; losing one of these folders must not go unnoticed.
    for required in (
        "unknown-key-top-level",
        "unknown-key-stage",
        "unknown-key-persona",
        "unknown-key-emotion",
        "missing-type",
        "missing-title",
        "missing-stage-name",
        "missing-slot-time",
        "missing-emotion-score",
        "duplicate-yaml-key",
        "duplicate-map-ids-from-file-names",
        "alias-bomb",
        "deep-nesting",
        "invalid-utf8",
        "nul-byte",
        "yaml-python-tag",
        "url-javascript",
        "stages-31",
    ):
        assert required in names
    assert len(names) >= 90


@pytest.mark.parametrize("case", invalid_case_dirs(), ids=lambda p: p.name)
def test_invalid_fixture_is_well_formed(case: Path) -> None:
    lines = expected_lines(case)
    assert lines, f"{case.name}: expected.txt is empty"
    assert lines == sorted(lines, key=_sort_key), f"{case.name}: expected.txt is not sorted"
    for line in lines:
        path = line.split(":", 1)[0]
        assert (case / path).is_file(), f"{case.name}: {path} does not exist"
    if xfail_reason(case) is not None:
        assert xfail_reason(case), f"{case.name}: xfail.txt gives no reason"


def _sort_key(line: str) -> tuple[str, int, int, str]:
    path, row, col, rest = line.split(":", 3)
    return path, int(row), int(col), rest


_PUBLISHED_DESPITE_ERRORS: dict[str, str] = {}


def _left_out_cases() -> list[object]:
    params: list[object] = []
    for case in invalid_case_dirs():
        if xfail_reason(case) is not None:
            continue
        reason = _PUBLISHED_DESPITE_ERRORS.get(case.name)
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        params.append(pytest.param(case, id=case.name, marks=marks))
    return params


@pytest.mark.parametrize("case", _left_out_cases())
def test_files_with_errors_are_left_out_of_the_gallery(case: Path) -> None:
    gallery, problems = load_gallery(case, display_base=case)
    broken = {p.path for p in problems.errors}
    assert broken
    published = {gallery.documents[f"map:{m}"].path for m in gallery.maps} | {
        gallery.documents[f"persona:{p}"].path for p in gallery.personas
    }
    assert not broken & published


def test_duplicate_yaml_key_does_not_stop_the_rest_of_the_file_being_checked() -> None:
    lines = problem_lines(INVALID / "duplicate-yaml-key")
    assert lines[0].startswith("map.yaml:4:1: error: duplicate key 'title' (first defined at")
    assert lines[1].startswith("map.yaml:7:5: error: unknown key 'acions'")


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    # 3 MB: generated here rather than kept in the repository.
    write_gallery(tmp_path, {"big.yaml": MINIMAL_MAP + "summary: " + "x" * 3_000_000 + "\n"})
    assert problem_lines(tmp_path) == [
        "big.yaml:1:1: error: the file is 2.9 MB; map files are limited to 2 MB, split it into "
        "several maps"
    ]


def test_persona_file_over_the_size_limit(tmp_path: Path) -> None:
    write_gallery(tmp_path, {"personas/p.yaml": "name: P\nquote: " + "x" * 2_200_000 + "\n"})
    assert problem_lines(tmp_path) == [
        "personas/p.yaml:1:1: error: the file is 2.1 MB; map files are limited to 2 MB, split "
        "it into several maps"
    ]


def test_missing_maps_folder(tmp_path: Path) -> None:
    gallery, problems = load_gallery(tmp_path / "nope", display_base=tmp_path)
    assert not gallery.maps
    assert [p.format() for p in problems.sorted()] == [
        f"nope:1:1: error: the maps folder '{tmp_path / 'nope'}' does not exist; create it or set "
        "'maps_dir' in the plugin's options"
    ]


def test_stages_in_an_empathy_map_point_at_the_stages_key() -> None:
    # The grammar of this message is a known bug (see the section-stages-in-empathy-map
    # fixture); the position and the gist are checked here so they stay covered meanwhile.
    [line] = problem_lines(INVALID / "section-stages-in-empathy-map")
    assert line.startswith("empathy.yaml:6:1: error: 'stages' does not belong in a")
    assert line.endswith(
        "empathy map, which uses 'empathy'; change 'type' or rename 'stages' to 'empathy'"
    )


def test_empathy_map_without_empathy_section(tmp_path: Path) -> None:
    write_gallery(tmp_path, {"e.yaml": "type: empathy\ntitle: T\n"})
    [line] = problem_lines(tmp_path)
    assert line.startswith("e.yaml:1:7: error: a")
    assert line.endswith("empathy map needs 'empathy:' (says, thinks, does and feels)")


def test_loops_back_to_the_same_stage_is_allowed(tmp_path: Path) -> None:
    write_gallery(
        tmp_path,
        {
            "m.yaml": "type: current-state\ntitle: T\nstages:\n"
            "  - {name: Use, loops_back_to: [use]}\n"
        },
    )
    gallery, problems = load_gallery(tmp_path, display_base=tmp_path)
    assert not problems
    assert [link.stage for link in gallery.maps["m"].stages[0].loops_back_to] == ["use"]


def test_improves_itself_is_rejected(tmp_path: Path) -> None:
    write_gallery(
        tmp_path, {"m.yaml": MINIMAL_MAP.replace("current-state", "future-state") + "improves: m\n"}
    )
    assert problem_lines(tmp_path) == [
        "m.yaml:5:11: error: map 'm' is future-state; 'improves' takes the id of a "
        "current-state map"
    ]


def test_limits_are_inclusive(tmp_path: Path) -> None:
    stages = "".join(f"  - name: Stage {i}\n" for i in range(1, 31))
    actions = "".join(f"      - Action {i}\n" for i in range(1, 51))
    write_gallery(
        tmp_path,
        {
            "thirty.yaml": f"type: current-state\ntitle: T\nstages:\n{stages}",
            "fifty.yaml": "type: current-state\ntitle: T\nstages:\n  - name: A\n    actions:\n"
            + actions,
            "long.yaml": MINIMAL_MAP + "summary: " + "x" * 4000 + "\n",
        },
    )
    gallery, problems = load_gallery(tmp_path, display_base=tmp_path)
    assert not problems
    assert len(gallery.maps["thirty"].stages or []) == 30
    assert len((gallery.maps["fifty"].stages or [])[0].actions) == 50
    assert len(gallery.maps["long"].summary or "") == 4000


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com",
        "http://example.com/path?q=1#frag",
        "HTTPS://EXAMPLE.COM/",
        "https://example.com:8443/a",
        "mailto:someone@example.com",
    ],
)
def test_allowed_links(tmp_path: Path, url: str) -> None:
    write_gallery(tmp_path, {"m.yaml": MINIMAL_MAP + f"sources:\n  - {{title: S, url: '{url}'}}\n"})
    gallery, problems = load_gallery(tmp_path, display_base=tmp_path)
    assert not problems
    assert gallery.maps["m"].sources[0].url == url


@pytest.mark.parametrize("code", ["en", "et", "bg", "pt-BR", "zh-Hant-TW", "no", "fil"])
def test_allowed_language_codes(tmp_path: Path, code: str) -> None:
    write_gallery(tmp_path, {"m.yaml": MINIMAL_MAP + f"language: {code}\n"})
    gallery, problems = load_gallery(tmp_path, display_base=tmp_path)
    assert not problems
    assert gallery.maps["m"].language == code


def test_file_name_without_id_but_explicit_id_is_fine_for_a_persona(tmp_path: Path) -> None:
    """Control for the xfail below: a usable file name plus an explicit id works."""
    write_gallery(tmp_path, {"personas/x.yaml": "id: colleen\nname: Colleen\n"})
    gallery, problems = load_gallery(tmp_path, display_base=tmp_path)
    assert not problems
    assert list(gallery.personas) == ["colleen"]


def test_explicit_id_rescues_a_file_name_without_letters(tmp_path: Path) -> None:
    write_gallery(tmp_path, {"!!!.yaml": "id: vacuum\n" + MINIMAL_MAP})
    gallery, problems = load_gallery(tmp_path, display_base=tmp_path)
    assert [p.format() for p in problems.sorted()] == []
    assert list(gallery.maps) == ["vacuum"]


def test_file_name_without_letters_and_without_id(tmp_path: Path) -> None:
    write_gallery(tmp_path, {"personas/!!!.yaml": "name: Colleen\n"})
    assert problem_lines(tmp_path) == [
        "personas/!!!.yaml:1:1: error: the file name '!!!.yaml' gives no usable id; rename the "
        "file using letters, digits and hyphens, or add 'id: some-id'"
    ]


def test_empty_title_is_explained(tmp_path: Path) -> None:
    write_gallery(tmp_path, {"m.yaml": "type: current-state\ntitle:\nstages:\n  - name: A\n"})
    [line] = problem_lines(tmp_path)
    assert line.startswith("m.yaml:2:")
    assert "Input should be" not in line
    assert "title" in line


def test_derived_stage_ids_never_take_an_explicit_one(tmp_path: Path) -> None:
    write_gallery(
        tmp_path,
        {
            "m.yaml": "type: current-state\ntitle: T\nstages:\n"
            "  - name: Search\n  - name: Search\n  - name: Search\n"
            "  - {name: Later, id: search-2}\n"
            "  - name: '!!!'\n  - name: 日本\n"
        },
    )
    gallery, problems = load_gallery(tmp_path, display_base=tmp_path)
    assert not problems
    ids = [s.id for s in gallery.maps["m"].stages or []]
    assert ids == ["search", "search-3", "search-4", "search-2", "stage-5", "stage-6"]


def test_windows_reserved_file_name_gets_a_safe_id(tmp_path: Path) -> None:
    write_gallery(tmp_path, {"con.yaml": MINIMAL_MAP, "personas/aux.yaml": "name: A\n"})
    gallery, problems = load_gallery(tmp_path, display_base=tmp_path)
    assert not problems
    assert list(gallery.maps) == ["con-x"]
    assert list(gallery.personas) == ["aux-x"]


def test_default_language_applies_to_maps_and_personas(tmp_path: Path) -> None:
    write_gallery(tmp_path, {"m.yaml": MINIMAL_MAP, "personas/p.yaml": "name: P\n"})
    gallery, problems = load_gallery(tmp_path, default_language="bg")
    assert not problems
    assert gallery.maps["m"].language == "bg"
    assert gallery.personas["p"].language == "bg"
    assert gallery.default_language == "bg"


def test_paths_without_display_base_are_as_given(tmp_path: Path) -> None:
    write_gallery(tmp_path, {"m.yaml": "type: nope\n"})
    _, problems = load_gallery(tmp_path)
    assert {p.path for p in problems.items} == {(tmp_path / "m.yaml").as_posix()}


def test_problems_sort_by_file_then_position_and_drop_exact_repeats() -> None:
    problems = Problems()
    problems.add("b.yaml", 1, 1, "z")
    problems.add("a.yaml", 10, 2, "y")
    problems.add("a.yaml", 2, 30, "x")
    problems.add("a.yaml", 2, 5, "w", Severity.WARNING)
    problems.add("a.yaml", 2, 30, "x")
    assert [p.format() for p in problems.sorted()] == [
        "a.yaml:2:5: warning: w",
        "a.yaml:2:30: error: x",
        "a.yaml:10:2: error: y",
        "b.yaml:1:1: error: z",
    ]
    assert len(problems.errors) == 4
    assert [p.message for p in problems.warnings] == ["w"]
    assert Problem("a", 1, 2, "m").format() == "a:1:2: error: m"


# --- valid fixtures ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def gallery():  # type: ignore[no-untyped-def]
    folder = VALID / "gallery"
    loaded, problems = load_gallery(folder, display_base=folder)
    assert [p.format() for p in problems.sorted()] == []
    return loaded


def test_valid_gallery_has_every_map_type(gallery) -> None:  # type: ignore[no-untyped-def]
    assert {m: j.type for m, j in gallery.maps.items()} == {
        "vacuum-today": MapType.CURRENT_STATE,
        "vacuum-future": MapType.FUTURE_STATE,
        "a-day": MapType.DAY_IN_THE_LIFE,
        "colleen-empathy": MapType.EMPATHY,
    }
    assert sorted(gallery.personas) == ["curious-colleen", "ivan-petrov"]


def test_valid_gallery_skips_drafts_hidden_and_non_yaml_files(gallery) -> None:  # type: ignore[no-untyped-def]
    paths = sorted(doc.path for doc in gallery.documents.values())
    assert paths == [
        "Colleen_Empathy.yml",
        "a-day.yaml",
        "personas/curious-colleen.yaml",
        "personas/ivan.yaml",
        "vacuum-today.yaml",
        "vacuum-tomorrow.yaml",
    ]
    assert gallery.source_path("map", "vacuum-future") == "vacuum-tomorrow.yaml"


def test_valid_gallery_ids_and_defaults_of_maps(gallery) -> None:  # type: ignore[no-untyped-def]
    today = gallery.maps["vacuum-today"]
    future = gallery.maps["vacuum-future"]
    assert today.id == "vacuum-today"  # from the file name
    assert future.id == "vacuum-future"  # explicit, differs from the file name
    assert today.language == "en"  # the default
    assert future.language == "et"
    assert today.persona == "curious-colleen"
    assert future.improves == "vacuum-today"
    assert future.persona == "ivan-petrov"
    assert today.tags == ["retail", "e-commerce"]
    assert today.summary == "The worked example, as things are today."
    assert [m.id for m in gallery.maps_of("curious-colleen")] == [
        "colleen-empathy",
        "a-day",
        "vacuum-today",
    ]


def test_valid_gallery_stages_cyrillic_and_repeated_names(gallery) -> None:  # type: ignore[no-untyped-def]
    today = gallery.maps["vacuum-today"]
    assert [(s.id, s.title) for s in today.columns] == [
        ("osvedomenost", "Осведоменост"),
        ("sravnenie", "Сравнение"),
        ("purchase", "Purchase and delivery"),
        ("use", "Use"),
        ("use-2", "Use"),
    ]
    assert today.stage("sravnenie") is today.columns[1]
    assert today.stage("nope") is None


def test_valid_gallery_lanes_items_and_touchpoints(gallery) -> None:  # type: ignore[no-untyped-def]
    first = gallery.maps["vacuum-today"].columns[0]
    assert [(i.id, i.text) for i in first.actions] == [
        ("searches-the-web", "Searches the web"),
        ("searches-the-web-2", "Searches the web"),
        ("ask-friends", "Asks friends what they use"),
    ]
    assert [i.id for i in first.thoughts] == ["why-did-the-last-one-break"]
    assert [i.text for i in first.pain_points] == ["No time to research"]
    assert first.goal == "Find a durable vacuum"
    assert first.description == "She realises she needs a new one."
    assert [(t.id, t.name, t.channel, t.url) for t in first.touchpoints] == [
        ("search-engine", "Search engine", ChannelKind.OTHER, None),
        ("friends", "Friends", ChannelKind.PERSON, None),
        ("web-shop", "Web shop", ChannelKind.ONLINE, "https://example.com/shop?q=vacuum#top"),
        ("email", "Email", ChannelKind.OFFLINE, "mailto:shop@example.com"),
    ]


def test_valid_gallery_emotions(gallery) -> None:  # type: ignore[no-untyped-def]
    emotions = [s.emotion for s in gallery.maps["vacuum-today"].columns]
    assert [(e.score, e.label, e.quote) if e else None for e in emotions] == [
        (-1, None, None),
        (-2, "Overwhelmed", "So many options."),
        (2, None, None),
        (0, None, None),
        None,
    ]


def test_valid_gallery_loops(gallery) -> None:  # type: ignore[no-untyped-def]
    stages = gallery.maps["vacuum-today"].stages
    assert [[(link.stage, link.label) for link in s.loops_back_to] for s in stages] == [
        [],
        [("osvedomenost", None)],
        [("sravnenie", "Compares again after a bad review"), ("purchase", None)],
        [],
        [],
    ]
    assert [link.stage for link in gallery.maps["vacuum-future"].stages[1].loops_back_to] == [
        "search"
    ]


def test_valid_gallery_action_plan_metrics_sources(gallery) -> None:  # type: ignore[no-untyped-def]
    today = gallery.maps["vacuum-today"]
    assert [(a.id, a.text, a.status, a.owner, a.stage) for a in today.action_plan] == [
        ("add-a-chatbot", "Add a chatbot", PlanStatus.PLANNED, None, None),
        (
            "compare-tool",
            "Build a comparison tool",
            PlanStatus.IN_PROGRESS,
            "Customer service",
            "sravnenie",
        ),
        ("print-a-catalogue", "Print a catalogue", PlanStatus.DROPPED, None, None),
    ]
    assert [(m.id, m.label, m.value, m.source, m.url, m.stage) for m in today.metrics] == [
        (
            "contacts-before-purchase",
            "Contacts before purchase",
            "7 to 11",
            "Customer study 2025",
            "https://example.com/study",
            "purchase",
        ),
        ("return-rate", "Return rate", "2%", None, None, None),
    ]
    assert [(a.priority, a.due) for a in today.action_plan] == [
        (None, None),
        (Priority.HIGH, "2027-Q1"),
        (None, None),
    ]
    assert today.metrics[0].note == "The average customer needs 7 to 11 contacts."
    assert [(s.title, s.url) for s in today.sources] == [
        ("Customer interviews", "https://example.com/interviews"),
        ("Survey 2026", None),
    ]


def test_valid_gallery_day_in_the_life(gallery) -> None:  # type: ignore[no-untyped-def]
    day = gallery.maps["a-day"]
    assert day.stages is None
    assert [(s.id, s.time, s.name, s.title) for s in day.slots or []] == [
        ("07-30-breakfast", "07:30", "Breakfast", "07:30 · Breakfast"),
        ("evening", "evening", None, "evening"),
        ("07-30-breakfast-2", "07:30", "Breakfast", "07:30 · Breakfast"),
    ]
    assert day.slots[0].emotion.score == 1  # type: ignore[index, union-attr]
    assert [i.id for i in day.slots[0].actions] == ["reads-the-news"]  # type: ignore[index]


def test_valid_gallery_empathy(gallery) -> None:  # type: ignore[no-untyped-def]
    empathy_map = gallery.maps["colleen-empathy"]
    assert empathy_map.columns == []
    empathy = empathy_map.empathy
    assert {k: [(i.id, i.text) for i in v] for k, v in empathy.quadrants().items()} == {
        "says": [("i-don-t-have-time-for-this", "I don't have time for this")],
        "thinks": [("will-this-one-last", "Will this one last?")],
        "does": [("reads-reviews-late-at-night", "Reads reviews late at night")],
        "feels": [("frustrated", "Frustrated"), ("frustrated-2", "Frustrated")],
    }
    assert empathy.goal == "A vacuum she can forget about"
    assert [i.id for i in empathy.pains] == ["wasted-weekends"]
    assert [i.id for i in empathy.gains] == ["peace-of-mind"]


def test_valid_gallery_personas(gallery) -> None:  # type: ignore[no-untyped-def]
    colleen = gallery.personas["curious-colleen"]
    assert colleen.id == "curious-colleen"
    assert colleen.name == "Curious Colleen"
    assert colleen.description == (
        "A 32-year-old who researches carefully before she buys, and is short on time to do it."
    )
    assert colleen.age == 32
    assert colleen.role == "Self-employed"
    assert colleen.situation == "Dual income, no kids."
    assert [(i.id, i.text) for i in colleen.goals] == [
        ("a-vacuum-that-will-not-break", "A vacuum that will not break again"),
        ("a-vacuum-that-will-not-break-2", "A vacuum that will not break again"),
        ("quick", "Understand the benefits quickly"),
    ]
    assert [i.id for i in colleen.frustrations] == ["sifting-through-content"]
    assert [(i.id, i.text) for i in colleen.motivations] == [
        ("quality-products", "Quality products")
    ]
    assert colleen.quote == "I don't have all week to find it."
    assert colleen.tags == ["b2c", "household"]
    assert colleen.language == "en"
    ivan = gallery.personas["ivan-petrov"]
    assert (ivan.name, ivan.age, ivan.language) == ("Иван Петров", 41, "bg")
    assert [(i.id, i.text) for i in ivan.goals] == [("barza-dostavka", "Бърза доставка")]


def test_norway_problem_values_stay_text() -> None:
    folder = VALID / "norway"
    gallery, problems = load_gallery(folder, display_base=folder)
    assert [p.format() for p in problems.sorted()] == []
    day = gallery.maps["day"]
    assert day.title == "no"
    assert day.summary == "yes"
    assert day.language == "no"
    assert day.tags == ["yes", "on", "off", "y", "n", "NO", "2026-01-01"]
    assert [(s.time, s.name, s.id) for s in day.slots or []] == [
        ("08:00", "on", "08-00-on"),
        ("1:30:00", None, "1-30-00"),
        ("2026-01-01", None, "2026-01-01"),
    ]


def test_byte_order_mark_is_accepted() -> None:
    folder = VALID / "bom"
    assert (folder / "map.yaml").read_bytes().startswith(b"\xef\xbb\xbf")
    gallery, problems = load_gallery(folder, display_base=folder)
    assert [p.format() for p in problems.sorted()] == []
    assert gallery.maps["map"].title == "With a BOM"
    assert gallery.maps["map"].persona == "colleen"
    assert gallery.personas["colleen"].name == "Colleen"
    # Positions are counted from after the BOM.
    assert gallery.documents["map:map"].mark(("type",)).column == 7
    assert gallery.documents["map:map"].mark(("type",), prefer_key=True).line == 2


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2026", "2026"), ("3.5", "3.5"), ("-1", "-1"), ("'007'", "007")],
)
def test_numbers_are_accepted_as_text(tmp_path: Path, value: str, expected: str) -> None:
    write_gallery(
        tmp_path, {"m.yaml": f"type: current-state\ntitle: {value}\nstages: [{{name: A}}]\n"}
    )
    gallery, problems = load_gallery(tmp_path, display_base=tmp_path)
    assert not problems
    assert gallery.maps["m"].title == expected


@pytest.mark.parametrize("value", ["1.50", "1.10", "1e3", "007"])
def test_numbers_in_text_fields_keep_their_spelling(tmp_path: Path, value: str) -> None:
    # `value: 1.50` must not become "1.5", nor `1e3` "1000.0", nor `007` "7".
    write_gallery(
        tmp_path, {"m.yaml": MINIMAL_MAP + f"metrics:\n  - {{label: Rate, value: {value}}}\n"}
    )
    gallery, problems = load_gallery(tmp_path, display_base=tmp_path)
    assert not problems
    assert gallery.maps["m"].metrics[0].value == value


# --- links and files that cannot be read --------------------------------------------------------


def test_links_out_of_the_maps_folder_are_refused(tmp_path: Path) -> None:
    elsewhere = write_gallery(
        tmp_path / "elsewhere", {"secret.yaml": MINIMAL_MAP, "colleen.yaml": "name: C\n"}
    )
    maps = write_gallery(tmp_path / "maps", {"m.yaml": MINIMAL_MAP + "persona: colleen\n"})
    (maps / "leak.yaml").symlink_to(elsewhere / "secret.yaml")
    (maps / "personas").mkdir()
    (maps / "personas" / "colleen.yaml").symlink_to("../../elsewhere/colleen.yaml")
    gallery, problems = load_gallery(maps, display_base=maps)
    assert [p.format() for p in problems.sorted()] == [
        f"leak.yaml:1:1: error: this file links outside the maps folder (to "
        f"'{elsewhere / 'secret.yaml'}'), so it is not read; copy the file into the maps folder "
        "instead of linking to it",
        "m.yaml:5:10: error: persona 'colleen' could not be loaded: fix the problems reported in "
        "personas/colleen.yaml",
        "personas/colleen.yaml:1:1: error: this file links outside the maps folder (to "
        "'../../elsewhere/colleen.yaml'), so it is not read; copy the file into the maps folder "
        "instead of linking to it",
    ]
    assert list(gallery.maps) == [] and list(gallery.personas) == []


def test_a_linked_folder_outside_the_maps_folder_is_refused_file_by_file(tmp_path: Path) -> None:
    shared = write_gallery(tmp_path / "shared", {"colleen.yaml": "name: C\n"})
    maps = write_gallery(tmp_path / "maps", {"m.yaml": MINIMAL_MAP})
    (maps / "personas").symlink_to(shared)
    assert problem_lines(maps) == [
        f"personas/colleen.yaml:1:1: error: this file links outside the maps folder (to "
        f"'{(shared / 'colleen.yaml').resolve()}'), so it is not read; copy the file into the "
        "maps folder instead of linking to it"
    ]


def test_links_inside_the_maps_folder_are_followed(tmp_path: Path) -> None:
    maps = write_gallery(
        tmp_path / "maps",
        {"m.yaml": MINIMAL_MAP + "persona: colleen\n", "people/colleen.yaml": "name: C\n"},
    )
    (maps / "personas").mkdir()
    (maps / "personas" / "colleen.yaml").symlink_to("../people/colleen.yaml")
    gallery, problems = load_gallery(maps, display_base=maps)
    assert not problems
    assert list(gallery.personas) == ["colleen"]
    assert gallery.documents["persona:colleen"].path == "personas/colleen.yaml"


def test_a_link_to_nothing_is_a_warning_and_the_rest_is_loaded(tmp_path: Path) -> None:
    maps = write_gallery(tmp_path, {"m.yaml": MINIMAL_MAP})
    (maps / "gone.yaml").symlink_to("moved-away.yaml")
    (maps / "loop.yaml").symlink_to("loop.yaml")
    gallery, problems = load_gallery(maps, display_base=maps)
    assert [p.format() for p in problems.sorted()] == [
        "gone.yaml:1:1: warning: this link points to 'moved-away.yaml', which does not exist, so "
        "the file is skipped; fix the link or remove it",
        "loop.yaml:1:1: warning: this link points to 'loop.yaml', which cannot be opened (Too "
        "many levels of symbolic links), so the file is skipped; fix the link or remove it",
    ]
    assert list(gallery.maps) == ["m"]


def test_translation_files_follow_the_same_link_rules(tmp_path: Path) -> None:
    from journey_maps.i18n.files import load_translations

    outside = write_gallery(tmp_path / "outside", {"m.yaml": "language: de\ntexts: {}\n"})
    maps = write_gallery(tmp_path / "maps", {"m.yaml": MINIMAL_MAP})
    (maps / "translations" / "de").mkdir(parents=True)
    (maps / "translations" / "de" / "m.yaml").symlink_to(outside / "m.yaml")
    gallery, _ = load_gallery(maps, display_base=maps)
    translations, problems = load_translations(maps, gallery, display_base=maps)
    assert [p.format() for p in problems.sorted()] == [
        f"translations/de/m.yaml:1:1: error: this file links outside the maps folder (to "
        f"'{outside / 'm.yaml'}'), so it is not read; copy the file into the maps folder "
        "instead of linking to it"
    ]
    assert not translations.items


def test_a_persona_that_does_not_parse_is_broken_not_missing() -> None:
    lines = problem_lines(INVALID / "persona-yaml-syntax-error")
    assert lines[0] == (
        "map.yaml:4:10: error: persona 'colleen' could not be loaded: fix the problems reported "
        "in personas/colleen.yaml"
    )
    assert lines[1].startswith("personas/colleen.yaml:4:8: error: YAML syntax error:")
