"""The recall kind: cards read, graded by the learner's rating, shown without the answer."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from grader.bank import Bank
from grader.errors import SpecError
from grader.exercise import Difficulty
from grader.grading import grade
from grader.kinds.recall import rating_of
from grader.spec.loader import parse_exercise
from grader.submission import Submission
from grader.testing import FakeRunner

ROOT = Path(__file__).resolve().parents[2]
CARD = """\
id: loops-recall-test
kind: recall
topic: loops
question: "Which numbers does `range(3)` give?"
answer: "0, 1 and 2."
"""


def _problems(text: str) -> list[str]:
    with pytest.raises(SpecError) as caught:
        parse_exercise(text, "card.yaml")
    return [f"{p.field}: {p.message}" for p in caught.value.problems]


def test_a_card_needs_only_a_question_and_an_answer() -> None:
    card = parse_exercise(CARD, "card.yaml")
    assert card.title == card.prompt == "Which numbers does `range(3)` give?"
    assert card.solution == ("0, 1 and 2.",)
    assert card.difficulty is None
    assert card.summary()["difficulty"] is None
    leveled = parse_exercise(CARD + "difficulty: intermediate\n", "card.yaml")
    assert leveled.difficulty is Difficulty.INTERMEDIATE


def test_a_card_levels_are_beginner_or_intermediate_and_questions_keep_theirs() -> None:
    assert any(
        p.startswith("difficulty: must be one of: beginner, intermediate")
        for p in _problems(CARD + "difficulty: easy\n")
    )
    question = """\
id: loops-choice-test
kind: multiple-choice
title: T
topic: loops
difficulty: beginner
prompt: P
hint: H
solution: [S]
options:
  - {text: "yes", correct: true}
  - {text: "no", feedback: "No."}
"""
    assert any("must be one of: easy, medium, hard" in p for p in _problems(question))
    without = question.replace("difficulty: beginner\n", "")
    assert "difficulty: missing required field" in _problems(without)


def test_a_card_refuses_a_prompt_and_needs_its_answer() -> None:
    assert any("remove `prompt`" in p for p in _problems(CARD + "prompt: Also this?\n"))
    assert "answer: missing required field" in _problems(
        CARD.replace('answer: "0, 1 and 2."\n', "")
    )


@pytest.mark.parametrize(
    "typed, rating", [("good", "good"), (" Again\n", "again"), ("3", "good"), ("e", "easy")]
)
def test_ratings_are_read_from_words_numbers_or_initials(typed: str, rating: str) -> None:
    assert rating_of(typed) == rating


@pytest.mark.parametrize(
    "typed, rating",
    [("easy - I knew it", "easy"), ("Hard: I mixed up the two", "hard"), ("again.", "again")],
)
def test_a_rating_word_may_come_with_a_comment(typed: str, rating: str) -> None:
    assert rating_of(typed) == rating


@pytest.mark.parametrize("typed", ["A class attribute is shared", "goodness knows", "easy peasy"])
def test_a_written_out_answer_is_no_rating(typed: str) -> None:
    """`a` is the initial of again only when it stands alone."""
    assert rating_of(typed) is None


@pytest.mark.parametrize(
    "typed, passed, score",
    [("again", False, 0.0), ("hard", True, 0.5), ("good", True, 1.0), ("easy", True, 1.0)],
)
def test_the_rating_is_graded(typed: str, passed: bool, score: float) -> None:
    card = parse_exercise(CARD, "card.yaml")
    verdict = grade(card, Submission.from_text(typed, "rating.txt"), FakeRunner([]))
    assert (verdict.passed, verdict.score) == (passed, score)


def test_an_answer_that_is_no_rating_says_how_to_rate() -> None:
    card = parse_exercise(CARD, "card.yaml")
    verdict = grade(card, Submission.from_text("0 1 2", "rating.txt"), FakeRunner([]))
    assert not verdict.passed
    assert "again, hard, good or easy" in verdict.hints[0]
    assert "`grader practice` shows the card and reveals its answer" in verdict.hints[0]


def test_reveal_gives_the_answer() -> None:
    card = parse_exercise(CARD, "card.yaml")
    assert card.kind.reveal(card, FakeRunner([])).answer == "0, 1 and 2."


def test_the_bank_has_at_least_five_cards_per_topic() -> None:
    bank = Bank.load(ROOT / "exercises")
    for topic in bank.topics():
        cards = bank.select(topic=topic, kind="recall")
        assert len(cards) >= 5, topic
        assert all(
            card.difficulty in (Difficulty.BEGINNER, Difficulty.INTERMEDIATE) for card in cards
        )


def _grader(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "grader", *args], capture_output=True, text=True, cwd=cwd
    )


def test_show_prints_the_question_never_the_answer() -> None:
    result = _grader("show", "loops-recall-range-stop")
    assert result.returncode == 0, result.stderr
    assert "Which numbers does" in result.stdout
    assert "stops just before its stop" not in result.stdout


def test_a_locked_bank_keeps_the_cards_answers(tmp_path: Path) -> None:
    bank = tmp_path / "bank"
    (bank / "loops").mkdir(parents=True)
    source = ROOT / "exercises" / "loops" / "loops-recall-range-stop.yaml"
    (bank / "loops" / source.name).write_text(source.read_text())
    result = _grader(
        "lock",
        "--exercises",
        str(bank),
        "--out",
        str(tmp_path / "out"),
        "--key",
        str(tmp_path / "k"),
    )
    assert result.returncode == 0, result.stderr
    locked = Bank.load(tmp_path / "out").get("loops-recall-range-stop")
    assert locked.locked
    assert "stops just before its stop" in locked.kind.reveal(locked, FakeRunner([])).answer
    verdict = grade(locked, Submission.from_text("hard", "rating.txt"), FakeRunner([]))
    assert verdict.passed
