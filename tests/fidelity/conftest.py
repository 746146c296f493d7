"""Fixtures for the fidelity corpus: CPython's results are computed once per session."""

from __future__ import annotations

import pytest
from fidelity_corpus import Program, Reference, copy_programs, run_cpython


@pytest.fixture(scope="session")
def fidelity_programs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Program]:
    """Every program, copied into a fresh directory; `str(program.path)` is its file name."""
    return copy_programs(tmp_path_factory.mktemp("fidelity"))


@pytest.fixture(scope="session")
def cpython(
    fidelity_programs: dict[str, Program], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Reference]:
    """What real CPython did with every program."""
    return run_cpython(list(fidelity_programs.values()), tmp_path_factory.mktemp("cpython"))
