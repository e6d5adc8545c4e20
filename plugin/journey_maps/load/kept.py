"""Parsed documents kept between builds, as JSON, so an unchanged file is never parsed twice.

Parsing YAML is most of what loading a big gallery costs; its result depends only on the
file's bytes and on this code, so it is kept in the build's :class:`~journey_maps.core.store.Store`
under their digest. Only files that parsed without any problem are kept: a file with a
problem is parsed again, so that its problems are reported every time.

The encoding keeps what plain JSON would lose: numbers remember how they were written
(``time: 0730`` is the text ``0730`` to the schema), and a key or list index keeps its type
in positions. Every value is tagged, so no text can pass for a number.
"""

from __future__ import annotations

import json
from typing import Any

from journey_maps.core.document import Document, Loc, Mark, YamlFloat, YamlInt
from journey_maps.core.store import Store, code_version, digest

KIND = "yaml"
#: Documents this process parsed or decoded, kept as objects (see Store.hold).
OBJECTS = "document"


def _encode(value: Any) -> Any:
    if isinstance(value, dict):
        return {"m": {key: _encode(item) for key, item in value.items()}}
    if isinstance(value, list):
        return {"l": [_encode(item) for item in value]}
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, YamlInt):
        return {"i": value.source}
    if isinstance(value, YamlFloat):
        return {"f": value.source}
    if isinstance(value, str):
        return value
    raise TypeError(f"a loaded document holds no {type(value).__name__}")


def _decode(value: Any) -> Any:
    if not isinstance(value, dict):
        return value  # text, a boolean or null
    ((tag, inner),) = value.items()
    if tag == "m":
        return {key: _decode(item) for key, item in inner.items()}
    if tag == "l":
        return [_decode(item) for item in inner]
    if tag == "i":
        text = str(inner)
        base = 16 if text[:2] == "0x" else 8 if text[:2] == "0o" else 10
        return YamlInt(text, base)
    return YamlFloat(str(inner))


def _positions(table: dict[Loc, Mark]) -> list[list[Any]]:
    return [[list(loc), mark.line, mark.column] for loc, mark in table.items()]


def _table(rows: list[list[Any]]) -> dict[Loc, Mark]:
    return {tuple(loc): Mark(line, column) for loc, line, column in rows}


def dump(doc: Document) -> str:
    """The data on the first line, the positions after it: JSON text holds no raw line
    break, and reading a kept file then decodes its positions only if a problem needs one."""
    data = json.dumps(_encode(doc.data), ensure_ascii=False, separators=(",", ":"))
    positions = json.dumps(
        [_positions(doc.values), _positions(doc.keys)], ensure_ascii=False, separators=(",", ":")
    )
    return f"{data}\n{positions}"


def load(text: str, path: str, file_digest: str) -> Document:
    data, _, positions = text.partition("\n")

    def tables() -> tuple[dict[Loc, Mark], dict[Loc, Mark]]:
        values, keys = json.loads(positions)
        return _table(values), _table(keys)

    return Document(path=path, data=_decode(json.loads(data)), digest=file_digest, positions=tables)


def key(file_digest: str, example: str) -> str:
    """The key of a file's parsed document (``example`` shapes its problems' wording)."""
    return digest(KIND, code_version(), file_digest, example)


def kept(store: Store, file_digest: str, example: str, path: str) -> Document | None:
    """The document parsed before from a file of that digest: the very object when this
    process parsed it (the rebuilds of ``mkdocs serve``), else decoded from the store."""
    found_key = key(file_digest, example)
    held = store.recall(OBJECTS, f"{found_key}/{path}")
    if isinstance(held, Document):
        return held
    found = store.peek(KIND, found_key)
    if found is None:
        return None
    doc = load(found, path, file_digest)
    store.hold(OBJECTS, f"{found_key}/{path}", doc)
    return doc


def keep(store: Store, doc: Document, example: str) -> None:
    try:
        text = dump(doc)
    except TypeError:  # a value the loader may learn to make one day: just not kept
        return
    found_key = key(doc.digest, example)
    store.put(KIND, found_key, text)
    store.hold(OBJECTS, f"{found_key}/{doc.path}", doc)
