"""`grader show ID`: the prompt, the code and the options; never answers or hidden cases."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.markdown import Markdown
from rich.syntax import Syntax
from rich.text import Text

from grader.bank import find_exercise
from grader.commands.options import console, exercises_option
from grader.exercise import AnyExercise


@click.command("show")
@click.argument("exercise")
@exercises_option
def show(exercise: str, exercises_dir: Path | None) -> None:
    """Show EXERCISE (an id or a YAML path) as a learner sees it."""
    target = find_exercise(exercise, exercises_dir)
    out = console()
    print_exercise(out, target)
    out.print(f"\nAnswer with: {answer_form(target)}")


def answer_form(target: AnyExercise) -> str:
    if target.kind.name == "recall":
        return (
            "a rating once you have recalled it (again, hard, good or easy); "
            "`grader practice` shows the card, reveals it and asks for the rating"
        )
    return "a .py file" if target.kind.answer == "code" else "a text answer (.txt)"


def print_exercise(out: Console, target: AnyExercise, *, numbered: bool = True) -> None:
    """The title line, the prompt (Markdown on a terminal), code, options and notes."""
    kind = target.kind
    view = kind.present(target)
    level = f", {target.difficulty}" if target.difficulty else ""
    points = f"{target.points:g} point{'s' if target.points != 1 else ''}"
    out.print(
        Text.assemble((target.title, "bold"), f"  ({target.id}: {kind.name}{level}, {points})")
    )
    out.print(Markdown(target.prompt) if out.is_terminal else target.prompt.rstrip(), markup=False)
    for label, code in (
        ("Code", view.code),
        ("Starter", view.starter if view.starter != view.code else None),
    ):
        if code:
            out.print(f"\n[bold]{label}:[/bold]")
            out.print(Syntax(code.rstrip("\n"), "python", line_numbers=numbered, theme="ansi_dark"))
    if view.options:
        out.print()
        for option in view.options:
            out.print(f"  {option}", markup=False)
    for note in (*view.notes, *target.rules.notes()):
        out.print(f"\n{note}", markup=False)
    if kind.answer == "code":
        out.print(f"\n{imports_note(target)}", markup=False)


def imports_note(target: AnyExercise) -> str:
    """Which modules a learner's program may import (the sandbox refuses the others; a
    module the exercise forbids is not among them)."""
    forbidden = {
        rule.target.partition(".")[0] for rule in target.rules.forbids if rule.key == "import"
    }
    allowed = sorted(set(target.limits.allowed_imports) - forbidden)
    if not allowed:
        return "Modules you may import: none (use the built-ins)."
    return f"Modules you may import: {', '.join(allowed)} (no others)."
