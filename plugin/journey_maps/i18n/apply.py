"""Maps and personas in the reader's language, and how much of them is translated.

:func:`localize` turns a map into the reader's language: translated texts replace the
originals, and every other text becomes a :class:`FallbackText` that remembers its language,
so pages can say which parts are not translated yet and never pretend otherwise.
:func:`coverage` gives the numbers behind progress badges, the catalog and ``i18n status``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, cast

from markupsafe import escape

from journey_maps.core.gallery import Gallery
from journey_maps.core.model import JourneyMap, Persona
from journey_maps.i18n.files import Translation, Translations
from journey_maps.i18n.keys import (
    Kind,
    kind_of,
    source_hash,
    source_language,
    text_entries,
    translatable,
)

D = TypeVar("D", bound=JourneyMap | Persona)


class FallbackText(str):
    """A text shown in its source language because the translation is missing.

    It is a ``str``, so renderers that do not care keep working; those that do check
    ``isinstance(value, FallbackText)`` and mark it up with ``lang=value.lang`` and a
    "not yet translated" hint. String operations return plain ``str``: test before
    transforming.
    """

    lang: str

    def __new__(cls, text: str, lang: str) -> FallbackText:
        self = super().__new__(cls, text)
        self.lang = lang
        return self

    def __html__(self) -> str:
        """Autoescaping templates (Jinja, MarkupSafe) show the text marked with its language.

        In attributes, where markup cannot go, templates use the ``plain`` filter.
        """
        text = escape(str.__str__(self))
        return f'<span class="jm-untranslated" lang="{escape(self.lang)}">{text}</span>'

    def __reduce__(self) -> tuple[Any, ...]:
        return (FallbackText, (str(self), self.lang))

    def __copy__(self) -> FallbackText:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> FallbackText:
        return self

    def __repr__(self) -> str:
        return f"FallbackText({str(self)!r}, lang={self.lang!r})"


def fallback_language(value: object) -> str | None:
    """The source language of a fallback text, None for translated or plain text."""
    return value.lang if isinstance(value, FallbackText) else None


@dataclass(frozen=True)
class Coverage:
    """How much of a map or persona a language has: the numbers behind a progress badge."""

    language: str
    source_language: str
    keys: tuple[str, ...]
    missing: tuple[str, ...]
    """Keys shown in the source language (no translation, or an empty placeholder)."""
    stale: tuple[str, ...]
    """Translated keys whose source hash is outdated or absent: shown, but need a review."""

    @property
    def translated(self) -> tuple[str, ...]:
        missing = set(self.missing)
        return tuple(key for key in self.keys if key not in missing)

    @property
    def completeness(self) -> float:
        """Translated entries / all entries; stale ones count as translated (they are shown)."""
        if not self.keys:
            return 1.0
        return (len(self.keys) - len(self.missing)) / len(self.keys)


@dataclass(frozen=True)
class LocalizedResult(Coverage, Generic[D]):
    """A map or persona in one language, and how complete that language is."""

    localized: D = dataclasses.field(kw_only=True)


def coverage(
    obj: JourneyMap | Persona, translation: Translation | None, lang: str | None = None
) -> Coverage:
    """Which texts of ``obj`` are translated, missing and stale in ``lang``.

    ``lang`` defaults to the translation's language; the source language is complete.
    """
    source_lang = source_language(obj)
    lang = lang or (translation.language if translation else source_lang)
    entries = text_entries(obj)
    if lang.lower() == source_lang.lower():
        return Coverage(lang, source_lang, tuple(entries), (), ())
    found = translation.entries if translation else {}
    missing, stale = [], []
    for key, text in entries.items():
        entry = found.get(key)
        if entry is None or entry.text is None:
            missing.append(key)
        elif entry.source != source_hash(text):
            stale.append(key)
    return Coverage(lang, source_lang, tuple(entries), tuple(missing), tuple(stale))


def completeness(
    obj: JourneyMap | Persona, translation: Translation | None, lang: str | None = None
) -> float:
    """Share of ``obj``'s texts available in the translation's language (1.0 for the source)."""
    return coverage(obj, translation, lang).completeness


def localize(obj: D, translation: Translation | None, lang: str) -> LocalizedResult[D]:
    """A deep copy of ``obj`` in ``lang``: translated texts where there are, fallbacks elsewhere.

    Untranslated texts become :class:`FallbackText` carrying the source language; stale
    translations are used and listed in ``stale``. The copy's ``language`` is ``lang``.
    """
    if translation is not None and (
        translation.language != lang
        or (translation.kind, translation.target) != (kind_of(obj), obj.id)
    ):
        raise ValueError(
            f"{translation.path} translates {translation.kind} '{translation.target}' into "
            f"{translation.language}, not {kind_of(obj)} '{obj.id}' into {lang}"
        )
    stats = coverage(obj, translation, lang)
    copy = cast(D, obj.model_copy(deep=True))  # mypy loses Self through the bound
    if lang.lower() != stats.source_language.lower():
        found = translation.entries if translation else {}
        for slot in translatable(copy):
            entry = found.get(slot.key)
            if entry is not None and entry.text is not None:
                setattr(slot.owner, slot.attr, entry.text)
            else:
                setattr(slot.owner, slot.attr, FallbackText(str(slot.value), stats.source_language))
        copy.language = lang
    return LocalizedResult(
        stats.language,
        stats.source_language,
        stats.keys,
        stats.missing,
        stats.stale,
        localized=copy,
    )


@dataclass(frozen=True)
class CoverageRow:
    kind: Kind
    item_id: str
    coverage: Coverage
    translation: Translation | None


def coverage_table(
    gallery: Gallery, translations: Translations, languages: Sequence[str]
) -> list[CoverageRow]:
    """Coverage of every persona and map in every language but its own, for status reports."""
    rows: list[CoverageRow] = []
    objects: list[JourneyMap | Persona] = [*gallery.personas.values(), *gallery.maps.values()]
    for obj in objects:
        for lang in languages:
            if lang.lower() == source_language(obj).lower():
                continue
            translation = translations.for_object(obj, lang)
            rows.append(
                CoverageRow(kind_of(obj), obj.id, coverage(obj, translation, lang), translation)
            )
    return rows
