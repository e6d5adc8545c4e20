"""Interface strings in the reader's language, from gettext catalogs.

The English defaults of the ``Labels`` dataclasses are the message ids; each language has a
``locale/<lang>/LC_MESSAGES/journey_maps.po`` next to this module. A wheel ships compiled
``.mo`` files (``hatch_build.py`` makes them), which the standard library reads without any
dependency. A checkout has only the ``.po`` files, and a translator edits them while the
dev server runs, so a ``.po`` that is newer than its ``.mo`` (or has none) is read directly
with Babel. An unknown language gets the English strings: a site must build whatever
language its author asks for.
"""

from __future__ import annotations

import dataclasses
import gettext
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "journey_maps"
#: The language the message ids are written in.
SOURCE_LANGUAGE = "en"
#: Dataclass fields that hold a language code, set to the target language, never translated.
LANGUAGE_FIELDS = frozenset({"language"})

_LETTER = re.compile(r"[^\W\d_]")

T = TypeVar("T", bound="DataclassInstance")


def is_message(text: str) -> bool:
    """Whether a default string is worth translating: symbols such as "—" are not."""
    return bool(_LETTER.search(text))


def _candidates(lang: str) -> list[str]:
    """Folder names to try for a language code: ``pt-BR`` → ``pt_BR``, then ``pt``."""
    code = lang.strip().replace("-", "_")
    if not code:
        return []
    base = code.split("_", 1)[0].lower()
    return list(dict.fromkeys([code, base]))


def _messages_dir(lang: str, locale_dir: Path) -> Path | None:
    for name in _candidates(lang):
        folder = locale_dir / name / "LC_MESSAGES"
        if (folder / f"{DOMAIN}.po").is_file() or (folder / f"{DOMAIN}.mo").is_file():
            return folder
    return None


class _DictTranslations(gettext.NullTranslations):
    """Translations read from a ``.po`` file: a plain lookup table."""

    def __init__(self, table: dict[str, str]) -> None:
        super().__init__()
        self._table = table

    def gettext(self, message: str) -> str:
        return self._table.get(message, message)


def read_po_table(path: Path) -> dict[str, str]:
    """The translated, non-fuzzy messages of a ``.po`` file."""
    from babel.messages.pofile import read_po  # Babel is only needed in checkouts

    with path.open("rb") as handle:
        catalog = read_po(handle, ignore_obsolete=True)
    table: dict[str, str] = {}
    for message in catalog:
        key, text = message.id, message.string
        if key and isinstance(key, str) and text and isinstance(text, str) and not message.fuzzy:
            table[key] = text
    return table


def _load(folder: Path) -> gettext.NullTranslations:
    po, mo = folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"
    mo_current = mo.is_file() and (not po.is_file() or mo.stat().st_mtime >= po.stat().st_mtime)
    if po.is_file() and not mo_current:
        try:
            return _DictTranslations(read_po_table(po))
        except ImportError:  # an installed wheel without Babel: its .mo is still fine
            if not mo.is_file():
                return gettext.NullTranslations()
    with mo.open("rb") as handle:
        return gettext.GNUTranslations(handle)


@cache
def _translations(lang: str, locale_dir: Path) -> gettext.NullTranslations:
    folder = _messages_dir(lang, locale_dir)
    if folder is None or lang.lower() == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    return _load(folder)


def translator(lang: str, *, locale_dir: Path = LOCALE_DIR) -> Callable[[str], str]:
    """``gettext`` for one language; English (the message itself) for unknown languages."""
    return _translations(lang, locale_dir).gettext


def clear_cache() -> None:
    """Forget loaded catalogs, so that edited ``.po`` files are read again (dev server)."""
    _translations.cache_clear()


def available_languages(*, locale_dir: Path = LOCALE_DIR) -> list[str]:
    """The source language, then every language with a catalog, alphabetically."""
    found = sorted(
        folder.name.replace("_", "-")
        for folder in locale_dir.iterdir()
        if folder.is_dir() and _messages_dir(folder.name, locale_dir) is not None
    )
    return [SOURCE_LANGUAGE, *(code for code in found if code != SOURCE_LANGUAGE)]


def has_interface_strings(lang: str, *, locale_dir: Path = LOCALE_DIR) -> bool:
    """Whether ``lang`` gets interface words of its own: English, or a language with a
    catalog (``pt-BR`` uses ``pt``'s). Any other language silently gets English ones, which a
    command that was asked for it should say."""
    english = any(code.lower() == SOURCE_LANGUAGE for code in _candidates(lang))
    return english or _messages_dir(lang, locale_dir) is not None


def _translate_value(value: Any, gettext_: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return gettext_(value) if is_message(value) else value
    if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
        return {key: _translate_value(text, gettext_) for key, text in value.items()}
    return value


def localize_labels(labels: T, lang: str, *, locale_dir: Path = LOCALE_DIR) -> T:
    """A copy of a frozen ``Labels`` dataclass with its strings in ``lang``.

    Works for any dataclass: ``str`` fields and the values of ``dict[..., str]`` fields are
    looked up in the catalog (strings changed by the site's configuration are not message
    ids and stay as they are), and a ``language`` field is set to ``lang``.
    """
    gettext_ = translator(lang, locale_dir=locale_dir)
    changes: dict[str, Any] = {}
    for item in dataclasses.fields(labels):
        if not item.init:
            continue
        value = getattr(labels, item.name)
        if item.name in LANGUAGE_FIELDS and isinstance(value, str):
            changes[item.name] = lang
        else:
            changes[item.name] = _translate_value(value, gettext_)
    return dataclasses.replace(labels, **changes)
