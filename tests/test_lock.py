"""requirements.lock (scripts/lock.sh) pins the whole dependency tree: it agrees with every pin of
pyproject.toml, and what is installed is what it locks (scripts/setup.sh installs from it)."""
from __future__ import annotations

import re
import tomllib
from importlib import metadata

from clitools import ROOT
from packaging.markers import Marker

LOCK = ROOT / "requirements.lock"
STALE = "requirements.lock is stale: run scripts/lock.sh and commit requirements.lock"


def _name(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name.split("[")[0]).lower()


def _locked() -> dict[str, str]:
    """name -> version of every lock line that applies to this interpreter and platform."""
    pins = {}
    for line in LOCK.read_text("utf-8").splitlines():
        if not line or line.startswith((" ", "#")):
            continue
        requirement, _, marker = line.partition(";")
        if marker.strip() and not Marker(marker.strip()).evaluate():
            continue
        name, version = requirement.split("==")
        pins[_name(name)] = version.strip()
    return pins


def test_the_lock_agrees_with_every_pin_of_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    declared = [*project["dependencies"], *(d for extra in project["optional-dependencies"].values() for d in extra)]
    locked = _locked()
    for requirement in declared:
        name, version = requirement.split(";")[0].split("==")
        assert locked.get(_name(name)) == version.strip(), f"{requirement}: locked {locked.get(_name(name))}; {STALE}"


def test_what_is_installed_is_what_is_locked():
    installed = {_name(dist.metadata["Name"]): dist.version for dist in metadata.distributions()}
    differing = {name: (installed[name], version) for name, version in _locked().items()
                 if name in installed and installed[name] != version}
    assert not differing, f"installed, locked: {differing}; run scripts/setup.sh (or {STALE})"
