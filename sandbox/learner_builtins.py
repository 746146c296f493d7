"""The builtins a learner program sees: everyday names, some of them guarded."""

from __future__ import annotations

import builtins
import sys
import types

from sandbox.bigrange import BigRange, metered_range
from sandbox.budget import check_spec, exact_count
from sandbox.modules import SafeModule, _MeteredIterator
from sandbox.names import is_reserved

TYPE_CHECKING = False  # `typing` costs every zygote and each of its forks
if TYPE_CHECKING:
    from typing import Any

PLAIN: tuple[str, ...] = (
    "abs", "all", "any", "ascii", "bin", "bool", "bytearray", "bytes", "callable", "chr",
    "classmethod", "complex", "dict", "divmod", "enumerate", "filter", "float",
    "frozenset", "hash", "hex", "id", "int", "isinstance", "issubclass", "len", "list", "map",
    "max", "min", "next", "object", "oct", "ord", "property", "repr", "reversed", "round",
    "set", "slice", "sorted", "staticmethod", "str", "sum", "super", "tuple", "zip",
    "NotImplemented", "Ellipsis", "print", "input",
)  # fmt: skip
"""Builtins passed through unchanged.

`print` and `input` are CPython's own: the child points `sys.stdout` at the program's
capped output and `sys.stdin` at its given input (`Runtime.install`); descriptors 0-2 are
/dev/null there. Their messages, prompt echo, EOFError and recursion cost are CPython's."""

EXCEPTIONS: tuple[str, ...] = tuple(
    name
    for name, value in vars(builtins).items()
    if isinstance(value, type) and issubclass(value, BaseException)
)

DENIED: frozenset[str] = frozenset(
    {"open", "eval", "exec", "compile", "globals", "locals", "vars", "breakpoint", "memoryview"}
)
"""Never offered; listed so that tests can check their absence."""


class _Atomic:
    """Copied as CPython copies classes and builtin functions: `copy.copy(x) is x`."""

    __slots__ = ()

    def __copy__(self) -> Any:
        return self

    def __deepcopy__(self, memo: Any) -> Any:
        return self


class TypeStandIn(_Atomic):
    """Stands for `type`: one-argument `type(x)`, `isinstance(c, type)`, never a class factory.

    Its state is private: the guards read attributes of `type` itself, never of this object.
    """

    __slots__ = ("_aliases", "_deny", "_generic")
    __name__ = "type"
    __qualname__ = "type"
    _real = type

    def __init__(self, deny: Any) -> None:
        self._deny = deny
        self._aliases: dict[type, Any] = {}
        """Classes shown as their stand-in: `type(range(3))` is the program's `range`, and
        the sandbox's own classes are shown as the CPython classes they stand for."""
        self._generic = _generic_type_alias(self)
        self._aliases[self._generic] = types.GenericAlias

    def alias(self, cls: type) -> Any:
        """What the program sees for the class `cls` (itself, unless the sandbox's own)."""
        return self._aliases.get(cls, cls)

    def add_aliases(self, aliases: dict[type, Any]) -> None:
        self._aliases.update(aliases)

    def __call__(self, *args: Any) -> Any:
        if len(args) == 1:
            kind = type(args[0])
            if issubclass(kind, type) or kind in _STAND_IN_CLASSES:
                return self
            alias = self._aliases.get(kind, kind)
            return alias(args[0]) if alias is _TYPE_OF_INSTANCE else alias
        if len(args) == 3:
            raise self._deny("type() with three arguments is not allowed in exercises")
        raise TypeError("type() takes 1 or 3 arguments")

    def __instancecheck__(self, obj: Any) -> bool:
        return isinstance(obj, type) or type(obj) in _STAND_IN_CLASSES

    def __subclasscheck__(self, cls: Any) -> bool:
        return issubclass(cls, type)

    def __getitem__(self, item: Any) -> Any:
        """`type[Animal]` in an annotation; calling it calls this stand-in, not `type`."""
        return self._generic(type, item)

    def __dir__(self) -> list[str]:
        return dir(type)

    def __repr__(self) -> str:
        return "<class 'type'>"


def _generic_type_alias(stand_in: TypeStandIn) -> type:
    """`types.GenericAlias` for `type[...]`, shown as CPython shows it, whose call is the
    stand-in's (CPython's would call the real `type`, which makes classes). What CPython
    derives from it natively would be a plain alias of the real `type`: a subscript
    (`type[T][int]`) gives this class again, and unpacking (`*type[int]`) is refused."""

    def __call__(self: Any, *args: Any, **kwargs: Any) -> Any:
        return stand_in(*args, **kwargs)

    def __getitem__(self: Any, item: Any) -> Any:
        made = types.GenericAlias.__getitem__(self, item)
        return alias(made.__origin__, made.__args__)

    def __iter__(self: Any) -> Any:
        raise stand_in._deny("unpacking type[...] is not allowed in exercises")

    namespace = {
        "__call__": __call__,
        "__getitem__": __getitem__,
        "__iter__": __iter__,
        "__module__": "types",
        "__slots__": (),
    }
    alias: type = type("GenericAlias", (types.GenericAlias,), namespace)
    return alias


class RangeStandIn(_Atomic):
    """Stands for `range`: calls give a range (metered when huge); `isinstance` works."""

    __slots__ = ("_tick",)
    __name__ = "range"
    _real = range

    def __init__(self, tick: Any) -> None:
        self._tick = tick

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return metered_range(range(*args, **kwargs), self._tick)

    def __instancecheck__(self, obj: Any) -> bool:
        return isinstance(obj, (range, BigRange))

    def __subclasscheck__(self, cls: Any) -> bool:
        return isinstance(cls, type) and issubclass(cls, (range, BigRange))

    def __dir__(self) -> list[str]:
        return dir(range)

    def __repr__(self) -> str:
        return "<class 'range'>"


class SizedTypeStandIn(_Atomic):
    """Stands for `bytes` or `bytearray`: `bytearray(10**10)` is refused before C zero-fills it.

    `isinstance`, `issubclass`, subclassing and `bytes | None` work; attributes are looked up
    on the real class (by the guards, which unwrap the stand-in first).
    """

    __slots__ = ("_base", "_real", "_sizes")

    def __init__(self, real: type, sizes: Any) -> None:
        self._real = real
        self._sizes = sizes
        self._base = sized_base(real, sizes)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._real(*sized_arguments(args, kwargs, self._sizes), **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)

    def __instancecheck__(self, obj: Any) -> bool:
        return isinstance(obj, self._real)

    def __subclasscheck__(self, cls: Any) -> bool:
        return isinstance(cls, type) and issubclass(cls, self._real)

    def __mro_entries__(self, bases: tuple[Any, ...]) -> tuple[type, ...]:
        return (self._base,)  # the program's subclasses are sized too

    def __dir__(self) -> list[str]:
        return dir(self._real)

    def __or__(self, other: Any) -> Any:
        return self._real | _real_class(other)

    def __ror__(self, other: Any) -> Any:
        return _real_class(other) | self._real

    def __repr__(self) -> str:
        return repr(self._real)


def sized_arguments(args: tuple[Any, ...], kwargs: dict[str, Any], sizes: Any) -> tuple[Any, ...]:
    """The arguments of `bytes(...)`/`bytearray(...)`, refused when they ask for a size that
    could not fit: the size read once, as C reads it."""
    if args and not hasattr(type(args[0]), "__bytes__"):  # C reads `__bytes__` first
        args = (exact_count(args[0]), *args[1:])  # the size C reads, read once
    size = args[0] if args else kwargs.get("source")
    if isinstance(size, int) and size > 1 << 20:
        sizes.budget.check_memory(int(size))
    return args


def sized_base(real: type, sizes: Any) -> type:
    """The base the program's `class B(bytes)` gets in place of `bytes`: `B(10 ** 10)` and
    `b.__init__(n)` are sized as `bytes(n)` is. Shown as the real class."""
    namespace: dict[str, Any] = {"__slots__": (), "__module__": "builtins"}
    if real is bytes:

        def __new__(cls: type, *args: Any, **kwargs: Any) -> Any:
            return bytes.__new__(cls, *sized_arguments(args, kwargs, sizes), **kwargs)

        namespace["__new__"] = __new__
    else:
        real_init: Any = bytearray.__init__

        def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
            real_init(self, *sized_arguments(args, kwargs, sizes), **kwargs)

        namespace["__init__"] = __init__
    return type(real.__name__, (real,), namespace)


def _real_class(value: Any) -> Any:
    return value._real if type(value) is SizedTypeStandIn else value


class BuiltinFunction(_Atomic):
    """A guarded builtin that shows itself as CPython's own: `<built-in function print>`.

    Its type is named `builtin_function_or_method`, so that `"Hi " + pow` fails with
    CPython's message. The wrapped function is private (`pow._function` is refused).
    """

    __slots__ = ("_function", "_name")

    def __init__(self, name: str, function: Any) -> None:
        self._name = name
        self._function = function

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if self._name in _ARITY or self._name in _CLINIC:
            check_arguments(self._name, args, kwargs)
        return self._function(*args, **kwargs)

    @property
    def __name__(self) -> str:
        return self._name

    def __dir__(self) -> list[str]:
        return dir(len)  # what `dir()` lists for any builtin function

    def __repr__(self) -> str:
        return f"<built-in function {self._name}>"


_ARITY: dict[str, tuple[int, int]] = {
    "iter": (1, 2), "format": (1, 2), "dir": (0, 1),
    "getattr": (2, 3), "setattr": (3, 3), "delattr": (2, 2), "hasattr": (2, 2),
}  # fmt: skip
"""Positional arguments (fewest, most) of the guarded builtins that take no keywords."""
_CLINIC: dict[str, tuple[tuple[str, ...], int, int]] = {
    "pow": (("base", "exp", "mod"), 2, 0),
    "sum": (("iterable", "start"), 1, 1),
}
"""Parameters, how many are required and how many are positional-only."""


def check_arguments(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """CPython's TypeError for a wrong call of a guarded builtin (its C argument parser's
    words, not those of the Python function that stands in for it)."""
    if name in _ARITY:
        _check_positional(name, *_ARITY[name], args, kwargs)
        return
    params, required, positional_only = _CLINIC[name]
    given = len(args) + len(kwargs)
    if given > len(params):
        raise TypeError(f"{name}() takes at most {len(params)} arguments ({given} given)")
    if len(args) < positional_only:
        raise TypeError(f"{name}() takes at least {positional_only} positional argument (0 given)")
    for key in kwargs:
        if key not in params[positional_only:]:
            raise TypeError(_unexpected_keyword(name, key))
    for index, param in enumerate(params[:required]):
        if index >= len(args) and param not in kwargs:
            raise TypeError(f"{name}() missing required argument '{param}' (pos {index + 1})")


def _unexpected_keyword(name: str, key: str) -> str:
    if sys.version_info >= (3, 13):
        return f"{name}() got an unexpected keyword argument '{key}'"
    return f"'{key}' is an invalid keyword argument for {name}()"


def _check_positional(
    name: str, fewest: int, most: int, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> None:
    if kwargs:
        raise TypeError(f"{name}() takes no keyword arguments")
    count = len(args)
    if fewest <= count <= most:
        return
    if fewest == most:
        raise TypeError(f"{name} expected {fewest} arguments, got {count}")
    bound, limit = ("at least", fewest) if count < fewest else ("at most", most)
    noun = "argument" if limit == 1 else "arguments"
    raise TypeError(f"{name} expected {bound} {limit} {noun}, got {count}")


_STAND_IN_CLASSES = (TypeStandIn, RangeStandIn, SizedTypeStandIn)
STAND_INS = frozenset(_STAND_IN_CLASSES)
"""Stand-ins for classes; the guards read attributes on the real class (`_real`)."""


def _TYPE_OF_INSTANCE(obj: Any) -> Any:
    """Alias marker: `type(x)` asks the object itself (`type_shown`)."""
    return obj.type_shown()


_SHOWN_AS = {
    BuiltinFunction: "builtin_function_or_method",
    TypeStandIn: "type",
    RangeStandIn: "type",
    SizedTypeStandIn: "type",
}
for _cls, _shown in _SHOWN_AS.items():
    _cls.__name__ = _cls.__qualname__ = _shown  # what `type(print)` and errors show
    _cls.__module__ = "builtins"


def make_builtins(runtime: Any) -> dict[str, Any]:
    """The `__builtins__` dict for one run."""
    table: dict[str, Any] = {name: getattr(builtins, name) for name in PLAIN + EXCEPTIONS}
    guards = runtime.guards
    tick = runtime.tick
    sizes = runtime.sizes

    def iter_(obj: Any, *sentinel: Any) -> Any:
        if sentinel:
            inner = iter(obj, *sentinel)
            return _MeteredIterator(inner, tick, type(inner))  # callable_iterator: no calls
        return iter(obj)

    def pow_(base: Any, exp: Any, mod: Any = None) -> Any:
        return sizes.pow(base, exp, mod)

    def format_(value: Any, format_spec: Any = "", /) -> str:
        if isinstance(format_spec, str):
            check_spec(format_spec, sizes.budget)
        return format(value, format_spec)

    def exit_(code: Any = None) -> None:
        raise SystemExit(code)

    def sum_(iterable: Any, /, start: Any = 0) -> Any:
        if type(start) in _NUMBER_TYPES or isinstance(start, (str, bytes, bytearray)):
            return sum(iterable, start)  # numbers in C; text raises CPython's TypeError
        total = start  # sequences: each `+` is sized, and the loop ticks (C's is quadratic)
        for item in iterable:
            tick()
            total = sizes.add(total, item)
        return total

    def getattr_(obj: Any, name: Any, *default: Any) -> Any:
        return guards.getattr(obj, name, *default)

    def dir_(*args: Any) -> list[str]:
        if args:
            return dir(*args)  # stand-ins and module proxies list what CPython's objects do
        return sorted(name for name in runtime.learner_scope() if not is_reserved(name))

    table.update(
        iter=iter_,
        pow=pow_,
        format=format_,
        exit=exit_,
        quit=exit_,
        sum=sum_,
        type=runtime.type_stand_in,
        getattr=getattr_,
        dir=dir_,
        setattr=guards.setattr,
        delattr=guards.delattr,
        hasattr=guards.hasattr,
        __build_class__=runtime.build_class,
        __import__=runtime.import_module,
    )
    for name in _WRAPPED:
        function = table[name]
        if function.__name__.endswith("_"):  # for CPython-like argument errors
            function.__name__ = function.__qualname__ = name
        table[name] = BuiltinFunction(name, function)
    range_stand_in = RangeStandIn(tick)
    stand_in = runtime.type_stand_in
    stand_in.add_aliases({range: range_stand_in, BigRange: range_stand_in, **INTERNAL_ALIASES})
    table["range"] = range_stand_in
    for real in (bytes, bytearray):
        table[real.__name__] = SizedTypeStandIn(real, sizes)
        stand_in.add_aliases({real: table[real.__name__]})
    return table


INTERNAL_ALIASES: dict[type, Any] = {
    BuiltinFunction: types.BuiltinFunctionType,
    SafeModule: types.ModuleType,
    _MeteredIterator: _TYPE_OF_INSTANCE,
}
"""The sandbox's own classes as the program sees them (`type(pow)`, `pow.__class__`): the
CPython class they stand for, never the class itself (whose `__init__` would re-initialise
a stand-in)."""


_WRAPPED = (
    "iter", "pow", "format", "exit", "quit", "sum", "getattr", "dir", "setattr", "delattr",
    "hasattr",
)  # fmt: skip
_NUMBER_TYPES = frozenset({int, float, complex, bool})
"""Guarded replacements that the program sees as builtin functions."""
