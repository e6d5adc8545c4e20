"""``journey-maps schema``: the JSON Schema of map and persona files, for editors.

yaml-language-server (VS Code's YAML extension and others) completes and checks map files
that point at it with a ``# yaml-language-server: $schema=...`` comment.
"""

from __future__ import annotations

import argparse
import json

from journey_maps.cli.common import EXIT_OK, check_export_target, write_output
from journey_maps.core.model import json_schema


def _cmd_schema(args: argparse.Namespace) -> int:
    check_export_target(args.output, "json")
    text = json.dumps(json_schema(args.kind), indent=2, ensure_ascii=False, sort_keys=True)
    code = write_output((text + "\n").encode("utf-8"), args.output, "json")
    return EXIT_OK if code is None else code


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``schema`` to the ``journey-maps`` parser."""
    schema = commands.add_parser("schema", help="print the JSON Schema of map or persona files")
    schema.add_argument("--kind", choices=["map", "persona"], default="map")
    schema.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    schema.set_defaults(func=_cmd_schema)
