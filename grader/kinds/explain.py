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

from grader.digests import DIGEST_LIST, salted
from grader.exercise import Exercise
from grader.grading import verdict_for
from grader.kinds import register
from grader.kinds.base import Kind, Presentation, SpecReader, pattern_search
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
    keyword_digests: frozenset[str] = frozenset()
    """Locked: digests of the keywords and synonyms, in place of the words themselves."""
    synonym_digests: frozenset[str] = frozenset()

    def covered_by(self, answer: Answer) -> bool:
        words, text = answer.words, answer.text
        if any(word.startswith(stem) for stem in self.keywords for word in words):
            return True
        if any(f" {phrase} " in text for phrase in self.synonyms):
            return True
        if (
            self.keyword_digests & answer.prefix_digests
            or self.synonym_digests & answer.phrase_digests
        ):
            return True
        return any(pattern_search(pattern, text) for pattern in self.patterns)


MAX_PHRASE_WORDS = 8


@dataclass(frozen=True)
class Answer:
    """A learner's text as words, and (for locked rubrics) digests of its prefixes/phrases."""

    words: list[str]
    text: str
    prefix_digests: frozenset[str] = frozenset()
    phrase_digests: frozenset[str] = frozenset()

    @classmethod
    def of(cls, text: str, salt: str | None) -> Answer:
        words = _words(text)
        if salt is None:
            return cls(words, f" {' '.join(words)} ")
        prefixes = {salted(salt, w[:n]) for w in words for n in range(2, len(w) + 1)}
        phrases = {
            salted(salt, " ".join(words[i : i + n]))
            for n in range(1, MAX_PHRASE_WORDS + 1)
            for i in range(len(words) - n + 1)
        }
        return cls(words, f" {' '.join(words)} ", frozenset(prefixes), frozenset(phrases))


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
                    "keywords_sha256": DIGEST_LIST,
                    "synonyms_sha256": DIGEST_LIST,
                },
                "required": ["name", "hint"],
                "additionalProperties": False,
            },
        },
        "pass_fraction": {"type": "number", "exclusiveMinimum": 0, "maximum": 1, "default": 0.75},
        "min_words": {"type": "integer", "minimum": 1, "default": 5},
    }
    required = ("concepts",)
    template = """\
# Each concept counts when the answer uses a keyword stem, a synonym phrase or a pattern.
# Hints name the idea without its keywords.
concepts:
  - name: TODO
    hint: "TODO: a question that points at the idea"
    keywords: [TODO]
  - name: TODO
    hint: "TODO: a question that points at the idea"
    keywords: [TODO]
pass_fraction: 0.75
min_words: 10
"""

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
            if not (
                keywords
                or synonyms
                or item.get("patterns")  # a refused pattern has its own problem
                or "keywords_sha256" in item
                or "synonyms_sha256" in item
            ):
                spec.problem(path, "give at least one of keywords, synonyms or patterns")
            hint_words = _words(item["hint"])
            leaked = [k for k in keywords if any(word.startswith(k) for word in hint_words)]
            for j, keyword in enumerate(keywords):
                if len(keyword) < 3:
                    spec.problem(
                        (*path, "keywords", j),
                        f"'{keyword}' is too short: it also matches inside other words; "
                        "use a synonym phrase or a pattern",
                    )
            if leaked:
                spec.problem(
                    (*path, "hint"), f"gives away the keyword '{leaked[0]}'; name the idea instead"
                )
            locked = (
                frozenset(item.get(f"{field}_sha256", ())) for field in ("keywords", "synonyms")
            )
            concepts.append(
                Concept(item["name"], item["hint"], keywords, synonyms, patterns, *locked)
            )
        return Body(
            tuple(concepts), float(data.get("pass_fraction", 0.75)), int(data.get("min_words", 5))
        )

    def grade(self, exercise: Exercise, submission: Submission, runner: Runner) -> Verdict:
        body: Body = exercise.body
        answer = Answer.of(submission.text or "", exercise.lock_salt)
        words = answer.words
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
            for ok in [concept.covered_by(answer)]
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
        return verdict_for(exercise, status, score, message, checks, hints)

    def lock(
        self, exercise: Exercise, data: dict[str, Any], salt: str, runner: Runner
    ) -> tuple[dict[str, Any], list[str]]:
        body: Body = exercise.body
        concepts = [dict(item) for item in data["concepts"]]
        warnings = []
        for index, (item, concept) in enumerate(zip(concepts, body.concepts, strict=True)):
            for field, values in (("keywords", concept.keywords), ("synonyms", concept.synonyms)):
                if item.pop(field, None) is not None:
                    item[f"{field}_sha256"] = sorted(salted(salt, value) for value in values)
            if "patterns" in item:
                warnings.append(f"concepts[{index}].patterns cannot be hashed and stay readable")
        data["concepts"] = concepts
        return data, warnings

    def present(self, exercise: Exercise) -> Presentation:
        body: Body = exercise.body
        count = len(body.concepts)
        return Presentation(
            notes=(f"Scored by the number of key ideas you cover ({count} in all).",)
        )


register(Explain())
