"""The language layer at run time: attribute, write and ownership guards.

Deny by default: an underscore or dunder attribute is readable only when it is vetted or
belongs to the learner's own classes; a value that is a module, frame, code object,
traceback or metaclass never reaches learner code.
"""

from __future__ import annotations

import builtins
import re
import sys
import types
import weakref
from collections.abc import Callable

from sandbox import names, usertypes
from sandbox.budget import (
    ForbiddenOperation,
    SizeGuards,
    check_spec,
    counted_replacement,
    exact_count,
    substitution_size,
    true_len,
)
from sandbox.learner_builtins import STAND_INS, SizedTypeStandIn
from sandbox.modules import LEARNER_MODULES, SafeModule

TYPE_CHECKING = False  # `typing` costs every zygote and each of its forks
if TYPE_CHECKING:
    from typing import Any

_DANGEROUS_TYPES = (types.ModuleType, types.FrameType, types.CodeType, types.TracebackType)
_DANGEROUS_IDS = frozenset(
    id(value)
    for value in (
        *(getattr(builtins, n) for n in ("eval", "exec", "compile", "open", "globals", "locals")),
        *(getattr(builtins, n) for n in ("vars", "breakpoint", "__import__")),
        *(getattr(builtins, n) for n in ("getattr", "setattr", "delattr", "hasattr")),
        builtins.__dict__,
        sys.modules,
    )
)
_SIZED_TYPES = (str, bytes, bytearray)
_AMPLIFYING_METHODS = frozenset(
    {"center", "ljust", "rjust", "zfill", "expandtabs", "replace", "join", "translate"}
)
_STRING_SPECIALS = _AMPLIFYING_METHODS | {"format", "format_map"}
_OTHER_AMPLIFIERS: dict[str, type] = {"to_bytes": int, "sub": re.Pattern, "subn": re.Pattern}
"""Methods of other types that build a result whose size an argument sets."""
_C_METHOD_OWNERS: dict[str, tuple[type, ...]] = dict.fromkeys(_STRING_SPECIALS, _SIZED_TYPES) | {
    name: (kind,) for name, kind in _OTHER_AMPLIFIERS.items()
}
"""Names of C methods the guard replaces, and the classes whose C methods they are."""
GUARDED_READS: frozenset[str] = frozenset(_STRING_SPECIALS | set(_OTHER_AMPLIFIERS) | {"obj"})
"""Public attribute names whose reads the guard changes (the compiler denies them where
CPython reads an attribute itself, in a class pattern: `case str(format=f)`)."""
_OPERATOR_DUNDERS: dict[str, tuple[str, bool]] = {
    f"__{prefix}{op}__": (kind, prefix == "r")
    for op, kind in (("add", "add"), ("mul", "mul"), ("pow", "pow"), ("lshift", "lshift"))
    for prefix in ("", "r", "i")
} | {"__mod__": ("mod", False), "__rmod__": ("mod", True), "__format__": ("format", False)}
"""C operator methods called by name, past the `+ * ** << %` guards: (size check, reflected)."""
_C_METHOD_OF_A_TYPE = type(re.compile("").sub)
"""`builtin_method`: a bound C method that knows its defining class (`Pattern.sub`)."""
_BOUND_C_METHODS = (types.MethodWrapperType, types.BuiltinMethodType)
_UNBOUND_C_METHODS = (types.WrapperDescriptorType, types.MethodDescriptorType)
_C_METHODS = frozenset(
    {
        types.BuiltinMethodType,
        types.MethodDescriptorType,
        types.MethodWrapperType,
        types.WrapperDescriptorType,
        _C_METHOD_OF_A_TYPE,
    }
)
_ATTRIBUTE_WRITERS = frozenset({"__setattr__", "__delattr__"})
_MISSING = object()


def _writers(kind: type) -> tuple[Any, Any]:
    """The class's `__setattr__` and `__delattr__`, read on the class (a Python function
    there is a library's or the program's own, which runs with the name given)."""
    return kind.__setattr__, kind.__delattr__


_COUNT_ARGUMENTS: dict[str, tuple[int, ...]] = {
    **{name: (0,) for name in ("center", "ljust", "rjust", "zfill", "expandtabs", "to_bytes")},
    "replace": (2,),
}
"""Positions of the size arguments (after the object) of the sized C methods."""
_COUNT_KEYWORDS = frozenset({"tabsize", "length", "count"})
_PUBLIC_SPECIALS = frozenset(names.DENIED_ATTRIBUTES | GUARDED_READS)
"""Public names the guard does more for than read them."""
PROTOCOL_DUNDERS = frozenset({"__get__", "__set__", "__delete__", "__getattr__"})
"""Special methods that a foreign implementation runs on whatever arguments it is given,
reading or writing what the guards protect (`cached_property.__get__(FunctionType)` reads a
class's `__dict__`): readable only where the program's own code implements them."""
_CHECKED_DUNDERS = PROTOCOL_DUNDERS | {
    "__init__", "__init_subclass__", "__set_name__", "__wrapped__"
}  # fmt: skip
_SANDBOX_PACKAGE = __name__.partition(".")[0] + "."
_NAME_HOLDERS: dict[str, tuple[tuple[str, str], ...]] = {"name": (("dataclasses", "Field"),)}
"""Public attributes that hold the name library code reads an attribute by, set only by the
library: `dataclasses.replace` reads `getattr(obj, field.name)` (`__traceback__`, say).
Each holder is named by its module and class: while its module is not loaded (the zygote
loads `dataclasses` only for a program that imports it), no object of the class exists."""


def _holders(named: tuple[tuple[str, str], ...]) -> tuple[type, ...]:
    found = []
    for module_name, class_name in named:
        module = sys.modules.get(module_name)
        if module is not None:
            found.append(module.__dict__[class_name])
    return tuple(found)


class ClassSet:
    """Classes known by identity, not kept alive. (A `WeakSet` finds a member by its hash
    and `==`, which a metaclass may define: any class could then pass for one of them.)"""

    __slots__ = ("_by_id",)

    def __init__(self) -> None:
        self._by_id: weakref.WeakValueDictionary[int, type] = weakref.WeakValueDictionary()

    def add(self, cls: type) -> None:
        self._by_id[id(cls)] = cls

    def __contains__(self, cls: object) -> bool:
        return self._by_id.get(id(cls)) is cls


class Ownership:
    """Which classes and functions the learner's program made itself."""

    def __init__(self, learner_globals: dict[str, Any], filename: str = "") -> None:
        self.classes = ClassSet()
        self.globals = learner_globals
        self.filename = filename
        """The program's file: its own functions' code comes from it; a method dataclasses
        generates runs in the program's globals too, but from text (`<string>`)."""
        self.building: list[tuple[str, tuple[type, ...]]] = []
        """The name and bases of each class statement running now: its class exists, and
        runs `__init_subclass__`, before the statement ends and adds it to `classes`."""

    def owns_class(self, cls: type) -> bool:
        """Only a class the program's own code made (a class statement, `make_dataclass`,
        `@dataclass`), not one that library code derived from it natively (enum's
        functional API with the program's mixin), whose bases no check has seen."""
        if cls in self.classes:
            return True
        return any(
            cls.__name__ == name
            and _same_classes(cls.__bases__, bases)
            and cls.__dict__.get("__module__") in LEARNER_MODULES  # never a library's class
            for name, bases in self.building
        )

    def owns(self, obj: Any) -> bool:
        if isinstance(obj, type):
            return self.owns_class(obj)
        if isinstance(obj, types.FunctionType):
            return obj.__globals__ is self.globals and obj.__code__.co_filename == self.filename
        if isinstance(obj, super):
            return self.owns(super.__self__.__get__(obj))  # type: ignore[attr-defined]
        if isinstance(obj, types.MethodType):
            return self.owns(obj.__func__)
        return self.owns_class(type(obj))

    def defines(self, obj: Any, name: str) -> bool:
        """True when `name` on `obj` comes from the learner's code, not a trusted base class."""
        if isinstance(obj, super):  # the classes after its own in the bound class's MRO
            return self._super_implements(obj, name)
        instance_dict = _instance_dict(obj)
        if instance_dict is not None and name in instance_dict:
            # ... unless a class's data descriptor (a slot, a property) answers first, as
            # CPython's lookup does: a library base's `_field_type` slot, say
            return not _library_data_descriptor(type(obj), name, self.classes)
        cls = obj if isinstance(obj, type) else type(obj)
        for klass in cls.__mro__:
            if name in klass.__dict__:
                return klass in self.classes
        # Not on the class: found on its metaclass, it is a library's (`EnumType._convert_`);
        # found nowhere, the lookup raises AttributeError as CPython does.
        metaclass: Any = type(cls)
        return not (isinstance(obj, type) and any(name in k.__dict__ for k in metaclass.__mro__))

    def implements(self, obj: Any, name: str) -> bool:
        """True when the program's own code provides the method `name` read on `obj`."""
        if isinstance(obj, super):
            return self._super_implements(obj, name)
        if type(obj) in _BINDING_DESCRIPTORS:
            return all(self.owns(f) for f in _descriptor_functions(obj) if f is not None)
        if not self.owns(obj):
            return False
        if isinstance(obj, (types.FunctionType, types.MethodType)):
            return True  # binding its own function (`f.__get__(obj)`) makes a method
        return self.defines(obj, name)

    def _super_implements(self, proxy: super, name: str) -> bool:
        start: type = proxy.__thisclass__  # type: ignore[attr-defined]
        bound: type | None = proxy.__self_class__  # type: ignore[attr-defined]
        if bound is None or not self.owns(proxy):
            return False
        mro = bound.__mro__
        at = next((i for i, klass in enumerate(mro) if klass is start), len(mro))
        for klass in mro[at + 1 :]:
            if name in klass.__dict__:
                return klass in self.classes
        return True  # not there: the read raises AttributeError as CPython's does


def _metaclass_method(method: types.MethodType) -> bool:
    """A private function of a class's metaclass bound to the class (`EnumType._convert_`
    on an Enum, handed out by library code that read it natively), not a classmethod's
    nor a public one such as `ABCMeta.register`, which the program may read itself."""
    owner, function = method.__self__, method.__func__
    name = getattr(function, "__name__", "")
    if not isinstance(owner, type) or type(name) is not str or name[:1] != "_":
        return False
    if names.is_dunder(name):
        return False
    metaclass: Any = type(owner)
    return any(k.__dict__.get(function.__name__) is function for k in metaclass.__mro__)


def _library_data_descriptor(kind: type, name: str, owned: ClassSet) -> bool:
    """Whether `name` on an object of `kind` is read from a data descriptor of a class
    the program did not make (before the object's own `__dict__`)."""
    for klass in kind.__mro__:
        if name in klass.__dict__:
            found = type(klass.__dict__[name])
            data = hasattr(found, "__set__") or hasattr(found, "__delete__")
            return data and klass not in owned
    return False


def _same_classes(these: tuple[type, ...], those: tuple[type, ...]) -> bool:
    """Tuples of the same classes, by identity (`==` may be a metaclass's)."""
    return len(these) == len(those) and all(a is b for a, b in zip(these, those, strict=True))


_BINDING_DESCRIPTORS = frozenset({property, classmethod, staticmethod})
"""Descriptors whose `__get__`/`__set__` only bind or call their functions: the program's
own when it gave them all (`Celsius.temperature.__get__(c)`), not a library's property
applied to another object (its getter would read that object's private state)."""


def _descriptor_functions(obj: Any) -> tuple[Any, ...]:
    if isinstance(obj, property):
        return (obj.fget, obj.fset, obj.fdel)
    return (obj.__func__,)


def _instance_dict(obj: Any) -> dict[str, Any] | None:
    try:
        found: dict[str, Any] = object.__getattribute__(obj, "__dict__")
    except (AttributeError, TypeError):
        return None
    return found


class Guards:
    """Everything RestrictedPython-compiled code calls: `_getattr_`, `_write_` and friends."""

    def __init__(
        self,
        ownership: Ownership,
        sizes: SizeGuards,
        deny: Callable[[str], ForbiddenOperation],
        type_stand_in: Any,
        formatter: Any,
    ) -> None:
        self.ownership = ownership
        self.sizes = sizes
        self.deny = deny
        self.type_stand_in = type_stand_in
        self.formatter = formatter

    # -- reading ---------------------------------------------------------------------------

    def getattr(self, obj: Any, name: Any, default: Any = _MISSING) -> Any:
        if type(name) is not str:
            name = _attribute_name(name)
        kind = type(obj)
        if kind in STAND_INS:
            # `type.__init__`, `bytes.zfill`: read (and guarded) on the class; a sized
            # type's `__init__` on the base of the program's subclasses (it checks sizes).
            obj = obj._base if kind is SizedTypeStandIn and name == "__init__" else obj._real
        elif isinstance(obj, _DANGEROUS_TYPES) and kind is not SafeModule:
            raise self.deny(f"reading from {_describe(obj)} is not allowed in exercises")
        elif kind is types.GenericAlias and _dangerous_origin(obj):
            raise self.deny("reading through an alias of a frame, code or module is not allowed")
        origin = _forwarded_to(obj, name)
        if origin is not _MISSING:  # the alias would read it on its origin, natively
            return self.getattr(origin, name, default)
        if name[:1] == "_":
            self._check_private_read(obj, name)
            if name == "__init__" and isinstance(obj, type):
                return self._class_init(obj, default)
        elif name in _PUBLIC_SPECIALS:
            if name in names.DENIED_ATTRIBUTES:
                raise self.deny(f"the attribute '{name}' is not allowed in exercises")
            if name == "obj" and isinstance(obj, AttributeError):
                raise self.deny("the attribute 'obj' of AttributeError is not allowed in exercises")
        value = getattr(obj, name) if default is _MISSING else getattr(obj, name, default)
        if name == "__dict__" and isinstance(obj, type):
            return self._class_namespace(obj, value)
        return self.checked(value, obj, name)

    def checked(self, value: Any, obj: Any, name: str) -> Any:
        """What a read of `name` on `obj` hands out; also for a value obtained another way
        (the result of a call into a real module, say): the same check as an attribute read.

        C methods are recognised by what they are, however they were reached (`s.center`,
        `super(S, s).center`, `str.center` copied out of a class's `__dict__`)."""
        if name == "__dataclass_fields__" and type(value) is dict:
            # dataclasses trusts this dict (slots' `__getstate__` reads each name in it
            # natively): the program sees a copy it cannot change
            return types.MappingProxyType(dict(value))
        if type(value) in _C_METHODS:
            method = value.__name__
            if method in _C_METHOD_OWNERS:
                guarded = self._c_method(value, method)
                if guarded is not None:
                    return guarded
            elif method in _OPERATOR_DUNDERS:
                return self._sized_operator(value, method)
            elif method in _ATTRIBUTE_WRITERS:
                return self._attribute_writer(value)
            elif method == "__new__":
                return self._constructor(value)
            elif method == "__init__" and type(value) in _UNBOUND_C_METHODS:
                return self._initialiser(value)  # `super(P, P).__init__`: property's
        elif type(value) is types.FunctionType and value.__globals__ is self.ownership.globals:
            if value.__code__.co_filename != self.ownership.filename:
                return self._generated_method(value)
        elif type(value) is types.MethodType and self._generated(value.__func__):
            # bound, it still runs on any object once rebound (deepcopy rebinds a method)
            return types.MethodType(self._generated_method(value.__func__), value.__self__)
        elif name in _LIBRARY_METHODS:
            replaced = _library_method(value)
            if replaced is not None:
                return replaced
            if name == "__format__" and callable(value) and not self.ownership.owns(value):
                return self._sized_format(value)  # a library's own Python `__format__`
        elif type(value) is types.FunctionType:
            cls = _unbound_from(obj, name, value) or _method_class(value)
            if cls is not None:
                # a library's method, unbound: it would run on any object it is given
                # (`enum.property.__set_name__` writes `self.name` on dataclasses.Field)
                return self._unbound_library_method(value, cls)
        return self._checked_value(value, obj, name)

    def _unbound_library_method(self, function: Any, cls: type) -> Any:
        """A library's function read unbound on `cls` (or through `super(C, C)`): it runs
        only on an object of `cls`, and only on the program's own when `cls` is its class."""
        owns, deny = self.ownership.owns, self.deny
        own_class = self.ownership.owns_class(cls)

        def method(obj: Any, *args: Any, **kwargs: Any) -> Any:
            if cls not in type(obj).__mro__ or (own_class and not owns(obj)):
                raise deny(f"calling {function.__qualname__} on {_describe(obj)} is not allowed")
            return function(obj, *args, **kwargs)

        return _named_like(method, function)

    def _generated(self, function: Any) -> bool:
        """Whether `function` is one dataclasses made from text in the program's globals."""
        return (
            type(function) is types.FunctionType
            and function.__globals__ is self.ownership.globals
            and function.__code__.co_filename != self.ownership.filename
        )

    def _class_namespace(self, cls: type, namespace: Any) -> Any:
        """A class's `__dict__`, each value checked as a read of its name would be: library
        code puts its own values there (enum's `_new_member_` is the raw `object.__new__`);
        a name the program could not read on the class is left out (dataclasses' slots
        `__getstate__`, which reads any attribute of any object natively)."""
        return types.MappingProxyType(
            {
                key: self.checked(value, cls, key)
                for key, value in dict(namespace).items()
                if type(key) is str and (key[:1] != "_" or self._private_readable(cls, key))
            }
        )

    def _private_readable(self, obj: Any, name: str) -> bool:
        """Whether `_check_private_read` lets the program read `name` on `obj` (asked
        without recording a violation)."""
        if names.is_dunder(name):
            return name in names.READ_DUNDERS or (
                name in names.OWNED_READ_DUNDERS and self.ownership.owns(obj)
            )
        if name in names.PUBLIC_API_PRIVATES and not isinstance(obj, types.ModuleType):
            return True
        return self.ownership.owns(obj) and self.ownership.defines(obj, name)

    def check_read(self, obj: Any, name: str) -> None:
        """The guard's rules for reading `name` on `obj`, for a read CPython makes itself
        (a class pattern's): names the guard would change are refused too."""
        if name[:1] == "_":
            self._check_private_read(obj, name)
        elif name in _PUBLIC_SPECIALS:
            raise self.deny(f"matching on the attribute '{name}' is not allowed")

    def shown_as(self, cls: type) -> Any:
        """The class as a program sees it (`type` and the sandbox's own are stand-ins)."""
        return self.type_stand_in if cls is type else self.type_stand_in.alias(cls)

    @staticmethod
    def is_proxy(obj: Any) -> bool:
        return type(obj) is SafeModule

    @staticmethod
    def is_dangerous_id(value: Any) -> bool:
        return id(value) in _DANGEROUS_IDS

    def _check_private_read(self, obj: Any, name: str) -> None:
        if names.is_dunder(name):
            if name in names.READ_DUNDERS:
                if name in _CHECKED_DUNDERS:
                    self._check_special_read(obj, name)
                return
            if name in names.OWNED_READ_DUNDERS and self.ownership.owns(obj):
                return
            raise self.deny(f"the attribute '{name}' is not allowed in exercises")
        if name in names.PUBLIC_API_PRIVATES and not isinstance(obj, types.ModuleType):
            return
        if self.ownership.owns(obj) and self.ownership.defines(obj, name):
            return
        raise self.deny(f"the attribute '{name}' of {_describe(obj)} is not allowed in exercises")

    def _check_special_read(self, obj: Any, name: str) -> None:
        """Special methods that re-initialise, bind or unwrap: never on what is not the
        program's (a stand-in's `__init__`, `cached_property.__get__`, the real method
        behind a guarded one)."""
        ownership = self.ownership
        if name == "__init__":
            allowed = isinstance(obj, type) or ownership.owns(obj)
        elif name in ("__init_subclass__", "__set_name__"):
            allowed = ownership.owns(obj)  # state set on the program's own object or class
        elif name == "__wrapped__":
            allowed = not _is_sandbox_function(obj)
        else:
            allowed = ownership.implements(obj, name)
        if not allowed:
            raise self.deny(
                f"the attribute '{name}' of {_describe(obj)} is not allowed in exercises"
            )

    def _class_init(self, cls: type, default: Any) -> Any:
        """`Base.__init__` of a class that is not the program's: it initialises only the
        program's own objects (`Exception.__init__(self, ...)`), never re-initialises a
        library's (a descriptor shared by every enum, say)."""
        init: Any = getattr(cls, "__init__", default)  # every class has one (object's)
        if init is default or self.ownership.owns(init):  # the program's own function
            return init
        initialiser = self._initialiser(init)
        initialiser.__qualname__ = f"{cls.__name__}.__init__"
        return initialiser

    def _initialiser(self, init: Any) -> Any:
        """A library's unbound `__init__`: it initialises the program's objects only."""
        owns, deny = self.ownership.owns, self.deny

        def __init__(self: Any, *args: Any, **kwargs: Any) -> Any:
            if not owns(self):
                raise deny(f"re-initialising {_describe(self)} is not allowed in exercises")
            return init(self, *args, **kwargs)

        return _named_like(__init__, init)

    def _generated_method(self, function: Any) -> Any:
        """A method dataclasses made from text (`__init__`, `__eq__`, `__repr__`...), or a
        library base's method read unbound on the program's class: its body is no guarded
        code, so it runs on the program's own objects only."""
        owns, deny = self.ownership.owns, self.deny

        def method(obj: Any, *args: Any, **kwargs: Any) -> Any:
            if isinstance(obj, type) or not owns(obj):
                raise deny(f"calling {function.__qualname__} on {_describe(obj)} is not allowed")
            return function(obj, *args, **kwargs)

        return _named_like(method, function)

    def _attribute_writer(self, method: Any) -> Any:
        """A library's C `__setattr__`/`__delattr__` (object's, say, read on the program's
        class) under the write rules: unbound, it would write to any object it is given."""
        write = self.write
        if type(method) in _UNBOUND_C_METHODS:

            def unbound(obj: Any, name: Any, *value: Any) -> Any:
                write(obj, _attribute_name(name))
                return method(obj, name, *value)

            return _named_like(unbound, method)
        target = method.__self__

        def bound(name: Any, *value: Any) -> Any:
            write(target, _attribute_name(name))
            return method(name, *value)

        return _named_like(bound, method)

    def _constructor(self, new: Any) -> Any:
        """A C `__new__` (object's, int's): it makes an object of any class it is given,
        past that class's `__init__`; here, of the program's own classes only."""
        owns_class, deny = self.ownership.owns_class, self.deny

        def __new__(cls: Any, *args: Any, **kwargs: Any) -> Any:
            if not (isinstance(cls, type) and owns_class(cls)):
                raise deny(f"__new__ of {_describe(cls)} is not allowed in exercises")
            return new(cls, *args, **kwargs)

        return _named_like(__new__, new)

    def _checked_value(self, value: Any, obj: Any, name: str) -> Any:
        kind = type(value)
        if kind is type or issubclass(kind, type):
            if value is type:
                return self.type_stand_in
            if issubclass(value, type):
                raise self.deny(f"metaclasses ('{name}') are not available in exercises")
            return self.type_stand_in.alias(value)  # `b''.__class__` is `bytes`
        if (isinstance(value, _DANGEROUS_TYPES) and kind is not SafeModule) or (
            id(value) in _DANGEROUS_IDS
        ):
            raise self.deny(f"the attribute '{name}' of {_describe(obj)} is not allowed")
        if kind is types.MethodType and _metaclass_method(value):
            raise self.deny(
                f"a method of the metaclass of {_describe(value.__self__)} is not allowed"
            )
        return value

    def _c_method(self, method: Any, name: str) -> Any | None:
        """A C method of str/bytes/int/Pattern however it was reached (`s.format`,
        `super(S, s).format`, `str.center`): the guarded version, bound to the same object."""
        owners = _C_METHOD_OWNERS[name]
        if type(method) is types.MethodDescriptorType:
            kind = method.__objclass__
            if kind in owners or issubclass(kind, owners):
                if issubclass(kind, _SIZED_TYPES):
                    return self._string_method(kind, name)
                return self._sized_method(kind, name, _MISSING)
            return None
        target = method.__self__
        if isinstance(target, owners):
            if isinstance(target, _SIZED_TYPES):
                return self._string_method(target, name, method)
            return self._sized_method(target, name, _MISSING, method)
        return None

    def _string_method(self, obj: Any, name: str, method: Any = None) -> Any:
        """str.format/format_map without attribute traversal; size checks on amplifiers."""
        if name in ("format", "format_map"):
            formatter = getattr(self.formatter, name)
            if isinstance(obj, type):
                return formatter
            return _bound_format(formatter, obj, name)
        if name not in _AMPLIFYING_METHODS:
            return method if method is not None else getattr(obj, name)
        return self._sized_method(obj, name, _MISSING, method)

    def _sized_method(self, obj: Any, name: str, default: Any, method: Any = None) -> Any:
        """The method, checking the size of its result (from its arguments) before C builds it."""
        if method is None:
            method = getattr(obj, name) if default is _MISSING else getattr(obj, name, default)
        unbound = isinstance(obj, type)
        budget = self.sizes.budget

        def checked(*args: Any, **kwargs: Any) -> Any:
            head, rest = (args[:1], list(args[1:])) if unbound and args else ((), list(args))
            if name == "join" and rest and _iterable_not_sequence(rest[0]):
                rest[0] = list(rest[0])  # as join itself does first, so that it can be sized
            for index in _COUNT_ARGUMENTS.get(name, ()):
                if index < len(rest):
                    rest[index] = exact_count(rest[index])
            for key in _COUNT_KEYWORDS.intersection(kwargs):
                kwargs[key] = exact_count(kwargs[key])
            target = head[0] if head else obj
            budget.check_memory(_estimate(target, name, tuple(rest), kwargs))
            if name in ("sub", "subn"):
                _count_replacement(rest, kwargs, budget)
            return method(*head, *rest, **kwargs)

        checked.__name__ = checked.__qualname__ = name
        checked.__doc__ = method.__doc__
        return checked

    def _sized_operator(self, method: Any, name: str) -> Any:
        """A C operator method (`'a'.__mul__`, `str.__mul__`) checked like its operator."""
        kind, reflected = _OPERATOR_DUNDERS[name]
        if isinstance(method, _BOUND_C_METHODS):
            bound, this = True, method.__self__
        elif isinstance(method, _UNBOUND_C_METHODS):
            bound, this = False, None
        else:
            return method  # the program's own method: its body is guarded
        check = self.sizes.check

        def checked(*args: Any, **kwargs: Any) -> Any:
            if kind == "mul":  # `'a'.__mul__(n)` reads n's `__index__` once, here
                args = tuple(exact_count(arg) for arg in args)
            operands = (this, *args) if bound else args
            if len(operands) >= 2:
                a, b = operands[:2]
                if reflected:
                    a, b = b, a
                check(kind, a, b, operands[2] if len(operands) > 2 else None)
            return method(*args, **kwargs)

        checked.__name__ = checked.__qualname__ = name
        return checked

    def _sized_format(self, method: Any) -> Any:
        """A library's Python `__format__` (an enum's), called by hand: it hands the spec
        on to C formatting, so the spec is size-checked first."""
        skip = 0 if isinstance(method, (types.MethodType, *_BOUND_C_METHODS)) else 1
        budget = self.sizes.budget

        def __format__(*args: Any, **kwargs: Any) -> Any:
            spec = args[skip] if len(args) > skip else kwargs.get("format_spec")
            if isinstance(spec, str):
                check_spec(str.__str__(spec), budget)
            return method(*args, **kwargs)

        __format__.__qualname__ = getattr(method, "__qualname__", "__format__")
        __format__.__doc__ = getattr(method, "__doc__", None)
        return __format__

    # -- writing ---------------------------------------------------------------------------

    def write(self, obj: Any, name: str | None = None) -> Any:
        """`_write_`: the object whose attribute or item is about to be assigned."""
        if isinstance(obj, types.ModuleType):
            raise self.deny(f"changing the module '{obj.__name__}' is not allowed in exercises")
        if isinstance(obj, type) and not self.ownership.owns_class(obj):
            raise self.deny(f"changing the class '{obj.__name__}' is not allowed in exercises")
        if name is not None:
            self.check_write_name(obj, name)
            kind = type(obj)
            if any(type(writer) is types.FunctionType for writer in _writers(kind)):
                self._check_foreign_setter(obj, name)
        return obj

    def _check_foreign_setter(self, obj: Any, name: str) -> None:
        """A library's own `__setattr__` runs natively with the name and value given: a
        typing alias's sets the attribute on its origin class (`typing.Counter[int].x = 1`
        changes `collections.Counter`), past the write guard."""
        if not self.ownership.owns(obj):
            raise self.deny(f"setting '{name}' on {_describe(obj)} is not allowed in exercises")

    def check_write_name(self, obj: Any, name: str) -> None:
        if name[:1] != "_":
            holders = _NAME_HOLDERS.get(name)
            if holders is not None and isinstance(obj, _holders(holders)):
                raise self.deny(f"setting '{name}' on {_describe(obj)} is not allowed in exercises")
            return
        if names.is_dunder(name) and name not in names.WRITE_DUNDERS:
            raise self.deny(f"setting the attribute '{name}' is not allowed in exercises")
        if not self.ownership.owns(obj):
            raise self.deny(f"setting '{name}' on {_describe(obj)} is not allowed in exercises")

    def setattr(self, obj: Any, name: Any, value: Any) -> None:
        name = _attribute_name(name)
        setattr(self.write(obj, name), name, value)

    def delattr(self, obj: Any, name: Any) -> None:
        name = _attribute_name(name)
        delattr(self.write(obj, name), name)

    def hasattr(self, obj: Any, name: Any) -> bool:
        try:
            self.getattr(obj, name)
        except AttributeError:
            return False
        return True

    # -- augmented assignment on attributes and items (exact CPython evaluation order) ------

    def aug_get_attr(self, obj: Any, name: str) -> tuple[Any, Any]:
        return obj, self.getattr(obj, name)

    def aug_op(self, read: tuple[Any, ...], op: str, value: Any) -> tuple[Any, ...]:
        """`current op= value` for what `aug_get_attr`/`aug_get_item` read; the target
        (object, and key) is passed on with the result, for `aug_set_attr`/`aug_set_item`."""
        *target, current = read
        return (*target, self.sizes.inplace(op, current, value))

    def aug_set_attr(self, pair: tuple[Any, Any], name: str) -> None:
        obj, result = pair
        self.write(obj, name)
        setattr(obj, name, result)

    def aug_get_item(self, obj: Any, key: Any) -> tuple[Any, Any, Any]:
        return obj, key, obj[key]

    def aug_set_item(self, triple: tuple[Any, Any, Any]) -> None:
        obj, key, result = triple
        self.write(obj)[key] = result


_LIBRARY_METHODS = usertypes.REPLACED_NAMES | {"__format__"}
"""Names of library methods that hand their arguments to C natively (see `usertypes`)."""


def _library_method(value: Any) -> Any:
    """UserString's and UserList's own method (reached through `super`, or from the
    library's class), as the proxy's class has it: through the guards."""
    kind = type(value)
    if kind is not types.MethodType and kind is not types.FunctionType:
        return None
    function = value.__func__ if kind is types.MethodType else value
    mine = usertypes.REPLACED.get(function) if type(function) is types.FunctionType else None
    if mine is None or kind is types.FunctionType:
        return mine
    return types.MethodType(mine, value.__self__)


_GENERIC_ALIAS_OWN = frozenset(
    {
        "__class__", "__bases__", "__origin__", "__args__", "__unpacked__", "__parameters__",
        "__typing_unpacked_tuple_args__", "__mro_entries__", "__reduce_ex__", "__reduce__",
        "__copy__", "__deepcopy__",
    }
)  # fmt: skip
"""What `types.GenericAlias` answers itself; it reads every other name on its origin."""


def _forwarded_to(obj: Any, name: str) -> Any:
    """The object an alias reads `name` on, natively (`_MISSING` when it answers itself):
    `types.GenericAlias` for all but a few names, a typing alias for a name neither it nor
    its class has (and no dunder). The guard reads it there instead, with its rules for
    that object (an AttributeError's `obj` through `typing.List`'s class, say)."""
    if isinstance(obj, types.GenericAlias):
        if name in _GENERIC_ALIAS_OWN:
            return _MISSING
        return types.GenericAlias.__getattribute__(obj, "__origin__")
    alias_base = _typing_alias_base()
    if alias_base is None or not isinstance(obj, alias_base) or names.is_dunder(name):
        return _MISSING
    own = object.__getattribute__(obj, "__dict__")
    if name in own or any(name in k.__dict__ for k in type(obj).__mro__):
        return _MISSING
    return own.get("__origin__", _MISSING)


_TYPING_ALIAS: list[type | None] = []
"""`typing._BaseGenericAlias`, once `typing` is loaded (every read asks for it)."""


def _typing_alias_base() -> type | None:
    if not _TYPING_ALIAS:
        typing = sys.modules.get("typing")
        if typing is None:
            return None
        _TYPING_ALIAS.append(getattr(typing, "_BaseGenericAlias", None))
    return _TYPING_ALIAS[0]


def _dangerous_origin(alias: Any) -> bool:
    """`GenericAlias(obj, ())` passes reads on to `obj`: never one the guard refuses."""
    origin = types.GenericAlias.__getattribute__(alias, "__origin__")
    return isinstance(origin, _DANGEROUS_TYPES) and type(origin) is not SafeModule


def _unbound_from(obj: Any, name: str, value: Any) -> type | None:
    """The class a library function read as `name` on `obj` is an unbound method of: `obj`
    itself, a class, or the class of `super(C, C)`; None for a staticmethod, a function of
    the program's, or a function stored on an object."""
    bound: Any = super.__self__.__get__(obj) if isinstance(obj, super) else None  # type: ignore[attr-defined]
    if isinstance(obj, type):
        cls, mro = obj, obj.__mro__
    elif isinstance(bound, type):
        cls, mro = bound, bound.__mro__
        start: Any = super.__thisclass__.__get__(obj)  # type: ignore[attr-defined]
        mro = mro[mro.index(start) + 1 :] if start in mro else ()
    else:
        return None
    for klass in mro:
        if name in klass.__dict__:
            return cls if klass.__dict__[name] is value else None
    return None


def _method_class(function: Any) -> type | None:
    """The library class whose method (or property accessor) `function` is, however it was
    reached (a property's `fget`, a wrapper's `__wrapped__`): found by its qualified name
    in its own module; None for a module-level function or a nested one."""
    head, _, last = function.__qualname__.rpartition(".")
    if not head or "<" in head:
        return None
    found: Any = function.__globals__.get(head.partition(".")[0])
    for part in head.split(".")[1:]:
        found = getattr(found, part, None)
    if not isinstance(found, type):
        return None
    raw = found.__dict__.get(last)
    if raw is function:
        return found
    if isinstance(raw, property) and function in (raw.fget, raw.fset, raw.fdel):
        return found
    return None


def _named_like(guarded: Callable[..., Any], method: Any) -> Callable[..., Any]:
    """The guarded version of a C method, named and documented as the method is."""
    guarded.__name__, guarded.__qualname__ = method.__name__, method.__qualname__
    guarded.__doc__ = method.__doc__
    return guarded


def _count_replacement(args: list[Any], kwargs: dict[str, Any], budget: Any) -> None:
    """`Pattern.sub`'s replacement function, counted (see `counted_replacement`)."""
    if args:
        args[0] = counted_replacement(args[0], budget)
    elif "repl" in kwargs:
        kwargs["repl"] = counted_replacement(kwargs["repl"], budget)


def _bound_format(formatter: Any, template: Any, name: str) -> Callable[..., str]:
    """`template.format` (or `format_map`): the safe formatter, bound to the template."""

    def bound(*args: Any, **kwargs: Any) -> str:
        text: str = formatter(template, *args, **kwargs)
        return text

    bound.__name__ = bound.__qualname__ = name
    return bound


def _is_sandbox_function(obj: Any) -> bool:
    """A function of the sandbox's own (a guarded method, a proxy's wrapper)."""
    if not isinstance(obj, types.FunctionType):
        return False
    return str(obj.__globals__.get("__name__", "")).startswith(_SANDBOX_PACKAGE)


def _iterable_not_sequence(value: Any) -> bool:
    kind = type(value)
    return not isinstance(value, (list, tuple)) and (
        hasattr(kind, "__iter__") or hasattr(kind, "__getitem__")
    )


def _attribute_name(name: Any) -> str:
    if type(name) is str:
        return name
    if isinstance(name, str):
        return str.__str__(name)
    raise TypeError(f"attribute name must be string, not '{type(name).__name__}'")


def _describe(obj: Any) -> str:
    if isinstance(obj, types.ModuleType):
        return f"module '{obj.__name__}'"
    if isinstance(obj, type):
        return f"class '{obj.__name__}'"
    return f"'{type(obj).__name__}' objects"


def _estimate(obj: Any, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> int:
    """Rough size in bytes of what a str/bytes/int/Pattern method is about to build."""
    numbers = [a for a in args if isinstance(a, int)]
    if name == "to_bytes":
        length = args[0] if args else kwargs.get("length", 1)
        return int(length) if isinstance(length, int) else 0
    if name in ("sub", "subn"):
        return substitution_size(args[0] if args else None, args[1] if len(args) > 1 else "")
    if name == "translate" and args and isinstance(args[0], dict):
        longest = max((true_len(v) for v in args[0].values() if isinstance(v, str)), default=1)
        return true_len(obj) * longest
    if name in ("center", "ljust", "rjust", "zfill") and numbers:
        return max(numbers[0], 0)
    if name == "expandtabs":
        tabsize = numbers[0] if numbers else 8
        return true_len(obj) * max(tabsize, 1)
    if name == "replace" and len(args) >= 2:
        new = args[1]
        return true_len(obj) * (true_len(new) if hasattr(new, "__len__") else 1) + true_len(obj)
    if name == "join" and args and isinstance(args[0], (list, tuple)):
        return true_len(obj) * true_len(args[0]) + sum(
            true_len(x) for x in args[0] if hasattr(x, "__len__")
        )
    return 0


def learner_frame(filename: str) -> types.FrameType | None:
    """The innermost frame that runs code of the learner's file."""
    frame: types.FrameType | None = sys._getframe(1)
    while frame is not None and frame.f_code.co_filename != filename:
        frame = frame.f_back
    return frame


def current_line(filename: str) -> int | None:
    """The line of the innermost frame that belongs to the learner's file."""
    frame = learner_frame(filename)
    return frame.f_lineno if frame is not None else None


__all__ = ["Guards", "Ownership", "current_line", "learner_frame"]
