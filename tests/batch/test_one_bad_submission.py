"""One bad submission changes only its own verdict (issue 10, section 4).

A learner file can break its worker's fork server: a reply too large for the protocol,
a child failure, a report forged through the channel (without the language layer), or
the server dying under it. The next run on that worker must get a fresh server, and every
other submission must still be graded.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from grader.bank import Bank
from grader.batch.engine import BatchGrader, Event
from grader.batch.scan import scan
from grader.batch.store import Store
from sandbox.client import Sandbox
from sandbox.limits import Limits
from sandbox.outcome import Status
from tests.security.host import server_pid

LAYERS = {
    "both": {"language": True, "process": True},
    "language-only": {"language": True, "process": False},
    "process-only": {"language": False, "process": True},
}
HELLO_SPEC = """\
id: hello
kind: write-program
title: Hello
topic: t
difficulty: easy
prompt: Print hello.
limits: {output_bytes: 16777216, memory_mb: 512}
cases:
  - name: hello
    expected: "hello\\n"
solution_code: |
  print("hello")
hint: Print it.
solution: ["print('hello')"]
"""
FLOOD = 'print(("\\x01" * 1000 + "\\n") * 16000, end="")\n'
"""16 MB of output that JSON writes as 96 MB of escapes: more than a 64 MiB frame."""
HUGE_MESSAGE = 'raise ValueError("E" * 10**8)\n'
FORGED_FAILURE = """
import os, sys
frame = sys._getframe()
while frame is not None and "channel" not in frame.f_locals:
    frame = frame.f_back
frame.f_locals["channel"].write_result({"internal_error": "forged by the program"})
os._exit(0)
"""
"""Without the language layer, a program can find the channel and claim a sandbox failure."""
BREAKERS = {
    "both": [FLOOD, HUGE_MESSAGE],
    "language-only": [FLOOD, HUGE_MESSAGE],
    "process-only": [FLOOD, HUGE_MESSAGE, FORGED_FAILURE],
}


def test_a_closed_sandbox_starts_a_fresh_server_for_the_next_run() -> None:
    with Sandbox() as box:
        assert box.run("print(1)").stdout == "1\n"
        box.close(wait=False)  # what the batch does after a sandbox failure
        assert box.run("print(2)").stdout == "2\n"


def test_a_server_killed_between_runs_is_replaced_for_the_next() -> None:
    with Sandbox() as box:
        assert box.run("print(1)").stdout == "1\n"
        first = server_pid(box)
        os.kill(first, signal.SIGKILL)  # the OOM killer, say
        while Path(f"/proc/{first}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z":
            time.sleep(0.01)  # dead, not yet reaped: the client does that
        assert box.run("print(2)").stdout == "2\n"
        assert server_pid(box) != first


@pytest.mark.parametrize("layers", list(LAYERS))
def test_a_reply_of_16_mib_of_escaped_output_is_a_verdict(layers: str) -> None:
    limits = Limits(output_bytes=16 * 1024 * 1024, memory_mb=512)
    with Sandbox(**LAYERS[layers]) as box:
        outcome = box.run(FLOOD, limits=limits)
        assert (outcome.status, len(outcome.stdout)) == (Status.OK, 16_016_000)
        assert box.run("print(2)").stdout == "2\n"


@pytest.mark.parametrize("layers", list(LAYERS))
def test_one_submission_per_worker_that_breaks_its_server_changes_only_its_own_verdict(
    tmp_path: Path, layers: str
) -> None:
    (tmp_path / "bank" / "t").mkdir(parents=True)
    (tmp_path / "bank" / "t" / "hello.yaml").write_text(HELLO_SPEC)
    breakers: set[str] = set()
    for number in range(12):
        folder = tmp_path / "in" / f"learner{number:02d}"
        folder.mkdir(parents=True)
        program = f"# learner {number}\nprint('hello')\n"  # distinct: none is cached
        if number % 4 == 1:  # three breakers or more: at least one for each worker
            program = BREAKERS[layers][len(breakers) % len(BREAKERS[layers])]
            breakers.add(folder.name)
        (folder / "hello.py").write_text(program)
    exercises = Bank.load(tmp_path / "bank").exercises
    sandboxes = [Sandbox(**LAYERS[layers]) for _ in range(2)]
    events: list[Event] = []
    store_path = tmp_path / "out" / "grades.sqlite"
    summary = BatchGrader(store_path, sandboxes).run(
        scan(tmp_path / "in", exercises), events.append
    )
    with Store(store_path) as store:
        statuses = {row.learner: row.verdict.status.value for row in store.rows()}
    failed = {event.relative.split("/")[0]: event.reason for event in summary.failed}
    others = {f"learner{n:02d}" for n in range(12)} - breakers
    assert {learner: statuses.get(learner) for learner in others} == dict.fromkeys(
        others, "passed"
    ), failed
    for learner in breakers:  # its own verdict, or its own sandbox failure
        assert statuses.get(learner, "failed") != "passed"
        assert learner in statuses or failed[learner].startswith("sandbox failure: ")
    assert set(failed) <= breakers
