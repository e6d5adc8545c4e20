"""``journey-maps schema``: the JSON Schema of map and persona files, for editors.

yaml-language-server (VS Code's YAML extension and others) completes and checks map files
that point at it with a ``# yaml-language-server: $schema=...`` comment.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from journey_maps.cli.common import EXIT_OK
from journey_maps.core.model import json_schema


def _cmd_schema(args: argparse.Namespace) -> int:
    text = json.dumps(json_schema(args.kind), indent=2, ensure_ascii=False, sort_keys=True)
    if args.output:
        output = Path(args.output)
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text + "\n", encoding="utf-8")
    else:
        print(text)
    return EXIT_OK


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``schema`` to the ``journey-maps`` parser."""
    schema = commands.add_parser("schema", help="print the JSON Schema of map or persona files")
    schema.add_argument("--kind", choices=["map", "persona"], default="map")
    schema.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    schema.set_defaults(func=_cmd_schema)
