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
#     raw libxlsxwriter floor (normal mode with a table, same cells): ...; tkk ÷ floor 1.10 ...
# The peer lines need build/bench/bench_raw_xlsx and build/bench/bench_raw_table (built by
# `make bench`). The second is the honest floor below the constant-memory threshold:
# a sheet with an Excel table cannot be written in constant_memory mode, so tkk (whose
# workbooks must stay byte-identical) cannot go below raw libxlsxwriter in its normal
# mode writing the same cells with the table. Each peer runs BENCH_PEER_REPEAT times
# (default 5) interleaved with tkk, and the medians of CPU seconds are compared (the
# machine may be shared: CPU seconds are the steadier figure).
# Then the CSV round once more as a big round (TKK_BIG_ROUND_PROJECTS=0: the Bonus sheet
# streamed as a plain range, the Inputs sheet summarising the CSV; issue 13), which the
# peer then writes too, so the ratio of a 10⁶-project run shows at any size; and beside
# it the faithful peer, build/bench/bench_same_cells, which writes literally the Bonus
# cells of the workbook tkk just wrote (the same texts, formulas, cached doubles and
# style numbers; it checks its <sheetData> against tkk's byte for byte). bench_raw_xlsx
# makes its derived numbers up (shorter, and they compress better), so it is the
# quicker, less exact peer.
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
        # The peers of the same run: raw libxlsxwriter writing the round's cells in
        # constant_memory mode (tests/bench/bench_raw_xlsx.c) and in normal mode with
        # the table (tests/bench/bench_raw_table.c), when `make bench` built them.
        raw="$root/${BUILD:-build}/bench/bench_raw_xlsx"
        floor="$root/${BUILD:-build}/bench/bench_raw_table"
        csv="${ini%.ini}-projects.csv"
        if [ "$variant" = csv ] && [ -x "$floor" ] && [ -x /usr/bin/time ] && [ -f "$csv" ]; then
            : >"$work/floor.txt"
            for i in $(seq "${BENCH_PEER_REPEAT:-5}"); do
                /usr/bin/time -f 'tkk %e %M %U %S' -a -o "$work/floor.txt" \
                    "$tkk" run -q -o "$out" "$ini" >/dev/null 2>&1
                /usr/bin/time -f 'floor %e %M %U %S' -a -o "$work/floor.txt" \
                    "$floor" "$csv" "$work/floor.xlsx" >/dev/null 2>&1
            done
            awk "$awk_median"'
                $1 == "tkk" { tw[++nt] = $2; tc[nt] = $4 + $5 }
                $1 == "floor" { fw[++nf] = $2; fc[nf] = $4 + $5; fm = $3 > fm ? $3 : fm }
                END {
                    if (nt == 0 || nf == 0) exit
                    a = median(tc, nt); b = median(fc, nf); c = median(tw, nt); d = median(fw, nf)
                    printf "  raw libxlsxwriter floor (normal mode with a table, same cells): %.2f s, %.2f s CPU, peak RSS %d MiB; tkk ÷ floor %.2f (CPU), %.2f (wall); medians of %d: tkk %.2f s CPU\n",
                           d, b, (fm + 1023) / 1024, (b > 0 ? a / b : 0), (d > 0 ? c / d : 0), nf, a }' "$work/floor.txt"
            rm -f "$work/floor.xlsx"
        fi
        if [ "$format" = csv ] && [ -x "$raw" ] && [ -x /usr/bin/time ] && [ -f "$csv" ]; then
            /usr/bin/time -f '%e %M %U %S' -o "$work/raw.txt" "$raw" "$csv" "$work/raw.xlsx" >/dev/null \
                && tail -n 1 "$work/raw.txt" | awk -v tkk="$figures" '{
                    split(tkk, t, " "); cpu = $3 + $4
                    printf "  raw libxlsxwriter peer (constant_memory, cells from the CSV, made-up derived numbers): %.2f s, %.2f s CPU, peak RSS %d MiB; tkk ÷ raw %.2f (wall), %.2f (CPU)\n",
                           $1, cpu, ($2 + 1023) / 1024, ($1 > 0 ? t[1] / $1 : 0), (cpu > 0 ? t[3] / cpu : 0) }'
            rm -f "$work/raw.xlsx"
        fi
        # The faithful peer of a big round: raw libxlsxwriter writing literally the
        # Bonus sheet's cells of the workbook tkk just wrote (tests/bench/bench_same_cells.c,
        # which says "same" when its <sheetData> is byte for byte tkk's). Its own timing
        # covers only the writing; tkk's covers the whole run. Interleaved, medians.
        same="$root/${BUILD:-build}/bench/bench_same_cells"
        if [ "$variant" = big ] && [ -x "$same" ] && [ -x /usr/bin/time ]; then
            cp "$out/bench-$format-$n.xlsx" "$work/tkk-big.xlsx"
            : >"$work/same.txt"
            for i in $(seq "${BENCH_PEER_REPEAT:-5}"); do
                /usr/bin/time -f 'tkk %e %M %U %S' -a -o "$work/same.txt" \
                    "$tkk" run -q -o "$out" "$ini" >/dev/null 2>&1
                "$same" "$work/tkk-big.xlsx" "$work/same.xlsx" 2>/dev/null |
                    awk '{ print "same", $1, $2, $4 }' >>"$work/same.txt"
            done
            awk "$awk_median"'
                $1 == "tkk" { tw[++nt] = $2; tc[nt] = $4 + $5 }
                $1 == "same" { sw[++ns] = $2; sc[ns] = $3; like = like == "" || like == $4 ? $4 : "mixed" }
                END {
                    if (nt == 0 || ns == 0) exit
                    a = median(tw, nt); b = median(sw, ns); c = median(tc, nt); d = median(sc, ns)
                    printf "  raw libxlsxwriter writing tkk'"'"'s own Bonus cells (constant_memory; sheetData %s): %.2f s, %.2f s CPU; tkk ÷ peer %.2f (wall), %.2f (CPU); medians of %d: tkk %.2f s\n",
                           like, b, d, (b > 0 ? a / b : 0), (d > 0 ? c / d : 0), ns, a }' "$work/same.txt"
            rm -f "$work/tkk-big.xlsx" "$work/same.xlsx"
        fi
        rm -rf "$out"
    done
    unset TKK_BIG_ROUND_PROJECTS
done
exit $status
