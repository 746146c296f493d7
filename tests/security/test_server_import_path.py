"""The fork server imports only the grader's own code and the standard library."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sandbox import Sandbox, Status


@pytest.mark.parametrize("module", ["json.py", "signal.py", "sandbox/__init__.py"])
def test_files_in_the_working_directory_never_shadow_the_servers_modules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, module: str
) -> None:
    """A learner's folder holding `json.py` must not run, as root and unsandboxed, when the
    grader is started from that folder."""
    marker = tmp_path / "ran"
    planted = tmp_path / module
    planted.parent.mkdir(exist_ok=True)
    planted.write_text(f"open({str(marker)!r}, 'w').close()\n")
    monkeypatch.chdir(tmp_path)
    with Sandbox() as box:
        outcome = box.run("print(6 * 7)\n")
    assert (outcome.status, outcome.stdout) == (Status.OK, "42\n")
    assert not marker.exists()
    assert os.getcwd() == str(tmp_path)


def test_the_server_imports_this_sandbox_not_a_copy_installed_beside_restrictedpython(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An older install of the grader in the site-packages that holds RestrictedPython
    (a security review found the server running one, without the latest guards) must not
    be what the server imports."""
    import RestrictedPython

    site = tmp_path / "site-packages"
    site.mkdir()
    (site / "RestrictedPython").symlink_to(Path(RestrictedPython.__file__).parent)
    marker = tmp_path / "stale sandbox ran"
    (site / "sandbox").mkdir()
    (site / "sandbox" / "__init__.py").write_text(f"open({str(marker)!r}, 'w').close()\n")
    monkeypatch.syspath_prepend(str(site))
    from sandbox.boot import server_environment

    paths = server_environment()["PYTHONPATH"].split(os.pathsep)
    assert paths == [str(Path(__file__).resolve().parents[2]), str(site)]
    with Sandbox() as box:
        assert box.run("print(6 * 7)\n").stdout == "42\n"
    assert not marker.exists()
