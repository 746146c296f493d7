"""Cold start: `grader run hello.py` beside `python -c "import click, yaml, RestrictedPython"`.

Usage: python benchmarks/cold_start.py [ROUNDS] [--tree]      (default 30)

The import line is the floor our dependencies set. The two commands are timed alternately,
in the same run, and the medians are compared. With `--tree`, `grader` is this source
tree's (`python -m grader`, the tree first on the path) rather than the installed one.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return (time.perf_counter() - started) * 1000


def main() -> None:
    arguments = [a for a in sys.argv[1:] if a != "--tree"]
    rounds = int(arguments[0]) if arguments else 30
    beside = Path(sys.executable).with_name("grader")  # this interpreter's install first
    grader = [str(beside) if beside.exists() else shutil.which("grader") or "grader"]
    if "--tree" in sys.argv:
        tree = str(Path(__file__).resolve().parents[1])
        os.environ["PYTHONPATH"] = tree + os.pathsep + os.environ.get("PYTHONPATH", "")
        grader = [sys.executable, "-m", "grader"]
    with tempfile.TemporaryDirectory() as tmp:
        hello = Path(tmp) / "hello.py"
        hello.write_text('name = "world"\nprint(f"hello, {name}")\n')
        floor_cmd = [sys.executable, "-c", "import click, yaml, RestrictedPython"]
        ours_cmd = [*grader, "run", str(hello)]
        for command in (floor_cmd, ours_cmd):
            timed(command)  # warm the page cache and the bytecode caches
        floor, ours = [], []
        for _ in range(rounds):
            floor.append(timed(floor_cmd))
            ours.append(timed(ours_cmd))
    floor_ms, ours_ms = statistics.median(floor), statistics.median(ours)
    print(f"Cold start, median of {rounds} alternating runs")
    print(f"  grader run hello.py:                           {ours_ms:7.1f} ms")
    print(f"  floor: python -c 'import click, yaml, RestrictedPython': {floor_ms:7.1f} ms")
    print(f"  ratio: {ours_ms / floor_ms:.2f} (target at most 1.2)")


if __name__ == "__main__":
    main()
