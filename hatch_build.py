"""Hatchling build hook: compile the interface translations (.po) into the wheel as .mo.

Compiled catalogs are build output, so they are not committed: a checkout reads the .po
files directly (with Babel), and a wheel carries .mo files that the standard library's
``gettext`` reads without any dependency. A catalog that Babel cannot parse fails the
build rather than shipping a wheel with a language silently missing.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.config import BuilderConfig
from hatchling.builders.hooks.plugin.interface import BuildHookInterface

LOCALE = Path("plugin", "journey_maps", "i18n", "locale")
TARGET = "journey_maps/i18n/locale"


class CatalogBuildHook(BuildHookInterface[BuilderConfig]):
    """Adds ``<lang>/LC_MESSAGES/*.mo`` for every ``.po`` to regular wheels."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        # Editable installs run from the checkout, where the .po files are read directly.
        if self.target_name != "wheel" or version == "editable":
            return
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        self._workdir = Path(tempfile.mkdtemp(prefix="journey-maps-mo-"))
        source = Path(self.root) / LOCALE
        for po in sorted(source.glob("*/LC_MESSAGES/*.po")):
            relative = po.relative_to(source).with_suffix(".mo")
            with po.open("rb") as handle:
                catalog = read_po(handle, abort_invalid=True)
            mo = self._workdir / relative
            mo.parent.mkdir(parents=True, exist_ok=True)
            with mo.open("wb") as handle:
                write_mo(handle, catalog, use_fuzzy=False)
            build_data["force_include"][str(mo)] = f"{TARGET}/{relative.as_posix()}"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        workdir = getattr(self, "_workdir", None)
        if workdir is not None:
            shutil.rmtree(workdir, ignore_errors=True)
