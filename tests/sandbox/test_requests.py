"""What a request carries: limits sent once per server, and once per template to the
zygote. Named for the rule each test checks."""

from __future__ import annotations

import marshal
from typing import Any

import pytest

from sandbox import Sandbox, client
from sandbox.compiling import Request
from sandbox.limits import LIMITS_SLOTS, Limits
from sandbox.server import ForkServer, Requests
from sandbox.zygote import NO_TEMPLATE, Order


def _frame(**fields: Any) -> dict[str, Any]:
    return {"source": "print(1)", "filename": "main.py", **fields}


def test_the_server_keeps_limits_by_slot_as_one_object() -> None:
    requests = Requests()
    first = requests.request(_frame(limits_slot=3, limits=Limits(timeout=1.5).to_dict()))
    again = requests.request(_frame(limits_slot=3))
    assert first.limits == Limits(timeout=1.5) and again.limits is first.limits
    assert requests.request(_frame(limits={})).limits == Limits()  # a frame of the old form


@pytest.mark.parametrize("slot", [-1, LIMITS_SLOTS, "1", 1.0])
def test_a_slot_out_of_range_is_refused(slot: object) -> None:
    with pytest.raises(ValueError):
        Requests().request(_frame(limits_slot=slot, limits={}))


def test_a_slot_never_filled_is_an_error() -> None:
    with pytest.raises(KeyError):
        Requests().request(_frame(limits_slot=0))


def test_the_client_sends_each_limits_once_per_server(monkeypatch: pytest.MonkeyPatch) -> None:
    sent: list[dict[str, Any]] = []
    real = client.write_frame

    def spy(fd: int, data: dict[str, Any]) -> None:
        sent.append(dict(data))
        real(fd, data)

    monkeypatch.setattr(client, "write_frame", spy)
    short = Limits(timeout=1.0)
    with Sandbox() as box:
        outcomes = [box.run("print(6 * 7)", limits=limits) for limits in (short, short, None)]
        box.close()
        outcomes.append(box.run("print(6 * 7)", limits=short))  # a new server
    assert [outcome.stdout for outcome in outcomes] == ["42\n"] * 4
    assert [("limits" in frame, frame["limits_slot"]) for frame in sent] == [
        (True, 0),
        (False, 0),
        (True, 1),
        (True, 0),
    ]
    assert sent[0]["limits"] == short.to_dict()


def _payload_limits(order: Order) -> object:
    _, payload = marshal.loads(order.encode())
    return marshal.loads(payload)[3]


def test_the_zygote_gets_limits_only_to_build_a_template_or_without_one() -> None:
    request = Request("print(1)", "main.py", "", Limits(timeout=1.0))
    assert _payload_limits(Order(request, None, 2, build=True)) == request.limits.to_dict()
    assert _payload_limits(Order(request, None, NO_TEMPLATE)) == request.limits.to_dict()
    assert _payload_limits(Order(request, None, 2, build=False)) is None


class _FailingZygote:
    def run(self, order: Order) -> tuple[int, str]:
        raise RuntimeError("the zygote failed: ValueError: no template")


def test_an_order_the_zygote_failed_builds_its_template_again() -> None:
    server = ForkServer(language=True, process=False)
    request = Request("print(1)", "main.py", "", Limits())
    server.zygote = _FailingZygote()  # type: ignore[assignment]
    with pytest.raises(RuntimeError):
        server.run(request)
    order = server._prepare(request)
    assert isinstance(order, Order) and order.build
