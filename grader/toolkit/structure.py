"""The structure of a program, as fix-syntax-error compares a fix with the reference fix.

Two programs have the same structure when their ASTs are equal once formatting, comments
and a few spellings that mean the same are set aside:

- `a == b` and `b == a` (also `!=`, `is`, `is not`), `a > b` and `b < a` (also `>=`);
- the order of the types in `except (A, B)`, and `except (A,)` for `except A`; an
  `as name` that the handler never uses; consecutive handlers with the same body, which
  mean one handler for a tuple of their types;
- the order of the names in `import a, b` and `from m import a, b`, and consecutive
  imports from the same module, which mean one import of all their names.

A program is read as a list of units (a simple statement, or the header of a compound one
with its blocks as units of their own), so that a difference can be named by its line.
"""

from __future__ import annotations

import ast
import copy
import difflib
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "PYTHON",
    "FixDiff",
    "Reference",
    "Unit",
    "canonical",
    "compare_fix",
    "dump",
    "first_difference",
    "parse",
    "reference",
    "units",
]

PYTHON = f"{sys.version_info.major}.{sys.version_info.minor}"
"""The Python version that `dump` texts belong to: ASTs change between versions."""

_IGNORED = frozenset(
    {"ctx", "kind", "type_comment", "type_ignores", "type_params", "lineno", "col_offset"}
    | {"end_lineno", "end_col_offset"}
)
_BLOCKS = ("body", "handlers", "orelse", "finalbody", "cases")


def parse(source: str) -> ast.Module | None:
    """The AST of `source`, or None when it does not compile."""
    try:
        return ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def dump(node: object) -> str:
    """A text of an AST without positions, formatting or empty fields: equal texts are
    equal programs."""
    if isinstance(node, ast.AST):
        cls = type(node)
        parts = []
        for name in _fields(cls):
            value = getattr(node, name, None)
            if value is not None and value != []:
                parts.append(f"{name}={dump(value)}")
        return f"{cls.__name__}({', '.join(parts)})"
    if isinstance(node, list):
        return "[" + ", ".join(dump(item) for item in node) + "]"
    return f"{type(node).__name__}:{node!r}"


_FIELDS: dict[type[ast.AST], tuple[str, ...]] = {}


def _fields(cls: type[ast.AST]) -> tuple[str, ...]:
    """The fields of a node type that say what a program means (kept once per type)."""
    found = _FIELDS.get(cls)
    if found is None:
        found = _FIELDS[cls] = tuple(name for name in cls._fields if name not in _IGNORED)
    return found


def _nodes(tree: ast.AST) -> list[ast.AST]:
    """Every node of `tree`, parents before children (as `ast.walk`, but quicker)."""
    found: list[ast.AST] = []
    pending: list[ast.AST] = [tree]
    while pending:
        node = pending.pop()
        found.append(node)
        for name in node._fields:
            value = getattr(node, name, None)
            if isinstance(value, ast.AST):
                pending.append(value)
            elif isinstance(value, list):
                pending.extend(item for item in value if isinstance(item, ast.AST))
    return found


def canonical(tree: ast.Module, *, in_place: bool = False) -> ast.Module:
    """`tree` (a copy, unless `in_place`) with the spellings that mean the same made one
    (see the module's docstring)."""
    if not in_place:
        tree = copy.deepcopy(tree)
    nodes = _nodes(tree)
    for node in nodes:
        if isinstance(node, ast.Compare):
            _canonical_comparison(node)
        elif isinstance(node, ast.ExceptHandler):
            _canonical_handler(node)
    for node in reversed(nodes):  # inner blocks first: merging compares their dumps
        if not hasattr(node, "body"):
            continue
        for name in ("body", "orelse", "finalbody"):
            block = getattr(node, name, None)
            if isinstance(block, list) and block and isinstance(block[0], ast.stmt):
                setattr(node, name, _merged_imports(block))
        handlers = getattr(node, "handlers", None)
        if isinstance(handlers, list) and handlers:
            node.handlers = _merged_handlers(handlers)  # type: ignore[attr-defined]
    return tree


@dataclass(frozen=True)
class Unit:
    """A statement (or a compound statement's header, or the start of one of its blocks)."""

    text: str
    """The unit's `dump`, with its depth: units compare by it."""
    line: int
    end_line: int
    node: ast.AST


def units(tree: ast.Module) -> list[Unit]:
    """The units of `tree` in source order."""
    found: list[Unit] = []
    _walk(tree.body, 0, found)
    return found


@dataclass(frozen=True)
class FixDiff:
    """How a fix differs from the reference fix, unit by unit."""

    changes: tuple[tuple[tuple[Unit, ...], tuple[Unit, ...], bool], ...]
    """(reference units, fix units, whether all of it is where the reference fixes the
    error) for each place where they differ."""
    reference_to_broken: dict[int, int]
    """Reference line -> the line of the broken code it stands for."""
    reference_units: int
    """How many units the reference fix has."""

    @property
    def same(self) -> bool:
        return not self.changes

    @property
    def only_at_the_error(self) -> bool:
        return all(inside for _, _, inside in self.changes)


@dataclass(frozen=True)
class Reference:
    """A reference fix, read once: its canonical text and units, the lines where it
    differs from the broken code, and which broken line each of its lines stands for."""

    source: str
    text: str
    """The `dump` of its canonical tree."""
    raw_text: str
    """The `dump` of its tree as written: a fix with the same is the same program."""
    units: tuple[Unit, ...]
    region: frozenset[int]
    to_broken: dict[int, int]


@lru_cache(maxsize=64)
def reference(broken: str, fixed: str) -> Reference | None:
    """The reference fix `fixed` of `broken`; None when it does not compile."""
    tree = parse(fixed)
    if tree is None:
        return None
    raw_text = dump(tree)
    tree = canonical(tree, in_place=True)
    region, to_broken = _fixed_lines(broken, fixed)
    texts = (dump(tree), raw_text)
    return Reference(fixed, *texts, tuple(units(tree)), frozenset(region), to_broken)


def compare_fix(reference: Reference, fix: ast.Module) -> FixDiff:
    """The differences between `fix` (a canonical tree) and the reference fix."""
    want, got = reference.units, units(fix)
    matcher = difflib.SequenceMatcher(
        None, [u.text for u in want], [u.text for u in got], autojunk=False
    )
    changes = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        ours, theirs = tuple(want[i1:i2]), tuple(got[j1:j2])
        # at the error even when the fix splits the error's line in two (`a; b`)
        inside = bool(ours) and all(_touches(unit, reference.region) for unit in ours)
        changes.append((ours, theirs, inside))
    return FixDiff(tuple(changes), reference.to_broken, len(want))


def first_difference(reference: ast.AST, fix: ast.AST) -> tuple[ast.AST, ast.AST] | None:
    """The first pair of nodes (in reading order) where two trees differ, outside their
    blocks: the smallest part of a statement that a fix changed."""
    if type(reference) is not type(fix):
        return reference, fix
    for name in _fields(type(reference)):
        if name in _BLOCKS:
            continue
        value, other = getattr(reference, name, None), getattr(fix, name, None)
        if isinstance(value, ast.AST) and isinstance(other, ast.AST):
            found = first_difference(value, other)
            if found:
                return found
        elif isinstance(value, list) and isinstance(other, list):
            for a, b in zip(value, other, strict=False):
                if isinstance(a, ast.AST) and isinstance(b, ast.AST):
                    found = first_difference(a, b)
                    if found:
                        return found
                elif dump(a) != dump(b):
                    return reference, fix
            if len(value) != len(other):
                return reference, fix
        elif dump(value) != dump(other):
            return reference, fix
    return None


def _fixed_lines(broken: str, reference: str) -> tuple[set[int], dict[int, int]]:
    """The reference lines that differ from the broken code, and the map of the others."""
    before, after = broken.splitlines(), reference.splitlines()
    matcher = difflib.SequenceMatcher(
        None, [line.rstrip() for line in before], [line.rstrip() for line in after], autojunk=False
    )
    region: set[int] = set()
    to_broken: dict[int, int] = {}
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "delete":
            region.update({j1, j1 + 1})  # the lines around what the reference removed
            continue
        if tag != "equal":
            region.update(range(j1 + 1, j2 + 1))
        for j in range(j1, j2):
            to_broken[j + 1] = min(i1 + (j - j1), max(i1, i2 - 1)) + 1
    return region, to_broken


def _touches(unit: Unit, lines: frozenset[int]) -> bool:
    return any(unit.line <= line <= unit.end_line for line in lines)


def _walk(statements: Sequence[ast.AST], depth: int, found: list[Unit]) -> None:
    for node in statements:
        blocks = [(name, getattr(node, name)) for name in _BLOCKS if getattr(node, name, None)]
        header = _without_blocks(node) if blocks else node
        line = getattr(node, "lineno", 0) or _first_line(blocks)
        end = getattr(node, "end_lineno", None) or line
        if blocks:
            end = max(line, _first_line(blocks) - 1)
        found.append(Unit(f"{depth}:{dump(header)}", line, end, node))
        for name, block in blocks:
            start = _first_line([(name, block)])
            found.append(Unit(f"{depth}:<{name}>", start, start, node))
            _walk(block, depth + 1, found)


def _first_line(blocks: Sequence[tuple[str, list[ast.AST]]]) -> int:
    lines = [
        getattr(block[0], "lineno", 0) or _first_line(_blocks_of(block[0])) for _, block in blocks
    ]
    return min(lines) if lines else 0


def _blocks_of(node: ast.AST) -> list[tuple[str, list[ast.AST]]]:
    return [(name, getattr(node, name)) for name in _BLOCKS if getattr(node, name, None)]


def _without_blocks(node: ast.AST) -> ast.AST:
    header = copy.copy(node)
    for name in _BLOCKS:
        if getattr(header, name, None):
            setattr(header, name, [])
    return header


def _canonical_comparison(node: ast.Compare) -> None:
    """`b < a` for `a > b` (and `<=`); the operands of `==`, `!=`, `is`, `is not` sorted."""
    if len(node.ops) != 1:
        return
    op, left, right = node.ops[0], node.left, node.comparators[0]
    if isinstance(op, (ast.Gt, ast.GtE)):
        node.ops = [ast.Lt() if isinstance(op, ast.Gt) else ast.LtE()]
        node.left, node.comparators = right, [left]
    elif isinstance(op, (ast.Eq, ast.NotEq, ast.Is, ast.IsNot)) and dump(right) < dump(left):
        node.left, node.comparators = right, [left]


def _canonical_handler(node: ast.ExceptHandler) -> None:
    """The types of `except (A, B)` sorted, `(A,)` as `A`, an unused `as name` dropped."""
    if isinstance(node.type, ast.Tuple):
        types = sorted(node.type.elts, key=dump)
        node.type = types[0] if len(types) == 1 else ast.Tuple(elts=types, ctx=ast.Load())
    if node.name and not any(
        isinstance(n, ast.Name) and n.id == node.name for s in node.body for n in ast.walk(s)
    ):
        node.name = None


def _merged_imports(block: list[ast.stmt]) -> list[ast.stmt]:
    merged: list[ast.stmt] = []
    for statement in block:
        last = merged[-1] if merged else None
        if (isinstance(statement, ast.Import) and isinstance(last, ast.Import)) or (
            isinstance(statement, ast.ImportFrom)
            and isinstance(last, ast.ImportFrom)
            and (last.module, last.level) == (statement.module, statement.level)
        ):
            last.names = [*last.names, *statement.names]
            last.end_lineno = statement.end_lineno
        else:
            merged.append(statement)
    for statement in merged:
        if isinstance(statement, (ast.Import, ast.ImportFrom)):
            statement.names = sorted(statement.names, key=lambda a: (a.name, a.asname or ""))
    return merged


def _merged_handlers(handlers: list[ast.ExceptHandler]) -> list[ast.ExceptHandler]:
    merged: list[ast.ExceptHandler] = []
    for handler in handlers:
        last = merged[-1] if merged else None
        if (
            last is not None
            and last.type is not None
            and handler.type is not None
            and not last.name
            and not handler.name
            and dump(last.body) == dump(handler.body)
        ):
            types = sorted([*_types(last.type), *_types(handler.type)], key=dump)
            last.type = ast.Tuple(elts=types, ctx=ast.Load())
        else:
            merged.append(handler)
    return merged


def _types(node: ast.expr) -> Iterable[ast.expr]:
    return node.elts if isinstance(node, ast.Tuple) else [node]
