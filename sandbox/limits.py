"""Resource limits and the import allowlist for one sandboxed run."""

from __future__ import annotations

import math

DEFAULT_MODULES: frozenset[str] = frozenset(
    {
        "bisect",
        "collections",
        "copy",
        "dataclasses",
        "datetime",
        "decimal",
        "enum",
        "fractions",
        "functools",
        "heapq",
        "itertools",
        "json",
        "math",
        "operator",
        "random",
        "re",
        "statistics",
        "string",
        "time",
        "typing",
    }
)


_FIELDS = (
    "timeout",
    "memory_mb",
    "output_bytes",
    "error_bytes",
    "open_files",
    "processes",
    "allowed_imports",
    "random_seed",
)


class Limits:
    """What one run may use. Every field has a safe default. Immutable and hashable.

    A plain class, not a dataclass: the fork server and its zygote import this module,
    and `dataclasses` (with `inspect`) would add 17 ms to their start and 0.9 MB to every
    fork.
    """

    __slots__ = (*_FIELDS, "_hash")
    _hash: int
    timeout: float
    """Seconds of CPU time: what a verdict rests on, however busy the machine is. A program
    that sleeps or blocks is stopped by a generous wall clock instead (`wall_timeout`)."""
    memory_mb: int
    """Memory the program may allocate on top of the interpreter."""
    output_bytes: int
    """Bytes of stdout kept; a program that prints more stops with `output_limit`."""
    error_bytes: int
    """Bytes of error text (traceback) kept."""
    open_files: int
    processes: int
    allowed_imports: frozenset[str]
    """Modules the program may import; always a subset of the default allowlist."""
    random_seed: int | None
    """Seed for `random`; None leaves it seeded from the OS."""

    def __init__(
        self,
        timeout: float = 2.0,
        memory_mb: int = 256,
        output_bytes: int = 64 * 1024,
        error_bytes: int = 8 * 1024,
        open_files: int = 32,
        processes: int = 1,
        allowed_imports: frozenset[str] = DEFAULT_MODULES,
        random_seed: int | None = 0,
    ) -> None:
        values = (
            timeout,
            memory_mb,
            output_bytes,
            error_bytes,
            open_files,
            processes,
            frozenset(allowed_imports),
            random_seed,
        )
        for name, value in zip(_FIELDS, values, strict=True):
            object.__setattr__(self, name, value)
        problems = _problems(self)
        if problems:
            raise ValueError("; ".join(problems))
        object.__setattr__(self, "_hash", hash(values))  # a key of every cache on the way

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in _FIELDS)

    def __eq__(self, other: object) -> bool:
        if other is self:
            return True
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Limits)
        return self._values() == other._values()

    def __hash__(self) -> int:
        return self._hash

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in _FIELDS)
        return f"Limits({fields})"

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field '{name}': Limits is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field '{name}': Limits is immutable")

    def __reduce__(self) -> tuple[type[Limits], tuple[object, ...]]:
        return Limits, self._values()

    @property
    def cpu_seconds(self) -> int:
        """The RLIMIT_CPU soft limit, in whole seconds: past the language layer's deadline
        by at least CPU_MARGIN, so that with both layers on, the language layer stops first."""
        return math.ceil(self.timeout + CPU_MARGIN)

    @property
    def wall_timeout(self) -> float:
        """Seconds of wall-clock time: a backstop for programs that sleep or block, far
        enough past the CPU limit that no program that computes is stopped by it on a
        busy machine."""
        return wall_timeout(self.timeout)

    def timeout_message(self) -> str:
        return f"the program ran longer than {self.timeout:g} s"

    def wall_message(self) -> str:
        return wall_message(self.timeout)

    @property
    def modules(self) -> frozenset[str]:
        """The importable modules: the exercise's list narrowed to the vetted allowlist."""
        return self.allowed_imports & DEFAULT_MODULES

    def to_dict(self) -> dict[str, object]:
        data = {name: getattr(self, name) for name in _FIELDS}
        data["allowed_imports"] = sorted(self.allowed_imports)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Limits:
        values = {k: v for k, v in data.items() if k in _FIELDS}
        if "allowed_imports" in values:
            values["allowed_imports"] = frozenset(values["allowed_imports"])  # type: ignore[call-overload]
        return cls(**values)  # type: ignore[arg-type]


LIMITS_SLOTS = 64
"""Limits a fork server keeps by number, so that a request names them (`sandbox.server`)."""
MAX_TIMEOUT = 60.0
CPU_MARGIN = 0.5
"""Seconds of CPU time between the language layer's deadline and RLIMIT_CPU."""
WALL_FACTOR = 8
WALL_EXTRA = 2.0


def wall_timeout(timeout: float) -> float:
    """The wall-clock backstop for a CPU time limit of `timeout` seconds."""
    return timeout * WALL_FACTOR + WALL_EXTRA


def wall_message(timeout: float) -> str:
    wall = wall_timeout(timeout)
    return (
        f"the program was still running after {wall:g} s of wall-clock time (sleeping or waiting)"
    )


MAX_MEMORY_MB = 4096
MAX_OUTPUT_BYTES = 16 * 1024 * 1024


def _problems(limits: Limits) -> list[str]:
    checks = [
        (0 < limits.timeout <= MAX_TIMEOUT, f"timeout must be in (0, {MAX_TIMEOUT:g}] seconds"),
        (16 <= limits.memory_mb <= MAX_MEMORY_MB, f"memory_mb must be in [16, {MAX_MEMORY_MB}]"),
        (
            1024 <= limits.output_bytes <= MAX_OUTPUT_BYTES,
            f"output_bytes must be in [1024, {MAX_OUTPUT_BYTES}]",
        ),
        (256 <= limits.error_bytes <= 1024 * 1024, "error_bytes must be in [256, 1048576]"),
        (8 <= limits.open_files <= 1024, "open_files must be in [8, 1024]"),
        (1 <= limits.processes <= 64, "processes must be in [1, 64]"),
    ]
    return [message for ok, message in checks if not ok]
