"""Whether the name a rule on the solution gives can exist, with a "did you mean".

`{import: mth}`, `{call: math.sqr}` and `{method: srot}` name nothing a program can use,
so the rule could never fire: problems. A bare `{call: sortd}` may be a helper the learner
would write, so a name that is no builtin and appears nowhere in the exercise's own code
is a warning.
"""

from __future__ import annotations

import ast
import builtins
import difflib
import importlib
import importlib.util
import sys
from collections.abc import Iterable
from functools import cache
from typing import Any

from sandbox.limits import DEFAULT_MODULES

__all__ = ["code_names", "name_check"]

_CODE_FIELDS = ("solution_code", "starter", "fixed", "code")
_SAFE = DEFAULT_MODULES | {"builtins"}
"""Modules whose attributes validate may import to look up (the sandbox's allowlist)."""


def code_names(data: dict[str, Any]) -> frozenset[str]:
    """Every name and attribute the exercise's own code defines or uses."""
    sources = [data[f] for f in _CODE_FIELDS if isinstance(data.get(f), str)]
    cases = data.get("cases")
    if isinstance(cases, list):
        sources += [
            c["call"] for c in cases if isinstance(c, dict) and isinstance(c.get("call"), str)
        ]
    return frozenset(name for source in sources for name in _names(source))


def _names(source: str) -> Iterable[str]:
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError):
        return
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            yield node.id
        elif isinstance(node, ast.Attribute):
            yield node.attr
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            yield node.name
        elif isinstance(node, ast.arg):
            yield node.arg
        elif isinstance(node, ast.alias):
            yield (node.asname or node.name).partition(".")[0]


def name_check(key: str, target: str, own: frozenset[str]) -> tuple[str, bool] | None:
    """Why a rule's name looks wrong, and whether that is a problem (True: a typo of a
    known name, or a function its module lacks) or a warning (a name known nowhere, which
    a learner's own helper or a package not installed here may have); None when known."""
    if key == "import":
        return _module_check(target)
    if key == "call" and "." in target:
        module, _, name = target.rpartition(".")
        return _module_check(module) or _attribute_check(module, name)
    if key == "call" and target not in _builtin_names() | own:
        what = f"'{target}' is no built-in and appears nowhere in the exercise's code"
        return _unknown(what, target, _builtin_names() | own, typo_is_error=False)
    if key == "method" and target not in _methods() | own:
        what = f"no built-in type or allowed module has a method '{target}'"
        return _unknown(what, target, _type_methods(), typo_is_error=True)
    return None


def _unknown(
    what: str, target: str, known: Iterable[str], *, typo_is_error: bool
) -> tuple[str, bool]:
    close = difflib.get_close_matches(target, sorted(known), n=1, cutoff=0.7)
    if close and typo_is_error:
        return f"{what}, so this rule could never apply; did you mean '{close[0]}'?", True
    mean = f"; did you mean '{close[0]}'?" if close else "; check the spelling"
    return f"{what}: only code that defines it breaks this rule{mean}", False


def _module_check(module: str) -> tuple[str, bool] | None:
    top = module.partition(".")[0]
    if top in sys.stdlib_module_names or top in _SAFE or _installed(top):
        return None
    known = sys.stdlib_module_names | _SAFE
    return _unknown(f"there is no module '{top}' here", top, known, typo_is_error=True)


def _installed(top: str) -> bool:
    try:
        return top.isidentifier() and importlib.util.find_spec(top) is not None
    except (ImportError, ValueError):
        return False


def _attribute_check(module: str, name: str) -> tuple[str, bool] | None:
    if module not in _SAFE:
        return None  # validate imports only the sandbox's allowed modules
    names = set(dir(importlib.import_module(module)))
    if name in names:
        return None
    close = difflib.get_close_matches(name, sorted(names), n=1)
    mean = f"; did you mean '{module}.{close[0]}'?" if close else ""
    return f"the module {module} has no '{name}', so this rule could never apply{mean}", True


@cache
def _type_methods() -> frozenset[str]:
    """The methods of the built-in types (a did-you-mean looks there first)."""
    types = [t for t in vars(builtins).values() if isinstance(t, type)]
    return frozenset(a for owner in types for a in dir(owner) if not a.startswith("_"))


@cache
def _methods() -> frozenset[str]:
    types = [t for t in vars(builtins).values() if isinstance(t, type)]
    modules = [importlib.import_module(m) for m in sorted(_SAFE)]
    return frozenset(a for owner in [*types, *modules] for a in dir(owner))


@cache
def _builtin_names() -> frozenset[str]:
    return frozenset(dir(builtins)) | frozenset(
        n for m in sorted(_SAFE) for n in dir(importlib.import_module(m))
    )
