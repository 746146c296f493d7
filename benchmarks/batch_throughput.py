"""Batch throughput: `grader batch` on N small write-program submissions, beside a naive
sequential loop that runs the same Python on each file (`python submission.py`).

Usage: python benchmarks/batch_throughput.py [N]      (default 2000)

All figures come from the same run. Ours is the whole command, start to end: scanning,
grading in the sandbox with full isolation on every core, the SQLite store and all reports.
The floor is what any fork-per-submission design can reach here at best: one process per
core forks a warm CPython child for each file, which runs it and pipes its output back,
with no isolation, no grading, no store and no reports.
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
FLOOR = """
import io, os, sys, traceback
paths = open(sys.argv[1]).read().split("\\n")
cores = os.cpu_count() or 1


def child(path, writer):
    sys.stdin, sys.stdout, sys.stderr = io.StringIO(STDIN), io.StringIO(), io.StringIO()
    try:
        with open(path) as handle:
            exec(compile(handle.read(), path, "exec"), {"__name__": "__main__"})
    except BaseException:
        traceback.print_exc()
    os.write(writer, (sys.stdout.getvalue() + sys.stderr.getvalue()).encode())


def run_one(path):
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            child(path, writer)
        finally:
            os._exit(0)
    os.close(writer)
    while os.read(reader, 65536):
        pass
    os.close(reader)
    os.waitpid(pid, 0)


workers = []
for core in range(cores):
    pid = os.fork()
    if pid == 0:
        for path in paths[core::cores]:
            run_one(path)
        os._exit(0)
    workers.append(pid)
for pid in workers:
    os.waitpid(pid, 0)
""".replace("STDIN", repr(STDIN))


def naive(paths: list[Path]) -> float:
    started = time.perf_counter()
    for path in paths:
        subprocess.run(
            [sys.executable, str(path)], input=STDIN, capture_output=True, text=True, timeout=10
        )
    return time.perf_counter() - started


def floor(paths: list[Path], listing: Path) -> float:
    listing.write_text("\n".join(str(path) for path in paths))
    started = time.perf_counter()
    subprocess.run([sys.executable, "-S", "-c", FLOOR, str(listing)], check=True)
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
        floor_s = floor(paths, root / "paths.txt")
    print(f"Batch of {count} small write-program submissions on {os.cpu_count()} cores")
    rows = (
        ("grader batch (sandboxed, all cores)", ours_s),
        ("naive loop (python file.py, serial)", naive_s),
        ("floor (forked CPython, no isolation)", floor_s),
    )
    width = max(len(label) for label, _ in rows) + 1
    for label, seconds in rows:
        print(f"  {label + ':':<{width}}  {seconds:7.2f} s  {count / seconds:8.1f} submissions/s")
    print(f"  speed-up:  {naive_s / ours_s:.1f} x   (the floor: {naive_s / floor_s:.1f} x)")
    if note := editable_install_note():
        print(note)


if __name__ == "__main__":
    main()
