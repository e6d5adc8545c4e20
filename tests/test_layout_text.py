"""Text metrics and wrapping: real font widths, lines that fit, nothing lost."""

from __future__ import annotations

import itertools

import cairocffi as cairo
import pytest

from journey_maps.layout.text import (
    ELLIPSIS,
    FONT_FAMILY,
    clip_lines,
    normalize,
    shorten,
    text_width,
    wrap,
)

SAMPLES = [
    "Searches the web for durable vacuum cleaners",
    "Изследване Предложение Покупка",
    "Pārdošana, čeks, ņemt, õun, üle, šokolaad",
]


def _cairo_width(text: str, size: float, bold: bool = False) -> float:
    surface = cairo.ImageSurface(cairo.FORMAT_ARGB32, 1, 1)
    context = cairo.Context(surface)
    options = cairo.FontOptions()
    options.set_hint_metrics(cairo.HINT_METRICS_OFF)
    context.set_font_options(options)
    weight = cairo.FONT_WEIGHT_BOLD if bold else cairo.FONT_WEIGHT_NORMAL
    context.select_font_face(FONT_FAMILY, cairo.FONT_SLANT_NORMAL, weight)
    context.set_font_size(size)
    return float(context.text_extents(text)[4])


@pytest.mark.parametrize("text", SAMPLES)
def test_word_by_word_width_equals_whole_line_width(text: str) -> None:
    # The cache measures words and adds spaces; the font has no kerning in cairo's toy API,
    # so the sum must be the width cairo (and cairosvg) gives the whole line.
    assert text_width(text, 13) == pytest.approx(_cairo_width(text, 13), abs=0.05)
    assert text_width(text, 14, "bold") == pytest.approx(_cairo_width(text, 14, True), abs=0.05)


def test_widths_scale_with_size_and_weight() -> None:
    base = text_width("Opportunities", 12)
    assert base > 50
    assert text_width("Opportunities", 24) == pytest.approx(2 * base)
    assert text_width("Opportunities", 12, "bold") > base
    assert text_width("", 13) == 0


@pytest.mark.parametrize("text", ["Изследване Предложение", "ā č ņ õ ü š Ā Č Ņ Õ Ü Š"])
def test_cyrillic_and_baltic_letters_have_real_glyphs(text: str) -> None:
    # Glyph 0 is the font's "missing glyph" box: DejaVu Sans must cover these scripts.
    surface = cairo.ImageSurface(cairo.FORMAT_ARGB32, 1, 1)
    context = cairo.Context(surface)
    context.select_font_face(FONT_FAMILY)
    context.set_font_size(13)
    glyphs = context.get_scaled_font().text_to_glyphs(0, 0, text, False)
    assert glyphs
    assert all(glyph[0] != 0 for glyph in glyphs)


@pytest.mark.parametrize("width", [60.0, 120.0, 200.0, 400.0])
@pytest.mark.parametrize("text", SAMPLES)
def test_wrapped_lines_fit_and_keep_every_word(text: str, width: float) -> None:
    lines = wrap(text, width, 13)
    assert all(text_width(line, 13) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    if text_width(text, 13) <= width:
        assert lines == [text]


def test_wrap_uses_the_width_greedily() -> None:
    text = "one two three four five six seven eight nine ten"
    width = text_width("one two three four", 13) + 0.5
    lines = wrap(text, width, 13)
    assert lines[0] == "one two three four"
    for line, following in itertools.pairwise(lines):
        # The next line's first word did not fit on this one.
        assert text_width(f"{line} {following.split()[0]}", 13) > width


def test_over_long_word_is_broken_not_overflowing() -> None:
    word = "Donaudampfschifffahrtsgesellschaftskapitänskajüte"
    lines = wrap(f"See {word} now", 100, 13)
    assert len(lines) > 3
    assert all(text_width(line, 13) <= 100 for line in lines)
    assert "".join(lines).replace(" ", "") == f"See{word}now"


def test_a_single_character_wider_than_the_box_still_makes_progress() -> None:
    assert wrap("WWW", 2, 13) == ["W", "W", "W"]


def test_paragraph_breaks_and_whitespace() -> None:
    assert normalize("  a \t b\n\nc  ") == ["a b", "", "c"]
    assert wrap("first line\nsecond", 500, 13) == ["first line", "second"]


def test_shorten_and_clip_add_an_ellipsis_only_when_needed() -> None:
    assert shorten("short", 200, 13) == "short"
    cut = shorten("a rather long sentence that cannot fit", 80, 13)
    assert cut.endswith(ELLIPSIS)
    assert text_width(cut, 13) <= 80
    lines = wrap("one two three four five six seven eight nine ten", 60, 13)
    kept, was_cut = clip_lines(lines, 2, 60, 13)
    assert was_cut and len(kept) == 2 and kept[-1].endswith(ELLIPSIS)
    assert all(text_width(line, 13) <= 60 for line in kept)
    assert clip_lines(lines[:2], 2, 60, 13) == (lines[:2], False)
