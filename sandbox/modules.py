"""The import allowlist: each module is offered as a vetted proxy, never as the raw module.

A proxy is a fresh module object that holds only the names listed here. Functions that
take attribute names, evaluate strings or build unbounded results are replaced by guarded
versions. Names that exist on the real module but are not vetted are refused by name.
"""

from __future__ import annotations

import codecs
import contextlib
import copy
import functools
import importlib
import keyword
import sys
import types
from collections.abc import Callable, Iterable, Iterator

from sandbox import usertypes
from sandbox.budget import MAX_INT_BITS, counted_replacement, exact_count, substitution_size
from sandbox.copying import release_kept
from sandbox.names import DENIED_ATTRIBUTES
from sandbox.source_hints import mentions_codecs

TYPE_CHECKING = False  # `typing` costs every zygote and each of its forks
if TYPE_CHECKING:
    from typing import Any

_MATH = """acos acosh asin asinh atan atan2 atanh cbrt ceil comb copysign cos cosh degrees dist
e erf erfc exp exp2 expm1 fabs factorial floor fmod frexp fsum gamma gcd hypot inf isclose
isfinite isinf isnan isqrt lcm ldexp lgamma log log10 log1p log2 modf nan nextafter perm pi
pow prod radians remainder sin sinh sqrt tan tanh tau trunc ulp"""
_OPERATOR = """abs add and_ attrgetter call concat contains countOf delitem eq floordiv ge getitem
gt iadd iand iconcat ifloordiv ilshift imatmul imod imul index indexOf inv invert ior ipow
irshift is_ is_not isub itemgetter itruediv ixor le length_hint lshift lt matmul methodcaller
mod mul ne neg not_ or_ pos pow rshift setitem sub truediv truth xor"""
_RANDOM = """Random SystemRandom betavariate choice choices expovariate gammavariate gauss
getrandbits getstate lognormvariate normalvariate paretovariate randbytes randint random
randrange sample seed setstate shuffle triangular uniform vonmisesvariate weibullvariate"""
_RE = """A ASCII DEBUG DOTALL I IGNORECASE L LOCALE M MULTILINE Match NOFLAG Pattern RegexFlag S
U UNICODE VERBOSE X compile error escape findall finditer fullmatch match purge search split
sub subn"""
_STATISTICS = """LinearRegression NormalDist StatisticsError correlation covariance fmean
geometric_mean harmonic_mean linear_regression mean median median_grouped median_high
median_low mode multimode pstdev pvariance quantiles stdev variance"""
_TIME = """altzone asctime ctime daylight gmtime localtime mktime monotonic monotonic_ns
perf_counter perf_counter_ns process_time process_time_ns sleep strftime strptime
struct_time time time_ns timezone tzname"""
_TYPING = """Annotated Any AnyStr Callable ChainMap ClassVar Collection Concatenate Container
Counter DefaultDict Deque Dict Final FrozenSet Generator Generic Hashable ItemsView Iterable
Iterator KeysView List Literal LiteralString Mapping MappingView MutableMapping
MutableSequence MutableSet NamedTuple Never NewType NoReturn NotRequired Optional
OrderedDict ParamSpec Protocol Required Reversible Self Sequence Set Sized SupportsAbs
SupportsFloat SupportsIndex SupportsInt SupportsRound TYPE_CHECKING Text Tuple Type
TypeAlias TypeGuard TypeVar TypeVarTuple TypedDict Union Unpack ValuesView assert_never
assert_type cast final get_args get_origin is_typeddict overload reveal_type
runtime_checkable"""
_ENUM = """CONFORM CONTINUOUS EJECT Enum EnumCheck Flag FlagBoundary IntEnum IntFlag KEEP
NAMED_FLAGS ReprEnum STRICT StrEnum UNIQUE auto member nonmember property unique verify"""
"""`EnumMeta`/`EnumType` are metaclasses, which never reach a program."""
_DECIMAL = """BasicContext Clamped Context ConversionSyntax Decimal DecimalException
DecimalTuple DefaultContext DivisionByZero DivisionImpossible DivisionUndefined
ExtendedContext FloatOperation Inexact InvalidContext InvalidOperation MAX_EMAX MAX_PREC
MIN_EMIN MIN_ETINY Overflow ROUND_05UP ROUND_CEILING ROUND_DOWN ROUND_FLOOR ROUND_HALF_DOWN
ROUND_HALF_EVEN ROUND_HALF_UP ROUND_UP Rounded Subnormal Underflow getcontext localcontext
setcontext"""

ALLOWLIST: dict[str, tuple[str, ...]] = {
    name: tuple(names.split())
    for name, names in {
        "__future__": "annotations",
        "bisect": "bisect bisect_left bisect_right insort insort_left insort_right",
        "collections": "ChainMap Counter OrderedDict UserDict UserList UserString defaultdict"
        " deque namedtuple abc",
        "collections.abc": " ".join(importlib.import_module("collections.abc").__all__),
        "copy": "Error copy deepcopy error",
        "dataclasses": "Field FrozenInstanceError InitVar KW_ONLY MISSING asdict astuple"
        " dataclass field fields is_dataclass make_dataclass replace",
        "datetime": "MAXYEAR MINYEAR UTC date datetime time timedelta timezone tzinfo",
        "decimal": _DECIMAL,
        "enum": _ENUM,
        "fractions": "Fraction",
        "functools": "WRAPPER_ASSIGNMENTS WRAPPER_UPDATES cache cached_property cmp_to_key"
        " lru_cache partial partialmethod reduce total_ordering update_wrapper wraps",
        "heapq": "heapify heappop heappush heappushpop heapreplace merge nlargest nsmallest",
        "itertools": "accumulate chain combinations combinations_with_replacement compress"
        " count cycle dropwhile filterfalse groupby islice pairwise permutations product"
        " repeat starmap takewhile tee zip_longest",
        "json": "JSONDecodeError JSONDecoder JSONEncoder dump dumps load loads",
        "math": _MATH,
        "operator": _OPERATOR,
        "random": _RANDOM,
        "re": _RE,
        "statistics": _STATISTICS,
        "string": "Template ascii_letters ascii_lowercase ascii_uppercase capwords digits"
        " hexdigits octdigits printable punctuation whitespace",
        "time": _TIME,
        "typing": _TYPING,
    }.items()
}
"""Every importable module and the names its proxy exposes."""

SUBMODULES = {"collections": ("abc",)}


class SafeModule(types.ModuleType):
    """A module proxy holding only vetted names, sealed once built: nothing rebinds,
    renames or removes what it holds (its `__getattr__` refuses the real module's names)."""

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"module '{self.__name__}' is read-only in exercises")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"module '{self.__name__}' is read-only in exercises")


def real_module(name: str) -> types.ModuleType:
    return importlib.import_module(name)


CODECS = (
    "ascii", "latin_1", "utf_8_sig", "utf_16", "utf_16_le", "utf_16_be", "utf_32",
    "utf_32_le", "utf_32_be", "cp1252", "cp437", "iso8859_15", "idna", "unicode_escape",
    "raw_unicode_escape",
)  # fmt: skip
"""Codecs that `str.encode` and `bytes.decode` find lazily (by importing `encodings.*`)."""


LAZY_IMPORTS: dict[str, tuple[str, ...]] = {
    "collections": ("heapq", "copy"),  # Counter.most_common, UserDict.copy
    "datetime": ("_strptime",),
    "enum": ("warnings",),
    "time": ("_strptime",),
    "fractions": ("decimal",),
    "functools": ("typing", "weakref"),
    "operator": ("functools",),
    "re": ("unicodedata", "warnings"),
    "random": ("_sha2", "hashlib") if sys.version_info >= (3, 13) else (),  # seed(str)
}
"""Modules that allowlisted code imports inside its functions, at call time. In the child,
after Landlock, an import that is not already loaded fails; so they load beforehand, for
every module loaded by then: `statistics.mode` reaches `Counter.most_common` (and heapq)
without the program importing collections."""


def preload(
    modules: tuple[str, ...] | list[str] | set[str] | frozenset[str], source: str = ""
) -> None:
    """Import the real modules (and what they import lazily) before privileges drop.

    Codecs load once, when a program may convert between str and bytes: the common ones
    (UTF-8, ASCII, Latin-1) need no lookup, and the rest cost 3 ms to load.
    """
    for name in sorted(modules):
        if name in ALLOWLIST:
            real_module(name)
    done: set[str] = set()
    while pending := [name for name in LAZY_IMPORTS if name in sys.modules and name not in done]:
        for loaded in pending:  # until loading a dependency loads nothing new to look at
            done.add(loaded)
            for dependency in LAZY_IMPORTS[loaded]:
                with contextlib.suppress(ImportError):  # some are optional in some builds
                    importlib.import_module(dependency)
    if mentions_codecs(source):
        register_codecs()


def register_codecs() -> None:
    """Look up the common codecs once, so that the child finds them in the codec cache."""
    if not _CODECS_REGISTERED:
        for name in CODECS:
            codecs.lookup(name)
        _CODECS_REGISTERED.append(True)


_CODECS_REGISTERED: list[bool] = []


_FACTORIAL_LIMIT = 100_000

if TYPE_CHECKING:
    Wrapper = Callable[[Any, Any], Any]
    """(real attribute, runtime hooks) -> the value a proxy exposes instead."""


def _metered(factory: Callable[..., Iterator[Any]], hooks: Any) -> Callable[..., Any]:
    """Wrap an iterator factory so that every item costs a tick (C loops become metered)."""
    tick = hooks.tick

    def metered(*args: Any, **kwargs: Any) -> Iterator[Any]:
        return _MeteredIterator(factory(*args, **kwargs), tick, metered)

    metered.__name__ = metered.__qualname__ = factory.__name__
    metered.__doc__ = factory.__doc__
    return metered


class _MeteredIterator:
    """An iterator that ticks per item; `type()` of it is `shown` (the metered factory, as
    `type(itertools.count())` is `itertools.count`), never the real unmetered class."""

    __slots__ = ("_inner", "_shown", "_tick")

    def __init__(self, inner: Iterator[Any], tick: Callable[..., Any], shown: Any) -> None:
        self._inner = inner
        self._tick = tick
        self._shown = shown

    def type_shown(self) -> Any:
        return self._shown

    def __copy__(self) -> _MeteredIterator:
        """A copy of the iterator, as CPython's; the tick stays the budget's own."""
        return _MeteredIterator(copy.copy(self._inner), self._tick, self._shown)

    def __deepcopy__(self, memo: Any) -> _MeteredIterator:
        return _MeteredIterator(copy.deepcopy(self._inner, memo), self._tick, self._shown)

    def __iter__(self) -> _MeteredIterator:
        return self

    def __next__(self) -> Any:
        self._tick()
        return next(self._inner)

    def __repr__(self) -> str:
        return repr(self._inner)


def _sized(limit_arg: int, limit: int) -> Callable[[Any, Any], Any]:
    """Refuse calls whose argument at `limit_arg` is an int above `limit`."""

    def wrap(real: Callable[..., Any], hooks: Any) -> Callable[..., Any]:
        def sized(*args: Any, **kwargs: Any) -> Any:
            if len(args) > limit_arg:
                value = exact_count(args[limit_arg])
                args = (*args[:limit_arg], value, *args[limit_arg + 1 :])
                if isinstance(value, int) and value > limit:
                    hooks.sizes.budget.refuse_memory()
            return real(*args, **kwargs)

        sized.__name__ = sized.__qualname__ = real.__name__
        sized.__doc__ = real.__doc__
        return sized

    return wrap


def _wrapper_attributes(positional: int, safe: Callable[[Any], Any]) -> Wrapper:
    """functools.wraps/update_wrapper, the attribute lists by keyword only, made by `safe`
    (the sandbox's own update_wrapper, which reads and writes through the guards)."""

    def wrap(real: Callable[..., Any], hooks: Any) -> Callable[..., Any]:
        implementation = safe(hooks)

        def checked(*args: Any, **kwargs: Any) -> Any:
            if len(args) > positional:
                raise hooks.deny(f"pass 'assigned'/'updated' to {real.__name__} by keyword")
            for key in ("assigned", "updated"):
                if key in kwargs:
                    kwargs[key] = _wrapper_names(kwargs[key], hooks)
            return implementation(*args, **kwargs)

        checked.__name__ = checked.__qualname__ = real.__name__
        checked.__doc__ = real.__doc__
        return checked

    return wrap


_WRAPPER_NAMES = frozenset(functools.WRAPPER_ASSIGNMENTS + functools.WRAPPER_UPDATES)


def _wrapper_names(names: Any, hooks: Any) -> tuple[str, ...]:
    """The attribute names given to wraps/update_wrapper, read once as exact str: only
    those of its default lists (what is checked is what is used)."""
    chosen = tuple(_exact_str(name) for name in names)
    for name in chosen:
        if name not in _WRAPPER_NAMES:
            raise hooks.deny(f"functools cannot copy '{name}' in exercises")
    return chosen


def _update_wrapper(hooks: Any) -> Callable[..., Any]:
    """functools.update_wrapper through the guards: the wrapper must be the program's own
    (its attributes and `__dict__` are written), and from a foreign `wrapped` only public
    `__dict__` entries are copied (never its private state), each value checked."""
    guards, ownership = hooks.guards, hooks.ownership
    assignments, updates = functools.WRAPPER_ASSIGNMENTS, functools.WRAPPER_UPDATES

    def update_wrapper(
        wrapper: Any, wrapped: Any, assigned: Any = assignments, updated: Any = updates
    ) -> Any:
        assigned, updated = _wrapper_names(assigned, hooks), _wrapper_names(updated, hooks)
        for attr in assigned:
            try:
                value = getattr(wrapped, attr)  # metadata: `__name__`, `__doc__`...
            except AttributeError:
                continue
            guards.setattr(wrapper, attr, guards.checked(value, wrapped, attr))
        for attr in updated:
            target = guards.getattr(wrapper, attr)
            # the program's own read as it would read it (a class's `__dict__` is the checked
            # snapshot: the raw one holds functions that run on any object, such as a
            # dataclass's generated `__init__`); each value checked as a read of its name
            owned = ownership.owns(wrapped)
            found = guards.getattr(wrapped, attr, {}) if owned else getattr(wrapped, attr, {})
            source = {
                key: guards.checked(value, wrapped, key)
                for key, value in dict(found).items()
                if type(key) is str and (owned or key[:1] != "_") and key not in hooks.denied_names
            }
            target.update(source)
        guards.setattr(wrapper, "__wrapped__", wrapped)
        return wrapper

    return update_wrapper


def _wraps(hooks: Any) -> Callable[..., Any]:
    update_wrapper = _update_wrapper(hooks)
    assignments, updates = functools.WRAPPER_ASSIGNMENTS, functools.WRAPPER_UPDATES

    def wraps(wrapped: Any, assigned: Any = assignments, updated: Any = updates) -> Any:
        assigned, updated = _wrapper_names(assigned, hooks), _wrapper_names(updated, hooks)
        return functools.partial(
            update_wrapper, wrapped=wrapped, assigned=assigned, updated=updated
        )

    return wraps


def _own_class_only(what: str) -> Wrapper:
    """A decorator that changes the class it is given: only the program's own classes."""

    def wrap(real: Callable[..., Any], hooks: Any) -> Callable[..., Any]:
        def own_class_only(cls: Any) -> Any:
            if not (isinstance(cls, type) and hooks.ownership.owns_class(cls)):
                raise hooks.deny(f"{what} applies only to the program's own classes")
            return real(cls)

        own_class_only.__name__ = own_class_only.__qualname__ = real.__name__
        own_class_only.__doc__ = real.__doc__
        return own_class_only

    return wrap


def _shallow_copy(real: Callable[..., Any], _hooks: Any) -> Callable[..., Any]:
    """copy.copy, which copies a bound method the way pickle would: `getattr(obj, name)`
    with the name of the method's function, which a program can set to anything
    (`f.__name__ = '__globals__'`), on whatever object it bound `f` to. A bound method is
    rebuilt from its parts instead; everything else is CPython's copy."""

    def copy(x: Any) -> Any:
        if type(x) is types.MethodType:
            return types.MethodType(x.__func__, x.__self__)
        return real(x)

    copy.__name__ = copy.__qualname__ = "copy"
    copy.__doc__ = real.__doc__
    return copy


def _own_lock(real: Any) -> Any:
    """functools.cached_property (3.11) whose `lock` only a lock may replace: its `__get__`
    runs `with self.lock:`, and a program's `__exit__` there would get the traceback."""
    lock_type = type(getattr(real(len), "lock", None))
    if lock_type is type(None):
        return real  # no lock (3.12+)

    def lock(self: Any) -> Any:
        return self.__dict__["_lock_of_cached_property"]

    def set_lock(self: Any, value: Any) -> None:
        if type(value) is not lock_type:
            raise AttributeError("a cached_property's lock is its own")
        self.__dict__["_lock_of_cached_property"] = value

    namespace = {"lock": property(lock, set_lock), "__module__": real.__module__}
    namespace["__doc__"] = real.__doc__
    return type(real.__name__, (real,), namespace)


def _deep_copy(real: Callable[..., Any], hooks: Any) -> Callable[..., Any]:
    """copy.deepcopy as the child has it (`sandbox.copying.make_deepcopy`: its memo stays
    out of the program's reach); what the copy keeps alive stays out of the memo too
    (`sandbox.copying.keep_alive`) and goes once the outermost copy is done."""
    depth = [0]

    def deepcopy(x: Any, memo: Any = None) -> Any:
        depth[0] += 1
        try:
            return hooks.deepcopy(x, memo)
        finally:
            depth[0] -= 1
            if not depth[0]:
                release_kept()

    deepcopy.__name__ = deepcopy.__qualname__ = "deepcopy"
    deepcopy.__doc__ = real.__doc__
    return deepcopy


def _checked_result(real: Callable[..., Any], hooks: Any) -> Callable[..., Any]:
    """A function whose result gets the check of an attribute read (`typing.get_origin`
    returns `__origin__`, which is the real `type` for `type[int]`)."""
    checked = hooks.guards.checked

    def checked_result(*args: Any, **kwargs: Any) -> Any:
        result = real(*args, **kwargs)
        if type(result) is tuple:
            return tuple(checked(item, real, real.__name__) for item in result)
        return checked(result, real, real.__name__)

    checked_result.__name__ = checked_result.__qualname__ = real.__name__
    checked_result.__doc__ = real.__doc__
    return checked_result


LEARNER_MODULE = "__main__"
"""The key of the program's module in `sys.modules` (what `__module__` names)."""
IMPORTED_MODULE = "submission"
"""The program's `__name__` when its functions are called (write-function): imported, as
a test imports it, so that its `if __name__ == "__main__":` block does not run. No library
module has this name; `sys.modules` holds the program under it too."""
LEARNER_MODULES = (LEARNER_MODULE, IMPORTED_MODULE)


def _dataclass(real: Callable[..., Any], hooks: Any) -> Callable[..., Any]:
    """@dataclass on the program's own classes, whose field names are identifiers and whose
    `__module__` is the program's: dataclasses builds source text from the field names and
    runs it in `sys.modules[cls.__module__].__dict__` (the audit hook checks it again)."""

    def dataclass(cls: Any = None, /, **options: Any) -> Any:
        if cls is None:
            decorate = real(**options)  # CPython's errors for unknown options, here
            return lambda cls: _made_dataclass(cls, decorate, hooks)
        return _made_dataclass(cls, lambda c: real(c, **options), hooks)

    dataclass.__name__ = dataclass.__qualname__ = "dataclass"
    dataclass.__doc__ = real.__doc__
    return dataclass


def _fields_reader(real: Callable[..., Any], hooks: Any) -> Callable[..., Any]:
    """`replace`, `fields`, `asdict`, `astuple`, over a dataclass's own checked fields (read
    once, from its class, never from an object's `__dict__`), each value read through the
    guard: the real ones read `__dataclass_fields__` through the object, and each field's
    attribute natively, as often as the program's hooks let them."""
    name = real.__name__
    guarded: Callable[..., Any] = _READERS[name]

    def reader(obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        return guarded(hooks, real, obj, *args, **kwargs)

    reader.__name__ = reader.__qualname__ = name
    reader.__doc__ = real.__doc__
    return reader


def checked_fields(obj: Any, hooks: Any) -> tuple[Any, ...] | None:
    """A dataclass's (or its object's) fields, from its class, each an exact `Field` whose
    name the guard allows; None when it is no dataclass."""
    if not isinstance(obj, type):
        try:
            own = object.__getattribute__(obj, "__dict__")
        except (AttributeError, TypeError):
            own = None
        if isinstance(own, dict) and "__dataclass_fields__" in own:
            raise hooks.deny("an object's own __dataclass_fields__ is not allowed in exercises")
    cls = obj if isinstance(obj, type) else type(obj)
    holder = next((k for k in cls.__mro__ if "__dataclass_fields__" in k.__dict__), None)
    if holder is None:
        return None
    field_type = sys.modules["dataclasses"].Field
    found = tuple(dict(holder.__dict__["__dataclass_fields__"]).items())
    for field_name, field in found:
        if type(field) is not field_type or field.name is not field_name:
            raise hooks.deny("a dataclass's fields must be its own Field objects in exercises")
        check_field_name(field_name, hooks)
    return tuple(field for _, field in found)


def _fields(hooks: Any, real: Callable[..., Any], obj: Any) -> Any:
    found = checked_fields(obj, hooks)
    if found is None:
        return real(obj)  # its TypeError
    classvar = sys.modules["dataclasses"]._FIELD_CLASSVAR
    return tuple(f for f in found if f._field_type is not classvar)


def _replace(hooks: Any, real: Callable[..., Any], obj: Any, /, **changes: Any) -> Any:
    found = checked_fields(obj, hooks)
    if found is None or isinstance(obj, type):
        return real(obj, **changes)  # its TypeError
    dataclasses = sys.modules["dataclasses"]
    for field in found:
        if field._field_type is dataclasses._FIELD_CLASSVAR:
            continue
        if not field.init:
            if field.name in changes:
                raise ValueError(
                    f"field {field.name} is declared with init=False, it cannot be specified "
                    "with replace()"
                )
            continue
        if field.name not in changes:
            if (
                field._field_type is dataclasses._FIELD_INITVAR
                and field.default is dataclasses.MISSING
            ):
                raise ValueError(f"InitVar {field.name!r} must be specified with replace()")
            changes[field.name] = hooks.guards.getattr(obj, field.name)
    return obj.__class__(**changes)


def _as_dict(hooks: Any, real: Callable[..., Any], obj: Any, *, dict_factory: Any = dict) -> Any:
    if isinstance(obj, type) or checked_fields(obj, hooks) is None:
        return real(obj)  # its TypeError
    return _inner(obj, hooks, lambda pairs: dict_factory(pairs))


def _as_tuple(hooks: Any, real: Callable[..., Any], obj: Any, *, tuple_factory: Any = tuple) -> Any:
    if isinstance(obj, type) or checked_fields(obj, hooks) is None:
        return real(obj)  # its TypeError
    return _inner(obj, hooks, lambda pairs: tuple_factory([value for _, value in pairs]))


_READERS: dict[str, Callable[..., Any]] = {
    "replace": _replace,
    "fields": _fields,
    "asdict": _as_dict,
    "astuple": _as_tuple,
}


def _inner(obj: Any, hooks: Any, build: Callable[[list[Any]], Any]) -> Any:
    """dataclasses' `_asdict_inner`/`_astuple_inner`, over checked fields and guarded reads."""
    found = None if isinstance(obj, type) else checked_fields(obj, hooks)
    if found is not None:
        classvar = sys.modules["dataclasses"]._FIELD_CLASSVAR
        return build(
            [
                (f.name, _inner(hooks.guards.getattr(obj, f.name), hooks, build))
                for f in found
                if f._field_type is not classvar
            ]
        )
    if isinstance(obj, tuple) and hasattr(obj, "_fields"):
        return type(obj)(*[_inner(value, hooks, build) for value in obj])
    if isinstance(obj, (list, tuple)):
        return type(obj)(_inner(value, hooks, build) for value in obj)
    if isinstance(obj, dict):
        return type(obj)(
            (_inner(key, hooks, build), _inner(value, hooks, build)) for key, value in obj.items()
        )
    return copy.deepcopy(obj)


def _owned(cls: Any, hooks: Any) -> Any:
    """The class dataclass returns (a new one for `slots=True`) is the program's own."""
    if isinstance(cls, type):
        hooks.ownership.classes.add(cls)
    return cls


def _made_dataclass(cls: Any, decorate: Callable[[Any], Any], hooks: Any) -> Any:
    """`decorate(cls)` on a checked class, which dataclasses processes with the names
    read once: program code runs while it works (a descriptor's `__get__` in its native
    `getattr(cls, name)`), so the annotations are read-only until it is done, and what it
    made is checked again (`check_made_dataclass`)."""
    names = prepare_dataclass(cls, hooks)
    try:
        made = decorate(cls)
    finally:
        _writable_annotations(cls, names)
    if made is not cls and isinstance(made, type):
        _writable_annotations(made, names)  # slots=True: a new class, with a copied dict
    check_made_dataclass(made, names, hooks)
    return _owned(made, hooks)


def prepare_dataclass(cls: Any, hooks: Any) -> dict[str, Any]:
    """The class's annotations once checked, then held read-only on it."""
    if not (isinstance(cls, type) and hooks.ownership.owns_class(cls)):
        raise hooks.deny("@dataclass applies only to the program's own classes")
    annotations = cls.__dict__.get("__annotations__")  # noqa: RUF063 (what dataclasses reads)
    names: dict[str, Any] = {}
    if annotations is not None:
        if type(annotations) is not dict:
            raise hooks.deny("a dataclass's __annotations__ must be a plain dict")
        names = dict(annotations)
        for name in names:
            check_field_name(name, hooks)
            if name not in cls.__dict__:
                metaclass: Any = type(cls)
                check_inherited_default(name, (*cls.__mro__[1:], *metaclass.__mro__), hooks)
        type.__setattr__(cls, "__annotations__", types.MappingProxyType(names))
    if cls.__dict__.get("__module__") is not LEARNER_MODULE:
        type.__setattr__(cls, "__module__", LEARNER_MODULE)
    return names


def _writable_annotations(cls: type, names: dict[str, Any]) -> None:
    if type(cls.__dict__.get("__annotations__")) is types.MappingProxyType:  # noqa: RUF063
        type.__setattr__(cls, "__annotations__", dict(names))


def check_made_dataclass(cls: Any, names: Iterable[str], hooks: Any) -> None:
    """What dataclasses made: each field an exact `Field` named by its key, one of the
    `names` checked before it ran or a base dataclass's, never one that appeared while it
    ran (a name that stdlib code pastes into text, or reads natively, unchecked)."""
    fields = cls.__dict__.get("__dataclass_fields__") if isinstance(cls, type) else None
    if fields is None:
        return
    known = set(names)
    for base in cls.__mro__[1:]:
        known.update(base.__dict__.get("__dataclass_fields__", ()))
    field_type = sys.modules["dataclasses"].Field
    for key, field in dict(fields).items():
        if not (type(field) is field_type and type(key) is str and key in known):
            raise hooks.deny("a dataclass's fields changed while it was made")
        if field.name is not key:
            raise hooks.deny("a dataclass's fields changed while it was made")
        check_field_name(key, hooks)


def install_field_names(deny: Callable[[str], BaseException]) -> None:
    """`dataclasses.Field.name` (in the child, before the audit hook takes it as the slot):
    every write, whoever makes it, is None or a plain identifier the guard allows. Library
    code can write it natively (a rebound generated `__init__`, enum.property's
    `__set_name__`), and dataclasses pastes each name into source text through f-strings:
    a str subclass's `__format__` would write that text."""
    dataclasses = sys.modules.get("dataclasses")
    if dataclasses is None:
        return  # not loaded: no program of this run makes a dataclass
    slot = dataclasses.Field.__dict__["name"]
    if type(slot) is types.MemberDescriptorType:
        type.__setattr__(dataclasses.Field, "name", _checked_name(slot, deny))


def _checked_name(slot: Any, deny: Callable[[str], BaseException]) -> Any:
    """A data descriptor over `slot` whose writes are checked (its methods hold the slot)."""

    class name:
        __slots__ = ()

        def __get__(self, obj: Any, owner: Any = None) -> Any:
            return self if obj is None else slot.__get__(obj, owner)

        def __set__(self, obj: Any, value: Any) -> None:
            if value is not None and not (
                is_plain_identifier(value) and value not in DENIED_ATTRIBUTES
            ):
                raise deny("a dataclass field's name must be a plain identifier in exercises")
            slot.__set__(obj, value)

        def __delete__(self, obj: Any) -> None:
            slot.__delete__(obj)

    return name()


def check_field_name(name: Any, hooks: Any) -> None:
    """Names that stdlib code pastes into source text: plain identifiers, nothing else,
    and none the guard denies (`dataclasses.replace` reads each field natively)."""
    if not is_plain_identifier(name) or name in DENIED_ATTRIBUTES:
        raise hooks.deny(f"the field name {name!r} is not allowed in exercises")


def check_inherited_default(name: str, lookup: Any, hooks: Any) -> None:
    """dataclasses reads a field's default natively, `getattr(cls, name)`: a name the class
    does not set itself must not be found on a library's class in `lookup` (its bases and
    metaclasses: `_convert_` on an Enum gave `EnumType._convert_`, bound, as a default)."""
    for klass in lookup:
        if name in klass.__dict__ and not hooks.ownership.owns_class(klass):
            raise hooks.deny(f"the field name {name!r} is not allowed in exercises")


def is_plain_identifier(name: Any) -> bool:
    """An identifier as written, not a dunder, and one the compiler reads as itself: it
    normalises names (NFKC), so `'_＿dict＿＿'` in source text is `__dict__`."""
    return (
        type(name) is str
        and name.isidentifier()
        and not keyword.iskeyword(name)
        and not (name.startswith("__") and name.endswith("__"))
        and _reads_as_itself(name)
    )


def _reads_as_itself(name: str) -> bool:
    """Whether the compiler's NFKC normalisation leaves `name` as it is."""
    if name.isascii():
        return True
    try:
        import unicodedata  # rare: only a name that is not ASCII needs it
    except ImportError:  # the child may load nothing new: what cannot be checked is refused
        return False
    return unicodedata.normalize("NFKC", name) == name


def _make_dataclass(real: Callable[..., Any], hooks: Any) -> Callable[..., Any]:
    """make_dataclass with checked names, bases and namespace; the class is the program's."""

    def make_dataclass(
        cls_name: Any, fields: Any, *, bases: Any = (), namespace: Any = None, **options: Any
    ) -> Any:
        if not is_plain_identifier(cls_name):
            raise hooks.deny(f"the class name {cls_name!r} is not allowed in exercises")
        items = [_field_spec(item, hooks) for item in fields]
        bases = tuple(bases)
        hooks.check_bases(bases)
        names_given = dict(namespace or {})
        for key in names_given:
            if not (type(key) is str and hooks.allows_class_name(key)):
                raise hooks.deny(f"the name {key!r} is not allowed in exercises")
        classes = [b for b in types.resolve_bases(bases) if isinstance(b, type)] or [object]
        inherited = [k for base in classes for k in base.__mro__]
        metaclasses: list[Any] = [type(base) for base in classes]
        inherited += [k for metaclass in metaclasses for k in metaclass.__mro__]
        for item in items:
            name = item if isinstance(item, str) else item[0] if item else None
            if isinstance(name, str) and name not in names_given:
                check_inherited_default(name, inherited, hooks)
        names_given["__module__"] = LEARNER_MODULE
        options.pop("module", None)  # 3.12+: the program's module, always
        cls = real(cls_name, items, bases=bases, namespace=names_given, **options)
        hooks.check_made(cls)  # `types.new_class` resolved the bases again
        field_names = [item if isinstance(item, str) else item[0] for item in items]
        check_made_dataclass(cls, field_names, hooks)
        hooks.ownership.classes.add(cls)
        return cls

    make_dataclass.__name__ = make_dataclass.__qualname__ = "make_dataclass"
    make_dataclass.__doc__ = real.__doc__
    return make_dataclass


def _field_spec(item: Any, hooks: Any) -> Any:
    """One `fields` item of make_dataclass, read once: a name or a (name, type[, field])."""
    if isinstance(item, str):
        check_field_name(item, hooks)
        return item
    spec = tuple(item)
    if spec and isinstance(spec[0], str):
        check_field_name(spec[0], hooks)
    return spec


def _exact_str(value: Any) -> Any:
    return str.__str__(value) if isinstance(value, str) else value


def _product(real: Callable[..., Any], hooks: Any) -> Callable[..., Any]:
    """math.prod, refusing a product of integers too large to hold (C would grind on)."""

    def prod(iterable: Any, /, *, start: Any = 1) -> Any:
        items = list(iterable)
        bits = sum(int.bit_length(x) for x in (start, *items) if isinstance(x, int))
        if bits > MAX_INT_BITS:
            hooks.sizes.budget.refuse_memory()
        return real(items, start=start)

    prod.__name__ = prod.__qualname__ = "prod"
    prod.__doc__ = real.__doc__
    return prod


def _permutations(real: Callable[..., Any], hooks: Any) -> Callable[..., Any]:
    """math.perm, refusing results as large as factorials the allowlist refuses."""

    def perm(n: Any, k: Any = None, /) -> Any:
        n, k = exact_count(n), exact_count(k)
        if isinstance(n, int) and n > _FACTORIAL_LIMIT:
            count = n if k is None else k
            if not isinstance(count, int) or count * int.bit_length(n) > MAX_INT_BITS:
                hooks.sizes.budget.refuse_memory()
        return real(n, k)

    perm.__name__ = perm.__qualname__ = "perm"
    perm.__doc__ = real.__doc__
    return perm


def _substitution(real: Callable[..., Any], hooks: Any) -> Callable[..., Any]:
    """re.sub/re.subn, refusing results too large for memory before C builds them."""

    def substitute(pattern: Any, repl: Any, string: Any, *args: Any, **kwargs: Any) -> Any:
        budget = hooks.sizes.budget
        budget.check_memory(substitution_size(repl, string))
        return real(pattern, counted_replacement(repl, budget), string, *args, **kwargs)

    substitute.__name__ = substitute.__qualname__ = real.__name__
    substitute.__doc__ = real.__doc__
    return substitute


def _attrgetter(_real: Any, hooks: Any) -> Callable[..., Any]:
    guarded_getattr = hooks.guards.getattr

    def attrgetter(*attrs: str) -> Callable[[Any], Any]:
        paths = [attr.split(".") for attr in attrs]

        def get(obj: Any) -> Any:
            values = []
            for path in paths:
                value = obj
                for part in path:
                    value = guarded_getattr(value, part)
                values.append(value)
            return values[0] if len(values) == 1 else tuple(values)

        return get

    return attrgetter


def _methodcaller(_real: Any, hooks: Any) -> Callable[..., Any]:
    guarded_getattr = hooks.guards.getattr

    def methodcaller(name: str, /, *args: Any, **kwargs: Any) -> Callable[[Any], Any]:
        def call(obj: Any) -> Any:
            return guarded_getattr(obj, name)(*args, **kwargs)

        return call

    return methodcaller


def _operator_guard(method: str) -> Wrapper:
    def wrap(real: Callable[..., Any], hooks: Any) -> Callable[..., Any]:
        guard = getattr(hooks.sizes, method)

        def guarded(a: Any, b: Any) -> Any:
            return guard(a, b)

        guarded.__name__ = guarded.__qualname__ = real.__name__
        return guarded

    return wrap


def _inplace_guard(op: str) -> Wrapper:
    def wrap(real: Callable[..., Any], hooks: Any) -> Callable[..., Any]:
        def guarded(a: Any, b: Any) -> Any:
            return hooks.sizes.inplace(op, a, b)

        guarded.__name__ = guarded.__qualname__ = real.__name__
        return guarded

    return wrap


_METERED = (
    "count",
    "cycle",
    "repeat",
    "product",
    "permutations",
    "combinations",
    "combinations_with_replacement",
)


def _offered(value: Any) -> Wrapper:
    """The proxy offers `value` in place of the library's."""

    def wrap(_real: Any, _hooks: Any) -> Any:
        return value

    return wrap


WRAPPERS: dict[str, dict[str, Wrapper]] = {
    "itertools": dict.fromkeys(_METERED, _metered),
    "collections": {
        "UserString": _offered(usertypes.UserString),
        "UserList": _offered(usertypes.UserList),
    },
    "functools": {
        "wraps": _wrapper_attributes(1, _wraps),
        "update_wrapper": _wrapper_attributes(2, _update_wrapper),
        "total_ordering": _own_class_only("functools.total_ordering"),
        "cached_property": lambda real, hooks: _own_lock(real),
    },
    "typing": {"get_origin": _checked_result, "get_args": _checked_result},
    "copy": {"copy": _shallow_copy, "deepcopy": _deep_copy},
    "dataclasses": {
        "dataclass": _dataclass,
        "make_dataclass": _make_dataclass,
        **dict.fromkeys(("replace", "fields", "asdict", "astuple"), _fields_reader),
    },
    "operator": {
        "attrgetter": _attrgetter,
        "methodcaller": _methodcaller,
        "add": _operator_guard("add"),
        "concat": _operator_guard("add"),
        "mul": _operator_guard("mul"),
        "pow": _operator_guard("pow"),
        "lshift": _operator_guard("lshift"),
        "iadd": _inplace_guard("+="),
        "iconcat": _inplace_guard("+="),
        "imul": _inplace_guard("*="),
        "ipow": _inplace_guard("**="),
        "ilshift": _inplace_guard("<<="),
    },
    "math": {
        "factorial": _sized(0, _FACTORIAL_LIMIT),
        "comb": _sized(0, 1_000_000),
        "perm": _permutations,
        "prod": _product,
    },
    "re": {"sub": _substitution, "subn": _substitution},
    "random": {"randbytes": _sized(0, 1 << 24), "getrandbits": _sized(0, 1 << 27)},
}


class ModuleTable:
    """Builds proxies on first import, for one run."""

    def __init__(self, allowed: frozenset[str], hooks: Any) -> None:
        self._allowed = allowed | {"__future__"}
        self._hooks = hooks
        self._proxies: dict[str, SafeModule] = {}

    def allows(self, name: str) -> bool:
        return name in ALLOWLIST and name.partition(".")[0] in self._allowed

    def proxy(self, name: str) -> SafeModule:
        if name not in self._proxies:
            self._proxies[name] = self._build(name)
        return self._proxies[name]

    def _build(self, name: str) -> SafeModule:
        real = real_module(name)
        proxy = SafeModule(name, real.__doc__)
        wrappers = WRAPPERS.get(name, {})
        for attr in ALLOWLIST[name]:
            if attr in SUBMODULES.get(name, ()):
                value: Any = self.proxy(f"{name}.{attr}")
            else:
                value = getattr(real, attr)
                if attr in wrappers:
                    value = wrappers[attr](value, self._hooks)
                elif _never_offered(value):
                    continue
            proxy.__dict__[attr] = value
        offered = [attr for attr in ALLOWLIST[name] if attr in proxy.__dict__]
        proxy.__dict__.update(
            __all__=offered,
            __getattr__=_missing_attribute(real, proxy, self._hooks),
            __dir__=_real_names(real),
        )
        return proxy


def _real_names(real: types.ModuleType) -> Callable[[], list[str]]:
    """`dir(module)` lists what the real module holds, as in CPython (a closure: a
    program reaches neither its cell nor its globals)."""

    def __dir__() -> list[str]:
        return dir(real)

    return __dir__


def _never_offered(value: Any) -> bool:
    """Values no proxy holds, whatever the list says: modules, metaclasses, `type` itself."""
    return isinstance(value, types.ModuleType) or (
        isinstance(value, type) and issubclass(value, type)
    )


def _missing_attribute(
    real: types.ModuleType, proxy: SafeModule, hooks: Any
) -> Callable[[str], Any]:
    """The proxy's `__getattr__`: names of the real module (or of a loaded submodule) are
    refused. An AttributeError would let `from M import name` look up `sys.modules` for
    `M.name` itself, under whatever `__name__` the proxy then has (CPython's fallback)."""
    name = proxy.__name__

    def __getattr__(attr: str) -> Any:
        if hasattr(real, attr) or _names_loaded_module(proxy, name, attr):
            raise hooks.deny(f"'{name}.{attr}' is not allowed in exercises")
        raise AttributeError(f"module '{name}' has no attribute '{attr}'")

    return __getattr__


def _names_loaded_module(proxy: SafeModule, name: str, attr: str) -> bool:
    current = proxy.__dict__.get("__name__")
    names = {name, str.__str__(current) if isinstance(current, str) else name}
    return any(f"{module}.{attr}" in sys.modules for module in names)
