"""The corpus of realistic code submissions (tests/corpus/expected.yaml, files found by
`tests.corpus_files`): each gets its verdict and the specific hint about its own mistake,
through the real sandbox; right ones pass quietly."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from grader.bank import find_exercise, spec_files
from grader.grading import grade
from grader.runner import CachingRunner
from grader.submission import Submission
from grader.verdict import Status
from tests.corpus_files import CORPUS, corpus_path, corpus_paths, expected

ROOT = Path(__file__).resolve().parents[2]
EXPECTED = expected()
CODE_KINDS = ("write-function", "write-program", "fix-syntax-error")


@pytest.mark.parametrize("entry", sorted(EXPECTED))
def test_corpus_submission_gets_its_verdict_and_specific_hint(
    runner: CachingRunner, entry: str
) -> None:
    exercise = find_exercise(entry.split("/")[0], ROOT / "exercises")
    path = corpus_path(entry)
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
    assert listed <= set(EXPECTED)  # no file of tests/corpus goes unchecked
    assert set(corpus_paths()) == set(EXPECTED)  # and every entry has its file
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


def test_a_corpus_file_that_is_also_a_sample_is_kept_once() -> None:
    for entry, path in corpus_paths().items():
        samples = list((ROOT / "exercises").glob(f"*/samples/{entry}"))
        if path.is_relative_to(CORPUS) and samples:
            assert path.read_bytes() != samples[0].read_bytes(), f"{entry}: drop the copy"


def test_a_case_hint_is_held_back_when_a_case_without_one_fails_at_the_base(
    runner: CachingRunner,
) -> None:
    """A learner review: a recursive call without `return` (None in a case with no hint of
    its own) was also told the hint of the case about float division."""
    exercise = find_exercise("functions-count-digits", ROOT / "exercises")
    path = corpus_path("functions-count-digits/recursive-call-not-returned.py")
    verdict = grade(exercise, Submission.from_text(path.read_text(), path.name), runner)
    assert not any("`n / 10`" in hint for hint in verdict.hints), verdict.hints
    divides = path.read_text().replace("n // 10", "n / 10").replace("    1 +", "    return 1 +")
    verdict = grade(exercise, Submission.from_text(divides, path.name), runner)
    assert any("`n / 10`" in hint for hint in verdict.hints), verdict.hints
