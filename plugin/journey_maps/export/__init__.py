"""Files to download: maps and blank templates drawn as PNG and PDF, fillable PDF forms, and
the jobs that plan, cache and render every download of a site (:mod:`.jobs`).

:mod:`.raster` renders SVG with cairosvg, :mod:`.blank` draws blank templates,
:mod:`.forms` and :mod:`.fonts` make their PDFs fillable, :mod:`.cache` keeps rendered
files by content hash. Text exports (CSV, JSON) come from :mod:`journey_maps.formats`.
"""
