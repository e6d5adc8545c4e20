"""The ``journey-maps`` command: validate galleries and print the schema, without MkDocs.

Exit codes (stable, see docs/reference/cli.md): 0 success, 1 invalid input, 2 usage error.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .errors import Problems
from .i18n import load_translations
from .model import json_schema
from .project import default_gallery, load_project_gallery
from .validate import PERSONAS_DIR, YAML_SUFFIXES, yaml_files

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class _UsageError(Exception):
    pass


def _gallery_root(path: Path) -> Path:
    """The gallery folder a single file belongs to (personas live one level down)."""
    parent = path.parent
    # Path(".").parent is Path("."): resolve before stepping out of a personas folder.
    return parent.resolve().parent if parent.resolve().name == PERSONAS_DIR else parent


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
                raise _UsageError(f"{path}: not a YAML file (.yaml or .yml)")
            root = _gallery_root(path).resolve()  # resolved: one key per gallery
            if wanted.get(root, set()) is not None:
                wanted.setdefault(root, set()).add(path.resolve())  # type: ignore[union-attr]
        else:
            raise _UsageError(f"{path}: no such file or folder")
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
        files = len({p.path for p in problems.items})
        print(
            f"{errors} error(s), {warnings} warning(s) in {files} file(s)",
            file=sys.stderr,
        )
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


def _cmd_schema(args: argparse.Namespace) -> int:
    text = json.dumps(json_schema(args.kind), indent=2, ensure_ascii=False, sort_keys=True)
    if args.output:
        output = Path(args.output)
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text + "\n", encoding="utf-8")
    else:
        print(text)
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="journey-maps",
        description="Check, draw and export customer journey maps written in YAML.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    validate = commands.add_parser(
        "validate",
        help="check map and persona files; print path:line:col: error: message per problem",
        description="Check galleries (folders) or single files. Exit 0 valid, 1 invalid.",
    )
    validate.add_argument("paths", nargs="*", metavar="PATH", help="gallery folder or YAML file")
    validate.add_argument("--strict", action="store_true", help="treat warnings as errors")
    validate.add_argument("-q", "--quiet", action="store_true", help="no summary when valid")
    validate.set_defaults(func=_cmd_validate)

    schema = commands.add_parser("schema", help="print the JSON Schema of map or persona files")
    schema.add_argument("--kind", choices=["map", "persona"], default="map")
    schema.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    schema.set_defaults(func=_cmd_schema)

    for name in COMMAND_MODULES:
        importlib.import_module(name).register(commands)
    return parser


#: Modules that add subcommands: each has ``register(subparsers)``. Listed here, imported
#: when the parser is built, so `python -m journey_maps.cli` and the console script agree.
COMMAND_MODULES = (
    "journey_maps.render_cli",
    "journey_maps.template_cli",
    "journey_maps.interop.commands",
    "journey_maps.i18n.cli",
)
#: Kept for modules written against the earlier registration hook; no longer read.
_EXTRA_COMMANDS: list[Callable[[argparse._SubParsersAction[argparse.ArgumentParser]], None]] = []


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.func(args)
    except _UsageError as exc:
        print(f"journey-maps: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # pragma: no cover - `journey-maps schema | head`
        return EXIT_OK
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
