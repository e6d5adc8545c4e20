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
comments, entity codes, front matter and directives) and its journey grammar.

What Mermaid reads before the diagram
-------------------------------------

* YAML front matter: ``---`` on the first line that is not blank (Mermaid trims a diagram
  before reading it), indented or not, up to a ``---`` line with the same indentation. Its
  ``title`` is the diagram title unless a ``title`` statement follows; ``config`` and the
  rest say how to draw, not what the journey holds, and are left out. YAML that cannot be
  read is an error, as it is for Mermaid.
* Directives ``%%{init: ...}%%`` (or ``%%{wrap}%%``...), anywhere and over several lines,
  are left out like Mermaid does; so are ``%%`` comment lines, also inside an
  ``accDescr { ... }`` block.
* A diagram is a journey when, after these, its first word is ``journey``
  (:func:`is_mermaid_journey`, how a Markdown fence is recognised). Statements may follow
  ``journey`` on its line, as they may follow the ``}`` that closes ``accDescr``.

Import (:func:`mermaid_to_map_yaml`)
------------------------------------

* ``section`` → a stage, named by the section (ids derived from the names as usual); for a
  ``day-in-the-life`` map a time slot, whose section text ``"07:30 · School run"`` splits
  into time and name. Tasks before the first section go into a stage named after the title.
  A section without tasks, which Mermaid does not draw, is kept as a stage without actions.
* task → an action of that stage. A section whose only task is named like the section
  itself (what the export writes for a stage without actions) gets no action.
* ``<br>``, ``<br/>``, ``<br />`` (any case) in a section or task name → a line break in
  the stage name or action, as Mermaid draws it; names may hold line breaks and the
  diagrams draw them as such. In a title or an actor, which Mermaid draws on one line, it
  is a space. Tabs and runs of spaces in names are one space.
* scores → the stage's emotion: the mean of its tasks' scores moved from Mermaid's 0..5 to
  the map's -2..+2 scale (minus 3), rounded half away from zero, and kept within -2..+2
  (a mean below 1 gives -2). A score is a number, spaces around it allowed (``: 4.5 :``);
  one outside 0..5 counts as the nearest end. Mixed scores in one section are kept in a
  YAML comment above the stage, since the map has one emotion per stage, not one per
  action. (Exported files only use whole scores from 1 to 5.)
* actors → if an actor is the id or the name of a persona of the gallery, the first such
  actor becomes the map's ``persona``; every other actor is listed in ``scenario`` as
  ``Actors: A, B``. Empty actors (``Me, , Cat``) are dropped.
* ``title`` (or the front matter's) → title (else ``accTitle``, else the file name);
  ``accTitle`` (when it is not the title) and ``accDescr``, single-line or
  ``accDescr { ... }`` block → ``summary``.
* ``%%`` comment lines, blank lines, indentation (spaces or tabs), keywords in any case and
  ``;`` between statements (which Mermaid's own grammar rejects) are allowed; as in
  Mermaid, a ``#`` that does not start an entity code starts a comment that runs to the end
  of the line. Entity codes (``#35;``, ``#quot;``) are decoded.

Problems are ``file:line:col: error: ...`` at the Mermaid line: text before ``journey``,
front matter never closed or not YAML, a task without ``: score``, a score that is not a
number, an unclosed ``accDescr {`` block, a journey without tasks (which Mermaid draws as
an empty diagram, but a map file needs a stage), and map rules (a name too long, too many
stages) at the line they come from.

Where Mermaid draws the diagram but the map cannot keep all of it, the import goes on with
a ``warning`` (listed in the output's header comment too): a score outside 0..5, and text
after a task's third ``:`` (Mermaid shows nothing of it).

Export (:func:`map_to_mermaid`)
-------------------------------

A section per stage (or time slot, as ``time · name``), a task per action (the stage name
when it has none), every task scored with the stage's emotion plus 3 (3 when it has none),
the persona's name as the actor. Line breaks in stage names and actions are written as
``<br>``. ``title`` and ``accTitle`` are the map title, ``accDescr``
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
a code, and a ``<br>`` that is text, not a break, has its ``<`` coded (``#60;``). Line
breaks and runs of spaces in one-line texts (titles, actors) become single spaces. Empathy
maps have no stages and cannot be exported (:class:`MermaidExportError`).
"""

from __future__ import annotations

import html.entities
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import yaml

from journey_maps.core.document import Loc, Mark
from journey_maps.core.errors import GalleryError, Problems, Severity
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
_HEADER = re.compile(r"journey(?=\s|$)", re.IGNORECASE)
# Mermaid draws `<br>`, `<br/>` and `<br />` in section and task names as line breaks.
_BREAK = re.compile(r"</?br\s*/?>", re.IGNORECASE)
# `%%{init: ...}%%` and other directives, possibly over several lines; Mermaid takes them out
# of the diagram (anywhere in it) before reading it, and one never closed runs to the end.
_DIRECTIVE = re.compile(r"%%\{\s*\w+(?:(?!\}%%).)*(?:\}%%)?", re.DOTALL)
_FENCE_LINE = re.compile(r"(?P<indent>[ \t]*)---[ \t]*")
_TITLE_KEY = re.compile(r"\s*title\s*:")
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
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


def _one_line(text: str) -> str:
    """A title or actor as Mermaid draws it: one line, ``<br>`` and whitespace runs a space."""
    return _decode(" ".join(_BREAK.sub(" ", text).split()))


def _name(text: str) -> str:
    """A section or task name: Mermaid draws each ``<br>`` as a line break, so it becomes one;
    tabs and runs of spaces are one space."""
    return "\n".join(_decode(" ".join(part.split())) for part in _BREAK.split(text)).strip()


def _blank(text: str) -> str:
    """``text`` with every character but line breaks as a space: positions stay true."""
    return re.sub(r"[^\n]", " ", text)


@dataclass(frozen=True)
class _FrontMatter:
    """A ``---`` block at the top: its opening line, closing line (None if never closed)."""

    start: int
    end: int | None
    indent: str


def _find_front_matter(lines: list[str]) -> _FrontMatter | None:
    """Front matter as Mermaid finds it: ``---`` on the first line that is not blank (Mermaid
    trims the diagram first), closed by ``---`` with the same indentation."""
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    opening = _FENCE_LINE.fullmatch(lines[first]) if first is not None else None
    if first is None or opening is None:
        return None
    indent = opening["indent"]
    for index in range(first + 1, len(lines)):
        closing = _FENCE_LINE.fullmatch(lines[index])
        if closing is not None and closing["indent"] == indent:
            return _FrontMatter(first, index, indent)
    return _FrontMatter(first, None, indent)


def _source_lines(text: str, front_matter: _FrontMatter | None) -> list[str]:
    """The lines Mermaid reads statements from: front matter and ``%%{...}%%`` directives
    (anywhere, even over several lines) blanked out, so lines and columns stay true."""
    lines = text.split("\n")
    if front_matter is not None and front_matter.end is not None:
        for index in range(front_matter.start, front_matter.end + 1):
            lines[index] = ""
    return _DIRECTIVE.sub(lambda m: _blank(m.group(0)), "\n".join(lines)).split("\n")


def _normalized(text: str) -> str:
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def is_mermaid_journey(text: str) -> bool:
    """Whether Mermaid takes ``text`` for a user journey: after front matter, directives and
    ``%%`` comments, the diagram starts with ``journey``."""
    text = _normalized(text)
    for line in _source_lines(text, _find_front_matter(text.split("\n"))):
        code = line.split("%%", 1)[0].strip()
        if code:
            return code.startswith("journey")
    return False


def _yaml_text(value: object) -> str:
    """A YAML value as Mermaid turns it into a title (``true``, not Python's ``True``)."""
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


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
    score: Fraction
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
    """Reads a journey diagram statement by statement; records problems, raises at the end.

    ``header`` False lets the ``journey`` line be left out (a ```` ```journey ```` fence).
    """

    def __init__(self, text: str, path: str, *, header: bool = True) -> None:
        self.path = path
        self.problems = Problems()
        self.diagram = _Diagram()
        self.header_optional = not header
        self.seen_header = False
        text = _normalized(text)
        self.front_matter = _find_front_matter(text.split("\n"))
        self.lines = _source_lines(text, self.front_matter)
        block = self.front_matter
        if block is not None and block.end is not None:
            body = text.split("\n")[block.start + 1 : block.end]
            self._read_front_matter([line.removeprefix(block.indent) for line in body], block)

    def error(self, mark: Mark, message: str) -> None:
        self.problems.add(self.path, mark.line, mark.column, message)

    def warning(self, mark: Mark, message: str) -> None:
        self.problems.add(self.path, mark.line, mark.column, message, Severity.WARNING)

    def _read_front_matter(self, body: list[str], block: _FrontMatter) -> None:
        """Take the diagram title from YAML front matter (its ``body`` lines, unindented), as
        Mermaid does; the rest (``config`` and such) is how to draw, not what the journey says.
        """
        try:
            data = yaml.safe_load("\n".join(body))
        except RecursionError:
            self.error(Mark(block.start + 2, 1), "the front matter is nested too deeply to read")
            return
        except yaml.YAMLError as exc:
            place = exc.problem_mark if isinstance(exc, yaml.MarkedYAMLError) else None
            line = block.start + 2 + (place.line if place else 0)
            column = len(block.indent) + 1 + (place.column if place else 0)
            reason = exc.problem if isinstance(exc, yaml.MarkedYAMLError) else None
            self.error(
                Mark(line, column),
                f"the front matter is not valid YAML ({reason or 'cannot be read'}); "
                "Mermaid cannot draw the diagram either",
            )
            return
        title = data.get("title") if isinstance(data, dict) else None
        # Mermaid ignores an empty, false or zero title, as here; a list or mapping is no title.
        if title and isinstance(title, str | int | float):
            key = next((i for i, line in enumerate(body) if _TITLE_KEY.match(line)), -1)
            self.diagram.title = _one_line(_yaml_text(title))
            self.diagram.title_mark = Mark(block.start + 2 + key, len(block.indent) + 1)

    def statements(self) -> Iterator[_Statement]:
        """Statements after ``journey``; an ``accDescr {`` block is read here whole."""
        index = 0
        while index < len(self.lines):
            raw = self.lines[index]
            index += 1
            stripped = raw.strip()
            if not stripped:
                continue
            if stripped.startswith("%%"):
                self._comment(stripped)
                continue
            if not self.seen_header:
                if not (self._take_header(index - 1) or self.header_optional):
                    self._no_header(index - 1)
                    return
                self.seen_header = True
                index -= 1  # the rest of the line holds statements
                continue
            indent = len(raw) - len(raw.lstrip())
            masked = _mask(raw)
            cut = masked.find("#")
            body = raw if cut < 0 else raw[:cut]
            keyword = _KEYWORD.match(body)
            word = keyword.group("word").lower() if keyword else ""
            rest = body[keyword.end() :] if keyword else ""
            if word in ("acctitle", "accdescr") and rest.lstrip()[:1] in (":", "{"):
                if word == "accdescr" and rest.lstrip().startswith("{"):
                    index = self._acc_block(index - 1)
                    continue
                yield _Statement(raw[indent:], index, indent + 1)
                continue
            # Outside the accessibility values, `;` separates statements on one line.
            masked_body = _mask(body)
            start = 0
            for end in [*(i for i, c in enumerate(masked_body) if c == ";"), len(body)]:
                part = body[start:end]
                if part.strip():
                    lead = len(part) - len(part.lstrip())
                    yield _Statement(part.strip(), index, start + lead + 1, comment_cut=cut >= 0)
                start = end + 1
        if not self.seen_header and not self.header_optional:
            self.error(
                Mark(1, 1),
                "no 'journey' line found; a Mermaid user journey starts with 'journey'",
            )

    def _take_header(self, index: int) -> bool:
        """Blank out ``journey`` at the start of line ``index``; False if it is not there.

        Mermaid reads statements right after the word, so the rest of the line is kept.
        """
        raw = self.lines[index]
        indent = len(raw) - len(raw.lstrip())
        header = _HEADER.match(raw, indent)
        if header is None:
            return False
        self.diagram.header_mark = Mark(index + 1, indent + 1)
        self.lines[index] = " " * header.end() + raw[header.end() :]
        return True

    def _no_header(self, index: int) -> None:
        raw = self.lines[index]
        indent = len(raw) - len(raw.lstrip())
        mark = Mark(index + 1, indent + 1)
        block = self.front_matter
        if block is not None and block.end is None and block.start == index:
            self.error(
                mark,
                "this front matter is never closed; end it with a line '---' indented like "
                "this one, then write 'journey'",
            )
            return
        cut = _mask(raw).find("#")
        found = (raw if cut < 0 else raw[:cut]).strip()
        self.error(
            mark,
            f"expected 'journey', found '{found[:40]}'; a Mermaid user journey starts with "
            "the line 'journey' (only front matter, %%{init: ...}%% directives and %% "
            "comments may come before it)",
        )

    def _comment(self, line: str) -> None:
        text = line[2:].strip()
        if self.seen_header and text.startswith(_TYPE_COMMENT):
            value = text[len(_TYPE_COMMENT) :].strip()
            if value in {t.value for t in MapType}:
                self.diagram.map_type = MapType(value)

    def _acc_block(self, index: int) -> int:
        """Read ``accDescr { ... }`` from line ``index`` on; return the line to read next.

        That is the closing line, blanked up to its ``}``: Mermaid reads statements right
        after the brace. ``%%`` comment lines inside the block are left out, as Mermaid does.
        """
        brace = self.lines[index].index("{")
        start = Mark(index + 1, brace + 1)
        parts: list[str] = []
        line, column = index, brace + 1
        while True:
            if line >= len(self.lines):
                self.error(start, "this 'accDescr {' block is never closed; add a line with '}'")
                return line
            text = self.lines[line][column:]
            is_comment = line > index and text.strip().startswith("%%")
            close = -1 if is_comment else text.find("}")
            if close >= 0:
                parts.append(text[:close])
                end = column + close + 1
                self.lines[line] = " " * end + self.lines[line][end:]
                break
            if not is_comment:
                parts.append(text)
            line, column = line + 1, 0
        lines = [_decode(p.strip()) for p in parts]
        while lines and not lines[0]:
            lines.pop(0)
        while lines and not lines[-1]:
            lines.pop()
        self._set_descr("\n".join(lines), start)
        return line

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
                value = _one_line(after)
                if not value:
                    self.error(statement.at(0), "'title' needs text after it")
                diagram.title, diagram.title_mark = value or None, statement.at(0)
            elif word == "section" and (not after or after[0].isspace()):
                name = _name(after)
                if not name:
                    self.error(statement.at(0), "'section' needs a name after it")
                current = _Section(name or None, statement.at(0))
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
        name = _name(text[:colon])
        if not name:
            self.error(statement.at(0), "this task has no name before ':'")
            return None
        pieces: list[tuple[int, str]] = []
        start = colon + 1
        for index in [*(i for i in range(start, len(text)) if masked[i] == ":"), len(text)]:
            pieces.append((start, text[start:index]))
            start = index + 1
        if len(pieces) > 2:
            lost = _decode(text[pieces[2][0] - 1 :].strip())
            self.warning(
                statement.at(pieces[2][0] - 1),
                f"Mermaid shows nothing after the third ':' of task '{name}', so '{lost}' is "
                "not kept; write #58; for a ':' inside a name or an actor",
            )
        score = self._score(statement, name, *pieces[0])
        if score is None:
            return None
        actors: list[str] = []
        if len(pieces) > 1:
            actors = [a for a in (_one_line(p) for p in pieces[1][1].split(",")) if a]
        return _Task(name, score, actors, statement.at(0))

    def _score(self, statement: _Statement, task: str, at: int, text: str) -> Fraction | None:
        """The task's score as Mermaid reads it (a number; spaces around it do not matter).

        One outside 0..5 is drawn by Mermaid off the scale, so it is kept at the nearest end,
        with a warning.
        """
        value = text.strip()
        mark = statement.at(at + len(text) - len(text.lstrip()) if value else at)
        if not _NUMBER.fullmatch(value):
            shown = f"'{value}'" if value else "nothing"
            self.error(
                mark,
                f"the score of task '{task}' is {shown}; Mermaid scores are numbers from "
                f"{SCORE_MIN} (worst) to {SCORE_MAX} (best)",
            )
            return None
        score = Fraction(value)
        kept = min(max(score, Fraction(SCORE_MIN)), Fraction(SCORE_MAX))
        if kept != score:
            self.warning(
                mark,
                f"the score of task '{task}' is {value}, outside Mermaid's scale from "
                f"{SCORE_MIN} (worst) to {SCORE_MAX} (best); it counts as {kept}",
            )
        return kept


def _emotion_score(scores: list[Fraction]) -> int:
    """Mean Mermaid score on the map's scale, rounded half away from zero, clamped."""
    mean = sum(scores, Fraction(0)) / len(scores) - SCORE_OFFSET
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
    warnings: Problems | None = None,
) -> str:
    """Map YAML from a Mermaid journey; raises :class:`GalleryError` listing every problem.

    ``map_type`` None takes the type recorded by :func:`map_to_mermaid`, else
    ``current-state``. ``personas`` (a gallery's, by id) let an actor become the persona.
    Warnings (what the map could not keep) go to ``warnings`` and into the header comment.
    """
    found = Problems()
    data, comments, _ = _convert(
        text, path=path, map_type=map_type, personas=personas, warnings=found
    )
    if warnings is not None:
        warnings.extend(found)
    header = [f"Imported from the Mermaid journey {path} by journey-maps import mermaid."]
    header += [problem.format() for problem in found.sorted()]
    return map_document(
        data, header=header, column_comments=comments, schema_comment=schema_comment
    )


def mermaid_to_map(
    text: str,
    *,
    path: str = "<mermaid>",
    map_type: MapType | str | None = None,
    personas: Mapping[str, Persona] | None = None,
    warnings: Problems | None = None,
    header: bool = True,
    allow_empty: bool = False,
) -> JourneyMap:
    """The validated map of a Mermaid journey (as :func:`mermaid_to_map_yaml`, as a model).

    For drawing a diagram: ``header`` False lets the ``journey`` line be left out, and
    ``allow_empty`` gives a journey without tasks (a valid, empty Mermaid diagram) as a map
    without stages, which no map file may be.
    """
    return _convert(
        text,
        path=path,
        map_type=map_type,
        personas=personas,
        warnings=warnings,
        header=header,
        allow_empty=allow_empty,
    )[2]


def _convert(
    text: str,
    *,
    path: str,
    map_type: MapType | str | None,
    personas: Mapping[str, Persona] | None,
    warnings: Problems | None,
    header: bool = True,
    allow_empty: bool = False,
) -> tuple[dict[str, Any], dict[int, str], JourneyMap]:
    """Map data, per-column comments and the checked model of a Mermaid journey."""
    parser = _Parser(text, path, header=header)
    diagram = parser.parse()
    if warnings is not None:
        warnings.extend(Problems(parser.problems.warnings))
    if parser.problems.errors:
        raise GalleryError(Problems(parser.problems.errors).sorted())
    kind = MapType(map_type) if map_type is not None else diagram.map_type
    kind = kind or MapType.CURRENT_STATE
    header_at = diagram.header_mark
    if kind is MapType.EMPATHY:
        raise fail(
            path,
            header_at.line,
            header_at.column,
            "an empathy map has no stages; import a journey as current-state, future-state "
            "or day-in-the-life",
        )
    if not diagram.sections and not allow_empty:
        raise fail(
            path,
            header_at.line,
            header_at.column,
            "the journey has no sections or tasks; add 'section Name' and tasks 'Task: 5'",
        )
    title = diagram.title or diagram.acc_title or _humanize(path) or "Imported journey"
    data, positions = _about(diagram, kind, title, personas or {})
    section_key = "slots" if kind is MapType.DAY_IN_THE_LIFE else "stages"
    positions[(section_key,)] = header_at
    comments: dict[int, str] = {}
    data[section_key] = [
        _column(section, index, kind, title, positions, comments)
        for index, section in enumerate(diagram.sections)
    ]
    if not diagram.sections:
        return data, comments, _without_columns(path, data, positions, section_key)
    return data, comments, check_map(path, data, positions)


def _about(
    diagram: _Diagram, kind: MapType, title: str, personas: Mapping[str, Persona]
) -> tuple[dict[str, Any], dict[Loc, Mark]]:
    """What the map says about the whole journey (type, title, summary, persona, actors),
    and where each of these comes from in the diagram."""
    at = diagram.header_mark
    positions: dict[Loc, Mark] = {
        ("title",): diagram.title_mark,
        ("type",): at,
        ("summary",): diagram.acc_mark,
        ("scenario",): at,
        ("persona",): at,
    }
    data: dict[str, Any] = {"type": kind.value, "title": title}
    summary = [s for s in (diagram.acc_title, diagram.acc_descr) if s and s != title]
    if summary:
        data["summary"] = "\n\n".join(summary)
    actors = list(dict.fromkeys(a for s in diagram.sections for t in s.tasks for a in t.actors))
    persona = next(
        (p for p in (_match_persona(a, personas) for a in actors) if p is not None), None
    )
    others = [a for a in actors if persona is None or _match_persona(a, personas) != persona]
    if others:
        data["scenario"] = "Actors: " + ", ".join(others)
    if persona:
        data["persona"] = persona
    return data, positions


def _column(
    section: _Section,
    index: int,
    kind: MapType,
    title: str,
    positions: dict[Loc, Mark],
    comments: dict[int, str],
) -> dict[str, Any]:
    """The stage (or time slot) of one section; records its positions and score comment."""
    loc: Loc = ("slots" if kind is MapType.DAY_IN_THE_LIFE else "stages", index)
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
    if not (len(tasks) == 1 and tasks[0].name == name):
        if tasks:
            column["actions"] = [t.name for t in tasks]
        for number, task in enumerate(tasks):
            positions[(*loc, "actions", number)] = task.mark
    if tasks:
        column["emotion"] = {"score": _emotion_score([t.score for t in tasks])}
        positions[(*loc, "emotion")] = tasks[0].mark
        if len({t.score for t in tasks}) > 1:
            listed = "; ".join(f"{' '.join(t.name.split())} ({_number(t.score)})" for t in tasks)
            comments[index] = f"Mermaid task scores (0-5), averaged into emotion.score: {listed}"
    return column


def _number(score: Fraction) -> str:
    return str(score.numerator) if score.denominator == 1 else str(float(score))


def _without_columns(
    path: str, data: dict[str, Any], positions: dict[Loc, Mark], section_key: str
) -> JourneyMap:
    """The map of a journey without tasks, which Mermaid draws empty. Its fields are checked
    as any map's, with one stand-in stage (a map file needs one), taken out again after."""
    stand_in = check_map(path, {**data, section_key: [{"name": "stand-in"}]}, positions)
    return stand_in.model_copy(update={section_key: []})


# --- writing --------------------------------------------------------------------------------


def _escape(text: str, also: str = ":;") -> str:
    """Text Mermaid reads back as itself, on one line (see the module docs for the codes).

    ``#`` is always coded: Mermaid decodes ``#...;`` everywhere, and elsewhere it starts a
    comment. ``also`` lists the characters that end the kind of text being written.
    """
    coded = re.compile(f"[#{re.escape(also)}]")
    escaped = coded.sub(lambda m: f"#{ord(m.group(0))};", " ".join(text.split()))
    # A literal `<br>` would read back as a line break: its `<` is written as a code.
    return _BREAK.sub(lambda m: f"#{ord('<')};{m.group(0)[1:]}", escaped)


def _name_text(text: str) -> str:
    """A section or task name: its line breaks as ``<br>``, which Mermaid draws as breaks."""
    return "<br>".join(_escape(line) for line in text.strip().split("\n"))


def _task_text(text: str) -> str:
    escaped = _name_text(text)
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
        out.append(f"    section {_name_text(title)}")
        tasks = [a.text for a in column.actions] or [title]
        out.extend(f"      {_task_text(task)}: {score}{suffix}" for task in tasks)
    return "\n".join(out) + "\n"


def map_slug(journey: JourneyMap) -> str:
    """A file name stem for the map's exports."""
    return journey.id or slugify(journey.title) or "journey"
