"""The batch store: one SQLite database (WAL) with one verdict per learner and exercise.

A verdict is committed as soon as it is graded, keyed by learner and exercise, with the
digests of the submission and of the exercise spec: a rerun skips what is up to date and
regrades what changed. SQLite's WAL keeps the file consistent through kill -9 and power
loss; at worst the last few verdicts are missing, and a rerun grades them again.
"""

from __future__ import annotations

import functools
import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar

from grader.errors import StoreError
from grader.reports import ExerciseInfo
from grader.reports.common import json_text
from grader.verdict import Verdict

P = ParamSpec("P")
R = TypeVar("R")
STORE_NAME = "grades.sqlite"
SCHEMA = """
CREATE TABLE IF NOT EXISTS verdicts (
    learner TEXT NOT NULL,
    exercise TEXT NOT NULL,
    submission TEXT NOT NULL,
    digest TEXT NOT NULL,
    spec_digest TEXT NOT NULL,
    status TEXT NOT NULL,
    score REAL NOT NULL,
    max_score REAL NOT NULL,
    verdict TEXT NOT NULL,
    PRIMARY KEY (learner, exercise)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS exercises (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    kind TEXT NOT NULL,
    topic TEXT NOT NULL,
    max_score REAL NOT NULL
) WITHOUT ROWID;
"""


@dataclass(frozen=True)
class Row:
    learner: str
    exercise: str
    submission: str
    digest: str
    spec_digest: str
    verdict: Verdict


_ADVICE = {
    "file is not a database": "it is not a grades store; move it away or use another folder",
    "database or disk is full": (
        "the disk is full; free some space and run the same command again "
        "(it grades only what is missing)"
    ),
    "database is locked": "another grader is writing to it; wait for it or use another --out",
    "unable to open database file": "check that its folder exists and is writable",
    "readonly database": "check that the store and its folder are writable",
}


def _message(path: Path, exc: sqlite3.Error) -> str:
    text = str(exc)
    advice = next((a for key, a in _ADVICE.items() if key in text), None)
    return f"{path}: {text}" + (f": {advice}" if advice else "")


@contextmanager
def store_errors(path: Path) -> Iterator[None]:
    """SQLite's errors, as the grader's own (a message and exit code 3, no traceback)."""
    try:
        yield
    except sqlite3.Error as exc:
        raise StoreError(_message(path, exc)) from exc


def _guarded(method: Callable[Concatenate[Store, P], R]) -> Callable[Concatenate[Store, P], R]:
    @functools.wraps(method)
    def wrapper(store: Store, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with store_errors(store.path):
            return method(store, *args, **kwargs)

    return wrapper


class Store:
    """One connection per thread; writes go through `save` (a commit each, or one for all
    the saves inside a `transaction`)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{path.parent}: cannot create it ({exc.strerror})") from exc
        with store_errors(path):
            # The busy timeout comes first: switching to WAL waits for other connections.
            self._db = sqlite3.connect(path, timeout=10.0, isolation_level=None)
            try:
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.execute("PRAGMA synchronous=NORMAL")
                self._db.executescript(SCHEMA)
            except sqlite3.Error:
                self._db.close()
                raise

    @classmethod
    def in_directory(cls, out: Path) -> Store:
        return cls(out / STORE_NAME)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @_guarded
    def is_current(self, learner: str, exercise: str, digest: str, spec_digest: str) -> bool:
        """True when this exact submission was graded against this exact spec."""
        found = self._db.execute(
            "SELECT 1 FROM verdicts WHERE learner=? AND exercise=? AND digest=? AND spec_digest=?",
            (learner, exercise, digest, spec_digest),
        ).fetchone()
        return found is not None

    @_guarded
    def save(self, row: Row) -> None:
        verdict = row.verdict
        self._db.execute(
            "INSERT OR REPLACE INTO verdicts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                row.learner,
                row.exercise,
                row.submission,
                row.digest,
                row.spec_digest,
                verdict.status.value,
                verdict.score,
                verdict.max_score,
                json_text(verdict.to_dict()),  # encodes as UTF-8, lone surrogates too
            ),
        )

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """The `save`s inside it commit together, at its end (nothing, if it raises)."""
        with store_errors(self.path):
            self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            with store_errors(self.path):
                self._db.execute("ROLLBACK")
            raise
        with store_errors(self.path):
            self._db.execute("COMMIT")

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """A read transaction: the queries inside it all see the same committed state."""
        with store_errors(self.path):
            self._db.execute("BEGIN")
        try:
            yield
        finally:
            with store_errors(self.path):
                self._db.execute("ROLLBACK")

    def rows(self) -> Iterator[Row]:
        """Every verdict, sorted by learner then exercise, streamed from disk."""
        with store_errors(self.path):
            cursor = self._db.execute(
                "SELECT learner, exercise, submission, digest, spec_digest, verdict "
                "FROM verdicts ORDER BY learner, exercise"
            )
            for learner, exercise, submission, digest, spec_digest, verdict in cursor:
                yield Row(
                    learner,
                    exercise,
                    submission,
                    digest,
                    spec_digest,
                    Verdict.from_dict(json.loads(verdict)),
                )

    @_guarded
    def count(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM verdicts").fetchone()[0])

    @_guarded
    def summary(self) -> tuple[dict[str, int], float | None]:
        """Counts by status, and the mean of score/max_score (None when empty)."""
        counts = dict(
            self._db.execute(
                "SELECT status, COUNT(*) FROM verdicts GROUP BY status ORDER BY status"
            )
        )
        mean = self._db.execute(
            "SELECT AVG(CASE WHEN max_score > 0 THEN score / max_score END) FROM verdicts"
        ).fetchone()[0]
        return counts, mean

    @_guarded
    def save_exercises(self, exercises: list[ExerciseInfo]) -> None:
        """Remember what was graded, so `grader report` needs nothing but the store."""
        self._db.execute("BEGIN")
        self._db.executemany(
            "INSERT OR REPLACE INTO exercises VALUES (?, ?, ?, ?, ?)",
            [(e.id, e.title, e.kind, e.topic, e.max_score) for e in exercises],
        )
        self._db.execute("COMMIT")

    @_guarded
    def exercises(self) -> dict[str, ExerciseInfo]:
        cursor = self._db.execute(
            "SELECT id, title, kind, topic, max_score FROM exercises ORDER BY id"
        )
        return {row[0]: ExerciseInfo(*row) for row in cursor}

    @_guarded
    def merge_from(self, other: Path) -> int:
        """Copy every verdict of another store in; on a clash the store merged last wins."""
        before = self.count()
        self._db.execute("ATTACH DATABASE ? AS other", (str(other),))
        try:
            self._db.execute("BEGIN")
            self._db.execute("INSERT OR REPLACE INTO verdicts SELECT * FROM other.verdicts")
            self._db.execute("INSERT OR REPLACE INTO exercises SELECT * FROM other.exercises")
            self._db.execute("COMMIT")
        finally:
            self._db.execute("DETACH DATABASE other")
        return self.count() - before
