"""Switching language in a real browser lands on the same page, and nothing else is hijacked."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from .conftest import Probe

pytestmark = pytest.mark.browser

MAP = "colleen-vacuum-current"


def _switch(probe: Probe, name: str) -> None:
    page = probe.page
    page.locator(".md-header__option .md-select").first.hover()
    page.locator(".md-select__link", has_text=name).first.click()
    page.wait_for_load_state("load")
    probe.settle()


def test_language_selector_keeps_the_map(page: Probe) -> None:
    page.goto(f"maps/{MAP}/")
    _switch(page, "Български")
    assert page.page.url == page.url(f"bg/maps/{MAP}/")
    assert page.page.locator("html").get_attribute("lang") == "bg"
    assert "Текущо състояние" in page.page.locator(".jm-badge").first.inner_text()
    _switch(page, "Eesti")
    assert page.page.url == page.url(f"et/maps/{MAP}/")
    _switch(page, "English")
    assert page.page.url == page.url(f"maps/{MAP}/")
    assert page.problems() == []


def test_links_from_hand_written_pages_are_not_taken_for_language_switches(page: Probe) -> None:
    # The theme's script treats every <link rel="alternate"> as a language root and would
    # send clicks below it there; a link to a map page must still open that map page.
    page.goto("")
    page.page.locator(f'.md-content a[href$="maps/{MAP}/"]').first.click()
    page.page.wait_for_load_state("load")
    page.settle()
    assert page.page.url == page.url(f"maps/{MAP}/")
    assert page.problems() == []


def test_persona_link_on_a_translated_page_stays_in_that_language(page: Probe) -> None:
    page.goto(f"de/maps/{MAP}/")
    page.page.locator("a.jm-persona-link").first.click()
    page.page.wait_for_load_state("load")
    page.settle()
    assert page.page.url == page.url("de/personas/curious-colleen/")
    assert page.problems() == []
