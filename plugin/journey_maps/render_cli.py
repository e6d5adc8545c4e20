"""``journey-maps render MAP.yaml``: draw or export one map, checked like ``validate`` first.

The map is loaded with its gallery (the folder it is in, personas in ``personas/`` beside
it) so the persona is found and cross-references are checked; an invalid map prints the
same ``path:line:col: error: message`` lines as ``validate`` and exits 1. Exports are the
site's download files: the same drawing as SVG, PNG or PDF, or the map's data as CSV or
JSON. ``--lang`` draws the map in another language from the gallery's
``translations/<lang>/`` files, with the interface words from the gettext catalogs;
untranslated texts stay in the source language.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import cli
from .errors import Problems
from .model import JourneyMap, Persona
from .project import load_project_gallery
from .svg import render_map_svg
from .themes import PALETTES
from .validate import PERSONAS_DIR, YAML_SUFFIXES, Gallery

FORMATS = ("svg", "png", "pdf", "csv", "json", "mermaid")
#: File suffixes that name a format other than by its own name.
SUFFIX_FORMATS = {"mmd": "mermaid"}
PAPER_CHOICES = ("a4", "letter", "a3")
BINARY = ("png", "pdf")


def _usage(message: str) -> int:
    print(f"journey-maps: error: {message}", file=sys.stderr)
    return cli.EXIT_USAGE


def _invalid(message: str) -> int:
    print(f"journey-maps: error: {message}", file=sys.stderr)
    return cli.EXIT_INVALID


def _load(path: Path) -> tuple[Gallery, Problems, str | None]:
    """The gallery ``path`` belongs to, the problems of that file, and its map id."""
    root = path.parent.parent if path.parent.name == PERSONAS_DIR else path.parent
    gallery, found = load_project_gallery(root, display_base=Path.cwd())
    target = path.resolve()

    def here(shown: str) -> bool:
        return (Path.cwd() / shown).resolve() == target

    problems = Problems([p for p in found.items if here(p.path)])
    map_id = next((m for m in gallery.maps if here(gallery.source_path("map", m))), None)
    return gallery, problems, map_id


def output_format(requested: str | None, output: str | None, allowed: tuple[str, ...]) -> str:
    """``--format``, else the output file's suffix when it names a format, else the first."""
    if requested:
        return requested
    suffix = Path(output).suffix.lower().lstrip(".") if output and output != "-" else ""
    suffix = SUFFIX_FORMATS.get(suffix, suffix)
    return suffix if suffix in allowed else allowed[0]


def check_options(fmt: str, paper: str | None, dpi: float | None) -> str | None:
    """A usage problem with ``--paper``/``--dpi`` for this format, or None."""
    from .export.raster import MAX_DPI, MIN_DPI

    if paper and fmt != "pdf":
        return "--paper applies to PDF output only"
    if dpi is not None:
        if fmt != "png":
            return "--dpi applies to PNG output only"
        if not MIN_DPI <= dpi <= MAX_DPI:
            return f"--dpi must be between {MIN_DPI} and {MAX_DPI}"
    return None


def write_output(data: bytes, output: str | None, fmt: str) -> int | None:
    """Write to ``output`` (atomically) or stdout; a usage error code for binary on a terminal."""
    from .export.cache import write_atomic

    if output and output != "-":
        write_atomic(Path(output), data)
        return None
    if fmt in BINARY and sys.stdout.isatty():
        return _usage(f"{fmt.upper()} output is binary; write it to a file with -o FILE")
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
    return None


def _localized(
    gallery: Gallery, root: Path, journey: JourneyMap, persona: Persona | None, lang: str
) -> tuple[JourneyMap, Persona | None]:
    """The map and persona in ``lang`` from the gallery's translation files, if any."""
    from .i18n import load_translations, localize

    translations, problems = load_translations(root, gallery, display_base=Path.cwd())
    for problem in problems.sorted():
        print(problem.format(), file=sys.stderr)
    found = translations.for_map(journey.id, lang)
    if found is None:
        print(
            f"journey-maps: note: no translation of '{journey.id}' into {lang}; its texts stay "
            "in the source language",
            file=sys.stderr,
        )
    journey = localize(journey, found, lang).localized
    if persona is not None:
        persona = localize(persona, translations.for_persona(persona.id, lang), lang).localized
    return journey, persona


def _cmd_render(args: argparse.Namespace) -> int:
    from .export.raster import DEFAULT_DPI, ExportError, svg_to_pdf, svg_to_png

    path = Path(args.map)
    fmt = output_format(args.format, args.output, FORMATS)
    problem = check_options(fmt, args.paper, args.dpi)
    if problem:
        return _usage(problem)
    if not path.is_file():
        return _usage(f"{path}: no such file")
    if path.suffix.lower() not in YAML_SUFFIXES:
        return _usage(f"{path}: not a YAML file (.yaml or .yml)")
    gallery, problems, map_id = _load(path)
    for found in problems.sorted():
        print(found.format(), file=sys.stderr)
    if problems.errors:
        return cli.EXIT_INVALID
    if map_id is None:
        return _usage(
            f"{path}: not a map (persona files, and files starting with '_' or '.', are not drawn)"
        )
    journey = gallery.maps[map_id]
    persona = gallery.personas.get(journey.persona) if journey.persona else None
    source = journey.language or gallery.default_language
    labels = None
    if args.lang and args.lang.lower() != source.lower():
        from .i18n import localize_labels
        from .layout import Labels

        root = path.parent.parent if path.parent.name == PERSONAS_DIR else path.parent
        journey, persona = _localized(gallery, root, journey, persona, args.lang)
        labels = localize_labels(Labels(), args.lang)
    try:
        if fmt in ("csv", "json"):
            from .export import tabular

            text = tabular.map_to_csv(journey) if fmt == "csv" else tabular.map_to_json(journey)
            data = text.encode("utf-8")
        elif fmt == "mermaid":
            from .interop.mermaid import MermaidExportError, map_to_mermaid

            try:
                data = map_to_mermaid(journey, persona).encode("utf-8")
            except MermaidExportError as exc:
                mark = gallery.documents[f"map:{journey.id}"].mark(("type",))
                print(f"{path.as_posix()}:{mark.line}:{mark.column}: error: {exc}", file=sys.stderr)
                return cli.EXIT_INVALID
        else:
            svg = render_map_svg(
                journey, persona, labels=labels, theme=args.theme, blank=args.blank
            )
            if fmt == "png":
                data = svg_to_png(svg, dpi=args.dpi or DEFAULT_DPI)
            elif fmt == "pdf":
                data = svg_to_pdf(svg, paper=args.paper)
            else:
                data = svg.encode("utf-8")
    except ExportError as exc:
        return _invalid(str(exc))
    code = write_output(data, args.output, fmt)
    return cli.EXIT_OK if code is None else code


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``render`` subcommand to the ``journey-maps`` parser."""
    render = commands.add_parser(
        "render",
        help="draw one map as SVG, PNG or PDF, or export it as CSV, JSON or a Mermaid journey",
        description=(
            "Check a map file in its gallery and draw or export it. Exit 0 written, "
            "1 invalid map, 2 usage error."
        ),
    )
    render.add_argument("map", metavar="MAP.yaml", help="the map file to draw")
    render.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE (default: stdout; PNG and PDF need a file on a terminal)",
    )
    render.add_argument(
        "--format",
        choices=FORMATS,
        help="output format (default: from the -o suffix, else svg)",
    )
    render.add_argument(
        "--lang",
        metavar="L",
        help=(
            "draw in language L: texts from the gallery's translations/L/ files (untranslated "
            "ones stay in the source language), interface words from the built-in catalogs"
        ),
    )
    render.add_argument(
        "--paper",
        choices=PAPER_CHOICES,
        help="PDF only: fit the drawing on this paper, landscape (default: the drawing's size)",
    )
    render.add_argument(
        "--dpi", type=float, metavar="N", help="PNG only: resolution (default 150, 36-600)"
    )
    render.add_argument("--theme", choices=sorted(PALETTES), default="light")
    render.add_argument("--blank", action="store_true", help="headings and empty boxes only")
    render.set_defaults(func=_cmd_render)
