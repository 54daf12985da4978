#!/bin/sh
# bench_sweep — time `tkk sweep` on scenarios/salo-2021.ini with growing numbers of
# variants, to show that time grows linearly and memory does not grow at all (SPEC §6:
# the sweep workbook is written in constant_memory mode, one variant at a time).
#
#   TKK=./tkk sh tests/bench/bench_sweep.sh                  # 10 000 and 100 000 variants
#   BENCH_SWEEP_SIZES="10000 100000 1000000" sh tests/bench/bench_sweep.sh
#
# A size N is swept as two --vary: staff.coaches.fte over 100 values (1..100:1) and
# premises.module.monthly_rent over N / 100 values (2 000, 2 010, ...). Run by
# tests/bench/run-bench.sh (`make bench`). Prints one line per size, e.g.
#   tkk sweep 10000 variants: 1.12 s (112 µs a variant), peak RSS 6 MiB, workbook 411 KiB
# Figures from tests/bench/measure.sh.
# Exit status 1 if a sweep fails or writes no workbook.
set -u

. "$(dirname "$0")/measure.sh"
bench_setup bench-sweep

# measure OUTDIR VARY1 VARY2: prints "SECONDS KIB"; status is tkk's.
measure() {
    measure_tkk sweep -q -o "$1" "$root/scenarios/salo-2021.ini" --vary "$2" --vary "$3" \
        --max 1048575
}

status=0
for n in ${BENCH_SWEEP_SIZES:-10000 100000}; do
    rents=$((n / 100))
    [ "$rents" -ge 1 ] || rents=1
    variants=$((rents * 100))
    last_rent=$((2000 + 10 * (rents - 1)))
    out="$work/out-$n"
    mkdir -p "$out"
    if ! figures=$(measure "$out" "staff.coaches.fte=1..100:1" \
                           "premises.module.monthly_rent=2000..$last_rent:10"); then
        echo "tkk sweep $variants variants: FAILED" >&2
        sed 's/^/    /' "$work/stderr.txt" >&2
        status=1
        continue
    fi
    book="$out/salo-2021-sweep.xlsx"
    if [ ! -s "$book" ]; then
        echo "tkk sweep $variants variants: no workbook written" >&2
        status=1
        continue
    fi
    echo "$figures" | awk -v n="$variants" -v kb="$(wc -c <"$book")" '
        { printf "tkk sweep %d variants: %.2f s (%.0f µs a variant), peak RSS %d MiB, workbook %d KiB\n",
                 n, $1, $1 * 1e6 / n, ($2 + 1023) / 1024, (kb + 1023) / 1024 }'
    rm -rf "$out"
done
exit $status
