"""`grader fill`: expected values computed from the reference, shown as a diff, written
only with --write, into the spec's own text."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from grader.filling import fill, flow
from grader.runner import CachingRunner
from grader.spec.loader import load_exercise, parse_exercise

from .conftest import COMMON

ROOT = Path(__file__).resolve().parents[2]


def spec(tmp_path: Path, kind: str, body: str) -> Path:
    path = tmp_path / "testing" / "fill-me.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(COMMON.format(id="fill-me", kind=kind) + textwrap.dedent(body))
    return path


FUNCTION = """\
    function: split_even
    # the cases, as the instructor wrote them
    cases:
      - call: split_even([1, 2, 3, 4])
        returns: TODO
      - call: split_even([])
        returns: [[], []]   # already right: left alone
      - call: split_even(None)
        returns: 0
        hint: None is not a list.
      - call: split_even([2])
        returns: TODO
        hidden: true
      - {call: "split_even([5])", returns: 1}
    solution_code: |
      def split_even(numbers):
          if numbers is None:
              raise TypeError("give a list")
          even = [n for n in numbers if n % 2 == 0]
          odd = [n for n in numbers if n % 2]
          return (even, odd) if numbers == [2] else [even, odd]
"""


def test_write_function_values_come_from_the_reference(
    tmp_path: Path, runner: CachingRunner
) -> None:
    path = spec(tmp_path, "write-function", FUNCTION)
    filled = fill(load_exercise(path), runner)
    assert "+    returns: [[2, 4], [1, 3]]\n" in filled.diff
    assert "-    returns: 0\n+    raises: TypeError\n" in filled.diff  # in its place
    assert '+    returns_literal: "([2], [])"\n' in filled.diff  # a tuple is no YAML value
    assert "returns: [[], []]   # already right: left alone" in filled.text
    assert "# the cases, as the instructor wrote them" in filled.text
    assert "hint: None is not a list." in filled.text and "hidden: true" in filled.text
    assert filled.notes == (
        "cases[4]: is written in a form this command does not edit (a {...} mapping?); "
        "write `returns: [[], [5]]` by hand",
    )
    exercise = parse_exercise(filled.text, str(path))
    assert [type(c.returns).__name__ for c in exercise.body.cases][:2] == ["Plain", "Plain"]


def test_write_program_outputs_and_predict_output_answers(
    tmp_path: Path, runner: CachingRunner
) -> None:
    program = spec(
        tmp_path,
        "write-program",
        """\
        cases:
          - stdin: "ada\\n"
            expected: TODO
          - stdin: "x\\n"
            expected: "X\\n1\\n"
          - stdin: "a\\n"
            compare: regex
            expected: "TODO"
        solution_code: |
          word = input()
          print(word.upper())
          print(len(word))
        """,
    )
    filled = fill(load_exercise(program), runner)
    assert "-    expected: TODO\n+    expected: |\n+      ADA\n+      3\n" in filled.diff
    assert filled.notes == ("cases[2]: compares with a regex: write it by hand",)
    snippet = spec(
        tmp_path,
        "predict-output",
        """\
        code: |
          print("a")
          print([][0])
        mistakes:
          - {output: "a", hint: An empty list has no first item.}
        """,
    )
    filled = fill(load_exercise(snippet), runner)
    assert "   print([][0])\n+expected_output: |\n+  a\n+  IndexError\n mistakes:" in filled.diff


def test_the_cli_shows_a_diff_and_writes_only_when_asked(tmp_path: Path) -> None:
    path = spec(tmp_path, "write-function", FUNCTION)
    before = path.read_text()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    shown = subprocess.run(
        [sys.executable, "-m", "grader", "fill", str(path)], capture_output=True, text=True, env=env
    )
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith(f"--- {path}\n+++ {path} (filled)\n")
    assert "nothing written; run `grader fill" in shown.stdout
    assert path.read_text() == before
    written = subprocess.run(
        [sys.executable, "-m", "grader", "fill", str(path), "--write"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert written.returncode == 0 and f"wrote {path}" in written.stdout
    again = subprocess.run(
        [sys.executable, "-m", "grader", "fill", str(path)], capture_output=True, text=True, env=env
    )
    assert "nothing else to fill in; see the notes above" in again.stdout  # the {...} case
    assert "cases[4]" in again.stdout and "@@" not in again.stdout


@pytest.mark.parametrize(
    "value",
    [
        None,
        True,
        0,
        -3,
        2.5,
        1e-07,
        1e22,
        float("inf"),
        "",
        "yes",
        "~",
        "a\nb",
        "é",
        [1, "2"],
        {"a": [None, 1.0]},
        "1.10",
        "12:30",
    ],
)
def test_flow_yaml_reads_back_as_the_same_value(value: object) -> None:
    assert yaml.safe_load(f"k: {flow(value)}") == {"k": value}


def test_fill_refuses_kinds_without_values_and_locked_specs(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    choice = ROOT / "exercises" / "mlops" / "mlops-purpose-choice.yaml"
    result = subprocess.run(
        [sys.executable, "-m", "grader", "fill", str(choice)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 2
    assert "a multiple-choice exercise has no expected values to compute" in result.stderr
    assert "works on predict-output, write-function, write-program" in result.stderr
    locked = tmp_path / "locked"
    key = tmp_path / "key.json"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "grader",
            "lock",
            "--exercises",
            str(ROOT / "exercises"),
            "--out",
            str(locked),
            "--key",
            str(key),
        ],
        capture_output=True,
        env=env,
        check=True,
    )
    spec = locked / "loops" / "loops-predict-range.yaml"
    refused = subprocess.run(
        [sys.executable, "-m", "grader", "fill", str(spec)], capture_output=True, text=True, env=env
    )
    assert refused.returncode == 2 and "is locked" in refused.stderr
    assert "expected_output:" not in spec.read_text()
