"""`grader start ID [FILE]`: the exercise's code or starter in a file, the prompt on top."""

from __future__ import annotations

import textwrap
from pathlib import Path

import click

from grader.bank import find_exercise
from grader.commands.options import exercises_option
from grader.errors import UsageError
from grader.exercise import AnyExercise


@click.command("start")
@click.argument("exercise")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
@exercises_option
def start(exercise: str, file: Path | None, force: bool, exercises_dir: Path | None) -> None:
    """Write EXERCISE's code or starter to FILE (default: ID.py) to edit, then check."""
    target = find_exercise(exercise, exercises_dir)
    if target.kind.answer != "code":
        raise UsageError(
            f"'{target.id}' is answered with text, not a program: read it with "
            f"`grader show {target.id}` and answer with `grader check {target.id} answer.txt`"
        )
    path = file or Path(f"{target.id}.py")
    if path.exists() and not force:
        raise UsageError(f"{path} already exists; choose another FILE, or pass --force")
    path.write_text(starter_text(target), encoding="utf-8")
    click.echo(f"wrote {path}; edit it, then run: grader check {target.id} {path}")


def starter_text(target: AnyExercise) -> str:
    """The prompt as comments, then the code to fix or the starter (no line numbers)."""
    view = target.kind.present(target)
    lines = [f"{target.title} ({target.id})", ""]
    for paragraph in target.prompt.strip().split("\n\n"):
        lines += [*textwrap.wrap(" ".join(paragraph.split()), 86), ""]
    for note in view.notes:
        lines += textwrap.wrap(note, 86)
    header = "".join(f"# {line}".rstrip() + "\n" for line in lines)
    return f"{header}\n{view.starter or view.code or ''}"
