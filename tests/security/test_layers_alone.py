"""Each layer alone: the language layer stops every payload; the process layer contains it.

`test_language_layer_blocks` runs each payload with the language layer only (the child is
root, with no rlimits, namespaces, Landlock or seccomp): the language layer itself must stop
it, not the server's kill after the timeout (`stopped_by == Layer.PROCESS`).
`test_process_layer_contains` runs it with the real builtins and only the process layer:
whatever the program then does, the host must show no effect.
"""

from __future__ import annotations

import pytest

from sandbox import Layer, Outcome, Sandbox, Status
from tests.security.host import WALL_BOUND, Host, server_pid
from tests.security.payloads import CATEGORIES, PAYLOADS, Payload

STOPS = {Status.FORBIDDEN, Status.TIMEOUT, Status.MEMORY_LIMIT, Status.OUTPUT_LIMIT}
BY_NAME = {p.name: p for p in PAYLOADS}


def _answer(outcome: Outcome) -> str:
    return f"{outcome.status}:{outcome.error.type}" if outcome.error else str(outcome.status)


def test_payload_catalogue_is_large_and_covers_every_category() -> None:
    assert len(PAYLOADS) >= 60
    assert len(BY_NAME) == len(PAYLOADS), "payload names must be unique"
    assert len(CATEGORIES) >= 30


@pytest.mark.parametrize("name", list(BY_NAME))
def test_language_layer_blocks(name: str, language_only: Sandbox, host: Host) -> None:
    payload: Payload = BY_NAME[name]
    pid = server_pid_after_start(language_only)
    outcome, wall = host.run(language_only, payload.source)
    assert outcome.stopped_by is not Layer.PROCESS, (
        f"only the test's safety-net kill stopped it: {_answer(outcome)}"
    )
    if outcome.status in STOPS and outcome.stopped_by is Layer.LANGUAGE:
        if payload.blocked_line is not None:
            assert outcome.error is not None
            assert outcome.error.line == payload.blocked_line, outcome.error.message
    else:
        assert _answer(outcome) in payload.refusals, (
            f"not blocked: {_answer(outcome)} {outcome.error}"
        )
    assert wall < WALL_BOUND
    host.assert_untouched(language_only, pid, outcome)


@pytest.mark.parametrize("name", list(BY_NAME))
def test_process_layer_contains(name: str, process_only: Sandbox, host: Host) -> None:
    payload: Payload = BY_NAME[name]
    pid = server_pid_after_start(process_only)
    outcome, wall = host.run(process_only, payload.source)
    assert outcome.stopped_by is not Layer.LANGUAGE, "no language layer runs here"
    assert wall < WALL_BOUND
    host.assert_untouched(process_only, pid, outcome)


def server_pid_after_start(box: Sandbox) -> int:
    """The server's pid once it has greeted (a run may not have happened yet)."""
    assert box.warnings == ()  # every isolation feature is in force on this machine
    return server_pid(box)
