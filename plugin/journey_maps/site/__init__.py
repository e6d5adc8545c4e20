"""A published gallery, free of any site generator: which pages exist (:mod:`.plan`,
:mod:`.pages`, one tree per language in :mod:`.trees`), their HTML (:mod:`.html`), browsing
(:mod:`.browse`, :mod:`.browse_pages`), downloads (:mod:`.downloads`), diagrams in
hand-written pages (:mod:`.fences`) and the catalog (:mod:`.catalog`). The MkDocs plugin
(:mod:`journey_maps.mkdocs`) adapts this to MkDocs; another generator could too."""
