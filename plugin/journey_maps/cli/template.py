"""``journey-maps template --type T``: a blank template to print or fill in, in any language.

The same files the site publishes under ``downloads/templates/``: SVG, a PNG at print
resolution, or a landscape PDF on A4, US Letter or A3 whose boxes are form fields (unless
``--no-fillable``). Interface words come from the built-in gettext catalogs; a language
without a catalog gets English words, and a warning that lists the languages that have one.
"""

from __future__ import annotations

import argparse

from journey_maps.cli.common import (
    EXIT_OK,
    PAPER_CHOICES,
    check_export_target,
    check_options,
    invalid,
    language_argument,
    note_missing_interface_strings,
    output_format,
    usage,
    write_output,
)
from journey_maps.core.model import MapType
from journey_maps.render.themes import PALETTES

FORMATS = ("pdf", "svg", "png")


def _cmd_template(args: argparse.Namespace) -> int:
    from journey_maps.export.blank import blank_template
    from journey_maps.export.fonts import FontError
    from journey_maps.export.jobs import ExportJob, render, template_labels
    from journey_maps.export.raster import DEFAULT_DPI, ExportError

    fmt = output_format(args.format, args.output, FORMATS)
    check_export_target(args.output, fmt)
    problem = check_options(fmt, args.paper, args.dpi)
    if problem:
        return usage(problem)
    if args.no_fillable and fmt != "pdf":
        return usage("--no-fillable applies to PDF output only")
    lang = args.lang
    note_missing_interface_strings(lang)
    labels, texts = template_labels(lang)
    template = blank_template(MapType(args.type), labels=labels, texts=texts, theme=args.theme)
    job = ExportJob(
        path=f"template.{fmt}",
        format=fmt,
        source=template.svg,
        kind="template",
        subject=args.type,
        language=lang,
        paper=(args.paper or "a4") if fmt == "pdf" else None,
        dpi=args.dpi or DEFAULT_DPI,
        title=template.title,
        fields=template.fields if fmt == "pdf" and not args.no_fillable else (),
    )
    try:
        data = render(job)
    except (ExportError, FontError) as exc:
        return invalid(str(exc))
    code = write_output(data, args.output, fmt)
    return EXIT_OK if code is None else code


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``template`` subcommand to the ``journey-maps`` parser."""
    template = commands.add_parser(
        "template",
        help="write a blank template (fillable PDF, SVG or PNG) of a map type",
        description="Write a blank template of a map type. Exit 0 written, 2 usage error.",
    )
    template.add_argument(
        "--type",
        required=True,
        choices=[t.value for t in MapType],
        help="the map type of the template",
    )
    template.add_argument(
        "--lang",
        default="en",
        type=language_argument,
        metavar="L",
        help="language of the headings (default: en; a language without interface strings "
        "gets English words, with a warning)",
    )
    template.add_argument(
        "--paper", choices=PAPER_CHOICES, help="PDF only: landscape paper (default: a4)"
    )
    template.add_argument(
        "--format", choices=FORMATS, help="output format (default: from the -o suffix, else pdf)"
    )
    template.add_argument(
        "--no-fillable", action="store_true", help="PDF only: leave out the form fields"
    )
    template.add_argument(
        "--dpi", type=float, metavar="N", help="PNG only: resolution (default 150, 36-600)"
    )
    template.add_argument("--theme", choices=sorted(PALETTES), default="light")
    template.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE (default: stdout; PNG and PDF need a file on a terminal)",
    )
    template.set_defaults(func=_cmd_template)
