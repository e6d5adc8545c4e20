"""The catalog's serialiser writes exactly what ``json.dumps(indent=2)`` writes, faster.

``dump_catalog`` writes indented JSON itself so that a rebuild can keep the text of each
entry that did not change (journey_maps.site.catalog); the catalog is a public format, so
its bytes must not depend on that.
"""

from __future__ import annotations

import json
import random
from typing import Any

from journey_maps.site.catalog import Kept, dump_catalog

SCALARS: list[Any] = [0, 1, -3, 1.5, 0.0, 1e21, True, False, None, "", 'a "quote"', "é\n\t", "😀"]


def _value(rng: random.Random, depth: int = 0) -> Any:
    roll = rng.random()
    if depth > 4 or roll < 0.3:
        return rng.choice(SCALARS)
    if roll < 0.6:
        return [_value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    return {f"k{i}é": _value(rng, depth + 1) for i in range(rng.randint(0, 3))}


def _expected(catalog: dict[str, Any]) -> str:
    return json.dumps(catalog, ensure_ascii=False, indent=2) + "\n"


def test_the_catalog_text_is_json_dumps_with_an_indent_of_two() -> None:
    rng = random.Random(20261206)
    for _ in range(1500):
        catalog = {"maps": [_value(rng) for _ in range(3)], "browse": _value(rng)}
        assert dump_catalog(catalog) == _expected(catalog)


def test_kept_entries_give_the_same_text_and_follow_the_catalog() -> None:
    """Unchanged entries (the same objects) are not encoded again; changed ones are."""
    rng = random.Random(6)
    kept: Kept = {}
    maps = [{"id": f"m{n}", "title": {"en": f"Map {n}"}, "tags": []} for n in range(5)]
    for _ in range(50):
        changed = rng.randrange(5)
        maps[changed] = {**maps[changed], "title": {"en": str(rng.random())}}
        catalog = {"catalog_version": 1, "maps": list(maps), "extra": _value(rng)}
        assert dump_catalog(catalog, kept) == _expected(catalog)
        # Only this catalog's entries are kept: the dict does not grow with every rebuild.
        held = [entry for entry, _text in kept.values() if "id" in entry]
        assert sorted(map(id, held)) == sorted(map(id, maps))
        assert all(
            text == _expected(entry)[:-1].replace("\n", "\n    ")
            for entry, text in kept.values()
            if "id" in entry
        )
