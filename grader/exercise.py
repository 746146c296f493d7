"""A validated exercise and the kind that grades it.

They refer to each other (an exercise has a kind; a kind grades exercises of its own
body type), so they live in one module, below everything that uses them.
"""

from __future__ import annotations

import abc
import enum
from dataclasses import dataclass, field
from typing import Any, ClassVar, Generic, TypeVar

from grader.runner import Runner
from grader.spec.raw import PathKey, RawSpec
from grader.spec.reader import SpecReader
from grader.spec.samples import Sample
from grader.submission import Submission
from grader.toolkit.rules import Rules
from grader.verdict import Verdict
from sandbox.limits import Limits

__all__ = [
    "AnyExercise",
    "Difficulty",
    "Exercise",
    "FieldProblems",
    "Fill",
    "Kind",
    "Presentation",
    "Reveal",
]

B = TypeVar("B")

FieldProblems = list[tuple[PathKey, str]]
"""Problems found by running an exercise, each as (field path, message)."""


@dataclass(frozen=True)
class Fill:
    """A value computed from an exercise's reference, for `grader fill` to show: set
    `fields` in the mapping at `path` (dropping the `remove` fields, and inserting new
    fields after `after` when given), or only a `note` on what it could not compute."""

    path: PathKey
    fields: dict[str, Any] = field(default_factory=dict)
    remove: tuple[str, ...] = ()
    after: str | None = None
    note: str | None = None


class Difficulty(enum.StrEnum):
    """Questions are easy, medium or hard; recall cards are beginner or intermediate."""

    EASY = "easy"
    MEDIUM = "medium"
    HARD = "hard"
    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"

    @property
    def rank(self) -> int:
        """Its place in the order of declaration: easy, medium, hard, beginner, intermediate."""
        return list(Difficulty).index(self)


QUESTION_LEVELS = (Difficulty.EASY, Difficulty.MEDIUM, Difficulty.HARD)


@dataclass(frozen=True)
class Presentation:
    """What `grader show` may print: never answers, hidden cases or reference code."""

    code: str | None = None
    starter: str | None = None
    options: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reveal:
    """What a learner may see once done with an exercise (passed, or gave up): the final
    answer and the common mistakes. `grader show` never prints it; practice does."""

    answer: str | None = None
    """The final answer; None when it is not known (a locked bank)."""
    verbatim: bool = False
    """Whether the answer is code or output, to show as it is."""
    mistakes: tuple[str, ...] = ()


class Kind(abc.ABC, Generic[B]):
    """One exercise kind: its YAML fields, how to read them into a `B`, and how to grade."""

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
    difficulties: ClassVar[tuple[Difficulty, ...]] = QUESTION_LEVELS
    """The difficulty labels the kind's exercises use."""
    derived: ClassVar[tuple[str, ...]] = ()
    """Common required fields the kind's exercises may leave out; `derive()` fills them."""

    def derive(self, data: dict[str, Any]) -> dict[str, Any]:
        """Values for the `derived` common fields, from the kind's own (schema-valid) data."""
        return {}

    @abc.abstractmethod
    def parse(self, spec: SpecReader) -> B:
        """The kind's frozen body, from schema-valid data; semantic problems go to `spec`."""

    @abc.abstractmethod
    def grade(self, exercise: Exercise[B], submission: Submission, runner: Runner) -> Verdict:
        """Grade a valid submission. Never raises for anything the learner did."""

    @abc.abstractmethod
    def present(self, exercise: Exercise[B]) -> Presentation:
        """What a learner may see besides the prompt."""

    def check(self, exercise: Exercise[B], runner: Runner) -> FieldProblems:
        """Behavioural problems (the reference really works...), as (field path, message)."""
        return []

    def reveal(self, exercise: Exercise[B], runner: Runner) -> Reveal:
        """The final answer and the common mistakes (for practice, after the learner is
        done). Never used to grade."""
        return Reveal()

    def advice(self, exercise: Exercise[B]) -> FieldProblems:
        """Warnings for the instructor, found by reading: valid, but likely to misgrade."""
        return []

    def evidence(self, exercise: Exercise[B], submission: Submission) -> tuple[str, ...]:
        """For instructors (never learners): how the answer was read, line by line."""
        return ()

    def fill(self, exercise: Exercise[B], runner: Runner) -> list[Fill]:
        """Expected values computed from the reference (for `grader fill` to show), where
        the spec's are missing or differ; none by default."""
        return []

    @abc.abstractmethod
    def lock(
        self, exercise: Exercise[B], data: dict[str, Any], salt: str, runner: Runner
    ) -> tuple[dict[str, Any], list[str]]:
        """The spec data with answers replaced by salted digests, and warnings."""


@dataclass(frozen=True)
class Exercise(Generic[B]):
    """Common fields, the kind's own `body`, the kind itself and the spec it was read from."""

    id: str
    kind: Kind[B]
    title: str
    topic: str
    difficulty: Difficulty | None
    """None for a recall card that states no level."""
    prompt: str
    hint: str
    solution: tuple[str, ...]
    body: B
    """The kind's own fields, as the kind's frozen dataclass."""
    raw: RawSpec = field(repr=False, compare=False)
    """The spec as read: its text, data, the line of every field and its digest (not
    compared: the fields above are what the spec says)."""
    points: float = 1.0
    tags: tuple[str, ...] = ()
    limits: Limits = field(default_factory=Limits)
    rules: Rules = field(default_factory=Rules)
    """`requires` and `forbids`: rules on the solution's code, checked before it runs."""
    samples: tuple[Sample, ...] = ()
    """Sample submissions and the verdicts they must get (`grader validate` runs them)."""

    @property
    def file(self) -> str:
        return self.raw.file

    @property
    def locked(self) -> bool:
        """Whether answers are stored as salted digests (see `grader lock`)."""
        return "lock" in self.raw.data

    def summary(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind.name,
            "title": self.title,
            "topic": self.topic,
            "difficulty": self.difficulty.value if self.difficulty else None,
        }


AnyExercise = Exercise[Any]
"""An exercise of any kind, as banks, batches and reports hold them."""
