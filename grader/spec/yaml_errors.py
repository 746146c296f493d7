"""Malformed YAML, said where the fault is and with what to do.

PyYAML (and libyaml) raise a `MarkedYAMLError` with two marks: `problem_mark`, where the
reader gave up, and `context_mark`, where the construct it was reading opened ("while
scanning a quoted scalar"). For an unclosed quote or bracket the reader gives up at the
end of the file, past the fault: the fault is where the construct opens. For a block
mapping, the construct is the whole mapping and the fault is where the reader gave up.
"""

from __future__ import annotations

from typing import Protocol

import yaml

from grader.errors import Problem

__all__ = ["yaml_problem"]


class _Mark(Protocol):
    line: int
    column: int


def yaml_problem(exc: yaml.MarkedYAMLError, text: str, file: str) -> Problem:
    """The problem of malformed YAML: at the line of the fault, saying what to do."""
    found = exc.problem_mark or exc.context_mark
    tab = _tab(found, text)
    if tab is not None:
        return Problem(file, tab[0], "", f"invalid YAML: {tab[1]}")
    line, message = _located(exc, text)
    return Problem(file, line, "", f"invalid YAML: {message}")


def _line(mark: _Mark | None) -> int:
    return mark.line + 1 if mark else 1


def _where(mark: _Mark | None, text: str) -> str:
    """`line 6`, or `the end of the file` for a mark past its last line."""
    lines = text.splitlines()
    if mark is None or mark.line >= len(lines) or not text[_offset(mark, lines) :].strip():
        return "the end of the file"
    return f"line {mark.line + 1}"


def _offset(mark: _Mark, lines: list[str]) -> int:
    return sum(len(line) + 1 for line in lines[: mark.line]) + mark.column


def _tab(mark: _Mark | None, text: str) -> tuple[int, str] | None:
    """A tab where YAML refuses one, at its line."""
    line = _line(mark)
    lines = text.splitlines()
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    column = mark.column if mark else 0
    if "\t" in source[: column + 1] and not source[:column].strip(" \t"):
        return line, (
            f"line {line} is indented with a tab; YAML indents with spaces only: "
            "replace the tab with spaces"
        )
    if source[column : column + 1] == "\t":
        return line, (
            f"a tab at column {column + 1}; YAML does not allow tabs there: replace it with spaces"
        )
    return None


def _located(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, str]:
    """The line to report and the message, by the construct the reader was in."""
    context, problem = exc.context or "", exc.problem or "malformed YAML"
    opened, found = exc.context_mark, exc.problem_mark or exc.context_mark
    where = _where(found, text)
    at = "" if opened is None or _line(opened) == _line(found) else f" (found at {where})"
    start = _line(opened)
    if "quoted scalar" in context:
        return start, _quote(text, opened, problem, where, at)
    for opener, closer in (("[", "]"), ("{", "}")):
        if ("sequence" if opener == "[" else "mapping") in context and "flow" in context:
            return start, (
                f"the `{opener}` opened on line {start} is not closed{at}: close it with "
                f"`{closer}`, and separate its items with commas (quote an item that holds "
                f"`,`, `:` or `{closer}`)"
            )
    if "simple key" in context:
        return start, (
            f"line {start} is neither `key: value` nor part of the value above it{at}: "
            "add the `: ` after its key, indent it under the value it continues, or quote it"
        )
    if context.startswith("while scanning a") or context.startswith("while parsing a tag"):
        return start, _token(context, problem, start) + at
    return _line(found), _elsewhere(exc, context, problem, text)


def _quote(text: str, opened: _Mark | None, problem: str, where: str, at: str) -> str:
    lines = text.splitlines()
    line = _line(opened)
    source = lines[line - 1] if opened is not None and line <= len(lines) else ""
    quote = source[opened.column] if opened is not None and opened.column < len(source) else '"'
    if "escape" in problem:
        return (
            f"{problem} in the text in double quotes that starts on line {line}{at}: inside "
            '`"..."` a backslash starts an escape; write `\\\\` for a backslash, or use '
            "single quotes or a `|` block"
        )
    return (
        f"the quote {quote} opened on line {line} (column {_column(opened)}) is never closed "
        f"(the text runs on to {where}): close it with {quote} where the text ends"
    )


def _column(mark: _Mark | None) -> int:
    return mark.column + 1 if mark else 1


_TOKENS = {
    "block scalar": "write `|` or `>` alone, or followed by `-`, `+` or a digit 1-9",
    "anchor": "an anchor `&name` or alias `*name` needs a name of letters and digits",
    "alias": "an anchor `&name` or alias `*name` needs a name of letters and digits",
    "tag": "a spec needs no `!` tags: remove it, or quote text that starts with `!`",
    "directive": "a spec needs no `%` directives: remove the line, or quote the text",
}


def _token(context: str, problem: str, start: int) -> str:
    what = context.removeprefix("while scanning ").removeprefix("while parsing ")
    advice = next((a for name, a in _TOKENS.items() if name in context), "check quoting")
    return f"{problem} in {what} on line {start}: {advice}"


def _elsewhere(exc: yaml.MarkedYAMLError, context: str, problem: str, text: str) -> str:
    """Errors whose fault is where the reader gave up (block structure, documents,
    anchors, tags), with the opening construct mentioned when it has a line."""
    opened = _line(exc.context_mark)
    if "single document" in context:
        return (
            "a second YAML document starts here (`---`); a spec is one document: "
            "remove the `---` line, or move what follows into its own file"
        )
    if "duplicate anchor" in context:
        return f"{context.split(';')[0]} (first on line {opened}): give each anchor its own name"
    if "undefined alias" in problem:
        return (
            f"{problem}: define the anchor (`&name`) on a value before the alias, "
            "or write the value out"
        )
    if "constructor for the tag" in problem:
        return f"{problem}: the grader reads no such tag; remove it, or put the value in quotes"
    if "mapping values are not allowed" in problem:
        return (
            "a `: ` inside an unquoted value, or a key indented deeper than the keys "
            "around it: put the value in quotes, or indent the key like its neighbours"
        )
    inside = f", in {context.removeprefix('while parsing ')} that starts on line {opened}"
    inside = inside if exc.context_mark is not None and context else ""
    return (
        f"{problem}{inside}: indent each key like the other keys of its mapping and each "
        "`- ` item like the other items of its list (spaces only), and quote text that "
        "holds `: ` or ` #`"
    )
