"""explain: a free-text answer graded against a rubric of concepts.

A concept counts as covered when the answer uses one of its keywords (matched as word
stems), one of its synonym phrases, or matches one of its regexes. The score is the
fraction covered. Hints name the missing ideas in the instructor's words, never the
keywords themselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar

from grader.exercise import Exercise
from grader.kinds import register
from grader.kinds.base import Kind, Presentation, SpecReader
from grader.runner import Runner
from grader.submission import Submission
from grader.verdict import Check, Status, Verdict, ordered_hints

_WORD = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*")


@dataclass(frozen=True)
class Concept:
    name: str
    hint: str
    keywords: tuple[str, ...] = ()
    synonyms: tuple[str, ...] = ()
    patterns: tuple[re.Pattern[str], ...] = ()

    def covered_by(self, words: list[str], text: str) -> bool:
        if any(word.startswith(stem) for stem in self.keywords for word in words):
            return True
        if any(f" {phrase} " in text for phrase in self.synonyms):
            return True
        return any(pattern.search(text) for pattern in self.patterns)


@dataclass(frozen=True)
class Body:
    concepts: tuple[Concept, ...]
    pass_fraction: float = 0.75
    min_words: int = 5


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _phrase(text: str) -> str:
    return " ".join(_words(text))


class Explain(Kind):
    name = "explain"
    answer = "text"
    summary = "Explain in your own words; scored by the concepts you cover."
    properties: ClassVar[dict[str, Any]] = {
        "concepts": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "properties": {
                    "name": {"type": "string", "minLength": 1},
                    "hint": {
                        "type": "string",
                        "minLength": 1,
                        "description": "Names the idea; never the keywords.",
                    },
                    "keywords": {"type": "array", "items": {"type": "string", "minLength": 2}},
                    "synonyms": {"type": "array", "items": {"type": "string", "minLength": 2}},
                    "patterns": {"type": "array", "items": {"type": "string", "minLength": 1}},
                },
                "required": ["name", "hint"],
                "additionalProperties": False,
            },
        },
        "pass_fraction": {"type": "number", "exclusiveMinimum": 0, "maximum": 1, "default": 0.75},
        "min_words": {"type": "integer", "minimum": 1, "default": 5},
    }
    required = ("concepts",)

    def parse(self, spec: SpecReader) -> Body:
        data = spec.data
        concepts = []
        for index, item in enumerate(data["concepts"]):
            path = ("concepts", index)
            patterns = tuple(
                p
                for j, raw in enumerate(item.get("patterns", []))
                if (p := spec.regex((*path, "patterns", j), f"(?i){raw}")) is not None
            )
            keywords = tuple(k.casefold() for k in item.get("keywords", []))
            synonyms = tuple(_phrase(s) for s in item.get("synonyms", []))
            if not (keywords or synonyms or patterns):
                spec.problem(path, "give at least one of keywords, synonyms or patterns")
            leaked = [k for k in keywords if k in item["hint"].casefold()]
            if leaked:
                spec.problem(
                    (*path, "hint"), f"gives away the keyword '{leaked[0]}'; name the idea instead"
                )
            concepts.append(Concept(item["name"], item["hint"], keywords, synonyms, patterns))
        return Body(
            tuple(concepts), float(data.get("pass_fraction", 0.75)), int(data.get("min_words", 5))
        )

    def grade(self, exercise: Exercise, submission: Submission, runner: Runner) -> Verdict:
        body: Body = exercise.body
        words = _words(submission.text or "")
        text = f" {' '.join(words)} "
        each = exercise.points / len(body.concepts)
        checks = tuple(
            Check.make(
                concept.name,
                ok,
                points=each if ok else 0.0,
                max_points=each,
                message="covered" if ok else "not covered yet",
                hint=None if ok else concept.hint,
            )
            for concept in body.concepts
            for ok in [concept.covered_by(words, text)]
        )
        covered = sum(1 for c in checks if c.passed)
        total = len(checks)
        message = f"You covered {covered} of {total} concepts."
        if len(words) < body.min_words:
            message += f" Write at least {body.min_words} words."
        passed = covered / total >= body.pass_fraction and len(words) >= body.min_words
        status = Status.PASSED if passed else Status.WRONG_ANSWER
        hints = ordered_hints(
            [c.hint for c in checks if not c.passed], None if passed else exercise.hint
        )
        score = each * covered
        return Verdict(
            exercise.id, exercise.kind, status, score, exercise.points, message, checks, hints
        )

    def present(self, exercise: Exercise) -> Presentation:
        body: Body = exercise.body
        count = len(body.concepts)
        return Presentation(
            notes=(f"Scored by the number of key ideas you cover ({count} in all).",)
        )


register(Explain())
