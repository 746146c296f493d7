"""The corpus of realistic code submissions (tests/corpus/): each gets its verdict and the
specific hint about its own mistake, through the real sandbox; right ones pass quietly."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from grader.bank import find_exercise, spec_files
from grader.grading import grade
from grader.runner import CachingRunner
from grader.submission import Submission
from grader.verdict import Status

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "corpus"
EXPECTED: dict[str, list[str]] = yaml.safe_load((CORPUS / "expected.yaml").read_text())
CODE_KINDS = ("write-function", "write-program", "fix-syntax-error")


@pytest.mark.parametrize("entry", sorted(EXPECTED))
def test_corpus_submission_gets_its_verdict_and_specific_hint(
    runner: CachingRunner, entry: str
) -> None:
    exercise = find_exercise(entry.split("/")[0], ROOT / "exercises")
    path = CORPUS / entry
    verdict = grade(exercise, Submission.from_text(path.read_text(), path.name), runner).public()
    status, *hint = EXPECTED[entry]
    assert verdict.status is Status(status), verdict.hints
    if verdict.passed:
        assert verdict.hints == ()
        return
    assert hint and hint[0] in verdict.hints[0], verdict.hints
    assert verdict.hints[0] != exercise.hint


def test_the_corpus_has_two_wrong_and_one_right_submission_per_code_exercise() -> None:
    listed = {str(p.relative_to(CORPUS)) for p in CORPUS.glob("*/*.py")}
    assert listed == set(EXPECTED)
    for spec in spec_files(ROOT / "exercises"):
        if yaml.safe_load(spec.read_text())["kind"] not in CODE_KINDS:
            continue
        mine = [e for e in EXPECTED if e.split("/")[0] == spec.stem]
        wrong = [e for e in mine if EXPECTED[e][0] != "passed"]
        assert len(wrong) >= 2 and len(mine) > len(wrong), spec.stem


FIXES = [
    spec.stem
    for spec in spec_files(ROOT / "exercises")
    if yaml.safe_load(spec.read_text())["kind"] == "fix-syntax-error"
]


@pytest.mark.parametrize("exercise_id", FIXES)
def test_every_bundled_fix_syntax_error_grades_its_reference_fix_as_passed(
    runner: CachingRunner, exercise_id: str
) -> None:
    exercise = find_exercise(exercise_id, ROOT / "exercises")
    fixed = exercise.body.fixed
    verdict = grade(exercise, Submission.from_text(fixed, "fix.py"), runner)
    assert verdict.passed and verdict.hints == ()
