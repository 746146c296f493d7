"""Module proxies (`sandbox.modules.SafeModule`) are sealed once built. Named for the rule."""

from __future__ import annotations

import pytest

from sandbox.modules import ModuleTable


class _Refusals:
    """The hooks a proxy refuses through (the runtime's, in a child)."""

    @staticmethod
    def deny(message: str) -> Exception:
        return PermissionError(message)


def test_a_proxy_refuses_rebinding_renaming_and_removing_what_it_holds() -> None:
    """Library code that sets attributes natively (`setattr(obj, name, value)`) cannot
    change a proxy: not its functions, its `__name__` (which `from M import x` falls back
    on) nor its refusing `__getattr__`."""
    proxy = ModuleTable(frozenset({"json"}), hooks=_Refusals()).proxy("json")
    dumps = proxy.dumps
    for name, value in (("dumps", print), ("__name__", "os"), ("path", None)):
        with pytest.raises(AttributeError, match="read-only"):
            setattr(proxy, name, value)
    for name in ("dumps", "__getattr__"):
        with pytest.raises(AttributeError, match="read-only"):
            delattr(proxy, name)
    assert (proxy.dumps, proxy.__name__) == (dumps, "json")
    with pytest.raises(PermissionError, match=r"'json\.decoder' is not allowed"):
        proxy.decoder  # noqa: B018  (a loaded submodule of the real module)
