"""A conservative check for instructor regexes that can backtrack catastrophically.

Python's `re` backtracks: in `(a+)+b` the text `aaaa` can be split among the iterations in
2**n ways, and on an answer with no `b` every split is tried, so one learner answer can
hang grading for minutes. The check reads the pattern tree of `re._parser` (what `re`
itself compiles) and flags a repeated group (`*`, `+`, `{m,n}` with n > 1) whose body can
match the same text in more than one way:

- a quantifier inside it whose characters can also be matched by what follows it in the
  group, or by the start of the group's next iteration: `(a+)+`, `(a*)*`, `(\\w+\\s*)+`,
  `(-?\\d+)+`, `(.*,)+`; but not `(\\w+\\s)+`, `(\\d+,)+` or `(ab?)+`;
- alternatives that can begin with the same character: `(a|a)+`, `(a|aa)+`, `(\\w|a1)+`.

Character sets are compared on a sample alphabet (Latin-1, Latin Extended-A and a few
other scripts), and `(?i)` adds both cases, so a flagged pattern may occasionally be safe
in practice; possessive quantifiers (`a++`) and atomic groups (`(?>...)`) never backtrack
and are never flagged. Patterns that are only slow in polynomial time (`\\w+\\s*\\w+`)
pass; grading bounds the answer length they see instead (`MAX_PATTERN_INPUT`).
"""

from __future__ import annotations

import re
from functools import cache
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

Chars = frozenset[int]
Items = Any  # a re._parser.SubPattern, or a list of (opcode, argument) pairs

SAMPLE: Chars = frozenset([*range(0x180), 0x663, 0x2003, 0x4E00])
"""The characters sets are compared on: Latin-1, Latin Extended-A, an Arabic-Indic digit,
an em space and a CJK ideograph (so that `\\d`, `\\s`, `\\w` are not ASCII-only here)."""

_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT)
_NO_BACKTRACKING = (sre.POSSESSIVE_REPEAT, sre.ATOMIC_GROUP)
_LOOKAROUNDS = (sre.ASSERT, sre.ASSERT_NOT, sre.AT)

ADVICE = (
    "rewrite it so that each part of the answer can be matched in only one way, "
    "e.g. `(\\d+\\s*)+` as `\\d+(\\s+\\d+)*`, or make the inner quantifier possessive "
    "(`\\d++`)"
)


def backtracking_risk(pattern: str) -> str | None:
    """Why `pattern` can backtrack catastrophically, or None when it cannot (or is invalid)."""
    try:
        tree = _parser.parse(pattern, 0)
    except (re.error, RecursionError, OverflowError):
        return None  # compiling it reports the error
    what = _find(tree.data, bool(tree.state.flags & re.IGNORECASE))
    if what is None:
        return None
    return (
        f"can take exponential time on some answers (catastrophic backtracking): a repeated "
        f"group contains {what} that can match the same text in more than one way, so one "
        f"learner answer could hang grading; {ADVICE}"
    )


def _find(items: Items, icase: bool) -> str | None:
    """The first ambiguous repeated group anywhere in `items`, described; else None."""
    for op, av in items:
        if op in _REPEATS and av[1] > 1:
            body_first, _ = _first_seq(av[2], icase)
            what = _ambiguous(av[2], body_first, icase)
            if what is not None:
                return what
        for child, child_icase in _children(op, av, icase):
            what = _find(child, child_icase)
            if what is not None:
                return what
    return None


def _children(op: Any, av: Any, icase: bool) -> list[tuple[Items, bool]]:
    """The sub-sequences of one item, each with its case-insensitivity."""
    if op in (*_REPEATS, sre.POSSESSIVE_REPEAT):
        return [(av[2], icase)]
    if op is sre.SUBPATTERN:
        return [(av[3], _flags(icase, av[1], av[2]))]
    if op is sre.ATOMIC_GROUP:
        return [(av, icase)]
    if op in (sre.ASSERT, sre.ASSERT_NOT):
        return [(av[1], icase)]
    if op is sre.BRANCH:
        return [(branch, icase) for branch in av[1]]
    if op is sre.GROUPREF_EXISTS:
        return [(seq, icase) for seq in av[1:] if seq is not None]
    return []


def _ambiguous(items: Items, follow: Chars, icase: bool) -> str | None:
    """What in `items` can match the same text two ways, given the characters that may
    come right after it (`follow`); None when nothing can."""
    for op, av in reversed(list(items)):
        what = _ambiguous_item(op, av, follow, icase)
        if what is not None:
            return what
        chars, nullable = _first_item(op, av, icase)
        follow = chars | follow if nullable else chars
    return None


def _ambiguous_item(op: Any, av: Any, follow: Chars, icase: bool) -> str | None:
    if op in _REPEATS:
        low, high, body = av
        chars, nullable = _first_seq(body, icase)
        if low != high and (nullable or chars & follow):
            return "a quantifier"
        return _ambiguous(body, chars | follow if high > 1 else follow, icase)
    if op is sre.SUBPATTERN:
        return _ambiguous(av[3], follow, _flags(icase, av[1], av[2]))
    if op is sre.BRANCH:
        return _ambiguous_branches(av[1], follow, icase)
    if op is sre.GROUPREF_EXISTS:
        return next(
            (w for seq in av[1:] if seq is not None if (w := _ambiguous(seq, follow, icase))),
            None,
        )
    return None  # single characters, anchors, lookarounds, possessive and atomic parts


def _ambiguous_branches(branches: list[Items], follow: Chars, icase: bool) -> str | None:
    seen: set[int] = set()
    empty = False
    for branch in branches:
        chars, nullable = _first_seq(branch, icase)
        starts = chars | follow if nullable else chars
        if starts & seen or (nullable and empty):
            return "alternatives"
        seen |= starts
        empty = empty or nullable
    return next((w for b in branches if (w := _ambiguous(b, follow, icase))), None)


def _first_seq(items: Items, icase: bool) -> tuple[Chars, bool]:
    """The characters a match of `items` can start with, and whether it can be empty."""
    found: set[int] = set()
    for op, av in items:
        chars, nullable = _first_item(op, av, icase)
        found |= chars
        if not nullable:
            return frozenset(found), False
    return frozenset(found), True


def _first_item(op: Any, av: Any, icase: bool) -> tuple[Chars, bool]:
    if op is sre.LITERAL:
        return _cased(frozenset({av}), icase), False
    if op is sre.NOT_LITERAL:
        return SAMPLE - _cased(frozenset({av}), icase), False
    if op is sre.ANY:
        return SAMPLE, False
    if op is sre.IN:
        return _cased(_in_set(av), icase), False
    if op in _LOOKAROUNDS:
        return frozenset(), True
    if op in (*_REPEATS, sre.POSSESSIVE_REPEAT):
        chars, nullable = _first_seq(av[2], icase)
        return (chars, nullable or av[0] == 0) if av[1] else (frozenset(), True)
    if op is sre.SUBPATTERN:
        return _first_seq(av[3], _flags(icase, av[1], av[2]))
    if op is sre.ATOMIC_GROUP:
        return _first_seq(av, icase)
    if op in (sre.BRANCH, sre.GROUPREF_EXISTS):
        seqs = av[1] if op is sre.BRANCH else [s if s is not None else [] for s in av[1:]]
        firsts = [_first_seq(seq, icase) for seq in seqs]
        return frozenset().union(*(c for c, _ in firsts)), any(n for _, n in firsts)
    return SAMPLE, True  # a back-reference: anything, possibly empty


def _in_set(items: list[tuple[Any, Any]]) -> Chars:
    """The characters of a `[...]` set."""
    found: set[int] = set()
    negate = False
    for op, av in items:
        if op is sre.NEGATE:
            negate = True
        elif op is sre.LITERAL:
            found.add(av)
        elif op is sre.RANGE:
            found |= {c for c in SAMPLE if av[0] <= c <= av[1]} | {av[0], av[1]}
        elif op is sre.CATEGORY:
            found |= _category(str(av))
    return SAMPLE - found if negate else frozenset(found)


_CATEGORIES = {
    "CATEGORY_DIGIT": r"\d",
    "CATEGORY_NOT_DIGIT": r"\D",
    "CATEGORY_SPACE": r"\s",
    "CATEGORY_NOT_SPACE": r"\S",
    "CATEGORY_WORD": r"\w",
    "CATEGORY_NOT_WORD": r"\W",
    "CATEGORY_LINEBREAK": r"\n",
    "CATEGORY_NOT_LINEBREAK": r"[^\n]",
}


@cache
def _category(name: str) -> Chars:
    """The sample characters in `\\d`, `\\w`... (all of them for a category not known here)."""
    pattern = _CATEGORIES.get(name)
    if pattern is None:
        return SAMPLE
    compiled = re.compile(pattern)
    return frozenset(c for c in SAMPLE if compiled.fullmatch(chr(c)))


def _cased(chars: Chars, icase: bool) -> Chars:
    if not icase:
        return chars
    variants = {ord(v) for c in chars for v in (chr(c).lower(), chr(c).upper()) if len(v) == 1}
    return chars | variants


def _flags(icase: bool, add: int, remove: int) -> bool:
    """Case-insensitivity inside `(?i:...)` or `(?-i:...)`."""
    if add & re.IGNORECASE:
        return True
    return icase and not remove & re.IGNORECASE
