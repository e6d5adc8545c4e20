"""One tree of pages per language: the default at the site root, the others under ``xx/``.

A single site build serves every language (no extra builds, no mkdocs-static-i18n): each tree
has its own localized gallery and UI labels, and every tree has every page, at the same path
below its prefix, so "this page in that language" always exists. The site adapter adds what
is its own (MkDocs gives each tree a navigation).
"""

from __future__ import annotations

from dataclasses import dataclass

from journey_maps.core.gallery import Gallery
from journey_maps.core.store import Store
from journey_maps.i18n import Translations, fallback_language, localize_labels
from journey_maps.i18n.gallery import LocalizedGallery, localize_gallery
from journey_maps.i18n.keys import Kind
from journey_maps.layout.labels import Labels as DiagramLabels
from journey_maps.layout.labels import diagram_labels
from journey_maps.site.html.browse import BrowseLabels
from journey_maps.site.html.labels import Labels

#: Page kinds that show one map or persona, translated (the names of their page kinds).
TRANSLATED_KINDS: tuple[Kind, ...] = ("map", "persona")

#: Names of languages in themselves, for the language selector; config can add more.
ENDONYMS = {
    "en": "English",
    "de": "Deutsch",
    "et": "Eesti",
    "bg": "Български",
    "af": "Afrikaans",
    "lv": "Latviešu",
}


@dataclass
class LanguageTree:
    """Everything generated for one language."""

    language: str
    prefix: str  # "" for the default language, "xx/" for the others
    name: str
    labels: Labels
    diagram_labels: DiagramLabels
    browse_labels: BrowseLabels
    localized: LocalizedGallery

    @property
    def gallery(self) -> Gallery:
        return self.localized.gallery

    @property
    def is_default(self) -> bool:
        return not self.prefix

    def untranslated(self, kind: str, item_id: str) -> str | None:
        """The language this tree's page of a map or persona is written in, when none of it is
        translated into the tree's language (its texts are all the original's); else None.

        Such a page is still in the tree's search index, so that a reader finds every map in
        their language's search, but its results say that the text is not in that language.
        """
        translated: Kind | None = next((k for k in TRANSLATED_KINDS if k == kind), None)
        if translated is None or self.localized.is_available(item_id, translated):
            return None
        if translated == "map":
            return fallback_language(self.gallery.maps[item_id].title)
        return fallback_language(self.gallery.personas[item_id].name)


def build_trees(
    gallery: Gallery,
    translations: Translations,
    languages: list[str],
    *,
    default_language: str,
    names: dict[str, str],
    gallery_title: str,
    personas_title: str,
    store: Store | None = None,
) -> list[LanguageTree]:
    """A tree per language, the default language first (``store``: see
    :func:`~journey_maps.i18n.gallery.localize_gallery`)."""
    ordered = [default_language, *[lang for lang in languages if lang != default_language]]
    trees = []
    for lang in ordered:
        labels = localize_labels(
            Labels(language=lang, gallery=gallery_title, personas=personas_title), lang
        )
        trees.append(
            LanguageTree(
                language=lang,
                prefix="" if lang == default_language else f"{lang}/",
                name=names.get(lang) or ENDONYMS.get(lang, lang),
                labels=labels,
                diagram_labels=diagram_labels(lang),
                browse_labels=localize_labels(BrowseLabels(), lang),
                localized=localize_gallery(gallery, translations, lang, store=store),
            )
        )
    return trees
