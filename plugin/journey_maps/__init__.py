"""mkdocs-journey-maps: customer journey maps from YAML, drawn server-side.

The package is a plain library (loader, model, layout, svg, exports, cli); only the
``journey_maps.mkdocs`` subpackage imports MkDocs.
"""

__version__ = "0.1.0"
