"""Batch throughput: `grader batch` on N distinct small write-program submissions, beside
a naive sequential loop that runs the same Python on each file (`python submission.py`)
and beside the floor, the cheapest honest fork-per-file runner (`benchmarks/_floor.py`).

Usage: python benchmarks/batch_throughput.py [N] [--rounds R] [--before TREE]

All figures come from one run: R rounds (default 5), each running every contender once in
a shuffled order; the table gives medians. Ours is the whole command, start to end:
scanning, grading in the sandbox with both layers on every core, the SQLite store and all
reports. `--before TREE` adds `grader batch` from another source tree (an older commit,
say, exported with `git archive`), run the same way. The floor comes in three strengths:
no isolation, the process layer alone, and both layers (see `_floor.py`).

CPU per file, and its split by process (children, zygotes, servers, grader), comes from
one more, untimed run of each contender sampled from /proc (`_cputree.py`), since sampling
takes CPU from what it measures; the naive loop's is its RUSAGE_CHILDREN (every round).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parents[1]))
from _batchdata import batch_command, write_bank, write_submissions
from _cputree import TreeCpu, measure, per_file_table

from sandbox.boot import server_environment as _server_environment

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
STDIN = "2\n40\n"


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class Contender:
    def __init__(
        self, label: str, command: list[str], layout: str, out: Path | None = None, **popen: object
    ) -> None:
        self.label, self.command, self.layout, self.out = label, command, layout, out
        self.popen = popen
        self.seconds: list[float] = []
        self.cpu: list[float] = []

    def fresh(self) -> None:
        """No store or report left from an earlier run: every run grades every file."""
        if self.out is not None:
            shutil.rmtree(self.out, ignore_errors=True)

    def run(self) -> None:
        self.fresh()
        cpu = _children_cpu()
        started = time.perf_counter()
        result = subprocess.run(self.command, capture_output=True, text=True, **self.popen)  # type: ignore[call-overload]
        self.seconds.append(time.perf_counter() - started)
        self.cpu.append(_children_cpu() - cpu)
        if result.returncode != 0:
            raise SystemExit(
                f"{self.label} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
            )

    def tree(self) -> TreeCpu:
        self.fresh()
        return measure(
            self.command,
            self.layout,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            **self.popen,
        )


def _clean_interpreter(root: Path) -> str:
    """This interpreter in a new virtual environment with nothing installed: a plain
    `python file.py`, without the import hooks an editable install adds to every start."""
    base = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base, "-m", "venv", "--without-pip", str(root / "clean")], check=True)
    return str(root / "clean" / "bin" / "python")


def _naive_command(listing: Path, python: str) -> list[str]:
    """The naive loop, as one command: a `python file.py` per file, one after another."""
    loop = (
        "import subprocess, sys\n"
        "for path in open(sys.argv[1]).read().split('\\n'):\n"
        "    subprocess.run([sys.argv[3], path], input=sys.argv[2], capture_output=True,"
        " text=True, timeout=10)\n"
    )
    return [python, "-c", loop, str(listing), STDIN, python]


def _grader(tree: Path, submissions: Path, bank: Path, out: Path) -> tuple[list[str], dict]:
    """`grader batch` from `tree`'s sources (first on the path, and the working directory)."""
    env = dict(os.environ, PYTHONPATH=str(tree))
    return batch_command(submissions, bank, out), {"cwd": str(tree), "env": env}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("count", nargs="?", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--before", type=Path, help="another source tree to compare with")
    parser.add_argument("--no-tree", action="store_true", help="skip the CPU split by process")
    args = parser.parse_args()
    count = args.count
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        bank = write_bank(root / "bank")
        paths = write_submissions(root / "submissions", count)
        listing = root / "paths.txt"
        listing.write_text("\n".join(str(path) for path in paths))
        floor_env = _server_environment()
        naive = _naive_command(listing, _clean_interpreter(root))
        contenders = [Contender("naive loop (python file.py)", naive, "flat")]
        for mode, label in (
            ("bare", "floor, no isolation"),
            ("process", "floor, process layer"),
            ("both", "floor, both layers"),
        ):
            command = [sys.executable, "-S", str(HERE / "_floor.py"), mode, str(listing)]
            contenders.append(Contender(label, command, "flat", env=floor_env))
        trees: list[tuple[str, Path]] = [("grader batch (ours)", ROOT)]
        if args.before:
            trees.insert(0, ("grader batch (before)", args.before.resolve()))
        for label, tree in trees:
            out = root / f"out-{len(contenders)}"
            command, popen = _grader(tree, root / "submissions", bank, out)
            contenders.append(Contender(label, command, "grader", out, **popen))
        order = list(contenders)
        load = os.getloadavg()[0]
        for _ in range(args.rounds):
            random.shuffle(order)
            for contender in order:
                contender.run()
        splits: dict[str, TreeCpu] = {}
        if not args.no_tree:
            for contender in contenders:
                if contender.layout != "flat" or contender.label.startswith("floor"):
                    splits[contender.label] = contender.tree()
        load = max(load, os.getloadavg()[0])
    _print(count, args.rounds, contenders, splits, load)


def _print(
    count: int,
    rounds: int,
    contenders: list[Contender],
    splits: dict[str, TreeCpu],
    load: float,
) -> None:
    print(
        f"Batch of {count} distinct small write-program submissions on {os.cpu_count()} cores,"
        f" median of {rounds} shuffled rounds (1-minute load average up to {load:.2f})"
    )
    median: Callable[[list[float]], float] = statistics.median
    naive_s = median(contenders[0].seconds)
    width = max(len(c.label) for c in contenders) + 1
    print(f"  {'':<{width}}  {'seconds':>8}  {'files/s':>8}  {'x naive':>7}  {'CPU/file':>9}")
    for contender in contenders:
        seconds = median(contender.seconds)
        split = splits.get(contender.label)
        cpu = split.total if split is not None else median(contender.cpu)
        cpu_ms = cpu / count * 1000
        print(
            f"  {contender.label + ':':<{width}}  {seconds:8.2f}  {count / seconds:8.1f}"
            f"  {naive_s / seconds:7.1f}  {cpu_ms:6.2f} ms"
        )
    spread = ", ".join(
        f"{c.label.split(' (')[0] if c.label.startswith('grader') else c.label}: "
        f"{min(c.seconds):.2f}-{max(c.seconds):.2f} s"
        for c in contenders
    )
    print(f"  range over rounds: {spread}")
    if splits:
        print("CPU by process, one more run of each (sampled from /proc)")
        for line in per_file_table(splits, count):
            print(line)
    print("  (the naive loop runs a new virtual environment's python, with nothing installed)")


if __name__ == "__main__":
    main()
