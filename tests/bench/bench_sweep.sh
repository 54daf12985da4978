#!/bin/sh
# bench_sweep — time `tkk sweep`, each figure beside its peer measured in the same run,
# so a regression shows as a ratio (issue 13):
#   - scenarios/salo-2021.ini with growing numbers of variants: time per variant, and
#     memory that does not grow (the sweep workbook is written in constant_memory mode,
#     one variant at a time; SPEC §6);
#   - a bonus round of 10 000 projects from CSV (tests/bench/gen_projects.py), swept over
#     the pool: the cost of one more variant, (T(21 variants) − T(1 variant)) ÷ 20.
# The peer is the same binary with TKK_SWEEP_REBUILD=1, which builds every variant from
# the files as tkk did before the sweep patched its values in (src/load/scenario_patch.c),
# and, with BENCH_BASE_TKK=path, another tkk binary (e.g. the previous release).
# Each pair is run BENCH_REPEAT times (default 3), alternating, and the medians shown.
#
#   TKK=./tkk sh tests/bench/bench_sweep.sh                  # 10 000 and 100 000 variants
#   BENCH_SWEEP_SIZES="10000" BENCH_BASE_TKK=/tmp/old/tkk sh tests/bench/bench_sweep.sh
#
# Run by tests/bench/run-bench.sh (`make bench`). Prints lines like
#   tkk sweep 10000 variants: 0.60 s CPU (60 µs a variant), 0.90 s wall, peak RSS 6 MiB
#     rebuild peer: 2.10 s CPU (210 µs a variant), 3.0 s wall, peak RSS 6 MiB; ratio 0.29
# CPU seconds are user + system (steady on a loaded machine); wall seconds are shown
# beside them, with the load average. Figures from tests/bench/measure.sh.
# Exit status 1 if a sweep fails or writes no workbook.
set -u

. "$(dirname "$0")/measure.sh"
bench_setup bench-sweep
repeat=${BENCH_REPEAT:-3}
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"

# median: the middle of the numbers on stdin (the lower middle of an even count).
median() {
    sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# run_one KIND OUTDIR ARGS...: one measured sweep by KIND (new | rebuild | base);
# appends "SECONDS KIB CPU" to $work/KIND.txt; status 1 on a failure.
run_one() {
    kind=$1 out=$2
    shift 2
    rm -rf "$out"
    mkdir -p "$out"
    saved=$tkk
    case $kind in
        rebuild) export TKK_SWEEP_REBUILD=1 ;;
        base) tkk=$BENCH_BASE_TKK ;;
    esac
    figures=$(measure_tkk sweep -q -o "$out" "$@" --max 1048575)
    rc=$?
    unset TKK_SWEEP_REBUILD
    tkk=$saved
    if [ $rc -ne 0 ] || [ -z "$(ls "$out"/*.xlsx 2>/dev/null)" ]; then
        echo "tkk sweep ($kind) $*: FAILED" >&2
        sed 's/^/    /' "$work/stderr.txt" >&2
        return 1
    fi
    echo "$figures" >>"$work/$kind.txt"
}

kinds="new rebuild"
[ -n "${BENCH_BASE_TKK:-}" ] && kinds="$kinds base"

# pairs LABEL ARGS...: every kind, BENCH_REPEAT times alternating; leaves the medians in
# $work/KIND.median ("WALL KIB CPU").
pairs() {
    shift
    for kind in $kinds; do rm -f "$work/$kind.txt"; done
    i=0
    while [ $i -lt "$repeat" ]; do
        for kind in $kinds; do
            run_one "$kind" "$work/out-$kind" "$@" || return 1
        done
        i=$((i + 1))
    done
    for kind in $kinds; do
        w=$(awk '{ print $1 }' "$work/$kind.txt" | median)
        m=$(awk '{ print $2 }' "$work/$kind.txt" | median)
        c=$(awk '{ print $3 }' "$work/$kind.txt" | median)
        echo "$w $m $c" >"$work/$kind.median"
    done
}

status=0
salo="$root/scenarios/salo-2021.ini"
for n in ${BENCH_SWEEP_SIZES:-10000 100000}; do
    rents=$((n / 100))
    [ "$rents" -ge 1 ] || rents=1
    variants=$((rents * 100))
    last_rent=$((2000 + 10 * (rents - 1)))
    if ! pairs "$n" "$salo" --vary "staff.coaches.fte=1..100:1" \
            --vary "premises.module.monthly_rent=2000..$last_rent:10"; then
        status=1
        continue
    fi
    new=$(cat "$work/new.median")
    for kind in $kinds; do
        awk -v n="$variants" -v kind="$kind" -v new="$new" '{
            split(new, f, " ")
            label = kind == "new" ? sprintf("tkk sweep %d variants:", n) : "  " kind " peer:"
            printf "%s %.2f s CPU (%.0f µs a variant), %.2f s wall, peak RSS %d MiB",
                   label, $3, $3 * 1e6 / n, $1, ($2 + 1023) / 1024
            if (kind != "new" && $3 > 0)
                printf "; ratio %.2f (CPU), %.2f (wall)", f[3] / $3, f[1] / $1
            printf "\n"
        }' "$work/$kind.median"
    done
done

# A bonus round of 10 000 projects from CSV, swept over the pool.
projects=${BENCH_SWEEP_PROJECTS:-10000}
ini=$("$python" "$root/tests/bench/gen_projects.py" "$projects" "$work" --format csv) || exit 1
for count in 1 21; do
    last=$((1000000 + 50000 * (count - 1)))
    pairs "$count" "$ini" --vary "bonus.pool=1000000..$last:50000" || { status=1; break; }
    for kind in $kinds; do
        cp "$work/$kind.median" "$work/$kind.$count"
    done
done
if [ $status -eq 0 ]; then
    new1=$(cat "$work/new.1") new21=$(cat "$work/new.21")
    for kind in $kinds; do
        paste -d' ' "$work/$kind.1" "$work/$kind.21" | awk -v kind="$kind" -v p="$projects" \
            -v n1="$new1" -v n21="$new21" '{
            split(n1, a, " "); split(n21, b, " ")
            cpu = ($6 - $3) / 20; wall = ($4 - $1) / 20
            label = kind == "new" ? sprintf("tkk sweep, %d-project bonus round:", p) : "  " kind " peer:"
            printf "%s %.1f ms CPU a variant, %.1f ms wall, peak RSS %d MiB", label,
                   cpu * 1000, wall * 1000, ($5 + 1023) / 1024
            if (kind != "new" && cpu > 0)
                printf "; ratio %.2f (CPU)", ((b[3] - a[3]) / 20) / cpu
            printf "\n"
        }'
    done
fi
exit $status
