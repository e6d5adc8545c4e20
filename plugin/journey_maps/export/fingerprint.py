"""What a cached download's bytes depend on besides its job: our code and the libraries.

A cache key (:meth:`journey_maps.export.jobs.ExportJob.key`) covers a job's own inputs: the
SVG, the format, paper, resolution and form fields. The rest is here. A version string is
not enough: a checkout whose PNG encoder or form layout was edited, with the same version,
would keep serving files drawn by the old code (test sessions share one cache, too). So the
fingerprint holds a sha256 of the source of every module that turns an SVG and options into
bytes, and the versions of the libraries that do the drawing, compressing and PDF writing.

What draws the SVG (layout, render, blank templates) is not listed: its output, the SVG
text and the form fields, is part of the key already.
"""

from __future__ import annotations

import hashlib
import importlib.util
import zlib
from functools import cache
from pathlib import Path
from typing import Final

from journey_maps import __version__

#: Modules whose code shapes PNG and PDF bytes, given the SVG: the PNG encoder and PDF
#: writer, the form fields and their font, the job dispatcher, and the text measuring that
#: sets cairo's font options before anything is drawn.
BYTE_SHAPING_MODULES: Final = (
    "journey_maps.export.raster",
    "journey_maps.export.forms",
    "journey_maps.export.fonts",
    "journey_maps.export.jobs",
    "journey_maps.layout.text",
)


@cache
def renderer_fingerprint() -> str:
    """The code digest and library versions behind every rendered file, once per process."""
    import cairocffi
    import cairosvg
    import pypdf

    return ", ".join(
        (
            f"journey-maps {__version__} code {code_digest(BYTE_SHAPING_MODULES)}",
            f"cairosvg {cairosvg.__version__}",
            f"cairocffi {cairocffi.version}",
            f"cairo {cairocffi.cairo_version_string()}",
            f"zlib {zlib.ZLIB_RUNTIME_VERSION}",
            f"pypdf {pypdf.__version__}",
        )
    )


def code_digest(modules: tuple[str, ...]) -> str:
    """sha256 of the source files of ``modules`` (found, not imported), in order."""
    digest = hashlib.sha256()
    for name in modules:
        spec = importlib.util.find_spec(name)
        digest.update(name.encode("utf-8") + b"\0")
        try:
            digest.update(Path(spec.origin if spec and spec.origin else "").read_bytes())
        except OSError:  # pragma: no cover - a frozen build, whose version says it all
            digest.update(b"no source")
    return digest.hexdigest()[:16]
