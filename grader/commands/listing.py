"""`grader list`: the bank's exercises, filtered."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from grader import kinds
from grader.bank import Bank, bank_name
from grader.commands.options import (
    check_choice,
    console,
    exercises_option,
    format_option,
    plural,
)
from grader.exercise import AnyExercise, Difficulty


@click.command("list")
@click.option("--topic", help="Only this topic (any case).")
@click.option("--kind", metavar="KIND", help="Only this kind: " + ", ".join(kinds.names()) + ".")
@click.option(
    "--difficulty",
    type=click.Choice([d.value for d in Difficulty], case_sensitive=False),
    help="Only this difficulty (recall cards: beginner, intermediate).",
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
    """List exercises (id, kind, difficulty, topic, title): by topic, then easy to hard."""
    bank = Bank.load(exercises_dir)
    check_choice("kind", kind, kinds.names())
    check_choice("topic", topic, bank.topics(), case_sensitive=False)
    chosen = bank.select(topic=topic, kind=kind, difficulty=difficulty and difficulty.lower())
    if fmt == "json":
        click.echo(json.dumps([e.summary() for e in chosen], ensure_ascii=False, indent=2))
        return
    out = console()
    out.print(_table(chosen) if _fits(chosen, out.width) else _stacked(chosen))
    named = bank_name(bank.root)
    where = f" in the bank {named}" if named else ""
    out.print(f"{plural(len(chosen), 'exercise')}{where}", markup=False)


MIN_TITLE = 24
"""Columns a title needs beside the others, or the list is shown stacked."""


def _fits(chosen: list[AnyExercise], width: int) -> bool:
    """Whether the table's id, kind, difficulty and topic columns leave room for titles."""
    rows = [e.summary() for e in chosen]
    widest = [
        max([len(name), *(len(r[name] or "") for r in rows)])
        for name in ("id", "kind", "difficulty", "topic")
    ]
    return sum(widest) + 3 * 4 + 2 + MIN_TITLE <= width


def _stacked(chosen: list[AnyExercise]) -> Group:
    """One exercise per two lines, by topic, for a narrow terminal: the id whole, then the
    title wrapped below it."""
    parts: list[RenderableType] = []
    topic = None
    for exercise in chosen:
        if exercise.topic != topic:
            topic = exercise.topic
            parts.append(Text(f"\n{topic}", style="bold underline"))
        level = f", {exercise.difficulty}" if exercise.difficulty else ""
        parts.append(Text.assemble((exercise.id, "bold"), f"  {exercise.kind.name}{level}"))
        parts.append(Padding(Text(exercise.title), (0, 0, 0, 4)))
    return Group(*parts)


def _table(chosen: list[AnyExercise]) -> Table:
    """Ids are never cut: the other columns fold (titles wrap) when the terminal is narrow."""
    table = Table(show_edge=False, header_style="bold")
    table.add_column("id", no_wrap=True)
    for column in ("kind", "difficulty", "topic"):
        table.add_column(column, overflow="fold")
    table.add_column("title", overflow="fold", ratio=1)
    for exercise in chosen:
        s = exercise.summary()
        row = (s["id"], s["kind"], s["difficulty"] or "", s["topic"], s["title"])
        table.add_row(*(Text(cell) for cell in row))  # text, never markup
    return table
