"""The progress store (corrupt, locked, journal), FSRS scheduling and the plans."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from grader.bank import Bank
from grader.errors import StoreError
from grader.exercise import Difficulty
from grader.learning.plans import practice_plan, quiz_plan, quiz_report, topic_progress
from grader.learning.schedule import question_rating, review
from grader.learning.store import Attempt, ProgressStore, home

ROOT = Path(__file__).resolve().parents[2]
WHEN = datetime(2030, 1, 1, 9, tzinfo=UTC)


def _attempt(exercise: str = "loops-predict-range", status: str = "passed") -> Attempt:
    return Attempt(exercise, "loops", "predict-output", "easy", "d" * 64, status, 1.0, 1.0,
                   WHEN.isoformat(), "practice")  # fmt: skip


def test_grader_home_moves_the_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRADER_HOME", str(tmp_path / "elsewhere"))
    assert home() == tmp_path / "elsewhere"
    with ProgressStore.open() as store:
        store.record(_attempt())
    assert (tmp_path / "elsewhere" / "progress.sqlite").is_file()
    monkeypatch.delenv("GRADER_HOME")
    assert home() != tmp_path / "elsewhere"


def test_a_corrupt_store_gets_a_clear_message_and_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite"
    path.write_bytes(b"this is no database" * 100)
    with pytest.raises(StoreError) as caught:
        ProgressStore.open(tmp_path)
    assert "is not a readable progress store" in caught.value.message
    assert f"mv {path} {path}.broken" in caught.value.message
    assert path.read_bytes() == b"this is no database" * 100
    env = {**os.environ, "GRADER_HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "grader", "progress"], capture_output=True, text=True, env=env
    )
    assert result.returncode == 3
    assert result.stderr.startswith("error: ") and "Traceback" not in result.stderr


def test_a_locked_store_loses_no_attempt(tmp_path: Path) -> None:
    with ProgressStore.open(tmp_path) as store:
        store.record(_attempt("first"))
        other = sqlite3.connect(tmp_path / "progress.sqlite", isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")  # another process writing
        store.record(_attempt("second"))
        assert store.journaled == 1
        assert (tmp_path / "pending.jsonl").is_file()
        other.execute("ROLLBACK")
        other.close()
    with ProgressStore.open(tmp_path) as store:
        assert [a.exercise for a in store.attempts()] == ["first", "second"]
    assert not (tmp_path / "pending.jsonl").exists()


def test_a_store_locked_at_start_is_said_and_the_journal_waits(tmp_path: Path) -> None:
    with ProgressStore.open(tmp_path):
        pass
    kept = json.dumps({"what": "attempt", "data": _attempt("kept").__dict__}) + "\n"
    (tmp_path / "pending.jsonl").write_text(kept)
    other = sqlite3.connect(tmp_path / "progress.sqlite", isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    with pytest.raises(StoreError) as caught:
        ProgressStore.open(tmp_path)
    assert "is locked by another process" in caught.value.message
    assert (tmp_path / "pending.jsonl").read_text() == kept  # not imported, not lost
    other.execute("ROLLBACK")
    other.close()
    with ProgressStore.open(tmp_path) as store:
        assert [a.exercise for a in store.attempts()] == ["kept"]


def test_fsrs_brings_a_miss_back_soon_and_a_good_card_later() -> None:
    _, missed = review(None, "again", WHEN)
    card, good = review(None, "good", WHEN)
    assert missed - WHEN == timedelta(minutes=1)
    assert good - WHEN == timedelta(minutes=10)
    _, second = review(card, "good", good)
    assert second - WHEN > timedelta(days=1)
    assert review(card, "good", good)[1] == second  # no fuzzing: the same dates each time


def test_question_ratings() -> None:
    assert question_rating(False, 3, 2) == "again"
    assert question_rating(True, 1, 0) == "good"
    assert question_rating(True, 2, 1) == "hard"


def test_practice_starts_with_what_is_due_then_what_is_new() -> None:
    bank = Bank.load(ROOT / "exercises")
    loops = bank.select(topic="loops")
    due = {"loops-predict-break-else": WHEN - timedelta(hours=1)}
    later = {"loops-recall-enumerate": WHEN + timedelta(days=2)}
    plan = practice_plan(loops, {**due, **later}, ["loops-fizzbuzz"], WHEN, 3, ahead=False)
    assert [e.id for e in plan] == [
        "loops-predict-break-else",
        "loops-predict-empty-range",
        "loops-predict-range",
    ]
    every = practice_plan(loops, later, [e.id for e in loops], WHEN, 5, ahead=True)
    assert [e.id for e in every][:1] == ["loops-recall-enumerate"]
    assert practice_plan(loops, later, [e.id for e in loops], WHEN, 5, ahead=False) == []


def test_a_quiz_draws_across_levels_the_same_way_for_a_seed() -> None:
    questions = [
        e for e in Bank.load(ROOT / "exercises").exercises.values() if e.kind.name != "recall"
    ]
    drawn = quiz_plan(questions, 10, seed=5)
    levels = [e.difficulty for e in drawn]
    assert levels == [Difficulty.EASY] * 4 + [Difficulty.MEDIUM] * 4 + [Difficulty.HARD] * 2
    assert [e.id for e in quiz_plan(questions, 10, seed=5)] == [e.id for e in drawn]
    assert [e.id for e in quiz_plan(questions, 10, seed=6)] != [e.id for e in drawn]
    few = [e for e in questions if e.difficulty is not Difficulty.HARD][:5]
    assert len(quiz_plan(few, 10, seed=1)) == 5  # a small topic: all of it


def test_the_quiz_report_reads_by_difficulty() -> None:
    questions = quiz_plan(
        [e for e in Bank.load(ROOT / "exercises").exercises.values() if e.kind.name != "recall"],
        10,
        seed=2,
    )
    passed = {q.id: q.difficulty is not Difficulty.HARD for q in questions}
    passed[questions[4].id] = False  # one medium missed
    report = quiz_report(questions, passed)
    assert report.summary() == "easy 4/4, medium 3/4, hard 0/2: this pattern is not strong yet"
    assert len(report.missed) == 3
    assert quiz_report(questions, dict.fromkeys(passed, True)).strong


def test_topic_progress_counts_attempted_passed_and_due() -> None:
    bank = Bank.load(ROOT / "exercises")
    latest = {"loops-predict-range": _attempt(), "loops-fizzbuzz": _attempt("x", "wrong_answer")}
    schedule = {"loops-fizzbuzz": WHEN - timedelta(minutes=1)}
    rows = {
        r.topic: r for r in topic_progress(list(bank.exercises.values()), latest, schedule, WHEN)
    }
    assert (rows["loops"].attempted, rows["loops"].passed, rows["loops"].due) == (2, 1, 1)
    assert rows["strings"].attempted == 0
