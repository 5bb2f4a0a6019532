#!/usr/bin/env bash
# Runs each fuzz target of Fuzz/DeltactlFuzz for a bounded time and prints executions and findings per target.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     (default: 60 s; targets: json commit thrift codec csv lastcheckpoint parquet dv)
#
# With libFuzzer (swiftc -sanitize=fuzzer,address) the targets run coverage-guided under AddressSanitizer; the seed
# corpora in Fuzz/corpus/<target> are read, new inputs and crash artifacts go to .build-fuzz/work/. If the sanitizer
# build fails, the script falls back to the seeded random-mutation driver of a plain build (no coverage guidance).
# FUZZ_MODE=mutation forces the random-mutation driver. A finding: copy the artifact into Fuzz/corpus/<target>/ (it becomes a regression input replayed by
# RobustnessTests/FuzzReplayTests), fix the bug, and add a library-level test.
set -uo pipefail
cd "$(dirname "$0")/.."
secs="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(json commit thrift codec csv lastcheckpoint parquet dv)
export SWIFT_BACKTRACE=enable=no   # a Swift trap must not start the backtracer inside the ASan process

work=.build-fuzz/work
mkdir -p "$work"
mode=libfuzzer
if [ "${FUZZ_MODE:-}" = mutation ]; then
    swift build --product DeltactlFuzz >"$work/build.log" 2>&1 || { echo "build failed" >&2; exit 1; }
    mode=mutation
elif ! swift build --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address --product DeltactlFuzz \
      --scratch-path .build-fuzz -Xswiftc -DFUZZING >"$work/build.log" 2>&1; then
    echo "libFuzzer build failed (see $work/build.log); using the random-mutation driver" >&2
    swift build --product DeltactlFuzz >>"$work/build.log" 2>&1 || { echo "build failed" >&2; exit 1; }
    mode=mutation
fi

printf '%-16s %12s %10s %8s\n' target executions exec/s findings
status=0
for t in "${targets[@]}"; do
    mkdir -p "$work/corpus/$t" "$work/artifacts/$t"
    log="$work/$t.log"
    if [ "$mode" = libfuzzer ]; then
        FUZZ_TARGET="$t" .build-fuzz/debug/DeltactlFuzz "$work/corpus/$t" "Fuzz/corpus/$t" \
            -max_total_time="$secs" -max_len=8192 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
            -artifact_prefix="$work/artifacts/$t/" >"$log" 2>&1
        execs=$(grep -m1 'stat::number_of_executed_units' "$log" | awk '{print $2}')
        rate=$(grep -m1 'stat::average_exec_per_sec' "$log" | awk '{print $2}')
    else
        start=$(date +%s)
        n=0
        while [ $(( $(date +%s) - start )) -lt "$secs" ]; do
            FUZZ_TARGET="$t" .build/debug/DeltactlFuzz "Fuzz/corpus/$t" --mutate 2000 "$RANDOM$n" >"$log" 2>&1 \
                || { cp "$log" "$work/artifacts/$t/crash-$n.log"; break; }
            n=$((n + 2000))
        done
        execs=$n
        rate=$(( n / (secs > 0 ? secs : 1) ))
    fi
    findings=$(find "$work/artifacts/$t" -type f | wc -l)
    [ "$findings" -gt 0 ] && status=1
    printf '%-16s %12s %10s %8s\n' "$t" "${execs:-?}" "${rate:-?}" "$findings"
done
[ $status -ne 0 ] && echo "findings in $work/artifacts/ (logs in $work/<target>.log)"
exit $status
