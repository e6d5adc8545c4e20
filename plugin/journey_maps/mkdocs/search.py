"""A search index per language tree, in the format of Material's search plugin.

Material's search plugin writes one ``search/search_index.json``, and its script loads the
index from the page's base address. A page of tree ``de/`` has its base at ``de/``
(:mod:`.roots`), so its search box loads ``de/search/search_index.json``: that tree's pages
only, analysed as German. The default tree's base is the site root, so its generated pages
join Material's own index, beside the author's pages.

* Every generated page is parsed once, by Material's own parser, where Material would parse
  it (``on_page_context``, before Material's search plugin), and then kept out of Material's
  index with the page meta ``search.exclude``.
* :func:`tree_index` makes a tree's index from its pages' entries alone, so a rebuild of a few
  pages can redo their tree without parsing the others again.
* Parsing is most of what indexing costs (some 10 ms a page), and a page whose content did
  not change divides into the same sections: the entries are kept in the build's store by a
  digest of everything the parser reads (:func:`parsed_sections`), so a warm build parses
  only the pages that changed.
* Analysis: a tree uses the stop words, word trimming and stemming (whichever of them the
  site's ``search`` ``pipeline`` asks for) of its own language, when lunr has that language;
  a language lunr lacks (Estonian, Bulgarian, Afrikaans, Latvian) gets none rather than a
  neighbour's, which would cut words at the wrong places.
* A map or persona page not translated at all into its tree's language is in that tree's index
  (a reader searching in German still finds every map), its title marked up as untranslated
  texts are on the page: ``<span class="jm-untranslated" lang="en">``, which the stylesheet
  badges "EN", with "not yet translated into this language" as its tooltip.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

from markupsafe import escape
from material.plugins.search import plugin as material_search
from material.plugins.search.plugin import SearchIndex, SearchPlugin
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils import write_file

from journey_maps.core.store import Store, code_version, digest
from journey_maps.site.pages import PageSpec, Site

INDEX = "search/search_index.json"
#: Material's offline plugin inlines the index into a script, for sites opened from files.
OFFLINE_INDEX = "search/search_index.js"
#: lunr's language support shipped with the theme (English is built into lunr).
LUNR_LANGUAGE = "assets/javascripts/lunr/min/lunr.{}.min.js"

Entry = dict[str, Any]
#: The store's kind for parsed pages (see :func:`parsed_sections`).
SEARCH_KIND = "search"


@dataclass(frozen=True)
class IndexedPage:
    """One page's search entries (its sections), located relative to its tree's root, and
    as the JSON its tree's index holds (``text``, entries without the brackets): a rebuild
    of some pages writes the index by joining texts, not by encoding every page again."""

    entries: tuple[Entry, ...]
    text: bytes = b""

    @classmethod
    def of(cls, entries: list[Entry], *, ascii: bool) -> IndexedPage:
        """``ascii``: escaped as Material writes its own index, which the default tree's
        pages join (:func:`with_pages`); the other trees' indexes are not."""
        text = json.dumps(entries, separators=(",", ":"), ensure_ascii=ascii, default=str)
        return cls(tuple(entries), text[1:-1].encode("utf-8"))


def _toc(links: Iterable[AnchorLink]) -> list[Any]:
    return [[link.id, link.title, _toc(link.children)] for link in links]


@cache
def _parser_version() -> str:
    """What decides how pages are divided besides the page: this code, Material's version
    (read once: looking it up costs a scan of the installed packages) and jieba."""
    return digest(
        code_version(), version("mkdocs-material"), "jieba" if material_search.jieba else ""
    )


def parsed_sections(page: Page, store: Store) -> list[Entry]:
    """Material's entries for ``page`` (its parser, its fields), kept in ``store``.

    The key holds all the parser reads: the content, the table of contents (section
    links), the address, the title and the meta it copies (title, tags, search), with the
    versions of Material and of this code, and whether Chinese segmentation is on.
    """
    meta = {name: page.meta.get(name) for name in ("title", "tags", "search")}
    key = digest(
        _parser_version(),
        page.url,
        str(page.title),
        json.dumps(meta, sort_keys=True, default=str),
        json.dumps(_toc(page.toc), default=str),
        page.content or "",
    )

    def parse() -> str:
        parsed = SearchIndex()
        parsed.add_entry_from_context(page)
        return json.dumps(parsed.entries, ensure_ascii=False, separators=(",", ":"))

    entries: list[Entry] = json.loads(store.text(SEARCH_KIND, key, parse))
    return entries


def page_entries(page: Page, spec: PageSpec) -> IndexedPage:
    """``page`` as Material's parser divides it into sections, for its tree's index."""
    prefix = spec.tree.prefix
    language = spec.tree.untranslated(spec.kind, spec.item_id)
    entries = []
    for entry in parsed_sections(page, spec.site.store):
        entry = {**entry, "location": entry["location"].removeprefix(prefix)}
        # The page's own entry has its title, which is the item's; sections may be the
        # tree's own words ("Phasen"). Results are grouped under the page, marked once.
        if language and "#" not in entry["location"]:
            note = escape(spec.tree.labels.not_in_this_language)
            entry["title"] = (
                f'<span class="jm-untranslated" lang="{escape(language)}" title="{note}">'
                f"{entry['title']}</span>"
            )
        entries.append(entry)
    return IndexedPage.of(entries, ascii=spec.tree.is_default)


def tree_config(
    search: SearchPlugin, language: str, has_lunr: Callable[[str], bool]
) -> dict[str, Any]:
    """The ``config`` of a tree's index: the site's search settings in the tree's language.

    The worker loads ``lunr.<lang>.min.js`` for each language it is given, so a language
    without one is given as English with an empty pipeline: no English stop words, trimmer
    or stemmer at work on Estonian text.
    """
    code = language.split("-")[0].lower()
    known = code == "en" or has_lunr(code)
    return {
        "lang": [code if known else "en"],
        "separator": search.config.separator,
        "pipeline": list(search.config.pipeline) if known else [],
        "fields": search.config.fields,
    }


def tree_index(pages: Iterable[IndexedPage], config: dict[str, Any]) -> bytes:
    """A tree's ``search_index.json`` from its pages' entries: what ``json.dumps`` makes of
    ``{"config": config, "docs": [every entry]}``, compact, not escaped to ASCII, in UTF-8.
    (Bytes: the indexes of a big gallery are megabytes, written on every save.)"""
    head = json.dumps({"config": config}, separators=(",", ":"), ensure_ascii=False, default=str)
    return b"".join([head[:-1].encode("utf-8"), b',"docs":[', _joined(pages), b"]}"])


#: Stands for the documents while Material's index is written around them (see with_pages).
_DOCS = "\ue000journey-maps-docs\ue000"


@lru_cache(maxsize=1)
def _material_parts(material_index: str) -> tuple[bytes, bytes, bytes]:
    """Material's index as the text before its documents, its documents, and the text
    after them (parsed once per index Material writes)."""
    data = json.loads(material_index)
    docs = data["docs"]
    data["docs"] = _DOCS
    around = json.dumps(data, separators=(",", ":"), default=str)
    before, _, after = around.partition(json.dumps(_DOCS))
    own = json.dumps(docs, separators=(",", ":"), default=str)[1:-1]
    return before.encode("utf-8"), own.encode("utf-8"), after.encode("utf-8")


def with_pages(material_index: str, pages: Iterable[IndexedPage]) -> bytes:
    """Material's own index with the default tree's generated pages appended: what
    ``json.dumps`` makes of it with every entry in ``docs``, as Material writes it."""
    before, own, after = _material_parts(material_index)
    added = _joined(pages)
    return b"".join([before, b"[", b",".join(p for p in (own, added) if p), b"]", after])


def _joined(pages: Iterable[IndexedPage]) -> bytes:
    """The pages' entries as the inside of a JSON list."""
    return b",".join(page.text for page in pages if page.text)


class TreeIndexes:
    """The search entries of every generated page, written as one index per tree.

    Entries are kept by page from one build to the next (``mkdocs serve`` keeps the plugin),
    so a rebuild that renders only some pages updates just theirs; a page the site no longer
    has is left out when the indexes are written.
    """

    def __init__(self) -> None:
        self.search: SearchPlugin | None = None
        self.offline = False
        self.pages: dict[str, IndexedPage] = {}
        #: Material's own index as its plugin wrote it, before the default tree's pages
        #: were added: a site updated in place (journey_maps.mkdocs.serve) starts from it.
        self.material_index: str | None = None

    def configure(self, config: MkDocsConfig) -> None:
        """Find Material's search plugin; without it (or disabled) nothing is indexed here."""
        found = (p for p in config.plugins.values() if isinstance(p, SearchPlugin))
        search = next(found, None)
        self.search = search if search is not None and search.config.enabled else None
        offline = config.plugins.get("material/offline")
        self.offline = bool(offline and offline.config.enabled)

    def add(self, page: Page, spec: PageSpec) -> None:
        """Index a generated page in its tree; keep it out of Material's index."""
        if self.search is None:
            return
        if spec.searchable:
            self.pages[page.file.src_uri] = page_entries(page, spec)
        meta = page.meta.get("search")
        page.meta["search"] = {**(meta if isinstance(meta, dict) else {}), "exclude": True}

    def write(self, config: MkDocsConfig, site: Site, *, languages: set[str] | None = None) -> None:
        """Write each tree's index (those of ``languages`` only, when given: a site updated
        in place), and add the default tree's pages to Material's (which must be written by
        then: the plugin's ``on_post_build`` runs late)."""
        if self.search is None:
            return
        site_dir = Path(config.site_dir)
        specs = site.pages()

        def has_lunr(code: str) -> bool:
            return any(
                (Path(folder) / LUNR_LANGUAGE.format(code)).is_file()
                for folder in config.theme.dirs
            )

        by_tree: dict[str, list[IndexedPage]] = {}
        for uri, spec in specs.items():
            if spec.searchable and uri in self.pages:
                by_tree.setdefault(spec.tree.language, []).append(self.pages[uri])
        for tree in site.trees:
            if languages is not None and tree.language not in languages:
                continue
            pages = by_tree.get(tree.language, [])
            path = site_dir / tree.prefix / INDEX
            if tree.is_default:
                if languages is None:  # a full build: Material has just written its index
                    self.material_index = (
                        path.read_text(encoding="utf-8") if path.is_file() else None
                    )
                if self.material_index is None:
                    continue
                text = with_pages(self.material_index, pages)
            else:
                text = tree_index(pages, tree_config(self.search, tree.language, has_lunr))
                if self.offline:
                    offline = b"var __index = " + text
                    write_file(offline, str(site_dir / tree.prefix / OFFLINE_INDEX))
            write_file(text, str(path))
