"""Batch grading: store, resume after kill -9, sharding, merge, exit codes, determinism."""

from __future__ import annotations

import errno
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from grader.bank import Bank
from grader.batch.engine import BatchGrader, Event
from grader.batch.scan import Shard, Skipped, Task, scan
from grader.batch.store import Row, Store
from grader.errors import StoreError, UsageError
from grader.files import read_limited
from grader.verdict import Status, Verdict
from sandbox.client import Sandbox

ROOT = Path(__file__).resolve().parents[2]
BANK = ROOT / "exercises"
RIGHT = 'name = input()\nprint("".join(w[0].upper() + "." for w in name.split()))\n'
WRONG = 'name = input()\nprint(name[0].upper() + ".")\n'
SLOW = "import time\ntime.sleep(0.4)\n" + RIGHT


SHARD_VARIABLES = ("CI_NODE_INDEX", "CI_NODE_TOTAL", "JOB_COMPLETION_INDEX", "JOB_COMPLETIONS")


def grader(
    *args: str, timeout: float | None = None, **variables: str
) -> subprocess.CompletedProcess[str]:
    """The CLI, unsharded unless `variables` say so (whatever job runs the suite)."""
    env = {k: v for k, v in os.environ.items() if k not in SHARD_VARIABLES}
    return subprocess.run(
        [sys.executable, "-m", "grader", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=timeout,
        env={**env, **variables},
    )


def make_batch(root: Path, learners: int, program: str = RIGHT) -> Path:
    for number in range(learners):
        learner = root / f"learner{number:03d}"
        learner.mkdir(parents=True)
        unique = f"# learner {number}\n"  # identical programs would be graded once (cached)
        (learner / "strings-initials.py").write_text(unique + (program if number % 3 else WRONG))
        (learner / "mlops-purpose-choice.txt").write_text("A\n" if number % 2 else "B\n")
    return root


def stored(out: Path) -> list[tuple[str, str, str]]:
    with closing(sqlite3.connect(out / "grades.sqlite")) as db:
        return db.execute(
            "SELECT learner, exercise, status FROM verdicts ORDER BY learner, exercise"
        ).fetchall()


def stored_so_far(out: Path) -> int:
    """Rows committed by a batch that may still be creating its store."""
    try:
        return len(stored(out)) if (out / "grades.sqlite").exists() else 0
    except sqlite3.OperationalError:
        return 0


def test_store_roundtrip_and_currency(tmp_path: Path) -> None:
    verdict = Verdict("e", "multiple-choice", Status.PASSED, 1.0, 1.0, "Correct.")
    with Store(tmp_path / "grades.sqlite") as store:
        store.save(Row("bo", "e", "bo/e.txt", "d1", "s1", verdict))
        store.save(Row("al", "e", "al/e.txt", "d2", "s1", verdict))
        assert store.is_current("bo", "e", "d1", "s1")
        assert not store.is_current("bo", "e", "d1", "s2")  # the spec changed
        assert not store.is_current("bo", "e", "dX", "s1")  # the submission changed
        store.save(Row("bo", "e", "bo/e.txt", "d3", "s1", verdict))  # regraded: replaces
        assert [r.learner for r in store.rows()] == ["al", "bo"]
        assert store.count() == 2
        assert store.summary() == ({"passed": 2}, 1.0)
        assert next(store.rows()).verdict == verdict


def test_scan_reports_what_matches_no_exercise(tmp_path: Path) -> None:
    (tmp_path / "ann").mkdir()
    (tmp_path / "ann" / "strings-initials.py").write_text(RIGHT)
    (tmp_path / "ann" / "strings-initials.txt").write_text(RIGHT)
    (tmp_path / "ann" / "nothing.py").write_text(RIGHT)
    (tmp_path / "loose.py").write_text(RIGHT)
    items = list(scan(tmp_path, Bank.load(BANK).exercises))
    tasks = [i.relative for i in items if isinstance(i, Task)]
    skipped = {i.relative: i.reason for i in items if isinstance(i, Skipped)}
    assert tasks == ["ann/strings-initials.py"]
    assert skipped == {
        "ann/nothing.py": "no exercise 'nothing' in the bank",
        "ann/strings-initials.txt": "'strings-initials' takes .py files",
        "loose.py": "not inside a learner directory (DIR/<learner>/<exercise>.<ext>)",
    }


def test_an_output_folder_inside_the_batch_is_skipped_as_such(tmp_path: Path) -> None:
    batch = make_batch(tmp_path / "in", 2)
    out = batch / "out"
    for _ in range(2):  # the second run finds the store and the reports in the batch folder
        result = grader("batch", str(batch), "--out", str(out), "--exercises", str(BANK))
        assert result.returncode == 0, result.stdout + result.stderr
    assert "skipped out: the batch's own output folder (--out)" in result.stdout
    assert "no exercise" not in result.stdout


def test_shards_are_disjoint_and_cover_everything(tmp_path: Path) -> None:
    make_batch(tmp_path, 40)
    exercises = Bank.load(BANK).exercises
    every = {i.relative for i in scan(tmp_path, exercises) if isinstance(i, Task)}
    parts = [
        {i.relative for i in scan(tmp_path, exercises, Shard(k, 3)) if isinstance(i, Task)}
        for k in (1, 2, 3)
    ]
    assert set().union(*parts) == every
    assert sum(len(p) for p in parts) == len(every)
    assert all(parts)


def test_shard_comes_from_gitlab_variables() -> None:
    assert Shard.from_environment({"CI_NODE_INDEX": "2", "CI_NODE_TOTAL": "5"}) == Shard(2, 5)
    assert Shard.from_environment({}) is None
    with pytest.raises(UsageError, match=r"^CI_NODE_INDEX/CI_NODE_TOTAL 3/2: I must be between"):
        Shard.from_environment({"CI_NODE_INDEX": "3", "CI_NODE_TOTAL": "2"})


def test_shard_comes_from_a_kubernetes_indexed_job() -> None:
    """Kubernetes counts from 0 and sets only the index; the manifest gives the count."""
    job = {"JOB_COMPLETION_INDEX": "0", "JOB_COMPLETIONS": "4"}
    assert Shard.from_environment(job) == Shard(1, 4)
    assert Shard.from_environment({**job, "JOB_COMPLETION_INDEX": "3"}) == Shard(4, 4)
    gitlab = {"CI_NODE_INDEX": "2", "CI_NODE_TOTAL": "5"}
    assert Shard.from_environment({**job, **gitlab}) == Shard(2, 5)


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        (
            {"JOB_COMPLETION_INDEX": "1"},
            r"JOB_COMPLETIONS is not set: give the Job's `completions`",
        ),
        (
            {"JOB_COMPLETION_INDEX": "4", "JOB_COMPLETIONS": "4"},
            r"4/4: the index must be between 0 and JOB_COMPLETIONS - 1",
        ),
        (
            {"JOB_COMPLETION_INDEX": "-1", "JOB_COMPLETIONS": "4"},
            r"-1/4: the index must be between 0",
        ),
        ({"JOB_COMPLETION_INDEX": "one", "JOB_COMPLETIONS": "4"}, r"take whole numbers"),
    ],
)
def test_a_kubernetes_shard_that_cannot_be_read_is_a_usage_error(
    environ: dict[str, str], message: str
) -> None:
    with pytest.raises(UsageError, match=message):
        Shard.from_environment(environ)


def test_indexed_job_pods_grade_disjoint_shards_that_merge_into_one_run(tmp_path: Path) -> None:
    """Each pod of a 2-completion Indexed Job grades its shard from the environment alone."""
    batch = make_batch(tmp_path / "in", 8)
    whole = tmp_path / "whole"
    assert (
        grader("batch", str(batch), "--out", str(whole), "--exercises", str(BANK)).returncode == 0
    )
    parts = []
    for index in ("0", "1"):
        part = tmp_path / f"pod{index}"
        result = grader(
            "batch",
            str(batch),
            "--out",
            str(part),
            "--exercises",
            str(BANK),
            JOB_COMPLETION_INDEX=index,
            JOB_COMPLETIONS="2",
        )
        assert result.returncode == 0, result.stderr
        assert f"(shard {int(index) + 1}/2)" in result.stdout
        parts.append(part)
    assert stored(parts[0]) and stored(parts[1])
    assert not {row[:2] for row in stored(parts[0])} & {row[:2] for row in stored(parts[1])}
    merged = tmp_path / "merged"
    assert grader("merge", *map(str, parts), "--out", str(merged)).returncode == 0
    assert stored(merged) == stored(whole)


def test_batch_grades_writes_reports_and_resumes(tmp_path: Path) -> None:
    batch, out = make_batch(tmp_path / "in", 12), tmp_path / "out"
    first = grader("batch", str(batch), "--out", str(out), "--exercises", str(BANK))
    assert first.returncode == 0, first.stdout + first.stderr
    assert "Graded 24 submissions" in first.stdout
    reports_line = (
        "Reports: gradebook.csv, gradescope/, items.json, junit.xml, report.html, results.jsonl"
    )
    assert reports_line in first.stdout
    for report in ("results.jsonl", "gradebook.csv", "junit.xml", "report.html", "gradescope"):
        assert (out / report).exists(), report
    lines = (out / "results.jsonl").read_text().splitlines()
    assert len(lines) == 24 and {"learner", "exercise"} <= json.loads(lines[0]).keys()
    again = grader("batch", str(batch), "--out", str(out), "--exercises", str(BANK))
    assert "Graded 0 submissions" in again.stdout and "24 already up to date" in again.stdout
    (batch / "learner000" / "strings-initials.py").write_text(RIGHT)
    changed = grader("batch", str(batch), "--out", str(out), "--exercises", str(BANK))
    assert "Graded 1 submission " in changed.stdout
    assert ("learner000", "strings-initials", "passed") in stored(out)


def test_links_and_special_files_are_never_read_and_huge_files_are_not_loaded(
    tmp_path: Path,
) -> None:
    secret = tmp_path / "ci-secrets.env"
    secret.write_text("DEPLOY_TOKEN=hunter2-do-not-leak\n")
    batch, out = make_batch(tmp_path / "in", 4), tmp_path / "out"
    (batch / "learner000" / "strings-initials.py").unlink()
    (batch / "learner000" / "strings-initials.py").symlink_to(secret)
    (batch / "learner001" / "mlops-purpose-choice.txt").unlink()
    os.mkfifo(batch / "learner001" / "mlops-purpose-choice.txt")  # would block a reader
    huge = batch / "learner002" / "strings-initials.py"
    with huge.open("r+b") as handle:
        handle.truncate(5 * 1024**3)  # 5 GiB, sparse: reading it whole would exhaust memory
    result = grader("batch", str(batch), "--out", str(out), "--exercises", str(BANK), timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "skipped learner000/strings-initials.py: a symbolic link; submit the file" in (
        result.stdout
    )
    assert "skipped learner001/mlops-purpose-choice.txt: not a file" in result.stdout
    assert ("learner002", "strings-initials", "invalid_submission") in stored(out)
    results = (out / "results.jsonl").read_text()
    assert "it is 5,368,709,120 bytes; the limit is 1,048,576 bytes" in results
    leaked = [p for p in out.rglob("*") if p.is_file() and b"hunter2" in p.read_bytes()]
    assert leaked == []


def test_names_reports_cannot_show_are_skipped_and_the_batch_goes_on(tmp_path: Path) -> None:
    batch, out = make_batch(tmp_path / "in", 3), tmp_path / "out"
    root = os.fsencode(batch)
    for name in (b"/bad\xffbyte", b"/new\nline"):  # sorted before and among good learners
        os.makedirs(root + name)
        with open(root + name + b"/strings-initials.py", "w") as handle:
            handle.write(RIGHT)
    with open(root + b"/learner001/strings-initials\xff.py", "w") as handle:
        handle.write(RIGHT)
    result = grader("batch", str(batch), "--out", str(out), "--exercises", str(BANK), "--jobs", "1")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Graded 6 submissions" in result.stdout  # every good one, with a single worker
    reason = "its name is not printable UTF-8 text (every report shows it); rename it"
    for shown in ("bad\\xffbyte", "new\\nline", "learner001/strings-initials\\xff.py"):
        assert f"skipped {shown}: {reason}" in result.stdout


def test_a_failure_on_one_submission_leaves_its_worker_grading_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    batch, out = make_batch(tmp_path / "in", 4), tmp_path / "out"
    current = Store.is_current

    def failing_for_learner001(store: Store, learner: str, *args: str) -> bool:
        if learner == "learner001":
            raise StoreError("grades.sqlite: disk I/O error")
        return current(store, learner, *args)

    monkeypatch.setattr(Store, "is_current", failing_for_learner001)
    exercises = Bank.load(BANK).exercises
    events: list[Event] = []
    summary = BatchGrader(out / "grades.sqlite", [Sandbox()]).run(
        scan(batch, exercises), events.append
    )
    assert summary.graded == 6
    assert sorted((e.relative, e.reason) for e in summary.failed) == [
        (f"learner001/{name}", "StoreError: grades.sqlite: disk I/O error")
        for name in ("mlops-purpose-choice.txt", "strings-initials.py")
    ]


def test_a_message_utf8_cannot_encode_is_graded_and_reported(tmp_path: Path) -> None:
    batch, out = make_batch(tmp_path / "in", 3), tmp_path / "out"
    hostile = 'raise ValueError("\\udcff" * 3)\n'  # lone surrogates in every report
    (batch / "learner001" / "strings-initials.py").write_text(hostile)
    result = grader("batch", str(batch), "--out", str(out), "--exercises", str(BANK))
    assert result.returncode == 0, result.stdout + result.stderr
    assert ("learner001", "strings-initials", "runtime_error") in stored(out)
    results = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    error = next(r for r in results if r["learner"] == "learner001" and r["error"])["error"]
    assert error["message"] == "\\udcff\\udcff\\udcff"  # as CPython's stderr shows it
    assert "udcff" in (out / "junit.xml").read_text()


def test_the_store_keeps_a_lone_surrogate_exactly(tmp_path: Path) -> None:
    verdict = Verdict(
        "e", "write-program", Status.RUNTIME_ERROR, 0.0, 1.0, "caf\udce9",
        hints=("\ud800",), output="ok \u00e9",
    )  # fmt: skip
    with Store(tmp_path / "grades.sqlite") as store:
        store.save(Row("al", "e", "al/e.py", "d", "s", verdict))
        assert next(store.rows()).verdict == verdict


def test_a_submission_swapped_for_a_link_after_the_scan_is_not_followed(tmp_path: Path) -> None:
    link = tmp_path / "answer.py"
    link.symlink_to(tmp_path / "elsewhere.py")
    (tmp_path / "elsewhere.py").write_text("print('secret')\n")
    with pytest.raises(OSError) as caught:
        read_limited(link, follow_symlinks=False)
    assert caught.value.errno == errno.ELOOP
    assert read_limited(link) == (b"print('secret')\n", 16)  # `grader check` follows it


def test_batch_survives_kill_9_and_grades_only_what_is_missing(tmp_path: Path) -> None:
    batch, out = make_batch(tmp_path / "in", 40, SLOW), tmp_path / "out"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "grader",
            "batch",
            str(batch),
            "--out",
            str(out),
            "--exercises",
            str(BANK),
            "--jobs",
            "2",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if stored_so_far(out) >= 10:
            break
        time.sleep(0.05)
    family = _descendants(process.pid)
    assert family  # the sandbox servers (and their children) were running
    os.kill(process.pid, signal.SIGKILL)  # the grader only: its servers must follow it
    process.wait()
    before = len(stored(out))
    assert 10 <= before < 80
    time.sleep(1.0)
    assert [pid for pid in family if _alive(pid)] == []
    resumed = grader("batch", str(batch), "--out", str(out), "--exercises", str(BANK))
    assert resumed.returncode == 0, resumed.stdout + resumed.stderr
    assert f"Graded {80 - before} submission" in resumed.stdout
    assert f"{before} already up to date" in resumed.stdout
    rows = stored(out)
    assert len(rows) == 80 and len(set(rows)) == 80


def _descendants(pid: int) -> list[int]:
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    found, frontier = [], [pid]
    while frontier:
        parent = frontier.pop()
        children = [child for child, ppid in parents.items() if ppid == parent]
        found += children
        frontier += children
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_fail_under_gates_on_the_mean_score(tmp_path: Path) -> None:
    batch, out = make_batch(tmp_path / "in", 6), tmp_path / "out"
    low = grader(
        "batch", str(batch), "--out", str(out), "--exercises", str(BANK), "--fail-under", "99"
    )
    assert low.returncode == 1 and "below --fail-under 99%" in low.stdout
    assert (
        grader(
            "batch", str(batch), "--out", str(out), "--exercises", str(BANK), "--fail-under", "10"
        ).returncode
        == 0
    )


def test_an_infrastructure_failure_is_reported_and_the_rest_is_graded(tmp_path: Path) -> None:
    bank = tmp_path / "bank"
    (bank / "t").mkdir(parents=True)
    (bank / "t" / "broken-find.yaml").write_text(
        "id: broken-find\nkind: find-the-error\ntitle: T\ntopic: t\ndifficulty: easy\nprompt: P\n"
        "hint: H\nsolution: [S]\ncode: |\n  print('this runs fine')\n"
    )
    (bank / "t" / "fine.yaml").write_text(
        (BANK / "mlops" / "mlops-purpose-choice.yaml")
        .read_text()
        .replace("id: mlops-purpose-choice", "id: fine")
        .replace("topic: mlops", "topic: t")
    )
    batch = tmp_path / "in"
    (batch / "ann").mkdir(parents=True)
    (batch / "ann" / "broken-find.txt").write_text("NameError line 1\n")
    (batch / "ann" / "fine.txt").write_text("A\n")
    # broken-find fails validation: --allow-invalid grades against it anyway
    result = grader(
        "batch",
        str(batch),
        "--out",
        str(tmp_path / "out"),
        "--exercises",
        str(bank),
        "--allow-invalid",
    )
    assert result.returncode == 3
    assert "failed ann/broken-find.txt: exercise 'broken-find' is broken" in result.stdout
    assert stored(tmp_path / "out") == [("ann", "fine", "passed")]


def test_shards_merge_into_the_same_reports_as_one_run(tmp_path: Path) -> None:
    batch = make_batch(tmp_path / "in", 16)
    whole = tmp_path / "whole"
    assert (
        grader("batch", str(batch), "--out", str(whole), "--exercises", str(BANK)).returncode == 0
    )
    parts = []
    for index in (1, 2, 3):
        part = tmp_path / f"part{index}"
        result = grader(
            "batch",
            str(batch),
            "--out",
            str(part),
            "--exercises",
            str(BANK),
            "--shard",
            f"{index}/3",
        )
        assert result.returncode == 0 and f"(shard {index}/3)" in result.stdout
        parts.append(str(part))
    merged = tmp_path / "merged"
    result = grader("merge", *parts, "--out", str(merged))
    assert result.returncode == 0, result.stderr
    assert stored(merged) == stored(whole)
    for name in ("results.jsonl", "gradebook.csv"):
        assert (merged / name).read_bytes() == (whole / name).read_bytes(), name
    gradescope = sorted(p.relative_to(whole) for p in (whole / "gradescope").rglob("*.json"))
    assert gradescope == sorted(
        p.relative_to(merged) for p in (merged / "gradescope").rglob("*.json")
    )
    for path in gradescope:
        assert (whole / path).read_bytes() == (merged / path).read_bytes()
    gate = grader(
        "batch", str(batch), "--out", str(merged), "--exercises", str(BANK), "--fail-under", "99"
    )
    assert gate.returncode == 1 and "Graded 0 submissions" in gate.stdout


def test_report_regenerates_identical_files(tmp_path: Path) -> None:
    batch, out = make_batch(tmp_path / "in", 5), tmp_path / "out"
    assert grader("batch", str(batch), "--out", str(out), "--exercises", str(BANK)).returncode == 0
    before = {
        p: p.read_bytes()
        for p in out.rglob("*")
        if p.is_file() and p.suffix in (".jsonl", ".csv", ".json")
    }
    result = grader("report", str(out))
    assert result.returncode == 0
    assert before == {p: p.read_bytes() for p in before}


def test_merge_checks_every_source_before_it_writes(tmp_path: Path) -> None:
    good = tmp_path / "good"
    batch = make_batch(tmp_path / "in", 1)
    assert grader("batch", str(batch), "--out", str(good), "--exercises", str(BANK)).returncode == 0
    result = grader("merge", str(good), str(tmp_path / "missing"), "--out", str(tmp_path / "all"))
    assert result.returncode == 2 and "missing: no grades.sqlite here" in result.stderr
    assert not (tmp_path / "all").exists()


def test_report_without_a_store_is_a_usage_error(tmp_path: Path) -> None:
    result = grader("report", str(tmp_path))
    assert result.returncode == 2 and "no grades.sqlite here" in result.stderr


@pytest.mark.parametrize("command", ["batch", "report", "merge"])
def test_a_store_that_is_not_a_database_is_a_clear_error(tmp_path: Path, command: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "grades.sqlite").write_text("these are not the grades you are looking for\n" * 20)
    subs = make_batch(tmp_path / "subs", 1)
    arguments = {
        "batch": ["batch", str(subs), "--out", str(out), "--exercises", str(BANK)],
        "report": ["report", str(out)],
        "merge": ["merge", str(out), "--out", str(tmp_path / "merged")],
    }[command]
    result = grader(*arguments)
    assert result.returncode == 3, result.stderr
    assert "grades.sqlite: file is not a database: it is not a grades store" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_full_disk_is_a_store_error_and_keeps_what_was_committed(tmp_path: Path) -> None:
    verdict = Verdict("e", "multiple-choice", Status.PASSED, 1.0, 1.0, "Correct." * 400)
    with Store(tmp_path / "grades.sqlite") as store:
        pages = store._db.execute("PRAGMA page_count").fetchone()[0]
        store._db.execute(f"PRAGMA max_page_count = {pages + 2}")  # a disk with 2 pages left
        saved = 0
        with pytest.raises(StoreError, match="the disk is full; free some space"):
            for number in range(1000):
                store.save(Row(f"l{number}", "e", "x", "d", "s", verdict))
                saved += 1
        assert 0 < saved < 1000
        assert store.count() == saved


@pytest.mark.parametrize("shard", ["3/2", "0/4", "a/b", "2"])
def test_bad_shard_is_a_usage_error(tmp_path: Path, shard: str) -> None:
    result = grader("batch", str(tmp_path), "--shard", shard, "--exercises", str(BANK))
    assert result.returncode == 2 and "--shard" in result.stderr


def test_the_batch_summary_shows_learner_names_and_reasons_as_text(tmp_path: Path) -> None:
    bank = tmp_path / "bank"
    (bank / "t").mkdir(parents=True)
    (bank / "t" / "broken-find.yaml").write_text(
        "id: broken-find\nkind: find-the-error\ntitle: T\ntopic: t\ndifficulty: easy\nprompt: P\n"
        "hint: H\nsolution: [S]\ncode: |\n  print('this runs fine')\n"
    )
    batch = tmp_path / "in"
    names = ["[link=https:example.com]ann", ":thumbs_up:", "[bold]bo"]  # no / in a name
    for name in names:
        (batch / name).mkdir(parents=True)
        (batch / name / "broken-find.txt").write_text("NameError line 1\n")  # failed
        (batch / name / "[red]nothing.txt").write_text("A\n")  # skipped
    out, flag = str(tmp_path / "out"), "--allow-invalid"  # the broken spec must reach grading
    result = grader("batch", str(batch), "--out", out, "--exercises", str(bank), flag)
    assert result.returncode == 3, result.stdout + result.stderr
    for name in names:
        assert f"failed {name}/broken-find.txt: exercise 'broken-find' is broken" in result.stdout
        assert f"skipped {name}/[red]nothing.txt: no exercise '[red]nothing'" in result.stdout
    assert "👍" not in result.stdout


def test_a_learner_directory_that_is_a_symbolic_link_is_skipped(tmp_path: Path) -> None:
    batch, out = make_batch(tmp_path / "in", 2), tmp_path / "out"
    elsewhere = tmp_path / "another-course" / "carol"
    elsewhere.mkdir(parents=True)
    (elsewhere / "strings-initials.py").write_text(RIGHT)
    (batch / "mallory").symlink_to(elsewhere)
    result = grader("batch", str(batch), "--out", str(out), "--exercises", str(BANK))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "skipped mallory: a symbolic link; submit the folder itself" in result.stdout
    assert [row for row in stored(out) if row[0] == "mallory"] == []


def test_two_answer_files_for_one_exercise_grade_the_first_and_a_rerun_settles(
    tmp_path: Path,
) -> None:
    batch, out = make_batch(tmp_path / "in", 2), tmp_path / "out"
    (batch / "learner000" / "mlops-purpose-choice.md").write_text("A\n")  # beside the .txt
    first = grader("batch", str(batch), "--out", str(out), "--exercises", str(BANK))
    assert first.returncode == 0, first.stdout + first.stderr
    skipped = "skipped learner000/mlops-purpose-choice.txt: a second answer to "
    assert f"{skipped}'mlops-purpose-choice'; mlops-purpose-choice.md is graded" in first.stdout
    assert "Graded 4 submissions" in first.stdout
    for _ in range(2):  # every rerun finds everything up to date
        again = grader("batch", str(batch), "--out", str(out), "--exercises", str(BANK))
        assert "Graded 0 submissions" in again.stdout and "4 already up to date" in again.stdout
    with closing(sqlite3.connect(out / "grades.sqlite")) as db:
        [(submission,)] = db.execute(
            "SELECT submission FROM verdicts WHERE learner='learner000' "
            "AND exercise='mlops-purpose-choice'"
        ).fetchall()
    assert submission == "learner000/mlops-purpose-choice.md"
