"""Naming rules shared by the compile-time policy and the runtime guards."""

from __future__ import annotations

import re

INSPECT_ATTRIBUTES: frozenset[str] = frozenset(
    {
        "tb_frame", "tb_next", "f_back", "f_builtins", "f_code", "f_generator", "f_globals",
        "f_locals", "f_trace", "co_code", "gi_frame", "gi_code", "gi_yieldfrom", "cr_await",
        "cr_frame", "cr_code", "cr_origin", "ag_await", "ag_frame", "ag_code",
    }
)  # fmt: skip
"""RestrictedPython's `transformer.INSPECT_ATTRIBUTES` (frames, code, tracebacks), copied:
the runtime guards must not import RestrictedPython into every zygote. A test keeps the
two equal."""

_ARITHMETIC = ("add", "sub", "mul", "matmul", "truediv", "floordiv", "mod", "divmod", "pow")
_BITWISE = ("lshift", "rshift", "and", "xor", "or")
_BINARY = {f"__{prefix}{op}__" for op in _ARITHMETIC + _BITWISE for prefix in ("", "r", "i")} - {
    "__idivmod__"
}

SPECIAL_METHODS: frozenset[str] = frozenset(
    _BINARY
    | {
        "__init__", "__new__", "__del__", "__repr__", "__str__", "__bytes__", "__format__",
        "__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__", "__hash__", "__bool__",
        "__getattr__", "__setattr__", "__delattr__", "__dir__",
        "__get__", "__set__", "__delete__", "__set_name__", "__init_subclass__",
        "__call__", "__len__", "__length_hint__", "__getitem__", "__setitem__",
        "__delitem__", "__missing__", "__iter__", "__next__", "__reversed__", "__contains__",
        "__neg__", "__pos__", "__abs__", "__invert__", "__complex__", "__int__",
        "__float__", "__index__", "__round__", "__trunc__", "__floor__", "__ceil__",
        "__enter__", "__exit__", "__post_init__", "__copy__", "__deepcopy__",
        "__class_getitem__", "__sizeof__",
    }
)  # fmt: skip
"""Special methods a learner may define and call (through `super()`, say)."""

NAME_DUNDERS: frozenset[str] = SPECIAL_METHODS | {
    "__name__", "__doc__", "__slots__", "__match_args__", "__all__", "__annotations__",
    "__qualname__", "__module__",
}  # fmt: skip
"""Dunder identifiers a program may use as plain names."""

READ_DUNDERS: frozenset[str] = (SPECIAL_METHODS - {"__new__", "__setattr__", "__delattr__"}) | {
    "__name__", "__qualname__", "__doc__", "__module__", "__class__", "__annotations__",
    "__slots__", "__match_args__", "__wrapped__", "__dataclass_fields__",
    "__members__", "__cause__", "__context__", "__suppress_context__", "__type_params__",
}  # fmt: skip
"""Dunder attributes any object may be asked for.

`__members__` is an enum's name-to-member mapping; `__cause__`, `__context__` and
`__suppress_context__` show exception chaining (the traceback stays out of reach)."""

OWNED_READ_DUNDERS: frozenset[str] = frozenset(
    {"__dict__", "__new__", "__setattr__", "__delattr__"}
)
"""Dunder attributes allowed only on the learner's own objects (and `super()` of them)."""

WRITE_DUNDERS: frozenset[str] = (SPECIAL_METHODS - {"__setattr__", "__delattr__"}) | {
    "__name__", "__qualname__", "__doc__", "__module__", "__wrapped__", "__type_params__",
    "__annotations__",
}  # fmt: skip
"""Dunder attributes a program may assign (on its own objects only)."""

PUBLIC_API_PRIVATES: frozenset[str] = frozenset(
    {"_asdict", "_replace", "_fields", "_make", "_field_defaults", "_value_", "_name_"}
)
"""Underscore names that are public API of namedtuples and enums."""

DENIED_ATTRIBUTES: frozenset[str] = INSPECT_ATTRIBUTES | {
    "mro", "func_globals", "func_code", "im_func", "im_self", "gi_running_frame",
}  # fmt: skip
"""Public-looking attributes that lead to frames, code or class internals."""

GUARD_NAMES: frozenset[str] = frozenset(
    {
        "_getattr_", "_getitem_", "_getiter_", "_write_", "_inplacevar_", "_apply_",
        "_iter_unpack_sequence_", "_unpack_sequence_", "_print_", "_print", "_tick_", "_ticks_",
        "_aug_get_attr_", "_aug_set_attr_", "_aug_get_item_", "_aug_set_item_", "_aug_op_",
        "_add_", "_mul_", "_pow_", "_lshift_", "_mod_", "_spec_", "_type_",
        "_add_plain_", "_mod_plain_", "_mul_plain_", "_pow_plain_", "_case_values_",
        "_match_class_", "_checked_attr_", "_with_",
    }
)  # fmt: skip

_RESERVED = re.compile(r"_tmp\d+|_[^_].*_|_")


def is_dunder(name: str) -> bool:
    return len(name) > 4 and name.startswith("__") and name.endswith("__")


def is_reserved(name: str) -> bool:
    """True for names the grader's guards use, which a program must not shadow."""
    return name in GUARD_NAMES or (_RESERVED.fullmatch(name) is not None and name != "_")


def mangle(name: str, class_name: str | None) -> str:
    """Apply Python's private-name mangling (`__x` inside class `C` is `_C__x`)."""
    if class_name is None or not name.startswith("__") or name.endswith("__") or "." in name:
        return name
    stripped = class_name.lstrip("_")
    return f"_{stripped}{name}" if stripped else name


TICK_COLUMNS = (0, 0)
"""Start and end column of the tick that opens each function body and loop body.

No statement of the program spans zero columns, so a traceback entry at these columns is
the tick itself (see `reporting`, which drops a RecursionError's entry that failed there)."""


def is_tick_position(position: tuple[int | None, int | None, int | None, int | None]) -> bool:
    """True for a code position (line, end line, column, end column) made by the tick."""
    return position[1] == position[0] and (position[2], position[3]) == TICK_COLUMNS
