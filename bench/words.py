"""The vocabulary of generated maps, taken from the sample gallery's own text.

Real map text has real word lengths and letter mixes, which matter for text wrapping, search
indexing and page size; lorem ipsum would not. A built-in fallback keeps the bench working
if the sample maps are missing or renamed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_MAPS = ROOT / "maps"

_URL = re.compile(r"(?:https?://|mailto:)\S+")
_WORD = re.compile(r"[A-Za-z][a-z]+(?:'[a-z]+)?(?:-[a-z]+)?")
_FALLBACK = (
    "customer finds product page reviews compares prices delivery support order waits "
    "answers quality durable research social proof checkout warranty frustrated relieved "
    "team plan survey feedback online store email chat journey stage goal pain opportunity"
)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def sample_words(folder: Path = SAMPLE_MAPS) -> list[str]:
    """Every lowercase word of the sample maps' and personas' text, repeats kept, sorted.

    Repeats are kept so that drawing from the list follows the samples' word frequencies
    ("the" is common, "spreadsheet" rare); sorting makes the list independent of the file
    system's listing order, so a seeded generator gives the same gallery everywhere.
    """
    found: list[str] = []
    for path in sorted(folder.glob("*.yaml")) + sorted(folder.glob("personas/*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for text in _strings(data):
            found.extend(word.lower() for word in _WORD.findall(_URL.sub(" ", text)))
    words = sorted(found)
    return words if len(set(words)) >= 50 else sorted(_FALLBACK.split())
