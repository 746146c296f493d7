"""A corpus of realistic answers to the bundled text-kind exercises (explain,
multiple-choice, find-the-error, predict-output), written from `grader show` alone, each
with the verdict and the specific hint it must get; graded end to end against the bundled
bank. One test per kind, which lists every answer graded otherwise."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from grader.bank import Bank
from grader.verdict import Status, Verdict

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"
BANK = Path(__file__).resolve().parents[2] / "exercises"
KINDS = ("explain", "multiple-choice", "find-the-error", "predict-output")


def load_corpus() -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    for path in sorted(CORPUS.glob("*.yaml")):
        entries += yaml.safe_load(path.read_text(encoding="utf-8"))
    return entries


def misgraded(entry: dict[str, Any], exercise: Any, verdict: Verdict) -> str | None:
    """What is wrong with the verdict on a corpus answer, or None."""
    if verdict.status is not Status(entry["status"]):
        return f"got {verdict.status}: {verdict.message}"
    hint = entry.get("hint")
    if hint is None:
        return None
    if not any(hint in h for h in verdict.hints):
        return f"no hint with {hint!r}: {verdict.hints}"
    if verdict.hints[0] == exercise.hint:
        return "the first hint is the general one"
    return None


@pytest.fixture(scope="module")
def bank() -> Bank:
    return Bank.load(BANK)


@pytest.mark.parametrize("kind", KINDS)
def test_every_corpus_answer_gets_its_verdict_and_specific_hint(
    kind: str, bank: Bank, check: Callable[..., Verdict]
) -> None:
    wrong = []
    graded = 0
    for entry in load_corpus():
        exercise = bank.get(entry["exercise"])
        if exercise.kind.name != kind:
            continue
        graded += 1
        problem = misgraded(entry, exercise, check(exercise, entry["answer"]))
        if problem:
            wrong.append(f"{entry['exercise']}: {entry['answer'][:50]!r}: {problem}")
    assert graded, f"no corpus answer for {kind}"
    assert wrong == [], "\n".join(wrong)
    assert _thin(bank, kind) == [], "needs two wrong answers with hints and a right one"


def _thin(bank: Bank, kind: str) -> list[str]:
    """The exercises of `kind` with fewer than two wrong answers (with their hints) or no
    right answer in the corpus."""
    entries = load_corpus()
    thin = []
    for exercise in bank.exercises.values():
        if exercise.kind.name != kind:
            continue
        mine = [e for e in entries if e["exercise"] == exercise.id]
        wrong = [e for e in mine if e["status"] != "passed" and "hint" in e]
        if len(wrong) < 2 or not any(e["status"] == "passed" for e in mine):
            thin.append(exercise.id)
    return thin
