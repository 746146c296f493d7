"""Grading cost per submission on the code kinds: the corpus of realistic submissions
(tests/corpus/expected.yaml: right and wrong ones to every bundled write-function,
write-program and fix-syntax-error exercise, kept in tests/corpus or, when they are also
samples, in the bank) graded in one process with one sandbox, round after round.

Usage: python benchmarks/judgement_replay.py [ROUNDS] [--code DIR] [--bank DIR --corpus DIR]

The figure is CPU time per submission, counted over the grading loop only: the grader
process, plus the sandbox's process tree (the fork server, its zygote, and every child
they forked and reaped), read from /proc; CPU time is steadier than wall time on a shared
machine. `--code DIR` also grades with the pygrader checkout in DIR (with its own
`.venv` when it has one), for an A/B in the same session: the sides alternate, five
replays each. Both sides grade this checkout's corpus, each against its own bank (the
exercises both banks have; a newer bank's cases are part of what grading costs), unless
`--bank` names one for both. `--bank` and `--corpus` replay other submissions, laid out as
`CORPUS/<exercise-id>/<file>`.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(HERE))
from tests.corpus_files import corpus_paths  # noqa: E402  (the corpus's files, wherever kept)

REPLAY = """
import os, resource, sys
from pathlib import Path
from grader.bank import find_exercise
from grader.grading import grade
from grader.runner import CachingRunner
from grader.submission import Submission
from sandbox import Sandbox

TICK = os.sysconf("SC_CLK_TCK")


def tree_cpu(root):
    stats = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = open(f"/proc/{entry}/stat").read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            stats[int(entry)] = (int(fields[1]), sum(int(f) for f in fields[11:15]))
    total, pending = 0, [root]
    while pending:
        pid = pending.pop()
        total += stats.get(pid, (0, 0))[1]
        pending += [child for child, (parent, _) in stats.items() if parent == pid]
    return total / TICK


def own_cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


bank, rounds = Path(sys.argv[1]), int(sys.argv[2])
entries = [Path(line) for line in sys.argv[3:]]
exercises = {e.parent.name: find_exercise(e.parent.name, bank) for e in entries}
work = [(exercises[e.parent.name], Submission.from_text(e.read_text(), e.name)) for e in entries]
box = Sandbox()
box.start()
for exercise, submission in work:  # warm up: imports, caches, the fork server
    grade(exercise, submission, CachingRunner(box))
server = box._server.pid
grader_before, sandbox_before = own_cpu(), tree_cpu(server)
for _ in range(rounds):
    runner = CachingRunner(box)  # reference runs cached per round, as in a batch
    for exercise, submission in work:
        grade(exercise, submission, runner)
print(len(work) * rounds, own_cpu() - grader_before, tree_cpu(server) - sandbox_before)
box.close()
"""


def replay(code: Path, rounds: int, bank: Path, files: list[Path]) -> tuple[int, float, float]:
    """(gradings, grader CPU s, sandbox CPU s) of one replay of `files` (each in a folder
    named after its exercise) in a fresh process."""
    venv = code / ".venv" / "bin" / "python"
    python = str(venv) if venv.exists() else sys.executable
    paths = [str(bank), str(rounds), *map(str, files)]
    result = subprocess.run(
        [python, "-c", REPLAY, *paths],
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(code)),
        cwd=code,
        check=True,
    )
    count, grader_cpu, sandbox_cpu = result.stdout.split()
    return int(count), float(grader_cpu), float(sandbox_cpu)


def main() -> None:
    args = sys.argv[1:]

    def option(name: str, default: Path | None) -> Path | None:
        return Path(args[args.index(name) + 1]).resolve() if name in args else default

    other = option("--code", None)
    given_bank = option("--bank", None)
    corpus = option("--corpus", None)
    rounds = int(next((a for a in args if a.isdigit()), "3"))
    sides = {"this checkout": HERE, **({str(other): other} if other else {})}
    # Each side grades with its own bank (a spec an older checkout cannot read is not
    # graded by either), unless --bank names one for both.
    banks = {name: given_bank or code / "exercises" for name, code in sides.items()}
    files = sorted(corpus.glob("*/*.py")) if corpus else list(corpus_paths().values())
    shared = {path.parent.name for path in files}
    for folder in banks.values():
        shared &= {spec.stem for spec in folder.rglob("*.yaml")}
    files = [path for path in files if path.parent.name in shared]
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in sides}
    count = 0
    for _ in range(5):  # alternate the sides, so that the machine's load hits both alike
        for name, code in sides.items():
            count, grader_cpu, sandbox_cpu = replay(code, rounds, banks[name], files)
            samples[name].append((grader_cpu / count * 1000, sandbox_cpu / count * 1000))
    print(f"CPU per submission over {count} gradings (median of 5 replays per side)")
    totals = {}
    for name, rows in samples.items():
        grader_ms = statistics.median(g for g, _ in rows)
        sandbox_ms = statistics.median(s for _, s in rows)
        totals[name] = statistics.median(g + s for g, s in rows)
        figures = f"grader {grader_ms:6.3f} ms + sandbox {sandbox_ms:6.3f} ms"
        print(f"  {name:<28} {figures} = {totals[name]:6.3f} ms")
    if other:
        ours, theirs = totals["this checkout"], totals[str(other)]
        print(f"  this checkout / {other}: {ours / theirs:.3f}")


if __name__ == "__main__":
    main()
