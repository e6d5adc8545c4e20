"""``journey-maps render --format`` and ``journey-maps template``: files, exit codes."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from journey_maps.cli import main
from journey_maps.export.raster import png_info, svg_size
from journey_maps.i18n import available_languages
from test_export_raster import EXPECTED_PAGES, needs_poppler, pdf_text

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "maps" / "colleen-vacuum-current.yaml"
LATVIAN = ROOT / "tests" / "fixtures" / "latvian"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    """The CLI in a fresh interpreter, as a shell runs it."""
    return subprocess.run(
        [sys.executable, "-m", "journey_maps.cli", *args], capture_output=True, cwd=cwd
    )


@pytest.fixture
def gallery(tmp_path: Path) -> Path:
    """A copy of the sample gallery (maps and personas; translations need their own maps)."""
    folder = tmp_path / "maps"
    shutil.copytree(ROOT / "maps", folder)
    return folder


@pytest.fixture
def latvian_map(tmp_path: Path) -> Path:
    """A map written in Latvian, about a persona written in English."""
    shutil.copytree(LATVIAN, tmp_path / "maps")
    return tmp_path / "maps" / "pirkums.yaml"


# --- render ---------------------------------------------------------------------------------


def test_render_png_with_dpi(tmp_path: Path) -> None:
    out = tmp_path / "map.png"
    assert main(["render", str(SAMPLE), "--format", "png", "--dpi", "200", "-o", str(out)]) == 0
    width, _, dpi = png_info(out.read_bytes())
    svg = tmp_path / "map.svg"
    assert main(["render", str(SAMPLE), "--format", "svg", "-o", str(svg)]) == 0
    drawn, _ = svg_size(svg.read_text(encoding="utf-8"))
    # CSS px are 1/96 in: at 200 dpi the PNG is 200/96 times the drawing's width.
    assert dpi == pytest.approx(200, abs=0.05)
    assert drawn > 900 and abs(width - drawn * 200 / 96) <= 1, (width, drawn)


def test_render_infers_the_format_from_the_file_name(tmp_path: Path) -> None:
    out = tmp_path / "map.pdf"
    assert main(["render", str(SAMPLE), "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize("paper", sorted(EXPECTED_PAGES))
def test_render_pdf_on_paper(tmp_path: Path, paper: str) -> None:
    out = tmp_path / "map.pdf"
    assert main(["render", str(SAMPLE), "--format", "pdf", "--paper", paper, "-o", str(out)]) == 0
    box = PdfReader(out).pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(EXPECTED_PAGES[paper], abs=1)


def test_render_csv_and_json(tmp_path: Path) -> None:
    csv_file, json_file = tmp_path / "map.csv", tmp_path / "map.json"
    assert main(["render", str(SAMPLE), "--format", "csv", "-o", str(csv_file)]) == 0
    assert main(["render", str(SAMPLE), "-o", str(json_file)]) == 0
    assert csv_file.read_bytes().startswith(b"\xef\xbb\xbfstage_id,")
    assert json.loads(json_file.read_text("utf-8"))["type"] == "current-state"


def test_render_json_to_stdout() -> None:
    result = run("render", str(SAMPLE), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["stages"][0]["id"] == "awareness"


def test_render_pdf_to_a_pipe() -> None:
    result = run("render", str(SAMPLE), "--format", "pdf")
    assert result.returncode == 0 and result.stdout.startswith(b"%PDF-")


@needs_poppler
def test_render_in_another_language(gallery: Path, tmp_path: Path) -> None:
    """Texts from the gallery's translation files, interface words from the catalogs."""
    out = tmp_path / "map.pdf"
    source = gallery / "kadri-packaging-five-steps.yaml"
    assert main(["render", str(source), "--lang", "bg", "--paper", "a3", "-o", str(out)]) == 0
    text = pdf_text(out.read_bytes())
    assert "Кадри намира доставчик" in text  # the translated title
    assert "Действия" in text  # the lane heading in Bulgarian
    assert "Kadri finds" not in text


def test_render_without_a_translation_notes_it(
    gallery: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "map.json"
    source = gallery / "colleen-vacuum-current.yaml"
    assert main(["render", str(source), "--lang", "fr", "-o", str(out)]) == 0
    assert "no translation of 'colleen-vacuum-current' into fr" in capsys.readouterr().err
    data = json.loads(out.read_text("utf-8"))
    assert data["language"] == "fr" and data["title"].startswith("Colleen buys")


def test_render_draws_a_map_in_its_own_language(
    latvian_map: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "map.svg"
    assert main(["render", str(latvian_map), "-o", str(out)]) == 0
    svg = out.read_text("utf-8")
    for words in ("Klientu ceļojuma karte: pašreizējais stāvoklis", ">Pozitīva<", ">Tiešsaistē<"):
        assert words in svg  # the map type, and the legend's emotion and channel
    assert ">Positive<" not in svg and ">Online<" not in svg
    assert capsys.readouterr().err == ""


def test_render_takes_the_interface_words_of_lang(
    latvian_map: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "map.svg"
    assert main(["render", str(latvian_map), "--lang", "et", "-o", str(out)]) == 0
    svg = out.read_text("utf-8")
    assert ">Positiivne<" in svg and ">Pozitīva<" not in svg
    assert 'lang="lv"' in svg  # the untranslated texts say which language they are in
    assert "no translation of 'pirkums' into et" in capsys.readouterr().err


def test_render_warns_about_a_language_without_interface_strings(
    latvian_map: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "map.svg"
    assert main(["render", str(latvian_map), "--lang", "fi", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "warning: no interface strings in 'fi'" in err
    assert f"languages with them: {', '.join(available_languages())}" in err
    assert ">Positive<" in out.read_text("utf-8")
    # Data exports have no interface words to miss.
    assert main(["render", str(latvian_map), "--lang", "fi", "-o", str(tmp_path / "m.json")]) == 0
    assert "interface strings" not in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--lang", "not a language"], "'not a language' is not a language code"),
        (["--format", "svg", "--paper", "a4"], "--paper applies to PDF output only"),
        (["--format", "pdf", "--dpi", "300"], "--dpi applies to PNG output only"),
        (["--format", "png", "--dpi", "9000"], "--dpi must be between"),
    ],
)
def test_render_usage_errors_exit_2(args: list[str], message: str, tmp_path: Path) -> None:
    result = run("render", str(SAMPLE), *args, "-o", str(tmp_path / "x"))
    assert result.returncode == 2
    assert message in result.stderr.decode()
    assert b"Traceback" not in result.stderr


def test_render_unknown_paper_is_a_usage_error() -> None:
    result = run("render", str(SAMPLE), "--paper", "a5")
    assert result.returncode == 2 and b"Traceback" not in result.stderr


def test_render_missing_file_exits_2(tmp_path: Path) -> None:
    result = run("render", str(tmp_path / "nope.yaml"), "--format", "png")
    assert result.returncode == 2
    assert b"no such file" in result.stderr and b"Traceback" not in result.stderr


def test_render_invalid_map_exits_1_without_writing(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("type: current-state\ntitle: Bad\nstages: []\n", "utf-8")
    out = tmp_path / "bad.png"
    result = run("render", str(tmp_path / "bad.yaml"), "-o", str(out))
    assert result.returncode == 1
    assert b"bad.yaml:" in result.stderr and b"error:" in result.stderr
    assert b"Traceback" not in result.stderr
    assert not out.exists()


# --- template -------------------------------------------------------------------------------


def test_template_writes_a_fillable_a4_pdf_by_default(tmp_path: Path) -> None:
    out = tmp_path / "t.pdf"
    assert main(["template", "--type", "current-state", "-o", str(out)]) == 0
    reader = PdfReader(out)
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(EXPECTED_PAGES["a4"], abs=1)
    fields = reader.get_fields()
    assert fields is not None and "stage-1.actions" in fields


def test_template_without_fields(tmp_path: Path) -> None:
    out = tmp_path / "t.pdf"
    args = ["template", "--type", "empathy", "--paper", "a3", "--no-fillable", "-o", str(out)]
    assert main(args) == 0
    assert PdfReader(out).get_fields() in (None, {})


@needs_poppler
def test_template_in_bulgarian(tmp_path: Path) -> None:
    out = tmp_path / "t.pdf"
    assert main(["template", "--type", "day-in-the-life", "--lang", "bg", "-o", str(out)]) == 0
    assert "Действия" in pdf_text(out.read_bytes())


@pytest.mark.parametrize("fmt", ["svg", "png"])
def test_template_images(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"t.{fmt}"
    assert main(["template", "--type", "future-state", "-o", str(out)]) == 0
    data = out.read_bytes()
    if fmt == "png":
        assert png_info(data)[2] == pytest.approx(150, abs=0.05)
    else:
        assert b'class="jm-blank"' in data


def test_template_svg_to_stdout() -> None:
    result = run("template", "--type", "empathy", "--format", "svg")
    assert result.returncode == 0 and result.stdout.startswith(b"<?xml")


@pytest.mark.parametrize(("lang", "warned"), [("fi", True), ("et", False), ("en-GB", False)])
def test_template_warns_about_a_language_without_interface_strings(
    lang: str, warned: bool, tmp_path: Path
) -> None:
    out = tmp_path / "t.svg"
    result = run("template", "--type", "empathy", "--lang", lang, "-o", str(out))
    assert result.returncode == 0 and out.read_bytes().startswith(b"<?xml")
    stderr = result.stderr.decode()
    assert (f"warning: no interface strings in '{lang}'" in stderr) is warned
    assert (f"languages with them: {', '.join(available_languages())}" in stderr) is warned


@pytest.mark.parametrize(
    "args",
    [
        ["--type", "mind-map"],
        [],
        ["--type", "empathy", "--format", "png", "--paper", "a4"],
        ["--type", "empathy", "--format", "svg", "--no-fillable"],
        ["--type", "empathy", "--lang", "not a language"],
    ],
)
def test_template_usage_errors_exit_2(args: list[str], tmp_path: Path) -> None:
    result = run("template", *args, "-o", str(tmp_path / "t.pdf"))
    assert result.returncode == 2
    assert b"error" in result.stderr and b"Traceback" not in result.stderr
    assert not (tmp_path / "t.pdf").exists()


def test_template_help_lists_the_options() -> None:
    result = run("template", "--help")
    assert result.returncode == 0
    for option in (b"--type", b"--lang", b"--paper", b"--format", b"--no-fillable", b"-o"):
        assert option in result.stdout


def test_output_is_written_atomically(tmp_path: Path) -> None:
    out = tmp_path / "deep" / "folder" / "t.pdf"
    assert main(["template", "--type", "empathy", "-o", str(out)]) == 0
    assert [p.name for p in out.parent.iterdir()] == ["t.pdf"]
    assert PdfReader(io.BytesIO(out.read_bytes())).pages
