"""Both layers, as in production: what a learner sees when a program is refused or stopped."""

from __future__ import annotations

import pytest

from sandbox import Layer, Sandbox, Status
from tests.security.host import LIMITS, WALL_BOUND, Host, server_pid

REFUSED = {
    "import-os": (
        "import os\nos.system('touch $marker')\n",
        "line 1: importing 'os' is not allowed in exercises",
    ),
    "subclasses-walk": (
        "print(().__class__.__base__.__subclasses__())\n",
        "line 1: the attribute '__subclasses__' is not allowed in exercises",
    ),
    "open-call": (
        "print(open('$secret').read())\n",
        "line 1: calling 'open()' is not allowed in exercises",
    ),
    "type-three-arguments": (
        "X = type('X', (), {})\n",
        "line 1: type() with three arguments is not allowed in exercises",
    ),
    "computed-globals": (
        "def f():\n    pass\nprint(getattr(f, '__glo' + 'bals__'))\n",
        "line 3: the attribute '__globals__' is not allowed in exercises",
    ),
    "private-module-name": (
        "import random\nprint(random._os)\n",
        "line 2: the attribute '_os' of module 'random' is not allowed in exercises",
    ),
    "module-chain": (
        "import re\nprint(re.enum)\n",
        "line 2: 're.enum' is not allowed in exercises",
    ),
    "functools-globals": (
        "import functools, json\ndef f():\n    pass\n"
        "functools.update_wrapper(f, json.dumps, updated=('__globals__',))\n",
        "line 4: functools cannot copy '__globals__' in exercises",
    ),
    "metaclass": (
        "class M(type):\n    pass\n",
        "line 1: defining metaclasses is not allowed in exercises",
    ),
    "class-pattern-format": (  # CPython reads a class pattern's attributes itself
        'match "{0.__class__.__base__.__subclasses__}":\n'
        "    case str(format=f):\n"
        "        print(f(1))\n",
        "line 2: matching on the attribute 'format' is not allowed",
    ),
    "module-dir-closure": (  # the proxy's `__dir__` holds the real module in a cell
        "import random\nreal = random.__dir__.__closure__[0].cell_contents\nprint(real._os)\n",
        "line 2: the attribute '__closure__' is not allowed in exercises",
    ),
    "builtin-stand-in-internals": (
        "print(dir(pow))\nprint(pow._function)\n",
        "line 2: the attribute '_function' of 'builtin_function_or_method' objects is not allowed "
        "in exercises",
    ),
}

STOPPED = {
    "infinite-loop": (
        "while True:\n    pass\n",
        Status.TIMEOUT,
        "the program ran longer than 0.5 s",
    ),
    "sleep": (  # no CPU time: the wall-clock backstop stops it, and says so
        "import time\ntime.sleep(100)\n",
        Status.TIMEOUT,
        "the program was still running after 6 s of wall-clock time (sleeping or waiting)",
    ),
    "regex-backtracking": (
        "import re\nre.match(r'(a+)+$$', 'a' * 64 + 'b')\n",
        Status.TIMEOUT,
        "the program ran longer than 0.5 s",
    ),
    "memory-bomb": (
        "s = 'a' * (4 * 10 ** 9)\n",
        Status.MEMORY_LIMIT,
        "the program needs more memory than the exercise allows",
    ),
    "bytearray-bomb": (
        "b = bytearray(4 * 10 ** 9)\n",
        Status.MEMORY_LIMIT,
        "the program needs more memory than the exercise allows",
    ),
}


@pytest.mark.parametrize("name", list(REFUSED))
def test_both_layers_refuse_with_a_clear_message(name: str, sandbox: Sandbox, host: Host) -> None:
    template, message = REFUSED[name]
    pid = server_pid_of(sandbox)
    outcome, wall = host.run(sandbox, template)
    assert (outcome.status, outcome.stopped_by) == (Status.FORBIDDEN, Layer.LANGUAGE)
    assert outcome.error is not None
    assert outcome.error.message == message
    assert wall < WALL_BOUND
    host.assert_untouched(sandbox, pid, outcome)


@pytest.mark.parametrize("name", list(STOPPED))
def test_both_layers_stop_resource_attacks_in_the_language_layer(
    name: str, sandbox: Sandbox, host: Host
) -> None:
    template, status, message = STOPPED[name]
    pid = server_pid_of(sandbox)
    outcome, wall = host.run(sandbox, template)
    assert (outcome.status, outcome.stopped_by) == (status, Layer.LANGUAGE)
    assert outcome.error is not None
    assert outcome.error.message == message
    assert wall < WALL_BOUND
    host.assert_untouched(sandbox, pid, outcome)


def test_output_flood_is_cut_at_the_limit(sandbox: Sandbox, host: Host) -> None:
    pid = server_pid_of(sandbox)
    outcome, _ = host.run(sandbox, "while True:\n    print('x' * 1000)\n")
    assert (outcome.status, outcome.stopped_by, outcome.truncated) == (
        Status.OUTPUT_LIMIT,
        Layer.LANGUAGE,
        True,
    )
    assert len(outcome.stdout.encode()) == LIMITS.output_bytes
    host.assert_untouched(sandbox, pid, outcome)


def test_recursion_and_exit_are_reported_as_cpython_does(sandbox: Sandbox) -> None:
    outcome = sandbox.run("def f():\n    return f()\nf()\n", limits=LIMITS)
    assert outcome.status is Status.RUNTIME_ERROR
    assert outcome.error is not None
    assert (outcome.error.type, outcome.error.message) == (
        "RecursionError",
        "maximum recursion depth exceeded",
    )
    outcome = sandbox.run("print('bye')\nraise SystemExit(3)\n", limits=LIMITS)
    assert (outcome.status, outcome.stdout) == (Status.RUNTIME_ERROR, "bye\n")
    assert outcome.error is not None
    assert (outcome.error.type, outcome.error.message) == ("SystemExit", "3")


def test_every_isolation_feature_is_in_force(sandbox: Sandbox) -> None:
    isolation = sandbox.isolation
    assert sandbox.warnings == ()
    assert isolation["process_layer"] and isolation["network_namespace"] and isolation["seccomp"]
    assert isolation["uid"] == 65534
    assert isolation["landlock_abi"] >= 1


def server_pid_of(box: Sandbox) -> int:
    assert box.warnings == ()
    return server_pid(box)
