"""What detectors read in a learner's source: parsed once, on the first failure that asks."""

from __future__ import annotations

import ast
import re
from functools import cached_property

__all__ = ["IN_PLACE", "SourceFacts", "divides", "drops_fractions"]

_PROMPT = re.compile(r"\binput\s*\(\s*[rRuUbBfF]*['\"]")
_DIVISION = re.compile(r"(?<!/)/(?![/=])")
_FLOORING = re.compile(r"//|(?<![\w.])int\(")


def divides(source: str) -> bool:
    """Whether the source has a `/` (true division; not `//`)."""
    return _DIVISION.search(source) is not None


def drops_fractions(source: str) -> bool:
    """Whether the source has a `//` or calls int()."""
    return _FLOORING.search(source) is not None


IN_PLACE = frozenset(
    {"sort", "reverse", "append", "extend", "insert", "remove", "clear", "update", "add"}
)
"""Methods that change their object and return None (and `random.shuffle`)."""


class SourceFacts:
    """The parts of a learner's program that detectors need, read from its AST."""

    def __init__(self, source: str) -> None:
        self.source = source

    @cached_property
    def tree(self) -> ast.Module | None:
        try:
            return ast.parse(self.source)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return None

    @cached_property
    def input_prompts(self) -> tuple[str, ...]:
        """The literal prompts given to `input(...)`, longest first."""
        if not _PROMPT.search(self.source):
            return ()  # no `input("...")` in the text: no need to read the tree
        found = {
            node.args[0].value
            for node in self._walk()
            if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "input"
            and len(node.args) == 1
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
            and node.args[0].value
        }
        return tuple(sorted(found, key=lambda prompt: (-len(prompt), prompt)))

    def function(self, name: str) -> ast.FunctionDef | None:
        """The last top-level `def name(...)`: the one a call finds."""
        tree = self.tree
        found = None
        for node in tree.body if tree else ():
            if isinstance(node, ast.FunctionDef) and node.name == name:
                found = node
        return found

    def parameters(self, name: str) -> tuple[str, ...]:
        """The names of the function's positional parameters."""
        function = self.function(name)
        if function is None:
            return ()
        arguments = function.args
        return tuple(a.arg for a in [*arguments.posonlyargs, *arguments.args])

    def returns_a_value(self, name: str) -> bool | None:
        """Whether the function has a `return` with a value; None when it is not found."""
        function = self.function(name)
        if function is None:
            return None
        return any(isinstance(node, ast.Return) and node.value for node in _own_nodes(function))

    def returns_only_constants(self, name: str) -> bool:
        """Whether every `return` of the function gives a literal (`return 0`, `return
        "yes"`): its result is written in, not computed."""
        function = self.function(name)
        if function is None:
            return False
        values = [node.value for node in _own_nodes(function) if isinstance(node, ast.Return)]
        return bool(values) and all(isinstance(value, ast.Constant) for value in values)

    def returned_constants(self, name: str) -> tuple[object, ...]:
        """The literals the function returns as they are (`return 0`, `return "none"`)."""
        function = self.function(name)
        if function is None:
            return ()
        returns = [node.value for node in _own_nodes(function) if isinstance(node, ast.Return)]
        return tuple(value.value for value in returns if isinstance(value, ast.Constant))

    def has_bounds(self, name: str) -> bool | None:
        """Whether the function has what a count can be one off by: a `range()`, `len()`,
        an ordering comparison, a `+ 1` or `- 1`, or a slice; None when it is not found."""
        function = self.function(name)
        if function is None:
            return None
        for node in _own_nodes(function):
            if isinstance(node, ast.Compare) and any(
                isinstance(op, (ast.Lt, ast.LtE, ast.Gt, ast.GtE)) for op in node.ops
            ):
                return True
            if _builtin_called(node) in ("range", "len") or isinstance(node, ast.Slice):
                return True
            if _steps_by_one(node):
                return True
        return False

    def nests_min_and_max(self, name: str) -> bool:
        """Whether the function calls `min` inside `max`, or `max` inside `min` (a clamp)."""
        function = self.function(name)
        if function is None:
            return False
        for node in _own_nodes(function):
            outer = _builtin_called(node)
            if outer in ("min", "max"):
                inner = {_builtin_called(arg) for arg in getattr(node, "args", ())}
                if ({"min", "max"} - {outer}) & inner:
                    return True
        return False

    def in_place_results(self, name: str) -> tuple[str, ...]:
        """The calls in the function whose None is returned or stored, as written:
        `return numbers.sort()`, `result = items.append(x)`."""
        function = self.function(name)
        if function is None:
            return ()
        found = []
        for node in _own_nodes(function):
            value = node.value if isinstance(node, (ast.Return, ast.Assign)) else None
            if isinstance(value, ast.Call) and _is_in_place(value):
                found.append(ast.get_source_segment(self.source, value) or "")
        return tuple(text for text in found if text)

    def printed_in_place_results(self) -> tuple[str, ...]:
        """`print(x.sort())` and the like, anywhere in the program, as written."""
        found = []
        for node in self._walk():
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "print"
            ):
                for argument in node.args:
                    if isinstance(argument, ast.Call) and _is_in_place(argument):
                        found.append(ast.get_source_segment(self.source, argument) or "")
        return tuple(text for text in found if text)

    def misordered_comprehensions(self) -> dict[str, tuple[str, str]]:
        """Names that a comprehension's `for` clause uses before a later clause defines
        them: name -> (the comprehension, the later clause), as written."""
        found: dict[str, tuple[str, str]] = {}
        for node in self._walk():
            if not isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):
                continue
            for index, clause in enumerate(node.generators):
                used = {n.id for n in ast.walk(clause.iter) if isinstance(n, ast.Name)}
                for later in node.generators[index + 1 :]:
                    bound = {n.id for n in ast.walk(later.target) if isinstance(n, ast.Name)}
                    for name in sorted(used & bound):
                        target = ast.get_source_segment(self.source, later.target) or name
                        iterated = ast.get_source_segment(self.source, later.iter) or ""
                        code = ast.get_source_segment(self.source, node) or ""
                        found.setdefault(name, (code, f"for {target} in {iterated}"))
        return found

    def _walk(self) -> list[ast.AST]:
        return self._nodes

    @cached_property
    def _nodes(self) -> list[ast.AST]:
        return list(ast.walk(self.tree)) if self.tree else []


def _is_in_place(call: ast.Call) -> bool:
    func = call.func
    if not isinstance(func, ast.Attribute):
        return False
    if func.attr == "shuffle":
        return isinstance(func.value, ast.Name) and func.value.id == "random"
    return func.attr in IN_PLACE


def _steps_by_one(node: ast.AST) -> bool:
    """`x + 1`, `1 + rest`, `x - 1`, `n += 1`, `n -= 1`."""
    if isinstance(node, ast.BinOp):
        operands = [node.left, node.right]
    elif isinstance(node, ast.AugAssign):
        operands = [node.value]
    else:
        return False
    one = any(isinstance(o, ast.Constant) and o.value == 1 for o in operands)
    return one and isinstance(node.op, (ast.Add, ast.Sub))


def _own_nodes(function: ast.FunctionDef) -> list[ast.AST]:
    """The nodes of a function's body, without those of functions defined inside it."""
    found: list[ast.AST] = []
    pending: list[ast.AST] = list(function.body)
    while pending:
        node = pending.pop()
        found.append(node)
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            pending.extend(ast.iter_child_nodes(node))
    return found


def _builtin_called(node: ast.AST) -> str | None:
    """The name a call calls when it is a plain name (`min(...)`), else None."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return node.func.id
    return None
