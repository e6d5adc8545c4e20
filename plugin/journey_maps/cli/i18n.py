"""``journey-maps i18n``: see how far translations are, and start new ones.

``status`` reports, per map or persona and language, the share translated and the missing
and stale texts; ``init`` writes a translation file to fill in. Exit codes as for the rest of
the command: 0 success, 1 invalid input (warnings too with ``--strict``), 2 usage error.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

from journey_maps.cli.common import EXIT_INVALID, EXIT_OK, UsageError, gallery_root
from journey_maps.core.errors import Problems
from journey_maps.core.gallery import Gallery
from journey_maps.core.model import LANGUAGE_CODE, JourneyMap, Persona
from journey_maps.i18n.apply import CoverageRow, coverage_table
from journey_maps.i18n.catalogs import available_languages
from journey_maps.i18n.files import (
    TRANSLATIONS_DIR,
    Entry,
    Translation,
    folder_language,
    load_translations,
    read_translation_file,
)
from journey_maps.i18n.keys import kind_of, source_language, text_entries
from journey_maps.i18n.write import missing_entries_block, schema_reference, translation_template
from journey_maps.load.folder import PERSONAS_DIR, YAML_SUFFIXES
from journey_maps.load.project import default_gallery, load_project_gallery, published_languages_for
from journey_maps.load.yaml import load_text


def _print_problems(problems: Problems) -> None:
    for problem in problems.sorted():
        print(problem.format(), file=sys.stderr)


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _check_lang(lang: str) -> str:
    if not LANGUAGE_CODE.match(lang):
        raise UsageError(f"'{lang}' is not a language code such as 'de', 'et' or 'pt-BR'")
    return lang


# --- status -----------------------------------------------------------------------------------


def _percent(row: CoverageRow) -> str:
    share = row.coverage.completeness
    # Never round up to 100%: "complete" must mean nothing is missing.
    return f"{math.floor(share * 100)}%" if row.coverage.missing else "100%"


def _cmd_status(args: argparse.Namespace) -> int:
    maps_dir = Path(args.maps_dir) if args.maps_dir else default_gallery()
    if not maps_dir.is_dir():
        raise UsageError(f"{maps_dir}: no such folder")
    gallery, problems = load_project_gallery(maps_dir)
    translations, found = load_translations(maps_dir, gallery)
    if args.lang:
        languages = [_check_lang(lang) for lang in args.lang]
        # Someone working on one language is not stopped by another language's files.
        found.items = [p for p in found.items if folder_language(p.path) in (None, *languages)]
    else:
        # The languages the site publishes; without a multilingual site, every language
        # someone could translate into.
        languages = published_languages_for(maps_dir) or sorted(
            set(available_languages()) | set(translations.languages())
        )
    problems.extend(found)
    rows = coverage_table(gallery, translations, languages)
    _print_problems(problems)
    width = max([len(row.item_id) for row in rows] + [2])
    print(f"{'KIND':<8} {'ID':<{width}}  {'LANG':<5} {'DONE':>5} {'MISSING':>8} {'STALE':>6}")
    for row in rows:
        cov = row.coverage
        print(
            f"{row.kind:<8} {row.item_id:<{width}}  {cov.language:<5} {_percent(row):>5} "
            f"{len(cov.missing):>8} {len(cov.stale):>6}"
        )
        if args.verbose:
            for key in cov.stale:
                print(f"    stale    {key}")
            for key in cov.missing:
                print(f"    missing  {key}")
    stale = sum(len(row.coverage.stale) for row in rows)
    errors, warnings = len(problems.errors), len(problems.warnings)
    print(
        f"{len(translations.items)} translation file(s); {errors} error(s), "
        f"{warnings} warning(s), {stale} stale text(s)",
        file=sys.stderr,
    )
    if errors or (args.strict and (warnings or stale)):
        return EXIT_INVALID
    return EXIT_OK


# --- init -------------------------------------------------------------------------------------


def _find_by_path(gallery: Gallery, path: Path) -> JourneyMap | Persona | None:
    target = path.resolve()
    for key, doc in gallery.documents.items():
        if Path(doc.path).resolve() == target:
            kind, _, item_id = key.partition(":")
            return gallery.maps.get(item_id) if kind == "map" else gallery.personas.get(item_id)
    return None


def _find(args: argparse.Namespace) -> tuple[JourneyMap | Persona, Path]:
    """The map or persona to translate and its gallery folder, or a usage error."""
    given = Path(args.target)
    if given.suffix in YAML_SUFFIXES:
        if not given.is_file():
            raise UsageError(f"{given}: no such file")
        maps_dir = gallery_root(given)
        gallery, problems = load_project_gallery(maps_dir)
        obj = _find_by_path(gallery, given)
        if obj is None:
            _print_problems(problems)
            raise _InvalidInputError(
                f"{given}: not a valid map or persona of the gallery in '{maps_dir}'"
            )
        return obj, maps_dir
    maps_dir = Path(args.maps_dir) if args.maps_dir else default_gallery()
    if not maps_dir.is_dir():
        raise UsageError(f"{maps_dir}: no such folder (use --maps-dir)")
    gallery, problems = load_project_gallery(maps_dir)
    found: list[JourneyMap | Persona] = [
        obj for obj in (gallery.maps.get(args.target), gallery.personas.get(args.target)) if obj
    ]
    if len(found) > 1:
        raise UsageError(
            f"'{args.target}' is both a map and a persona; pass the file instead, such as "
            f"{maps_dir / PERSONAS_DIR / args.target}.yaml"
        )
    if not found:
        for suffix in YAML_SUFFIXES:
            for folder in (maps_dir, maps_dir / PERSONAS_DIR):
                if (folder / f"{args.target}{suffix}").is_file():
                    _print_problems(problems)
                    raise _InvalidInputError(f"'{args.target}' has errors; fix them first")
        known = sorted([*gallery.maps, *gallery.personas])
        raise UsageError(
            f"no map or persona '{args.target}' in {maps_dir}; known: {', '.join(known) or 'none'}"
        )
    return found[0], maps_dir


class _InvalidInputError(Exception):
    """The input is invalid (exit 1), as opposed to the command line (exit 2)."""


def _default_output(obj: JourneyMap | Persona, lang: str, maps_dir: Path) -> Path:
    folder = maps_dir / TRANSLATIONS_DIR / lang
    if isinstance(obj, Persona):
        folder = folder / PERSONAS_DIR
    return folder / f"{obj.id}.yaml"


def _check_translation_target(output: Path, maps_dir: Path, default: Path) -> None:
    """Refuse ``-o`` where the gallery reads maps or personas: the translation would be taken
    for one (and, with --force, replace the one that is there)."""
    gallery = maps_dir.resolve()
    folder = output.resolve().parent
    if output.suffix.lower() in YAML_SUFFIXES and folder in (gallery, gallery / PERSONAS_DIR):
        kind = "maps" if folder == gallery else "personas"
        raise UsageError(
            f"{output}: the gallery reads the YAML files in {output.parent.as_posix()}/ as "
            f"{kind}, so a translation cannot go there; leave out -o to write {default}"
        )


def _append(output: Path, obj: JourneyMap | Persona, lang: str) -> int:
    translation, _, problems = read_translation_file(output, obj, lang)
    if translation is None or problems.errors:
        _print_problems(problems)
        return EXIT_INVALID
    text = output.read_text(encoding="utf-8")
    doc = load_text(output.as_posix(), text, Problems())
    assert doc is not None  # read_translation_file parsed it already
    texts = doc.data.get("texts")
    present = list(texts) if isinstance(texts, dict) else []
    block = missing_entries_block(obj, present)
    if not block:
        print(f"{output}: every text has an entry already; nothing to add", file=sys.stderr)
        return EXIT_OK
    added = len([key for key in text_entries(obj) if key not in present])
    new_text = text.rstrip("\n") + "\n  # Added by 'journey-maps i18n init': texts new since.\n"
    new_text += block
    check = load_text(output.as_posix(), new_text, Problems())
    new_texts = check.data.get("texts") if check else None
    if not isinstance(new_texts, dict) or list(new_texts)[: len(present)] != present:
        print(
            f"{output}: cannot add the {added} missing entries at the end of the file ('texts:' "
            "is not its last section, or not a block mapping); add them by hand, or rewrite the "
            "file with --force (which keeps every translation)",
            file=sys.stderr,
        )
        return EXIT_INVALID
    output.write_text(new_text, encoding="utf-8")
    print(f"{output}: added {_count(added, 'entry', 'entries')} to translate", file=sys.stderr)
    return EXIT_OK


def _cmd_init(args: argparse.Namespace) -> int:
    lang = _check_lang(args.lang)
    try:
        obj, maps_dir = _find(args)
    except _InvalidInputError as exc:
        print(f"journey-maps: {exc}", file=sys.stderr)
        return EXIT_INVALID
    kind = kind_of(obj)
    if lang.lower() == source_language(obj).lower():
        raise UsageError(f"{kind} '{obj.id}' is written in {lang}; choose another --lang")
    to_stdout = args.output == "-"
    output = Path(args.output) if args.output and not to_stdout else None
    default = _default_output(obj, lang, maps_dir)
    if output is not None:
        _check_translation_target(output, maps_dir, default)
    output = output or default
    folder = maps_dir if kind == "map" else maps_dir / PERSONAS_DIR
    source = (folder / f"{obj.id}.yaml").as_posix()
    if not to_stdout and output.exists() and not args.force:
        return _append(output, obj, lang)
    existing: Translation | None = None
    orphans: dict[str, Entry] = {}
    if not to_stdout and output.exists():
        existing, orphans, problems = read_translation_file(output, obj, lang)
        if existing is None or problems.errors:
            _print_problems(problems)
            return EXIT_INVALID
    text = translation_template(
        obj,
        lang,
        existing=existing,
        orphans=orphans,
        source_path=source,
        schema=None if to_stdout else schema_reference(output, maps_dir),
    )
    if to_stdout:
        sys.stdout.write(text)
        return EXIT_OK
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    total = len(text_entries(obj))
    kept = len([e for e in (existing.entries.values() if existing else []) if e.text])
    note = f", {_count(kept, 'translation', 'translations')} kept" if existing else ""
    if orphans:
        note += f", {_count(len(orphans), 'entry', 'entries')} with unknown keys kept at the end"
    print(f"{output}: {total - kept} of {total} texts to translate{note}", file=sys.stderr)
    return EXIT_OK


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``journey-maps i18n status|init`` to the command."""
    i18n = commands.add_parser(
        "i18n",
        help="translations of maps and personas: status, init",
        description="Check how complete the translations under maps/translations/ are, or "
        "start a translation file.",
    )
    actions = i18n.add_subparsers(dest="i18n_command", metavar="ACTION")
    actions.required = True

    status = actions.add_parser(
        "status",
        help="share translated, missing and stale texts per map, persona and language",
        description="Check every translation file and report, per map or persona and "
        "language, the share translated and the missing and stale texts. Exit 0, or 1 on "
        "errors (and with --strict on warnings and stale texts).",
    )
    status.add_argument("maps_dir", nargs="?", metavar="MAPS_DIR", help="gallery folder")
    status.add_argument(
        "--lang", action="append", metavar="LANG", help="only this language (repeatable)"
    )
    status.add_argument("-v", "--verbose", action="store_true", help="list the keys")
    status.add_argument("--strict", action="store_true", help="fail on warnings and stale texts")
    status.set_defaults(func=_cmd_status)

    init = actions.add_parser(
        "init",
        help="write a translation file to fill in",
        description="Write maps/translations/<lang>/<id>.yaml with every text of a map or "
        "persona, the original as a comment above each entry. If the file exists, only the "
        "entries it lacks are added at the end; --force rewrites it in display order, keeping "
        "every translation.",
    )
    init.add_argument("target", metavar="MAP_ID_OR_FILE", help="id, or path of the YAML file")
    init.add_argument("--lang", required=True, metavar="LANG", help="language to translate into")
    init.add_argument("--maps-dir", metavar="DIR", help="gallery folder (default: maps)")
    init.add_argument("-o", "--output", metavar="FILE", help="where to write ('-': stdout)")
    init.add_argument("--force", action="store_true", help="rewrite an existing file")
    init.set_defaults(func=_cmd_init)
