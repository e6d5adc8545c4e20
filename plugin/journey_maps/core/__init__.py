"""The vocabulary every stage shares: the schema (:mod:`.model`), ids (:mod:`.ids`),
positioned data (:mod:`.document`), the validated :class:`~.gallery.Gallery`, and problems
with their positions (:mod:`.errors`). It imports nothing else of the project."""
