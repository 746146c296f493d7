"""`grader check EXERCISE SUBMISSION`: grade one submission and explain the verdict."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from grader.bank import find_exercise
from grader.commands.options import (
    allow_invalid_option,
    console,
    exercises_option,
    format_option,
    refuse_invalid,
)
from grader.errors import UsageError
from grader.exercise import AnyExercise
from grader.files import MAX_SUBMISSION_BYTES
from grader.grading import grade
from grader.render.json_render import verdict_json
from grader.render.text import verdict_text
from grader.runner import CachingRunner, Runner
from grader.spec.samples import SUFFIXES
from grader.submission import Submission
from grader.verdict import Verdict
from sandbox.client import default_sandbox


@click.command("check")
@click.argument("exercise")
@click.argument("submission", type=click.Path(path_type=Path))
@exercises_option
@format_option
@click.option("--watch", is_flag=True, help="Grade again on every save, until Ctrl-C.")
@click.option(
    "--explain-matches",
    is_flag=True,
    help="For instructors: show how an explain answer was read (the words that matched "
    "each concept, negations, misconceptions). Not on a locked bank.",
)
@allow_invalid_option
def check(
    exercise: str,
    submission: Path,
    exercises_dir: Path | None,
    fmt: str,
    watch: bool,
    explain_matches: bool,
    allow_invalid: bool,
) -> None:
    """Grade SUBMISSION (a file, or - for stdin) against EXERCISE (an id or a YAML path).

    Exit 0 when it passes, 1 when it does not, 2 for usage or spec errors (an exercise
    that fails `grader validate` too, unless --allow-invalid).
    """
    target = find_exercise(exercise, exercises_dir)
    if explain_matches and target.locked:
        raise UsageError(f"{target.id} is locked: --explain-matches needs the unlocked bank")
    if watch and str(submission) == "-":
        raise UsageError("--watch needs a submission file, not - (stdin)")
    _check_suffix(target, submission)
    runner = CachingRunner(default_sandbox())
    refuse_invalid([target], runner, allow_invalid)
    if watch:
        from grader.commands.watch import watch_and_grade

        watch_and_grade(
            submission,
            lambda: _grade_and_show(target, _read(submission), runner, fmt, explain_matches),
        )
    verdict = _grade_and_show(target, _read(submission), runner, fmt, explain_matches)
    sys.exit(0 if verdict.passed else 1)


def _grade_and_show(
    target: AnyExercise, answer: Submission, runner: Runner, fmt: str, explain_matches: bool
) -> Verdict:
    verdict = grade(target, answer, runner).public()
    evidence = target.kind.evidence(target, answer) if explain_matches and answer.text else ()
    if fmt == "json":
        extra = {"matches": list(evidence)} if explain_matches else {}
        click.echo(verdict_json(verdict, **extra))
    else:
        console().print(verdict_text(verdict), end="")
        if explain_matches:
            _print_evidence(target.kind.name, evidence)
    return verdict


def _print_evidence(kind: str, lines: tuple[str, ...]) -> None:
    out = console()
    out.print("\nHow the answer was read (for instructors):", style="bold cyan")
    for line in lines or (f"({kind} answers have no such details)",):
        out.print(f"  {line}", markup=False, highlight=False)


def _check_suffix(target: AnyExercise, path: Path) -> None:
    """A file of the wrong kind (an answer.txt for a program) is refused, as batch skips it."""
    suffixes = SUFFIXES[target.kind.answer]
    if str(path) != "-" and path.suffix.lower() not in suffixes:
        wanted = " or ".join(suffixes)
        raise UsageError(
            f"{path}: '{target.id}' takes {wanted} files: save your answer in one, "
            "or pass it on stdin with -"
        )


def _read(path: Path) -> Submission:
    if str(path) == "-":
        data = sys.stdin.buffer.read(MAX_SUBMISSION_BYTES + 1)  # never all of an endless pipe
        if len(data) > MAX_SUBMISSION_BYTES:
            limit = f"{MAX_SUBMISSION_BYTES:,} bytes"
            return Submission(None, "stdin.txt", f"stdin.txt: it is over {limit}, the limit")
        return Submission.from_bytes(data, "stdin.txt")
    if not path.exists():
        raise UsageError(f"{path}: no such submission file")
    if path.is_dir():
        raise UsageError(f"{path}: is a directory; give a submission file")
    return Submission.from_path(path)
