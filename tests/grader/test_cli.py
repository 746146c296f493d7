"""`grader check/list/show` end to end, including golden JSON verdicts for every kind."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from grader import kinds as registry
from grader.commands import INTERNAL_ERROR, cli

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden"
SUBMISSIONS = sorted((GOLDEN / "submissions").glob("*/*"))
BANK = str(ROOT / "exercises")


def grader(
    *args: str, stdin: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "grader", *args],
        capture_output=True,
        text=True,
        input=stdin,
        env={**os.environ, **(env or {})},
        cwd=ROOT,
    )


@pytest.mark.parametrize("submission", SUBMISSIONS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_golden_json_verdict(submission: Path) -> None:
    exercise = submission.parent.name
    result = grader("check", exercise, str(submission), "--format", "json", "--exercises", BANK)
    assert result.returncode == (0 if submission.stem == "right" else 1), result.stderr
    verdict = json.loads(result.stdout)
    golden = GOLDEN / "verdicts" / f"{exercise}.{submission.stem}.json"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(json.dumps(verdict, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
    assert verdict == json.loads(golden.read_text())
    assert {"exercise", "status", "score", "max_score", "hints"} <= verdict.keys()


def test_every_kind_has_golden_verdicts_both_ways() -> None:
    graded = {p.parent.name for p in SUBMISSIONS}
    kinds = {json.loads(p.read_text())["kind"] for p in (GOLDEN / "verdicts").glob("*.json")}
    assert kinds == set(registry.names()) and len(graded) >= len(kinds)


def test_check_is_deterministic() -> None:
    submission = GOLDEN / "submissions" / "strings-initials" / "wrong.py"
    runs = {
        grader("check", "strings-initials", str(submission), "--exercises", BANK).stdout
        for _ in range(3)
    }
    assert len(runs) == 1


def test_check_unknown_exercise_exits_2_with_a_suggestion() -> None:
    result = grader("check", "strings-initial", "README.md", "--exercises", BANK)
    assert result.returncode == 2
    assert "did you mean 'strings-initials'?" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_missing_submission_exits_2() -> None:
    result = grader("check", "strings-initials", "nope.py", "--exercises", BANK)
    assert (result.returncode, result.stderr.strip()) == (
        2,
        "error: nope.py: no such submission file",
    )


def test_check_reads_stdin_and_plain_output_when_piped() -> None:
    result = grader("check", "mlops-purpose-choice", "-", "--exercises", BANK, stdin="A\n")
    assert result.returncode == 0
    assert "\x1b[" not in result.stdout
    assert result.stdout.startswith("✓ passed  mlops-purpose-choice  1/1 points")


def _tty_output(env: dict[str, str]) -> str:
    leader, follower = pty.openpty()
    answer = GOLDEN / "submissions" / "mlops-purpose-choice" / "wrong.txt"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "grader",
            "check",
            "mlops-purpose-choice",
            str(answer),
            "--exercises",
            BANK,
        ],
        stdout=follower,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "TERM": "xterm-256color", **env},
        cwd=ROOT,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait()
    os.close(leader)
    return b"".join(chunks).decode()


def test_a_programs_control_characters_never_reach_the_terminal(tmp_path: Path) -> None:
    program = tmp_path / "escape.py"
    program.write_text(
        'print("\\x1b[2J\\x1b]0;pwned\\x07")\n'  # clear the screen, retitle the window
        'raise ValueError("\\x1b]52;c;aGk=\\x07\\r")\n'  # write the clipboard (OSC 52)
    )
    result = grader("check", "strings-initials", str(program), "--exercises", BANK)
    assert result.returncode == 1, result.stderr
    assert "ValueError: \u241b]52;c;aGk=" in result.stdout  # ␛, a picture of the escape
    assert not set(result.stdout) & {"\x1b", "\x07", "\r"}


def _on_a_terminal(*args: str) -> str:
    """What `grader ARGS` writes to a terminal (stdout and stderr both on it)."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "grader", *args],
        stdout=follower,
        stderr=follower,
        env={**os.environ, "TERM": "xterm-256color"},
        cwd=ROOT,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait()
    os.close(leader)
    return b"".join(chunks).decode()


def test_grader_run_shows_a_programs_control_characters_on_a_terminal(tmp_path: Path) -> None:
    program = tmp_path / "escape.py"
    program.write_text(
        'print("\\x1b]52;c;aGk=\\x07\\x1b]0;pwned\\x07\\x1b[32m✓ passed\\x1b[0m\\r")\n'
        'raise ValueError("\\x1b[2J\\x1b]0;again\\x07")\n'
    )
    shown = _on_a_terminal("run", str(program))
    assert "\u241b]52;c;aGk=\u2407\u241b]0;pwned\u2407\u241b[32m✓ passed\u241b[0m\u240d" in shown
    assert "ValueError: \u241b[2J\u241b]0;again\u2407" in shown
    assert not set(shown) & {"\x1b", "\x07"}
    piped = grader("run", str(program))  # a pipe or a file gets the bytes as printed
    assert piped.stdout.startswith("\x1b]52;c;aGk=\x07\x1b]0;pwned\x07\x1b[32m✓ passed\x1b[0m")
    assert "\x1b]0;again\x07" in piped.stderr  # (click drops colour codes on a pipe)


def test_terminal_output_is_coloured_unless_no_color() -> None:
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    os.environ.pop("NO_COLOR", None)
    assert "\x1b[" in _tty_output({})
    plain = _tty_output({"NO_COLOR": "1"})
    assert "\x1b[" not in plain and "wrong_answer" in plain
    assert environment  # the helper leaves the parent environment alone


def test_list_json_has_the_documented_fields() -> None:
    result = grader("list", "--format", "json", "--kind", "multiple-choice", "--exercises", BANK)
    rows = json.loads(result.stdout)
    assert rows and all(set(row) == {"id", "kind", "title", "topic", "difficulty"} for row in rows)
    assert {row["kind"] for row in rows} == {"multiple-choice"}


def test_outside_a_checkout_the_installed_bank_is_used(tmp_path: Path) -> None:
    """No `./exercises` here: the bank comes from the installed package, whole."""
    result = subprocess.run(
        [sys.executable, "-m", "grader", "list", "--format", "json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    listed = {exercise["id"] for exercise in json.loads(result.stdout)}
    assert listed == {path.stem for path in (ROOT / "exercises").rglob("*.yaml")}


def test_a_bug_in_the_grader_is_one_line_and_a_saved_traceback(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("grader.bank.Bank.load", broken)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(tempfile, "tempdir", None)  # read TMPDIR again
    result = CliRunner().invoke(cli, ["list"])
    assert result.exit_code == INTERNAL_ERROR == 70
    first, _, _ = result.stderr.partition("; its traceback is in ")
    assert first == "error: internal error (RuntimeError: boom). This is a bug in the grader"
    [saved] = tmp_path.glob("grader-crash-*.txt")
    assert saved.read_text().startswith("Traceback (most recent call last):")
    assert "Traceback" not in result.stderr


def test_list_filters_by_topic_and_difficulty() -> None:
    rows = json.loads(
        grader(
            "list",
            "--format",
            "json",
            "--topic",
            "mlops",
            "--difficulty",
            "medium",
            "--exercises",
            BANK,
        ).stdout
    )
    assert rows and all(r["topic"] == "mlops" and r["difficulty"] == "medium" for r in rows)


@pytest.mark.parametrize(
    "exercise, secrets",
    [
        ("mlops-purpose-choice", ["correct", "answer: A"]),
        ("strings-initials", ["alan", "A.T.", "solution_code", "join(word[0]"]),
        ("functions-average", ["[-3, 3, 9]", "sum(numbers) / len"]),
        ("mlops-fix-pipeline-colon", ["for stage in stages:"]),
        ("mlops-find-error-metrics", ["KeyError", "line 4"]),
        ("mlops-explain-production", ["monitor", "retrain", "version"]),
    ],
)
def test_show_never_prints_answers_or_hidden_cases(exercise: str, secrets: list[str]) -> None:
    result = grader("show", exercise, "--exercises", BANK)
    assert result.returncode == 0, result.stderr
    for secret in secrets:
        assert secret not in result.stdout, secret


def test_show_prints_prompt_code_and_options() -> None:
    out = grader("show", "mlops-purpose-choice", "--exercises", BANK).stdout
    assert "Which statement best describes the main aim of MLOps?" in out
    assert "B. Inventing new learning algorithms for research papers" in out
    code = grader("show", "loops-predict-range", "--exercises", BANK).stdout
    assert "for n in range(1, 4):" in code


def test_show_tells_a_code_exercise_which_modules_it_may_import() -> None:
    out = grader("show", "conditionals-leap-year", "--exercises", BANK).stdout
    assert "Modules you may import: bisect, collections," in out
    assert "calendar," not in out.split("Modules you may import")[1]
    text_kind = grader("show", "mlops-purpose-choice", "--exercises", BANK).stdout
    assert "Modules you may import" not in text_kind


def test_show_never_lists_a_module_the_exercise_forbids(tmp_path: Path) -> None:
    """An instructor review: 'must not use the module statistics', then statistics among
    the modules one may import."""
    spec = tmp_path / "mean.yaml"
    spec.write_text(
        "id: mean\nkind: write-program\ntitle: Mean\ntopic: io\ndifficulty: easy\n"
        "prompt: Print the mean.\nhint: Add them up.\nsolution: [Divide the sum.]\n"
        "forbids: [{import: statistics}]\ncases:\n  - {stdin: '1 3', expected: '2.0'}\n"
    )
    out = grader("show", str(spec)).stdout
    assert "must not use the module statistics" in out
    assert "statistics" not in out.split("Modules you may import")[1]


def test_show_lists_every_visible_case_that_check_runs() -> None:
    """A review saw `check` run a visible case (`Racecar`) that `show` never listed."""
    out = grader("show", "strings-palindrome-check", "--exercises", BANK).stdout
    assert out.count("Example - input") == 3 and "'Racecar\\n'" in out


def test_show_states_the_rules_on_the_code_and_how_many_tests_are_hidden() -> None:
    """A review met `forbids` rules first in a verdict: `show` had never stated them."""
    out = grader("show", "functions-count-digits", "--exercises", BANK).stdout
    assert "Your code must use recursion." in out
    assert "Your code must not use str(), repr(), format() or an f-string." in out
    assert "Plus 2 hidden tests." in out
    free = grader("show", "functions-average", "--exercises", BANK).stdout
    assert "Your code must" not in free


def test_show_tells_the_tolerance_numbers_are_compared_with(tmp_path: Path) -> None:
    out = grader("show", "mlops-drift-alert", "--exercises", BANK).stdout
    assert "Numbers are compared with a tolerance of 0.001." in out
    exact = grader("show", "conditionals-leap-year", "--exercises", BANK).stdout
    assert "tolerance" not in exact
    bank = tmp_path / "bank"
    bank.mkdir()
    (bank / "mean.yaml").write_text(
        "id: mean\nkind: write-function\ntitle: Mean\nprompt: Return the mean.\n"
        "topic: functions\ndifficulty: easy\nhint: Add them up.\nsolution: [Divide.]\n"
        "function: mean\ntolerance: {abs: 0.01, rel: 0.001}\n"
        "cases:\n  - call: mean([1, 2])\n    returns: 1.5\n"
        "solution_code: |\n  def mean(xs):\n      return sum(xs) / len(xs)\n"
    )
    out = grader("show", "mean", "--exercises", str(bank)).stdout
    assert (
        "Returned numbers are compared with a tolerance of 0.01 or 0.1% of the expected "
        "value, whichever is larger." in out
    ), out


def test_a_refused_import_points_to_the_list_of_modules_allowed(tmp_path: Path) -> None:
    program = tmp_path / "leap.py"
    program.write_text("import calendar\n\ndef is_leap(year):\n    return calendar.isleap(year)\n")
    result = grader("check", "conditionals-leap-year", str(program), "--exercises", BANK)
    assert "importing 'calendar' is not allowed" in result.stdout
    assert "'Modules you may import'" in result.stdout
    assert "(line 1)" not in result.stdout  # the refusal already says its line


def test_check_refuses_a_file_of_the_wrong_kind_as_batch_skips_it(tmp_path: Path) -> None:
    answer = tmp_path / "answer.txt"
    answer.write_text("C\n")  # a multiple-choice habit, sent to a write-function exercise
    result = grader("check", "functions-clamp", str(answer), "--exercises", BANK)
    assert result.returncode == 2
    assert f"{answer}: 'functions-clamp' takes .py files" in result.stderr
    assert "NameError" not in result.stdout + result.stderr  # not run as Python
