"""Detectors for a program whose output is not the expected one (write-program, and the
output of a fix-syntax-error fix).

Detectors that repair the output (remove the prompt text, join the lines...) fire only
when the expected output accepts the repaired one, so they work in a locked bank too;
those that need to read the expected output fire only when it is known.
"""

from __future__ import annotations

import ast
import difflib
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from grader.compare import Comparison, Mode, normalize
from grader.toolkit.expected import ExpectedOutput
from grader.toolkit.misconceptions import Finding, clip, on_wrong_answers
from grader.toolkit.misconceptions.source import SourceFacts, divides, drops_fractions

__all__ = ["DETECTORS", "OutputFacts", "diagnose", "same_output"]

MAX_LINES = 500
"""Outputs longer than this (in lines) are not analysed line by line."""


@dataclass(frozen=True)
class OutputFacts:
    """One program run's output, and the output its case expects."""

    expected: ExpectedOutput
    actual: str
    source: SourceFacts

    @cached_property
    def right(self) -> bool:
        """The output is the expected one."""
        return self.would_pass(self.actual)

    @property
    def text(self) -> str | None:
        """The expected output when it is known (not locked, not a pattern)."""
        if self.expected.comparison.mode is Mode.REGEX:
            return None
        return self.expected.text

    @property
    def mode(self) -> Mode:
        return self.expected.comparison.mode

    def would_pass(self, candidate: str) -> bool:
        """Whether printing `candidate` would have passed the case."""
        return self.expected.compare(candidate).equal

    def nearly(self, candidate: str) -> bool:
        """Whether `candidate` is right, or right but for presentation."""
        match = self.expected.compare(candidate)
        return match.equal or match.presentation_only


Detector = Callable[[OutputFacts], Finding | None]


@on_wrong_answers
def prompt_in_output(facts: OutputFacts) -> Finding | None:
    """A prompt inside `input("...")`: the prompt text became part of the output."""
    prompts = [p for p in facts.source.input_prompts if p in facts.actual]
    if not prompts:
        return None
    repaired = facts.actual
    for prompt in prompts:
        repaired = repaired.replace(prompt, "")
    text = facts.text
    unexpected = text is not None and all(p.strip() not in text for p in prompts)
    if not (facts.nearly(repaired) or unexpected):
        return None
    prompt = prompts[0]
    advice = (
        "input() prints its prompt, so the prompt became part of your output. Call "
        "`input()` with nothing between the brackets: the tests give the input without "
        "being asked."
    )
    text = f"Your `input({clip(repr(prompt))})` shows the text `{clip(prompt)}`. {advice}"
    return Finding("input-prompt", text, text, facts.nearly(repaired))


@on_wrong_answers
def printed_none(facts: OutputFacts) -> Finding | None:
    """A `None` line from printing what a function (or `list.sort()`) returns."""
    lines = facts.actual.split("\n")
    if "None" not in (line.strip() for line in lines):
        return None
    repaired = "\n".join(line for line in lines if line.strip() != "None")
    if not facts.nearly(repaired):
        return None
    in_place = facts.source.printed_in_place_results()
    if in_place:
        text = (
            f"Your output has a `None` line: `print({in_place[0]})` prints what the method "
            "gives back, and methods that change a list in place (sort, append, reverse...) "
            "give back None. Call the method first, then print the list."
        )
    else:
        text = (
            "Your output has an extra `None` line; the rest is right. print() shows None for "
            "a value that is None, most often the result of a function without `return` "
            "(`print(f())` prints what f prints, then None): call such a function without "
            "print(), or make it return its result."
        )
    return Finding("printed-none", text, text, complete=True)


@on_wrong_answers
def printed_container(facts: OutputFacts) -> Finding | None:
    """Printed a list, tuple or dict itself, `[3, 4, 8]`, instead of its items."""
    lines = facts.actual.split("\n")
    if len(lines) > MAX_LINES or not any(c in facts.actual for c in "[({"):
        return None
    tried = []
    for joiner in (" ", "\n"):
        parsed = [_items(line, joiner) for line in lines]
        if all(p is None for p in parsed):
            return None
        repaired = "\n".join(
            line if p is None else p for line, p in zip(lines, parsed, strict=True)
        )
        tried.append((joiner, parsed, repaired))
    # the way of printing that gives the expected output exactly, before one that is
    # right but for line breaks (`print(*items)` where one per line is expected)
    tried.sort(key=lambda entry: not facts.expected.compare(entry[2]).equal)
    for joiner, parsed, repaired in tried:
        if facts.nearly(repaired):
            shown = next(line for line, p in zip(lines, parsed, strict=True) if p is not None)
            how = "separated by spaces" if joiner == " " else "one per line"
            advice = (
                f"print its items {how}: `print(*items)` or `' '.join(...)`."
                if joiner == " "
                else f"print its items {how}: `print(*items, sep='\\n')`, or print(item) in "
                "a for loop."
            )
            container = container_shown(shown)
            what = container[2] if container is not None else "list"
            if what in ("dict", "Counter", "OrderedDict", "defaultdict", "dict_items"):
                advice = (
                    "print each key and value: `for key, value in d.items(): print(key, value)`."
                )
            return Finding(
                "printed-container",
                f"You printed the {what} itself, `{clip(shown.strip())}`, with its brackets "
                f"and commas: {advice}",
                f"On a hidden test, you printed a {what} itself, with its brackets and "
                f"commas: {advice}",
                complete=True,
            )
    return None


@on_wrong_answers
def wrong_separator(facts: OutputFacts) -> Finding | None:
    """Values separated by commas (or another separator) instead of spaces."""
    separators = (", ", ",", " : ", ": ", ":", "; ", ";", " - ", "-", "\t", " | ", "|")
    for separator in separators:
        if separator not in facts.actual:
            continue
        if facts.nearly(_separated(facts.actual, separator, " ")):
            advice = (
                "the expected output separates them with spaces. print(a, b) puts one "
                "space between values: check `sep=` and what you join them with."
            )
            text = f"Your output separates the values with `{separator!r}`: {advice}"
            return Finding("separator", text, text, complete=True)
    return _separator_on_one_line(facts, separators)


_SIGN = re.compile(r"(?<![\w.)\]])-(?=\.?\d)")
"""A minus sign: before a number, and not after a word, a number or a bracket (`drop -0.07`,
not `3-4`)."""


def _separated(text: str, separator: str, replacement: str) -> str:
    """`text` with `separator` replaced, but never a number's minus sign."""
    if "-" not in separator:
        return text.replace(separator, replacement)
    signs = _SIGN.sub("\x00", text)
    return signs.replace(separator, replacement).replace("\x00", "-")


@on_wrong_answers
def flipped_sign(facts: OutputFacts) -> Finding | None:
    """Numbers with the opposite sign (`drop -0.07` for `drop 0.07`): a subtraction the
    wrong way round."""
    if not re.search(r"\d", facts.actual):
        return None
    for flipped in (_SIGN.sub("", facts.actual), _signs_of(facts.expected.text, facts.actual)):
        if flipped is not None and flipped != facts.actual and facts.nearly(flipped):
            pairs = zip(facts.actual.split("\n"), flipped.split("\n"), strict=False)
            shown = next((a for a, f in pairs if a != f), facts.actual)
            advice = (
                "check the order of a subtraction (`a - b` is `-(b - a)`), and where a sign "
                "is added or lost (`abs()`)."
            )
            return Finding(
                "flipped-sign",
                f"Your numbers have the opposite sign, as in `{clip(shown)}`: {advice}",
                f"On a hidden test, your numbers had the opposite sign: {advice}",
            )
    return None


def _signs_of(expected: str | None, actual: str) -> str | None:
    """`actual` with each number that is the negative of the expected one in its place
    made that one (a positive number where a negative one is expected)."""
    if expected is None:
        return None
    lines = []
    for want, got in zip(expected.split("\n"), actual.split("\n"), strict=False):
        wanted, words = want.split(" "), got.split(" ")
        if len(wanted) != len(words):
            return None
        lines.append(" ".join(map(_negated_as, wanted, words)))
    return "\n".join(lines) if expected.count("\n") == actual.count("\n") else None


def _negated_as(want: str, got: str) -> str:
    try:
        return want if float(want) == -float(got) != 0 else got
    except ValueError:
        return got


def _separator_on_one_line(facts: OutputFacts, separators: Sequence[str]) -> Finding | None:
    """One line with a separator the others rightly have (`total: 9` under `roll 1: 4`)."""
    lines = facts.actual.split("\n")
    if len(lines) > MAX_LINES:
        return None
    for number, line in enumerate(lines):
        for separator in separators:
            if separator not in line:
                continue
            repaired = [*lines[:number], _separated(line, separator, " "), *lines[number + 1 :]]
            if facts.nearly("\n".join(repaired)):
                advice = (
                    f"the expected output has a space there, not `{separator!r}`: check "
                    "that line's print() or f-string."
                )
                return Finding(
                    "separator",
                    f"Line {number + 1} of your output, `{clip(line)}`, separates its values "
                    f"with `{separator!r}`: {advice}",
                    f"On a hidden test, a line of your output separates its values with "
                    f"`{separator!r}`: {advice}",
                    complete=True,
                )
    return None


@on_wrong_answers
def line_breaks(facts: OutputFacts) -> Finding | None:
    """`end=` mistakes: all on one line where each value ends its line, or the reverse."""
    words = facts.actual.split()
    if len(words) < 2:
        return None
    lines = [line for line in facts.actual.split("\n") if line.strip()]
    if len(lines) > 1 and facts.would_pass(" ".join(words) + "\n"):
        text = (
            "Your output puts each value on a line of its own, but they belong on one line "
            "separated by spaces: print() ends its line every time it is called. Collect "
            "the values and print them once, with `print(*values)` or `' '.join(...)`."
        )
        return Finding("one-line-expected", text, text, complete=True)
    if len(lines) == 1 and facts.would_pass("\n".join(words) + "\n"):
        advice = (
            "each value must be on a line of its own: leave out `end=' '` (or `end=''`), "
            "so that every print() ends its line."
        )
        return Finding(
            "lines-expected",
            f"Your output is all on one line, `{clip(lines[0].strip())}`: {advice}",
            f"On a hidden test, your output is all on one line: {advice}",
            complete=True,
        )
    return None


@on_wrong_answers
def presentation(facts: OutputFacts) -> Finding | None:
    """The right tokens with other whitespace between them, or other line breaks."""
    text = facts.text
    match = facts.expected.compare(facts.actual)
    if text is None or not match.presentation_only:
        return None
    want, got = _lines(text), _lines(facts.actual)
    if len(want) != len(got):
        advice = "check `end=` in print(), and where each line is printed."
        return Finding(
            "line-breaks",
            f"The values are right, but the line breaks are not: your output has "
            f"{len(got)} lines where {len(want)} are expected; {advice}",
            f"On a hidden test, the values are right but the line breaks are not: {advice}",
            complete=True,
        )
    found = _first_different_line(text, facts.actual)
    if found is None:
        return None
    number, _, line = found
    advice = (
        "print(a, b) puts exactly one space between values; check `sep=`, and spaces at "
        "the start of strings or inside f-strings."
    )
    return Finding(
        "spaces-between",
        f"The values are right, but the spaces between them are not: line {number} of "
        f"your output is `{clip(line)}`; {advice}",
        f"On a hidden test, the values are right but the spaces between them are not: {advice}",
        complete=True,
    )


@on_wrong_answers
def spaces_inside(facts: OutputFacts) -> Finding | None:
    """Spaces added or missing inside a value: `A. L.` for `A.L.`, `total5` for `total 5`."""
    if not facts.expected.compare(facts.actual).spacing_inside:
        return None
    advice = (
        "print() puts a space between its arguments (and `end=' '` after each call): "
        "use `sep=''`, or build the text first with an f-string or `''.join(...)`."
    )
    general = (
        "The characters of your output are right, but spaces are added or missing inside "
        f"a line: {advice}"
    )
    text = facts.text
    if text is None:
        hidden = f"On a hidden test: {general[0].lower()}{general[1:]}"
        return Finding("spaces-inside", general, hidden, complete=True)
    found = _first_different_line(text, facts.actual)
    if found is None:
        return Finding("spaces-inside", general, general, complete=True)
    number, want, got = found
    if len(_lines(facts.actual)) > len(_lines(text)):
        advice = (
            "print() ends its line every time it is called: build the whole line first (or "
            "pass `end=''`) and print it once."
        )
        return Finding(
            "split-line",
            f"Your output breaks the line `{clip(want)}` over several lines (line {number} is "
            f"`{clip(got)}`): {advice}",
            f"On a hidden test, your output breaks a line over several lines: {advice}",
            complete=True,
        )
    return Finding(
        "spaces-inside",
        f"Line {number} of your output is `{clip(got)}`, but `{clip(want)}` is expected: the "
        f"characters are right, but spaces are added or missing inside it. {advice}",
        f"On a hidden test, the characters of your output are right, but spaces are added "
        f"or missing inside a line: {advice}",
        complete=True,
    )


@on_wrong_answers
def exact_whitespace(facts: OutputFacts) -> Finding | None:
    """Compared character by character: no final line break, an extra blank line at the
    end, or spaces at the end of a line."""
    if facts.mode is not Mode.EXACT:
        return None
    actual = facts.actual
    stripped = "\n".join(line.rstrip(" \t") for line in actual.split("\n"))
    repairs = [
        (
            actual + "\n",
            "your output does not end with a line break: the last print() must "
            "end its line (leave out `end=''`)",
        ),
        (
            actual.rstrip("\n") + "\n",
            "your output ends with extra blank lines: print nothing after the last line",
        ),
        (
            stripped,
            "lines of your output end with spaces: print nothing after the last "
            "value (check `end=' '` and strings that end with a space)",
        ),
    ]
    for repaired, what in repairs:
        if repaired != actual and facts.would_pass(repaired):
            text = f"The output is compared character by character, and {what}."
            return Finding("exact-whitespace", text, text, complete=True)
    return None


@on_wrong_answers
def capitals(facts: OutputFacts) -> Finding | None:
    """The output differs only in capitals."""
    text = facts.text
    if text is None or facts.mode is Mode.CASE_INSENSITIVE:
        return None
    if normalize(text).casefold() != normalize(facts.actual).casefold():
        return None
    found = _first_different_line(text, facts.actual)
    if found is None:
        return None
    number, want, got = found
    return Finding(
        "capitals",
        f"Your output differs only in capitals: line {number} is `{clip(got)}` where "
        f"`{clip(want)}` is expected.",
        "On a hidden test, your output differs from the expected one only in capitals.",
        complete=True,
    )


@on_wrong_answers
def numbers(facts: OutputFacts) -> Finding | None:
    """Numbers printed as the wrong type or to the wrong precision: `5.0` for `5`, `2.5`
    for `2` (or the reverse), not rounded, or without the expected decimals."""
    text = facts.text
    if text is None:
        return None
    want, got = text.split(), facts.actual.split()
    if len(want) != len(got) or len(want) > 20 * MAX_LINES:
        return None
    pairs = [_unpunctuated(w, g) for w, g in zip(want, got, strict=True) if w != g]
    if not pairs or not all(_NUMBER.fullmatch(w) and _NUMBER.fullmatch(g) for w, g in pairs):
        return None
    counted = _count_off_by_one(pairs)
    if counted is not None:
        return counted
    comparison = facts.expected.comparison
    found = [(_number_mistake(w, g, facts.source.source, comparison), w, g) for w, g in pairs]
    first, w, g = found[0]
    if first is None or any(mistake is None for mistake, _, _ in found):
        return None
    name, advice = first
    return Finding(
        name,
        f"Your output has `{g}` where `{w}` is expected: {advice}",
        f"On a hidden test, a number in your output is {_HIDDEN_NUMBER_MISTAKES[name]}: "
        "compare how your program writes it with the examples' outputs.",
        complete=True,
    )


@on_wrong_answers
def extra_or_missing_lines(facts: OutputFacts) -> Finding | None:
    """Debug prints or extra lines around otherwise right output; lines missing; one
    line too many or too few at an end (a loop bound off by one)."""
    text = facts.text
    if text is None:
        return _extra_line_at_an_end(facts)
    want, got = _lines(text), _lines(facts.actual)
    if not want or not got or max(len(want), len(got)) > MAX_LINES or len(want) == len(got):
        return None
    unordered = facts.mode is Mode.UNORDERED_LINES
    if unordered:  # where a line stands means nothing: sorted, and no end is named
        want, got = sorted(want), sorted(got)
    ops = difflib.SequenceMatcher(None, want, got, autojunk=False).get_opcodes()
    changed = [op for op in ops if op[0] != "equal"]
    if all(op[0] == "insert" for op in changed):
        extra = [got[j] for _, _, _, j1, j2 in changed for j in range(j1, j2)]
        kept = [line for j, line in enumerate(got) if not any(o[3] <= j < o[4] for o in changed)]
        if not facts.nearly("\n".join(kept) + "\n"):
            return None
        if unordered and all(line in want for line in extra):
            return _repeated_lines(extra)
        end = None if unordered else _end(changed, 3, 4, len(got))
        if len(extra) == 1 and _alike(extra[0], want):
            return _one_case_too_many(extra[0])
        return _extra_lines(extra, end, _ranges(facts))
    if all(op[0] == "delete" for op in changed):
        missing = [want[i] for _, i1, i2, _, _ in changed for i in range(i1, i2)]
        end = None if unordered else _end(changed, 1, 2, len(want))
        return _missing_lines(missing, end, _ranges(facts))
    return None


def _end(
    ops: Sequence[tuple[str, int, int, int, int]], start: int, stop: int, total: int
) -> str | None:
    """'start' or 'end' when the only change is at that end of the lines, else None."""
    if len(ops) != 1:
        return None
    if ops[0][stop] == total:
        return "end"
    return "start" if ops[0][start] == 0 else None


@on_wrong_answers
def values_off_by_one(facts: OutputFacts) -> Finding | None:
    """A value missing or extra at one end of a line: `3 4` for `3 4 8`."""
    paired = _paired_lines(facts)
    if paired is None:
        return None
    different = [(n, w, g) for n, (w, g) in enumerate(paired, 1) if w != g]
    if len(different) != 1:
        return None
    number, w, g = different[0]
    expected_words, words = w.split(), g.split()
    if len(words) == len(expected_words) - 1 and words:
        if words == expected_words[:-1]:
            where = f"misses its last value, `{expected_words[-1]}`"
        elif words == expected_words[1:]:
            where = f"misses its first value, `{expected_words[0]}`"
        else:
            return None
    elif len(words) == len(expected_words) + 1 and expected_words:
        if words[:-1] == expected_words:
            where = f"has one value too many at the end, `{words[-1]}`"
        elif words[1:] == expected_words:
            where = f"has one value too many at the start, `{words[0]}`"
        else:
            return None
    else:
        return None
    advice = "does a loop start or stop one step off? `range(a, b)` stops before b."
    return Finding(
        "off-by-one",
        f"Line {number} of your output {where}: {advice}",
        f"On a hidden test, a line of your output has one value too many or too few: {advice}",
    )


@on_wrong_answers
def counts_from_zero(facts: OutputFacts) -> Finding | None:
    """Lines numbered from 0 where they count from 1 (`batch 0:`), found by renumbering:
    so it works on patterns and locked outputs too."""
    lines = facts.actual.split("\n")
    if len(lines) > MAX_LINES or not any(_FIRST_INT.search(line) for line in lines):
        return None
    if sum(1 for line in lines if _FIRST_INT.search(line)) < 2:
        return None  # one number one off is a wrong value, not a count
    renumbered = [_renumbered(line) for line in lines]
    last = len(_lines(facts.actual))  # a final summary line (`total 11`) keeps its number
    candidates = ("\n".join(renumbered), "\n".join([*renumbered[: last - 1], *lines[last - 1 :]]))
    if not any(facts.would_pass(candidate) for candidate in candidates):
        return None
    first = next(line for line in lines if _FIRST_INT.search(line))
    advice = (
        "does your count start at 0? `enumerate(items, start=1)` and `range(1, n + 1)` "
        "count from 1."
    )
    return Finding(
        "count-off-by-one",
        f"Your output has `{clip(first.strip())}`, and each line's number is one less than "
        f"expected: {advice}",
        f"On a hidden test, each line's number is one less than expected: {advice}",
        complete=True,
    )


@on_wrong_answers
def printed_bool(facts: OutputFacts) -> Finding | None:
    """`True`/`False` printed where the output is a word such as `yes`/`no`."""
    text = facts.text
    if text is None:
        return None
    want, got = _lines(text), _lines(facts.actual)
    if len(want) != len(got):
        return None
    different = [(w, g) for w, g in zip(want, got, strict=True) if w != g]
    if not different or not all(g.strip() in ("True", "False") for _, g in different):
        return None
    if any(w.strip() in ("True", "False") for w, _ in different):
        return None
    w, g = different[0]
    return Finding(
        "printed-bool",
        f"Your output has `{g.strip()}`, a bool printed as it is, where `{clip(w.strip())}` is "
        "expected: print the text the exercise asks for, e.g. with an `if`.",
        "On a hidden test, your output has True or False where a word is expected: print "
        "the text the exercise asks for, e.g. with an `if`.",
    )


@on_wrong_answers
def line_order(facts: OutputFacts) -> Finding | None:
    """The right lines in another order (not sorted, say)."""
    text = facts.text
    if text is None or facts.mode is Mode.UNORDERED_LINES:
        return None
    want, got = _lines(text), _lines(facts.actual)
    if len(want) < 2 or len(want) > MAX_LINES or want == got or sorted(want) != sorted(got):
        return None
    ordered = " (in sorted order)" if want == sorted(want) and got != sorted(got) else ""
    return Finding(
        "line-order",
        f"Your output has the right lines, but in another order: the expected output "
        f"has them{ordered} starting with `{clip(want[0])}`, yours starts with `{clip(got[0])}`.",
        f"On a hidden test, your output has the right lines in another order{ordered}.",
        complete=True,
    )


@on_wrong_answers
def value_order(facts: OutputFacts) -> Finding | None:
    """The right values on a line, in another order (`apple x 3` for `3 x apple`)."""
    paired = _paired_lines(facts)
    if paired is None:
        return None
    different = [(w, g) for w, g in paired if w != g]
    if not different or not all(
        len(w.split()) > 1 and sorted(w.split()) == sorted(g.split()) for w, g in different
    ):
        return None
    w, g = different[0]
    advice = "check the order of the values in your print() or f-string."
    return Finding(
        "value-order",
        f"Your output has `{clip(g)}` where `{clip(w)}` is expected: the right values, in "
        f"another order; {advice}",
        f"On a hidden test, a line of your output has the right values in another order; {advice}",
        complete=True,
    )


@on_wrong_answers
def shifted_lines(facts: OutputFacts) -> Finding | None:
    """Every line one step early (or late): a loop over `range(n)` for 1..n."""
    text = facts.text
    if text is None:
        return None
    want, got = _lines(text), _lines(facts.actual)
    if len(want) < 3 or len(want) != len(got) or len(want) > MAX_LINES:
        return None
    if got[1:] == want[:-1]:
        where = "one step early: it starts with an extra first line and misses the last one"
    elif got[:-1] == want[1:]:
        where = "one step late: it misses the first line and has an extra last one"
    else:
        return None
    advice = (
        "does the loop start and stop one step off? `range(n)` runs from 0 to n - 1, "
        "`range(1, n + 1)` from 1 to n."
    )
    return Finding(
        "shifted-lines",
        f"Your output is {where} (`{clip(got[0])}` ... `{clip(got[-1])}`); {advice}",
        f"On a hidden test, your output is {where}; {advice}",
    )


DETECTORS: tuple[Detector, ...] = (
    prompt_in_output,
    printed_none,
    printed_container,
    flipped_sign,
    wrong_separator,
    line_breaks,
    spaces_inside,
    exact_whitespace,
    presentation,
    capitals,
    printed_bool,
    numbers,
    shifted_lines,
    line_order,
    value_order,
    extra_or_missing_lines,
    values_off_by_one,
    counts_from_zero,
)
"""Most specific first: a run gets the first finding."""


def diagnose(facts: OutputFacts) -> Finding | None:
    """The first detector's finding on this wrong output, if any."""
    if len(facts.actual) > 64 * 1024:
        return None  # a huge output is wrong in more ways than one
    for detector in DETECTORS:
        found = detector(facts)
        if found is not None:
            return found
    return None


def same_output(outputs: Sequence[str], expected: Sequence[str | None]) -> Finding | None:
    """The same output for every input, though the expected outputs differ."""
    if len(outputs) < 2 or None in expected or len({normalize(e or "") for e in expected}) < 2:
        return None
    if len({normalize(out) for out in outputs}) != 1 or not outputs[0].strip():
        return None
    text = (
        f"Your program printed the same output, `{clip(outputs[0].strip())}`, for every "
        "input: read the input with input() and compute the output from it, rather than "
        "printing an example's answer."
    )
    return Finding("same-output", text, text)


_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)")
_FIRST_INT = re.compile(r"(^|[^\d.])(\d+)(?![\d.])")


_HIDDEN_NUMBER_MISTAKES = {
    "float-for-int": "a float where a whole number is expected (`/` gives floats)",
    "integer-division": "divided with the wrong kind of division (`/` or `//`)",
    "not-rounded": "not rounded as expected",
    "decimals-shown": "shown with too few decimals",
    "rounded-early": "rounded to fewer decimals than expected",
}
"""What a hidden case's number mistake is, without its decimals (they tell its output)."""


def _number_mistake(
    want: str, got: str, source: str, comparison: Comparison
) -> tuple[str, str] | None:
    """What is wrong with the number `got` where `want` is expected, or None."""
    w, g = float(want), float(got)
    wd, gd = _decimals(want), _decimals(got)
    needed = _decimals_within(w, comparison) if comparison.mode is Mode.FLOAT else wd
    if "." not in want and "." in got and g == w:
        return "float-for-int", (
            "`/` always gives a float, even for a whole result; `//` divides to a whole "
            "number, and int() turns a whole float into an int."
        )
    keeps = divides(source)
    if "." not in want and "." in got and math.floor(g) == w and keeps:
        return "integer-division", "`/` keeps the fraction; `//` divides to a whole number."
    floors = drops_fractions(source)
    if "." in want and g.is_integer() and math.floor(w) == g and not w.is_integer() and floors:
        return "integer-division", "`//` and int() drop the fraction; `/` keeps it."
    if gd > wd and round(g, wd) == w:
        return "not-rounded", (
            f"show it with {wd} decimal{'s' if wd != 1 else ''}: `f'{{x:.{wd}f}}'` in an "
            f"f-string (`round(x, {wd})` rounds too, but drops trailing zeros: 0.5, not 0.50)."
        )
    if gd < wd and g == w:
        return "decimals-shown", (
            f"show exactly {wd} decimals with `f'{{x:.{wd}f}}'` (round() drops trailing zeros)."
        )
    if 0 <= gd < needed and round(w, gd) == g and ("round(" in source or ":." in source):
        at_least = "at least " if comparison.mode is Mode.FLOAT else ""
        return "rounded-early", (
            f"that is the expected value rounded to {gd} decimal{'s' if gd != 1 else ''}; "
            f"the output needs {at_least}{needed} (or no rounding at all)."
        )
    return None


def _decimals_within(expected: float, comparison: Comparison) -> int:
    """The fewest decimals a rounded number needs to be within the tolerance of
    `expected` (2 for an absolute tolerance of 0.01), at most 15."""
    allowed = max(comparison.abs_tol, comparison.rel_tol * abs(expected))
    for decimals in range(16):
        if 0.5 * 10.0**-decimals <= allowed:
            return decimals
    return 15


def _unpunctuated(want: str, got: str) -> tuple[str, str]:
    """Two tokens without the punctuation they share around them (`2:` and `1:`)."""
    while want and got and want[-1] == got[-1] and want[-1] in ":,;!)%":
        want, got = want[:-1], got[:-1]
    while want and got and want[0] == got[0] and want[0] in "(#$":
        want, got = want[1:], got[1:]
    return want, got


def _renumbered(line: str) -> str:
    return _FIRST_INT.sub(lambda m: m.group(1) + str(int(m.group(2)) + 1), line, count=1)


def _count_off_by_one(pairs: list[tuple[str, str]]) -> Finding | None:
    """Every differing number is a whole number one less (or one more) than expected."""
    if not all("." not in w + g for w, g in pairs):
        return None
    deltas = {int(g) - int(w) for w, g in pairs}
    if len(pairs) < 2 or deltas not in ({-1}, {1}):
        return None  # one number one off is a wrong value, not a count
    w, g = pairs[0]
    if deltas == {-1}:
        advice = (
            "every such number is one less than expected. Does a count start at 0? "
            "`enumerate(items, start=1)` and `range(1, n + 1)` count from 1."
        )
    else:
        advice = (
            "every such number is one more than expected. Does a count start one too high, "
            "or is 1 added once too often?"
        )
    return Finding(
        "count-off-by-one",
        f"Your output has `{g}` where `{w}` is expected: {advice}",
        f"On a hidden test, a number in your output is one off: {advice}",
        complete=True,
    )


def _decimals(number: str) -> int:
    return len(number.split(".")[1]) if "." in number else 0


_WRAPPED = re.compile(
    r"(?P<kind>Counter|OrderedDict|defaultdict|deque|dict_keys|dict_values|dict_items)\("
    r"(?:<class '\w+'>, |<function [^>]*>, |None, )?(?P<inside>.*)\)\s*$"
)
"""How print() shows the collections' containers and dict views: `Counter({'a': 2})`,
`defaultdict(<class 'int'>, {...})`, `deque([1, 2])`, `dict_items([('a', 1)])`."""
_PAIRS = ("OrderedDict", "dict_items")
"""Containers shown as a list of (key, value) pairs."""


def container_shown(line: str) -> tuple[int, str, str] | None:
    """Where a printed container starts in `line`, its literal text, and what it is
    (`list`, `dict`, `Counter`...); None when the line holds none."""
    start = min((line.find(c) for c in "[({" if c in line), default=-1)
    if start < 0:
        return None
    wrapped = _WRAPPED.search(line)
    if wrapped is not None and wrapped.start() <= start:
        return wrapped.start(), wrapped["inside"], wrapped["kind"]
    kind = {"[": "list", "(": "tuple", "{": "dict"}[line[start]]
    return start, line[start:].strip(), kind


def _items(line: str, joiner: str) -> str | None:
    """A line that ends with a printed list, tuple or dict (or a collections container),
    with its items joined instead (a dict's as `key value` lines); else None."""
    shown = container_shown(line) if len(line) <= 10_000 else None
    if shown is None:
        return None
    start, literal, kind = shown
    try:
        value: Any = ast.literal_eval(literal)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return None
    if kind in _PAIRS and isinstance(value, list):
        if not all(isinstance(p, tuple) and len(p) == 2 for p in value):
            return None
        value = dict(value)
    if isinstance(value, dict) and value:
        items = "\n".join(f"{key} {item}" for key, item in value.items())
        return line[:start] + items
    if not isinstance(value, (list, tuple)) or not value:
        return None
    return line[:start] + joiner.join(str(item) for item in value)


def _paired_lines(facts: OutputFacts) -> list[tuple[str, str]] | None:
    """The expected and the printed lines side by side, when the expected output is known
    and both have as many lines (at most `MAX_LINES`)."""
    text = facts.text
    if text is None:
        return None
    want, got = _lines(text), _lines(facts.actual)
    if len(want) != len(got) or len(want) > MAX_LINES:
        return None
    return list(zip(want, got, strict=True))


def _lines(text: str) -> list[str]:
    return normalize(text).split("\n") if normalize(text) else []


def _first_different_line(expected: str, actual: str) -> tuple[int, str, str] | None:
    want, got = _lines(expected), _lines(actual)
    for number, (w, g) in enumerate(zip(want, got, strict=False), 1):
        if w != g:
            return number, w, g
    return None


def _extra_line_at_an_end(facts: OutputFacts) -> Finding | None:
    """Locked: the output passes without its first (or last) line."""
    lines = _lines(facts.actual)
    if len(lines) < 2 or len(lines) > MAX_LINES:
        return None
    if facts.would_pass("\n".join(lines[:-1]) + "\n"):
        return _extra_lines([lines[-1]], "end", _ranges(facts))
    if facts.would_pass("\n".join(lines[1:]) + "\n"):
        return _extra_lines([lines[0]], "start", _ranges(facts))
    return None


def _ranges(facts: OutputFacts) -> bool:
    """Whether the program calls range(): only then is its stop worth naming."""
    return "range(" in facts.source.source


def _repeated_lines(extra: list[str]) -> Finding:
    """Right lines, some of them printed again (once per occurrence, not per value)."""
    advice = (
        "each expected line should appear once. A loop over every item prints once per "
        "occurrence: loop over the distinct ones (a dict's keys, or a set) instead."
    )
    return Finding(
        "repeated-lines",
        f"Your output repeats lines, such as `{clip(extra[0])}`: {advice}",
        f"On a hidden test, your output repeats some lines: {advice}",
        complete=True,
    )


def _alike(line: str, lines: list[str]) -> bool:
    """Whether `line` is shaped as the expected lines are (`day 3: alert` beside `day 1:
    alert`): the same words but for its numbers, as one more case of theirs would be."""
    shape = _NUMBER.sub("#", line).split()
    return len(shape) > 1 and any(_NUMBER.sub("#", other).split() == shape for other in lines)


def _one_case_too_many(extra: str) -> Finding:
    advice = (
        "the other lines are right, and it is shaped like them: does a condition let one "
        "case too many through (`>=` for `>`, a missing check), or a loop run once too often?"
    )
    return Finding(
        "extra-lines",
        f"Your output has one line too many, `{clip(extra)}`; {advice}",
        f"On a hidden test, your output has one line too many; {advice}",
    )


def _extra_lines(extra: list[str], end: str | None, ranges: bool) -> Finding:
    if len(extra) == 1 and end:
        stop = " (`range(a, b)` stops before b)" if ranges else ""
        advice = (
            "the other lines are right. A leftover debug print, or a loop that runs once "
            f"too often{stop}?"
        )
        return Finding(
            "extra-lines",
            f"Your output has one line too many at the {end}, `{clip(extra[0])}`; {advice}",
            f"On a hidden test, your output has one line too many at the {end}; {advice}",
        )
    if len(extra) == 1:
        advice = "the other lines are right. A leftover debug print, or one line too many?"
        return Finding(
            "extra-lines",
            f"Your output has one line that is not expected, `{clip(extra[0])}`; {advice}",
            f"On a hidden test, your output has one line that is not expected; {advice}",
        )
    more = f" and {len(extra) - 1} more"
    advice = "everything else is right: remove the prints that show work in progress."
    return Finding(
        "extra-lines",
        f"Your output has lines that are not expected, `{clip(extra[0])}`{more}; {advice}",
        f"On a hidden test, your output has lines that are not expected; {advice}",
    )


def _missing_lines(missing: list[str], end: str | None, ranges: bool) -> Finding:
    if len(missing) == 1 and end:
        which, does = (
            ("last", "stop one step too soon")
            if end == "end"
            else ("first", "start one step too late")
        )
        stop = (
            " `range(a, b)` stops before b, so `range(1, n)` never reaches n."
            if ranges
            else " Or is the last part left over after the loop, never printed or yielded?"
        )
        advice = f"the other lines are right. Does a loop {does}?{stop}"
        return Finding(
            "missing-lines",
            f"Your output misses the {which} expected line, `{clip(missing[0])}`; {advice}",
            f"On a hidden test, your output misses its {which} line; {advice}",
        )
    more = f" and {len(missing) - 1} more" if len(missing) > 1 else ""
    return Finding(
        "missing-lines",
        f"Your output misses expected lines, `{clip(missing[0])}`{more}; the lines it has are "
        "right.",
        "On a hidden test, your output misses some expected lines; the lines it has are right.",
    )
