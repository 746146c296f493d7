"""A learner's progress, kept across sessions in one SQLite file.

It holds every attempt (exercise, a digest of the answer, the verdict, the time), each
scheduled exercise's FSRS card, and the sessions not finished yet (to resume them). It
lives in the user's data directory, or in `$GRADER_HOME`.

Nothing is lost when the file cannot be written: an attempt the store cannot take (another
process holds it locked, the disk is full) goes to `pending.jsonl` beside it, and is added
on the next open. A file that is not a readable store is never changed: opening it fails
with what to do.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from grader.errors import StoreError, UsageError

HOME_ENV = "GRADER_HOME"
NOW_ENV = "GRADER_NOW"
STORE_NAME = "progress.sqlite"
PENDING_NAME = "pending.jsonl"
BUSY_MS = 2000
"""How long a write waits for another process's lock before the attempt goes to the journal."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS attempts (
    id INTEGER PRIMARY KEY,
    exercise TEXT NOT NULL,
    topic TEXT NOT NULL,
    kind TEXT NOT NULL,
    difficulty TEXT,
    digest TEXT NOT NULL,
    status TEXT NOT NULL,
    score REAL NOT NULL,
    max_score REAL NOT NULL,
    at TEXT NOT NULL,
    mode TEXT NOT NULL,
    session INTEGER
);
CREATE INDEX IF NOT EXISTS attempts_exercise ON attempts (exercise, at);
CREATE TABLE IF NOT EXISTS cards (
    exercise TEXT PRIMARY KEY,
    card TEXT NOT NULL,
    due TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
    id INTEGER PRIMARY KEY,
    mode TEXT NOT NULL,
    key TEXT NOT NULL,
    plan TEXT NOT NULL,
    started TEXT NOT NULL,
    done TEXT NOT NULL DEFAULT '[]',
    finished INTEGER NOT NULL DEFAULT 0
);
"""


def now() -> datetime:
    """The current time in UTC; `$GRADER_NOW` (ISO 8601) sets it, for tests and demos."""
    text = os.environ.get(NOW_ENV)
    if not text:
        return datetime.now(UTC)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{NOW_ENV}={text!r} is not an ISO 8601 time") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def home() -> Path:
    """`$GRADER_HOME`, else the user's data directory for pygrader."""
    chosen = os.environ.get(HOME_ENV)
    if chosen:
        return Path(chosen)
    import platformdirs

    return Path(platformdirs.user_data_dir("pygrader", appauthor=False))


@dataclass(frozen=True)
class Attempt:
    """One graded answer."""

    exercise: str
    topic: str
    kind: str
    difficulty: str | None
    digest: str
    """SHA-256 of the answer as submitted (never the answer itself)."""
    status: str
    score: float
    max_score: float
    at: str
    """ISO 8601, UTC."""
    mode: str
    """`practice` or `quiz`."""
    session: int | None = None

    @property
    def passed(self) -> bool:
        return self.status == "passed"


@dataclass(frozen=True)
class Session:
    id: int
    key: str
    plan: tuple[str, ...]
    done: tuple[str, ...]
    """Exercises of the plan finished in this session, in order."""

    @property
    def remaining(self) -> tuple[str, ...]:
        return tuple(name for name in self.plan if name not in self.done)


class ProgressStore:
    """The learner's store. Use `ProgressStore.open()` as a context manager."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._db = connection
        self.path = path
        self.pending_path = path.with_name(PENDING_NAME)
        self.journaled = 0
        """Writes kept in the journal during this session (the store could not take them)."""

    @classmethod
    def open(cls, directory: Path | None = None) -> ProgressStore:
        folder = directory or home()
        path = folder / STORE_NAME
        try:
            folder.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(path, timeout=BUSY_MS / 1000, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(_cannot_open(path, exc)) from None
        store = cls(connection, path)
        try:
            connection.executescript(_SCHEMA)
        except sqlite3.Error as exc:
            connection.close()
            raise StoreError(_cannot_open(path, exc)) from None
        store._import_pending()
        return store

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # writing, with the journal as a fallback

    def record(self, attempt: Attempt) -> None:
        self._write("attempt", asdict(attempt))

    def save_card(self, exercise: str, card: str, due: datetime) -> None:
        self._write("card", {"exercise": exercise, "card": card, "due": due.isoformat()})

    def start_session(self, mode: str, key: str, plan: list[str]) -> int:
        with self._transaction():
            cursor = self._db.execute(
                "INSERT INTO sessions (mode, key, plan, started) VALUES (?, ?, ?, ?)",
                (mode, key, json.dumps(plan), now().isoformat()),
            )
        return int(cursor.lastrowid or 0)

    def mark_done(self, session: int, exercise: str) -> None:
        """`exercise` is finished in `session` (a resumed session goes on after it)."""
        self._write("done", {"session": session, "exercise": exercise})

    def finish_session(self, session: int) -> None:
        self._write("finish", {"session": session})

    def _write(self, what: str, data: dict[str, Any]) -> None:
        try:
            with self._transaction():
                _apply(self._db, what, data)
        except sqlite3.Error:
            self._journal(what, data)

    def _journal(self, what: str, data: dict[str, Any]) -> None:
        line = json.dumps({"what": what, "data": data}, ensure_ascii=False)
        try:
            with self.pending_path.open("a", encoding="utf-8") as journal:
                journal.write(line + "\n")
                journal.flush()
                os.fsync(journal.fileno())
        except OSError as exc:
            raise StoreError(
                f"{self.path} cannot be written, nor {self.pending_path} ({exc.strerror}); "
                "this answer is not saved: free some disk space or set GRADER_HOME"
            ) from None
        self.journaled += 1

    def _import_pending(self) -> None:
        """Add what earlier sessions kept in the journal, then empty it."""
        try:
            lines = self.pending_path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return
        except OSError as exc:
            raise StoreError(f"{self.pending_path} cannot be read ({exc.strerror})") from None
        try:
            with self._transaction():
                for line in lines:
                    entry = json.loads(line) if line.strip() else None
                    if entry:
                        _apply(self._db, entry["what"], entry["data"])
        except (sqlite3.Error, ValueError, KeyError, TypeError):
            return  # still busy or unreadable: the journal stays for next time
        self.pending_path.unlink()

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    # reading

    def attempts(self) -> list[Attempt]:
        rows = self._db.execute(
            "SELECT exercise, topic, kind, difficulty, digest, status, score, max_score, at, "
            "mode, session FROM attempts ORDER BY at, id"
        ).fetchall()
        return [Attempt(*row) for row in rows]

    def latest(self) -> dict[str, Attempt]:
        """Each attempted exercise's latest attempt."""
        return {attempt.exercise: attempt for attempt in self.attempts()}

    def card(self, exercise: str) -> str | None:
        row = self._db.execute("SELECT card FROM cards WHERE exercise = ?", (exercise,)).fetchone()
        return str(row[0]) if row else None

    def schedule(self) -> dict[str, datetime]:
        """When each scheduled exercise is due next."""
        rows = self._db.execute("SELECT exercise, due FROM cards").fetchall()
        return {str(name): datetime.fromisoformat(due) for name, due in rows}

    def open_session(self, mode: str, key: str, *, prefix: bool = False) -> Session | None:
        """The latest unfinished session of `mode` for `key` (its filters; with `prefix`,
        any key that starts with it)."""
        test = "key LIKE ? ESCAPE '\\'" if prefix else "key = ?"
        wanted = _like_prefix(key) if prefix else key
        row = self._db.execute(
            f"SELECT id, key, plan, done FROM sessions WHERE mode = ? AND {test} "
            "AND finished = 0 ORDER BY id DESC LIMIT 1",
            (mode, wanted),
        ).fetchone()
        if row is None:
            return None
        return Session(
            int(row[0]), str(row[1]), tuple(json.loads(row[2])), tuple(json.loads(row[3]))
        )

    def session_attempts(self, session: int) -> list[Attempt]:
        return [a for a in self.attempts() if a.session == session]


def _apply(db: sqlite3.Connection, what: str, data: dict[str, Any]) -> None:
    if what == "attempt":
        columns = ", ".join(data)
        marks = ", ".join("?" for _ in data)
        db.execute(f"INSERT INTO attempts ({columns}) VALUES ({marks})", tuple(data.values()))
    elif what == "card":
        db.execute(
            "INSERT INTO cards (exercise, card, due) VALUES (:exercise, :card, :due) "
            "ON CONFLICT (exercise) DO UPDATE SET card = excluded.card, due = excluded.due",
            data,
        )
    elif what == "done":
        row = db.execute("SELECT done FROM sessions WHERE id = ?", (data["session"],)).fetchone()
        done = [*json.loads(row[0]), data["exercise"]] if row else []
        db.execute("UPDATE sessions SET done = ? WHERE id = ?", (json.dumps(done), data["session"]))
    elif what == "finish":
        db.execute("UPDATE sessions SET finished = 1 WHERE id = ?", (data["session"],))
    else:
        raise ValueError(f"unknown journal entry {what!r}")


def _like_prefix(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + "%"


def _cannot_open(path: Path, exc: Exception) -> str:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return (
            f"the progress store {path} is locked by another process (another grader "
            "practice or quiz?); finish that one, then try again. Nothing was changed"
        )
    if isinstance(exc, sqlite3.DatabaseError):
        return (
            f"{path} is not a readable progress store ({text}); it was left as it is. "
            f"Move it aside (mv {path} {path}.broken) to start a new one, or set "
            f"{HOME_ENV} to use another folder"
        )
    return f"the progress store {path} cannot be opened ({text}); set {HOME_ENV} to another folder"
