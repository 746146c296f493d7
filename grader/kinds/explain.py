"""explain: a free-text answer graded against a rubric of concepts.

The answer is read as prose (`grader.toolkit.prose`): words with their lemmas, symbols,
clauses and negation. A concept is covered when one of its terms (keyword stems, synonym
phrases, patterns; `grader.toolkit.terms`) is found outside a negation, and none of the
exercise's `misconceptions` about it is stated. An answer that is a list of words, or
shorter than `min_words`, earns nothing. The score is the fraction of concepts covered.
Hints name the missing ideas in the instructor's words, never the keywords themselves.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, ClassVar, NamedTuple

from grader.digests import DIGEST_LIST, salted
from grader.exercise import Exercise, FieldProblems, Kind, Presentation, Reveal
from grader.runner import Runner
from grader.spec.raw import PathKey
from grader.spec.reader import SpecReader
from grader.submission import Submission
from grader.toolkit.expected import Salted
from grader.toolkit.prose import FUNCTION_WORDS, ListSignals, Prose
from grader.toolkit.terms import (
    MAX_PHRASE_WORDS,
    SHORT_STEM,
    Hit,
    LockedPhrases,
    LockedStems,
    Patterns,
    Phrases,
    Stems,
    Terms,
    canonical_phrase,
    stem_digests,
)
from grader.toolkit.verdicts import VerdictBuilder
from grader.verdict import Check, Verdict

SENTENCES_HINT = (
    "Write your explanation in sentences: say how the ideas connect and why, "
    "not just a list of words."
)


@dataclass(frozen=True)
class Concept:
    name: str
    hint: str
    terms: tuple[Terms, ...] = ()
    """Its keywords, synonyms and patterns (locked: keywords and synonyms by digests)."""
    required: bool = False
    """The prompt asks for it: without it the answer does not pass."""


@dataclass(frozen=True)
class Misconception:
    """A wrong statement about a concept: when stated, the concept is not covered."""

    concept: str
    hint: str
    patterns: Patterns


@dataclass(frozen=True)
class Body:
    concepts: tuple[Concept, ...]
    pass_fraction: float = 0.75
    min_words: int = 5
    misconceptions: tuple[Misconception, ...] = ()


class Reading(NamedTuple):
    """How one concept was found in an answer."""

    concept: Concept
    hits: tuple[Hit, ...]
    wrong: tuple[tuple[Misconception, Hit], ...]
    covered: bool
    """Found outside a negation, and not stated wrongly."""

    @classmethod
    def of(
        cls, concept: Concept, hits: tuple[Hit, ...], wrong: tuple[tuple[Misconception, Hit], ...]
    ) -> Reading:
        return cls(concept, hits, wrong, not wrong and any(h.negated_by is None for h in hits))

    @property
    def state(self) -> str:
        if self.wrong:
            return "stated wrongly"
        if self.covered:
            return "covered"
        if self.hits:
            return f"mentioned only in a negation ('{self.hits[0].negated_by}')"
        return "not covered yet"


def read(body: Body, prose: Prose, *, every_hit: bool = False) -> tuple[Reading, ...]:
    """Each concept's hits and stated misconceptions in `prose`. Unless `every_hit`, a
    concept's hits stop at the first one outside a negation, which decides it."""
    wrong: dict[str, list[tuple[Misconception, Hit]]] = {}
    for misconception in body.misconceptions:
        for hit in misconception.patterns.hits(prose):
            if hit.negated_by is None:
                wrong.setdefault(misconception.concept, []).append((misconception, hit))
                break
    return tuple(
        Reading.of(concept, _hits(concept, prose, every_hit), tuple(wrong.get(concept.name, ())))
        for concept in body.concepts
    )


def _hits(concept: Concept, prose: Prose, every_hit: bool) -> tuple[Hit, ...]:
    found = []
    for terms in concept.terms:
        for hit in terms.hits(prose):
            found.append(hit)
            if hit.negated_by is None and not every_hit:
                return tuple(found)
    return tuple(found)


def _stems_of(item: dict[str, Any]) -> tuple[str, ...]:
    return tuple(k.casefold() for k in item.get("keywords", []))


def _terms(spec: SpecReader, item: dict[str, Any], path: PathKey) -> tuple[Terms, ...]:
    """The concept's terms, plain or as digests, in the order they are tried."""
    terms: list[Terms] = []
    if stems := _stems_of(item):
        terms.append(Stems(stems))
    if synonyms := tuple(item.get("synonyms", [])):
        terms.append(Phrases(synonyms))
    for field, locked in (("keywords_sha256", LockedStems), ("synonyms_sha256", LockedPhrases)):
        if field in item:
            known: Salted[str] = spec.salted((*path, field), item[field])
            terms.append(locked(known.salt, known.digests))
    if patterns := _patterns(spec, item, path):
        terms.append(Patterns(patterns))
    return tuple(terms)


def _patterns(spec: SpecReader, item: dict[str, Any], path: PathKey) -> tuple[re.Pattern[str], ...]:
    return tuple(
        p
        for j, raw in enumerate(item.get("patterns", []))
        if (p := spec.regex((*path, "patterns", j), _caseless(raw))) is not None
    )


def _caseless(raw: str) -> str:
    """`raw` matching whatever the case. Prose is case-folded, so a pattern all in ASCII
    lowercase already does (and runs twice as fast without `(?i)`)."""
    return raw if raw.isascii() and raw == raw.lower() else f"(?i){raw}"


def _check_concept(spec: SpecReader, item: dict[str, Any], path: PathKey) -> None:
    keywords = _stems_of(item)
    if not (
        keywords
        or item.get("synonyms")
        or item.get("patterns")  # a refused pattern has its own problem
        or "keywords_sha256" in item
        or "synonyms_sha256" in item
    ):
        spec.problem(path, "give at least one of keywords, synonyms or patterns")
    for j, keyword in enumerate(keywords):
        if len(keyword) < 3:
            spec.problem(
                (*path, "keywords", j),
                f"'{keyword}' is too short to tell a concept by (fewer than 3 letters); "
                "use a synonym phrase or a pattern",
            )
    for j, synonym in enumerate(item.get("synonyms", [])):
        if len(synonym.split()) > MAX_PHRASE_WORDS:
            spec.problem(
                (*path, "synonyms", j), f"has more than {MAX_PHRASE_WORDS} words; shorten it"
            )
    hint_words = re.findall(r"[a-z0-9_]+", item["hint"].casefold())
    leaked = [k for k in keywords if any(word.startswith(k) for word in hint_words)]
    if leaked:
        spec.problem(
            (*path, "hint"), f"gives away the keyword '{leaked[0]}'; name the idea instead"
        )


def _misconceptions(spec: SpecReader, names: set[str]) -> tuple[Misconception, ...]:
    found = []
    for index, item in enumerate(spec.data.get("misconceptions", [])):
        path = ("misconceptions", index)
        if item["concept"] not in names:
            spec.problem((*path, "concept"), f"no concept is named '{item['concept']}'")
        patterns = _patterns(spec, item, path)
        found.append(Misconception(item["concept"], item["hint"], Patterns(patterns)))
    return tuple(found)


_TERM_ITEMS = {"type": "array", "items": {"type": "string", "minLength": 2}}


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
                    "required": {
                        "type": "boolean",
                        "default": False,
                        "description": "The prompt asks for it: no pass without it.",
                    },
                    "hint": {
                        "type": "string",
                        "minLength": 1,
                        "description": "Names the idea; never the keywords.",
                    },
                    "keywords": _TERM_ITEMS,
                    "synonyms": _TERM_ITEMS,
                    "patterns": {"type": "array", "items": {"type": "string", "minLength": 1}},
                    "keywords_sha256": DIGEST_LIST,
                    "synonyms_sha256": DIGEST_LIST,
                },
                "required": ["name", "hint"],
                "additionalProperties": False,
            },
        },
        "misconceptions": {
            "type": "array",
            "description": "Wrong statements: the concept they are about is then not covered.",
            "items": {
                "type": "object",
                "properties": {
                    "concept": {"type": "string", "minLength": 1},
                    "patterns": {
                        "type": "array",
                        "minItems": 1,
                        "items": {"type": "string", "minLength": 1},
                    },
                    "hint": {"type": "string", "minLength": 1},
                },
                "required": ["concept", "patterns", "hint"],
                "additionalProperties": False,
            },
        },
        "pass_fraction": {"type": "number", "exclusiveMinimum": 0, "maximum": 1, "default": 0.75},
        "min_words": {"type": "integer", "minimum": 1, "default": 5},
    }
    required = ("concepts",)
    template = """\
# Each concept counts when the answer uses a keyword stem, a synonym phrase or a pattern,
# outside a negation. Hints name the idea without its keywords.
concepts:
  - name: TODO
    hint: "TODO: a question that points at the idea"
    keywords: [TODO]
  - name: TODO
    hint: "TODO: a question that points at the idea"
    keywords: [TODO]
# Wrong statements learners make: the concept is then not covered, and the hint is shown.
misconceptions:
  - concept: TODO
    patterns: ["TODO: a regex on the answer's words"]
    hint: "TODO: what is wrong with that statement"
pass_fraction: 0.75
min_words: 10
"""

    def parse(self, spec: SpecReader) -> Body:
        data = spec.data
        concepts = []
        for index, item in enumerate(data["concepts"]):
            path = ("concepts", index)
            _check_concept(spec, item, path)
            terms = _terms(spec, item, path)
            required = bool(item.get("required", False))
            concepts.append(Concept(item["name"], item["hint"], terms, required))
        names = {c.name for c in concepts}
        for index, concept in enumerate(concepts):
            if [c.name for c in concepts].index(concept.name) != index:
                spec.problem(("concepts", index, "name"), "another concept has this name")
        return Body(
            tuple(concepts),
            float(data.get("pass_fraction", 0.75)),
            int(data.get("min_words", 5)),
            _misconceptions(spec, names),
        )

    def grade(self, exercise: Exercise[Body], submission: Submission, runner: Runner) -> Verdict:
        body = exercise.body
        prose = Prose(submission.text or "")
        builder = VerdictBuilder(exercise)
        each = exercise.points / len(body.concepts)
        total = len(body.concepts)
        if prose.list_like():
            return _list_verdict(builder, body, each)
        words = len(prose.words)
        short = words < body.min_words
        readings = read(body, prose)
        for reading in readings:
            builder.add(_concept_check(reading, each, scored=not short))
        for reading in readings:
            builder.hint(*(m.hint for m, _ in reading.wrong), first=True)
        covered = sum(1 for r in readings if r.covered)
        wrong = sum(1 for r in readings if r.wrong)
        earned = 0 if short else max(0, covered - wrong)
        builder.credit(earned, total, pass_at=body.pass_fraction)
        message = f"You covered {covered} of {total} concepts."
        if wrong:
            message += (
                f" {wrong} {'is' if wrong == 1 else 'are'} stated wrongly, "
                f"which costs {'its' if wrong == 1 else 'their'} worth again."
            )
        words_said = f"{words} word{'s' if words != 1 else ''}"
        missing = [r.concept.name for r in readings if r.concept.required and not r.covered]
        if missing:
            builder.fail()
            ideas = "this idea" if len(missing) == 1 else "these ideas"
            message += f" A passing answer must cover {ideas}, missing here: {'; '.join(missing)}."
        if short:
            builder.fail()
            builder.hint(_length_hint(words, body.min_words), first=True)
            message += f" Your answer has {words_said}. Write at least {body.min_words} words."
        return builder.verdict(message)

    def evidence(self, exercise: Exercise[Body], submission: Submission) -> tuple[str, ...]:
        body = exercise.body
        prose = Prose(submission.text or "")
        signals = ListSignals.of(prose)
        lines = [
            f"{len(prose.words)} words (min_words {body.min_words}); "
            f"{'read as a LIST of words' if signals.list_like else 'read as sentences'} "
            f"(function words {signals.function_share:.0%}, in long runs of content words "
            f"{signals.run_share:.0%}, in short items {signals.item_share:.0%}, "
            f"ungrammatical pairs {signals.broken_share:.0%}, repeated frames "
            f"{signals.repeated_share:.0%}, distinct words "
            f"{f'{signals.distinct_share:.0%}' if signals.distinct_share else 'not judged'}"
            f"{', a long clause of bare content words' if signals.bare_clause else ''}"
            f"{', a long clause without a verb' if signals.verbless_clause else ''})"
        ]
        for reading in read(body, prose, every_hit=True):
            lines.append(f"{reading.concept.name}: {reading.state}")
            lines += [f"    {_describe(hit)}" for hit in reading.hits]
            lines += [
                f"    misconception: '{hit.words}' (pattern {hit.term})" for _, hit in reading.wrong
            ]
        return tuple(lines)

    def advice(self, exercise: Exercise[Body]) -> FieldProblems:
        return (
            _short_stem_advice(exercise)
            + _function_word_advice(exercise)
            + _shared_term_advice(exercise)
        )

    def lock(
        self, exercise: Exercise[Body], data: dict[str, Any], salt: str, runner: Runner
    ) -> tuple[dict[str, Any], list[str]]:
        concepts = [dict(item) for item in data["concepts"]]
        warnings = []
        for index, item in enumerate(concepts):
            stems = item.pop("keywords", None)
            if stems is not None:
                digests = {d for stem in stems for d in stem_digests(salt, stem.casefold())}
                item["keywords_sha256"] = sorted(digests)
            synonyms = item.pop("synonyms", None)
            if synonyms is not None:
                forms = {canonical_phrase(s) for s in synonyms}
                item["synonyms_sha256"] = sorted(salted(salt, form) for form in forms)
            if "patterns" in item:
                warnings.append(f"concepts[{index}].patterns cannot be hashed and stay readable")
        if data.get("misconceptions"):
            warnings.append("misconceptions[].patterns cannot be hashed and stay readable")
        data["concepts"] = concepts
        return data, warnings

    def present(self, exercise: Exercise[Body]) -> Presentation:
        body = exercise.body
        count = len(body.concepts)
        return Presentation(
            notes=(
                f"Scored by the number of key ideas you cover ({count} in all). "
                f"Answer in full sentences, at least {body.min_words} words.",
            )
        )

    def reveal(self, exercise: Exercise[Body], runner: Runner) -> Reveal:
        concepts = exercise.body.concepts
        answer = "A full answer covers: " + ", ".join(c.name for c in concepts) + "."
        return Reveal(
            answer=answer, mistakes=tuple(f"Leaving out {c.name}: {c.hint}" for c in concepts)
        )


def _concept_check(reading: Reading, each: float, *, scored: bool) -> Check:
    ok = reading.covered
    message = reading.state
    if ok and not scored:
        message = "covered, but no points while the answer is too short"
    return Check.make(
        reading.concept.name,
        ok,
        points=each if ok and scored else 0.0,
        max_points=each,
        message=message,
        hint=None if ok or reading.wrong else _missed_hint(reading),
    )


def _missed_hint(reading: Reading) -> str:
    hint = reading.concept.hint
    if not reading.hits:
        return hint
    cue = reading.hits[0].negated_by
    return f"You mention this idea only to say what does not happen ('{cue}'). {hint}"


def _list_verdict(builder: VerdictBuilder, body: Body, each: float) -> Verdict:
    """A list of words earns nothing, and says nothing of what it matched."""
    for concept in body.concepts:
        builder.add(
            Check.make(
                concept.name,
                False,
                max_points=each,
                message="not judged: the answer is a list of words, not sentences",
            )
        )
    builder.credit(0, len(body.concepts), pass_at=body.pass_fraction)
    builder.hint(SENTENCES_HINT, first=True)
    return builder.verdict("Your answer reads as a list of words, not an explanation.")


def _length_hint(words: int, minimum: int) -> str:
    return (
        f"Your answer has {words} word{'s' if words != 1 else ''}; explain in at least "
        f"{minimum} words, in sentences, so that each idea is said in full."
    )


def _describe(hit: Hit) -> str:
    negation = f", negated by '{hit.negated_by}'" if hit.negated_by else ""
    return f"'{hit.words}' (term {hit.term!r}{negation})"


def _short_stem_advice(exercise: Exercise[Body]) -> FieldProblems:
    """Stems of `SHORT_STEM` letters or fewer that begin other English words: they match
    whole words only, so those words are not found (`int` misses integer)."""
    found: FieldProblems = []
    context = _context_words(exercise)
    for index, item in enumerate(exercise.raw.data["concepts"]):
        for j, stem in enumerate(_stems_of(item)):
            if len(stem) > SHORT_STEM:
                continue
            others = _words_beginning(stem, context)
            if others:
                found.append(
                    (
                        ("concepts", index, "keywords", j),
                        f"'{stem}' is short, so it matches whole words only (and their "
                        f"forms), not {', '.join(others)}...: use a longer stem, or list "
                        "the longer words you mean as synonyms",
                    )
                )
    return found


def _function_word_advice(exercise: Exercise[Body]) -> FieldProblems:
    """Keywords and one-word synonyms that are function words (`once`, `same`, `all`):
    nearly every answer has them, whatever it says (an instructor review's wrong answer
    passed on `once`, `same` and `none` alone)."""
    found: FieldProblems = []
    for index, item in enumerate(exercise.raw.data["concepts"]):
        for field in ("keywords", "synonyms"):
            for j, term in enumerate(item.get(field) or []):
                word = str(term).casefold().strip()
                if word in FUNCTION_WORDS:
                    found.append(
                        (
                            ("concepts", index, field, j),
                            f"'{word}' is a function word, found in most answers whatever "
                            "they say; use a phrase that states the idea ('only once') or a "
                            "pattern",
                        )
                    )
    return found


def _context_words(exercise: Exercise[Body]) -> list[str]:
    """The words of the exercise's own text, which learners are likely to echo."""
    texts = [exercise.prompt, exercise.hint, *exercise.solution]
    texts += [c.hint for c in exercise.body.concepts]
    return [t.text for text in texts for t in Prose(text).words]


def _words_beginning(stem: str, context: list[str], count: int = 3) -> list[str]:
    """English words that begin with `stem` without being one of its forms: function
    words first, then words of the exercise's text, then the shortest in the dictionary."""
    from grader.toolkit.prose import english_words, is_known, lemma

    candidates = [*sorted(FUNCTION_WORDS), *context, *english_words()]
    found: list[str] = []
    for word in candidates:
        if word.startswith(stem) and word != stem and lemma(word) != stem and is_known(word):
            if word not in found:
                found.append(word)
            if len(found) == count:
                break
    return found


def _shared_term_advice(exercise: Exercise[Body]) -> FieldProblems:
    """Synonyms (and keywords) that two concepts share: one mention would cover both."""
    found: FieldProblems = []
    owners: dict[tuple[str, str], str] = {}
    for index, item in enumerate(exercise.raw.data["concepts"]):
        synonyms = item.get("synonyms", [])
        keywords = item.get("keywords", [])
        terms: Iterable[tuple[str, int, str, str]] = [
            *(("synonyms", j, s, canonical_phrase(s)) for j, s in enumerate(synonyms)),
            *(("keywords", j, k, k.casefold()) for j, k in enumerate(keywords)),
        ]
        for field, j, written, form in terms:
            owner = owners.setdefault((field, form), item["name"])
            if owner != item["name"]:
                found.append(
                    (
                        ("concepts", index, field, j),
                        f"'{written}' is also a {field[:-1]} of concept '{owner}' (as matched): "
                        "one mention would cover both",
                    )
                )
    return found


KIND = Explain()
