"""`grader list`: order, filters, "did you mean", narrow terminals, which bank is used."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pexpect

ROOT = Path(__file__).resolve().parents[2]


def _grader(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "grader", *args], capture_output=True, text=True, cwd=cwd
    )


def _rows(*args: str, cwd: Path = ROOT) -> list[dict[str, str]]:
    result = _grader("list", "--format", "json", *args, cwd=cwd)
    assert result.returncode == 0, result.stderr
    rows: list[dict[str, str]] = json.loads(result.stdout)
    return rows


def test_difficulties_sort_easy_medium_hard_within_a_topic() -> None:
    levels = [row["difficulty"] for row in _rows("--topic", "loops") if row["kind"] != "recall"]
    order = {"easy": 0, "medium": 1, "hard": 2}
    assert levels == sorted(levels, key=order.__getitem__)
    assert {"easy", "medium", "hard"} <= set(levels)


def test_topic_is_case_insensitive() -> None:
    assert _rows("--topic", "LOOPS") == _rows("--topic", "loops") != []


def test_an_unknown_topic_or_kind_gets_did_you_mean() -> None:
    topic = _grader("list", "--topic", "loop")
    assert (topic.returncode, topic.stderr.strip()) == (
        2,
        "error: --topic: no topic 'loop'; did you mean 'loops'?",
    )
    kind = _grader("list", "--kind", "multiple-choise")
    assert kind.returncode == 2
    assert "did you mean 'multiple-choice'?" in kind.stderr


def test_on_an_80_column_terminal_no_id_is_cut() -> None:
    env = {"PATH": os.environ["PATH"], "TERM": "xterm", "HOME": str(ROOT)}
    child = pexpect.spawn(
        sys.executable, ["-m", "grader", "list"], cwd=str(ROOT), env=env,
        dimensions=(24, 80), encoding="utf-8",
    )  # fmt: skip
    child.expect(pexpect.EOF)
    screen = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", child.before)
    ids = {row["id"] for row in _rows()}
    words = set(re.findall(r"[a-z0-9-]+", screen))
    assert ids <= words, sorted(ids - words)[:5]
    assert "…" not in screen
    assert max(len(line) for line in screen.splitlines()) <= 80


def test_a_folder_named_exercises_without_specs_never_hides_the_bank(tmp_path: Path) -> None:
    (tmp_path / "exercises").mkdir()
    (tmp_path / "exercises" / "homework.py").write_text("print('mine')\n")
    assert len(_rows(cwd=tmp_path)) == len(_rows())


def test_a_bank_that_is_not_the_bundled_one_is_named(tmp_path: Path) -> None:
    topic = tmp_path / "exercises" / "loops"
    topic.mkdir(parents=True)
    card = ROOT / "exercises" / "loops" / "loops-recall-range-stop.yaml"
    (topic / card.name).write_text(card.read_text())
    result = _grader("list", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.rstrip().endswith("1 exercise in the bank exercises/")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert "in the bank" not in _grader("list", cwd=elsewhere).stdout  # the bundled bank
