"""Writing map YAML that reads back exactly, looks like a hand-written map, and has comments.

PyYAML's dumper quotes by YAML 1.1 rules, but maps are read with YAML 1.2 core rules
(:mod:`journey_maps.load.yaml`); a text such as ``1e3`` would be written plain and read back
as a number. The dumper here quotes (in single quotes, as hand-written maps do) every text
that the loader's one quoting rule, :func:`~journey_maps.load.yaml.is_plain_text`, says
must be, writes multi-line texts as literal blocks, indents lists like the sample maps do,
and can put comment lines above the stages of a map.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import yaml

from journey_maps.load.yaml import is_plain_text

#: The editor hint the sample maps start with; relative to a gallery's map files.
SCHEMA_COMMENT = "# yaml-language-server: $schema=schema/map.schema.json"

_FOLD_AT = 80


class Flow(dict[str, Any]):
    """A mapping written on one line (``{name: ..., channel: online}``), as maps do."""


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # Indent lists under their key ("stages:\n  - name: ..."), like the sample maps.
        super().increase_indent(flow, False)


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    plain_spacing = value == value.strip() and not any(c in value for c in "\r\t")
    if "\n" in value and plain_spacing:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    if len(value) > _FOLD_AT and plain_spacing and "  " not in value:
        # Long texts as folded blocks (">-"), as hand-written maps have them.
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=">")
    if not is_plain_text(value):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="'")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


def _represent_flow(dumper: yaml.SafeDumper, value: Flow) -> yaml.MappingNode:
    return dumper.represent_mapping("tag:yaml.org,2002:map", dict(value), flow_style=True)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(Flow, _represent_flow)


def dump(data: Any) -> str:
    """YAML text for plain data (dicts keep their order)."""
    text: str = yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=100,
    )
    return text


def one_line(value: str) -> str:
    """``value`` as a one-line YAML scalar (line breaks become spaces), quoted if needed."""
    text: str = yaml.dump(
        {"k": " ".join(value.split())}, Dumper=_Dumper, allow_unicode=True, width=1_000_000
    )
    return text.removeprefix("k: ").rstrip("\n")


def comment(text: str, indent: int = 0) -> str:
    """``text`` as YAML comment lines, one per line of text."""
    pad = " " * indent
    return "".join(f"{pad}# {line}".rstrip() + "\n" for line in text.splitlines() or [""])


def map_document(
    fields: Mapping[str, Any],
    *,
    header: Sequence[str] = (),
    column_comments: Mapping[int, str] | None = None,
    schema_comment: str = SCHEMA_COMMENT,
) -> str:
    """A whole map file: schema hint, header comments, then ``fields`` in their order.

    Stages (or slots) are separated by a blank line, as in hand-written maps;
    ``column_comments`` puts comment lines above some of them, by index.
    """
    out = [schema_comment + "\n"] if schema_comment else []
    out.extend(comment(line) for line in header)
    lines = dump(dict(fields)).splitlines(keepends=True)
    index = -1
    in_columns = False
    for number, line in enumerate(lines):
        if not line.startswith(" "):
            in_columns = line.startswith(("stages:", "slots:"))
            continue
        # Deeper lines, including block texts, are indented further than "  - ".
        if in_columns and line.startswith("  - "):
            index += 1
            note = (column_comments or {}).get(index)
            lines[number] = ("\n" if index else "") + (comment(note, 2) if note else "") + line
    out.append("".join(lines))
    return "".join(out)
