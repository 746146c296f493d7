"""`collections.UserString` and `UserList` as the proxies offer them: through the guards.

The library's classes hand their arguments to str's and list's C methods natively, past
the guards: `UserString.format` is the real `str.format` (which walks attributes), and
`center`, `*` and `%` build texts and lists of a size the program chooses. These subclasses
make the same calls through the guards of the run installed in this child (`install`):
`self.data.center(width)` is the guarded `center`, `self.data * n` the guarded `*`. They
are shown as the library's classes (`collections.UserString`), and the guard hands out
their methods for the library's own (`super(UserString, s).format` is these too).
"""

from __future__ import annotations

import collections
from collections.abc import Callable

TYPE_CHECKING = False  # `typing` costs the server's start, every zygote and each fork
if TYPE_CHECKING:
    from typing import Any

_INSTALLED: list[Any] = []
"""The guards of the run in this child (see `install`)."""


def install(guards: Any) -> None:
    """Called by each child before its program runs."""
    _INSTALLED[:] = [guards]


def _read(obj: Any, name: str) -> Any:
    """`obj.name` as the program's own code reads it (the guarded method of a str)."""
    return _INSTALLED[0].getattr(obj, name)


def _sizes() -> Any:
    return _INSTALLED[0].sizes


def _delegate(name: str, rewrap: bool) -> Callable[..., Any]:
    """A UserString method that calls `self.data.<name>` (and wraps a text result)."""

    def method(self: Any, /, *args: Any, **kwargs: Any) -> Any:
        result = _read(self.data, name)(*args, **kwargs)
        return self.__class__(result) if rewrap else result

    method.__name__ = name
    method.__qualname__ = f"UserString.{name}"
    method.__doc__ = getattr(collections.UserString, name).__doc__
    return method


class UserString(collections.UserString):
    __doc__ = collections.UserString.__doc__  # texts built through the guards

    center = _delegate("center", True)
    ljust = _delegate("ljust", True)
    rjust = _delegate("rjust", True)
    zfill = _delegate("zfill", True)
    expandtabs = _delegate("expandtabs", True)
    translate = _delegate("translate", True)
    format = _delegate("format", False)
    format_map = _delegate("format_map", False)
    join = _delegate("join", False)

    def replace(self, old: Any, new: Any, maxsplit: int = -1) -> Any:
        if isinstance(old, collections.UserString):
            old = old.data
        if isinstance(new, collections.UserString):
            new = new.data
        return self.__class__(_read(self.data, "replace")(old, new, maxsplit))

    def __mul__(self, n: Any) -> Any:
        return self.__class__(_sizes().mul(self.data, n))

    __rmul__ = __mul__

    def __mod__(self, args: Any) -> Any:
        return self.__class__(_sizes().mod(self.data, args))

    def __rmod__(self, template: Any) -> Any:
        return self.__class__(_sizes().mod(str(template), self))


class UserList(collections.UserList):  # type: ignore[type-arg]
    __doc__ = collections.UserList.__doc__  # repetitions size-checked

    def __mul__(self, n: Any) -> Any:
        return self.__class__(_sizes().mul(self.data, n))

    __rmul__ = __mul__

    def __imul__(self, n: Any) -> Any:
        self.data = _sizes().inplace("*=", self.data, n)
        return self


for _cls in (UserString, UserList):
    _cls.__module__ = "collections"
    for _name, _value in vars(_cls).items():
        if callable(_value) and not _name.startswith("__class"):
            _value.__qualname__ = f"{_cls.__name__}.{_name}"

_PAIRS = ((collections.UserString, UserString), (collections.UserList, UserList))
REPLACED: dict[Any, Any] = {
    vars(real)[name]: vars(mine)[name]
    for real, mine in _PAIRS
    for name in vars(mine)
    if name in vars(real) and callable(vars(mine)[name])
}
"""The library's methods and what the guard hands out for them (reached through `super`)."""
REPLACED_NAMES = frozenset(
    name
    for real, mine in _PAIRS
    for name in vars(mine)
    if vars(mine).get(name) in REPLACED.values()
)
