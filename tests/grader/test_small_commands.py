"""`grader start`, `grader check --watch`, `grader run` with input, JSON usage errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pexpect

from tests.terminals import interruptible

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "NO_COLOR": "1", "TERM": "xterm"}


def _grader(
    *args: str, cwd: Path = ROOT, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "grader", *args], capture_output=True, text=True, cwd=cwd,
        input=stdin, env=ENV,
    )  # fmt: skip


def _spawn(*args: str, cwd: Path = ROOT) -> pexpect.spawn:
    return pexpect.spawn(
        sys.executable, ["-m", "grader", *args], cwd=str(cwd), env=ENV, encoding="utf-8",
        timeout=30, dimensions=(40, 120), preexec_fn=interruptible,
    )  # fmt: skip


def test_start_writes_the_broken_code_without_line_numbers_under_the_prompt(
    tmp_path: Path,
) -> None:
    result = _grader("start", "mlops-fix-pipeline-colon", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    written = (tmp_path / "mlops-fix-pipeline-colon.py").read_text()
    header, _, code = written.partition("\n\n")
    assert all(line.startswith("#") for line in header.splitlines())
    assert "Fix the syntax error and change nothing else." in header
    assert code.splitlines()[1] == "for stage in stages"  # no line numbers in front
    fixed = written.replace("for stage in stages\n", "for stage in stages:\n")
    (tmp_path / "fixed.py").write_text(fixed)
    check = _grader("check", "mlops-fix-pipeline-colon", str(tmp_path / "fixed.py"))
    assert check.returncode == 0, check.stdout  # the comments on top are no change
    again = _grader("start", "mlops-fix-pipeline-colon", cwd=tmp_path)
    assert again.returncode == 2 and "already exists" in again.stderr
    text = _grader("start", "mlops-purpose-choice", cwd=tmp_path)
    assert text.returncode == 2 and "grader check mlops-purpose-choice answer.txt" in text.stderr


def test_check_watch_grades_again_on_every_save(tmp_path: Path) -> None:
    answer = tmp_path / "answer.txt"
    answer.write_text("B\n")
    child = _spawn("check", "mlops-purpose-choice", str(answer), "--watch")
    child.expect_exact("wrong_answer")
    child.expect_exact("Watching")
    answer.write_text("A\n")
    child.expect_exact("passed")
    child.expect_exact("Watching")
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_run_reads_piped_stdin_with_a_dash(tmp_path: Path) -> None:
    program = tmp_path / "ask.py"
    program.write_text('name = input("Name? ")\nprint("hi", name)\n')
    result = _grader("run", str(program), "--stdin", "-", stdin="bob\n")
    assert (result.returncode, result.stdout) == (0, "Name? hi bob\n")


def test_on_a_terminal_input_reads_what_the_learner_types(tmp_path: Path) -> None:
    program = tmp_path / "ask.py"
    program.write_text('name = input("Name? ")\nage = input("Age? ")\nprint("hi", name, age)\n')
    child = _spawn("run", str(program))
    child.expect_exact("Name? ")
    child.sendline("bob")
    child.expect_exact("Age? ")
    child.sendline("7")
    child.expect_exact("hi bob 7")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    stopped = _spawn("run", str(program))
    stopped.expect_exact("Name? ")
    stopped.sendeof()  # Ctrl-D: input() raises EOFError, as in CPython
    stopped.expect_exact("EOFError: EOF when reading a line")
    stopped.expect(pexpect.EOF)
    stopped.close()
    assert stopped.exitstatus == 1


def test_usage_errors_under_format_json_are_json() -> None:
    for args in (
        ["check", "strings-initial", "README.md", "--format", "json"],
        ["list", "--format", "json", "--topic", "loop"],
        ["list", "--format=json", "--difficulty", "impossible"],
        ["run", "--format", "json"],
    ):
        result = _grader(*args)
        assert result.returncode == 2, args
        error = json.loads(result.stdout)["error"]
        assert error["exit_code"] == 2 and error["message"], args
        assert result.stderr == ""
