"""Downloads in the site: every map as SVG/PNG/PDF/CSV/JSON per language, and blank templates.

Files are rendered before the site generator writes any page (MkDocs: ``on_pre_build``) into
a staging folder, through the content-hash cache and a worker pool, and copied into the site
folder after the build. Rendering first means a failure stops the build before any page is
written, and the pages can show real file sizes; a warm rebuild renders nothing. The MkDocs
adapter skips PNG and PDF under ``mkdocs serve`` by default, so that saving a YAML file
still rebuilds in a moment.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from journey_maps.export.jobs import (
    ExportJob,
    RunStats,
    catalog_downloads,
    catalog_templates,
    plan_map_exports,
    plan_template_exports,
    progress_logger,
    run_jobs,
)
from journey_maps.i18n import localize_labels
from journey_maps.site import html
from journey_maps.site.html.downloads import DownloadLabels, map_download_links, map_downloads
from journey_maps.site.trees import LanguageTree

TEMPLATES = "templates"
RASTER = frozenset({"png", "pdf"})


@dataclass
class SiteDownloads:
    """What one build publishes for download, and where it is staged meanwhile."""

    formats: list[str]
    papers: list[str]
    templates: bool
    dpi: float
    jobs: list[ExportJob] = field(default_factory=list)
    stats: RunStats = field(default_factory=RunStats)
    staging: Path | None = None
    labels: dict[str, DownloadLabels] = field(default_factory=dict)
    #: The jobs of each map and language, with the key of what they were planned from.
    planned: dict[tuple[str, str], tuple[str, list[ExportJob]]] = field(default_factory=dict)
    #: The blank templates' jobs, with the key of what they were planned from.
    template_jobs: tuple[str, list[ExportJob]] = ("", [])
    _listed: tuple[list[ExportJob], dict[str, dict[str, dict[str, str]]]] | None = field(
        default=None, repr=False
    )

    def plan(
        self,
        trees: list[LanguageTree],
        sources: Callable[[LanguageTree, str, str], str] | None = None,
        *,
        keys: Callable[[LanguageTree, str], str] | None = None,
        before: SiteDownloads | None = None,
    ) -> None:
        """Every file to publish; ``sources(tree, map_id, format)`` gives a map's standalone
        SVG, CSV or JSON when the caller keeps them between builds (else made here).

        ``keys(tree, map_id)`` digests what a map's files are made from: the jobs of a map
        whose key is the one ``before`` planned with are taken over as they are, so a site
        updated in place plans only the maps that changed.
        """
        self.jobs = []
        shape = repr((self.formats, self.dpi))
        for tree in trees:
            self.labels[tree.language] = localize_labels(
                DownloadLabels(language=tree.language), tree.language
            )
            for journey in tree.gallery.maps.values():
                slot = (tree.language, journey.id)
                key = keys(tree, journey.id) + shape if keys is not None else ""
                earlier = before.planned.get(slot) if before is not None and key else None
                if earlier is not None and earlier[0] == key:
                    jobs = earlier[1]
                else:
                    persona = tree.gallery.personas.get(journey.persona or "")
                    jobs = plan_map_exports(
                        journey,
                        persona,
                        lang=tree.language,
                        labels=tree.diagram_labels,
                        formats=self.formats,
                        dpi=self.dpi,
                        sources=partial(sources, tree, journey.id) if sources else None,
                    )
                self.planned[slot] = (key, jobs)
                self.jobs += jobs
        if self.templates:
            langs = [tree.language for tree in trees]
            key = repr((langs, self.papers, self.formats, self.dpi))
            if before is not None and before.template_jobs[0] == key:
                self.template_jobs = before.template_jobs  # the same blanks: not drawn again
            else:
                made = plan_template_exports(
                    langs=langs,
                    papers=self.papers,
                    formats=[f for f in ("svg", "png", "pdf") if f in self.formats],
                    dpi=self.dpi,
                )
                self.template_jobs = (key, made)
            self.jobs += self.template_jobs[1]

    def render(
        self, *, cache_dir: Path, workers: int | None, log: Callable[[str], None]
    ) -> RunStats:
        self.staging = Path(tempfile.mkdtemp(prefix="journey-maps-downloads-"))
        self.stats = run_jobs(
            self.jobs,
            self.staging,
            cache_dir=cache_dir,
            workers=workers,
            progress=progress_logger(log),
        )
        if self.stats.damaged:
            log(f"{self.stats.damaged} cached file(s) were damaged and rendered again")
        return self.stats

    def update(self, before: SiteDownloads | None, site_dir: Path, *, cache_dir: Path) -> int:
        """Write into ``site_dir`` the files that differ from ``before``'s (a site updated in
        place, see journey_maps.mkdocs.serve); returns how many. Sizes of the others carry
        over, so the download buttons stay right."""
        previous = {job.path: job for job in before.jobs} if before is not None else {}
        changed = [
            job
            for job in self.jobs
            if (earlier := previous.get(job.path)) is not job and earlier != job
        ]
        if before is not None:
            self.stats.sizes.update(before.stats.sizes)
        if changed:
            stats = run_jobs(changed, site_dir, cache_dir=cache_dir, workers=1)
            self.stats.sizes.update(stats.sizes)
        return len(changed)

    def publish(self, site_dir: Path) -> None:
        """Move the staged files into the built site."""
        if self.staging is None:
            return
        for job in self.jobs:
            target = site_dir / job.path
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(self.staging / job.path, target)
        self.discard()

    def discard(self) -> None:
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging = None

    # --- what pages and the catalog show ---------------------------------------------------

    def catalog_downloads(self) -> dict[str, dict[str, dict[str, str]]]:
        """Download paths by map, language and format (made once per plan: every map page
        asks for its own)."""
        if self._listed is None or self._listed[0] is not self.jobs:
            self._listed = (self.jobs, catalog_downloads(self.jobs))
        return self._listed[1]

    def catalog_templates(self) -> list[dict[str, Any]]:
        return catalog_templates(self.jobs)

    def map_buttons(self, map_id: str, language: str, url_for: html.UrlFor) -> str:
        formats = self.catalog_downloads().get(map_id, {}).get(language, {})
        entries = map_download_links(formats, lambda path: url_for("file", path), self.stats.sizes)
        return map_downloads(entries, self.labels[language])
