"""Instructions per text answer, counted by valgrind: this checkout beside a baseline
revision, on the same answers. Unlike a clock, the count does not move with the machine's
load, so a small change shows.

Usage: python benchmarks/text_instructions.py REVISION [--kind KIND] [--passes N]

Each side loads its own bank, grades every answer of the text corpus
(tests/data/corpus/*.yaml) of KIND (default: every text kind, one after the other) twice
to warm up, then N times (default 2) with callgrind counting (`callgrind_control -i on`
around the loop only). Needs `valgrind` on PATH; an order of magnitude slower than the
work it counts.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KINDS = ("explain", "multiple-choice", "find-the-error", "predict-output")
COUNTED = """
import os, subprocess, sys, yaml
from pathlib import Path
from grader.bank import Bank
from grader.grading import grade
from grader.runner import CachingRunner
from grader.submission import Submission
from sandbox.client import default_sandbox

kind, passes, corpus = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
bank = Bank.load(Path("exercises"))
answers = []
for path in sorted(corpus.glob("*.yaml")):
    for entry in yaml.safe_load(path.read_text(encoding="utf-8")):
        exercise = bank.get(entry["exercise"])
        if exercise.kind.name == kind:
            answers.append((exercise, Submission.from_text(entry["answer"], "answer.txt")))
runner = CachingRunner(default_sandbox())
for _ in range(2):
    for exercise, submission in answers:
        grade(exercise, submission, runner)
control = ["callgrind_control", "-i"]
subprocess.run([*control, "on", str(os.getpid())], capture_output=True, check=True)
for _ in range(passes):
    for exercise, submission in answers:
        grade(exercise, submission, runner)
subprocess.run([*control, "off", str(os.getpid())], capture_output=True, check=True)
print(len(answers) * passes)
"""


def count(tree: Path, kind: str, passes: int) -> float:
    """Instructions per answer of `kind`, graded by the tree at `tree`."""
    return per_answer(tree, COUNTED, kind, str(passes), str(ROOT / "tests" / "data" / "corpus"))


def per_answer(tree: Path, script: str, *arguments: str) -> float:
    """Instructions per answer that `script` counts (it turns callgrind on around its loop
    and prints how many answers it graded), run from `tree`."""
    command = ["valgrind", "--tool=callgrind", "--instr-atstart=no"]
    command += ["--callgrind-out-file=/dev/null", sys.executable, "-c", script, *arguments]
    env = {**os.environ, "PYTHONPATH": str(tree)}
    result = subprocess.run(command, cwd=tree, env=env, capture_output=True, text=True)
    collected = re.search(r"Collected : (\d+)", result.stderr)
    if result.returncode or collected is None or not result.stdout.strip():
        raise SystemExit(f"valgrind failed in {tree}:\n{result.stderr[-2000:]}")
    return int(collected[1]) / int(result.stdout.split()[-1])


@contextlib.contextmanager
def baseline_tree(revision: str) -> Iterator[Path]:
    """A worktree of `revision`, removed afterwards."""
    with tempfile.TemporaryDirectory() as folder:
        baseline = Path(folder) / "baseline"
        add = ["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(baseline)]
        subprocess.run([*add, revision], check=True)
        try:
            yield baseline
        finally:
            remove = ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(baseline)]
            subprocess.run(remove, check=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("revision")
    parser.add_argument("--kind", choices=KINDS)
    parser.add_argument("--passes", type=int, default=2)
    options = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed")
    with baseline_tree(options.revision) as baseline:
        print(f"instructions per answer: this checkout vs {options.revision}")
        for kind in [options.kind] if options.kind else KINDS:
            ours = count(ROOT, kind, options.passes)
            base = count(baseline, kind, options.passes)
            print(f"  {kind:<16}  {ours:12,.0f} {base:12,.0f}  {ours / base:6.2f}x")


if __name__ == "__main__":
    main()
