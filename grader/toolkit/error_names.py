"""What Python's built-in exceptions mean, for hints about an error a learner named."""

from __future__ import annotations

import builtins

__all__ = [
    "EXCEPTION_NAMES",
    "MEANINGS",
    "is_python_exception",
    "looks_like_an_error_name",
    "named_error_hint",
]

MEANINGS: dict[str, str] = {
    "IndexError": "an index past the end of a list, a tuple or a str",
    "KeyError": "a dictionary looked up with a key it does not hold",
    "ValueError": "a value of the right type but unusable, such as int('abc')",
    "TypeError": "an operation on a value of the wrong type, such as 'a' + 1",
    "NameError": "a name used before it is given a value",
    "UnboundLocalError": "a local variable read before the function assigns it",
    "AttributeError": "an attribute or method the value does not have",
    "ZeroDivisionError": "a division or a modulo by zero",
    "StopIteration": "next() on an iterator that has no items left",
    "RecursionError": "a function that calls itself too deeply",
    "AssertionError": "an `assert` whose condition is false",
    "OverflowError": "a float result too large to hold",
    "SyntaxError": "code Python cannot read, found before anything runs",
    "IndentationError": "indentation that does not fit the blocks, found before anything runs",
    "TabError": "a block indented with tabs on some lines and spaces on others",
    "NotImplementedError": "a method that a class says it still has to write",
    "ModuleNotFoundError": "an import of a module that does not exist",
    "ImportError": "a name that a module does not offer to `from ... import`",
    "FileNotFoundError": "opening a file that does not exist",
    "EOFError": "input() when there is no line left to read",
}
"""The situation each common built-in exception reports."""


EXCEPTION_NAMES: tuple[str, ...] = tuple(
    sorted(
        name
        for name, value in vars(builtins).items()
        if isinstance(value, type) and issubclass(value, BaseException)
    )
)
"""The names of Python's built-in exception classes."""


def looks_like_an_error_name(name: str) -> bool:
    """A built-in exception's name, or one misspelt (`UnboundLocalErorr`)."""
    return is_python_exception(name) or _spelt_as(name) is not None


def _spelt_as(name: str) -> str | None:
    """The built-in exception `name` is a slip of, if any: the most similar name, if its
    similarity (2 x the common letters / both lengths, as rapidfuzz's ratio) is 85% or more."""
    from rapidfuzz import fuzz, process  # lazy: only a name that is no exception needs it

    near = process.extractOne(name, EXCEPTION_NAMES, scorer=fuzz.ratio, score_cutoff=85)
    return None if near is None else near[0]


def is_python_exception(name: str) -> bool:
    """Whether `name` is one of Python's built-in exception classes."""
    found = getattr(builtins, name, None)
    return isinstance(found, type) and issubclass(found, BaseException)


def named_error_hint(named: str, actual: str) -> str | None:
    """A hint for naming the error `named` where Python raises `actual`: what `named`
    means (never which error is right), or that Python has no such exception."""
    if not named or named == actual or named.casefold() == actual.casefold():
        return None
    if not is_python_exception(named):
        near = _spelt_as(named)
        if near is not None:
            return f"Python has no exception called {named}: check its spelling ({near}?)."
        return (
            f"Python has no exception called {named}: each error has a built-in name, such as "
            "TypeError, ValueError, KeyError or IndexError. Which of those fits what goes wrong?"
        )
    if _is_base(named, actual):
        return (
            f"Close: Python raises a more specific error than {named}, one of its kinds. "
            "Which one fits what goes wrong here?"
        )
    meaning = MEANINGS.get(named)
    if meaning is None:
        return None
    return f"{named} reports {meaning}. Is that what goes wrong here?"


def _is_base(named: str, actual: str) -> bool:
    """Whether the built-in exception `named` is a base class of the built-in `actual`."""
    base, derived = getattr(builtins, named, None), getattr(builtins, actual, None)
    return (
        isinstance(base, type)
        and isinstance(derived, type)
        and base is not derived
        and issubclass(derived, base)
    )
