"""explain: a free-text answer graded against a rubric of concepts.

A concept counts as covered when the answer uses one of its keywords (matched as word
stems), one of its synonym phrases, or matches one of its regexes. The score is the
fraction covered. Hints name the missing ideas in the instructor's words, never the
keywords themselves.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

from grader.digests import DIGEST_LIST, salted
from grader.exercise import Exercise, Kind, Presentation, Reveal
from grader.runner import Runner
from grader.spec.raw import PathKey
from grader.spec.reader import SpecReader
from grader.submission import Submission
from grader.toolkit.expected import DigestMemo, Expected
from grader.toolkit.patterns import pattern_search
from grader.toolkit.verdicts import VerdictBuilder
from grader.verdict import Check, Verdict

_WORD = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*")
MAX_PHRASE_WORDS = 8


class Answer(DigestMemo):
    """A learner's text as words, and as the text those words make. Locked keywords and
    synonyms are matched by the digests of its prefixes and phrases, made once."""

    def __init__(self, words: tuple[str, ...]) -> None:
        super().__init__()
        self.words = words
        self.text = f" {' '.join(words)} "
        """The words joined by single spaces, with a space at each end."""

    @classmethod
    def of(cls, text: str) -> Answer:
        return cls(tuple(_words(text)))

    def prefixes(self) -> Iterator[str]:
        """Every beginning of every word, from two letters on (what a stem can be)."""
        return (word[:n] for word in self.words for n in range(2, len(word) + 1))

    def phrases(self) -> Iterator[str]:
        """Every run of up to `MAX_PHRASE_WORDS` words (what a synonym can be)."""
        words = self.words
        return (
            " ".join(words[i : i + n])
            for n in range(1, MAX_PHRASE_WORDS + 1)
            for i in range(len(words) - n + 1)
        )


@dataclass(frozen=True)
class Stems(Expected[Answer]):
    """Keywords matched as word stems: `automat` matches automation and automated."""

    stems: tuple[str, ...]

    def matches(self, candidate: Answer) -> bool:
        return any(word.startswith(stem) for stem in self.stems for word in candidate.words)


@dataclass(frozen=True)
class Phrases(Expected[Answer]):
    """Synonyms matched as whole phrases."""

    phrases: tuple[str, ...]

    def matches(self, candidate: Answer) -> bool:
        return any(f" {phrase} " in candidate.text for phrase in self.phrases)


@dataclass(frozen=True)
class Concept:
    name: str
    hint: str
    terms: tuple[Expected[Answer], ...] = ()
    """Its keywords and synonyms (locked: known by their digests)."""
    patterns: tuple[re.Pattern[str], ...] = ()

    def covered_by(self, answer: Answer) -> bool:
        if any(term.matches(answer) for term in self.terms):
            return True
        return any(pattern_search(pattern, answer.text) for pattern in self.patterns)


@dataclass(frozen=True)
class Body:
    concepts: tuple[Concept, ...]
    pass_fraction: float = 0.75
    min_words: int = 5


def _words(text: str) -> list[str]:
    found: list[str] = _WORD.findall(text.casefold())
    return found


def _phrase(text: str) -> str:
    return " ".join(_words(text))


def _stems_of(item: dict[str, Any]) -> tuple[str, ...]:
    return tuple(k.casefold() for k in item.get("keywords", []))


def _phrases_of(item: dict[str, Any]) -> tuple[str, ...]:
    return tuple(_phrase(s) for s in item.get("synonyms", []))


def _terms(spec: SpecReader, item: dict[str, Any], path: PathKey) -> tuple[Expected[Answer], ...]:
    """The concept's keywords and synonyms, plain or as digests, in the order they are tried."""
    terms: list[Expected[Answer]] = []
    if stems := _stems_of(item):
        terms.append(Stems(stems))
    if phrases := _phrases_of(item):
        terms.append(Phrases(phrases))
    if "keywords_sha256" in item:
        terms.append(
            spec.salted((*path, "keywords_sha256"), item["keywords_sha256"], Answer.prefixes)
        )
    if "synonyms_sha256" in item:
        terms.append(
            spec.salted((*path, "synonyms_sha256"), item["synonyms_sha256"], Answer.phrases)
        )
    return tuple(terms)


class Explain(Kind[Body]):
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
            keywords = _stems_of(item)
            if not (
                keywords
                or _phrases_of(item)
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
            concepts.append(Concept(item["name"], item["hint"], _terms(spec, item, path), patterns))
        return Body(
            tuple(concepts), float(data.get("pass_fraction", 0.75)), int(data.get("min_words", 5))
        )

    def grade(self, exercise: Exercise[Body], submission: Submission, runner: Runner) -> Verdict:
        body = exercise.body
        answer = Answer.of(submission.text or "")
        each = exercise.points / len(body.concepts)
        builder = VerdictBuilder(exercise)
        for concept in body.concepts:
            ok = concept.covered_by(answer)
            builder.add(
                Check.make(
                    concept.name,
                    ok,
                    points=each if ok else 0.0,
                    max_points=each,
                    message="covered" if ok else "not covered yet",
                    hint=None if ok else concept.hint,
                )
            )
        covered = sum(1 for c in builder.checks if c.passed)
        total = len(body.concepts)
        builder.credit(covered, total, pass_at=body.pass_fraction)
        message = f"You covered {covered} of {total} concepts."
        if len(answer.words) < body.min_words:
            builder.fail()
            message += f" Write at least {body.min_words} words."
        return builder.verdict(message)

    def lock(
        self, exercise: Exercise[Body], data: dict[str, Any], salt: str, runner: Runner
    ) -> tuple[dict[str, Any], list[str]]:
        concepts = [dict(item) for item in data["concepts"]]
        warnings = []
        for index, item in enumerate(concepts):
            words = (("keywords", _stems_of(item)), ("synonyms", _phrases_of(item)))
            for field, values in words:
                if item.pop(field, None) is not None:
                    item[f"{field}_sha256"] = sorted(salted(salt, value) for value in values)
            if "patterns" in item:
                warnings.append(f"concepts[{index}].patterns cannot be hashed and stay readable")
        data["concepts"] = concepts
        return data, warnings

    def present(self, exercise: Exercise[Body]) -> Presentation:
        count = len(exercise.body.concepts)
        return Presentation(
            notes=(f"Scored by the number of key ideas you cover ({count} in all).",)
        )

    def reveal(self, exercise: Exercise[Body], runner: Runner) -> Reveal:
        concepts = exercise.body.concepts
        answer = "A full answer covers: " + ", ".join(c.name for c in concepts) + "."
        return Reveal(
            answer=answer, mistakes=tuple(f"Leaving out {c.name}: {c.hint}" for c in concepts)
        )


KIND = Explain()
