"""A learner's prose read as tokens: words with their lemmas, symbols, clauses, negation.

- Words are case-folded; contractions are expanded (`doesn't` -> `does not`) and the
  possessive `'s` dropped; each word has its dictionary lemma (`gave` -> `give`, from
  simplemma, loaded on first use).
- Operators and symbols (`<=`, `+`, `==`) are tokens of their own, so `n + 1` is not
  `n <= 1`.
- A negation cue (`not`, `never`, `no`...) negates the words after it within its clause;
  `negated(i)` says whether token `i` is in such a scope, and by which cue.
- `list_like()` tells a list of words (keyword stuffing) from sentences.
"""

from __future__ import annotations

import itertools
import keyword
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any, NamedTuple

__all__ = [
    "FUNCTION_WORDS",
    "MAX_PROSE_CHARS",
    "ListSignals",
    "Prose",
    "Token",
    "english_words",
    "is_known",
    "lemma",
]

MAX_PROSE_CHARS = 20_000
"""Characters of an answer that are read (an explanation is far shorter)."""

_TOKEN = re.compile(
    r"(?P<word>[a-z0-9_]+(?:['-][a-z0-9_]+)*)"
    r"|(?P<symbol>\*\*|//|==|!=|<=|>=|->|\+=|-=|[-+*/%<>=&|^~@])"
    r"|(?P<stop>[.!?;:]+(?=\s|$)|[,()\[\]{}\n\u2022])"
)
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u00b4": "'", "`": " "})
_CONTRACTIONS = {
    "can't": ("can", "not"),
    "cannot": ("can", "not"),
    "won't": ("will", "not"),
    "shan't": ("shall", "not"),
    "dont": ("do", "not"),
    "doesnt": ("does", "not"),
    "didnt": ("did", "not"),
    "isnt": ("is", "not"),
    "arent": ("are", "not"),
    "wasnt": ("was", "not"),
    "cant": ("can", "not"),
    "wont": ("will", "not"),
    "shouldnt": ("should", "not"),
    "wouldnt": ("would", "not"),
    "couldnt": ("could", "not"),
    "hasnt": ("has", "not"),
    "havent": ("have", "not"),
}
_CLITICS = ("'s", "'re", "'ll", "'ve", "'d", "'m")


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Closed-class English words: what sentences are built with, and lists lack.
FUNCTION_WORDS = _set(
    """a an the this that these those my your his her its our their some any each every all
    both either neither no another such what which who whom whose whatever
    i you he she it we they me him us them myself yourself itself themselves one ones
    is are was were be been being am do does did doing done have has had having
    can could will would shall should may might must need needs
    not never nor only just also too very so than then there here now still even again
    and or but if when while because since as until unless though although whereas whether
    instead however therefore thus otherwise else yet once
    of to in on at by for with without from into onto out over under about after before
    between through during against within across along up down off around like via per
    how why where more most less least much many few lot lots own same other
    get gets got make makes made let lets"""
)
_CUES = frozenset({"not", "never", "no", "without", "nothing", "neither", "nor"})
_SHORT_CUES = frozenset({"no", "without"})
"""Cues that negate a noun phrase, not the rest of the clause."""
_NOT_CUES = (("not", "only"), ("not", "just"), ("no", "matter"), ("or", "not"))
"""`not only`, `no matter`, `whether or not`: a cue's word that negates nothing."""
_ENDS_SCOPE = _set(
    """but and however although though whereas while so because since instead then which
    who that when if unless until yet except rather whether"""
)
_NEW_VERB = _set("should must will would can could may might shall is are was were has have had")
"""A finite verb after a negated one starts the main clause: `errors you can not handle
should propagate` negates handle only."""
_SUBORDINATE = _set("that which who if when unless because since whenever once")
SHORT_SCOPE = 2
"""Words a noun-phrase cue (`no`, `without`) negates."""
CLAUSE_SCOPE = 3
"""Words a cue inside a subordinate clause (`that does not ...`) negates."""


@cache
def _lemmatizer() -> Any:
    import simplemma  # lazy: its dictionary takes a while to load

    return simplemma


@cache
def lemma(word: str) -> str:
    """The dictionary form of a case-folded English word (`gave` -> `give`)."""
    if not word.isalpha():
        return word
    found: str = _lemmatizer().lemmatize(word, lang="en")
    return found.casefold()


@cache
def is_known(word: str) -> bool:
    """Whether `word` is an English word (a misspelling is not)."""
    return bool(_lemmatizer().is_known(word, lang="en"))


@cache
def english_words() -> tuple[str, ...]:
    """English base words that simplemma knows in at least three forms (`settle`,
    settles, settled...), shortest first: for instructors' checks, not grading."""
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    forms = DefaultDictionaryFactory().get_dictionary("en")
    counts = Counter(base.casefold() for form, base in forms.items() if form.isalpha())
    return tuple(sorted((w for w, n in counts.items() if n >= 3), key=lambda w: (len(w), w)))


class Token(NamedTuple):
    text: str
    """Case-folded, as written (after expanding contractions)."""
    lemma: str
    symbol: bool = False
    clause: int = 0
    start: int = 0
    """Offset in `Prose.text`."""
    function_word: bool = False
    """One of `FUNCTION_WORDS`."""


class Prose:
    """An answer read as tokens (see the module's docstring)."""

    def __init__(self, text: str) -> None:
        self.raw = text
        self.tokens, self.clauses = _tokenize(text[:MAX_PROSE_CHARS])
        self.text = " ".join(t.text for t in self.tokens)
        """The tokens separated by single spaces, which instructors' patterns search."""
        self.memo: dict[object, object] = {}
        """What terms computed once for this answer (the digests of its forms, say)."""

    @cached_property
    def words(self) -> tuple[Token, ...]:
        return tuple(t for t in self.tokens if not t.symbol)

    @cached_property
    def _scopes(self) -> dict[int, int]:
        """Token index -> the index of the cue that negates it."""
        scopes: dict[int, int] = {}
        for index, token in enumerate(self.tokens):
            if token.text not in _CUES or not self._is_cue(index):
                continue
            for inside in self._scope_of(index):
                scopes.setdefault(inside, index)
        return scopes

    def _is_cue(self, index: int) -> bool:
        tokens = self.tokens
        if tokens[index].text not in _CUES:
            return False
        pair_after = (tokens[index].text, tokens[index + 1].text) if index + 1 < len(tokens) else ()
        pair_before = (tokens[index - 1].text, tokens[index].text) if index else ()
        return pair_after not in _NOT_CUES and pair_before not in _NOT_CUES

    def _scope_of(self, cue: int) -> Iterator[int]:
        tokens = self.tokens
        clause = tokens[cue].clause
        limit = len(tokens)
        if tokens[cue].text in _SHORT_CUES:
            limit = SHORT_SCOPE
        elif self._subordinate(cue):
            limit = CLAUSE_SCOPE
        taken = 0
        for index in range(cue + 1, len(tokens)):
            token = tokens[index]
            if token.clause != clause or token.text in _ENDS_SCOPE or taken >= limit:
                return
            if taken and token.text in _NEW_VERB:
                return
            taken += 0 if token.symbol else 1
            yield index

    def _subordinate(self, cue: int) -> bool:
        """Whether the cue's clause so far is a subordinate one (`that does not run ...`)."""
        clause = self.tokens[cue].clause
        index = cue - 1
        while index >= 0 and self.tokens[index].clause == clause:
            if self.tokens[index].text in _SUBORDINATE:
                return True
            index -= 1
        return False

    def negated(self, index: int, inside: range | None = None) -> int | None:
        """The cue negating token `index`, unless the cue lies `inside` the matched span
        (a synonym such as `does not run` carries its own negation)."""
        cue = self._scopes.get(index)
        if cue is None or (inside is not None and cue in inside):
            return None
        return cue

    def token_at(self, offset: int) -> int:
        """The index of the token at (or just after) `offset` in `text`."""
        for index, token in enumerate(self.tokens):
            if token.start + len(token.text) > offset:
                return index
        return max(len(self.tokens) - 1, 0)

    def list_like(self) -> bool:
        """Whether the answer is a list of words rather than sentences (see `ListSignals`)."""
        return ListSignals.of(self).list_like


@dataclass(frozen=True)
class ListSignals:
    """What tells a list of words from sentences. Sentences are built with function words
    (`the`, `is`, `of`...) in an order grammar allows; lists are runs of content words,
    items between commas or `and`s, or one frame repeated with a word swapped in."""

    words: int
    function_share: float
    """Function words among the words: about 0.3 to 0.6 in sentences."""
    run_share: float
    """Words in runs of `LONG_RUN` or more content words in a row."""
    item_share: float
    """Words in items of at most two words between commas, `and`s, `or`s or line breaks."""
    broken_share: float
    """Pairs of function words that grammar does not allow in a row (`the of`, `to is`)."""
    repeated_share: float
    """Items that repeat another item's frame of function words."""
    distinct_share: float
    """Distinct words among the words: sentences repeat `the`, `is`, `a`; lists do not."""
    bare_clause: bool
    """A clause of `LONG_CLAUSE` words or more with under a quarter function words."""

    MIN_WORDS = 8
    LONG_RUN = 6
    MANY_ITEMS = 5
    LONG_CLAUSE = 12
    LONG_ANSWER = 80
    """Words from which `distinct_share` tells: shorter answers repeat little anyway."""

    @classmethod
    def of(cls, prose: Prose) -> ListSignals:
        words = [t for t in prose.tokens if not t.symbol]
        count = len(words)
        if not count:
            return cls(0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, False)
        function = sum(1 for w in words if w.function_word)
        items = _items(words)
        in_items = sum(len(item) for item in items)
        short = sum(len(item) for item in items if len(item) <= 2)
        frames = [_frame(item) for item in items if len(item) >= 2]
        seen = Counter(frames)
        repeated = sum(1 for f in frames if f and seen[f] >= 3)
        return cls(
            count,
            function / count,
            _run_words(words, cls.LONG_RUN) / count,
            short / in_items if len(items) >= cls.MANY_ITEMS else 0.0,
            _broken_share(words),
            repeated / len(frames) if len(frames) >= 4 else 0.0,
            len({w.text for w in words}) / count if count >= cls.LONG_ANSWER else 0.0,
            _bare_clause(words, cls.LONG_CLAUSE),
        )

    @property
    def list_like(self) -> bool:
        if self.words < self.MIN_WORDS:
            return False
        return (
            self.function_share < 0.15
            or self.run_share > 0.5
            or self.item_share > 0.6
            or self.broken_share > 0.05
            or self.repeated_share > 0.5
            or self.distinct_share > 0.85
            or self.bare_clause
        )


def _tokenize(text: str) -> tuple[tuple[Token, ...], int]:
    tokens: list[Token] = []
    clause = 0
    offset = 0
    for match in _TOKEN.finditer(text.translate(_QUOTES).casefold()):
        if match.lastgroup == "stop":
            clause += 1 if tokens and tokens[-1].clause == clause else 0
            continue
        if match.lastgroup == "symbol":
            tokens.append(Token(match.group(), match.group(), True, clause, offset))
            offset += len(match.group()) + 1
            continue
        for part in _expand(match.group()):
            tokens.append(Token(part, lemma(part), False, clause, offset, part in FUNCTION_WORDS))
            offset += len(part) + 1
    return tuple(tokens), clause + 1


@cache
def _expand(word: str) -> tuple[str, ...]:
    """`doesn't` -> does, not; `module's` -> module; `it's` -> it."""
    if word in _CONTRACTIONS:
        return _CONTRACTIONS[word]
    if word.endswith("n't") and len(word) > 3:
        return (word[:-3], "not")
    for clitic in _CLITICS:
        if word.endswith(clitic) and len(word) > len(clitic):
            return (word[: -len(clitic)],)
    return (word.strip("'-"),) if word.strip("'-") else ()


_ITEM_BREAKS = frozenset({"and", "or", "plus"})


def _items(words: list[Token]) -> list[list[Token]]:
    """The words split at clause ends and at `and`, `or`."""
    items: list[list[Token]] = [[]]
    clause = words[0].clause
    for word in words:
        if word.clause != clause or word.text in _ITEM_BREAKS:
            clause = word.clause
            if items[-1]:
                items.append([])
            if word.text in _ITEM_BREAKS:
                continue
        items[-1].append(word)
    return [item for item in items if item]


def _bare_clause(words: list[Token], long_clause: int) -> bool:
    """Whether a long clause is almost all content words (`for loop list range iterate...`)."""
    for _, clause in itertools.groupby(words, key=lambda w: w.clause):
        run = list(clause)
        if len(run) >= long_clause and sum(w.function_word for w in run) < len(run) / 4:
            return True
    return False


def _frame(item: list[Token]) -> tuple[str, ...]:
    """The item's function words in order, content words as `*` (empty without any)."""
    if not any(w.function_word for w in item):
        return ()
    return tuple(w.text if w.function_word else "*" for w in item)


def _run_words(words: list[Token], long_run: int) -> int:
    """Words in runs of at least `long_run` content words within one clause."""
    total = run = 0
    clause = words[0].clause
    for word in words:
        if word.function_word or word.clause != clause:
            total += run if run >= long_run else 0
            run = 0
            clause = word.clause
        if not word.function_word:
            run += 1
    return total + (run if run >= long_run else 0)


_DETERMINERS = _set("a an the my your our their every")
_PREPOSITIONS = _set("of to in on at by for with from into onto about after before")
_VERBS_BE = _set("is are was were be been am does did")
_CONJUNCTIONS = _set("and or but nor if because although whereas")
_NOT_AFTER = {
    "det": _DETERMINERS | _PREPOSITIONS | _VERBS_BE | _CONJUNCTIONS,
    "prep": _PREPOSITIONS - {"to"} | _CONJUNCTIONS | {"is", "are", "was", "were", "am"},
    "conj": _CONJUNCTIONS,
}


_PYTHON_WORDS = frozenset(w.casefold() for w in (*keyword.kwlist, *keyword.softkwlist))


def _broken_share(words: list[Token]) -> float:
    """The share of `_broken_pairs` among the word pairs, once there are at least three."""
    broken = _broken_pairs(words)
    return broken / max(len(words) - 1, 1) if broken >= 3 else 0.0


def _broken_pairs(words: list[Token]) -> int:
    """Adjacent function words in an order English grammar does not allow (`the of`)."""
    broken = 0
    for before, after in itertools.pairwise(words):
        if before.clause != after.clause or _PYTHON_WORDS & {before.text, after.text}:
            continue  # `a for loop`, `the while and the for`: Python's keywords are nouns here
        kind = (
            "det"
            if before.text in _DETERMINERS
            else "prep"
            if before.text in _PREPOSITIONS
            else "conj"
            if before.text in _CONJUNCTIONS
            else None
        )
        if kind and after.text in _NOT_AFTER[kind]:
            broken += 1
    return broken
