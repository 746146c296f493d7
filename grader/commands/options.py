"""Options shared by several commands."""

from __future__ import annotations

import os
from pathlib import Path

import click
from rich.console import Console

exercises_option = click.option(
    "--exercises",
    "exercises_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Exercise bank directory (default: ./exercises, else the bundled bank).",
)
format_option = click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)


def plural(count: int, word: str) -> str:
    """`1 file`, `2 files`."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def console() -> Console:
    """Styled on a terminal; plain text (no escape codes at all) when the output is not a
    terminal or NO_COLOR is set. Plain text is never wrapped. `:name:` stays as it is
    (a learner folder called `:white_check_mark:` must not print as an emoji)."""
    styled = Console(highlight=False, emoji=False)
    if styled.is_terminal and not os.environ.get("NO_COLOR"):
        return styled
    return Console(
        highlight=False, emoji=False, soft_wrap=True, width=200, force_terminal=False, no_color=True
    )
