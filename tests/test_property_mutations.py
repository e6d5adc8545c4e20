"""Property tests: any mutation of a valid gallery file gives problems, never an exception.

Hypothesis takes a file of the sample gallery (a map, a persona or a translation) and breaks
it the ways people and tools do: deletes, duplicates or swaps lines, changes indentation,
replaces a scalar with a value of another type, inserts random Unicode (lone surrogates and
control characters included, so the bytes may not even be UTF-8) or truncates it, possibly
in the middle of a multi-byte character. Loading the gallery must then either succeed or
report problems with a file, a line and a column; a file that still validates must render.
"""

from __future__ import annotations

import functools
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journey_maps.core.errors import Problem, Problems
from journey_maps.core.gallery import Gallery
from journey_maps.i18n import load_translations
from journey_maps.load.folder import load_gallery
from journey_maps.render.svg import render_map_svg
from journey_maps.site.html import map_page
from journey_maps.site.html.labels import Labels

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "maps"
FILES = sorted(
    p.relative_to(SAMPLE).as_posix() for p in SAMPLE.rglob("*.yaml") if "schema" not in p.parts
)
ONE_LINE = re.compile(r"^[^\n]+:\d+:\d+: (error|warning): [^\n]+$")

#: Values a scalar may be replaced with: other types, YAML syntax, hostile text.
REPLACEMENTS = (
    "true",
    "no",
    "42",
    "-1.5",
    "0x1F",
    "1e400",
    "9" * 5000,
    "~",
    "[]",
    "{}",
    "[a, [b, {c: d}]]",
    "{a: 1, a: 2}",
    "|\n  block text",
    ">-",
    "&anchor x",
    "*missing",
    "!!python/object/apply:os.system ['true']",
    "!!binary aGk=",
    "!custom x",
    "'unterminated",
    '"\\uD800"',
    '"\\0\\x1b[31m"',
    "a: b: c",
    "- item",
    "<<: {x: 1}",
    "2026-01-31",
    "07:30",
    '"<script>alert(1)</script>"',
    "javascript:alert(1)",
    "../../etc/passwd",
    "CON",
    "'{{ config }}'",
)

_SCALAR_LINE = re.compile(r"^(?P<head>\s*(?:- )?[^:#\n]+:[ ]+)(?P<value>\S.*)$")


# --- mutations on the bytes of a file ------------------------------------------------------------

Mutation = Callable[[bytes], bytes]


@st.composite
def mutations(draw: st.DrawFn) -> Mutation:
    kind = draw(
        st.sampled_from(
            ["delete", "duplicate", "swap", "indent", "retype", "insert", "truncate", "bytes"]
        )
    )
    line_pick = draw(st.integers(0, 10_000))
    position = draw(st.floats(0, 1))
    if kind == "indent":
        change = draw(st.sampled_from(["  ", " ", "\t", "    ", "-1", "-2", "- "]))
    elif kind == "retype":
        change = draw(st.sampled_from(REPLACEMENTS))
    elif kind == "insert":
        change = draw(st.text(min_size=1, max_size=6))  # any code point, surrogates too
    elif kind == "bytes":
        change = draw(st.binary(min_size=1, max_size=4)).decode("latin-1")
    else:
        change = ""

    def apply(data: bytes) -> bytes:
        lines = data.split(b"\n")
        index = line_pick % len(lines)
        if kind == "delete":
            del lines[index]
        elif kind == "duplicate":
            lines.insert(index, lines[index])
        elif kind == "swap":
            other = (index + 1) % len(lines)
            lines[index], lines[other] = lines[other], lines[index]
        elif kind == "indent":
            if change.startswith("-") and change[1:].isdigit():
                lines[index] = lines[index][int(change[1:]) :]
            else:
                lines[index] = change.encode() + lines[index]
        elif kind == "retype":
            candidates = [
                i
                for i, line in enumerate(lines)
                if _SCALAR_LINE.match(line.decode("utf-8", "replace"))
            ]
            if candidates:
                index = candidates[line_pick % len(candidates)]
                match = _SCALAR_LINE.match(lines[index].decode("utf-8", "replace"))
                assert match is not None
                lines[index] = (match["head"] + change).encode()
        elif kind in ("insert", "bytes"):
            joined = b"\n".join(lines)
            cut = int(position * len(joined))
            encoded = (
                change.encode("utf-8", "surrogatepass")
                if kind == "insert"
                else change.encode("latin-1")
            )
            return joined[:cut] + encoded + joined[cut:]
        elif kind == "truncate":
            joined = b"\n".join(lines)
            return joined[: int(position * len(joined))]
        return b"\n".join(lines)

    apply.__name__ = f"{kind}({change!r} at line {line_pick}, {position:.2f})"
    return apply


# --- a small gallery per example: the mutated file and what it refers to ---------------------


@functools.cache
def _needed(name: str) -> tuple[str, ...]:
    """Files the gallery needs besides ``name`` for it to validate as it does in the sample."""
    personas = tuple(f for f in FILES if f.startswith("personas/"))
    parts = name.split("/")
    if parts[0] == "personas":
        return ()
    if parts[0] == "translations":
        target = "/".join(parts[2:])  # personas/<id>.yaml or <map id>.yaml
        return (target, *_needed(target))
    improves = re.search(r"(?m)^improves:\s*(\S+)", (SAMPLE / name).read_text("utf-8"))
    extra = (f"{improves[1]}.yaml",) if improves else ()
    return personas + extra


def _gallery(base: Path, name: str, data: bytes) -> Path:
    folder = Path(tempfile.mkdtemp(dir=base)) / "maps"
    for other in (*_needed(name), name):
        path = folder / other
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if other == name else (SAMPLE / other).read_bytes())
    return folder


def _load(folder: Path) -> tuple[Gallery, Problems]:
    gallery, problems = load_gallery(folder, display_base=folder)
    if (folder / "translations").is_dir():
        _, found = load_translations(folder, gallery, display_base=folder)
        problems.extend(found)
    return gallery, problems


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    name=st.sampled_from(FILES),
    changes=st.lists(mutations(), min_size=1, max_size=3),
)
def test_any_mutation_gives_problems_or_a_valid_gallery(
    tmp_path_factory: pytest.TempPathFactory, name: str, changes: list[Mutation]
) -> None:
    data = (SAMPLE / name).read_bytes()
    for change in changes:
        data = change(data)
    folder = _gallery(tmp_path_factory.getbasetemp(), name, data)
    try:
        known = {p.relative_to(folder).as_posix() for p in folder.rglob("*.yaml")}
        gallery, problems = _load(folder)  # must not raise
        assert isinstance(problems, Problems)
        for problem in problems.items:
            assert isinstance(problem, Problem)
            assert problem.path in known, problem.path
            assert problem.line >= 1 and problem.column >= 1
            assert ONE_LINE.match(problem.format()), problem.format()
        # What still validates is published: it must render too.
        for map_id, journey in gallery.maps.items():
            if gallery.source_path("map", map_id) == name:
                persona = gallery.personas.get(journey.persona or "")
                svg = render_map_svg(journey, persona, standalone=False)
                map_page(journey, gallery, lambda kind, item: "#", Labels(), diagram=svg)
    finally:
        shutil.rmtree(folder.parent)


def test_every_sample_file_validates_in_its_small_gallery(tmp_path: Path) -> None:
    """The baseline: unmutated, each file and what it needs load without a problem."""
    for name in FILES:
        folder = _gallery(tmp_path, name, (SAMPLE / name).read_bytes())
        _, problems = _load(folder)
        assert [p.format() for p in problems.items] == [], name


def test_the_mutations_do_break_files(tmp_path: Path) -> None:
    """The check is not vacuous: deleting a map's `type:` line is reported."""
    name = next(f for f in FILES if not f.startswith(("personas/", "translations/")))
    text = (SAMPLE / name).read_text("utf-8")
    folder = _gallery(tmp_path, name, re.sub(r"(?m)^type:.*\n", "", text).encode())
    _, problems = _load(folder)
    assert any(p.path == name and "'type'" in p.message for p in problems.errors)
