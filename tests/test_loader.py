"""The safe YAML loader: positions, YAML 1.2 core scalars, limits and refused constructs."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest

from journey_maps.core.document import Document, Mark
from journey_maps.core.errors import Problems
from journey_maps.load.yaml import MAX_DEPTH, MAX_FILE_BYTES, MAX_NODES, load_file, load_text


def load(text: str) -> tuple[Document | None, list[str]]:
    problems = Problems()
    doc = load_text("f.yaml", text, problems)
    return doc, [p.format() for p in problems.sorted()]


def value_of(scalar: str) -> Any:
    doc, problems = load(f"k: {scalar}\n")
    assert problems == []
    assert doc is not None
    return doc.data["k"]


# --- positions -----------------------------------------------------------------------------

SAMPLE = """\
# a comment
type: current-state
title:   Spaced out
stages:
  - name: Search
    actions:
      - Searches the web
      - {id: ask, text: Asks friends}
  -   name: Compare
tags: [a, "b"]
"""


def test_values_and_keys_have_one_based_positions() -> None:
    doc, problems = load(SAMPLE)
    assert problems == []
    assert doc is not None
    assert doc.path == "f.yaml"
    assert doc.keys[("type",)] == Mark(2, 1)
    assert doc.values[("type",)] == Mark(2, 7)
    assert doc.keys[("title",)] == Mark(3, 1)
    assert doc.values[("title",)] == Mark(3, 10)
    assert doc.values[("stages",)] == Mark(5, 3)
    assert doc.values[("stages", 0)] == Mark(5, 5)
    assert doc.keys[("stages", 0, "name")] == Mark(5, 5)
    assert doc.values[("stages", 0, "name")] == Mark(5, 11)
    assert doc.values[("stages", 0, "actions", 0)] == Mark(7, 9)
    assert doc.values[("stages", 0, "actions", 1)] == Mark(8, 9)
    assert doc.keys[("stages", 0, "actions", 1, "text")] == Mark(8, 19)
    assert doc.values[("stages", 0, "actions", 1, "text")] == Mark(8, 25)
    assert doc.keys[("stages", 1, "name")] == Mark(9, 7)
    assert doc.values[("tags", 0)] == Mark(10, 8)
    assert doc.values[("tags", 1)] == Mark(10, 11)
    # The root mapping starts at its first key; list indexes have no key position.
    assert doc.values[()] == Mark(2, 1)
    assert ("stages", 0) not in doc.keys


def test_data_is_plain_python() -> None:
    doc, _ = load(SAMPLE)
    assert doc is not None
    assert doc.data == {
        "type": "current-state",
        "title": "Spaced out",
        "stages": [
            {
                "name": "Search",
                "actions": ["Searches the web", {"id": "ask", "text": "Asks friends"}],
            },
            {"name": "Compare"},
        ],
        "tags": ["a", "b"],
    }
    assert type(doc.data) is dict
    assert type(doc.data["stages"]) is list


def test_columns_count_characters_not_bytes() -> None:
    doc, _ = load("title: Изследване\nname: é\nkey: [Иван, x]\n")
    assert doc is not None
    assert doc.values[("key", 1)] == Mark(3, 13)


def test_mark_prefers_value_then_key_and_walks_up_to_parents() -> None:
    doc, _ = load(SAMPLE)
    assert doc is not None
    assert doc.mark(("title",)) == Mark(3, 10)
    assert doc.mark(("title",), prefer_key=True) == Mark(3, 1)
    # A field the file does not have: the nearest parent that exists.
    assert doc.mark(("stages", 1, "goal")) == Mark(9, 7)
    assert doc.mark(("stages", 1, "goal"), prefer_key=True) == Mark(9, 7)
    assert doc.mark(("stages", 7, "emotion", "score")) == Mark(5, 3)
    assert doc.mark(("stages", 7, "emotion", "score"), prefer_key=True) == Mark(4, 1)
    assert doc.mark(("nope", "deeper")) == Mark(2, 1)
    assert doc.mark(()) == Mark(2, 1)


def test_mark_of_an_empty_document_is_the_first_character() -> None:
    doc = Document(path="x.yaml", data={})
    assert doc.mark(("a", 1, "b")) == Mark(1, 1)
    assert doc.mark((), prefer_key=True) == Mark(1, 1)


def test_mark_of_a_key_whose_value_is_missing() -> None:
    # `goal:` with nothing after it: the value is null, positioned right after the colon.
    doc, _ = load("name: A\ngoal:\nnext: b\n")
    assert doc is not None
    assert doc.data == {"name": "A", "goal": None, "next": "b"}
    assert doc.keys[("goal",)] == Mark(2, 1)
    assert doc.mark(("goal",), prefer_key=True) == Mark(2, 1)


def test_byte_order_mark_does_not_shift_positions(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbftitle: T\nname: N\n")
    problems = Problems()
    doc = load_file(path, "bom.yaml", problems)
    assert not problems
    assert doc is not None
    assert doc.data == {"title": "T", "name": "N"}
    assert doc.keys[("title",)] == Mark(1, 1)
    assert doc.values[("title",)] == Mark(1, 8)


def test_windows_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "crlf.yaml"
    path.write_bytes(b"title: T\r\nstages:\r\n  - name: A\r\n")
    problems = Problems()
    doc = load_file(path, "crlf.yaml", problems)
    assert not problems
    assert doc is not None
    assert doc.data == {"title": "T", "stages": [{"name": "A"}]}
    assert doc.values[("stages", 0, "name")] == Mark(3, 11)


@pytest.mark.parametrize("separator", ["\u2028", "\u2029"])
@pytest.mark.parametrize("style", ["plain", "quoted"])
def test_unicode_line_separators_stay_inside_their_line(separator: str, style: str) -> None:
    # PyYAML (YAML 1.1) breaks lines at NEL, LS and PS; editors and YAML 1.2 do not, and
    # positions must be the ones the editor shows.
    title = f"one{separator}two" if style == "plain" else f'"one{separator}two"'
    doc, problems = load(f"title: {title}\nsummary: S\n")
    assert problems == []
    assert doc is not None
    assert doc.data["title"] == f"one{separator}two"
    assert doc.values[("summary",)] == Mark(2, 10)
    _, problems = load(f"title: {title}\nsummary: S\nbad: !custom x\n")
    assert problems == [
        "f.yaml:3:6: error: YAML tag '!custom' is not allowed: map files hold plain text, "
        "numbers, lists and mappings; remove the tag"
    ]


@pytest.mark.parametrize("style", ["plain", "quoted"])
def test_a_raw_next_line_character_is_refused_on_its_own_line(style: str) -> None:
    title = "one\x85two" if style == "plain" else '"one\x85two"'
    _, problems = load(f"title: {title}\nsummary: S\nbad: !custom x\n")
    assert problems == [
        "f.yaml:1:8: error: this text contains U+0085, a control character that web pages and "
        "SVG cannot hold; remove the escape that writes it",
        "f.yaml:3:6: error: YAML tag '!custom' is not allowed: map files hold plain text, "
        "numbers, lists and mappings; remove the tag",
    ]


def test_a_unicode_line_separator_in_a_syntax_error_file_keeps_the_editors_line() -> None:
    _, problems = load('title: "a\u2028b"\nsummary: x\nstages: [\n')
    assert problems[0].startswith("f.yaml:4:1: error: YAML syntax error:")


# --- YAML 1.2 core schema ------------------------------------------------------------------


@pytest.mark.parametrize("plain", ["~", "null", "Null", "NULL", ""])
def test_null(plain: str) -> None:
    assert value_of(plain) is None


@pytest.mark.parametrize(
    ("plain", "expected"),
    [(w, True) for w in ("true", "True", "TRUE")]
    + [(w, False) for w in ("false", "False", "FALSE")],
)
def test_booleans_are_only_true_and_false(plain: str, expected: bool) -> None:
    assert value_of(plain) is expected


@pytest.mark.parametrize(
    "plain",
    [
        # YAML 1.1 booleans: the Norway problem.
        "yes",
        "Yes",
        "YES",
        "no",
        "No",
        "NO",
        "on",
        "On",
        "ON",
        "off",
        "Off",
        "OFF",
        "y",
        "Y",
        "n",
        "N",
        # Not core-schema spellings of null and booleans.
        "NuLL",
        "nULL",
        "tRUE",
        "fALSE",
        # YAML 1.1 sexagesimal numbers and timestamps.
        "08:00",
        "1:30:00",
        "190:20:30",
        "2026-01-01",
        "2026-01-01T10:00:00Z",
        # YAML 1.1 number spellings that 1.2 core does not have.
        "1_000",
        "0b101",
        "+0x1F",
        "-0o17",
        "0X1F",
        "0O17",
        # Look numeric, are not.
        "1e",
        "e3",
        ".",
        "1.2.3",
        "12abc",
        "1,000",
        "0x",
        "0o",
        "0xG1",
        # Looks like special floats but are not core spellings.
        ".INf",
        "inf",
        "nan",
        "Infinity",
    ],
)
def test_yaml_1_1_look_alikes_stay_text(plain: str) -> None:
    assert value_of(plain) == plain


@pytest.mark.parametrize(
    ("plain", "expected"),
    [
        ("0", 0),
        ("42", 42),
        ("-7", -7),
        ("+1", 1),
        ("-0", 0),
        ("017", 17),
        ("12345678901234", 12345678901234),
    ],
)
def test_decimal_integers(plain: str, expected: int) -> None:
    value = value_of(plain)
    assert isinstance(value, int)
    assert not isinstance(value, bool)
    assert value == expected


@pytest.mark.parametrize(("plain", "expected"), [("0x1F", 31), ("0xff", 255), ("0o17", 15)])
def test_hex_and_octal_integers(plain: str, expected: int) -> None:
    value = value_of(plain)
    assert isinstance(value, int)
    assert not isinstance(value, bool)
    assert value == expected


@pytest.mark.parametrize(
    ("plain", "expected"),
    [
        ("3.14", 3.14),
        ("-2.5", -2.5),
        (".5", 0.5),
        ("-.5", -0.5),
        ("+.5", 0.5),
        ("1.", 1.0),
        ("1e3", 1000.0),
        ("1E3", 1000.0),
        ("1e+3", 1000.0),
        ("2.5e-1", 0.25),
        ("0.0", 0.0),
    ],
)
def test_floats(plain: str, expected: float) -> None:
    value = value_of(plain)
    assert isinstance(value, float)
    assert value == expected


@pytest.mark.parametrize("plain", [".inf", ".Inf", "+.INF", "-.inf", ".nan", ".NaN", ".NAN"])
def test_special_floats(plain: str) -> None:
    value = value_of(plain)
    assert isinstance(value, float)
    if "nan" in plain.lower():
        assert math.isnan(value)
    else:
        assert value == (-math.inf if plain.startswith("-") else math.inf)


@pytest.mark.parametrize(
    "quoted",
    ["'true'", '"false"', "'null'", "''", '"~"', "'08:00'", '"42"', "'3.5'", '"1e3"', "'yes'"],
)
def test_quoted_scalars_are_always_text(quoted: str) -> None:
    assert value_of(quoted) == quoted[1:-1]


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        ("|\n  42\n", "42\n"),
        (">-\n  true\n", "true"),
        ("|-\n  null\n", "null"),
        (">\n  a\n  b\n", "a b\n"),
    ],
)
def test_block_scalars_are_always_text(block: str, expected: str) -> None:
    assert value_of(block) == expected


def test_keys_are_text() -> None:
    doc, problems = load("1: one\ntrue: yes\nnull: x\n08:00: y\n")
    assert problems == []
    assert doc is not None
    assert doc.data == {"1": "one", "true": "yes", "null": "x", "08:00": "y"}


def test_plain_scalars_in_flow_collections() -> None:
    doc, _ = load("k: [no, 1, 1.5, true, ~, 08:00, 'x']\n")
    assert doc is not None
    assert doc.data["k"] == ["no", 1, 1.5, True, None, "08:00", "x"]


def test_explicit_standard_tags_that_agree_with_the_value_are_accepted() -> None:
    doc, problems = load("a: !!str text\nb: !!int 5\nc: !!null ~\nd: !!bool true\ne: !!float 1.5\n")
    assert problems == []
    assert doc is not None
    assert doc.data == {"a": "text", "b": 5, "c": None, "d": True, "e": 1.5}


@pytest.mark.parametrize("plain", ["true", "5", "1.5", "null"])
def test_explicit_str_tag_wins(plain: str) -> None:
    assert value_of(f"!!str {plain}") == plain


def test_aliases_are_expanded() -> None:
    doc, problems = load("a: &x [1, 2]\nb: *x\nc: &t text\nd: *t\n")
    assert problems == []
    assert doc is not None
    assert doc.data == {"a": [1, 2], "b": [1, 2], "c": "text", "d": "text"}


# --- duplicate keys ------------------------------------------------------------------------


def test_duplicate_keys_are_reported_and_the_first_value_kept() -> None:
    doc, problems = load("title: First\nname: N\ntitle: Second\nnested:\n  a: 1\n  a: 2\n")
    assert problems == [
        "f.yaml:3:1: error: duplicate key 'title' (first defined at line 1, column 1); keep one "
        "of them",
        "f.yaml:6:3: error: duplicate key 'a' (first defined at line 5, column 3); keep one of "
        "them",
    ]
    assert doc is not None  # not fatal: the rest of the file is still checked
    assert doc.data == {"title": "First", "name": "N", "nested": {"a": 1}}
    assert doc.keys[("title",)] == Mark(1, 1)
    assert doc.values[("nested", "a")] == Mark(5, 6)


def test_keys_that_resolve_to_the_same_text_are_duplicates() -> None:
    _, problems = load("1: a\n'1': b\n")
    assert problems == [
        "f.yaml:2:1: error: duplicate key '1' (first defined at line 1, column 1); keep one of them"
    ]


# --- refused constructs --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "a: !!python/object/apply:os.system ['true']\n",
            "f.yaml:1:4: error: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is "
            "not allowed: map files hold plain text, numbers, lists and mappings; remove the tag",
        ),
        (
            "a: !!python/name:os.system\n",
            "f.yaml:1:4: error: YAML tag 'tag:yaml.org,2002:python/name:os.system' is not "
            "allowed: map files hold plain text, numbers, lists and mappings; remove the tag",
        ),
        (
            "a:\n  - !custom {x: 1}\n",
            "f.yaml:2:5: error: YAML tag '!custom' is not allowed: map files hold plain text, "
            "numbers, lists and mappings; remove the tag",
        ),
        (
            "a: !!set {x}\n",
            "f.yaml:1:4: error: YAML tag 'tag:yaml.org,2002:set' is not allowed: map files hold "
            "plain text, numbers, lists and mappings; remove the tag",
        ),
        (
            "a: !!omap [x: 1]\n",
            "f.yaml:1:4: error: YAML tag 'tag:yaml.org,2002:omap' is not allowed: map files hold "
            "plain text, numbers, lists and mappings; remove the tag",
        ),
        (
            "base: &b {name: A}\nitem:\n  <<: *b\n",
            "f.yaml:3:3: error: merge keys (<<: *anchor) are not supported; write the fields out",
        ),
        *(
            (
                f"a: !!{tag} x\n",
                f"f.yaml:1:4: error: YAML tag 'tag:yaml.org,2002:{tag}' is not allowed: map files "
                "hold plain text, numbers, lists and mappings; remove the tag",
            )
            for tag in ("timestamp", "value", "yaml", "merge")
        ),
        (
            "!!binary a: x\n",
            "f.yaml:1:1: error: YAML tag 'tag:yaml.org,2002:binary' is not allowed: map files "
            "hold plain text, numbers, lists and mappings; remove the tag",
        ),
    ],
)
def test_refused_constructs(text: str, expected: str) -> None:
    doc, problems = load(text)
    assert doc is None
    assert problems == [expected]


def test_untagged_values_that_yaml_1_1_would_resolve_are_text() -> None:
    doc, problems = load("a: 2020-01-01\nb: =\nc: <<\n")
    assert problems == []
    assert doc is not None
    assert doc.data == {"a": "2020-01-01", "b": "=", "c": "<<"}


def test_a_complex_key_does_not_hide_the_rest_of_the_file() -> None:
    doc, problems = load("? [a, b]\n: x\ntitle: T\nbad: !custom y\n")
    assert problems == [
        "f.yaml:1:3: error: keys must be plain words, not lists or mappings",
        "f.yaml:4:6: error: YAML tag '!custom' is not allowed: map files hold plain text, "
        "numbers, lists and mappings; remove the tag",
    ]
    doc, problems = load("? {a: 1}\n: x\ntitle: T\n")
    assert problems == ["f.yaml:1:3: error: keys must be plain words, not lists or mappings"]
    assert doc is not None
    assert doc.data == {"title": "T"}  # read on, so that the schema checks the rest too


def test_refused_tags_construct_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    doc, problems = load(f"a: !!python/object/apply:os.system ['touch {marker}']\n")
    assert doc is None
    assert len(problems) == 1
    assert not marker.exists()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "f.yaml:1:1: error: the file is empty; a map needs at least 'type' and 'title'"),
        (
            "# only a comment\n",
            "f.yaml:1:1: error: the file is empty; a map needs at least 'type' and 'title'",
        ),
        (
            "a: 1\n---\nb: 2\n---\nc: 3\n",
            "f.yaml:3:1: error: the file holds 3 YAML documents (separated by '---'); put each map "
            "in a file of its own",
        ),
        (
            "- a\n- b\n",
            "f.yaml:1:1: error: the file must be a mapping of fields (for example 'title: ...'), "
            "not a list",
        ),
        (
            "a: *missing\n",
            "f.yaml:1:4: error: YAML syntax error: found undefined alias 'missing'; check "
            "indentation, colons and quotes",
        ),
        (
            "a: 1\n\tb: 2\n",
            "f.yaml:2:1: error: YAML indents with spaces, not tabs: replace the tab at the start "
            "of this line with spaces",
        ),
        (
            "a:\n  - x\n  \t- y\n",
            "f.yaml:3:3: error: YAML indents with spaces, not tabs: replace the tab at the start "
            "of this line with spaces",
        ),
        (
            "- a\n-\tb\n",
            "f.yaml:2:2: error: a tab cannot start a value here; use spaces, or put text that "
            "holds a tab in quotes",
        ),
    ],
)
def test_unusable_documents(text: str, expected: str) -> None:
    doc, problems = load(text)
    assert doc is None
    assert problems == [expected]


@pytest.mark.parametrize("text", ["---\n", "---\n...\n", "~\n", "null\n"])
def test_explicitly_empty_document_is_an_empty_file(text: str) -> None:
    doc, problems = load(text)
    assert doc is None
    assert problems == [
        "f.yaml:1:1: error: the file is empty; a map needs at least 'type' and 'title'"
    ]


def test_unclosed_quote_points_at_the_opening_quote() -> None:
    doc, problems = load('a: "unterminated\nb: 1\nc: 2\n')
    assert doc is None
    assert len(problems) == 1
    assert problems[0].startswith("f.yaml:1:4: error: YAML syntax error:")
    assert "quoted scalar" in problems[0]


def test_a_quote_left_open_is_reported_where_it_opens_not_where_reading_fails() -> None:
    text = 'name: C\nrole: "Buyer\ngoals:\n  - "Clean floors"\n'
    doc, problems = load(text)
    assert doc is None
    assert problems == [
        "f.yaml:2:7: error: YAML syntax error: the quoted text that opens here runs on to line "
        "4, where reading fails; is its closing quote missing?"
    ]


def test_a_quoted_text_over_several_lines_is_fine() -> None:
    doc, problems = load('name: "Buyer\n  of things"\nrole: x\n')
    assert problems == []
    assert doc is not None
    assert doc.data["name"] == "Buyer of things"


def test_a_single_document_with_markers_is_fine() -> None:
    doc, problems = load("---\ntitle: T\n...\n")
    assert problems == []
    assert doc is not None
    assert doc.data == {"title": "T"}
    assert doc.keys[("title",)] == Mark(2, 1)


# --- limits --------------------------------------------------------------------------------


def _nested(depth: int) -> str:
    return "k: " + "[" * depth + "]" * depth + "\n"


def test_nesting_up_to_the_limit_is_fine() -> None:
    # The root mapping is level 0 and "k"'s value level 1, so MAX_DEPTH - 1 lists fit.
    doc, problems = load(_nested(MAX_DEPTH - 1))
    assert problems == []
    assert doc is not None


def test_nesting_beyond_the_limit_is_refused() -> None:
    doc, problems = load(_nested(MAX_DEPTH + 1))
    assert doc is None
    assert problems == [
        f"f.yaml:1:{4 + MAX_DEPTH}: error: nesting is deeper than {MAX_DEPTH} levels; flatten "
        "the structure"
    ]


@pytest.mark.parametrize("opener", ["[", "{a: ", "- "])
def test_very_deep_nesting_is_refused_without_a_crash(opener: str) -> None:
    if opener == "- ":
        text = "".join("  " * i + "-\n" for i in range(3000))
    else:
        text = "k: " + opener * 10_000 + "\n"
    doc, problems = load(text)
    assert doc is None
    assert len(problems) == 1
    assert "nesting is deeper than 40 levels" in problems[0]


def test_alias_bomb_is_refused() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    previous = "a"
    for name in "bcdefghi":
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
        previous = name
    doc, problems = load("\n".join(lines) + "\n")
    assert doc is None
    assert problems == [
        f"f.yaml:1:8: error: this file expands to more than {MAX_NODES:,} values (are aliases "
        "(*name) repeating a large anchor?); write the content out or split the file"
    ]


def _aliased(references: int) -> str:
    # 1 root + 1,001 for the anchored list + 1 for "b" + 1,001 per reference.
    anchor = "a: &a [" + ",".join(["1"] * 1000) + "]\n"
    return anchor + "b: [" + ",".join(["*a"] * references) + "]\n"


def test_node_limit_counts_every_expanded_value() -> None:
    doc, problems = load(_aliased(48))  # 49,051 values
    assert problems == []
    assert doc is not None
    assert len(doc.data["b"]) == 48
    doc, problems = load(_aliased(50))  # 51,053 values
    assert doc is None
    # Value 50,001 is the 949th item of the anchored list, expanded for the 49th time.
    assert problems == [
        f"f.yaml:1:{8 + 2 * 948}: error: this file expands to more than {MAX_NODES:,} values (are "
        "aliases (*name) repeating a large anchor?); write the content out or split the file"
    ]


# --- files -------------------------------------------------------------------------------


def test_load_file_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"k: " + b"x" * MAX_FILE_BYTES + b"\n")
    problems = Problems()
    assert load_file(path, "big.yaml", problems) is None
    assert [p.format() for p in problems.sorted()] == [
        "big.yaml:1:1: error: the file is 2.0 MB; map files are limited to 2 MB, split it into "
        "several maps"
    ]


def test_load_file_exactly_at_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "edge.yaml"
    filler = b"k: " + b"x" * (MAX_FILE_BYTES - 4) + b"\n"
    assert len(filler) == MAX_FILE_BYTES
    path.write_bytes(filler)
    problems = Problems()
    doc = load_file(path, "edge.yaml", problems)
    assert not problems
    assert doc is not None
    assert len(doc.data["k"]) == MAX_FILE_BYTES - 4


def test_load_file_that_cannot_be_read(tmp_path: Path) -> None:
    problems = Problems()
    assert load_file(tmp_path / "missing.yaml", "missing.yaml", problems) is None
    assert [p.format() for p in problems.sorted()] == [
        "missing.yaml:1:1: error: cannot read the file: No such file or directory"
    ]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            b"title: caf\xe9\n",
            "x.yaml:1:11: error: the file is not valid UTF-8 (byte 0xe9); save it as UTF-8",
        ),
        (
            b"a: 1\nb: 2\n  \x80\n",
            "x.yaml:3:3: error: the file is not valid UTF-8 (byte 0x80); save it as UTF-8",
        ),
        (b"a: \x00\n", "x.yaml:1:1: error: the file contains NUL bytes; is it a binary file?"),
        (
            b"\xff\xfea\x00:\x00",
            "x.yaml:1:1: error: the file is not valid UTF-8 (byte 0xff); save it as UTF-8",
        ),
    ],
)
def test_load_file_encoding_problems(tmp_path: Path, raw: bytes, expected: str) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(raw)
    problems = Problems()
    assert load_file(path, "x.yaml", problems) is None
    assert [p.format() for p in problems.sorted()] == [expected]


def test_load_file_uses_the_display_path(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("a: 1\na: 2\n", encoding="utf-8")
    problems = Problems()
    doc = load_file(path, "shown/as.yaml", problems)
    assert doc is not None
    assert doc.path == "shown/as.yaml"
    assert [p.path for p in problems.items] == ["shown/as.yaml"]


def test_a_file_libyaml_rejects_is_reported_in_the_reference_parsers_words() -> None:
    _, problems = load("stages:\n  - name: a\n    bad: x: y\n")
    assert problems == [
        "f.yaml:3:11: error: YAML syntax error: mapping values are not allowed here; "
        "check indentation, colons and quotes"
    ]
