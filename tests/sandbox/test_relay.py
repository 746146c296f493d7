"""The fork server's reply: the child's bytes forwarded unread, decoded and checked once, in
the client. Named for the rule each test checks."""

from __future__ import annotations

import os
import signal
import struct
import sys
import threading
import time

import pytest

from sandbox import relay, untrusted
from sandbox.channel import _HEADER, _RESULT_OFFSET, _STDOUT_OFFSET
from sandbox.limits import Limits
from sandbox.protocol import ProtocolError, frame_bytes, read_reply, write_all
from sandbox.server import ForkServer
from sandbox.status import STOPPED_BY_CPU

LIMITS = Limits()


def _leave(server: ForkServer, stdout: bytes, report: bytes) -> None:
    """What a child leaves in the channel."""
    region = server.channel.region
    region[_STDOUT_OFFSET : _STDOUT_OFFSET + len(stdout)] = stdout
    region[_RESULT_OFFSET : _RESULT_OFFSET + len(report)] = report
    _HEADER.pack_into(region, 0, len(stdout), len(report), 0)


def test_the_server_forwards_the_report_as_the_child_wrote_it() -> None:
    server = ForkServer(language=False, process=False)
    report = b'{"status": "ok",   "calls": [], "error": null, "extra": [1, 2]}'
    _leave(server, b"hi\n", report)
    reply = server._outcome(0, "", 0.001, LIMITS)
    assert reply.endswith(b"hi\n" + report)  # not decoded, not re-encoded
    decoded = relay.decode(reply, 0, LIMITS)
    assert (decoded["status"], decoded["stdout"]) == ("ok", "hi\n")
    assert "extra" not in decoded  # the client keeps only the checked fields


def test_the_server_forwards_bytes_that_are_no_json_and_the_client_judges_them() -> None:
    server = ForkServer(language=False, process=False)
    _leave(server, b"", b"{not json")
    reply = server._outcome(0, "", 0.0, LIMITS)
    assert reply.endswith(b"{not json")
    decoded = relay.decode(reply, 0, LIMITS)
    assert (decoded["status"], decoded["error"]["type"]) == ("runtime_error", "Crash")


def test_a_child_stopped_by_a_clock_has_its_report_left_unread() -> None:
    server = ForkServer(language=False, process=False)
    _leave(server, b"", b'{"status": "ok", "calls": []}')
    reply = server._outcome(signal.SIGKILL, STOPPED_BY_CPU, 2.3, LIMITS)
    assert not reply.endswith(b"}")
    assert relay.decode(reply, 0, LIMITS)["status"] == "timeout"


def test_a_report_with_more_calls_than_asked_is_a_crash() -> None:
    report = b'{"status": "ok", "calls": [{"call": "f()", "returned": false}]}'
    reply = relay.child_reply(0, "", (b"", False, False), report, 0.0)
    assert relay.decode(reply, 0, LIMITS)["error"]["type"] == "Crash"
    assert relay.decode(reply, 1, LIMITS)["status"] == "ok"


def test_the_output_cap_holds_whatever_the_report_says() -> None:
    reply = relay.child_reply(0, "", (b"x" * 1024, True, True), b"", 0.0)
    decoded = relay.decode(reply, 0, LIMITS)
    assert (decoded["status"], decoded["truncated"]) == ("output_limit", True)


@pytest.mark.parametrize("cut", [1, 5, -1])
def test_a_reply_whose_sizes_do_not_add_up_is_a_protocol_error(cut: int) -> None:
    reply = relay.child_reply(0, "", (b"out", False, False), b"{}", 0.0)
    with pytest.raises(ProtocolError):
        relay.decode(reply[:-cut] if cut > 0 else reply + b"x", 0, LIMITS)


def test_a_reply_of_an_unknown_kind_is_a_protocol_error() -> None:
    reply = relay.child_reply(0, "", (b"", False, False), b"", 0.0)
    with pytest.raises(ProtocolError):
        relay.decode(struct.pack(">B", 9) + reply[1:], 0, LIMITS)


def test_the_servers_own_results_and_errors_keep_their_meaning() -> None:
    result = {"status": "syntax_error", "error": {"type": "SyntaxError", "message": "m"}}
    decoded = relay.decode(relay.server_reply(result, 0.002), 0, LIMITS)
    assert decoded["status"] == "syntax_error" and decoded["duration_ms"] == 2.0
    assert relay.decode(relay.internal_reply("boom"), 0, LIMITS) == {"internal_error": "boom"}


def test_a_long_integer_is_refused_whatever_limit_the_reading_process_set() -> None:
    digits = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)  # a grader that lifted the limit still reads none
    try:
        assert untrusted.decoded(b'{"n": ' + b"9" * 4301 + b"}") is None
        assert untrusted.decoded(b'{"n": -' + b"9" * 4300 + b"}") == {"n": -int("9" * 4300)}
    finally:
        sys.set_int_max_str_digits(digits)


def _pipe_with(*chunks: bytes) -> int:
    read_end, write_end = os.pipe()
    writer = threading.Thread(target=_write_slowly, args=(write_end, chunks))
    writer.start()
    writer.join(0.2)
    return read_end


def _write_slowly(fd: int, chunks: tuple[bytes, ...]) -> None:
    for chunk in chunks:
        write_all(fd, chunk)
        time.sleep(0.01)
    os.close(fd)


@pytest.mark.parametrize("size", [0, 10, 70_000, 300_000])
def test_a_reply_is_read_whole_however_it_arrives(size: int) -> None:
    framed = frame_bytes(bytes(range(256)) * (size // 256) + b"x" * (size % 256))
    fd = _pipe_with(framed[:2], framed[2:7], framed[7:])
    try:
        assert read_reply(fd, timeout=5) == framed[4:]
    finally:
        os.close(fd)


def test_bytes_past_the_end_of_a_reply_are_a_protocol_error() -> None:
    fd = _pipe_with(frame_bytes(b"abc") + b"more")
    try:
        with pytest.raises(ProtocolError):
            read_reply(fd, timeout=5)
    finally:
        os.close(fd)
