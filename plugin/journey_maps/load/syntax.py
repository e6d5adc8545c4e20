"""YAML syntax errors, told at the place to fix and in words a map author knows.

PyYAML reports where its parser gave up, which is often not where the mistake is: a quote
left open on line 4 swallows the text up to the next quote, and the parser stumbles on
line 8. Each rule here looks at the file itself (the character at the error, the quoted
texts before it) rather than at PyYAML's English, and falls back to PyYAML's own words.
"""

from __future__ import annotations

import yaml

from journey_maps.core.document import Mark

_FALLBACK_HINT = "check indentation, colons and quotes"


def syntax_problem(error: yaml.MarkedYAMLError, text: str) -> tuple[Mark, str]:
    """Where to point and what to say for ``error``, raised while parsing ``text``."""
    mark = error.problem_mark or error.context_mark
    if mark is None:
        return Mark(1, 1), f"YAML syntax error: {error.problem or 'invalid YAML'}"
    if 0 <= mark.index < len(text) and text[mark.index] == "\t":
        return Mark(mark.line + 1, mark.column + 1), _tab_message(text, mark.index)
    if error.context_mark is not None and "end of stream" in (error.problem or ""):
        # An unclosed quote or bracket at the end of the file: where it opens is the place.
        mark = error.context_mark
    else:
        opened = _runaway_quote(text, mark.line)
        if opened is not None:
            return Mark(opened.line + 1, opened.column + 1), (
                f"YAML syntax error: the quoted text that opens here runs on to line "
                f"{mark.line + 1}, where reading fails; is its closing quote missing?"
            )
    context = f" ({error.context})" if error.context else ""
    what = error.problem or "invalid YAML"
    return Mark(
        mark.line + 1, mark.column + 1
    ), f"YAML syntax error: {what}{context}; {_FALLBACK_HINT}"


def _tab_message(text: str, index: int) -> str:
    line_start = text.rfind("\n", 0, index) + 1
    if not text[line_start:index].strip(" \t"):
        return (
            "YAML indents with spaces, not tabs: replace the tab at the start of this line "
            "with spaces"
        )
    return "a tab cannot start a value here; use spaces, or put text that holds a tab in quotes"


def _runaway_quote(text: str, error_line: int) -> yaml.Mark | None:
    """The start of a quoted text that spans lines and ends on ``error_line`` (0-based).

    Such a text right before the error is the classic unclosed quote: the next quote in the
    file closed it, and what followed that quote made no sense to the parser.
    """
    found = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            start, end = token.start_mark, token.end_mark
            if start.line > error_line:
                break
            quoted = isinstance(token, yaml.ScalarToken) and token.style in ('"', "'")
            if quoted and start.line < end.line == error_line:
                found = start
    except yaml.YAMLError:
        pass  # the scanner stopped at or after the error; what it saw so far is enough
    return found
