"""gradebook.csv: one row per learner, one column per exercise, a total, and a mean row."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from typing import TextIO

from grader.reports.common import number, single_line
from grader.reports.model import ExerciseInfo, Result, best_by_exercise, by_learner

FILENAME = "gradebook.csv"
MEAN_ROW = "(mean)"
"""The first cell of the last row; its cells are the mean over the learners with a score.
No learner's cell starts with "(" (see `safe_cell`), so no learner can pass for this row."""

_QUOTED_START = ("=", "+", "-", "@", "|", "'", "(")


def safe_cell(text: str) -> str:
    """A text cell on one line that spreadsheets will not run as a formula (OWASP: a quote
    before a leading = + - @ |; tabs and line breaks are already shown as marks). A leading
    ( or ' is quoted too: a learner folder named `(mean)` shows as `'(mean)`, never as the
    mean row, and each cell still reads back to one name (drop one leading quote)."""
    text = single_line(text)
    return "'" + text if text.startswith(_QUOTED_START) else text


class GradebookWriter:
    """Writes the header at once, a row per learner as it comes, and the mean row on close."""

    def __init__(self, stream: TextIO, exercises: Mapping[str, ExerciseInfo]) -> None:
        self.columns = sorted(exercises)
        self.writer = csv.writer(stream, lineterminator="\r\n")
        self.sums = dict.fromkeys(self.columns, 0.0)
        self.counts = dict.fromkeys(self.columns, 0)
        self.total_sum = 0.0
        self.learners = 0
        self.writer.writerow(["learner", *map(safe_cell, self.columns), "total"])

    def add(self, learner: str, results: list[Result]) -> None:
        best = best_by_exercise(results)
        row = [safe_cell(learner)]
        total = 0.0
        for column in self.columns:
            result = best.get(column)
            if result is None:
                row.append("")
                continue
            score = result.verdict.score
            row.append(number(score))
            total += score
            self.sums[column] += score
            self.counts[column] += 1
        row.append(number(total))
        self.writer.writerow(row)
        self.total_sum += total
        self.learners += 1

    def close(self) -> None:
        means = [
            number(self.sums[c] / self.counts[c]) if self.counts[c] else "" for c in self.columns
        ]
        total = number(self.total_sum / self.learners) if self.learners else ""
        self.writer.writerow([MEAN_ROW, *means, total])

    def discard(self) -> None:
        """Nothing to free."""


def write_gradebook(
    results: Iterable[Result], exercises: Mapping[str, ExerciseInfo], stream: TextIO
) -> None:
    """The gradebook of `results` (sorted by learner); `exercises` are the columns."""
    writer = GradebookWriter(stream, exercises)
    for learner, group in by_learner(results):
        writer.add(learner, group)
    writer.close()
