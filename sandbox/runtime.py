"""One run's language layer: guards, budget, streams and the learner's module namespace."""

from __future__ import annotations

import builtins
import copy
import io
import operator
import sys
import types

from sandbox import names, usertypes
from sandbox.audit import AuditHook
from sandbox.budget import PLAIN_OPERATORS, Budget, ForbiddenOperation, SizeGuards
from sandbox.channel import StdoutSink
from sandbox.copying import (
    install_deepcopy,
    keep_alive,
    make_deepcopy,
    make_method_copier,
    make_reconstruct,
)
from sandbox.formatting import SafeFormatter
from sandbox.guards import Guards, Ownership, current_line, learner_frame
from sandbox.learner_builtins import TypeStandIn, make_builtins
from sandbox.limits import Limits
from sandbox.modules import IMPORTED_MODULE, LEARNER_MODULES, ModuleTable, install_field_names
from sandbox.natives import ClassPatterns, enter_with

TYPE_CHECKING = False  # `typing` costs the server's start, every zygote and each fork
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any


class Runtime:
    """Everything the compiled program calls into; each child runs its own copy."""

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
        self.ownership = Ownership(self.globals, filename)
        self.type_stand_in = TypeStandIn(self.deny)
        self.guards = Guards(self.ownership, self.sizes, self.deny, self.type_stand_in, None)
        self.guards.formatter = SafeFormatter(self.guards.getattr, self.budget)
        self.modules = ModuleTable(limits.modules, self)
        self.patterns = ClassPatterns(self.guards)
        self.reconstruct = make_reconstruct(self.guards)
        self.deepcopy = make_deepcopy(self.guards)
        self._fill_namespace()

    def begin(self, stdin: str) -> None:
        """Ready this runtime for one more run: its input, a fresh clock and baseline.

        The server keeps a runtime as a template and forks a child for every run, so each
        child gets a pristine copy: the server itself never runs learner code in it.
        """
        self.stdin = io.StringIO(stdin)
        self.budget.restart()

    def deny(self, message: str) -> ForbiddenOperation:
        """Record a violation (the first one wins) and return the exception to raise."""
        line = current_line(self.filename)
        text = f"line {line}: {message}" if line else message
        if self.violation is None:
            self.violation, self.violation_line = text, line
        return ForbiddenOperation(text)

    def arm_audit_hook(self, program: Any) -> None:
        """From now on in this process, no text runs outside the policy (`sandbox.audit`)."""
        sys.addaudithook(AuditHook(self.globals, self.deny, program))

    denied_names = names.DENIED_ATTRIBUTES
    """Public names no read may give (`gi_frame`, `tb_frame`...), for copies of a dict."""

    @staticmethod
    def allows_class_name(name: str) -> bool:
        """Whether a class body could bind `name` (the policy's rule for names)."""
        if names.is_reserved(name):
            return False
        return not names.is_dunder(name) or name in names.NAME_DUNDERS

    def learner_scope(self) -> dict[str, Any]:
        """The names of the learner's innermost frame, as a zero-argument `dir()` sees them."""
        frame = learner_frame(self.filename)
        return frame.f_locals if frame is not None else {}

    def build_class(self, func: Any, name: str, /, *bases: Any, **kwargs: Any) -> type:
        if "metaclass" in kwargs:
            raise self.deny("the keyword 'metaclass' is not allowed in exercises")
        private = next((key for key in kwargs if type(key) is not str or key[:1] == "_"), None)
        if private is not None:  # a library's internals (`typing`'s `_root=True`)
            raise self.deny(f"the class keyword '{private}' is not allowed in exercises")
        resolved = self.check_bases(bases)
        building = self.ownership.building
        building.append((name, resolved or (object,)))
        try:
            cls: type = builtins.__build_class__(func, name, *bases, **kwargs)
        finally:
            building.pop()
        self.check_made(cls)
        self.ownership.classes.add(cls)
        return cls

    def check_bases(self, bases: tuple[Any, ...]) -> tuple[Any, ...]:
        """The bases once `__mro_entries__` has resolved them, none of which makes a
        metaclass (`class K(type[int])` resolves to the real `type`) or forwards attribute
        lookup; a base that is no class is a library's (typing's aliases), never the
        program's object, whose `__mro_entries__` could answer differently each time."""
        if any(base is self.type_stand_in for base in bases):
            raise self.deny("defining metaclasses is not allowed in exercises")
        for base in bases:
            if not isinstance(base, type) and self.ownership.owns(base):
                raise self.deny("a class's bases must be classes in exercises")
        resolved = types.resolve_bases(bases)
        for base in resolved:
            if isinstance(base, type):
                self._check_base(base)
        return resolved

    def check_made(self, cls: type) -> None:
        """The rules of `check_bases` on the class as made: a metaclass or a library may
        change its bases (`__mro_entries__` is asked again)."""
        for base in cls.__mro__[1:]:
            self._check_base(base)
        if issubclass(cls, type):
            raise self.deny("defining metaclasses is not allowed in exercises")

    def _check_base(self, base: type) -> None:
        if issubclass(base, type):
            raise self.deny("defining metaclasses is not allowed in exercises")
        metaclass = type(base)
        if metaclass is not type and not _library_class(metaclass):
            raise self.deny(
                f"a class based on '{base.__name__}' is not allowed in exercises: its "
                "metaclass is none of a library's"
            )
        if issubclass(base, _trusted_classes()):
            raise self.deny(
                f"a class based on '{base.__name__}' is not allowed in exercises: library "
                "code trusts what its objects say they are"
            )
        if issubclass(base, _forwarding_classes()):
            raise self.deny(
                f"a class based on '{base.__name__}' is not allowed in exercises: its "
                "objects pass attribute reads and writes on to other objects"
            )

    def import_module(
        self, name: str, globals: Any = None, locals: Any = None, fromlist: Any = (), level: int = 0
    ) -> Any:
        if level:
            raise self.deny("relative imports are not allowed in exercises")
        if not self.modules.allows(name):
            if _interpreter_lookup(name, fromlist):
                return None
            raise self.deny(f"importing '{name}' is not allowed in exercises")
        if fromlist:
            return self.modules.proxy(name)
        return self.modules.proxy(name.partition(".")[0])

    def import_as_module(self) -> None:
        """Name the program as an imported module, not `__main__` (before it runs)."""
        self.globals["__name__"] = IMPORTED_MODULE
        sys.modules[IMPORTED_MODULE] = self.module

    def _uncopied_code(self, code: Any, memo: Any) -> Any:
        """deepcopy of a code object (a ForwardRef's): CPython's gives it back as itself,
        and keeps it, in the memo or in a copied container, where the program reads it."""
        raise self.deny("copying code objects is not allowed in exercises")

    def install(self) -> dict[str, Any]:
        """In the child: the learner's module is `__main__`, and its streams are sys's.

        The builtin `print` and `input` then write to the capped sink and read the given
        stdin, exactly as CPython's do (descriptors 0-2 are /dev/null in the child). The
        copy protocol writes through the guards (`sandbox.copying`), and so do UserString
        and UserList (`sandbox.usertypes`).
        """
        sys.modules["__main__"] = self.module
        copy._reconstruct = self.reconstruct  # type: ignore[attr-defined]
        copy._keep_alive = keep_alive  # type: ignore[attr-defined]
        install_deepcopy(self.deepcopy, make_method_copier(self.guards))
        _install_enum_convert(self.deny)
        install_field_names(self.deny)
        copy._deepcopy_dispatch[types.CodeType] = self._uncopied_code  # type: ignore[attr-defined]
        usertypes.install(self.guards)
        sys.stdout = self.sink
        sys.stdin = self.stdin
        return self.globals

    def _fill_namespace(self) -> None:
        guards, sizes = self.guards, self.sizes
        self.globals.update(
            __file__=self.filename,  # what `python file.py` defines, for `dir()`
            __cached__=None,
            __annotations__={},
            __builtins__=make_builtins(self),
            _getattr_=guards.getattr,
            _getitem_=operator.getitem,
            _getiter_=iter,
            _write_=guards.write,
            _inplacevar_=sizes.inplace,
            _iter_unpack_sequence_=_iter_unpack_sequence,
            _unpack_sequence_=_unpack_sequence,
            _tick_=self.tick,
            _ticks_=self.budget.make_tick_source(),
            _aug_get_attr_=guards.aug_get_attr,
            _aug_op_=guards.aug_op,
            _aug_set_attr_=guards.aug_set_attr,
            _aug_get_item_=guards.aug_get_item,
            _aug_set_item_=guards.aug_set_item,
            _add_=sizes.add,
            _mul_=sizes.mul,
            _pow_=sizes.pow,
            _lshift_=sizes.lshift,
            _mod_=sizes.mod,
            _spec_=sizes.width,
            _type_=type,  # the real `type`, for the plain-operator pick; a reserved name
            _case_values_=CaseValues,
            _match_class_=self.patterns.match_class,
            _checked_attr_=self.patterns.checked_attr,
            _with_=enter_with,
            **{guard[:-1] + "plain_": table for guard, table in PLAIN_OPERATORS.items()},
        )


def _interpreter_lookup(name: str, fromlist: Any) -> bool:
    """True for the interpreter's own `PyImport_Import` of a module it has already loaded.

    C code such as `datetime.strptime` and `time.strptime` imports `_strptime` through the
    running frame's `__import__`, with an empty *list* as fromlist (an import statement
    passes None or a tuple). It ignores what `__import__` returns and takes the module from
    `sys.modules` itself, so returning None lets it work while the module never reaches the
    program. Nothing is loaded here: a module not imported yet stays unavailable.
    """
    return type(fromlist) is list and not fromlist and name in sys.modules


def _unpack_sequence(value: Any, spec: Any, getiter: Any) -> Any:
    """`a, b = value`: the interpreter unpacks, as in CPython (same errors, same laziness).

    RestrictedPython's guarded version only re-applies `_getiter_` at each level, which
    adds nothing while `_getiter_` is the plain `iter` (revisit this if it ever is not); it
    also reads the whole iterable first and changes the error messages ('cannot unpack
    non-iterable int object', 'too many values to unpack').
    """
    return value


def _iter_unpack_sequence(iterable: Any, spec: Any, getiter: Any) -> Any:
    """`for a, b in iterable`: each item is unpacked by the interpreter (see above)."""
    return iterable


class CaseValues:
    """The dotted names of one `match` statement's patterns, each read (through the guards)
    only when CPython would read it: when its pattern is tried. `.v0` is the first."""

    __slots__ = ("_reads",)

    def __init__(self, *reads: Any) -> None:
        self._reads = reads

    def __getattr__(self, name: str) -> Any:
        read = self._reads[int(name[1:])]
        try:
            return read()
        except BaseException as exc:
            # As CPython: the error at the pattern, without this frame and the lambda's; the
            # same exception object goes on, its cause and context as they were.
            tb = exc.__traceback__
            while tb is not None and tb.tb_frame.f_code in (_CASE_VALUE_CODE, read.__code__):
                tb = tb.tb_next
            # CPython's own method: the program's exception class may define another
            raise BaseException.with_traceback(exc, tb)  # noqa: B904


_CASE_VALUE_CODE = CaseValues.__getattr__.__code__


def _forwarding_classes() -> tuple[type, ...]:
    """Library classes whose own attribute lookup reads (or writes) another object, natively:
    a subclass's objects would be the program's, so the guards would trust what they relay
    (`types.GenericAlias` passes every name on to its origin, typing's aliases too)."""
    found: list[type] = [types.GenericAlias, types.ModuleType, super]
    typing = sys.modules.get("typing")
    if typing is not None:  # loaded only for a program that imports it
        found += [typing._BaseGenericAlias, typing._SpecialForm]
    return tuple(found)


def _install_enum_convert(deny: Callable[[str], BaseException]) -> None:
    """`EnumType._convert_` makes an enum of any module's globals, which hands them out:
    from now on (in the child) only for a module that is being imported, as stdlib's
    own calls are (`signal`, `socket`), never for one already loaded."""
    enum_type: Any = sys.modules["enum"].EnumType
    convert = enum_type.__dict__["_convert_"]

    def _convert_(cls: Any, name: Any, module: Any, *args: Any, **kwargs: Any) -> Any:
        spec = getattr(sys.modules.get(module) if type(module) is str else None, "__spec__", None)
        if getattr(spec, "_initializing", False) is not True:
            raise deny("enum's _convert_ is not allowed in exercises")
        return convert(cls, name, module, *args, **kwargs)

    type.__setattr__(enum_type, "_convert_", _convert_)


def _trusted_classes() -> tuple[type, ...]:
    """Library classes whose objects library code reads natively and believes: a subclass
    could answer those reads as it likes (a `dataclasses.Field` whose `name` is a property
    passes dataclasses' own checks under any name; a `cached_property` whose `lock` is a
    property hands the program's `__exit__` the real traceback)."""
    found: list[type] = []
    dataclasses = sys.modules.get("dataclasses")
    if dataclasses is not None:
        found.append(dataclasses.Field)
    functools = sys.modules.get("functools")
    if functools is not None:  # its `__get__` runs `with self.lock:`, a subclass's own
        found.append(functools.cached_property)
    return tuple(found)


def _library_class(cls: type) -> bool:
    """Whether `cls` is a library module's own class, found there under its name (abc's
    `ABCMeta`, enum's `EnumType`), not one the program made and named after a library's."""
    module_name = cls.__dict__.get("__module__")
    if type(module_name) is not str or module_name in LEARNER_MODULES:
        return False
    found: Any = sys.modules.get(module_name)
    for part in type.__dict__["__qualname__"].__get__(cls).split("."):
        found = getattr(found, part, None) if found is not None else None
    return found is cls
