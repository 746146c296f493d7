"""`grader schema`: print the JSON Schema of exercise specs (for editors)."""

from __future__ import annotations

import json

import click

from grader.spec import schema as spec_schema


@click.command("schema")
def schema() -> None:
    """Print the exercise JSON Schema."""
    click.echo(json.dumps(spec_schema.build(), indent=2, sort_keys=True))
