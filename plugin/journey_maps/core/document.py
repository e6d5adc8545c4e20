"""Positioned data: what the YAML loader hands to validation.

Plain Python values (dicts, lists, strings, numbers, booleans, ``None``) with a table from
every key and value to its line and column, so that any later stage can point a problem at
the exact place in the file a person wrote. The loader (:mod:`journey_maps.load.yaml`)
makes these; nothing here parses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: A location inside a document: keys and list indexes from the root.
Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Mark:
    """A 1-based line and column."""

    line: int
    column: int


@dataclass
class Document:
    """Plain data from one YAML file, with the position of every value and key."""

    path: str
    data: Any
    values: dict[Loc, Mark] = field(default_factory=dict)
    keys: dict[Loc, Mark] = field(default_factory=dict)
    digest: str = ""
    """sha256 of the file's bytes: what caches of everything made from it are keyed by."""

    def mark(self, loc: Loc, *, prefer_key: bool = False) -> Mark:
        """The closest known position for ``loc``, walking up to its parents if needed.

        Validation errors sometimes name a location that the file does not have (a missing
        field, or a field of a shorthand entry); the nearest existing parent is the most
        useful place to point at.
        """
        probe = tuple(loc)
        while True:
            table = (self.keys, self.values) if prefer_key else (self.values, self.keys)
            for positions in table:
                if probe in positions:
                    return positions[probe]
            if not probe:
                return Mark(1, 1)
            probe = probe[:-1]


class YamlInt(int):
    """An int that remembers how it was written, so ``time: 0730`` can stay "0730" as text."""

    source: str

    def __new__(cls, source: str, base: int = 10) -> YamlInt:
        digits = source[2:] if base != 10 else source
        value = super().__new__(cls, int(digits, base))
        value.source = source
        return value


class YamlFloat(float):
    """A float that remembers how it was written (``value: 1.50`` stays "1.50" as text)."""

    source: str

    def __new__(cls, source: str) -> YamlFloat:
        value = super().__new__(
            cls, float(source.lower().replace(".inf", "inf").replace(".nan", "nan"))
        )
        value.source = source
        return value
