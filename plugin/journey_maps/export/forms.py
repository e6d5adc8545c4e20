"""Fillable PDF templates: one AcroForm text field over every empty box of a blank template.

The page itself is the cairo PDF of the blank drawing (so it prints exactly like the PNG
and the page); this module adds the form on top with pypdf. Each field is named after its
stage and lane (``stage-1.actions``), carries a tooltip (``/TU``) in the template's language
for screen readers and hover help, is multi-line where the box is, and has no border or
background of its own: the printed box *is* the field's frame.

Typed text may be Cyrillic or Baltic, which the standard PDF fonts cannot show, so the
fields' default appearance uses an embedded TrueType font (:mod:`.fonts`) when one is
installed, and the form asks viewers to draw the typed text themselves
(``/NeedAppearances``). Without a font file the fields fall back to Helvetica (``/Helv``):
viewers then substitute a font of their own for letters outside Western European ones,
which most do on screen but which is not guaranteed in print.
"""

from __future__ import annotations

import io
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from journey_maps.export.fonts import FormFont
from journey_maps.export.raster import PageFit

if TYPE_CHECKING:
    from pypdf import PdfWriter
    from pypdf.generic import DictionaryObject, EncodedStreamObject, IndirectObject

MULTILINE = 1 << 12
PRINT = 1 << 2
_RANGES_PER_BLOCK = 100


@dataclass(frozen=True)
class FormField:
    """A text field over a box of the drawing (px, top-left origin, like the drawing)."""

    name: str
    tooltip: str
    x: float
    y: float
    w: float
    h: float
    multiline: bool = True
    font_size: float = 13.0
    """In drawing px: scaled with the drawing, so typed text matches the printed text."""


def _stream(data: bytes, extra: dict[str, int] | None = None) -> EncodedStreamObject:
    """A Flate-compressed stream (zlib level 9 is deterministic, like every level)."""
    from pypdf.generic import DecodedStreamObject, NameObject, NumberObject

    stream = DecodedStreamObject()
    stream.set_data(data)
    encoded = stream.flate_encode(level=9)
    for key, value in (extra or {}).items():
        encoded[NameObject(key)] = NumberObject(value)
    return encoded


def _runs(codes: Sequence[int]) -> list[list[int]]:
    """Consecutive code points grouped: [[32, 33, ..., 126], [160, ...], ...]."""
    runs: list[list[int]] = []
    for code in codes:
        if runs and code == runs[-1][-1] + 1:
            runs[-1].append(code)
        else:
            runs.append([code])
    return runs


def _to_unicode(codes: Sequence[int]) -> bytes:
    """A ToUnicode CMap for character ids that are their own code points."""
    ranges: list[str] = []
    for run in _runs(codes):
        start = run[0]
        while start <= run[-1]:
            # A bfrange may not cross a change of the first byte.
            end = min(run[-1], start | 0xFF)
            ranges.append(f"<{start:04X}> <{end:04X}> <{start:04X}>")
            start = end + 1
    blocks = [
        f"{len(part)} beginbfrange\n" + "\n".join(part) + "\nendbfrange"
        for part in (
            ranges[i : i + _RANGES_PER_BLOCK] for i in range(0, len(ranges), _RANGES_PER_BLOCK)
        )
    ]
    return (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        + "\n".join(blocks)
        + "\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    ).encode("ascii")


def font_resource(writer: PdfWriter, font: FormFont) -> IndirectObject:
    """Add ``font`` to ``writer`` as a Type0 font whose character ids are code points."""
    from pypdf.generic import (
        ArrayObject,
        DictionaryObject,
        FloatObject,
        NameObject,
        NumberObject,
        TextStringObject,
    )

    codes = sorted(c for c in font.glyphs if c <= 0xFFFF)
    cid_to_gid = bytearray(2 * (codes[-1] + 1))
    for code in codes:
        struct.pack_into(">H", cid_to_gid, 2 * code, font.glyphs[code])
    widths = ArrayObject()
    for run in _runs(codes):
        widths.append(NumberObject(run[0]))
        widths.append(ArrayObject(NumberObject(font.widths[c]) for c in run))
    add = writer._add_object  # pypdf has no public way to add a plain indirect object
    program = _stream(font.program, {"/Length1": len(font.program)})
    descriptor = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/FontDescriptor"),
            NameObject("/FontName"): NameObject(f"/{font.name}"),
            NameObject("/Flags"): NumberObject(32 | (1 if font.fixed_pitch else 0)),
            NameObject("/FontBBox"): ArrayObject(NumberObject(font.scale(v)) for v in font.bbox),
            NameObject("/ItalicAngle"): FloatObject(font.italic_angle),
            NameObject("/Ascent"): NumberObject(font.scale(font.ascent)),
            NameObject("/Descent"): NumberObject(font.scale(font.descent)),
            NameObject("/CapHeight"): NumberObject(font.scale(font.cap_height)),
            NameObject("/StemV"): NumberObject(80),
            NameObject("/FontFile2"): add(program),
        }
    )
    descendant = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/CIDFontType2"),
            NameObject("/BaseFont"): NameObject(f"/{font.name}"),
            NameObject("/CIDSystemInfo"): DictionaryObject(
                {
                    NameObject("/Registry"): TextStringObject("Adobe"),
                    NameObject("/Ordering"): TextStringObject("Identity"),
                    NameObject("/Supplement"): NumberObject(0),
                }
            ),
            NameObject("/FontDescriptor"): add(descriptor),
            NameObject("/DW"): NumberObject(font.widths.get(0x20, 500)),
            NameObject("/W"): widths,
            NameObject("/CIDToGIDMap"): add(_stream(bytes(cid_to_gid))),
        }
    )
    return add(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type0"),
                NameObject("/BaseFont"): NameObject(f"/{font.name}"),
                NameObject("/Encoding"): NameObject("/Identity-H"),
                NameObject("/DescendantFonts"): ArrayObject([add(descendant)]),
                NameObject("/ToUnicode"): add(_stream(_to_unicode(codes))),
            }
        )
    )


def _helvetica() -> DictionaryObject:
    from pypdf.generic import DictionaryObject, NameObject

    return DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        }
    )


def add_form(
    pdf: bytes,
    fields: Sequence[FormField],
    fit: PageFit,
    *,
    font: FormFont | None,
    language: str | None = None,
) -> bytes:
    """``pdf`` (one page, laid out by ``fit``) with a text field for each of ``fields``."""
    try:
        from pypdf import PdfReader, PdfWriter
    except ImportError as exc:  # pragma: no cover - pypdf is a dependency
        raise RuntimeError("fillable PDF templates need pypdf: pip install pypdf") from exc
    from pypdf.generic import (
        ArrayObject,
        BooleanObject,
        DecodedStreamObject,
        DictionaryObject,
        FloatObject,
        NameObject,
        NumberObject,
        TextStringObject,
    )

    names = [f.name for f in fields]
    if len(set(names)) != len(names):
        raise ValueError("form field names must be unique")
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    page = writer.pages[0]
    add = writer._add_object
    if font is not None:
        font_name, font_ref = f"/{font.name}", font_resource(writer, font)
    else:
        font_name, font_ref = "/Helv", add(_helvetica())
    fonts = DictionaryObject({NameObject(font_name): font_ref})
    refs = ArrayObject()
    for spec in fields:
        llx, lly, urx, ury = fit.rect(spec.x, spec.y, spec.w, spec.h)
        size = round(spec.font_size * fit.scale, 2)
        appearance = f"{font_name} {size:g} Tf 0 g"
        empty = DecodedStreamObject()
        empty.set_data(b"/Tx BMC\nEMC\n")
        empty.update(
            {
                NameObject("/Type"): NameObject("/XObject"),
                NameObject("/Subtype"): NameObject("/Form"),
                NameObject("/BBox"): ArrayObject(
                    [
                        FloatObject(0),
                        FloatObject(0),
                        FloatObject(round(urx - llx, 3)),
                        FloatObject(round(ury - lly, 3)),
                    ]
                ),
                NameObject("/Resources"): DictionaryObject({NameObject("/Font"): fonts}),
            }
        )
        widget = writer.add_annotation(
            page,
            {
                "/Type": NameObject("/Annot"),
                "/Subtype": NameObject("/Widget"),
                "/FT": NameObject("/Tx"),
                "/T": TextStringObject(spec.name),
                "/TU": TextStringObject(spec.tooltip),
                "/Ff": NumberObject(MULTILINE if spec.multiline else 0),
                "/F": NumberObject(PRINT),
                "/Rect": ArrayObject(FloatObject(round(v, 3)) for v in (llx, lly, urx, ury)),
                "/DA": TextStringObject(appearance),
                "/Q": NumberObject(0),
                "/BS": DictionaryObject({NameObject("/W"): NumberObject(0)}),
                "/MK": DictionaryObject(),
                "/AP": DictionaryObject({NameObject("/N"): add(empty)}),
            },
        )
        refs.append(widget.indirect_reference)
    writer.root_object[NameObject("/AcroForm")] = add(
        DictionaryObject(
            {
                NameObject("/Fields"): refs,
                NameObject("/NeedAppearances"): BooleanObject(True),
                NameObject("/DA"): TextStringObject(f"{font_name} 0 Tf 0 g"),
                NameObject("/DR"): DictionaryObject({NameObject("/Font"): fonts}),
            }
        )
    )
    if language:
        writer.root_object[NameObject("/Lang")] = TextStringObject(language)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()
