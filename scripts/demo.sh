#!/usr/bin/env bash
# The README's first command: installs what deltactl builds against, builds it in release, converts the bundled
# complaints sample (Fixtures/complaints.csv, committed; made by Fixtures/generate_complaints.py) into a Delta
# table, shows it with `deltactl info`, then replicates and verifies it.
#
# Usage: scripts/demo.sh [WORK_DIR]   (default: a fresh temporary folder; the table is WORK_DIR/complaints)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
command -v swift >/dev/null 2>&1 || export PATH="/opt/swift/usr/bin:$PATH"

echo "== building deltactl (release)"
swift build -c release --product deltactl
BIN="$PWD/.build/release/deltactl"

WORK="${1:-$(mktemp -d "${TMPDIR:-/tmp}/deltactl-demo.XXXXXX")}"
mkdir -p "$WORK"
TABLE="$WORK/complaints"
REPLICA="$WORK/complaints-replica"
if [ -e "$TABLE" ]; then
  echo "$TABLE exists already: pass an empty WORK_DIR" >&2
  exit 1
fi

echo
echo "== deltactl convert Fixtures/complaints.csv --to $TABLE"
"$BIN" convert Fixtures/complaints.csv --to "$TABLE"

echo
echo "== deltactl info $TABLE"
"$BIN" info "$TABLE"

echo
echo "== deltactl replicate $TABLE $REPLICA"
"$BIN" replicate "$TABLE" "$REPLICA"

echo
echo "== deltactl verify $TABLE $REPLICA"
"$BIN" verify "$TABLE" "$REPLICA"

echo
echo "== deltactl history $REPLICA (the source's history, unchanged)"
"$BIN" history "$REPLICA"
echo
echo "demo tables are in $WORK"
