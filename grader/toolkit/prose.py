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

import bisect
import keyword
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, NamedTuple

__all__ = [
    "FUNCTION_WORDS",
    "MAX_PROSE_CHARS",
    "MEMO_SIZE",
    "TYPO_WORD",
    "ListSignals",
    "Prose",
    "Token",
    "english_words",
    "is_known",
    "lemma",
]

MAX_PROSE_CHARS = 20_000
"""Characters of an answer that are read (an explanation is far shorter)."""
TYPO_WORD = 6
"""Letters from which a word that is not in the dictionary may be a typo."""
MEMO_SIZE = 1 << 13
"""Distinct words (and chunks) whose reading is kept: a batch's memory stays bounded."""

_TOKEN = re.compile(
    r"(?P<word>[a-z0-9_]+(?:['-][a-z0-9_]+)*)"
    r"|(?P<symbol>\*\*|//|==|!=|<=|>=|->|\+=|-=|[-+*/%<>=&|^~@])"
    r"|(?P<stop>[.!?;:]+(?=\s|$)|[,()\[\]{}\n\u2022])"
)
_QUOTES = (("\u2019", "'"), ("\u2018", "'"), ("\u00b4", "'"), ("`", " "))
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
_NOT_CUES = (
    ("not", "only"),
    ("not", "just"),
    ("no", "matter"),
    ("or", "not"),
    *((amount, "no") for amount in ("almost", "nearly", "virtually", "practically", "or")),
)
"""`not only`, `no matter`, `whether or not`: a cue's word that negates nothing; and `no`
as an amount (`almost no memory`, `little or no memory` say how little, not that none of it
is meant)."""
_ENDS_SCOPE = _set(
    """but and however although though whereas while so because since instead then which
    who that when if unless until yet except rather whether"""
)
_NEW_VERB = _set("should must will would can could may might shall is are was were has have had")
"""A finite verb after a negated one starts the main clause: `errors you can not handle
should propagate` negates handle only."""
_SUBORDINATE = _set("that which who if when unless because since whenever once")
_NEEDED = _set(
    """needed necessary required important useful relevant essential helpful matter matters
    happen happens occur occurs exist exists possible"""
)
"""Predicates that a negation denies of their subject: `retraining is never needed` says
retraining has no place, not only something about needing."""
_DENYING = _set("unnecessary unneeded needless pointless useless irrelevant unimportant impossible")
"""Predicates that deny their subject on their own: `retraining is unnecessary`."""
_COPULAS = _set("is are was were be been being seems seem does do did will would can could")
_FILLERS = _set("really ever actually always even truly at all be")
_CUE_WORDS = _CUES | _DENYING
"""Where `_read` notes a cue: the negations, and the predicates that deny on their own."""
_BEFORE_PREDICATE = _COPULAS | _FILLERS | _CUES
_WIDE_NO = _set("need point reason use")
"""`no need to retrain`: after these, `no` negates the clause, not two words."""
_LINKING = _set("is are was were refers refer means mean represents represent stands holds")
"""A term that ends on one of these stops before its predicate: a negation right after it
(`self is` + `not the instance`) negates the term."""
SUBJECT_SCOPE = 6
"""Words before a denying predicate that it negates (its subject)."""
SHORT_SCOPE = 2
"""Words a noun-phrase cue (`no`, `without`) negates."""
CLAUSE_SCOPE = 3
"""Words a cue inside a subordinate clause (`that does not ...`) negates."""
VERB_SUBJECT = 3
"""Words before a verb in `-ed` within which its subject's determiner stands."""


@cache
def _lemmatizer() -> Any:
    import simplemma  # lazy: its dictionary takes a while to load

    return simplemma


@lru_cache(maxsize=MEMO_SIZE)
def lemma(word: str) -> str:
    """The dictionary form of a case-folded English word (`gave` -> `give`)."""
    if not word.isalpha():
        return word
    found: str = _lemmatizer().lemmatize(word, lang="en")
    return found.casefold()


@lru_cache(maxsize=MEMO_SIZE)
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
    """A word or a symbol. The same word is the same `Token` wherever it stands: where it
    stands is the `Prose`'s to say (`Prose.clause_of`)."""

    text: str
    """Case-folded, as written (after expanding contractions)."""
    lemma: str
    symbol: bool = False
    function_word: bool = False
    """One of `FUNCTION_WORDS`."""
    mark: str = ""
    """Its letter in `Prose.signature` (none for a symbol)."""
    misspelt: bool = False
    """Whether it may be a typo: `TYPO_WORD` letters or more, not in the dictionary."""


class Prose:
    """An answer read as tokens (see the module's docstring)."""

    def __init__(self, text: str) -> None:
        self.raw = text
        tokens, ends, cues = _read(text[:MAX_PROSE_CHARS])
        self.tokens = tokens
        self.clause_ends = ends
        """Where each clause but the last ends: the index of the token after it."""
        self.clauses = len(ends) + 1
        self.text = " ".join([t.text for t in tokens])
        """The tokens separated by single spaces, which instructors' patterns search."""
        marks = [t.mark for t in tokens]
        self.signature = _CLAUSE_END.join(
            [
                "".join(marks[start:end])
                for start, end in zip((0, *ends), (*ends, len(tokens)), strict=True)
            ]
        )
        """The words as letters, `|` between clauses (see `_MARKS`): what tells a list."""
        symbols = len(self.signature) - len(ends) < len(tokens)  # a symbol has no mark
        self.words = tuple([t for t in tokens if not t.symbol]) if symbols else tokens
        self.memo: dict[object, object] = {}
        """What terms computed once for this answer (the digests of its forms, say)."""
        self._cues = cues
        self._negations: dict[int, int] | None = None

    def clause_of(self, index: int) -> int:
        """The clause that token `index` stands in (from 0)."""
        return bisect.bisect_right(self.clause_ends, index)

    def _clause_span(self, index: int) -> range:
        """The tokens of the clause that token `index` stands in."""
        clause = self.clause_of(index)
        ends = self.clause_ends
        start = ends[clause - 1] if clause else 0
        return range(start, ends[clause] if clause < len(ends) else len(self.tokens))

    @property
    def _scopes(self) -> dict[int, int]:
        """Token index -> the index of the cue that negates it (found on first use)."""
        if self._negations is None:
            self._negations = self._find_scopes()
        return self._negations

    def _find_scopes(self) -> dict[int, int]:
        scopes: dict[int, int] = {}
        for index in self._cues:
            if self.tokens[index].text in _DENYING:
                scope: Iterable[int] = self._subject_of(index, index)
            elif not self._is_cue(index):
                continue
            elif self._denies_subject(index):
                scope = [*self._scope_of(index), *self._subject_of(index, index)]
            else:
                scope = self._scope_of(index)
            for inside in scope:
                scopes.setdefault(inside, index)
        return scopes

    def _denies_subject(self, cue: int) -> bool:
        """Whether the cue's predicate is one that denies the subject (`never needed`)."""
        tokens = self.tokens
        after = cue + 1
        while after < len(tokens) and tokens[after].text in _FILLERS:
            after += 1
        return after < len(tokens) and tokens[after].text in _NEEDED

    def _subject_of(self, predicate: int, cue: int) -> Iterator[int]:
        """The words before `predicate` that it says something of (`retraining` in
        `retraining is never needed`): past the verbs, back to the clause's start."""
        tokens = self.tokens
        start = self._clause_span(cue).start
        index = predicate - 1
        while index >= start and tokens[index].text in _BEFORE_PREDICATE:
            index -= 1
        if index == predicate - 1 and tokens[predicate].text in _DENYING:
            return  # `unnecessary retraining` is not said of what comes before
        taken = 0
        while index >= start and taken < SUBJECT_SCOPE:
            token = tokens[index]
            if token.text in _ENDS_SCOPE:
                return
            taken += 0 if token.symbol else 1
            yield index
            index -= 1

    def predicate_negated(self, span: range) -> int | None:
        """The cue right after a term that ends on a linking verb (`self is` + `not`)."""
        tokens, after = self.tokens, span.stop
        if (
            after < len(tokens)
            and tokens[span.stop - 1].text in _LINKING
            and tokens[after].text in ("not", "never")
            and self._is_cue(after)
        ):
            return after
        return None

    def _is_cue(self, index: int) -> bool:
        tokens = self.tokens
        if tokens[index].text not in _CUES:
            return False
        pair_after = (tokens[index].text, tokens[index + 1].text) if index + 1 < len(tokens) else ()
        pair_before = (tokens[index - 1].text, tokens[index].text) if index else ()
        return pair_after not in _NOT_CUES and pair_before not in _NOT_CUES

    def _scope_of(self, cue: int) -> Iterator[int]:
        tokens = self.tokens
        clause = self._clause_span(cue)
        limit = len(tokens)
        if tokens[cue].text in _SHORT_CUES and not (
            cue + 1 < len(tokens) and tokens[cue + 1].text in _WIDE_NO
        ):
            limit = SHORT_SCOPE
        elif self._subordinate(cue, clause.start):
            limit = CLAUSE_SCOPE
        taken = 0
        for index in range(cue + 1, clause.stop):
            token = tokens[index]
            if token.text in _ENDS_SCOPE or taken >= limit:
                return
            if taken and token.text in _NEW_VERB:
                return
            taken += 0 if token.symbol else 1
            yield index

    def _subordinate(self, cue: int, start: int) -> bool:
        """Whether the cue's clause so far (from token `start`) is a subordinate one (`that
        does not run ...`)."""
        return any(t.text in _SUBORDINATE for t in self.tokens[start:cue])

    def negated(self, index: int, inside: range | None = None) -> int | None:
        """The cue negating token `index`, unless the cue lies `inside` the matched span
        (a synonym such as `does not run` carries its own negation)."""
        cue = self._scopes.get(index)
        if cue is None or (inside is not None and cue in inside):
            return None
        return cue

    def cues_within(self, span: range) -> list[int]:
        """The negation cues that stand inside `span` and negate a word of it, or the word
        right after it (`does not` + `change`; `is not` + `"__main__"`)."""
        cues = self._cues
        low = bisect.bisect_left(cues, span.start)
        high = bisect.bisect_left(cues, span.stop)
        if low == high:
            return []
        scopes = self._scopes
        return [
            cue
            for cue in cues[low:high]
            if any(
                scopes.get(i) == cue for i in range(span.start, max(span.stop, cue + 2)) if i != cue
            )
        ]

    def offset_of(self, index: int, start: int, offset: int) -> int:
        """Where token `index` begins in `text`, counting from token `start` at `offset`."""
        tokens = self.tokens
        return offset + sum([len(tokens[i].text) + 1 for i in range(start, index)])

    def token_at(self, offset: int) -> int:
        """The index of the token at (or just after) `offset` in `text`: tokens hold no
        blank, and one blank stands between two, so it is the count of blanks up to there."""
        return min(self.text.count(" ", 0, offset + 1), max(len(self.tokens) - 1, 0))

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
    verbless_clause: bool = False
    """A clause of `LONG_CLAUSE` words or more, under `VERBLESS_SHARE` function words, with
    no finite verb: no auxiliary, subject pronoun or clause connector, no inflected verb
    after a determiner. Stock phrases (`one at a time`, `on demand`) lend a list function
    words, but not a verb."""

    MIN_WORDS = 8
    LONG_RUN = 6
    MANY_ITEMS = 5
    LONG_CLAUSE = 12
    VERBLESS_SHARE = 0.4
    LONG_ANSWER = 80
    """Words from which `distinct_share` tells: shorter answers repeat little anyway."""

    @classmethod
    def of(cls, prose: Prose) -> ListSignals:
        count = len(prose.words)
        if not count:
            return cls(0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, False, False)
        signature = prose.signature
        items = [item for item in _ITEM_BREAK.split(signature) if item]
        in_items = sum(map(len, items))
        short = sum([len(item) for item in items if len(item) <= 2])
        frames = [item for item in items if len(item) >= 2]
        repeated = 0
        if len(frames) >= 4:
            seen = Counter(frames)
            repeated = sum([1 for f in frames if seen[f] >= 3 and f.strip(_CONTENT)])
        broken = len(_BROKEN_PAIR.findall(signature))
        return cls(
            count,
            _function_words(signature) / count,
            sum(map(len, _CONTENT_RUN.findall(signature))) / count,
            short / in_items if len(items) >= cls.MANY_ITEMS else 0.0,
            broken / max(count - 1, 1) if broken >= 3 else 0.0,
            repeated / len(frames) if len(frames) >= 4 else 0.0,
            len({w.text for w in prose.words}) / count if count >= cls.LONG_ANSWER else 0.0,
            any(_bare(clause, cls.LONG_CLAUSE) for clause in signature.split(_CLAUSE_END)),
            _verbless(prose, cls.LONG_CLAUSE, cls.VERBLESS_SHARE),
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
            or self.verbless_clause
        )


def _read(text: str) -> tuple[tuple[Token, ...], tuple[int, ...], tuple[int, ...]]:
    """The tokens of `text`, where its clauses end, and where the negation cues stand;
    read chunk by chunk (see `_chunk`)."""
    tokens: list[Token] = []
    ends: list[int] = []
    cues: list[int] = []
    start = 0
    """Where the clause being read begins: a stop ends it only once it holds a token."""
    for line in _unquoted(text).casefold().split("\n"):
        if len(tokens) > start:  # a line break ends a clause
            start = len(tokens)
            ends.append(start)
        for piece in line.split():
            chunk_tokens, stops, chunk_cues = _chunk(piece)
            if stops or chunk_cues:
                base = len(tokens)
                for at in stops:
                    if base + at > start:
                        start = base + at
                        ends.append(start)
                cues += [base + at for at in chunk_cues]
            tokens += chunk_tokens
    return tuple(tokens), tuple(ends), tuple(cues)


def _unquoted(text: str) -> str:
    """Curly quotes and accents as `'`, backticks as blanks (`str.replace` is far quicker
    than `str.translate` on text that holds none)."""
    for quote, plain in _QUOTES:
        if quote in text:
            text = text.replace(quote, plain)
    return text


class _Chunk(NamedTuple):
    """What a run of non-blank characters reads as."""

    tokens: tuple[Token, ...]
    stops: tuple[int, ...]
    """Before which of its tokens (the count of those before it) each stop stands."""
    cues: tuple[int, ...]
    """Which of its tokens are negation cues (see `_CUES`)."""


@lru_cache(maxsize=MEMO_SIZE)
def _chunk(piece: str) -> _Chunk:
    """`piece` read as tokens and stops. No token spans a blank, so an answer is read
    chunk by chunk, and each distinct chunk once (answers repeat their words)."""
    tokens: list[Token] = []
    stops: list[int] = []
    for word, symbol, _ in _TOKEN.findall(piece):
        if word:
            tokens += (_word_token(part) for part in _expand(word))
        elif symbol:
            tokens.append(Token(symbol, symbol, True))
        else:
            stops.append(len(tokens))
    cues = tuple(i for i, token in enumerate(tokens) if token.text in _CUE_WORDS)
    return _Chunk(tuple(tokens), tuple(stops), cues)


def _word_token(word: str) -> Token:
    function = word in FUNCTION_WORDS
    misspelt = len(word) >= TYPO_WORD and word.isalpha() and not is_known(word)
    return Token(word, lemma(word), False, function, _MARKS.get(word, _CONTENT), misspelt)


@lru_cache(maxsize=MEMO_SIZE)
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


def _bare(clause: str, long_clause: int) -> bool:
    """Whether a long clause is almost all content words (`for loop list range iterate...`)."""
    size = len(clause)
    return size >= long_clause and _function_words(clause) < size / 4


def _verbless(prose: Prose, long_clause: int, share: float) -> bool:
    """Whether a long clause of few function words has no finite verb (see `ListSignals`):
    its words are checked one by one only when its signature has no verb's mark."""
    starts = (0, *prose.clause_ends)
    for number, clause in enumerate(prose.signature.split(_CLAUSE_END)):
        size = len(clause)
        if size < long_clause or _function_words(clause) >= size * share:
            continue
        if _FINITE_MARK.search(clause):
            continue
        stop = starts[number + 1] if number + 1 < len(starts) else len(prose.tokens)
        if not _has_verb_form(prose.tokens[starts[number] : stop]):
            return True
    return False


def _has_verb_form(tokens: tuple[Token, ...]) -> bool:
    """Whether a word past the clause's first is inflected as a finite verb may be: in
    `-s` (`the data starts`, `mlops gives`), or in `-ed` after a determiner within
    `VERB_SUBJECT` words (`the whole file loaded`, not `a time 50 gb list ram exhausted`)."""
    for at, token in enumerate(tokens):
        if not at or token.function_word or token.text == token.lemma:
            continue
        if token.text.endswith("s") and not token.text.endswith("ss"):
            return True
        if token.text.endswith("ed") and any(
            t.text in _DETERMINERS for t in tokens[max(at - VERB_SUBJECT, 0) : at]
        ):
            return True
    return False


def _function_words(signature: str) -> int:
    """How many of the words in `signature` are function words."""
    content = signature.count(_CONTENT) + signature.count(_MARKS["plus"])
    return len(signature) - signature.count(_CLAUSE_END) - content


_DETERMINERS = _set("a an the my your our their every")
_FINITE = _set(
    """is are was were am do does did has have had can could will would shall should may
    might must need needs get gets got make makes made let lets i you he she it we they
    because so when while if since which that who whom but whereas although though unless
    until whether"""
)
"""Words that make a clause: finite verbs, subjects, connectors of clauses."""
_PREPOSITIONS = _set("of to in on at by for with from into onto about after before")
_VERBS_BE = _set("is are was were be been am does did")
_CONJUNCTIONS = _set("and or but nor if because although whereas")
_NOT_AFTER = {
    "det": _DETERMINERS | _PREPOSITIONS | _VERBS_BE | _CONJUNCTIONS,
    "prep": _PREPOSITIONS - {"to"} | _CONJUNCTIONS | {"is", "are", "was", "were", "am"},
    "conj": _CONJUNCTIONS,
}


_PYTHON_WORDS = frozenset(w.casefold() for w in (*keyword.kwlist, *keyword.softkwlist))


def _bad_after() -> dict[str, frozenset[str]]:
    """A function word -> the words that may not follow it (Python's keywords left out: in
    `a for loop` or `the while and the for` they are nouns)."""
    found: dict[str, frozenset[str]] = {}
    for kind, words in (("det", _DETERMINERS), ("prep", _PREPOSITIONS), ("conj", _CONJUNCTIONS)):
        for word in words - _PYTHON_WORDS:
            found.setdefault(word, _NOT_AFTER[kind] - _PYTHON_WORDS)
    return found


_BAD_AFTER = _bad_after()


def _marks() -> dict[str, str]:
    """A letter for each function word (and `plus`), from U+0100 on; a content word's is
    `_CONTENT`. A frame of function words is then a string, and lists tell by regexes."""
    words = sorted(FUNCTION_WORDS | _ITEM_BREAKS)
    return {word: chr(0x100 + i) for i, word in enumerate(words)}


_MARKS = _marks()


def _marks_of(words: Iterable[str]) -> str:
    return "".join(_MARKS[w] for w in sorted(words))


_CONTENT = "c"
_CLAUSE_END = "|"
_FUNCTION_MARKS = _marks_of(FUNCTION_WORDS)
_CONTENT_RUN = re.compile(f"[^{_CLAUSE_END}{_FUNCTION_MARKS}]{{{ListSignals.LONG_RUN},}}")
"""Words in runs of `LONG_RUN` or more content words within one clause."""
_FINITE_MARK = re.compile(f"[{_marks_of(_FINITE)}]")
"""A word that makes a clause (`_FINITE`)."""
_ITEM_BREAK = re.compile(f"[{_CLAUSE_END}{_marks_of(_ITEM_BREAKS)}]")
"""Items end at clause ends and at `and`, `or`, `plus`."""


def _broken_pair() -> re.Pattern[str]:
    """Adjacent function words in an order English grammar does not allow (`the of`),
    each pair found once (the lookahead lets pairs overlap)."""
    by_after: dict[frozenset[str], list[str]] = {}
    for before, bad in _BAD_AFTER.items():
        by_after.setdefault(bad, []).append(before)
    pairs = (
        f"[{_marks_of(befores)}][{_marks_of(bad)}]"
        for bad, befores in sorted(by_after.items(), key=lambda kv: sorted(kv[1]))
    )
    return re.compile(f"(?=(?:{'|'.join(pairs)}))")


_BROKEN_PAIR = _broken_pair()
