"""Batch reports: results.jsonl, gradebook.csv, junit.xml, gradescope/<learner>/results.json,
report.html and items.json (item analysis), rendered from a stream of results. Renderers
never grade.

`write_reports` reads the results twice: a first pass collects what every report needs up
front (the exercise columns, per-exercise aggregates); the second feeds every renderer at
once, one learner at a time. Memory grows with the exercises, never with the submissions."""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import ExitStack
from pathlib import Path

from grader.reports import gradebook, gradescope, html, items, jsonl, junit
from grader.reports.common import atomic_writer
from grader.reports.model import (
    ExerciseInfo,
    ReportWriter,
    Result,
    ResultSource,
    Summary,
    by_learner,
    in_order,
)

__all__ = ["ExerciseInfo", "Result", "ResultSource", "write_reports"]


def write_reports(
    results: ResultSource,
    exercises: Mapping[str, ExerciseInfo],
    out: Path,
    *,
    generated_at: str,
) -> list[Path]:
    """Write every report into `out` (creating it) and return the paths written, sorted.

    `results()` must yield the results sorted by (learner, exercise), in code point order
    (SQLite's default BINARY collation); ValueError otherwise. `generated_at` appears only
    in report.html and junit.xml."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    summary = Summary.collect(in_order(results()), exercises)
    infos = summary.exercises
    files = [
        out / jsonl.FILENAME,
        out / gradebook.FILENAME,
        out / junit.FILENAME,
        out / html.FILENAME,
        out / items.FILENAME,
    ]
    with ExitStack() as stack:
        streams = [stack.enter_context(atomic_writer(path)) for path in files]
        scope = gradescope.GradescopeWriter(out / gradescope.DIRECTORY, infos)
        analysis = items.ItemAnalysis(summary)  # first: the two below show it on close
        writers: list[ReportWriter] = [
            analysis,
            jsonl.JsonlWriter(streams[0]),
            gradebook.GradebookWriter(streams[1], infos),
            junit.JunitWriter(streams[2], infos, generated_at=generated_at),
            html.HtmlWriter(streams[3], summary, generated_at=generated_at, items=analysis),
            items.ItemsWriter(streams[4], analysis),
            scope,
        ]
        for writer in writers:
            stack.callback(writer.discard)
        for learner, group in by_learner(in_order(results())):
            for writer in writers:
                writer.add(learner, group)
        for writer in writers:
            writer.close()
    return sorted([*files, *scope.written])
