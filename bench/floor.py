"""The floor: the same gallery as a plain mkdocs-material site, without the plugin.

This is what a team would publish without the tool: one hand-written-style Markdown page per
map (header fields, a stages x lanes table, the action plan) and per persona, plus a gallery
and a personas index page, in the same navigation shape the plugin produces. Build time over
this floor is the plugin's real cost; anything below it would be suspicious.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .generate import (
    MKDOCS_YML,
    SITE_NAME,
    GalleryData,
    index_page,
    write_text,
)

GALLERY_TITLE = "Journey maps"
PERSONAS_TITLE = "Personas"
TYPE_NAMES = {
    "current-state": "Current state",
    "future-state": "Future state",
    "day-in-the-life": "Day in the life",
    "empathy": "Empathy map",
}
LANES = (
    ("goal", "Goal"),
    ("actions", "Actions"),
    ("touchpoints", "Touchpoints"),
    ("thoughts", "Thoughts"),
    ("emotion", "Emotion"),
    ("pain_points", "Pain points"),
    ("opportunities", "Opportunities"),
    ("loops_back_to", "Loops back to"),
)


def nav_max_maps() -> int:
    """The plugin's limit for listing maps in the nav, so both sites have the same nav shape.

    Above it the plugin lists only the gallery page; material renders the nav into every
    page, so a floor listing 500 maps would be slower for a reason unrelated to the plugin.
    """
    try:
        from journey_maps.mkdocs.config import JourneyMapsConfig
    except ImportError:  # pragma: no cover - the plugin is installed in the bench venv
        return 40
    return int(JourneyMapsConfig.nav_max_maps.default)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def _table(header: list[str], rows: Iterable[Iterable[str]]) -> list[str]:
    return [_row(header), _row("---" for _ in header), *(_row(r) for r in rows), ""]


def _lines(items: Iterable[str]) -> str:
    return "<br>".join(items)


def _lane(column: dict[str, Any], key: str, names: dict[str, str]) -> str:
    value = column.get(key)
    if not value:
        return ""
    if key == "goal":
        return str(value)
    if key == "emotion":
        quote = f': "{value["quote"]}"' if value.get("quote") else ""
        return f"{value['score']:+d} {value.get('label', '')}{quote}"
    if key == "touchpoints":
        return _lines(
            f"[{t['name']}]({t['url']}) ({t['channel']})"
            if t.get("url")
            else f"{t['name']} ({t['channel']})"
            for t in value
        )
    if key == "loops_back_to":
        return _lines(f"{names[loop['stage']]}: {loop.get('label', '')}" for loop in value)
    return _lines(value)


def _column_title(column: dict[str, Any]) -> str:
    if "time" in column:
        return f"{column['time']} · {column['name']}" if column.get("name") else column["time"]
    return str(column["name"])


def map_page(map_id: str, data: dict[str, Any], gallery: GalleryData) -> str:
    """A map written by hand in Markdown: header, journey table, action plan, metrics."""
    out = [f"# {data['title']}", ""]
    header = [f"**Type:** {TYPE_NAMES[data['type']]}"]
    if data.get("persona"):
        persona = gallery.personas[data["persona"]]
        header.append(f"**Persona:** [{persona['name']}](../personas/{data['persona']}.md)")
    if data.get("improves"):
        target = gallery.maps[data["improves"]]
        header.append(f"**Improves:** [{target['title']}]({data['improves']}.md)")
    if data.get("tags"):
        header.append(f"**Tags:** {', '.join(data['tags'])}")
    out += [" · ".join(header), ""]
    for key, label in (("summary", ""), ("focus", "Focus"), ("scenario", "Scenario")):
        if data.get(key):
            out += [f"**{label}:** {data[key]}" if label else data[key], ""]
    columns = data.get("stages") or data.get("slots") or []
    names = {c["id"]: _column_title(c) for c in columns}
    if columns:
        out += ["## Journey", ""]
        rows = []
        for key, label in LANES:
            cells = [_lane(c, key, names) for c in columns]
            if any(cells):
                rows.append([f"**{label}**", *cells])
        out += _table(["", *names.values()], rows)
    if data.get("empathy"):
        empathy = data["empathy"]
        out += ["## Empathy map", ""]
        if empathy.get("goal"):
            out += [f"**Goal:** {empathy['goal']}", ""]
        out += _table(["Says", "Thinks"], [[_lines(empathy["says"]), _lines(empathy["thinks"])]])
        out += _table(["Does", "Feels"], [[_lines(empathy["does"]), _lines(empathy["feels"])]])
        for key, label in (("pains", "Pains"), ("gains", "Gains")):
            out += [f"### {label}", "", *(f"- {item}" for item in empathy.get(key, [])), ""]
    if data.get("action_plan"):
        out += ["## Action plan", ""]
        out += _table(
            ["Action", "Owner", "Status", "Priority", "Due", "Stage"],
            (
                [
                    a["text"],
                    a.get("owner", ""),
                    a.get("status", "planned"),
                    a.get("priority", ""),
                    a.get("due", ""),
                    names.get(a.get("stage", ""), ""),
                ]
                for a in data["action_plan"]
            ),
        )
    if data.get("metrics"):
        out += ["## Metrics", ""]
        out += _table(
            ["Metric", "Value", "Note", "Source"],
            (
                [m["label"], m["value"], m.get("note", ""), m.get("source", "")]
                for m in data["metrics"]
            ),
        )
    if data.get("sources"):
        out += ["## Sources", "", *(f"- {s['title']}" for s in data["sources"]), ""]
    return "\n".join(out)


def persona_page(persona_id: str, data: dict[str, Any], gallery: GalleryData) -> str:
    out = [f"# {data['name']}", "", data.get("description", ""), ""]
    out += _table(
        ["Age", "Role", "Situation"],
        [[str(data.get("age", "")), data.get("role", ""), data.get("situation", "")]],
    )
    for key, label in (
        ("goals", "Goals"),
        ("frustrations", "Frustrations"),
        ("motivations", "Motivations"),
    ):
        out += [f"## {label}", "", *(f"- {item}" for item in data.get(key, [])), ""]
    if data.get("quote"):
        out += [f"> {data['quote']}", ""]
    maps = [(i, m) for i, m in _sorted_maps(gallery) if m.get("persona") == persona_id]
    out += ["## Maps", "", *(f"- [{m['title']}](../maps/{i}.md)" for i, m in maps), ""]
    return "\n".join(out)


def _sorted_maps(gallery: GalleryData) -> list[tuple[str, dict[str, Any]]]:
    """Maps in the plugin's order: by title, then id."""
    return sorted(gallery.maps.items(), key=lambda kv: (kv[1]["title"].casefold(), kv[0]))


def _sorted_personas(gallery: GalleryData) -> list[tuple[str, dict[str, Any]]]:
    return sorted(gallery.personas.items(), key=lambda kv: (kv[1]["name"].casefold(), kv[0]))


def gallery_page(gallery: GalleryData) -> str:
    rows = []
    for map_id, data in _sorted_maps(gallery):
        persona = gallery.personas.get(data.get("persona", ""), {})
        columns = data.get("stages") or data.get("slots") or []
        rows.append(
            [
                f"[{data['title']}]({map_id}.md)",
                TYPE_NAMES[data["type"]],
                persona.get("name", ""),
                str(len(columns)) if columns else "",
                data.get("summary", ""),
            ]
        )
    return "\n".join(
        [
            f"# {GALLERY_TITLE}",
            "",
            *_table(["Map", "Type", "Persona", "Stages", "Summary"], rows),
        ]
    )


def personas_page(gallery: GalleryData) -> str:
    rows = []
    for persona_id, data in _sorted_personas(gallery):
        count = sum(1 for m in gallery.maps.values() if m.get("persona") == persona_id)
        rows.append([f"[{data['name']}]({persona_id}.md)", data.get("role", ""), str(count)])
    return "\n".join([f"# {PERSONAS_TITLE}", "", *_table(["Persona", "Role", "Maps"], rows)])


def _nav(gallery: GalleryData) -> str:
    """Home, then the gallery and personas sections, as the plugin places them."""
    lines = ["nav:", "  - index.md", f"  - {GALLERY_TITLE}:", "      - maps/index.md"]
    if len(gallery.maps) <= nav_max_maps():
        lines += [f"      - maps/{map_id}.md" for map_id, _ in _sorted_maps(gallery)]
    lines += [f"  - {PERSONAS_TITLE}:", "      - personas/index.md"]
    lines += [f"      - personas/{pid}.md" for pid, _ in _sorted_personas(gallery)]
    return "\n".join(lines) + "\n"


def write_floor_site(root: Path, gallery: GalleryData) -> Path:
    """The floor project (mkdocs.yml and docs/); returns ``root``."""
    docs = root / "docs"
    write_text(docs / "index.md", index_page(gallery))
    write_text(docs / "maps" / "index.md", gallery_page(gallery))
    write_text(docs / "personas" / "index.md", personas_page(gallery))
    for map_id, data in gallery.maps.items():
        write_text(docs / "maps" / f"{map_id}.md", map_page(map_id, data, gallery))
    for persona_id, data in gallery.personas.items():
        write_text(docs / "personas" / f"{persona_id}.md", persona_page(persona_id, data, gallery))
    write_text(
        root / "mkdocs.yml",
        MKDOCS_YML.format(site_name=SITE_NAME, plugins="  - search\n", nav=_nav(gallery)),
    )
    return root
