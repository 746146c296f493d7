"""`grader run` on a terminal: a program's `input()` reads what the learner types.

The sandbox child has no terminal: its stdin is given whole before it starts. So the
program is run with the lines typed so far, and when it stops at an `input()` that found
no more input (EOFError), the learner is asked for the next line, with what the program
printed meanwhile (its prompt) on the screen, and the program runs again from the start
with one more line. The sandbox seeds `random` and gives no files or network, so each run
repeats the one before. Ctrl-D ends the input, as at a real prompt.

A program that reads all of its input at once (`sys.stdin`, or a loop that stops at
EOFError) gets what the learner types until Ctrl-D, before it runs.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Callable

from sandbox.outcome import Outcome

MAX_LINES = 10_000
RunWith = Callable[[str], Outcome]


def reads_input(source: str) -> str | None:
    """`lines` when the program calls input(), `all` when it reads stdin to the end or
    catches EOFError; None when it reads nothing (or does not compile)."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return None
    names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    attributes = {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
    if "stdin" in names | attributes or "EOFError" in names:
        return "all"
    return "lines" if "input" in names else None


def _at_input(outcome: Outcome) -> bool:
    error = outcome.error
    return error is not None and error.type == "EOFError" and "reading a line" in error.message


def run_at_terminal(source: str, run: RunWith, write: Callable[[str], object]) -> Outcome:
    """Run the program, asking the terminal for each line its input() wants; the last
    outcome, whose output up to where `write` already showed it is not shown again."""
    mode = reads_input(source)
    if mode == "all":
        print("grader: the program reads all of its input: type it, then Ctrl-D", file=sys.stderr)
        return run(sys.stdin.read())
    lines: list[str] = []
    outcome = run("")
    shown = ""
    while mode == "lines" and _at_input(outcome) and len(lines) < MAX_LINES:
        if not outcome.stdout.startswith(shown):
            break  # the program printed something else this time: show its last run whole
        write(outcome.stdout[len(shown) :])
        shown = outcome.stdout
        line = sys.stdin.readline()
        if not line:  # Ctrl-D: the program gets its EOFError, as in CPython
            break
        lines.append(line if line.endswith("\n") else line + "\n")
        outcome = run("".join(lines))
    return _rest(outcome, shown)


def _rest(outcome: Outcome, shown: str) -> Outcome:
    """The outcome with only the output not shown yet."""
    if shown and outcome.stdout.startswith(shown):
        from dataclasses import replace

        return replace(outcome, stdout=outcome.stdout[len(shown) :])
    return outcome
