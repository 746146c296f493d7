"""Fixtures for the security suite: a fresh set of host probes for every payload."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.security.host import Host


@pytest.fixture
def host() -> Iterator[Host]:
    probe = Host()
    yield probe
    probe.close()
