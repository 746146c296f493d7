"""The language layer's own resource budget: ticks, a deadline, memory and size caps.

Loops, calls and comprehensions call `tick`; binary operators that can build huge objects
go through the size guards. Both layers stop the same attacks; this one does it from inside
the interpreter, with the learner's line number, and works without the process layer.
"""

from __future__ import annotations

import operator
import resource
import sys
import time
from collections.abc import Callable
from typing import Any

MAX_INT_BITS = 1 << 24
"""Refuse integer results above ~16.7 million bits (5 million digits)."""
MAX_WIDTH_DIGITS = 7
"""Format widths and precisions up to 9,999,999."""
TIME_CHECK_EVERY = 32
MEMORY_CHECK_EVERY = 256


class LimitExceeded(BaseException):
    """Base for the language layer's stops; learner `except Exception` cannot swallow them."""


class TimeLimitExceeded(LimitExceeded):
    pass


class OutputLimitExceeded(LimitExceeded):
    pass


class ForbiddenOperation(LimitExceeded):
    pass


class Budget:
    """Tick counter with a deadline and a memory ceiling; expiry is sticky."""

    def __init__(self, timeout: float, memory_bytes: int) -> None:
        self.deadline = time.monotonic() + timeout
        self.memory_bytes = memory_bytes
        self.expired = False
        self.memory_refused = False
        self._baseline_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        self._ticks = 0

    def make_tick(self) -> Callable[..., Any]:
        check = self.check

        def tick(value: Any = None) -> Any:
            self._ticks += 1
            if self.expired or not self._ticks % TIME_CHECK_EVERY:
                check()
            return value

        return tick

    def check(self) -> None:
        if self.expired or time.monotonic() > self.deadline:
            self.expired = True
            raise TimeLimitExceeded("the time limit was reached")
        if not self._ticks % MEMORY_CHECK_EVERY:
            self.check_memory(0)

    def check_memory(self, extra: int) -> None:
        """Refuse to go on when used memory plus `extra` bytes would pass the ceiling."""
        used = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - self._baseline_kb) * 1024
        if used + extra > self.memory_bytes:
            self.refuse_memory()

    def refuse_memory(self) -> None:
        self.memory_refused = True
        raise MemoryError("the program needs more memory than the exercise allows")


_SEQUENCES = (str, bytes, bytearray, list, tuple)
_ITEM_BYTES = {str: 1, bytes: 1, bytearray: 1, list: 8, tuple: 8}


def _item_bytes(seq: Any) -> int:
    for kind, size in _ITEM_BYTES.items():
        if isinstance(seq, kind):
            if kind is str and not seq.isascii():
                return 4
            return size
    return 8


class SizeGuards:
    """`+ * ** <<` and friends, refusing results that could not fit in memory."""

    def __init__(self, budget: Budget) -> None:
        self.budget = budget

    def _sequence_result(self, seq: Any, count: int) -> None:
        estimate = len(seq) * max(count, 0) * _item_bytes(seq)
        if estimate > 1 << 20:
            self.budget.check_memory(estimate)

    def _int_bits(self, bits: int) -> None:
        if bits > MAX_INT_BITS:
            self.budget.refuse_memory()

    def _concat_result(self, a: Any, b: Any) -> None:
        if isinstance(a, _SEQUENCES) and isinstance(b, _SEQUENCES):
            total = len(a) + len(b)
            if total > 1 << 20:
                self.budget.check_memory(total * _item_bytes(a))

    def _product_result(self, a: Any, b: Any) -> tuple[Any, Any]:
        """Check `a * b`; return the operands with any count reduced to a plain int."""
        if type(a) is int and type(b) is int:
            self._int_bits(a.bit_length() + b.bit_length())
        elif isinstance(a, _SEQUENCES) and _is_count(b):
            b = operator.index(b)
            self._sequence_result(a, b)
        elif isinstance(b, _SEQUENCES) and _is_count(a):
            a = operator.index(a)
            self._sequence_result(b, a)
        return a, b

    def add(self, a: Any, b: Any) -> Any:
        self._concat_result(a, b)
        return a + b

    def mul(self, a: Any, b: Any) -> Any:
        a, b = self._product_result(a, b)
        return a * b

    def _power_result(self, a: Any, b: Any) -> None:
        if isinstance(a, int) and isinstance(b, int) and b > 0:
            self._int_bits(int(a).bit_length() * int(b))

    def _shift_result(self, a: Any, b: Any) -> None:
        if isinstance(a, int) and isinstance(b, int) and a:
            self._int_bits(int(a).bit_length() + int(b))

    def pow(self, a: Any, b: Any, modulo: Any = None) -> Any:
        if modulo is None:
            self._power_result(a, b)
            return a**b
        return pow(a, b, modulo)

    def lshift(self, a: Any, b: Any) -> Any:
        self._shift_result(a, b)
        return a << b

    def width(self, value: Any) -> Any:
        """A piece of a format spec: refuse widths with more than 7 digits."""
        if isinstance(value, int) and not isinstance(value, bool):
            if value > 10**MAX_WIDTH_DIGITS:
                self.budget.refuse_memory()
        elif isinstance(value, str):
            check_spec(value, self.budget)
        return value

    def inplace(self, op: str, a: Any, b: Any) -> Any:
        """`a op= b` for RestrictedPython's `_inplacevar_` and augmented attribute/item writes."""
        if op == "+=":
            self._concat_result(a, b)
        elif op == "*=":
            a, b = self._product_result(a, b)
        elif op == "**=":
            self._power_result(a, b)
        elif op == "<<=":
            self._shift_result(a, b)
        return INPLACE[op](a, b)


def check_spec(spec: str, budget: Budget) -> None:
    """Refuse format specs whose width or precision has more than 7 digits."""
    run = 0
    for char in spec:
        run = run + 1 if char.isdigit() else 0
        if run > MAX_WIDTH_DIGITS:
            budget.refuse_memory()


def _is_count(value: Any) -> bool:
    return isinstance(value, int) or hasattr(type(value), "__index__")


INPLACE: dict[str, Callable[[Any, Any], Any]] = {
    "+=": operator.iadd,
    "-=": operator.isub,
    "*=": operator.imul,
    "/=": operator.itruediv,
    "//=": operator.ifloordiv,
    "%=": operator.imod,
    "**=": operator.ipow,
    "<<=": operator.ilshift,
    ">>=": operator.irshift,
    "|=": operator.ior,
    "^=": operator.ixor,
    "&=": operator.iand,
    "@=": operator.imatmul,
}

RECURSION_HEADROOM = 1000
"""Learner frames allowed on top of the grader's own, as CPython's default limit gives."""


def set_recursion_limit() -> None:
    depth = 0
    frame = sys._getframe()
    while frame is not None:
        depth += 1
        frame = frame.f_back  # type: ignore[assignment]
    sys.setrecursionlimit(depth + RECURSION_HEADROOM)
