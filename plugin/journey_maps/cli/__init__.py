"""The ``journey-maps`` command: check, draw, export, import and translate maps without MkDocs.

One module per subcommand, each with a ``register(subparsers)``; :mod:`.common` holds what
they share. Exit codes (stable, see docs/reference/cli.md): 0 success, 1 invalid input,
2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from journey_maps import __version__
from journey_maps.cli import catalog, i18n, imports, new, render, schema, template, validate
from journey_maps.cli.common import EXIT_INVALID, EXIT_OK, EXIT_USAGE, UsageError

__all__ = ["EXIT_INVALID", "EXIT_OK", "EXIT_USAGE", "build_parser", "main"]

#: The subcommands, in the order ``journey-maps --help`` lists them.
COMMANDS = (validate, schema, render, template, imports, new, i18n, catalog)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="journey-maps",
        description="Check, draw and export customer journey maps written in YAML.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True
    for command in COMMANDS:
        command.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.func(args)
    except UsageError as exc:
        print(f"journey-maps: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # pragma: no cover - `journey-maps schema | head`
        return EXIT_OK
    return code
