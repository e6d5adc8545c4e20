"""The Mermaid journey corpus: one construct per file, with what Mermaid shows of it.

``fixtures/mermaid/corpus/NN-name.mmd`` is a journey Mermaid draws; ``NN-name.json`` beside it
lists, written by hand, its title, summary (accTitle and accDescr), map type, and every
section with its tasks as ``[name, score, [actors]]``, names with the line breaks Mermaid
draws. Tests import and draw each file and check that nothing listed is lost.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

CORPUS_DIR = Path(__file__).resolve().parent / "fixtures" / "mermaid" / "corpus"


@dataclass(frozen=True)
class Task:
    name: str
    score: Fraction
    actors: tuple[str, ...]


@dataclass(frozen=True)
class Section:
    name: str
    tasks: tuple[Task, ...]


@dataclass(frozen=True)
class Case:
    stem: str
    text: str
    title: str | None
    summary: str | None
    type: str
    sections: tuple[Section, ...]

    def actors(self) -> list[str]:
        """Every actor once, in the order of first appearance."""
        return list(dict.fromkeys(a for s in self.sections for t in s.tasks for a in t.actors))

    def texts(self) -> list[str]:
        """Every piece of text a drawing must show: title, section and task name lines."""
        names = [s.name for s in self.sections] + [t.name for s in self.sections for t in s.tasks]
        pieces = [p for name in names for p in re.split(r"\n| · ", name)]
        return ([self.title] if self.title else []) + pieces


def _case(path: Path) -> Case:
    expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    sections = tuple(
        Section(
            s["name"],
            tuple(Task(n, Fraction(str(score)), tuple(actors)) for n, score, actors in s["tasks"]),
        )
        for s in expected["sections"]
    )
    return Case(
        stem=path.stem,
        text=path.read_bytes().decode("utf-8"),
        title=expected["title"],
        summary=expected.get("summary"),
        type=expected.get("type", "current-state"),
        sections=sections,
    )


CORPUS = [_case(path) for path in sorted(CORPUS_DIR.glob("*.mmd"))]


def shown(score: Fraction) -> str:
    """A score as the import's YAML comment writes it."""
    return str(score.numerator) if score.denominator == 1 else str(float(score))


def emotion(scores: list[Fraction]) -> int:
    """The stage emotion the docs promise: mean minus 3, half away from zero, within -2..2."""
    mean = sum(scores, Fraction(0)) / len(scores) - 3
    magnitude = int(abs(mean) + Fraction(1, 2))
    return max(-2, min(2, magnitude if mean >= 0 else -magnitude))
