"""`grader progress`: the learner's mastery per topic, and what is due when.

(The module is not `progress.py`: that one is the batch's progress bar.)"""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.progress_bar import ProgressBar
from rich.table import Table

from grader.bank import Bank
from grader.commands.options import console, exercises_option, format_option
from grader.commands.tutor import when_text
from grader.learning.plans import topic_progress
from grader.learning.store import ProgressStore, now

SHOWN_DUE = 10


@click.command("progress")
@exercises_option
@format_option
def progress(exercises_dir: Path | None, fmt: str) -> None:
    """Mastery per topic (the share of exercises whose latest answer passed), and what
    is due for review, and when."""
    bank = Bank.load(exercises_dir)
    exercises = list(bank.exercises.values())
    when = now()
    with ProgressStore.open() as store:
        latest, schedule = store.latest(), store.schedule()
        path = store.path
    rows = topic_progress(exercises, latest, schedule, when)
    if fmt == "json":
        topics = {
            r.topic: {
                "exercises": r.total,
                "attempted": r.attempted,
                "passed": r.passed,
                "due": r.due,
                "next_due": r.next_due.isoformat() if r.next_due else None,
            }
            for r in rows
        }
        click.echo(json.dumps({"store": str(path), "topics": topics}, indent=2))
        return
    out = console()
    table = Table(show_edge=False, header_style="bold")
    for column in ("topic", "mastery", "", "passed", "attempted", "due"):
        table.add_column(column, justify="left" if column in ("topic", "mastery") else "right")
    for r in rows:
        bar = ProgressBar(total=r.total or 1, completed=r.passed, width=20)
        share = f"{100 * r.mastery:.0f}%"
        table.add_row(r.topic, bar, share, f"{r.passed}/{r.total}", str(r.attempted), str(r.due))
    out.print(table)
    upcoming = sorted(
        ((due, name) for name, due in schedule.items() if name in bank.exercises),
    )
    if not upcoming:
        out.print("\nNothing is scheduled yet: recall cards and missed questions will be.")
        return
    out.print("\n[bold]Reviews[/bold]")
    for due, name in upcoming[:SHOWN_DUE]:
        out.print(f"  {name}: {'due now' if due <= when else when_text(due)}", markup=False)
    if len(upcoming) > SHOWN_DUE:
        out.print(f"  ... and {len(upcoming) - SHOWN_DUE} more", markup=False)
