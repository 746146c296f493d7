"""The registry of exercise kinds, keyed by the YAML `kind` field.

Each module in this package is one kind: it defines `KIND`, an instance of its
`grader.exercise.Kind` subclass, and imports nothing from this package. Adding a kind
means adding a module; no other kind changes. Modules load on first use (`grader run`
needs none of them).
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

from grader.exercise import Kind

__all__ = ["all_kinds", "get", "names"]

_REGISTRY: dict[str, Kind[Any]] = {}


def _load() -> dict[str, Kind[Any]]:
    if not _REGISTRY:
        found: dict[str, Kind[Any]] = {}
        for module in pkgutil.iter_modules(__path__):
            kind = importlib.import_module(f"{__name__}.{module.name}").KIND
            if not isinstance(kind, Kind):
                raise TypeError(f"{__name__}.{module.name}.KIND is not a Kind")
            if kind.name in found:
                raise ValueError(f"exercise kind '{kind.name}' is defined twice")
            found[kind.name] = kind
        _REGISTRY.update(found)
    return _REGISTRY


def get(name: object) -> Kind[Any] | None:
    """The kind called `name`; None for an unknown name or a non-text value (a list...)."""
    return _load().get(name) if isinstance(name, str) else None


def names() -> list[str]:
    return sorted(_load())


def all_kinds() -> list[Kind[Any]]:
    registry = _load()
    return [registry[name] for name in sorted(registry)]
