"""Shared fixtures: one fork server per layer configuration for the whole session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sandbox import Sandbox


def _server(**layers: bool) -> Iterator[Sandbox]:
    box = Sandbox(**layers)
    box.start()
    yield box
    box.close()


@pytest.fixture(scope="session")
def sandbox() -> Iterator[Sandbox]:
    """Both layers, as in production."""
    yield from _server(language=True, process=True)


@pytest.fixture(scope="session")
def language_only() -> Iterator[Sandbox]:
    """The language layer alone: no rlimits, namespaces, uid change, Landlock or seccomp."""
    yield from _server(language=True, process=False)


@pytest.fixture(scope="session")
def process_only() -> Iterator[Sandbox]:
    """The process layer alone: plain `exec` with the real builtins."""
    yield from _server(language=False, process=True)
