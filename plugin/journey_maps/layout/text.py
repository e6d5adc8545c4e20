"""Text measuring and wrapping with the metrics of the font the SVG is drawn in.

SVG does not wrap text, so every line break is decided here. Widths come from cairo's
"toy" font API with DejaVu Sans, which is exactly what cairosvg uses to rasterize our SVG
(it selects the first family of the ``font-family`` stack), and DejaVu Sans is close to
Verdana, the next family in the stack for browsers. Hinting is off so the widths are the
font's own, independent of pixel grids.

The toy API does no kerning and no ligatures, so a line's width is the sum of its words'
widths plus its spaces: words are measured once and cached, which keeps wrapping fast.
"""

from __future__ import annotations

import threading
import unicodedata
from functools import lru_cache
from typing import Any, Literal

FONT_FAMILY = "DejaVu Sans"
#: The ``font-family`` stack written into the SVG; the measured font comes first.
FONT_STACK = "'DejaVu Sans', Verdana, sans-serif"
ELLIPSIS = "…"

Weight = Literal["normal", "bold"]

_local = threading.local()


def _cairo_context(weight: Weight) -> Any:
    """A per-thread cairo context with the face selected (cairo contexts are not shared)."""
    key = f"ctx_{weight}"
    context = getattr(_local, key, None)
    if context is None:
        import cairocffi as cairo

        surface = cairo.ImageSurface(cairo.FORMAT_ARGB32, 1, 1)
        context = cairo.Context(surface)
        options = cairo.FontOptions()
        options.set_hint_metrics(cairo.HINT_METRICS_OFF)
        options.set_hint_style(cairo.HINT_STYLE_NONE)
        context.set_font_options(options)
        context.select_font_face(
            FONT_FAMILY,
            cairo.FONT_SLANT_NORMAL,
            cairo.FONT_WEIGHT_BOLD if weight == "bold" else cairo.FONT_WEIGHT_NORMAL,
        )
        context.set_font_size(100.0)
        setattr(_local, key, context)
    return context


def _estimate(text: str, weight: Weight) -> float:
    """Width at 100px without cairo: generous per-character averages (wide CJK = 1em)."""
    per_char = 68.0 if weight == "bold" else 62.0
    total = 0.0
    for char in text:
        wide = unicodedata.east_asian_width(char) in ("W", "F")
        total += 100.0 if wide else per_char
    return total


@lru_cache(maxsize=16384)
def _width_100(text: str, weight: Weight) -> float:
    """Advance width of ``text`` at 100px; widths scale linearly with the size."""
    try:
        return float(_cairo_context(weight).text_extents(text)[4])
    except (ImportError, OSError):  # pragma: no cover - cairo is a hard dependency
        return _estimate(text, weight)


@lru_cache(maxsize=16384)
def text_width(text: str, size: float, weight: Weight = "normal") -> float:
    """Width in px of one line of ``text`` at font ``size``, measured word by word."""
    if not text:
        return 0.0
    words = text.split(" ")
    total = sum(_width_100(word, weight) for word in words if word)
    total += (len(words) - 1) * _width_100(" ", weight)
    return total * size / 100.0


def normalize(text: str) -> list[str]:
    """Paragraphs of ``text`` with runs of whitespace folded to single spaces.

    Line breaks written in the YAML (``|`` blocks) are kept as paragraph breaks.
    """
    return [" ".join(part.split()) for part in text.replace("\r\n", "\n").split("\n")]


def _break_word(word: str, width: float, size: float, weight: Weight) -> list[str]:
    """Split a word longer than ``width`` into pieces that fit (at least one char each)."""
    pieces: list[str] = []
    current = ""
    for char in word:
        candidate = current + char
        if current and text_width(candidate, size, weight) > width:
            pieces.append(current)
            current = char
        else:
            current = candidate
    if current:
        pieces.append(current)
    return pieces


def wrap(text: str, width: float, size: float, weight: Weight = "normal") -> list[str]:
    """Greedy word wrap of ``text`` to lines no wider than ``width`` px.

    Over-long words (URLs, compound words) are broken between characters rather than
    overflowing the box. Empty paragraphs stay as empty lines. A site draws each map
    several times (page, download, languages, templates), so results are cached.
    """
    return list(_wrap(text, width, size, weight))


@lru_cache(maxsize=16384)
def _wrap(text: str, width: float, size: float, weight: Weight) -> tuple[str, ...]:
    space = text_width(" ", size, weight)
    lines: list[str] = []
    for paragraph in normalize(text):
        if not paragraph:
            lines.append("")
            continue
        line, line_width = "", 0.0
        for word in paragraph.split(" "):
            word_width = text_width(word, size, weight)
            if line and line_width + space + word_width <= width:
                line, line_width = f"{line} {word}", line_width + space + word_width
                continue
            if line:
                lines.append(line)
            if word_width <= width:
                line, line_width = word, word_width
                continue
            *full, line = _break_word(word, width, size, weight)
            lines.extend(full)
            line_width = text_width(line, size, weight)
        lines.append(line)
    while len(lines) > 1 and not lines[-1]:
        lines.pop()
    return tuple(lines)


def shorten(text: str, width: float, size: float, weight: Weight = "normal") -> str:
    """``text`` on one line, cut with an ellipsis to fit ``width`` (for tight spots only)."""
    line = " ".join(text.split())
    if text_width(line, size, weight) <= width:
        return line
    while line and text_width(line + ELLIPSIS, size, weight) > width:
        line = line[:-1]
    return line.rstrip() + ELLIPSIS if line else ""


def clip_lines(
    lines: list[str], max_lines: int, width: float, size: float, weight: Weight = "normal"
) -> tuple[list[str], bool]:
    """At most ``max_lines`` lines, the last one ending in an ellipsis if any were cut."""
    if len(lines) <= max_lines:
        return lines, False
    kept = lines[:max_lines]
    # The next line did not fit on the last kept one, so shortening always cuts it.
    kept[-1] = shorten(f"{kept[-1]} {lines[max_lines]}", width, size, weight)
    return kept, True
