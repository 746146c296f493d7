"""100,000 submissions through `write_reports` from a generator: the memory stays flat.

It runs in a fresh interpreter so that the peak resident size (ru_maxrss) measures this run
alone: a warm-up batch first, then the big one; the peak may grow by a few megabytes at most.
Holding every verdict would cost hundreds of megabytes."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

LEARNERS, EXERCISES = 2_000, 50
MAX_GROWTH_MB = 24

SCRIPT = textwrap.dedent(
    """
    import json, resource, sys
    from pathlib import Path

    from grader.reports import ExerciseInfo, Result, write_reports
    from grader.verdict import Check, Status, Verdict

    learners, count, out = int(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
    ids = [f"ex-{i:03d}" for i in range(count)]
    infos = {e: ExerciseInfo(e, f"Exercise {e}", "write-function", "topic", 2.0) for e in ids}
    statuses = list(Status)
    calls = 0

    def source(learners):
        def results():
            global calls
            calls += 1
            for n in range(learners):
                learner = f"learner-{n:06d}"
                for i, exercise in enumerate(ids):
                    status = statuses[(n * 7 + i) % len(statuses)]
                    ok = status is Status.PASSED
                    checks = (
                        Check("first case", True, "1", "1", points=1.0, max_points=1.0),
                        Check(f"case {n % 17}", ok, "expected", f"actual of {learner} " * 8,
                              hint=f"Mistake {i % 5}.", max_points=1.0),
                    )
                    verdict = Verdict(
                        exercise, "write-function", status, 2.0 if ok else 1.0, 2.0,
                        f"The message for {learner} on {exercise}.", checks,
                        (f"Mistake {i % 5}.", "The general hint."), output=f"{learner}\\n" * 20,
                    )
                    yield Result(learner, exercise, f"{learner}/{exercise}.py", "0" * 64, verdict)
        return results

    def peak_mb():
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    write_reports(source(20), infos, out / "warm", generated_at="2024-01-01T00:00:00Z")
    before, calls = peak_mb(), 0
    paths = write_reports(source(learners), infos, out / "big", generated_at="2024-01-01T00:00:00Z")
    after = peak_mb()
    with (out / "big" / "results.jsonl").open(encoding="utf-8") as stream:
        lines = sum(1 for _ in stream)
    print(json.dumps({"before": before, "after": after, "calls": calls, "paths": len(paths),
                      "lines": lines}))
    """
)


def test_100000_submissions_stream_in_flat_memory(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[2]
    run = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(LEARNERS), str(EXERCISES), str(tmp_path)],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert report["lines"] == LEARNERS * EXERCISES == 100_000
    assert report["calls"] == 2, "two passes over the results"
    assert report["paths"] == LEARNERS + 5  # gradescope/ and five reports
    growth = report["after"] - report["before"]
    assert growth < MAX_GROWTH_MB, f"peak memory grew by {growth:.1f} MB: {report}"
    rows = (tmp_path / "big" / "gradebook.csv").read_text("utf-8").splitlines()
    assert len(rows) == LEARNERS + 2
