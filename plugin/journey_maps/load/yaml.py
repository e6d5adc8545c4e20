"""Safe YAML loading that remembers where every value came from.

PyYAML's composer gives us a node graph with marks; we turn it into plain Python data
ourselves instead of using a constructor, which lets us:

* build nothing but dicts, lists, strings, ints, floats, bools and None (no object tags);
* resolve plain scalars with YAML 1.2 core rules, so ``no``, ``on`` and ``08:00`` stay text
  (the "Norway problem" and sexagesimal numbers of YAML 1.1 never surprise a map author);
* report duplicate keys, which PyYAML silently overwrites;
* bound alias expansion ("billion laughs"), nesting depth and file size;
* keep a ``path -> (line, column)`` table so later validation can point at the exact spot.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from journey_maps.core.document import Document, Loc, Mark, YamlFloat, YamlInt
from journey_maps.core.errors import Problems
from journey_maps.core.store import Store
from journey_maps.load import kept
from journey_maps.load.syntax import syntax_problem

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_NODES = 50_000
MAX_DEPTH = 40

_STD_TAG = "tag:yaml.org,2002:"
# The tags a file may write (docs/reference/yaml.md lists them). Untagged scalars get whatever
# PyYAML's YAML 1.1 resolver guesses (timestamp, merge, value...) and are then resolved by our
# own rules below; an explicit tag must be one of these. Anything else (!!timestamp,
# !!python/object, !!binary, !custom, ...) is rejected rather than constructed.
_EXPLICIT_SCALAR_TAGS = frozenset(_STD_TAG + t for t in ("str", "int", "float", "bool", "null"))
_COLLECTION_TAGS: dict[type[Node], str] = {
    SequenceNode: _STD_TAG + "seq",
    MappingNode: _STD_TAG + "map",
}

# YAML 1.2 core schema, https://yaml.org/spec/1.2.2/#1023-core-schema
_NULL = re.compile(r"^(?:~|null|Null|NULL)?$")
_BOOL_TRUE = re.compile(r"^(?:true|True|TRUE)$")
_BOOL_FALSE = re.compile(r"^(?:false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_INT_OCT = re.compile(r"^0o[0-7]+$")
_INT_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")
# Characters that YAML does not allow in a file but its escapes ("\0", "\x1b", "\uD800")
# can still produce: no HTML page, SVG or UTF-8 file can hold them (a lone surrogate cannot
# even be encoded), so a value containing one is rejected where it is written.
_FORBIDDEN_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
#: NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR: line breaks to YAML 1.1 (PyYAML, libyaml),
#: characters inside a line to YAML 1.2 and to editors.
_UNICODE_BREAKS = "\x85\u2028\u2029"
#: Noncharacters that stand in for them while PyYAML parses: nobody types them.
_STAND_INS = tuple(chr(code) for code in range(0xFDD0, 0xFDF0))


def _hide_unicode_breaks(text: str) -> tuple[str, dict[int, str]]:
    """``text`` with NEL, LS and PS swapped for stand-ins, and the table that swaps them back.

    PyYAML counts these characters as line breaks, so one raw U+2028 in a title would move
    every later problem a line below where the editor shows it (and inside plain text it
    breaks the parse). Swapped for single characters that PyYAML reads as ordinary text,
    lines and columns are the editor's, and values get the original characters back.
    """
    present = [c for c in _UNICODE_BREAKS if c in text]
    if not present:
        return text, {}
    free = [c for c in _STAND_INS if c not in text][: len(present)]
    if len(free) < len(present):  # pragma: no cover - a file written to defeat this
        return text, {}
    pairs = list(zip(present, free, strict=True))
    hide = {ord(original): stand_in for original, stand_in in pairs}
    return text.translate(hide), {ord(stand_in): original for original, stand_in in pairs}


def _forbidden_char(text: str) -> str | None:
    """Why ``text`` cannot be published, naming its first forbidden character; or None."""
    found = _FORBIDDEN_CHAR.search(text)
    if found is None:
        return None
    code = ord(found.group())
    what = "a lone UTF-16 surrogate" if 0xD800 <= code <= 0xDFFF else "a control character"
    if code in (0xFFFE, 0xFFFF):
        what = "a noncharacter"
    return (
        f"this text contains U+{code:04X}, {what} that web pages and SVG cannot hold; "
        "remove the escape that writes it"
    )


class _Counting:
    """Composer mixin: stop after MAX_NODES nodes, and remember explicit tags.

    Without the count a 2 MB file of a million one-character list items would be composed
    in full (tens of seconds, hundreds of MB) before any limit applied.
    """

    node_count = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        self.node_count += 1
        if self.node_count > MAX_NODES:
            event: Any = self.peek_event()  # type: ignore[attr-defined]
            raise _TooManyNodesError(event.start_mark)
        return super().compose_node(parent, index)  # type: ignore[misc]

    def compose_scalar_node(self, anchor: Any) -> Any:
        event: Any = self.peek_event()  # type: ignore[attr-defined]
        node: Any = super().compose_scalar_node(anchor)  # type: ignore[misc]
        node.explicit_tag = event.tag not in (None, "!")
        node.style = node.style or None  # libyaml says "" where PyYAML says None (plain)
        return node


class _CountingLoader(_Counting, yaml.SafeLoader):
    """The pure-Python parser: slower, but its error messages are the ones we document."""


if yaml.__with_libyaml__:
    from yaml._yaml import CParser

    class _FastCountingLoader(
        _Counting,
        yaml.composer.Composer,
        CParser,
        yaml.constructor.SafeConstructor,
        yaml.resolver.Resolver,
    ):
        """libyaml's scanner and parser (about 4x faster) under our own Python composer.

        Both parsers give the same nodes and marks for every valid file (checked on the
        sample and the hostile corpus by tests/test_loader.py); a file libyaml rejects is
        parsed again by :class:`_CountingLoader` so that problems read the same either way.
        """

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)

    _LOADERS: tuple[type[Any], ...] = (_FastCountingLoader, _CountingLoader)
else:  # pragma: no cover - PyYAML wheels for our platforms include libyaml
    _LOADERS = (_CountingLoader,)


def _compose(text: str) -> list[Any]:
    """Every document's node graph, from the fastest parser that accepts ``text``."""
    for loader in _LOADERS[:-1]:
        try:
            return list(yaml.compose_all(text, Loader=loader))
        except _TooManyNodesError:
            raise
        except Exception:  # noqa: S112 - the reference parser below says what is wrong
            continue
    return list(yaml.compose_all(text, Loader=_LOADERS[-1]))


class _TooManyNodesError(Exception):
    def __init__(self, mark: Any) -> None:
        super().__init__("too many nodes")
        self.mark = mark


_UNREADABLE = object()


class _AbortError(Exception):
    """Internal: stop walking a document after a fatal problem was recorded."""


def _mark_of(node: Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


def _resolve_plain(text: str) -> Any:
    if _NULL.match(text):
        return None
    if _BOOL_TRUE.match(text):
        return True
    if _BOOL_FALSE.match(text):
        return False
    if _INT.match(text):
        return YamlInt(text)
    if _INT_OCT.match(text) or _INT_HEX.match(text):
        return YamlInt(text, base=8 if text[1] == "o" else 16)
    if (_FLOAT.match(text) and any(c.isdigit() for c in text)) or _INF.match(text):
        return YamlFloat(text)
    if _NAN.match(text):
        return YamlFloat(text)
    return text


# Plain scalars that YAML 1.1 readers (PyYAML's own resolver, many other tools) take for
# something else than text, beyond what the 1.2 core rules above already resolve.
_YAML11_NOT_TEXT = re.compile(
    r"""^(?:~|null|true|false|yes|no|on|off|y|n
        |[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?
        |[-+]?\.(?:inf|nan)|\.nan|0x[0-9a-f]+|0o[0-7]+
        |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?
        |[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}.*
        )$""",
    re.IGNORECASE | re.VERBOSE,
)


def is_plain_text(text: str) -> bool:
    """Whether ``text``, written without quotes, reads back as this very text.

    The one quoting rule for every YAML file the project writes (imported maps, scaffolds,
    translation files): this loader's YAML 1.2 core rules and YAML 1.1 readers (other
    tools that open the same file) must both see text, so ``no``, ``1e3``, ``08:00`` and
    ``2026-01-31`` are quoted. Whether plain style is possible at all (``a: b``, a leading
    ``*``) is the emitter's question, not this one.
    """
    try:
        resolved = _resolve_plain(text)
    except ValueError:  # a number too long for Python to read is still not text
        return False
    return resolved == text and type(resolved) is str and not _YAML11_NOT_TEXT.match(text)


def scalar(text: str) -> str:
    """``text`` as one YAML scalar that reads back exactly: plain where that is safe, else a
    double-quoted string with JSON's escapes (valid YAML, and easier to read than YAML's
    single quotes for texts that start with one, like Afrikaans "'n")."""
    if "\n" not in text and is_plain_text(text):
        dumped = yaml.safe_dump({"x": text}, allow_unicode=True, width=1_000_000)
        candidate = dumped.removeprefix("x: ").rstrip("\n")
        if candidate == text:
            return candidate
    return json.dumps(text, ensure_ascii=False)


def _tag_problem(node: Node) -> str | None:
    """Why ``node``'s tag is refused, or None for an untagged node or an allowed tag."""
    if isinstance(node, ScalarNode):
        allowed = not getattr(node, "explicit_tag", False) or node.tag in _EXPLICIT_SCALAR_TAGS
    else:
        allowed = node.tag == _COLLECTION_TAGS[type(node)]
    if allowed:
        return None
    return (
        f"YAML tag '{node.tag}' is not allowed: map files hold plain text, numbers, lists and "
        "mappings; remove the tag"
    )


class _Walker:
    """Turns a composed node tree into plain data, recording positions and problems."""

    def __init__(self, doc: Document, problems: Problems, restore: dict[int, str]) -> None:
        self.doc = doc
        self.problems = problems
        #: Stand-ins back to the NEL, LS and PS characters they replaced while parsing.
        self.restore = restore
        self.count = 0
        self.fatal = False

    def error(self, node: Node, message: str) -> None:
        mark = _mark_of(node)
        self.problems.add(self.doc.path, mark.line, mark.column, message)

    def walk(self, node: Node, loc: Loc, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            self.error(
                node,
                f"this file expands to more than {MAX_NODES:,} values (are aliases "
                "(*name) repeating a large anchor?); write the content out or split the file",
            )
            raise _AbortError
        if depth > MAX_DEPTH:
            self.error(node, f"nesting is deeper than {MAX_DEPTH} levels; flatten the structure")
            raise _AbortError
        self.doc.values.setdefault(loc, _mark_of(node))
        tag_problem = _tag_problem(node)
        if tag_problem:
            self.fatal = True
            self.error(node, tag_problem)
            return None
        if isinstance(node, ScalarNode):
            return self.scalar(node)
        if isinstance(node, SequenceNode):
            return [self.walk(item, (*loc, i), depth + 1) for i, item in enumerate(node.value)]
        assert isinstance(node, MappingNode)
        return self.mapping(node, loc, depth)

    def scalar(self, node: ScalarNode) -> Any:
        # Untagged plain scalars get YAML 1.2 core resolution whatever PyYAML's 1.1 resolver
        # guessed; quoted and block scalars are text; an explicit standard tag is obeyed.
        text: str = node.value.translate(self.restore)
        problem = _forbidden_char(text)
        if problem:
            self.fatal = True
            self.error(node, problem)
            return None
        if getattr(node, "explicit_tag", False):
            kind = node.tag.removeprefix(_STD_TAG)
            if kind == "str":
                return text
            value = self.resolve(node, text)
            if value is _UNREADABLE:
                return None
            expected = {"int": int, "float": float, "bool": bool, "null": type(None)}.get(kind)
            if expected is not None and not (
                isinstance(value, expected) and not (expected is int and isinstance(value, bool))
            ):
                if expected is float and isinstance(value, int) and not isinstance(value, bool):
                    return YamlFloat(text)
                self.fatal = True
                self.error(
                    node, f"'{text}' is not a valid !!{kind}; remove the tag or fix the value"
                )
                return None
            return value
        if node.style is not None:
            return text
        value = self.resolve(node, text)
        return None if value is _UNREADABLE else value

    def resolve(self, node: ScalarNode, text: str) -> Any:
        """A plain scalar's value; :data:`_UNREADABLE` (reported) if Python cannot read it."""
        try:
            return _resolve_plain(text)
        except ValueError:  # an integer longer than sys.get_int_max_str_digits() allows
            self.fatal = True
            self.error(
                node,
                f"this number has {len(text):,} digits, too many to read; put it in quotes if "
                "it is meant as text",
            )
            return _UNREADABLE

    def mapping(self, node: MappingNode, loc: Loc, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, Mark] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                # Not fatal: the rest of the file is still checked, so every problem shows.
                self.error(key_node, "keys must be plain words, not lists or mappings")
                continue
            tag_problem = _tag_problem(key_node)
            if tag_problem:
                self.fatal = True
                self.error(key_node, tag_problem)
                continue
            if key_node.tag == f"{_STD_TAG}merge" and key_node.value == "<<":
                self.fatal = True
                self.error(
                    key_node,
                    "merge keys (<<: *anchor) are not supported; write the fields out",
                )
                continue
            key = str(key_node.value).translate(self.restore)
            problem = _forbidden_char(key)
            if problem:
                self.fatal = True
                self.error(key_node, problem.replace("this text", "this key"))
                continue
            key_mark = _mark_of(key_node)
            if key in first_seen:
                seen = first_seen[key]
                self.error(
                    key_node,
                    f"duplicate key '{key}' (first defined at line {seen.line}, column "
                    f"{seen.column}); keep one of them",
                )
                continue
            first_seen[key] = key_mark
            self.doc.keys[(*loc, key)] = key_mark
            result[key] = self.walk(value_node, (*loc, key), depth + 1)
        return result


def _decode(path: str, raw: bytes, problems: Problems) -> str | None:
    raw = raw.removeprefix(b"\xef\xbb\xbf")  # a BOM is harmless; offsets below exclude it
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        line_start = before[before.rfind(b"\n") + 1 :]
        column = len(line_start.decode("utf-8", errors="replace")) + 1
        problems.add(
            path,
            line,
            column,
            f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8",
        )
        return None
    if "\x00" in text:
        problems.add(path, 1, 1, "the file contains NUL bytes; is it a binary file?")
        return None
    return text


def load_text(
    path: str, text: str, problems: Problems, *, example: str = "title"
) -> Document | None:
    """Parse YAML text into a :class:`Document`, or record why it cannot be read."""
    text, restore = _hide_unicode_breaks(text)
    try:
        nodes = _compose(text)
    except _TooManyNodesError as exc:
        problems.add(
            path,
            exc.mark.line + 1,
            exc.mark.column + 1,
            f"this file holds more than {MAX_NODES:,} values; split it into several maps",
        )
        return None
    except yaml.MarkedYAMLError as exc:
        mark, message = syntax_problem(exc, text)
        problems.add(path, mark.line, mark.column, message)
        return None
    except yaml.YAMLError as exc:
        problems.add(path, 1, 1, f"YAML error: {exc}")
        return None
    except RecursionError:
        problems.add(path, 1, 1, f"nesting is deeper than {MAX_DEPTH} levels; flatten it")
        return None
    nodes = [
        n
        for n in nodes
        if n is not None
        and not (isinstance(n, ScalarNode) and n.style is None and _NULL.match(n.value))
    ]
    if not nodes:
        needs = (
            "a map needs at least 'type' and 'title'"
            if example == "title"
            else (f"a persona needs at least '{example}'")
        )
        problems.add(path, 1, 1, f"the file is empty; {needs}")
        return None
    if len(nodes) > 1:
        second = _mark_of(nodes[1])
        problems.add(
            path,
            second.line,
            second.column,
            f"the file holds {len(nodes)} YAML documents (separated by '---'); "
            "put each map in a file of its own",
        )
        return None
    doc = Document(path=path, data=None)
    walker = _Walker(doc, problems, restore)
    try:
        doc.data = walker.walk(nodes[0], (), 0)
    except _AbortError:
        return None
    except RecursionError:
        problems.add(path, 1, 1, f"nesting is deeper than {MAX_DEPTH} levels; flatten it")
        return None
    if walker.fatal:
        return None
    # Duplicate keys are reported but not fatal: the first value is kept so that the rest
    # of the file is still checked and every problem shows up in one run.
    if not isinstance(doc.data, dict):
        kind = "a list" if isinstance(doc.data, list) else "text"
        problems.add(
            path,
            1,
            1,
            f"the file must be a mapping of fields (for example '{example}: ...'), not {kind}",
        )
        return None
    return doc


def load_file(
    path: Path,
    display: str,
    problems: Problems,
    *,
    example: str = "title",
    store: Store | None = None,
) -> Document | None:
    """Read and parse one YAML file; ``display`` is the path shown in messages.

    With a ``store``, a file parsed before without problems is not parsed again
    (:mod:`journey_maps.load.kept`).
    """
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.add(
                display,
                1,
                1,
                f"the file is {size / 1_048_576:.1f} MB; map files are limited to "
                f"{MAX_FILE_BYTES // 1_048_576} MB, split it into several maps",
            )
            return None
        raw = path.read_bytes()
    except OSError as exc:
        problems.add(display, 1, 1, f"cannot read the file: {exc.strerror or exc}")
        return None
    file_digest = hashlib.sha256(raw).hexdigest()
    if store is not None:
        found = kept.kept(store, file_digest, example, display)
        if found is not None:
            return found
    text = _decode(display, raw, problems)
    if text is None:
        return None
    before = len(problems)
    doc = load_text(display, text, problems, example=example)
    if doc is not None:
        doc.digest = file_digest
        if store is not None and len(problems) == before:
            kept.keep(store, doc, example)
    return doc
