"""The code's layout keeps its promise: one-way imports, and MkDocs only in the adapter.

`make lint` checks the layer contracts of pyproject.toml ([tool.importlinter]); these tests
hold the two rules everything else relies on, on the real import graph of the package.
"""

from __future__ import annotations

import grimp
import pytest

PACKAGE = "journey_maps"
ADAPTER = "journey_maps.mkdocs"


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph(PACKAGE, include_external_packages=True, cache_dir=None)


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), i.e. import cycles."""
    modules = sorted(m for m in graph.modules if m.startswith(PACKAGE))
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            if not imported.startswith(PACKAGE):
                continue
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for module in modules:
        if module not in index:
            visit(module)
    return groups


def test_no_import_cycles(graph: grimp.ImportGraph) -> None:
    assert _cycles(graph) == []


def test_cycle_detection_finds_a_cycle() -> None:
    """The check above can fail: a graph with a back-arrow is reported."""
    graph = grimp.ImportGraph()
    for name in ("journey_maps.a", "journey_maps.b", "journey_maps.c"):
        graph.add_module(name)
    graph.add_import(importer="journey_maps.a", imported="journey_maps.b")
    graph.add_import(importer="journey_maps.b", imported="journey_maps.c")
    graph.add_import(importer="journey_maps.c", imported="journey_maps.a")
    assert _cycles(graph) == [["journey_maps.a", "journey_maps.b", "journey_maps.c"]]


def test_only_the_adapter_imports_mkdocs(graph: grimp.ImportGraph) -> None:
    core = sorted(m for m in graph.modules if m.startswith(PACKAGE) and not m.startswith(ADAPTER))
    assert len(core) > 50  # the whole core, not a sample
    offenders = {
        module: sorted(
            imported
            for imported in graph.find_modules_directly_imported_by(module)
            if imported.split(".")[0] in ("mkdocs", "material")
        )
        for module in core
    }
    assert {m: found for m, found in offenders.items() if found} == {}
