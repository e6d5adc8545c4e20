"""``journey-maps import`` and ``new``: the interop features on the command line.

Exports (CSV, JSON, a Mermaid journey) are ``journey-maps render --format ...``.

Importing this module registers the subcommands with :mod:`journey_maps.cli`. Exit codes
are the CLI's: 0 done, 1 invalid input (problems printed as ``path:line:col: error: ...``
on standard output), 2 usage error (bad options, missing files, refusing to overwrite).

Import and ``new`` write map files that people then edit, so they refuse to replace an
existing file without ``--force``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from .. import cli
from ..errors import GalleryError, Problem, Problems
from ..export.tabular import map_to_csv, map_to_json
from ..ids import slugify
from ..model import JourneyMap, MapType, Persona
from ..project import load_project_gallery
from ..validate import Gallery
from .csv_import import csv_to_map_yaml
from .mermaid import map_to_mermaid, mermaid_to_map_yaml
from .scaffold import default_title, scaffold_map

_TYPES = [t.value for t in MapType]
_JOURNEY_TYPES = [t.value for t in MapType if t is not MapType.EMPATHY]

#: Export formats by name: each takes a valid map and its persona and returns the file text.
EXPORTERS: dict[str, Callable[[JourneyMap, Persona | None], str]] = {
    "csv": lambda journey, _persona: map_to_csv(journey),
    "json": lambda journey, _persona: map_to_json(journey),
    "mermaid": map_to_mermaid,
}


# --- input and output ------------------------------------------------------------------------


def _print_problems(problems: list[Problem]) -> int:
    for problem in problems:
        print(problem.format())
    print(f"{len(problems)} error(s)", file=sys.stderr)
    return cli.EXIT_INVALID


def _read(path: Path, what: str) -> str | list[Problem]:
    """The file's text, or the problem that stops it from being read as UTF-8."""
    if not path.is_file():
        raise cli._UsageError(f"{path}: no such {what} file")
    try:
        raw = path.read_bytes().removeprefix(b"\xef\xbb\xbf")
    except OSError as exc:
        raise cli._UsageError(f"cannot read {path}: {exc.strerror or exc}") from exc
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


def _write(output: str | None, text: str, *, force: bool) -> None:
    """Write to a file (bytes as they are: CSV keeps its \\r\\n) or to standard output."""
    data = text.encode("utf-8")
    if not output or output == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    path = Path(output)
    if path.exists() and not force:
        raise cli._UsageError(f"{path} exists; use --force to replace it, or -o another file")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError as exc:
        raise cli._UsageError(f"cannot write {path}: {exc.strerror or exc}") from exc
    print(f"wrote {path}", file=sys.stderr)


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
        return cli._gallery_root(Path(args.output))
    return Path("maps") if Path("maps").is_dir() else None


# --- commands --------------------------------------------------------------------------------


def _import(args: argparse.Namespace, kind: str, convert: Callable[[str, str], str]) -> int:
    """Read ``args.file``, convert its text to map YAML and write it; problems exit 1."""
    path = Path(args.file)
    text = _read(path, kind)
    if isinstance(text, list):
        return _print_problems(text)
    try:
        result = convert(text, path.as_posix())
    except GalleryError as exc:
        return _print_problems(exc.problems)
    _write(args.output, result, force=args.force)
    return cli.EXIT_OK


def _cmd_import_mermaid(args: argparse.Namespace) -> int:
    personas = _personas(_gallery_for(args))
    return _import(
        args,
        "Mermaid",
        lambda text, path: mermaid_to_map_yaml(
            text, path=path, map_type=args.type, personas=personas
        ),
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
    )


def _cmd_new(args: argparse.Namespace) -> int:
    kind = MapType(args.type)
    stages = None if args.stages is None else args.stages.split(",")
    title = args.title or default_title(kind)
    try:
        text = scaffold_map(kind, title=title, persona=args.persona, stages=stages)
    except ValueError as exc:
        raise cli._UsageError(str(exc)) from exc
    output = args.output or f"maps/{slugify(title, 64) or 'new-map'}.yaml"
    if args.persona and output != "-":
        folder = cli._gallery_root(Path(output)) / "personas"
        if not any((folder / f"{args.persona}{s}").is_file() for s in (".yaml", ".yml")):
            print(
                f"note: no persona file {folder.as_posix()}/{args.persona}.yaml yet; the map "
                "is invalid until it exists",
                file=sys.stderr,
            )
    _write(output, text, force=args.force)
    return cli.EXIT_OK


def load_map(path: Path) -> tuple[Gallery, JourneyMap | None, Problems]:
    """A map file checked in its gallery, as ``validate`` would; problems of that file only.

    The map is None when it has errors. Raises the CLI's usage error when the path is not
    a map file of a gallery.
    """
    if path.is_dir() or not path.is_file():
        raise cli._UsageError(f"{path}: not a map file")
    gallery, found = load_project_gallery(cli._gallery_root(path), display_base=Path.cwd())
    target = path.resolve()
    problems = Problems()
    problems.items.extend(p for p in found.items if (Path.cwd() / p.path).resolve() == target)
    for map_id, journey in gallery.maps.items():
        if (Path.cwd() / gallery.source_path("map", map_id)).resolve() == target:
            return gallery, journey, problems
    if problems.errors:
        return gallery, None, problems
    raise cli._UsageError(
        f"{path}: not a map of the gallery in '{path.parent}' (persona files, and files "
        "starting with '_' or '.', are not maps)"
    )


# --- registration ----------------------------------------------------------------------------


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
    _output_options(mermaid, "the map YAML")
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
    _output_options(sheet, "the map YAML")
    sheet.set_defaults(func=_cmd_import_csv)

    new = commands.add_parser(
        "new",
        help="start a map file with every field explained in comments",
        description="Write a valid, commented map file to fill in. Exit 0 written.",
    )
    new.add_argument("--type", required=True, choices=_TYPES)
    new.add_argument("--title", help="the map's title; the file is named after it")
    new.add_argument("--persona", metavar="ID", help="the id of the map's persona")
    new.add_argument(
        "--stages",
        metavar="A,B,C",
        help="stage names separated by commas; for day-in-the-life, times such as "
        "'07:30=Wake up,12:00=Lunch,evening'",
    )
    _output_options(new, "the file (default: maps/<title>.yaml)")
    new.set_defaults(func=_cmd_new)


def _output_options(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "-o", "--output", metavar="FILE", help=f"where to write {what} ('-': standard output)"
    )
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")
