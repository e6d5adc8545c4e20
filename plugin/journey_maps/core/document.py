"""Positioned data: what the YAML loader hands to validation.

Plain Python values (dicts, lists, strings, numbers, booleans, ``None``) with a table from
every key and value to its line and column, so that any later stage can point a problem at
the exact place in the file a person wrote. The loader (:mod:`journey_maps.load.yaml`)
makes these; nothing here parses.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

#: A location inside a document: keys and list indexes from the root.
Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Mark:
    """A 1-based line and column."""

    line: int
    column: int


#: Reads a document's position tables on demand: ``(values, keys)``.
Positions = Callable[[], tuple[dict[Loc, Mark], dict[Loc, Mark]]]


class Document:
    """Plain data from one YAML file, with the position of every value and key; ``digest``
    is the sha256 of the file's bytes, what caches of everything made from it are keyed by.

    The position tables may come later: a document read back from a build's store has its
    ``positions`` read only when asked for (only a problem needs one, and decoding them was
    most of what reading a kept file cost)."""

    __slots__ = ("_keys", "_positions", "_values", "data", "digest", "path")

    def __init__(
        self,
        path: str,
        data: Any,
        values: dict[Loc, Mark] | None = None,
        keys: dict[Loc, Mark] | None = None,
        digest: str = "",
        *,
        positions: Positions | None = None,
    ) -> None:
        self.path = path
        self.data = data
        self.digest = digest
        self._values = {} if values is None else values
        self._keys = {} if keys is None else keys
        self._positions = positions

    def __repr__(self) -> str:
        return f"Document(path={self.path!r}, digest={self.digest!r})"

    @property
    def values(self) -> dict[Loc, Mark]:
        """The position of every value, by location."""
        self._read_positions()
        return self._values

    @property
    def keys(self) -> dict[Loc, Mark]:
        """The position of every mapping key, by the location of its value."""
        self._read_positions()
        return self._keys

    def _read_positions(self) -> None:
        if self._positions is not None:
            self._values, self._keys = self._positions()
            self._positions = None

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
