"""Drawing → SVG text, and the two entry points the site and the CLI call.

The output is deliberately plain: no scripts, no event attributes, no links and no
external references; every text from YAML is escaped. Numbers are written with one
fixed formatter and ids come from a prefix, so the same input gives the same bytes.

Two flavours:

* ``standalone=True`` (files, PNG/PDF export): concrete colours as presentation
  attributes, an XML declaration, ``width``/``height`` in px.
* ``standalone=False`` (inlined in an HTML page): colours are classes, defined in a
  ``<style>`` scoped to the diagram's id as ``var(--jm-<role>, <fallback>)``; the site
  stylesheet (:data:`journey_maps.render.themes.SITE_CSS`) sets the properties for mkdocs-material's
  light and dark schemes. The custom properties are listed in :mod:`journey_maps.render.themes`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from journey_maps.core.model import JourneyMap, Persona
from journey_maps.layout import Labels, layout_map, layout_thumbnail
from journey_maps.layout.geometry import (
    Circle,
    Command,
    Drawing,
    Group,
    Icon,
    Marker,
    Path,
    Rect,
    Shape,
    TextBlock,
)
from journey_maps.layout.text import FONT_STACK
from journey_maps.render.themes import Palette, custom_property, palette

SVG_NS = "http://www.w3.org/2000/svg"
_PREFIX = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
# Characters XML 1.0 does not allow at all (controls, surrogates, non-characters).
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;"})


@lru_cache(maxsize=16384)
def escape(text: str) -> str:
    """Text safe in element content and in double-quoted attributes."""
    return _INVALID_XML.sub("", text).translate(_ESCAPES)


@lru_cache(maxsize=65536)
def num(value: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros ("12", "3.5", "-0.25")."""
    whole = int(value)
    if value == whole:
        return str(whole)
    rounded = round(value, 2)
    if rounded == int(rounded):
        return str(int(rounded))
    return repr(rounded)


class _Paint:
    """Colour attributes for a role: concrete colours, or classes backed by a ``<style>``."""

    def __init__(self, colours: Palette, standalone: bool) -> None:
        self.colours = colours
        self.standalone = standalone
        self.used: set[tuple[str, str]] = set()
        self._memo: dict[tuple[str | None, str | None, str], str] = {}

    def __call__(self, fill: str | None, stroke: str | None, cls: str = "") -> str:
        key = (fill, stroke, cls)
        attrs = self._memo.get(key)
        if attrs is None:
            attrs = self._memo[key] = self._attributes(fill, stroke, cls)
        return attrs

    def _attributes(self, fill: str | None, stroke: str | None, cls: str) -> str:
        parts: list[str] = []
        classes = [cls] if cls else []
        for prop, role in (("fill", fill), ("stroke", stroke)):
            if role is None:
                if prop == "fill":
                    parts.append(' fill="none"')
                continue
            if role not in self.colours:
                raise KeyError(f"unknown colour role {role!r}")
            if self.standalone:
                parts.append(f' {prop}="{self.colours[role]}"')
            else:
                self.used.add((prop, role))
                classes.append(f"jm-{prop[0]}-{role}")
        if classes:
            parts.insert(0, f' class="{" ".join(classes)}"')
        return "".join(parts)

    def style(self, root_id: str) -> str:
        rules = [
            f"#{root_id} .jm-{prop[0]}-{role}{{{prop}:var({custom_property(role)}, "
            f"{self.colours[role]})}}"
            for prop, role in sorted(self.used)
        ]
        return "<style>" + "".join(rules) + "</style>"


def _stroke_extras(width: float, dash: tuple[float, ...], has_stroke: bool) -> str:
    if not has_stroke:
        return ""
    out = f' stroke-width="{num(width)}"' if width != 1 else ""
    if dash:
        out += f' stroke-dasharray="{" ".join(num(d) for d in dash)}"'
    return out


def _d(commands: tuple[Command, ...]) -> str:
    return " ".join(
        letter + (" " + " ".join(num(v) for v in values) if values else "")
        for letter, values in commands
    )


def _title(text: str | None) -> str:
    return f"<title>{escape(text)}</title>" if text else ""


# Channel pictograms in a 16×16 box, stroked with the icon colour (filled parts say so).
_ICONS = {
    "online": (
        '<circle cx="8" cy="8" r="6.5"/><ellipse cx="8" cy="8" rx="2.8" ry="6.5"/>'
        '<path d="M1.5 8H14.5M2.6 4.8H13.4M2.6 11.2H13.4"/>'
    ),
    "offline": (
        '<path d="M2 6.5L3.6 2.5H12.4L14 6.5Z"/><path d="M3 6.5V14H13V6.5"/>'
        '<path d="M6.5 14V10H9.5V14"/>'
    ),
    "person": (
        '<circle cx="8" cy="5" r="2.8" FILL/>'
        '<path d="M2.5 14.5C2.5 10.8 5 9.2 8 9.2S13.5 10.8 13.5 14.5Z" FILL/>'
    ),
    "other": '<circle cx="8" cy="8" r="6.2"/><circle cx="8" cy="8" r="2.8" FILL/>',
}


class _Writer:
    def __init__(self, paint: _Paint, prefix: str) -> None:
        self.paint = paint
        self.prefix = prefix
        self.out: list[str] = []

    def shape(self, item: Shape) -> None:
        if isinstance(item, Rect):
            self._rect(item)
        elif isinstance(item, TextBlock):
            self._text(item)
        elif isinstance(item, Group):
            self._group(item)
        elif isinstance(item, Path):
            self._path(item)
        elif isinstance(item, Marker):
            self._marker(item)
        elif isinstance(item, Icon):
            self._icon(item)
        else:
            self._circle(item)

    def _rect(self, r: Rect) -> None:
        rounded = f' rx="{num(r.radius)}"' if r.radius else ""
        self.out.append(
            f'<rect x="{num(r.x)}" y="{num(r.y)}" width="{num(r.w)}" height="{num(r.h)}"'
            f"{rounded}{self.paint(r.fill, r.stroke, r.cls)}"
            f"{_stroke_extras(r.stroke_width, r.dash, r.stroke is not None)}/>"
        )

    def _circle(self, c: Circle) -> None:
        self.out.append(
            f'<circle cx="{num(c.cx)}" cy="{num(c.cy)}" r="{num(c.r)}"'
            f"{self.paint(c.fill, c.stroke, c.cls)}"
            f"{_stroke_extras(c.stroke_width, (), c.stroke is not None)}/>"
        )

    def _text(self, t: TextBlock) -> None:
        if not any(t.lines):
            return
        anchor = ' text-anchor="middle"' if t.align == "middle" else ""
        weight = ' font-weight="bold"' if t.weight == "bold" else ""
        # data-max-width: the box width the lines were wrapped to, so a browser test can
        # compare it with the width the browser actually lays the text out at.
        head = (
            f'<text font-size="{num(t.size)}"{weight}{anchor}{self.paint(t.fill, None, t.cls)}'
            f' data-max-width="{num(t.max_width)}"'
            + (f' lang="{escape(t.lang)}"' if t.lang else "")
        )
        if len(t.lines) == 1:
            body = f' x="{num(t.x)}" y="{num(t.baseline(0))}">{escape(t.lines[0])}</text>'
        else:
            spans = "".join(
                f'<tspan x="{num(t.x)}" y="{num(t.baseline(i))}">{escape(line)}</tspan>'
                for i, line in enumerate(t.lines)
                if line
            )
            body = f">{spans}</text>"
        text = head + body
        if t.full_text:
            text = f"<g>{_title(t.full_text)}{text}</g>"
        self.out.append(text)

    def _path(self, p: Path) -> None:
        caps = ' stroke-linecap="round" stroke-linejoin="round"' if p.stroke else ""
        self.out.append(
            f'<path d="{_d(p.commands)}"{self.paint(p.fill, p.stroke, p.cls)}'
            f"{_stroke_extras(p.stroke_width, p.dash, p.stroke is not None)}{caps}"
            + (f">{_title(p.tooltip)}</path>" if p.tooltip else "/>")
        )

    def _marker(self, m: Marker) -> None:
        attrs = f'{self.paint(m.fill, m.outline, m.cls)} stroke-width="2"' + (
            f' data-score="{m.score}"' if m.score is not None else ""
        )
        inner = f">{_title(m.tooltip)}" if m.tooltip else "/>"
        if m.shape == "circle":
            self.out.append(
                f'<circle cx="{num(m.cx)}" cy="{num(m.cy)}" r="{num(m.r * 0.9)}"{attrs}{inner}'
                + ("</circle>" if m.tooltip else "")
            )
            return
        # Centroid on (cx, cy): apex 1.2 r away, base 0.6 r on the other side.
        sign = -1 if m.shape == "up" else 1
        apex, base, half = m.cy + sign * 1.2 * m.r, m.cy - sign * 0.6 * m.r, 1.2 * m.r
        points = (
            f"{num(m.cx)},{num(apex)} {num(m.cx + half)},{num(base)} {num(m.cx - half)},{num(base)}"
        )
        self.out.append(
            f'<polygon points="{points}"{attrs} stroke-linejoin="round"{inner}'
            + ("</polygon>" if m.tooltip else "")
        )

    def _icon(self, i: Icon) -> None:
        scale = i.size / 16
        color = self.paint(None, i.color, f"jm-icon jm-icon-{i.kind}")
        filled = self.paint(i.color, None)
        body = _ICONS[i.kind].replace(" FILL", filled)
        self.out.append(
            f'<g transform="translate({num(i.x)} {num(i.y)}) scale({num(scale)})"'
            f'{color} stroke-width="1.5" stroke-linejoin="round">{_title(i.tooltip)}{body}</g>'
        )

    def _group(self, g: Group) -> None:
        attrs = f' id="{self.prefix}-{escape(g.key)}"' if g.key else ""
        attrs += f' class="{escape(g.cls)}"' if g.cls else ""
        attrs += "".join(f' data-{name}="{escape(value)}"' for name, value in g.data)
        self.out.append(f"<g{attrs}>")
        for item in g.items:
            self.shape(item)
        self.out.append("</g>")


def to_svg(
    drawing: Drawing, *, standalone: bool, theme: str, id_prefix: str, decorative: bool = False
) -> str:
    """SVG text for ``drawing`` (see the module docstring for the two flavours).

    A ``decorative`` inline SVG repeats what the text beside it says (a gallery card's
    thumbnail): hidden from assistive technology, without title and description, and
    without a ``<style>`` of its own, since the site stylesheet colours its classes.
    """
    if not _PREFIX.match(id_prefix):
        raise ValueError(
            f"id_prefix {id_prefix!r} is not a valid id: start with a letter, then use "
            "letters, digits, '-' and '_'"
        )
    paint = _Paint(palette(theme), standalone)
    writer = _Writer(paint, id_prefix)
    writer.shape(Rect(0, 0, drawing.width, drawing.height, fill=drawing.background))
    for item in drawing.items:
        writer.shape(item)
    width, height = num(drawing.width), num(drawing.height)
    if decorative and not standalone:
        return (
            f'<svg xmlns="{SVG_NS}" class="jm-svg jm-{escape(drawing.kind)}" width="{width}"'
            f' height="{height}" viewBox="0 0 {width} {height}" aria-hidden="true"'
            f' focusable="false" font-family="{FONT_STACK}">' + "".join(writer.out) + "</svg>\n"
        )
    head = [
        '<?xml version="1.0" encoding="UTF-8"?>\n' if standalone else "",
        f'<svg xmlns="{SVG_NS}" id="{id_prefix}" class="jm-svg jm-{escape(drawing.kind)}"'
        f' width="{width}" height="{height}" viewBox="0 0 {width} {height}"'
        f' role="img" aria-labelledby="{id_prefix}-title {id_prefix}-desc"'
        f' font-family="{FONT_STACK}">',
        f'<title id="{id_prefix}-title">{escape(drawing.title)}</title>',
        f'<desc id="{id_prefix}-desc">{escape(drawing.desc)}</desc>',
    ]
    if not standalone:
        head.append(paint.style(id_prefix))
    return "".join(head) + "".join(writer.out) + "</svg>\n"


def default_prefix(journey: JourneyMap) -> str:
    """``jm-<map id>[-<language>]``: unique per map and language on a page."""
    prefix = f"jm-{journey.id or 'map'}"
    if journey.language:
        prefix += f"-{journey.language}"
    return re.sub(r"[^A-Za-z0-9_-]", "-", prefix)


def render_map_svg(
    journey: JourneyMap,
    persona: Persona | None,
    *,
    labels: Labels | None = None,
    standalone: bool = True,
    theme: str = "light",
    id_prefix: str | None = None,
    blank: bool = False,
) -> str:
    """The full diagram of ``journey`` as SVG text."""
    drawing = layout_map(journey, persona, labels, blank=blank)
    return to_svg(
        drawing, standalone=standalone, theme=theme, id_prefix=id_prefix or default_prefix(journey)
    )


def render_thumbnail_svg(
    journey: JourneyMap,
    *,
    labels: Labels | None = None,
    standalone: bool = True,
    theme: str = "light",
    id_prefix: str | None = None,
    decorative: bool = False,
) -> str:
    """A 320×180 card picture of ``journey``: columns and emotion curve, no small text."""
    drawing = layout_thumbnail(journey, labels or Labels())
    return to_svg(
        drawing,
        standalone=standalone,
        theme=theme,
        id_prefix=id_prefix or default_prefix(journey) + "-thumb",
        decorative=decorative,
    )
