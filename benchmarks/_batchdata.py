"""Synthetic batches for the batch benchmarks: a one-case write-program exercise and N
distinct small submissions (correct, wrong and crashing ones mixed)."""

from __future__ import annotations

import sys
from pathlib import Path

EXERCISE = """\
id: bench-sum
kind: write-program
title: Sum two numbers
topic: bench
difficulty: easy
prompt: Read two integers, one per line, and print their sum.
hint: input() returns text; convert it with int().
solution: [Read both numbers with int(input()).]
cases:
  - stdin: "2\\n40\\n"
    expected: "42\\n"
solution_code: |
  print(int(input()) + int(input()))
"""
PROGRAMS = (
    "a = int(input())\nb = int(input())\nprint(a + b)\n",
    "print(int(input()) + int(input()))\n",
    "a = input()\nb = input()\nprint(a + b)\n",
    "nums = [int(input()) for _ in range(2)]\nprint(sum(nums))\n",
    "a = int(input())\nprint(a + int(input())\n",
)


def write_bank(root: Path) -> Path:
    (root / "bench").mkdir(parents=True, exist_ok=True)
    (root / "bench" / "bench-sum.yaml").write_text(EXERCISE)
    return root


def write_submissions(root: Path, count: int) -> list[Path]:
    """`count` distinct submissions, one per learner (a comment makes each file unique)."""
    paths = []
    for number in range(count):
        learner = root / f"l{number:06d}"
        learner.mkdir(parents=True, exist_ok=True)
        path = learner / "bench-sum.py"
        path.write_text(f"# learner {number}\n" + PROGRAMS[number % len(PROGRAMS)])
        paths.append(path)
    return paths


def batch_command(submissions: Path, bank: Path, out: Path) -> list[str]:
    """`grader batch` on `submissions` against `bank`, into `out`, with this interpreter."""
    return [
        sys.executable,
        "-m",
        "grader",
        "batch",
        str(submissions),
        "--out",
        str(out),
        "--exercises",
        str(bank),
    ]
