"""``journey-maps catalog [MAPS_DIR]``: the site's ``journey-maps.json`` without building it.

The options come from the mkdocs.yml that publishes the folder (the plugin's defaults when
none does), and the site is planned by the same functions the MkDocs plugin uses, so the
file is byte for byte the one ``mkdocs build`` publishes; downloads are planned, not
rendered. Problems are printed on standard error as ``validate`` prints them. As in a build
that is not strict, invalid files are left out and the catalog is written, but the command
exits 1, so that a script notices; ``--strict`` writes nothing when there is any problem,
warnings included, as ``mkdocs build --strict`` publishes nothing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from journey_maps.cli.common import (
    EXIT_INVALID,
    EXIT_OK,
    UsageError,
    problem_summary,
    write_output,
)
from journey_maps.core.errors import Problems
from journey_maps.load.project import default_gallery
from journey_maps.site.catalog import CATALOG_FILE, build_catalog, dump_catalog
from journey_maps.site.plan import plan_published_site
from journey_maps.site.project import load_sources, project_options


def _report(problems: Problems) -> None:
    for problem in problems.sorted():
        print(problem.format(), file=sys.stderr)
    if problems:
        print(problem_summary(problems), file=sys.stderr)


def _cmd_catalog(args: argparse.Namespace) -> int:
    maps_dir = Path(args.maps_dir) if args.maps_dir else default_gallery()
    if not maps_dir.is_dir():
        raise UsageError(f"{maps_dir}: no such folder")
    cwd = Path.cwd()
    options, problems, config = project_options(maps_dir, display_base=cwd)
    if problems:
        _report(problems)
        return EXIT_INVALID
    if config is None:
        print(
            f"journey-maps: note: no mkdocs.yml here or above publishes {maps_dir.as_posix()}; "
            "the catalog uses the plugin's default options",
            file=sys.stderr,
        )
    gallery, translations, problems = load_sources(
        maps_dir, default_language=options.default_language, display_base=cwd
    )
    _report(problems)
    if args.strict and problems:
        return EXIT_INVALID
    site = plan_published_site(gallery, translations, options)
    code = write_output(dump_catalog(build_catalog(site)).encode("utf-8"), args.output, "json")
    if code is not None:
        return code
    return EXIT_INVALID if problems.errors else EXIT_OK


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``catalog`` subcommand to the ``journey-maps`` parser."""
    catalog = commands.add_parser(
        "catalog",
        help=f"write the site's {CATALOG_FILE} without building the site",
        description=(
            f"Write the {CATALOG_FILE} that mkdocs build would publish for a gallery. Exit 0 "
            "written, 1 invalid input (the catalog leaves invalid files out), 2 usage error."
        ),
    )
    catalog.add_argument(
        "maps_dir",
        nargs="?",
        metavar="MAPS_DIR",
        help="the gallery folder (default: maps/ here, else the folder mkdocs.yml publishes)",
    )
    catalog.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE (default: standard output)"
    )
    catalog.add_argument(
        "--strict",
        action="store_true",
        help="write nothing if any file has a problem, warnings included (mkdocs build --strict)",
    )
    catalog.set_defaults(func=_cmd_catalog)
