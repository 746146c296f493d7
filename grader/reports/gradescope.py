"""gradescope/<learner>/results.json: Gradescope's autograder results format, one per learner.

A test per exercise (in id order), including exercises the learner did not submit (failed,
0 points). Outputs are plain text with control characters shown as pictures (␛). No
`execution_time`, so that the same results give the same bytes."""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from grader.reports.common import json_text, number, printable, verdict_text
from grader.reports.files import FileWriter
from grader.reports.model import ExerciseInfo, Result, best_by_exercise, by_learner

DIRECTORY = "gradescope"
FILENAME = "results.json"
NO_SUBMISSION = "No submission for this exercise."
_RESERVED = set('/\\%:*?"<>|')
_MAX_NAME_BYTES = 200


def directory_name(learner: str) -> str:
    """A safe, one-to-one directory name for a learner: printable characters are kept, others
    (and / \\ % : * ? " < > |, a leading dot) become %XX of their UTF-8 bytes; very long
    names are cut and end with "%~" and a hash of the whole name."""
    parts = []
    for index, char in enumerate(learner):
        surrogate = 0xD800 <= ord(char) <= 0xDFFF
        leading_dot = index == 0 and char == "."
        if char.isprintable() and char not in _RESERVED and not (surrogate or leading_dot):
            parts.append(char)
            continue
        parts.append("".join(f"%{b:02X}" for b in char.encode("utf-8", "surrogatepass")))
    name = "".join(parts) or "%"
    if len(name.encode("utf-8")) > _MAX_NAME_BYTES:
        digest = hashlib.sha256(learner.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        cut = name.encode("utf-8")[: _MAX_NAME_BYTES - 18].decode("utf-8", "ignore")
        name = f"{cut}%~{digest}"  # the encoding never writes "%~" itself
    return name


def _score(value: float) -> float:
    return round(value, 6)


def learner_results(
    learner: str, results: Iterable[Result], exercises: Mapping[str, ExerciseInfo]
) -> dict[str, Any]:
    """One learner's results.json as data."""
    best = best_by_exercise(results)
    tests: list[dict[str, Any]] = []
    score = max_score = 0.0
    passed = 0
    for number_, exercise in enumerate(sorted(set(exercises) | set(best)), 1):
        info = exercises.get(exercise)
        result = best.get(exercise)
        test: dict[str, Any] = {
            "name": f"{info.title} ({exercise})" if info and info.title != exercise else exercise,
            "number": str(number_),
            "output_format": "text",
            "tags": [tag for tag in (info.topic, info.kind) if tag] if info else [],
            "visibility": "visible",
        }
        if result is None:
            limit = info.max_score if info else 0.0
            test |= {
                "score": 0.0,
                "max_score": _score(limit),
                "status": "failed",
                "output": NO_SUBMISSION,
                "extra_data": {"exercise": exercise, "status": "missing"},
            }
        else:
            verdict = result.verdict
            limit = verdict.max_score
            test |= {
                "score": _score(verdict.score),
                "max_score": _score(limit),
                "status": "passed" if verdict.passed else "failed",
                "output": printable(verdict_text(verdict)),
                "extra_data": {
                    "exercise": exercise,
                    "status": verdict.status.value,
                    "submission": result.submission,
                    "digest": result.digest,
                },
            }
            score += verdict.score
            passed += verdict.passed
        max_score += limit
        tests.append(test)
    return {
        "score": _score(score),
        "output": (
            f"{passed} of {len(tests)} exercises passed; "
            f"{number(score)} of {number(max_score)} points."
        ),
        "output_format": "text",
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "extra_data": {"learner": learner},
        "tests": tests,
    }


class GradescopeWriter:
    """Hands each learner's file to a `FileWriter` as the learner's results complete."""

    def __init__(self, directory: Path, exercises: Mapping[str, ExerciseInfo]) -> None:
        self.directory = directory
        self.exercises = exercises
        self.written: list[Path] = []
        self._files = FileWriter()

    def add(self, learner: str, results: list[Result]) -> None:
        path = self.directory / directory_name(learner) / FILENAME
        self._files.write(path, json_text(learner_results(learner, results, self.exercises)) + "\n")
        self.written.append(path)

    def close(self) -> None:
        """Wait until every file is written; raises the first error met."""
        self._files.finish()

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            self._files.finish()


def write_gradescope(
    results: Iterable[Result], exercises: Mapping[str, ExerciseInfo], directory: Path
) -> list[Path]:
    """A results.json per learner under `directory`; the paths written, in learner order."""
    writer = GradescopeWriter(directory, exercises)
    for learner, group in by_learner(results):
        writer.add(learner, group)
    writer.close()
    return writer.written
