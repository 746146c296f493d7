"""`grader check` and `grader batch` refuse to grade against exercises that fail
`grader validate` (exit 2, every problem listed), unless `--allow-invalid`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "exercises" / "functions" / "functions-average.yaml"
SUBMISSION = ROOT / "examples" / "submissions" / "ada" / "functions-average.py"
WRONG = "returns: 2.5\n"
"""The first case's expected value, edited to one the reference does not return."""


def grader(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "grader", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


@pytest.fixture
def broken_bank(tmp_path: Path) -> Path:
    """A bank whose functions-average expects 3.5 where the reference returns 2.5."""
    bank = tmp_path / "bank"
    (bank / "functions").mkdir(parents=True)
    text = SPEC.read_text()
    assert WRONG in text
    (bank / "functions" / SPEC.name).write_text(text.replace(WRONG, "returns: 3.5\n"))
    return bank


def test_check_refuses_an_exercise_that_fails_validation(broken_bank: Path) -> None:
    result = grader("check", "functions-average", SUBMISSION, "--exercises", broken_bank)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "functions-average.yaml:15: cases[0]: the reference solution fails" in result.stderr
    assert "--allow-invalid" in result.stderr
    assert result.stdout == ""  # no verdict


def test_check_allow_invalid_grades_with_warnings(broken_bank: Path) -> None:
    result = grader(
        "check", "functions-average", SUBMISSION, "--exercises", broken_bank, "--allow-invalid"
    )
    assert result.returncode in (0, 1), result.stderr
    assert "warning: " in result.stderr and "cases[0]" in result.stderr
    assert "points" in result.stdout


def test_batch_refuses_before_grading_anything(broken_bank: Path, tmp_path: Path) -> None:
    submissions = tmp_path / "subs"
    (submissions / "ada").mkdir(parents=True)
    shutil.copy(SUBMISSION, submissions / "ada")
    out = tmp_path / "out"
    result = grader("batch", submissions, "--out", out, "--exercises", broken_bank, "--jobs", "1")
    assert result.returncode == 2, result.stdout + result.stderr
    assert "cases[0]: the reference solution fails" in result.stderr
    assert not (out / "grades.sqlite").exists()
    allowed = grader(
        "batch", submissions, "--out", out, "--exercises", broken_bank, "--allow-invalid"
    )
    assert allowed.returncode == 0, allowed.stderr
    assert "warning: " in allowed.stderr and (out / "grades.sqlite").is_file()


def test_a_valid_exercise_is_graded_as_before() -> None:
    result = grader("check", "functions-average", SUBMISSION)
    assert result.returncode in (0, 1) and "warning" not in result.stderr, result.stderr
