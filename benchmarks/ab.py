"""A/B: one benchmark against this checkout and a baseline revision, in the same run.

Usage: python benchmarks/ab.py REVISION BENCHMARK [ARGS...] [--rounds N]
  e.g. python benchmarks/ab.py 4e93faf benchmarks/sandbox_per_run.py 300 --rounds 5
Options that ab.py does not know are passed to the benchmark; paths in them are relative to
each tree (both run with their own tree as the working directory).

The baseline is checked out (`git worktree add --detach`) into a temporary folder; both
trees run this checkout's benchmark script, alternately, `--rounds` times, each with its
own tree first on PYTHONPATH. Every figure the script prints (`label  value unit`) is shown
as the median of the rounds for both trees, with their ratio.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIGURE = re.compile(r"^\s+(?P<label>.+?)\s{2,}(?P<value>-?\d+(?:\.\d+)?) (?P<unit>\S+)$")


def figures(tree: Path, script: Path, args: list[str]) -> dict[tuple[str, str], float]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    result = subprocess.run(
        [sys.executable, str(script), *args],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    found = {}
    for line in result.stdout.splitlines():
        match = FIGURE.match(line)
        if match:
            found[(match["label"], match["unit"])] = float(match["value"])
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("revision")
    parser.add_argument("benchmark", type=Path)
    parser.add_argument("args", nargs="*")
    parser.add_argument("--rounds", type=int, default=5)
    options, unknown = parser.parse_known_args()
    options.args = [*options.args, *unknown]  # the benchmark's own options
    script = options.benchmark.resolve()
    with tempfile.TemporaryDirectory() as folder:
        baseline = Path(folder) / "baseline"
        add = ["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(baseline)]
        subprocess.run([*add, options.revision], check=True)
        try:
            rounds: dict[str, list[dict[tuple[str, str], float]]] = {"ours": [], "base": []}
            for _ in range(options.rounds):
                rounds["ours"].append(figures(ROOT, script, options.args))
                rounds["base"].append(figures(baseline, script, options.args))
        finally:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(baseline)],
                check=False,
            )
    report(options, rounds)


def report(
    options: argparse.Namespace, rounds: dict[str, list[dict[tuple[str, str], float]]]
) -> None:
    print(
        f"{options.benchmark} {' '.join(options.args)}: this checkout vs {options.revision}, "
        f"median of {options.rounds} alternating rounds ({os.cpu_count()} cores)"
    )
    keys = [key for key in rounds["ours"][0] if all(key in r for r in rounds["base"])]
    width = max(len(label) for label, _ in keys)
    print(f"  {'':<{width}}  {'ours':>10} {'baseline':>10}  ours/baseline")
    for label, unit in keys:
        ours = statistics.median(r[(label, unit)] for r in rounds["ours"])
        base = statistics.median(r[(label, unit)] for r in rounds["base"])
        ratio = ours / base if base else float("nan")
        print(f"  {label:<{width}}  {ours:10.2f} {base:10.2f}  {ratio:6.2f}x  {unit}")


if __name__ == "__main__":
    main()
