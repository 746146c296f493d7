"""Per-run cost of the sandbox (both layers) beside the floor, fork + exit + wait.

Usage: python benchmarks/sandbox_per_run.py [RUNS]

All figures come from the same run on the same machine:
- through the client: what `Sandbox.run` costs a caller (request, fork server, child, reply);
- in the fork server: the server's own work per run (compile, zygote, fork, child, outcome);
- the floor: fork + exit + wait in a process as large as the fork server (the same modules
  imported), since a fork's cost grows with the size of the process that forks.
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
from sandbox.boot import server_environment as _server_environment

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


SERVER = """
import sys, time
from sandbox.compiling import Request
from sandbox.limits import Limits
from sandbox.server import ForkServer
server = ForkServer(language=True, process=True)
server.start()
every_module = "; ".join(f"import {name}" for name in sorted(Limits().modules))
server.run(Request(source=every_module, filename="all.py", stdin="", limits=Limits()))
time.sleep(1)  # the zygote finishes preloading while idle, then freezes its heap
request = Request(source=PROGRAM, filename="main.py", stdin="", limits=Limits())
for _ in range(20):
    server.run(request)
runs = int(sys.argv[1])
started = time.perf_counter()
for _ in range(runs):
    server.run(request)
print((time.perf_counter() - started) / runs * 1000)
""".replace("PROGRAM", repr(PROGRAM))


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
    return _in_server_process(FLOOR, runs)


def server_ms(runs: int) -> float:
    return _in_server_process(SERVER, runs)


def _in_server_process(script: str, runs: int) -> float:
    """Run `script` as the fork server runs: `python -S` with its environment."""
    command = [sys.executable, "-S", "-c", script, str(runs)]
    env = _server_environment()
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    return float(result.stdout)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    ours, server, floor = sandbox_ms(runs), server_ms(runs), floor_ms(runs)
    side_by_side(
        f"Sandbox per-run cost, {runs} runs of a small program ({os.cpu_count()} cores)",
        [
            ("grader sandbox, both layers, through the client", ours, "ms/run"),
            ("grader sandbox, both layers, in the fork server", server, "ms/run"),
            ("floor: fork + exit + wait, same-size process", floor, "ms/run"),
        ],
    )


if __name__ == "__main__":
    main()
