"""Instructors' terms found in a learner's prose: keyword stems, synonym phrases and regex
patterns, plain or (locked) known only by salted digests; each found with its span, so
that negation can be judged where it stands.

- A keyword is a stem: it matches a word, or the word's lemma, that starts with it
  (`automat` matches automated; `running` matches ran through its lemma). A stem of
  `SHORT_STEM` letters or fewer matches whole words only (`int` does not match into). A
  stem of at least `FUZZY_STEM` letters also matches a misspelt word (one not in the
  dictionary, of at least `FUZZY_WORD` letters) whose beginning is one slip away
  (`monitering`): one letter more, one less, or one changed or swapped (an Indel distance
  of at most 2, as rapidfuzz counts).
- A synonym is a phrase, matched word for word on lemmas (`gives back` matches gave back);
  operators and symbols in it must be there too (`n <= 1` is not `n + 1`).
- A pattern is a regex searched in `Prose.text`, on its first `MAX_PATTERN_INPUT` characters.

Locked, a stem is known by the digests of itself (and, for typos, of its one-deletion
variants) and a phrase by the digest of its canonical form; the answer's candidate forms
are digested once per salt. Both ways find the same spans.
"""

from __future__ import annotations

import abc
import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from grader.digests import salted
from grader.toolkit.patterns import MAX_PATTERN_INPUT
from grader.toolkit.prose import Prose, Token, is_known

__all__ = [
    "FUZZY_STEM",
    "FUZZY_WORD",
    "MAX_PHRASE_WORDS",
    "SHORT_STEM",
    "Hit",
    "LockedPhrases",
    "LockedStems",
    "Patterns",
    "Phrases",
    "Stems",
    "Terms",
    "canonical_phrase",
    "stem_digests",
]

SHORT_STEM = 3
"""A stem this short matches whole words only (`int` is not the start of into)."""
FUZZY_STEM = 5
FUZZY_WORD = 6
MAX_PHRASE_WORDS = 8
_TYPO = "~"
"""Marks the digested forms used for typos, apart from exact prefixes."""


@dataclass(frozen=True)
class Hit:
    """One place where a term matched."""

    term: str
    """The instructor's term (`a locked keyword` when only its digest is known)."""
    span: range
    """Token indices in the prose."""
    words: str
    """The learner's words there."""
    negated_by: str | None = None
    """The negation cue that negates it (`not`, `never`...), or None."""


def _hit(prose: Prose, term: str, span: range) -> Hit:
    cue = prose.negated(span.start, span)
    words = " ".join(prose.tokens[i].text for i in span)
    return Hit(term, span, words, None if cue is None else prose.tokens[cue].text)


class Terms(abc.ABC):
    """Terms of one kind (stems, phrases, patterns) that a concept is found by."""

    @abc.abstractmethod
    def hits(self, prose: Prose) -> Iterator[Hit]:
        """Every place where one of the terms matches, negated or not."""


def _typo_of(stem: str, word: str) -> bool:
    """Whether misspelt `word` begins with `stem` but for one slip (see the module doc)."""
    from rapidfuzz.distance import Indel  # lazy: only typos need it

    size = len(stem)
    return any(
        Indel.distance(stem, word[:k], score_cutoff=2) <= 2
        for k in (size - 1, size, size + 1)
        if k <= len(word)
    )


def _typo_candidate(token: Token) -> bool:
    return _misspelt(token.text)


@cache
def _misspelt(text: str) -> bool:
    """Whether `text` may be a typo: long enough, letters only, not in the dictionary."""
    return len(text) >= FUZZY_WORD and text.isalpha() and not is_known(text)


@dataclass(frozen=True)
class _WordIndex:
    """Where each word form stands in an answer (made once per answer)."""

    whole: dict[str, list[int]]
    """Each word and each lemma."""
    ordered: list[str]
    """The same forms, sorted: those that begin with a stem are next to each other."""
    misspelt: tuple[int, ...]
    """The words that may be typos (see `_typo_candidate`)."""

    def beginning(self, stem: str) -> Iterator[int]:
        """The tokens whose word or lemma begins with `stem`."""
        ordered = self.ordered
        at = bisect.bisect_left(ordered, stem)
        while at < len(ordered) and ordered[at].startswith(stem):
            yield from self.whole[ordered[at]]
            at += 1


def _word_index(prose: Prose) -> _WordIndex:
    found = prose.memo.get("words")
    if isinstance(found, _WordIndex):
        return found
    whole: dict[str, list[int]] = {}
    misspelt = []
    for index, token in enumerate(prose.tokens):
        if token.symbol:
            continue
        whole.setdefault(token.text, []).append(index)
        if token.lemma != token.text:
            whole.setdefault(token.lemma, []).append(index)
        if _typo_candidate(token):
            misspelt.append(index)
    made = _WordIndex(whole, sorted(whole), tuple(misspelt))
    prose.memo["words"] = made
    return made


@dataclass(frozen=True)
class Stems(Terms):
    stems: tuple[str, ...]

    def hits(self, prose: Prose) -> Iterator[Hit]:
        index = _word_index(prose)
        for stem in self.stems:
            if len(stem) <= SHORT_STEM:
                at = set(index.whole.get(stem, ()))
            else:
                at = set(index.beginning(stem))
            if len(stem) >= FUZZY_STEM:
                at.update(i for i in index.misspelt if _typo_of(stem, prose.tokens[i].text))
            for i in sorted(at):
                yield _hit(prose, stem, range(i, i + 1))


@cache
def _units(text: str) -> tuple[tuple[str, ...], bool]:
    """A synonym's lemmas and symbols, and whether it holds a symbol."""
    tokens = Prose(text).tokens
    return tuple(t.lemma for t in tokens), any(t.symbol for t in tokens)


def canonical_phrase(text: str) -> str:
    """A synonym's canonical form: its words' lemmas and its symbols, space-separated."""
    return " ".join(_units(text)[0])


def _streams(prose: Prose) -> tuple[list[int], list[int]]:
    """The indices of all tokens, and of the words alone (symbols skipped)."""
    every = list(range(len(prose.tokens)))
    return every, [i for i in every if not prose.tokens[i].symbol]


def _phrase_windows(prose: Prose) -> Iterator[tuple[str, range]]:
    """Every run of up to `MAX_PHRASE_WORDS` tokens as a canonical phrase, with its span:
    runs of words (symbols between them skipped) and runs that hold a symbol."""
    tokens = prose.tokens
    every, words = _streams(prose)
    for stream, symbolic in ((words, False), (every, True)):
        for start in range(len(stream)):
            units: list[str] = []
            has_symbol = False
            for index in stream[start : start + MAX_PHRASE_WORDS]:
                units.append(tokens[index].lemma)
                has_symbol |= tokens[index].symbol
                if has_symbol == symbolic:
                    yield " ".join(units), range(stream[start], index + 1)


@dataclass(frozen=True)
class _LemmaStreams:
    """The answer's lemmas in a row, with symbols and without, and where each stands."""

    streams: tuple[list[int], list[int]]
    starts: tuple[dict[str, list[int]], dict[str, list[int]]]


def _lemma_streams(prose: Prose) -> _LemmaStreams:
    found = prose.memo.get("lemmas")
    if isinstance(found, _LemmaStreams):
        return found
    every, words = _streams(prose)
    starts: tuple[dict[str, list[int]], dict[str, list[int]]] = ({}, {})
    for stream, where in zip((words, every), starts, strict=True):
        for position, index in enumerate(stream):
            where.setdefault(prose.tokens[index].lemma, []).append(position)
    made = _LemmaStreams((words, every), starts)
    prose.memo["lemmas"] = made
    return made


@dataclass(frozen=True)
class Phrases(Terms):
    phrases: tuple[str, ...]
    """As written by the instructor."""

    def hits(self, prose: Prose) -> Iterator[Hit]:
        lemmas = _lemma_streams(prose)
        tokens = prose.tokens
        found: dict[range, str] = {}
        for phrase in self.phrases:
            units, symbolic = _units(phrase)
            if not units or len(units) > MAX_PHRASE_WORDS:
                continue
            stream = lemmas.streams[symbolic]
            for position in lemmas.starts[symbolic].get(units[0], ()):
                run = stream[position : position + len(units)]
                if tuple(tokens[i].lemma for i in run) == units:
                    found.setdefault(range(run[0], run[-1] + 1), phrase)
        for span in sorted(found, key=lambda r: (r.start, r.stop)):
            yield _hit(prose, found[span], span)


@dataclass(frozen=True)
class Patterns(Terms):
    patterns: tuple[re.Pattern[str], ...]

    def hits(self, prose: Prose) -> Iterator[Hit]:
        if not prose.tokens:
            return
        for pattern in self.patterns:
            for match in pattern.finditer(prose.text, 0, MAX_PATTERN_INPUT):
                first = prose.token_at(match.start())
                last = prose.token_at(max(match.end() - 1, match.start()))
                yield _hit(prose, pattern.pattern.removeprefix("(?i)"), range(first, last + 1))


def stem_digests(salt: str, stem: str) -> list[str]:
    """The digests a locked keyword is stored as: the stem, and its typo forms."""
    found = {salted(salt, stem)}
    if len(stem) >= FUZZY_STEM:
        found.update(salted(salt, _TYPO + form) for form in _with_deletions(stem))
    return sorted(found)


def _with_deletions(text: str) -> set[str]:
    return {text} | {text[:i] + text[i + 1 :] for i in range(len(text))}


def _stem_forms(token: Token) -> Iterator[str]:
    """The forms a locked stem may be: as `_word_index` finds plain ones."""
    for word in {token.text, token.lemma}:
        yield word
        for size in range(SHORT_STEM + 1, len(word)):
            yield word[:size]
    if _typo_candidate(token):
        for size in range(FUZZY_STEM - 1, len(token.text) + 1):
            for form in _with_deletions(token.text[:size]):
                yield _TYPO + form


class _Index:
    """Digests of an answer's candidate forms, each with where it stands (made once)."""

    def __init__(self, salt: str, forms: Iterable[tuple[str, range]]) -> None:
        self.spans: dict[str, list[range]] = {}
        for form, span in forms:
            self.spans.setdefault(salted(salt, form), []).append(span)


def _index(prose: Prose, salt: str, what: str) -> _Index:
    key = (salt, what)
    memo = prose.memo
    found = memo.get(key)
    if not isinstance(found, _Index):
        if what == "stems":
            forms = (
                (form, range(i, i + 1))
                for i, token in enumerate(prose.tokens)
                if not token.symbol
                for form in set(_stem_forms(token))
            )
            found = _Index(salt, forms)
        else:
            found = _Index(salt, _phrase_windows(prose))
        memo[key] = found
    return found


def _locked_hits(prose: Prose, index: _Index, digests: frozenset[str], term: str) -> Iterator[Hit]:
    seen: set[range] = set()
    for digest in sorted(digests & index.spans.keys()):
        for span in index.spans[digest]:
            if span not in seen:
                seen.add(span)
                yield _hit(prose, term, span)


@dataclass(frozen=True)
class LockedStems(Terms):
    salt: str
    digests: frozenset[str]

    def hits(self, prose: Prose) -> Iterator[Hit]:
        index = _index(prose, self.salt, "stems")
        return _locked_hits(prose, index, self.digests, "a locked keyword")


@dataclass(frozen=True)
class LockedPhrases(Terms):
    salt: str
    digests: frozenset[str]

    def hits(self, prose: Prose) -> Iterator[Hit]:
        index = _index(prose, self.salt, "phrases")
        return _locked_hits(prose, index, self.digests, "a locked synonym")
