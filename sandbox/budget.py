"""The language layer's own resource budget: ticks, a deadline, memory and size caps.

Loops, function bodies and comprehensions tick (`None in _ticks_`, see `make_tick_source`);
C-level iteration over huge ranges calls `tick`; binary operators that can build huge objects
go through the size guards. Both layers stop the same attacks; this one does it from inside
the interpreter, with the learner's line number, and works without the process layer.

The deadline is in CPU time (`time.process_time`), so that a verdict does not depend on how
busy the machine is; a generous wall clock (`limits.wall_timeout`) stops a program that
sleeps or blocks, and says so.
"""

from __future__ import annotations

import collections
import itertools
import operator
import re
import resource
import signal
import sys
import time
from collections.abc import Callable, Generator, Iterator
from types import FrameType

from sandbox.limits import wall_timeout

TYPE_CHECKING = False  # `typing` costs the server's start, every zygote and each fork
if TYPE_CHECKING:
    from typing import Any, NoReturn

MAX_INT_BITS = 1 << 24
"""Refuse integer results above ~16.7 million bits (5 million digits)."""
MAX_WIDTH_DIGITS = 7
"""Format widths and precisions up to 9,999,999."""
TIME_CHECK_EVERY = 32
MEMORY_CHECK_EVERY = 256
TICK_BATCH = 256
"""Ticks the tick source hands out in C between two checks of the deadline and memory."""


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
        self.timeout = timeout
        self.wall_timeout = wall_timeout(timeout)
        self.memory_bytes = memory_bytes
        self.expired = False
        self.wall_expired = False
        """The wall clock, not the CPU time, ran out: the program slept or blocked."""
        self.memory_refused = False
        self.restart()
        self._ticks = 0
        self._batch: list[None] = []
        self.ticks_home: dict[str, Any] | None = None
        """The program's globals, whose `_ticks_` is replaced when the budget expires."""
        done: Generator[None, None, None] = (None for _ in range(0))
        next(done, None)  # throw() on a finished generator raises, and runs no frame
        stops = map(TimeLimitExceeded, itertools.repeat("the time limit was reached"))
        self.stopped_source: Iterator[None] = map(done.throw, stops)
        """The tick source once expired: every tick raises, in C, with no Python frame."""

    def restart(self) -> None:
        """Start the clocks and take the memory baseline now (a run is about to begin)."""
        self.deadline = time.process_time() + self.timeout
        self.wall_deadline = time.monotonic() + self.wall_timeout
        self._baseline_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    def make_tick(self) -> Callable[..., Any]:
        check = self.check

        def tick(value: Any = None) -> Any:
            self._ticks += 1
            if self.expired or not self._ticks % TIME_CHECK_EVERY:
                check()
            return value

        return tick

    def make_tick_source(self) -> Iterator[None]:
        """An endless iterator of None; the program ticks with `None in source`.

        That expression takes one item in C, without a call: a call (even of a C function)
        uses a level of recursion depth, so a recursive program would stop earlier, and at
        another line, than under CPython. Every TICK_BATCH items, C code calls `refill`,
        which checks the deadline and memory; once expired, every refill raises again.
        A batch is a list, emptied when the budget expires (`expire`), so that the very next
        tick refills: a program that caught the stop cannot go on for a batch (256 sleeps).
        Once expired, a new source raises at every tick in C, without a Python frame (a refill
        at the depth limit would fail, and end the source): see `DeadlineAlarm`.
        """
        if self.expired:
            return self.stopped_source

        def refill(_: object) -> Iterator[None]:
            self._ticks += TICK_BATCH
            try:
                self.check()
                self.check_memory(0)
            except (LimitExceeded, MemoryError) as exc:
                # Raised from here, the stop would end `chain` for good (it drops its source
                # when that raises), and a program that caught it once would tick no more.
                # Raised by the batch, it leaves `chain` whole: the next tick refills again.
                return _raising(exc)
            self._batch = [None] * TICK_BATCH
            return iter(self._batch)

        return itertools.chain.from_iterable(map(refill, itertools.repeat(None)))

    def check(self) -> None:
        if self.expired or time.process_time() > self.deadline:
            self.expire()
            raise TimeLimitExceeded("the time limit was reached")

    def expire(self) -> None:
        """The deadline has passed: sticky; from now on every tick raises."""
        self.expired = True
        self._batch.clear()
        if self.ticks_home is not None:
            self.ticks_home["_ticks_"] = self.make_tick_source()
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

    def refuse_time(self) -> NoReturn:
        """Stop now: a C-level computation that would certainly outlast the deadline."""
        self.expire()
        raise TimeLimitExceeded("the time limit was reached")


def _raising(exc: BaseException) -> Iterator[None]:
    raise exc
    yield  # a generator: its first item raises `exc`


class DeadlineAlarm:
    """SIGPROF at the deadline in CPU time, then every RETRY seconds of CPU, while the program
    runs; and SIGALRM at the wall-clock backstop, then every RETRY seconds.

    Each signal expires the budget and gives the program the stopped tick source, which
    raises at every tick in C: the refilling source may be gone (C drops a source whose
    refill raised, as a refill at the depth limit does) and could not stop it. The signal
    also wakes the program from a sleep, and from C code that checks for signals (the regex
    engine), which no tick reaches. The handler raises only while a frame of the program's
    file (`filename`) is on the stack; in the grader's own code in the child it does not.
    """

    RETRY = 0.005

    def __init__(self, budget: Budget, filename: str) -> None:
        self._budget = budget
        self._filename = filename

    def __enter__(self) -> DeadlineAlarm:
        install_alarm_handler()
        budget = self._budget
        _ARMED[:] = (budget, self._filename)
        cpu_left = max(budget.deadline - time.process_time(), 0.001)
        signal.setitimer(signal.ITIMER_PROF, cpu_left, self.RETRY)
        wall_left = max(budget.wall_deadline - time.monotonic(), 0.001)
        signal.setitimer(signal.ITIMER_REAL, wall_left, self.RETRY)
        return self

    def __exit__(self, *_: object) -> None:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.setitimer(signal.ITIMER_REAL, 0)
        _ARMED.clear()  # the handler stays, and does nothing until the next alarm


_ARMED: list[Any] = []
"""The budget and the program's file name while a `DeadlineAlarm` is armed, else empty."""


def install_alarm_handler() -> None:
    """The alarm handler for SIGPROF and SIGALRM, installed once per process: the zygote
    installs it before it forks (`signal.signal` and even `signal.getsignal` cost 5 to 8 µs
    a call; a child pays none, and inherits the handler and the flag)."""
    if not _INSTALLED:
        for number in _ALARMS:
            signal.signal(number, _alarm)
        _INSTALLED.append(True)


_INSTALLED: list[bool] = []


def _alarm(signum: int, frame: FrameType | None) -> None:
    # No calls until the program is found to run: the handler runs in the program's
    # deepest frame, and at the depth limit even a C call fails with RecursionError.
    armed = _ARMED
    if not armed:
        return
    budget = armed[0]
    if signum == _WALL_ALARM and not budget.expired:
        budget.wall_expired = True
    budget.expired = True
    if budget.ticks_home is not None:
        budget.ticks_home["_ticks_"] = budget.stopped_source
    filename = armed[1]
    while frame is not None:
        if frame.f_code.co_filename == filename:
            raise TimeLimitExceeded("the time limit was reached")
        frame = frame.f_back


_WALL_ALARM = int(signal.SIGALRM)
_ALARMS = (signal.SIGPROF, signal.SIGALRM)
_SEQUENCES = (str, bytes, bytearray, list, tuple)
_REPEATED = (*_SEQUENCES, collections.deque)
"""What `* n` repeats in C."""
_DEQUE_MAXLEN = collections.deque.maxlen
_TEXTS = (str, bytes, bytearray)
_PERCENT = re.compile(
    r"%(?P<key>\([^)]*\))?[-#0 +]*(?P<width>\*|\d+)?(?:\.(?P<precision>\*|\d*))?[hlL]?(?P<kind>.?)",
    re.DOTALL,
)
"""One printf-style conversion (`%-*.*f`, `%(key)10s`, `%%`)."""
MAX_MODULAR_POWER_COST = 1 << 37
"""bits(exponent) * (bits(modulus) + 256)**2 above which `pow(a, b, m)` takes over a second
(4096-bit RSA is below it)."""
_NUMBERS = frozenset({int, float, complex, bool})
"""Exact types with which `+` cannot build a large sequence."""
_FLOATS = frozenset({float, complex})
_GROWING = frozenset({"*=", "**=", "<<="})
"""Augmented operators that can grow a number (or a sequence) a lot."""
_ITEM_BYTES = {str: 1, bytes: 1, bytearray: 1, list: 8, tuple: 8}


_LENGTHS: tuple[tuple[type, Callable[[Any], int]], ...] = tuple(
    (kind, kind.__len__) for kind in (str, bytes, bytearray, list, tuple, dict, collections.deque)
)


def true_len(value: Any) -> int:
    """`len()` as C code sees it: a subclass's `__len__` cannot make a str, bytes or list
    look shorter to the size checks than the data C copies."""
    for kind, length in _LENGTHS:
        if isinstance(value, kind):
            return length(value)
    return len(value)


def _item_bytes(seq: Any) -> int:
    for kind, size in _ITEM_BYTES.items():
        if isinstance(seq, kind):
            if kind is str and not str.isascii(seq):
                return 4
            return size
    return 8


PLAIN_OPERATORS: dict[str, dict[type, Callable[[Any, Any], Any]]] = {
    "_add_": dict.fromkeys((int, float, complex, bool), operator.add),
    "_mod_": dict.fromkeys((int, float, bool), operator.mod),
    "_mul_": dict.fromkeys((float, complex), operator.mul),
    "_pow_": dict.fromkeys((float, complex), operator.pow),
}
"""Guard -> {exact type of the left operand: the plain operator}. With these on the left, the
operator cannot build a huge result, so the policy picks the plain C operator for them
(no Python frame); any other left operand goes through the guard."""


class SizeGuards:
    """`+ * ** <<` and friends, refusing results that could not fit in memory."""

    def __init__(self, budget: Budget) -> None:
        self.budget = budget

    def _sequence_result(self, seq: Any, count: int) -> None:
        items = true_len(seq) * max(count, 0)
        if isinstance(seq, collections.deque) and _DEQUE_MAXLEN.__get__(seq) is not None:
            items = min(items, _DEQUE_MAXLEN.__get__(seq))  # C stops at the deque's maxlen
        estimate = items * _item_bytes(seq)
        if estimate > 1 << 20:
            self.budget.check_memory(estimate)

    def _int_bits(self, bits: int) -> None:
        if bits > MAX_INT_BITS:
            self.budget.refuse_memory()

    def _concat_result(self, a: Any, b: Any) -> None:
        if isinstance(a, _SEQUENCES) and isinstance(b, _SEQUENCES):
            total = true_len(a) + true_len(b)
            if total > 1 << 20:
                self.budget.check_memory(total * _item_bytes(a))

    def _product_result(self, a: Any, b: Any) -> tuple[Any, Any]:
        """Check `a * b`; return the operands with any count reduced to a plain int."""
        if type(a) is int and type(b) is int:
            self._int_bits(a.bit_length() + b.bit_length())
        elif isinstance(a, _REPEATED) and _is_count(b):
            b = operator.index(b)
            self._sequence_result(a, b)
        elif isinstance(b, _REPEATED) and _is_count(a):
            a = operator.index(a)
            self._sequence_result(b, a)
        return a, b

    # The operators below check plain numbers inline, without calling a helper: a guard
    # costs one frame of recursion depth where CPython's operator costs none, and no more,
    # so a recursive program fails at the same depth and line as under CPython.

    def add(self, a: Any, b: Any) -> Any:
        if type(a) in _NUMBERS or type(b) in _NUMBERS:
            return a + b
        self._concat_result(a, b)
        return a + b

    def mul(self, a: Any, b: Any) -> Any:
        if type(a) is int and type(b) is int:
            if a.bit_length() + b.bit_length() > MAX_INT_BITS:
                self.budget.refuse_memory()
            return a * b
        if type(a) in _FLOATS or type(b) in _FLOATS:
            return a * b
        a, b = self._product_result(a, b)
        return a * b

    def _power_result(self, a: Any, b: Any) -> None:
        if isinstance(a, int) and isinstance(b, int) and b > 0:
            self._int_bits(int(a).bit_length() * int(b))

    def _shift_result(self, a: Any, b: Any) -> None:
        if isinstance(a, int) and isinstance(b, int) and a:
            self._int_bits(int(a).bit_length() + int(b))

    def pow(self, a: Any, b: Any, modulo: Any = None) -> Any:
        if modulo is not None:
            self._modular_power(b, modulo)
        if modulo is None:
            if type(a) is int and type(b) is int:
                if b > 0 and a.bit_length() * b > MAX_INT_BITS:
                    self.budget.refuse_memory()
                return a**b
            if type(a) in _FLOATS or type(b) in _FLOATS:
                return a**b
            self._power_result(a, b)
            return a**b
        return pow(a, b, modulo)

    def _modular_power(self, exponent: Any, modulo: Any) -> None:
        """`pow(a, b, m)` runs in C for about bits(b) * bits(m)**2 steps: refuse the hopeless."""
        if isinstance(exponent, int) and isinstance(modulo, int):
            cost = int(exponent).bit_length() * (int(modulo).bit_length() + 256) ** 2
            if cost > MAX_MODULAR_POWER_COST:
                self.budget.refuse_time()

    def mod(self, a: Any, b: Any) -> Any:
        """`a % b`: printf-style formatting may not build a huge text from a width."""
        if type(a) in _NUMBERS:
            return a % b
        if isinstance(a, _TEXTS):
            self._percent_result(a, b)
        return a % b

    def _percent_result(self, template: Any, args: Any) -> None:
        """Refuse widths and precisions (given or taken by `*`) with over 7 digits."""
        text = template if isinstance(template, str) else bytes(template).decode("latin-1")
        if "%" not in text:
            return
        values = args if isinstance(args, tuple) else (args,)
        position = 0
        for match in _PERCENT.finditer(text):
            for part in match.group("width", "precision"):
                if part == "*":
                    value = values[position] if position < len(values) else None
                    position += 1
                    if isinstance(value, int) and abs(int(value)) >= 10**MAX_WIDTH_DIGITS:
                        self.budget.refuse_memory()
                elif part and len(part) > MAX_WIDTH_DIGITS:
                    self.budget.refuse_memory()
            if match.group("kind") != "%" and match.group("key") is None:
                position += 1

    def check(self, kind: str, a: Any, b: Any, modulo: Any = None) -> None:
        """Check `a <kind> b` without computing it (for operator methods called directly)."""
        if kind == "add":
            self._concat_result(a, b)
        elif kind == "mul":
            if type(a) is int and type(b) is int:
                self._int_bits(a.bit_length() + b.bit_length())
            else:
                self._product_result(a, b)
        elif kind == "pow":
            if modulo is None:
                self._power_result(a, b)
            else:
                self._modular_power(b, modulo)
        elif kind == "lshift":
            self._shift_result(a, b)
        elif kind == "mod" and isinstance(a, _TEXTS):
            self._percent_result(a, b)
        elif kind == "format" and isinstance(b, str):
            check_spec(b, self.budget)

    def lshift(self, a: Any, b: Any) -> Any:
        if type(a) is int and type(b) is int:
            if a and a.bit_length() + b > MAX_INT_BITS:
                self.budget.refuse_memory()
            return a << b
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
        if op not in _GROWING and (type(a) in _NUMBERS or type(b) in _NUMBERS):
            return INPLACE[op](a, b)
        if op == "+=":
            self._concat_result(a, b)
        elif op == "%=" and isinstance(a, _TEXTS):
            self._percent_result(a, b)
        elif op == "*=":
            a, b = self._product_result(a, b)
        elif op == "**=":
            self._power_result(a, b)
        elif op == "<<=":
            self._shift_result(a, b)
        return INPLACE[op](a, b)


def substitution_size(replacement: Any, text: Any) -> int:
    """Bytes `re.sub(pattern, replacement, text)` may build, at most: len+1 matches, each
    replaced by the template with its group references expanded (all matches together hold
    at most the whole text once per reference)."""
    if not isinstance(replacement, (str, bytes)) or not isinstance(text, (str, bytes)):
        return 0
    if isinstance(replacement, str):
        references = str.count(replacement, "\\")
    else:
        references = bytes.count(replacement, b"\\")
    length = true_len(text)
    return length * (1 + references) + (length + 1) * true_len(replacement)


def counted_replacement(repl: Any, budget: Budget) -> Any:
    """`re.sub`'s replacement, counted when it is a function: C joins every text it returns
    at the end, and one long text returned for each match builds a result far larger than
    anything the program holds."""
    if not callable(repl):
        return repl
    built = [0, 1 << 20]  # bytes returned so far; the next size at which to check

    def counted(match: Any) -> Any:
        piece = repl(match)
        if isinstance(piece, (str, bytes)):
            built[0] += true_len(piece) * _item_bytes(piece)
            if built[0] > built[1]:
                budget.check_memory(built[0])
                built[1] = built[0] + (1 << 20)
        return piece

    return counted


def check_spec(spec: str, budget: Budget) -> None:
    """Refuse format specs whose width or precision has more than 7 digits."""
    if spec_too_wide(spec):
        budget.refuse_memory()


def spec_too_wide(spec: str) -> bool:
    """Whether a format spec's width or precision has more than 7 digits."""
    run = 0
    for char in spec:
        run = run + 1 if char.isdigit() else 0
        if run > MAX_WIDTH_DIGITS:
            return True
    return False


def exact_count(value: Any) -> Any:
    """The int C code would read from `value` through `__index__`, read once: the size check
    and the C function then see the same int (an `__index__` may answer differently each
    time, and an int subclass may lie in its comparisons). Anything else is left as it is."""
    if isinstance(value, int) or (
        hasattr(type(value), "__index__") and not isinstance(value, (str, bytes, bytearray))
    ):
        try:
            return operator.index(value)
        except TypeError:
            return value  # C code falls back to other readings (bytes(x) iterates x)
    return value


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

RECURSION_HEADROOM = 1002 if sys.version_info < (3, 12) else 1000
"""Frames allowed on top of the grader's own: a program gets as deep as under `python file.py`
(checked by the fidelity corpus). Before 3.12 a Python frame entered from C also counts
against the limit: the extra 2 make up for the two C-level calls into `exec` below it."""


def set_recursion_limit() -> None:
    depth = 0
    frame = sys._getframe()
    while frame is not None:
        depth += 1
        frame = frame.f_back  # type: ignore[assignment]
    sys.setrecursionlimit(depth + RECURSION_HEADROOM)
