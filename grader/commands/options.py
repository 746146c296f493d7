"""Options shared by several commands."""

from __future__ import annotations

import difflib
import os
from collections.abc import Sequence
from pathlib import Path

import click
from rich.console import Console

from grader.errors import InvalidExercises, UsageError
from grader.exercise import AnyExercise
from grader.runner import Runner
from grader.validation import exercise_problems

exercises_option = click.option(
    "--exercises",
    "exercises_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Exercise bank directory (default: ./exercises, else the bundled bank).",
)
format_option = click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)


def check_choice(
    option: str, value: str | None, choices: list[str], *, case_sensitive: bool = True
) -> None:
    """A usage error, with the closest choice, when `value` is not one of `choices`."""
    if value is None:
        return
    fold = (lambda text: text) if case_sensitive else str.casefold
    if fold(value) in {fold(choice) for choice in choices}:
        return
    close = difflib.get_close_matches(fold(value), [fold(c) for c in choices], n=1, cutoff=0.5)
    if close:
        suggestion = f"; did you mean '{next(c for c in choices if fold(c) == close[0])}'?"
    else:
        suggestion = f"; choose one of: {', '.join(choices)}"
    raise UsageError(f"--{option}: no {option} '{value}'{suggestion}")


def plural(count: int, word: str) -> str:
    """`1 file`, `2 files`."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def console() -> Console:
    """Styled on a terminal; plain text (no escape codes at all) when the output is not a
    terminal or NO_COLOR is set. Plain text is never wrapped. `:name:` stays as it is
    (a learner folder called `:white_check_mark:` must not print as an emoji)."""
    styled = Console(highlight=False, emoji=False)
    if styled.is_terminal and not os.environ.get("NO_COLOR"):
        return styled
    return Console(
        highlight=False, emoji=False, soft_wrap=True, width=200, force_terminal=False, no_color=True
    )


allow_invalid_option = click.option(
    "--allow-invalid",
    is_flag=True,
    help="Grade even against exercises that fail `grader validate` (their problems are "
    "printed as warnings).",
)


def refuse_invalid(exercises: Sequence[AnyExercise], runner: Runner, allow: bool) -> None:
    """Stop (exit 2, every problem listed) before grading against exercises that fail
    validation; with `allow`, print the problems as warnings and go on."""
    problems = exercise_problems(exercises, runner)
    if not problems:
        return
    if not allow:
        raise InvalidExercises(problems)
    for problem in problems:
        click.echo(f"warning: {problem}", err=True)
