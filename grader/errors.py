"""The grader's own errors: one root, each with the exit code the CLI uses.

Learner failures are never exceptions (they are `Verdict`s); these are for bad specs,
bad usage and broken infrastructure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


class GraderError(Exception):
    """Root of the grader's own errors. `exit_code` is what the CLI exits with."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def format(self) -> str:
        return f"error: {self.message}"


class UsageError(GraderError):
    """The command was called wrongly (a missing file, a bad option value)."""


class SubmissionFileError(UsageError):
    """A file given on the command line cannot be read as a submission."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a spec: where it is and what to do."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"


class SpecError(GraderError):
    """An exercise spec is invalid; carries every problem found, not just the first."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(sorted(set(problems)))
        count = len(self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in exercise specs")

    def format(self) -> str:
        lines = [str(problem) for problem in self.problems]
        lines.append(f"error: {self.message}")
        return "\n".join(lines)


class InvalidExercises(SpecError):
    """Exercises that load but fail validation, refused for grading unless allowed."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__(problems)
        self.message += (
            " (they would grade wrongly): fix them, see `grader validate`, "
            "or pass --allow-invalid to grade anyway"
        )


class ExerciseNotFound(UsageError):
    pass


class BrokenExercise(GraderError):
    """An exercise that loads but cannot be graded (its reference code fails, say)."""

    def __init__(self, exercise: str, reason: str) -> None:
        super().__init__(f"exercise '{exercise}' is broken: {reason}; run `grader validate` on it")


class InfrastructureError(GraderError):
    """The grader could not do its job (the sandbox died, the store is unwritable)."""

    exit_code = 3


class StoreError(InfrastructureError):
    """The grades store cannot be opened, read or written (not a database, disk full...)."""
