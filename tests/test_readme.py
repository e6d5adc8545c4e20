"""The README's examples are real: its YAML validates and its error output is what we print."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _block(language: str, after: str) -> str:
    start = README.index(after)
    match = re.search(rf"```{language}\n(.*?)```", README[start:], re.DOTALL)
    assert match, f"no {language} block after {after!r}"
    return match.group(1)


def _validate(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "journey_maps.cli", "validate", "maps/"],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )


def test_readme_example_map_is_valid(tmp_path: Path) -> None:
    maps = tmp_path / "maps"
    (maps / "personas").mkdir(parents=True)
    (maps / "personas" / "curious-colleen.yaml").write_text("name: Curious Colleen\n")
    (maps / "colleen-vacuum-current.yaml").write_text(_block("yaml", "`maps/colleen-vacuum"))
    result = _validate(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_readme_error_output_is_what_validate_prints(tmp_path: Path) -> None:
    broken = (
        _block("yaml", "`maps/colleen-vacuum")
        .replace("score: -2", "score: 3")
        .replace("    opportunities:", "    oportunities:")
        .replace("persona: curious-colleen\n", "")
    )
    maps = tmp_path / "maps"
    maps.mkdir()
    (maps / "colleen-vacuum-current.yaml").write_text(broken)
    result = _validate(tmp_path)
    console = _block("console", "Mistakes are explained").splitlines()
    assert console[0] == "$ journey-maps validate maps/"
    assert result.returncode == 1
    assert result.stdout.splitlines() == console[1:-1]
    assert result.stderr.strip() == console[-1]
