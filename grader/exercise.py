"""A validated exercise: common fields plus the kind's own body."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

from sandbox.limits import Limits


class Difficulty(enum.StrEnum):
    EASY = "easy"
    MEDIUM = "medium"
    HARD = "hard"


@dataclass(frozen=True)
class Exercise:
    id: str
    kind: str
    title: str
    topic: str
    difficulty: Difficulty
    prompt: str
    hint: str
    solution: tuple[str, ...]
    body: Any
    """The kind's own fields, as the kind's frozen dataclass."""
    points: float = 1.0
    tags: tuple[str, ...] = ()
    limits: Limits = field(default_factory=Limits)
    file: str = ""
    lock_salt: str | None = None
    """Set when answers are stored as salted hashes (see `grader lock`)."""

    @property
    def locked(self) -> bool:
        return self.lock_salt is not None

    def summary(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "title": self.title,
            "topic": self.topic,
            "difficulty": self.difficulty.value,
        }
