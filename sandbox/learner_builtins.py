"""The builtins a learner program sees: everyday names, some of them guarded."""

from __future__ import annotations

import builtins
from typing import Any

from sandbox.bigrange import metered_range
from sandbox.budget import check_spec
from sandbox.modules import _MeteredIterator

PLAIN: tuple[str, ...] = (
    "abs", "all", "any", "ascii", "bin", "bool", "bytearray", "bytes", "callable", "chr",
    "classmethod", "complex", "dict", "dir", "divmod", "enumerate", "filter", "float",
    "frozenset", "hash", "hex", "id", "int", "isinstance", "issubclass", "len", "list", "map",
    "max", "min", "next", "object", "oct", "ord", "property", "repr", "reversed", "round",
    "set", "slice", "sorted", "staticmethod", "str", "sum", "super", "tuple", "zip",
    "NotImplemented", "Ellipsis",
)  # fmt: skip
"""Builtins passed through unchanged."""

EXCEPTIONS: tuple[str, ...] = tuple(
    name
    for name, value in vars(builtins).items()
    if isinstance(value, type) and issubclass(value, BaseException)
)

DENIED: frozenset[str] = frozenset(
    {"open", "eval", "exec", "compile", "globals", "locals", "vars", "breakpoint", "memoryview"}
)
"""Never offered; listed so that tests can check their absence."""


class TypeStandIn:
    """Stands for `type`: one-argument `type(x)`, `isinstance(c, type)`, never a class factory."""

    __slots__ = ("_deny",)
    __name__ = "type"
    __qualname__ = "type"

    def __init__(self, deny: Any) -> None:
        self._deny = deny

    def __call__(self, *args: Any) -> Any:
        if len(args) == 1:
            kind = type(args[0])
            return self if issubclass(kind, type) else kind
        if len(args) == 3:
            raise self._deny("type() with three arguments is not allowed in exercises")
        raise TypeError("type() takes 1 or 3 arguments")

    def __instancecheck__(self, obj: Any) -> bool:
        return isinstance(obj, type)

    def __subclasscheck__(self, cls: Any) -> bool:
        return issubclass(cls, type)

    def __repr__(self) -> str:
        return "<class 'type'>"


def make_builtins(runtime: Any) -> dict[str, Any]:
    """The `__builtins__` dict for one run."""
    table: dict[str, Any] = {name: getattr(builtins, name) for name in PLAIN + EXCEPTIONS}
    guards = runtime.guards
    tick = runtime.tick
    sizes = runtime.sizes

    def print_(*args: Any, sep: Any = " ", end: Any = "\n", file: Any = None, flush: Any = False):
        target = runtime.sink if file is None else file
        builtins.print(*args, sep=sep, end=end, file=target, flush=flush)

    def input_(prompt: Any = "", /) -> str:
        if prompt != "":
            runtime.sink.write(str(prompt))
        line = runtime.stdin.readline()
        if not line:
            raise EOFError("EOF when reading a line")
        return line[:-1] if line.endswith("\n") else line

    def range_(*args: Any) -> Any:
        return metered_range(range(*args), tick)

    def iter_(obj: Any, *sentinel: Any) -> Any:
        if sentinel:
            return _MeteredIterator(iter(obj, *sentinel), tick)
        return iter(obj)

    def pow_(base: Any, exp: Any, mod: Any = None) -> Any:
        return sizes.pow(base, exp, mod)

    def format_(value: Any, format_spec: Any = "", /) -> str:
        if isinstance(format_spec, str):
            check_spec(format_spec, sizes.budget)
        return format(value, format_spec)

    def exit_(code: Any = None) -> None:
        raise SystemExit(code)

    def getattr_(obj: Any, name: Any, *default: Any) -> Any:
        return guards.getattr(obj, name, *default)

    table.update(
        print=print_,
        input=input_,
        range=range_,
        iter=iter_,
        pow=pow_,
        format=format_,
        exit=exit_,
        quit=exit_,
        type=runtime.type_stand_in,
        getattr=getattr_,
        setattr=guards.setattr,
        delattr=guards.delattr,
        hasattr=guards.hasattr,
        __build_class__=runtime.build_class,
        __import__=runtime.import_module,
    )
    for name, value in table.items():
        if getattr(value, "__name__", name).endswith("_"):
            value.__name__ = value.__qualname__ = name
    return table
