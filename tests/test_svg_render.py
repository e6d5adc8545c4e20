"""SVG output: valid, accessible, safe, deterministic, and drawable by cairosvg and rsvg."""

from __future__ import annotations

import functools
import io
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import cairosvg
import pytest
from PIL import Image

from helpers_tools import needs
from journey_maps.cli import main
from journey_maps.core.model import JourneyMap, Persona
from journey_maps.layout import layout_map
from journey_maps.render.svg import render_map_svg, render_thumbnail_svg
from journey_maps.render.themes import DARK, LIGHT

NS = {"s": "http://www.w3.org/2000/svg"}
SVG = "{http://www.w3.org/2000/svg}"
ROOT = Path(__file__).resolve().parent.parent

HOSTILE = [
    "<script>alert(1)</script>",
    '" onmouseover="alert(1)',
    "]]> <![CDATA[ x",
    "</title><script>alert(2)</script>",
    "Tom & Jerry's 'quotes' \u0007bell",
]


def build(stages: list[dict[str, Any]] | None = None, **extra: Any) -> JourneyMap:
    data: dict[str, Any] = {
        "id": "colleen-vacuum",
        "type": "current-state",
        "title": "Colleen buys a vacuum",
        "language": "en",
        "stages": stages
        or [
            {
                "name": "Awareness",
                "id": "awareness",
                "actions": ["Searches the web"],
                "touchpoints": [
                    {"name": "Search engine", "channel": "online", "url": "https://example.com/x"},
                    {"name": "Friends", "channel": "person"},
                ],
                "emotion": {"score": -1, "label": "Frustrated", "quote": "No time for this"},
            },
            {"name": "Comparison", "emotion": -2, "loops_back_to": ["awareness"]},
            {
                "name": "Purchase",
                "emotion": {"score": 2, "label": "Relieved"},
                "opportunities": ["Comparison chart"],
            },
        ],
    }
    data.update(extra)
    return JourneyMap.model_validate(data)


PERSONA = Persona.model_validate({"id": "colleen", "name": "Curious Colleen"})


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg.encode("utf-8"))


def by_class(root: ET.Element, cls: str) -> list[ET.Element]:
    return [e for e in root.iter() if cls in (e.get("class") or "").split()]


# --- structure and accessibility -------------------------------------------------------------


def test_root_is_an_accessible_image_with_title_and_description() -> None:
    svg = render_map_svg(build(), PERSONA)
    root = parse(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    prefix = root.get("id")
    assert prefix == "jm-colleen-vacuum-en"
    assert root.get("aria-labelledby") == f"{prefix}-title {prefix}-desc"
    title = root.find(f"s:title[@id='{prefix}-title']", NS)
    desc = root.find(f"s:desc[@id='{prefix}-desc']", NS)
    assert title is not None and title.text == "Colleen buys a vacuum"
    assert desc is not None and desc.text is not None
    for part in (
        "Current-state journey map",
        "Curious Colleen",
        "Stages: 3",
        "from −2 at Comparison to +2 at Purchase",
        "Comparison loops back to Awareness",
    ):
        assert part in desc.text
    assert root.get("font-family", "").startswith("'DejaVu Sans'")


def test_one_column_group_per_stage_and_lanes_in_order() -> None:
    root = parse(render_map_svg(build(), PERSONA))
    assert [g.get("data-stage") for g in by_class(root, "jm-stage")] == [
        "awareness",
        "comparison",
        "purchase",
    ]
    assert [g.get("data-lane") for g in by_class(root, "jm-lane")] == [
        "actions",
        "touchpoints",
        "emotion",
        "opportunities",
    ]


def test_marker_positions_and_shapes_follow_the_scores() -> None:
    model = build()
    scale = layout_map(model, PERSONA).emotion_scale
    assert scale is not None
    root = parse(render_map_svg(model, PERSONA))
    found = [e for e in by_class(root, "jm-marker") if e.get("data-score") is not None]
    assert [int(e.get("data-score", "")) for e in found] == [-1, -2, 2]
    for element in found:
        score = int(element.get("data-score", ""))
        if element.tag == f"{SVG}circle":
            assert score == 0
            y = float(element.get("cy", ""))
        else:
            assert element.tag == f"{SVG}polygon"
            points = [tuple(map(float, p.split(","))) for p in element.get("points", "").split()]
            apex, base = points[0][1], points[1][1]
            assert (apex < base) == (score > 0)  # triangle up for positive, down for negative
            y = sum(p[1] for p in points) / 3
        assert y == pytest.approx(scale.y(score), abs=0.02)
    (curve,) = by_class(root, "jm-curve")
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", curve.get("d", ""))]
    ys = [numbers[1], numbers[7], numbers[13]]
    assert ys == pytest.approx([scale.y(-1), scale.y(-2), scale.y(2)], abs=0.01)


def test_legend_shows_marker_shapes_and_channels() -> None:
    root = parse(render_map_svg(build(), PERSONA))
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    for word in ("Positive", "Neutral", "Negative", "Online", "In person"):
        assert word in texts
    assert "Offline" not in texts  # only channels the map uses
    assert len(by_class(root, "jm-legend-marker")) == 3


def test_ids_are_prefixed_unique_and_configurable() -> None:
    root = parse(render_map_svg(build(), PERSONA, id_prefix="page-1"))
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids))
    assert all(i == "page-1" or (i or "").startswith("page-1-") for i in ids)
    other = parse(render_map_svg(build(language="et"), PERSONA))
    assert other.get("id") == "jm-colleen-vacuum-et"
    with pytest.raises(ValueError, match="id_prefix"):
        render_map_svg(build(), PERSONA, id_prefix='x" onload="y')


# --- safety -------------------------------------------------------------------------------------


def hostile_map() -> tuple[JourneyMap, Persona]:
    text = " | ".join(HOSTILE)
    stages = [
        {
            "name": f"A {text}",
            "id": "a",
            "description": text,
            "goal": text,
            "actions": HOSTILE,
            "touchpoints": [
                {"name": h[:60], "channel": "online", "url": "https://evil.example/?q=<x>"}
                for h in HOSTILE
            ],
            "thoughts": HOSTILE,
            "emotion": {"score": 1, "label": HOSTILE[1], "quote": text},
            "pain_points": HOSTILE,
            "opportunities": HOSTILE,
        },
        {"name": "B", "loops_back_to": [{"stage": "a", "label": HOSTILE[3]}]},
    ]
    persona = Persona.model_validate({"name": HOSTILE[0]})
    return build(stages, title=text), persona


@pytest.mark.parametrize("standalone", [True, False])
def test_text_from_yaml_is_escaped_everywhere(standalone: bool) -> None:
    model, persona = hostile_map()
    svg = render_map_svg(model, persona, standalone=standalone)
    root = parse(svg)  # valid XML despite everything
    assert not [e for e in root.iter() if e.tag.endswith("script")]
    assert all(not name.lower().startswith("on") for e in root.iter() for name in e.attrib)
    assert "<script" not in svg and 'onmouseover="' not in svg
    assert "\u0007" not in svg
    # Lines wrap at spaces (or inside long words): compare without any whitespace.
    shown = "".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))
    shown = re.sub(r"\s+", "", shown)
    for hostile in HOSTILE:
        clean = re.sub(r"\s+", "", hostile.replace("\u0007", ""))
        assert shown.count(clean) >= 5, hostile  # actions, thoughts, pains, opportunities...
    title = root.find("s:title", NS)
    assert title is not None and title.text == " | ".join(HOSTILE).replace("\u0007", "")


def test_no_links_or_external_references() -> None:
    model, persona = hostile_map()
    svg = render_map_svg(model, persona)
    root = parse(svg)
    assert "evil.example" not in svg and "example.com" not in render_map_svg(build(), PERSONA)
    for element in root.iter():
        assert element.tag not in (f"{SVG}a", f"{SVG}image", f"{SVG}use", f"{SVG}foreignObject")
        for name, value in element.attrib.items():
            assert "href" not in name
            assert "url(" not in value and "http" not in value.replace(
                "http://www.w3.org/2000/svg", ""
            )


# --- determinism and number format --------------------------------------------------------------


def test_output_is_byte_identical_for_identical_input() -> None:
    assert render_map_svg(build(), PERSONA) == render_map_svg(build(), PERSONA)
    assert render_thumbnail_svg(build()) == render_thumbnail_svg(build())


def test_output_does_not_depend_on_hash_seed() -> None:
    script = (
        "import sys; sys.path.insert(0, 'tests'); from test_svg_render import build, PERSONA;"
        "from journey_maps.render.svg import render_map_svg;"
        "sys.stdout.write(render_map_svg(build(), PERSONA, standalone=False))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1
    assert outputs.pop() == render_map_svg(build(), PERSONA, standalone=False)


def test_coordinates_have_at_most_two_decimals() -> None:
    svg = render_map_svg(build(), PERSONA)
    for name in ("x", "y", "width", "height", "cx", "cy", "r", "rx"):
        for value in re.findall(rf' {name}="([^"]*)"', svg):
            assert re.fullmatch(r"-?\d+(\.\d{1,2})?", value), (name, value)
    for d in re.findall(r' d="([^"]*)"', svg):
        for value in re.findall(r"-?\d+\.\d+", d):
            assert len(value.split(".")[1]) <= 2


# --- standalone and inline flavours ---------------------------------------------------------------


def test_standalone_uses_concrete_colours() -> None:
    svg = render_map_svg(build(), PERSONA, theme="dark")
    assert svg.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    root = parse(svg)
    assert root.get("width") and root.get("height") and root.get("viewBox")
    assert "var(" not in svg and "<style" not in svg
    background = next(root.iter(f"{SVG}rect"))
    assert background.get("fill") == DARK["bg"]
    fills = {e.get("fill") for e in root.iter() if e.get("fill") not in (None, "none")}
    assert fills <= set(DARK.values())


def test_inline_uses_custom_properties_with_fallbacks() -> None:
    svg = render_map_svg(build(), PERSONA, standalone=False)
    assert not svg.startswith("<?xml")
    root = parse(svg)
    assert not [e for e in root.iter() if (e.get("fill") or "none") != "none"]
    (style,) = root.iter(f"{SVG}style")
    rules = dict(
        re.findall(r"#jm-colleen-vacuum-en \.(jm-[fs]-[a-z-]+)\{([^}]*)\}", style.text or "")
    )
    used = {
        c
        for e in root.iter()
        for c in (e.get("class") or "").split()
        if re.fullmatch(r"jm-[fs]-[a-z-]+", c)
    }
    assert used and used == set(rules)
    assert rules["jm-f-bg"] == f"fill:var(--jm-bg, {LIGHT['bg']})"
    assert rules["jm-s-curve"] == f"stroke:var(--jm-curve, {LIGHT['curve']})"


def test_blank_svg_has_headings_but_no_content() -> None:
    svg = render_map_svg(build(), PERSONA, blank=True)
    root = parse(svg)
    shown = " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))
    assert "Awareness" in shown and "Pain points" in shown
    assert "Searches the web" not in shown and "Frustrated" not in shown
    assert len(by_class(root, "jm-lane")) == 6


def test_thumbnail_is_a_small_picture_without_text() -> None:
    svg = render_thumbnail_svg(build())
    root = parse(svg)
    assert root.get("viewBox") == "0 0 320 180"
    assert root.get("id") == "jm-colleen-vacuum-en-thumb"
    assert not list(root.iter(f"{SVG}text"))
    assert root.find("s:title", NS) is not None
    assert len([e for e in root.iter() if e.get("data-score")]) == 3
    empathy = JourneyMap.model_validate(
        {"id": "e", "type": "empathy", "title": "E", "empathy": {"says": ["a", "b"]}}
    )
    assert list(parse(render_thumbnail_svg(empathy)).iter(f"{SVG}circle"))


# --- rasterizers ----------------------------------------------------------------------------------


@functools.cache
def _all_samples() -> list[str]:
    cyrillic = build(
        [
            {"name": "Изследване", "actions": ["Търси прахосмукачка"], "emotion": -1},
            {
                "name": "Предложение",
                "actions": ["Pārdošana: čeks, ņemt, õun, üle, šokolaad"],
                "emotion": 1,
            },
        ],
        language="bg",
    )
    empathy = JourneyMap.model_validate(
        {
            "id": "e",
            "type": "empathy",
            "title": "Емпатия",
            "empathy": {"says": ["Казва"], "thinks": ["Мисли"], "goal": "Цел", "pains": ["Болка"]},
        }
    )
    day = JourneyMap.model_validate(
        {
            "id": "d",
            "type": "day-in-the-life",
            "title": "Päev",
            "slots": [{"time": "07:30", "actions": ["Ärkab"], "emotion": 0}],
        }
    )
    return [
        render_map_svg(build(), PERSONA),
        render_map_svg(cyrillic, PERSONA, theme="dark"),
        render_map_svg(empathy, PERSONA),
        render_map_svg(day, None, blank=True),
        render_thumbnail_svg(build()),
    ]


def _not_blank(png: bytes) -> None:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 20  # text, shapes and antialiasing


@pytest.mark.parametrize("index", range(5))
def test_cairosvg_renders_standalone_svg(index: int) -> None:
    svg = _all_samples()[index]
    png = cairosvg.svg2png(bytestring=svg.encode("utf-8"))
    assert png is not None and png.startswith(b"\x89PNG")
    _not_blank(png)


@needs(shutil.which("rsvg-convert") is not None, "install librsvg (apt-get install librsvg2-bin)")
@pytest.mark.parametrize("index", range(5))
def test_rsvg_convert_renders_standalone_svg(index: int) -> None:
    svg = _all_samples()[index]
    result = subprocess.run(
        ["rsvg-convert", "--format=png"],
        input=svg.encode("utf-8"),
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.startswith(b"\x89PNG")
    _not_blank(result.stdout)


# --- the render command ---------------------------------------------------------------------------


def _gallery(tmp_path: Path, map_text: str) -> Path:
    (tmp_path / "personas").mkdir()
    (tmp_path / "personas" / "colleen.yaml").write_text("name: Curious Colleen\n", "utf-8")
    path = tmp_path / "trip.yaml"
    path.write_text(map_text, "utf-8")
    return path


def test_render_command_writes_an_svg_with_the_persona(tmp_path: Path) -> None:
    path = _gallery(
        tmp_path,
        "type: current-state\ntitle: Trip\npersona: colleen\n"
        "stages:\n  - name: Go\n    emotion: 1\n",
    )
    out = tmp_path / "trip.svg"
    assert main(["render", str(path), "-o", str(out), "--theme", "dark"]) == 0
    root = parse(out.read_text("utf-8"))
    assert root.get("id") == "jm-trip-en"
    desc = root.find("s:desc", NS)
    assert desc is not None and "Curious Colleen" in (desc.text or "")
    assert next(root.iter(f"{SVG}rect")).get("fill") == DARK["bg"]


def test_render_command_reports_problems_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _gallery(
        tmp_path,
        "type: current-state\ntitle: Trip\npersona: nobody\n"
        "stages:\n  - name: Go\n    emotion: 5\n",
    )
    assert main(["render", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert lines and all(re.match(r"^.+trip\.yaml:\d+:\d+: error: .+", line) for line in lines)
    assert any(":6:14: error: emotion score 5" in line for line in lines)


def test_render_command_prints_to_stdout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _gallery(tmp_path, "type: empathy\ntitle: Feel\nempathy:\n  says: [Hi]\n")
    assert main(["render", str(path)]) == 0
    assert parse(capsys.readouterr().out).get("class") == "jm-svg jm-empathy"


def test_the_renderer_imports_nothing_from_mkdocs() -> None:
    script = (
        "import sys, journey_maps.render.svg, journey_maps.cli.render;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
