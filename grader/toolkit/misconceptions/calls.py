"""Detectors for a function call that did not give what its case expects (write-function).

Each detector takes the `CallFacts` of one failed call. Those that propose a repaired
value (the number instead of its text, a tuple instead of a list) ask the case's expected
value whether it `matches()`, so they work in a locked bank too.
"""

from __future__ import annotations

import ast
import builtins
import contextlib
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, NamedTuple

from grader import explanations
from grader.toolkit.expected import Expected, Plain
from grader.toolkit.misconceptions import Finding, clip, errors, on_wrong_answers
from grader.toolkit.misconceptions.source import SourceFacts, divides, drops_fractions
from grader.toolkit.values import is_number, type_name, typed
from sandbox.outcome import CallResult
from sandbox.values import TooLarge, decode, encode, safe_repr

__all__ = ["DETECTORS", "CallFacts", "diagnose", "mutated_argument", "same_result"]

_MISSING = object()


@dataclass(frozen=True)
class CallFacts:
    """One call of a learner's function, and what its case expects of it."""

    call: str
    function: str
    result: CallResult
    returns: Expected[Any] | None
    raises: Expected[str] | None
    exact: bool
    source: SourceFacts

    @cached_property
    def value(self) -> Any:
        """What the call returned, as plain data."""
        return decode(self.result.value)

    @property
    def expected(self) -> Any:
        """The expected return value when it is known (not locked), else `_MISSING`."""
        return self.returns.answer if isinstance(self.returns, Plain) else _MISSING

    @property
    def expected_error(self) -> str | None:
        """The expected exception's name when it is known (not locked)."""
        return self.raises.answer if isinstance(self.raises, Plain) else None

    def would_pass(self, candidate: Any) -> bool:
        """Whether returning `candidate` would have passed the case."""
        if self.returns is None:
            return False
        try:
            return self.returns.matches(encode(candidate))
        except TooLarge:
            return False

    @cached_property
    def right(self) -> bool:
        """The call gave what its case expects (a subclass of the exception counts)."""
        error, raises = self.result.error, self.raises
        if raises is not None:
            names = (error.type,) if error and self.exact else self.result.raised_types
            return error is not None and any(raises.matches(n) for n in names or (error.type,))
        returns = self.returns
        return self.result.returned and returns is not None and returns.matches(self.result.value)

    @property
    def returned_none(self) -> bool:
        """It returned None where a value is expected."""
        return self.result.returned and self.result.value is None and not self.would_pass(None)


Detector = Callable[[CallFacts], Finding | None]


@on_wrong_answers
def error_in_call(facts: CallFacts) -> Finding | None:
    """A mistake that an error names: runaway recursion, comprehension clauses in the
    wrong order (see `grader.toolkit.misconceptions.errors`)."""
    error = facts.result.error
    if error is None or (facts.raises is not None and facts.raises.matches(error.type)):
        return None
    return errors.diagnose(error, facts.source, f"`{facts.call}`")


@on_wrong_answers
def returned_instead_of_raising(facts: CallFacts) -> Finding | None:
    """Returned (or printed) a message where the case expects an exception."""
    if facts.raises is None or not facts.result.returned:
        return None
    name = facts.expected_error or "the exception"
    printed = facts.result.stdout.strip()
    if printed and facts.result.value is None:
        did = f"printed `{clip(printed)}` and returned None"
    else:
        did = f"returned `{clip(facts.result.display)}`"
    how = f"`raise {name}(...)`" if facts.expected_error else "`raise`"
    advice = (
        f"a function signals this case with {how}, which stops it; returning or printing "
        "a message is not raising."
    )
    return Finding(
        "returned-instead-of-raising",
        f"`{facts.call}` {did} instead of raising {name}: {advice}",
        f"On a hidden test, your function returned instead of raising {name}: {advice}",
    )


@on_wrong_answers
def subclass_of_exact_exception(facts: CallFacts) -> Finding | None:
    """Raised a subclass where the case wants exactly the exception (`exact: true`)."""
    error, raises = facts.result.error, facts.raises
    if raises is None or error is None or not facts.exact or raises.matches(error.type):
        return None
    base = next((name for name in facts.result.raised_types[1:] if raises.matches(name)), None)
    if base is None:
        return None
    text = (
        f"{error.type} is a subclass of {base}, but this case wants exactly {base}: "
        f"`raise {base}(...)`, not a subclass of it."
    )
    return Finding(
        "exception-subclass",
        f"`{facts.call}` raised {error.type}. {text}",
        f"On a hidden test, your function raised {error.type}. {text}",
    )


@on_wrong_answers
def too_general_exception(facts: CallFacts) -> Finding | None:
    """Raised a base class (`Exception`) of the exception the case expects."""
    error, wanted = facts.result.error, facts.expected_error
    if error is None or wanted is None:
        return None
    cls = getattr(builtins, wanted, None)
    if not (isinstance(cls, type) and issubclass(cls, BaseException)):
        return None
    if error.type not in [base.__name__ for base in cls.__mro__[1:]]:
        return None
    text = (
        f"{error.type} is more general than the {wanted} this case expects: "
        f"`raise {wanted}(...)`, so that callers can catch exactly this problem."
    )
    return Finding(
        "too-general-exception",
        f"`{facts.call}` raised {error.type}. {text}",
        f"On a hidden test, your function raised {error.type}. {text}",
    )


@on_wrong_answers
def other_exception(facts: CallFacts) -> Finding | None:
    """Python's own error (ZeroDivisionError, IndexError...) where the case expects the
    function to raise a chosen exception."""
    error, raises = facts.result.error, facts.raises
    if raises is None or error is None:
        return None
    if any(raises.matches(name) for name in facts.result.raised_types or (error.type,)):
        return None
    name = facts.expected_error or "the exception this case expects"
    if error.text and error.text.lstrip().startswith("raise "):  # the program's own choice
        advice = f"raise {name} there instead."
    else:
        advice = f"detect this case yourself, before the step that fails, and raise {name}."
    return Finding(
        "other-exception",
        f"`{facts.call}` raised {error.type} ({clip(error.message)}), not {name}: {advice}",
        f"On a hidden test, your function raised {error.type}, not {name}: {advice}",
    )


@on_wrong_answers
def unexpected_exception(facts: CallFacts) -> Finding | None:
    """An error where the case expects a value, with the built-in explanation of it."""
    error = facts.result.error
    if facts.returns is None or error is None:
        return None
    explanation = explanations.explain(error.type, error.message, error.text or "")
    where = f" on line {error.line}" if error.line else ""
    code = f" (`{clip(error.text.strip())}`)" if error.text and error.text.strip() else ""
    message = clip(error.message.split(". Did you mean")[0], 100).rstrip(".")
    said = f": {message}." if message.strip() else "."
    detail = f" {explanation}" if explanation else ""
    return Finding(
        f"error-{error.type}",
        f"`{facts.call}` raised {error.type}{where}{code}{said}{detail}",
        f"On a hidden test, your function raised {error.type}{where}.",
    )


@on_wrong_answers
def printed_instead_of_returned(facts: CallFacts) -> Finding | None:
    """Printed the result and returned None."""
    printed = facts.result.stdout.strip()
    if not printed or not facts.returned_none:
        return None
    right = facts.would_pass(_literal(printed)) or facts.would_pass(printed)
    what = "the right value" if right else "it"
    advice = (
        f"use `return` instead of `print()`: print shows {what}, but the caller only gets "
        "what `return` gives back."
    )
    return Finding(
        "printed-instead-of-returned",
        f"Your function printed `{clip(printed)}` but returned None: {advice}",
        f"On a hidden test, your function printed its result but returned None: {advice}",
        complete=right,
    )


@on_wrong_answers
def result_of_in_place_method(facts: CallFacts) -> Finding | None:
    """Returned what `list.sort()` (or `append`, `reverse`...) gives back: None."""
    if not facts.returned_none:
        return None
    found = facts.source.in_place_results(facts.function)
    if not found:
        return None
    code = found[0]
    method = code.rsplit("(", 1)[0].rsplit(".", 1)[-1]
    text = (
        f"`{code}` changes its object in place and gives back None, so your function "
        f"returned None. Call `{method}()` on a line of its own and then return the object"
        + (", or use `sorted(...)`, which returns a new list." if method == "sort" else ".")
    )
    return Finding("in-place-method-result", text, text)


@on_wrong_answers
def missing_return(facts: CallFacts) -> Finding | None:
    """A function without any `return` of a value returns None."""
    if not facts.returned_none or facts.source.returns_a_value(facts.function) is not False:
        return None
    text = (
        f"`{facts.function}` has no `return` with a value, so every call gives back None: "
        "end it with `return` and the result."
    )
    return Finding("missing-return", text, text)


@on_wrong_answers
def text_instead_of_value(facts: CallFacts) -> Finding | None:
    """Returned the text of the right value: `"5"` for `5`, `"True"` for `True`."""
    value = facts.value
    if not isinstance(value, str):
        return None
    candidate = _literal(value.strip())
    if candidate is _MISSING or isinstance(candidate, str) or not facts.would_pass(candidate):
        return None
    advice = (
        f"return {type_name(candidate)}, not text made from it (no `str()`, f-string or "
        "quotes around the result)."
    )
    return Finding(
        "text-instead-of-value",
        f"`{facts.call}` returned the text `{clip(repr(value))}`, but the value itself, "
        f"`{clip(safe_repr(candidate))}`, is expected: {advice}",
        f"On a hidden test, your function returned text where a value is expected: {advice}",
        complete=True,
    )


@on_wrong_answers
def wrong_container(facts: CallFacts) -> Finding | None:
    """The right items in the wrong kind of container: a list for a tuple, and so on."""
    value = facts.value
    if not isinstance(value, (list, tuple, set, frozenset)):
        return None
    for candidate in _retyped(value):
        if facts.would_pass(candidate):
            wanted = type_name(candidate)
            how = {"a tuple": "tuple(...)", "a list": "list(...)", "a set": "set(...)"}[wanted]
            advice = f"{wanted} is expected (`{how}` makes one)."
            return Finding(
                "wrong-container",
                f"`{facts.call}` returned {type_name(value)}, "
                f"`{clip(facts.result.display)}`, with the right items, but {advice}",
                f"On a hidden test, your function returned {type_name(value)} with the "
                f"right items, but {advice}",
                complete=True,
            )
    return None


@on_wrong_answers
def wrong_number_type(facts: CallFacts) -> Finding | None:
    """The right number as the wrong type: `5.0` for the int `5`, `1` for `True`..."""
    value = facts.value
    candidate: Any = _MISSING
    if isinstance(value, bool):
        candidate, advice = int(value), "a number is expected, not True or False."
    elif isinstance(value, int) and value in (0, 1):
        candidate = bool(value)
        advice = (
            "True or False is expected: return the condition itself (`return x > 0` "
            "already gives a bool)."
        )
    elif isinstance(value, float) and value.is_integer():
        candidate = int(value)
        advice = (
            "an int is expected: `/` always gives a float; `//` divides to a whole number, "
            "and int() turns a whole float into an int."
        )
    if candidate is _MISSING or not facts.would_pass(candidate):
        return None
    return Finding(
        "wrong-number-type",
        f"`{facts.call}` returned {type_name(value)}, `{facts.result.display}`, but {advice}",
        f"On a hidden test, your function returned {type_name(value)}, but {advice}",
        complete=True,
    )


@on_wrong_answers
def integer_division(facts: CallFacts) -> Finding | None:
    """`/` where `//` is meant, or `//` (or int()) where `/` is meant."""
    value, expected = facts.value, facts.expected
    if not (is_number(value) and is_number(expected)):
        return None
    source = facts.source.source
    if isinstance(value, float) and isinstance(expected, int) and not value.is_integer():
        if math.floor(value) != expected or not divides(source):
            return None
        what = "a fraction where a whole number is expected"
        advice = "`/` keeps the fraction; `//` divides to a whole number (rounding down)."
    elif isinstance(value, int) and isinstance(expected, float) and not expected.is_integer():
        if math.floor(expected) != value or not drops_fractions(source):
            return None
        what = "a whole number where a fraction is expected"
        advice = "`//` and int() drop the fraction; `/` keeps it."
    else:
        return None
    return Finding(
        "integer-division",
        f"`{facts.call}` returned `{value!r}` where `{expected!r}` is expected: {advice}",
        f"On a hidden test, your function returned {what}: {advice}",
    )


@on_wrong_answers
def rounding(facts: CallFacts) -> Finding | None:
    """Not rounded, or rounded to the wrong number of decimals."""
    value, expected = facts.value, facts.expected
    if not (isinstance(expected, float) and is_number(value) and not isinstance(value, bool)):
        return None
    wanted = _decimals(expected)
    complete = bool(wanted) and round(value, wanted) == expected
    if complete:
        advice = f"round it to {wanted} decimals: `round(x, {wanted})`."
        hidden = "it has more decimals than expected: check the examples' results."
    else:
        got = _decimals(float(value))
        rounds = "round(" in facts.source.source or f".{got}f" in facts.source.source
        if not (0 < got < wanted and rounds and round(expected, got) == value):
            return None
        advice = f"it is rounded to {got} decimals; {wanted} are expected."
        hidden = (
            f"it is rounded to {got} decimals, fewer than expected: round later, or not at all."
        )
    return Finding(
        "rounding",
        f"`{facts.call}` returned `{value!r}` where `{expected!r}` is expected: {advice}",
        f"On a hidden test, your function's result is not rounded as expected: {hidden}",
        complete=complete,
    )


@on_wrong_answers
def text_case_or_spaces(facts: CallFacts) -> Finding | None:
    """Text that differs only in capitals, or in spaces."""
    value, expected = facts.value, facts.expected
    if not (isinstance(value, str) and isinstance(expected, str)):
        return None
    if value.strip() == expected.strip() and value != expected:
        what = "spaces at the start or the end (`.strip()` removes them)"
        if expected != expected.strip():
            what = "spaces at the start or the end: keep them as the text has them"
    elif value.casefold() == expected.casefold():
        what = "capitals: check `.upper()`, `.lower()`, `.capitalize()` and `.title()`"
    elif value.split() == expected.split():
        what = "the spaces between words"
    else:
        return None
    return Finding(
        "text-case-or-spaces",
        f"`{facts.call}` returned `{clip(repr(value))}` where `{clip(repr(expected))}` is "
        f"expected: they differ only in {what}.",
        f"On a hidden test, your function's text differs from the expected one only in {what}.",
        complete=True,
    )


@on_wrong_answers
def swapped_min_and_max(facts: CallFacts) -> Finding | None:
    """A clamp built from `min` and `max` that applies each bound with the other one."""
    value, expected = facts.value, facts.expected
    if not (is_number(value) and is_number(expected)):
        return None
    if not facts.source.nests_min_and_max(facts.function):
        return None
    advice = (
        "check which bound `min` and which `max` applies: `min(x, high)` caps x at high, "
        "`max(x, low)` lifts it to low, so keeping x between them is `max(low, min(x, high))`."
    )
    return Finding(
        "swapped-min-max",
        f"`{facts.call}` returned `{clip(facts.result.display)}` where `{expected}` is "
        f"expected: {advice}",
        f"On a hidden test, your function's result is outside what is expected: {advice}",
    )


@on_wrong_answers
def constant_for_argument(facts: CallFacts) -> Finding | None:
    """An argument's value expected back (`default`), and a literal returned instead."""
    value, expected = facts.value, facts.expected
    if expected is _MISSING or _key(value) == _key(expected):
        return None
    if not any(_key(c) == _key(value) for c in facts.source.returned_constants(facts.function)):
        return None
    parameters = facts.source.parameters(facts.function)
    for name, argument in zip(parameters, _arguments(facts.call), strict=False):
        if argument is not _MISSING and _key(argument) == _key(expected):
            advice = f"return the argument `{name}` itself, not a value written in the code."
            return Finding(
                "constant-for-argument",
                f"`{facts.call}` returned `{clip(facts.result.display)}`, a value written in "
                f"your code, where the argument `{name}` (`{clip(safe_repr(argument))}`) is "
                f"expected: {advice}",
                f"On a hidden test, your function returned a value written in your code where "
                f"one of its arguments is expected: {advice}",
            )
    return None


@on_wrong_answers
def running_value_started_outside(facts: CallFacts) -> Finding | None:
    """A running best (`largest = 0`) returned as it started: no item of the argument beat
    it (all negative, or all above it for a smallest), though one of them is expected."""
    value, expected = facts.value, facts.expected
    if type(value) not in (int, float) or expected is _MISSING or type(expected) is bool:
        return None
    items = [x for a in _arguments(facts.call) if isinstance(a, (list, tuple)) for x in a]
    numbers = [x for x in items if type(x) in (int, float)]
    if not numbers or value in numbers or expected not in numbers:
        return None
    if not re.search(rf"=\s*{re.escape(repr(value))}(?![\w.])", facts.source.source):
        return None
    advice = (
        f"a running value that starts at {value!r} keeps it when no item beats it (every "
        "value negative, say): start from the first item (`items[0]`), or from "
        "`float('-inf')` for a largest and `float('inf')` for a smallest."
    )
    return Finding(
        "running-value-started-outside",
        f"`{facts.call}` returned `{value!r}`, which is not one of the values given: {advice}",
        f"On a hidden test, your function returned its starting value, which is not one of "
        f"the values given: {advice}",
    )


_STARTS = re.compile(
    r"^[ \t]*((?:\w+[ \t]*=[ \t]*)+)(-?\d+(?:\.\d+)?)[ \t]*(?:#.*)?$", re.MULTILINE
)
"""`largest = 0`, `first = second = 0`: names that start at a number."""


@on_wrong_answers
def running_value_beyond_every_item(facts: CallFacts) -> Finding | None:
    """A running best that starts at a number (`largest = 0`) beyond every item given (all
    negative): no item beats it, whatever the call then returns or raises."""
    expected = facts.expected
    items = [x for a in _arguments(facts.call) if isinstance(a, (list, tuple)) for x in a]
    numbers = [x for x in items if type(x) in (int, float)]
    if not numbers or len(numbers) != len(items) or expected not in numbers:
        return None
    source = facts.source.source
    for match in _STARTS.finditer(source):
        start = float(match[2])
        below = all(x < start for x in numbers)
        if not below and not all(x > start for x in numbers):
            continue
        names = [n.strip() for n in match[1].split("=") if n.strip()]
        compared = [n for n in names if _compared(re.escape(n), source)]
        if compared:
            which = "below" if below else "above"
            advice = (
                f"where your `{compared[0]}` starts ({match[2]}), so no item beats it: start "
                "from the first item (`items[0]`), or from `float('-inf')` for a largest and "
                "`float('inf')` for a smallest."
            )
            return Finding(
                "running-value-beyond-every-item",
                f"In `{clip(facts.call)}` every value is {which} {match[2]}, {advice}",
                f"On a hidden test, every value is {which} {match[2]}, {advice}",
            )
    return None


def _compared(name: str, source: str) -> bool:
    return re.search(rf"\b{name}\b\s*[<>]|[<>]=?\s*\b{name}\b", source) is not None


def _arguments(call: str) -> list[Any]:
    """The positional arguments of `f(...)` as values (`_MISSING` where not a literal)."""
    try:
        node = ast.parse(call, mode="eval").body
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return []
    if not isinstance(node, ast.Call):
        return []
    return [_literal(ast.unparse(arg)) for arg in node.args]


@on_wrong_answers
def off_by_one(facts: CallFacts) -> Finding | None:
    """One item (or character) missing or extra at one end, or a count one off."""
    value, expected = facts.value, facts.expected
    advice = (
        "is a bound off by one? `range(a, b)` stops before b, and `<` and `<=` differ at the bound."
    )
    if is_number(value) and isinstance(expected, int) and isinstance(value, int):
        if abs(value - expected) != 1 or isinstance(expected, bool):
            return None
        if facts.source.has_bounds(facts.function) is False:
            return None  # nothing to be one off by: `return 0` for -1 is another mistake
        which = "one more" if value > expected else "one less"
        return Finding(
            "off-by-one",
            f"`{facts.call}` returned `{value}`, {which} than the expected `{expected}`: {advice}",
            f"On a hidden test, your function's result is {which} than expected: {advice}",
        )
    if not isinstance(expected, (list, tuple, str)) or type(value) is not type(expected):
        return None
    where = _one_off_at_an_end(expected, value, facts)
    if where is None:
        return None
    kind = "character" if isinstance(expected, str) else "item"
    return Finding(
        "off-by-one",
        f"`{facts.call}` returned `{clip(facts.result.display)}`: {where.format(kind)} "
        f"compared with the expected result; {advice}",
        f"On a hidden test, your function's result has {where.format(kind)}: {advice}",
    )


@on_wrong_answers
def element_types(facts: CallFacts) -> Finding | None:
    """The right values, but some item or key has the wrong type (`'1'` for `1`)."""
    value, expected = facts.value, facts.expected
    if expected is _MISSING or not _loosely_equal(expected, value):
        return None
    found = _type_difference(expected, value)
    if found is None:
        return None
    role, want, got = found
    text = (
        f"the {role} `{clip(safe_repr(got))}` is {type_name(got)} where "
        f"`{clip(safe_repr(want))}`, {type_name(want)}, is expected."
    )
    return Finding(
        "element-types",
        f"`{facts.call}` returned the right values, but {text}",
        f"On a hidden test, your function returned the right values, but one {role} has "
        f"the wrong type ({type_name(got)} where {type_name(want)} is expected).",
        complete=True,
    )


@on_wrong_answers
def different_type(facts: CallFacts) -> Finding | None:
    """A value of another type than expected: a dict where text is expected, say; and
    where the expected value is inside it, which part to return."""
    value, expected = facts.value, facts.expected
    if expected is _MISSING or value is None or not facts.result.returned:
        return None
    if type(value) is type(expected) or (is_number(value) and is_number(expected)):
        return None
    inside = ""
    held = list(value.values()) if isinstance(value, dict) else value
    if isinstance(held, (list, tuple)) and _only_by_chance(expected, held):
        pass  # a count of 1 among the items [1, 3] proves nothing
    elif isinstance(value, dict):
        key = next((k for k, v in value.items() if _key(v) == _key(expected)), _MISSING)
        if key is not _MISSING:
            inside = f" The expected value is its `{key!r}` entry: return just that."
    elif isinstance(value, (list, tuple)) and any(_key(v) == _key(expected) for v in value):
        inside = " The expected value is one of its items: return just that item."
    return Finding(
        "different-type",
        f"`{facts.call}` returned {type_name(value)}, `{clip(facts.result.display)}`, where "
        f"{type_name(expected)} is expected.{inside}",
        f"On a hidden test, your function returned {type_name(value)} where "
        f"{type_name(expected)} is expected.{inside}",
        complete=True,  # the case's hint is about a value: none can be judged of this type
    )


def _only_by_chance(expected: Any, items: list[Any] | tuple[Any, ...]) -> bool:
    """Whether an int expected among several ints may be there by chance."""
    if type(expected) is not int:
        return False
    return sum(1 for item in items if type(item) is int) > 1


DETECTORS: tuple[Detector, ...] = (
    running_value_beyond_every_item,
    error_in_call,
    returned_instead_of_raising,
    subclass_of_exact_exception,
    too_general_exception,
    other_exception,
    unexpected_exception,
    printed_instead_of_returned,
    result_of_in_place_method,
    missing_return,
    text_instead_of_value,
    wrong_container,
    wrong_number_type,
    integer_division,
    rounding,
    text_case_or_spaces,
    swapped_min_and_max,
    constant_for_argument,
    running_value_started_outside,
    off_by_one,
    element_types,
    different_type,
)
"""Most specific first: a call gets the first finding."""


def diagnose(facts: CallFacts) -> Finding | None:
    """The first detector's finding on this failed call, if any (none on a right one)."""
    for detector in DETECTORS:
        found = detector(facts)
        if found is not None:
            return found
    return None


class ChangedArgument(NamedTuple):
    """An argument a call changed: its name as said to a learner, before and after."""

    name: str
    before: Any
    after: Any


def changed_argument(parameters: Sequence[str], before: Any, after: Any) -> ChangedArgument | None:
    """The first argument that differs: `before` and `after` are `[args, kwargs]`."""
    changed = _changed_argument(before, after)
    if changed is None:
        return None
    position, old, new = changed
    if isinstance(position, int) and position < len(parameters):
        name = f"`{parameters[position]}`"
    elif isinstance(position, str):
        name = f"`{position}`"
    else:
        name = f"number {position + 1}"
    return ChangedArgument(name, old, new)


def mutated_argument(
    call: str, parameters: Sequence[str], before: Any, after: Any
) -> Finding | None:
    """Changed an argument: `before` and `after` are `[args, kwargs]` as plain data."""
    changed = changed_argument(parameters, before, after)
    if changed is None:
        return None
    name, old, new = changed
    advice = (
        "leave the arguments as they are: build a new object for the result (a copy, a "
        "new list or dict) instead of changing the one you were given."
    )
    if isinstance(old, list) and isinstance(new, list) and _sorts_to(old, new):
        advice = (
            "sorting a list with `.sort()` changes the caller's list; `sorted(...)` gives a "
            "sorted copy and leaves the argument as it was."
        )
    return Finding(
        "mutated-argument",
        f"`{call}` changed its argument {name} from `{clip(safe_repr(old))}` to "
        f"`{clip(safe_repr(new))}`: {advice}",
        f"On a hidden test, your function changed its argument {name}: {advice}",
    )


def same_result(calls: Sequence[CallFacts], hidden: Sequence[bool] | None = None) -> Finding | None:
    """Returns the same value for every call, though the expected values differ (the
    calls of hidden cases, flagged in `hidden`, are never quoted)."""
    if len(calls) < 2 or not all(c.result.returned for c in calls):
        return None
    expected = [c.expected for c in calls]
    if any(e is _MISSING for e in expected) or len({_key(e) for e in expected}) < 2:
        return None
    if len({_key(c.value) for c in calls}) != 1 or calls[0].value is None:
        return None  # None for every call: the detectors of a missing return say why
    shown = clip(calls[0].result.display)
    if calls[0].source.returns_only_constants(calls[0].function):
        text = (
            f"Your function returned `{shown}` for every call: the result must be computed "
            "from the arguments, not written into the function."
        )
        return Finding("same-result", text, text)
    secret = hidden or [False] * len(calls)
    quotable = [c for c, h in zip(calls, secret, strict=True) if not h]
    differing = next((c for c in quotable if _key(c.value) != _key(c.expected)), None)
    hidden_text = (
        f"Your function returned `{shown}` for every call, whatever the arguments: the "
        "expression it returns can never give the other results expected; work it out by "
        "hand for one call."
    )
    if differing is None:
        return Finding("same-result-computed", hidden_text, hidden_text)
    text = (
        f"Your function returned `{shown}` for every call, whatever the arguments, but "
        f"`{differing.call}` should give `{clip(safe_repr(differing.expected))}`: work out "
        "by hand what the expression it returns gives for that call."
    )
    return Finding("same-result-computed", text, hidden_text)


def _changed_argument(before: Any, after: Any) -> tuple[int | str, Any, Any] | None:
    """The first argument that differs: (position or keyword, before, after)."""
    args, kwargs = before
    if not (isinstance(after, list) and len(after) == 2):  # too large to compare
        return 0, args[0] if args else kwargs, after
    new_args, new_kwargs = after
    for position, (old, new) in enumerate(zip(args, new_args, strict=False)):
        if _key(old) != _key(new):
            return position, old, new
    for keyword, old in kwargs.items():
        if isinstance(new_kwargs, dict) and _key(old) != _key(new_kwargs.get(keyword)):
            return keyword, old, new_kwargs.get(keyword)
    return None


def _sorts_to(old: list[Any], new: list[Any]) -> bool:
    """Whether `new` is `old` sorted (either way)."""
    try:
        return new != old and new in (sorted(old), sorted(old, reverse=True))
    except TypeError:
        return False


def _key(value: Any) -> Any:
    """A comparable form of a plain value that keeps types, order and float bits."""
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, tuple(_key(item) for item in value))
    if isinstance(value, dict):
        return ("dict", frozenset((typed(k), _key(v)) for k, v in value.items()))
    if isinstance(value, (set, frozenset)):
        return ("set", frozenset(typed(item) for item in value))
    return (type(value).__name__, repr(value))


def _literal(text: str) -> Any:
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return _MISSING


def _retyped(value: Any) -> list[Any]:
    """The same items in other containers: list <-> tuple (outside, then all through),
    set -> sorted list, list -> set."""
    candidates: list[Any] = []
    if isinstance(value, list):
        candidates += [tuple(value), _deep(value, tuple)]
        with contextlib.suppress(TypeError):  # unhashable items
            candidates.append(frozenset(value))
    elif isinstance(value, tuple):
        candidates += [list(value), _deep(value, list)]
    else:
        with contextlib.suppress(TypeError):  # items that do not compare
            candidates.append(sorted(value))
    return candidates


def _deep(value: Any, to: type) -> Any:
    if isinstance(value, (list, tuple)):
        return to(_deep(item, to) for item in value)
    return value


def _decimals(number: float) -> int:
    text = repr(number)
    if "e" in text or "." not in text:
        return 0
    return len(text.split(".")[1].rstrip("0"))


def _one_off_at_an_end(
    expected: Sequence[Any], value: Sequence[Any], facts: CallFacts
) -> str | None:
    if len(value) == len(expected) - 1:
        if facts.would_pass(value + expected[-1:]):  # type: ignore[operator]
            return "the last {} is missing"
        if facts.would_pass(expected[:1] + value):  # type: ignore[operator]
            return "the first {} is missing"
    if len(value) == len(expected) + 1:
        if facts.would_pass(value[:-1]):
            return "one {} too many at the end"
        if facts.would_pass(value[1:]):
            return "one {} too many at the start"
    return None


def _loosely_equal(expected: Any, actual: Any) -> bool:
    """Equal when types are ignored: numbers (and bools) by value, lists as tuples, dict
    keys and set members by value."""
    if isinstance(expected, (int, float)) and isinstance(actual, (int, float)):
        return bool(math.isclose(expected, actual, rel_tol=1e-9, abs_tol=1e-9))
    if isinstance(expected, (list, tuple)) and isinstance(actual, (list, tuple)):
        return len(expected) == len(actual) and all(
            _loosely_equal(e, a) for e, a in zip(expected, actual, strict=True)
        )
    if isinstance(expected, dict) and isinstance(actual, dict):
        if len(expected) != len(actual):
            return False
        pairs = list(actual.items())
        return all(
            any(_loosely_equal(k, ak) and _loosely_equal(v, av) for ak, av in pairs)
            for k, v in expected.items()
        )
    if isinstance(expected, (set, frozenset)) and isinstance(actual, (set, frozenset)):
        return len(expected) == len(actual) and all(
            any(_loosely_equal(e, a) for a in actual) for e in expected
        )
    return type(expected) is type(actual) and bool(expected == actual)


def _type_difference(
    expected: Any, actual: Any, role: str = "value"
) -> tuple[str, Any, Any] | None:
    """The first place where two loosely equal values differ in type: (role, want, got)."""
    if type(expected) is not type(actual) and not (
        isinstance(expected, (set, frozenset)) and isinstance(actual, (set, frozenset))
    ):
        return role, expected, actual
    if isinstance(expected, (list, tuple)):
        for e, a in zip(expected, actual, strict=True):
            found = _type_difference(e, a, "item")
            if found:
                return found
    if isinstance(expected, dict):
        for key, item in expected.items():
            match = next((ak for ak in actual if _loosely_equal(key, ak)), _MISSING)
            if match is _MISSING:
                continue
            found = _type_difference(key, match, "key") or _type_difference(
                item, actual[match], "value"
            )
            if found:
                return found
    if isinstance(expected, (set, frozenset)):
        for e in expected:
            a = next((a for a in actual if _loosely_equal(e, a)), _MISSING)
            if a is not _MISSING and type(a) is not type(e):
                return "member", e, a
    return None
