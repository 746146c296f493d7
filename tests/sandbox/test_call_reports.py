"""What the child reports about each function call, in the real sandbox with both layers:
the raised exception's class and base classes by name, and the arguments as the call left
them (only when one of them could change)."""

from __future__ import annotations

import pytest

from sandbox import Sandbox
from sandbox.values import decode


def calls_of(box: Sandbox, source: str, *calls: str) -> dict[str, object]:
    outcome = box.run(source, filename="f.py", calls=list(calls))
    assert outcome.ok, outcome.error
    return {result.call: result for result in outcome.calls}


def test_a_raised_exception_reports_its_class_and_its_bases(sandbox: Sandbox) -> None:
    source = (
        "import statistics\n\n"
        "class BadRecord(ValueError):\n    pass\n\n"
        "def mean(xs):\n    return statistics.mean(xs)\n\n"
        "def parse(text):\n    raise BadRecord(text)\n"
    )
    found = calls_of(sandbox, source, "mean([])", "parse('x')")
    assert found["mean([])"].raised_types == (  # type: ignore[attr-defined]
        "StatisticsError",
        "ValueError",
        "Exception",
        "BaseException",
    )
    assert found["parse('x')"].raised_types[:2] == ("BadRecord", "ValueError")  # type: ignore[attr-defined]


def test_the_arguments_a_call_changed_are_reported_as_it_left_them(sandbox: Sandbox) -> None:
    source = (
        "def largest(numbers):\n    numbers.sort()\n    return numbers[-1]\n\n"
        "def invert(mapping):\n    return {v: k for k, v in mapping.items()}\n"
    )
    found = calls_of(sandbox, source, "largest([3, 9, 4])", "invert({'a': 1})")
    assert decode(found["largest([3, 9, 4])"].arguments) == [[[3, 4, 9]], {}]  # type: ignore[attr-defined]
    assert decode(found["invert({'a': 1})"].arguments) == [[{"a": 1}], {}]  # type: ignore[attr-defined]


def test_immutable_arguments_are_not_reported(sandbox: Sandbox) -> None:
    source = "def clamp(value, low, high):\n    return max(low, min(value, high))\n"
    result = calls_of(sandbox, source, "clamp(5, 0, 10)", "clamp(0.5, (0, 1), high='x')")
    assert all(r.arguments is None for r in result.values())  # type: ignore[attr-defined]


def test_an_argument_grown_too_large_is_reported_as_changed(sandbox: Sandbox) -> None:
    source = "def grow(items):\n    items.extend(range(200_000))\n    return len(items)\n"
    result = calls_of(sandbox, source, "grow([])")["grow([])"]
    assert result.returned and decode(result.arguments).repr == "too large to compare"  # type: ignore[attr-defined]


def test_a_deep_hierarchy_or_a_long_class_name_is_reported_cut_not_as_a_forgery(
    sandbox: Sandbox,
) -> None:
    """The child cuts what `sandbox.untrusted` bounds (64 classes, 1,000 characters each),
    so an unusual but legal program is never taken for a forged report."""
    long_name = "E" * 1500
    deep = "".join(f"class D{i}(D{i - 1}):\n    pass\n" for i in range(1, 80))
    source = (
        f"class {long_name}(ValueError):\n    pass\n\n"
        "class D0(KeyError):\n    pass\n" + deep + "\n"
        f"def long():\n    raise {long_name}('x')\n\n"
        "def deep():\n    raise D79('x')\n"
    )
    found = calls_of(sandbox, source, "long()", "deep()")
    assert found["long()"].raised_types[:2] == ("E" * 1000, "ValueError")  # type: ignore[attr-defined]
    deep_types = found["deep()"].raised_types  # type: ignore[attr-defined]
    assert len(deep_types) == 64 and deep_types[0] == "D79"


IMPORTED_PROGRAM = """from dataclasses import dataclass
from enum import Enum


class Color(Enum):
    RED = 1


@dataclass
class Point:
    x: int


class Base:
    def __init_subclass__(cls, **options):
        super().__init_subclass__(**options)
        cls.tag = cls.__name__


class Child(Base):
    pass


def median(xs):
    s = sorted(xs)
    return s[len(s) // 2]


def facts():
    return [__name__, Color.RED.name, Point(2).x, Child.tag]


if __name__ == "__main__":
    print(median([]))
"""


@pytest.mark.parametrize("layers", ["sandbox", "language_only"])
def test_a_program_whose_functions_are_called_is_imported_not_run_as_main(
    layers: str, request: pytest.FixtureRequest
) -> None:
    """A review's right `median` got 0: its self-test under `if __name__ == "__main__":`
    ran, as it never does when a test imports the file. Its classes stay its own."""
    box: Sandbox = request.getfixturevalue(layers)
    found = calls_of(box, IMPORTED_PROGRAM, "median([3, 1, 2])", "facts()")
    assert found["median([3, 1, 2])"].display == "2"  # type: ignore[attr-defined]
    assert found["facts()"].display == "['submission', 'RED', 2, 'Child']"  # type: ignore[attr-defined]
    as_main = box.run(IMPORTED_PROGRAM, filename="f.py")
    assert as_main.error is not None and as_main.error.type == "IndexError"
