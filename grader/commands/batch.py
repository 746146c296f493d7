"""`grader batch DIR`: grade every submission under DIR, resumably, and write the reports."""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from pathlib import Path

import click
from rich.console import Console
from rich.text import Text

from grader.bank import Bank
from grader.batch.engine import BatchGrader, Event, Summary, start_sandboxes
from grader.batch.reporting import exercise_info, write_all
from grader.batch.scan import Shard, Task, scan
from grader.batch.store import Store
from grader.commands.options import (
    allow_invalid_option,
    console,
    exercises_option,
    plural,
    refuse_invalid,
)
from grader.commands.progress import Progress
from grader.reports.common import single_line
from grader.runner import CachingRunner
from sandbox.client import default_sandbox


@click.command("batch")
@click.argument("directory", type=click.Path(path_type=Path))
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("grading-out"),
    show_default=True,
    help="Store and reports go here.",
)
@exercises_option
@click.option(
    "--jobs",
    type=click.IntRange(1, 256),
    default=(os.cpu_count() or 1) + 1,
    show_default="cores + 1",
    help="Sandboxes grading at once (one more than the cores keeps every core busy "
    "while a sandbox waits for its child).",
)
@click.option(
    "--shard",
    "shard_text",
    metavar="I/N",
    help="Grade a deterministic 1/N of the submissions (also from CI_NODE_INDEX/CI_NODE_TOTAL, "
    "or a Kubernetes Indexed Job's JOB_COMPLETION_INDEX with JOB_COMPLETIONS).",
)
@click.option(
    "--fail-under",
    type=click.FloatRange(0, 100),
    metavar="PERCENT",
    help="Exit 1 when the mean score is below PERCENT.",
)
@allow_invalid_option
def batch(
    directory: Path,
    out: Path,
    exercises_dir: Path | None,
    jobs: int,
    shard_text: str | None,
    fail_under: float | None,
    allow_invalid: bool,
) -> None:
    """Grade DIR/<learner>/<exercise-id>.<ext> into OUT (SQLite store + reports).

    Rerunning the same command grades only what is new, changed or missing.
    Exit 0 when the batch ran, 1 with --fail-under and a low mean, 2 when an exercise
    fails `grader validate` (unless --allow-invalid), 3 when some submissions could not
    be graded because of an infrastructure problem.
    """
    sandboxes = start_sandboxes(jobs)  # they boot while the bank loads and the scan runs
    bank = Bank.load(exercises_dir)
    shard = Shard.parse(shard_text) if shard_text else Shard.from_environment() or Shard()
    tasks = Counter(
        i.exercise.id for i in scan(directory, bank.exercises, shard, out) if isinstance(i, Task)
    )
    total = sum(tasks.values())
    graded = [bank.exercises[i] for i in sorted(tasks)]
    refuse_invalid(graded, CachingRunner(default_sandbox()), allow_invalid)
    with Store.in_directory(out) as store:
        store.save_exercises([exercise_info(bank.exercises[i]) for i in sorted(tasks)])
    out_console = console()
    started = time.perf_counter()
    with Progress(total, out_console) as progress:
        summary = BatchGrader(out / "grades.sqlite", sandboxes).run(
            scan(directory, bank.exercises, shard, out), progress.update
        )
    elapsed = time.perf_counter() - started
    reports = write_all(out)
    mean = _print_summary(out_console, out, summary, elapsed, shard, reports)
    if summary.failed:
        sys.exit(3)
    if fail_under is not None and (mean or 0.0) * 100 < fail_under:
        out_console.print(
            f"[red]mean score {100 * (mean or 0):.1f}% is below --fail-under {fail_under:g}%[/red]"
        )
        sys.exit(1)


def _print_summary(
    out_console: Console,
    out: Path,
    summary: Summary,
    elapsed: float,
    shard: Shard,
    reports: list[Path],
) -> float | None:
    rate = summary.graded / elapsed if elapsed > 0 else 0.0
    shard_note = f" (shard {shard})" if shard.total > 1 else ""
    out_console.print(
        f"Graded {plural(summary.graded, 'submission')}{shard_note} in {elapsed:.1f} s "
        f"({rate:.0f}/s); {summary.up_to_date} already up to date; "
        f"{len(summary.skipped)} skipped; {len(summary.failed)} failed.",
        markup=False,
    )
    for skipped in summary.skipped[:20]:
        out_console.print(Text(f"  skipped {_learner_text(skipped.relative, skipped.reason)}"))
    if len(summary.skipped) > 20:
        out_console.print(f"  ... and {len(summary.skipped) - 20} more skipped", markup=False)
    for failed in summary.failed:
        text = _learner_text(failed.relative, failed.reason)
        out_console.print(Text.assemble("  ", ("failed", "red"), f" {text}"))
    with Store.in_directory(out) as store:
        counts, mean = store.summary()
    total = sum(counts.values())
    by_status = ", ".join(
        f"{status} {count}"
        for status, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    mean_text = f"{100 * mean:.1f}%" if mean is not None else "n/a"
    out_console.print(
        f"In {out}: {total} verdicts ({by_status}); mean score {mean_text}.", markup=False
    )
    out_console.print(f"Reports: {', '.join(_top_level_names(reports, out))}", markup=False)
    return mean


def _learner_text(relative: str, reason: str) -> str:
    """A submission and what happened to it, on one line of plain text: a name or reason
    can hold markup (`[link=...]`), escape codes or line breaks, which must show as such."""
    return single_line(f"{relative}: {reason}")


def _top_level_names(reports: list[Path], out: Path) -> list[str]:
    """Report files directly in `out`, and the folders (`gradescope/`) of the others."""
    names = set()
    for report in reports:
        parts = report.relative_to(out).parts
        names.add(parts[0] + ("/" if len(parts) > 1 else ""))
    return sorted(names)


def _event_text(event: Event) -> str:
    return f"{event.kind} {event.relative}"
