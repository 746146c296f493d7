"""The registry of exercise kinds, keyed by the YAML `kind` field.

Each kind is one module in this package that calls `register`. Adding a kind means
adding a module; no other kind changes.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from grader.kinds.base import Kind

_REGISTRY: dict[str, Kind] = {}
_LOADED = False


def register(kind: Kind) -> Kind:
    if kind.name in _REGISTRY:
        raise ValueError(f"exercise kind '{kind.name}' is registered twice")
    _REGISTRY[kind.name] = kind
    return kind


def _load() -> None:
    global _LOADED
    if not _LOADED:
        _LOADED = True
        for module in pkgutil.iter_modules(__path__):
            if not module.name.startswith("_") and module.name != "base":
                importlib.import_module(f"{__name__}.{module.name}")


def get(name: object) -> Kind | None:
    """The kind called `name`; None for an unknown name or a non-text value (a list...)."""
    _load()
    return _REGISTRY.get(name) if isinstance(name, str) else None


def names() -> list[str]:
    _load()
    return sorted(_REGISTRY)


def all_kinds() -> list[Kind]:
    _load()
    return [_REGISTRY[name] for name in sorted(_REGISTRY)]
