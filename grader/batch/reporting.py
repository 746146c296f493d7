"""Writing the reports of a store (after a batch, or any time with `grader report`)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from grader.batch.store import Store
from grader.errors import UsageError
from grader.exercise import AnyExercise
from grader.reports import ExerciseInfo, Result, write_reports


def exercise_info(exercise: AnyExercise) -> ExerciseInfo:
    kind = exercise.kind.name
    return ExerciseInfo(exercise.id, exercise.title, kind, exercise.topic, exercise.points)


def open_store(out: Path) -> Store:
    store_path = out / "grades.sqlite"
    if not store_path.is_file():
        raise UsageError(f"{out}: no grades.sqlite here; run `grader batch ... --out {out}` first")
    return Store(store_path)


def write_all(out: Path) -> list[Path]:
    """Every report, from the store in `out` alone."""
    generated_at = datetime.now(UTC).replace(microsecond=0).isoformat()
    with open_store(out) as store, store.snapshot():
        # One read transaction: every pass over the results sees the same verdicts, even
        # while a batch is still committing new ones.

        def results() -> Iterator[Result]:
            for row in store.rows():
                yield Result(row.learner, row.exercise, row.submission, row.digest, row.verdict)

        return write_reports(results, store.exercises(), out, generated_at=generated_at)
