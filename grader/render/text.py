"""Terminal text for a verdict: status, score, each check with its diff, then the hints."""

from __future__ import annotations

from rich.text import Text

from grader.diff import visible
from grader.reports.common import printable
from grader.verdict import Check, Status, Verdict

STATUS_STYLE = {
    Status.PASSED: "bold green",
    Status.PRESENTATION_ERROR: "bold yellow",
    Status.WRONG_ANSWER: "bold red",
    Status.INVALID_SUBMISSION: "bold magenta",
}
_MARK = {True: ("✓", "green"), False: ("✗", "red")}


def _points(value: float) -> str:
    """Points with at most three decimals (`0.667`, not `0.666667`)."""
    return f"{round(value, 3):g}"


def verdict_text(verdict: Verdict) -> Text:
    """The learner-facing text of a verdict (pass `verdict.public()` for learners)."""
    return _terminal_safe(_verdict_text(verdict))


def terminal_text(text: str) -> str:
    """Control characters as pictures (␛, ␍): a program's output or message must not move
    the cursor, retitle the terminal or write to its clipboard (OSC 52). One character
    for one, so that styled spans still fit."""
    return printable(text).replace("\r", "\u240d")


def _terminal_safe(text: Text) -> Text:
    safe = terminal_text(text.plain)
    if safe != text.plain:
        text.plain = safe
    return text


def _verdict_text(verdict: Verdict) -> Text:
    text = Text()
    mark, colour = _MARK[verdict.passed]
    text.append(f"{mark} ", style=colour)
    text.append(verdict.status.value, style=STATUS_STYLE.get(verdict.status, "bold red"))
    text.append(f"  {verdict.exercise}  ")
    text.append(f"{_points(verdict.score)}/{_points(verdict.max_score)} points\n", style="bold")
    text.append(f"{verdict.message}\n")
    if verdict.error and verdict.error.traceback:
        text.append("\n" + verdict.error.traceback.rstrip("\n") + "\n", style="red")
    if verdict.checks:
        text.append("\n")
        for check in verdict.checks:
            text.append_text(check_text(check))
    if verdict.hints:
        text.append("\nHints:\n", style="bold cyan")
        for number, hint in enumerate(verdict.hints, 1):
            text.append(f"  {number}. {hint}\n")
    return text


def check_text(check: Check) -> Text:
    return _terminal_safe(_check_text(check))


def _check_text(check: Check) -> Text:
    text = Text()
    mark, colour = _MARK[check.passed]
    text.append(f"  {mark} ", style=colour)
    text.append(check.name, style="bold")
    if check.max_points:
        text.append(f"  ({_points(check.points)}/{_points(check.max_points)})", style="dim")
    if check.message:
        text.append(f": {check.message}")
    text.append("\n")
    if not check.passed and check.diff:
        for line in check.diff.splitlines():
            style = "green" if line.startswith("+") else "red" if line.startswith("-") else "dim"
            text.append(f"      {line}\n", style=style)
    elif not check.passed:
        for label, value in (("expected", check.expected), (check.actual_label, check.actual)):
            if value is not None:
                text.append_text(_value_block(label, value))
    return text


def _value_block(label: str, value: str) -> Text:
    """A value on its own lines behind a gutter, whitespace made visible."""
    text = Text()
    if "\n" not in value:
        shown = visible(value) if value != " ".join(value.split()) else value
        text.append(f"      {label}: ", style="dim")
        text.append(f"{shown or '(nothing)'}\n")
        return text
    text.append(f"      {label}:\n", style="dim")
    for line in value.split("\n"):
        text.append("        │", style="dim")
        text.append(f"{visible(line)}\n")
    return text
