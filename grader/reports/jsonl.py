"""results.jsonl: one verdict a line, with the learner, submission path and digest added."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TextIO

from grader.reports.common import json_text
from grader.reports.model import Result

FILENAME = "results.jsonl"


def result_record(result: Result) -> dict[str, Any]:
    """The verdict's fields (as `Verdict.to_dict`) plus learner, exercise, submission, digest."""
    return {
        **result.verdict.to_dict(),
        "learner": result.learner,
        "exercise": result.exercise,
        "submission": result.submission,
        "digest": result.digest,
    }


def result_line(result: Result) -> str:
    """One compact JSON object with sorted keys and a newline."""
    return json_text(result_record(result)) + "\n"


class JsonlWriter:
    """Writes each learner's results as they come."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def add(self, learner: str, results: list[Result]) -> None:
        self.stream.writelines(result_line(result) for result in results)

    def close(self) -> None:
        """Nothing is held back."""

    def discard(self) -> None:
        """Nothing to free."""


def write_jsonl(results: Iterable[Result], stream: TextIO) -> None:
    """All results, in the order given."""
    stream.writelines(result_line(result) for result in results)
