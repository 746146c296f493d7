"""Line-by-line differences with whitespace made visible."""

from __future__ import annotations

import difflib

_VISIBLE = str.maketrans({" ": "·", "\t": "→", "\r": "␍"})
MAX_DIFF_LINES = 40


def visible(line: str) -> str:
    """Spaces as ·, tabs as →, carriage returns as ␍."""
    return line.translate(_VISIBLE)


def first_difference(expected: str, actual: str) -> tuple[int, str | None, str | None] | None:
    """(1-based line, expected line, actual line) of the first line that differs."""
    want, got = expected.split("\n"), actual.split("\n")
    for number in range(max(len(want), len(got))):
        a = want[number] if number < len(want) else None
        b = got[number] if number < len(got) else None
        if a != b:
            return number + 1, a, b
    return None


def describe_first_difference(expected: str, actual: str) -> str:
    found = first_difference(expected, actual)
    if found is None:
        return "the outputs are identical"
    line, want, got = found
    if got is None:
        return f"line {line}: expected {visible(want or '')!r} but the output ended"
    if want is None:
        return f"line {line}: unexpected extra output {visible(got)!r}"
    return f"line {line}: expected {visible(want)!r}, got {visible(got)!r}"


def unified(expected: str, actual: str) -> str:
    """A unified diff (expected -> actual) with visible whitespace, at most 40 lines."""
    if expected.endswith("\n") and actual.endswith("\n"):
        expected, actual = expected[:-1], actual[:-1]
    lines = list(
        difflib.unified_diff(
            [visible(line) for line in expected.split("\n")],
            [visible(line) for line in actual.split("\n")],
            fromfile="expected",
            tofile="actual",
            lineterm="",
            n=2,
        )
    )
    if len(lines) > MAX_DIFF_LINES:
        hidden = len(lines) - MAX_DIFF_LINES
        lines = [*lines[:MAX_DIFF_LINES], f"⟦grader: {hidden} more diff lines not shown⟧"]
    return "\n".join(lines)
