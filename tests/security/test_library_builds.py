"""What library code builds from the program's arguments goes through the guards.

`collections.UserString` and `UserList` are Python classes whose methods hand their
arguments to str's and list's C methods natively: `UserString.format` is the real
`str.format`, which walks attributes (CVE-2023-41039), and `center`, `*` and `%` build
texts of a size the program chooses, past the size guards. `deque * n` repeats in C, and a
`re.sub` callback that returns one long text again and again has C join it many times.
Each runs against the language layer alone (no address-space limit: only the guards can
stop it) and against both layers, where the language layer must stop it first.
"""

from __future__ import annotations

import pytest

from tests.security.host import Host
from tests.security.test_language_values import LAYERS, Escape, _check

_REFUSED = ("memory_limit",)
_GLOBALS = "{0.__globals__[__builtins__]}"

WALKS = {
    "userstring-format-walks-attributes": Escape(
        "import collections\n"
        "def f():\n"
        "    pass\n"
        f"print(collections.UserString('{_GLOBALS}').format(f)[:60])\n",
        line=4,
    ),
    "userstring-format-map-walks-attributes": Escape(
        "import collections\n"
        "def f():\n"
        "    pass\n"
        "s = collections.UserString('{f.__globals__[__builtins__]}')\n"
        "print(s.format_map({'f': f})[:60])\n",
        line=5,
    ),
    "userstring-format-of-the-library-class-through-super": Escape(
        "import collections\n"
        "def f():\n"
        "    pass\n"
        f"s = collections.UserString('{_GLOBALS}')\n"
        "print(super(collections.UserString, s).format(f)[:60])\n",
        line=5,
    ),
}

SIZES = {
    "userstring-format-width": Escape(
        "import collections\nprint(len(collections.UserString('{:999999999}').format(1)))\n",
        _REFUSED,
    ),
    "userstring-center": Escape(
        "import collections\nprint(len(collections.UserString('x').center(10 ** 9)))\n",
        _REFUSED,
    ),
    "userstring-repeat": Escape(
        "import collections\nprint(len(collections.UserString('x') * (5 * 10 ** 8)))\n",
        _REFUSED,
    ),
    "userstring-percent-width": Escape(
        "import collections\nprint(len(collections.UserString('%999999999d') % 1))\n",
        _REFUSED,
    ),
    "userlist-repeat": Escape(
        "import collections\nprint(len(collections.UserList([0]) * (6 * 10 ** 7)))\n",
        _REFUSED,
    ),
    "userlist-inplace-repeat": Escape(
        "import collections\nu = collections.UserList([0])\nu *= 6 * 10 ** 7\nprint(len(u))\n",
        _REFUSED,
    ),
    "deque-repeat": Escape(
        "import collections\nprint(len(collections.deque([0]) * (6 * 10 ** 7)))\n",
        _REFUSED,
    ),
    "deque-subclass-lies-about-its-length": Escape(
        "import collections\n"
        "class D(collections.deque):\n"
        "    def __len__(self):\n"
        "        return 0\n"
        "d = D([0] * 100)\n"
        "d *= 6 * 10 ** 5\n"
        "print(collections.deque.__len__(d))\n",
        _REFUSED,
    ),
    "re-sub-callback-returns-one-long-text": Escape(
        "import re\ns = 'x' * 1000\nprint(len(re.sub('a', lambda m: s, 'a' * 500000)))\n",
        _REFUSED,
    ),
    "bound-pattern-sub-with-a-long-template": Escape(
        "import re\nprint(len(re.compile('a').sub('x' * 1000, 'a' * 500000)))\n", _REFUSED
    ),
    "pattern-sub-callback-returns-one-long-text": Escape(
        "import re\ns = 'x' * 1000\nprint(len(re.compile('a').sub(lambda m: s, 'a' * 500000)))\n",
        _REFUSED,
    ),
}

SUBCLASSES = {
    # `bytes(10 ** 9)` is refused; a subclass of bytes or bytearray is made natively.
    "bytes-subclass-made-with-a-size": Escape(
        "class B(bytes):\n    pass\nprint(len(B(10 ** 9)))\n", _REFUSED
    ),
    "bytearray-subclass-made-with-a-size": Escape(
        "class B(bytearray):\n    pass\nprint(len(B(10 ** 9)))\n", _REFUSED
    ),
    "bytearray-subclass-reinitialised-with-a-size": Escape(
        "class B(bytearray):\n    pass\nb = B()\nb.__init__(10 ** 9)\nprint(len(b))\n", _REFUSED
    ),
    "bytearray-init-of-the-class-on-a-subclass": Escape(
        "class B(bytearray):\n    pass\nb = B()\nbytearray.__init__(b, 10 ** 9)\nprint(len(b))\n",
        _REFUSED,
    ),
    "bytes-subclass-new-through-super": Escape(
        "class B(bytes):\n"
        "    def __new__(cls, n):\n"
        "        return super().__new__(cls, n)\n"
        "print(len(B(10 ** 9)))\n",
        _REFUSED,
    ),
}

EVERYDAY = {
    "user-types-deque-and-sub-as-in-cpython": Escape(
        "import collections, re\n"
        "class Name(collections.UserString):\n"
        "    def shout(self):\n"
        "        return self.upper() + '!'\n"
        "n = Name('ada')\n"
        "print(n.shout(), n.center(7, '*'), n * 2, Name('%s-%d') % ('a', 1), n.replace('a', 'A'))\n"
        "print('{0}:{1}'.format(n, 2), n.format(), Name('{x}').format_map({'x': 1}), n.zfill(5))\n"
        "print(type(n * 2).__name__, isinstance(n, collections.UserString), n.join('xy'))\n"
        "u = collections.UserList([1, 2])\n"
        "u *= 2\n"
        "print(u, 3 * collections.UserList([0]), type(u * 2).__name__)\n"
        "d = collections.deque([1, 2], maxlen=5) * 3\n"
        "print(d, re.sub('a', lambda m: m.group().upper(), 'banana'))\n"
        "print(repr(collections.UserString), repr(collections.UserList))\n"
        "class B(bytes):\n"
        "    def __new__(cls, text):\n"
        "        return super().__new__(cls, text, 'ascii')\n"
        "class A(bytearray):\n"
        "    def __init__(self, n):\n"
        "        super().__init__(n)\n"
        "print(B('hi'), A(3), type(A(1)).__name__, isinstance(B('x'), bytes), bytearray(2))\n",
        answers=("ok",),
        stdout="ADA! **ada** adaada a-1 AdA\n"
        "ada:2 ada 1 00ada\n"
        "Name True xaday\n"
        "[1, 2, 1, 2] [0, 0, 0] UserList\n"
        "deque([2, 1, 2, 1, 2], maxlen=5) bAnAnA\n"
        "<class 'collections.UserString'> <class 'collections.UserList'>\n"
        "b'hi' A(b'\\x00\\x00\\x00') A True bytearray(b'\\x00\\x00')\n",
    ),
}


@pytest.mark.parametrize("layers", LAYERS)
@pytest.mark.parametrize("name", list(WALKS))
def test_library_formatting_never_walks_attributes(
    name: str, layers: str, request: pytest.FixtureRequest, host: Host
) -> None:
    _check(request.getfixturevalue(layers), host, WALKS[name])


@pytest.mark.parametrize("layers", LAYERS)
@pytest.mark.parametrize("name", list(SIZES))
def test_what_library_code_builds_is_size_checked(
    name: str, layers: str, request: pytest.FixtureRequest, host: Host
) -> None:
    _check(request.getfixturevalue(layers), host, SIZES[name])


@pytest.mark.parametrize("layers", LAYERS)
@pytest.mark.parametrize("name", list(SUBCLASSES))
def test_subclasses_of_sized_builtins_are_size_checked(
    name: str, layers: str, request: pytest.FixtureRequest, host: Host
) -> None:
    _check(request.getfixturevalue(layers), host, SUBCLASSES[name])


@pytest.mark.parametrize("layers", LAYERS)
@pytest.mark.parametrize("name", list(EVERYDAY))
def test_user_types_deque_and_sub_work_as_in_cpython(
    name: str, layers: str, request: pytest.FixtureRequest, host: Host
) -> None:
    _check(request.getfixturevalue(layers), host, EVERYDAY[name])
