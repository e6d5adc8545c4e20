"""A drawing as plain data: positioned boxes, text lines, paths, markers and icons.

Layout modules produce a :class:`Drawing`; :mod:`journey_maps.render.svg` turns it into SVG text.
Keeping the description free of SVG lets tests check positions and text fits directly, and
lets another backend draw the same picture.

Colours are *roles* (``"text"``, ``"pain-bg"``...), resolved by a palette in
:mod:`journey_maps.render.themes`. Every text, and every shape that carries meaning, names the role
it is drawn ``on``, so contrast can be checked for each pair that actually occurs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, TypeAlias

from journey_maps.layout.text import Weight

Point: TypeAlias = tuple[float, float]
#: A path command and its numbers: ``("M", (x, y))``, ``("L", (x, y))``,
#: ``("C", (x1, y1, x2, y2, x, y))`` or ``("Z", ())``.
Command: TypeAlias = tuple[Literal["M", "L", "C", "Z"], tuple[float, ...]]
MarkerShape = Literal["up", "circle", "down"]
IconKind = Literal["online", "offline", "person", "other"]


@dataclass(frozen=True, slots=True)
class Rect:
    """A box, filled and/or outlined; ``on`` is set when the outline carries meaning."""

    x: float
    y: float
    w: float
    h: float
    fill: str | None = None
    stroke: str | None = None
    stroke_width: float = 1.0
    radius: float = 0.0
    dash: tuple[float, ...] = ()
    on: str | None = None
    cls: str = ""


@dataclass(frozen=True, slots=True)
class Circle:
    cx: float
    cy: float
    r: float
    fill: str | None = None
    stroke: str | None = None
    stroke_width: float = 1.0
    on: str | None = None
    cls: str = ""


@dataclass(frozen=True, slots=True)
class TextBlock:
    """Lines of text set left-aligned at ``x``, the first line box starting at ``y``.

    Every line was wrapped to ``max_width`` with the measuring function of
    :mod:`journey_maps.layout.text`; ``full_text`` holds the original when lines were cut.
    """

    x: float
    y: float
    lines: tuple[str, ...]
    size: float
    line_height: float
    max_width: float
    fill: str
    on: str
    weight: Weight = "normal"
    full_text: str | None = None
    align: Literal["start", "middle"] = "start"
    """With "middle", ``x`` is the centre of every line."""
    cls: str = ""
    lang: str | None = None
    """The text's language when it differs from the drawing's (an untranslated text)."""

    @property
    def height(self) -> float:
        return len(self.lines) * self.line_height

    def baseline(self, index: int) -> float:
        """Baseline of line ``index``: the glyphs sit centred in their line box."""
        return self.y + index * self.line_height + (self.line_height + self.size * 0.7) / 2


@dataclass(frozen=True, slots=True)
class Path:
    commands: tuple[Command, ...]
    stroke: str | None = None
    fill: str | None = None
    stroke_width: float = 1.0
    dash: tuple[float, ...] = ()
    on: str | None = None
    cls: str = ""
    tooltip: str | None = None


@dataclass(frozen=True, slots=True)
class Marker:
    """An emotion point: the shape tells the valence, so colour is never the only cue."""

    cx: float
    cy: float
    r: float
    shape: MarkerShape
    fill: str
    outline: str
    on: str
    score: int | None = None
    tooltip: str | None = None
    cls: str = ""


@dataclass(frozen=True, slots=True)
class Icon:
    """A channel pictogram in a ``size`` square whose top-left corner is ``x``, ``y``."""

    x: float
    y: float
    size: float
    kind: IconKind
    color: str
    on: str
    tooltip: str | None = None


@dataclass(frozen=True, slots=True)
class Group:
    """Shapes that belong together (a lane, a stage column): one ``<g>`` with a class.

    ``key`` becomes an element id (after the diagram's prefix); ``data`` holds plain
    ``data-*`` attributes for scripts that enhance the page (filters, zoom).
    """

    items: tuple[Shape, ...]
    cls: str = ""
    key: str | None = None
    data: tuple[tuple[str, str], ...] = ()


Shape: TypeAlias = Rect | Circle | TextBlock | Path | Marker | Icon | Group


@dataclass(frozen=True, slots=True)
class Band:
    """A column (x range) or a lane (y range) of the grid, for tests and hit areas."""

    key: str
    start: float
    size: float

    @property
    def end(self) -> float:
        return self.start + self.size

    @property
    def middle(self) -> float:
        return self.start + self.size / 2


@dataclass(frozen=True, slots=True)
class EmotionScale:
    """Where a score sits vertically: ``top`` is the highest score, ``bottom`` the lowest."""

    top: float
    bottom: float
    low: int = -2
    high: int = 2

    def y(self, score: float) -> float:
        return self.top + (self.high - score) / (self.high - self.low) * (self.bottom - self.top)


@dataclass(frozen=True, slots=True)
class Drawing:
    """A complete picture in px, with an accessible name (title) and summary (desc)."""

    width: float
    height: float
    title: str
    desc: str
    items: tuple[Shape, ...]
    background: str = "bg"
    columns: tuple[Band, ...] = ()
    lanes: tuple[Band, ...] = ()
    emotion_scale: EmotionScale | None = None
    kind: str = "map"


def walk(items: tuple[Shape, ...]) -> list[Shape]:
    """Every shape, depth first, groups included (for tests and checks)."""
    found: list[Shape] = []
    for item in items:
        found.append(item)
        if isinstance(item, Group):
            found.extend(walk(item.items))
    return found
