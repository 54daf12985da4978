#!/bin/sh
# run-bench — every benchmark: the compiled ones given as arguments (tests/bench/bench_*.c),
# then every tests/bench/bench_*.sh. Each prints its own figures; TKK names the binary.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
export TKK="${TKK:-./tkk}"
status=0
for bin in "$@"; do
    echo "== $(basename "$bin")"
    "$bin" || status=1
done
for script in "$root"/tests/bench/bench_*.sh; do
    [ -e "$script" ] || continue
    echo "== $(basename "$script")"
    sh "$script" || status=1
done
exit $status
