"""`grader new KIND ID --topic T`: write a commented skeleton of a spec."""

from __future__ import annotations

from pathlib import Path

import click

from grader import kinds
from grader.authoring import write_skeleton
from grader.bank import default_root
from grader.commands.options import exercises_option


@click.command("new")
@click.argument("kind", type=click.Choice(kinds.names()))
@click.argument("exercise_id", metavar="ID")
@click.option("--topic", default="general", show_default=True, help="The topic directory.")
@exercises_option
def new(kind: str, exercise_id: str, topic: str, exercises_dir: Path | None) -> None:
    """Write exercises/<topic>/<ID>.yaml: a skeleton to fill in, then `grader validate`."""
    path = write_skeleton(exercises_dir or default_root(), kind, exercise_id, topic)
    click.echo(f"wrote {path}; fill in every TODO, then run: grader validate {path}")
