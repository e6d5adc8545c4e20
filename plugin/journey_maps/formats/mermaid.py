"""Mermaid ``journey`` diagrams to map files and back.

A Mermaid user journey is a title, sections and tasks, each task with a satisfaction score
from 0 to 5 and optional actors::

    journey
        title My working day
        accTitle: My working day
        accDescr: What a normal Tuesday looks like.
        section Go to work
          Make tea: 5: Me
          Do work: 1: Me, Cat

Written from Mermaid's documentation of the syntax (user journeys, accessibility options,
comments and entity codes).

Import (:func:`mermaid_to_map_yaml`)
------------------------------------

* ``section`` → a stage, named by the section (ids derived from the names as usual); for a
  ``day-in-the-life`` map a time slot, whose section text ``"07:30 · School run"`` splits
  into time and name. Tasks before the first section go into a stage named after the title.
* task → an action of that stage. A section whose only task is named like the section
  itself (what the export writes for a stage without actions) gets no action.
* scores → the stage's emotion: the mean of its tasks' scores moved from Mermaid's 0..5 to
  the map's -2..+2 scale (minus 3), rounded half away from zero, and kept within -2..+2
  (a mean below 1 gives -2). Mixed scores in one section are kept in a YAML comment above
  the stage, since the map has one emotion per stage, not one per action. (Mermaid's
  documentation allows 0 to 5; exported files only use 1 to 5.)
* actors → if an actor is the id or the name of a persona of the gallery, the first such
  actor becomes the map's ``persona``; every other actor is listed in ``scenario`` as
  ``Actors: A, B``.
* ``title`` → title (else ``accTitle``, else the file name); ``accTitle`` (when it is not
  the title) and ``accDescr``, single-line or ``accDescr { ... }`` block → ``summary``.
* ``%%`` comment lines, blank lines, indentation and ``;`` between statements are allowed;
  as in Mermaid, a ``#`` that does not start an entity code starts a comment that runs to
  the end of the line. Entity codes (``#35;``, ``#quot;``) are decoded.

Problems are ``file:line:col: error: ...`` for the Mermaid line: text before ``journey``, a
task without ``: score``, a score that is not a whole number from 0 to 5, an unclosed
``accDescr {`` block, and map rules (a name too long, too many stages) at the line they
come from.

Export (:func:`map_to_mermaid`)
-------------------------------

A section per stage (or time slot, as ``time · name``), a task per action (the stage name
when it has none), every task scored with the stage's emotion plus 3 (3 when it has none),
the persona's name as the actor. ``title`` and ``accTitle`` are the map title, ``accDescr``
its summary (a block when it has several lines). Importing that file gives back the stage
names, actions and scores exactly. A ``%% journey-maps: <type>`` comment records the map
type for the import.

Escapes: Mermaid reads ``#`` as a comment (and ``#...;`` as an entity code), ``;`` as the
end of a statement, ``:`` as the start of a task's score and ``,`` between actors, so in
titles, sections, tasks and actors these are written as Mermaid entity codes (``#35;``,
``#59;``, ``#58;``, ``#44;``), which Mermaid shows as the character itself. ``accTitle``
and ``accDescr`` run to the end of the line, so only ``#`` is coded there (and ``}``, as
``#125;``, inside an ``accDescr { ... }`` block). A task that would begin with a keyword
(``title``, ``section``, ...) or with ``%`` (a comment) has its first character written as
a code. Line breaks and runs of spaces in one-line texts become single spaces. Empathy maps
have no stages and cannot be exported (:class:`MermaidExportError`).
"""

from __future__ import annotations

import html.entities
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from journey_maps.core.document import Loc, Mark
from journey_maps.core.errors import GalleryError, Problems
from journey_maps.core.ids import slugify
from journey_maps.core.model import EMOTION_MAX, EMOTION_MIN, JourneyMap, MapType, Persona
from journey_maps.formats.check import check_map, fail
from journey_maps.formats.yaml import SCHEMA_COMMENT, map_document

SCORE_MIN, SCORE_MAX = 0, 5
#: Mermaid's neutral score: the map's emotion 0.
SCORE_OFFSET = 3
SLOT_SEPARATOR = " · "
_TYPE_COMMENT = "journey-maps:"

# Mermaid replaces `#name;` and `#123;` before it reads the diagram, so these never split a
# statement; any other `#` starts a comment.
_ENTITY = re.compile(r"#\w+;")
_KEYWORD = re.compile(r"^\s*(?P<word>[A-Za-z]+)\b")
_KEYWORDS = ("title", "section", "acctitle", "accdescr", "journey")


class MermaidExportError(ValueError):
    """The map has no Mermaid journey equivalent (an empathy map)."""


# --- reading --------------------------------------------------------------------------------


def _decode(text: str) -> str:
    """Text with Mermaid entity codes turned into the characters they stand for."""

    def replace(match: re.Match[str]) -> str:
        code = match.group(0)[1:-1]
        if code.isdigit():
            number = int(code)
            return chr(number) if 0 < number <= 0x10FFFF else match.group(0)
        char = html.entities.html5.get(code + ";")
        return char if char is not None else match.group(0)

    return _ENTITY.sub(replace, text)


def _mask(line: str) -> str:
    """``line`` with every entity code blanked out (same length), so positions stay true."""
    return _ENTITY.sub(lambda m: "\x00" * len(m.group(0)), line)


@dataclass
class _Statement:
    """One statement of the diagram: its text (entities still encoded) and where it starts."""

    text: str
    line: int
    column: int
    comment_cut: bool = False

    def at(self, offset: int) -> Mark:
        return Mark(self.line, self.column + offset)


@dataclass
class _Task:
    name: str
    score: int
    actors: list[str]
    mark: Mark


@dataclass
class _Section:
    name: str | None
    mark: Mark
    tasks: list[_Task] = field(default_factory=list)


@dataclass
class _Diagram:
    title: str | None = None
    title_mark: Mark = field(default_factory=lambda: Mark(1, 1))
    acc_title: str | None = None
    acc_descr: str | None = None
    acc_mark: Mark = field(default_factory=lambda: Mark(1, 1))
    header_mark: Mark = field(default_factory=lambda: Mark(1, 1))
    map_type: MapType | None = None
    sections: list[_Section] = field(default_factory=list)


class _Parser:
    """Reads a journey diagram statement by statement; records problems, raises at the end."""

    def __init__(self, text: str, path: str) -> None:
        self.path = path
        text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        self.lines = text.split("\n")
        self.problems = Problems()
        self.diagram = _Diagram()

    def error(self, mark: Mark, message: str) -> None:
        self.problems.add(self.path, mark.line, mark.column, message)

    def statements(self) -> Iterator[_Statement]:
        """Statements after ``journey``; an ``accDescr {`` block is read here whole."""
        lines = self.lines
        number = 0
        seen_header = False
        in_front_matter = False
        while number < len(lines):
            raw = lines[number]
            number += 1
            stripped = raw.strip()
            if number == 1 and stripped == "---":
                in_front_matter = True
                continue
            if in_front_matter:
                if stripped == "---":
                    in_front_matter = False
                else:
                    self._front_matter(stripped, number)
                continue
            if not stripped:
                continue
            if stripped.startswith("%%"):
                self._comment(stripped, seen_header)
                continue
            indent = len(raw) - len(raw.lstrip())
            masked = _mask(raw)
            cut = masked.find("#")
            body = raw if cut < 0 else raw[:cut]
            if not seen_header:
                word = body.strip()
                if word.lower() == "journey":
                    seen_header = True
                    self.diagram.header_mark = Mark(number, indent + 1)
                    continue
                self.error(
                    Mark(number, indent + 1),
                    f"expected 'journey', found '{word[:40]}'; a Mermaid user journey starts "
                    "with the line 'journey' (only %% comments may come before it)",
                )
                return
            keyword = _KEYWORD.match(body)
            word = keyword.group("word").lower() if keyword else ""
            rest = body[keyword.end() :] if keyword else ""
            if word in ("acctitle", "accdescr") and rest.lstrip()[:1] in (":", "{"):
                if word == "accdescr" and rest.lstrip().startswith("{"):
                    number = self._acc_block(raw, number)
                    continue
                yield _Statement(raw[indent:], number, indent + 1)
                continue
            # Outside the accessibility values, `;` separates statements on one line.
            masked_body = _mask(body)
            start = 0
            for index in [*(i for i, c in enumerate(masked_body) if c == ";"), len(body)]:
                part = body[start:index]
                if part.strip():
                    lead = len(part) - len(part.lstrip())
                    yield _Statement(part.strip(), number, start + lead + 1, comment_cut=cut >= 0)
                start = index + 1
        if not seen_header:
            self.error(
                Mark(1, 1),
                "no 'journey' line found; a Mermaid user journey starts with 'journey'",
            )

    def _front_matter(self, line: str, number: int) -> None:
        key, _, value = line.partition(":")
        if key.strip() == "title" and value.strip():
            self.diagram.title = value.strip().strip("'\"")
            self.diagram.title_mark = Mark(number, 1)

    def _comment(self, line: str, seen_header: bool) -> None:
        text = line[2:].strip()
        if seen_header and text.startswith(_TYPE_COMMENT):
            value = text[len(_TYPE_COMMENT) :].strip()
            if value in {t.value for t in MapType}:
                self.diagram.map_type = MapType(value)

    def _acc_block(self, raw: str, number: int) -> int:
        """Read ``accDescr { ... }`` starting on line ``number``; return the next line."""
        brace = raw.index("{")
        start = Mark(number, brace + 1)
        parts = [raw[brace + 1 :]]
        index = number
        while "}" not in parts[-1]:
            if index >= len(self.lines):
                self.error(start, "this 'accDescr {' block is never closed; add a line with '}'")
                return index
            parts.append(self.lines[index])
            index += 1
        last = parts[-1]
        close = last.index("}")
        parts[-1] = last[:close]
        after = last[close + 1 :].strip()
        if after and not after.startswith("%%"):
            # Columns of the closing line count from the line start, not from the "{".
            offset = brace + 1 if len(parts) == 1 else 0
            tail = last[close + 1 :]
            self.error(
                Mark(index, offset + close + 1 + len(tail) - len(tail.lstrip()) + 1),
                "unexpected text after the '}' that closes accDescr; put it on a new line",
            )
        lines = [_decode(p.strip()) for p in parts]
        while lines and not lines[0]:
            lines.pop(0)
        while lines and not lines[-1]:
            lines.pop()
        self._set_descr("\n".join(lines), start)
        return index

    def _set_descr(self, text: str, mark: Mark) -> None:
        if text:
            self.diagram.acc_descr = text
            self.diagram.acc_mark = mark

    def parse(self) -> _Diagram:
        diagram = self.diagram
        current: _Section | None = None
        for statement in self.statements():
            text = statement.text
            keyword = _KEYWORD.match(text)
            word = keyword.group("word").lower() if keyword else ""
            after = text[keyword.end() :] if keyword else ""
            if word in ("acctitle", "accdescr") and after.lstrip().startswith(":"):
                value = _decode(after.lstrip()[1:].strip())
                if word == "acctitle":
                    diagram.acc_title = value or None
                else:
                    self._set_descr(value, statement.at(0))
            elif word == "title" and (not after or after[0].isspace()):
                value = _decode(after.strip())
                if not value:
                    self.error(statement.at(0), "'title' needs text after it")
                diagram.title, diagram.title_mark = value or None, statement.at(0)
            elif word == "section" and (not after or after[0].isspace()):
                name = after.strip()
                if not name:
                    self.error(statement.at(0), "'section' needs a name after it")
                current = _Section(_decode(name) or None, statement.at(0))
                diagram.sections.append(current)
            else:
                task = self._task(statement)
                if task is None:
                    continue
                if current is None:
                    current = _Section(None, statement.at(0))
                    diagram.sections.append(current)
                current.tasks.append(task)
        return diagram

    def _task(self, statement: _Statement) -> _Task | None:
        text = statement.text
        masked = _mask(text)
        colon = masked.find(":")
        if colon < 0:
            hint = (
                " (a '#' starts a comment in Mermaid; write #35; for the character)"
                if statement.comment_cut
                else ""
            )
            self.error(
                statement.at(len(text.rstrip())),
                f"task '{_decode(text.strip())}' has no score; write it as "
                f"'{_decode(text.strip())}: 5' (a score from {SCORE_MIN} to {SCORE_MAX}, then "
                f"optionally ': actor, actor'){hint}",
            )
            return None
        name = _decode(text[:colon].strip())
        if not name:
            self.error(statement.at(0), "this task has no name before ':'")
            return None
        pieces: list[tuple[int, str]] = []
        start = colon + 1
        for index in [*(i for i in range(start, len(text)) if masked[i] == ":"), len(text)]:
            pieces.append((start, text[start:index]))
            start = index + 1
        if len(pieces) > 2:
            offset = pieces[2][0] - 1
            self.error(
                statement.at(offset),
                "a task has at most two ':' (name: score: actors); write #58; for a ':' "
                "inside a name",
            )
            return None
        score_at, score_text = pieces[0]
        lead = len(score_text) - len(score_text.lstrip())
        score_value = score_text.strip()
        if not re.fullmatch(r"[0-9]+", score_value) or not (
            SCORE_MIN <= int(score_value) <= SCORE_MAX
        ):
            shown = f"'{score_value}'" if score_value else "nothing"
            self.error(
                statement.at(score_at + (lead if score_value else 0)),
                f"the score of task '{name}' is {shown}; Mermaid scores are whole numbers "
                f"from {SCORE_MIN} (worst) to {SCORE_MAX} (best)",
            )
            return None
        actors: list[str] = []
        if len(pieces) == 2:
            actors = [_decode(a.strip()) for a in pieces[1][1].split(",") if a.strip()]
        return _Task(name, int(score_value), actors, statement.at(0))


def _emotion_score(scores: list[int]) -> int:
    """Mean Mermaid score on the map's scale, rounded half away from zero, clamped."""
    mean = Fraction(sum(scores), len(scores)) - SCORE_OFFSET
    rounded = int(abs(mean) + Fraction(1, 2)) * (1 if mean >= 0 else -1)
    return max(EMOTION_MIN, min(EMOTION_MAX, rounded))


def _match_persona(actor: str, personas: Mapping[str, Persona]) -> str | None:
    wanted = actor.casefold()
    for persona_id, persona in personas.items():
        if wanted in (persona_id.casefold(), persona.name.casefold()):
            return persona_id
    return None


def _humanize(path: str) -> str | None:
    stem = re.split(r"[\\/]", path)[-1].rsplit(".", 1)[0]
    words = re.sub(r"[-_]+", " ", stem).strip()
    return words[:1].upper() + words[1:] if words and not stem.startswith("<") else None


def mermaid_to_map_yaml(
    text: str,
    *,
    path: str = "<mermaid>",
    map_type: MapType | str | None = None,
    personas: Mapping[str, Persona] | None = None,
    schema_comment: str = SCHEMA_COMMENT,
) -> str:
    """Map YAML from a Mermaid journey; raises :class:`GalleryError` listing every problem.

    ``map_type`` None takes the type recorded by :func:`map_to_mermaid`, else
    ``current-state``. ``personas`` (a gallery's, by id) let an actor become the persona.
    """
    data, comments, _ = _convert(text, path=path, map_type=map_type, personas=personas)
    header = [f"Imported from the Mermaid journey {path} by journey-maps import mermaid."]
    return map_document(
        data, header=header, column_comments=comments, schema_comment=schema_comment
    )


def mermaid_to_map(
    text: str,
    *,
    path: str = "<mermaid>",
    map_type: MapType | str | None = None,
    personas: Mapping[str, Persona] | None = None,
) -> JourneyMap:
    """The validated map of a Mermaid journey (as :func:`mermaid_to_map_yaml`, as a model)."""
    return _convert(text, path=path, map_type=map_type, personas=personas)[2]


def _convert(
    text: str,
    *,
    path: str,
    map_type: MapType | str | None,
    personas: Mapping[str, Persona] | None,
) -> tuple[dict[str, Any], dict[int, str], JourneyMap]:
    """Map data, per-column comments and the checked model of a Mermaid journey."""
    parser = _Parser(text, path)
    diagram = parser.parse()
    if parser.problems.errors:
        raise GalleryError(parser.problems.sorted())
    kind = MapType(map_type) if map_type is not None else diagram.map_type
    kind = kind or MapType.CURRENT_STATE
    if kind is MapType.EMPATHY:
        raise fail(
            path,
            diagram.header_mark.line,
            diagram.header_mark.column,
            "an empathy map has no stages; import a journey as current-state, future-state "
            "or day-in-the-life",
        )
    if not diagram.sections:
        raise fail(
            path,
            diagram.header_mark.line,
            diagram.header_mark.column,
            "the journey has no sections or tasks; add 'section Name' and tasks 'Task: 5'",
        )
    title = diagram.title or diagram.acc_title or _humanize(path) or "Imported journey"
    positions: dict[Loc, Mark] = {
        ("title",): diagram.title_mark,
        ("type",): diagram.header_mark,
        ("summary",): diagram.acc_mark,
        ("scenario",): diagram.header_mark,
        ("persona",): diagram.header_mark,
    }
    data: dict[str, Any] = {"type": kind.value, "title": title}
    summary = [s for s in (diagram.acc_title, diagram.acc_descr) if s and s != title]
    if summary:
        data["summary"] = "\n\n".join(summary)
    actors = list(dict.fromkeys(a for s in diagram.sections for t in s.tasks for a in t.actors))
    persona = next(
        (p for p in (_match_persona(a, personas or {}) for a in actors) if p is not None), None
    )
    others = [a for a in actors if persona is None or _match_persona(a, personas or {}) != persona]
    if others:
        data["scenario"] = "Actors: " + ", ".join(others)
    if persona:
        data["persona"] = persona
    section_key = "slots" if kind is MapType.DAY_IN_THE_LIFE else "stages"
    positions[(section_key,)] = diagram.header_mark
    columns: list[dict[str, Any]] = []
    comments: dict[int, str] = {}
    for index, section in enumerate(diagram.sections):
        loc: Loc = (section_key, index)
        name = section.name or title
        column: dict[str, Any] = {}
        if kind is MapType.DAY_IN_THE_LIFE:
            time, _, slot_name = name.partition(SLOT_SEPARATOR.strip())
            column["time"] = time.strip()
            if slot_name.strip():
                column["name"] = slot_name.strip()
            positions[(*loc, "time")] = section.mark
        else:
            column["name"] = name
        positions[loc] = section.mark
        positions[(*loc, "name")] = section.mark
        tasks = section.tasks
        actions = [t.name for t in tasks]
        if len(tasks) == 1 and tasks[0].name == name:
            actions = []
        if actions:
            column["actions"] = actions
            for number, task in enumerate(tasks):
                positions[(*loc, "actions", number)] = task.mark
        if tasks:
            column["emotion"] = {"score": _emotion_score([t.score for t in tasks])}
            positions[(*loc, "emotion")] = tasks[0].mark
            if len({t.score for t in tasks}) > 1:
                listed = "; ".join(f"{t.name} ({t.score})" for t in tasks)
                comments[index] = (
                    f"Mermaid task scores (0-5), averaged into emotion.score: {listed}"
                )
        columns.append(column)
    data[section_key] = columns
    model = check_map(path, data, positions)
    return data, comments, model


# --- writing --------------------------------------------------------------------------------


def _escape(text: str, also: str = ":;") -> str:
    """Text Mermaid reads back as itself, on one line (see the module docs for the codes).

    ``#`` is always coded: Mermaid decodes ``#...;`` everywhere, and elsewhere it starts a
    comment. ``also`` lists the characters that end the kind of text being written.
    """
    coded = re.compile(f"[#{re.escape(also)}]")
    return coded.sub(lambda m: f"#{ord(m.group(0))};", " ".join(text.split()))


def _task_text(text: str) -> str:
    escaped = _escape(text)
    keyword = _KEYWORD.match(escaped)
    if (keyword and keyword.group("word").lower() in _KEYWORDS) or escaped.startswith("%"):
        escaped = f"#{ord(escaped[0])};{escaped[1:]}"
    return escaped


def map_to_mermaid(journey: JourneyMap, persona: Persona | None = None) -> str:
    """The map as a Mermaid ``journey`` diagram (see the module docs for what maps to what).

    The actor of every task is the persona's name, else the map's persona id; none if the
    map has no persona. Raises :class:`MermaidExportError` for an empathy map.
    """
    if journey.type is MapType.EMPATHY or not journey.columns:
        raise MermaidExportError(
            f"'{journey.title}' is an empathy map; Mermaid user journeys need stages, so only "
            "current-state, future-state and day-in-the-life maps can be exported"
        )
    actor = persona.name if persona else journey.persona
    suffix = f": {_escape(actor, ':;,')}" if actor else ""
    out = ["journey", f"    %% {_TYPE_COMMENT} {journey.type.value}"]
    out.append(f"    title {_escape(journey.title)}")
    out.append(f"    accTitle: {_escape(journey.title, '')}")
    if journey.summary:
        lines = [" ".join(line.split()) for line in journey.summary.strip().split("\n")]
        if len(lines) == 1:
            out.append(f"    accDescr: {_escape(lines[0], '')}")
        else:
            out.append("    accDescr {")
            out.extend(f"        {_escape(line, '}')}" if line else "" for line in lines)
            out.append("    }")
    for column in journey.columns:
        score = (column.emotion.score if column.emotion else 0) + SCORE_OFFSET
        title = column.title
        out.append(f"    section {_escape(title)}")
        tasks = [a.text for a in column.actions] or [title]
        out.extend(f"      {_task_text(task)}: {score}{suffix}" for task in tasks)
    return "\n".join(out) + "\n"


def map_slug(journey: JourneyMap) -> str:
    """A file name stem for the map's exports."""
    return journey.id or slugify(journey.title) or "journey"
