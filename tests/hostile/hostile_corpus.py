"""The hostile input corpus, generated from the JSON Schema of maps and personas.

Nothing here is written per field by hand: :func:`schema_fields` walks
``journey_maps.core.model.json_schema(kind)`` and lists every string field (free text, ids, URLs,
language codes, enums), and :class:`Filler` builds documents that set *every* property the
schema has. So a field added to the schema later is attacked too, without touching this file.

* :func:`safe_gallery` - maps, personas and translations that are *valid* although every text
  field and URL holds a hostile payload (markup, event handlers, ``javascript:`` in its
  spellings, template syntax, Markdown and attr_list syntax, bidi overrides, emoji ZWJ
  sequences, zero-width characters, NFC/NFD twins, words as long as the field allows...).
  :class:`Placement` hands payloads out per field with an offset, so that one page mixes
  payloads (an ``<!--`` in one field and a ``-->`` in the next) and documents are added
  until every field has held every payload.
* :func:`invalid_gallery` - files that must be rejected with ``path:line:col`` problems: a
  hostile value in every id, URL, language and enum field, 0 and 31 stages, file names that
  collide after case folding or Unicode normalisation, control characters written as YAML
  escapes, hostile translation headers.
* :func:`yaml_cases` - single files for YAML-level attacks (alias bombs, deep nesting, object
  tags, duplicate keys, 10 MB scalars, BOM, invalid UTF-8, empty and multi-document files,
  the Norway problem), each with what ``journey-maps validate FILE`` has to say about it.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from journey_maps.core.ids import ID_PATTERN
from journey_maps.core.model import json_schema

# --- payloads ---------------------------------------------------------------------------------

#: ``{{ 31337 * 3 }}`` evaluated by any template engine gives this; it must never appear.
TEMPLATE_RESULT = "94011"
TEMPLATE = "{{ 31337 * 3 }}"

LONG = "<long word>"  # placeholder: a word exactly as long as the field allows

PAYLOADS: tuple[str, ...] = (
    '<script>alert("jm-xss-1")</script></title><script>alert(4)</script><title>',
    "\" onmouseover=\"alert(2)\" x=\" ' onfocus='alert(3)' autofocus x='",
    "]]><script>alert(5)</script><![CDATA[ </svg><img src=x onerror=alert(6)></desc></text>",
    "</style></textarea></noscript></template><!-- comment opened",
    "comment closed --> <iframe src=javascript:alert(7)></iframe>",
    "JaVaScRiPt:alert(8) javascript:alert(9) &#106;avascript:alert(10) "
    "&#x6A;avascript&colon;x &lt;b&gt;",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxMSk8L3NjcmlwdD4= vbscript:msgbox(12)",
    "[click](javascript:alert(13)) <javascript:alert(14)> "
    "![x](data:image/svg+xml,<svg/onload=alert(15)>)",
    f"{TEMPLATE} {{% raw %}} {{{{ config.site_name }}}} {{% endraw %}} {{# hidden #}} ${{7*7}}",
    '# Heading {#x onmouseover=alert(16)} {: onclick="alert(17)" } '
    "*em* __strong__ `code` | a | b |",
    "👩‍👩‍👧‍👦 🏳️‍🌈 👍🏽 🇪🇪 🧑🏿‍🚀 family emoji",
    "مرحبا بالعالم שלום עולם \u202eevil.exe\u202c \u2067isolate\u2069 "
    "zero\u200bwidth\u200cnon\u200djoiner\u2060word\ufeffjoiner",
    "\u200b\u200c\u200d\u2060",
    "Café crème",  # NFC
    unicodedata.normalize("NFD", "Café crème"),  # NFD: looks the same, other code points
    "../../../etc/passwd C:\\Windows\\System32 CON PRN NUL",
    LONG,
)


def fit(payload: str, max_length: int) -> str:
    """``payload`` made to fit a field of ``max_length`` characters."""
    if payload == LONG:
        return "Jm" + "Ж" * (max_length - 2)
    return payload[:max_length]


def url_payload(payload: str, index: int) -> str:
    """A URL that the schema accepts (http(s) or mailto) carrying ``payload`` in its path."""
    compact = "".join(c for c in fit(payload, 300) if c.isprintable() and not c.isspace())
    if index % 3 == 2:
        return f"mailto:jm@example.org?subject={compact}"
    return f"https://example.org/{compact}"


#: Values that make an id, URL, language or enum field invalid.
BAD_IDS = (
    "../../etc/passwd",
    "/etc/passwd",
    "..",
    "CON",
    "con",
    "Upper-Case",
    "a--b",
    "-x-",
    "<script>",
    "caf\u00e9",
    "x" * 65,
)
BAD_URLS = (
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "&#106;avascript:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "//evil.example/",
    "/etc/passwd",
    "../secret",
    "file:///etc/passwd",
    "https://exa mple.org/",
    "https://example.org/\u0000",
)
BAD_LANGUAGES = ("../../x", "EN", "<script>", "e", "javascript:alert(1)")
#: Escapes that produce characters no HTML or XML page may contain.
CONTROL_ESCAPES = ("\\0", "\\x07", "\\x1b[31m", "\\x7f", "\\x85", "\\uD800", "\\uDFFF", "\\uFFFE")


# --- the schema -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    """What a schema node is: text, id, url, language, enum, int, array, object, union."""

    name: str
    node: dict[str, Any]
    max_length: int = 0
    options: tuple[Any, ...] = ()
    scalar: str = ""  # a union's bare form ("string" or "integer")


def _deref(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = schema["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    return node


@functools.cache
def _json_schema(kind: str) -> dict[str, Any]:
    return json_schema(kind)  # type: ignore[arg-type]


def classify(schema: dict[str, Any], node: dict[str, Any], max_length: int = 0) -> Kind:
    node = _deref(schema, node)
    max_length = node.get("maxLength", max_length)
    if "enum" in node:
        return Kind("enum", node, options=tuple(node["enum"]))
    if "anyOf" in node:
        options = [_deref(schema, o) for o in node["anyOf"] if o.get("type") != "null"]
        objects = [o for o in options if o.get("type") == "object"]
        if objects and len(options) == 2:
            bare = next(o for o in options if o.get("type") != "object")
            return Kind("union", objects[0], scalar=str(bare["type"]), max_length=max_length)
        if len(options) == 1:
            return classify(schema, options[0], max_length)
        if all(o.get("type") in ("string", "integer", "number") for o in options):
            return Kind("text", node, max_length=max_length)
        raise AssertionError(f"unexpected schema node {node}")
    kind = node.get("type")
    if kind == "string":
        if node.get("format") == "uri":
            return Kind("url", node, max_length=max_length)
        if node.get("pattern") == ID_PATTERN:
            return Kind("id", node, max_length=max_length)
        if "pattern" in node:
            return Kind("language", node, max_length=max_length)
        return Kind("text", node, max_length=max_length)
    if kind == "integer":
        return Kind("int", node)
    if kind == "array":
        return Kind("array", node)
    if kind == "object":
        return Kind("object", node)
    raise AssertionError(f"unexpected schema node {node}")


def schema_fields(kind: str) -> dict[str, str]:
    """Every string field of a map or persona file as ``{path: kind}``.

    Paths use ``[]`` for list entries; a union (an entry that may be written as a bare
    string) contributes both its bare form (``stages[].actions[]``) and its fields.
    """
    schema = _json_schema(kind)
    found: dict[str, str] = {}

    def walk(node: dict[str, Any], path: str) -> None:
        info = classify(schema, node)
        if info.name in ("text", "id", "url", "language", "enum"):
            found[path] = info.name
        elif info.name == "array":
            walk(info.node["items"], f"{path}[]")
        elif info.name == "object":
            for name, sub in info.node.get("properties", {}).items():
                walk(sub, f"{path}.{name}" if path else name)
        elif info.name == "union":
            if info.scalar == "string":
                found[path] = "text" if not path.endswith("loops_back_to[]") else "id"
            for name, sub in info.node.get("properties", {}).items():
                walk(sub, f"{path}.{name}")

    walk(schema, "")
    return found


def generic(path: tuple[str | int, ...]) -> str:
    """``("stages", 0, "actions", 1)`` -> ``stages[].actions[]``."""
    out = ""
    for part in path:
        out += "[]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


# --- documents --------------------------------------------------------------------------------

OMIT = object()
Override = Callable[[tuple[str | int, ...], Kind], Any]


class Placement:
    """Hands out payloads so that, over the corpus, every field gets every payload.

    Each generic field path has its own counter, offset by the field's position, so one
    document mixes payloads (field *f* of document *k* gets payload ``k + f``) and the
    corpus is complete as soon as every path has been filled P times.
    """

    def __init__(self, payloads: tuple[str, ...] = PAYLOADS) -> None:
        self.payloads = payloads
        self.counts: dict[str, int] = {}
        self.offsets: dict[str, int] = {}
        self.placed: dict[str, set[int]] = {}

    def index(self, path: tuple[str | int, ...]) -> int:
        key = generic(path)
        offset = self.offsets.setdefault(key, len(self.offsets))
        count = self.counts.get(key, 0)
        self.counts[key] = count + 1
        index = (count + offset) % len(self.payloads)
        self.placed.setdefault(key, set()).add(index)
        return index

    def text(self, path: tuple[str | int, ...], max_length: int) -> str:
        return fit(self.payloads[self.index(path)], max_length or 4000)

    def url(self, path: tuple[str | int, ...]) -> str:
        index = self.index(path)
        return url_payload(self.payloads[index], index)

    def complete(self, paths: set[str]) -> bool:
        return all(len(self.placed.get(p, ())) == len(self.payloads) for p in paths)


@dataclass
class Filler:
    """Builds a document that sets every property of the schema.

    ``override(path, kind)`` decides ids and references (return :data:`OMIT` to leave a
    field out, ``None`` to let the filler choose); texts and URLs come from ``placement``.
    ``filled`` records the generic path of every text and URL field filled.
    """

    kind: str
    placement: Placement
    override: Override
    list_length: int = 2
    filled: set[str] = field(default_factory=set)
    _counter: int = 0

    def __post_init__(self) -> None:
        self.schema = _json_schema(self.kind)

    def document(self) -> dict[str, Any]:
        value = self.value(self.schema, ())
        assert isinstance(value, dict)
        return value

    def _next(self) -> int:
        self._counter += 1
        return self._counter

    def value(self, node: dict[str, Any], path: tuple[str | int, ...]) -> Any:
        info = classify(self.schema, node)
        chosen = self.override(path, info)
        if chosen is OMIT or chosen is not None:
            return chosen
        if info.name == "text":
            self.filled.add(generic(path))
            return self.placement.text(path, info.max_length)
        if info.name == "url":
            self.filled.add(generic(path))
            return self.placement.url(path)
        if info.name == "enum":
            return info.options[self._next() % len(info.options)]
        if info.name == "int":
            low, high = info.node.get("minimum", 0), info.node.get("maximum", 100)
            return low + self._next() % (high - low + 1)
        if info.name == "array":
            return [self.value(info.node["items"], (*path, i)) for i in range(self.list_length)]
        if info.name == "union":
            index = path[-1] if path and isinstance(path[-1], int) else 0
            if index % 2 == 1:  # every other entry in its bare form
                if info.scalar == "string":
                    self.filled.add(generic(path))
                    # the bare string stands for the entry's first required field
                    main = info.node["properties"][info.node["required"][0]]
                    return self.placement.text(path, classify(self.schema, main).max_length)
                return -2 + self._next() % 5
            return self.object(info.node, path)
        if info.name == "object":
            return self.object(info.node, path)
        raise AssertionError(f"cannot fill {info.name} at {path}")

    def object(self, node: dict[str, Any], path: tuple[str | int, ...]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, sub in node.get("properties", {}).items():
            value = self.value(sub, (*path, name))
            if value is not OMIT:
                out[name] = value
        return out


MAP_TYPES = ("current-state", "future-state", "day-in-the-life", "empathy")
SECTIONS = {
    "current-state": "stages",
    "future-state": "stages",
    "day-in-the-life": "slots",
    "empathy": "empathy",
}


def map_document(
    map_type: str,
    placement: Placement | None = None,
    *,
    persona: str | None,
    improves: str | None = None,
    columns: int = 3,
    explicit: bool = False,
    filled: set[str] | None = None,
) -> dict[str, Any]:
    """A valid map of ``map_type`` with a hostile payload in every text field and URL.

    ``explicit`` sets every optional id (and the language) explicitly, so that each can be
    replaced by a hostile value.
    """
    ids = iter(range(1, 10_000))

    def override(path: tuple[str | int, ...], info: Kind) -> Any:
        name = path[-1] if path else ""
        if path == ("type",):
            return map_type
        if path in (("stages",), ("slots",), ("empathy",)):
            if SECTIONS[map_type] != name:
                return OMIT
            if name != "empathy":
                return [filler.value(info.node["items"], (name, i)) for i in range(columns)]
            return None
        if len(path) == 3 and path[0] in ("stages", "slots") and name == "id":
            return f"s{path[1] + 1}" if path[1] == 0 or explicit else OMIT
        if name == "id":
            return f"id-{next(ids)}" if explicit else OMIT
        if name == "language":
            return "en" if explicit else OMIT
        if name == "persona":
            return persona if persona else OMIT
        if name == "improves":
            return improves if improves and map_type == "future-state" else OMIT
        if name == "stage" or (len(path) == 4 and path[2] == "loops_back_to" and path[3] % 2):
            # a reference to the first stage (a loop's bare form is its stage id)
            return "s1" if map_type != "empathy" else OMIT
        return None

    filler = Filler("map", placement or Placement(), override)
    document = filler.document()
    if filled is not None:
        filled |= filler.filled
    return document


def persona_document(
    placement: Placement | None = None, *, explicit: bool = False, filled: set[str] | None = None
) -> dict[str, Any]:
    ids = iter(range(1, 10_000))

    def override(path: tuple[str | int, ...], info: Kind) -> Any:
        name = path[-1] if path else ""
        if name == "id":
            return f"id-{next(ids)}" if explicit else OMIT
        if name == "language":
            return "en" if explicit else OMIT
        return None

    filler = Filler("persona", placement or Placement(), override)
    document = filler.document()
    if filled is not None:
        filled |= filler.filled
    return document


_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def dump(data: Any) -> str:
    """YAML text for ``data``; it must read back unchanged."""
    text = yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=1_000_000,
        default_flow_style=False,
    )
    assert yaml.load(text, Loader=_Loader) == data, "the corpus did not survive a YAML round trip"
    return text


# --- the safe gallery ---------------------------------------------------------------------------


@dataclass
class Gallery:
    """Files of a gallery as ``{path relative to maps/: text}`` plus what they are."""

    files: dict[str, str | bytes] = field(default_factory=dict)
    map_ids: dict[str, str] = field(default_factory=dict)  # map id -> title
    persona_ids: dict[str, str] = field(default_factory=dict)  # persona id -> name
    #: generic paths of the text and URL fields filled, by "map" / "persona"
    filled: dict[str, set[str]] = field(default_factory=lambda: {"map": set(), "persona": set()})
    #: payload indexes each generic path received, by "map" / "persona"
    placed: dict[str, dict[str, set[int]]] = field(default_factory=dict)

    def write(self, maps_dir: Path) -> None:
        for name, content in self.files.items():
            path = maps_dir / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")


NORWAY_MAP = """\
type: current-state
title: no
summary: yes
focus: off
scenario: on
tags: [NO, y, n, Yes, 08:00, 1_000, 0x1F, 0o17, 1e3, .inf, ~x, null-ish]
stages:
  - name: NO
    goal: 08:00
    actions: [y, n, on, off, 012, 1:30:00, 2001-12-14]
  - name: 0730
    emotion: {score: 1, label: yes}
"""

#: Texts of the Norway map as they must appear on its page, not as YAML 1.1 booleans/numbers.
NORWAY_TEXTS = (
    "no",
    "yes",
    "off",
    "on",
    "NO",
    "08:00",
    "0x1F",
    "0o17",
    "1e3",
    "012",
    "0730",
    "1_000",
    ".inf",
    "1:30:00",
    "2001-12-14",
)
#: What YAML 1.1 (or a careless number conversion) would have made of them.
NORWAY_WRONG = ("False", "True", "None", "480", "5400", "1000.0", "730", "1000")


@functools.cache
def safe_gallery() -> Gallery:
    """Valid maps and personas whose every text is hostile, plus a few special files.

    Documents of each kind are added until every text field and URL of the schema has held
    every payload (:class:`Placement`), about 30 maps and 17 personas.
    """
    gallery = Gallery()
    personas = Placement()
    persona_ids: list[str] = []
    while len(persona_ids) < 2 or not personas.complete(gallery.filled["persona"]):
        persona_id = f"persona-{len(persona_ids):02d}"
        persona = persona_document(personas, filled=gallery.filled["persona"])
        gallery.files[f"personas/{persona_id}.yaml"] = dump(persona)
        gallery.persona_ids[persona_id] = persona["name"]
        persona_ids.append(persona_id)
    gallery.placed["persona"] = personas.placed
    maps = Placement()
    own: dict[str, set[str]] = {map_type: set() for map_type in MAP_TYPES}
    made = dict.fromkeys(MAP_TYPES, 0)
    count = 0
    while count < 8 or not all(maps.complete(fields) for fields in own.values()):
        for map_type in MAP_TYPES:  # round robin: fields they share fill up together
            n = made[map_type]
            if n >= 2 and maps.complete(own[map_type]):
                continue
            document = map_document(
                map_type,
                maps,
                persona=persona_ids[count % len(persona_ids)],
                improves=f"current-state-{n % 2:02d}",
                filled=own[map_type],
            )
            gallery.files[f"{map_type}-{n:02d}.yaml"] = dump(document)
            gallery.map_ids[f"{map_type}-{n:02d}"] = document["title"]
            made[map_type] += 1
            count += 1
    for fields in own.values():
        gallery.filled["map"] |= fields
    gallery.placed["map"] = maps.placed
    # 1 and 30 stages (the most allowed), and 30 time slots, hostile text in every one.
    for name, map_type, columns in (
        ("stages-1", "current-state", 1),
        ("stages-30", "current-state", 30),
        ("slots-30", "day-in-the-life", 30),
    ):
        document = map_document(map_type, persona=None, columns=columns)
        gallery.files[f"{name}.yaml"] = dump(document)
        gallery.map_ids[name] = document["title"]
    # The Norway problem: YAML 1.1 would read these as booleans and numbers.
    gallery.files["norway.yaml"] = NORWAY_MAP
    gallery.map_ids["norway"] = "no"
    # File names that are reserved on Windows or carry bidi/zero-width characters: the id
    # is derived safely ("con-x", ...).
    simple = "type: empathy\ntitle: {title}\nempathy:\n  says: [hello]\n"
    for name, map_id in (
        ("CON", "con-x"),
        ("aux", "aux-x"),
        ("Com1", "com1-x"),
        ("\u202eevil\u202c.exe", "evil-exe"),
        ("zero\u200bwidth", "zerowidth"),
        ("Ünïcödé ПРОБА", "unicode-proba"),
    ):
        gallery.files[f"{name}.yaml"] = simple.format(title=f"file {map_id}")
        gallery.map_ids[map_id] = f"file {map_id}"
    # Stage and item texts that are different strings but slugify to the same id.
    twins = {
        "type": "current-state",
        "title": "Twins",
        "stages": [
            {"name": "Café", "actions": ["Café", unicodedata.normalize("NFD", "Café"), "CAFE"]},
            {"name": unicodedata.normalize("NFD", "Café")},
            {"name": "cafe"},
            {"name": "CAFÉ!", "loops_back_to": ["cafe"]},
        ],
    }
    gallery.files["twins.yaml"] = dump(twins)
    gallery.map_ids["twins"] = "Twins"
    return gallery


def translation_files(maps_dir: Path, language: str) -> dict[str, str]:
    """A translation of every map and persona into ``language``, every text hostile.

    Keys and source hashes come from the loaded gallery, as ``journey-maps i18n init``
    would write them.
    """
    from journey_maps.i18n.keys import source_hash, text_entries
    from journey_maps.load.folder import load_gallery

    gallery, problems = load_gallery(maps_dir)
    assert not problems, [p.format() for p in problems.sorted()]
    files: dict[str, str] = {}
    n = 1
    for kind, objects in (("map", gallery.maps), ("persona", gallery.personas)):
        for item_id, obj in objects.items():
            texts = {}
            for key, text in text_entries(obj).items():
                texts[key] = {
                    "text": fit(PAYLOADS[n % len(PAYLOADS)], 200),
                    "source": source_hash(text),
                }
                n += 1
            folder = f"translations/{language}/" + ("personas/" if kind == "persona" else "")
            files[f"{folder}{item_id}.yaml"] = dump(
                {"language": language, kind: item_id, "texts": texts}
            )
    return files


# --- the invalid gallery ---------------------------------------------------------------------


def _paths_of_kind(document: Any, wanted: str, kinds: dict[str, str]) -> list[tuple[Any, ...]]:
    """Concrete paths in ``document`` whose generic path is a string field of ``wanted``."""
    found: list[tuple[Any, ...]] = []

    def walk(value: Any, path: tuple[str | int, ...]) -> None:
        if kinds.get(generic(path)) == wanted and not isinstance(value, dict | list):
            found.append(path)
        if isinstance(value, dict):
            for key, sub in value.items():
                walk(sub, (*path, key))
        elif isinstance(value, list):
            for i, sub in enumerate(value):
                walk(sub, (*path, i))

    walk(document, ())
    return found


def _set(document: Any, path: tuple[str | int, ...], value: Any) -> None:
    for part in path[:-1]:
        document = document[part]
    document[path[-1]] = value


def positions(text: str, paths: list[tuple[Any, ...]]) -> dict[tuple[Any, ...], tuple[int, int]]:
    """1-based line and column of the value at each path, from PyYAML's own node marks."""
    root = yaml.compose(text, Loader=_Loader)
    found: dict[tuple[Any, ...], tuple[int, int]] = {}
    for path in paths:
        node = root
        for part in path:
            if isinstance(part, int):
                node = node.value[part]
            else:
                node = next(v for k, v in node.value if k.value == part)
        found[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    return found


@dataclass
class InvalidCase:
    """A file that must be rejected: at least one problem, and one at each of ``at``."""

    name: str
    content: str | bytes
    at: tuple[tuple[int, int], ...] = ()
    fields: frozenset[str] = frozenset()  # generic paths of the fields attacked
    twin: str = ""  # a file whose id collides with this one: one of the two is reported
    kind: str = ""  # the kind of field attacked (id, url, language, enum)


ATTACKS: dict[str, tuple[str, ...]] = {
    "url": BAD_URLS,
    "id": BAD_IDS,
    "language": BAD_LANGUAGES,
    "enum": ("<script>", "javascript:alert(1)", "CURRENT-STATE", "current state"),
}


def _attacked(
    cases: list[InvalidCase],
    name: str,
    document: dict[str, Any],
    kinds: dict[str, str],
    kind: str,
    bad: str,
) -> None:
    """Add the case of ``document`` with ``bad`` in every field of ``kind`` (if it has one)."""
    paths = _paths_of_kind(document, kind, kinds)
    if not paths:
        return
    for path in paths:
        _set(document, path, bad)
    text = dump(document)
    cases.append(
        InvalidCase(
            name,
            text,
            at=tuple(sorted(set(positions(text, paths).values()))),
            fields=frozenset(generic(p) for p in paths),
            kind=kind,
        )
    )


def invalid_gallery() -> list[InvalidCase]:
    """Files (relative to maps/) that are each invalid in a hostile way."""
    cases: list[InvalidCase] = []
    map_kinds = schema_fields("map")
    persona_kinds = schema_fields("persona")
    # A hostile value in every id, url, language and enum field of every map type and of a
    # persona: each field must get a problem at its own position.
    for kind, bad_values in ATTACKS.items():
        for n, bad in enumerate(bad_values):
            for map_type in MAP_TYPES:
                document = map_document(map_type, persona="p", improves="base", explicit=True)
                if kind == "enum":  # `type` decides the sections; attacked on its own below
                    document["type"] = map_type
                    kinds = {k: v for k, v in map_kinds.items() if k != "type"}
                else:
                    kinds = map_kinds
                _attacked(cases, f"bad-{kind}-{n:02d}-{map_type}.yaml", document, kinds, kind, bad)
            persona = persona_document(explicit=True)
            _attacked(cases, f"personas/bad-{kind}-{n:02d}.yaml", persona, persona_kinds, kind, bad)
            document = map_document("current-state", persona=None)
            _attacked(
                cases, f"bad-type-{kind}-{n:02d}.yaml", document, {"type": "enum"}, "enum", bad
            )
    # 0 and 31 stages / slots.
    for count, section, map_type in (
        (0, "stages", "current-state"),
        (31, "stages", "future-state"),
        (31, "slots", "day-in-the-life"),
    ):
        document = map_document(map_type, persona=None, columns=max(count, 1))
        document.pop("improves", None)
        document[section] = document[section][:count]
        cases.append(InvalidCase(f"{section}-{count}-{map_type}.yaml", dump(document)))
    # Words longer than the field allows.
    document = map_document("current-state", persona=None)
    document["title"] = "W" * 5000
    document["summary"] = "W" * 5000
    text = dump(document)
    at = positions(text, [("title",), ("summary",)])
    cases.append(InvalidCase("long-words.yaml", text, at=tuple(sorted(at.values()))))
    # Control characters written as YAML escapes: no page may contain them.
    for n, escape in enumerate(CONTROL_ESCAPES):
        text = f'type: current-state\ntitle: "bad {escape} title"\nstages:\n  - name: ok\n'
        cases.append(InvalidCase(f"control-{n}.yaml", text, at=((2, 8),)))
        key = f'type: empathy\ntitle: ok\nempathy: {{"key{escape}": [x]}}\n'
        cases.append(InvalidCase(f"control-key-{n}.yaml", key, at=((3, 11),)))
    # File names that give the same id: case-only, NFC/NFD, and punctuation twins.
    simple = "type: empathy\ntitle: {title}\nempathy:\n  says: [hello]\n"
    for first, second in (
        ("Trip", "trip"),
        ("Caf\u00e9-nfc", unicodedata.normalize("NFD", "Caf\u00e9-nfc")),
        ("same--name", "same_name"),
    ):
        cases.append(InvalidCase(f"{first}.yaml", simple.format(title="1"), twin=f"{second}.yaml"))
        cases.append(InvalidCase(f"{second}.yaml", simple.format(title="2"), twin=f"{first}.yaml"))
    # File names that give no id at all.
    for name in ("\U0001f642", "\u200b", "---", "\u05e2\u05d1\u05e8\u05d9\u05ea"):
        cases.append(InvalidCase(f"{name}.yaml", simple.format(title="x")))
    return cases


def invalid_translations() -> list[InvalidCase]:
    """Hostile translation files (for the valid map ``base``)."""
    cases = [
        InvalidCase("translations/de/bad-target.yaml", "map: ../../etc/passwd\ntexts: {}\n"),
        InvalidCase("translations/de/bad-language.yaml", "language: ../x\nmap: base\n"),
        InvalidCase(
            "translations/de/base.yaml",
            'texts:\n  title: {text: "<script>alert(1)</script>", source: "<script>"}\n'
            '  "<script>": {text: x, source: abcdef12}\n',
        ),
        InvalidCase("translations/de/personas/p.yaml", "persona: CON\n"),
        InvalidCase("translations/x<script>/base.yaml", "texts: {}\n"),
        InvalidCase(
            "translations/et/base.yaml", 'texts:\n  title: {text: "bad \\x1b[2J", source: 1}\n'
        ),
    ]
    return cases


BASE_MAP = "type: current-state\ntitle: Base\nstages:\n  - name: Start\n"


# --- YAML-level attacks ------------------------------------------------------------------------


@dataclass
class YamlCase:
    """One file for ``journey-maps validate FILE``: ``valid`` or the problem it must name."""

    name: str
    content: str | bytes
    valid: bool = False
    message: str = ""  # a regex the problem message must match
    line: int | None = None


def _alias_bomb(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels + 1):
        previous = ",".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{previous}]")
    return "type: current-state\ntitle: bomb\nstages: [{name: x}]\n" + "\n".join(lines) + "\n"


def yaml_cases() -> list[YamlCase]:
    minimal = "type: current-state\ntitle: {title}\nstages:\n  - name: Search\n"
    ten_mb = "x" * (10 * 1024 * 1024)
    return [
        YamlCase("alias-bomb.yaml", _alias_bomb(), message=r"expands to more than"),
        YamlCase(
            "alias-bomb-in-field.yaml",
            "type: current-state\ntitle: t\nstages:\n"
            + "".join(f"  - &s{i} {{name: n{i}}}\n" for i in range(3))
            + "tags: &t ["
            + ",".join(["*s0"] * 50)
            + "]\n"
            + "sources: ["
            + ",".join(["*t"] * 2000)
            + "]\n",
            message=r"expands to more than|must|not|expected",
        ),
        YamlCase(
            "deep-nesting-flow.yaml",
            "type: current-state\ntitle: t\nstages: " + "[" * 5000 + "]" * 5000 + "\n",
            message=r"nesting is deeper|more than",
        ),
        YamlCase(
            "deep-nesting-block.yaml",
            "type: current-state\ntitle: t\nstages:\n"
            + "".join("  " * (i + 1) + "- \n" for i in range(300)),
            message=r"nesting is deeper|must",
        ),
        YamlCase(
            "python-object-apply.yaml",
            "type: current-state\ntitle: !!python/object/apply:os.system ['touch pwned']\n"
            "stages:\n  - name: x\n",
            message=r"YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed",
            line=2,
        ),
        YamlCase(
            "python-object-new.yaml",
            "!!python/object/new:subprocess.Popen [['touch', 'pwned']]\n",
            message=r"is not allowed",
        ),
        YamlCase(
            "python-name.yaml",
            "type: current-state\ntitle: !!python/name:os.system\nstages: [{name: x}]\n",
            message=r"is not allowed",
        ),
        YamlCase(
            "local-tag.yaml",
            "type: current-state\ntitle: !include /etc/passwd\nstages: [{name: x}]\n",
            message=r"is not allowed",
        ),
        YamlCase(
            "duplicate-keys.yaml",
            "type: current-state\ntitle: first\ntitle: second\nstages:\n  - name: x\n",
            message=r"duplicate key 'title'",
            line=3,
        ),
        YamlCase("norway.yaml", NORWAY_MAP, valid=True),
        YamlCase(
            "ten-mb-scalar.yaml",
            minimal.format(title=ten_mb),
            message=r"the file is 10\.0 MB; map files are limited to 2 MB",
        ),
        YamlCase(
            "almost-two-mb-scalar.yaml",
            minimal.format(title="x" * (2 * 1024 * 1024 - 200)),
            message=r"this text is 2,09\d,\d+ characters long; 'title' holds at most 200",
        ),
        YamlCase(
            "almost-two-mb-key.yaml",
            "type: current-state\ntitle: t\n" + "k" * (2 * 1024 * 1024 - 200) + ": 1\n",
            message=r"unknown key|YAML syntax error",
        ),
        YamlCase(
            "million-items.yaml",
            "type: current-state\ntitle: t\nstages: [" + "1," * 900_000 + "1]\n",
            message=r"more than 50,000 values",
        ),
        YamlCase("bom.yaml", b"\xef\xbb\xbf" + minimal.format(title="BOM").encode(), valid=True),
        YamlCase(
            "double-bom.yaml",
            b"\xef\xbb\xbf\xef\xbb\xbf" + minimal.format(title="BOM").encode(),
            valid=True,
        ),
        YamlCase(
            "invalid-utf8.yaml",
            minimal.format(title="bad").encode() + b"# \xff\xfe\n",
            message=r"not valid UTF-8",
            line=5,
        ),
        YamlCase(
            "overlong-utf8.yaml",
            b"type: current-state\ntitle: \xc0\xbcscript\xc0\xbe\nstages: [{name: x}]\n",
            message=r"not valid UTF-8",
            line=2,
        ),
        YamlCase(
            "utf16.yaml", "\ufeff" + minimal.format(title="utf16"), message=r"."
        ),  # written as UTF-16 below
        YamlCase("empty.yaml", "", message=r"the file is empty"),
        YamlCase("only-whitespace.yaml", " \n\n\t\n", message=r"empty|YAML"),
        YamlCase("only-document-marker.yaml", "---\n...\n", message=r"the file is empty"),
        YamlCase(
            "multi-document.yaml",
            minimal.format(title="one") + "---\n" + minimal.format(title="two"),
            message=r"holds 2 YAML documents",
            line=6,
        ),
        YamlCase("many-documents.yaml", "---\na: 1\n" * 5000, message=r"YAML documents|more than"),
        YamlCase("scalar-document.yaml", "<script>alert(1)</script>\n", message=r"mapping"),
        YamlCase(
            "complex-key.yaml",
            "? [a, b]\n: 1\ntype: current-state\ntitle: t\nstages: [{name: x}]\n",
            message=r"keys must be plain words",
        ),
        YamlCase(
            "merge-key.yaml",
            "base: &b {name: x}\ntype: current-state\ntitle: t\nstages: [{<<: *b}]\n",
            message=r"merge keys|unknown key",
        ),
        YamlCase(
            "recursive-alias.yaml",
            "type: current-state\ntitle: t\nstages: &s [*s]\n",
            message=r".",
        ),
        YamlCase(
            "nul-escape.yaml",
            'type: current-state\ntitle: "a\\0b"\nstages: [{name: x}]\n',
            message=r"control character|not allowed",
            line=2,
        ),
        YamlCase(
            "surrogate-escape.yaml",
            'type: current-state\ntitle: "a\\uD800b"\nstages: [{name: x}]\n',
            message=r"surrogate|not allowed",
            line=2,
        ),
        YamlCase(
            "rlo-file-content.yaml",
            minimal.format(
                title="\u202e\u2066 RTL \u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627"
            ),
            valid=True,
        ),
        YamlCase(
            "emoji-keys.yaml",
            "type: current-state\ntitle: t\n👩‍👩‍👧: 1\nstages: [{name: x}]\n",
            message=r"unknown key '👩\\u200d👩\\u200d👧'",  # ZWJ shown escaped
            line=3,
        ),
        YamlCase(
            "ansi-in-key.yaml",
            'type: current-state\ntitle: t\n"\\e[2J\\e[31mred": 1\nstages: [{name: x}]\n',
            message=r"control character|not allowed|unknown key",
            line=3,
        ),
        YamlCase(
            "huge-int.yaml",
            "type: current-state\ntitle: t\nstages: [{name: x, emotion: " + "9" * 5000 + "}]\n",
            message=r"this number has 5,000 digits, too many to read",
        ),
        YamlCase(
            "huge-hex-int.yaml",
            "type: current-state\ntitle: t\nstages: [{name: x, emotion: 0x" + "F" * 4000 + "}]\n",
            message=r"emotion score 0xF{38}\.\.\. is outside the scale",
            line=3,
        ),
        YamlCase(
            "long-text-as-score.yaml",
            "type: current-state\ntitle: t\nstages: [{name: x, emotion: " + "y" * 3000 + "}]\n",
            message=r"an emotion score is a whole number .*, not 'y{39}\.\.\.$",
            line=3,
        ),
        YamlCase(
            "long-unknown-key.yaml",
            "type: current-state\ntitle: t\n" + "k" * 1000 + ": 1\nstages: [{name: x}]\n",
            message=r"unknown key 'k{1000}'",
            line=3,
        ),
        YamlCase(
            "binary-tag.yaml",
            "type: current-state\ntitle: !!binary aGVsbG8=\nstages: [{name: x}]\n",
            message=r"is not allowed",
        ),
        YamlCase(
            "set-tag.yaml",
            "type: current-state\ntitle: t\ntags: !!set {a, b}\nstages: [{name: x}]\n",
            message=r"is not allowed",
        ),
        YamlCase(
            "timestamp-title.yaml",
            "type: current-state\ntitle: 2001-12-14t21:59:43.10-05:00\nstages: [{name: x}]\n",
            valid=True,
        ),
        YamlCase(
            "tab-indentation.yaml",
            "type: current-state\ntitle: t\nstages:\n\t- name: x\n",
            message=r"YAML indents with spaces, not tabs",
        ),
        YamlCase(
            "unterminated.yaml",
            'type: current-state\ntitle: "never closed\nstages: [{name: x}]\n',
            message=r"YAML syntax error",
        ),
    ]


CASE_BYTES: dict[str, Callable[[str], bytes]] = {
    "utf16.yaml": lambda text: text.encode("utf-16-le"),
}


def case_bytes(case: YamlCase) -> bytes:
    if isinstance(case.content, bytes):
        return case.content
    encode = CASE_BYTES.get(case.name, lambda text: text.encode("utf-8"))
    return encode(case.content)


#: One problem per line, ``path:line:col: severity: message`` (the path may hold spaces).
PROBLEM = re.compile(
    r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): (?P<msg>.+)$"
)
