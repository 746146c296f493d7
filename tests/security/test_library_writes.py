"""Writes the standard library makes on the program's behalf obey the write rules.

`copy.copy` and `copy.deepcopy` rebuild an object from what its `__reduce_ex__` returns:
they call a function, then write the state into what it returned (`setattr`, `__dict__`,
`__setstate__`, items), natively, past `_write_`. A program that chooses the reduction (a
`__reduce_ex__` put in an instance's `__dict__`, set through `super().__setattr__`, or given
to enum's functional API) chooses the target and the names. Here the target is a library
class (`json.JSONEncoder`, whose `encode` the child's own report then ran: a forged `ok`),
a module proxy, or a stand-in's private slot. Likewise a library object that holds the
name library code reads an attribute by (a dataclass field's `name`) is the library's to
set. Each runs against the language layer alone and against both layers; the program's
own copies keep working as in CPython.
"""

from __future__ import annotations

import pytest

from tests.security.host import Host
from tests.security.test_language_values import LAYERS, Escape, _check

_FORGE = (
    "import copy, dataclasses, enum, json\n"
    "def fake(self, o):\n"
    '    return \'{"status": "ok", "calls": [], "error": null}\'\n'
    "def reduce(*args):\n"
    "    return (lambda: json.JSONEncoder, (), (None, {'encode': fake}))\n"
)
_WRONG = "raise ValueError('a wrong answer')\n"

COPY_WRITES = {
    "copy-reduce-in-an-instance-dict-writes-a-library-class": Escape(
        _FORGE + "class C:\n"
        "    pass\n"
        "c = C()\n"
        "c.__dict__['__reduce_ex__'] = reduce\n"
        "copy.deepcopy(c)\n" + _WRONG,
        line=10,
    ),
    "shallow-copy-reduce-in-an-instance-dict-writes-a-library-class": Escape(
        _FORGE + "class C:\n"
        "    pass\n"
        "c = C()\n"
        "c.__dict__['__reduce_ex__'] = reduce\n"
        "copy.copy(c)\n" + _WRONG,
        line=10,
    ),
    "copy-reduce-set-through-super-setattr": Escape(
        _FORGE + "class C:\n"
        "    def __init__(self):\n"
        "        super().__setattr__('__reduce_ex__', reduce)\n"
        "copy.deepcopy(C())\n" + _WRONG,
    ),
    "copy-reduce-of-a-functional-enum": Escape(
        _FORGE + "E = enum.Enum('E', {'__reduce_ex__': reduce, '__copy__': None, 'A': 1})\n"
        "copy.copy(E.A)\n" + _WRONG,
    ),
    "deepcopy-inside-dataclasses-asdict": Escape(
        _FORGE + "class C:\n"
        "    pass\n"
        "c = C()\n"
        "c.__dict__['__reduce_ex__'] = reduce\n"
        "@dataclasses.dataclass\n"
        "class D:\n"
        "    value: object\n"
        "dataclasses.asdict(D(c))\n" + _WRONG,
        line=13,
    ),
    "copy-state-renames-a-module-proxy": Escape(
        "import copy, json\n"
        "class C:\n"
        "    pass\n"
        "c = C()\n"
        "c.__dict__['__reduce_ex__'] = lambda p: (lambda: json, (), {'__name__': 'importlib'})\n"
        "copy.copy(c)\n"
        "from json import machinery\n"
        "O = machinery.BuiltinImporter.load_module('posix')\n"
        "O.system('touch $marker')\n",
        line=6,
    ),
    "copy-slot-state-replaces-a-stand-in-function": Escape(
        "import copy\n"
        "class C:\n"
        "    pass\n"
        "c = C()\n"
        "c.__dict__['__reduce_ex__'] = lambda p: (lambda: pow, (), (None, {'_function': print}))\n"
        "copy.copy(c)\n"
        "pow('forged', 'stand-in')\n",
        line=6,
    ),
    "copy-set-state-of-a-sandbox-partial": Escape(
        "import copy, functools\n"
        "w = functools.wraps(len)\n"
        "class C:\n"
        "    pass\n"
        "c = C()\n"
        "c.__dict__['__reduce_ex__'] = lambda p: (lambda: w, (), (print, ('forged',), {}, None))\n"
        "copy.copy(c)\n"
        "w(len)\n",
        line=7,
    ),
}

NAME_HOLDERS = {
    # dataclasses.replace reads `getattr(obj, field.name)` for each field and passes the
    # value to the class: a field renamed `__traceback__` handed out the real traceback.
    "dataclass-field-renamed-reads-a-traceback": Escape(
        "import dataclasses\n"
        "@dataclasses.dataclass\n"
        "class E(Exception):\n"
        "    x: int = 0\n"
        "    def __init__(self, **kw):\n"
        "        self.kw = kw\n"
        "try:\n"
        "    raise E()\n"
        "except E as e:\n"
        "    err = e\n"
        "dataclasses.fields(E)[0].name = '__traceback__'\n"
        "tb = dataclasses.replace(err).kw['__traceback__']\n"
        "print(type(tb).__name__)\n",
        line=11,
    ),
    "dataclass-field-renamed-through-copy-state": Escape(
        "import copy, dataclasses\n"
        "@dataclasses.dataclass\n"
        "class D:\n"
        "    x: int = 0\n"
        "f = dataclasses.fields(D)[0]\n"
        "class C:\n"
        "    pass\n"
        "c = C()\n"
        "c.__dict__['__reduce_ex__'] = lambda p: (lambda: f, (), (None, {'name': '__class__'}))\n"
        "copy.copy(c)\n"
        "print(dataclasses.asdict(D()))\n",
        line=10,
    ),
}

EVERYDAY_COPIES = {
    # The program's own objects, and the library's, copy as in CPython.
    "copy-of-own-objects-and-library-objects": Escape(
        "import collections, copy, fractions, random, statistics\n"
        "class P:\n"
        "    def __init__(self):\n"
        "        self.x, self._y, self.items = 1, 2, [3]\n"
        "class S:\n"
        "    __slots__ = ('a', '_b')\n"
        "    def __init__(self):\n"
        "        self.a, self._b = 4, 5\n"
        "p, s = copy.deepcopy(P()), copy.copy(S())\n"
        "print(p.x, p._y, p.items, s.a, s._b)\n"
        "r = random.Random(3)\n"
        "print(copy.deepcopy(r).random() == r.random())\n"
        "print(copy.deepcopy(statistics.NormalDist(1, 2)))\n"
        "print(copy.copy(collections.OrderedDict(a=1)), copy.deepcopy(collections.Counter('aab')))\n"
        "print(copy.deepcopy(fractions.Fraction(1, 3)), copy.copy(collections.UserDict(k=2)))\n"
        "class E(Exception):\n"
        "    pass\n"
        "e = copy.deepcopy(E('m'))\n"
        "e.note = 1\n"
        "print(repr(copy.copy(e)), copy.copy(e).note)\n",
        answers=("ok",),
        stdout="1 2 [3] 4 5\nTrue\nNormalDist(mu=1.0, sigma=2.0)\n"
        "OrderedDict([('a', 1)]) Counter({'a': 2, 'b': 1})\n"
        "1/3 {'k': 2}\nE('m') 1\n",
    ),
}


@pytest.mark.parametrize("layers", LAYERS)
@pytest.mark.parametrize("name", list(COPY_WRITES))
def test_copy_writes_only_where_the_program_may_write(
    name: str, layers: str, request: pytest.FixtureRequest, host: Host
) -> None:
    _check(request.getfixturevalue(layers), host, COPY_WRITES[name])


@pytest.mark.parametrize("layers", LAYERS)
@pytest.mark.parametrize("name", list(NAME_HOLDERS))
def test_names_library_code_reads_attributes_by_are_the_librarys(
    name: str, layers: str, request: pytest.FixtureRequest, host: Host
) -> None:
    _check(request.getfixturevalue(layers), host, NAME_HOLDERS[name])


@pytest.mark.parametrize("layers", LAYERS)
@pytest.mark.parametrize("name", list(EVERYDAY_COPIES))
def test_everyday_copies_work_as_in_cpython(
    name: str, layers: str, request: pytest.FixtureRequest, host: Host
) -> None:
    _check(request.getfixturevalue(layers), host, EVERYDAY_COPIES[name])
