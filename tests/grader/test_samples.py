"""`samples:` in a spec: sample submissions that `grader validate` and `grader test` grade,
each reported at its line when its verdict is not the one the spec expects."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from grader.errors import SpecError
from grader.runner import CachingRunner
from grader.samples import run_samples
from grader.validation import collect, validate

from .conftest import exercise

ROOT = Path(__file__).resolve().parents[2]
AVERAGE = ROOT / "exercises" / "functions" / "functions-average.yaml"
EMPTY_CASE = """\
  - call: "average([])"
    raises: ValueError
    hint: "Check for an empty list before dividing."
"""


def grader(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "grader", *map(str, args)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


@pytest.fixture
def bank(tmp_path: Path) -> Path:
    """A copy of functions-average with its sample files."""
    bank = tmp_path / "bank"
    shutil.copytree(AVERAGE.parent / "samples", bank / "functions" / "samples")
    shutil.copy(AVERAGE, bank / "functions")
    return bank


def spec_line(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def test_the_bundled_samples_agree(bank: Path) -> None:
    result = grader("test", bank)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "5 samples in 1 exercise: 5 as expected, 0 not" in result.stdout


def test_a_broken_edit_is_caught_by_a_sample_at_its_line(bank: Path) -> None:
    """Deleting the empty-list case leaves a valid spec whose reference passes; the sample
    that misses the empty-list check now passes, and says so."""
    spec = bank / "functions" / AVERAGE.name
    text = spec.read_text()
    assert EMPTY_CASE in text
    spec.write_text(text.replace(EMPTY_CASE, ""))
    line = spec_line(spec, "- name: no check for the empty list")
    result = grader("validate", spec)
    assert result.returncode == 1
    assert (
        f"{spec}:{line}: samples[1]: sample 'no check for the empty list': "
        "expected wrong_answer, got passed (5 of 5 calls returned the right result.)"
    ) in result.stdout
    assert "expected a score of 0.833333, got 1 of 1" in result.stdout
    assert "no hint contains 'empty list' (the hints: none)" in result.stdout
    tested = grader("test", spec)
    assert tested.returncode == 1
    assert "✗ no check for the empty list: passed 1/1" in tested.stdout
    assert "5 samples in 1 exercise: 3 as expected, 2 not" in tested.stdout


def test_grader_test_reports_json(bank: Path) -> None:
    result = grader("test", bank, "--format", "json")
    data = json.loads(result.stdout)
    assert result.returncode == 0 and data["exercises"] == 1
    assert [s["name"] for s in data["samples"]][:2] == ["correct", "no check for the empty list"]
    assert all(s["agrees"] for s in data["samples"])


def test_a_missing_sample_file_is_a_problem_at_its_line(bank: Path, runner: CachingRunner) -> None:
    (bank / "functions" / "samples" / "functions-average" / "correct.py").unlink()
    spec = bank / "functions" / AVERAGE.name
    report = validate(collect([spec]), runner)
    found = [(p.line, p.message) for p in report.problems]
    line = spec_line(spec, "file: samples/functions-average/correct.py") - 1
    assert (
        line,
        "sample 'correct': no such sample file "
        f"{bank / 'functions' / 'samples' / 'functions-average' / 'correct.py'} "
        "(paths are relative to the spec's folder)",
    ) in found


SAMPLES = """\
    options:
      - text: Right
        correct: true
      - text: Wrong
        feedback: Because it is not.
    samples:
{items}
"""


def samples(items: str):
    return exercise("multiple-choice", SAMPLES.format(items=items))


def test_inline_samples_with_status_score_and_hint(runner: CachingRunner) -> None:
    target = samples(
        "      - {submission: A, status: passed, score: 1}\n"
        "      - {submission: B, status: wrong_answer, hint: because IT is}\n"
        "      - {submission: B, status: passed, name: wrong on purpose}\n"
        "      - {submission: '', status: invalid_submission}\n"
    )
    results = run_samples(target, runner)
    assert [r.agrees for r in results] == [True, True, False, True]
    assert results[2].differences == (
        "expected passed, got wrong_answer (Not quite: B is not the correct answer.)",
    )
    assert [r.sample.name for r in results][:2] == ["sample 1", "sample 2"]


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ("{status: passed}", "samples[0]: give the sample as `submission:` (its text) or `file:`"),
        (
            "{status: passed, submission: A, file: a.txt}",
            "samples[0]: give the sample as `submission:` (its text) or `file:`, not both",
        ),
        ("{status: passed, file: ../a.txt}", "samples[0].file: '../a.txt' must be a path inside"),
        ("{status: passed, file: a.py}", "samples[0].file: this kind takes .txt or .md files"),
        ("{status: pass, submission: A}", "samples[0].status: must be one of: passed"),
        ("{status: passed, submission: A, hint: ''}", "samples[0].hint: must not be empty"),
        ("{status: passed, submission: A, points: 1}", "samples[0].points: unknown field"),
    ],
    ids=["none", "both", "outside", "suffix", "status", "hint", "unknown"],
)
def test_a_malformed_sample_is_a_problem_with_its_field(item: str, message: str) -> None:
    with pytest.raises(SpecError) as caught:
        samples(f"      - {item}\n")
    assert any(message in str(p) for p in caught.value.problems), caught.value.problems


def test_two_samples_with_one_name_are_a_problem() -> None:
    with pytest.raises(SpecError) as caught:
        samples(
            "      - {submission: A, status: passed, name: same}\n"
            "      - {submission: B, status: wrong_answer, name: same}\n"
        )
    assert any("'same' names another sample too" in str(p) for p in caught.value.problems)


def test_every_kind_of_the_bundled_bank_has_an_exercise_with_samples() -> None:
    report = validate(collect([ROOT / "exercises"]), None)
    kinds = {e.kind.name for e in report.exercises if len(e.samples) >= 3}
    assert kinds == {e.kind.name for e in report.exercises}, kinds
