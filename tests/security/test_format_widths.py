"""A format spec's width is size-checked however the spec is written or reached.

`format(1, '999999999')` is refused before C builds a 1 GB text; the same spec must be
refused when an f-string holds it as text (`f"{1:999999999}"`), builds it from several
fields (each short: `f"{x:{a}{b}}"`), or hands it to a library's own Python `__format__`
(an enum's) called by hand. Each runs against the language layer alone (no address-space
limit: only the guard can stop it) and against both layers, where the language layer must
stop it before the process layer's memory limit does.
"""

from __future__ import annotations

import pytest

from tests.security.host import Host
from tests.security.test_language_values import LAYERS, Escape, _check

_REFUSED = ("memory_limit",)

WIDTHS = {
    "f-string-spec-written-as-text": Escape('print(len(f"{1:999999999}"))\n', _REFUSED),
    "f-string-spec-with-fill-and-align": Escape("print(len(f\"{'x':*^999999999}\"))\n", _REFUSED),
    "f-string-spec-split-over-two-fields": Escape(
        "a = 99\nb = 9999999\nprint(len(f\"{'x':{a}{b}}\"))\n", _REFUSED
    ),
    "f-string-spec-text-and-a-field": Escape(
        "b = 9999999\nprint(len(f\"{'x':99{b}}\"))\n", _REFUSED
    ),
    "library-python-format-called-by-hand": Escape(
        "import enum\n"
        "class Color(enum.Enum):\n"
        "    RED = 'r'\n"
        "print(len(Color.RED.__format__('>999999999')))\n",
        _REFUSED,
    ),
    "library-python-format-through-super": Escape(
        "import enum\n"
        "class Color(enum.Enum):\n"
        "    RED = 'r'\n"
        "    def wide(self):\n"
        "        return super().__format__('999999999')\n"
        "print(len(Color.RED.wide()))\n",
        _REFUSED,
    ),
    "library-python-format-from-the-class": Escape(
        "import enum\n"
        "class Color(enum.Enum):\n"
        "    RED = 'r'\n"
        "print(len(enum.Enum.__format__(Color.RED, '999999999')))\n",
        _REFUSED,
    ),
}

EVERYDAY_FORMATS = {
    "f-string-specs-as-in-cpython": Escape(
        "import enum\n"
        "class Color(enum.IntEnum):\n"
        "    RED = 1\n"
        "w, p = 8, 3\n"
        "print(f\"[{3.14159:.2f}] [{'ab':>{w}}] [{2.5:{w}.{p}f}] [{'x'!r:^{w}}] [{42:08,d}]\")\n"
        "print(f\"[{Color.RED:>4}] [{Color.RED.__format__('03')}] [{1:{''}}]\")\n",
        answers=("ok",),
        stdout="[3.14] [      ab] [   2.500] [  'x'   ] [0,000,042]\n[   1] [001] [1]\n",
    ),
}


@pytest.mark.parametrize("layers", LAYERS)
@pytest.mark.parametrize("name", list(WIDTHS))
def test_a_format_width_is_checked_however_the_spec_is_made(
    name: str, layers: str, request: pytest.FixtureRequest, host: Host
) -> None:
    _check(request.getfixturevalue(layers), host, WIDTHS[name])


@pytest.mark.parametrize("layers", LAYERS)
@pytest.mark.parametrize("name", list(EVERYDAY_FORMATS))
def test_everyday_format_specs_work_as_in_cpython(
    name: str, layers: str, request: pytest.FixtureRequest, host: Host
) -> None:
    _check(request.getfixturevalue(layers), host, EVERYDAY_FORMATS[name])
