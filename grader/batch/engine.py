"""Grading a batch: one worker per sandbox, and a single writer to the store.

Each worker owns a fork server, so submissions grade on all cores at once while every
one of them still runs in its own isolated child. Workers take submissions one at a time
from the shared scan (under a lock), so nothing is read ahead: memory stays flat however
large the batch. A submission that crashes, hangs or attacks the sandbox changes only its
own verdict; a failure of the grader itself on one submission is reported and the batch
goes on.
"""

from __future__ import annotations

import errno
import hashlib
import queue
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from grader.batch.scan import Skipped, Task
from grader.batch.store import Row, Store
from grader.errors import GraderError, StoreError
from grader.files import UnreadableText, read_limited
from grader.grading import grade
from grader.runner import CachingRunner
from grader.submission import Submission
from grader.verdict import Verdict
from sandbox.client import Sandbox, SandboxError, default_sandbox

_DONE = object()
COMMIT_GROUP = 32
"""Verdicts committed together at most (each reported only once committed)."""
COMMIT_WINDOW = 0.01
"""Seconds the writer waits, once a verdict has come, for others to commit with it: a
commit and a wake-up of the writer for several verdicts, at the cost of a report of the
first one this much later."""


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


class _SharedScan:
    """The scan, taken one item at a time by any number of workers."""

    def __init__(self, items: Iterable[Task | Skipped]) -> None:
        self._items: Iterator[Task | Skipped] = iter(items)
        self._lock = threading.Lock()

    def next(self) -> Task | Skipped | None:
        with self._lock:
            return next(self._items, None)


def start_sandboxes(jobs: int) -> list[Sandbox]:
    """One sandbox per job, the process-wide one first, all booting from now on.

    Call it from the main thread: a server dies with the thread that started it.
    """
    sandboxes = [default_sandbox(), *(Sandbox() for _ in range(max(1, jobs) - 1))]
    for box in sandboxes:
        box.start()
    return sandboxes


class BatchGrader:
    def __init__(self, store_path: Path, sandboxes: list[Sandbox]) -> None:
        self.store_path = store_path
        self.sandboxes = sandboxes
        self.jobs = len(sandboxes)

    def run(self, items: Iterable[Task | Skipped], on_event: Callable[[Event], None]) -> Summary:
        """Grade everything that is new or changed; returns when all work is done."""
        summary = Summary()
        scan = _SharedScan(items)
        results: queue.SimpleQueue[object] = queue.SimpleQueue()
        sandboxes = self.sandboxes
        workers = [
            threading.Thread(target=self._work, args=(box, scan, results), daemon=True)
            for box in sandboxes
        ]
        try:
            with Store(self.store_path) as store:  # created (schema, WAL) before any worker
                for worker in workers:
                    worker.start()
                self._write(store, results, summary, on_event)
        finally:
            for box in sandboxes:
                box.close(wait=False)
        for worker in workers:
            worker.join()  # each has sent its last item: the process is single-threaded again
        return summary

    def _work(self, box: Sandbox, scan: _SharedScan, results: queue.SimpleQueue[object]) -> None:
        runner = CachingRunner(box)
        try:
            with Store(self.store_path) as store:
                while (item := scan.next()) is not None:
                    results.put(
                        item
                        if isinstance(item, Skipped)
                        else _handle_safely(item, scan, store, runner, box)
                    )
        except Exception as exc:  # the scan (the directory vanished) or the store failed
            reason = f"this worker stopped: {type(exc).__name__}: {exc}"
            results.put(Event("failed", "(worker)", reason=reason))
        finally:
            results.put(_DONE)

    def _write(
        self,
        store: Store,
        results: queue.SimpleQueue[object],
        summary: Summary,
        on_event: Callable[[Event], None],
    ) -> None:
        """Commit what the workers send, in small groups: whatever has arrived by the time
        the last group is committed, or within COMMIT_WINDOW of a lone verdict (at most
        COMMIT_GROUP verdicts), goes in one transaction, and each of its events is reported
        only once it is committed, so that a kill loses no verdict that was reported."""
        finished = 0
        while finished < self.jobs:
            group = _group(results)
            rows = [item for item in group if isinstance(item, tuple)]
            saved = _saved_all(store, rows) if rows else iter(())
            for item in group:
                if item is _DONE:
                    finished += 1
                    continue
                if isinstance(item, Skipped):
                    summary.skipped.append(item)
                    on_event(Event("skipped", item.relative, reason=item.reason))
                    continue
                if isinstance(item, tuple):
                    event = next(saved)
                elif isinstance(item, Event):
                    event = item
                else:
                    raise TypeError(f"a worker sent {item!r}")
                summary.add(event)
                on_event(event)


def _group(results: queue.SimpleQueue[object]) -> list[object]:
    """What the workers sent next: at least one item, at most COMMIT_GROUP. A group short
    of verdicts waits COMMIT_WINDOW for more (the workers have the GIL meanwhile); items
    that need no commit (skipped, up to date) never wait."""
    group = [results.get()]
    _drain(results, group)
    if len(group) < COMMIT_GROUP and any(isinstance(item, tuple) for item in group):
        time.sleep(COMMIT_WINDOW)
        _drain(results, group)
    return group


def _drain(results: queue.SimpleQueue[object], group: list[object]) -> None:
    while len(group) < COMMIT_GROUP:
        try:
            group.append(results.get_nowait())
        except queue.Empty:
            return


def _saved_all(store: Store, items: list[tuple[Row, Event]]) -> Iterator[Event]:
    """Commit these verdicts in one transaction; their events, in order, once committed."""
    with store.transaction():
        events = [_saved(store, item) for item in items]
    return iter(events)


def _saved(store: Store, item: tuple[Row, Event]) -> Event:
    """Commit one verdict. A store that cannot be written stops the batch (StoreError);
    anything else is this verdict's failure alone."""
    row, event = item
    try:
        store.save(row)
    except StoreError:
        raise
    except Exception as exc:  # a grader bug: every other verdict is still committed
        return Event("failed", event.relative, reason=f"not stored: {type(exc).__name__}: {exc}")
    return event


def _handle_safely(
    task: Task, scan: _SharedScan, store: Store, runner: CachingRunner, box: Sandbox
) -> tuple[Row, Event] | Event:
    """`_handle`, with anything it raises reported for this submission alone."""
    try:
        return _handle(task, scan, store, runner, box)
    except Exception as exc:  # the store, or a grader bug: every other submission goes on
        return Event("failed", task.relative, reason=f"{type(exc).__name__}: {exc}")


def _handle(
    task: Task, scan: _SharedScan, store: Store, runner: CachingRunner, box: Sandbox
) -> tuple[Row, Event] | Event:
    """Read, check the store, and grade one submission (in a worker thread)."""
    try:
        # Never through a symbolic link (a learner's link to /proc/self/environ, say), and
        # never more than the limit (the digest of an oversized file's beginning will do:
        # its verdict is "too large" whatever follows).
        data, size = read_limited(task.path, follow_symlinks=False)
    except OSError as exc:
        reason = "it became a symbolic link" if exc.errno == errno.ELOOP else exc.strerror
        return Event("failed", task.relative, reason=f"cannot read it ({reason})")
    except UnreadableText as exc:
        return Event("failed", task.relative, reason=f"cannot read it ({exc})")
    digest = hashlib.sha256(data).hexdigest()
    spec_digest = task.exercise.raw.digest  # of the spec as loaded, never read again
    if store.is_current(task.learner, task.exercise.id, digest, spec_digest):
        return Event("up_to_date", task.relative)
    verdict = _grade(task, data, size, runner, box)
    if isinstance(verdict, Event):
        return verdict
    return Row(task.learner, task.exercise.id, task.relative, digest, spec_digest, verdict), Event(
        "graded", task.relative, verdict
    )


def _grade(
    task: Task, data: bytes, size: int, runner: CachingRunner, box: Sandbox
) -> Verdict | Event:
    submission = Submission.from_bytes(data, task.name, size=size)
    for attempt in (1, 2):
        try:
            return grade(task.exercise, submission, runner).public()
        except SandboxError as exc:
            box.close(wait=False)  # the retry, or the next file, starts on a fresh server
            if attempt == 2:
                return Event("failed", task.relative, reason=f"sandbox failure: {exc}")
        except GraderError as exc:
            return Event("failed", task.relative, reason=exc.message)
        except Exception as exc:  # a grader bug must not stop the batch
            return Event(
                "failed", task.relative, reason=f"internal error: {type(exc).__name__}: {exc}"
            )
    raise AssertionError("unreachable")
