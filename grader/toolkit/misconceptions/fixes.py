"""Detectors for a fix-syntax-error fix that compiles but is not the fix: it changes what
a line means, or changes lines that have no error.

Each detector takes one `Change`: a unit of the reference fix (None when the fix added
something) and the fix's unit in its place (None when the fix removed something). Hints
quote the broken program (which learners see) and the learner's own lines, never the
reference fix.
"""

from __future__ import annotations

import ast
import difflib
import io
import tokenize
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from grader.toolkit import structure
from grader.toolkit.misconceptions import Finding, clip
from grader.toolkit.structure import FixDiff, Unit

__all__ = ["ALONE", "DETECTORS", "Change", "FixFacts", "diagnose", "diagnose_alone"]

KEEP = "Fix only the syntax error, and keep the rest of the line as it was."


@dataclass(frozen=True)
class FixFacts:
    """The broken program, a learner's fix of it, and (unless locked) the reference fix."""

    broken: str
    fix: str
    reference: str = ""
    tree: ast.Module | None = None
    """The fix's tree, when the caller has it."""

    def broken_line(self, number: int | None) -> str:
        return _line(self.broken, number)

    def fix_line(self, number: int | None) -> str:
        return _line(self.fix, number)

    @cached_property
    def comments(self) -> tuple[str, ...]:
        """The fix's comments, without their `#`."""
        try:
            found = tokenize.generate_tokens(io.StringIO(self.fix).readline)
            return tuple(t.string.lstrip("#").strip() for t in found if t.type == tokenize.COMMENT)
        except (tokenize.TokenError, SyntaxError):
            return ()


@dataclass(frozen=True)
class Change:
    """One unit of the reference fix and what the learner's fix has in its place."""

    reference: Unit | None
    fix: Unit | None
    at_the_error: bool
    line: int | None
    """The line of the learner's fix where the change is."""
    original_line: int | None
    """The line of the broken program in its place."""
    facts: FixFacts
    removes_a_line: bool = False
    """Inside a statement over several lines, the change is a line taken out."""

    @property
    def original(self) -> str:
        return self.facts.broken_line(self.original_line)

    @property
    def yours(self) -> str:
        return self.facts.fix_line(self.line)

    @property
    def where(self) -> str:
        return f"line {self.line}" if self.line else "fix"

    @cached_property
    def difference(self) -> tuple[ast.AST, ast.AST] | None:
        """The smallest differing parts: (the reference's, the fix's)."""
        if self.reference is None or self.fix is None:
            return None
        return structure.first_difference(self.reference.node, self.fix.node)


Detector = Callable[[Change], Finding | None]


def commented_out(change: Change) -> Finding | None:
    """The broken line turned into a comment instead of fixed."""
    original = change.original
    if change.reference is None or not original or "#" not in change.facts.fix:
        return None
    if original not in change.facts.comments:
        return None
    text = (
        f"You turned line {change.original_line}, `{clip(original)}`, into a comment, so "
        "Python skips it and the program no longer does what it did: fix the line instead."
    )
    return Finding("commented-out", text, text)


def walrus_for_comparison(change: Change) -> Finding | None:
    """`:=` where the line compares: `if guess := answer:` for `if guess = answer:`."""
    if not _has(change.fix, ast.NamedExpr) or _has(change.reference, ast.NamedExpr):
        return None
    text = (
        f"Your {change.where}, `{clip(change.yours)}`, uses `:=`, which assigns: it stores a "
        "value in the name and then tests that value, so nothing is compared any more. "
        "`==` compares two values."
    )
    return Finding("walrus-for-comparison", text, text)


def is_for_equality(change: Change) -> Finding | None:
    """`is` where the line compares values with `==`."""
    found = change.difference
    if found is None or not (isinstance(found[0], ast.Eq) and isinstance(found[1], ast.Is)):
        return None
    text = (
        f"Your {change.where}, `{clip(change.yours)}`, uses `is`, which asks whether two "
        "names are the very same object, not whether their values are equal: `==` compares "
        "values (`is` only seems to work for some small numbers and strings)."
    )
    return Finding("is-for-equality", text, text)


def constant_condition(change: Change) -> Finding | None:
    """A condition replaced by a constant: `if True:`."""
    node = change.fix.node if change.fix else None
    test = getattr(node, "test", None)
    if not isinstance(node, (ast.If, ast.While)) or not isinstance(test, ast.Constant):
        return None
    reference = change.reference.node if change.reference else None
    if isinstance(getattr(reference, "test", None), ast.Constant):
        return None
    text = (
        f"Your {change.where} tests the constant `{test.value!r}`, so the condition no longer "
        f"depends on the program's values (the original line was `{clip(change.original)}`). "
        "Fix only the syntax error, and keep what the condition tests."
    )
    return Finding("constant-condition", text, text)


def handler_types(change: Change) -> Finding | None:
    """An except clause that catches other exceptions than the line names: a bare
    `except:` or `except Exception:`, or only some of the types."""
    node = change.fix.node if change.fix else None
    reference = change.reference.node if change.reference else None
    if not isinstance(node, ast.ExceptHandler) or not isinstance(reference, ast.ExceptHandler):
        return None
    if reference.type is None or isinstance(node.type, ast.BoolOp):
        return None
    original = change.original
    wanted = sorted(_names(reference.type), key=lambda name: (original.find(name), name))
    named = "" if node.type is None else ast.unparse(node.type)
    if node.type is None or named in ("Exception", "BaseException"):
        written = "A bare `except:`" if node.type is None else f"`except {named}:`"
        text = (
            f"{written} catches every error, even a misspelt name's NameError, not only "
            f"{' and '.join(wanted)}: name exactly the exceptions the original line names, "
            "in one except clause (Python's message says how)."
        )
        return Finding("broad-except", text, text)
    got = _names(node.type)
    missing = [name for name in wanted if name not in got]
    if not missing or not set(got) < set(wanted):
        return None
    text = (
        f"Your {change.where}, `{clip(change.yours)}`, catches only {' and '.join(got)}; the "
        f"original line also names {' and '.join(missing)}, which the program needs to "
        "catch too. Name them all in one except clause (Python's message says how)."
    )
    return Finding("fewer-exceptions", text, text)


def or_in_except(change: Change) -> Finding | None:
    """`except A or B:` catches only A: `or` gives its first true operand."""
    node = change.fix.node if change.fix else None
    if not isinstance(node, ast.ExceptHandler) or not isinstance(node.type, ast.BoolOp):
        return None
    first = ast.unparse(node.type.values[0])
    text = (
        f"`except {ast.unparse(node.type)}:` catches only {first}: `A or B` is worked out "
        "first and gives A (a class is always true). Several exceptions are named in a "
        "tuple, in one except clause."
    )
    return Finding("or-in-except", text, text)


def other_brackets(change: Change) -> Finding | None:
    """A list written with other brackets: `(x for x in xs)` for `[x for x in xs]`."""
    found = change.difference
    if found is None:
        return None
    want, got = (_BRACKETS.get(type(node)) for node in found)
    if want is None or got is None or want == got:
        return None
    text = (
        f"Your {change.where}, `{clip(change.yours)}`, makes {got[0]} with `{got[1]}`, where "
        f"the program needs {want[0]}, written with `{want[1]}` as the original opens it: "
        "keep that opening bracket, and close it with the same kind."
    )
    return Finding("other-brackets", text, text)


def hard_coded_value(change: Change) -> Finding | None:
    """A value typed in by hand where the program computed it: `print(9)` for
    `print(max(lengths))`, `3.14159` for `pi`."""
    found = change.difference
    if found is None or not (_constant(found[1]) and not _constant(found[0])):
        return None
    if _empty(found[1]):
        return None  # `lengths = []` starts a loop that rebuilds the value: a rewrite
    if isinstance(found[0], ast.JoinedStr) and _with_braces(found[1]):
        text = (
            f"Your {change.where}, `{clip(change.yours)}`, drops the `f` before the string: "
            "without it, the `{...}` parts are printed as they are, not replaced by values. "
            "Keep the f-string, and fix only the syntax error."
        )
        return Finding("dropped-f-prefix", text, text)
    typed_in = clip(ast.unparse(found[1]))
    text = (
        f"Your {change.where}, `{clip(change.yours)}`, uses `{typed_in}`, a value typed in by "
        f"hand, where the original line `{clip(change.original)}` computes it: keep the "
        "program's code, and fix only the syntax error."
    )
    return Finding("hard-coded-value", text, text)


def _with_braces(node: ast.AST) -> bool:
    """A plain str that still holds an f-string's `{...}`: the `f` dropped, not a value."""
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and "{" in node.value


def _empty(node: ast.AST) -> bool:
    """An empty list, tuple, set, dict or str: where a loop starts to build a value."""
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return not node.elts
    if isinstance(node, ast.Dict):
        return not node.keys
    return isinstance(node, ast.Constant) and node.value in ("", b"")


def removed_code(change: Change) -> Finding | None:
    """A line of the program removed."""
    removed = change.fix is None or change.removes_a_line
    if not removed or change.reference is None or not change.original:
        return None
    text = (
        f"Your fix removes line {change.original_line}, `{clip(change.original)}`: keep "
        "every line of the program, and fix only the syntax error."
    )
    return Finding("removed-code", text, text)


def added_code(change: Change) -> Finding | None:
    """A line added to the program (away from the error: there, `changed_line` says it)."""
    if change.at_the_error or change.reference is not None or change.fix is None:
        return None
    if not change.yours:
        return None
    text = (
        f"Your fix adds {change.where}, `{clip(change.yours)}`: the program needs no new "
        "code, only the syntax error fixed."
    )
    return Finding("added-code", text, text)


def changed_elsewhere(change: Change) -> Finding | None:
    """A line changed that has no syntax error."""
    if change.at_the_error or change.fix is None or not change.original:
        return None
    text = (
        f"You also changed line {change.original_line}: `{clip(change.original)}` became "
        f"`{clip(change.yours)}`. That line has no error: keep it as it was."
    )
    return Finding("changed-elsewhere", text, text)


def changed_line(change: Change) -> Finding | None:
    """The broken line changed into something else than itself with the error fixed."""
    if not change.at_the_error or change.fix is None or not change.original:
        return None
    text = (
        f"Your {change.where}, `{clip(change.yours)}`, is not the original line "
        f"`{clip(change.original)}` with only its syntax error fixed: it changes what the "
        f"line says. {KEEP}"
    )
    return Finding("changed-line", text, text)


DETECTORS: tuple[Detector, ...] = (
    commented_out,
    walrus_for_comparison,
    is_for_equality,
    constant_condition,
    handler_types,
    or_in_except,
    other_brackets,
    hard_coded_value,
    removed_code,
    added_code,
    changed_elsewhere,
    changed_line,
)
"""Most specific first: a change gets the first finding."""

ALONE: tuple[Detector, ...] = (walrus_for_comparison, constant_condition, or_in_except)
"""The detectors that need no reference fix (a locked bank has none)."""


def rewrite(diff: FixDiff, facts: FixFacts) -> Finding | None:
    """Most of the program replaced (by prints of its output, say), not one error fixed."""
    tree = facts.tree or structure.parse(facts.fix)
    only_prints = tree is not None and all(_prints_constants(s) for s in tree.body)
    changed = sum(len(reference) for reference, _, _ in diff.changes)
    if not only_prints and (diff.reference_units < 3 or changed * 4 < diff.reference_units * 3):
        return None
    what = "only prints values typed in by hand" if only_prints else "is a rewrite"
    text = (
        f"Your program {what}, not the original with its error fixed: start again from the "
        "original code and change only what Python's error message points at."
    )
    return Finding("rewrite", text, text)


def diagnose(diff: FixDiff, facts: FixFacts) -> list[Finding]:
    """One finding per change (the first detector's), in the fix's order; or one for
    the whole fix when it is a rewrite."""
    whole = rewrite(diff, facts)
    if whole is not None:
        return [whole]
    found = []
    for change in _changes(diff, facts):
        finding = _first(change, DETECTORS)
        if finding is not None:
            found.append(finding)
    return found


def diagnose_alone(broken: str, fix: str) -> list[Finding]:
    """Locked: the reference fix is not known, but the line Python reports the error on
    is. A changed line elsewhere is named; on the error's line, the detectors that need
    no reference, else a finding that names it."""
    tree = structure.parse(fix)
    if tree is None:
        return []
    facts, error_line = FixFacts(broken, fix), _error_line(broken)
    changed = _changed_lines(broken, fix)
    for line, original in sorted(changed.items()):
        if original != error_line and facts.broken_line(original):
            change = Change(None, None, False, line, original, facts)
            text = (
                f"You also changed line {original}: `{clip(change.original)}` became "
                f"`{clip(change.yours)}`. That line has no error: keep it as it was."
            )
            return [Finding("changed-elsewhere", text, text)]
    for unit in structure.units(structure.canonical(tree)):
        lines = [n for n in range(unit.line, unit.end_line + 1) if n in changed]
        if lines and not _is_marker(unit):
            finding = _first(Change(None, unit, True, lines[0], changed[lines[0]], facts), ALONE)
            if finding is not None:
                return [finding]
    if not changed:
        return []
    line, original = min(changed.items())
    text = (
        f"Your line {line}, `{clip(facts.fix_line(line))}`, is not the original line "
        f"{original}, `{clip(facts.broken_line(original))}`, with only its syntax error "
        f"fixed. {KEEP}"
    )
    return [Finding("changed-line", text, text)]


def _error_line(broken: str) -> int | None:
    """The line Python reports the broken program's syntax error on (compiling runs
    nothing)."""
    try:
        compile(broken, "broken.py", "exec", dont_inherit=True)
    except SyntaxError as error:
        return error.lineno
    except (ValueError, MemoryError, RecursionError):
        return None
    return None


def _first(change: Change, detectors: tuple[Detector, ...]) -> Finding | None:
    for detector in detectors:
        finding = detector(change)
        if finding is not None:
            return finding
    return None


def _changes(diff: FixDiff, facts: FixFacts) -> list[Change]:
    """The changes unit by unit: paired where both sides have a unit, alone otherwise.
    Block markers (`<body>`...) are left out: the units around them say it."""
    changes = []
    for reference, fix, inside in diff.changes:
        ours = [u for u in reference if not _is_marker(u)]
        theirs = [u for u in fix if not _is_marker(u)]
        for index in range(max(len(ours), len(theirs))):
            mine = ours[index] if index < len(ours) else None
            yours = theirs[index] if index < len(theirs) else None
            line, reference_line, removes = _where(mine, yours, facts)
            original = diff.reference_to_broken.get(reference_line) if reference_line else None
            changes.append(Change(mine, yours, inside, line, original, facts, removes))
    return changes


def _where(
    reference: Unit | None, fix: Unit | None, facts: FixFacts
) -> tuple[int | None, int | None, bool]:
    """The lines (the fix's, the reference's) where two units differ, and whether the fix
    took a line out there: the first line that differs, for units over several lines (a
    dict written over five lines, say)."""
    if reference is None or fix is None:
        return (fix.line if fix else None), (reference.line if reference else None), False
    ours = _squeezed(facts.reference, reference)
    theirs = _squeezed(facts.fix, fix)
    matcher = difflib.SequenceMatcher(None, ours, theirs, autojunk=False)
    for tag, i1, _, j1, _ in matcher.get_opcodes():
        if tag != "equal":
            line = fix.line + min(j1, len(theirs) - 1)
            return line, reference.line + min(i1, len(ours) - 1), tag == "delete"
    return fix.line, reference.line, False


def _squeezed(source: str, unit: Unit) -> list[str]:
    """A unit's lines without whitespace or a final comma (the formatting of a literal
    over several lines)."""
    lines = source.splitlines()[unit.line - 1 : unit.end_line]
    return ["".join(line.split()).removesuffix(",") for line in lines] or [""]


def _changed_lines(broken: str, fix: str) -> dict[int, int]:
    """The fix's lines that differ from the broken code -> the broken line in their place."""
    before = [line.strip() for line in broken.splitlines()]
    after = [line.strip() for line in fix.splitlines()]
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    changed: dict[int, int] = {}
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("replace", "insert"):
            for j in range(j1, j2):
                changed[j + 1] = min(i1 + (j - j1), max(i1, i2 - 1)) + 1
    return {line: original for line, original in changed.items() if after[line - 1]}


def _line(source: str, number: int | None) -> str:
    lines = source.splitlines()
    return lines[number - 1].strip() if number and 0 < number <= len(lines) else ""


def _is_marker(unit: Unit) -> bool:
    return unit.text.split(":", 1)[1].startswith("<")


def _has(unit: Unit | None, kind: type[ast.AST]) -> bool:
    if unit is None:
        return False
    node = unit.node
    header = [
        getattr(node, "test", None),
        getattr(node, "value", None),
        getattr(node, "iter", None),
    ]
    roots = [n for n in header if isinstance(n, ast.AST)] or [node]
    return any(isinstance(n, kind) for root in roots for n in ast.walk(root))


_BRACKETS: dict[type[ast.AST], tuple[str, str]] = {
    ast.List: ("a list", "[ ]"),
    ast.ListComp: ("a list", "[ ]"),
    ast.Tuple: ("a tuple", "( )"),
    ast.GeneratorExp: ("a generator", "( )"),
    ast.Set: ("a set", "{ }"),
    ast.SetComp: ("a set", "{ }"),
    ast.Dict: ("a dict", "{ }"),
    ast.DictComp: ("a dict", "{ }"),
}


def _constant(node: ast.AST) -> bool:
    """A value written out: a literal, or a list, tuple or set of them."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return all(_constant(item) for item in node.elts)
    return isinstance(node, ast.UnaryOp) and isinstance(node.operand, ast.Constant)


def _is_print(node: ast.AST | None) -> bool:
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Call)
        and isinstance(node.value.func, ast.Name)
        and node.value.func.id == "print"
    )


def _prints_constants(node: ast.AST | None) -> bool:
    if not _is_print(node):
        return False
    assert isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)
    return bool(node.value.args) and all(_constant(a) for a in node.value.args)


def _names(node: ast.expr) -> list[str]:
    items = node.elts if isinstance(node, ast.Tuple) else [node]
    return [ast.unparse(item) for item in items]
