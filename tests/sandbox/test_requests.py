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
from sandbox.zygote import NO_TEMPLATE, ORDER_HEADER, Order


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


def _split(order: Order) -> tuple[tuple[object, ...], bytes]:
    """An encoded order's header, decoded, and its payload, as bytes."""
    data = order.encode()
    (length,) = ORDER_HEADER.unpack_from(data)
    start = ORDER_HEADER.size + length
    return marshal.loads(data[ORDER_HEADER.size : start]), data[start:]


def test_the_zygote_gets_limits_only_to_build_a_template_or_without_one() -> None:
    request = Request("print(1)", "main.py", "", Limits(timeout=1.0))
    header, payload = _split(Order(request, None, 2, build=True))
    assert header[2] == ("main.py", request.limits.to_dict())  # the template's own
    assert marshal.loads(payload)[3] is None
    header, payload = _split(Order(request, None, NO_TEMPLATE))
    assert (header[2], marshal.loads(payload)[3]) == (None, request.limits.to_dict())
    header, payload = _split(Order(request, None, 2, build=False))
    assert (header[2], marshal.loads(payload)[3]) == (None, None)


def test_the_part_of_an_order_the_zygote_decodes_holds_no_byte_of_the_run() -> None:
    """The zygote decodes only the header; every later child inherits its memory."""
    request = Request("secret_source = 1\n", "main.py", "secret input\n", Limits())
    for order in (Order(request, None, 0, build=True), Order(request, None, NO_TEMPLATE)):
        header, payload = _split(order)
        assert "secret" not in repr(header)
        assert b"secret_source" in payload and b"secret input" in payload


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
