"""``journey-maps import mermaid|csv``: a Mermaid journey or a spreadsheet becomes a map file.

Problems in the input are printed as ``path:line:col: error: ...`` on standard output and
exit 1; bad options, missing files and refusing to overwrite exit 2. Imports write files
that people then edit, so they never replace an existing file without ``--force``. Exports
(CSV, JSON, a Mermaid journey) are ``journey-maps render --format ...``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from journey_maps.cli.common import (
    EXIT_INVALID,
    EXIT_OK,
    UsageError,
    gallery_root,
    note_missing_persona,
    output_options,
    write_new_file,
)
from journey_maps.core.errors import GalleryError, Problem, Problems
from journey_maps.core.model import MapType, Persona
from journey_maps.formats.csv.read import csv_to_map_yaml
from journey_maps.formats.mermaid import mermaid_to_map_yaml
from journey_maps.load.project import load_project_gallery

_TYPES = [t.value for t in MapType]
_JOURNEY_TYPES = [t.value for t in MapType if t is not MapType.EMPATHY]


def _print_problems(problems: list[Problem]) -> int:
    for problem in problems:
        print(problem.format())
    print(f"{len(problems)} error(s)", file=sys.stderr)
    return EXIT_INVALID


def _read(path: Path, what: str) -> str | list[Problem]:
    """The file's text, or the problem that stops it from being read as UTF-8."""
    if not path.is_file():
        raise UsageError(f"{path}: no such {what} file")
    try:
        raw = path.read_bytes().removeprefix(b"\xef\xbb\xbf")
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from exc
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        problems = Problems()
        problems.add(
            path.as_posix(),
            before.count(b"\n") + 1,
            len(before) - (before.rfind(b"\n") + 1) + 1,
            f"the file is not UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8 "
            "(in a spreadsheet: 'CSV UTF-8')",
        )
        return problems.items


def _personas(folder: Path | None) -> dict[str, Persona]:
    """Valid personas of a gallery folder (the rest of the gallery is not checked here)."""
    if folder is None or not folder.is_dir():
        return {}
    gallery, _ = load_project_gallery(folder)
    return gallery.personas


def _gallery_for(args: argparse.Namespace) -> Path | None:
    if args.maps:
        return Path(args.maps)
    if args.output and args.output != "-":
        return gallery_root(Path(args.output))
    return Path("maps") if Path("maps").is_dir() else None


def _import(
    args: argparse.Namespace,
    kind: str,
    convert: Callable[[str, str], str],
    *,
    persona: str | None = None,
    warnings: Problems | None = None,
) -> int:
    """Read ``args.file``, convert its text to map YAML and write it; problems exit 1. A
    ``persona`` the output's gallery has no file for is noted, as ``new`` does; what the
    conversion adds to ``warnings`` (what the map could not keep) goes to standard error,
    so that it is seen even when the map goes to standard output."""
    path = Path(args.file)
    if args.output and args.output != "-" and Path(args.output).resolve() == path.resolve():
        raise UsageError(f"{args.output} is the file being imported; write the map to another file")
    text = _read(path, kind)
    if isinstance(text, list):
        return _print_problems(text)
    try:
        result = convert(text, path.as_posix())
    except GalleryError as exc:
        return _print_problems(exc.problems)
    note_missing_persona(persona, args.output)
    write_new_file(args.output, result, force=args.force)
    for warning in warnings.sorted() if warnings is not None else []:
        print(warning.format(), file=sys.stderr)
    return EXIT_OK


def _cmd_import_mermaid(args: argparse.Namespace) -> int:
    personas = _personas(_gallery_for(args))
    warnings = Problems()
    return _import(
        args,
        "Mermaid",
        lambda text, path: mermaid_to_map_yaml(
            text, path=path, map_type=args.type, personas=personas, warnings=warnings
        ),
        warnings=warnings,
    )


def _cmd_import_csv(args: argparse.Namespace) -> int:
    return _import(
        args,
        "CSV",
        lambda text, path: csv_to_map_yaml(
            text,
            title=args.title,
            map_type=args.type,
            path=path,
            summary=args.summary,
            persona=args.persona,
        ),
        persona=args.persona,
    )


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``import`` and ``new`` to the ``journey-maps`` parser."""
    importer = commands.add_parser(
        "import",
        help="turn a Mermaid journey or a CSV sheet into a map file",
        description="Read another format and write map YAML. Exit 0 done, 1 invalid input.",
    )
    formats = importer.add_subparsers(dest="import_format", metavar="FORMAT")
    formats.required = True

    mermaid = formats.add_parser(
        "mermaid",
        help="a Mermaid user journey diagram (journey ... section ... Task: 5: Actor)",
        description="Sections become stages, tasks actions, scores the emotion of the stage.",
    )
    mermaid.add_argument("file", metavar="FILE.mmd")
    mermaid.add_argument("--type", choices=_JOURNEY_TYPES, help="default: current-state")
    mermaid.add_argument(
        "--maps",
        metavar="DIR",
        help="gallery whose personas actors are matched with (default: the output's gallery, "
        "else ./maps)",
    )
    output_options(mermaid, "the map YAML")
    mermaid.set_defaults(func=_cmd_import_mermaid)

    sheet = formats.add_parser(
        "csv",
        help="a CSV sheet as written by 'journey-maps render --format csv'",
        description="A row per stage (or slot, or empathy entry); see the export for columns.",
    )
    sheet.add_argument("file", metavar="FILE.csv")
    sheet.add_argument("--title", required=True, help="the map's title (not part of the CSV)")
    sheet.add_argument("--type", choices=_TYPES, help="default: guessed from the columns")
    sheet.add_argument("--summary", help="the map's summary")
    sheet.add_argument("--persona", metavar="ID", help="the id of the map's persona")
    output_options(sheet, "the map YAML")
    sheet.set_defaults(func=_cmd_import_csv)
