"""Every comparison mode, and whitespace-only differences as presentation errors."""

from __future__ import annotations

import pytest

from grader.compare import Comparison, Mode, compare, normalize
from grader.diff import describe_first_difference, unified, visible


@pytest.mark.parametrize(
    "mode, expected, actual, equal",
    [
        (Mode.EXACT, "a\nb\n", "a\nb\n", True),
        (Mode.EXACT, "a\nb\n", "a\nb", False),
        (Mode.WHITESPACE, "a\nb\n", "a  \r\nb\n\n", True),
        (Mode.WHITESPACE, "a b\n", "a  b\n", False),
        (Mode.CASE_INSENSITIVE, "Hello World\n", "hello world", True),
        (Mode.CASE_INSENSITIVE, "Hello\n", "Help\n", False),
        (Mode.FLOAT, "area 3.14159\n", "area 3.141590000001\n", True),
        (Mode.FLOAT, "area 3.14159\n", "area 3.2\n", False),
        (Mode.FLOAT, "x 1e3\n", "x 1000.0\n", True),
        (Mode.FLOAT, "total: 2\n", "total 2\n", False),
        (Mode.REGEX, r"Total: \d+ items", "Total: 42 items\n", True),
        (Mode.REGEX, r"Total: \d+ items", "Total: many items\n", False),
        (Mode.UNORDERED_LINES, "a\nb\nc\n", "c\na\nb\n", True),
        (Mode.UNORDERED_LINES, "a\nb\n", "a\na\n", False),
    ],
)
def test_comparison_modes(mode: Mode, expected: str, actual: str, equal: bool) -> None:
    assert compare(expected, actual, Comparison(mode)).equal is equal


def test_float_tolerance_is_configurable() -> None:
    loose = Comparison(Mode.FLOAT, rel_tol=1e-2)
    assert compare("3.14\n", "3.15\n", loose).equal
    assert not compare("3.14\n", "3.15\n", Comparison(Mode.FLOAT)).equal


def test_whitespace_only_difference_is_a_presentation_error() -> None:
    match = compare("1 2 3\n", "1\n2\n3\n", Comparison(Mode.WHITESPACE))
    assert not match.equal and match.presentation_only


def test_different_values_are_not_a_presentation_error() -> None:
    assert not compare("1 2 3\n", "1 2 4\n", Comparison(Mode.WHITESPACE)).presentation_only


def test_normalize_unifies_line_endings_and_trailing_whitespace() -> None:
    assert normalize("a \r\nb\t\r\n\n\n") == "a\nb"


def test_diff_names_the_first_differing_line_with_visible_whitespace() -> None:
    assert (
        describe_first_difference("a\nb c\n", "a\nb  c\n") == "line 2: expected 'b·c', got 'b··c'"
    )
    assert describe_first_difference("a\nb", "a") == "line 2: expected 'b' but the output ended"
    diff = unified("x\ty\n", "x y\n")
    assert "-x→y" in diff and "+x·y" in diff
    assert visible(" \t\r") == "·→␍"
