"""The templates page (``templates/``): every blank template to download, per language.

Its files are planned and rendered with the other downloads (:mod:`.downloads`); the page
exists when the site publishes templates.
"""

from __future__ import annotations

from journey_maps.site import html
from journey_maps.site.downloads import TEMPLATES
from journey_maps.site.html.downloads import templates_page
from journey_maps.site.pages import PageKind, PageSpec, register


def _templates_title(spec: PageSpec) -> str:
    downloads = spec.site.downloads
    if downloads is None:
        return TEMPLATES
    return downloads.labels[spec.tree.language].templates


def _templates_body(spec: PageSpec, url_for: html.UrlFor) -> str:
    downloads = spec.site.downloads
    assert downloads is not None
    return templates_page(
        downloads.catalog_templates(),
        lambda path: url_for("file", path),
        downloads.labels[spec.tree.language],
        language_names={tree.language: tree.name for tree in spec.site.trees},
    )


register(
    PageKind(
        TEMPLATES,
        path=lambda _: "templates/index.md",
        title=_templates_title,
        body=_templates_body,
        items=lambda site, tree: (
            [""] if site.downloads is not None and site.downloads.templates else []
        ),
        section=TEMPLATES,
        wide=True,
        depends=lambda spec: frozenset(),  # blank templates: no map or persona shows on it
    )
)
