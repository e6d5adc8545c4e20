"""Shared helpers for the validation tests (loader, gallery checks and the CLI).

Fixtures live in ``tests/fixtures``:

* ``invalid/<case>/`` is a small gallery with one kind of mistake. ``expected.txt`` holds the
  exact ``path:line:col: severity: message`` lines, paths relative to the case folder, in the
  order the CLI prints them. A case whose ``expected.txt`` describes the *correct* behaviour
  that the validator does not deliver yet also has ``xfail.txt`` with the reason; its test is a
  strict xfail, so fixing the bug turns it into an XPASS that has to be looked at.
* ``valid/<gallery>/`` are galleries without any problem.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from journey_maps.load.folder import load_gallery

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
FIXTURES = TESTS / "fixtures"
INVALID = FIXTURES / "invalid"
VALID = FIXTURES / "valid"
SAMPLE_GALLERY = REPO / "maps"

#: One problem per output line, the format editors and CI parse.
PROBLEM_LINE = re.compile(r"^[^:]+:\d+:\d+: (error|warning): .+$")


def invalid_case_dirs() -> list[Path]:
    return sorted(p for p in INVALID.iterdir() if p.is_dir())


def xfail_reason(case: Path) -> str | None:
    marker = case / "xfail.txt"
    return marker.read_text(encoding="utf-8").strip() if marker.exists() else None


def invalid_cases(*, include_xfail: bool = True) -> list[object]:
    """``pytest.param`` per invalid fixture, id = folder name, known bugs marked xfail."""
    params: list[object] = []
    for case in invalid_case_dirs():
        reason = xfail_reason(case)
        if reason is None:
            params.append(pytest.param(case, id=case.name))
        elif include_xfail:
            mark = pytest.mark.xfail(strict=True, reason=reason)
            params.append(pytest.param(case, id=case.name, marks=mark))
    return params


def expected_lines(case: Path) -> list[str]:
    return (case / "expected.txt").read_text(encoding="utf-8").splitlines()


def problem_lines(folder: Path, **options: object) -> list[str]:
    """What ``journey-maps validate .`` prints for ``folder`` when run inside it."""
    _, problems = load_gallery(folder, display_base=folder, **options)  # type: ignore[arg-type]
    return [p.format() for p in problems.sorted()]


def write_gallery(root: Path, files: dict[str, str | bytes]) -> Path:
    """Create a gallery under ``root`` from ``{relative path: text or bytes}``."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


MINIMAL_MAP = """\
type: current-state
title: Buying a vacuum cleaner
stages:
  - name: Search
"""
