"""`grader new KIND ID --topic T [--bank DIR]`: write a commented skeleton of a spec."""

from __future__ import annotations

from pathlib import Path

import click

from grader import kinds
from grader.authoring import bank_for_new, write_skeleton


@click.command("new")
@click.argument("kind", type=click.Choice(kinds.names()))
@click.argument("exercise_id", metavar="ID")
@click.option("--topic", default="general", show_default=True, help="The topic directory.")
@click.option(
    "--bank",
    "--exercises",
    "bank",
    type=click.Path(file_okay=False, path_type=Path),
    help="The bank to write into (default: ./exercises; never the installed package).",
)
def new(kind: str, exercise_id: str, topic: str, bank: Path | None) -> None:
    """Write BANK/<topic>/<ID>.yaml: a skeleton to fill in, then `grader validate`."""
    root = bank_for_new(bank)
    path = write_skeleton(root, kind, exercise_id, topic)
    click.echo(f"wrote {path} (in the bank {root})")
    click.echo(
        f"next: fill in every TODO, then run `grader fill {path}` and `grader validate {path}`"
    )
