"""libyaml and PyYAML's Python parser must agree, so speed never changes what a file means.

``loader._compose`` parses with libyaml first (about 4x faster) and falls back to the Python
parser for files libyaml rejects; every valid file must give the same nodes, values, marks and
styles either way: the sample gallery, the test fixtures and the hostile corpus.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import hostile_corpus
import pytest
import yaml

from journey_maps.load import yaml as loader


def _node_shape(node: Any, seen: dict[int, int] | None = None) -> list[tuple[Any, ...]]:
    """Every node of a graph with what the loader reads from it: tag, value, marks, style.

    A node met again (an alias) is named by its first position only: alias bombs must not
    be expanded here either.
    """
    seen = {} if seen is None else seen
    if id(node) in seen:
        return [("alias", seen[id(node)])]
    seen[id(node)] = len(seen)
    head = (type(node).__name__, node.tag, node.start_mark.line, node.start_mark.column)
    if isinstance(node, yaml.ScalarNode):
        return [(*head, node.value, node.style, node.explicit_tag)]
    if isinstance(node, yaml.SequenceNode):
        return [head] + [shape for item in node.value for shape in _node_shape(item, seen)]
    pairs = [(key, value) for key, value in node.value]
    return [head] + [shape for pair in pairs for item in pair for shape in _node_shape(item, seen)]


def _yaml_texts() -> list[tuple[str, str]]:
    root = Path(__file__).parent.parent.parent
    files = sorted((root / "maps").rglob("*.yaml")) + sorted(
        (root / "tests/fixtures").rglob("*.yaml")
    )
    texts = [
        (str(path.relative_to(root)), path.read_bytes().decode("utf-8", "replace"))
        for path in files
    ]
    for case in hostile_corpus.yaml_cases():
        raw = hostile_corpus.case_bytes(case)
        if len(raw) < 100_000:
            texts.append((case.name, raw.decode("utf-8", "replace")))
    return texts


def _shapes(text: str, parser: type[Any]) -> list[list[tuple[Any, ...]]] | None:
    """The node shapes of every document, or None if ``parser`` rejects the text."""
    try:
        return [_node_shape(node) for node in yaml.compose_all(text, Loader=parser)]
    except (yaml.YAMLError, RecursionError, UnicodeEncodeError, loader._TooManyNodesError):
        return None  # the loader reports each of these the same way, whichever parser hit it


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML was built without libyaml")
def test_libyaml_and_the_python_parser_give_the_same_nodes() -> None:
    fast, reference = loader._LOADERS
    compared = 0
    for name, text in _yaml_texts():
        expected = _shapes(text, reference)
        got = _shapes(text, fast)
        if got is None:
            continue  # libyaml refuses: the loader asks the reference parser, as for `expected`
        assert expected is not None, f"{name}: libyaml accepts what PyYAML rejects"
        assert got == expected, name
        compared += 1
    assert compared > 100
