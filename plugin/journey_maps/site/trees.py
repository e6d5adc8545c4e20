"""One tree of pages per language: the default at the site root, the others under ``xx/``.

A single site build serves every language (no extra builds, no mkdocs-static-i18n): each tree
has its own localized gallery and UI labels, and every tree has every page, at the same path
below its prefix, so "this page in that language" always exists. The site adapter adds what
is its own (MkDocs gives each tree a navigation).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from journey_maps.core.gallery import Gallery
from journey_maps.i18n import Translations, localize_labels
from journey_maps.i18n.gallery import LocalizedGallery, localize_gallery
from journey_maps.i18n.keys import Kind
from journey_maps.layout.labels import Labels as DiagramLabels
from journey_maps.layout.labels import diagram_labels
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
    localized: LocalizedGallery
    siblings: list[LanguageTree] = field(default_factory=list, repr=False)
    """Every tree of the build, this one included (pages that list all languages)."""

    @property
    def gallery(self) -> Gallery:
        return self.localized.gallery

    @property
    def is_default(self) -> bool:
        return not self.prefix

    def indexes(self, kind: str, item_id: str) -> bool:
        """Whether this tree's page of a map or persona belongs in the search index.

        An untranslated page repeats its original word for word; indexing every copy would
        list one text once per language. So a page goes into the index in the languages it
        is (at least partly) written in; one available in none of them stays in the default
        tree, so that it can still be found.
        """
        translated: Kind | None = next((k for k in TRANSLATED_KINDS if k == kind), None)
        if translated is None:  # other pages are not translations of one item
            return True
        if self.localized.is_available(item_id, translated):
            return True
        return self.is_default and not any(
            tree.localized.is_available(item_id, translated) for tree in self.siblings
        )


def build_trees(
    gallery: Gallery,
    translations: Translations,
    languages: list[str],
    *,
    default_language: str,
    names: dict[str, str],
    gallery_title: str,
    personas_title: str,
) -> list[LanguageTree]:
    """A tree per language, the default language first."""
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
                localized=localize_gallery(gallery, translations, lang),
            )
        )
    for tree in trees:
        tree.siblings = trees
    return trees
