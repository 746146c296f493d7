"""Plain-language explanations of the errors beginners meet most.

Each rule matches an error type and CPython's message; the first rule that matches
explains the error. Explanations may use the offending source line to be specific.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Explainer = Callable[[re.Match[str], str], str]


@dataclass(frozen=True)
class Rule:
    name: str
    types: tuple[str, ...]
    pattern: re.Pattern[str]
    explain: Explainer
    on_hidden: str | None = None
    """The explanation for an error on a hidden test, when `explain` quotes the test's data
    from the message (a KeyError's key): the same advice without it."""


class _Explaining(string.Formatter):
    """`str.format`, plus `{0!n}`: the value with its indefinite article (`an int`)."""

    def convert_field(self, value: Any, conversion: str | None) -> Any:
        if conversion == "n":
            text = str(value)
            return f"{'an' if text[:1].lower() in 'aeiou' else 'a'} {text}"
        return super().convert_field(value, conversion)


_EXPLAINING = _Explaining()


def _fixed(text: str) -> Explainer:
    return lambda match, line: _EXPLAINING.format(text, *match.groups(), **match.groupdict())


def _rule(
    name: str, types: str, pattern: str, explain: str | Explainer, on_hidden: str | None = None
) -> Rule:
    explainer = _fixed(explain) if isinstance(explain, str) else explain
    return Rule(name, tuple(types.split()), re.compile(pattern), explainer, on_hidden)


_FIRST_ITEM = re.compile(r"\[\s*(?:0|-1)\s*\]")


def _off_by_one(match: re.Match[str], line: str) -> str:
    if match.group().startswith("string") and _FIRST_ITEM.search(line):
        return (
            "The string is empty, so it has no first or last character. Empty strings come "
            'from an empty line, or from `split(" ")` between two spaces (`split()` with no '
            "argument never gives one): skip them, or split with no argument."
        )
    text = (
        "An index is past the end. Indexes run from 0 to len(...) - 1, so a list of 3 items "
        "has no item [3]."
    )
    if "<=" in line or "+ 1" in line or "+1" in line:
        text += " This line uses `<=` or `+ 1`, which often goes one step too far."
    elif "range(len(" in line:
        text += " `range(len(x))` already stops at the last index; check what you add to it."
    return text


def _name_error(match: re.Match[str], line: str) -> str:
    name, suggestion = match.group("name"), match.group("suggestion")
    if suggestion:
        return (
            f"Python does not know the name '{name}'. Did you mean '{suggestion}'? "
            "Names must be spelled exactly the same everywhere, including upper and lower case."
        )
    if f"'{name}'" not in line and f'"{name}"' not in line and name.isalpha() and name.islower():
        extra = f" If you meant the text {name!r}, put it in quotes."
    else:
        extra = ""
    return (
        f"Python does not know the name '{name}'. Give it a value before this line "
        f"(or import it) and check its spelling.{extra}"
    )


_STRING = re.compile(r"""(['"])(?:\\.|(?!\1).)*\1""")
_BLOCK_START = re.compile(r"^\s*(if|elif|else|for|while|def|class|try|except|finally|with)\b")
_LINE_MISTAKES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"!==|==="), "Python has no `===`: compare two values with `==` (and `!=`)."),
    (re.compile(r"\belse\s+if\b"), "Python spells `else if` as one word: `elif`."),
    (re.compile(r"&&|\|\|"), "Python writes `and` and `or`, not `&&` and `||`."),
    (re.compile(r"(?<![=!<>])!(?=\s*[A-Za-z_(])"), "Python writes `not x`, not `!x`."),
    (re.compile(r"\w\s*(\+\+|--)\s*$"), "Python has no `++` or `--`: write `x += 1`."),
)


def _syntax(fallback: str) -> Explainer:
    """A syntax error explained by the mistake its line shows, else by `fallback`."""

    def explain(match: re.Match[str], line: str) -> str:
        code = _STRING.sub('""', line).split("#", 1)[0].rstrip()  # text is not code
        for pattern, text in _LINE_MISTAKES:
            if pattern.search(code):
                return text
        if _BLOCK_START.match(code) and code.endswith(";"):
            return "A line that starts a block ends with a colon `:`, not a semicolon `;`."
        if ";" in code:
            return (
                "This line has a semicolon `;`, which ends a statement: inside brackets, "
                "the items of a list, tuple, dict or call are separated by commas `,`."
            )
        return fallback

    return explain


RULES: tuple[Rule, ...] = (
    # -- syntax ----------------------------------------------------------------------------
    _rule(
        "missing-colon",
        "SyntaxError",
        r"expected ':'",
        _syntax(
            "A line that starts a block (if, elif, else, for, while, def, class, try, with) "
            "must end with a colon `:`."
        ),
    ),
    _rule(
        "unclosed-bracket",
        "SyntaxError",
        r"'(?P<b>[(\[{])' was never closed",
        "A '{b}' is opened but never closed. Count the brackets on this line: every '{b}' "
        "needs its partner.",
    ),
    _rule(
        "unmatched-bracket",
        "SyntaxError",
        r"unmatched '(?P<b>[)\]}])'",
        "There is a closing '{b}' with no opening bracket before it. Remove it or add the "
        "missing opening bracket.",
    ),
    _rule(
        "mismatched-bracket",
        "SyntaxError",
        r"closing parenthesis '(?P<c>.)' does not match opening parenthesis '(?P<o>.)'",
        "Your code opens a '{o}' and closes it with '{c}': close each bracket with its "
        "own kind, the last one opened first.",
    ),
    _rule(
        "assign-to-call",
        "SyntaxError",
        r"cannot assign to (function call|literal|expression)",
        "The left side of `=` must be a name (or an item/attribute), not {0!n}. Did you "
        "mean `==` or swap the two sides?",
    ),
    _rule(
        "assign-vs-equal",
        "SyntaxError",
        r"Maybe you meant '==' (or ':=' )?instead of '='",
        "`=` stores a value; `==` compares two values. In a condition use `==`.",
    ),
    _rule(
        "unterminated-string",
        "SyntaxError",
        r"unterminated string literal",
        "A string starts here but has no closing quote on the same line. Close it with the "
        "same kind of quote that opened it.",
    ),
    _rule(
        "unterminated-triple",
        "SyntaxError",
        r"unterminated triple-quoted string",
        "A triple-quoted string is never closed. Add the closing three quotes.",
    ),
    _rule(
        "expected-indent",
        "IndentationError",
        r"expected an indented block",
        "After a line ending in `:` the next line must be indented (4 spaces is usual).",
    ),
    _rule(
        "unexpected-indent",
        "IndentationError",
        r"unexpected indent",
        "This line is indented more than the line before, but no block was started. Line "
        "it up with the code around it.",
    ),
    _rule(
        "unindent-mismatch",
        "IndentationError",
        r"unindent does not match",
        "This line's indentation does not line up with any block above. Use the same number "
        "of spaces as the block it belongs to.",
    ),
    _rule(
        "tabs-and-spaces",
        "TabError",
        r"inconsistent use of tabs and spaces",
        "This file mixes tabs and spaces for indentation. Use spaces only.",
    ),
    _rule(
        "forgot-comma",
        "SyntaxError",
        r"Perhaps you forgot a comma",
        "Two values stand side by side with nothing between them. Items in a list, tuple or "
        "call are separated by commas.",
    ),
    _rule(
        "print-statement",
        "SyntaxError",
        r"Missing parentheses in call to 'print'",
        "In Python 3 `print` is a function: write `print(...)` with parentheses.",
    ),
    _rule(
        "return-outside",
        "SyntaxError",
        r"'return' outside function",
        "`return` only works inside a function (a `def` block). Check the indentation of "
        "this line.",
    ),
    _rule(
        "break-outside",
        "SyntaxError",
        r"'(break|continue)' (?:not properly in|outside) loop",
        "`{0}` only works inside a `for` or `while` loop. Check the indentation of this line.",
    ),
    _rule(
        "bad-number",
        "SyntaxError",
        r"invalid (decimal|hexadecimal|octal|binary) literal",
        "A number runs straight into letters here (like `2x`). Names cannot start with a "
        "digit, and multiplication needs `*`.",
    ),
    _rule(
        "smart-quote",
        "SyntaxError",
        r"invalid character '(.)' \(U\+(201[89CD]|2018)\)",
        "The character '{0}' is a curly quote from a word processor. Use straight quotes "
        "' or \" instead.",
    ),
    _rule(
        "invalid-character",
        "SyntaxError",
        r"invalid character '(.)'",
        "The character '{0}' is not allowed in Python code here. Retype the line with "
        "plain keyboard characters.",
    ),
    _rule(
        "fstring",
        "SyntaxError",
        r"f-string: (.*)",
        "There is a problem inside the braces of an f-string: {0}.",
    ),
    _rule(
        "keyword-as-name",
        "SyntaxError",
        r"cannot assign to (True|False|None|__debug__)",
        "`{0}` is a fixed value in Python and cannot be assigned.",
    ),
    _rule(
        "generic-syntax",
        "SyntaxError",
        r"invalid syntax",
        _syntax(
            "Python could not read this line. Look for a missing bracket, quote, comma or "
            "operator here or at the end of the line before."
        ),
    ),
    # -- runtime ---------------------------------------------------------------------------
    _rule(
        "unbound-local",
        "UnboundLocalError",
        r"cannot access local variable '(?P<name>\w+)'|local variable '(?P<old>\w+)' referenced",
        "Because the function assigns to this variable, Python treats it as a new local "
        "variable, which has no value yet. Pass the value in as a parameter, or rename it.",
    ),
    _rule(
        "name-error",
        "NameError",
        r"name '(?P<name>\w+)' is not defined(?:\. Did you mean: '(?P<suggestion>\w+)'\?)?",
        _name_error,
    ),
    _rule(
        "str-plus-int",
        "TypeError",
        r'can only concatenate str \(not "(\w+)"\) to str',
        "Text and {0!n} cannot be added with `+`. Turn the value into text with `str(...)`, "
        'or use an f-string such as f"Total: {{total}}".',
    ),
    _rule(
        "none-operand",
        "TypeError",
        r"unsupported operand type\(s\) for (\S+): (?:'NoneType' and '\w+'|'\w+' and 'NoneType')",
        "One side of `{0}` is None. A function without `return` gives None (a call of "
        "your own function, say, whose path here ends without `return`); so do methods "
        "such as list.sort() that change a list in place.",
    ),
    _rule(
        "bad-operands",
        "TypeError",
        r"unsupported operand type\(s\) for (\S+): '(\w+)' and '(\w+)'",
        "`{0}` cannot combine {1!n} with {2!n}. If one of them came from input(), convert it "
        "first, for example with int(...).",
    ),
    _rule(
        "not-callable",
        "TypeError",
        r"'(\w+)' object is not callable",
        "A {0} value is being called like a function with `(...)`. A variable may have the "
        "same name as a function, or an operator such as `*` is missing before a bracket.",
    ),
    _rule(
        "missing-argument",
        "TypeError",
        r"missing (\d+) required positional argument",
        "The function needs more arguments than this call gives it. Compare the call with "
        "the function's `def` line.",
    ),
    _rule(
        "too-many-arguments",
        "TypeError",
        r"takes (\d+) positional arguments? but (\d+) (?:was|were) given",
        "The call passes more arguments than the function accepts. In a method, did you "
        "forget `self` as the first parameter?",
    ),
    _rule(
        "none-subscript",
        "TypeError",
        r"'NoneType' object is not subscriptable",
        "A value here is None. A function without `return` gives None; so do methods such "
        "as list.sort() that change the list in place.",
    ),
    _rule(
        "not-iterable",
        "TypeError",
        r"'(\w+)' object is not iterable",
        "A {0} cannot be looped over. To repeat n times write `for i in range(n)`.",
    ),
    _rule(
        "index-type",
        "TypeError",
        r"(list|tuple|string) indices must be integers",
        "Only whole numbers can index {0!n}. Values from input() are text: convert them "
        "with int(...). `for x in items` gives the items themselves, not their positions.",
    ),
    _rule(
        "immutable-str",
        "TypeError",
        r"'str' object does not support item assignment",
        "Strings cannot be changed in place. Build a new string instead, for example with "
        "slicing, `replace` or `join`.",
    ),
    _rule(
        "unhashable",
        "TypeError",
        r"unhashable type: '(\w+)'",
        "A {0} cannot be a dictionary key or set member because it can change. Use a tuple "
        "instead.",
    ),
    _rule("index-range", "IndexError", r"(list|tuple|string) index out of range", _off_by_one),
    _rule(
        "key-error",
        "KeyError",
        r"(.*)",
        "The dictionary has no key {0}. Check the spelling, add the key first, or use "
        "`.get(key, default)` or `if key in d`.",
        "A hidden test looks up a key the dictionary does not have. Check the spelling, add "
        "the key first, or use `.get(key, default)` or `if key in d`.",
    ),
    _rule(
        "zero-division",
        "ZeroDivisionError",
        r".*",
        "A division by zero happened: check that the divisor is not 0 before dividing, or "
        "catch ZeroDivisionError.",
    ),
    _rule(
        "int-parse",
        "ValueError",
        r"invalid literal for (?:int|float)\(\) with base 10|could not convert string to float",
        "The text could not be turned into a number. Check the input: it may contain "
        "spaces, letters, or a decimal point where an int is expected.",
    ),
    _rule(
        "none-attribute",
        "AttributeError",
        r"'NoneType' object has no attribute '(\w+)'",
        "The value is None, so it has no '{0}'. Methods such as list.sort() and list.append() "
        "return None; don't assign their result.",
    ),
    _rule(
        "attribute-typo",
        "AttributeError",
        r"'(\w+)' object has no attribute '(\w+)'\. Did you mean: '(\w+)'\?",
        "A {0} has no '{1}'. Did you mean '{2}'?",
    ),
    _rule(
        "no-attribute",
        "AttributeError",
        r"'(\w+)' object has no attribute '(\w+)'",
        "A {0} has no attribute or method '{1}'. Check the spelling and the type of the value.",
    ),
    _rule(
        "recursion",
        "RecursionError",
        r"maximum recursion depth",
        "The function keeps calling itself without stopping. Add a base case that returns "
        "without a recursive call, and make each call move closer to it.",
    ),
    _rule(
        "eof",
        "EOFError",
        r"EOF when reading a line",
        "input() was called more times than there are lines of input. Read exactly as many "
        "lines as the exercise gives.",
    ),
    _rule(
        "stop-iteration",
        "StopIteration",
        r".*",
        "next() was called on an iterator that has no items left.",
    ),
    _rule("assertion", "AssertionError", r".*", "An `assert` condition was false at this point."),
    _rule(
        "forbidden-sys",
        "Forbidden",
        r"importing 'sys'|name 'sys'",
        "Exercises do not offer `sys`. To read every line of input, call `input()` until it "
        "raises EOFError: `while True:` / `try: line = input()` / `except EOFError: break`. "
        "To stop early, `return` from a function or `break` out of the loop.",
    ),
    _rule(
        "forbidden-import",
        "Forbidden",
        r"importing '",
        "This exercise lets you import only the modules that `grader show` lists under "
        "'Modules you may import'; solve it with the built-ins or one of those.",
    ),
    _rule(
        "forbidden",
        "Forbidden",
        r".*",
        "Exercises allow only safe parts of Python: no files, network, system calls or "
        "modules outside the allowed list.",
    ),
    _rule(
        "output-limit",
        "output_limit OutputLimitExceeded",
        r".*",
        "The program printed far more than the exercise expects, so it was stopped. Look for "
        "a loop that never ends, or a print() inside a loop that belongs after it.",
    ),
    _rule(
        "timeout",
        "Timeout TimeLimitExceeded",
        r".*",
        "The program did not finish in time. Look for a loop whose condition never becomes "
        "false, or a loop that waits for input that never comes.",
    ),
    _rule(
        "memory",
        "MemoryError",
        r".*",
        "The program used too much memory, often because a list or string keeps growing "
        "inside a loop that never ends.",
    ),
)


def find_rule(error_type: str, message: str) -> tuple[Rule, re.Match[str]] | None:
    """The first rule that fits this error, with its match."""
    for rule in RULES:
        if error_type in rule.types:
            match = rule.pattern.search(message)
            if match:
                return rule, match
    return None


def explain(
    error_type: str, message: str, line: str | None = None, *, hidden: bool = False
) -> str | None:
    """The built-in explanation that fits this error, or None; on a `hidden` test's error,
    one that quotes nothing of the test's data."""
    found = find_rule(error_type, message)
    if found is None:
        return None
    rule, match = found
    if hidden and rule.on_hidden is not None:
        return rule.on_hidden
    return rule.explain(match, line or "")
