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
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

from grader.digests import salted
from grader.toolkit.patterns import MAX_PATTERN_INPUT, may_match
from grader.toolkit.prose import MEMO_SIZE, TYPO_WORD, Prose, Token

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
FUZZY_WORD = TYPO_WORD
MAX_PHRASE_WORDS = 8
_TYPO = "~"
"""Marks the digested forms used for typos, apart from exact prefixes."""


class Hit(NamedTuple):
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
    if cue is None:
        cue = prose.predicate_negated(span)
    tokens = prose.tokens
    words = tokens[span.start].text if len(span) == 1 else " ".join([tokens[i].text for i in span])
    return Hit(term, span, words, None if cue is None else tokens[cue].text)


class Terms(abc.ABC):
    """Terms of one kind (stems, phrases, patterns) that a concept is found by."""

    @abc.abstractmethod
    def hits(self, prose: Prose) -> Iterator[Hit]:
        """Every place where one of the terms matches, negated or not."""


@lru_cache(maxsize=MEMO_SIZE)
def _typo_of(stem: str, word: str) -> bool:
    """Whether misspelt `word` begins with `stem` but for one slip (see the module doc)."""
    distance = _indel()
    size = len(stem)
    for k in (size - 1, size, size + 1):
        if k <= len(word) and distance(stem, word[:k], score_cutoff=2) <= 2:
            return True
    return False


@cache
def _indel() -> Callable[..., int]:
    from rapidfuzz.distance import Indel  # lazy: only typos need it

    distance: Callable[..., int] = Indel.distance
    return distance


def _stem_texts(prose: Prose) -> tuple[str, str]:
    """The tokens' words, and their lemmas, as `Prose.text` holds the words but with a
    blank at each end and each symbol as `_NOT_A_FORM`: where stems are searched (made
    once per answer)."""
    found = prose.memo.get("stem texts")
    if isinstance(found, tuple):
        return found
    if prose.words is prose.tokens:
        made = (f" {prose.text} ", f" {_lemma_text(prose)} ")
    else:
        texts = [_NOT_A_FORM if t.symbol else t.text for t in prose.tokens]
        lemmas = [_NOT_A_FORM if t.symbol else t.lemma for t in prose.tokens]
        made = (f" {' '.join(texts)} ", f" {' '.join(lemmas)} ")
    prose.memo["stem texts"] = made
    return made


_NOT_A_FORM = "\x00"
"""Stands for a symbol where stems are searched: no stem is a symbol's beginning."""


class _StemSearch(NamedTuple):
    """How a tuple of stems is searched (made once per tuple)."""

    regex: re.Pattern[str]
    """The stems as alternatives after a blank: a long stem matches the beginning of a
    form, a short one the whole form. At each blank the first alternative that matches
    wins, so the match is the first stem there. (No groups: an alternative that begins
    with a letter is then skipped at the first letter that differs.)"""
    index_of: dict[str, int]
    """Each stem's index (its first, if repeated)."""
    fuzzy: tuple[int, ...]
    """The indices of the stems long enough to match typos."""


@cache
def _stem_search(stems: tuple[str, ...]) -> _StemSearch:
    alternatives = (
        f"{re.escape(stem)}(?= )" if len(stem) <= SHORT_STEM else re.escape(stem) for stem in stems
    )
    index_of: dict[str, int] = {}
    for i, stem in enumerate(stems):
        index_of.setdefault(stem, i)
    fuzzy = tuple(i for i, stem in enumerate(stems) if len(stem) >= FUZZY_STEM)
    return _StemSearch(re.compile(f" (?:{'|'.join(alternatives)})"), index_of, fuzzy)


def _lemma_text(prose: Prose) -> str:
    """The tokens' lemmas separated by single blanks, as `Prose.text` holds their words."""
    found = prose.memo.get("lemma text")
    if isinstance(found, str):
        return found
    made = " ".join([t.lemma for t in prose.tokens])
    prose.memo["lemma text"] = made
    return made


def _misspelt(prose: Prose) -> list[int]:
    """The tokens that may be typos (`Token.misspelt`)."""
    found = prose.memo.get("misspelt")
    if isinstance(found, list):
        return found
    made = [i for i, t in enumerate(prose.tokens) if t.misspelt]
    prose.memo["misspelt"] = made
    return made


@dataclass(frozen=True)
class Stems(Terms):
    stems: tuple[str, ...]

    def hits(self, prose: Prose) -> Iterator[Hit]:
        """In token order; a token that several stems match is the first one's."""
        search, index_of, fuzzy = _stem_search(self.stems)
        found: dict[int, int] = {}
        """Token index -> the index of the first stem that matches its word or lemma."""
        for text in _stem_texts(prose):
            for match in search.finditer(text):
                at = text.count(" ", 0, match.start())  # one blank before each token
                first = index_of[match[0][1:]]
                if found.get(at, first) >= first:
                    found[at] = first
        for at in _misspelt(prose) if fuzzy else ():
            for i in fuzzy:
                if at in found and found[at] <= i:
                    break  # an earlier stem has it
                if _typo_of(self.stems[i], prose.tokens[at].text):
                    found[at] = i
                    break
        for at in sorted(found):
            yield _hit(prose, self.stems[found[at]], range(at, at + 1))


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


class _LemmaStream(NamedTuple):
    """The answer's lemmas in a row (of its words alone, or of every token), as text."""

    indices: list[int]
    """The token each position stands for."""
    text: str
    """The lemmas, each with a blank before and after: a phrase is found by `str.find`."""

    def runs(self, needle: str, size: int, at: int) -> Iterator[range]:
        """The token spans where `needle` (`size` lemmas, blank before and after) stands,
        the first at `at` in `text`."""
        text, indices = self.text, self.indices
        while at >= 0:
            first = text.count(" ", 0, at)  # the lemmas before it, one blank each
            yield range(indices[first], indices[first + size - 1] + 1)
            at = text.find(needle, at + 1)


def _lemma_streams(prose: Prose) -> tuple[_LemmaStream, _LemmaStream]:
    """The stream of the words alone, and of every token (made once per answer)."""
    found = prose.memo.get("lemmas")
    if isinstance(found, tuple):
        return found
    tokens = prose.tokens
    all_tokens = _LemmaStream(list(range(len(tokens))), f" {_lemma_text(prose)} ")
    if prose.words is tokens:
        made = (all_tokens, all_tokens)
    else:
        words = [i for i, t in enumerate(tokens) if not t.symbol]
        lemmas = " ".join([tokens[i].lemma for i in words])
        made = (_LemmaStream(words, f" {lemmas} "), all_tokens)
    prose.memo["lemmas"] = made
    return made


@dataclass(frozen=True)
class Phrases(Terms):
    phrases: tuple[str, ...]
    """As written by the instructor."""

    def hits(self, prose: Prose) -> Iterator[Hit]:
        streams = _lemma_streams(prose)
        found: dict[range, str] = {}
        for phrase, needle, size, symbolic in _needles(self.phrases):
            stream = streams[symbolic]
            at = stream.text.find(needle)  # most phrases are not there: no further call
            if at >= 0:
                for span in stream.runs(needle, size, at):
                    found.setdefault(span, phrase)
        for span in sorted(found, key=lambda r: (r.start, r.stop)):
            yield _hit(prose, found[span], span)


@cache
def _needles(phrases: tuple[str, ...]) -> tuple[tuple[str, str, int, bool], ...]:
    """Each phrase that can match, with its lemmas as `_LemmaStream.text` holds them, how
    many, and whether it holds a symbol."""
    found = []
    for phrase in phrases:
        units, symbolic = _units(phrase)
        if units and len(units) <= MAX_PHRASE_WORDS:
            found.append((phrase, f" {' '.join(units)} ", len(units), symbolic))
    return tuple(found)


@dataclass(frozen=True)
class Patterns(Terms):
    patterns: tuple[re.Pattern[str], ...]

    def hits(self, prose: Prose) -> Iterator[Hit]:
        text = prose.text
        if not text:
            return
        for pattern in self.patterns:
            if not may_match(pattern, text):
                continue  # no match can be there: the search is skipped
            for match in pattern.finditer(text, 0, MAX_PATTERN_INPUT):
                first = prose.token_at(match.start())
                last = prose.token_at(max(match.end() - 1, match.start()))
                span = range(first, last + 1)
                hit = _hit(prose, pattern.pattern.removeprefix("(?i)"), span)
                if (
                    hit.negated_by is None
                    and (cue := _gap_cue(prose, pattern, match, span)) is not None
                ):
                    hit = hit._replace(negated_by=prose.tokens[cue].text)
                yield hit


def _gap_cue(
    prose: Prose, pattern: re.Pattern[str], match: re.Match[str], span: range
) -> int | None:
    """A negation cue inside the match that the pattern does not spell out but lets a gap
    such as `( \\w+){0,6}` take (`data does not change`), or None. A cue is the
    pattern's own when the same span no longer matches with the cue's letters changed; none
    counts when the pattern also matches what stands before it (`data changes and not ...`)."""
    text = prose.text
    start = text.rfind(" ", 0, match.start() + 1) + 1  # where the span's first token begins
    for cue in prose.cues_within(span):
        at = prose.offset_of(cue, span.start, start)
        if pattern.match(text, match.start(), at - 1):
            return None
        size = len(prose.tokens[cue].text)
        blurred = f"{text[:at]}{'q' * size}{text[at + size :]}"
        if pattern.fullmatch(blurred, match.start(), match.end()):
            return cue
    return None


def stem_digests(salt: str, stem: str) -> list[str]:
    """The digests a locked keyword is stored as: the stem, and its typo forms."""
    found = {salted(salt, stem)}
    if len(stem) >= FUZZY_STEM:
        found.update(salted(salt, _TYPO + form) for form in _with_deletions(stem))
    return sorted(found)


def _with_deletions(text: str) -> set[str]:
    return {text} | {text[:i] + text[i + 1 :] for i in range(len(text))}


def _stem_forms(token: Token) -> Iterator[str]:
    """The forms a locked stem may be: as `Stems` finds plain ones."""
    for word in {token.text, token.lemma}:
        yield word
        for size in range(SHORT_STEM + 1, len(word)):
            yield word[:size]
    if token.misspelt:
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
