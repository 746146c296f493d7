"""Batch progress: a bar on a terminal, a periodic one-line report in CI logs."""

from __future__ import annotations

import time
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)
from rich.progress import Progress as RichProgress

from grader.batch.engine import Event

LINE_EVERY = 5.0
"""Seconds between progress lines when the output is not a terminal."""


class Progress:
    def __init__(self, total: int, console: Console) -> None:
        self.total = total
        self.done = 0
        self._console = console
        self._started = time.monotonic()
        self._last_line = self._started
        self._bar: RichProgress | None = None
        self._task: TaskID | None = None

    def __enter__(self) -> Progress:
        if self._console.is_terminal:
            self._bar = RichProgress(
                TextColumn("grading"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                console=self._console, transient=True,
            )  # fmt: skip
            self._bar.start()
            self._task = self._bar.add_task("grading", total=self.total)
        else:
            self._console.print(f"grader: {self.total} submissions to consider", markup=False)
        return self

    def update(self, event: Event) -> None:
        if event.kind == "skipped":
            return
        self.done += 1
        if self._bar is not None and self._task is not None:
            self._bar.advance(self._task)
            return
        now = time.monotonic()
        if now - self._last_line >= LINE_EVERY:
            self._last_line = now
            rate = self.done / (now - self._started)
            percent = 100 * self.done / self.total if self.total else 100
            self._console.print(
                f"grader: {self.done}/{self.total} ({percent:.0f}%), {rate:.0f}/s", markup=False
            )

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.stop()
