"""A corpus of realistic answers to the bundled text-kind exercises (explain,
multiple-choice, find-the-error, predict-output), each with the verdict and the specific
hint it must get; graded end to end against the bundled bank."""

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


def load_corpus() -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    for path in sorted(CORPUS.glob("*.yaml")):
        entries += yaml.safe_load(path.read_text(encoding="utf-8"))
    return entries


ENTRIES = load_corpus()


@pytest.fixture(scope="module")
def bank() -> Bank:
    return Bank.load(BANK)


def _id(entry: dict[str, Any]) -> str:
    return f"{entry['exercise']}:{entry['status']}:{entry['answer'][:30]}"


@pytest.mark.parametrize("entry", ENTRIES, ids=[_id(e) for e in ENTRIES])
def test_a_realistic_answer_gets_its_verdict_and_hint(
    entry: dict[str, Any], bank: Bank, check: Callable[..., Verdict]
) -> None:
    exercise = bank.get(entry["exercise"])
    verdict = check(exercise, entry["answer"])
    assert verdict.status is Status(entry["status"]), (verdict.message, verdict.hints)
    if "hint" in entry:
        assert any(entry["hint"] in hint for hint in verdict.hints), verdict.hints
        assert verdict.hints[0] != exercise.hint, "the first hint is the general one"
