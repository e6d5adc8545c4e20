"""What builds keep between runs: the store, parsed documents, and drawings."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from conftest import ROOT
from journey_maps.core.errors import Problems
from journey_maps.core.store import Store, code_version, digest
from journey_maps.load import kept
from journey_maps.load import yaml as loader
from journey_maps.load.folder import load_gallery

FIXTURES = ROOT / "tests" / "fixtures"


def test_digest_separates_its_parts() -> None:
    assert digest("ab", "c") != digest("a", "bc")
    assert digest("x") == digest("x") and len(digest("x")) == 64
    assert len(code_version()) == 64


def test_store_makes_once_then_serves_from_memory_and_disk(tmp_path: Path) -> None:
    made: list[str] = []

    def make() -> str:
        made.append("x")
        return "<svg>ünïcode</svg>"

    store = Store(tmp_path)
    assert store.text("svg", "a" * 64, make) == "<svg>ünïcode</svg>"
    assert store.text("svg", "a" * 64, make) == "<svg>ünïcode</svg>"
    assert made == ["x"]
    # a new process (a new store on the same folder) finds it on disk
    assert Store(tmp_path).text("svg", "a" * 64, make) == "<svg>ünïcode</svg>"
    assert made == ["x"]
    assert (tmp_path / "svg" / "aa" / ("a" * 64)).is_file()


def test_a_damaged_entry_is_made_again_and_counted(tmp_path: Path) -> None:
    Store(tmp_path).put("svg", "b" * 64, "<svg>whole</svg>")
    path = tmp_path / "svg" / "bb" / ("b" * 64)
    path.write_bytes(path.read_bytes()[:-5])  # truncated, as by a full disk
    store = Store(tmp_path)
    assert store.text("svg", "b" * 64, lambda: "<svg>again</svg>") == "<svg>again</svg>"
    assert store.damaged == 1
    assert Store(tmp_path).peek("svg", "b" * 64) == "<svg>again</svg>"


def test_memory_is_bounded(tmp_path: Path) -> None:
    store = Store(None, limit=10)
    store.put("svg", "1", "12345")
    store.put("svg", "2", "12345")
    store.put("svg", "3", "12345")
    assert store.size <= 10 and store.peek("svg", "1") is None
    assert store.peek("svg", "3") == "12345"


def test_prune_deletes_what_no_build_used(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.put("svg", "c" * 64, "old")
    store.put("svg", "d" * 64, "new")
    old = tmp_path / "svg" / "cc" / ("c" * 64)
    a_month_ago = time.time() - 40 * 86_400
    os.utime(old, (a_month_ago, a_month_ago))
    assert store.prune(["svg"], older_than_days=30) == 1
    assert not old.exists() and (tmp_path / "svg" / "dd" / ("d" * 64)).exists()


def test_a_daily_prune_walks_the_store_once_a_day(tmp_path: Path) -> None:
    store = Store(tmp_path)
    a_month_ago = time.time() - 40 * 86_400
    for key in ("e", "f"):
        store.put("svg", key * 64, "old")
    entries = [tmp_path / "svg" / (k * 2) / (k * 64) for k in ("e", "f")]
    os.utime(entries[0], (a_month_ago, a_month_ago))
    assert store.prune(["svg"], older_than_days=30, at_most_daily=True) == 1
    os.utime(entries[1], (a_month_ago, a_month_ago))
    assert store.prune(["svg"], older_than_days=30, at_most_daily=True) == 0  # pruned today
    stamp = tmp_path / ".pruned"
    os.utime(stamp, (time.time() - 2 * 86_400,) * 2)
    assert store.prune(["svg"], older_than_days=30, at_most_daily=True) == 1
    assert not entries[1].exists() and stamp.is_file()


def _yaml_files() -> list[Path]:
    found = sorted((ROOT / "maps").rglob("*.yaml")) + sorted(FIXTURES.rglob("*.yaml"))
    assert len(found) > 100
    return found


def test_kept_documents_are_the_parsed_documents(tmp_path: Path) -> None:
    """Every value keeps its type and spelling, every position its place."""
    checked = 0
    for path in _yaml_files():
        problems = Problems()
        doc = loader.load_file(path, path.name, problems)
        if doc is None or problems:
            continue
        again = kept.load(kept.dump(doc), doc.path, doc.digest)
        assert again.data == doc.data, path
        assert _spellings(again.data) == _spellings(doc.data), path
        assert (again.values, again.keys) == (doc.values, doc.keys), path
        checked += 1
    assert checked > 50


def _spellings(value: object) -> object:
    """The data with every number as (type, spelling), so 0730 and 730 differ."""
    if isinstance(value, dict):
        return {key: _spellings(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_spellings(item) for item in value]
    if isinstance(value, int | float) and not isinstance(value, bool):
        return (type(value).__name__, getattr(value, "source", None))
    return value


def test_a_file_is_parsed_once_while_it_does_not_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "map.yaml"
    path.write_text("type: current-state\ntitle: T\nstages: [{name: A, time: 0730}]\n")
    store = Store(tmp_path / "store")
    first = loader.load_file(path, "map.yaml", Problems(), store=store)
    assert first is not None

    def no_parsing(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr(loader, "load_text", no_parsing)
    again = loader.load_file(path, "map.yaml", Problems(), store=Store(tmp_path / "store"))
    assert again is not None and again.data == first.data and again.digest == first.digest
    monkeypatch.undo()
    path.write_text("type: current-state\ntitle: Changed\nstages: [{name: A}]\n")
    changed = loader.load_file(path, "map.yaml", Problems(), store=store)
    assert changed is not None and changed.data["title"] == "Changed"


def test_a_file_with_problems_is_parsed_every_time(tmp_path: Path) -> None:
    """Its problems must be reported by every build, not only the first."""
    path = tmp_path / "map.yaml"
    path.write_text("type: current-state\ntitle: T\ntitle: Twice\nstages: [{name: A}]\n")
    store = Store(tmp_path / "store")
    for _ in range(2):
        problems = Problems()
        assert loader.load_file(path, "map.yaml", problems, store=store) is not None
        assert [p.message.split(" (")[0] for p in problems.items] == ["duplicate key 'title'"]


def test_a_kept_gallery_loads_the_same(tmp_path: Path) -> None:
    store = Store(tmp_path)
    fresh, problems = load_gallery(ROOT / "maps")
    first, _ = load_gallery(ROOT / "maps", store=store)
    kept_gallery, kept_problems = load_gallery(ROOT / "maps", store=Store(tmp_path))
    assert kept_gallery.maps == fresh.maps == first.maps
    assert kept_gallery.personas == fresh.personas
    assert kept_problems.sorted() == problems.sorted()


def test_problems_of_kept_files_are_where_they_were(tmp_path: Path) -> None:
    """A kept file's positions are read only when a problem needs one, and then they are
    the parsed file's: a reference that breaks later is reported at the same place."""
    maps = tmp_path / "maps"
    (maps / "personas").mkdir(parents=True)
    (maps / "personas" / "p.yaml").write_text("name: P\n")
    (maps / "now.yaml").write_text(
        "type: current-state\ntitle: Now\npersona: p\nstages:\n  - {name: A}\n"
    )
    (maps / "next.yaml").write_text(
        "type: future-state\ntitle: Next\n\nimproves: now\npersona:   p\nstages: [{name: B}]\n"
    )
    store = tmp_path / "store"
    assert not load_gallery(maps, store=Store(store))[1].items  # keeps every file
    (maps / "personas" / "p.yaml").unlink()
    (maps / "now.yaml").write_text("type: empathy\ntitle: Now\nempathy: {says: [x]}\n")
    cold = load_gallery(maps, display_base=maps)[1].sorted()
    warm = load_gallery(maps, display_base=maps, store=Store(store))[1].sorted()
    assert warm == cold
    places = {(p.path, p.line, p.column) for p in warm}
    assert {("next.yaml", 4, 11), ("next.yaml", 5, 12)} <= places
