"""Palettes: WCAG contrast for every colour pair the drawings use, in light and dark."""

from __future__ import annotations

import re
from typing import Any

import pytest

from journey_maps.core.model import JourneyMap, Persona
from journey_maps.layout import Labels, layout_map, layout_thumbnail
from journey_maps.layout.geometry import (
    Circle,
    Drawing,
    Group,
    Icon,
    Marker,
    Path,
    Rect,
    Shape,
    TextBlock,
)
from journey_maps.render.themes import DARK, LIGHT, PALETTES, SITE_CSS, contrast_ratio, palette

TEXT_MIN, GRAPHIC_MIN = 4.5, 3.0


def _maps() -> list[JourneyMap]:
    stage: dict[str, Any] = {
        "name": "Search",
        "id": "search",
        "description": "Looks around",
        "goal": "Find one",
        "actions": ["Act"],
        "touchpoints": [
            {"name": n, "channel": n} for n in ("online", "offline", "person", "other")
        ],
        "thoughts": ["Hmm"],
        "emotion": {"score": -2, "label": "Sad", "quote": "Ugh"},
        "pain_points": ["Slow"],
        "opportunities": ["Faster"],
    }
    return [
        JourneyMap.model_validate(
            {
                "id": "j",
                "type": "current-state",
                "title": "Journey",
                "stages": [
                    stage,
                    {
                        **stage,
                        "id": "b",
                        "name": "B",
                        "emotion": {"score": 0, "label": "Meh"},
                        "loops_back_to": [{"stage": "search", "label": "Again"}],
                    },
                    {**stage, "id": "c", "name": "C", "emotion": {"score": 2, "label": "Yes"}},
                ],
            }
        ),
        JourneyMap.model_validate(
            {
                "id": "d",
                "type": "day-in-the-life",
                "title": "Day",
                "slots": [
                    {k: v for k, v in stage.items() if k not in ("name", "id")}
                    | {"time": "07:30", "name": "Wake"}
                ],
            }
        ),
        JourneyMap.model_validate(
            {
                "id": "e",
                "type": "empathy",
                "title": "Empathy",
                "empathy": {
                    "says": ["a"],
                    "thinks": ["b"],
                    "does": ["c"],
                    "feels": ["d"],
                    "goal": "g",
                    "pains": ["p"],
                    "gains": ["q"],
                },
            }
        ),
    ]


def _drawings() -> list[Drawing]:
    persona = Persona.model_validate({"name": "Colleen"})
    drawings = []
    for model in _maps():
        drawings += [layout_map(model, persona), layout_map(model, persona, blank=True)]
        drawings.append(layout_thumbnail(model, Labels()))
    return drawings


def _flat(items: tuple[Shape, ...]) -> list[Shape]:
    out: list[Shape] = []
    for item in items:
        if isinstance(item, Group):
            out.extend(_flat(item.items))
        else:
            out.append(item)
    return out


def _pairs(drawing: Drawing) -> list[tuple[str, str, float, Shape]]:
    """(foreground role, background role, required ratio, shape) for every meaningful mark."""
    pairs: list[tuple[str, str, float, Shape]] = []
    for shape in _flat(drawing.items):
        if isinstance(shape, TextBlock):
            pairs.append((shape.fill, shape.on, TEXT_MIN, shape))
        elif isinstance(shape, Marker):
            pairs.append((shape.fill, shape.on, GRAPHIC_MIN, shape))
        elif isinstance(shape, Icon):
            pairs.append((shape.color, shape.on, GRAPHIC_MIN, shape))
        elif isinstance(shape, Rect | Circle | Path) and shape.on is not None:
            role = shape.stroke or shape.fill
            assert role is not None
            pairs.append((role, shape.on, GRAPHIC_MIN, shape))
    return pairs


def test_palettes_define_the_same_roles_with_valid_colours() -> None:
    assert set(LIGHT) == set(DARK)
    for colours in PALETTES.values():
        assert all(re.fullmatch(r"#[0-9a-f]{6}", value) for value in colours.values())
    with pytest.raises(ValueError, match="unknown theme"):
        palette("sepia")


def test_contrast_ratio_matches_wcag_reference_values() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("theme", sorted(PALETTES))
def test_every_text_and_meaningful_shape_has_enough_contrast(theme: str) -> None:
    colours = PALETTES[theme]
    checked = 0
    for drawing in _drawings():
        for foreground, background, needed, shape in _pairs(drawing):
            ratio = contrast_ratio(colours[foreground], colours[background])
            assert ratio >= needed, (theme, foreground, background, round(ratio, 2), shape)
            checked += 1
    assert checked > 200


def _contains(shape: Shape, x: float, y: float) -> bool:
    if isinstance(shape, Rect):
        return shape.x <= x <= shape.x + shape.w and shape.y <= y <= shape.y + shape.h
    if isinstance(shape, Circle):
        return (x - shape.cx) ** 2 + (y - shape.cy) ** 2 <= shape.r**2
    return False


@pytest.mark.parametrize("index", range(9))
def test_text_really_sits_on_the_background_it_claims(index: int) -> None:
    # Contrast pairs are only as good as each shape's ``on``: find the filled shape that is
    # actually painted under the text (the last one drawn before it) and compare.
    drawing = _drawings()[index]
    flat = _flat(drawing.items)
    for position, shape in enumerate(flat):
        if not isinstance(shape, TextBlock | Marker):
            continue
        if isinstance(shape, TextBlock):
            x = shape.x if shape.align == "middle" else shape.x + 1
            y = shape.y + shape.line_height / 2
        else:
            x, y = shape.cx + shape.r + 1, shape.cy  # the ring around the marker
        beneath = next(
            (
                s.fill
                for s in reversed(flat[:position])
                if isinstance(s, Rect | Circle) and s.fill and _contains(s, x, y)
            ),
            drawing.background,
        )
        assert beneath == shape.on, (shape, beneath)


def test_site_css_defines_every_property_for_both_schemes() -> None:
    light, dark = SITE_CSS.split('[data-md-color-scheme="slate"]')
    assert '[data-md-color-scheme="default"]' in light
    for role in LIGHT:
        assert f"--jm-{role}: " in light and f"--jm-{role}: " in dark
    assert "--jm-bg: var(--md-default-bg-color, #ffffff);" in light
    assert f"--jm-text: {DARK['text']};" in dark
    assert SITE_CSS.count("{") == SITE_CSS.count("}")
    # two blocks of custom properties, then one fill and one stroke class per role
    assert SITE_CSS.count("{\n") == 2
    for role in LIGHT:
        assert f".jm-svg .jm-f-{role} {{ fill: var(--jm-{role}); }}" in SITE_CSS
        assert f".jm-svg .jm-s-{role} {{ stroke: var(--jm-{role}); }}" in SITE_CSS
