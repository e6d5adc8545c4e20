"""Writing translation files: a file to fill in, entries to add, and the schema for editors.

Every file written here reads back through :mod:`.files` as written: texts and hashes go
through the loader's own quoting rule (:func:`journey_maps.load.yaml.scalar`), and an entry
left empty is a valid placeholder.
"""

from __future__ import annotations

import os
import textwrap
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from journey_maps.core.model import LANGUAGE_CODE, JourneyMap, Persona
from journey_maps.i18n.files import SCHEMA_FILE, TRANSLATIONS_DIR, Entry, Translation
from journey_maps.i18n.keys import HASH, kind_of, source_hash, source_language, text_entries
from journey_maps.load.yaml import scalar


def _comment(label: str, text: str, indent: str) -> list[str]:
    lines: list[str] = []
    first = f"{indent}# {label}: "
    rest = f"{indent}#{' ' * (len(label) + 3)}"
    for index, paragraph in enumerate(text.splitlines() or [""]):
        wrapped = textwrap.wrap(
            paragraph,
            width=96,
            initial_indent=first if index == 0 else rest,
            subsequent_indent=rest,
            break_long_words=False,
            break_on_hyphens=False,
        )
        lines.extend(wrapped or [rest.rstrip()])
    return lines


def _entry_lines(key: str, source_text: str, source_lang: str, entry: Entry | None) -> list[str]:
    text = entry.text if entry else None
    hash_ = entry.source if entry and entry.source else source_hash(source_text)
    return [
        *_comment(source_lang, source_text, "  "),
        f"  {key}:",
        f"    text: {scalar(text)}" if text is not None else "    text:",
        f"    source: {scalar(hash_)}",
    ]


def _language_name(lang: str) -> str:
    try:
        from babel import Locale

        return f"{Locale.parse(lang.replace('-', '_')).english_name} ({lang})"
    except Exception:  # Babel missing or an unknown code: the code says enough
        return lang


def schema_reference(output: Path, maps_dir: Path) -> str | None:
    """The ``$schema`` path from a translation file to the gallery's schema, if it has one."""
    schema = maps_dir / TRANSLATIONS_DIR / SCHEMA_FILE
    if not schema.is_file():
        return None
    return Path(os.path.relpath(schema.resolve(), output.resolve().parent)).as_posix()


def translation_template(
    obj: JourneyMap | Persona,
    lang: str,
    *,
    existing: Translation | None = None,
    orphans: Mapping[str, Entry] | None = None,
    source_path: str | None = None,
    schema: str | None = None,
) -> str:
    """A translation file to fill in: every text with its source as a comment above.

    Valid as written: an entry with an empty ``text:`` is a placeholder. ``existing``
    entries keep their text and hash (a stale hash stays stale); ``orphans`` (entries whose
    key matches nothing any more) are kept at the end so that no translation is lost.
    """
    kind = kind_of(obj)
    source_lang = source_language(obj)
    where = f" ({source_path})" if source_path else ""
    lines = [f"# yaml-language-server: $schema={schema}"] if schema else []
    lines += [
        f"# {_language_name(lang)} translation of {kind} '{obj.id}'{where}.",
        '# Write each translation after "text:"; an entry left without text is shown in the',
        f'# original language ({source_lang}), marked "not yet translated". Keep "source": it is',
        "# the hash of the text you translated, so that a later change of it is noticed.",
        "# Put a text in quotes if it contains ': ' or ' #', or starts with ' \" [ { & * ! | > %",
        f"language: {lang}",
        f"{kind}: {obj.id}",
        "texts:",
    ]
    found = existing.entries if existing else {}
    for key, text in text_entries(obj).items():
        lines += _entry_lines(key, text, source_lang, found.get(key))
    if orphans:
        lines.append(f"  # These keys match no text of the {kind} any more: move each")
        lines.append("  # translation to its new key, or delete it.")
        for key, entry in orphans.items():
            lines.append(f"  {key}:")
            lines.append(f"    text: {scalar(entry.text)}" if entry.text else "    text:")
            if entry.source:
                lines.append(f"    source: {scalar(entry.source)}")
    return "\n".join(lines) + "\n"


def missing_entries_block(obj: JourneyMap | Persona, present: Sequence[str]) -> str:
    """Entries for the texts that a file does not mention yet, to append under ``texts:``."""
    source_lang = source_language(obj)
    lines: list[str] = []
    for key, text in text_entries(obj).items():
        if key not in present:
            lines += _entry_lines(key, text, source_lang, None)
    return "\n".join(lines) + "\n" if lines else ""


def translation_schema() -> dict[str, Any]:
    """JSON Schema of translation files, for editors (yaml-language-server)."""
    hash_ = {"type": "string", "pattern": HASH.pattern, "description": "source_hash of the text"}
    entry = {
        "anyOf": [
            {"type": "string", "minLength": 1},
            {"type": "null"},
            {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "text": {"type": ["string", "null"], "minLength": 1},
                    "source": hash_,
                },
            },
        ]
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Translation of a journey map or persona",
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "language": {"type": "string", "pattern": LANGUAGE_CODE.pattern},
            "map": {"type": "string", "description": "Id of the map this file translates."},
            "persona": {"type": "string", "description": "Id of the persona."},
            "texts": {
                "type": ["object", "null"],
                "propertyNames": {"pattern": r"^[a-z_]+(?:\.[a-z0-9_-]+)*$"},
                "additionalProperties": entry,
            },
        },
        "not": {"required": ["map", "persona"]},
    }
