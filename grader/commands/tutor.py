"""The interactive part of `grader practice` and `grader quiz`: one question at a time.

Prompts are questionary's; everything else is printed with rich. Grading is the kinds'
(`grade`), storing is `grader.learning`'s: this module only asks, shows and passes on.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markdown import Markdown
from rich.markup import escape
from rich.padding import Padding
from rich.syntax import Syntax
from rich.text import Text

from grader.commands.show import print_exercise
from grader.errors import UsageError
from grader.exercise import AnyExercise
from grader.files import MAX_SUBMISSION_BYTES
from grader.grading import grade
from grader.learning import record
from grader.learning.store import ProgressStore, home, now
from grader.runner import Runner
from grader.submission import Submission
from grader.verdict import Verdict

TRY_AGAIN, SHOW_ME, SKIP, QUIT = "Try again", "Show me the solution", "Skip it", "Stop here"
RATINGS = ("Again", "Hard", "Good", "Easy")


class Stop(Exception):
    """The learner chose to stop the session."""


def require_terminal(command: str) -> None:
    """Interactive commands refuse pipes and scripts, pointing to `grader check`."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError(
            f"grader {command} is interactive and needs a terminal (its input or output is "
            "not one); to grade an answer from a script or a pipe, use "
            "`grader check EXERCISE FILE`"
        )


def terminal_console() -> Console:
    """The learner's terminal, at its width; no styles at all when NO_COLOR is set."""
    return Console(highlight=False, color_system=None if os.environ.get("NO_COLOR") else "auto")


def work_file(exercise: AnyExercise) -> Path:
    """Where a code exercise's file is written for the learner to edit."""
    return home() / "work" / f"{exercise.id}.py"


def editor_command() -> list[str] | None:
    text = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    return shlex.split(text) if text else None


@dataclass
class Result:
    """How one question went."""

    passed: bool = False
    tries: int = 0
    hints: list[str] = field(default_factory=list)
    gave_up: bool = False
    verdict: Verdict | None = None


@dataclass
class Tutor:
    """Asks questions in one session and stores every attempt as it is made."""

    out: Console
    runner: Runner
    store: ProgressStore
    mode: str
    session: int | None
    teach: bool = True
    """Practice (hints on wrong tries, the solution after): True; a quiz: False."""

    def heading(self, exercise: AnyExercise, position: int, total: int) -> None:
        self.out.rule(f"({position}/{total})", align="left")
        print_exercise(self.out, exercise)
        self.out.print()

    # recall cards

    def recall(self, exercise: AnyExercise) -> Result:
        _prompt("press_any_key_to_continue", "Recall the answer, then press any key to reveal it")
        answer = exercise.kind.reveal(exercise, self.runner).answer or ""
        self.out.print("[bold]Answer:[/bold]")
        self.out.print(_markdown(self.out, answer))
        chosen = _prompt("select", "How well did you know it?", choices=_rating_choices())
        verdict = self._grade(exercise, Submission.from_text(chosen.lower(), "rating.txt"))
        due = record.reschedule(self.store, exercise, chosen.lower())
        if due is not None:
            self.out.print(f"Next review: {when_text(due)}.", markup=False)
        return Result(passed=verdict.passed, tries=1, verdict=verdict)

    # questions

    def question(self, exercise: AnyExercise) -> Result:
        """Answer until passed (practice: one new hint per wrong try) or given up."""
        result = Result()
        path = self._prepare(exercise) if exercise.kind.answer == "code" else None
        while True:
            submission = self._edit(path) if path else self._typed(exercise)
            if submission is None:  # nothing to grade: the learner was told why
                if self._after_nothing(exercise, path):
                    continue
                result.gave_up = True
                break
            result.tries += 1
            verdict = self._grade(exercise, submission)
            result.verdict = verdict
            if verdict.passed:
                result.passed = True
                self.out.print(f"[green]✓ {escape(verdict.message)}[/green]")
                break
            if not self.teach:
                break
            self._show_miss(verdict, result)
            if self._menu([TRY_AGAIN, SHOW_ME, QUIT]) == SHOW_ME:
                result.gave_up = True
                break
        if result.gave_up and self.teach and not result.tries:
            record.attempt(self.store, exercise, "", None, mode=self.mode, session=self.session)
        if self.teach:
            self.reveal(exercise)
        return result

    def _typed(self, exercise: AnyExercise) -> Submission | None:
        if exercise.kind.name == "predict-output":
            text = _prompt(
                "text",
                "What does it print?",
                multiline=True,
                instruction="(several lines; finish with Esc then Enter)",
            )
        elif exercise.kind.name == "explain":
            text = _prompt("text", "Your explanation (one paragraph):")
        elif exercise.kind.present(exercise).options:
            text = _prompt("text", "Your answer (a letter):")
        else:
            text = _prompt("text", "Your answer:")
        if not text.strip():
            self.out.print("Your answer is empty: type what you think, or choose what to do.")
            return None
        return Submission.from_text(text, "answer.txt")

    def _prepare(self, exercise: AnyExercise) -> Path:
        path = work_file(exercise)
        if path.exists():
            self.out.print(f"Your file from last time: {path}", markup=False)
        else:
            self._write_starter(exercise, path)
        return path

    def _write_starter(self, exercise: AnyExercise, path: Path) -> None:
        view = exercise.kind.present(exercise)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(view.starter or view.code or "", encoding="utf-8")
        self.out.print(f"The code is in {path}", markup=False)

    def _edit(self, path: Path) -> Submission | None:
        """Let the learner edit `path`; the file as saved, or None (with a message)."""
        command = editor_command()
        if command:
            try:
                status = subprocess.run([*command, str(path)], check=False).returncode
            except OSError as exc:
                self.out.print(f"Your editor ({command[0]}) could not start: {exc.strerror}.")
                return None
            if status != 0:
                self.out.print(
                    f"Your editor exited with status {status}; {path} is kept as it is and "
                    "was not graded.",
                    markup=False,
                )
                return None
        else:
            _prompt("text", f"Edit {path} in any editor, save it, then press Enter to grade it")
        if not path.exists():
            self.out.print(f"{path} is gone (deleted?); nothing to grade.", markup=False)
            return None
        submission = Submission.from_path(path)
        if not (submission.text or "").strip():
            self.out.print(f"{path} is empty; write your program in it first.", markup=False)
            return None
        if path.stat().st_size > MAX_SUBMISSION_BYTES:
            self.out.print(f"{path} is too large to grade.", markup=False)
            return None
        return submission

    def _after_nothing(self, exercise: AnyExercise, path: Path | None) -> bool:
        """After an empty answer, a failed editor or a deleted file: try again (True), or
        give up (False)."""
        again = "Edit it again" if path else "Answer"
        restart = "Start over from the starter"
        choices = [again, *([restart] if path else []), SHOW_ME if self.teach else SKIP, QUIT]
        chosen = self._menu(choices)
        if chosen == restart and path:
            self._write_starter(exercise, path)
        return chosen in (again, restart)

    def _menu(self, choices: list[str]) -> str:
        chosen: str = _prompt("select", "What now?", choices=choices)
        if chosen == QUIT:
            raise Stop
        return chosen

    def _grade(self, exercise: AnyExercise, submission: Submission) -> Verdict:
        verdict = grade(exercise, submission, self.runner).public()
        answer = submission.text or ""
        record.attempt(self.store, exercise, answer, verdict, mode=self.mode, session=self.session)
        return verdict

    def _show_miss(self, verdict: Verdict, result: Result) -> None:
        self.out.print(f"[red]✗ {escape(verdict.message)}[/red]")
        fresh = [hint for hint in verdict.hints if hint not in result.hints]
        if fresh:
            result.hints.append(fresh[0])
            self.out.print(f"[bold]Hint {len(result.hints)}:[/bold] {escape(fresh[0])}")
        elif result.hints:
            self.out.print("No more hints: you have seen them all.")

    # after a pass, or "show me"

    def reveal(self, exercise: AnyExercise) -> None:
        shown = exercise.kind.reveal(exercise, self.runner)
        out = self.out
        out.print("\n[bold]Solution[/bold]")
        for number, step in enumerate(exercise.solution, 1):
            out.print(_markdown(out, f"**Step {number}:** {step}"))
        out.print("[bold]Final answer:[/bold]")
        if shown.answer is None:
            out.print("  (not in this locked bank; your teacher has it)")
        elif shown.verbatim:
            lexer = "python" if exercise.kind.answer == "code" else "text"
            out.print(Syntax(shown.answer.rstrip("\n"), lexer, theme="ansi_dark"))
        else:
            out.print(_markdown(out, shown.answer))
        if shown.mistakes:
            out.print("[bold]Common mistakes:[/bold]")
            for mistake in shown.mistakes:
                out.print(Padding(Text(f"• {mistake}"), (0, 0, 0, 2)))


def when_text(moment: datetime) -> str:
    """`in 10 minutes`, `in 3 days`, `now`."""
    seconds = (moment - now()).total_seconds()
    if seconds <= 0:
        return "now"
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            count = round(seconds / size)
            return f"in {count} {unit}{'s' if count != 1 else ''}"
    return "in less than a minute"


def _markdown(out: Console, text: str) -> Any:
    return Markdown(text) if out.is_terminal else text


def _rating_choices() -> list[Any]:
    import questionary

    return [questionary.Choice(name, value=name, shortcut_key=name[0].lower()) for name in RATINGS]


def _prompt(kind: str, message: str, **options: Any) -> Any:
    """Ask with questionary; Ctrl-C raises KeyboardInterrupt (the caller keeps progress)."""
    import questionary

    if kind == "select":
        options.setdefault("use_shortcuts", True)
    if kind == "press_any_key_to_continue":
        return questionary.press_any_key_to_continue(message, **options).unsafe_ask()
    return getattr(questionary, kind)(message, **options).unsafe_ask()
