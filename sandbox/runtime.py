"""One run's language layer: guards, budget, streams and the learner's module namespace."""

from __future__ import annotations

import builtins
import io
import operator
import sys
import types
from typing import Any

from RestrictedPython.Guards import guarded_iter_unpack_sequence, guarded_unpack_sequence

from sandbox.budget import Budget, ForbiddenOperation, SizeGuards
from sandbox.channel import StdoutSink
from sandbox.formatting import SafeFormatter
from sandbox.guards import Guards, Ownership, current_line
from sandbox.learner_builtins import TypeStandIn, make_builtins
from sandbox.limits import Limits
from sandbox.modules import ModuleTable


class Runtime:
    """Everything the compiled program calls into; made fresh in each child."""

    def __init__(self, *, filename: str, limits: Limits, sink: StdoutSink, stdin: str) -> None:
        self.filename = filename
        self.sink = sink
        self.stdin = io.StringIO(stdin)
        self.module = types.ModuleType("__main__")
        self.globals: dict[str, Any] = self.module.__dict__
        self.budget = Budget(limits.timeout, limits.memory_mb * 1024 * 1024)
        self.sizes = SizeGuards(self.budget)
        self.tick = self.budget.make_tick()
        self.violation: str | None = None
        self.violation_line: int | None = None
        self.ownership = Ownership(self.globals)
        self.type_stand_in = TypeStandIn(self.deny)
        self.guards = Guards(self.ownership, self.sizes, self.deny, self.type_stand_in, None)
        self.guards.formatter = SafeFormatter(self.guards.getattr, self.budget)
        self.modules = ModuleTable(limits.modules, self)
        self._fill_namespace()

    def deny(self, message: str) -> ForbiddenOperation:
        """Record a violation (the first one wins) and return the exception to raise."""
        line = current_line(self.filename)
        text = f"line {line}: {message}" if line else message
        if self.violation is None:
            self.violation, self.violation_line = text, line
        return ForbiddenOperation(text)

    def build_class(self, func: Any, name: str, *bases: Any, **kwargs: Any) -> type:
        if "metaclass" in kwargs:
            raise self.deny("the keyword 'metaclass' is not allowed in exercises")
        for base in bases:
            if base is self.type_stand_in or (isinstance(base, type) and issubclass(base, type)):
                raise self.deny("defining metaclasses is not allowed in exercises")
        cls = builtins.__build_class__(func, name, *bases, **kwargs)
        self.ownership.classes.add(cls)
        return cls

    def import_module(
        self, name: str, globals: Any = None, locals: Any = None, fromlist: Any = (), level: int = 0
    ) -> Any:
        if level:
            raise self.deny("relative imports are not allowed in exercises")
        if not self.modules.allows(name):
            raise self.deny(f"importing '{name}' is not allowed in exercises")
        if fromlist:
            return self.modules.proxy(name)
        return self.modules.proxy(name.partition(".")[0])

    def install(self) -> dict[str, Any]:
        """Make the learner's module `sys.modules['__main__']` (in the child)."""
        sys.modules["__main__"] = self.module
        return self.globals

    def _fill_namespace(self) -> None:
        guards, sizes = self.guards, self.sizes
        self.globals.update(
            __builtins__=make_builtins(self),
            _getattr_=guards.getattr,
            _getitem_=operator.getitem,
            _getiter_=iter,
            _write_=guards.write,
            _inplacevar_=sizes.inplace,
            _apply_=_apply,
            _iter_unpack_sequence_=guarded_iter_unpack_sequence,
            _unpack_sequence_=guarded_unpack_sequence,
            _tick_=self.tick,
            _aug_get_attr_=guards.aug_get_attr,
            _aug_set_attr_=guards.aug_set_attr,
            _aug_get_item_=guards.aug_get_item,
            _aug_set_item_=guards.aug_set_item,
            _add_=sizes.add,
            _mul_=sizes.mul,
            _pow_=sizes.pow,
            _lshift_=sizes.lshift,
            _spec_=sizes.width,
        )


def _apply(func: Any, *args: Any, **kwargs: Any) -> Any:
    return func(*args, **kwargs)
