"""Blank templates: the four types, in any language, and fillable PDFs that keep what is typed."""

from __future__ import annotations

import io
import re
import struct
from pathlib import Path
from typing import Any, cast

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject

from helpers_tools import needs
from journey_maps.core.model import MapType
from journey_maps.export.blank import (
    BLANK_LINE,
    TEMPLATE_TYPES,
    BlankTemplate,
    TemplateLabels,
    blank_template,
)
from journey_maps.export.fonts import (
    KEEP_RANGES,
    FontError,
    find_font_file,
    load_form_font,
    parse_font,
)
from journey_maps.export.jobs import ExportJob, render
from journey_maps.export.raster import page_fit, svg_to_pdf
from journey_maps.layout import Labels
from test_export_raster import (
    dark_share,
    needs_poppler,
    needs_qpdf,
    page_pixels,
    pdf_text,
    qpdf_check,
)

HAVE_FONT = find_font_file() is not None
needs_font = needs(HAVE_FONT, "install DejaVu Sans (apt-get install fonts-dejavu-core)")

BULGARIAN = Labels(
    actions="Действия",
    touchpoints="Точки на контакт",
    thoughts="Мисли",
    emotion="Емоция",
    pain_points="Болезнени точки",
    opportunities="Възможности",
    current_state="Карта на пътя на клиента: текущо състояние",
    persona="Персона",
)
BULGARIAN_TEXTS = TemplateLabels(
    language="bg",
    title="Заглавие",
    stage_1="Изследване",
    stage_2="Предложение",
    stage_3="Конверсия",
    stage_4="Използване",
    stage_5="Лоялност",
)
LANES = ("actions", "touchpoints", "thoughts", "emotion", "pain_points", "opportunities")


def catalog(reader: PdfReader) -> Any:
    """The document catalog (pypdf types it as a plain PdfObject)."""
    return reader.trailer["/Root"]


def fillable_pdf(template: BlankTemplate, paper: str | None = "a4") -> bytes:
    job = ExportJob(
        path="t.pdf",
        format="pdf",
        source=template.svg,
        kind="template",
        subject=template.type.value,
        language=template.language,
        paper=paper,
        title=template.title,
        fields=template.fields,
    )
    return render(job)


@pytest.fixture(scope="module")
def current() -> BlankTemplate:
    return blank_template(MapType.CURRENT_STATE)


@pytest.fixture(scope="module")
def current_pdf(current: BlankTemplate) -> bytes:
    return fillable_pdf(current)


# --- the drawing --------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", TEMPLATE_TYPES)
def test_every_type_has_a_blank_drawing_with_boxes(kind: MapType) -> None:
    template = blank_template(kind)
    assert template.svg.startswith("<?xml")
    assert template.svg.count('class="jm-blank"') >= 4
    assert BLANK_LINE in template.svg  # the title line to write on
    assert f'<title id="jm-template-{kind.value}-title">{Labels().map_type(kind)}</title>' in (
        template.svg
    )


def test_journey_templates_use_the_five_step_flow_and_every_lane(current: BlankTemplate) -> None:
    for name in ("Research", "Offer", "Conversion", "Usage", "Loyalty"):
        assert f">{name}<" in current.svg
    for lane in ("Actions", "Touchpoints", "Thoughts", "Emotion", "Pain points", "Opportunities"):
        assert f">{lane}<" in current.svg
    assert current.svg.count('class="jm-blank"') == 5 * 5  # emotion has a scale, not boxes


def test_day_in_the_life_has_six_time_slots() -> None:
    template = blank_template(MapType.DAY_IN_THE_LIFE)
    slots = re.findall(r'data-stage="(slot-\d)"', template.svg)
    assert sorted(set(slots)) == [f"slot-{i}" for i in range(1, 7)]
    assert ">Early morning<" in template.svg and ">Night<" in template.svg


def test_empathy_template_has_the_quadrants_and_the_persona() -> None:
    template = blank_template(MapType.EMPATHY)
    for word in ("Says", "Thinks", "Does", "Feels", "Goal", "Pains", "Gains", "Persona"):
        assert f">{word}<" in template.svg


def test_labels_translate_the_template() -> None:
    template = blank_template(MapType.CURRENT_STATE, labels=BULGARIAN, texts=BULGARIAN_TEXTS)
    for word in ("Изследване", "Лоялност", "Действия", "Болезнени точки", "Заглавие"):
        assert word in template.svg
    assert "Research" not in template.svg and "Actions" not in template.svg
    assert template.language == "bg"


# --- the form fields ------------------------------------------------------------------------


def test_a_field_per_box_named_after_stage_and_lane(current: BlankTemplate) -> None:
    names = [f.name for f in current.fields]
    assert names[:2] == ["title", "persona"]
    expected = [f"stage-{i}.{lane}" for i in range(1, 6) for lane in LANES]
    assert names[2:] == expected  # stage by stage, lanes top-down: the tab order
    by_name = {f.name: f for f in current.fields}
    assert by_name["stage-1.actions"].tooltip == "Research — Actions"
    assert by_name["stage-5.pain_points"].tooltip == "Loyalty — Pain points"
    assert by_name["title"].multiline is False and by_name["stage-2.thoughts"].multiline


def test_fields_sit_on_the_boxes(current: BlankTemplate) -> None:
    boxes = re.findall(
        r'<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)" rx="4" '
        r'class="jm-blank"',
        current.svg,
    )
    rects = {tuple(round(float(v), 1) for v in box) for box in boxes}
    cells = [f for f in current.fields if "." in f.name and not f.name.endswith(".emotion")]
    assert len(cells) == len(rects) == 25
    assert {(round(f.x, 1), round(f.y, 1), round(f.w, 1), round(f.h, 1)) for f in cells} == rects


def test_empathy_fields() -> None:
    names = {f.name for f in blank_template(MapType.EMPATHY).fields}
    assert names == {
        "title",
        "says",
        "thinks",
        "does",
        "feels",
        "persona",
        "goal",
        "pains",
        "gains",
    }


def test_pdf_has_a_text_field_over_every_box(current: BlankTemplate, current_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(current_pdf))
    fields = reader.get_fields()
    assert fields is not None
    assert set(fields) == {f.name for f in current.fields}
    field = fields["stage-3.opportunities"]
    assert field["/FT"] == "/Tx"
    assert field["/TU"] == "Conversion — Opportunities"
    assert int(field["/Ff"]) & (1 << 12)  # multi-line
    form = catalog(reader)["/AcroForm"]
    assert form["/NeedAppearances"] == True  # noqa: E712 (a pypdf BooleanObject)
    # The widget lies on its box: the box's rectangle mapped onto the A4 page.
    spec = next(f for f in current.fields if f.name == "stage-3.opportunities")
    fit = page_fit(current.width, current.height, "a4")
    widget = next(
        a.get_object()
        for a in cast(Any, reader.pages[0])["/Annots"]
        if a.get_object()["/T"] == "stage-3.opportunities"
    )
    assert [float(v) for v in widget["/Rect"]] == pytest.approx(
        list(fit.rect(spec.x, spec.y, spec.w, spec.h)), abs=0.01
    )


@needs_font
def test_fields_use_an_embedded_unicode_font(current_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(current_pdf))
    form = catalog(reader)["/AcroForm"]
    font_name, size, _ = str(form["/DA"]).split(" ", 2)
    font = form["/DR"]["/Font"][NameObject(font_name)].get_object()
    assert font["/Subtype"] == "/Type0" and font["/Encoding"] == "/Identity-H"
    descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
    program = descriptor["/FontFile2"].get_object().get_data()
    assert program[:4] == b"\x00\x01\x00\x00"
    glyphs = parse_font(program).glyphs  # the subset still maps the letters we promise
    for char in "AzĀļŅšŽЖзЯёΩ€–“”":
        assert ord(char) in glyphs
    assert size == "0"


@needs_font
@pytest.mark.parametrize("paper", ["a4", "letter", "a3"])
def test_unicode_values_survive_saving_and_reopening(
    current: BlankTemplate, paper: str, tmp_path: Path
) -> None:
    values = {
        "title": "Ceļojuma karte — Изследване",
        "persona": "Žanete Ozoliņa",
        "stage-1.actions": "Изследване на пазара\nceļojuma karte",
        "stage-5.emotion": "+2 — щастлива",
    }
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(fillable_pdf(current, paper))))
    writer.update_page_form_field_values(writer.pages[0], values, auto_regenerate=True)
    path = tmp_path / "filled.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    fields = PdfReader(path).get_fields()
    assert fields is not None
    assert {name: fields[name].get("/V") for name in values} == values


@needs_poppler
@needs_font
def test_typed_text_is_drawn(current: BlankTemplate) -> None:
    """poppler draws the filled field (with our font): the box is no longer empty."""
    empty = fillable_pdf(current)
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(empty)))
    writer.update_page_form_field_values(
        writer.pages[0], {"stage-1.actions": "Изследване ceļojuma ЖЖЖЖ"}, auto_regenerate=True
    )
    buffer = io.BytesIO()
    writer.write(buffer)
    width, _, before = page_pixels(empty, dpi=72)
    _, _, after = page_pixels(buffer.getvalue(), dpi=72)
    spec = next(f for f in current.fields if f.name == "stage-1.actions")
    fit = page_fit(current.width, current.height, "a4")
    left, _, right, top = fit.rect(spec.x, spec.y, spec.w, spec.h)
    rows = range(round(fit.height - top) + 2, round(fit.height - top) + 14)
    box = slice(round(left) + 2, round(right) - 2)

    def region(pixels: bytes) -> bytes:
        return b"".join(pixels[r * width : (r + 1) * width][box] for r in rows)

    assert dark_share(region(before)) == 0
    assert dark_share(region(after)) > 0.02


@needs_qpdf
def test_fillable_pdf_passes_qpdf(current_pdf: bytes, tmp_path: Path) -> None:
    result = qpdf_check(current_pdf, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


@needs_poppler
def test_fillable_pdf_renders(current_pdf: bytes) -> None:
    _, _, pixels = page_pixels(current_pdf)
    assert 0.01 < dark_share(pixels) < 0.6


@needs_poppler
def test_bulgarian_template_pdf_has_its_headings() -> None:
    template = blank_template(MapType.CURRENT_STATE, labels=BULGARIAN, texts=BULGARIAN_TEXTS)
    pdf = fillable_pdf(template, "a3")
    text = pdf_text(pdf)
    for word in ("Изследване", "Предложение", "Конверсия", "Използване", "Лоялност"):
        assert word in text
    for lane in ("Действия", "Мисли", "Възможности", "Персона"):
        assert lane in text
    fields = PdfReader(io.BytesIO(pdf)).get_fields()
    assert fields is not None and fields["stage-1.actions"]["/TU"] == "Изследване — Действия"
    assert catalog(PdfReader(io.BytesIO(pdf)))["/Lang"] == "bg"


def test_without_fields_the_pdf_is_a_plain_print(current: BlankTemplate) -> None:
    plain = svg_to_pdf(current.svg, paper="a4")
    assert PdfReader(io.BytesIO(plain)).get_fields() in (None, {})


def test_helvetica_fallback_without_a_font(
    current: BlankTemplate, monkeypatch: pytest.MonkeyPatch
) -> None:
    from journey_maps.export import fonts as form_font

    monkeypatch.setattr(form_font, "load_form_font", lambda path=None: None)
    pdf = fillable_pdf(current)
    form = catalog(PdfReader(io.BytesIO(pdf)))["/AcroForm"]
    assert str(form["/DA"]).startswith("/Helv ")
    assert form["/DR"]["/Font"]["/Helv"]["/BaseFont"] == "/Helvetica"


# --- the font subset ------------------------------------------------------------------------


@needs_font
def test_font_subset_is_small_and_valid() -> None:
    font = load_form_font()
    assert font is not None
    path = find_font_file()
    assert path is not None
    assert len(font.program) < path.stat().st_size / 2
    count = struct.unpack_from(">H", font.program, 4)[0]
    tags = {font.program[12 + 16 * i : 16 + 16 * i] for i in range(count)}
    assert {b"glyf", b"loca", b"head", b"hmtx", b"name", b"cmap"} <= tags
    assert b"GPOS" not in tags and b"kern" not in tags
    again = parse_font(font.program)
    assert again.glyphs == font.glyphs and again.widths == font.widths
    assert all(any(lo <= c <= hi for lo, hi in KEEP_RANGES) for c in font.glyphs)


def test_a_file_that_is_not_a_font_is_refused() -> None:
    with pytest.raises(FontError):
        parse_font(b"%PDF-1.7 not a font at all")
