"""Ordinary programs behave as under `python3 file.py`."""

from __future__ import annotations

import pytest

from sandbox import Limits, Sandbox, Status


def run(box: Sandbox, source: str, stdin: str = "") -> tuple[Status, str]:
    outcome = box.run(source, filename="prog.py", stdin=stdin, limits=Limits(timeout=3))
    return outcome.status, outcome.stdout


def test_print_with_sep_end_and_file(sandbox: Sandbox) -> None:
    source = (
        "class Out:\n"
        "    def __init__(self):\n"
        "        self.parts = []\n"
        "    def write(self, text):\n"
        "        self.parts.append(text)\n"
        "out = Out()\n"
        "print('a', 'b', sep='-', end='!\\n')\n"
        "print('x', file=out)\n"
        "print(out.parts)\n"
    )
    assert run(sandbox, source) == (Status.OK, "a-b!\n['x', '\\n']\n")


def test_input_echoes_prompt_and_raises_eof(sandbox: Sandbox) -> None:
    source = "name = input('Name: ')\nprint('Hi', name)\ninput()\n"
    outcome = sandbox.run(source, filename="p.py", stdin="Ada\r\n")
    assert outcome.stdout == "Name: Hi Ada\r\n"  # Linux CPython does not translate \r\n on stdin
    assert outcome.status is Status.RUNTIME_ERROR
    assert outcome.error is not None
    assert (outcome.error.type, outcome.error.message, outcome.error.line) == (
        "EOFError",
        "EOF when reading a line",
        3,
    )


EVERYDAY = {
    "attribute writes and private names": (
        "class Counter:\n"
        "    def __init__(self):\n"
        "        self._count = 0\n"
        "        self.__secret = 'hidden'\n"
        "    def tick(self):\n"
        "        self._count += 1\n"
        "        return self.__secret\n"
        "c = Counter()\n"
        "c.tick(); c.tick()\n"
        "print(c._count, c.tick())\n",
        "2 hidden\n",
    ),
    "dunder methods and super": (
        "class Base:\n"
        "    def __init__(self, n):\n"
        "        self.n = n\n"
        "class Bag(Base):\n"
        "    def __init__(self, items):\n"
        "        super().__init__(len(items))\n"
        "        self.items = list(items)\n"
        "    def __len__(self): return self.n\n"
        "    def __iter__(self): return iter(self.items)\n"
        "    def __getitem__(self, i): return self.items[i]\n"
        "    def __add__(self, other): return Bag(self.items + other.items)\n"
        "    def __eq__(self, other): return self.items == other.items\n"
        "    def __repr__(self): return f'Bag({self.items!r})'\n"
        "    def __str__(self): return 'bag of ' + str(len(self))\n"
        "    def __enter__(self): return self\n"
        "    def __exit__(self, *exc): print('closed'); return False\n"
        "b = Bag([1, 2]) + Bag([3])\n"
        "with b as same:\n"
        "    print(b, repr(same), b[0], list(b), b == Bag([1, 2, 3]))\n",
        "bag of 3 Bag([1, 2, 3]) 1 [1, 2, 3] True\nclosed\n",
    ),
    "main guard": (
        "def main():\n    print('main')\nif __name__ == '__main__':\n    main()\n",
        "main\n",
    ),
    "format and f-strings": (
        "x = 3.14159\nname = 'pi'\n"
        "print('{} = {:.2f}'.format(name, x), '{0:>6}|'.format('ab'), f'{x=:.3f}', f'{name!r:>6}')\n"
        "print('%s has %d chars' % (name, len(name)), format(255, '#x'))\n",
        "pi = 3.14 '    ab|' x=3.142   'pi'\npi has 2 chars 0xff\n".replace("'    ab|'", "    ab|"),
    ),
    "augmented assignment on attributes and items": (
        "class P:\n    pass\np = P()\np.total = 1\np.total += 4\nd = {'k': [1]}\nd['k'] += [2]\n"
        "d['n'] = 0\nfor i in range(5):\n    d['n'] += i\nprint(p.total, d)\n",
        "5 {'k': [1, 2], 'n': 10}\n",
    ),
    "annotations, dataclasses, match, nonlocal": (
        "from dataclasses import dataclass, field\n"
        "count: int = 0\n"
        "@dataclass\nclass Point:\n    x: int\n    y: int = 0\n    tags: list = field(default_factory=list)\n"
        "def counter():\n    n = 0\n    def inc():\n        nonlocal n\n        n += 1\n        return n\n    return inc\n"
        "inc = counter(); inc(); inc()\n"
        "def where(p):\n    match p:\n        case Point(x=0, y=0): return 'origin'\n"
        "        case Point(x=0): return 'y-axis'\n        case _: return 'elsewhere'\n"
        "print(Point(1, 2), inc(), where(Point(0, 0)), where(Point(0, 5)), where(Point(3)))\n",
        "Point(x=1, y=2, tags=[]) 3 origin y-axis elsewhere\n",
    ),
    "generators, decorators, closures, exceptions": (
        "import functools\n"
        "def logged(fn):\n    @functools.wraps(fn)\n    def wrapper(*args):\n        print('call', fn.__name__)\n"
        "        return fn(*args)\n    return wrapper\n"
        "@logged\ndef squares(n):\n    for i in range(n):\n        yield i * i\n"
        "class TooBig(ValueError):\n    pass\n"
        "def check(v):\n    if v > 3:\n        raise TooBig(f'{v} > 3')\n    return v\n"
        "try:\n    print([check(v) for v in squares(2)])\n    check(9)\nexcept TooBig as e:\n    print('caught', e, type(e).__name__)\n",
        "call squares\n[0, 1]\ncaught 9 > 3 TooBig\n",
    ),
    "everyday builtins": (
        "words = ['pear', 'fig', 'apple']\n"
        "print(sorted(words, key=len), list(zip(words, range(3))), list(enumerate('ab', 1)))\n"
        "print(min(3, 1), max(words), sum([1, 2]), list(map(str.upper, words)), list(filter(None, [0, 1])))\n"
        "print(list(reversed(words)), any([0, 1]), all([]), next(iter(words)), isinstance(1, int), type(1.0))\n"
        "class C:\n    x = 1\n    @property\n    def p(self): return 'prop'\n"
        "    @staticmethod\n    def s(): return 'static'\n    @classmethod\n    def k(cls): return cls.__name__\n"
        "c = C()\nsetattr(c, 'y', 2)\n"
        "print(getattr(c, 'x'), hasattr(c, 'y'), c.p, C.s(), C.k(), object() is not None)\n"
        "print(list((1, 2)), dict(a=1), set('aa'), tuple('ab'), bytes(2), bytes('hi', 'utf-8'))\n",
        "['fig', 'pear', 'apple'] [('pear', 0), ('fig', 1), ('apple', 2)] [(1, 'a'), (2, 'b')]\n"
        "1 pear 3 ['PEAR', 'FIG', 'APPLE'] [1]\n"
        "['apple', 'fig', 'pear'] True True pear True <class 'float'>\n"
        "1 True prop static C True\n"
        "[1, 2] {'a': 1} {'a'} ('a', 'b') b'\\x00\\x00' b'hi'\n",
    ),
}


@pytest.mark.parametrize("name", sorted(EVERYDAY))
def test_everyday_code_that_restrictedpython_rejects_runs(sandbox: Sandbox, name: str) -> None:
    source, expected = EVERYDAY[name]
    assert run(sandbox, source) == (Status.OK, expected)


@pytest.mark.parametrize(
    "module, expression, expected",
    [
        ("math", "math.sqrt(16)", "4.0"),
        ("random", "random.randint(1, 1000)", None),
        ("collections", "collections.Counter('aab').most_common(1)", "[('a', 2)]"),
        ("itertools", "list(itertools.islice(itertools.count(5), 3))", "[5, 6, 7]"),
        ("functools", "functools.reduce(lambda a, b: a * b, [1, 2, 3, 4])", "24"),
        ("string", "string.ascii_lowercase[:3]", "abc"),
        ("re", "re.findall(r'\\d+', 'a1b22')", "['1', '22']"),
        ("json", "json.dumps({'a': [1, 2]})", '{"a": [1, 2]}'),
        ("statistics", "statistics.mean([1, 2, 3, 4])", "2.5"),
        ("datetime", "datetime.date(2024, 2, 29).isoformat()", "2024-02-29"),
        ("decimal", "decimal.Decimal('0.1') + decimal.Decimal('0.2')", "0.3"),
        ("fractions", "fractions.Fraction(1, 3) * 3", "1"),
        ("heapq", "heapq.nsmallest(2, [5, 1, 4])", "[1, 4]"),
        ("bisect", "bisect.bisect([1, 3, 5], 4)", "2"),
        ("copy", "copy.deepcopy([[1]])", "[[1]]"),
        ("time", "type(time.time()).__name__", "float"),
        ("enum", "enum.Enum('Color', 'RED GREEN').GREEN.value", "2"),
        ("operator", "operator.itemgetter(1)('abc')", "b"),
        ("typing", "typing.Optional[int] is not None", "True"),
        ("dataclasses", "dataclasses.is_dataclass(1)", "False"),
    ],
)
def test_allowlisted_modules_work(
    sandbox: Sandbox, module: str, expression: str, expected: str | None
) -> None:
    status, stdout = run(sandbox, f"import {module}\nprint({expression})\n")
    assert status is Status.OK, stdout
    if expected is not None:
        assert stdout == expected + "\n"


def test_random_is_seeded_and_deterministic(sandbox: Sandbox) -> None:
    source = "import random\nprint([random.randint(1, 100) for _ in range(5)])\n"
    first, second = run(sandbox, source), run(sandbox, source)
    assert first == second
    unseeded = sandbox.run(source, limits=Limits(random_seed=None))
    assert unseeded.status is Status.OK


def test_hash_seed_is_fixed(sandbox: Sandbox) -> None:
    source = "print(hash('grader'), list({'pear', 'fig', 'kiwi', 'plum'}))\n"
    assert run(sandbox, source) == run(sandbox, source)


@pytest.mark.parametrize(
    ("module", "message"),
    [
        ("maths", "line 1: there is no module named 'maths'; did you mean 'math'?"),
        (
            "colections",
            "line 1: there is no module named 'colections'; did you mean 'collections'?",
        ),
        ("os", "line 1: importing 'os' is not allowed in exercises"),
        ("numpy", "line 1: importing 'numpy' is not allowed in exercises"),
    ],
)
def test_a_typo_of_an_allowed_module_is_called_a_typo(
    sandbox: Sandbox, module: str, message: str
) -> None:
    outcome = sandbox.run(f"import {module}\n", filename="prog.py", limits=Limits())
    assert outcome.status is Status.FORBIDDEN
    assert outcome.error is not None and outcome.error.message == message
