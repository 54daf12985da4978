#!/bin/bash
# run-fuzz — every harness for SECONDS seconds; prints each one's executions and findings.
#
#   tests/fuzz/run-fuzz.sh BUILD SECONDS HARNESS...     (make fuzz FUZZ_SECONDS=N)
#
# Per harness: the seeds are made afresh from the repository (seed-corpus.py) into
# BUILD/seeds/H; the corpus libFuzzer grows is kept in BUILD/corpus/H across runs; the
# inputs of tests/fuzz/regressions/H are read too. A crash, leak, timeout (10 s per
# input), out-of-memory or broken contract stops that harness and leaves the input in
# BUILD/findings/H/; the script then fails (exit 1) after running the others.
set -u
[ $# -ge 3 ] || { echo "usage: run-fuzz.sh BUILD SECONDS HARNESS..." >&2; exit 2; }
build=$1 seconds=$2
shift 2
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 3

run_one() {
    local h=$1
    local seeds=$build/seeds/$h corpus=$build/corpus/$h findings=$build/findings/$h
    local log=$build/logs/$h.log
    rm -rf "$seeds"
    mkdir -p "$corpus" "$findings" "$build/logs"
    /usr/bin/python3 tests/fuzz/seed-corpus.py "$h" "$seeds" >/dev/null || return 1
    local dict=() regressions=()
    [ -f "tests/fuzz/$h.dict" ] && dict=("-dict=tests/fuzz/$h.dict")
    [ -d "tests/fuzz/regressions/$h" ] && regressions=("tests/fuzz/regressions/$h")
    local before
    before=$(find "$findings" -type f | wc -l)
    "$build/fuzz/fuzz_$h" "$corpus" "$seeds" ${regressions[@]+"${regressions[@]}"} \
        ${dict[@]+"${dict[@]}"} -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$findings/" -print_final_stats=1 >"$log" 2>&1
    local status=$?
    local runs per_sec corp after
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    per_sec=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
    corp=$(grep -o 'corp: [0-9]*/[0-9]*[a-zA-Z]*' "$log" | tail -n 1 | sed 's/corp: //')
    after=$(find "$findings" -type f | wc -l)
    printf 'fuzz_%-13s %ss: %s runs, %s exec/s, corpus %s inputs/bytes, %s new finding(s)%s\n' \
        "$h" "$seconds" "${runs:-?}" "${per_sec:-?}" "${corp:-?}" "$((after - before))" \
        "$([ "$status" -ne 0 ] && echo ", exit status $status")"
    if [ "$status" -ne 0 ]; then
        grep -E 'ERROR|SUMMARY|runtime error|broken contract|failed|artifact' "$log" | head -n 12 | sed 's/^/    | /'
        echo "    full log: $log"
        return 1
    fi
}

failed=0
for h in "$@"; do
    run_one "$h" || failed=1
done
[ "$failed" -eq 0 ] || echo "fuzz: a harness found a problem (inputs in $build/findings/)"
exit "$failed"
