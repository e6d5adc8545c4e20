"""Pydantic's validation errors, told as sentences a map author can act on.

Pydantic reports *what* failed (``extra_forbidden`` at ``stages[2].oportunities``); an author
needs *what to write instead*: the closest allowed key, the allowed values, the scale of a
score. Each error type has one explaining function in :data:`_EXPLAIN`. Everything they say
comes from the error's structured fields and from the schema itself (a field's enum, the
keys a model allows), never from pydantic's English wording, which may change between
releases; only an error type nobody taught us falls back to pydantic's own message.
"""

from __future__ import annotations

import enum
import types
import typing
from collections.abc import Callable
from typing import Any, NamedTuple, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from journey_maps.core.document import Document, Loc
from journey_maps.core.errors import Problems, did_you_mean
from journey_maps.core.model import EMOTION_MAX, EMOTION_MIN, MAX_STAGES

M = TypeVar("M", bound=BaseModel)


class Sentence(NamedTuple):
    """A message, the location to mark, and whether to mark its key rather than its value."""

    text: str
    loc: Loc
    at_key: bool = False


def validate_model(model: type[M], doc: Document, problems: Problems) -> M | None:
    """``doc`` as a ``model``, or None after adding every problem at its position."""
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            sentence = explain(error, model)
            mark = doc.mark(sentence.loc, prefer_key=sentence.at_key)
            problems.add(doc.path, mark.line, mark.column, sentence.text)
        return None


def explain(error: ErrorDetails, root: type[BaseModel]) -> Sentence:
    """One pydantic error of validating ``root``, as a sentence with a suggestion."""
    loc: Loc = tuple(error["loc"])
    kind = error["type"]
    if error.get("input", "") is None and kind not in ("missing", "extra_forbidden"):
        name = _field_name(loc)
        return Sentence(f"'{name}' has no value; write one after '{name}:'", loc)
    explainer = _EXPLAIN.get(kind, _as_pydantic_says)
    return explainer(error, root, loc)


# --- finding the schema behind a location --------------------------------------------------


def _field_name(loc: Loc) -> str:
    return next((str(p) for p in reversed(loc) if isinstance(p, str)), "")


def _unwrap(annotation: Any, want: Callable[[Any], bool]) -> Any:
    """The first type inside ``Annotated[list[X] | None, ...]`` and friends that ``want``s."""
    if want(annotation):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0], want)
    if origin in (list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _unwrap(arg, want)
            if found is not None:
                return found
    return None


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _field_annotation(root: type[BaseModel], loc: Loc) -> Any:
    """The annotation of the field at ``loc`` (list indexes skipped), None if unknown."""
    model: type[BaseModel] | None = root
    annotation: Any = None
    for part in loc:
        if isinstance(part, int):
            continue
        if model is None:
            return None
        info = model.model_fields.get(part)
        if info is None:
            return None
        annotation = info.annotation
        model = _unwrap(annotation, _is_model)
    return annotation


def _model_at(root: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    if not any(isinstance(part, str) for part in loc):
        return root
    found: type[BaseModel] | None = _unwrap(_field_annotation(root, loc), _is_model)
    return found


def _allowed_values(root: type[BaseModel], loc: Loc) -> list[str]:
    """The values an enum (or ``Literal``) field accepts, in the schema's order."""

    def is_choice(annotation: Any) -> bool:
        is_enum = isinstance(annotation, type) and issubclass(annotation, enum.Enum)
        return is_enum or typing.get_origin(annotation) is typing.Literal

    choice = _unwrap(_field_annotation(root, loc), is_choice)
    if choice is None:
        return []
    if typing.get_origin(choice) is typing.Literal:
        return [str(value) for value in typing.get_args(choice)]
    return [str(member.value) for member in choice]


def _where(loc: Loc) -> str:
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"[{part + 1}]")
        else:
            parts.append(f".{part}" if parts else part)
    return "".join(parts)


# --- one explanation per error type ---------------------------------------------------------

_Explain = Callable[[ErrorDetails, type[BaseModel], Loc], Sentence]

_LIST_HINTS = {
    "stages": f"a journey has 1 to {MAX_STAGES} stages; split a longer one into several maps",
    "slots": f"a day-in-the-life map has 1 to {MAX_STAGES} time slots",
}

_MISSING_HINTS = {
    "type": "add 'type:' with one of current-state, future-state, day-in-the-life, empathy",
    "title": "add 'title:' with a short name for the map",
    "name": "add 'name:'",
    "time": "add 'time:' with a clock time such as '07:30' or a part of the day such as 'evening'",
    "score": f"add 'score:' from {EMOTION_MIN} to +{EMOTION_MAX}",
    "text": "add 'text:'",
}

#: Media people write where a channel *kind* belongs, and the kind each one is.
_CHANNEL_MEDIA = {
    **dict.fromkeys(
        (
            "email",
            "e-mail",
            "web",
            "website",
            "app",
            "social",
            "social media",
            "chat",
            "chatbot",
            "sms",
            "search",
            "ads",
            "newsletter",
            "web shop",
            "webshop",
            "online shop",
        ),
        "online",
    ),
    **dict.fromkeys(
        (
            "store",
            "shop",
            "physical store",
            "print",
            "post",
            "mail",
            "letter",
            "billboard",
            "radio",
            "tv",
            "television",
            "event",
            "packaging",
            "delivery",
        ),
        "offline",
    ),
    **dict.fromkeys(
        (
            "phone",
            "call",
            "telephone",
            "agent",
            "sales",
            "support",
            "friend",
            "friends",
            "word of mouth",
            "meeting",
            "visit",
        ),
        "person",
    ),
}


def _unknown_key(error: ErrorDetails, root: type[BaseModel], loc: Loc) -> Sentence:
    parent = _model_at(root, loc[:-1])
    allowed = sorted(parent.model_fields) if parent else []
    hint = did_you_mean(str(loc[-1]), allowed)
    return Sentence(f"unknown key '{loc[-1]}'; {hint}allowed here: {', '.join(allowed)}", loc, True)


def _missing(error: ErrorDetails, root: type[BaseModel], loc: Loc) -> Sentence:
    name = _field_name(loc)
    hint = _MISSING_HINTS.get(name, f"add '{name}:'")
    place = _where(loc[:-1]) or "the file"
    return Sentence(f"missing required field '{name}' in {place}; {hint}", loc[:-1])


def _not_allowed(error: ErrorDetails, root: type[BaseModel], loc: Loc) -> Sentence:
    name, given = _field_name(loc), error.get("input")
    medium = _CHANNEL_MEDIA.get(str(given).strip().lower()) if name == "channel" else None
    if medium:
        return Sentence(
            f"'{given}' is a medium, not a channel kind: {given} is '{medium}', so write "
            f"'channel: {medium}' and keep the medium in the touchpoint's name",
            loc,
        )
    options = _allowed_values(root, loc)
    hint = did_you_mean(str(given), options)
    return Sentence(
        f"'{given}' is not a valid {name.replace('_', ' ')}; {hint}use one of: "
        f"{', '.join(options)}",
        loc,
    )


def _too_few(error: ErrorDetails, root: type[BaseModel], loc: Loc) -> Sentence:
    name = _field_name(loc)
    if name in _LIST_HINTS:
        count = error.get("ctx", {}).get("actual_length")
        return Sentence(f"'{name}' has {count} entries; {_LIST_HINTS[name]}", loc)
    return _as_pydantic_says(error, root, loc)


def _too_long(error: ErrorDetails, root: type[BaseModel], loc: Loc) -> Sentence:
    name, ctx, given = _field_name(loc), error.get("ctx", {}), error.get("input")
    if name in _LIST_HINTS:
        return _too_few(error, root, loc)
    if isinstance(given, str):
        return Sentence(
            f"this text is {len(given):,} characters long; '{name}' holds at most "
            f"{ctx.get('max_length'):,}, shorten it",
            loc,
        )
    return Sentence(
        f"'{name}' has {ctx.get('actual_length')} entries; at most {ctx.get('max_length')} "
        "are allowed here",
        loc,
    )


def _not_a_list(error: ErrorDetails, root: type[BaseModel], loc: Loc) -> Sentence:
    return Sentence(f"'{_field_name(loc)}' must be a list (one '- entry' per line)", loc)


def _not_a_mapping(error: ErrorDetails, root: type[BaseModel], loc: Loc) -> Sentence:
    if loc and isinstance(loc[-1], int):
        return _entry_not_a_mapping(error, root, loc)
    return Sentence(
        f"'{_field_name(loc) or 'this entry'}' must be a mapping of fields (key: value)", loc
    )


def _entry_not_a_mapping(error: ErrorDetails, root: type[BaseModel], loc: Loc) -> Sentence:
    """A list entry written as text where each entry is a mapping: show the entry rewritten."""
    model = _model_at(root, loc)
    required = [n for n, info in model.model_fields.items() if info.is_required()] if model else []
    first, rest = (required[0], required[1:]) if required else ("key", [])
    name, given = _field_name(loc), error.get("input")
    if not isinstance(given, str | int | float) or isinstance(given, bool):
        return Sentence(
            f"each entry of '{name}' must be a mapping of fields, such as '- {first}: ...'", loc
        )
    shown = str(getattr(given, "source", given))
    shown = shown if len(shown) <= 40 else f"{shown[:40]}..."
    also = " and add " + ", ".join(f"'{field}:'" for field in rest) if rest else ""
    return Sentence(
        f"each entry of '{name}' is a mapping of fields, not text: write '- {first}: {shown}'"
        f"{also}",
        loc,
    )


def _not_whole(error: ErrorDetails, root: type[BaseModel], loc: Loc) -> Sentence:
    return Sentence(f"'{_field_name(loc)}' must be a whole number", loc)


def _too_small(error: ErrorDetails, root: type[BaseModel], loc: Loc) -> Sentence:
    return Sentence(f"'{_field_name(loc)}' must be at least {error.get('ctx', {}).get('ge')}", loc)


def _too_large(error: ErrorDetails, root: type[BaseModel], loc: Loc) -> Sentence:
    return Sentence(f"'{_field_name(loc)}' must be at most {error.get('ctx', {}).get('le')}", loc)


def _own_message(error: ErrorDetails, root: type[BaseModel], loc: Loc) -> Sentence:
    """Our own validators (model.py) already speak to the author: pass their words on."""
    return Sentence(str(error["msg"]).removeprefix("Value error, "), loc)


def _as_pydantic_says(error: ErrorDetails, root: type[BaseModel], loc: Loc) -> Sentence:
    return Sentence(f"'{_field_name(loc)}': {error['msg']}", loc)


_EXPLAIN: dict[str, _Explain] = {
    "extra_forbidden": _unknown_key,
    "missing": _missing,
    "enum": _not_allowed,
    "literal_error": _not_allowed,
    "too_short": _too_few,
    "too_long": _too_long,
    "string_too_long": _too_long,
    "list_type": _not_a_list,
    "model_type": _not_a_mapping,
    "model_attributes_type": _not_a_mapping,
    "dict_type": _not_a_mapping,
    "int_type": _not_whole,
    "int_parsing": _not_whole,
    "int_from_float": _not_whole,
    "greater_than_equal": _too_small,
    "less_than_equal": _too_large,
    "value_error": _own_message,
}
