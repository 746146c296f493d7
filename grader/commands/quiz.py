"""`grader quiz TOPIC`: "test this pattern". Questions across easy, medium and hard, one
try each and no hints; then a report by difficulty and what to review."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape

from grader.bank import Bank, bank_name
from grader.commands.options import check_choice, exercises_option, plural
from grader.commands.practice import INTERRUPTED
from grader.commands.tutor import Stop, Tutor, require_terminal, terminal_console
from grader.exercise import AnyExercise
from grader.learning import record
from grader.learning.plans import quiz_plan, quiz_report
from grader.learning.store import ProgressStore, Session
from grader.runner import CachingRunner
from sandbox.client import default_sandbox


@click.command("quiz")
@click.argument("topic")
@click.option(
    "-n", "--count", type=click.IntRange(1, 50), default=10, show_default=True,
    help="Questions in the quiz.",
)  # fmt: skip
@click.option("--seed", type=int, help="Draw the same questions again (printed at the start).")
@exercises_option
def quiz(topic: str, count: int, seed: int | None, exercises_dir: Path | None) -> None:
    """Test TOPIC: questions across easy, medium and hard, no hints until the end.

    Ctrl-C stops; the same command resumes the quiz."""
    require_terminal("quiz")
    bank = Bank.load(exercises_dir)
    check_choice("topic", topic, bank.topics(), case_sensitive=False)
    questions = [e for e in bank.select(topic=topic) if e.kind.name != "recall"]
    out = terminal_console()
    if named := bank_name(bank.root):
        out.print(f"Exercises from the bank {named}", markup=False)
    base = f"{topic.casefold()}:{count}:"
    with ProgressStore.open() as store:
        session = store.open_session(
            "quiz", base if seed is None else f"{base}{seed}", prefix=seed is None
        )
        if session is not None and session.remaining:
            seed = int(session.key.rpartition(":")[2])
            plan = [bank.exercises[i] for i in session.plan if i in bank.exercises]
            out.print(f"Resuming your quiz: {len(session.done)} of {len(plan)} answered.")
        else:
            seed = random.SystemRandom().randrange(10_000) if seed is None else seed
            plan = quiz_plan(questions, count, seed)
            ids = [e.id for e in plan]
            session = Session(store.start_session("quiz", f"{base}{seed}", ids), "", tuple(ids), ())
        out.print(f"{len(plan)} questions on {topic}, seed {seed}", markup=False)
        _ask_all(out, store, session, plan)
        passed = {a.exercise: a.passed for a in store.session_attempts(session.id)}
        store.finish_session(session.id)
    _report(out, bank, plan, passed)


def _ask_all(out: Console, store: ProgressStore, session: Session, plan: list[AnyExercise]) -> None:
    tutor = Tutor(out, CachingRunner(default_sandbox()), store, "quiz", session.id, teach=False)
    try:
        for position, exercise in enumerate(plan, 1):
            if exercise.id in session.done:
                continue
            tutor.heading(exercise, position, len(plan))
            result = tutor.question(exercise)
            record.reschedule(store, exercise, "good" if result.passed else "again")
            store.mark_done(session.id, exercise.id)
            out.print("Answer saved.")
    except (KeyboardInterrupt, Stop) as stop:
        out.print("\nStopped. Your answers so far are saved; run the same command to go on.")
        sys.exit(INTERRUPTED if isinstance(stop, KeyboardInterrupt) else 0)


def _report(out: Console, bank: Bank, plan: list[AnyExercise], passed: dict[str, bool]) -> None:
    report = quiz_report(plan, passed)
    out.rule("Result")
    style = "green" if report.strong else "yellow"
    out.print(f"[{style}]{escape(report.summary())}[/{style}]")
    if not report.missed:
        return
    out.print(f"\n[bold]To review[/bold] ({plural(len(report.missed), 'question')}):")
    for name in report.missed:
        exercise = bank.exercises[name]
        out.print(f"  • {name} ({exercise.difficulty}): {exercise.title}", markup=False)
        if exercise.hint:
            out.print(f"    Hint: {exercise.hint}", markup=False)
    out.print("\nThey come back in `grader practice` when due.", markup=False)
