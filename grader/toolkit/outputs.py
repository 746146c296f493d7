"""Checks of a program's output against an expected output (plain or locked)."""

from __future__ import annotations

from grader.compare import Match, Mode, normalize
from grader.diff import describe_first_difference, unified
from grader.toolkit.expected import ExpectedOutput
from grader.verdict import Check

__all__ = ["LOCKED_NOTE", "output_check"]

LOCKED_NOTE = "(the expected output is locked, so it is not shown)"


def output_check(
    name: str,
    expected: ExpectedOutput,
    actual: str,
    *,
    points: float = 0.0,
    hidden: bool = False,
    hint: str | None = None,
    locked_message: str | None = None,
) -> tuple[Check, Match]:
    """Compare one output; a failed check names the first differing line and carries a
    diff. With a locked output, nothing of the expected output shows: the message says
    whether only whitespace differs, unless `locked_message` replaces it."""
    match = expected.compare(actual)
    common = {"actual": actual, "hidden": hidden, "max_points": points}
    text = expected.text
    if match.equal:
        shown = {} if text is None else {"expected": text}
        return Check.make(name, True, points=points, **shown, **common), match
    if text is None:
        what = match.message or "the output differs"
        message = locked_message or f"{what} {LOCKED_NOTE}"
        return Check.make(name, False, message=message, hint=hint, **common), match
    regex = expected.comparison.mode is Mode.REGEX
    if regex:
        where = "the output does not match the expected pattern"
    elif match.presentation_only or match.spacing_inside:
        where = f"{match.message}; " + describe_first_difference(text, actual)
    else:
        where = describe_first_difference(normalize(text), normalize(actual))
    check = Check.make(
        name,
        False,
        expected=f"output matching the pattern {text!r}" if regex else text,
        message=where,
        hint=hint,
        diff=None if regex else unified(text, actual),
        **common,
    )
    return check, match
