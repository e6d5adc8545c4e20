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
from journey_maps.site.html.downloads import (
    DownloadLabels,
    map_download_links,
    map_downloads,
)
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

    def plan(self, trees: list[LanguageTree]) -> None:
        self.jobs = []
        for tree in trees:
            self.labels[tree.language] = localize_labels(
                DownloadLabels(language=tree.language), tree.language
            )
            for journey in tree.gallery.maps.values():
                persona = tree.gallery.personas.get(journey.persona or "")
                self.jobs += plan_map_exports(
                    journey,
                    persona,
                    lang=tree.language,
                    labels=tree.diagram_labels,
                    formats=self.formats,
                    dpi=self.dpi,
                )
        if self.templates:
            self.jobs += plan_template_exports(
                langs=[tree.language for tree in trees],
                papers=self.papers,
                formats=[f for f in ("svg", "png", "pdf") if f in self.formats],
                dpi=self.dpi,
            )

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
        return catalog_downloads(self.jobs)

    def catalog_templates(self) -> list[dict[str, Any]]:
        return catalog_templates(self.jobs)

    def map_buttons(self, map_id: str, language: str, url_for: html.UrlFor) -> str:
        formats = self.catalog_downloads().get(map_id, {}).get(language, {})
        entries = map_download_links(formats, lambda path: url_for("file", path), self.stats.sizes)
        return map_downloads(entries, self.labels[language])
