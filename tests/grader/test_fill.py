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


NOT_YAML = [
    ("{2, 1}", '"{1, 2}"'),
    ("{10, 2, 1}", '"{1, 2, 10}"'),
    ("set()", '"set()"'),
    ("frozenset({3, 1})", '"{1, 3}"'),
    ("{'a': {2, 1}}", "\"{'a': {1, 2}}\""),
    ("{'a': set(), 'b': ()}", "\"{'a': set(), 'b': ()}\""),
    ("(1,)", '"(1,)"'),
    ("()", '"()"'),
    ("[(), {()}]", '"[(), {()}]"'),
    ("(float('inf'), -float('inf'))", '"(1e999, -1e999)"'),
    ("{1: 'a', 'b': 2}", "\"{1: 'a', 'b': 2}\""),
    ("{(1, 'x'), (1, 2)}", "\"{(1, 'x'), (1, 2)}\""),  # members that do not compare: by text
]


@pytest.mark.parametrize(("returned", "written"), NOT_YAML)
def test_a_value_yaml_cannot_state_is_filled_as_a_literal_that_validates(
    tmp_path: Path, runner: CachingRunner, returned: str, written: str
) -> None:
    path = spec(
        tmp_path,
        "write-function",
        f"""\
        function: f
        cases:
          - call: f(2)
            returns: TODO   # comment kept?
        solution_code: "def f(x): return {returned}"
        """,
    )
    filled = fill(load_exercise(path), runner)
    assert f"+    returns_literal: {written}" in filled.diff, filled.diff
    assert filled.notes == ()
    exercise = parse_exercise(filled.text, str(path))  # it validates, and reads back the value
    assert fill(exercise, runner).diff == ""  # the reference passes: nothing left to fill
    assert fill(load_exercise(path), runner).text == filled.text  # the same text every time


def test_a_filled_line_keeps_its_inline_comment(tmp_path: Path, runner: CachingRunner) -> None:
    path = spec(
        tmp_path,
        "write-function",
        """\
        function: f
        cases:
          - call: f(2)
            returns: TODO   # comment kept?
          - call: f(3)
            returns: 1  # raises, in its place
          - call: f(4)
            returns: |  # a block
              old
        solution_code: |
          def f(x):
              if x == 3:
                  raise ValueError
              return (x,) if x == 2 else x
        """,
    )
    filled = fill(load_exercise(path), runner)
    assert '+    returns_literal: "(2,)"   # comment kept?\n' in filled.diff
    assert "+    raises: ValueError  # raises, in its place\n" in filled.diff
    assert "+    returns: 4  # a block\n" in filled.diff
    parse_exercise(filled.text, str(path))


def test_a_value_no_spec_can_state_gets_a_note_not_a_broken_spec(
    tmp_path: Path, runner: CachingRunner
) -> None:
    path = spec(
        tmp_path,
        "write-function",
        """\
        function: f
        cases:
          - call: f(2)
            returns: TODO
        solution_code: "def f(x): return (float('nan'), x)"
        """,
    )
    filled = fill(load_exercise(path), runner)
    assert not filled.changed
    assert filled.notes == (
        "cases[0]: returns (nan, 2), which no YAML value or Python literal states",
    )
