"""`str.format` and `str.format_map` without attribute traversal (CVE-2023-41039).

A template whose fields only index (`{0}`, `{name}`, `{d[key]}`) goes to the real
`str.format`, so results and error messages are CPython's own. A template that walks
attributes (`{0.name}`), or nests a field in a format spec (`{0:{1}}`, whose width is
known only once resolved), is resolved field by field through the guarded `getattr`,
and every resolved spec is size-checked.
"""

from __future__ import annotations

import _string  # type: ignore[import-not-found]
import string
from collections.abc import Callable, Iterator

from sandbox.budget import Budget, check_spec

TYPE_CHECKING = False  # `typing` costs every zygote and each of its forks
if TYPE_CHECKING:
    from typing import Any


class SafeFormatter:
    def __init__(self, guarded_getattr: Callable[[Any, str], Any], budget: Budget) -> None:
        self._walker = _GuardedFormatter(guarded_getattr, budget)
        self._budget = budget

    def format(self, template: Any, /, *args: Any, **kwargs: Any) -> str:
        template = _as_str(template, "format")
        if self._walks_attributes(template):
            return self._walker.vformat(template, args, kwargs)
        return str.format(template, *args, **kwargs)

    def format_map(self, template: Any, mapping: Any, /) -> str:
        template = _as_str(template, "format_map")
        if self._walks_attributes(template):
            return self._walker.vformat(template, (), mapping)
        return str.format_map(template, mapping)

    def _walks_attributes(self, template: str) -> bool:
        try:
            return _walks(template, self._budget)
        except ValueError:
            return False  # malformed: the real str.format raises CPython's own error


def _walks(template: str, budget: Budget) -> bool:
    for _literal, field, spec, _conversion in _string.formatter_parser(template):
        if spec:
            check_spec(spec, budget)
            if "{" in spec:
                return True  # a nested field: its width is known once resolved (format_field)
        if field:
            _first, rest = _string.formatter_field_name_split(field)
            if any(is_attribute for is_attribute, _key in rest):
                return True
    return False


def _as_str(template: Any, method: str) -> str:
    if type(template) is str:
        return template
    if isinstance(template, str):
        return str.__str__(template)
    raise TypeError(
        f"descriptor '{method}' for 'str' objects doesn't apply to a "
        f"'{type(template).__name__}' object"
    )


class _GuardedFormatter(string.Formatter):
    def __init__(self, guarded_getattr: Callable[[Any, str], Any], budget: Budget) -> None:
        self._getattr = guarded_getattr
        self._budget = budget

    def format_field(self, value: Any, format_spec: str) -> Any:
        check_spec(format_spec, self._budget)  # a nested field may have given the width
        return super().format_field(value, format_spec)

    def vformat(self, format_string: str, args: Any, kwargs: Any) -> str:
        _check_numbering(format_string)
        return super().vformat(format_string, args, kwargs)

    def get_value(self, key: int | str, args: Any, kwargs: Any) -> Any:
        if isinstance(key, int) and not 0 <= key < len(args):  # str.format's own words
            raise IndexError(f"Replacement index {key} out of range for positional args tuple")
        return super().get_value(key, args, kwargs)

    def get_field(self, field_name: str, args: Any, kwargs: Any) -> tuple[Any, Any]:
        first, rest = _string.formatter_field_name_split(field_name)
        obj = self.get_value(first, args, kwargs)
        for is_attribute, key in rest:
            obj = self._getattr(obj, key) if is_attribute else obj[key]
        return obj, first


def _check_numbering(template: str) -> None:
    """str.format's rule, which string.Formatter misses for `{0.name} {}`: fields are all
    numbered by hand or all automatically (the first part of `0.name` is a number)."""
    manual: bool | None = None
    for automatic in _field_numbering(template):
        if automatic is None:
            continue
        if manual is None:
            manual = not automatic
        elif manual and automatic:
            raise ValueError(
                "cannot switch from manual field specification to automatic field numbering"
            )
        elif not manual and not automatic:
            raise ValueError(
                "cannot switch from automatic field numbering to manual field specification"
            )


def _field_numbering(template: str) -> Iterator[bool | None]:
    """For each field in order (nested ones in specs too): True when numbered automatically,
    False when by hand, None for a name."""
    for _literal, field, spec, _conversion in _string.formatter_parser(template):
        if field is None:
            continue
        first, _rest = _string.formatter_field_name_split(field)
        yield True if first == "" else False if isinstance(first, int) else None
        if spec and "{" in spec:
            yield from _field_numbering(spec)
