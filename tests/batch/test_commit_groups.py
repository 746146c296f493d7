"""The writer commits verdicts in groups: one commit, and one wake-up of the writer, for
the verdicts that come within COMMIT_WINDOW of each other, each reported once committed."""

from __future__ import annotations

import queue
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest

from grader.bank import Bank
from grader.batch import engine
from grader.batch.engine import BatchGrader, Event
from grader.batch.scan import scan
from grader.batch.store import Store
from sandbox.limits import Limits
from sandbox.outcome import Outcome, Status

SPEC = """\
id: hello
kind: write-program
title: Hello
topic: t
difficulty: easy
prompt: Print hello.
cases:
  - name: hello
    expected: "hello\\n"
solution_code: |
  print("hello")
hint: Print it.
solution: ["print('hello')"]
"""


class _QuickBox:
    """A sandbox stand-in that answers every run in 2 ms."""

    def run(
        self,
        source: str,
        *,
        filename: str = "main.py",
        stdin: str = "",
        limits: Limits | None = None,
        calls: Sequence[str] = (),
    ) -> Outcome:
        time.sleep(0.002)
        return Outcome(Status.OK, stdout="hello\n")

    def close(self, *, wait: bool = True) -> None:
        """Nothing to stop."""


def test_verdicts_that_come_together_commit_together(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "bank" / "t").mkdir(parents=True)
    (tmp_path / "bank" / "t" / "hello.yaml").write_text(SPEC)
    for number in range(60):
        folder = tmp_path / "in" / f"learner{number:02d}"
        folder.mkdir(parents=True)
        (folder / "hello.py").write_text(f"# {number}\nprint('hello')\n")
    commits: list[int] = []
    real = Store.transaction

    @contextmanager
    def counted(store: Store) -> Iterator[None]:
        with real(store):
            yield
        commits.append(store.count())

    monkeypatch.setattr(Store, "transaction", counted)
    events: list[Event] = []

    def reported(event: Event) -> None:
        events.append(event)
        assert commits and commits[-1] >= len(events)  # reported only once committed

    store_path = tmp_path / "out" / "grades.sqlite"
    grader = BatchGrader(store_path, [_QuickBox(), _QuickBox()])  # type: ignore[list-item]
    summary = grader.run(scan(tmp_path / "in", Bank.load(tmp_path / "bank").exercises), reported)
    assert summary.graded == 60 and not summary.failed
    assert len(commits) <= 60 / 2, commits  # each run takes 2 ms: several per window
    assert engine.COMMIT_WINDOW > 0


@pytest.mark.parametrize(
    ("queued", "waits"),
    [
        ([("row", "event")], 1),  # a lone verdict waits for others
        ([Event("up_to_date", "a/b.py"), Event("skipped", "c")], 0),  # nothing to commit
        ([("row", "event")] * engine.COMMIT_GROUP, 0),  # a full group
    ],
)
def test_only_a_group_short_of_verdicts_waits(
    queued: list[object], waits: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    slept: list[float] = []
    monkeypatch.setattr(engine.time, "sleep", slept.append)
    results: queue.SimpleQueue[object] = queue.SimpleQueue()
    for item in [*queued, "next group"]:
        results.put(item)
    group = engine._group(results)
    assert len(slept) == waits and len(group) == min(len(queued) + 1, engine.COMMIT_GROUP)
