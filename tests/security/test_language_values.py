"""The language layer denies by default at the level of values, not only of attribute syntax.

Issue 10, section 1. Each class of escape runs against the language layer alone (the child
is root, with no rlimits, namespaces, Landlock or seccomp: only the language layer can stop
it) and against both layers, and the host must show no effect. Each group holds the
issue's example and other routes through the same mechanism.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from sandbox.client import Sandbox
from sandbox.outcome import Layer, Outcome, Status
from tests.security.host import WALL_BOUND, Host, server_pid

LAYERS = ("language_only", "sandbox")


@dataclass(frozen=True)
class Escape:
    """A hostile program and the answers the language layer may give it."""

    source: str
    answers: tuple[str, ...] = ("forbidden",)
    """`status` or `status:ErrorType`; a stop by the language layer itself."""
    line: int | None = None
    """The line at which the language layer must stop it."""
    stdout: str | None = None
    """For a program that runs to its end: exactly what it must print."""


_WRITE_MARKER = "B['open']('$marker', 'w').write('escaped')\n"

NATIVE_READS = {
    # A seventh review: CPython's read of a matched name passed on what the guard hands
    # out changed (the raw `object.__setattr__` of the program's own class).
    "class-pattern-reads-a-raw-attribute-writer": Escape(
        "import typing, json\n"
        "@typing.runtime_checkable\n"
        "class Generic(typing.Protocol):\n"
        "    __match_args__ = ('__setattr__', '__delattr__')\n"
        "class Own:\n"
        "    pass\n"
        "match Own:\n"
        "    case Generic(sa, da):\n"
        "        da(json, '__getattr__')\n",
        line=8,
    ),
    "class-pattern-reads-a-raw-initialiser": Escape(
        "import typing, json\n"
        "@typing.runtime_checkable\n"
        "class Generic(typing.Protocol):\n"
        "    __match_args__ = ('__init__',)\n"
        "match type(json):\n"
        "    case Generic(init):\n"
        "        init(json, 'renamed')\n",
        line=6,
    ),
    # ... and a `__match_args__` that answers the guard with no tuple and CPython with names.
    "class-pattern-match-args-answering-twice": Escape(
        "import collections.abc, json\n"
        "class Names:\n"
        "    def __get__(self, obj, owner):\n"
        "        return self if owner is K else ('__globals__',)\n"
        "class K(collections.abc.Hashable):\n"
        "    __match_args__ = Names()\n"
        "K.register(type(json.dumps))\n"
        "match json.dumps:\n"
        "    case K(g):\n"
        "        print(g['__builtins__'])\n",
        answers=("runtime_error:TypeError",),
        line=9,
    ),
    # CPython reads the names in `__match_args__` itself (issue 10's example).
    "class-pattern-positional-format": Escape(
        "class S(str):\n"
        "    __match_args__ = ('format',)\n"
        "def f():\n"
        "    pass\n"
        "match S('{0.__globals__[__builtins__]}'):\n"
        "    case S(fmt):\n"
        "        print(fmt(f)[:60])\n",
        line=6,
    ),
    "class-pattern-positional-center-skips-size-guard": Escape(
        "class S(str):\n"
        "    __match_args__ = ('center',)\n"
        "match S('a'):\n"
        "    case S(center):\n"
        "        print(len(center(10 ** 8)))\n",
        line=4,
    ),
    "class-pattern-match-args-descriptor": Escape(
        "class Names:\n"
        "    calls = 0\n"
        "    def __get__(self, obj, owner):\n"
        "        Names.calls += 1\n"
        "        return ('format',) if Names.calls == 1 else ('upper',)\n"
        "class S(str):\n"
        "    __match_args__ = Names()\n"
        "def f():\n"
        "    pass\n"
        "match S('{0.__globals__}'):\n"
        "    case S(fmt):\n"
        "        print(fmt(f)[:60])\n",
        line=11,
    ),
    "class-pattern-positional-traceback": Escape(
        "class E(Exception):\n"
        "    __match_args__ = ('__traceback__',)\n"
        "try:\n"
        "    raise E()\n"
        "except E as error:\n"
        "    match error:\n"
        "        case E(tb):\n"
        "            print(type(tb).__name__)\n",
        line=7,
    ),
    # C reads a size through `__index__` itself, past the size guards' int checks.
    "index-sizes-a-bytearray": Escape(
        "class Big:\n"
        "    def __index__(self):\n"
        "        return 10 ** 8\n"
        "print(len(bytearray(Big())))\n",
        answers=("memory_limit",),
    ),
    "index-sizes-a-centered-string": Escape(
        "class Big:\n"
        "    def __index__(self):\n"
        "        return 10 ** 8\n"
        "print(len('a'.center(Big())))\n",
        answers=("memory_limit",),
    ),
    "len-of-a-str-subclass-lies-to-the-size-guard": Escape(
        "class S(str):\n"
        "    def __len__(self):\n"
        "        return 0\n"
        "print(len(S('a' * 1000) * 10 ** 5))\n",
        answers=("memory_limit",),
    ),
    # copy.copy rebuilds a bound method as pickle does: getattr(obj, func.__name__).
    "copy-of-a-bound-method-reads-any-name": Escape(
        "import copy, json\n"
        "def f():\n"
        "    pass\n"
        "f.__name__ = '__globals__'\n"
        "G = copy.copy(f.__get__(json.dumps))\n"
        "B = G['__builtins__']\n" + _WRITE_MARKER,
        answers=("forbidden", "runtime_error:TypeError"),
    ),
    # `from M import name` falls back to `sys.modules['M.name']` under the proxy's name.
    "from-import-after-proxy-reinit": Escape(
        "import json\n"
        "json.__init__('importlib')\n"
        "from json import machinery\n"
        "O = machinery.BuiltinImporter.load_module('posix')\n"
        "O.system('touch $marker')\n",
        line=2,
    ),
    "from-import-after-rename-by-the-module-class": Escape(
        "import json\n"
        "type(json).__init__(json, 'importlib')\n"
        "from json import machinery\n"
        "O = machinery.BuiltinImporter.load_module('posix')\n"
        "O.system('touch $marker')\n",
        line=2,
    ),
    "from-import-after-rename-through-super": Escape(
        "import json\n"
        "super(type(json), json).__init__('importlib')\n"
        "from json import machinery\n"
        "O = machinery.BuiltinImporter.load_module('posix')\n"
        "O.system('touch $marker')\n",
        line=2,
    ),
    # A `__getattr__` hook reads what the guard would refuse (typing's delegates to origin).
    "getattr-hook-called-by-hand": Escape(
        "import typing\n"
        "T = typing.Type[int].__getattr__('mro')()[0]\n"
        "K = T('K', (), {})\n"
        "print(K)\n",
        line=2,
    ),
}

EXEC_OF_TEXT = {
    # dataclasses pastes field names into source text and runs it in the globals of
    # `sys.modules[cls.__module__]` (issue 10's example).
    "dataclass-field-name-run-in-os": Escape(
        "from dataclasses import dataclass\n"
        "N = \"x,) if system('touch $marker') else (0\"\n"
        "@dataclass(init=False, repr=False)\n"
        "class C:\n"
        "    __module__ = 'os'\n"
        "    __annotations__ = {N: int}\n"
        "print(C() == C())\n",
    ),
    "dataclass-field-name-run-in-the-program": Escape(
        "from dataclasses import dataclass\n"
        "N = ('x,) if [c for c in ().__class__.__base__.__subclasses__() '\n"
        "     \"if c.__name__ == 'catch_warnings'][0]()._module.__builtins__['open']\"\n"
        "     \"('$marker', 'w').write('escaped') else (0\")\n"
        "@dataclass(init=False, repr=False)\n"
        "class C:\n"
        "    __annotations__ = {N: int}\n"
        "print(C() == C())\n",
    ),
    "dataclass-field-renamed-while-processed": Escape(
        "import dataclasses\n"
        "late = dataclasses.field(default=0)\n"
        "class Rename:\n"
        "    def __get__(self, obj, owner):\n"
        "        late.name = \"a,) if system('touch $marker') else (0\"\n"
        "        return 1\n"
        "@dataclasses.dataclass(init=False, repr=False)\n"
        "class C:\n"
        "    __module__ = 'os'\n"
        "    a: int = late\n"
        "    b: int = Rename()\n"
        "print(C() == C())\n",
    ),
    "make-dataclass-lying-identifier": Escape(
        "import dataclasses\n"
        "class Name(str):\n"
        "    def isidentifier(self):\n"
        "        return True\n"
        "N = Name(\"x,) if __import__('os').system('touch $marker') else (0\")\n"
        "C = dataclasses.make_dataclass('C', [N], init=False, repr=False)\n"
        "print(C() == C())\n",
        line=6,
    ),
    # make_dataclass's namespace defines names no class body may (`__reduce_ex__`, whose
    # result copy.copy then applies natively: here, renaming a module proxy).
    "make-dataclass-namespace-defines-a-refused-name": Escape(
        "import copy, dataclasses, json\n"
        "def reduce(self, protocol):\n"
        "    return (lambda: json, (), {'__name__': 'importlib'})\n"
        "C = dataclasses.make_dataclass('C', [], namespace={'__reduce_ex__': reduce})\n"
        "copy.copy(C())\n"
        "from json import machinery\n"
        "O = machinery.BuiltinImporter.load_module('posix')\n"
        "O.system('touch $marker')\n",
        line=4,
    ),
}

RETURNED_VALUES = {
    # `typing.get_origin(type[int])` hands out `__origin__`: the real `type` (issue 10).
    "typing-get-origin-of-type-alias": Escape(
        "import typing\nT = typing.get_origin(type[int])\nK = T('K', (), {})\nprint(K)\n",
        line=3,
    ),
    "typing-get-origin-of-typing-type": Escape(
        "import typing\nT = typing.get_origin(typing.Type[int])\nK = T('K', (), {})\n",
        line=3,
    ),
    # `super(S, s)` of a str subclass gives str's own C methods (issue 10).
    "super-str-format-walks-attributes": Escape(
        "class S(str):\n"
        "    pass\n"
        "def f():\n"
        "    pass\n"
        "s = S('{0.__globals__[__builtins__]}')\n"
        "print(super(S, s).format(f)[:60])\n",
        line=6,
    ),
    "super-str-format-map-walks-attributes": Escape(
        "class S(str):\n"
        "    pass\n"
        "def f():\n"
        "    pass\n"
        "s = S('{f.__globals__[__builtins__]}')\n"
        "print(super(S, s).format_map({'f': f})[:60])\n",
        line=6,
    ),
    "super-of-class-str-format": Escape(
        "class S(str):\n"
        "    pass\n"
        "def f():\n"
        "    pass\n"
        "print(super(S, S).format('{0.__globals__[__builtins__]}', f)[:60])\n",
        line=5,
    ),
    "super-str-center-skips-size-guard": Escape(
        "class S(str):\n    pass\ns = S('a')\nprint(len(super(S, s).center(10 ** 8)))\n",
        answers=("memory_limit",),
    ),
    # update_wrapper and cached_property read and write foreign `__dict__`s (issue 10).
    "update-wrapper-copies-a-class-dict": Escape(
        "import functools, json\n"
        "def mine():\n"
        "    pass\n"
        "functools.update_wrapper(mine, type(json.dumps))\n"
        "G = mine.__dict__['__globals__'].__get__(json.dumps)\n"
        "B = G['__builtins__']\n" + _WRITE_MARKER,
        answers=("forbidden", "runtime_error:KeyError"),
    ),
    "wraps-copies-a-class-dict": Escape(
        "import functools, json\n"
        "@functools.wraps(type(json.dumps))\n"
        "def mine():\n"
        "    pass\n"
        "G = mine.__dict__['__globals__'].__get__(json.dumps)\n"
        "B = G['__builtins__']\n" + _WRITE_MARKER,
        answers=("forbidden", "runtime_error:KeyError"),
    ),
    "wraps-names-changed-after-the-check": Escape(
        "import functools, json\n"
        "w = functools.wraps(json.dumps)\n"
        "w.keywords['updated'] = ('__globals__',)\n"
        "def mine():\n"
        "    pass\n"
        "w(mine)\n"
        "o = open\n"
        "o('$marker', 'w').write('escaped')\n",
        line=6,
    ),
    "update-wrapper-renames-a-module": Escape(
        "import functools, json\n"
        "def importlib():\n"
        "    pass\n"
        "functools.update_wrapper(json, importlib)\n"
        "from json import machinery\n"
        "O = machinery.BuiltinImporter.load_module('posix')\n"
        "O.system('touch $marker')\n",
        line=4,
    ),
    "cached-property-reads-a-class-dict": Escape(
        "import functools, json\n"
        "cp = functools.cached_property(lambda self: None)\n"
        "cp.__set_name__(None, '__globals__')\n"
        "D = cp.__get__(type(json.dumps))\n"
        "B = D.__get__(json.dumps)['__builtins__']\n" + _WRITE_MARKER,
        line=3,
    ),
    "cached-property-subclass-reads-a-class-dict": Escape(
        "import functools, json\n"
        "class CP(functools.cached_property):\n"
        "    pass\n"
        "cp = CP(lambda self: None)\n"
        "cp.attrname = '__globals__'\n"
        "D = cp.__get__(type(json.dumps))\n"
        "B = D.__get__(json.dumps)['__builtins__']\n" + _WRITE_MARKER,
        line=2,  # since a fifteenth review no class is based on cached_property
    ),
    "cached-property-through-super": Escape(
        "import functools, json\n"
        "class CP(functools.cached_property):\n"
        "    def grab(self, target):\n"
        "        return super().__get__(target)\n"
        "cp = CP(lambda self: None)\n"
        "cp.attrname = '__globals__'\n"
        "D = cp.grab(type(json.dumps))\n"
        "B = D.__get__(json.dumps)['__builtins__']\n" + _WRITE_MARKER,
        line=2,
    ),
}

GUARD_STATE = {
    # `type.aliases` held the real `range`, `bytes` and `bytearray` (issue 10).
    "type-stand-in-aliases": Escape(
        "R = list(type.aliases)[0]\nprint(sum(R(10 ** 15)))\n",
        answers=("runtime_error:AttributeError",),
    ),
    # A plain store `obj._x = v` skipped the name check (issue 10).
    "plain-store-replaces-a-stand-in-size-check": Escape(
        "class Budget:\n"
        "    def check_memory(self, size):\n"
        "        pass\n"
        "class Sizes:\n"
        "    budget = Budget()\n"
        "bytearray._sizes = Sizes()\n"
        "print(len(bytearray(10 ** 8)))\n",
        line=6,
    ),
    "plain-delete-of-a-private-name": Escape(
        "del range._tick\nprint(sum(range(10 ** 15)))\n",
        line=1,
    ),
    # `type.__init__(f)` re-initialised the stand-in (issue 10).
    "type-stand-in-reinitialised": Escape(
        "type.__init__(print)\nR = type(range(3))\nprint(sum(R(10 ** 15)))\n",
        line=1,
    ),
    "builtin-stand-in-reinitialised-through-its-class": Escape(
        "type(pow).__init__(pow, 'pow', print)\npow(2, 3)\n",
        line=1,
    ),
    "library-descriptor-reinitialised-through-its-class": Escape(
        "import enum, functools\n"
        "class Color(enum.Enum):\n"
        "    RED = 1\n"
        "def mine():\n"
        "    pass\n"
        "functools.update_wrapper(mine, enum.Enum)\n"
        "p = mine.__dict__['value']\n"
        "type(p).__init__(p, lambda self: 'forged')\n"
        "print(Color.RED.value)\n",
        line=8,
    ),
    "guarded-method-unwrapped": Escape(
        "print(len('a'.center.__wrapped__(10 ** 8)))\n",
        line=1,
    ),
    # A library's own `__setattr__` writes elsewhere, natively (a typing alias, on its origin).
    "typing-alias-forwards-a-write-to-a-library-class": Escape(
        "import collections, typing\n"
        "typing.Counter[str].most_common = lambda self, n=None: 'forged'\n"
        "print(collections.Counter('aab').most_common())\n",
        line=2,
    ),
    "builtin-stand-in-reinitialised": Escape(
        "pow.__init__('pow', print)\npow(2, 3)\n",
        line=1,
    ),
}

METACLASSES_AND_TRACEBACKS = {
    "from-enum-import-metaclass": Escape("from enum import EnumMeta\nprint(EnumMeta)\n", line=1),
    "from-enum-import-enum-type": Escape("from enum import EnumType\nprint(EnumType)\n", line=1),
    # A base whose `__mro_entries__` resolves to the real `type` makes a metaclass.
    "metaclass-through-a-type-alias-base": Escape(
        "class K(type[int]):\n    pass\nM = K('M', (), {})\nprint(M)\n", line=1
    ),
    "metaclass-through-typing-type-base": Escape(
        "import typing\nclass K(typing.Type[int]):\n    pass\nprint(K('M', (), {}))\n",
        line=2,
    ),
    "metaclass-through-make-dataclass-bases": Escape(
        "import dataclasses\n"
        "K = dataclasses.make_dataclass('K', [], bases=(type[int],), init=False)\n"
        "print(K('M', (), {}))\n",
        line=2,
    ),
    "enum-star-import": Escape(
        "from enum import *\nprint(EnumType)\n", answers=("runtime_error:NameError",)
    ),
    "with-exit-gets-the-traceback": Escape(
        "class Keep:\n"
        "    def __enter__(self):\n"
        "        return self\n"
        "    def __exit__(self, kind, value, tb):\n"
        "        print(kind.__name__, tb is None)\n"
        "        return True\n"
        "with Keep():\n"
        "    1 / 0\n",
        answers=("ok",),
        stdout="ZeroDivisionError True\n",
    ),
    "with-exit-star-arguments-get-the-traceback": Escape(
        "class Keep:\n"
        "    def __enter__(self):\n"
        "        return self\n"
        "    def __exit__(self, *info):\n"
        "        print(info[2] is None)\n"
        "        return True\n"
        "with Keep():\n"
        "    raise ValueError\n",
        answers=("ok",),
        stdout="True\n",
    ),
}

# A library class's C `__setattr__`, `__delattr__`, `__new__` and `__init__`, read on the
# program's own class, act on whatever they are given: object's wrote to a module proxy
# (renamed to `os`, its refusing `__getattr__` deleted), and `from json import path` then
# bound the real `posixpath` (a security review's chain to the real `os`).
LIBRARY_SPECIAL_METHODS = {
    # An eleventh review: an alias read an AttributeError's `obj` natively on its origin,
    # past the guard's rule for that name ...
    "typing-alias-forwards-a-read-the-guard-refuses": Escape(
        "import typing\n"
        "try:\n"
        "    (1).missing\n"
        "except AttributeError as err:\n"
        "    caught = err\n"
        "alias = type(typing.List[int])(caught, (), name='x')\n"
        "print(alias.obj)\n",
        line=7,
    ),
    "generic-alias-forwards-a-read-the-guard-refuses": Escape(
        "try:\n"
        "    (1).missing\n"
        "except AttributeError as err:\n"
        "    caught = err\n"
        "print(type(list[int])(caught, ()).obj)\n",
        line=5,
    ),
    # ... a name in the program's object's `__dict__` was taken as its own, though a
    # library base's slot answers the read first ...
    "instance-dict-shadowing-a-library-slot": Escape(
        "import fractions\n"
        "class P(fractions.Fraction):\n"
        "    pass\n"
        "p = P(1, 2)\n"
        "p.__dict__['_numerator'] = 0\n"
        "print(p._numerator)\n",
        line=6,
    ),
    # ... and a dataclass's fields dict, which dataclasses trusts, could be changed.
    "dataclass-fields-dict-is-read-only": Escape(
        "import dataclasses\n"
        "@dataclasses.dataclass\n"
        "class F:\n"
        "    x: int\n"
        "F.__dataclass_fields__['y'] = dataclasses.fields(F)[0]\n",
        answers=("runtime_error:TypeError",),
        line=5,
    ),
    # A tenth review: library code read the metaclass's `_convert_` on the program's Enum
    # natively: dataclasses as a field's default, and a slots dataclass's `__getstate__`
    # (handed out raw by the class's `__dict__`) as the value of a field so named.
    "field-default-read-on-the-metaclass-by-make-dataclass": Escape(
        "import dataclasses, enum\n"
        "E = dataclasses.make_dataclass('E', [('_convert_', int)], bases=(enum.Enum,))\n",
        line=2,
    ),
    "field-default-read-on-the-metaclass-by-dataclass": Escape(
        "import dataclasses, enum\n"
        "@dataclasses.dataclass\n"
        "class E(enum.Enum):\n"
        "    x: int\n"
        "    __annotations__['_convert_'] = int\n",
        line=2,
    ),
    "slots-dataclass-getstate-out-of-the-class-dict": Escape(
        "import dataclasses\n"
        "@dataclasses.dataclass(frozen=True, slots=True)\n"
        "class F:\n"
        "    x: int\n"
        "print(F.__dict__['__getstate__'])\n",
        answers=("runtime_error:KeyError",),
        line=5,
    ),
    # A ninth review: a private name found on the metaclass of the program's class counted
    # as the program's (`EnumType._convert_` hands out any module's globals) ...
    "metaclass-private-method-read-on-the-programs-class": Escape(
        "import enum\nclass Color(enum.Enum):\n    pass\nconvert = Color._convert_\n",
        line=4,
    ),
    # ... and update_wrapper copied the program's dataclass's raw `__dict__`, whose
    # generated `__init__` runs on any object (a typing alias, writing its origin class).
    "update-wrapper-copies-a-dataclasss-raw-init": Escape(
        "import dataclasses, functools, typing, json\n"
        "@dataclasses.dataclass\n"
        "class Setter:\n"
        "    decode: object\n"
        "class W:\n"
        "    pass\n"
        "w = W()\n"
        "functools.update_wrapper(w, Setter)\n"
        "raw_init = w.__dict__['__init__']\n"
        "relay = type(typing.List[int])(json.JSONDecoder, (int,))\n"
        "raw_init(relay, lambda self, s: 'patched')\n",
        line=11,
    ),
    # An eighth review: the builtin setattr() skipped the check of a library's own Python
    # `__setattr__`, and typing's sets the attribute on its alias's origin, any class.
    "builtin-setattr-through-a-typing-alias": Escape(
        "import typing, json\n"
        "relay = type(typing.List[int])(json.JSONEncoder, (int,))\n"
        "setattr(relay, 'item_separator', 'X')\n",
        line=3,
    ),
    "builtin-setattr-through-an-annotated-alias": Escape(
        "import typing, json\n"
        "setattr(typing.Annotated[json.JSONDecoder, 0], 'decode', lambda self, s: 1)\n",
        line=2,
    ),
    "builtin-delattr-through-a-typing-alias": Escape(
        "import typing, json\ndelattr(typing.Annotated[json.JSONDecoder, 0], 'decode')\n",
        line=2,
    ),
    # ... a deepcopy memo swapped a library object's state (a cached_property's lock),
    # which then received the real traceback.
    "deepcopy-memo-swaps-a-library-objects-state": Escape(
        "import functools, copy\n"
        "class Fake:\n"
        "    def __enter__(self):\n"
        "        return self\n"
        "    def __exit__(self, kind, value, tb):\n"
        "        return True\n"
        "cp = functools.cached_property(lambda self: 1)\n"
        "cp2 = copy.deepcopy(cp, {id(cp.lock): Fake()})\n",
        line=8,
    ),
    # ... and a failing `case c.RED:` read re-raised through the program's own
    # `with_traceback`, which received the real traceback.
    "case-value-error-never-hands-its-traceback-to-the-program": Escape(
        "got = []\n"
        "class Boom(Exception):\n"
        "    def with_traceback(self, tb):\n"
        "        got.append(tb)\n"
        "        return self\n"
        "class C:\n"
        "    @property\n"
        "    def RED(self):\n"
        "        raise Boom()\n"
        "c = C()\n"
        "try:\n"
        "    match 5:\n"
        "        case c.RED:\n"
        "            pass\n"
        "except Boom:\n"
        "    pass\n"
        "print(len(got))\n",
        answers=("ok",),
        stdout="0\n",
    ),
    "object-setattr-through-own-class-renames-a-proxy": Escape(
        "class A:\n"
        "    pass\n"
        "import json\n"
        "A.__setattr__(json, '__name__', 'os')\n"
        "from json import path\n"
        "print(path.os.getcwd())\n",
        line=4,
    ),
    "object-delattr-through-own-class-unhooks-a-proxy": Escape(
        "class A:\n    pass\nimport json\nA.__delattr__(json, '__getattr__')\n",
        line=4,
    ),
    "object-setattr-kept-in-a-variable-then-called": Escape(
        "class A:\n"
        "    pass\n"
        "set_it = A.__setattr__\n"
        "import typing\n"
        "alias = typing.List[int]\n"
        "set_it(alias, '__origin__', print)\n",
        line=6,
    ),
    "bound-setattr-skips-the-name-rules": Escape(
        "class B:\n    pass\nclass A:\n    pass\na = A()\na.__setattr__('__class__', B)\n",
        line=6,
    ),
    "object-setattr-through-super-of-own-class": Escape(
        "import json\nclass A:\n    pass\nsuper(A, A).__setattr__(json, 'dumps', print)\n",
        line=4,
    ),
    "object-new-makes-a-library-object-past-its-init": Escape(
        "import fractions\nclass A:\n    pass\nhalf = A.__new__(fractions.Fraction)\n",
        line=4,
    ),
    "inherited-init-reinitialises-a-library-object": Escape(
        "import collections\n"
        "class D(collections.OrderedDict):\n"
        "    pass\n"
        "counts = collections.Counter('aab')\n"
        "D.__init__(counts)\n",
        line=5,
    ),
    "library-init-through-super-of-own-class": Escape(
        "import fractions\n"
        "class P(property):\n"
        "    pass\n"
        "reinit = super(P, P).__init__\n"
        "reinit(fractions.Fraction.numerator, lambda self: 'forged')\n",
        line=5,
    ),
    # A sixth review: the methods dataclasses writes as text run in the program's globals,
    # so they counted as its own, but their bodies are no guarded code.
    "dataclass-init-called-on-a-library-class": Escape(
        "import dataclasses, json\n"
        "@dataclasses.dataclass\n"
        "class D:\n"
        "    default: object\n"
        "init = D.__init__\n"
        "init(json.JSONEncoder, lambda self, o: 'forged')\n",
        line=6,
    ),
    "frozen-dataclass-init-rebinds-a-module-proxy": Escape(
        "import dataclasses, json\n"
        "@dataclasses.dataclass(frozen=True)\n"
        "class F:\n"
        "    dumps: object\n"
        "F.__init__(json, print)\n",
        line=5,
    ),
    "dataclass-eq-reads-another-object": Escape(
        "import dataclasses\n"
        "@dataclasses.dataclass\n"
        "class R:\n"
        "    _function: object = None\n"
        "R.__eq__(print, len)\n",
        line=5,
    ),
    "deepcopy-with-a-memo-that-answers-as-it-likes": Escape(
        "import copy\n"
        "class Memo(dict):\n"
        "    def get(self, key, default=None):\n"
        "        return default\n"
        "copy.deepcopy([1, 2], Memo())\n",
        line=5,
    ),
    "deepcopy-keeps-nothing-in-the-programs-memo": Escape(
        "import copy, itertools\nm = {}\ncopy.deepcopy(itertools.count(), m)\nprint(id(m) in m)\n",
        answers=("ok",),
        stdout="False\n",
    ),
    "cached-property-lock-replaced-to-catch-a-traceback": Escape(
        "import functools\n"
        "class Evil:\n"
        "    def __enter__(self):\n"
        "        return self\n"
        "    def __exit__(self, kind, value, tb):\n"
        "        return True\n"
        "cp = functools.cached_property(len)\n"
        "cp.lock = Evil()\n",
        answers=("runtime_error:AttributeError",),
        line=8,
    ),
    "everyday-special-methods-of-a-base-still-work": Escape(
        "class Point:\n"
        "    __slots__ = ('x', 'y')\n"
        "    def __setattr__(self, name, value):\n"
        "        super().__setattr__(name, float(value))\n"
        "class Celsius(float):\n"
        "    def __new__(cls, value):\n"
        "        return super().__new__(cls, round(value, 1))\n"
        "class Bad(ValueError):\n"
        "    def __init__(self, text):\n"
        "        ValueError.__init__(self, text.upper())\n"
        "class Once:\n"
        "    _made = None\n"
        "    def __new__(cls):\n"
        "        if cls._made is None:\n"
        "            cls._made = super().__new__(cls)\n"
        "        return cls._made\n"
        "import dataclasses\n"
        "@dataclasses.dataclass(order=True)\n"
        "class V:\n"
        "    n: int\n"
        "@dataclasses.dataclass\n"
        "class W(V):\n"
        "    def __init__(self, n):\n"
        "        V.__init__(self, n * 2)\n"
        "assert V.__eq__(V(1), V(1)) and W(2).n == 4 and V(1) < V(2) and repr(V(3)) == 'V(n=3)'\n"
        "p = Point()\n"
        "p.x = 2\n"
        "Point.__setattr__(p, 'y', 3)\n"
        "del p.x\n"
        "print(p.y, Celsius(21.25), Bad('no').args, Once() is Once())\n",
        answers=("ok",),
        stdout="3.0 21.2 ('NO',) True\n",
    ),
}


# A class whose library base looks attributes up on another object (types.GenericAlias
# passes every name on to its origin) made the program own a relay: the guard trusted what
# it read natively, frames included, up to the real `os` (a security review's escape).
CLASS_BUILDING = {
    # A seventh review: unpacking `type[int]` gave a plain alias whose call is the real
    # `type`; with it, a metaclass whose `__eq__`/`__hash__` made any class pass for one
    # of the program's own.
    "unpacked-type-alias-calls-the-real-type": Escape(
        "(alias,) = [*type[int]]\nprint(alias(int)('X', (), {}))\n", line=1
    ),
    "subscripted-type-alias-stays-the-stand-in": Escape(
        "import typing\nT = typing.TypeVar('T')\nprint(type[T][int](int)('X', (), {}))\n",
        line=3,
    ),
    "the-origin-of-a-type-alias-is-the-stand-in": Escape(
        "import typing\n"
        "real = typing.get_origin(type[int])\n"
        "Meta = real('Meta', (real,), {'__eq__': lambda a, b: True, '__hash__': lambda c: 1})\n"
        "B = Meta('B', (), {})\n"
        "class O(B):\n"
        "    pass\n",
        line=3,
    ),
    "private-class-keyword-in-a-str-subclass": Escape(
        "class K(str):\n"
        "    def __getitem__(self, item):\n"
        "        return 'r'\n"
        "class F(**{K('_root'): True}):\n"
        "    pass\n",
        line=4,
    ),
    "deepcopy-memo-holding-a-forward-refs-code": Escape(
        "import copy, typing\n"
        "reference = typing.get_args(typing.List['1+1'])[0]\n"
        "memo = {}\n"
        "copy.deepcopy(reference, memo)\n"
        "print([v for v in memo.values() if type(v) is dict])\n",
        line=4,
    ),
    "generic-alias-subclass-relays-reads": Escape(
        "import typing\n"
        "Alias = type(typing.List[int])\n"
        "class Relay(type(list[int])):\n"
        "    pass\n"
        "print(Relay(Alias(print, ()), ()).__getattr__)\n",
        line=3,
    ),
    "typing-alias-subclass-with-a-private-class-keyword": Escape(
        "import typing\nclass Base(type(typing.List[int]), _root=True):\n    pass\n",
        line=2,
    ),
    "typing-alias-subclass": Escape(
        "import typing\nclass Base(type(typing.List[int])):\n    pass\n",
        line=2,
    ),
    "module-type-subclass": Escape(
        "import math\nclass M(type(math)):\n    pass\n",
        line=2,
    ),
    "forwarding-base-through-make-dataclass": Escape(
        "import dataclasses\n"
        "R = dataclasses.make_dataclass('R', ['x'], bases=(type(list[int]),))\n",
        line=2,
    ),
    "dataclass-field-named-for-a-frame-read": Escape(
        "import dataclasses\nR = dataclasses.make_dataclass('R', ['gi_frame'])\n",
        line=2,
    ),
    # A third review: enum's functional API derived a class from the program's mixin and a
    # GenericAlias natively; with the mixin in its MRO it counted as the program's.
    "enum-functional-api-derives-an-owned-relay": Escape(
        "import enum\n"
        "class Mine:\n"
        "    pass\n"
        "E1 = enum.Enum('E1', [], type=type(list[int]))\n"
        "E3 = E1('E3', [], type=Mine)\n"
        "new = super(E1, E3).__new__\n",
        line=6,
    ),
    "dataclass-fields-planted-in-an-instance": Escape(
        "import dataclasses\n"
        "@dataclasses.dataclass\n"
        "class E(Exception):\n"
        "    x: int = 0\n"
        "class FakeField:\n"
        "    _field_type = None\n"
        "    init = True\n"
        "    name = '__traceback__'\n"
        "e = E()\n"
        "e.__dict__['__dataclass_fields__'] = {'a': FakeField()}\n"
        "dataclasses.replace(e)\n",
        line=11,
    ),
    # A fourth review: a memo the program fills swapped the class and name that a method's
    # reduction `(getattr, (list, 'append'))` is rebuilt from: a native getattr of anything.
    "deepcopy-memo-swaps-a-reductions-arguments": Escape(
        "import copy\n"
        "o = object()\n"
        "B = copy.deepcopy(o.__str__, {id(o): copy.deepcopy, id('__str__'): '__builtins__'})\n",
        line=3,
    ),
    "dataclass-fields-swapped-while-replace-reads-them": Escape(
        "import dataclasses\n"
        "class Fake:\n"
        "    _field_type = None\n"
        "    init = True\n"
        "    name = '__traceback__'\n"
        "got = []\n"
        "@dataclasses.dataclass(init=False)\n"
        "class E(Exception):\n"
        "    a: int = 0\n"
        "    b: int = 0\n"
        "    def __init__(self, **kw):\n"
        "        got.append(kw)\n"
        "    def __getattr__(self, name):\n"
        "        E.__dataclass_fields__['b'] = Fake()\n"
        "        return 0\n"
        "try:\n"
        "    raise E()\n"
        "except E as err:\n"
        "    e = err\n"
        "del E.a\n"
        "dataclasses.replace(e)\n"
        "print(sorted(type(v).__name__ for v in got[-1].values()))\n",
        answers=("runtime_error:TypeError",),  # the fields dict is a read-only copy now
    ),
    "library-private-name-through-super": Escape(
        "import random\n"
        "class R(random.Random):\n"
        "    pass\n"
        "r = R(1)\n"
        "print(super(R, r)._randbelow)\n",
        line=5,
    ),
    "raw-object-new-from-an-enum-classs-namespace": Escape(
        "import enum, fractions\n"
        "class E(enum.Enum):\n"
        "    A = 1\n"
        "new = E.__dict__['_new_member_']\n"
        "half = new(fractions.Fraction)\n",
        line=5,
    ),
    # A fifth review: `__mro_entries__` answered the checks with `object` and CPython's own
    # call with GenericAlias, from a program object or a dunder in enum's functional API.
    "a-program-object-as-a-base": Escape(
        "class Base:\n"
        "    def __getattr__(self, name):\n"
        "        if name != '__mro_entries__':\n"
        "            raise AttributeError(name)\n"
        "        return lambda bases: (object,)  # may answer otherwise when CPython asks\n"
        "class Relay(Base()):\n"
        "    pass\n",
        line=6,
    ),
    "bases-that-change-after-the-check": Escape(
        "import enum\n"
        "calls = [0]\n"
        "def entries(self, bases):\n"
        "    calls[0] += 1\n"
        "    return (type(list[int]),) if calls[0] >= 2 else (object,)\n"
        "E = enum.Enum('E', {'__mro_entries__': entries, 'A': 1})\n"
        "class Relay(E.A):\n"
        "    pass\n",
        line=7,
    ),
    "bases-that-change-after-the-check-in-make-dataclass": Escape(
        "import dataclasses, enum\n"
        "calls = [0]\n"
        "def entries(self, bases):\n"
        "    calls[0] += 1\n"
        "    return (type(list[int]),) if calls[0] >= 2 else (object,)\n"
        "E = enum.Enum('E', {'__mro_entries__': entries, 'A': 1})\n"
        "R = dataclasses.make_dataclass('R', [], bases=(E.A,))\n",
        line=7,
    ),
    "a-library-class-named-like-the-class-being-built": Escape(
        "import json\nclass JSONEncoder:\n    json.JSONEncoder.encode = lambda self, o: 'FORGED'\n",
        line=3,
    ),
    "everyday-bases-and-class-keywords-still-work": Escape(
        "import enum, typing\n"
        "class Plugin:\n"
        "    names = []\n"
        "    def __init_subclass__(cls, name='', **rest):\n"
        "        super().__init_subclass__(**rest)\n"
        "        Plugin.names.append(name)\n"
        "class Csv(Plugin, name='csv'):\n"
        "    pass\n"
        "class Point(typing.NamedTuple):\n"
        "    x: int\n"
        "    y: int = 0\n"
        "T = typing.TypeVar('T')\n"
        "class Box(typing.Generic[T]):\n"
        "    def __init__(self, item: T) -> None:\n"
        "        self.item = item\n"
        "class Color(enum.Enum):\n"
        "    RED = 1\n"
        "class Counts(dict):\n"
        "    def __missing__(self, key):\n"
        "        return 0\n"
        "import dataclasses\n"
        "@dataclasses.dataclass\n"
        "class P:\n"
        "    x: int\n"
        "q = dataclasses.replace(P(1), x=5)\n"
        "class Base:\n"
        "    def _helper(self):\n"
        "        return 'helped'\n"
        "class Child(Base):\n"
        "    def run(self):\n"
        "        return super()._helper()\n"
        "assert Child().run() == 'helped' and 'run' in Child.__dict__\n"
        "class Movie(typing.TypedDict):\n"
        "    title: str\n"
        "class Sized(typing.Protocol):\n"
        "    def size(self) -> int: ...\n"
        "assert Movie(title='x') == {'title': 'x'} and Box[int](2).item == 2\n"
        "print(Plugin.names, Point(1), Box[int](3).item, Color.RED.name, Counts()['a'])\n"
        "print(q, dataclasses.asdict(q), [f.name for f in dataclasses.fields(P)])\n",
        answers=("ok",),
        stdout="['csv'] Point(x=1, y=0) 3 RED 0\nP(x=5) {'x': 5} ['x']\n",
    ),
}


# A thirteenth review: values that library code computed natively reached the program
# through deepcopy's memo (the program's own, or the one its `__deepcopy__` is given), and
# dataclasses read field names again while program code ran (a descriptor's `__get__`
# adding annotations, a Field subclass whose `name` is a property).
COPIES_AND_DATACLASSES = {
    "a-memo-the-program-passes-is-never-filled": Escape(
        "import copy, dataclasses\n"
        "@dataclasses.dataclass(frozen=True, slots=True)\n"
        "class F:\n"
        "    x: list\n"
        "memo = {}\n"
        "copy.deepcopy([F([1]), {'k': (2, [3])}], memo)\n"
        "print(len(memo))\n",
        answers=("ok",),
        stdout="0\n",
    ),
    "a-filled-memo-is-refused": Escape(
        "import copy\nbox = [1]\ncopy.deepcopy([box], {id(box): print})\n",
        line=3,
    ),
    "a-programs-deepcopy-is-given-a-token-not-the-memo": Escape(
        "import copy\n"
        "class Trig:\n"
        "    def __deepcopy__(self, memo):\n"
        "        print(len(memo.values()))\n"
        "        return self\n"
        "copy.deepcopy([[1, 2], Trig()])\n",
        answers=("runtime_error:AttributeError",),
        line=4,
    ),
    "a-programs-deepcopy-cannot-rebind-a-copied-method": Escape(
        "import copy\n"
        "class Trig:\n"
        "    def __deepcopy__(self, memo):\n"
        "        memo[id(target)] = print\n"
        "        return self\n"
        "target = [1]\n"
        "copy.deepcopy([Trig(), target.append])\n",
        answers=("runtime_error:TypeError",),
        line=4,
    ),
    "annotations-changed-while-dataclass-reads-a-default": Escape(
        "import copy, dataclasses, enum\n"
        "class Swap:\n"
        "    def __get__(self, inst, owner):\n"
        "        ann = owner.__annotations__\n"
        "        if 'b' in ann:\n"
        "            del ann['b']\n"
        "            ann['_convert_'] = int\n"
        "        return 0\n"
        "@dataclasses.dataclass(init=False, repr=False, eq=False, match_args=False)\n"
        "class E(enum.Enum):\n"
        "    a: int = Swap()\n"
        "    b: int\n"
        "memo = {}\n"
        "try:\n"
        "    copy.deepcopy(E.__dataclass_fields__['_convert_'], memo)\n"
        "except TypeError:\n"
        "    pass\n"
        "(convert,) = [v for v in memo.values() if type(v).__name__ == 'method']\n"
        "ag = convert('Hidden_', 'operator', lambda n: n == 'attrgetter').attrgetter.value\n"
        "B = ag('modules')(ag('__globals__')(copy.copy)['sys'])['builtins'].__dict__\n"
        + _WRITE_MARKER,
        answers=("runtime_error:TypeError",),
        line=6,
    ),
    # A fourteenth review: a Field's name became a str subclass, written natively (by a
    # generated __init__ rebound by deepcopy, or enum.property's __set_name__ read on the
    # program's subclass), whose __format__ wrote the text of dataclasses' __init__.
    "a-copied-generated-method-rebound-to-a-field": Escape(
        "import copy, dataclasses\n"
        "target = dataclasses.field()\n"
        "class P:\n"
        "    def __deepcopy__(self, memo):\n"
        "        return target\n"
        "@dataclasses.dataclass\n"
        "class W:\n"
        "    name: object\n"
        "class WP(W, P):\n"
        "    pass\n"
        "copy.deepcopy(WP(0).__init__)('x=1')\n"
        "print(target.name)\n",
        line=11,
    ),
    "a-library-bases-method-read-on-the-programs-class": Escape(
        "import dataclasses, enum\n"
        "class MyProp(enum.property):\n"
        "    pass\n"
        "field = dataclasses.field()\n"
        "try:\n"
        "    MyProp.__set_name__(field, MyProp, 'x=1')\n"
        "except AttributeError:\n"
        "    pass\n"
        "print(field.name)\n",
        line=6,
    ),
    "a-field-name-formats-the-text-of-init": Escape(
        "import dataclasses, enum\n"
        "class MyProp(enum.property):\n"
        "    pass\n"
        "@dataclasses.dataclass\n"
        "class B:\n"
        "    a: object\n"
        "fa = dataclasses.fields(B)[0]\n"
        "calls = []\n"
        "class S(str):\n"
        "    def __format__(self, spec):\n"
        "        calls.append(spec)\n"
        "        if len(calls) == 4:\n"
        "            return \"(a.append(dataclasses.field.__globals__['sys']), a)[1]\"\n"
        "        if len(calls) == 6:\n"
        "            rename(fa, 'a')\n"
        "        return 'a'\n"
        "def rename(field, value):\n"
        "    try:\n"
        "        MyProp.__set_name__(field, MyProp, value)\n"
        "    except AttributeError:\n"
        "        pass\n"
        "class Desc:\n"
        "    def __get__(self, inst, owner):\n"
        "        rename(fa, S('a'))\n"
        "        return 0\n"
        "@dataclasses.dataclass(repr=False, eq=False)\n"
        "class C(B):\n"
        "    b: int = Desc()\n"
        "out = []\n"
        "C(out)\n"
        "B = out[0].modules['builtins'].__dict__\n" + _WRITE_MARKER,
        line=19,
    ),
    # A fifteenth review: the same library method, read through `super(P, P)`, set a
    # library class's attribute natively (Field.name's descriptor swapped and put back).
    "a-library-method-through-super-on-a-library-class": Escape(
        "import dataclasses, enum\n"
        "class MyProp(enum.property):\n"
        "    pass\n"
        "set_name = super(MyProp, MyProp).__set_name__\n"
        "try:\n"
        "    set_name(dataclasses.Field, MyProp, 'name')\n"
        "except AttributeError:\n"
        "    pass\n",
        line=6,
    ),
    "a-library-method-unbound-on-an-object-of-another-class": Escape(
        "import json, dataclasses\njson.JSONEncoder.__init__(dataclasses.field())\n",
        line=2,
    ),
    "a-cached-property-whose-lock-the-program-defines": Escape(
        "import functools\n"
        "class Mine(functools.cached_property):\n"
        "    @property\n"
        "    def lock(self):\n"
        "        return self\n",
        line=2,
    ),
    # A sixteenth review: the compiler normalises identifiers (NFKC), so a field name of
    # fullwidth low lines was `__dict__` in dataclasses' text; and a class an ABC registers passed
    # an isinstance() check.
    "a-field-name-the-compiler-reads-as-a-dunder": Escape(
        "import dataclasses\n"
        "fields = [('_\\uff3fdict\\uff3f\\uff3f', int)]\n"
        "P = dataclasses.make_dataclass('P', fields, init=False)\n",
        line=3,
    ),
    "a-library-method-on-a-virtual-subclass": Escape(
        "import collections.abc\n"
        "class Mine:\n"
        "    pass\n"
        "collections.abc.Sized.register(Mine)\n"
        "print(isinstance(Mine(), collections.abc.Sized))\n"
        "collections.abc.Sized.__len__(Mine())\n",
        line=6,  # isinstance() says yes; the method checks the MRO
    ),
    # ... and a property's fget handed out the raw function, which the rule on reads
    # through a class did not see: the rule is on what the function is
    "a-library-propertys-accessor-on-an-object-of-another-class": Escape(
        "import fractions\n"
        "numerator = fractions.Fraction.numerator.fget\n"
        "print(numerator(fractions.Fraction(3, 4)))\n"
        "numerator(object())\n",
        line=4,
    ),
    "library-methods-unbound-on-their-own-objects-still-run": Escape(
        "import collections, json, enum\n"
        "class C(collections.UserList):\n"
        "    def append(self, x):\n"
        "        collections.UserList.append(self, x * 2)\n"
        "class Color(enum.Enum):\n"
        "    RED = 1\n"
        "class Enc(json.JSONEncoder):\n"
        "    def default(self, o):\n"
        "        return sorted(o) if isinstance(o, set) else json.JSONEncoder.default(self, o)\n"
        "c = C([1])\n"
        "c.append(3)\n"
        "print(c, enum.Enum.__str__(Color.RED), json.JSONEncoder.encode(Enc(), [1]), Enc().encode({2, 1}))\n",
        answers=("ok",),
        stdout="[1, 6] Color.RED [1] [1, 2]\n",
    ),
    "a-field-subclass-answers-any-name": Escape(
        "import copy, dataclasses\n"
        "class MyF(dataclasses.Field):\n"
        "    @property\n"
        "    def name(self):\n"
        "        return self.key\n"
        "    @name.setter\n"
        "    def name(self, value):\n"
        "        pass\n"
        "f = MyF(dataclasses.MISSING, dataclasses.MISSING, True, True, None, True, None, False)\n"
        "f.key = 'a'\n"
        "@dataclasses.dataclass(init=False, repr=False, eq=False)\n"
        "class H:\n"
        "    a: int = f\n"
        "f.key = '__getstate__'\n",
        line=2,
    ),
}


_STOPS = {Status.FORBIDDEN, Status.TIMEOUT, Status.MEMORY_LIMIT, Status.OUTPUT_LIMIT}


def _answer(outcome: Outcome) -> str:
    """`forbidden`, `memory_limit`... for a stop; `status:ErrorType` for an error."""
    if outcome.status in _STOPS or outcome.error is None:
        return str(outcome.status)
    return f"{outcome.status}:{outcome.error.type}"


def _check(box: Sandbox, host: Host, escape: Escape) -> None:
    pid = server_pid(box)
    outcome, wall = host.run(box, escape.source)
    assert outcome.stopped_by is not Layer.PROCESS, f"only the process layer stopped it: {outcome}"
    assert _answer(outcome) in escape.answers, f"not stopped: {_answer(outcome)} {outcome}"
    if escape.answers == ("forbidden",):
        assert outcome.stopped_by is Layer.LANGUAGE
    if escape.line is not None:
        assert outcome.error is not None
        assert outcome.error.line == escape.line, outcome.error.message
    if escape.stdout is not None:
        assert outcome.stdout == escape.stdout
    assert wall < WALL_BOUND
    host.assert_untouched(box, pid, outcome)


@pytest.mark.parametrize("layers", LAYERS)
@pytest.mark.parametrize("name", list(NATIVE_READS))
def test_attributes_cpython_reads_itself_go_through_the_guard(
    name: str, layers: str, request: pytest.FixtureRequest, host: Host
) -> None:
    _check(request.getfixturevalue(layers), host, NATIVE_READS[name])


@pytest.mark.parametrize("layers", LAYERS)
@pytest.mark.parametrize("name", list(EXEC_OF_TEXT))
def test_no_program_text_reaches_exec_or_compile_outside_the_policy(
    name: str, layers: str, request: pytest.FixtureRequest, host: Host
) -> None:
    _check(request.getfixturevalue(layers), host, EXEC_OF_TEXT[name])


@pytest.mark.parametrize("layers", LAYERS)
@pytest.mark.parametrize("name", list(RETURNED_VALUES))
def test_values_returned_by_calls_are_checked_like_attribute_reads(
    name: str, layers: str, request: pytest.FixtureRequest, host: Host
) -> None:
    _check(request.getfixturevalue(layers), host, RETURNED_VALUES[name])


@pytest.mark.parametrize("layers", LAYERS)
@pytest.mark.parametrize("name", list(GUARD_STATE))
def test_stand_ins_and_guards_expose_and_change_none_of_their_state(
    name: str, layers: str, request: pytest.FixtureRequest, host: Host
) -> None:
    _check(request.getfixturevalue(layers), host, GUARD_STATE[name])


@pytest.mark.parametrize("layers", LAYERS)
@pytest.mark.parametrize("name", list(METACLASSES_AND_TRACEBACKS))
def test_metaclasses_and_tracebacks_never_reach_the_program(
    name: str, layers: str, request: pytest.FixtureRequest, host: Host
) -> None:
    _check(request.getfixturevalue(layers), host, METACLASSES_AND_TRACEBACKS[name])


@pytest.mark.parametrize("layers", LAYERS)
@pytest.mark.parametrize("name", list(LIBRARY_SPECIAL_METHODS))
def test_a_library_classs_special_methods_act_only_on_the_programs_own_objects(
    name: str, layers: str, request: pytest.FixtureRequest, host: Host
) -> None:
    _check(request.getfixturevalue(layers), host, LIBRARY_SPECIAL_METHODS[name])


@pytest.mark.parametrize("layers", LAYERS)
@pytest.mark.parametrize("name", list(CLASS_BUILDING))
def test_a_programs_classes_never_inherit_a_librarys_attribute_forwarding(
    name: str, layers: str, request: pytest.FixtureRequest, host: Host
) -> None:
    _check(request.getfixturevalue(layers), host, CLASS_BUILDING[name])


@pytest.mark.parametrize("layers", LAYERS)
@pytest.mark.parametrize("name", list(COPIES_AND_DATACLASSES))
def test_what_copying_and_dataclasses_compute_natively_stays_out_of_reach(
    name: str, layers: str, request: pytest.FixtureRequest, host: Host
) -> None:
    _check(request.getfixturevalue(layers), host, COPIES_AND_DATACLASSES[name])


def test_a_refusal_is_reported_by_the_language_layer(sandbox: Sandbox) -> None:
    """The production configuration names the layer and the line (a learner-facing answer)."""
    outcome = sandbox.run("from enum import EnumMeta\n")
    assert (outcome.status, outcome.stopped_by) == (Status.FORBIDDEN, Layer.LANGUAGE)
    assert outcome.error is not None
    assert outcome.error.message == "line 1: 'enum.EnumMeta' is not allowed in exercises"
