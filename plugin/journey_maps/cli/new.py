"""``journey-maps new``: a valid, commented map file to fill in, for any map type."""

from __future__ import annotations

import argparse

from journey_maps.cli.common import (
    EXIT_OK,
    UsageError,
    note_missing_persona,
    output_options,
    write_new_file,
)
from journey_maps.core.ids import slugify
from journey_maps.core.model import MapType
from journey_maps.formats.scaffold import default_title, scaffold_map


def _cmd_new(args: argparse.Namespace) -> int:
    kind = MapType(args.type)
    stages = None if args.stages is None else args.stages.split(",")
    title = args.title or default_title(kind)
    try:
        text = scaffold_map(kind, title=title, persona=args.persona, stages=stages)
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    output = args.output or f"maps/{slugify(title, 64) or 'new-map'}.yaml"
    note_missing_persona(args.persona, output)
    write_new_file(output, text, force=args.force)
    return EXIT_OK


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``new`` to the ``journey-maps`` parser."""
    new = commands.add_parser(
        "new",
        help="start a map file with every field explained in comments",
        description="Write a valid, commented map file to fill in. Exit 0 written.",
    )
    new.add_argument("--type", required=True, choices=[t.value for t in MapType])
    new.add_argument("--title", help="the map's title; the file is named after it")
    new.add_argument("--persona", metavar="ID", help="the id of the map's persona")
    new.add_argument(
        "--stages",
        metavar="A,B,C",
        help="stage names separated by commas; for day-in-the-life, times such as "
        "'07:30=Wake up,12:00=Lunch,evening'",
    )
    output_options(new, "the file (default: maps/<title>.yaml)")
    new.set_defaults(func=_cmd_new)
