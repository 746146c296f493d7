"""Instructors' regexes matched against learners' answers, on bounded input."""

from __future__ import annotations

import re

__all__ = ["MAX_PATTERN_INPUT", "pattern_search"]

MAX_PATTERN_INPUT = 2000
"""Characters of a learner's answer that an instructor's regex is matched against.

Answers are bounded to 1 MB, but even a pattern without nested quantifiers can take
polynomial time: `\\w+\\s*\\w+!` needs half a second on 1,000 characters and most of a
minute on 4,000.
"""


def pattern_search(pattern: re.Pattern[str], text: str) -> bool:
    """Whether `pattern` matches in the first `MAX_PATTERN_INPUT` characters of `text`."""
    return pattern.search(text, 0, MAX_PATTERN_INPUT) is not None
