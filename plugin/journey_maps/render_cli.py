"""``journey-maps render MAP.yaml``: draw one map as SVG, checked like ``validate`` first.

The map is loaded with its gallery (the folder it is in, personas in ``personas/`` beside
it) so the persona is found and cross-references are checked; an invalid map prints the
same ``path:line:col: error: message`` lines as ``validate`` and exits 1.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import cli
from .errors import Problems
from .svg import render_map_svg
from .themes import PALETTES
from .validate import PERSONAS_DIR, YAML_SUFFIXES, Gallery, load_gallery


def _usage(message: str) -> int:
    print(f"journey-maps: error: {message}", file=sys.stderr)
    return cli.EXIT_USAGE


def _load(path: Path) -> tuple[Gallery, Problems, str | None]:
    """The gallery ``path`` belongs to, the problems of that file, and its map id."""
    root = path.parent.parent if path.parent.name == PERSONAS_DIR else path.parent
    gallery, found = load_gallery(root, display_base=Path.cwd())
    target = path.resolve()

    def here(shown: str) -> bool:
        return (Path.cwd() / shown).resolve() == target

    problems = Problems([p for p in found.items if here(p.path)])
    map_id = next((m for m in gallery.maps if here(gallery.source_path("map", m))), None)
    return gallery, problems, map_id


def _cmd_render(args: argparse.Namespace) -> int:
    path = Path(args.map)
    if not path.is_file():
        return _usage(f"{path}: no such file")
    if path.suffix.lower() not in YAML_SUFFIXES:
        return _usage(f"{path}: not a YAML file (.yaml or .yml)")
    gallery, problems, map_id = _load(path)
    for problem in problems.sorted():
        print(problem.format(), file=sys.stderr)
    if problems.errors:
        return cli.EXIT_INVALID
    if map_id is None:
        return _usage(
            f"{path}: not a map (persona files, and files starting with '_' or '.', are not drawn)"
        )
    journey = gallery.maps[map_id]
    persona = gallery.personas.get(journey.persona) if journey.persona else None
    svg = render_map_svg(journey, persona, theme=args.theme, blank=args.blank)
    if args.output and args.output != "-":
        Path(args.output).write_text(svg, encoding="utf-8")
    else:
        sys.stdout.write(svg)
    return cli.EXIT_OK


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``render`` subcommand to the ``journey-maps`` parser."""
    render = commands.add_parser(
        "render",
        help="draw one map as a standalone SVG",
        description="Check a map file in its gallery and draw it. Exit 0 drawn, 1 invalid.",
    )
    render.add_argument("map", metavar="MAP.yaml", help="the map file to draw")
    render.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")
    render.add_argument("--format", choices=["svg"], default="svg", help="output format")
    render.add_argument("--theme", choices=sorted(PALETTES), default="light")
    render.add_argument("--blank", action="store_true", help="headings and empty boxes only")
    render.set_defaults(func=_cmd_render)


