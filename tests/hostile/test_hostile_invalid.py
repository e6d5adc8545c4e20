"""Hostile files that must be rejected: each with ``path:line:col`` problems, never a traceback.

Site-level cases (``hostile_corpus.invalid_gallery``: a hostile value in every id, URL,
language and enum field, 0 and 31 stages, colliding file names, control characters, hostile
translation headers) go into ONE strict ``mkdocs build`` and one ``journey-maps validate``
of the whole gallery. YAML-level cases (``hostile_corpus.yaml_cases``) each get their own
``journey-maps validate FILE``, under a timeout and a memory limit.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import hostile_corpus as corpus
import pytest
from hostile_checks import journey_maps, mkdocs_build, run_bounded

from conftest import BUILD_ENV, make_site
from journey_maps.core.errors import printable

#: Lines of MkDocs' own log around the problem list.
_FRAME = re.compile(r"^(?:$|INFO|WARNING|ERROR|DEBUG|Aborted with )")


@dataclass
class Rejected:
    cases: list[corpus.InvalidCase]
    build_output: str
    build_code: int
    site_written: bool
    validate_output: str
    validate_code: int


@pytest.fixture(scope="module")
def rejected(tmp_path_factory: pytest.TempPathFactory) -> Rejected:
    root = tmp_path_factory.mktemp("rejected")
    cases = corpus.invalid_gallery() + corpus.invalid_translations()
    site = make_site(
        root,
        {"base.yaml": corpus.BASE_MAP},
        {"p.yaml": "name: P\n"},
        plugin_options="languages: [en, de, et]",
    )
    for case in cases:
        path = site.maps / case.name
        path.parent.mkdir(parents=True, exist_ok=True)
        content = case.content if isinstance(case.content, bytes) else case.content.encode()
        path.write_bytes(content)
    build = mkdocs_build(site.root, BUILD_ENV, timeout=120)
    validate = journey_maps(["validate", "maps"], cwd=site.root, timeout=120)
    return Rejected(
        cases=cases,
        build_output=build.stdout + build.stderr,
        build_code=build.returncode,
        site_written=site.site_dir.exists(),
        validate_output=validate.stdout + validate.stderr,
        validate_code=validate.returncode,
    )


def _problems(output: str) -> tuple[dict[str, list[tuple[int, int, str]]], list[str]]:
    """Problem lines by path, and every line that is neither a problem nor log framing."""
    by_path: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    stray: list[str] = []
    for line in output.splitlines():
        match = corpus.PROBLEM.match(line)
        if match:
            path = match["path"].removeprefix("maps/")
            by_path[path].append((int(match["line"]), int(match["col"]), match["msg"]))
        elif not _FRAME.match(line) and not re.match(r"^\d+ error\(s\), \d+ warning", line):
            stray.append(line)
    return by_path, stray


def test_strict_build_stops_with_a_problem_line_per_problem(rejected: Rejected) -> None:
    assert rejected.build_code == 1, rejected.build_output[-2000:]
    assert "Traceback" not in rejected.build_output
    assert not rejected.site_written, "a strict build with problems must not write the site"
    by_path, stray = _problems(rejected.build_output)
    assert stray == []
    header = re.search(r"(\d+) problem\(s\) in journey map files", rejected.build_output)
    assert header, rejected.build_output[-2000:]
    assert int(header[1]) == sum(len(v) for v in by_path.values())


def test_every_hostile_file_is_reported_where_the_value_is(rejected: Rejected) -> None:
    by_path, _ = _problems(rejected.build_output)
    unreported = []
    misplaced = []
    for case in rejected.cases:
        found = by_path.get(printable(case.name), [])  # names print escaped, as users see them
        if not found and not (case.twin and by_path.get(printable(case.twin))):
            unreported.append(case.name)
        positions = {(line, col) for line, col, _ in found}
        missing = [spot for spot in case.at if spot not in positions]
        if missing:
            misplaced.append((case.name, missing, sorted(positions)[:5]))
    assert unreported == []
    assert misplaced == []


def test_the_validate_command_reports_the_same_problems(rejected: Rejected) -> None:
    assert rejected.validate_code == 1
    assert "Traceback" not in rejected.validate_output
    build, _ = _problems(rejected.build_output)
    validate, stray = _problems(rejected.validate_output)
    assert stray == []
    assert validate == build


def test_every_attackable_field_of_the_schema_was_attacked() -> None:
    attacked: dict[str, set[str]] = defaultdict(set)
    for case in corpus.invalid_gallery():
        attacked[case.kind] |= case.fields
    for kind_name in ("map", "persona"):
        for path, what in corpus.schema_fields(kind_name).items():
            if what in corpus.ATTACKS:
                assert path in attacked[what], (kind_name, path)


def test_problem_messages_stay_short(rejected: Rejected) -> None:
    """A hostile 5000-character value must not turn into a 5000-character message."""
    by_path, _ = _problems(rejected.build_output)
    long = [(p, m[:80]) for p, found in by_path.items() for *_, m in found if len(m) > 600]
    assert long == []


def test_a_file_name_with_a_newline_keeps_one_problem_per_line(tmp_path: Path) -> None:
    (tmp_path / "bad\nname.yaml").write_text("type: current-state\ntitle: t\nstages: 3\n")
    result = journey_maps(["validate", "."], cwd=tmp_path)
    lines = result.stdout.splitlines()
    assert result.returncode == 1
    assert lines and all(corpus.PROBLEM.match(line) for line in lines), lines


# --- YAML-level attacks, one file and one process each ----------------------------------------


@pytest.mark.parametrize("case", corpus.yaml_cases(), ids=lambda c: c.name)
def test_yaml_attack_is_rejected_cleanly_within_bounds(
    case: corpus.YamlCase, tmp_path: Path
) -> None:
    path = tmp_path / case.name
    path.write_bytes(corpus.case_bytes(case))
    result = journey_maps(["validate", case.name], cwd=tmp_path, timeout=60)
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert result.returncode == (0 if case.valid else 1), output[-2000:]
    problems = [line for line in result.stdout.splitlines() if line]
    for line in problems:
        match = corpus.PROBLEM.match(line)
        assert match, line[:300]
        assert match["path"] == case.name
        assert len(line) < 2000, f"a {len(line):,}-character problem line"
    if case.valid:
        assert problems == []
        return
    assert problems, output[-2000:]
    first = corpus.PROBLEM.match(problems[0])
    assert first is not None
    assert re.search(case.message, first["msg"]), first["msg"][:300]
    if case.line is not None:
        assert int(first["line"]) == case.line
    # Object-building tags would have run `touch pwned` in the working folder.
    assert not (tmp_path / "pwned").exists()


@pytest.mark.parametrize("case", [c for c in corpus.yaml_cases() if c.valid], ids=lambda c: c.name)
def test_valid_oddities_render_to_well_formed_svg(case: corpus.YamlCase, tmp_path: Path) -> None:
    from hostile_checks import svg_problems

    (tmp_path / case.name).write_bytes(corpus.case_bytes(case))
    result = journey_maps(["render", case.name, "-o", "out.svg"], cwd=tmp_path, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert svg_problems((tmp_path / "out.svg").read_text("utf-8"), diagram=True) == []


def test_memory_limit_is_enforced(tmp_path: Path) -> None:
    """The bound the other tests rely on is real: a child that allocates 3 GB fails."""
    result = run_bounded(
        [sys.executable, "-c", "x = bytearray(3 * 1024**3)"], cwd=tmp_path, timeout=60
    )
    assert result.returncode != 0 and "MemoryError" in result.stderr
