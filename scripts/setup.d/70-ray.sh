#!/usr/bin/env bash
# Ray, the optional extra sitrep[ray] (`sitrep ingest --engine ray`, `sitrep ray-extract`), so the
# test suite runs the Ray engine's tests (tests/scale). From PyPI into .venv: about 35 s and
# 340 MB on a 2-core machine (measured 2026-11-25). Safe to run again: quick when installed.
# Where it cannot be installed, sitrep works without it and tests/scale's Ray tests skip loudly.
set -euo pipefail
cd "$(dirname "$0")/../.."

if .venv/bin/python -c "import ray, ray.data" 2>/dev/null; then
  exit 0
fi
if ! .venv/bin/pip install -q --disable-pip-version-check -c requirements.lock -e '.[ray]'; then
  echo "70-ray: could not install the ray extra: the Ray engine's tests will skip" >&2
fi
