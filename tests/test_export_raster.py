"""PNG and PDF of a map: print resolution, paper sizes, text, validity, reproducible bytes."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from helpers_tools import needs
from journey_maps.export.raster import (
    PAPERS,
    ExportError,
    page_fit,
    png_info,
    svg_size,
    svg_to_pdf,
    svg_to_png,
)
from journey_maps.load.folder import load_gallery
from journey_maps.render.svg import render_map_svg

ROOT = Path(__file__).resolve().parent.parent
HAVE_POPPLER = shutil.which("pdftoppm") is not None and shutil.which("pdftotext") is not None
HAVE_QPDF = shutil.which("qpdf") is not None
needs_poppler = needs(HAVE_POPPLER, "install poppler-utils (apt-get install poppler-utils)")
needs_qpdf = needs(HAVE_QPDF, "install qpdf (apt-get install qpdf)")

#: Landscape page sizes in pt that readers and printers expect (±1 pt).
EXPECTED_PAGES = {"a4": (842, 595), "letter": (792, 612), "a3": (1191, 842)}


def sample_svg(map_id: str = "colleen-vacuum-current") -> str:
    gallery, _ = load_gallery(ROOT / "maps")
    journey = gallery.maps[map_id]
    persona = gallery.personas.get(journey.persona or "")
    return render_map_svg(journey, persona)


@pytest.fixture(scope="module")
def svg() -> str:
    return sample_svg()


def pdf_text(data: bytes) -> str:
    """The text poppler extracts (pdftotext), else pypdf's."""
    if HAVE_POPPLER:
        result = subprocess.run(
            ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
        )
        return result.stdout.decode("utf-8")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def page_pixels(data: bytes, dpi: int = 24) -> tuple[int, int, bytes]:
    """The first page rendered by pdftoppm as 8-bit grey: width, height, pixels."""
    result = subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-gray", "-singlefile", "-"],
        input=data,
        capture_output=True,
        check=True,
    )
    magic, width, height, _maxval, pixels = result.stdout.split(maxsplit=4)
    assert magic == b"P5"
    return int(width), int(height), pixels


def dark_share(pixels: bytes, threshold: int = 200) -> float:
    return sum(1 for p in pixels if p < threshold) / max(1, len(pixels))


def qpdf_check(data: bytes, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "check.pdf"
    path.write_bytes(data)
    return subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)


# --- PNG --------------------------------------------------------------------------------------


@pytest.mark.parametrize("dpi", [96, 150, 300])
def test_png_has_the_resolution_in_pixels_and_in_its_phys_chunk(svg: str, dpi: int) -> None:
    width, height = svg_size(svg)
    png = svg_to_png(svg, dpi=dpi)
    pixels_w, pixels_h, found = png_info(png)
    assert (pixels_w, pixels_h) == (round(width * dpi / 96), round(height * dpi / 96))
    assert found is not None and found == pytest.approx(dpi, abs=0.05)


def test_png_default_is_print_resolution_and_opaque_rgb(svg: str) -> None:
    png = svg_to_png(svg)
    assert png_info(png)[2] == pytest.approx(150, abs=0.05)
    # IHDR: 8-bit RGB (colour type 2), no alpha channel to print as black.
    assert png[24:26] == bytes([8, 2])


def test_png_decodes_to_the_drawing(svg: str) -> None:
    """Pillow (a cairosvg dependency) reads our encoder's output: white page, dark text."""
    from PIL import Image

    image = Image.open(io.BytesIO(svg_to_png(svg, dpi=72)))
    image.load()
    assert image.mode == "RGB"
    assert image.getpixel((2, 2)) == (255, 255, 255)
    assert image.info.get("dpi", (0, 0))[0] == pytest.approx(72, abs=0.1)
    colours = image.getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 50  # text, cards, curve: not a blank page


@pytest.mark.parametrize("dpi", [10, 5000])
def test_png_refuses_absurd_resolutions(svg: str, dpi: int) -> None:
    with pytest.raises(ExportError, match="dpi"):
        svg_to_png(svg, dpi=dpi)


# --- PDF --------------------------------------------------------------------------------------


def test_pdf_page_is_the_drawing_size_by_default(svg: str) -> None:
    width, height = svg_size(svg)
    page = PdfReader(io.BytesIO(svg_to_pdf(svg))).pages[0]
    assert float(page.mediabox.width) == pytest.approx(width * 0.75, abs=0.5)
    assert float(page.mediabox.height) == pytest.approx(height * 0.75, abs=0.5)


@pytest.mark.parametrize("paper", sorted(EXPECTED_PAGES))
def test_pdf_on_paper_is_landscape_at_the_papers_size(svg: str, paper: str) -> None:
    page = PdfReader(io.BytesIO(svg_to_pdf(svg, paper=paper))).pages[0]
    expected_w, expected_h = EXPECTED_PAGES[paper]
    assert float(page.mediabox.width) == pytest.approx(expected_w, abs=1)
    assert float(page.mediabox.height) == pytest.approx(expected_h, abs=1)


@pytest.mark.parametrize("paper", sorted(PAPERS))
def test_drawing_is_centred_with_margins_and_its_aspect(svg: str, paper: str) -> None:
    width, height = svg_size(svg)
    fit = page_fit(width, height, paper)
    left, bottom, right, top = fit.rect(0, 0, width, height)
    assert (right - left) / (top - bottom) == pytest.approx(width / height, rel=1e-6)
    assert left == pytest.approx(fit.width - right) and bottom == pytest.approx(fit.height - top)
    assert min(left, bottom) >= 28.3  # 10 mm
    assert min(left, bottom) == pytest.approx(28.35, abs=0.01)  # fills the tighter side


@needs_poppler
@pytest.mark.parametrize("paper", [None, "a4"])
def test_pdf_keeps_the_text_searchable(svg: str, paper: str | None) -> None:
    text = pdf_text(svg_to_pdf(svg, paper=paper))
    for heading in ("Colleen buys a vacuum", "Actions", "Touchpoints", "Pain points"):
        assert heading in text
    assert "Awareness and" in text  # the first stage's (wrapped) name


def test_pdf_metadata_is_fixed_and_has_no_creation_date(svg: str) -> None:
    info = PdfReader(io.BytesIO(svg_to_pdf(svg, paper="a4"))).metadata
    assert info is not None
    assert "/CreationDate" not in info and "/ModDate" not in info
    assert info.title == "Colleen buys a vacuum cleaner that will not break again"
    assert (info.creator or "").startswith("mkdocs-journey-maps")


@needs_qpdf
@pytest.mark.parametrize("paper", [None, "letter"])
def test_qpdf_finds_no_errors(svg: str, paper: str | None, tmp_path: Path) -> None:
    result = qpdf_check(svg_to_pdf(svg, paper=paper), tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


@needs_poppler
def test_pdftoppm_draws_the_page_with_white_margins(svg: str) -> None:
    width, height, pixels = page_pixels(svg_to_pdf(svg, paper="a3"))
    assert width > height
    assert 0.01 < dark_share(pixels) < 0.6
    margin_row = pixels[:width]  # the top row lies in the paper margin
    assert dark_share(margin_row) == 0


def test_unknown_paper_is_an_error(svg: str) -> None:
    with pytest.raises(ExportError, match="unknown paper 'a5'"):
        svg_to_pdf(svg, paper="a5")


def test_svg_without_a_size_is_an_error() -> None:
    with pytest.raises(ExportError, match="width and height"):
        svg_to_png('<svg xmlns="http://www.w3.org/2000/svg"/>')


# --- reproducible bytes -----------------------------------------------------------------------

_DIGESTS = """
import hashlib, pathlib, sys
from journey_maps.export.raster import svg_to_pdf, svg_to_png
svg = pathlib.Path(sys.argv[1]).read_text("utf-8")
for data in (svg_to_png(svg), svg_to_pdf(svg), svg_to_pdf(svg, paper="a4")):
    print(hashlib.sha256(data).hexdigest())
"""


def _digests_in_a_new_process(svg_file: Path, extra_env: dict[str, str]) -> list[str]:
    """Rasterize in a fresh interpreter that lays nothing out first (like a pool worker)."""
    result = subprocess.run(
        [sys.executable, "-c", _DIGESTS, str(svg_file)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **extra_env},
    )
    return result.stdout.split()


def test_png_and_pdf_bytes_are_identical_across_processes(svg: str, tmp_path: Path) -> None:
    svg_file = tmp_path / "map.svg"
    svg_file.write_text(svg, "utf-8")
    first = _digests_in_a_new_process(svg_file, {"SOURCE_DATE_EPOCH": "1700000000"})
    second = _digests_in_a_new_process(
        svg_file, {"SOURCE_DATE_EPOCH": "1800000000", "TZ": "Asia/Tokyo"}
    )
    here = [
        hashlib.sha256(data).hexdigest()
        for data in (svg_to_png(svg), svg_to_pdf(svg), svg_to_pdf(svg, paper="a4"))
    ]
    assert len(first) == 3
    assert first == second == here
