#!/usr/bin/env bash
# The README's first command: installs what deltactl builds against, builds it in release, converts the bundled
# complaints sample (Fixtures/complaints.csv, committed; made by Fixtures/generate_complaints.py) into a Delta
# table (version 0), appends a second batch (Fixtures/complaints-batch2.csv, version 1), replicates the table to
# version 0 and verifies that, replicates incrementally to the latest version and verifies again, and shows the
# replica's history and its replication record (lineage).
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
echo "== deltactl convert Fixtures/complaints-batch2.csv --to $TABLE --mode append"
"$BIN" convert Fixtures/complaints-batch2.csv --to "$TABLE" --mode append

echo
echo "== deltactl info $TABLE"
"$BIN" info "$TABLE"

echo
echo "== deltactl replicate $TABLE $REPLICA --version 0"
"$BIN" replicate "$TABLE" "$REPLICA" --version 0

echo
echo "== deltactl verify $TABLE $REPLICA --version 0"
"$BIN" verify "$TABLE" "$REPLICA" --version 0

echo
echo "== deltactl replicate $TABLE $REPLICA (incremental: only version 1's files are copied)"
"$BIN" replicate "$TABLE" "$REPLICA"

echo
echo "== deltactl verify $TABLE $REPLICA"
"$BIN" verify "$TABLE" "$REPLICA"

echo
echo "== deltactl check $REPLICA"
"$BIN" check "$REPLICA"

echo
echo "== deltactl history $REPLICA (the source's history, unchanged)"
"$BIN" history "$REPLICA"

echo
echo "== $REPLICA/_deltactl/replication.json (lineage: source, versions, runs, checksums; first lines)"
head -n 14 "$REPLICA/_deltactl/replication.json"
echo
echo "demo tables are in $WORK"
