"""``journey-maps validate`` and ``journey-maps schema`` as users and CI run them.

Contract: one ``path:line:col: severity: message`` line per problem on stdout (all of them,
sorted), a summary on stderr, exit 0 valid / 1 invalid / 2 usage error, never a traceback.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest

from helpers_tools import unavailable
from helpers_validate import (
    INVALID,
    MINIMAL_MAP,
    PROBLEM_LINE,
    SAMPLE_GALLERY,
    VALID,
    expected_lines,
    invalid_case_dirs,
    invalid_cases,
    write_gallery,
    xfail_reason,
)
from journey_maps import __version__, cli
from journey_maps.load.folder import load_gallery
from journey_maps.load.yaml import load_file

CONSOLE_SCRIPT = Path(sys.executable).with_name("journey-maps")


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The CLI in a fresh interpreter, exactly as a shell would run it."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "journey_maps.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=300,
        check=False,
    )


def assert_no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stdout
    assert "Traceback" not in result.stderr


# --- the sample gallery ----------------------------------------------------------------------


def test_sample_gallery_is_valid() -> None:
    result = run("validate", str(SAMPLE_GALLERY))
    assert_no_traceback(result)
    assert result.stdout == ""
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith("ok: ")
    gallery, problems = load_gallery(SAMPLE_GALLERY)
    assert not problems
    assert result.stderr == (
        f"ok: {len(gallery.maps)} map(s), {len(gallery.personas)} persona(s)\n"
    )


def test_console_script_is_installed() -> None:
    if not CONSOLE_SCRIPT.exists():
        unavailable("pip install -e . (make venv) installs the journey-maps console script")
    result = subprocess.run(
        [str(CONSOLE_SCRIPT), "validate", "-q", str(SAMPLE_GALLERY)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_default_path_is_the_maps_folder(tmp_path: Path) -> None:
    write_gallery(tmp_path / "maps", {"m.yaml": "type: nope\ntitle: T\nstages: [{name: A}]\n"})
    result = run("validate", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "maps/m.yaml:1:7: error: 'nope' is not a valid type; use one of: current-state, "
        "future-state, day-in-the-life, empathy"
    ]


def test_default_path_without_maps_folder_is_the_current_folder(tmp_path: Path) -> None:
    write_gallery(tmp_path, {"m.yaml": MINIMAL_MAP})
    result = run("validate", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "",
        "ok: 1 map(s), 0 persona(s)\n",
    )


def test_default_path_is_the_folder_mkdocs_yml_publishes(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\nplugins:\n  - search\n  - journey-maps:\n      maps_dir: journeys\n"
    )
    write_gallery(tmp_path / "journeys", {"m.yaml": "type: nope\ntitle: T\nstages: [{name: A}]\n"})
    result = run("validate", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith("journeys/m.yaml:1:7: error: 'nope' is not a valid type")


def test_nothing_to_check_is_said_not_called_ok(tmp_path: Path) -> None:
    result = run("validate", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "")
    assert result.stderr == (
        "nothing to check: no map or persona files in '.'; name the gallery folder, "
        "e.g. journey-maps validate maps/\n"
    )


# --- broken galleries ------------------------------------------------------------------------


def test_broken_fixture_exact_output_and_summary() -> None:
    case = INVALID / "many-problems"
    result = run("validate", ".", cwd=case)
    assert_no_traceback(result)
    assert result.returncode == 1
    assert result.stdout.splitlines() == expected_lines(case)
    assert result.stderr == "9 error(s), 0 warning(s) in 3 file(s)\n"
    for line in result.stdout.splitlines():
        assert PROBLEM_LINE.match(line), line


def _prefixed(folder: str, line: str) -> str:
    """An expected line as printed when the fixture is validated from its parent folder."""
    line = f"{folder}/{line}"
    # Messages that name another file ("already used by a.yaml") get the prefix too.
    for before in ("already used by ", "problems reported in "):
        line = line.replace(before, f"{before}{folder}/")
    return line


def test_all_invalid_fixtures_in_one_run_follow_the_line_format() -> None:
    cases = [c for c in invalid_case_dirs() if xfail_reason(c) is None]
    result = run("validate", *(str(c.relative_to(INVALID)) for c in cases), cwd=INVALID)
    assert_no_traceback(result)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    for line in lines:
        assert PROBLEM_LINE.match(line), line
    expected = sorted(
        (_prefixed(case.name, line) for case in cases for line in expected_lines(case)),
        key=lambda line: (line.split(":")[0], *map(int, line.split(":")[1:3]), line),
    )
    assert lines == expected
    files = len({line.split(":")[0] for line in lines})
    assert result.stderr == f"{len(lines)} error(s), 0 warning(s) in {files} file(s)\n"


def test_every_problem_is_one_output_line() -> None:
    result = run("validate", ".", cwd=INVALID / "url-with-newline")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    assert PROBLEM_LINE.match(lines[0])


@pytest.mark.parametrize("case", invalid_cases())
def test_cli_prints_exactly_the_expected_lines(
    case: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # In-process for speed; the subprocess tests above cover the real entry point.
    monkeypatch.chdir(case)
    code = cli.main(["validate", "."])
    out, err = capsys.readouterr()
    assert out.splitlines() == expected_lines(case)
    assert code == cli.EXIT_INVALID
    files = len({line.split(":")[0] for line in out.splitlines()})
    assert err == f"{len(out.splitlines())} error(s), 0 warning(s) in {files} file(s)\n"


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    write_gallery(tmp_path, {"big.yaml": MINIMAL_MAP + "summary: " + "x" * 3_000_000 + "\n"})
    result = run("validate", "big.yaml", cwd=tmp_path)
    assert_no_traceback(result)
    assert result.returncode == 1
    assert result.stdout == (
        "big.yaml:1:1: error: the file is 2.9 MB; map files are limited to 2 MB, split it into "
        "several maps\n"
    )


def run_unprivileged(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The CLI as a user who cannot read every file: as root, through ``setpriv`` as nobody."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return run(*args, cwd=cwd)
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        unavailable("install util-linux (setpriv) or run the tests as a normal user")
    as_nobody = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable]
    probe = subprocess.run([*as_nobody, "-c", "import journey_maps"], capture_output=True)
    if probe.returncode != 0:
        unavailable("run the tests as a normal user, or from a checkout other users can read")
    return subprocess.run(
        [*as_nobody, "-m", "journey_maps.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONDONTWRITEBYTECODE": "1"},
        timeout=300,
        check=False,
    )


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A temporary folder that another user may enter (pytest's tmp_path is root's own)."""
    folder = Path(tempfile.mkdtemp(prefix="journey-maps-perm-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for path in [folder, *folder.rglob("*")]:
            if not path.is_symlink():
                path.chmod(0o755)
        shutil.rmtree(folder)


_BROKEN_PERSONA = (
    "m.yaml:5:10: error: persona 'colleen' could not be loaded: fix the problems reported in "
    "personas/colleen.yaml\n"
)


@pytest.mark.parametrize(
    ("unreadable", "mode", "expected"),
    [
        pytest.param(
            "personas/colleen.yaml",
            0,
            _BROKEN_PERSONA
            + "personas/colleen.yaml:1:1: error: cannot read the file: Permission denied\n",
            id="file",
        ),
        pytest.param(
            "personas",
            0o644,  # names can be listed, the files not opened
            _BROKEN_PERSONA
            + "personas/colleen.yaml:1:1: error: cannot read the file: Permission denied\n",
            id="folder-not-searchable",
        ),
        pytest.param(
            "personas",
            0,
            "m.yaml:5:10: error: persona 'colleen' does not exist; known personas: none yet (add "
            "one under personas/)\n"
            "personas:1:1: error: cannot read this folder: Permission denied; its files were "
            "not checked\n",
            id="folder",
        ),
        pytest.param(
            "translations",
            0,
            "translations:1:1: error: cannot read this folder: Permission denied; its files were "
            "not checked\n",
            id="translations-folder",
        ),
    ],
)
def test_what_cannot_be_read_is_reported_not_skipped(
    shared_tmp: Path, unreadable: str, mode: int, expected: str
) -> None:
    write_gallery(
        shared_tmp,
        {
            "m.yaml": MINIMAL_MAP + "persona: colleen\n",
            "personas/colleen.yaml": "name: C\n",
            "translations/de/m.yaml": "language: de\ntexts: {}\n",
        },
    )
    (shared_tmp / unreadable).chmod(mode)
    result = run_unprivileged("validate", ".", cwd=shared_tmp)
    assert_no_traceback(result)
    assert result.returncode == 1
    assert result.stdout == expected


def test_a_link_to_nothing_is_a_warning_and_fails_strict_validation(tmp_path: Path) -> None:
    write_gallery(tmp_path, {"m.yaml": MINIMAL_MAP})
    (tmp_path / "gone.yaml").symlink_to("moved-away.yaml")
    warning = (
        "gone.yaml:1:1: warning: this link points to 'moved-away.yaml', which does not exist, "
        "so the file is skipped; fix the link or remove it\n"
    )
    result = run("validate", ".", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, warning)
    assert result.stderr == "ok: 1 map(s), 0 persona(s), 1 warning(s)\n"
    strict = run("validate", "--strict", ".", cwd=tmp_path)
    assert (strict.returncode, strict.stdout) == (1, warning)


def test_absolute_paths_are_printed_as_given(tmp_path: Path) -> None:
    write_gallery(tmp_path, {"m.yaml": "type: nope\ntitle: T\nstages: [{name: A}]\n"})
    result = run("validate", str(tmp_path))
    assert result.returncode == 1
    assert result.stdout.startswith(f"{(tmp_path / 'm.yaml').as_posix()}:1:7: error: 'nope'")


# --- single files ----------------------------------------------------------------------------


def _two_broken_files(root: Path) -> Path:
    return write_gallery(
        root,
        {
            "map.yaml": MINIMAL_MAP + "persona: colleen\ncolour: red\n",
            "personas/colleen.yaml": "name: Colleen\nage: old\n",
        },
    )


def test_single_persona_file_reports_only_that_file(tmp_path: Path) -> None:
    _two_broken_files(tmp_path)
    result = run("validate", "personas/colleen.yaml", cwd=tmp_path)
    assert_no_traceback(result)
    assert result.returncode == 1
    assert result.stdout == "personas/colleen.yaml:2:6: error: 'age' must be a whole number\n"
    assert result.stderr == "1 error(s), 0 warning(s) in 1 file(s)\n"


def test_single_map_file_reports_only_that_file(tmp_path: Path) -> None:
    _two_broken_files(tmp_path)
    result = run("validate", "map.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "map.yaml:6:1: error: unknown key 'colour'; allowed here: action_plan, empathy, focus, "
        "id, improves, language, metrics, persona, scenario, slots, sources, stages, summary, "
        "tags, title, type"
    ]


def test_single_valid_persona_file_of_the_sample_gallery() -> None:
    personas = sorted((SAMPLE_GALLERY / "personas").glob("*.yaml"))
    assert personas
    result = run("validate", str(personas[0]))
    assert_no_traceback(result)
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""
    assert result.stderr.startswith("ok: ")


def test_single_valid_file_in_a_broken_gallery_is_ok(tmp_path: Path) -> None:
    write_gallery(
        tmp_path,
        {"good.yaml": MINIMAL_MAP, "bad.yaml": "type: nope\n", "personas/p.yaml": "name: P\n"},
    )
    for name in ("good.yaml", "personas/p.yaml"):
        result = run("validate", name, cwd=tmp_path)
        assert (result.returncode, result.stdout) == (0, ""), name


def test_single_file_reference_to_a_missing_persona(tmp_path: Path) -> None:
    write_gallery(
        tmp_path,
        {"m.yaml": MINIMAL_MAP + "persona: colen\n", "personas/colleen.yaml": "name: Colleen\n"},
    )
    result = run("validate", "m.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == (
        "m.yaml:5:10: error: persona 'colen' does not exist; did you mean 'colleen'? known "
        "personas: colleen\n"
    )


def test_single_persona_file_from_inside_the_personas_folder(tmp_path: Path) -> None:
    _two_broken_files(tmp_path)
    result = run("validate", "colleen.yaml", cwd=tmp_path / "personas")
    assert result.stdout == "colleen.yaml:2:6: error: 'age' must be a whole number\n"


def test_personas_folder_is_checked_as_personas(tmp_path: Path) -> None:
    _two_broken_files(tmp_path)
    result = run("validate", "personas", cwd=tmp_path)
    assert result.stdout == "personas/colleen.yaml:2:6: error: 'age' must be a whole number\n"


# --- usage errors ----------------------------------------------------------------------------


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    result = run("validate", "nope", cwd=tmp_path)
    assert_no_traceback(result)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "journey-maps: error: nope: no such file or folder\n"


def test_missing_path_among_valid_ones_is_still_a_usage_error(tmp_path: Path) -> None:
    write_gallery(tmp_path, {"m.yaml": MINIMAL_MAP})
    result = run("validate", ".", "gone.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "journey-maps: error: gone.yaml: no such file or folder\n"


@pytest.mark.parametrize("name", ["notes.txt", "map.json", "README"])
def test_non_yaml_file_is_a_usage_error(tmp_path: Path, name: str) -> None:
    write_gallery(tmp_path, {name: "type: current-state\n"})
    result = run("validate", name, cwd=tmp_path)
    assert_no_traceback(result)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"journey-maps: error: {name}: not a YAML file (.yaml or .yml)\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["validate", "--bogus"], "journey-maps: error: unrecognized arguments: --bogus"),
        ([], "journey-maps: error: the following arguments are required: COMMAND"),
        (["frobnicate"], "journey-maps: error: argument COMMAND: invalid choice: 'frobnicate'"),
        (["schema", "--kind", "stage"], "invalid choice: 'stage'"),
    ],
)
def test_bad_arguments_are_usage_errors(tmp_path: Path, args: list[str], message: str) -> None:
    result = run(*args, cwd=tmp_path)
    assert_no_traceback(result)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith("usage: journey-maps")
    assert message in result.stderr


def test_version() -> None:
    result = run("--version")
    assert (result.returncode, result.stdout) == (0, f"journey-maps {__version__}\n")


# --- quiet and strict ------------------------------------------------------------------------


def test_quiet_prints_nothing_when_valid() -> None:
    result = run("validate", "--quiet", str(VALID / "gallery"))
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_quiet_still_prints_problems() -> None:
    result = run("validate", "-q", ".", cwd=INVALID / "missing-title")
    assert result.returncode == 1
    assert result.stdout.splitlines() == expected_lines(INVALID / "missing-title")
    assert result.stderr == "1 error(s), 0 warning(s) in 1 file(s)\n"


def test_strict_on_a_valid_gallery_without_warnings() -> None:
    result = run("validate", "--strict", str(VALID / "gallery"))
    assert (result.returncode, result.stdout) == (0, "")
    assert result.stderr == "ok: 4 map(s), 2 persona(s)\n"


STALE = (
    "translations/de/m.yaml:6:13: warning: 'title' is stale: it translates an earlier version "
    "of the text (source 00000000, now a9024570); check it against the current text and set "
    "'source: a9024570'\n"
)


@pytest.fixture
def with_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A gallery whose only problem is a warning: a translation of an earlier title."""
    write_gallery(tmp_path, {"m.yaml": MINIMAL_MAP})
    (tmp_path / "translations/de").mkdir(parents=True)
    (tmp_path / "translations/de/m.yaml").write_text(
        "language: de\nmap: m\ntexts:\n  title:\n    text: Einen Staubsauger kaufen\n"
        "    source: 00000000\n",
        "utf-8",
    )
    monkeypatch.chdir(tmp_path)


@pytest.mark.usefixtures("with_a_warning")
def test_warnings_are_printed_but_do_not_fail(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code = cli.main(["validate", "."])
    out, err = capsys.readouterr()
    assert code == 0
    assert out == STALE
    assert err == "ok: 1 map(s), 0 persona(s), 1 warning(s)\n"


@pytest.mark.usefixtures("with_a_warning")
def test_strict_fails_on_warnings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code = cli.main(["validate", "--strict", "."])
    out, err = capsys.readouterr()
    assert code == 1
    assert out == STALE
    assert PROBLEM_LINE.match(out.strip())
    assert err == "0 error(s), 1 warning(s) in 1 file(s)\n"


@pytest.mark.usefixtures("with_a_warning")
def test_quiet_hides_the_summary_but_not_warnings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code = cli.main(["validate", "-q", "."])
    out, err = capsys.readouterr()
    assert (code, out, err) == (0, STALE, "")


# --- schema ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def map_schema() -> dict:  # type: ignore[type-arg]
    result = run("schema")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


@pytest.fixture(scope="module")
def persona_schema() -> dict:  # type: ignore[type-arg]
    result = run("schema", "--kind", "persona")
    assert result.returncode == 0, result.stderr
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def _json_form(path: Path) -> object:
    from journey_maps.core.errors import Problems

    problems = Problems()
    doc = load_file(path, path.name, problems)
    assert doc is not None, [p.format() for p in problems.items]
    # Round-trip through JSON: exactly what a tool reading the YAML as JSON would see.
    return json.loads(json.dumps(doc.data))


def test_schema_is_draft_2020_12(map_schema: dict) -> None:  # type: ignore[type-arg]
    assert map_schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert map_schema["title"] == "Customer journey map"
    assert map_schema["x-schema-version"] == 1
    assert map_schema["type"] == "object"
    assert map_schema["additionalProperties"] is False
    assert set(map_schema["required"]) == {"type", "title"}
    assert map_schema["properties"]["type"]["$ref"].startswith("#/$defs/")


def test_schema_accepts_the_sample_maps(map_schema: dict) -> None:  # type: ignore[type-arg]
    validator = jsonschema.Draft202012Validator(map_schema)
    maps = sorted(SAMPLE_GALLERY.glob("*.yaml"))
    assert maps
    for path in maps:
        errors = [e.message for e in validator.iter_errors(_json_form(path))]
        assert errors == [], path.name


def test_schema_accepts_the_valid_fixture_maps(map_schema: dict) -> None:  # type: ignore[type-arg]
    validator = jsonschema.Draft202012Validator(map_schema)
    folder = VALID / "gallery"
    for path in [*folder.glob("[!._]*.yaml"), *folder.glob("*.yml")]:
        assert [e.message for e in validator.iter_errors(_json_form(path))] == [], path.name


def test_schema_rejects_what_the_validator_rejects(map_schema: dict) -> None:  # type: ignore[type-arg]
    validator = jsonschema.Draft202012Validator(map_schema)
    good = _json_form(SAMPLE_GALLERY / "colleen-vacuum-current.yaml")
    assert isinstance(good, dict)
    assert list(validator.iter_errors(good)) == []
    for broken, fragment in [
        ({**good, "type": "curent-state"}, "'curent-state' is not one of"),
        ({**good, "titel": "x"}, "Additional properties are not allowed ('titel'"),
        ({k: v for k, v in good.items() if k != "title"}, "'title' is a required property"),
        ({**good, "title": True}, "True is not"),
        ({**good, "stages": {"name": "A"}}, "is not valid under any of the given schemas"),
        ({**good, "stages": []}, "is not valid under any of the given schemas"),
        ({**good, "stages": [{"name": "A"}] * 31}, "is not valid under any of the given schemas"),
        ({**good, "stages": [{"goal": "no name"}]}, ""),
    ]:
        messages = [e.message for e in validator.iter_errors(broken)]
        assert messages, broken
        assert any(fragment in m for m in messages), messages


_BASE = {"type": "current-state", "title": "T", "stages": [{"name": "A"}]}


@pytest.mark.parametrize(
    "extra",
    [
        {"stages": [{"name": "A", "emotion": {"score": 3}}]},
        {"stages": [{"name": "A", "emotion": {"score": -5}}]},
        {"id": "../etc"},
        {"id": "Foo"},
        {"stages": [{"name": "A", "id": "First Search"}]},
        {"language": "english"},
        {"sources": [{"title": "S", "url": "javascript:alert(1)"}]},
        {"sources": [{"title": "S", "url": "/relative"}]},
    ],
    ids=[
        "score-3",
        "score-minus-5",
        "id-dotdot",
        "id-upper",
        "stage-id-space",
        "language",
        "url-javascript",
        "url-relative",
    ],
)
def test_schema_rejects_invalid_values(map_schema: dict, extra: dict) -> None:  # type: ignore[type-arg]
    validator = jsonschema.Draft202012Validator(map_schema)
    assert list(validator.iter_errors({**_BASE, **extra}))


@pytest.mark.parametrize("score", [7, -3])
def test_schema_bounds_the_emotion_shorthand(map_schema: dict, score: int) -> None:  # type: ignore[type-arg]
    validator = jsonschema.Draft202012Validator(map_schema)
    assert list(validator.iter_errors({**_BASE, "stages": [{"name": "A", "emotion": score}]}))


def test_schema_accepts_numbers_as_text(map_schema: dict, tmp_path: Path) -> None:  # type: ignore[type-arg]
    text = MINIMAL_MAP.replace("Buying a vacuum cleaner", "2026") + (
        "metrics:\n  - {label: Contacts, value: 7}\n"
    )
    write_gallery(tmp_path, {"m.yaml": text})
    _, problems = load_gallery(tmp_path)
    assert not problems
    validator = jsonschema.Draft202012Validator(map_schema)
    assert [e.message for e in validator.iter_errors(_json_form(tmp_path / "m.yaml"))] == []


def test_persona_schema_accepts_the_sample_personas(persona_schema: dict) -> None:  # type: ignore[type-arg]
    assert persona_schema["title"] == "Persona"
    validator = jsonschema.Draft202012Validator(persona_schema)
    personas = sorted((SAMPLE_GALLERY / "personas").glob("*.yaml"))
    assert personas
    for path in personas:
        assert [e.message for e in validator.iter_errors(_json_form(path))] == [], path.name
    for bad in ({"name": "P", "age": "old"}, {"name": "P", "age": 200}, {"age": 3}):
        assert list(validator.iter_errors(bad)), bad


def test_schema_to_a_file(tmp_path: Path, map_schema: dict) -> None:  # type: ignore[type-arg]
    out = tmp_path / "map.schema.json"
    result = run("schema", "-o", str(out))
    assert (result.returncode, result.stdout) == (0, "")
    assert out.read_text(encoding="utf-8").endswith("}\n")
    assert json.loads(out.read_text(encoding="utf-8")) == map_schema


def test_shipped_schema_files_match_the_command(tmp_path: Path) -> None:
    shipped = SAMPLE_GALLERY / "schema"
    for kind in ("map", "persona"):
        result = run("schema", "--kind", kind)
        on_disk = json.loads((shipped / f"{kind}.schema.json").read_text(encoding="utf-8"))
        assert on_disk == json.loads(result.stdout), kind


def test_console_script_and_module_agree() -> None:
    if shutil.which("journey-maps") is None and not CONSOLE_SCRIPT.exists():
        unavailable("pip install -e . (make venv) installs the journey-maps console script")
    script = str(CONSOLE_SCRIPT) if CONSOLE_SCRIPT.exists() else "journey-maps"
    by_script = subprocess.run(
        [script, "schema", "--kind", "persona"], capture_output=True, text=True, check=False
    )
    assert by_script.returncode == 0
    assert json.loads(by_script.stdout) == json.loads(run("schema", "--kind", "persona").stdout)
