"""Placing the generated sections into MkDocs' navigation.

MkDocs' automatic navigation would list each generated page under a section per folder
("Maps" > "Colleen vacuum current" > page). We replace those entries by two tidy sections.
Where the author's own ``nav`` mentions the gallery or personas index page, the section takes
that place; otherwise the sections are appended.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from mkdocs.structure import StructureItem
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page


def _is_ours(item: Any, ours: set[str]) -> bool:
    if isinstance(item, Page):
        return item.file.src_uri in ours
    if isinstance(item, Section):
        return all(_is_ours(child, ours) for child in item.children)
    return False


def _replace(items: Iterable[Any], ours: set[str], anchors: dict[str, StructureItem]) -> list[Any]:
    result: list[Any] = []
    for item in items:
        if isinstance(item, Page) and item.file.src_uri in ours:
            section = anchors.pop(item.file.src_uri, None)
            if section is not None:
                result.append(section)
        elif isinstance(item, Section):
            children = _replace(item.children, ours, anchors)
            if _is_ours(item, ours):
                result.extend(children)  # a folder section MkDocs made for generated pages
            elif children:
                item.children = children
                result.append(item)
        else:
            result.append(item)
    return result


def _link(items: list[Any], parent: Section | None, pages: list[Page]) -> None:
    for item in items:
        item.parent = parent
        if isinstance(item, Page):
            pages.append(item)
        elif isinstance(item, Section):
            _link(item.children, item, pages)


def _first_page(item: StructureItem) -> Page | None:
    if isinstance(item, Page):
        return item
    if isinstance(item, Section) and item.children and isinstance(item.children[0], Page):
        return item.children[0]
    return None


def place_sections(nav: Navigation, ours: set[str], sections: list[StructureItem]) -> Navigation:
    """A new navigation with generated pages only inside ``sections`` (gallery, personas).

    Each section (or single page) replaces the author's nav entry for its first page (the
    gallery, the personas index...), wherever the author put it; the rest are appended.
    """
    anchors: dict[str, StructureItem] = {}
    for section in sections:
        first = _first_page(section)
        if first is not None:
            anchors[first.file.src_uri] = section
    items = _replace(nav.items, ours, anchors)
    items.extend(anchors.values())  # sections whose index page the author did not place
    pages: list[Page] = []
    _link(items, None, pages)
    for previous, current in zip([None, *pages], pages, strict=False):
        current.previous_page = previous
        if previous is not None:
            previous.next_page = current
    if pages:
        pages[-1].next_page = None
    return Navigation(items, pages)
