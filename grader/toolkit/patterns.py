"""Instructors' regexes matched against learners' answers, on bounded input."""

from __future__ import annotations

import importlib
import re
from functools import lru_cache
from typing import Any

__all__ = ["MAX_PATTERN_INPUT", "may_match", "pattern_search", "requirements"]

MAX_PATTERN_INPUT = 2000
"""Characters of a learner's answer that an instructor's regex is matched against.

Answers are bounded to 1 MB, but even a pattern without nested quantifiers can take
polynomial time: `\\w+\\s*\\w+!` needs half a second on 1,000 characters and most of a
minute on 4,000.
"""


def pattern_search(pattern: re.Pattern[str], text: str) -> bool:
    """Whether `pattern` matches in the first `MAX_PATTERN_INPUT` characters of `text`."""
    return pattern.search(text, 0, MAX_PATTERN_INPUT) is not None


def may_match(pattern: re.Pattern[str], text: str) -> bool:
    """False when `text` lacks a string that every match of `pattern` holds (see
    `requirements`), so that searching it is sure to fail."""
    for alternatives in requirements(pattern):
        for alternative in alternatives:
            if alternative in text:
                break
        else:
            return False
    return True


@lru_cache(maxsize=4096)
def requirements(pattern: re.Pattern[str]) -> tuple[tuple[str, ...], ...]:
    """What every match of `pattern` holds, read from the standard library's own parse of
    it: each entry is strings of which a match holds at least one (`(uses?|needs?)` gives
    `use`, `need`). Empty when nothing is known (a case-insensitive pattern, say)."""
    if pattern.flags & re.IGNORECASE:
        return ()
    try:
        parser: Any = importlib.import_module("re._parser")
        items = list(parser.parse(pattern.pattern, pattern.flags))
        return tuple(n for n in _needs(parser, items) if any(a.strip() for a in n))
    except (ImportError, AttributeError, TypeError, ValueError, re.error, RecursionError):
        return ()  # another Python's parser: no shortcut, every text is searched


def _needs(parser: Any, items: list[tuple[Any, Any]]) -> list[tuple[str, ...]]:
    needs: list[tuple[str, ...]] = []
    run = ""
    for opcode, argument in items:
        if opcode is parser.LITERAL:
            run += chr(argument)
            continue
        if opcode is parser.AT:  # an anchor (`\b`, `^`) takes no character
            continue
        if run:
            needs.append((run,))
            run = ""
        if opcode is parser.SUBPATTERN and not argument[1] & re.IGNORECASE:
            needs += _needs(parser, list(argument[3]))
        elif opcode is parser.MAX_REPEAT or opcode is parser.MIN_REPEAT:
            if argument[0] >= 1:
                needs += _needs(parser, list(argument[2]))
        elif opcode is parser.BRANCH:
            needs += _either(parser, argument[1])
    if run:
        needs.append((run,))
    return needs


def _either(parser: Any, branches: list[Any]) -> list[tuple[str, ...]]:
    """One string that each branch holds, when every branch has one."""
    found = []
    for branch in branches:
        own = [n[0] for n in _needs(parser, list(branch)) if len(n) == 1 and n[0].strip()]
        if not own:
            return []
        found.append(max(own, key=len))
    return [tuple(found)]
