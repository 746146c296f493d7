"""The copy protocol's writes, through the write guards.

`copy.copy` and `copy.deepcopy` rebuild an object from what its `__reduce_ex__` returns:
`y = func(*args)`, then the state goes into `y` natively (`y.__setstate__`, `y.__dict__`,
`setattr`, `append`, items), past `_write_`. A program that chooses the reduction (one put
in an instance's `__dict__`, say) would choose the target and the names: a library class,
a module proxy, a stand-in's private slot. Each child replaces `copy._reconstruct`, which
both functions call (and so does library code that copies: `dataclasses.asdict`), with
`make_reconstruct`'s, which writes only where the program itself may write.

A library's own reduction of a library object, rebuilding one of its kind (a `Random`, a
`NormalDist` and its private slots), is trusted as in CPython.
"""

from __future__ import annotations

import copy
import copyreg
import types
import weakref
from collections.abc import Callable

TYPE_CHECKING = False  # `typing` costs the server's start, every zygote and each fork
if TYPE_CHECKING:
    from typing import Any

    Reconstruct = Callable[..., Any]


def make_reconstruct(guards: Any) -> Reconstruct:
    """`copy._reconstruct` (same signature, same behaviour) that checks its writes."""
    owns = guards.ownership.owns

    def _reconstruct(
        x: Any,
        memo: Any,
        func: Any,
        args: Any,
        state: Any = None,
        listiter: Any = None,
        dictiter: Any = None,
        *,
        deepcopy: Callable[..., Any] | None = None,
    ) -> Any:
        if deepcopy is None:
            deepcopy = copy.deepcopy  # the child's (`install_deepcopy`), looked up now
        deep = memo is not None
        if deep and args:
            args = tuple(_copied_args(args, memo, deepcopy, guards))
        y = guards.getattr(*args) if func is getattr else func(*args)
        if deep:
            memo[id(x)] = y
        checked = type(y) is not type(x) or owns(x)  # not a library rebuilding its own kind
        if state is not None:
            if deep and checked:
                state = deepcopy(_detached(state), memo)
            elif deep:  # a library's object, rebuilt with no write check: nothing swapped
                state = _copied_state(state, memo, deepcopy, guards)
            _set_state(y, state, guards if checked else None)
        if listiter is not None or dictiter is not None:
            if checked:
                guards.write(y)
            _fill(y, listiter, dictiter, memo if deep else None, deepcopy)
        return y

    return _reconstruct


class MemoToken:
    """What a program's `__deepcopy__` is given as deepcopy's memo: something to pass on to
    `copy.deepcopy`, nothing more. The memo itself holds what library code copied natively
    (a library object's state, a method rebuilt on a copy), so the program never holds it."""

    __slots__ = ("__weakref__",)

    def _refuse(self, *args: Any) -> Any:
        raise TypeError("deepcopy's memo can only be passed on to copy.deepcopy in exercises")

    __getitem__ = __setitem__ = __delitem__ = __contains__ = __iter__ = __len__ = _refuse

    def __repr__(self) -> str:
        return "<deepcopy memo>"


class _Memo(dict):  # type: ignore[type-arg]
    """A memo that only the copy machinery holds."""

    __slots__ = ()


def make_deepcopy(guards: Any) -> Callable[..., Any]:
    """`copy.deepcopy` (same behaviour) whose memo stays out of the program's reach: a
    memo the program passes is refused unless empty (and then left untouched), and a
    `__deepcopy__` that the program defines gets a `MemoToken` in its place."""
    memos: weakref.WeakKeyDictionary[MemoToken, _Memo] = weakref.WeakKeyDictionary()
    defines = guards.ownership.defines
    dispatch = copy._deepcopy_dispatch  # type: ignore[attr-defined]
    nil: list[Any] = []

    def private(memo: Any) -> _Memo:
        if type(memo) is _Memo:
            return memo
        if type(memo) is MemoToken:
            return memos[memo]
        if memo is None or (type(memo) is dict and not memo):
            return _Memo()
        raise guards.deny(
            "deepcopy's memo is kept by the sandbox in exercises: pass none, or the one "
            "your __deepcopy__ was given"
        )

    def token(memo: _Memo) -> MemoToken:
        given = MemoToken()
        memos[given] = memo
        return given

    def deepcopy(x: Any, memo: Any = None, _nil: Any = nil) -> Any:
        memo = private(memo)
        d = id(x)
        y = memo.get(d, _nil)
        if y is not _nil:
            return y
        cls = type(x)
        copier = dispatch.get(cls)
        if copier is not None:
            y = copier(x, memo)
        elif issubclass(cls, type):
            y = x
        else:
            copier = getattr(x, "__deepcopy__", None)
            if copier is not None:
                y = copier(token(memo) if defines(x, "__deepcopy__") else memo)
            else:
                y = _reduced_copy(x, memo)
        if y is not x:
            memo[d] = y
            copy._keep_alive(x, memo)  # type: ignore[attr-defined]
        return y

    deepcopy.__doc__ = copy.deepcopy.__doc__
    return deepcopy


def _reduced_copy(x: Any, memo: Any) -> Any:
    """CPython's deepcopy of an object with no `__deepcopy__`: through its reduction."""
    cls = type(x)
    reductor = copyreg.dispatch_table.get(cls)
    if reductor:
        rv = reductor(x)
    else:
        reductor = getattr(x, "__reduce_ex__", None)
        if reductor is not None:
            rv = reductor(4)
        else:
            reductor = getattr(x, "__reduce__", None)
            if not reductor:
                raise copy.Error(f"un(deep)copyable object of type {cls}")
            rv = reductor()
    if isinstance(rv, str):
        return x
    return copy._reconstruct(x, memo, *rv)  # type: ignore[attr-defined]


def make_method_copier(guards: Any) -> Callable[..., Any]:
    """deepcopy of a bound method, as CPython's (`type(x)(x.__func__, deepcopy(x.__self__))`),
    but a library's function is never bound to an object of another type than its own: the
    copy of its object is whatever a program's `__deepcopy__` returns."""
    owns = guards.ownership.owns

    def copied_method(x: Any, memo: Any) -> Any:
        bound = copy.deepcopy(x.__self__, memo)
        if type(bound) is not type(x.__self__) and not owns(x.__func__):
            raise guards.deny("a copy may not bind a library's method to another object")
        return type(x)(x.__func__, bound)

    return copied_method


def install_deepcopy(deepcopy: Callable[..., Any], method_copier: Callable[..., Any]) -> None:
    """Every deepcopy, the program's and the library's, is `deepcopy` from now on (in
    the child): the module's name, and the copiers that bound the original by default."""
    copy.deepcopy = deepcopy
    for name in ("_deepcopy_list", "_deepcopy_tuple", "_deepcopy_dict"):
        getattr(copy, name).__defaults__ = (deepcopy,)
    copy._deepcopy_dispatch[types.MethodType] = method_copier  # type: ignore[attr-defined]


_AS_ITSELF = frozenset(
    kind
    for kind, copier in copy._deepcopy_dispatch.items()  # type: ignore[attr-defined]
    if copier is copy._deepcopy_atomic  # type: ignore[attr-defined]
)
"""What `deepcopy` gives back as itself (classes, strs, numbers, functions), whatever the
memo holds: a memo the program fills (`deepcopy(x, {id(list): obj, id('append'): name})`)
must not swap a reduction's class, function or names for others."""


def _copied_args(args: Any, memo: Any, deepcopy: Callable[..., Any], guards: Any) -> Any:
    for arg in args:
        copied = deepcopy(arg, memo)
        if copied is not arg and type(arg) in _AS_ITSELF:
            raise guards.deny("a copy's memo may not replace what is copied as itself")
        yield copied


def _copied_state(state: Any, memo: Any, deepcopy: Callable[..., Any], guards: Any) -> Any:
    """A library object's state, deep-copied name by name and value by value: a memo the
    program fills may not swap a name, nor a value for one of another type or for another
    object that copies as itself (`{id(cp.lock): Fake()}` gave a cached_property the
    program's lock, past its setter)."""
    if isinstance(state, tuple) and len(state) == 2:
        return tuple(_copied_state(part, memo, deepcopy, guards) for part in state)
    if not isinstance(state, dict):
        return _copied_value(state, memo, deepcopy, guards)
    copied = {}
    for key, value in dict(state).items():
        copied[_copied_value(key, memo, deepcopy, guards)] = _copied_value(
            value, memo, deepcopy, guards
        )
    return copied


def _copied_value(value: Any, memo: Any, deepcopy: Callable[..., Any], guards: Any) -> Any:
    copied = deepcopy(value, memo)
    if type(copied) is not type(value) or (type(value) in _AS_ITSELF and copied is not value):
        raise guards.deny("a copy's memo may not replace a library object's state")
    return copied


def _detached(state: Any) -> Any:
    """The state with its dicts copied: `__reduce_ex__` hands out an object's own
    `__dict__`, which deepcopy would keep alive in the memo, where a program reads it."""
    if isinstance(state, dict):
        return dict(state)
    if isinstance(state, tuple) and len(state) == 2:
        return tuple(dict(part) if isinstance(part, dict) else part for part in state)
    return state


def _set_state(y: Any, state: Any, guards: Any | None) -> None:
    """CPython's state handling; with `guards`, each write is one the program may make."""
    if hasattr(y, "__setstate__"):
        if guards is not None:
            guards.write(y)
            if not guards.ownership.owns(y):  # a library's setter, on what it did not make
                raise guards.deny("copying into this object is not allowed in exercises")
        y.__setstate__(state)
        return
    if isinstance(state, tuple) and len(state) == 2:
        state, slotstate = state
    else:
        slotstate = None
    if state is not None:
        if guards is not None:
            state = _checked_names(y, dict(state).items(), guards)
        y.__dict__.update(state)
    if slotstate is not None:
        pairs = slotstate.items()
        if guards is not None:
            pairs = _checked_names(y, pairs, guards).items()
        for key, value in pairs:
            setattr(y, key, value)


def _checked_names(y: Any, pairs: Any, guards: Any) -> dict[str, Any]:
    """The names and values, read once, each name an exact `str` the program may set on
    `y` (a key of another type could compare equal to any name it likes)."""
    guards.write(y)
    checked = {}
    for key, value in pairs:
        if not isinstance(key, str):
            raise guards.deny("copying a state whose names are not text is not allowed")
        name = str.__str__(key)
        guards.write(y, name)
        checked[name] = value
    return checked


def _fill(y: Any, listiter: Any, dictiter: Any, memo: Any, deepcopy: Callable[..., Any]) -> None:
    if listiter is not None:
        for item in listiter:
            y.append(deepcopy(item, memo) if memo is not None else item)
    if dictiter is not None:
        for key, value in dictiter:
            if memo is not None:
                key, value = deepcopy(key, memo), deepcopy(value, memo)
            y[key] = value


_KEPT: dict[int, list[Any]] = {}
"""What `deepcopy` keeps alive while it runs, by memo: CPython keeps it in the memo itself
(`memo[id(memo)]`), where a program's `__deepcopy__` or its own memo would read the
originals of what was copied (a library object's state, a real iterator)."""


def keep_alive(x: Any, memo: dict[int, Any]) -> None:
    """`copy._keep_alive`, keeping `x` out of the program's reach."""
    _KEPT.setdefault(id(memo), []).append(x)


def release_kept() -> None:
    """Once the outermost deepcopy is done: what it kept alive may go."""
    _KEPT.clear()
