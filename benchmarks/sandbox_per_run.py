"""Per-run cost of the sandbox (both layers) beside the floor, fork + exit + wait.

Usage: python benchmarks/sandbox_per_run.py [RUNS]

Both figures come from the same run on the same machine. The floor is measured in a
process as large as the fork server (the same modules imported), since a fork's cost grows
with the size of the process that forks.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import side_by_side

from sandbox import Limits, Sandbox
from sandbox.client import _server_environment

PROGRAM = 'name = "world"\nprint(f"hello, {name}")\n'
FLOOR = """
import os, sys, time
import sandbox.server, sandbox.modules
for name in sandbox.modules.ALLOWLIST:
    __import__(name)
runs = int(sys.argv[1])
started = time.perf_counter()
for _ in range(runs):
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
print((time.perf_counter() - started) / runs * 1000)
"""


def sandbox_ms(runs: int) -> float:
    with Sandbox() as box:
        for _ in range(20):
            box.run(PROGRAM, limits=Limits())
        started = time.perf_counter()
        for _ in range(runs):
            outcome = box.run(PROGRAM, limits=Limits())
        assert outcome.stdout == "hello, world\n", outcome
        return (time.perf_counter() - started) / runs * 1000


def floor_ms(runs: int) -> float:
    command = [sys.executable, "-S", "-c", FLOOR, str(runs)]
    result = subprocess.run(
        command, env=_server_environment(), capture_output=True, text=True, check=True
    )
    return float(result.stdout)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    ours, floor = sandbox_ms(runs), floor_ms(runs)
    side_by_side(
        f"Sandbox per-run cost, {runs} runs of a small program ({os.cpu_count()} cores)",
        [
            ("grader sandbox (both layers, via the client)", ours, "ms/run"),
            ("floor: fork + exit + wait, same-size process", floor, "ms/run"),
            ("ratio", ours / floor, "x"),
        ],
    )


if __name__ == "__main__":
    main()
