"""Colour palettes (light and dark) for the drawings, and their CSS custom properties.

Layouts name colours by *role*; a palette maps each role to a colour. A standalone SVG
(files, PNG/PDF export) gets the concrete colours, because cairosvg cannot resolve
``var()``. An SVG inlined in a site page gets ``var(--jm-<role>, <fallback>)`` so the site
stylesheet can switch palettes with mkdocs-material's colour scheme: :data:`SITE_CSS`
defines every property for the default (light) scheme and for ``slate`` (dark).

Custom properties (one per role, all prefixed ``--jm-``):

==================== ==============================================================
``bg``               canvas background (follows ``--md-default-bg-color`` on a site)
``text``             body text and headings
``muted``            secondary text: descriptions, scale numbers
``grid``             column and lane separators (decorative)
``head-bg``          lane heading column
``stage-bg``         stage and time-slot header cells, the persona disc
``lane-bg``          lane rows, alternating with ``lane-alt-bg``
``lane-alt-bg``      every second lane row, empathy quadrants
``card-bg``          neutral cards and label pills
``card-border``      outline of neutral cards (decorative)
``action-bg``        action cards (``-border`` outline)
``thought-bg``       thought cards (``-border`` outline)
``touchpoint-bg``    touchpoint cards (``-border`` outline)
``pain-bg``          pain point cards (``-border`` outline)
``opportunity-bg``   opportunity and gain cards (``-border`` outline)
``icon``             channel icons
``curve``            the emotion curve
``zero``             the neutral (0) line of the emotion lane
``positive``         markers of positive emotions (triangle up)
``neutral``          markers of neutral emotions (circle)
``negative``         markers of negative emotions (triangle down)
``loop``             arrows back to an earlier stage
``outline``          empty boxes of blank templates (must print visibly)
==================== ==============================================================
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

Palette = MappingProxyType[str, str]

LIGHT: Final[Palette] = MappingProxyType(
    {
        "bg": "#ffffff",
        "text": "#1f2328",
        "muted": "#57606a",
        "grid": "#d0d7de",
        "head-bg": "#eef1f5",
        "stage-bg": "#dbe6f4",
        "lane-bg": "#ffffff",
        "lane-alt-bg": "#f6f8fa",
        "card-bg": "#ffffff",
        "card-border": "#c6ced6",
        "action-bg": "#eaf2ff",
        "action-border": "#a8c4ec",
        "thought-bg": "#f3eefe",
        "thought-border": "#c9b6ee",
        "touchpoint-bg": "#fdf6e3",
        "touchpoint-border": "#e3cf94",
        "pain-bg": "#fdecec",
        "pain-border": "#eeaaaa",
        "opportunity-bg": "#e8f6ed",
        "opportunity-border": "#98d2ad",
        "icon": "#0b5cad",
        "curve": "#2f5f9e",
        "zero": "#6e7781",
        "positive": "#1a7f37",
        "neutral": "#59636e",
        "negative": "#c62f2f",
        "loop": "#7a3fc8",
        "outline": "#6e7781",
    }
)

DARK: Final[Palette] = MappingProxyType(
    {
        "bg": "#1e2129",
        "text": "#e6edf3",
        "muted": "#a3adb8",
        "grid": "#3b4250",
        "head-bg": "#262b35",
        "stage-bg": "#2b3a52",
        "lane-bg": "#1e2129",
        "lane-alt-bg": "#232731",
        "card-bg": "#2a2f3a",
        "card-border": "#454d5c",
        "action-bg": "#1f2f48",
        "action-border": "#3d5a86",
        "thought-bg": "#2c2645",
        "thought-border": "#584a86",
        "touchpoint-bg": "#332e1e",
        "touchpoint-border": "#6b5e30",
        "pain-bg": "#3d2227",
        "pain-border": "#7a3d45",
        "opportunity-bg": "#1c3526",
        "opportunity-border": "#38704b",
        "icon": "#7cb8ff",
        "curve": "#8fb8f0",
        "zero": "#8b949e",
        "positive": "#4ac263",
        "neutral": "#a3adb8",
        "negative": "#ff8078",
        "loop": "#c9a4ff",
        "outline": "#8b949e",
    }
)

PALETTES: Final[MappingProxyType[str, Palette]] = MappingProxyType({"light": LIGHT, "dark": DARK})

#: Roles that follow mkdocs-material's own variables on a site (with our colour as fallback).
_MATERIAL: Final = {"bg": "--md-default-bg-color"}


def palette(theme: str) -> Palette:
    """The palette called ``theme`` ("light" or "dark")."""
    try:
        return PALETTES[theme]
    except KeyError:
        raise ValueError(f"unknown theme {theme!r}; use one of: {', '.join(PALETTES)}") from None


def custom_property(role: str) -> str:
    return f"--jm-{role}"


def _block(selector: str, colours: Palette) -> str:
    lines = []
    for role, value in colours.items():
        material = _MATERIAL.get(role)
        shown = f"var({material}, {value})" if material else value
        lines.append(f"  {custom_property(role)}: {shown};")
    return selector + " {\n" + "\n".join(lines) + "\n}\n"


def _role_classes(colours: Palette) -> str:
    """The colour classes of inline SVGs (``jm-f-<role>``, ``jm-s-<role>``) for every role.

    An inline diagram carries these rules in a ``<style>`` of its own, scoped to its id; a
    decorative one (a gallery card's thumbnail, hundreds per page) relies on these instead.
    """
    rules = [
        f".jm-svg .jm-{prop[0]}-{role} {{ {prop}: var({custom_property(role)}); }}"
        for role in colours
        for prop in ("fill", "stroke")
    ]
    return "\n".join(rules) + "\n"


#: Custom property definitions for a site: light by default and for mkdocs-material's
#: ``default`` scheme, dark for its ``slate`` scheme; then the colour classes.
SITE_CSS: Final[str] = (
    "/* mkdocs-journey-maps: colours of inline journey map diagrams (generated from\n"
    "   journey_maps.render.themes; edit the palettes there, not here). */\n"
    + _block(':root,\n[data-md-color-scheme="default"]', LIGHT)
    + _block('[data-md-color-scheme="slate"]', DARK)
    + _role_classes(LIGHT)
)


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a ``#rrggbb`` colour."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio between two ``#rrggbb`` colours (1 to 21)."""
    a, b = sorted((luminance(first), luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)
