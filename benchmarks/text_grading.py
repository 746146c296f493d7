"""Grading cost of text answers (explain, multiple-choice, find-the-error, predict-output).

Usage: python benchmarks/text_grading.py [ROUNDS] [--corpus DIR] [--exercises DIR]

Grades every answer of the test corpus (tests/data/corpus/*.yaml) against the bank, in
process. The snippets of predict-output and find-the-error run once in the sandbox first;
then their outcomes are cached, so the rounds time the grading itself: reading the answer,
matching it and building the verdict. Prints the median cost per answer, by kind and in
all, and the one-time cost of the first explain answer (loading simplemma's dictionary).
Words read once are remembered (`grader.toolkit.prose.MEMO_SIZE` of them), so explain is
also timed with that memory emptied before every answer, as if each word were new.

Run it from two checkouts with the same interpreter and corpus to compare them (A/B): it
uses only `Bank`, `grade`, `Submission` and `CachingRunner`.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import defaultdict
from pathlib import Path

import yaml

from grader.bank import Bank
from grader.grading import grade
from grader.runner import CachingRunner
from grader.submission import Submission
from sandbox.client import default_sandbox

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("rounds", nargs="?", type=int, default=20)
    parser.add_argument("--corpus", type=Path, default=ROOT / "tests" / "data" / "corpus")
    parser.add_argument("--exercises", type=Path, default=ROOT / "exercises")
    args = parser.parse_args()
    bank = Bank.load(args.exercises)
    answers = []
    for path in sorted(args.corpus.glob("*.yaml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")):
            exercise = bank.get(entry["exercise"])
            answers.append((exercise, Submission.from_text(entry["answer"], "answer.txt")))
    runner = CachingRunner(default_sandbox())
    first = time.perf_counter()
    for exercise, submission in answers:  # warm: sandbox runs, dictionaries, caches
        grade(exercise, submission, runner)
    warm_up = time.perf_counter() - first
    per_kind: dict[str, list[float]] = defaultdict(list)
    for _ in range(args.rounds):
        spent: dict[str, float] = defaultdict(float)
        for exercise, submission in answers:
            started = time.perf_counter()
            grade(exercise, submission, runner)
            spent[exercise.kind.name] += time.perf_counter() - started
        for kind, seconds in spent.items():
            per_kind[kind].append(seconds)
    counts: dict[str, int] = defaultdict(int)
    for exercise, _ in answers:
        counts[exercise.kind.name] += 1
    print(
        f"{len(answers)} answers, {args.rounds} rounds; first pass (with sandbox runs) "
        f"{warm_up * 1000:.0f} ms"
    )
    total = 0.0
    for kind in sorted(per_kind):
        median = statistics.median(per_kind[kind])
        total += median
        cost = median / counts[kind] * 1e6
        print(f"  {kind:<16} {counts[kind]:4} answers  {cost:9.1f} µs/answer")
    print(f"  {'all':<16} {len(answers):4} answers  {total / len(answers) * 1e6:9.1f} µs/answer")
    explain = [(e, s) for e, s in answers if e.kind.name == "explain"]
    if explain and forget_words() is not None:
        rounds = []
        for _ in range(args.rounds):
            spent = 0.0
            for exercise, submission in explain:
                forget_words()
                started = time.perf_counter()
                grade(exercise, submission, runner)
                spent += time.perf_counter() - started
            rounds.append(spent)
        cost = statistics.median(rounds) / len(explain) * 1e6
        print(f"  {'explain, new words':<16} {len(explain):4} answers  {cost:9.1f} µs/answer")


def forget_words() -> bool | None:
    """Empty the memory of words read before (None when this tree has none)."""
    try:
        from grader.toolkit import prose
    except ImportError:
        return None
    memos = [getattr(prose, name, None) for name in ("_chunk", "lemma", "is_known", "_expand")]
    for memo in memos:
        if memo is not None:
            memo.cache_clear()
    return True


if __name__ == "__main__":
    main()
