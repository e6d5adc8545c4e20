"""Download files as jobs: planned from maps and templates, rendered in parallel, cached.

A build plans an :class:`ExportJob` per file (``downloads/maps/<id>/<id>.<lang>.png``,
``downloads/templates/<type>/<lang>/<type>-<lang>-<paper>.pdf``...). A job holds everything
its bytes depend on (the SVG text, format, paper, resolution, form fields) and nothing else,
so it pickles cheaply to a worker process and hashes to a cache key. :func:`run_jobs`
serves what it can from the cache, renders the rest in a process pool (cairo holds the GIL
while it draws, so threads would not help), and writes every file atomically inside the
output folder. Text formats (SVG, CSV, JSON) are ready when planned and are just written.

Paths in jobs are POSIX paths relative to the output folder, which is the site folder on a
site: they double as the site-root-relative URLs of the catalog (``journey-maps.json``).

Worker processes are started with ``forkserver`` (``spawn`` where that is missing), never
``fork``, because a site generator's dev server runs threads and forking them is unsafe;
a script calling :func:`run_jobs` with several workers therefore needs the usual
``if __name__ == "__main__":`` guard.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from journey_maps.export.cache import Cache, safe_target, write_atomic
from journey_maps.export.fingerprint import renderer_fingerprint
from journey_maps.export.forms import FormField
from journey_maps.export.raster import DEFAULT_DPI, PAPERS, ExportError
from journey_maps.formats import TEXT_EXPORTS

if TYPE_CHECKING:
    from journey_maps.core.model import JourneyMap, MapType, Persona
    from journey_maps.export.blank import TemplateLabels
    from journey_maps.layout import Labels

MAP_DOWNLOADS: Final = "downloads/maps"
TEMPLATE_DOWNLOADS: Final = "downloads/templates"
TEXT_FORMATS: Final = ("svg", "csv", "json")
RASTER_FORMATS: Final = ("png", "pdf")
MAP_FORMATS: Final = ("svg", "png", "pdf", "csv", "json")
TEMPLATE_FORMATS: Final = ("svg", "png", "pdf")
PAPER_NAMES: Final = tuple(PAPERS)

#: ``progress(done, total)``, called after each file (from the cache or rendered).
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ExportJob:
    """One file to produce: where it goes, and every input its bytes depend on."""

    path: str
    """POSIX path relative to the output folder (and URL relative to the site root)."""
    format: str
    """``svg``, ``png``, ``pdf``, ``csv`` or ``json``."""
    source: str
    """The standalone SVG for svg/png/pdf; the finished text for csv/json."""
    kind: str = "map"
    """``map`` or ``template``: which catalog list the file belongs to."""
    subject: str = ""
    """The map id, or the template's map type."""
    language: str = "en"
    paper: str | None = None
    """``a4``, ``letter`` or ``a3`` (landscape) for PDFs on paper; None: the drawing's size."""
    dpi: float = DEFAULT_DPI
    title: str | None = None
    """PDF document title (default: the SVG's ``<title>``)."""
    fields: tuple[FormField, ...] = ()
    """Form fields: a PDF with fields is a fillable template."""

    @property
    def fillable(self) -> bool:
        return self.format == "pdf" and bool(self.fields)

    @property
    def rendered(self) -> bool:
        """Whether producing the bytes takes cairo (and is worth caching)."""
        return self.format in RASTER_FORMATS

    def key(self) -> str:
        """sha256 of the renderer's fingerprint (code and library versions), the options and
        the input: the cache key."""
        from journey_maps.export.fonts import font_identity

        options: dict[str, Any] = {
            "renderer": renderer_fingerprint(),
            "format": self.format,
            "paper": self.paper if self.format == "pdf" else None,
            "dpi": self.dpi if self.format == "png" else None,
            "title": self.title if self.format == "pdf" else None,
            "language": self.language if self.fillable else None,
            "fields": [asdict(f) for f in self.fields] if self.fillable else [],
            "font": font_identity() if self.fillable else None,
        }
        digest = hashlib.sha256(json.dumps(options, sort_keys=True).encode("utf-8"))
        digest.update(b"\0")
        digest.update(self.source.encode("utf-8"))
        return digest.hexdigest()


def render(job: ExportJob) -> bytes:
    """The bytes of ``job``'s file (runs in worker processes)."""
    from journey_maps.export.raster import page_fit, svg_size, svg_to_pdf, svg_to_png

    if job.format in TEXT_FORMATS:
        return job.source.encode("utf-8")
    if job.format == "png":
        return svg_to_png(job.source, dpi=job.dpi)
    if job.format == "pdf":
        pdf = svg_to_pdf(job.source, paper=job.paper, title=job.title)
        if not job.fields:
            return pdf
        from journey_maps.export.fonts import load_form_font
        from journey_maps.export.forms import add_form

        fit = page_fit(*svg_size(job.source), job.paper)
        return add_form(pdf, job.fields, fit, font=load_form_font(), language=job.language)
    raise ExportError(f"{job.path}: unknown format {job.format!r}")


def _render_checked(job: ExportJob) -> bytes:
    try:
        return render(job)
    except Exception as exc:
        raise ExportError(f"{job.path}: {exc}") from exc


@dataclass
class RunStats:
    """What :func:`run_jobs` did: the benchmark asserts ``rendered == 0`` on a warm build."""

    total: int = 0
    rendered: int = 0
    """PNG and PDF files drawn by cairo in this run."""
    cached: int = 0
    """PNG and PDF files taken from the cache."""
    written: int = 0
    """Text files (SVG, CSV, JSON) written as planned: nothing to render."""
    seconds: float = 0.0
    sizes: dict[str, int] = field(default_factory=dict)
    """Bytes per output path, for size labels on download buttons."""
    damaged: int = 0
    """Cache entries that failed their check and were rendered again."""


def default_workers() -> int:
    return max(1, (os.cpu_count() or 1) - 1)


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def run_jobs(
    jobs: Sequence[ExportJob],
    out_dir: Path,
    *,
    cache_dir: Path | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
) -> RunStats:
    """Produce every job's file under ``out_dir``; see the module docstring.

    All paths are checked before anything is written: one that leaves ``out_dir`` raises
    :class:`~journey_maps.export.cache.UnsafePathError`, two different jobs for one path
    raise :class:`ExportError`. ``workers=1`` renders in this process.
    """
    started = time.perf_counter()
    targets: dict[str, Path] = {}
    seen: dict[str, ExportJob] = {}
    for job in jobs:
        if job.path in seen and seen[job.path] != job:
            raise ExportError(f"{job.path}: planned twice with different contents")
        seen[job.path] = job
        targets[job.path] = safe_target(out_dir, job.path)
    unique = list(seen.values())
    stats = RunStats(total=len(unique))
    cache = Cache(cache_dir) if cache_dir is not None else None
    done = 0

    def finish(job: ExportJob, data: bytes) -> None:
        nonlocal done
        write_atomic(targets[job.path], data)
        stats.sizes[job.path] = len(data)
        done += 1
        if progress is not None:
            progress(done, stats.total)

    pending: dict[str, list[ExportJob]] = {}
    for job in unique:
        if not job.rendered:
            finish(job, _render_checked(job))
            stats.written += 1
            continue
        key = job.key()
        hit = cache.get(key, job.format) if cache else None
        if hit is not None:
            finish(job, hit)
            stats.cached += 1
        else:
            pending.setdefault(key, []).append(job)

    def deliver(key: str, data: bytes) -> None:
        first = pending[key][0]
        if cache:
            cache.put(key, first.format, data)
        stats.rendered += 1
        for job in pending[key]:
            finish(job, data)
        stats.cached += len(pending[key]) - 1  # the same drawing at several paths

    count = workers if workers is not None else default_workers()
    if count < 1:
        raise ValueError("workers must be at least 1")
    if count == 1 or len(pending) < 2:
        for key, group in pending.items():
            deliver(key, _render_checked(group[0]))
    else:
        with ProcessPoolExecutor(min(count, len(pending)), mp_context=_context()) as pool:
            futures: dict[Future[bytes], str] = {
                pool.submit(_render_checked, group[0]): key for key, group in pending.items()
            }
            try:
                for future in as_completed(futures):
                    deliver(futures[future], future.result())
            except BaseException:
                for future in futures:
                    future.cancel()
                raise
    stats.damaged = cache.damaged if cache else 0
    stats.seconds = time.perf_counter() - started
    return stats


def progress_logger(
    log: Callable[[str], None], *, every: float = 2.0, what: str = "exports"
) -> Progress:
    """A ``progress`` callback that logs "rendered 40/120 exports" at most every ``every`` s."""
    last = [time.monotonic()]

    def report(done: int, total: int) -> None:
        now = time.monotonic()
        if done == total or now - last[0] >= every:
            last[0] = now
            log(f"rendered {done}/{total} {what}")

    return report


# --- planning -------------------------------------------------------------------------------


def _slug(value: str) -> str:
    """A path segment from an id or language code; anything odd is rejected, not rewritten."""
    if not value or not all(c.isalnum() or c in "-_" for c in value) or value[0] in "-_":
        raise ExportError(f"{value!r} cannot be part of a download path")
    return value


def _check_formats(formats: Iterable[str], allowed: Sequence[str]) -> list[str]:
    chosen = list(dict.fromkeys(formats))
    unknown = [f for f in chosen if f not in allowed]
    if unknown:
        raise ExportError(f"unknown format {unknown[0]!r}; use {', '.join(allowed)}")
    return chosen


def map_download_path(map_id: str, lang: str, fmt: str, paper: str | None = None) -> str:
    """``downloads/maps/<id>/<id>.<lang>.<fmt>`` (``<id>.<lang>-<paper>.pdf`` on paper)."""
    name = f"{_slug(map_id)}.{_slug(lang)}" + (f"-{paper}" if paper else "")
    return f"{MAP_DOWNLOADS}/{_slug(map_id)}/{name}.{fmt}"


def template_download_path(kind: str, lang: str, fmt: str, paper: str | None = None) -> str:
    """``downloads/templates/<type>/<lang>/<type>-<lang>[-<paper>].<fmt>``."""
    stem = f"{_slug(kind)}-{_slug(lang)}" + (f"-{paper}" if paper else "")
    return f"{TEMPLATE_DOWNLOADS}/{kind}/{lang}/{stem}.{fmt}"


def plan_map_exports(
    journey: JourneyMap,
    persona: Persona | None,
    *,
    lang: str,
    labels: Labels | None = None,
    formats: Iterable[str] = MAP_FORMATS,
    paper: str | None = None,
    dpi: float = DEFAULT_DPI,
    theme: str = "light",
    sources: Callable[[str], str] | None = None,
) -> list[ExportJob]:
    """The download files of one map in one language (``journey`` already in ``lang``).

    The PDF is the drawing's size unless ``paper`` is given; PNG, SVG and PDF show the same
    standalone drawing as the map page (concrete colours instead of CSS variables). A caller
    that keeps what it made between builds passes ``sources``: the text of the SVG drawing
    (light theme), the CSV or the JSON by format name.
    """
    from journey_maps.render.svg import render_map_svg

    chosen = _check_formats(formats, MAP_FORMATS)
    if paper is not None and paper not in PAPERS:
        raise ExportError(f"unknown paper {paper!r}; use {', '.join(PAPERS)}")

    def make(fmt: str) -> str:
        if fmt == "svg":
            return render_map_svg(journey, persona, labels=labels, standalone=True, theme=theme)
        return TEXT_EXPORTS[fmt](journey)

    source_of = sources or make
    svg = source_of("svg") if any(f in ("svg", "png", "pdf") for f in chosen) else ""
    jobs = []
    for fmt in chosen:
        source = svg if fmt in ("svg", "png", "pdf") else source_of(fmt)
        jobs.append(
            ExportJob(
                path=map_download_path(journey.id, lang, fmt, paper if fmt == "pdf" else None),
                format=fmt,
                source=source,
                kind="map",
                subject=journey.id,
                language=lang,
                paper=paper if fmt == "pdf" else None,
                dpi=dpi,
            )
        )
    return jobs


def template_labels(lang: str) -> tuple[Labels, TemplateLabels]:
    """Diagram and template labels in ``lang`` from the gettext catalogs (English fallback)."""
    from journey_maps.export.blank import TemplateLabels
    from journey_maps.i18n import localize_labels
    from journey_maps.layout.labels import diagram_labels

    return diagram_labels(lang), localize_labels(TemplateLabels(language=lang), lang)


def plan_template_exports(
    *,
    langs: Sequence[str],
    labels_for: Callable[[str], tuple[Labels, TemplateLabels]] = template_labels,
    papers: Sequence[str] = PAPER_NAMES,
    formats: Iterable[str] = TEMPLATE_FORMATS,
    types: Sequence[MapType] | None = None,
    fillable: bool = True,
    dpi: float = DEFAULT_DPI,
    theme: str = "light",
) -> list[ExportJob]:
    """Blank templates: every type × language as SVG and PNG, and as a PDF per paper.

    SVG and PNG are not paginated (their catalog ``paper`` is None); PDFs are landscape on
    each paper, fillable unless ``fillable`` is False.
    """
    from journey_maps.export.blank import TEMPLATE_TYPES, blank_template

    chosen = _check_formats(formats, TEMPLATE_FORMATS)
    unknown = [p for p in papers if p not in PAPERS]
    if unknown:
        raise ExportError(f"unknown paper {unknown[0]!r}; use {', '.join(PAPERS)}")
    jobs: list[ExportJob] = []
    for lang in langs:
        labels, texts = labels_for(lang)
        for kind in types or TEMPLATE_TYPES:
            template = blank_template(kind, labels=labels, texts=texts, theme=theme)
            common: dict[str, Any] = {
                "source": template.svg,
                "kind": "template",
                "subject": kind.value,
                "language": lang,
                "dpi": dpi,
                "title": template.title,
            }
            for fmt in chosen:
                sheets: Sequence[str | None] = papers if fmt == "pdf" else [None]
                for paper in sheets:
                    jobs.append(
                        ExportJob(
                            path=template_download_path(kind.value, lang, fmt, paper),
                            format=fmt,
                            paper=paper,
                            fields=template.fields if fmt == "pdf" and fillable else (),
                            **common,
                        )
                    )
    return jobs


# --- catalog entries ------------------------------------------------------------------------


def catalog_downloads(jobs: Iterable[ExportJob]) -> dict[str, dict[str, dict[str, str]]]:
    """``{map_id: {lang: {format: url}}}`` for :func:`journey_maps.site.catalog.build_catalog`.

    A map with PDFs on several papers lists the drawing-sized one (or the first planned).
    """
    found: dict[str, dict[str, dict[str, str]]] = {}
    for job in jobs:
        if job.kind != "map":
            continue
        formats = found.setdefault(job.subject, {}).setdefault(job.language, {})
        if job.format not in formats or (job.format == "pdf" and job.paper is None):
            formats[job.format] = job.path
    return {
        map_id: {
            lang: dict(sorted(formats.items(), key=lambda kv: MAP_FORMATS.index(kv[0])))
            for lang, formats in sorted(langs.items())
        }
        for map_id, langs in sorted(found.items())
    }


def catalog_templates(jobs: Iterable[ExportJob]) -> list[dict[str, Any]]:
    """The catalog's ``templates`` list by type, language (as planned), format and paper.

    ``paper`` is ``a4``, ``letter`` or ``a3`` for PDFs and None for SVG and PNG, which are
    not paginated (the drawing at its own size prints scaled to any paper).
    """
    from journey_maps.export.blank import TEMPLATE_TYPES

    order = {t.value: i for i, t in enumerate(TEMPLATE_TYPES)}
    chosen = [job for job in jobs if job.kind == "template"]
    languages = {lang: i for i, lang in enumerate(dict.fromkeys(j.language for j in chosen))}
    entries = [
        {
            "type": job.subject,
            "language": job.language,
            "paper": job.paper,
            "format": job.format,
            "fillable": job.fillable,
            "url": job.path,
        }
        for job in chosen
    ]
    return sorted(
        entries,
        key=lambda e: (
            order.get(e["type"], 99),
            e["type"],
            languages[e["language"]],
            TEMPLATE_FORMATS.index(e["format"]),
            PAPER_NAMES.index(e["paper"]) if e["paper"] else -1,
        ),
    )
