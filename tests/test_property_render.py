"""Property tests: any valid map renders to well-formed SVG and HTML, and its exports round-trip.

Hypothesis builds map and persona data the schema accepts (texts from all of Unicode but the
characters the loader rejects, plus hostile snippets), validates it with the real models and
then checks every renderer:

* SVG (standalone, inline and thumbnail) parses as XML, has ``role="img"`` and starts with
  ``<title>`` and ``<desc>``;
* the HTML fragments (map, persona, gallery pages) parse with ``html.parser`` with every
  element closed in order;
* JSON export loads back into an equal model; CSV export imports back to the same columns.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journey_maps.core.errors import Problems
from journey_maps.core.gallery import Gallery
from journey_maps.core.ids import id_problem
from journey_maps.core.model import ChannelKind, JourneyMap, MapType, Persona, PlanStatus, Priority
from journey_maps.formats.csv.read import csv_to_map_yaml
from journey_maps.formats.csv.write import map_to_csv
from journey_maps.formats.json import map_to_json
from journey_maps.i18n.files import Translations
from journey_maps.load.yaml import load_text
from journey_maps.render.svg import render_map_svg, render_thumbnail_svg
from journey_maps.site.html import map_page, persona_page
from journey_maps.site.html.labels import Labels
from journey_maps.site.plan import plan_site

SVG = "{http://www.w3.org/2000/svg}"
PROPERTY = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# --- strategies --------------------------------------------------------------------------------

HOSTILE = (
    "<script>alert(1)</script>",
    '" onmouseover="alert(1)',
    "</title>]]>",
    "{{ 7*7 }} {% raw %}",
    "&amp; &#106;avascript:",
    "👩‍👩‍👧‍👦",
    "\u202eevil\u202c",
    "\u200b",
    "a\nb",
    "-1",
    "=SUM(A1)",
    "@x",
    "text {#not-an-id}",
    "[x] <y>",
)
# Everything the loader lets through: no surrogates, no control characters but newline.
_CHARS = st.characters(
    codec="utf-8",
    exclude_categories=("Cs", "Cc"),
    exclude_characters="\ufffe\uffff",
) | st.just("\n")


def _text(max_size: int) -> st.SearchStrategy[str]:
    return (
        st.one_of(
            st.text(_CHARS, min_size=1, max_size=max_size),
            st.sampled_from(HOSTILE),
            st.lists(st.sampled_from(HOSTILE), min_size=2, max_size=3).map(" ".join),
        )
        .map(lambda s: s[:max_size])
        .filter(lambda s: s.strip() != "")
    )


short = _text(40)
long = _text(160)
ident = st.from_regex(r"[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?", fullmatch=True).filter(
    lambda s: id_problem(s) is None
)
url = st.one_of(
    st.builds(
        lambda path: f"https://example.org/{path}", st.from_regex(r"[!-~]{0,20}", fullmatch=True)
    ),
    st.just("mailto:someone@example.org"),
    st.just('https://example.org/"><script>alert(1)</script>'),
)


def _optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


def _items(max_size: int = 3) -> st.SearchStrategy[list[Any]]:
    """Lane entries: bare strings or mappings, some with explicit (unique) ids."""
    return st.lists(
        st.one_of(
            long,
            st.builds(lambda t: {"text": t}, long),
        ),
        max_size=max_size,
    ).map(
        lambda entries: [
            {"id": f"item-{n}", "text": e} if isinstance(e, str) and n % 3 == 2 else e
            for n, e in enumerate(entries)
        ]
    )


def _drop_none(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v is not None and v != []}


@st.composite
def columns(draw: st.DrawFn, kind: str) -> list[dict[str, Any]]:
    count = draw(st.integers(1, 5))
    explicit = [draw(st.booleans()) for _ in range(count)]
    result = []
    for index in range(count):
        column: dict[str, Any] = {
            "id": f"c{index}" if explicit[index] else None,
            "description": draw(_optional(long)),
            "goal": draw(_optional(long)),
            "actions": draw(_items()),
            "thoughts": draw(_items(2)),
            "pain_points": draw(_items(2)),
            "opportunities": draw(_items(2)),
            "touchpoints": draw(
                st.lists(
                    st.one_of(
                        short,
                        st.fixed_dictionaries(
                            {
                                "name": short,
                                "channel": st.sampled_from([c.value for c in ChannelKind]),
                            },
                            optional={"url": url},
                        ),
                    ),
                    max_size=2,
                )
            ),
            "emotion": draw(
                _optional(
                    st.one_of(
                        st.integers(-2, 2),
                        st.fixed_dictionaries(
                            {"score": st.integers(-2, 2)},
                            optional={"label": short, "quote": long},
                        ),
                    )
                )
            ),
        }
        if kind == "slots":
            column["time"] = draw(st.one_of(short, st.sampled_from(["07:30", "0730", "evening"])))
            column["name"] = draw(_optional(short))
        else:
            column["name"] = draw(short)
            earlier = [f"c{i}" for i in range(index + 1) if explicit[i]]
            if earlier:
                column["loops_back_to"] = draw(
                    st.lists(
                        st.one_of(
                            st.sampled_from(earlier),
                            st.builds(
                                lambda s, label: {"stage": s, "label": label},
                                st.sampled_from(earlier),
                                short,
                            ),
                        ),
                        max_size=2,
                    )
                )
        result.append(_drop_none(column))
    return result


@st.composite
def journey_map_data(draw: st.DrawFn) -> dict[str, Any]:
    map_type = draw(st.sampled_from(list(MapType)))
    data: dict[str, Any] = {
        "type": map_type.value,
        "title": draw(short),
        "summary": draw(_optional(long)),
        "focus": draw(_optional(long)),
        "scenario": draw(_optional(long)),
        "tags": draw(st.lists(short, max_size=3)),
    }
    stage_ids: list[str] = []
    if map_type is MapType.EMPATHY:
        data["empathy"] = _drop_none(
            {
                "says": draw(_items()),
                "thinks": draw(_items()),
                "does": draw(_items()),
                "feels": draw(_items()),
                "goal": draw(_optional(long)),
                "pains": draw(_items(2)),
                "gains": draw(_items(2)),
            }
        )
    else:
        section = "slots" if map_type is MapType.DAY_IN_THE_LIFE else "stages"
        data[section] = draw(columns(section))
        stage_ids = [c["id"] for c in data[section] if "id" in c]
    stage = st.sampled_from(stage_ids) if stage_ids else st.none()
    data["action_plan"] = draw(
        st.lists(
            st.one_of(
                long,
                st.fixed_dictionaries(
                    {"text": long, "status": st.sampled_from([s.value for s in PlanStatus])},
                    optional={
                        "owner": short,
                        "priority": st.sampled_from([p.value for p in Priority]),
                        "due": short,
                        "stage": stage,
                    },
                ),
            ),
            max_size=2,
        )
    )
    data["metrics"] = draw(
        st.lists(
            st.fixed_dictionaries(
                {"label": short, "value": short},
                optional={"note": long, "source": short, "url": url, "stage": stage},
            ),
            max_size=2,
        )
    )
    data["sources"] = draw(
        st.lists(st.fixed_dictionaries({"title": short}, optional={"url": url}), max_size=2)
    )
    return _drop_none(data)


persona_data = st.fixed_dictionaries(
    {"name": short},
    optional={
        "description": long,
        "age": st.integers(0, 150),
        "role": short,
        "situation": long,
        "goals": _items(),
        "frustrations": _items(),
        "motivations": _items(),
        "quote": long,
        "tags": st.lists(short, max_size=2),
    },
)


def _journey(data: dict[str, Any], persona: Persona | None) -> JourneyMap:
    journey = JourneyMap.model_validate(data)
    journey.id = "generated-map"
    journey.language = "en"
    journey.persona = persona.id if persona else None
    return journey


def _persona(data: dict[str, Any] | None) -> Persona | None:
    if data is None:
        return None
    persona = Persona.model_validate(data)
    persona.id = "generated-persona"
    persona.language = "en"
    return persona


# --- checks ------------------------------------------------------------------------------------

VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)


class _Balance(HTMLParser):
    """Every element closed, in order; void elements never closed."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.stack.append(tag)
        for name, _ in attrs:
            if name.startswith("on"):
                self.errors.append(f"event attribute {name} on <{tag}>")
        if tag == "script":
            self.errors.append("<script> element")

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            self.errors.append(f"</{tag}> closes a void element")
        elif not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
        else:
            self.stack.pop()


def assert_balanced(html: str) -> None:
    parser = _Balance()
    parser.feed(html)
    parser.close()
    assert parser.errors == [], parser.errors[:5]
    assert parser.stack == [], f"unclosed: {parser.stack}"


def assert_diagram(svg: str) -> ET.Element:
    root = ET.fromstring(svg.removeprefix('<?xml version="1.0" encoding="UTF-8"?>\n'))
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title, desc = list(root)[:2]
    assert title.tag == f"{SVG}title" and (title.text or "").strip()
    assert desc.tag == f"{SVG}desc" and (desc.text or "").strip()
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    for element in root.iter():
        assert element.tag not in (f"{SVG}script", f"{SVG}foreignObject", f"{SVG}a")
        assert not any(name.startswith("on") for name in element.attrib)
    return root


def url_for(kind: str, item_id: str) -> str:
    return f"../../{kind}s/{item_id}/"


# --- properties --------------------------------------------------------------------------------


@PROPERTY
@given(journey_map_data(), _optional(persona_data))
def test_any_valid_map_renders_to_well_formed_svg(
    data: dict[str, Any], persona_fields: dict[str, Any] | None
) -> None:
    persona = _persona(persona_fields)
    journey = _journey(data, persona)
    assert_diagram(render_map_svg(journey, persona, standalone=True))
    inline = assert_diagram(render_map_svg(journey, persona, standalone=False, theme="dark"))
    assert inline.find(f"{SVG}style") is not None
    assert_diagram(render_thumbnail_svg(journey, standalone=False))


@PROPERTY
@given(journey_map_data(), _optional(persona_data))
def test_any_valid_map_renders_to_balanced_html(
    data: dict[str, Any], persona_fields: dict[str, Any] | None
) -> None:
    persona = _persona(persona_fields)
    journey = _journey(data, persona)
    gallery = Gallery(maps={journey.id: journey}, personas={persona.id: persona} if persona else {})
    labels = Labels()
    diagram = render_map_svg(journey, persona, standalone=False)
    assert_balanced(map_page(journey, gallery, url_for, labels, diagram=diagram))
    site = plan_site(
        gallery,
        Translations(),
        ["en"],
        default_language="en",
        names={},
        gallery_title="Journey maps",
        personas_title="Personas",
    )
    listing = site.pages()["maps/index.md"]
    assert_balanced(listing.body(site.url_for(listing)))
    if persona is not None:
        assert_balanced(persona_page(persona, gallery, url_for, labels))


@PROPERTY
@given(journey_map_data())
def test_json_export_round_trips(data: dict[str, Any]) -> None:
    journey = _journey(data, None)
    exported = json.loads(map_to_json(journey))
    assert JourneyMap.model_validate(exported) == journey


def csv_round_trip(journey: JourneyMap) -> JourneyMap:
    text = map_to_csv(journey)
    yaml_text = csv_to_map_yaml(text, title=journey.title, map_type=journey.type, path="x.csv")
    problems = Problems()
    document = load_text("imported.yaml", yaml_text, problems)
    assert document is not None and not problems, [p.format() for p in problems.items]
    return JourneyMap.model_validate(document.data)


@PROPERTY
@given(journey_map_data())
def test_csv_export_round_trips(data: dict[str, Any]) -> None:
    journey = _journey(data, None)
    text = map_to_csv(journey)
    assert text.startswith("\ufeff")
    table = list(csv.reader(io.StringIO(text[1:], newline="")))
    assert all(len(row) == len(table[0]) for row in table)
    back = csv_round_trip(journey)
    assert [c.model_dump() for c in back.columns] == [c.model_dump() for c in journey.columns]
    assert back.empathy == journey.empathy


def test_csv_keeps_a_multi_line_loop_label() -> None:
    journey = _journey(
        {
            "type": "current-state",
            "title": "Loops",
            "stages": [
                {"id": "a", "name": "A"},
                {"id": "b", "name": "B", "loops_back_to": [{"stage": "a", "label": "one\ntwo"}]},
            ],
        },
        None,
    )
    back = csv_round_trip(journey)
    assert back.columns[1].loops() == journey.columns[1].loops()


def test_csv_keeps_a_multi_line_empathy_entry() -> None:
    journey = _journey(
        {"type": "empathy", "title": "E", "empathy": {"says": ["first line\nsecond line"]}}, None
    )
    back = csv_round_trip(journey)
    assert back.empathy == journey.empathy
