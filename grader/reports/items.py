"""Item analysis: how each exercise performs as a test item, from a stream of results.

Per exercise: the pass rate, the mean score and the discrimination (the correlation of the
exercise's score with the rest of each learner's total: good items are passed more by the
learners who do well elsewhere), and what the kind's checks say in detail: for
multiple-choice, how many chose each option; for write-function and write-program, the
pass rate of each case; for explain, the coverage of each concept; for predict-output,
the most common wrong answers. Items that discriminate badly, or that everyone (or no
one) passes, are flagged.

It reads one learner at a time (like every renderer) and keeps a fixed amount per
exercise, so its memory does not grow with the submissions. `items.json` is its report;
report.html shows it too.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, TextIO

from grader.reports.common import json_text
from grader.reports.model import BoundedCounter, Result, Summary, best_by_exercise
from grader.verdict import Verdict

__all__ = [
    "FILENAME",
    "LOW_DISCRIMINATION",
    "MIN_LEARNERS",
    "ItemAnalysis",
    "ItemStats",
    "ItemsWriter",
]

FILENAME = "items.json"
LOW_DISCRIMINATION = 0.2
"""Below this correlation an item tells strong and weak learners apart badly."""
MIN_LEARNERS = 5
"""Fewer learners than this make a correlation too noisy to flag."""
TOP_ANSWERS = 5
ANSWER_CHARS = 200
"""Wrong answers are counted on their first characters (memory stays bounded)."""

_OPTION = re.compile(r"option ([A-Z])")
_CHOICE_KINDS = {"multiple-choice", "find-the-error"}
_CASE_KINDS = {"write-function", "write-program"}


@dataclass
class _Correlation:
    """Pearson's correlation of (x, y) pairs, updated one pair at a time (Welford)."""

    n: int = 0
    mean_x: float = 0.0
    mean_y: float = 0.0
    m2x: float = 0.0
    m2y: float = 0.0
    cxy: float = 0.0

    def add(self, x: float, y: float) -> None:
        self.n += 1
        dx = x - self.mean_x
        self.mean_x += dx / self.n
        dy = y - self.mean_y
        self.mean_y += dy / self.n
        self.m2x += dx * (x - self.mean_x)
        self.m2y += dy * (y - self.mean_y)
        self.cxy += dx * (y - self.mean_y)

    @property
    def r(self) -> float | None:
        """None with fewer than two pairs, or when either side does not vary."""
        if self.n < 2 or self.m2x <= 1e-12 or self.m2y <= 1e-12:
            return None
        return max(-1.0, min(1.0, self.cxy / math.sqrt(self.m2x * self.m2y)))


@dataclass
class ItemStats:
    """One exercise as a test item: its learners' results, reduced as they stream by."""

    kind: str
    max_score: float
    learners: int = 0
    passed: int = 0
    score_sum: float = 0.0
    correlation: _Correlation = field(default_factory=_Correlation)
    options: Counter[str] = field(default_factory=Counter)
    correct_options: set[str] = field(default_factory=set)
    """Options whose check passed (the correct ones; a locked bank's verdicts do not say)."""
    no_option: int = 0
    checks: BoundedCounter = field(default_factory=BoundedCounter)
    """Learners who passed each check (case, concept), by name."""
    check_order: dict[str, None] = field(default_factory=dict)
    wrong_answers: BoundedCounter = field(default_factory=BoundedCounter)

    def add(self, verdict: Verdict, rest: float) -> None:
        """One learner's verdict, and the learner's total over the other exercises."""
        self.learners += 1
        self.passed += verdict.passed
        self.score_sum += verdict.score
        fraction = verdict.score / verdict.max_score if verdict.max_score > 0 else 0.0
        self.correlation.add(fraction, rest)
        if self.kind in _CHOICE_KINDS:
            self._choice(verdict)
        if self.kind in _CASE_KINDS or self.kind == "explain":
            order = self.check_order
            for check in verdict.checks:
                if check.name not in order and len(order) < self.checks.limit:
                    order[check.name] = None
                if check.passed:
                    self.checks.add(check.name)
        if self.kind == "predict-output" and not verdict.passed:
            answer = next((c.actual for c in verdict.checks if c.actual is not None), None)
            if answer is not None:
                self.wrong_answers.add(normalised(answer)[:ANSWER_CHARS])

    def _choice(self, verdict: Verdict) -> None:
        picked = [
            (m.group(1), c.passed) for c in verdict.checks if (m := _OPTION.fullmatch(c.name))
        ]
        chosen = {label for label, _ in picked}
        self.correct_options.update(label for label, passed in picked if passed)
        locked = next((c.actual for c in verdict.checks if c.name == "answer"), None)
        if locked:  # a locked bank's verdict names the letters it was given
            chosen |= set(re.findall(r"[A-Z]", locked))
        if not chosen and verdict.checks and self.kind == "find-the-error":
            return  # answered with a type and a line, not with options
        self.options.update(chosen)
        self.no_option += not chosen

    @property
    def pass_rate(self) -> float | None:
        return self.passed / self.learners if self.learners else None

    @property
    def mean_score(self) -> float | None:
        return self.score_sum / self.learners if self.learners else None

    @property
    def discrimination(self) -> float | None:
        return self.correlation.r

    @property
    def flags(self) -> list[str]:
        """What an instructor should look at: an item everyone (or no one) passes, or one
        that does not tell strong learners from weak ones."""
        if not self.learners:
            return []
        flags = []
        if self.passed == self.learners:
            flags.append("everyone passes")
        elif self.passed == 0:
            flags.append("nobody passes")
        r = self.discrimination
        if r is not None and self.learners >= MIN_LEARNERS and r < LOW_DISCRIMINATION:
            flags.append("discriminates negatively" if r < 0 else "discriminates badly")
        return flags

    def details(self) -> dict[str, Any]:
        """The kind's own figures: options, cases, concepts or wrong answers."""
        n = self.learners
        chose = self.options or (self.no_option and self.kind == "multiple-choice")
        if self.kind in _CHOICE_KINDS and chose:
            return {
                "options": dict(sorted(self.options.items())),
                "correct_options": sorted(self.correct_options),
                "no_option": self.no_option,
            }
        if self.kind in _CASE_KINDS or self.kind == "explain":
            key, count = ("concepts", "covered") if self.kind == "explain" else ("cases", "passed")
            counts = self.checks.counts
            return {
                key: [
                    {"name": name, count: counts[name], "rate": _round(counts[name] / n)}
                    for name in self.check_order
                ]
            }
        if self.kind == "predict-output":
            return {
                "wrong_answers": [
                    {"answer": answer, "count": count}
                    for answer, count in self.wrong_answers.top(TOP_ANSWERS)
                ]
            }
        return {}


def normalised(answer: str) -> str:
    """An answer as a wrong answer is counted: spaces collapsed, blank lines dropped."""
    lines = (" ".join(line.split()) for line in answer.splitlines())
    return "\n".join(line for line in lines if line)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


class ItemAnalysis:
    """Fed one learner at a time (a `ReportWriter`); read once every learner is in."""

    def __init__(self, summary: Summary) -> None:
        self.summary = summary
        self.items = {
            exercise: ItemStats(info.kind, info.max_score)
            for exercise, info in summary.exercises.items()
        }

    def add(self, learner: str, results: list[Result]) -> None:
        best = best_by_exercise(results)
        total = sum(result.verdict.score for result in best.values())
        for exercise, result in best.items():
            item = self.items.get(exercise)
            if item is not None:
                item.add(result.verdict, total - result.verdict.score)

    def close(self) -> None:
        """Nothing to finish: the writers that show it read it."""

    def discard(self) -> None:
        """Nothing to free."""

    def to_dict(self) -> dict[str, Any]:
        infos = self.summary.exercises
        return {
            "thresholds": {"low_discrimination": LOW_DISCRIMINATION, "min_learners": MIN_LEARNERS},
            "items": [
                {
                    "exercise": exercise,
                    "title": infos[exercise].title,
                    "kind": item.kind,
                    "max_score": item.max_score,
                    "learners": item.learners,
                    "pass_rate": _round(item.pass_rate),
                    "mean_score": _round(item.mean_score),
                    "discrimination": _round(item.discrimination),
                    "flags": item.flags,
                    **item.details(),
                }
                for exercise, item in self.items.items()
            ],
        }


class ItemsWriter:
    """items.json: the item analysis, written once every learner is in."""

    def __init__(self, stream: TextIO, analysis: ItemAnalysis) -> None:
        self.stream = stream
        self.analysis = analysis

    def add(self, learner: str, results: list[Result]) -> None:
        """The analysis is fed on its own."""

    def close(self) -> None:
        self.stream.write(json_text(self.analysis.to_dict(), indent=2) + "\n")

    def discard(self) -> None:
        """Nothing to free."""
