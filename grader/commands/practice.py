"""`grader practice [TOPIC]`: questions one after another, with hints, solutions and
recall cards, scheduled by what is due. Progress is stored as it is made."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.console import Console

from grader import kinds
from grader.bank import Bank, bank_name
from grader.commands.options import check_choice, exercises_option, plural
from grader.commands.tutor import Result, Stop, Tutor, require_terminal, terminal_console, when_text
from grader.exercise import AnyExercise, Difficulty
from grader.learning import record
from grader.learning.plans import practice_plan
from grader.learning.schedule import question_rating
from grader.learning.store import ProgressStore, Session, now
from grader.runner import CachingRunner
from sandbox.client import default_sandbox

INTERRUPTED = 130
"""Exit code after Ctrl-C (128 + SIGINT), as shells use."""


@click.command("practice")
@click.argument("topic", required=False)
@click.option("--kind", metavar="KIND", help="Only this kind: " + ", ".join(kinds.names()) + ".")
@click.option(
    "--difficulty",
    type=click.Choice([d.value for d in Difficulty], case_sensitive=False),
    help="Only this difficulty.",
)
@click.option(
    "-n", "--count", type=click.IntRange(1, 100), default=5, show_default=True,
    help="Questions in the session.",
)  # fmt: skip
@exercises_option
def practice(
    topic: str | None,
    kind: str | None,
    difficulty: str | None,
    count: int,
    exercises_dir: Path | None,
) -> None:
    """Practise TOPIC (or, with none, what is due): hints on each wrong try, then the
    solution. Ctrl-C stops; the same command resumes the session."""
    require_terminal("practice")
    bank = Bank.load(exercises_dir)
    check_choice("kind", kind, kinds.names())
    check_choice("topic", topic, bank.topics(), case_sensitive=False)
    level = difficulty.lower() if difficulty else None
    pool = bank.select(topic=topic, kind=kind, difficulty=level)
    out = terminal_console()
    if named := bank_name(bank.root):
        out.print(f"Exercises from the bank {named}", markup=False)
    key = json.dumps([topic.casefold() if topic else None, kind, level, count])
    with ProgressStore.open() as store:
        session = store.open_session("practice", key)
        if session is not None and session.remaining:
            plan = _resumed(out, bank, session)
        else:
            plan = _new_plan(store, pool, count, ahead=topic is not None)
            if not plan:
                _nothing_due(out, store)
                return
            ids = [e.id for e in plan]
            session = Session(store.start_session("practice", key, ids), key, tuple(ids), ())
        _run(out, store, session, plan)


def _resumed(out: Console, bank: Bank, session: Session) -> list[AnyExercise]:
    plan = [bank.exercises[i] for i in session.plan if i in bank.exercises]
    out.print(
        f"Resuming your session: {len(session.done)} of {len(session.plan)} done.", markup=False
    )
    return plan


def _new_plan(
    store: ProgressStore, pool: list[AnyExercise], count: int, *, ahead: bool
) -> list[AnyExercise]:
    return practice_plan(pool, store.schedule(), store.latest(), now(), count, ahead=ahead)


def _nothing_due(out: Console, store: ProgressStore) -> None:
    upcoming = sorted(store.schedule().items(), key=lambda item: item[1])
    text = "Nothing is due now and nothing is new here."
    if upcoming:
        name, due = upcoming[0]
        text += f" Next: {name}, {when_text(due)}."
    out.print(text + " Name a topic to practise ahead: grader practice TOPIC", markup=False)


def _run(out: Console, store: ProgressStore, session: Session, plan: list[AnyExercise]) -> None:
    tutor = Tutor(out, CachingRunner(default_sandbox()), store, "practice", session.id)
    passed = 0
    try:
        for position, exercise in enumerate(plan, 1):
            if exercise.id in session.done:
                continue
            tutor.heading(exercise, position, len(plan))
            result = _one(tutor, store, exercise)
            passed += result.passed
            store.mark_done(session.id, exercise.id)
    except (KeyboardInterrupt, Stop) as stop:
        out.print(
            "\nStopped. Every answer so far is saved; run the same command to go on.",
            markup=False,
        )
        _journal_note(out, store)
        sys.exit(INTERRUPTED if isinstance(stop, KeyboardInterrupt) else 0)
    store.finish_session(session.id)
    out.rule()
    out.print(f"Session done: {plural(passed, 'question')} passed of {len(plan)}.", markup=False)
    _journal_note(out, store)


def _one(tutor: Tutor, store: ProgressStore, exercise: AnyExercise) -> Result:
    if exercise.kind.name == "recall":
        return tutor.recall(exercise)
    result = tutor.question(exercise)
    rating = question_rating(result.passed, result.tries, len(result.hints))
    due = record.reschedule(store, exercise, rating)
    if due is not None:
        tutor.out.print(f"This one comes back {when_text(due)}.", markup=False)
    return result


def _journal_note(out: Console, store: ProgressStore) -> None:
    if store.journaled:
        out.print(
            f"The progress store was busy: {plural(store.journaled, 'answer')} kept in "
            f"{store.pending_path}, added to the store next time.",
            markup=False,
        )
