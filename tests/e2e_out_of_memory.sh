#!/bin/bash
# e2e_out_of_memory — SPEC §7.5 "out of memory anywhere is `tkk: out of memory` and
# exit 3, never a signal", checked with `ulimit -v` at a sweep of levels on a
# 20 000-project CSV scenario (tests/bench/gen_projects.py): loading, computing and
# writing each run out of memory at some level.
#
# At every level: the exit status is 0 or 3 (never 128 + a signal); on 3 stderr says
# "tkk: out of memory" and the old workbook is byte-identical; on 0 the workbook is
# complete; never a temporary file left in the output folder. The same for `tkk sweep`
# (constant_memory mode) at a few levels.
#
# Skipped (77) under AddressSanitizer, which needs far more address space than any
# level here allows.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
TKK=${TKK:-$root/tkk}
python=/usr/bin/python3
n=0

ok()     { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $*"; }

if grep -q __asan_init "$TKK" 2>/dev/null; then
    echo "skipped: an AddressSanitizer build cannot run under ulimit -v"
    exit 77
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/tkk-e2e-oom.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
ini=$("$python" "$root/tests/bench/gen_projects.py" 20000 "$work") || exit 1
id=bench-csv-20000

complete() { "$python" "$root/tests/xlsx_complete.py" "$1" > /dev/null; }

"$TKK" run -q -o "$work/reference" "$ini" || { not_ok "reference run"; echo "1..$n"; exit 1; }
"$TKK" sweep -q -o "$work/reference" "$ini" --vary bonus.pool=1000000..2000000:1000000 ||
    not_ok "reference sweep"

# one LABEL KB WORKBOOK -- COMMAND...: the command under ulimit -v KB, writing into a
# fresh folder holding the reference WORKBOOK as the old one.
one() {
    local label=$1 kb=$2 book=$3
    shift 4
    local out=$work/out-$label-$kb
    rm -rf "$out"
    mkdir -p "$out"
    cp "$work/reference/$book" "$out/$book"
    ( ulimit -v "$kb"; exec "$@" -q -o "$out" ) > "$work/stdout" 2> "$work/stderr"
    local status=$?
    local why
    why=$(grep '^tkk:' "$work/stderr" | head -c 200)
    case $status in
        0)  if complete "$out/$book"; then
                ok "$label at ulimit -v $kb: exit 0 with a complete workbook"
            else
                not_ok "$label at ulimit -v $kb: exit 0 but the workbook is not complete"
            fi ;;
        3)  if grep -q '^tkk: out of memory' "$work/stderr" &&
               cmp -s "$out/$book" "$work/reference/$book"; then
                ok "$label at ulimit -v $kb: exit 3, old workbook kept ($why)"
            else
                not_ok "$label at ulimit -v $kb: exit 3 without the message or the old workbook ($why)"
            fi ;;
        *)  not_ok "$label at ulimit -v $kb: exit $status (want 0 or 3; >128 is a signal): $why" ;;
    esac
    local listing
    listing=$(ls -A "$out" | tr '\n' ' ')
    if [ "$listing" = "$book " ]; then
        ok "$label at ulimit -v $kb: no temporary file"
    else
        not_ok "$label at ulimit -v $kb: left behind: $listing"
    fi
    echo "$status" > "$work/last-status"
}

failures_seen=0
for kb in 20000 30000 40000 55000 70000 85000 100000 130000 400000; do
    one run "$kb" "$id.xlsx" -- "$TKK" run "$ini"
    [ "$(cat "$work/last-status")" = 3 ] && failures_seen=$((failures_seen + 1))
done
if [ "$failures_seen" -gt 0 ] && [ "$(cat "$work/last-status")" = 0 ]; then
    ok "the sweep of levels reaches both out-of-memory exits ($failures_seen) and success"
else
    not_ok "the levels do not span out of memory and success ($failures_seen exits 3)"
fi
for kb in 40000 70000 100000; do
    one sweep "$kb" "$id-sweep.xlsx" -- "$TKK" sweep "$ini" \
        --vary bonus.pool=1000000..2000000:1000000
done

echo "1..$n"
