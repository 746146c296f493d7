"""junit.xml: a <testsuite> per exercise, a <testcase> per submission, named learner/exercise.

GitLab shows a test case's `classname` as its suite and `name` as its name, and the text of
<failure> as its output; GitHub actions (dorny/test-reporter, mikepenz/action-junit-report)
group by <testsuite> and show `message` as the annotation title. So each case carries the
exercise id as `classname`, the verdict message as `message`, the status as `type`, and the
score, failing checks and hints as the failure's text. A learner's crash or timeout is a
<failure> (the submission failed), never an <error> (which would mean the grader broke).
"""

from __future__ import annotations

import io
import tempfile
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import TextIO

from grader.reports.common import number, printable, verdict_text
from grader.reports.model import ExerciseInfo, Result, by_learner

FILENAME = "junit.xml"
SUITES_NAME = "pygrader"


def xml_text(text: str) -> str:
    """Character data that is valid XML 1.0 whatever the learner printed."""
    text = printable(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("\r", "&#13;")


def xml_attribute(text: str) -> str:
    """An attribute value (without quotes); line breaks survive attribute normalisation."""
    text = xml_text(text).replace('"', "&quot;")
    return text.replace("\n", "&#10;").replace("\t", "&#9;")


def testcase(result: Result, name: str | None = None) -> str:
    """One <testcase> element, indented for its suite, ending with a newline."""
    verdict = result.verdict
    attributes = (
        f'classname="{xml_attribute(result.exercise)}" '
        f'name="{xml_attribute(name or f"{result.learner}/{result.exercise}")}" '
        f'file="{xml_attribute(result.submission)}" time="0"'
    )
    if verdict.passed:
        return f"    <testcase {attributes}/>\n"
    body = verdict_text(verdict, passed_checks=False)
    return (
        f"    <testcase {attributes}>\n"
        f'      <failure type="{xml_attribute(verdict.status.value)}" '
        f'message="{xml_attribute(verdict.message)}">{xml_text(body)}</failure>\n'
        "    </testcase>\n"
    )


class _Spool:
    """Text appended under keys, read back key by key.

    Results come sorted by learner but suites are by exercise, so each exercise's cases wait:
    in small per-key buffers, then in blocks of one anonymous temporary file (deleted by the
    system even after kill -9). At most `limit` characters wait in memory."""

    def __init__(self, block: int = 32_768, limit: int = 4_194_304) -> None:
        self.block, self.limit = block, limit
        # Closed by close(): the file lives across add() calls.
        self.file = tempfile.TemporaryFile()  # noqa: SIM115
        self.buffers: dict[str, list[str]] = {}
        self.sizes: dict[str, int] = {}
        self.blocks: dict[str, list[tuple[int, int]]] = {}
        self.buffered = 0

    def write(self, key: str, text: str) -> None:
        self.buffers.setdefault(key, []).append(text)
        self.sizes[key] = self.sizes.get(key, 0) + len(text)
        self.buffered += len(text)
        if self.sizes[key] >= self.block:
            self._flush(key)
        elif self.buffered >= self.limit:
            for waiting in list(self.buffers):
                self._flush(waiting)

    def _flush(self, key: str) -> None:
        data = "".join(self.buffers.pop(key)).encode("utf-8")
        self.buffered -= self.sizes.pop(key)
        offset = self.file.seek(0, io.SEEK_END)
        self.file.write(data)
        self.blocks.setdefault(key, []).append((offset, len(data)))

    def copy(self, key: str, target: TextIO) -> None:
        """Everything written under `key`, in order, to `target`."""
        for offset, length in self.blocks.pop(key, ()):
            self.file.seek(offset)
            target.write(self.file.read(length).decode("utf-8"))
        target.write("".join(self.buffers.pop(key, ())))
        self.buffered -= self.sizes.pop(key, 0)

    def close(self) -> None:
        self.file.close()
        self.buffers.clear()


class JunitWriter:
    """Spools test cases by exercise; writes the whole document on close."""

    def __init__(
        self, stream: TextIO, exercises: Mapping[str, ExerciseInfo], *, generated_at: str
    ) -> None:
        self.stream = stream
        self.exercises = {key: exercises[key] for key in sorted(exercises)}
        self.generated_at = generated_at
        self.tests: Counter[str] = Counter()
        self.failures: Counter[str] = Counter()
        self.spool = _Spool()

    def add(self, learner: str, results: list[Result]) -> None:
        seen: set[str] = set()
        for result in results:
            name = f"{learner}/{result.exercise}"
            if name in seen:  # a second submission for the same exercise
                name = f"{name} [{result.submission}]"
            seen.add(name)
            self.tests[result.exercise] += 1
            self.failures[result.exercise] += not result.verdict.passed
            self.spool.write(result.exercise, testcase(result, name))

    def close(self) -> None:
        try:
            self._write()
        finally:
            self.spool.close()

    def discard(self) -> None:
        self.spool.close()

    def _write(self) -> None:
        out = self.stream
        stamp = xml_attribute(self.generated_at)
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        out.write(
            f'<testsuites name="{SUITES_NAME}" tests="{self.tests.total()}" '
            f'failures="{self.failures.total()}" errors="0" skipped="0" time="0">\n'
        )
        names = sorted(set(self.exercises) | set(self.tests))
        for exercise in names:
            out.write(
                f'  <testsuite name="{xml_attribute(exercise)}" tests="{self.tests[exercise]}" '
                f'failures="{self.failures[exercise]}" errors="0" skipped="0" time="0" '
                f'timestamp="{stamp}">\n'
            )
            info = self.exercises.get(exercise)
            if info is not None:
                out.write("    <properties>\n")
                for key, value in (
                    ("title", info.title),
                    ("kind", info.kind),
                    ("topic", info.topic),
                    ("max_score", number(info.max_score)),
                ):
                    out.write(f'      <property name="{key}" value="{xml_attribute(value)}"/>\n')
                out.write("    </properties>\n")
            self.spool.copy(exercise, out)
            out.write("  </testsuite>\n")
        out.write("</testsuites>\n")


def write_junit(
    results: Iterable[Result],
    exercises: Mapping[str, ExerciseInfo],
    stream: TextIO,
    *,
    generated_at: str,
) -> None:
    """The JUnit XML of `results` (sorted by learner); every exercise gets a suite."""
    writer = JunitWriter(stream, exercises, generated_at=generated_at)
    for learner, group in by_learner(results):
        writer.add(learner, group)
    writer.close()
