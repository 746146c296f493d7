"""The language layer at compile time: RestrictedPython's transformer, relaxed for everyday code.

Relaxed: attribute writes, dunder methods, `super()`, private names, `match`, `nonlocal`,
annotations and augmented assignment on attributes and items all compile.
Still denied: dunder attributes outside a vetted set, frame and code attributes,
names that shadow the guards, imports outside the allowlist, async code and `except*`.
Added: loop, function and comprehension ticks (`None in _ticks_`, no call, so no recursion
depth is used), and size guards on `+ * ** << %`.
"""

from __future__ import annotations

import ast
import copy
import sys
from collections.abc import Iterable
from typing import NamedTuple, TypeVar, cast

from RestrictedPython.transformer import IOPERATOR_TO_STR, RestrictingNodeTransformer

from sandbox import names
from sandbox.budget import PLAIN_OPERATORS, spec_too_wide
from sandbox.guards import GUARDED_READS

_Node = TypeVar("_Node", bound=ast.AST)

_GUARDED_BINOPS: dict[type[ast.operator], str] = {
    ast.Add: "_add_",
    ast.Mult: "_mul_",
    ast.Pow: "_pow_",
    ast.LShift: "_lshift_",
    ast.Mod: "_mod_",
}
_DENIED_CALLS = {
    "eval",
    "exec",
    "compile",
    "open",
    "globals",
    "locals",
    "vars",
    "breakpoint",
    "__import__",
}


class Violation(NamedTuple):
    """A construct the language layer does not allow (a NamedTuple: `dataclasses` would
    import `inspect`, which costs the fork server's boot, the cold start, 5 ms)."""

    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


def _call(func: str, *args: ast.expr) -> ast.Call:
    return ast.Call(func=ast.Name(func, ast.Load()), args=list(args), keywords=[])


class LearnerPolicy(RestrictingNodeTransformer):
    """Deny-by-default transformer for learner programs."""

    def __init__(self, allowed_modules: Iterable[str] = ()) -> None:
        super().__init__()
        self.violations: list[Violation] = []
        self.imported: set[str] = set()
        self._allowed_modules = frozenset(allowed_modules)
        self._class_stack: list[str] = []
        self._case_values: list[tuple[str, list[ast.expr]]] = []
        self._matches = 0

    # -- reporting -------------------------------------------------------------------------

    def deny(self, node: ast.AST, message: str) -> None:
        line = getattr(node, "lineno", 0) or 0
        column = (getattr(node, "col_offset", 0) or 0) + 1
        self.violations.append(Violation(line, column, message))

    def error(self, node: ast.AST, info: str) -> None:  # RestrictedPython's own checks
        self.deny(node, info.rstrip("."))

    def not_allowed(self, node: ast.AST) -> None:
        self.deny(node, f"{_describe(node)} is not allowed in exercises")

    # -- names -----------------------------------------------------------------------------

    def check_name(
        self, node: ast.AST, name: str | None, allow_magic_methods: bool = False
    ) -> None:
        if name is None:
            return
        if names.is_reserved(name):
            self.deny(node, f"the name '{name}' is reserved by the grader")
        elif names.is_dunder(name) and name not in names.NAME_DUNDERS:
            self.deny(node, f"the name '{name}' is not allowed in exercises")

    def check_import_names(self, node: ast.Import | ast.ImportFrom) -> ast.AST:
        modules = [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
        if isinstance(node, ast.ImportFrom):
            if node.level:
                self.deny(node, "relative imports are not allowed in exercises")
                return node
            modules = [node.module or ""]
            for alias in node.names:
                if alias.name.startswith("_") and alias.name != "*":
                    self.deny(node, f"importing '{node.module}.{alias.name}' is not allowed")
        for module in modules:
            self._check_module(node, module)
        for alias in node.names:
            bound = alias.asname or alias.name.partition(".")[0]
            if bound != "*":
                self.check_name(node, bound)
        return self.node_contents_visit(node)

    def _check_module(self, node: ast.AST, module: str) -> None:
        top = module.partition(".")[0]
        if module == "__future__":
            return
        if top not in self._allowed_modules:
            self.deny(node, _refused_import(module, top, self._allowed_modules))
        else:
            self.imported.add(module)

    def inject_print_collector(self, node: ast.AST, position: int = 0) -> None:
        """`print` is an ordinary builtin here; nothing is injected."""

    def visit_Name(self, node: ast.Name) -> ast.AST:
        self.check_name(node, node.id)
        if isinstance(node.ctx, ast.Load):
            self.used_names[node.id] = True
        return node

    def visit_Call(self, node: ast.Call) -> ast.AST:
        """Not RestrictedPython's, which sends `f(*args, **kw)` through `_apply_`: with
        nothing to guard there, that only changed CPython's messages (`f() argument after
        ** must be a mapping`) and used one more frame of recursion."""
        if isinstance(node.func, ast.Name) and node.func.id in _DENIED_CALLS:
            self.deny(node, f"calling '{node.func.id}()' is not allowed in exercises")
        return self.node_contents_visit(node)

    # -- attributes ------------------------------------------------------------------------

    def visit_Attribute(self, node: ast.Attribute) -> ast.AST:
        self._check_attribute(node, node.attr, node.ctx)
        node = self.node_contents_visit(node)
        if isinstance(node.ctx, ast.Load):
            mangled = names.mangle(node.attr, self._current_class())
            new = _call("_getattr_", node.value, ast.Constant(mangled))
            ast.copy_location(new, node)
            return new
        # The name too: a plain store gets the checks of `setattr()` and `+=`.
        name = ast.Constant(names.mangle(node.attr, self._current_class()))
        new_value = _call("_write_", node.value, name)
        ast.copy_location(new_value, node.value)
        ast.copy_location(name, node.value)
        node.value = new_value
        return node

    def _check_attribute(self, node: ast.AST, attr: str, ctx: ast.expr_context) -> None:
        if attr in names.DENIED_ATTRIBUTES:
            self.deny(node, f"the attribute '{attr}' is not allowed in exercises")
        elif names.is_dunder(attr):
            allowed = (
                names.READ_DUNDERS | names.OWNED_READ_DUNDERS
                if isinstance(ctx, ast.Load)
                else names.WRITE_DUNDERS
            )
            if attr not in allowed:
                self.deny(node, f"the attribute '{attr}' is not allowed in exercises")

    def _current_class(self) -> str | None:
        return self._class_stack[-1] if self._class_stack else None

    # -- statements RestrictedPython rejects that everyday code needs ----------------------

    def visit_AugAssign(self, node: ast.AugAssign) -> ast.AST:
        op = IOPERATOR_TO_STR[type(node.op)]
        target = node.target
        if isinstance(target, ast.Name):
            new_node = cast(ast.AST, super().visit_AugAssign(node))
            if isinstance(new_node, ast.Assign) and isinstance(new_node.value, ast.Call):
                _locate_like(new_node.value.args[1], target)  # where CPython reads the name
            return new_node
        if isinstance(target, ast.Attribute):
            self._check_attribute(target, target.attr, ast.Store())
            name = ast.Constant(names.mangle(target.attr, self._current_class()))
            read = _call("_aug_get_attr_", self.visit(target.value), name)
            result = _call("_aug_op_", read, ast.Constant(op), self.visit(node.value))
            store = _call("_aug_set_attr_", result, name)
        else:
            assert isinstance(target, ast.Subscript)
            read = _call("_aug_get_item_", self.visit(target.value), self.visit(target.slice))
            result = _call("_aug_op_", read, ast.Constant(op), self.visit(node.value))
            store = _call("_aug_set_item_", result)
        # Where CPython points: a missing attribute or key, or a failed store, at the target;
        # the operation itself (`'a' += 1`) at the whole statement.
        _locate_like(read, target)
        _locate_like(store, target)
        ast.copy_location(result, node)
        new = ast.copy_location(ast.Expr(value=store), node)
        ast.fix_missing_locations(new)
        return new

    def visit_AnnAssign(self, node: ast.AnnAssign) -> ast.AST:
        return self.node_contents_visit(node)

    def visit_Nonlocal(self, node: ast.Nonlocal) -> ast.AST:
        for name in node.names:
            self.check_name(node, name)
        return node

    def visit_Global(self, node: ast.Global) -> ast.AST:
        for name in node.names:
            self.check_name(node, name)
        return node

    def visit_ClassDef(self, node: ast.ClassDef) -> ast.AST:
        self.check_name(node, node.name)
        for keyword in node.keywords:
            if keyword.arg == "metaclass":
                self.deny(node, "the keyword 'metaclass' is not allowed in exercises")
        self._class_stack.append(node.name)
        try:
            return self.node_contents_visit(node)
        finally:
            self._class_stack.pop()

    def visit_FunctionDef(self, node: ast.FunctionDef) -> ast.AST:
        self.check_name(node, node.name)
        self.check_function_argument_names(node)
        node = self.node_contents_visit(node)
        _prepend_tick(node.body)
        return node

    def visit_Lambda(self, node: ast.Lambda) -> ast.AST:
        self.check_function_argument_names(node)
        node = self.node_contents_visit(node)
        body = ast.IfExp(test=_tick(), body=node.body, orelse=ast.Constant(None))
        node.body = ast.copy_location(body, node.body)  # `body if <tick> else None`
        ast.fix_missing_locations(node.body)
        return node

    def visit_For(self, node: ast.For) -> ast.AST:
        node = cast(ast.For, self.guard_iter(node))  # at the iterable, as CPython's from 3.13
        if _GET_ITER_AT_STATEMENT:
            _locate_like(node.iter, node)
        _prepend_tick(node.body)
        return node

    def visit_While(self, node: ast.While) -> ast.AST:
        node = self.node_contents_visit(node)
        _prepend_tick(node.body)
        return node

    def visit_ListComp(self, node: ast.ListComp) -> ast.AST:
        return _locate_iterators(cast(ast.AST, super().visit_ListComp(node)))

    def visit_SetComp(self, node: ast.SetComp) -> ast.AST:
        return _locate_iterators(cast(ast.AST, super().visit_SetComp(node)))

    def visit_DictComp(self, node: ast.DictComp) -> ast.AST:
        return _locate_iterators(cast(ast.AST, super().visit_DictComp(node)))

    def visit_GeneratorExp(self, node: ast.GeneratorExp) -> ast.AST:
        return _locate_iterators(cast(ast.AST, super().visit_GeneratorExp(node)))

    def visit_comprehension(self, node: ast.comprehension) -> ast.AST:
        node = cast(ast.comprehension, self.guard_iter(node))
        tick = ast.copy_location(_tick(), node.iter)  # always true
        ast.fix_missing_locations(tick)
        node.ifs.insert(0, tick)
        return node

    def visit_BinOp(self, node: ast.BinOp) -> ast.AST:
        node = self.node_contents_visit(node)
        guard = _GUARDED_BINOPS.get(type(node.op))
        if guard is None:
            return node
        left = node.left
        if guard in PLAIN_OPERATORS and isinstance(left, (ast.Name, ast.Constant)):
            # `_add_plain_.get(_type_(n), _add_)(n, 1)`: plain numbers take the plain
            # operator, picked in C, with no Python frame (see budget.PLAIN_OPERATORS).
            again = ast.copy_location(copy.copy(left), left)
            table = ast.Name(guard[:-1] + "plain_", ast.Load())
            pick = ast.Call(
                func=ast.Attribute(value=table, attr="get", ctx=ast.Load()),
                args=[_call("_type_", again), ast.Name(guard, ast.Load())],
                keywords=[],
            )
            new = ast.Call(func=pick, args=[left, node.right], keywords=[])
            ast.copy_location(new, node)
            ast.fix_missing_locations(new)
            return new
        return ast.copy_location(_call(guard, node.left, node.right), node)

    def visit_FormattedValue(self, node: ast.FormattedValue) -> ast.AST:
        node = self.node_contents_visit(node)  # visits the value and the spec, once
        if node.format_spec is not None:
            node.format_spec = _guard_spec(node.format_spec)
        return node

    def visit_With(self, node: ast.With) -> ast.AST:
        """`with m:` as `with _with_(m):`, which calls m's own `__enter__`/`__exit__` and
        gives `__exit__` None for the traceback (a traceback never reaches the program)."""
        node = self.node_contents_visit(node)
        for item in node.items:
            item.context_expr = _located(_call("_with_", item.context_expr), node)
        return node

    # -- match statements ------------------------------------------------------------------

    def visit_Match(self, node: ast.Match) -> ast.AST | list[ast.stmt]:
        """`match`, with each dotted name in its patterns (`case Color.RED:`) read through
        the guards when CPython would read it: a pattern may hold no call, so the guarded
        read becomes `lambda: _getattr_(Color, 'RED')`, and the pattern `_case_values_N_.vK`
        calls it. The lambdas are made just before the statement (`_case_values_`)."""
        holder = f"_case_values_{self._matches}_"
        self._matches += 1
        self._case_values.append((holder, []))
        try:
            node = self.node_contents_visit(node)
        finally:
            _, reads = self._case_values.pop()
        if not reads:
            return node
        lambdas = [_located(_lambda(read), read) for read in reads]
        made = _located(_call("_case_values_", *lambdas), node)
        assign = _located(ast.Assign([_located(ast.Name(holder, ast.Store()), node)], made), node)
        return [assign, node]

    def visit_match_case(self, node: ast.match_case) -> ast.AST:
        return self.node_contents_visit(node)

    def visit_MatchValue(self, node: ast.MatchValue) -> ast.AST:
        node = self.node_contents_visit(node)
        node.value = self._case_value(node.value)
        return node

    def visit_MatchSingleton(self, node: ast.MatchSingleton) -> ast.AST:
        return self.node_contents_visit(node)

    def visit_MatchSequence(self, node: ast.MatchSequence) -> ast.AST:
        return self.node_contents_visit(node)

    def visit_MatchOr(self, node: ast.MatchOr) -> ast.AST:
        return self.node_contents_visit(node)

    def visit_MatchStar(self, node: ast.MatchStar) -> ast.AST:
        self.check_name(node, node.name)
        return node

    def visit_MatchAs(self, node: ast.MatchAs) -> ast.AST:
        self.check_name(node, node.name)
        return self.node_contents_visit(node)

    def visit_MatchMapping(self, node: ast.MatchMapping) -> ast.AST:
        self.check_name(node, node.rest)
        node = self.node_contents_visit(node)
        node.keys = [self._case_value(key) for key in node.keys]
        return node

    def visit_MatchClass(self, node: ast.MatchClass) -> ast.AST:
        """CPython reads a class pattern's attributes itself, past `_getattr_`. So the class
        is read as `_match_class_(C, positional, keywords)`, a class that checks (when the
        pattern is tried) every name to be read on the subject as the guard would, and each
        sub-pattern `p` becomes `_checked_attr_(p)`, which checks the value read before `p`
        sees it (and matches `p` against it: `_checked_attr_` matches itself, like `int`)."""
        for attr in node.kwd_attrs:
            if attr.startswith("_") or attr in names.DENIED_ATTRIBUTES | GUARDED_READS:
                self.deny(node, f"matching on the attribute '{attr}' is not allowed")
        node = self.node_contents_visit(node)
        if node.patterns or node.kwd_patterns:
            cls = _located(
                _call(
                    "_match_class_",
                    node.cls,
                    ast.Constant(bool(node.patterns)),
                    ast.Constant(tuple(node.kwd_attrs)),  # type: ignore[arg-type]
                ),
                node.cls,
            )
            node.cls = self._case_value(cls)
            node.patterns = [_checked_pattern(p) for p in node.patterns]
            node.kwd_patterns = [_checked_pattern(p) for p in node.kwd_patterns]
        else:
            node.cls = self._case_value(node.cls)
        return node

    def _case_value(self, value: ast.expr) -> ast.expr:
        """A pattern's value as visited: kept if it is still a literal or a name, else (a
        guarded read) replaced by `_case_values_N_.vK`, which makes the read when matched."""
        if isinstance(value, (ast.Constant, ast.Name, ast.UnaryOp, ast.BinOp)):
            return value
        holder, reads = self._case_values[-1]
        reads.append(value)
        ref = ast.Attribute(ast.Name(holder, ast.Load()), f"v{len(reads) - 1}", ast.Load())
        _locate_like(ref.value, value)
        return _located(ref, value)


def _checked_pattern(pattern: ast.pattern) -> ast.pattern:
    checker = _located(ast.Name("_checked_attr_", ast.Load()), pattern)
    return _located(ast.MatchClass(checker, [pattern], [], []), pattern)


def _refused_import(module: str, top: str, allowed: frozenset[str]) -> str:
    """Why an import is refused; a typo of an allowed module (`maths`) is called one."""
    import difflib  # only for a refused import: it stays out of the server's boot

    close = difflib.get_close_matches(top, sorted(allowed), n=1, cutoff=0.8)
    if close and top not in sys.stdlib_module_names:
        return f"there is no module named '{top}'; did you mean '{close[0]}'?"
    return f"importing '{module}' is not allowed in exercises"


def _lambda(body: ast.expr) -> ast.Lambda:
    no_arguments = ast.arguments(
        posonlyargs=[], args=[], vararg=None, kwonlyargs=[], kw_defaults=[], kwarg=None, defaults=[]
    )
    return ast.Lambda(no_arguments, body)


def _located(node: _Node, anchor: ast.AST) -> _Node:
    _locate_like(node, anchor)
    return node


def _locate_like(node: ast.AST, anchor: ast.AST) -> None:
    """Give `node` the position of `anchor` (for tracebacks: the carets CPython draws)."""
    for attr in ("lineno", "col_offset", "end_lineno", "end_col_offset"):
        setattr(node, attr, getattr(anchor, attr))


_GET_ITER_AT_STATEMENT = sys.version_info < (3, 13)
"""Before 3.13, CPython's GET_ITER is at the whole `for` statement or comprehension (so a
traceback draws no carets); from 3.13 it is at the iterable."""


def _locate_iterators(node: ast.AST) -> ast.AST:
    """Each `for` of a comprehension located where CPython's GET_ITER is, and its tick at
    the whole comprehension: the instruction that adds an item (where `{[1]: 0 for ...}`
    fails) takes the location of the last condition before it, and CPython's is the
    comprehension's own when the learner wrote no `if`."""
    for generator in getattr(node, "generators", ()):
        if _GET_ITER_AT_STATEMENT:
            _locate_like(generator.iter, node)
        for part in ast.walk(generator.ifs[0]):
            _locate_like(part, node)
    return node


def _tick() -> ast.expr:
    """`None in _ticks_`: one tick of the budget, taken in C without a call (always true)."""
    return ast.Compare(
        left=ast.Constant(None), ops=[ast.In()], comparators=[ast.Name("_ticks_", ast.Load())]
    )


def _prepend_tick(body: list[ast.stmt]) -> None:
    """Insert a tick before the body, on its first line, spanning no columns."""
    position = 1 if body and _is_docstring(body[0]) else 0
    anchor = body[0] if body else None
    tick = ast.Expr(value=_tick())
    if anchor is not None:
        start, end = names.TICK_COLUMNS
        for node in ast.walk(tick):
            if "lineno" in node._attributes:
                node.lineno = node.end_lineno = anchor.lineno  # type: ignore[attr-defined]
                node.col_offset, node.end_col_offset = start, end  # type: ignore[attr-defined]
    ast.fix_missing_locations(tick)
    body.insert(position, tick)


def _is_docstring(stmt: ast.stmt) -> bool:
    return (
        isinstance(stmt, ast.Expr)
        and isinstance(stmt.value, ast.Constant)
        and isinstance(stmt.value.value, str)
    )


def _guard_spec(spec: ast.expr) -> ast.expr:
    """The whole format spec through `_spec_` (width caps): `f"{x:{a}{b}}"` as
    `f"{x:{_spec_(f'{a}{b}')}}"`, its parts evaluated as before, then checked as one text
    (each part may be short). A spec that is only text is checked here, at no cost when
    its widths are small (`f"{x:.2f}"`)."""
    if not isinstance(spec, ast.JoinedStr):
        return spec
    parts = spec.values
    if all(isinstance(part, ast.Constant) for part in parts):
        text = "".join(str(cast(ast.Constant, part).value) for part in parts)
        if not spec_too_wide(text):
            return spec
    whole = _located(ast.JoinedStr(values=parts), spec)
    checked = _located(_call("_spec_", whole), spec)
    field = _located(ast.FormattedValue(value=checked, conversion=-1, format_spec=None), spec)
    return _located(ast.JoinedStr(values=[field]), spec)


def _describe(node: ast.AST) -> str:
    labels = {
        "AsyncFunctionDef": "'async def'",
        "Await": "'await'",
        "AsyncFor": "'async for'",
        "AsyncWith": "'async with'",
        "TryStar": "'except*'",
    }
    kind = type(node).__name__
    return labels.get(kind, f"the '{kind}' construct")


def transform(tree: ast.Module, allowed_modules: Iterable[str]) -> tuple[LearnerPolicy, ast.Module]:
    """Apply the policy to a parsed module; violations are on the returned policy."""
    policy = LearnerPolicy(allowed_modules)
    new_tree = policy.visit(tree)
    assert isinstance(new_tree, ast.Module)  # a module is transformed in place
    policy.violations.sort(key=lambda v: (v.line, v.column))
    return policy, new_tree
