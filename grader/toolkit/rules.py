"""Rules on the learner's solution itself, checked on its AST before it runs.

`requires: [recursion]` and `forbids: [{call: str}, {import: statistics}, {loop: while}]`
let a recursion exercise refuse the `len(str(n))` shortcut. A rule is a word (a construct)
or a one-key mapping, optionally with its own `hint`:

- `recursion`: a function of the program calls itself, directly or through other functions
  it defines, by name, through an alias (`g = f`), as a method (`self.m()`, `node.m()`) or
  passed as a value (`map(f, xs)`); the cycle must be reachable from the exercise's
  `function` (write-function) or from the module's own code;
- `loop` (any for, while or comprehension), `comprehension`, `lambda`, `yield`, `try`,
  `fstring`, `class`, `global` (global or nonlocal);
- `{loop: for}` (for statements and comprehensions), `{loop: while}`;
- `{call: NAME}`: the function NAME used at all: called, passed, aliased, imported
  (`from m import NAME as x`), looked up (`getattr(builtins, 'NAME')`, `__builtins__.NAME`,
  `type('')` for `str`); `{call: module.NAME}` only that module's;
- `{method: NAME}`: any attribute `.NAME`, or `getattr(x, 'NAME')`;
- `{import: MODULE}`: the module or a submodule imported in any form (`import m as s`,
  `from m import *`, `__import__('m')`, `importlib.import_module('m')`);
- `{catch: EXCEPTION}`: an `except` clause that names the exception (alone, in a tuple,
  or as `module.Name`). Required, only that name counts; forbidden, a clause that would
  catch it anyway counts too: a bare `except:`, `except Exception`, `except BaseException`.

Code given to `eval`, `exec` or `compile` as a literal is checked too; a name computed at
run time (`getattr(x, name)`, `exec(text)`) breaks every forbidding rule of its sort, since
no reading of the source can tell what it uses. The check is static: a use in code that
never runs still counts.
"""

from __future__ import annotations

import ast
import difflib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from grader.spec.raw import PathKey
from grader.spec.reader import SpecReader
from grader.toolkit.rule_names import code_names, name_check

__all__ = [
    "CONSTRUCTS",
    "RULES_SCHEMA",
    "Rule",
    "Rules",
    "Violation",
    "parse_rules",
    "violations",
]

CONSTRUCTS = {
    "recursion": "recursion",
    "loop": "a loop",
    "comprehension": "a comprehension",
    "lambda": "a lambda",
    "yield": "yield (a generator)",
    "try": "try/except",
    "fstring": "an f-string",
    "class": "a class",
    "global": "global or nonlocal",
}
"""The constructs a rule may name as a word, and how messages call them."""
LOOPS = {"for": "a for loop", "while": "a while loop", "any": "a loop"}
KEYS = ("construct", "loop", "call", "method", "import", "catch")
"""What a rule in mapping form names (one of them), besides its `hint`."""

_RULE_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "string", "description": "A construct: " + ", ".join(CONSTRUCTS) + "."},
        {
            "type": "object",
            "properties": {
                "construct": {"type": "string", "description": ", ".join(CONSTRUCTS)},
                "loop": {"type": "string", "description": "for, while or any"},
                "call": {"type": "string", "minLength": 1, "description": "e.g. str, math.sqrt"},
                "method": {"type": "string", "minLength": 1, "description": "e.g. sort"},
                "import": {"type": "string", "minLength": 1, "description": "e.g. statistics"},
                "catch": {"type": "string", "minLength": 1, "description": "e.g. ValueError"},
                "hint": {"type": "string", "minLength": 1, "description": "Shown when broken."},
            },
            "additionalProperties": False,
        },
    ]
}
RULES_SCHEMA: dict[str, Any] = {
    "type": "array",
    "items": _RULE_SCHEMA,
    "examples": [["recursion"], [{"call": "str"}, {"import": "statistics"}, {"loop": "while"}]],
}


@dataclass(frozen=True)
class Rule:
    """One rule: what it names (`call` `str`), its own hint, and where the spec says it."""

    key: str
    target: str
    hint: str | None = None
    path: PathKey = ()

    @property
    def what(self) -> str:
        """How messages name it: `str()`, `the module statistics`, `a while loop`."""
        if self.key == "construct":
            return CONSTRUCTS[self.target]
        if self.key == "loop":
            return LOOPS[self.target]
        if self.key == "call":
            return f"{self.target}()"
        if self.key == "method":
            return f".{self.target}()"
        if self.key == "catch":
            return f"`except {self.target}`"
        return f"the module {self.target}"


@dataclass(frozen=True)
class Rules:
    requires: tuple[Rule, ...] = ()
    forbids: tuple[Rule, ...] = ()
    entry: str | None = None
    """The function recursion must be reachable from (write-function's `function`)."""

    def __bool__(self) -> bool:
        return bool(self.requires or self.forbids)

    def notes(self) -> tuple[str, ...]:
        """The rules as `grader show` states them, so that no learner meets one first in a
        verdict."""
        found = []
        if self.requires:
            found.append(f"Your code must use {_listed([r.what for r in self.requires], 'and')}.")
        if self.forbids:
            found.append(f"Your code must not use {_listed([r.what for r in self.forbids], 'or')}.")
        return tuple(found)


def _listed(items: list[str], last: str) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {last} {items[-1]}"


@dataclass(frozen=True)
class Violation:
    """A rule the solution breaks: the rule, and where (0 for a missing requirement)."""

    rule: Rule
    required: bool
    line: int = 0
    detail: str = ""

    @property
    def message(self) -> str:
        if self.required:
            return f"does not use {self.rule.what}"
        if self.detail:
            return f"may use {self.rule.what}: {self.detail}"
        return f"uses {self.rule.what} (line {self.line})"

    @property
    def hint(self) -> str:
        if self.rule.hint:
            return self.rule.hint
        if self.required and self.rule.target == "recursion":
            return (
                "This exercise asks for recursion: let the function call itself on a smaller input."
            )
        if self.required:
            return f"This exercise asks you to use {self.rule.what}."
        return f"This exercise asks you to solve it without {self.rule.what}."


# -- reading rules from a spec ------------------------------------------------------------


def parse_rules(spec: SpecReader, code_kind: bool) -> Rules:
    """`requires` and `forbids` from the spec, each name checked (with a "did you mean")."""
    lists = {name: spec.data.get(name) or [] for name in ("requires", "forbids")}
    if any(lists.values()) and not code_kind:
        for name, items in lists.items():
            if items:
                spec.problem((name,), "rules on the solution need a kind whose answers are code")
        return Rules()
    parsed = {
        name: tuple(r for i, item in enumerate(items) if (r := _rule(spec, (name, i), item)))
        for name, items in lists.items()
        if isinstance(items, list)
    }
    requires, forbids = parsed.get("requires", ()), parsed.get("forbids", ())
    required = {(rule.key, rule.target) for rule in requires}
    for rule in forbids:
        if (rule.key, rule.target) in required:
            spec.problem(rule.path, f"{rule.what} is both required and forbidden; keep one")
    entry = spec.data.get("function")
    return Rules(requires, forbids, entry if isinstance(entry, str) else None)


def _rule(spec: SpecReader, path: PathKey, item: Any) -> Rule | None:
    """One rule; None, with a problem, when it names nothing known (the schema reports
    the wrong types)."""
    if isinstance(item, str):
        key, target, hint = ("loop", "any", None) if item == "loop" else ("construct", item, None)
        where = path
    elif isinstance(item, dict):
        named = [k for k in KEYS if k in item]
        if len(named) != 1:
            spec.problem(path, "name exactly one of: " + ", ".join(KEYS) + " (and maybe a hint)")
            return None
        key, target, hint = named[0], item[named[0]], item.get("hint")
        where = (*path, key)
    else:
        return None
    if not isinstance(target, str) or not isinstance(hint, (str, type(None))):
        return None
    choices = {"construct": CONSTRUCTS, "loop": LOOPS}.get(key)
    if choices is not None and target not in choices:
        close = difflib.get_close_matches(target, list(choices), n=1)
        hint_text = f"did you mean '{close[0]}'? " if close else ""
        spec.problem(
            where, f"unknown {key} '{target}'; {hint_text}choose one of: {', '.join(choices)}"
        )
        return None
    if key in ("call", "method") and not all(part.isidentifier() for part in target.split(".")):
        spec.problem(where, f"'{target}' is not a name such as str or math.sqrt")
        return None
    if key == "import" and not all(part.isidentifier() for part in target.split(".")):
        spec.problem(where, f"'{target}' is not a module name such as statistics")
        return None
    if key == "catch" and not target.isidentifier():
        spec.problem(where, f"'{target}' is not an exception name such as ValueError")
        return None
    unknown = name_check(key, target, code_names(spec.data))
    if unknown is not None and unknown[1]:  # a warning is validate's (`rule_advice`)
        spec.problem(where, unknown[0])
        return None
    return Rule(key, target, hint, path)


# -- checking a program -------------------------------------------------------------------


def violations(rules: Rules, source: str) -> list[Violation] | None:
    """The rules `source` breaks, in the spec's order; None when it does not parse (then
    the kind reports the syntax error)."""
    try:
        found = _Uses.of(source, imported=rules.entry is not None)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    broken: list[Violation] = []
    for rule in rules.requires:
        if rule.key == "construct" and rule.target == "recursion":
            if _recursion_line(found.tree, rules.entry) is None:
                broken.append(Violation(rule, True))
        elif found.line(rule) is None:
            broken.append(Violation(rule, True))
    for rule in rules.forbids:
        if rule.key == "construct" and rule.target == "recursion":
            line = _recursion_line(found.tree, None, anywhere=True)
        else:
            line = found.line(rule)
        if line is None and rule.key == "catch":
            line = found.uses.get(("catch", _CATCHES_ALL))
        if line is not None:
            broken.append(Violation(rule, False, line))
        elif (hidden := found.computed(rule.key)) is not None:
            what, at = hidden
            broken.append(Violation(rule, False, at, f"line {at} {what}"))
    return broken


_BUILTINS = {"builtins", "__builtins__"}
_EVAL = {"eval", "exec", "compile"}
_IMPORTERS = {"__import__", "import_module"}
_SCOPES = {"globals", "vars", "locals"}


@dataclass
class _Uses:
    """Every construct, name, attribute and module a program uses, with its first line."""

    tree: ast.Module
    uses: dict[tuple[str, str], int] = field(default_factory=dict)
    hidden: dict[str, tuple[str, int]] = field(default_factory=dict)
    """Per sort of rule (call, method, import): a name computed at run time, and where."""
    modules: dict[str, str] = field(default_factory=dict)
    """Names bound to modules (`import statistics as s` binds s to statistics)."""

    @classmethod
    def of(cls, source: str, depth: int = 0, *, imported: bool = False) -> _Uses:
        """`imported`: the file is loaded as a module (write-function), so its `if __name__
        == "__main__":` blocks never run and are not read."""
        tree = ast.parse(source)
        if imported:
            tree.body = [node for node in tree.body if not _main_block(node)]
        found = cls(tree)
        found._read(found.tree, depth)
        return found

    def line(self, rule: Rule) -> int | None:
        return self.uses.get((rule.key, rule.target))

    def computed(self, key: str) -> tuple[str, int] | None:
        return self.hidden.get(key)

    def _use(self, key: str, target: str, node: ast.AST) -> None:
        line = getattr(node, "lineno", 0)
        if (key, target) not in self.uses or line < self.uses[(key, target)]:
            self.uses[(key, target)] = line

    def _hide(self, keys: tuple[str, ...], what: str, node: ast.AST) -> None:
        for key in keys:
            self.hidden.setdefault(key, (what, getattr(node, "lineno", 0)))

    def _read(self, tree: ast.AST, depth: int) -> None:
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                self._import(node)
        types = {
            id(n) for t in _type_positions(tree) for n in ast.walk(t) if isinstance(n, ast.Name)
        }
        for node in ast.walk(tree):
            if id(node) not in types:
                self._node(node, depth)

    def _import(self, node: ast.Import | ast.ImportFrom) -> None:
        if isinstance(node, ast.Import):
            for alias in node.names:
                self._module(alias.name, node)
                bound = alias.asname or alias.name.partition(".")[0]
                self.modules[bound] = alias.name if alias.asname else bound
            return
        module = node.module or ""
        self._module(module, node)
        for alias in node.names:
            if alias.name == "*":
                continue
            self._function(module, alias.name, node)
            self.modules.setdefault(alias.asname or alias.name, f"{module}.{alias.name}")

    def _module(self, name: str, node: ast.AST) -> None:
        """`a.b.c` imports a, a.b and a.b.c."""
        parts = name.split(".")
        for end in range(1, len(parts) + 1):
            self._use("import", ".".join(parts[:end]), node)

    def _function(self, module: str, name: str, node: ast.AST) -> None:
        """A use of `module.name`, also under its bare name (and of builtins by name)."""
        self._use("call", name, node)
        if module and module not in _BUILTINS:
            self._use("call", f"{module}.{name}", node)

    def _node(self, node: ast.AST, depth: int) -> None:
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            self._use("call", node.id, node)
            bound = self.modules.get(node.id)
            if bound is not None and "." in bound:  # from m import f as g; g
                module, _, name = bound.rpartition(".")
                self._function(module, name, node)
        elif isinstance(node, ast.Attribute):
            self._use("method", node.attr, node)
            owner = self._module_of(node.value)
            if owner is not None:
                self._function(owner, node.attr, node)
            if isinstance(node.value, ast.Constant) and node.attr == "__class__":
                self._use("call", type(node.value.value).__name__, node)
        elif isinstance(node, ast.Subscript):
            self._lookup(node)
        elif isinstance(node, ast.Call):
            self._call(node, depth)
        self._construct(node)

    def _module_of(self, value: ast.expr) -> str | None:
        """The module an expression names: an imported alias, or the builtins."""
        if isinstance(value, ast.Name):
            return "builtins" if value.id in _BUILTINS else self.modules.get(value.id)
        if isinstance(value, ast.Subscript) and isinstance(value.slice, ast.Constant):
            return "builtins" if value.slice.value in _BUILTINS else None  # globals()[...]
        if isinstance(value, ast.Attribute):
            outer = self._module_of(value.value)
            return f"{outer}.{value.attr}" if outer is not None else None
        return None

    def _lookup(self, node: ast.Subscript) -> None:
        """`__builtins__['str']`, `globals()['str']`, `vars(math)['sqrt']`."""
        value, key = node.value, node.slice
        scope = isinstance(value, ast.Call) and _name(value.func) in _SCOPES
        module = self._module_of(value) if not scope else "builtins"
        if module is None and not (isinstance(value, ast.Attribute) and value.attr == "__dict__"):
            return
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            self._function(module or "", key.value, node)
        else:
            self._hide(("call",), "looks a name up by a key computed at run time", node)

    def _call(self, node: ast.Call, depth: int) -> None:
        name = _name(node.func)
        first = node.args[0] if node.args else None
        text = first.value if isinstance(first, ast.Constant) else None
        if name == "getattr" and len(node.args) >= 2:
            attribute = node.args[1]
            owner = self._module_of(node.args[0])
            if isinstance(attribute, ast.Constant) and isinstance(attribute.value, str):
                self._use("method", attribute.value, node)
                if owner is not None:
                    self._function(owner, attribute.value, node)
            else:
                sorts = ("method", "call") if owner else ("method",)
                self._hide(sorts, "calls getattr() with a name computed at run time", node)
        elif name in _IMPORTERS:
            if isinstance(text, str):
                self._module(text, node)
            else:
                self._hide(("import",), f"calls {name}() with a name computed at run time", node)
        elif name in _EVAL:
            if isinstance(text, str) and depth < 3:
                self._nested(text, node, depth)
            else:
                what = f"calls {name}(), whose code this check cannot read"
                self._hide(("call", "method", "import"), what, node)
        elif name == "type" and len(node.args) == 1:
            made = _literal_type(node.args[0])
            if made is not None:
                self._use("call", made, node)

    def _nested(self, text: str, node: ast.AST, depth: int) -> None:
        """Code given to eval/exec/compile as a literal: its uses count, at this line."""
        try:
            inner = _Uses.of(text, depth + 1)
        except (SyntaxError, ValueError, RecursionError):
            return
        for used_key, target in inner.uses:
            self._use(used_key, target, node)
        for hidden_key, (what, _) in inner.hidden.items():
            self._hide((hidden_key,), what, node)

    def _handler(self, node: ast.ExceptHandler) -> None:
        """`except ValueError`, `except (KeyError, IndexError)`, `except json.JSONDecodeError`;
        a clause that catches every error is marked `_CATCHES_ALL`."""
        kinds = node.type.elts if isinstance(node.type, ast.Tuple) else [node.type]
        for kind in kinds:
            name = _name(kind) if kind is not None else None
            if name is None or name in ("Exception", "BaseException"):
                self._use("catch", _CATCHES_ALL, node)
            if name is not None:
                self._use("catch", name, node)

    def _construct(self, node: ast.AST) -> None:
        if isinstance(node, ast.ExceptHandler):
            self._handler(node)
        if isinstance(node, (ast.For, ast.AsyncFor, ast.comprehension)):
            self._loop("for", node)
        elif isinstance(node, ast.While):
            self._loop("while", node)
        if isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            self._use("construct", "comprehension", node)
        construct = _CONSTRUCT_NODES.get(type(node))
        if construct is not None:
            self._use("construct", construct, node)
        if isinstance(node, ast.JoinedStr) and any(
            isinstance(v, ast.FormattedValue) for v in node.values
        ):
            self._use("construct", "fstring", node)

    def _loop(self, kind: str, node: ast.AST) -> None:
        line_of = node.target if isinstance(node, ast.comprehension) else node
        self._use("loop", kind, line_of)
        self._use("loop", "any", line_of)


_CATCHES_ALL = "*"
"""What a bare `except:` (or `except Exception`) catches: every error a rule may name."""

_CONSTRUCT_NODES: dict[type, str] = {
    ast.Lambda: "lambda",
    ast.Yield: "yield",
    ast.YieldFrom: "yield",
    ast.Try: "try",
    ast.TryStar: "try",
    ast.ClassDef: "class",
    ast.Global: "global",
    ast.Nonlocal: "global",
}


def _type_positions(tree: ast.AST) -> Iterator[ast.AST]:
    """Where a name stands for a type, not a function used: annotations, the second
    argument of isinstance() and issubclass(), `except` clauses."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _name(node.func) in ("isinstance", "issubclass"):
            yield from node.args[1:2]
        elif isinstance(node, ast.arg) and node.annotation is not None:
            yield node.annotation
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.returns:
            yield node.returns
        elif isinstance(node, ast.AnnAssign):
            yield node.annotation
        elif isinstance(node, ast.ExceptHandler) and node.type is not None:
            yield node.type


def _main_block(node: ast.stmt) -> bool:
    """`if __name__ == "__main__":` (either way round), with no `else`."""
    if not isinstance(node, ast.If) or node.orelse:
        return False
    test = node.test
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and len(test.comparators) == 1):
        return False
    if not isinstance(test.ops[0], ast.Eq):
        return False
    sides = {ast.dump(test.left), ast.dump(test.comparators[0])}
    return sides == {ast.dump(ast.Name("__name__", ast.Load())), ast.dump(ast.Constant("__main__"))}


def _name(func: ast.expr) -> str | None:
    """The called name: `f` for `f()`, `import_module` for `importlib.import_module()`."""
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _literal_type(node: ast.expr) -> str | None:
    """The builtin type a literal makes: `type('')` is `str`."""
    if isinstance(node, ast.Constant):
        return type(node.value).__name__
    displays = {ast.List: "list", ast.Tuple: "tuple", ast.Set: "set", ast.Dict: "dict"}
    return displays.get(type(node))


# -- recursion ----------------------------------------------------------------------------

_Function = ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda


@dataclass
class _Graph:
    """The program's functions, and which of them each one refers to (calls or passes)."""

    functions: list[_Function] = field(default_factory=list)
    names: dict[int, str] = field(default_factory=dict)
    methods: set[int] = field(default_factory=set)
    edges: dict[int, dict[int, int]] = field(default_factory=dict)
    """function -> {function it refers to: the line of the first reference}."""
    roots: dict[int, int] = field(default_factory=dict)


def _recursion_line(tree: ast.Module, entry: str | None, *, anywhere: bool = False) -> int | None:
    """The line of a reference that closes a cycle of the program's functions reachable
    from `entry` (or from the module's code; or from any function, `anywhere`); None when
    there is none."""
    graph = _graph(tree)
    if anywhere:
        roots = list(range(len(graph.functions)))
    elif entry is not None:
        roots = [index for index, name in graph.names.items() if name == entry]
    else:
        roots = list(graph.roots)
    return _cycle(graph, roots)


def _graph(tree: ast.Module) -> _Graph:
    graph = _Graph()
    aliases: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            graph.names[len(graph.functions)] = node.name
            graph.functions.append(node)
        elif isinstance(node, ast.ClassDef):
            graph.methods.update(
                id(item)
                for item in node.body
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef))
            )
        elif isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
            if isinstance(target, ast.Name) and isinstance(value, ast.Lambda):
                graph.names[len(graph.functions)] = target.id
                graph.functions.append(value)
            elif isinstance(target, ast.Name) and isinstance(value, ast.Name):
                aliases[target.id] = value.id
    by_name: dict[str, list[int]] = {}
    for index, name in graph.names.items():
        by_name.setdefault(name, []).append(index)
    method_names = {
        index for index, function in enumerate(graph.functions) if id(function) in graph.methods
    }

    def targets(node: ast.AST) -> list[int]:
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            name = node.id
            seen = set()
            while name in aliases and name not in seen:  # g = f; h = g
                seen.add(name)
                name = aliases[name]
            return by_name.get(node.id, []) + (by_name.get(name, []) if name != node.id else [])
        if isinstance(node, ast.Attribute):
            return [i for i in by_name.get(node.attr, []) if i in method_names]
        return []

    for index, function in enumerate(graph.functions):
        found: dict[int, int] = {}
        for node in _own_nodes(function):
            for callee in targets(node):
                found.setdefault(callee, getattr(node, "lineno", 0))
        graph.edges[index] = found
    for node in _own_nodes(tree):
        for callee in targets(node):
            graph.roots.setdefault(callee, getattr(node, "lineno", 0))
    return graph


def _own_nodes(scope: ast.AST) -> Iterator[ast.AST]:
    """The nodes of a function (or module) body, not those of the functions inside it
    (their decorators and defaults do belong to it)."""
    body = [scope.body] if isinstance(scope, ast.Lambda) else getattr(scope, "body", [])
    todo: list[ast.AST] = list(body) if isinstance(body, list) else [body]
    if isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
        todo += list(ast.iter_child_nodes(scope.args))
    while todo:
        node = todo.pop()
        yield node
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            todo += [*node.decorator_list, *node.args.defaults]
            todo += [default for default in node.args.kw_defaults if default is not None]
        elif isinstance(node, ast.Lambda):
            todo += node.args.defaults
        else:
            todo += ast.iter_child_nodes(node)


def _cycle(graph: _Graph, roots: list[int]) -> int | None:
    """The line of an edge back to a function being visited (depth first from `roots`)."""
    state: dict[int, int] = {}  # 1: on the path, 2: done
    for root in roots:
        stack: list[tuple[int, Iterator[tuple[int, int]]]] = []
        if state.get(root):
            continue
        state[root] = 1
        stack.append((root, iter(graph.edges.get(root, {}).items())))
        while stack:
            node, edges = stack[-1]
            step = next(edges, None)
            if step is None:
                state[node] = 2
                stack.pop()
                continue
            target, line = step
            if state.get(target) == 1:
                return line
            if not state.get(target):
                state[target] = 1
                stack.append((target, iter(graph.edges.get(target, {}).items())))
    return None
