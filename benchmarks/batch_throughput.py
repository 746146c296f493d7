"""Batch throughput: `grader batch` on N small write-program submissions, beside a naive
sequential loop that runs the same Python on each file (`python submission.py`).

Usage: python benchmarks/batch_throughput.py [N]      (default 2000)

Both figures come from the same run. Ours is the whole command, start to end: scanning,
grading in the sandbox with full isolation on every core, the SQLite store and all reports.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _batchdata import batch_command, write_bank, write_submissions
from _common import editable_install_note

STDIN = "2\n40\n"


def naive(paths: list[Path]) -> float:
    started = time.perf_counter()
    for path in paths:
        subprocess.run(
            [sys.executable, str(path)], input=STDIN, capture_output=True, text=True, timeout=10
        )
    return time.perf_counter() - started


def ours(submissions: Path, bank: Path, out: Path) -> float:
    started = time.perf_counter()
    command = batch_command(submissions, bank, out)
    result = subprocess.run(command, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(
            f"grader batch failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
        )
    print(result.stdout.strip().splitlines()[-3])
    return elapsed


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        bank = write_bank(root / "bank")
        paths = write_submissions(root / "submissions", count)
        ours_s = ours(root / "submissions", bank, root / "out")
        naive_s = naive(paths)
    print(f"Batch of {count} small write-program submissions on {os.cpu_count()} cores")
    for label, seconds in (
        ("grader batch (sandboxed, all cores)", ours_s),
        ("naive loop (python file.py, serial)", naive_s),
    ):
        print(f"  {label}:  {seconds:7.2f} s  {count / seconds:8.1f} submissions/s")
    print(f"  speed-up:  {naive_s / ours_s:.1f} x")
    if note := editable_install_note():
        print(note)


if __name__ == "__main__":
    main()
