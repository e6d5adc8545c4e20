"""YAML files in, a validated :class:`~journey_maps.core.gallery.Gallery` out.

:mod:`.yaml` parses safely and keeps every position; :mod:`.messages` turns schema errors
into sentences; :mod:`.checks` checks what one file's schema cannot; :mod:`.folder` loads a
whole gallery folder; :mod:`.project` finds the site (mkdocs.yml) a gallery belongs to.
"""
