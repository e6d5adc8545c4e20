"""Getting maps in and out of other tools: Mermaid journeys, spreadsheets, new-map templates.

Everything here is plain Python (no MkDocs), so the CLI, the plugin and other programs can
use it. Importers return map YAML text that :func:`journey_maps.loader.load_text` and the
schema accept; problems in the input are reported as ``path:line:col: error: message``
through :class:`journey_maps.errors.Problems`, never raised. (Import from the modules:
this package imports nothing itself, so the exporters can use its helpers.)

* :mod:`.mermaid` reads and writes Mermaid ``journey`` diagrams;
* :mod:`.csv_import` reads the spreadsheet written by :mod:`journey_maps.export.tabular`;
* :mod:`.scaffold` writes a commented starting file for each map type;
* :mod:`.commands` adds ``import``, ``new`` and ``export`` to the ``journey-maps`` command.
"""
