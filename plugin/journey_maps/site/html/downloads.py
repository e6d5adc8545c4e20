"""HTML fragments for downloads: a map page's download buttons and the templates page.

Both take plain data (the catalog's download entries, see
:mod:`journey_maps.export.jobs`) and a function that turns a site-root-relative file path
into a URL relative to the page being rendered, so they work with any URL scheme. Words
live in :class:`DownloadLabels` (English defaults, translated like the other labels).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from journey_maps.core.model import MapType
from journey_maps.site.html import render_fragment
from journey_maps.site.html.labels import type_names

#: ``url_for_download(path)`` → URL of a file under the site root, relative to the page.
UrlForDownload = Callable[[str], str]

TYPE_ORDER = (MapType.CURRENT_STATE, MapType.FUTURE_STATE, MapType.DAY_IN_THE_LIFE, MapType.EMPATHY)
FORMAT_NAMES = {"svg": "SVG", "png": "PNG", "pdf": "PDF", "csv": "CSV", "json": "JSON"}
MEDIA_TYPES = {
    "svg": "image/svg+xml",
    "png": "image/png",
    "pdf": "application/pdf",
    "csv": "text/csv",
    "json": "application/json",
}
PAPER_ORDER = ("a4", "letter", "a3")


def _type_purposes() -> dict[MapType, str]:
    return {
        MapType.CURRENT_STATE: (
            "Your business as it is today: what customers experience while they try to reach "
            "their goal with you. It exposes the pain points so that you can solve them."
        ),
        MapType.FUTURE_STATE: (
            "The ideal future: the best-case experience you want customers to have. It shows "
            "where you want to go, and how to get there."
        ),
        MapType.DAY_IN_THE_LIFE: (
            "Everything customers do during their day, with or without your company. Knowing "
            "how they spend it tells you where your communication can meet them."
        ),
        MapType.EMPATHY: (
            "Four quadrants, in no particular order: what a customer says, thinks, does and "
            "feels. Fill it in after user research and testing."
        ),
    }


def _papers() -> dict[str, str]:
    return {"a4": "A4", "letter": "US Letter", "a3": "A3"}


@dataclass(frozen=True)
class DownloadLabels:
    """Every fixed text of the download fragments; English defaults."""

    language: str = "en"
    downloads: str = "Downloads"
    download_format: str = "Download {format}"
    templates: str = "Blank templates"
    templates_intro: str = (
        "Print a template for a workshop, or fill it in on screen: every box of the PDFs is "
        "a text field. The PNGs are print resolution, the SVGs scale to any size."
    )
    language_column: str = "Language"
    paper_size: str = "Paper size"
    fillable_pdf: str = "Fillable PDF"
    preview: str = "Blank template"
    type_names: dict[MapType, str] = field(default_factory=type_names)
    type_purposes: dict[MapType, str] = field(default_factory=_type_purposes)
    papers: dict[str, str] = field(default_factory=_papers)


@dataclass(frozen=True)
class Download:
    """One file of a map: its format, URL relative to the page, and size in bytes if known."""

    format: str
    url: str
    size: int | None = None


def file_size(size: int | None) -> str:
    """ "240 kB", "1.2 MB": decimal units, the way browsers and file managers show them."""
    if size is None:
        return ""
    if size < 1000:
        return f"{size} B"
    if size < 1_000_000:
        return f"{round(size / 1000)} kB"
    return f"{size / 1_000_000:.1f} MB"


def map_download_links(
    formats: Mapping[str, str],
    url_for_download: UrlForDownload,
    sizes: Mapping[str, int] | None = None,
) -> list[Download]:
    """:class:`Download` entries from one language of a catalog ``downloads`` entry.

    ``formats`` is ``{format: site-root path}``; ``sizes`` the bytes per path (as
    :attr:`journey_maps.export.jobs.RunStats.sizes` reports them).
    """
    order = list(FORMAT_NAMES)
    return [
        Download(fmt, url_for_download(path), (sizes or {}).get(path))
        for fmt, path in sorted(formats.items(), key=lambda kv: order.index(kv[0]))
        if fmt in FORMAT_NAMES
    ]


def map_downloads(entries: Sequence[Download], labels: DownloadLabels) -> str:
    """The download buttons of a map page (empty when there is nothing to download)."""
    if not entries:
        return ""
    return render_fragment(
        "downloads.html",
        entries=entries,
        t=labels,
        names=FORMAT_NAMES,
        media=MEDIA_TYPES,
        size=file_size,
    )


@dataclass(frozen=True)
class _Row:
    language: str
    name: str
    cells: list[dict[str, Any] | None]


def _columns(entries: Iterable[Mapping[str, Any]]) -> list[tuple[str, str | None]]:
    """(format, paper) columns present: PDFs per paper first, then PNG and SVG."""
    present = {(e["format"], e.get("paper")) for e in entries}
    wanted = [("pdf", p) for p in PAPER_ORDER] + [("png", None), ("svg", None)]
    return [c for c in wanted if c in present]


def templates_page(
    entries: Sequence[Mapping[str, Any]],
    url_for_download: UrlForDownload,
    labels: DownloadLabels,
    previews: Mapping[str, str] | None = None,
    *,
    language_names: Mapping[str, str] | None = None,
) -> str:
    """The templates page body: per map type a preview, what it is for, and its files.

    ``entries`` is the catalog's ``templates`` list; ``previews`` maps a type to the
    site-root path of an image to show (default: the type's SVG in the page's language, or
    in the first language that has one). Languages are listed in the order of ``entries``.
    """
    names = language_names or {}
    sections = []
    for kind in TYPE_ORDER:
        mine = [e for e in entries if e["type"] == kind.value]
        if not mine:
            continue
        columns = _columns(mine)
        rows = []
        for lang in dict.fromkeys(e["language"] for e in mine):
            found = {(e["format"], e.get("paper")): e for e in mine if e["language"] == lang}
            cells = [
                {**found[c], "href": url_for_download(found[c]["url"])} if c in found else None
                for c in columns
            ]
            rows.append(_Row(lang, names.get(lang, lang), cells))
        svgs = [e for e in mine if e["format"] == "svg"]
        preview = (previews or {}).get(kind.value) or next(
            (e["url"] for e in svgs if e["language"] == labels.language),
            svgs[0]["url"] if svgs else None,
        )
        sections.append(
            {
                "kind": kind,
                "columns": columns,
                "rows": rows,
                "preview": url_for_download(preview) if preview else None,
                "fillable": any(e.get("fillable") for e in mine),
            }
        )
    return render_fragment(
        "templates_page.html", sections=sections, t=labels, names=FORMAT_NAMES, media=MEDIA_TYPES
    )
