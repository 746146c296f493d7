"""`grader list`: the bank's exercises, filtered."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.table import Table
from rich.text import Text

from grader import kinds
from grader.bank import Bank
from grader.commands.options import console, exercises_option, format_option


@click.command("list")
@click.option("--topic", help="Only this topic.")
@click.option("--kind", type=click.Choice(kinds.names()), help="Only this kind.")
@click.option(
    "--difficulty", type=click.Choice(["easy", "medium", "hard"]), help="Only this difficulty."
)
@exercises_option
@format_option
def list_exercises(
    topic: str | None,
    kind: str | None,
    difficulty: str | None,
    exercises_dir: Path | None,
    fmt: str,
) -> None:
    """List exercises (id, kind, title, topic, difficulty)."""
    chosen = Bank.load(exercises_dir).select(topic=topic, kind=kind, difficulty=difficulty)
    if fmt == "json":
        click.echo(json.dumps([e.summary() for e in chosen], ensure_ascii=False, indent=2))
        return
    table = Table(show_edge=False, header_style="bold")
    for column in ("id", "kind", "difficulty", "topic", "title"):
        table.add_column(column)
    for exercise in chosen:
        s = exercise.summary()
        columns = (s["id"], s["kind"], s["difficulty"], s["topic"], s["title"])
        table.add_row(*(Text(str(value)) for value in columns))  # text, never markup
    out = console()
    out.print(table)
    out.print(f"{len(chosen)} exercise{'s' if len(chosen) != 1 else ''}")
