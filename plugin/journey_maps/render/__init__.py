"""Geometry from :mod:`journey_maps.layout` as SVG text (:mod:`.svg`), in the light and dark
palettes (:mod:`.themes`)."""
