"""A small batch with the awkward cases: a missing exercise, hidden checks, control characters,
unicode, a lone surrogate, markup and spreadsheet formulas in learner data."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from grader.reports import ExerciseInfo, Result, write_reports
from grader.verdict import Check, ErrorSummary, Status, Verdict

STAMP = "2024-05-01T12:00:00Z"
SECRET = "SECRET"
"""Appears only in a hidden check's expected and actual values, which `Verdict.public()`
removes (the author's hint on a hidden case is meant to be shown and stays)."""

FORMULA = '=HYPERLINK("evil","x")'
CONTROL = "zoë\x1b[1m\x07"
EXERCISES = {
    "ex-a": ExerciseInfo("ex-a", "Add two numbers", "write-function", "functions", 2.0),
    "ex-b": ExerciseInfo("ex-b", "Hello <world>", "write-program", "basics", 1.0),
    "ex-c": ExerciseInfo("ex-c", "Explain & justify", "explain", "mlops", 1.0),
    "ex-d": ExerciseInfo("ex-d", "Nobody tried this", "multiple-choice", "basics", 1.0),
}


def verdict(exercise: str, status: Status, score: float, **fields: object) -> Verdict:
    """A verdict as a kind would make it, then made learner-facing with `public()`."""
    kind = EXERCISES[exercise].kind
    max_score = EXERCISES[exercise].max_score
    raw = Verdict(exercise, kind, status, score, max_score, **fields)  # type: ignore[arg-type]
    return raw.public()


def _results() -> list[Result]:
    hidden = Check(
        "hidden case",
        False,
        expected=f"{SECRET}-expected",
        actual=f"{SECRET}-actual",
        hint="Think about negative numbers.",
        max_points=1.0,
        hidden=True,
    )
    results = [
        Result(
            FORMULA,
            "ex-b",
            "formula/hello.py",
            "b" * 64,
            verdict(
                "ex-b",
                Status.TIMEOUT,
                0.0,
                message="The program took longer than 1 s.",
                hints=("Look for a loop that never ends.",),
            ),
        ),
        Result(
            "alice",
            "ex-a",
            "alice/add.py",
            "a" * 64,
            verdict(
                "ex-a",
                Status.WRONG_ANSWER,
                1.0,
                message="1 of 2 calls returned the right result.",
                checks=(
                    Check("add(1, 2)", True, "3", "3", points=1.0, max_points=1.0),
                    Check(
                        "add(2, 2)",
                        False,
                        "4",
                        "5\x00\x07 é 🎉",
                        message="add(2, 2) returned the wrong value",
                        hint="Add, do not multiply.",
                        max_points=1.0,
                    ),
                    hidden,
                ),
                hints=(
                    "Add, do not multiply.",
                    "Think about negative numbers.",
                    "Read the prompt again.",
                ),
            ),
        ),
        Result(
            "alice",
            "ex-b",
            "alice/hello.py",
            "c" * 64,
            verdict("ex-b", Status.PASSED, 1.0, message="The output is right."),
        ),
        Result(
            "alice",
            "ex-c",
            "alice/explain.txt",
            "d" * 64,
            verdict(
                "ex-c",
                Status.RUNTIME_ERROR,
                0.0,
                message="The program raised ZeroDivisionError: division by zero (line 2)",
                error=ErrorSummary(
                    "ZeroDivisionError",
                    "division by zero",
                    2,
                    'Traceback (most recent call last):\n  File "x.py", line 2\x0c\nZeroDivisionError',
                ),
                output="\x1b[31mred\x1b[0m\r\n",
                hints=("Check the divisor first.",),
            ),
        ),
        Result(
            "bob",
            "ex-a",
            "bob/add.py",
            "e" * 64,
            verdict("ex-a", Status.PASSED, 2.0, message="All calls returned the right result."),
        ),
        Result(
            CONTROL,
            "ex-a",
            "zoë/add.py",
            "f" * 64,
            verdict(
                "ex-a",
                Status.PRESENTATION_ERROR,
                1.5,
                message='Almost: <script>alert("x")</script> & ]]> "quoted"',
                hints=("Mind the spaces.",),
            ),
        ),
        Result(
            CONTROL,
            "ex-c",
            "zoë/explain.txt",
            "0" * 64,
            verdict("ex-c", Status.PASSED, 1.0, message="Good.", output="lone \udcff surrogate"),
        ),
    ]
    assert results == sorted(results, key=lambda r: (r.learner, r.exercise))
    return results


RESULTS = _results()
LEARNERS = sorted({r.learner for r in RESULTS})


def source() -> Iterator[Result]:
    """A ResultSource: each call yields all results again, sorted."""
    yield from RESULTS


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """Write the sample batch's reports into a fresh directory under tmp_path."""
    counter = iter(range(100))

    def _write(generated_at: str = STAMP) -> Path:
        out = tmp_path / f"out{next(counter)}"
        write_reports(source, EXERCISES, out, generated_at=generated_at)
        return out

    return _write


@pytest.fixture
def out(write: Callable[..., Path]) -> Path:
    return write()
