#!/usr/bin/env bash
# The test command: installs what the tests need, builds, runs every Swift test and the interop tests
# (deltactl against delta-rs, DuckDB's delta extension, pyarrow and polars).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
command -v swift >/dev/null 2>&1 || export PATH="/opt/swift/usr/bin:$PATH"
scripts/setup-test-env.sh
export DELTACTL_PYTHON="$PWD/.venv/bin/python"
swift build
swift test
export DELTACTL_BIN="$PWD/.build/debug/deltactl"
.venv/bin/python -m pytest -q Tests/Interop
