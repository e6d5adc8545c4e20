"""Standalone SVG → PNG and PDF with cairosvg: the same drawing the page shows, on paper.

Three promises, because these files are published and cached:

* **Print resolution.** A PNG is rasterized at ``dpi`` (150 by default: SVG px are CSS px,
  1/96 in, so the picture prints at the size the browser shows it, sharp) and carries that
  resolution in its ``pHYs`` chunk. Cairo writes PNGs without one, and is slow at it, so
  the pixels are encoded here: no filter, zlib, fixed chunk order.
* **Paper.** A PDF page is the drawing's own size (1 px = 0.75 pt) or, given a paper name,
  that paper in landscape with the drawing scaled to fit inside a 10 mm margin, centred,
  aspect kept. The fit is a :class:`PageFit`, so form fields can be placed on the same
  spots as the boxes they cover.
* **Reproducible bytes.** The same SVG gives the same file in any process: cairo's
  creation date is removed (a generated download gains nothing from it, and leaving it
  out needs no ``SOURCE_DATE_EPOCH``); the title is the drawing's, the creator fixed; and
  fonts are resolved the way the layout resolves them before anything is drawn
  (:func:`_prime_fonts`), since cairo's hinting depends on what a process drew first.
"""

from __future__ import annotations

import io
import re
import struct
import sys
import zlib
from dataclasses import dataclass
from typing import Final

from journey_maps import __version__

PX_PER_INCH: Final = 96.0
PT_PER_PX: Final = 72.0 / PX_PER_INCH
MM: Final = 72.0 / 25.4
DEFAULT_DPI: Final = 150
MIN_DPI, MAX_DPI = 36, 600
#: The largest PNG drawn, in pixels: beyond this a typo in ``--dpi`` would eat the memory.
MAX_PIXELS: Final = 80_000_000
#: Landscape paper sizes in pt (ISO sizes from their mm definitions).
PAPERS: Final = {
    "a4": (297 * MM, 210 * MM),
    "letter": (792.0, 612.0),
    "a3": (420 * MM, 297 * MM),
}
PAPER_MARGIN: Final = 10 * MM
CREATOR: Final = f"mkdocs-journey-maps {__version__}"

_ROOT = re.compile(r"<svg\b[^>]*>")
_ATTR = re.compile(r'\s(width|height|viewBox)="([^"]*)"')
_TITLE = re.compile(r"<title\b[^>]*>([^<]*)</title>")
_ENTITIES = {"&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'", "&amp;": "&"}


class ExportError(ValueError):
    """An export cannot be made from these inputs (bad SVG size, paper or resolution)."""


@dataclass(frozen=True)
class PageFit:
    """Where a drawing lands on a PDF page: page size and the px → pt mapping."""

    width: float
    height: float
    scale: float
    """pt per drawing px."""
    left: float
    top: float
    """Offset of the drawing's top-left corner from the page's top-left corner, in pt."""

    def rect(self, x: float, y: float, w: float, h: float) -> tuple[float, float, float, float]:
        """A drawing rectangle (px, y down) as a PDF rectangle (pt, y up): llx lly urx ury."""
        left = self.left + x * self.scale
        top = self.height - self.top - y * self.scale
        return (left, top - h * self.scale, left + w * self.scale, top)


def page_fit(width: float, height: float, paper: str | None = None) -> PageFit:
    """The page for a ``width`` × ``height`` px drawing: its own size, or ``paper`` landscape."""
    if width <= 0 or height <= 0:
        raise ExportError(f"the drawing has no size ({width} × {height})")
    if paper is None:
        return PageFit(width * PT_PER_PX, height * PT_PER_PX, PT_PER_PX, 0.0, 0.0)
    try:
        page_w, page_h = PAPERS[paper]
    except KeyError:
        raise ExportError(f"unknown paper {paper!r}; use one of: {', '.join(PAPERS)}") from None
    scale = min((page_w - 2 * PAPER_MARGIN) / width, (page_h - 2 * PAPER_MARGIN) / height)
    return PageFit(
        page_w, page_h, scale, (page_w - width * scale) / 2, (page_h - height * scale) / 2
    )


def _number(value: str, what: str) -> float:
    try:
        return float(value.removesuffix("px"))
    except ValueError:
        raise ExportError(f"the SVG {what} {value!r} is not a number of px") from None


def svg_size(svg: str) -> tuple[float, float]:
    """The ``width`` and ``height`` (px) of a standalone SVG's root element."""
    root = _ROOT.search(svg)
    if root is None:
        raise ExportError("not an SVG document: no <svg> element")
    attrs = dict(_ATTR.findall(root.group(0)))
    if "width" not in attrs or "height" not in attrs:
        raise ExportError("the SVG root has no width and height")
    return _number(attrs["width"], "width"), _number(attrs["height"], "height")


def svg_title(svg: str) -> str:
    """The text of the first ``<title>`` (the drawing's accessible name), unescaped."""
    found = _TITLE.search(svg)
    if not found:
        return ""
    return re.sub(r"&(?:lt|gt|quot|apos|amp);", lambda m: _ENTITIES[m[0]], found.group(1))


def _prime_fonts() -> None:
    """Resolve the fonts the way the layout does before cairo draws any text.

    Cairo resolves a font face once per process, with the options of the first text drawn
    or measured, and later drawing inherits that hinting. The layout measures with hinting
    off; a worker process that only draws would resolve with the default hinting and put
    different pixels into the same PNG. Measuring first makes every process draw alike.
    """
    from journey_maps.layout.text import text_width

    text_width("Ag", 12.0, "normal")
    text_width("Ag", 12.0, "bold")


def _for_cairo(svg: str, fit: PageFit | None = None) -> str:
    """The SVG to draw: as it is, or with a root viewport the size of the page ``fit`` says.

    Only the root's ``width``, ``height`` and ``viewBox`` change: the viewBox gets the page's
    aspect ratio, so cairosvg maps it onto the page without any extra alignment.
    """
    root = _ROOT.search(svg)
    if root is None:
        raise ExportError("not an SVG document: no <svg> element")
    _prime_fonts()
    if fit is None:
        return svg
    tag = root.group(0)
    close = "/>" if tag.endswith("/>") else ">"
    tag = tag[: -len(close)]
    view = (
        f"{-fit.left / fit.scale:.4f} {-fit.top / fit.scale:.4f} "
        f"{fit.width / fit.scale:.4f} {fit.height / fit.scale:.4f}"
    )
    values = {"width": f"{fit.width:.4f}pt", "height": f"{fit.height:.4f}pt", "viewBox": view}
    tag = _ATTR.sub(lambda m: f' {m[1]}="{values[m[1]]}"', tag)
    if "viewBox=" not in tag:
        tag += f' viewBox="{view}"'
    return svg[: root.start()] + tag + close + svg[root.end() :]


def svg_to_pdf(svg: str, *, paper: str | None = None, title: str | None = None) -> bytes:
    """A one-page PDF of ``svg``: the drawing's size, or fitted on ``paper`` (landscape)."""
    import cairocffi
    from cairosvg.parser import Tree
    from cairosvg.surface import PDFSurface

    width, height = svg_size(svg)
    source = _for_cairo(svg, None if paper is None else page_fit(width, height, paper))
    output = io.BytesIO()
    surface = PDFSurface(Tree(bytestring=source.encode("utf-8")), output, PX_PER_INCH)
    pdf = surface.cairo
    pdf.set_metadata(cairocffi.PDF_METADATA_CREATE_DATE, "")  # "" removes the date
    pdf.set_metadata(cairocffi.PDF_METADATA_CREATOR, CREATOR)
    shown = svg_title(svg) if title is None else title
    if shown:
        pdf.set_metadata(cairocffi.PDF_METADATA_TITLE, shown)
    surface.finish()
    return output.getvalue()


def check_dpi(dpi: float) -> None:
    if not MIN_DPI <= dpi <= MAX_DPI:
        raise ExportError(f"a resolution of {dpi:g} dpi is outside {MIN_DPI}–{MAX_DPI}")


def png_size(width: float, height: float, dpi: float) -> tuple[int, int]:
    """Pixel size of a ``width`` × ``height`` px drawing rasterized at ``dpi``."""
    scale = dpi / PX_PER_INCH
    return max(1, round(width * scale)), max(1, round(height * scale))


def fitting_dpi(svg: str, dpi: float) -> float:
    """``dpi``, or the highest lower resolution at which the PNG stays under MAX_PIXELS.

    A valid map can be very large (30 time slots of long texts): its PNG gets a lower
    resolution rather than failing the whole site build. The PNG's pHYs chunk records the
    resolution actually used, so it still prints at its true size.
    """
    width, height = svg_size(svg)
    pixels_w, pixels_h = png_size(width, height, dpi)
    if pixels_w * pixels_h <= MAX_PIXELS:
        return dpi
    scaled = dpi * (MAX_PIXELS / (pixels_w * pixels_h)) ** 0.5
    while (
        scaled > MIN_DPI
        and png_size(width, height, scaled)[0] * png_size(width, height, scaled)[1] > MAX_PIXELS
    ):
        scaled -= 1
    return max(float(int(scaled)), float(MIN_DPI))


def svg_to_png(svg: str, *, dpi: float = DEFAULT_DPI, fit: bool = True) -> bytes:
    """An opaque RGB PNG of ``svg`` at ``dpi``, with the resolution in its ``pHYs`` chunk.

    With ``fit`` (the default) a drawing too large for ``dpi`` is rendered at the highest
    resolution that fits (see :func:`fitting_dpi`); without it, that is an error.
    """
    from cairosvg.parser import Tree
    from cairosvg.surface import PNGSurface

    check_dpi(dpi)
    if fit:
        dpi = fitting_dpi(svg, dpi)
    pixels_w, pixels_h = png_size(*svg_size(svg), dpi)
    if pixels_w * pixels_h > MAX_PIXELS:
        raise ExportError(
            f"a {pixels_w} × {pixels_h} px PNG is too large; lower the resolution (--dpi)"
        )
    tree = Tree(bytestring=_for_cairo(svg).encode("utf-8"))
    surface = PNGSurface(
        tree, None, PX_PER_INCH, scale=dpi / PX_PER_INCH, background_color="#ffffff"
    )
    image = surface.cairo
    image.flush()
    return encode_png(
        bytes(image.get_data()), image.get_width(), image.get_height(), image.get_stride(), dpi
    )


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def encode_png(argb: bytes, width: int, height: int, stride: int, dpi: float) -> bytes:
    """PNG bytes for an opaque cairo ARGB32 image (native-endian words) at ``dpi``.

    The background was painted white, so alpha is 255 everywhere and the colour channels
    are not premultiplied in any visible way: they are copied as they are into RGB.
    """
    order = (2, 1, 0) if sys.byteorder == "little" else (1, 2, 3)
    row = 3 * width
    rgb = bytearray(row * height)
    packed = (
        argb
        if stride == 4 * width
        else b"".join(argb[y * stride : y * stride + 4 * width] for y in range(height))
    )
    for channel, source in enumerate(order):
        rgb[channel::3] = packed[source::4]
    # Filter type 0 ("none") in front of every row.
    raw = b"".join(b"\0" + rgb[y * row : (y + 1) * row] for y in range(height))
    per_metre = round(dpi / 0.0254)
    return b"".join(
        (
            b"\x89PNG\r\n\x1a\n",
            _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)),
            _chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1)),
            _chunk(b"IDAT", zlib.compress(raw, 6)),
            _chunk(b"IEND", b""),
        )
    )


def png_info(data: bytes) -> tuple[int, int, float | None]:
    """Width, height and dpi (from ``pHYs``; None without one) of PNG bytes, for checks."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ExportError("not a PNG file")
    at, width, height, dpi = 8, 0, 0, None
    while at + 8 <= len(data):
        (length,) = struct.unpack_from(">I", data, at)
        kind = data[at + 4 : at + 8]
        body = data[at + 8 : at + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack_from(">II", body)
        elif kind == b"pHYs":
            x_ppm, _y_ppm, unit = struct.unpack_from(">IIB", body)
            dpi = x_ppm * 0.0254 if unit == 1 else None
        elif kind == b"IEND":
            break
        at += 12 + length
    return width, height, dpi
