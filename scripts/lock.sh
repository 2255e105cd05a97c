#!/usr/bin/env bash
# Regenerate requirements.lock: every package sitrep installs -- its dependencies, the test and ray
# extras, and all of theirs -- pinned to one version, resolved from pyproject.toml for Python 3.11
# and later on any platform (uv's universal resolution). scripts/setup.sh and setup.d/70-ray.sh
# install with it as constraints, so every machine gets the same tree.
#
#   scripts/lock.sh              # after adding or changing a dependency: existing pins are kept
#   scripts/lock.sh --upgrade    # move every package to its newest release allowed
#
# Needs PyPI; a few seconds. tests/test_lock.py fails while the lock disagrees with pyproject.toml.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check uv==0.13.8
.venv/bin/uv pip compile pyproject.toml --extra test --extra ray --universal --python-version 3.11 \
  --custom-compile-command scripts/lock.sh --quiet --output-file requirements.lock "$@"
echo "lock: requirements.lock pins $(grep -c '^[A-Za-z0-9]' requirements.lock) packages"
