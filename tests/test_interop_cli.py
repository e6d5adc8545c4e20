"""`journey-maps import | new | export`: files written, exit codes 0/1/2, no tracebacks."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from journey_maps.cli import EXIT_INVALID, EXIT_OK, EXIT_USAGE, main
from journey_maps.load.folder import load_gallery

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "mermaid"


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder holding a copy of the sample gallery in maps/, as the current directory."""
    shutil.copytree(ROOT / "maps", tmp_path / "maps")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def valid(folder: Path) -> None:
    _, problems = load_gallery(folder)
    assert not problems.items, [p.format() for p in problems.items]


def test_commands_are_registered(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as excinfo:
        main(["--help"])
    assert excinfo.value.code == 0
    out = capsys.readouterr().out
    for command in ("import", "new", "render", "validate"):
        assert f"    {command} " in out


def test_new_writes_to_maps_and_refuses_to_overwrite(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [
        "new",
        "--type",
        "current-state",
        "--title",
        "Kadri re-orders",
        "--persona",
        "loyal-kadri",
    ]
    assert main([*args, "--stages", "Search,Offer,Repeat"]) == EXIT_OK
    path = workdir / "maps" / "kadri-re-orders.yaml"
    assert "persona: loyal-kadri" in path.read_text(encoding="utf-8")
    assert "wrote maps/kadri-re-orders.yaml" in capsys.readouterr().err
    valid(workdir / "maps")
    assert main(["validate", "maps"]) == EXIT_OK

    before = path.read_text(encoding="utf-8")
    assert main(args) == EXIT_USAGE
    assert "exists; use --force" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == before
    assert main([*args, "--force"]) == EXIT_OK
    assert "- name: Awareness" in path.read_text(encoding="utf-8")


def test_new_to_stdout_and_usage_errors(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "--type", "empathy", "-o", "-"]) == EXIT_OK
    assert "type: empathy" in capsys.readouterr().out
    assert main(["new", "--type", "empathy", "--stages", "a,b"]) == EXIT_USAGE
    assert "an empathy map has no stages" in capsys.readouterr().err
    with pytest.raises(SystemExit) as excinfo:
        main(["new", "--type", "journey"])
    assert excinfo.value.code == EXIT_USAGE


def test_new_warns_about_a_missing_persona(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "--type", "empathy", "--persona", "nobody"]) == EXIT_OK
    assert "no persona file maps/personas/nobody.yaml" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["csv", "json", "mermaid"])
def test_export_to_stdout_and_file(
    fmt: str, workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = "maps/colleen-vacuum-current.yaml"
    assert main(["render", source, "--format", fmt]) == EXIT_OK
    out = capsys.readouterr().out
    assert main(["render", source, "--format", fmt, "-o", f"out.{fmt}"]) == EXIT_OK
    data = (workdir / f"out.{fmt}").read_bytes()
    assert data.decode("utf-8") == out or fmt == "csv"
    if fmt == "csv":
        assert data.startswith(b"\xef\xbb\xbfstage_id,") and b"\r\n" in data
    elif fmt == "json":
        assert json.loads(data)["id"] == "colleen-vacuum-current"
    else:
        assert data.startswith(b"journey\n") and b"Curious Colleen" in data


def test_export_problems_exit_1(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # `render` writes the export to stdout, so problems go to stderr
    assert main(["render", "maps/colleen-vacuum-empathy.yaml", "--format", "mermaid"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("maps/colleen-vacuum-empathy.yaml:2:7: error: 'Colleen three weeks")
    broken = workdir / "maps" / "broken.yaml"
    broken.write_text("type: current-state\ntitle: B\nstages:\n  - name: A\n    emotion: 5\n")
    assert main(["render", "maps/broken.yaml", "--format", "csv"]) == EXIT_INVALID
    assert capsys.readouterr().err.startswith("maps/broken.yaml:5:14: error: emotion score 5")
    assert main(["render", "maps/personas/loyal-kadri.yaml", "--format", "csv"]) == EXIT_USAGE
    assert "not a map" in capsys.readouterr().err
    assert main(["render", "maps/missing.yaml", "--format", "csv"]) == EXIT_USAGE
    assert "no such file" in capsys.readouterr().err


def test_mermaid_import_round_trip_through_files(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = "maps/jana-day-in-the-life.yaml"
    assert main(["render", source, "--format", "mermaid", "-o", "jana.mmd"]) == EXIT_OK
    assert main(["import", "mermaid", "jana.mmd", "-o", "maps/jana-again.yaml"]) == EXIT_OK
    valid(workdir / "maps")
    text = (workdir / "maps" / "jana-again.yaml").read_text(encoding="utf-8")
    # The persona is found in the gallery the file is written to; the type is kept.
    assert "\npersona: juggling-jana\n" in text
    assert "\ntype: day-in-the-life\n" in text
    assert main(["import", "mermaid", "jana.mmd", "-o", "maps/jana-again.yaml"]) == EXIT_USAGE


def test_mermaid_import_to_stdout_and_errors(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(FIXTURES / "full-grammar.mmd", workdir / "cake.mmd")
    assert main(["import", "mermaid", "cake.mmd", "--type", "future-state"]) == EXIT_OK
    assert "\ntype: future-state\ntitle: 'Ordering a birthday cake #1'\n" in capsys.readouterr().out
    (workdir / "bad.mmd").write_text("journey\n  section A\n    Tea: lots\n", encoding="utf-8")
    assert main(["import", "mermaid", "bad.mmd"]) == EXIT_INVALID
    captured = capsys.readouterr()
    assert captured.out.startswith("bad.mmd:3:10: error: the score of task 'Tea' is 'lots'")
    assert "Traceback" not in captured.err
    (workdir / "latin1.mmd").write_bytes("journey\n section Caf\xe9\n  T: 3\n".encode("latin-1"))
    assert main(["import", "mermaid", "latin1.mmd"]) == EXIT_INVALID
    assert capsys.readouterr().out.startswith("latin1.mmd:2:13: error: the file is not UTF-8")
    assert main(["import", "mermaid", "nope.mmd"]) == EXIT_USAGE


def test_mermaid_import_warnings_go_to_stderr(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """What the map could not keep is said where the author looks, not only in the file."""
    (workdir / "tea.mmd").write_text("journey\n  section Go\n    Make tea: 6: Me\n", "utf-8")
    assert main(["import", "mermaid", "tea.mmd"]) == EXIT_OK
    captured = capsys.readouterr()
    warning = (
        "tea.mmd:3:15: warning: the score of task 'Make tea' is 6, outside Mermaid's scale "
        "from 0 (worst) to 5 (best); it counts as 5"
    )
    assert warning in captured.err.splitlines()
    assert f"# {warning}" in captured.out  # the map on standard output stays YAML
    assert warning not in captured.out.replace(f"# {warning}", "")


def test_csv_import_round_trip_through_files(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(["render", "maps/petra-scheduling-software.yaml", "--format", "csv", "-o", "p.csv"])
        == 0
    )
    args = ["import", "csv", "p.csv", "--title", "Petra again", "--persona", "procurement-petra"]
    assert main([*args, "-o", "maps/petra-again.yaml"]) == EXIT_OK
    valid(workdir / "maps")
    gallery, _ = load_gallery(workdir / "maps")
    again, original = gallery.maps["petra-again"], gallery.maps["petra-scheduling-software"]
    assert again.persona == "procurement-petra"
    assert [c.model_dump() for c in again.columns] == [c.model_dump() for c in original.columns]


def test_csv_import_notes_a_missing_persona_as_new_does(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["render", "maps/kadri-packaging-five-steps.yaml", "-o", "k.csv"]) == EXIT_OK
    args = ["import", "csv", "k.csv", "--title", "Kadri again"]
    capsys.readouterr()
    assert main([*args, "--persona", "nobody", "-o", "maps/a.yaml"]) == EXIT_OK
    assert "note: no persona file maps/personas/nobody.yaml yet" in capsys.readouterr().err
    assert "\npersona: nobody\n" in (workdir / "maps" / "a.yaml").read_text("utf-8")
    assert main([*args, "--persona", "loyal-kadri", "-o", "maps/b.yaml"]) == EXIT_OK
    assert "persona" not in capsys.readouterr().err


def test_csv_import_errors(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (workdir / "s.csv").write_text("name,emotion_score\nA,+3\n", encoding="utf-8")
    assert main(["import", "csv", "s.csv", "--title", "T"]) == EXIT_INVALID
    assert capsys.readouterr().out.startswith("s.csv:2:2: error: emotion score 3 is outside")
    with pytest.raises(SystemExit) as excinfo:
        main(["import", "csv", "s.csv"])  # --title is required
    assert excinfo.value.code == EXIT_USAGE
