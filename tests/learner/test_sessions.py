"""`grader practice` and `grader quiz` driven through a real pseudo-terminal (pexpect).

Every step waits for a prompt or a line, never for time. Each test has its own GRADER_HOME
and a small bank copied from the bundled one, so that the order of questions is known.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pexpect
import pytest

from tests.terminals import interruptible

ROOT = Path(__file__).resolve().parents[2]
PICKED = [
    "loops/loops-predict-range.yaml",
    "loops/loops-predict-while-infinite.yaml",
    "loops/loops-recall-range-stop.yaml",
    "functions/functions-average.yaml",
    "mlops/mlops-purpose-choice.yaml",
]
ESC_ENTER = "\x1b\r"  # ends a multi-line answer
NOW = "2030-01-01T09:00:00+00:00"

Spawn = Callable[..., pexpect.spawn]


@pytest.fixture
def bank(tmp_path: Path) -> Path:
    root = tmp_path / "bank"
    for name in PICKED:
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "exercises" / name, target)
    return root


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    values = {
        key: value
        for key, value in os.environ.items()
        if key not in ("EDITOR", "VISUAL", "NO_COLOR", "FORCE_COLOR")
    }
    values.update(
        GRADER_HOME=str(tmp_path / "home"),
        GRADER_NOW=NOW,
        NO_COLOR="1",  # plain text from rich: easier to match
        PROMPT_TOOLKIT_NO_CPR="1",  # pexpect answers no cursor-position requests
        TERM="xterm",
    )
    return values


@pytest.fixture
def spawn(bank: Path, env: dict[str, str]) -> Spawn:
    def start(*args: str, **extra: str) -> pexpect.spawn:
        child = pexpect.spawn(
            sys.executable,
            ["-m", "grader", *args, "--exercises", str(bank)],
            preexec_fn=interruptible,
            cwd=str(ROOT),
            env={**env, **extra},
            dimensions=(50, 120),
            encoding="utf-8",
            timeout=30,
        )
        return child

    return start


def _finish(child: pexpect.spawn) -> int:
    child.expect(pexpect.EOF)
    child.close()
    return int(child.exitstatus if child.exitstatus is not None else -1)


def _progress(env: dict[str, str], bank: Path) -> dict[str, dict[str, int]]:
    result = subprocess.run(
        [sys.executable, "-m", "grader", "progress", "--format", "json", "--exercises", str(bank)],
        capture_output=True, text=True, env=env, cwd=ROOT, check=True,
    )  # fmt: skip
    topics: dict[str, dict[str, int]] = json.loads(result.stdout)["topics"]
    return topics


def test_practice_reveals_one_hint_per_wrong_try_then_the_solution(spawn: Spawn) -> None:
    child = spawn("practice", "loops", "--kind", "predict-output", "-n", "1")
    child.expect_exact("(1/1)")
    child.expect_exact("Counting with range")
    child.expect_exact("What does it print?")
    child.send("0\n10\n20" + ESC_ENTER)
    child.expect_exact("Not what Python displays.")
    child.expect_exact("Hint 1: range(1, 4) starts at its first argument, 1, not at 0.")
    child.expect_exact("What now?")
    child.send("\r")  # Try again
    child.expect_exact("What does it print?")
    child.send("0\n10\n20" + ESC_ENTER)
    child.expect_exact("Hint 2: Work out the values of n first, then multiply each by 10.")
    child.expect_exact("What now?")
    child.send("2")  # the shortcut of "Show me the solution"
    child.send("\r")
    child.expect_exact("Step 1:")
    child.expect_exact("range(1, 4) produces 1, 2 and 3")
    child.expect_exact("Final answer:")
    child.expect(r"10\s+20\s+30")
    child.expect_exact("Common mistakes:")
    child.expect_exact("Each call to print() ends its own line.")
    child.expect_exact("This one comes back in 1 minute.")
    child.expect_exact("Session done: 0 questions passed of 1.")
    assert _finish(child) == 0


def test_a_pass_shows_the_solution_and_the_recall_card_is_rated(spawn: Spawn) -> None:
    child = spawn("practice", "loops", "--difficulty", "easy", "-n", "1")
    child.expect_exact("What does it print?")
    child.send("10\n20\n30" + ESC_ENTER)
    child.expect_exact("✓ Correct: that is what Python displays.")
    child.expect_exact("Final answer:")
    child.expect_exact("Session done: 1 question passed of 1.")
    assert _finish(child) == 0
    card = spawn("practice", "loops", "--kind", "recall")
    card.expect_exact("Which numbers does")
    card.expect_exact("press any key to reveal it")
    card.send(" ")
    card.expect_exact("stops just before its stop")
    card.expect_exact("How well did you know it?")
    card.send("g")
    card.send("\r")
    card.expect_exact("Next review: in 10 minutes.")
    assert _finish(card) == 0


def test_ctrl_c_keeps_the_answers_and_the_same_command_resumes(
    spawn: Spawn, env: dict[str, str], bank: Path
) -> None:
    child = spawn("practice", "loops", "--kind", "predict-output", "-n", "2")
    child.expect_exact("(1/2)")
    child.expect_exact("What does it print?")
    child.send("10\n20\n30" + ESC_ENTER)
    child.expect_exact("(2/2)")
    child.expect_exact("What does it print?")
    child.sendintr()
    child.expect_exact("Stopped. Every answer so far is saved")
    assert _finish(child) == 130
    assert _progress(env, bank)["loops"]["attempted"] == 1
    again = spawn("practice", "loops", "--kind", "predict-output", "-n", "2")
    again.expect_exact("Resuming your session: 1 of 2 done.")
    again.expect_exact("(2/2)")
    again.expect_exact("A while loop that forgot something")
    again.expect_exact("What does it print?")
    again.send("Infinite Loop" + ESC_ENTER)
    again.expect_exact("Session done: 1 question passed of 2.")
    assert _finish(again) == 0
    loops = _progress(env, bank)["loops"]
    assert (loops["attempted"], loops["passed"]) == (2, 2)


def test_a_code_exercise_is_edited_in_the_editor_and_graded(spawn: Spawn, tmp_path: Path) -> None:
    solution = ROOT / "tests" / "golden" / "submissions" / "functions-average" / "right.py"
    editor = tmp_path / "editor.py"
    editor.write_text(f"import shutil, sys\nshutil.copy({str(solution)!r}, sys.argv[1])\n")
    child = spawn("practice", "functions", EDITOR=f"{sys.executable} {editor}")
    child.expect_exact("The code is in")
    child.expect_exact("✓ ")
    child.expect_exact("Final answer:")
    child.expect_exact("def average(numbers):")
    assert _finish(child) == 0


def test_a_failing_editor_an_empty_answer_and_a_deleted_file_are_explained(
    spawn: Spawn, env: dict[str, str]
) -> None:
    child = spawn("practice", "functions", EDITOR="false")
    child.expect_exact("Your editor exited with status 1;")
    child.expect(r"was\s+not\s+graded\.")  # after a long path: it may wrap
    child.expect_exact("What now?")
    child.send("4")  # Stop here
    child.send("\r")
    child.expect_exact("Stopped.")
    assert _finish(child) == 0
    work = Path(env["GRADER_HOME"]) / "work" / "functions-average.py"
    assert work.exists()  # kept as it was
    deleted = spawn("practice", "functions", EDITOR="rm")  # an "editor" that deletes it
    deleted.expect_exact("Resuming your session")
    deleted.expect_exact("Your file from last time:")
    deleted.expect(r"is\s+gone\s+\(deleted\?\);\s+nothing\s+to\s+grade\.")
    deleted.send("4")
    deleted.send("\r")
    assert _finish(deleted) == 0
    empty = spawn("practice", "mlops")
    empty.expect_exact("Your answer (a letter):")
    empty.send("\r")
    empty.expect_exact("Your answer is empty")
    empty.expect_exact("What now?")
    empty.send("\r")  # Answer
    empty.expect_exact("Your answer (a letter):")
    empty.send("A\r")
    empty.expect_exact("✓ Correct.")
    assert _finish(empty) == 0


def test_quiz_reports_by_difficulty_and_lists_what_to_review(
    spawn: Spawn, env: dict[str, str], bank: Path
) -> None:
    child = spawn("quiz", "loops", "--seed", "3")
    child.expect_exact("2 questions on loops, seed 3")
    child.expect_exact("(1/2)")
    child.expect_exact("Counting with range")
    child.expect_exact("What does it print?")
    child.send("10\n20\n30" + ESC_ENTER)
    child.expect_exact("Answer saved.")
    child.expect_exact("(2/2)")
    child.expect_exact("What does it print?")
    child.send("1\n2\n3" + ESC_ENTER)  # wrong: no hint, no solution yet
    child.expect_exact("Answer saved.")
    child.expect_exact("easy 1/1, medium 0/1: this pattern is not strong yet")
    child.expect_exact("To review (1 question):")
    child.expect_exact("loops-predict-while-infinite (medium)")
    child.expect_exact("Hint:")
    before = child.before
    assert "Hint 1" not in before and "Final answer" not in before
    assert _finish(child) == 0
    # the missed question is due a minute later; with no topic, practice starts there
    later = spawn("practice", "-n", "1", GRADER_NOW="2030-01-01T09:05:00+00:00")
    later.expect_exact("(1/1)")
    later.expect_exact("A while loop that forgot something")
    later.sendintr()
    assert _finish(later) == 130


def test_a_quiz_is_drawn_the_same_with_the_same_seed_and_resumes(spawn: Spawn) -> None:
    child = spawn("quiz", "loops", "--seed", "7", "-n", "1")
    child.expect_exact("1 questions on loops, seed 7")
    child.expect_exact("What does it print?")
    child.sendintr()
    assert _finish(child) == 130
    again = spawn("quiz", "loops", "-n", "1")  # without --seed: the open quiz goes on
    again.expect_exact("Resuming your quiz: 0 of 1 answered.")
    again.expect_exact("seed 7")
    again.expect_exact("Counting with range")
    again.expect_exact("What does it print?")
    again.send("10\n20\n30" + ESC_ENTER)
    again.expect_exact("easy 1/1: this pattern is strong")
    assert _finish(again) == 0


@pytest.mark.parametrize("command", [["practice"], ["quiz", "loops"]])
def test_without_a_terminal_interactive_commands_point_to_check(
    command: list[str], env: dict[str, str], bank: Path
) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "grader", *command, "--exercises", str(bank)],
        capture_output=True, text=True, env=env, cwd=ROOT, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert result.returncode == 2
    assert "needs a terminal" in result.stderr
    assert "grader check EXERCISE FILE" in result.stderr
