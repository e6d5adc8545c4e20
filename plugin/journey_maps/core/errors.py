"""Problems found in user input, and how they are printed.

Every problem carries a file, a 1-based line and column, and a message that says what is
wrong and how to fix it. Problems are collected, never raised one at a time, so that a user
sees all of them in one run.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path


class Severity(str, Enum):
    """How bad a problem is: errors stop a build, warnings stop only ``--strict`` builds."""

    ERROR = "error"
    WARNING = "warning"


def printable(text: str) -> str:
    """``text`` with invisible and control characters as ``\\uXXXX`` escapes, one line long.

    A file named with a zero-width space or a URL holding a newline must still give one
    readable ``path:line:col`` line, and show the character that is really there.
    """
    return "".join(
        c if c.isprintable() or c == " " else c.encode("unicode_escape").decode("ascii")
        for c in text
    )


def did_you_mean(word: str, options: Iterable[str]) -> str:
    """``"did you mean 'x'? "`` for the closest of ``options``, or ``""``: a message prefix."""
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'? " if close else ""


def display_path(path: Path, base: Path | None) -> str:
    """``path`` as problems show it: relative to ``base`` (the project) where it is inside.

    Links are not followed first: the file shown is the one the author sees in the folder,
    not the place a link points at.
    """
    if base is not None:
        # abspath: as written; realpath: through links (the base may be one); neither raises.
        for normalize in (os.path.abspath, os.path.realpath):
            try:
                return Path(normalize(path)).relative_to(normalize(base)).as_posix()
            except ValueError:
                pass
    return path.as_posix()


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one place in one file."""

    path: str
    line: int
    column: int
    message: str
    severity: Severity = Severity.ERROR

    def format(self) -> str:
        """Render as ``path:line:col: severity: message``, the format editors and CI parse."""
        # One problem, one line: control characters from the input (a newline inside a URL,
        # say) are shown escaped so they cannot break the format editors and CI parse.
        message, path = printable(self.message), printable(self.path)
        return f"{path}:{self.line}:{self.column}: {self.severity.value}: {message}"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


@dataclass
class Problems:
    """An ordered collection of problems, added to by every validation stage."""

    items: list[Problem] = field(default_factory=list)

    def add(
        self,
        path: str | Path,
        line: int,
        column: int,
        message: str,
        severity: Severity = Severity.ERROR,
    ) -> None:
        self.items.append(Problem(str(path), line, column, message, severity))

    def extend(self, other: Problems) -> None:
        self.items.extend(other.items)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if not p.is_error]

    def sorted(self) -> list[Problem]:
        """Problems by file, then position, so output is stable and easy to follow."""
        return sorted(set(self.items), key=lambda p: (p.path, p.line, p.column, p.message))

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)


class GalleryError(Exception):
    """Raised by entry points that must stop: carries every problem found, already formatted."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n".join(p.format() for p in problems)
        super().__init__(f"{len(problems)} problem(s) in journey map files:\n{lines}")
