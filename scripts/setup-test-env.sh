#!/usr/bin/env bash
# Creates .venv with the independent referees the tests compare deltactl against:
# delta-rs (deltalake), pyarrow, DuckDB with its delta extension (loads offline), polars, pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c "import deltalake, pyarrow, duckdb, polars, pytest" 2>/dev/null; then
  python3 -m venv .venv
  .venv/bin/pip install -q --disable-pip-version-check \
    "deltalake==1.6.6" pyarrow polars "duckdb==1.5.5" "duckdb-extension-delta==1.5.5" pytest
fi
.venv/bin/python -c "import deltalake, pyarrow, duckdb, polars; print('referees: deltalake', deltalake.__version__, 'pyarrow', pyarrow.__version__, 'duckdb', duckdb.__version__, 'polars', polars.__version__)"
