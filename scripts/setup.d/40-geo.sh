#!/usr/bin/env bash
# Build the embedded default gazetteer once (offline, from data in PyPI packages), so the first
# extraction does not pay for it. Quick when it is already built: `info` builds only what is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
.venv/bin/sitrep gazetteer info > /dev/null
