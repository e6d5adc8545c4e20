"""A TrueType font for the text people type into fillable PDF templates.

The standard PDF fonts (Helvetica...) only encode Western European letters, so a Bulgarian
or Latvian user typing into a field would get boxes or question marks in some viewers. The
form therefore carries its own font: DejaVu Sans (or another TrueType file), embedded as a
composite (Type0, ``Identity-H``) font whose character ids *are* Unicode code points
(a ``CIDToGIDMap`` stream maps them to glyphs). Viewers that build field appearances for a
composite font from the text's UTF-16 (poppler does) then pick the right glyphs, and the
``ToUnicode`` map keeps typed text searchable and copyable.

Only the glyphs of the scripts the project serves are kept (Latin with its extensions,
Greek, Cyrillic, punctuation, currency and a few symbols): the others are emptied but keep
their numbers, so the font needs no renumbering and stays small enough (about a tenth of
the file) to ship in every template. Tables a PDF viewer never reads (layout features,
kerning, glyph names) are dropped; the ``name`` table, which holds the font's copyright and
licence notice, is kept.

Nothing here depends on fontTools: the few tables involved are read with :mod:`struct`.
"""

from __future__ import annotations

import hashlib
import os
import struct
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

#: Where DejaVu Sans usually lives; ``JOURNEY_MAPS_FORM_FONT`` names another TrueType file.
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf",
    "/usr/local/share/fonts/DejaVuSans.ttf",
    "/Library/Fonts/DejaVuSans.ttf",
    "C:/Windows/Fonts/DejaVuSans.ttf",
)
FONT_ENV = "JOURNEY_MAPS_FORM_FONT"

#: Code point ranges whose glyphs stay in the embedded font.
KEEP_RANGES = (
    (0x0020, 0x024F),  # Basic Latin ... Latin Extended-B (Baltic letters: ā ē ļ ņ š ž)
    (0x02B0, 0x036F),  # spacing modifiers, combining diacritics
    (0x0370, 0x03FF),  # Greek
    (0x0400, 0x052F),  # Cyrillic and its supplement
    (0x1E00, 0x1EFF),  # Latin Extended Additional
    (0x2000, 0x206F),  # general punctuation: dashes, quotes, bullets
    (0x20A0, 0x20CF),  # currency
    (0x2190, 0x21FF),  # arrows
    (0x25A0, 0x25FF),  # geometric shapes (▲ ● ▼)
    (0x2610, 0x2612),  # ballot boxes (☐ ☑ ☒)
    (0x2713, 0x2717),  # check and cross marks
)
_KEPT_TABLES = (
    "OS/2",
    "cmap",
    "cvt ",
    "fpgm",
    "glyf",
    "head",
    "hhea",
    "hmtx",
    "loca",
    "maxp",
    "name",
    "post",
    "prep",
)


class FontError(ValueError):
    """The file is not a TrueType font this module can embed."""


@dataclass(frozen=True)
class FormFont:
    """What a PDF needs to describe and embed a TrueType font for form fields."""

    name: str
    """PostScript name (``DejaVuSans``), used as the PDF ``BaseFont``."""
    units_per_em: int
    bbox: tuple[int, int, int, int]
    ascent: int
    descent: int
    cap_height: int
    italic_angle: float
    fixed_pitch: bool
    widths: dict[int, int]
    """Advance width in 1/1000 em per kept code point."""
    glyphs: dict[int, int]
    """Glyph id per kept code point."""
    program: bytes = field(repr=False)
    """The (subset) font file to embed as ``FontFile2``."""
    digest: str = ""
    """sha256 of the source file: part of cache keys, since it changes the PDF bytes."""

    def scale(self, value: float) -> int:
        """Font units → PDF glyph space (1000 per em)."""
        return round(value * 1000 / self.units_per_em)


def find_font_file() -> Path | None:
    """The TrueType file to embed: ``$JOURNEY_MAPS_FORM_FONT``, else DejaVu Sans if installed."""
    chosen = os.environ.get(FONT_ENV)
    candidates = [chosen] if chosen else list(FONT_CANDIDATES)
    for candidate in candidates:
        path = Path(candidate)
        if path.is_file():
            return path
    return None


@cache
def font_identity() -> str:
    """What the fillable PDFs of this process embed: the font file's sha256, or "helvetica".

    Cheap (no parsing), so cache keys can include it without loading the font.
    """
    path = find_font_file()
    return hashlib.sha256(path.read_bytes()).hexdigest() if path else "helvetica"


@cache
def load_form_font(path: Path | None = None) -> FormFont | None:
    """The embeddable font from ``path`` (default :func:`find_font_file`); None if none found.

    Cached per path: every template of a build embeds the same bytes.
    """
    path = path or find_font_file()
    if path is None:
        return None
    data = path.read_bytes()
    font = parse_font(data)
    return replace(font, digest=hashlib.sha256(data).hexdigest())


def _tables(data: bytes) -> dict[str, bytes]:
    if len(data) < 12 or data[:4] not in (b"\x00\x01\x00\x00", b"true"):
        raise FontError("not a TrueType font (OpenType CFF and collections are not supported)")
    (count,) = struct.unpack_from(">H", data, 4)
    tables: dict[str, bytes] = {}
    for index in range(count):
        tag, _checksum, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * index)
        if offset + length > len(data):
            raise FontError(f"table {tag!r} runs past the end of the file")
        tables[tag.decode("latin-1")] = data[offset : offset + length]
    missing = {"cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp"} - set(tables)
    if missing:
        raise FontError(f"font lacks the tables {', '.join(sorted(missing))}")
    return tables


def _cmap(table: bytes) -> dict[int, int]:
    """Unicode code point → glyph id, from the best Windows Unicode subtable."""
    (count,) = struct.unpack_from(">H", table, 2)
    subtables: dict[tuple[int, int], int] = {}
    for index in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", table, 4 + 8 * index)
        subtables[(platform, encoding)] = offset
    for key in ((3, 10), (0, 4), (3, 1), (0, 3)):
        offset = subtables.get(key)
        if offset is None:
            continue
        (fmt,) = struct.unpack_from(">H", table, offset)
        if fmt == 12:
            return _cmap12(table, offset)
        if fmt == 4:
            return _cmap4(table, offset)
    raise FontError("font has no Unicode character map (format 4 or 12)")


def _cmap4(table: bytes, offset: int) -> dict[int, int]:
    (seg2,) = struct.unpack_from(">H", table, offset + 6)
    segments = seg2 // 2
    ends = struct.unpack_from(f">{segments}H", table, offset + 14)
    starts = struct.unpack_from(f">{segments}H", table, offset + 16 + seg2)
    deltas = struct.unpack_from(f">{segments}h", table, offset + 16 + 2 * seg2)
    range_at = offset + 16 + 3 * seg2
    ranges = struct.unpack_from(f">{segments}H", table, range_at)
    found: dict[int, int] = {}
    for i in range(segments):
        for code in range(starts[i], min(ends[i], 0xFFFE) + 1):
            if ranges[i] == 0:
                glyph = (code + deltas[i]) & 0xFFFF
            else:
                at = range_at + 2 * i + ranges[i] + 2 * (code - starts[i])
                (glyph,) = struct.unpack_from(">H", table, at)
                if glyph:
                    glyph = (glyph + deltas[i]) & 0xFFFF
            if glyph:
                found[code] = glyph
    return found


def _cmap12(table: bytes, offset: int) -> dict[int, int]:
    (groups,) = struct.unpack_from(">I", table, offset + 12)
    found: dict[int, int] = {}
    for index in range(groups):
        start, end, glyph = struct.unpack_from(">III", table, offset + 16 + 12 * index)
        for code in range(start, min(end, 0x10FFFF) + 1):
            found[code] = glyph + code - start
    return found


def _postscript_name(table: bytes | None) -> str:
    if not table:
        return "FormFont"
    count, strings = struct.unpack_from(">HH", table, 2)
    for index in range(count):
        platform, _encoding, _lang, name_id, length, offset = struct.unpack_from(
            ">HHHHHH", table, 6 + 12 * index
        )
        if name_id != 6:
            continue
        raw = table[strings + offset : strings + offset + length]
        text = raw.decode("utf-16-be" if platform in (0, 3) else "latin-1", "replace")
        cleaned = "".join(c for c in text if c.isalnum() or c in "-_")
        if cleaned:
            return cleaned
    return "FormFont"


def _in_ranges(code: int) -> bool:
    return any(low <= code <= high for low, high in KEEP_RANGES)


def _components(glyph: bytes) -> list[int]:
    """Glyph ids a composite glyph is built from (accents on letters, for example)."""
    if len(glyph) < 10 or struct.unpack_from(">h", glyph, 0)[0] >= 0:
        return []
    found: list[int] = []
    at = 10
    while at + 4 <= len(glyph):
        flags, component = struct.unpack_from(">HH", glyph, at)
        found.append(component)
        at += 4 + (4 if flags & 0x0001 else 2)
        if flags & 0x0008:
            at += 2
        elif flags & 0x0040:
            at += 4
        elif flags & 0x0080:
            at += 8
        if not flags & 0x0020:
            break
    return found


def _checksum(data: bytes) -> int:
    padded = data + b"\0" * (-len(data) % 4)
    words: tuple[int, ...] = struct.unpack(f">{len(padded) // 4}I", padded)
    return sum(words) & 0xFFFFFFFF


def _sfnt(tables: dict[str, bytes]) -> bytes:
    """Assemble a font file from its tables, with checksums and the head adjustment."""
    tags = sorted(tables)
    count = len(tags)
    power = 1 << (count.bit_length() - 1)
    header = struct.pack(
        ">IHHHH", 0x00010000, count, power * 16, power.bit_length() - 1, count * 16 - power * 16
    )
    offset = 12 + 16 * count
    records, bodies = [], []
    for tag in tags:
        body = tables[tag]
        records.append(
            struct.pack(">4sIII", tag.encode("latin-1"), _checksum(body), offset, len(body))
        )
        padded = body + b"\0" * (-len(body) % 4)
        bodies.append(padded)
        offset += len(padded)
    font = bytearray(header + b"".join(records) + b"".join(bodies))
    head_at = 12 + 16 * count + sum(len(b) for b in bodies[: tags.index("head")])
    struct.pack_into(">I", font, head_at + 8, (0xB1B0AFBA - _checksum(bytes(font))) & 0xFFFFFFFF)
    return bytes(font)


def _subset(tables: dict[str, bytes], keep: Iterable[int], num_glyphs: int) -> bytes:
    """The font with every glyph outside ``keep`` emptied (glyph ids unchanged)."""
    head = tables["head"]
    (long_loca,) = struct.unpack_from(">h", head, 50)
    loca = tables["loca"]
    if long_loca:
        offsets = struct.unpack_from(f">{num_glyphs + 1}I", loca)
    else:
        offsets = tuple(2 * v for v in struct.unpack_from(f">{num_glyphs + 1}H", loca))
    glyf = tables["glyf"]
    wanted = {0, *keep}
    pending = list(wanted)
    while pending:  # composite glyphs need their parts
        gid = pending.pop()
        for part in _components(glyf[offsets[gid] : offsets[gid + 1]]):
            if part < num_glyphs and part not in wanted:
                wanted.add(part)
                pending.append(part)
    new_glyf = bytearray()
    new_loca = [0]
    for gid in range(num_glyphs):
        if gid in wanted:
            body = glyf[offsets[gid] : offsets[gid + 1]]
            new_glyf += body + b"\0" * (-len(body) % 4)
        new_loca.append(len(new_glyf))
    new_head = bytearray(head)
    struct.pack_into(">I", new_head, 8, 0)  # checkSumAdjustment, set by _sfnt
    struct.pack_into(">h", new_head, 50, 1)  # long loca offsets
    post = tables.get("post", b"")
    out = {tag: tables[tag] for tag in _KEPT_TABLES if tag in tables}
    out.update(
        glyf=bytes(new_glyf),
        loca=struct.pack(f">{len(new_loca)}I", *new_loca),
        head=bytes(new_head),
    )
    if len(post) >= 32:  # format 3: no glyph names (they are most of the table)
        out["post"] = struct.pack(">I", 0x00030000) + post[4:16] + b"\0" * 16
    return _sfnt(out)


def parse_font(data: bytes) -> FormFont:
    """Read metrics and the character map of a TrueType file, and subset it for embedding."""
    tables = _tables(data)
    head, hhea, maxp = tables["head"], tables["hhea"], tables["maxp"]
    (units,) = struct.unpack_from(">H", head, 18)
    bbox = struct.unpack_from(">4h", head, 36)
    ascent, descent = struct.unpack_from(">hh", hhea, 4)
    (metrics_count,) = struct.unpack_from(">H", hhea, 34)
    (num_glyphs,) = struct.unpack_from(">H", maxp, 4)
    hmtx = tables["hmtx"]
    advances = [struct.unpack_from(">H", hmtx, 4 * i)[0] for i in range(metrics_count)]
    advances += [advances[-1]] * (num_glyphs - metrics_count)
    post = tables.get("post", b"")
    italic = struct.unpack_from(">i", post, 4)[0] / 65536 if len(post) >= 16 else 0.0
    fixed = bool(struct.unpack_from(">I", post, 12)[0]) if len(post) >= 16 else False
    cmap = {code: gid for code, gid in _cmap(tables["cmap"]).items() if gid < num_glyphs}
    kept = {code: gid for code, gid in cmap.items() if _in_ranges(code)}
    cap_height = ascent * 0.7
    if "H" in map(chr, kept) and "loca" in tables:
        cap_height = _glyph_top(tables, kept[ord("H")], num_glyphs) or cap_height
    font = FormFont(
        name=_postscript_name(tables.get("name")),
        units_per_em=units,
        bbox=(bbox[0], bbox[1], bbox[2], bbox[3]),
        ascent=ascent,
        descent=descent,
        cap_height=round(cap_height),
        italic_angle=italic,
        fixed_pitch=fixed,
        widths={},
        glyphs=kept,
        program=_subset(tables, kept.values(), num_glyphs),
    )
    widths = {code: font.scale(advances[gid]) for code, gid in kept.items()}
    return replace(font, widths=widths)


def _glyph_top(tables: dict[str, bytes], gid: int, num_glyphs: int) -> int | None:
    (long_loca,) = struct.unpack_from(">h", tables["head"], 50)
    if long_loca:
        start, end = struct.unpack_from(">II", tables["loca"], 4 * gid)
    else:
        start, end = (2 * v for v in struct.unpack_from(">HH", tables["loca"], 2 * gid))
    if end - start < 10 or gid >= num_glyphs:
        return None
    return int(struct.unpack_from(">h", tables["glyf"], start + 8)[0])
