#!/bin/sh
# bench_show — time `tkk show` (load, compute, print; no workbook) on a bonus round read
# from CSV, the figure of issue 13 ("10^6 projects: under 5 s and under 1 GiB peak").
#
#   TKK=./tkk sh tests/bench/bench_show.sh                       # 100 000 projects
#   BENCH_SIZES="100000 1000000" BENCH_BASE_TKK=/tmp/old/tkk sh tests/bench/bench_show.sh
#
# The scenarios come from tests/bench/gen_projects.py (fixed seed) in a temporary folder.
# The peer is another tkk binary given as BENCH_BASE_TKK (or TKK_BASE), e.g. the previous
# release, run on the same file in the same run; its terminal output must be the same
# bytes. Each is run BENCH_REPEAT times (default 3), alternating, and the medians shown:
#   tkk show 100000 projects (CSV): 0.81 s, 0.79 s CPU, peak RSS 78 MiB
#     base peer: 1.30 s, 1.28 s CPU, peak RSS 136 MiB; tkk ÷ base 0.62 (CPU), 0.57 (RSS)
# CPU seconds are user + system (steady on a loaded machine). Run by run-bench.sh
# (`make bench`). Figures from tests/bench/measure.sh.
# Exit status 1 if a show fails or the two outputs differ.
set -u

. "$(dirname "$0")/measure.sh"
bench_setup bench-show
repeat=${BENCH_REPEAT:-3}
base=${BENCH_BASE_TKK:-${TKK_BASE:-}}
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"

# median: the middle of the numbers on stdin (the lower middle of an even count).
median() {
    sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# column N FILE: the median of column N of FILE.
column() {
    awk -v n="$1" '{ print $n }' "$2" | median
}

status=0
for n in ${BENCH_SIZES:-100000}; do
    ini=$("$python" "$root/tests/bench/gen_projects.py" "$n" "$work" --format csv) \
        || { status=1; continue; }
    kinds=new
    [ -n "$base" ] && kinds="new base"
    for kind in $kinds; do rm -f "$work/$kind.txt"; done
    failed=0
    i=0
    while [ $i -lt "$repeat" ] && [ $failed -eq 0 ]; do
        for kind in $kinds; do
            saved=$tkk
            [ "$kind" = base ] && tkk=$base
            if ! figures=$(measure_tkk show "$ini"); then
                echo "tkk show $n projects ($kind): FAILED" >&2
                sed 's/^/    /' "$work/stderr.txt" >&2
                failed=1
            fi
            tkk=$saved
            echo "$figures" >>"$work/$kind.txt"
        done
        i=$((i + 1))
    done
    if [ $failed -ne 0 ]; then
        status=1
        continue
    fi
    w=$(column 1 "$work/new.txt") m=$(column 2 "$work/new.txt") c=$(column 3 "$work/new.txt")
    echo "tkk show $n projects (CSV): $w s, $c s CPU, peak RSS $((m / 1024)) MiB"
    if [ -n "$base" ]; then
        bw=$(column 1 "$work/base.txt") bm=$(column 2 "$work/base.txt") bc=$(column 3 "$work/base.txt")
        ratio=$(awk -v a="$c" -v b="$bc" -v x="$m" -v y="$bm" \
            'BEGIN { printf "%.2f (CPU), %.2f (RSS)", (b > 0 ? a / b : 0), (y > 0 ? x / y : 0) }')
        echo "  base peer: $bw s, $bc s CPU, peak RSS $((bm / 1024)) MiB; tkk ÷ base $ratio"
        "$tkk" show "$ini" >"$work/new.out" 2>&1
        "$base" show "$ini" >"$work/base.out" 2>&1
        if ! cmp -s "$work/new.out" "$work/base.out"; then
            echo "tkk show $n projects: the output differs from the base peer's" >&2
            status=1
        fi
    fi
done
exit $status
