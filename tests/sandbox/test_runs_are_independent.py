"""No run sees anything an earlier run did, though the server keeps runtimes warm.

Every test runs a program that changes, exhausts or breaks its language-layer runtime,
then a plain program with the same filename and limits (the same kept template).
"""

from __future__ import annotations

import pytest

from sandbox import Limits, Sandbox, Status

LIMITS = Limits(timeout=1.0)


def run(box: Sandbox, source: str, stdin: str = "") -> tuple[Status, str]:
    outcome = box.run(source, filename="same.py", stdin=stdin, limits=LIMITS)
    return outcome.status, outcome.stdout


PROBE = (
    "import math\n"
    "names = dir()\n"
    "print(math.pi, [name for name in names if not name.startswith('_')])\n"
    "print(input(), len(str(2 ** 100)))\n"
)
PRISTINE = f"{3.141592653589793} ['math']\nfresh {len(str(2**100))}\n"

SPOILERS = {
    "timeout": "while True:\n    pass\n",
    "forbidden": "x = 1\nimport os\n",
    "output_limit": "while True:\n    print('x' * 1000)\n",
    "memory_limit": "blocks = []\nwhile True:\n    blocks.append(bytearray(10**7))\n",
    "reads_all_input": "import sys\nprint(sys.stdin.read())\n",
    "changes_modules_and_globals": (
        "import math\nmath.pi = 3\nleftover = 1\nclass Kept:\n    pass\nprint(input())\n"
    ),
    "runtime_error": "print('partial')\n1 / 0\n",
}


@pytest.mark.parametrize("spoiler", sorted(SPOILERS))
def test_a_run_starts_from_a_pristine_runtime(sandbox: Sandbox, spoiler: str) -> None:
    run(sandbox, SPOILERS[spoiler], stdin="old input\nmore\n")
    assert run(sandbox, PROBE, stdin="fresh\n") == (Status.OK, PRISTINE)


def test_each_run_gets_its_full_time_budget(sandbox: Sandbox) -> None:
    busy = "import time\nend = time.monotonic() + 0.6\nwhile time.monotonic() < end:\n    pass\n"
    statuses = [run(sandbox, busy + "print('done')\n")[0] for _ in range(3)]
    assert statuses == [Status.OK] * 3
