"""A `range` too large to iterate in C without a tick: iteration is metered."""

from __future__ import annotations

from collections.abc import Callable, Iterator

TYPE_CHECKING = False  # `typing` costs every zygote and each of its forks
if TYPE_CHECKING:
    from typing import Any

BIG_RANGE = 10_000_000
"""Ranges longer than this iterate through `BigRange`, one tick per item."""


def length(r: range) -> int:
    """len(r), also for ranges longer than sys.maxsize."""
    if r.step > 0:
        return max(0, (r.stop - r.start + r.step - 1) // r.step)
    return max(0, (r.start - r.stop - r.step - 1) // -r.step)


class BigRange:
    """Behaves as the `range` it wraps; its iterators cost a tick per item."""

    __slots__ = ("_range", "_tick")

    def __init__(self, inner: range, tick: Callable[..., Any]) -> None:
        self._range = inner
        self._tick = tick

    start = property(lambda self: self._range.start)
    stop = property(lambda self: self._range.stop)
    step = property(lambda self: self._range.step)

    def __iter__(self) -> Iterator[int]:
        return self._metered(iter(self._range))

    def __reversed__(self) -> Iterator[int]:
        return self._metered(reversed(self._range))

    def _metered(self, inner: Iterator[int]) -> Iterator[int]:
        tick = self._tick
        for item in inner:
            tick()
            yield item

    def __len__(self) -> int:
        return len(self._range)

    def __bool__(self) -> bool:
        return bool(self._range)

    def __contains__(self, item: object) -> bool:
        return item in self._range

    def __getitem__(self, key: Any) -> Any:
        value = self._range[key]
        return metered_range(value, self._tick) if isinstance(value, range) else value

    def __eq__(self, other: object) -> bool:
        other_range = other._range if isinstance(other, BigRange) else other
        return self._range == other_range

    def __hash__(self) -> int:
        return hash(self._range)

    def __repr__(self) -> str:
        return repr(self._range)

    def count(self, value: Any) -> int:
        return self._range.count(value)

    def index(self, value: Any) -> int:
        return self._range.index(value)


def metered_range(r: range, tick: Callable[..., Any]) -> range | BigRange:
    """`r` itself when small; a `BigRange` when C code could loop over it for too long."""
    return r if length(r) <= BIG_RANGE else BigRange(r, tick)
