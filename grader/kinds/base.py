"""What every exercise kind provides."""

from __future__ import annotations

import abc
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from grader.errors import Problem
from grader.spec.raw import PathKey, RawSpec
from grader.spec.regexes import backtracking_risk

if TYPE_CHECKING:
    from grader.exercise import Exercise
    from grader.runner import Runner
    from grader.submission import Submission
    from grader.verdict import Verdict


@dataclass
class SpecReader:
    """The raw spec of one exercise, plus the problems found while reading it."""

    raw: RawSpec
    problems: list[Problem] = field(default_factory=list)

    @property
    def data(self) -> dict[str, Any]:
        return self.raw.data

    def problem(self, path: PathKey, message: str) -> None:
        self.problems.append(self.raw.problem(path, message))

    def regex(self, path: PathKey, pattern: str) -> re.Pattern[str] | None:
        """`pattern` compiled; None, with a problem, when invalid or prone to hang grading."""
        try:
            compiled = re.compile(pattern)
        except (re.error, RecursionError, OverflowError) as exc:
            self.problem(path, f"not a valid regular expression ({exc})")
            return None
        risk = backtracking_risk(pattern)
        if risk is not None:
            self.problem(path, risk)
            return None
        return compiled


MAX_PATTERN_INPUT = 2000
"""Characters of a learner's answer that an instructor's regex is matched against.

Answers are bounded to 1 MB, but even a pattern without nested quantifiers can take
polynomial time: `\\w+\\s*\\w+!` needs half a second on 1,000 characters and most of a
minute on 4,000.
"""


def pattern_search(pattern: re.Pattern[str], text: str) -> bool:
    """Whether `pattern` matches in the first `MAX_PATTERN_INPUT` characters of `text`."""
    return pattern.search(text, 0, MAX_PATTERN_INPUT) is not None


@dataclass(frozen=True)
class Presentation:
    """What `grader show` may print: never answers, hidden cases or reference code."""

    code: str | None = None
    starter: str | None = None
    options: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


class Kind(abc.ABC):
    """One exercise kind: its YAML fields, how to read them, and how to grade."""

    name: ClassVar[str]
    answer: ClassVar[str]
    """'code' when learners submit a .py file, 'text' for a typed answer."""
    summary: ClassVar[str]
    properties: ClassVar[dict[str, Any]]
    """JSON Schema of the kind's own fields."""
    required: ClassVar[tuple[str, ...]]
    template: ClassVar[str]
    """The kind's fields for `grader new`, commented, with TODO placeholders."""
    empty_answer_hint: ClassVar[str | None] = None
    """Shown when a learner submits an empty answer."""

    @abc.abstractmethod
    def parse(self, spec: SpecReader) -> Any:
        """The kind's frozen body, from schema-valid data; semantic problems go to `spec`."""

    @abc.abstractmethod
    def grade(self, exercise: Exercise, submission: Submission, runner: Runner) -> Verdict:
        """Grade a valid submission. Never raises for anything the learner did."""

    @abc.abstractmethod
    def present(self, exercise: Exercise) -> Presentation:
        """What a learner may see besides the prompt."""

    def check(self, exercise: Exercise, runner: Runner) -> list[tuple[PathKey, str]]:
        """Behavioural problems (the reference really works...), as (field path, message)."""
        return []

    @abc.abstractmethod
    def lock(
        self, exercise: Exercise, data: dict[str, Any], salt: str, runner: Runner
    ) -> tuple[dict[str, Any], list[str]]:
        """The spec data with answers replaced by salted digests, and warnings."""
