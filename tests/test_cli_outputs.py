"""`-o` never destroys a source: exports refuse YAML names, translations refuse the places
where the gallery reads maps and personas, imports refuse their own input, and files people
edit are replaced only with --force. Every refusal is a usage error (exit 2) that says why,
and leaves the file as it was."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from journey_maps.cli import EXIT_OK, EXIT_USAGE, main

ROOT = Path(__file__).resolve().parent.parent
MAP = "maps/colleen-vacuum-current.yaml"


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "maps", tmp_path / "maps")
    (tmp_path / "mkdocs.yml").write_text("site_name: S\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def sources(workdir: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(workdir.rglob("*.y*ml"))}


def refused(capsys: pytest.CaptureFixture[str], args: list[str]) -> str:
    assert main(args) == EXIT_USAGE
    out, err = capsys.readouterr()
    assert out == ""
    return err


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["render", MAP, "-o", MAP],
            f"journey-maps: error: {MAP} is a YAML source file (a map, persona, translation or "
            "site configuration) and an export would replace it; write the SVG to a file ending "
            "in .svg\n",
        ),
        (
            ["render", MAP, "--format", "mermaid", "-o", "maps/personas/curious-colleen.yaml"],
            "journey-maps: error: maps/personas/curious-colleen.yaml is a YAML source file (a "
            "map, persona, translation or site configuration) and an export would replace it; "
            "write the MERMAID to a file ending in .mmd\n",
        ),
        (
            ["template", "--type", "empathy", "-o", "mkdocs.yml"],
            "journey-maps: error: mkdocs.yml is a YAML source file (a map, persona, translation "
            "or site configuration) and an export would replace it; write the PDF to a file "
            "ending in .pdf\n",
        ),
        (
            ["schema", "-o", "maps/translations/de/colleen-vacuum-current.yaml"],
            "journey-maps: error: maps/translations/de/colleen-vacuum-current.yaml is a YAML "
            "source file (a map, persona, translation or site configuration) and an export would "
            "replace it; write the JSON to a file ending in .json\n",
        ),
        (
            ["render", MAP, "--format", "png", "-o", "maps/new.yaml"],
            "journey-maps: error: maps/new.yaml: a .yaml file is read as a map, persona or "
            "translation, and exports are never YAML; write the PNG to a file ending in .png\n",
        ),
    ],
)
def test_exports_never_write_yaml(
    workdir: Path, capsys: pytest.CaptureFixture[str], args: list[str], expected: str
) -> None:
    before = sources(workdir)
    assert refused(capsys, args) == expected
    assert sources(workdir) == before


@pytest.mark.parametrize(
    ("output", "where"),
    [
        (MAP, "maps/ as maps"),
        ("maps/new-translation.yaml", "maps/ as maps"),
        ("maps/personas/curious-colleen.yaml", "maps/personas/ as personas"),
    ],
)
def test_a_translation_is_never_written_where_maps_and_personas_are_read(
    workdir: Path, capsys: pytest.CaptureFixture[str], output: str, where: str
) -> None:
    before = sources(workdir)
    err = refused(
        capsys, ["i18n", "init", "colleen-vacuum-current", "--lang", "et", "-o", output, "--force"]
    )
    assert err == (
        f"journey-maps: error: {output}: the gallery reads the YAML files in {where}, so a "
        "translation cannot go there; leave out -o to write "
        "maps/translations/et/colleen-vacuum-current.yaml\n"
    )
    assert sources(workdir) == before


def test_an_import_never_replaces_its_own_input(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = workdir / "sheet.csv"
    assert main(["render", MAP, "--format", "csv", "-o", "sheet.csv"]) == EXIT_OK
    original = sheet.read_bytes()
    capsys.readouterr()
    err = refused(
        capsys, ["import", "csv", "sheet.csv", "--title", "T", "-o", "sheet.csv", "--force"]
    )
    assert err == (
        "journey-maps: error: sheet.csv is the file being imported; write the map to another file\n"
    )
    assert sheet.read_bytes() == original


@pytest.mark.parametrize(
    "args",
    [
        ["new", "--type", "empathy", "-o", MAP],
        ["import", "mermaid", "journey.mmd", "-o", MAP],
    ],
)
def test_files_people_edit_are_replaced_only_with_force(
    workdir: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    (workdir / "journey.mmd").write_text(
        "journey\n  title T\n  section A\n    Look: 3: Me\n", encoding="utf-8"
    )
    before = sources(workdir)
    err = refused(capsys, args)
    assert (
        err == f"journey-maps: error: {MAP} exists; use --force to replace it, or -o another file\n"
    )
    assert sources(workdir) == before
