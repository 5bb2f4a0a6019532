#!/usr/bin/env bash
# deltactl benchmark suite: builds deltactl (release), prepares the peers' venv, generates the seeded
# workloads and runs deltactl and its peers alternately; writes Benchmarks/results/latest.{md,json}.
#
# Usage: Benchmarks/run.sh [--quick] [--only WORKLOAD[,WORKLOAD...]] [--runs N] [--list] [--no-build]
#   --quick      the quick subset (no 100k-commit log, no 1M-row CSV), 2 runs per tool
#   --only W     run only these workloads (see --list); `micro` = the Swift micro-benchmarks
#   --runs N     timed runs per tool (default 5; quick 2), after one warm-up run each
#   --no-build   use the existing release builds
#   --update-readme  copy the summary tables into Benchmarks/README.md (between the results markers)
# Environment: DELTACTL_PYTHON = a Python that already has deltalake, pyarrow, polars, duckdb and
# duckdb_extension_delta (else ../.venv from scripts/setup-test-env.sh, else Benchmarks/.venv is created
# from PyPI). Scratch inputs go to Benchmarks/results/work/ (cached between runs; delete to regenerate).
set -euo pipefail
BENCH="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$BENCH/.." && pwd)"
COMMAND="Benchmarks/run.sh $*"

build=1
want_micro=1
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=0 ;;
    --list) exec python3 "$BENCH/driver.py" --list ;;
    --only) args+=("$1" "$2"); case ",$2," in *,micro,*) ;; *) want_micro=0 ;; esac; shift ;;
    --only=*) args+=("$1"); case ",${1#--only=}," in *,micro,*) ;; *) want_micro=0 ;; esac ;;
    *) args+=("$1") ;;
  esac
  shift
done

peers_ok() { "$1" -c "import deltalake, pyarrow, polars, duckdb, duckdb_extension_delta" 2>/dev/null; }

PY=""
for candidate in "${DELTACTL_PYTHON:-}" "$ROOT/.venv/bin/python" "$BENCH/.venv/bin/python"; do
  if [ -n "$candidate" ] && [ -x "$candidate" ] && peers_ok "$candidate"; then PY="$candidate"; break; fi
done
if [ -z "$PY" ]; then
  echo "== creating $BENCH/.venv with the peers (PyPI)" >&2
  python3 -m venv "$BENCH/.venv"
  "$BENCH/.venv/bin/pip" install -q --disable-pip-version-check \
    "deltalake==1.6.6" pyarrow polars "duckdb==1.5.5" "duckdb-extension-delta==1.5.5"
  PY="$BENCH/.venv/bin/python"
fi
echo "== peers: $PY" >&2

if [ "$build" = 1 ]; then
  echo "== swift build -c release --product deltactl" >&2
  (cd "$ROOT" && swift build -c release --product deltactl)
  if [ "$want_micro" = 1 ]; then
    echo "== swift build -c release --product Micro (Benchmarks package)" >&2
    # A path dependency's build plan can go stale when files of the main package are renamed: retry once
    # after dropping the cached plan.
    (cd "$BENCH" && { swift build -c release --product Micro ||
      { rm -f .build/release.yaml .build/build.db && swift build -c release --product Micro; }; }) ||
      echo "micro-benchmarks did not build (the report says so)" >&2
  fi
fi
BIN="$(cd "$ROOT" && swift build -c release --product deltactl --show-bin-path)/deltactl"
MICRO="$(cd "$BENCH" && swift build -c release --show-bin-path 2>/dev/null)/Micro"

exec "$PY" "$BENCH/driver.py" --deltactl "$BIN" --python "$PY" --micro "$MICRO" --command "$COMMAND" \
  ${args[@]+"${args[@]}"}
