"""Grading a batch: a feeder, one worker per sandbox, and a single writer to the store.

Each worker owns a fork server, so submissions grade on all cores at once while every
one of them still runs in its own isolated child. A submission that crashes, hangs or
attacks the sandbox changes only its own verdict; a failure of the grader itself on one
submission is reported and the batch goes on.
"""

from __future__ import annotations

import hashlib
import queue
import threading
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from grader.batch.scan import Skipped, Task
from grader.batch.store import Row, Store
from grader.errors import GraderError
from grader.exercise import Exercise
from grader.grading import grade
from grader.runner import CachingRunner
from grader.submission import Submission
from grader.verdict import Verdict
from sandbox.client import Sandbox, SandboxError

_DONE = object()


@dataclass(frozen=True)
class Event:
    """What happened to one submission: graded, up_to_date, skipped or failed."""

    kind: str
    relative: str
    verdict: Verdict | None = None
    reason: str = ""


@dataclass
class Summary:
    graded: int = 0
    up_to_date: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    failed: list[Event] = field(default_factory=list)
    statuses: Counter[str] = field(default_factory=Counter)

    def add(self, event: Event) -> None:
        if event.kind == "graded" and event.verdict is not None:
            self.graded += 1
            self.statuses[event.verdict.status.value] += 1
        elif event.kind == "up_to_date":
            self.up_to_date += 1
        elif event.kind == "failed":
            self.failed.append(event)


@dataclass(frozen=True)
class _Work:
    task: Task
    data: bytes
    digest: str
    spec_digest: str


def spec_digest(exercise: Exercise) -> str:
    return hashlib.sha256(Path(exercise.file).read_bytes()).hexdigest()


class BatchGrader:
    def __init__(self, store_path: Path, jobs: int) -> None:
        self.store_path = store_path
        self.jobs = max(1, jobs)

    def run(self, items: Iterable[Task | Skipped], on_event: Callable[[Event], None]) -> Summary:
        """Grade everything that is new or changed; returns when all work is done."""
        summary = Summary()
        work: queue.Queue[object] = queue.Queue(maxsize=self.jobs * 8)
        results: queue.Queue[object] = queue.Queue(maxsize=self.jobs * 8)
        sandboxes = [Sandbox() for _ in range(self.jobs)]
        for box in sandboxes:
            box.start()
        workers = [
            threading.Thread(target=_worker, args=(box, work, results), daemon=True)
            for box in sandboxes
        ]
        feeder = threading.Thread(target=self._feed, args=(items, work, results), daemon=True)
        for thread in (feeder, *workers):
            thread.start()
        try:
            self._write(results, summary, on_event, finished_needed=self.jobs + 1)
        finally:
            for box in sandboxes:
                box.close(wait=False)
        return summary

    def _feed(
        self,
        items: Iterable[Task | Skipped],
        work: queue.Queue[object],
        results: queue.Queue[object],
    ) -> None:
        digests: dict[str, str] = {}
        try:
            with Store(self.store_path) as store:
                for item in items:
                    if isinstance(item, Skipped):
                        results.put(item)
                        continue
                    prepared = _prepare(item, digests)
                    if isinstance(prepared, Event):
                        results.put(prepared)
                    elif store.is_current(
                        item.learner, item.exercise.id, prepared.digest, prepared.spec_digest
                    ):
                        results.put(Event("up_to_date", item.relative))
                    else:
                        work.put(prepared)
        except Exception as exc:  # the scan itself failed (a directory vanished, say)
            results.put(Event("failed", "(scan)", reason=f"{type(exc).__name__}: {exc}"))
        finally:
            for _ in range(self.jobs):
                work.put(_DONE)
            results.put(_DONE)

    def _write(
        self,
        results: queue.Queue[object],
        summary: Summary,
        on_event: Callable[[Event], None],
        finished_needed: int,
    ) -> None:
        finished = 0
        with Store(self.store_path) as store:
            while finished < finished_needed:
                item = results.get()
                if item is _DONE:
                    finished += 1
                    continue
                if isinstance(item, Skipped):
                    summary.skipped.append(item)
                    on_event(Event("skipped", item.relative, reason=item.reason))
                    continue
                if isinstance(item, tuple):
                    row, event = item
                    store.save(row)
                else:
                    event = item
                summary.add(event)
                on_event(event)


def _prepare(task: Task, digests: dict[str, str]) -> _Work | Event:
    try:
        data = task.path.read_bytes()
        if task.exercise.id not in digests:
            digests[task.exercise.id] = spec_digest(task.exercise)
    except OSError as exc:
        return Event("failed", task.relative, reason=f"cannot read it ({exc.strerror})")
    return _Work(task, data, hashlib.sha256(data).hexdigest(), digests[task.exercise.id])


def _worker(box: Sandbox, work: queue.Queue[object], results: queue.Queue[object]) -> None:
    runner = CachingRunner(box)
    try:
        while (item := work.get()) is not _DONE:
            assert isinstance(item, _Work)
            results.put(_grade_one(item, runner, box))
    finally:
        results.put(_DONE)


def _grade_one(item: _Work, runner: CachingRunner, box: Sandbox) -> tuple[Row, Event] | Event:
    task = item.task
    submission = Submission.from_bytes(item.data, task.path.name)
    for attempt in (1, 2):
        try:
            verdict = grade(task.exercise, submission, runner).public()
        except SandboxError as exc:
            if attempt == 2:
                return Event("failed", task.relative, reason=f"sandbox failure: {exc}")
            box.close(wait=False)  # the next run starts a fresh server
            continue
        except GraderError as exc:
            return Event("failed", task.relative, reason=exc.message)
        except Exception as exc:  # a grader bug must not stop the batch
            return Event(
                "failed", task.relative, reason=f"internal error: {type(exc).__name__}: {exc}"
            )
        row = Row(
            task.learner, task.exercise.id, task.relative, item.digest, item.spec_digest, verdict
        )
        return row, Event("graded", task.relative, verdict)
    raise AssertionError("unreachable")
