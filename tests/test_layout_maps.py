"""Layouts of the three map types: columns, lanes, the emotion curve, loops, text fits."""

from __future__ import annotations

import itertools
import re
from typing import Any

import pytest

from journey_maps.core.model import LANES, JourneyMap, Persona
from journey_maps.layout import Labels, layout_map, layout_thumbnail
from journey_maps.layout.blocks import BODY, CARD_ROLES, MARGIN, Card, cards
from journey_maps.layout.geometry import (
    Circle,
    Drawing,
    Group,
    Icon,
    Marker,
    Path,
    Rect,
    Shape,
    TextBlock,
    walk,
)
from journey_maps.layout.grid import COL_W, HEAD_W
from journey_maps.layout.text import text_width

MIN_BODY = 12.0


def stage(name: str, score: int | None = None, **lanes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"name": name, **lanes}
    if score is not None:
        data["emotion"] = {"score": score, "label": f"{name} feeling"}
    return data


def journey(stages: list[dict[str, Any]], **extra: Any) -> JourneyMap:
    data = {"id": "test-map", "type": "current-state", "title": "Test map", "stages": stages}
    return JourneyMap.model_validate({**data, **extra})


def full_stage(name: str, score: int, items: int = 2) -> dict[str, Any]:
    return stage(
        name,
        score,
        actions=[f"{name} action {i} with some words to wrap" for i in range(items)],
        touchpoints=[{"name": f"{name} touchpoint {i}", "channel": "online"} for i in range(items)],
        thoughts=[f"{name} thought {i}" for i in range(items)],
        pain_points=[f"{name} pain {i}" for i in range(items)],
        opportunities=[f"{name} opportunity {i}" for i in range(items)],
    )


PERSONA = Persona.model_validate({"id": "colleen", "name": "Curious Colleen"})


def texts(drawing: Drawing) -> list[TextBlock]:
    return [s for s in walk(drawing.items) if isinstance(s, TextBlock)]


def all_text(drawing: Drawing) -> str:
    return "\n".join(" ".join(t.lines) for t in texts(drawing))


def groups(drawing: Drawing, cls: str) -> list[Group]:
    return [s for s in walk(drawing.items) if isinstance(s, Group) and cls in s.cls.split()]


def markers(drawing: Drawing) -> list[Marker]:
    return [
        s for s in walk(drawing.items) if isinstance(s, Marker) and "jm-marker" in s.cls.split()
    ]


def curves(drawing: Drawing) -> list[Path]:
    return [s for s in walk(drawing.items) if isinstance(s, Path) and s.cls == "jm-curve"]


def assert_text_fits(drawing: Drawing) -> None:
    """Every line is no wider than its box, the box is on the canvas, text is legible."""
    for block in texts(drawing):
        assert block.size >= MIN_BODY, block
        for line in block.lines:
            assert text_width(line, block.size, block.weight) <= block.max_width + 0.01, line
        left = block.x - block.max_width / 2 if block.align == "middle" else block.x
        assert left >= 0 and left + block.max_width <= drawing.width, block
        assert block.y >= 0 and block.y + block.height <= drawing.height, block


# --- lanes and columns ------------------------------------------------------------------------


def test_lanes_without_content_collapse() -> None:
    drawing = layout_map(
        journey([stage("A", 1, actions=["Look"]), stage("B", pain_points=["Slow"])]), None
    )
    assert [lane.key for lane in drawing.lanes] == ["actions", "emotion", "pain_points"]
    names = {t.lines[0] for t in texts(drawing) if t.cls == "jm-lane-name"}
    assert names == {"Actions", "Emotion", "Pain points"}


def test_a_map_without_any_emotion_has_no_emotion_lane_or_legend() -> None:
    drawing = layout_map(journey([stage("A", actions=["Look"])]), None)
    assert [lane.key for lane in drawing.lanes] == ["actions"]
    assert drawing.emotion_scale is None
    assert not [s for s in walk(drawing.items) if isinstance(s, Marker)]


def test_blank_template_keeps_every_lane_and_drops_the_content() -> None:
    model = journey([full_stage("Search", -1), stage("Buy", actions=["Pay"])])
    drawing = layout_map(model, PERSONA, blank=True)
    assert [lane.key for lane in drawing.lanes] == list(LANES)
    boxes = [s for s in walk(drawing.items) if isinstance(s, Rect) and s.cls == "jm-blank"]
    assert len(boxes) == 2 * (len(LANES) - 1)  # every lane but emotion, per stage
    assert len({(b.w, b.h) for b in boxes}) == 1  # fixed size
    content = all_text(drawing)
    assert "Search" in content and "Buy" in content  # stage headings stay
    assert "action" not in content and "Pay" not in content and "feeling" not in content
    assert not markers(drawing)


@pytest.mark.parametrize("count", [1, 15, 30])
def test_one_column_per_stage_and_the_canvas_grows(count: int) -> None:
    model = journey([full_stage(f"Stage {i}", (i % 5) - 2) for i in range(count)])
    drawing = layout_map(model, PERSONA)
    assert [c.key for c in drawing.columns] == [s.id for s in model.columns]
    assert len(groups(drawing, "jm-stage")) == count
    assert all(c.size >= COL_W for c in drawing.columns)
    assert drawing.width >= MARGIN * 2 + count * COL_W
    for left, right in zip(drawing.columns, drawing.columns[1:], strict=False):
        assert right.start == pytest.approx(left.end)
    assert_text_fits(drawing)


def test_seven_stages_fit_a_1440_px_window_with_text_at_11_px() -> None:
    """The page fits a diagram to its width: in a 1440 px window that is 1408 px (the content's
    margins aside). A 7-stage map must fit there at 11/12 of its size or more, so that its
    smallest text (12 px) shows at 11 px or more (issue 16)."""
    model = journey([full_stage(f"Stage {i}", (i % 5) - 2) for i in range(7)])
    drawing = layout_map(model, PERSONA)
    assert drawing.width == MARGIN * 2 + HEAD_W + 7 * COL_W
    assert 1408 / drawing.width * 12 >= 11, drawing.width
    assert min(block.size for block in texts(drawing)) == 12


def test_twenty_items_per_lane_stack_without_overlap_inside_their_lane() -> None:
    many = [f"Item number {i} which is long enough to need two lines here" for i in range(20)]
    model = journey([stage("Only", 0, actions=many, pain_points=many[:5])])
    drawing = layout_map(model, None)
    lane = next(b for b in drawing.lanes if b.key == "actions")
    group = next(g for g in groups(drawing, "jm-lane") if g.key == "lane-actions")
    boxes = [s for s in walk(group.items) if isinstance(s, Rect) and s.cls == "jm-card"]
    assert len(boxes) == 20
    for upper, lower in itertools.pairwise(boxes):
        assert upper.y + upper.h < lower.y
    assert boxes[0].y >= lane.start and boxes[-1].y + boxes[-1].h <= lane.end
    rendered = [" ".join(t.lines) for t in texts(drawing)]
    assert all(text in rendered for text in many)
    assert_text_fits(drawing)


def test_cards_hold_their_text_and_icon() -> None:
    entries = [
        Card("A touchpoint with a rather long name to wrap", "touchpoints", icon=None),
        Card("Short", "pain_points"),
    ]
    shapes, height = cards(entries, 10, 20, 150, Labels())
    rects = [s for s in shapes if isinstance(s, Rect)]
    blocks = [s for s in shapes if isinstance(s, TextBlock)]
    assert [r.fill for r in rects] == [CARD_ROLES["touchpoints"][0], CARD_ROLES["pain_points"][0]]
    for rect, block in zip(rects, blocks, strict=True):
        assert rect.x < block.x and block.x + block.max_width < rect.x + rect.w
        assert rect.y < block.y and block.y + block.height < rect.y + rect.h
        assert block.on == rect.fill
    assert height == pytest.approx(rects[-1].y + rects[-1].h - 20)


def test_touchpoints_get_the_icon_of_their_channel() -> None:
    channels = ["online", "offline", "person", "other"]
    model = journey([stage("A", touchpoints=[{"name": f"T {c}", "channel": c} for c in channels])])
    drawing = layout_map(model, None)
    lane = next(g for g in groups(drawing, "jm-lane") if g.key == "lane-touchpoints")
    icons = [s for s in walk(lane.items) if isinstance(s, Icon)]
    assert [i.kind for i in icons] == channels
    legend = [s for s in walk(drawing.items) if isinstance(s, Icon)][: len(channels)]
    assert [i.kind for i in legend] == channels


# --- the emotion lane -------------------------------------------------------------------------


def test_markers_sit_on_the_scale_and_their_shape_tells_the_valence() -> None:
    scores = [-2, -1, 0, 1, 2]
    drawing = layout_map(journey([stage(f"S{i}", s) for i, s in enumerate(scores)]), None)
    scale = drawing.emotion_scale
    assert scale is not None
    assert scale.y(2) < scale.y(0) < scale.y(-2)
    found = markers(drawing)
    assert [m.score for m in found] == scores
    assert [m.shape for m in found] == ["down", "down", "circle", "up", "up"]
    for marker, column in zip(found, drawing.columns, strict=True):
        assert marker.cy == pytest.approx(scale.y(marker.score or 0))
        assert marker.cx == pytest.approx(column.middle)
    labels = [t.lines[0] for t in texts(drawing) if t.cls == "jm-emotion-label"]
    assert labels == [f"S{i} feeling" for i in range(5)]


def test_curve_runs_through_every_marker_and_never_overshoots() -> None:
    drawing = layout_map(journey([stage(f"S{i}", s) for i, s in enumerate([-2, 2, 1, 2])]), None)
    (curve,) = curves(drawing)
    points = [m for m in markers(drawing)]
    assert curve.commands[0] == ("M", (points[0].cx, points[0].cy))
    ends = [c[1][-2:] for c in curve.commands[1:]]
    assert ends == [(m.cx, m.cy) for m in points[1:]]
    previous = curve.commands[0][1]
    for _, values in curve.commands[1:]:
        low, high = sorted((previous[1], values[5]))
        assert low - 0.01 <= values[1] <= high + 0.01 and low - 0.01 <= values[3] <= high + 0.01
        previous = values[4:]


def test_a_stage_without_emotion_breaks_the_curve() -> None:
    scores = [1, 2, None, -1, 0, None, 2]
    drawing = layout_map(journey([stage(f"S{i}", s) for i, s in enumerate(scores)]), None)
    assert len(markers(drawing)) == 5
    runs = curves(drawing)
    # [1, 2] and [-1, 0] are curves; the lone 2 at the end is only a marker.
    assert [len(c.commands) for c in runs] == [2, 2]


def test_quotes_are_shown_in_their_stage_column() -> None:
    model = journey([{"name": "A", "emotion": {"score": -1, "quote": "I have no time for this"}}])
    drawing = layout_map(model, None)
    quotes = [t for t in texts(drawing) if t.cls == "jm-quote"]
    assert len(quotes) == 1 and "I have no time for this" in " ".join(quotes[0].lines)
    column = drawing.columns[0]
    assert column.start <= quotes[0].x <= column.end


# --- loops ------------------------------------------------------------------------------------


def test_loops_back_are_arrows_from_the_stage_to_the_earlier_one() -> None:
    model = journey(
        [
            stage("Search", 0, id="search"),
            stage("Compare", -1, loops_back_to=[{"stage": "search", "label": "Back to search"}]),
            stage("Buy", 1, loops_back_to=["buy", "search"]),
        ]
    )
    drawing = layout_map(model, None)
    loops = groups(drawing, "jm-loop")
    assert [dict(g.data) for g in loops] == [
        {"from": "buy", "to": "buy"},
        {"from": "compare", "to": "search"},
        {"from": "buy", "to": "search"},
    ]
    header_top = min(
        g.items[0].y for g in groups(drawing, "jm-stage") if isinstance(g.items[0], Rect)
    )
    for group in loops:
        arc, head = group.items
        assert isinstance(arc, Path) and isinstance(head, Path)
        tip = head.commands[0][1]
        target = next(c for c in drawing.columns if c.key == dict(group.data)["to"])
        assert target.start < tip[0] < target.end
        assert tip[1] == pytest.approx(header_top - 1)
    rendered = all_text(drawing)
    assert "Back to search" in rendered and "loops back to Search" in rendered


# --- day in the life and empathy --------------------------------------------------------------


def test_day_in_the_life_has_a_time_axis_and_the_same_lanes() -> None:
    model = JourneyMap.model_validate(
        {
            "id": "day",
            "type": "day-in-the-life",
            "title": "A day",
            "slots": [
                {"time": "07:30", "name": "Breakfast", "actions": ["Eats"], "emotion": 1},
                {"time": "evening", "thoughts": ["Tired"], "emotion": -1},
            ],
        }
    )
    drawing = layout_map(model, PERSONA)
    times = [t.lines[0] for t in texts(drawing) if t.cls == "jm-time"]
    assert times == ["07:30", "evening"]
    assert [lane.key for lane in drawing.lanes] == ["actions", "thoughts", "emotion"]
    assert len(groups(drawing, "jm-slot")) == 2
    assert_text_fits(drawing)


def empathy_map(**empathy: Any) -> JourneyMap:
    return JourneyMap.model_validate(
        {"id": "emp", "type": "empathy", "title": "Empathy", "empathy": empathy}
    )


def test_empathy_quadrants_surround_the_persona() -> None:
    many = [f"Something said number {i}" for i in range(12)]
    model = empathy_map(
        says=many,
        thinks=["A thought"],
        does=["Acts"],
        feels=["Calm"],
        goal="Sleep well",
        pains=["Noise"],
        gains=["Rest"],
    )
    persona = Persona.model_validate({"name": "Procurement Petra Väinamöinen-Ķirsone"})
    drawing = layout_map(model, persona)
    quadrants = groups(drawing, "jm-quadrant")
    assert [dict(g.data)["quadrant"] for g in quadrants] == ["says", "thinks", "does", "feels"]
    disc = next(s for s in walk(drawing.items) if isinstance(s, Circle))
    name = next(t for t in texts(drawing) if t.cls == "jm-persona-name")
    assert " ".join(name.lines) == persona.name  # no word was broken to fit the disc
    assert name.x == pytest.approx(disc.cx)
    for group in quadrants:
        for card in (s for s in walk(group.items) if isinstance(s, Rect) and s.cls == "jm-card"):
            nearest_x = min(max(disc.cx, card.x), card.x + card.w)
            nearest_y = min(max(disc.cy, card.y), card.y + card.h)
            assert (nearest_x - disc.cx) ** 2 + (nearest_y - disc.cy) ** 2 > disc.r**2
    rendered = all_text(drawing)
    for word in ("Says", "Thinks", "Does", "Feels", "Goal", "Sleep well", "Pains", "Gains"):
        assert word in rendered
    assert_text_fits(drawing)


def test_empathy_blank_has_boxes_everywhere() -> None:
    drawing = layout_map(empathy_map(says=["x"]), None, blank=True)
    boxes = [s for s in walk(drawing.items) if isinstance(s, Rect) and s.cls == "jm-blank"]
    assert len(boxes) == 4 + 1 + 2
    assert "x" not in [t.lines[0] for t in texts(drawing)]


# --- words, languages, sizes --------------------------------------------------------------------


def test_cyrillic_and_baltic_text_is_laid_out_whole() -> None:
    model = journey(
        [
            stage(
                "Изследване", -1, actions=["Търси в интернет прахосмукачка, която няма да се счупи"]
            ),
            stage(
                "Предложение", 1, actions=["Pārdošanas piedāvājums: čeks, ņemt, õun, üle, šokolaad"]
            ),
        ],
        language="bg",
    )
    drawing = layout_map(model, None)
    rendered = [" ".join(t.lines) for t in texts(drawing)]
    assert "Изследване" in rendered and "Предложение" in rendered
    assert "Търси в интернет прахосмукачка, която няма да се счупи" in rendered
    assert_text_fits(drawing)


def _shout(template: str) -> str:
    """A stand-in translation: every word in capitals, placeholders untouched."""
    return re.sub(
        r"\{[a-z_]+\}|[^{}]+", lambda m: m[0] if m[0][0] == "{" else m[0].upper(), template
    )


def test_every_ui_word_comes_from_labels() -> None:
    defaults = Labels()
    translated = Labels(**{name: _shout(value) for name, value in vars(defaults).items()})
    model = journey(
        [
            {**full_stage("Lorem", 1), "goal": "Ipsum", "id": "lorem"},
            {**full_stage("Dolor", -1), "loops_back_to": ["lorem"]},
        ],
        type="future-state",
    )
    for drawing in (
        layout_map(model, PERSONA, translated),
        layout_map(model, None, translated, blank=True),
    ):
        shown = all_text(drawing) + "\n" + drawing.desc
        assert "ACTIONS" in shown and "FUTURE-STATE JOURNEY MAP" in shown
        for name, english in vars(defaults).items():
            for segment in re.split(r"\{[a-z_]+\}", english):
                visible = segment.strip(" :·.,")
                if len(visible) > 2:
                    assert visible not in shown, (name, visible)


def test_body_text_is_never_below_twelve_px() -> None:
    model = journey([full_stage(f"S{i}", 0, items=3) for i in range(30)])
    assert min(t.size for t in texts(layout_map(model, PERSONA))) >= MIN_BODY
    assert BODY >= 13


def test_thumbnail_is_small_and_has_no_text() -> None:
    model = journey([full_stage(f"S{i}", (i % 5) - 2) for i in range(30)])
    drawing = layout_thumbnail(model, Labels())
    assert (drawing.width, drawing.height) == (320, 180)
    assert not texts(drawing)
    assert len([s for s in walk(drawing.items) if isinstance(s, Marker)]) == 30
    shapes: list[Shape] = list(walk(drawing.items))
    for shape in shapes:
        if isinstance(shape, Rect):
            assert shape.x >= 0 and shape.x + shape.w <= 320 and shape.y + shape.h <= 180


@pytest.mark.parametrize("kind", ["current-state", "future-state", "day-in-the-life", "empathy"])
@pytest.mark.parametrize(
    "section",
    [
        {"stages": [{"name": "Only"}]},
        {"slots": [{"time": "08:00"}]},
        {"empathy": {}},
        {},
    ],
)
def test_any_type_with_any_section_still_draws(kind: str, section: dict[str, Any]) -> None:
    # The gallery rejects mismatches, but the library may be handed any valid model.
    model = JourneyMap.model_validate({"id": "m", "type": kind, "title": "T", **section})
    for blank in (False, True):
        drawing = layout_map(model, None, blank=blank)
        assert drawing.width > 0 and drawing.height > 0
        assert_text_fits(drawing)
    assert layout_thumbnail(model, Labels()).width == 320
