"""Stable, URL- and filesystem-safe identifiers.

Ids end up in URLs, file names, translation keys and HTML ids, so they are restricted to
lowercase ASCII letters, digits and single hyphens. Derived ids come from names (with
Cyrillic and Latin diacritics transliterated), so a stage called "Изследване" gets
``izsledvane`` and keeps it when the map is translated.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

ID_PATTERN = r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$"
_ID_RE = re.compile(ID_PATTERN)
MAX_ID_LENGTH = 64

# Names Windows refuses as file names, whatever the extension.
WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"} | {f"com{i}" for i in range(10)} | {f"lpt{i}" for i in range(10)}
)

_CYRILLIC = dict(
    zip(
        "абвгдежзийклмнопрстуфхцчшщъьюяёэыіїєґ",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "zh",
            "z",
            "i",
            "y",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "h",
            "ts",
            "ch",
            "sh",
            "sht",
            "a",
            "",
            "yu",
            "ya",
            "yo",
            "e",
            "y",
            "i",
            "yi",
            "ye",
            "g",
        ],
        strict=True,
    )
)
_SPECIAL = {"ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "ð": "d", "þ": "th", "ł": "l", "đ": "d"}


@lru_cache(maxsize=4096)
def _fold(char: str) -> str:
    if char in _CYRILLIC:
        return _CYRILLIC[char]
    if char in _SPECIAL:
        return _SPECIAL[char]
    return "".join(c for c in unicodedata.normalize("NFKD", char) if c.isascii())


def transliterate(text: str) -> str:
    """Fold text to ASCII: strip diacritics, transliterate Cyrillic, drop the rest."""
    lowered = text.lower()
    if lowered.isascii():  # most ids come from English text: nothing to fold
        return lowered
    return "".join(_fold(char) for char in lowered)


def slugify(text: str, max_length: int = 48) -> str:
    """A readable id from free text; empty if nothing ASCII-representable remains."""
    slug = re.sub(r"[^a-z0-9]+", "-", transliterate(text)).strip("-")
    if len(slug) > max_length:
        cut = slug[:max_length]
        slug = cut.rsplit("-", 1)[0] if "-" in cut[max_length // 2 :] else cut
    slug = slug.strip("-")
    if slug in WINDOWS_RESERVED:
        slug = f"{slug}-x"
    return slug


def id_problem(value: str) -> str | None:
    """Why ``value`` is not a valid explicit id, with a suggestion; None if it is fine."""
    if _ID_RE.match(value) and "--" not in value:
        if value in WINDOWS_RESERVED:
            return f"'{value}' is a reserved file name on Windows; use for example '{value}-map'"
        return None
    suggestion = slugify(value, MAX_ID_LENGTH)
    hint = f"; for example '{suggestion}'" if suggestion and suggestion != value else ""
    return (
        f"id '{value}' is not allowed: use 1 to {MAX_ID_LENGTH} lowercase letters, digits and "
        f"single hyphens, starting and ending with a letter or digit{hint}"
    )


def unique(base: str, taken: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3``... whichever is not taken yet; records it."""
    candidate, n = base, 2
    while candidate in taken:
        candidate = f"{base}-{n}"
        n += 1
    taken.add(candidate)
    return candidate


def derive_ids(explicit: Iterable[str | None], texts: Iterable[str], fallback: str) -> list[str]:
    """Ids for a list of entries: explicit ones kept, the others derived from their text.

    Explicit ids are reserved first so a derived id never steals one that the author chose
    later in the list. Entries whose text has no usable characters get ``fallback-N``.
    """
    explicit_list = list(explicit)
    taken = {e for e in explicit_list if e}
    result: list[str] = []
    for index, (given, text) in enumerate(zip(explicit_list, texts, strict=True), start=1):
        if given:
            result.append(given)
            continue
        base = slugify(" ".join(text.split()[:6])) or f"{fallback}-{index}"
        result.append(unique(base, taken))
    return result


def needed_ids(ids: Sequence[str], texts: Sequence[str], fallback: str) -> list[str | None]:
    """The ids to write explicitly (None where deriving from the text gives the same id).

    Exports stay as clean as hand-written files: an id is written only when the author chose
    one that differs from what :func:`journey_maps.core.ids.derive_ids` makes of the text. If
    leaving some out would shift the others (derived ids avoid explicit ones), all are kept.
    """
    derived = derive_ids([None] * len(texts), texts, fallback)
    explicit = [given if given != auto else None for given, auto in zip(ids, derived, strict=True)]
    if derive_ids(explicit, texts, fallback) == list(ids):
        return explicit
    return list(ids)
