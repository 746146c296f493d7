"""Where CPython reads attributes itself, past `_getattr_`: class patterns and `with`.

A class pattern `case C(p, k=q)` reads `C.__match_args__`, then attributes of the subject,
in C. The policy compiles it as `case _match_class_(C, True, ('k',))(_checked_attr_(p),
k=_checked_attr_(q))`: the class checks the subject and every name to be read as the guard
would (and gives CPython a snapshot of `__match_args__`, so nothing can change it between
the check and the read); `_checked_attr_` checks each value read before its sub-pattern sees
it. A `with` statement's manager goes through `_with_`, which calls its own `__enter__` and
`__exit__` and never passes the real traceback on.
"""

from __future__ import annotations

import types

TYPE_CHECKING = False  # `typing` costs every zygote and each of its forks
if TYPE_CHECKING:
    from typing import Any

_MATCH_SELF = 1 << 22
"""`_Py_TPFLAGS_MATCH_SELF`: `case int(x)` matches the subject itself (int, str, list...)."""
_DANGEROUS = (types.ModuleType, types.FrameType, types.CodeType, types.TracebackType)
_NOTHING = object()


class _PatternClass(type):
    """Metaclass of the classes `_match_class_` gives CPython; `isinstance` does the checks."""

    def __instancecheck__(cls, subject: Any) -> bool:
        check: Any = cls.__dict__["_check_"]
        return bool(check(cls, subject))


class ClassPatterns:
    """`_match_class_` and `_checked_attr_` for one run."""

    def __init__(self, guards: Any) -> None:
        self._guards = guards
        self._made: dict[tuple[type, bool, tuple[str, ...]], type] = {}
        self.checked_attr = _PatternClass(
            "_checked_attr_", (int,), {"__slots__": (), "_check_": self._check_value}
        )

    def match_class(self, cls: Any, positional: bool, keywords: tuple[str, ...]) -> Any:
        """The class CPython matches against in place of `cls` (a non-class as it is, for
        CPython's own TypeError)."""
        if not isinstance(cls, type):
            return cls
        key = (cls, positional, keywords)
        made = self._made.get(key)
        if made is None:
            made = self._made[key] = self._pattern_class(cls, positional, keywords)
        elif made.__name__ != cls.__name__:
            made.__name__ = cls.__name__  # CPython's messages name the class
        return made

    def _pattern_class(self, cls: type, positional: bool, keywords: tuple[str, ...]) -> type:
        def check(made: type, subject: Any) -> bool:
            if not isinstance(subject, cls):
                return False
            self._check_subject(subject, keywords)
            if positional:
                self._snapshot_match_args(made, cls, subject)
            return True

        bases = (int,) if cls.__flags__ & _MATCH_SELF else ()
        namespace = {"__slots__": (), "_check_": check, "__module__": cls.__module__}
        return _PatternClass(cls.__name__, bases, namespace)

    def _check_subject(self, subject: Any, keywords: tuple[str, ...]) -> None:
        guards = self._guards
        if isinstance(subject, _DANGEROUS) and not guards.is_proxy(subject):
            raise guards.deny("matching on this object is not allowed in exercises")
        for name in keywords:
            self._check_read(subject, name)

    def _check_read(self, subject: Any, name: str) -> None:
        """The guard's rules for reading `name`, and its value as the guard would hand it
        out: one the guard hands out changed (a raw `object.__setattr__`, which it wraps in
        the write rules; a class, shown as a stand-in) is refused, as CPython's read would
        pass the raw one on."""
        guards = self._guards
        guards.check_read(subject, name)
        value = getattr(subject, name, _NOTHING)
        if value is not _NOTHING and guards.checked(value, subject, name) is not value:
            raise guards.deny(f"matching on the attribute '{name}' is not allowed in exercises")

    def _snapshot_match_args(self, made: type, cls: type, subject: Any) -> None:
        """Read `cls.__match_args__` once, check its names, and hand CPython that value."""
        match_args = getattr(cls, "__match_args__", _NOTHING)
        if match_args is _NOTHING:
            if "__match_args__" in made.__dict__:
                type.__delattr__(made, "__match_args__")
            return
        if type(match_args) is not tuple:  # stored, a descriptor would answer CPython anew
            kind = type(match_args).__name__
            raise TypeError(f"{cls.__name__}.__match_args__ must be a tuple (got {kind})")
        for name in match_args:
            if type(name) is not str:
                break  # CPython raises its own TypeError at this element
            self._check_read(subject, name)
        type.__setattr__(made, "__match_args__", match_args)

    def _check_value(self, _made: type, value: Any) -> bool:
        """A value CPython read for a sub-pattern: what the guard would refuse to hand out
        (or would hand out as a stand-in, such as the real `type`) is refused."""
        guards = self._guards
        if isinstance(value, type):
            if issubclass(value, type) or guards.shown_as(value) is not value:
                raise guards.deny("matching on this attribute is not allowed in exercises")
        elif (
            (isinstance(value, _DANGEROUS) and not guards.is_proxy(value))
            or guards.is_dangerous_id(value)
            or guards.checked(value, None, "a matched attribute") is not value
        ):
            raise guards.deny("matching on this attribute is not allowed in exercises")
        return True


class _ContextView:
    """What a `with` statement enters: the manager's own methods, looked up as CPython's
    BEFORE_WITH does; `__exit__` gets None for the traceback."""

    __slots__ = ("_enter", "_exit")

    def __init__(self, enter: Any, exit: Any) -> None:
        self._enter = enter
        self._exit = exit

    def __enter__(self) -> Any:
        return self._enter()

    def __exit__(self, kind: Any, value: Any, _traceback: Any) -> Any:
        return self._exit(kind, value, None)


def enter_with(manager: Any) -> _ContextView:
    """`_with_`: CPython's lookups and messages for a context manager."""
    enter = _special(manager, "__enter__")
    if enter is _NOTHING:
        raise TypeError(_not_a_manager(manager, ""))
    exit = _special(manager, "__exit__")
    if exit is _NOTHING:
        raise TypeError(_not_a_manager(manager, " (missed __exit__ method)"))
    return _ContextView(enter, exit)


def _special(obj: Any, name: str) -> Any:
    """`_PyObject_LookupSpecial`: found on the type's MRO, bound by its `__get__`."""
    kind = type(obj)
    for klass in kind.__mro__:
        if name in klass.__dict__:
            found = klass.__dict__[name]
            binder = getattr(type(found), "__get__", None)
            return found if binder is None else binder(found, obj, kind)
    return _NOTHING


def _not_a_manager(manager: Any, suffix: str) -> str:
    kind = type(manager).__name__
    return f"'{kind}' object does not support the context manager protocol{suffix}"
