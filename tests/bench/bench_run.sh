#!/bin/sh
# bench_run — time `tkk run` end to end (load, compute, write the workbook) on a bonus
# round with many projects, read from CSV and from INI [project.*] sections.
#
#   TKK=./tkk sh tests/bench/bench_run.sh            # 10 000 projects
#   BENCH_SIZES="1000 10000 100000" sh tests/bench/bench_run.sh
#
# Run by tests/bench/run-bench.sh (`make bench`). The scenarios come from
# tests/bench/gen_projects.py (fixed seed: the same inputs on every run) in a temporary
# folder, removed at the end. Prints one line per size and format, e.g.
#   tkk run 10000 projects (CSV): 0.41 s, 0.38 s CPU, peak RSS 38 MiB, workbook 1 650 KiB
#     raw libxlsxwriter peer (constant_memory, same cells): ...; tkk ÷ raw 1.30 (wall), ...
# and the CSV round once more as a big round (TKK_BIG_ROUND_PROJECTS=0: the Bonus sheet
# streamed as a plain range, the Inputs sheet summarising the CSV; issue 13), which the
# peer then writes too, so the ratio of a 10⁶-project run shows at any size.
# The peer line needs build/bench/bench_raw_xlsx (built by `make bench`).
# Figures from tests/bench/measure.sh.
# Exit status 1 if a run fails or writes no workbook.
set -u

. "$(dirname "$0")/measure.sh"
bench_setup bench

# measure OUTDIR INI: prints "SECONDS KIB" of one `tkk run -q -o OUTDIR INI`; status is tkk's.
measure() {
    measure_tkk run -q -o "$1" "$2"
}

status=0
for n in ${BENCH_SIZES:-10000}; do
    for variant in csv ini big; do
        format=$variant label=$(echo "$variant" | tr 'a-z' 'A-Z')
        if [ "$variant" = big ]; then
            format=csv label="CSV, big round"
            export TKK_BIG_ROUND_PROJECTS=0
        else
            unset TKK_BIG_ROUND_PROJECTS
        fi
        ini=$("$python" "$root/tests/bench/gen_projects.py" "$n" "$work" --format "$format") \
            || { status=1; continue; }
        out="$work/out-$variant-$n"
        mkdir -p "$out"
        if ! figures=$(measure "$out" "$ini"); then
            echo "tkk run $n projects ($label): FAILED" >&2
            sed 's/^/    /' "$work/stderr.txt" >&2
            status=1
            continue
        fi
        if [ ! -s "$out/bench-$format-$n.xlsx" ]; then
            echo "tkk run $n projects ($label): no workbook written" >&2
            status=1
            continue
        fi
        echo "$figures" | awk -v n="$n" -v f="$label" -v kb="$(wc -c <"$out/bench-$format-$n.xlsx")" '
            { printf "tkk run %d projects (%s): %.2f s, %.2f s CPU, peak RSS %d MiB, workbook %d KiB\n",
                     n, f, $1, $3, ($2 + 1023) / 1024, (kb + 1023) / 1024 }'
        # The peer of the same run: raw libxlsxwriter in constant_memory mode writing
        # the round's cells (tests/bench/bench_raw_xlsx.c), when `make bench` built it.
        raw="$root/${BUILD:-build}/bench/bench_raw_xlsx"
        csv="${ini%.ini}-projects.csv"
        if [ "$format" = csv ] && [ -x "$raw" ] && [ -x /usr/bin/time ] && [ -f "$csv" ]; then
            /usr/bin/time -f '%e %M %U %S' -o "$work/raw.txt" "$raw" "$csv" "$work/raw.xlsx" >/dev/null \
                && tail -n 1 "$work/raw.txt" | awk -v tkk="$figures" '{
                    split(tkk, t, " "); cpu = $3 + $4
                    printf "  raw libxlsxwriter peer (constant_memory, same cells): %.2f s, %.2f s CPU, peak RSS %d MiB; tkk ÷ raw %.2f (wall), %.2f (CPU)\n",
                           $1, cpu, ($2 + 1023) / 1024, ($1 > 0 ? t[1] / $1 : 0), (cpu > 0 ? t[3] / cpu : 0) }'
            rm -f "$work/raw.xlsx"
        fi
        rm -rf "$out"
    done
    unset TKK_BIG_ROUND_PROJECTS
done
exit $status
