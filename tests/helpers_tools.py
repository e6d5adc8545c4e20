"""Tests that need a program outside Python (poppler, qpdf, rsvg-convert, a font, Chromium).

One rule for all of them: without the program a test skips with a hint on how to install
it, and under ``CI=true`` it fails instead, so CI never passes by running less. Mark such a
test with :func:`needs` (checked when it runs), or call :func:`unavailable` inside it.
"""

from __future__ import annotations

import os
from typing import NoReturn

import pytest

IN_CI = os.environ.get("CI", "").lower() == "true"


def unavailable(hint: str) -> NoReturn:
    """Skip with ``hint``; under CI=true fail instead."""
    if IN_CI:
        pytest.fail(f"CI=true but a test requirement is missing: {hint}", pytrace=False)
    pytest.skip(hint)


def needs(available: bool, hint: str) -> pytest.MarkDecorator:
    """Mark a test that runs only if ``available``; tests/conftest.py applies the rule."""
    return pytest.mark.needs(available, hint=hint)
