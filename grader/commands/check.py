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
from grader.files import MAX_SUBMISSION_BYTES
from grader.grading import grade
from grader.render.json_render import verdict_json
from grader.render.text import verdict_text
from grader.runner import CachingRunner
from grader.submission import Submission
from sandbox.client import default_sandbox


@click.command("check")
@click.argument("exercise")
@click.argument("submission", type=click.Path(path_type=Path))
@exercises_option
@format_option
@allow_invalid_option
def check(
    exercise: str, submission: Path, exercises_dir: Path | None, fmt: str, allow_invalid: bool
) -> None:
    """Grade SUBMISSION (a file, or - for stdin) against EXERCISE (an id or a YAML path).

    Exit 0 when it passes, 1 when it does not, 2 for usage or spec errors (an exercise
    that fails `grader validate` too, unless --allow-invalid).
    """
    target = find_exercise(exercise, exercises_dir)
    answer = _read(submission)
    runner = CachingRunner(default_sandbox())
    refuse_invalid([target], runner, allow_invalid)
    verdict = grade(target, answer, runner).public()
    if fmt == "json":
        click.echo(verdict_json(verdict))
    else:
        console().print(verdict_text(verdict), end="")
    sys.exit(0 if verdict.passed else 1)


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
