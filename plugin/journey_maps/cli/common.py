"""What every ``journey-maps`` subcommand shares: exit codes, usage errors, finding a map's
gallery, and writing results to files or standard output.

Exit codes are part of the public contract (docs/reference/cli.md): 0 done, 1 invalid input
(problems printed as ``path:line:col: severity: message``), 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from journey_maps.core.errors import Problems
from journey_maps.core.gallery import Gallery
from journey_maps.load.folder import PERSONAS_DIR, YAML_SUFFIXES
from journey_maps.load.project import load_project_gallery

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2

#: Landscape papers of PDF output (``render --paper``, ``template --paper``).
PAPER_CHOICES = ("a4", "letter", "a3")
#: File suffixes that name a format other than by its own name.
SUFFIX_FORMATS = {"mmd": "mermaid"}
BINARY = ("png", "pdf")


class UsageError(Exception):
    """The command line is wrong (an option, a missing file): printed, exit 2."""


def usage(message: str) -> int:
    print(f"journey-maps: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def invalid(message: str) -> int:
    print(f"journey-maps: error: {message}", file=sys.stderr)
    return EXIT_INVALID


def problem_summary(problems: Problems) -> str:
    """The last line of a run that found problems: ``N error(s), M warning(s) in K file(s)``."""
    files = len({p.path for p in problems.items})
    return (
        f"{len(problems.errors)} error(s), {len(problems.warnings)} warning(s) in {files} file(s)"
    )


def gallery_root(path: Path) -> Path:
    """The gallery folder a single file belongs to (personas live one level down)."""
    parent = path.parent
    # Path(".").parent is Path("."): resolve before stepping out of a personas folder.
    return parent.resolve().parent if parent.resolve().name == PERSONAS_DIR else parent


def load_map_file(path: Path) -> tuple[Gallery, Problems, str | None]:
    """The gallery ``path`` belongs to, the problems of that file, and its map id (None for a
    persona file or an invalid map): a single file is checked in its gallery, as ``validate``
    would check it."""
    gallery, found = load_project_gallery(gallery_root(path), display_base=Path.cwd())
    target = path.resolve()

    def here(shown: str) -> bool:
        return (Path.cwd() / shown).resolve() == target

    problems = Problems([p for p in found.items if here(p.path)])
    map_id = next((m for m in gallery.maps if here(gallery.source_path("map", m))), None)
    return gallery, problems, map_id


def language_argument(value: str) -> str:
    """The ``type`` of ``--lang`` options: a language code, else a usage error (exit 2) that
    says how to write one."""
    from journey_maps.core.model import language_code

    try:
        return language_code(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def note_missing_interface_strings(lang: str) -> None:
    """Say so when ``lang`` has no interface strings: its headings and legend come out in
    English, which nobody asking for that language expects silently."""
    from journey_maps.i18n.catalogs import available_languages, has_interface_strings

    if not has_interface_strings(lang):
        print(
            f"journey-maps: warning: no interface strings in '{lang}': headings, legend and "
            f"map types are in English; languages with them: {', '.join(available_languages())}",
            file=sys.stderr,
        )


def note_missing_persona(persona: str | None, output: str | None) -> None:
    """Say so when a map about to be written names a persona its gallery has no file for yet:
    the map is invalid until that file exists (a warning, since it may be written next)."""
    if not persona or not output or output == "-":
        return
    folder = gallery_root(Path(output)) / PERSONAS_DIR
    if not any((folder / f"{persona}{suffix}").is_file() for suffix in YAML_SUFFIXES):
        print(
            f"note: no persona file {folder.as_posix()}/{persona}.yaml yet; the map is invalid "
            "until it exists",
            file=sys.stderr,
        )


def output_format(requested: str | None, output: str | None, allowed: tuple[str, ...]) -> str:
    """``--format``, else the output file's suffix when it names a format, else the first."""
    if requested:
        return requested
    suffix = Path(output).suffix.lower().lstrip(".") if output and output != "-" else ""
    suffix = SUFFIX_FORMATS.get(suffix, suffix)
    return suffix if suffix in allowed else allowed[0]


def check_options(fmt: str, paper: str | None, dpi: float | None) -> str | None:
    """A usage problem with ``--paper``/``--dpi`` for this format, or None."""
    from journey_maps.export.raster import MAX_DPI, MIN_DPI

    if paper and fmt != "pdf":
        return "--paper applies to PDF output only"
    if dpi is not None:
        if fmt != "png":
            return "--dpi applies to PNG output only"
        if not MIN_DPI <= dpi <= MAX_DPI:
            return f"--dpi must be between {MIN_DPI} and {MAX_DPI}"
    return None


def check_export_target(output: str | None, fmt: str) -> None:
    """Refuse an export's ``-o`` that names a YAML file, before any work is done.

    Exports replace what is at ``-o`` (they are regenerated), but a ``.yaml`` file is a map,
    persona, translation or site configuration, and no export is YAML: such a name is always
    a slip, and writing there would destroy a source or plant a broken map in a gallery.
    """
    if not output or output == "-" or Path(output).suffix.lower() not in YAML_SUFFIXES:
        return
    suffix = next((s for s, f in SUFFIX_FORMATS.items() if f == fmt), fmt)
    fix = f"write the {fmt.upper()} to a file ending in .{suffix}"
    if Path(output).exists():
        raise UsageError(
            f"{output} is a YAML source file (a map, persona, translation or site "
            f"configuration) and an export would replace it; {fix}"
        )
    raise UsageError(
        f"{output}: a .yaml file is read as a map, persona or translation, and exports are "
        f"never YAML; {fix}"
    )


def write_output(data: bytes, output: str | None, fmt: str) -> int | None:
    """Write an export to ``output`` (atomically, replacing it: exports are regenerated) or
    to stdout; a usage error code for binary output on a terminal."""
    from journey_maps.export.cache import write_atomic

    if output and output != "-":
        write_atomic(Path(output), data)
        return None
    if fmt in BINARY and sys.stdout.isatty():
        return usage(f"{fmt.upper()} output is binary; write it to a file with -o FILE")
    _to_stdout(data)
    return None


def write_new_file(output: str | None, text: str, *, force: bool) -> None:
    """Write a file people then edit (an import, a new map) or print it; never replace an
    existing file without ``force``. Bytes as they are: CSV keeps its \\r\\n."""
    data = text.encode("utf-8")
    if not output or output == "-":
        _to_stdout(data)
        return
    path = Path(output)
    if path.exists() and not force:
        raise UsageError(f"{path} exists; use --force to replace it, or -o another file")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from exc
    print(f"wrote {path}", file=sys.stderr)


def output_options(parser: argparse.ArgumentParser, what: str) -> None:
    """``-o/--output`` and ``--force`` of the commands that write files people edit."""
    parser.add_argument(
        "-o", "--output", metavar="FILE", help=f"where to write {what} ('-': standard output)"
    )
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")


def _to_stdout(data: bytes) -> None:
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
