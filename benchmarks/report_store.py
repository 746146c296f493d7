"""`grader report` on a large store: its time and peak memory, with every report written
(the item analysis included).

Usage: python benchmarks/report_store.py [N] [--grader-root DIR]

Builds a store of N verdicts (default 100,000: 2,000 learners × 50 exercises of every
kind, with checks, hints and options as kinds write them), then runs `grader report` on
it in a fresh interpreter. `--grader-root` runs the grader of another checkout on the
same store (to compare with an earlier version).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from grader.batch.store import Row, Store  # noqa: E402
from grader.reports import ExerciseInfo  # noqa: E402
from grader.verdict import Check, Status, Verdict  # noqa: E402

KINDS = [
    "write-function",
    "write-program",
    "multiple-choice",
    "explain",
    "predict-output",
    "find-the-error",
    "fix-syntax-error",
]


def verdict(rng: random.Random, exercise: str, kind: str, ability: float) -> Verdict:
    """A verdict shaped as its kind makes it."""
    good = rng.random() < ability
    if kind in ("write-function", "write-program", "explain"):
        checks = tuple(
            Check(f"case {i}", good or rng.random() < 0.5, "expected", "actual", max_points=1.0)
            for i in range(5)
        )
    elif kind == "multiple-choice":
        label = "A" if good else rng.choice("BCD")
        checks = (Check(f"option {label}", good, hint=None if good else "The mistake."),)
    elif kind == "predict-output":
        answer = "10\n20\n30" if good else rng.choice(["0\n10\n20", "10 20 30", "10\n20"])
        checks = (Check("output", good, actual=answer, max_points=1.0),)
    else:
        checks = (Check("line", good, actual="3"),)
    passed = sum(c.passed for c in checks)
    score = passed / len(checks)
    status = Status.PASSED if passed == len(checks) else Status.WRONG_ANSWER
    hints = () if status is Status.PASSED else ("A specific hint.", "The general hint.")
    return Verdict(exercise, kind, status, score, 1.0, f"{passed} of {len(checks)}", checks, hints)


def build(out: Path, count: int, exercises: int = 50) -> None:
    rng = random.Random(7)
    ids = [f"ex-{i:02d}" for i in range(exercises)]
    with Store.in_directory(out) as store:
        store.save_exercises(
            [ExerciseInfo(e, e, KINDS[i % len(KINDS)], "t", 1.0) for i, e in enumerate(ids)]
        )
        store._db.execute("BEGIN")  # one transaction: building is not what is measured
        for n in range(count // exercises):
            ability = rng.random()
            for i, exercise in enumerate(ids):
                learner = f"learner{n:05d}"
                v = verdict(rng, exercise, KINDS[i % len(KINDS)], ability)
                store.save(Row(learner, exercise, f"{learner}/{exercise}", "0" * 64, "1" * 64, v))
        store._db.execute("COMMIT")


def measure(out: Path, grader_root: Path) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak RSS in MB) of `grader report OUT` run from
    `grader_root` (CPU time is the steadier figure on a shared machine)."""
    env = {**os.environ, "PYTHONPATH": str(grader_root)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "grader", "report", str(out)],
        cwd=grader_root,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return seconds, cpu, after.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=100_000)
    parser.add_argument("--grader-root", type=Path, default=ROOT)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        build(out, args.count)
        seconds, cpu, peak = measure(out, args.grader_root.resolve())
    print(f"grader report on {args.count:,} verdicts ({args.grader_root}):")
    print(f"  {seconds:.1f} s ({cpu:.1f} s of CPU), peak RSS {peak:.1f} MB")


if __name__ == "__main__":
    main()
