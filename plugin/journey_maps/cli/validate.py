"""``journey-maps validate [PATH...]``: check galleries and single files, all problems at once.

Prints ``path:line:col: severity: message`` per problem on standard output (the format
editors and CI parse), then a summary on standard error. A folder is checked as a whole
gallery with its translation files; a single file is checked within its gallery, so its
references resolve, but only its own problems are shown.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from journey_maps.cli.common import (
    EXIT_INVALID,
    EXIT_OK,
    UsageError,
    gallery_root,
    problem_summary,
)
from journey_maps.core.errors import Problems
from journey_maps.i18n.files import load_translations
from journey_maps.load.folder import PERSONAS_DIR, YAML_SUFFIXES, yaml_files
from journey_maps.load.project import default_gallery, load_project_gallery


@dataclass
class CheckResult:
    """What ``validate`` found: problems, and how many maps and personas were checked."""

    problems: Problems = field(default_factory=Problems)
    maps: int = 0
    personas: int = 0


def check_paths(paths: Sequence[Path]) -> CheckResult:
    """Validate folders (whole galleries) and single files (checked within their gallery).

    Each gallery is loaded once, however many of its files are named, so references are
    resolved against the whole gallery and nothing is counted twice.
    """
    result = CheckResult()
    wanted: dict[Path, set[Path] | None] = {}  # gallery root -> named files (None: all)
    for path in paths:
        if path.is_dir() and path.resolve().name == PERSONAS_DIR:
            # `validate maps/personas`: the personas, checked within their gallery
            for persona_file in yaml_files(path):
                wanted.setdefault(path.resolve().parent, set()).add(  # type: ignore[union-attr]
                    persona_file.resolve()
                )
        elif path.is_dir():
            wanted[path.resolve()] = None
        elif path.is_file():
            if path.suffix.lower() not in YAML_SUFFIXES:
                raise UsageError(f"{path}: not a YAML file (.yaml or .yml)")
            root = gallery_root(path).resolve()  # resolved: one key per gallery
            if wanted.get(root, set()) is not None:
                wanted.setdefault(root, set()).add(path.resolve())  # type: ignore[union-attr]
        else:
            raise UsageError(f"{path}: no such file or folder")
    for root, files in wanted.items():
        gallery, found = load_project_gallery(root, display_base=Path.cwd())
        if files is None and (root / "translations").is_dir():
            _, translation_problems = load_translations(root, gallery, display_base=Path.cwd())
            found.extend(translation_problems)
        if files is None:
            result.problems.extend(found)
            result.maps += len(gallery.maps)
            result.personas += len(gallery.personas)
            continue
        result.problems.items.extend(
            p for p in found.items if (Path.cwd() / p.path).resolve() in files
        )
        for key, doc in gallery.documents.items():
            if (Path.cwd() / doc.path).resolve() in files:
                if key.startswith("map:"):
                    result.maps += 1
                else:
                    result.personas += 1
    return result


def _cmd_validate(args: argparse.Namespace) -> int:
    paths = [Path(p) for p in args.paths] or [default_gallery()]
    result = check_paths(paths)
    problems = result.problems
    for problem in problems.sorted():
        print(problem.format())
    errors, warnings = len(problems.errors), len(problems.warnings)
    maps, personas = result.maps, result.personas
    if errors or (args.strict and warnings):
        print(problem_summary(problems), file=sys.stderr)
        return EXIT_INVALID
    if not maps and not personas and not problems:
        # An empty gallery is valid (the site says how to add a map), but "ok" here usually
        # means the command ran in the wrong folder.
        where = ", ".join(f"'{p.as_posix()}'" for p in paths)
        print(
            f"nothing to check: no map or persona files in {where}; name the gallery folder, "
            "e.g. journey-maps validate maps/",
            file=sys.stderr,
        )
    elif not args.quiet:
        note = f", {warnings} warning(s)" if warnings else ""
        print(f"ok: {maps} map(s), {personas} persona(s){note}", file=sys.stderr)
    return EXIT_OK


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``validate`` to the ``journey-maps`` parser."""
    validate = commands.add_parser(
        "validate",
        help="check map and persona files; print path:line:col: error: message per problem",
        description="Check galleries (folders) or single files. Exit 0 valid, 1 invalid.",
    )
    validate.add_argument("paths", nargs="*", metavar="PATH", help="gallery folder or YAML file")
    validate.add_argument("--strict", action="store_true", help="treat warnings as errors")
    validate.add_argument("-q", "--quiet", action="store_true", help="no summary when valid")
    validate.set_defaults(func=_cmd_validate)
