"""``journey-maps render MAP.yaml``: draw or export one map, checked like ``validate`` first.

The map is loaded with its gallery (the folder it is in, personas in ``personas/`` beside
it) so the persona is found and cross-references are checked; an invalid map prints the
same ``path:line:col: error: message`` lines as ``validate`` and exits 1. Exports are the
site's download files: the same drawing as SVG, PNG or PDF, or the map's data as CSV or
JSON. The map is drawn in its own language, or in ``--lang``'s from the gallery's
``translations/<lang>/`` files (untranslated texts stay in the source language), with the
interface words of that language from the gettext catalogs: exactly the site's download
of the map in that language.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from journey_maps.cli.common import (
    EXIT_INVALID,
    EXIT_OK,
    PAPER_CHOICES,
    check_export_target,
    check_options,
    gallery_root,
    invalid,
    language_argument,
    load_map_file,
    note_missing_interface_strings,
    output_format,
    usage,
    write_output,
)
from journey_maps.core.gallery import Gallery
from journey_maps.core.model import JourneyMap, Persona
from journey_maps.layout.labels import diagram_labels
from journey_maps.load.folder import YAML_SUFFIXES
from journey_maps.render.svg import render_map_svg
from journey_maps.render.themes import PALETTES

FORMATS = ("svg", "png", "pdf", "csv", "json", "mermaid")
DRAWINGS = ("svg", "png", "pdf")


def _in_language(
    gallery: Gallery, root: Path, journey: JourneyMap, persona: Persona | None, lang: str
) -> tuple[JourneyMap, Persona | None]:
    """The map and its persona in ``lang``, localized from the gallery's translation files as
    the site localizes each language's tree (a persona written in another language than the
    map is marked as such in its own language too); problems of ``lang``'s files are shown."""
    from journey_maps.i18n import load_translations, localize
    from journey_maps.i18n.files import folder_language

    translations, problems = load_translations(root, gallery, display_base=Path.cwd())
    for problem in problems.sorted():
        if folder_language(problem.path) in (None, lang):
            print(problem.format(), file=sys.stderr)
    source = journey.language or gallery.default_language
    found = translations.for_map(journey.id, lang)
    if found is None and lang.lower() != source.lower():
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
    from journey_maps.export.raster import DEFAULT_DPI, ExportError, svg_to_pdf, svg_to_png

    path = Path(args.map)
    fmt = output_format(args.format, args.output, FORMATS)
    check_export_target(args.output, fmt)
    problem = check_options(fmt, args.paper, args.dpi)
    if problem:
        return usage(problem)
    if not path.is_file():
        return usage(f"{path}: no such file")
    if path.suffix.lower() not in YAML_SUFFIXES:
        return usage(f"{path}: not a YAML file (.yaml or .yml)")
    gallery, problems, map_id = load_map_file(path)
    for found in problems.sorted():
        print(found.format(), file=sys.stderr)
    if problems.errors:
        return EXIT_INVALID
    if map_id is None:
        return usage(
            f"{path}: not a map (persona files, and files starting with '_' or '.', are not drawn)"
        )
    journey = gallery.maps[map_id]
    persona = gallery.personas.get(journey.persona) if journey.persona else None
    # Without --lang, the map's own language: the words of its download on the site.
    lang = args.lang or journey.language or gallery.default_language
    journey, persona = _in_language(gallery, gallery_root(path), journey, persona, lang)
    labels = diagram_labels(lang)
    if fmt in DRAWINGS:  # CSV, JSON and Mermaid carry no interface words
        note_missing_interface_strings(lang)
    try:
        if fmt in ("csv", "json"):
            from journey_maps.formats import TEXT_EXPORTS

            data = TEXT_EXPORTS[fmt](journey).encode("utf-8")
        elif fmt == "mermaid":
            from journey_maps.formats.mermaid import MermaidExportError, map_to_mermaid

            try:
                data = map_to_mermaid(journey, persona).encode("utf-8")
            except MermaidExportError as exc:
                mark = gallery.documents[f"map:{journey.id}"].mark(("type",))
                print(f"{path.as_posix()}:{mark.line}:{mark.column}: error: {exc}", file=sys.stderr)
                return EXIT_INVALID
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
        return invalid(str(exc))
    code = write_output(data, args.output, fmt)
    return EXIT_OK if code is None else code


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
        type=language_argument,
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
