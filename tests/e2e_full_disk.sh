#!/bin/bash
# e2e_full_disk — SPEC §7.5 when a file system is full, checked with small tmpfs mounts
# in a private mount namespace (unshare -m): needs root; exits 77 (skipped) otherwise.
#
# 1. /tmp full: tkk never writes to /tmp (libxlsxwriter's temporary files go beside the
#    output), so the run, compare and sweep all succeed with complete workbooks.
# 2. The output folder full, with 0, 4, 12, 24 and 40 KiB left: each run either
#    succeeds with a complete workbook or exits 3 with the old workbook byte-identical;
#    never a temporary file left; with nothing left, always exit 3.
#
# "Complete": every part of the zip reads back and every XML part parses
# (python zipfile + ElementTree).
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
TKK=${TKK:-$root/tkk}
case $TKK in /*) ;; *) TKK=$(pwd)/$TKK ;; esac
python=/usr/bin/python3
n=0

ok()     { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $*"; }
check()  { if eval "$1"; then ok "$2"; else not_ok "$2"; fi; }

if [ "$(id -u)" -ne 0 ]; then
    echo "skipped: needs root for unshare -m and tmpfs mounts"
    exit 77
fi
if ! unshare -m true 2>/dev/null; then
    echo "skipped: unshare -m is not permitted here"
    exit 77
fi

mkdir -p "$root/build" && work=$(mktemp -d "$root/build/e2e-full-disk.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
cp "$root/scenarios/salo-2021.ini" "$root/scenarios/salo-2021-two-more-coaches.ini" "$work/"

# complete FILE: a zip whose parts all read and whose XML parts all parse.
complete() { "$python" "$root/tests/xlsx_complete.py" "$1" > /dev/null; }

# ---- 1. /tmp full ----------------------------------------------------------------------
# The checkout itself may live under /tmp (a CI clone, a scratch worktree): the tmpfs over
# /tmp would hide it, so inside the namespace the checkout is first bound to a folder
# outside /tmp and everything runs from there.
stage=/run/tkk-e2e-full-disk.$$
mkdir -p "$stage"
staged_work=$stage/${work#"$root"/}
case $TKK in
    "$root"/*) staged_tkk=$stage/${TKK#"$root"/} ;;
    *) staged_tkk=$TKK ;;
esac
cat > "$work/tmp-full.sh" <<EOF
set -u
mount --bind "$root" "$stage" || exit 90
mount -t tmpfs -o size=16k tmpfs /tmp || exit 90
dd if=/dev/zero of=/tmp/filler bs=4k 2>/dev/null   # fills /tmp up to ENOSPC
cd "$staged_work" || exit 91
"$staged_tkk" run -q -o out salo-2021.ini; echo "run=\$?" > status
"$staged_tkk" compare -q -o out/compare.xlsx salo-2021.ini salo-2021-two-more-coaches.ini; echo "compare=\$?" >> status
"$staged_tkk" sweep -q -o out salo-2021.ini --vary staff.coaches.fte=5..7:1; echo "sweep=\$?" >> status
ls -A /tmp > tmp-after
EOF
unshare -m bash "$work/tmp-full.sh" 2>"$work/tmp-full.err"
rmdir "$stage" 2>/dev/null
check '[ "$(cat "$work/status" 2>/dev/null | tr "\n" " ")" = "run=0 compare=0 sweep=0 " ]' \
      "/tmp full: run, compare and sweep succeed ($(tr '\n' ' ' < "$work/status" 2>/dev/null))"
check '[ "$(cat "$work/tmp-after")" = "filler" ]' "/tmp full: nothing was written to /tmp"
for f in salo-2021.xlsx compare.xlsx salo-2021-sweep.xlsx; do
    check 'complete "$work/out/$f"' "/tmp full: $f is complete (every XML part parses)"
done
check '[ "$(ls -A "$work/out" | tr "\n" " ")" = "compare.xlsx salo-2021-sweep.xlsx salo-2021.xlsx " ]' \
      "/tmp full: no temporary file in the output folder"

# ---- 2. the output folder full ---------------------------------------------------------
# One private namespace per level: a 256 KiB tmpfs as the output folder holding the old
# workbook, filled up to `free` KiB left, then tkk run into it again.
"$TKK" run -q -o "$work/reference" "$work/salo-2021.ini" || not_ok "reference run"
for free in 0 4 12 24 40; do
    cat > "$work/out-full.sh" <<EOF
set -u
mkdir -p "$work/full"
mount -t tmpfs -o size=256k tmpfs "$work/full" || exit 90
cp "$work/reference/salo-2021.xlsx" "$work/full/salo-2021.xlsx"
# A sweep of another scenario's old workbook, too (the constant_memory path).
cp "$work/reference/salo-2021.xlsx" "$work/full/salo-2021-sweep.xlsx"
dd if=/dev/zero of="$work/full/filler" bs=1k 2>/dev/null
# Give back \$free KiB (tmpfs counts whole 4 KiB pages).
truncate -s -$((free * 1024)) "$work/full/filler"
cd "$work"
"$TKK" run -q -o full salo-2021.ini 2> run.err; echo \$? > run.status
"$TKK" sweep -q -o full salo-2021.ini --vary staff.coaches.fte=5..7:1 2> sweep.err; echo \$? > sweep.status
ls -A full | sort | tr '\n' ' ' > listing
cp full/salo-2021.xlsx after.xlsx
cp full/salo-2021-sweep.xlsx after-sweep.xlsx
EOF
    rm -f "$work/run.status" "$work/sweep.status"
    unshare -m bash "$work/out-full.sh" 2>>"$work/out-full.err"
    for cmd in run sweep; do
        status=$(cat "$work/$cmd.status" 2>/dev/null || echo missing)
        after=$work/after.xlsx
        [ "$cmd" = sweep ] && after=$work/after-sweep.xlsx
        case $status in
            0)  check 'complete "$after"' \
                      "output folder with $free KiB left: $cmd succeeded with a complete workbook" ;;
            3)  check 'cmp -s "$after" "$work/reference/salo-2021.xlsx"' \
                      "output folder with $free KiB left: $cmd exit 3, old workbook byte-identical ($(grep "^tkk:" "$work/$cmd.err" | head -c 160))" ;;
            *)  not_ok "output folder with $free KiB left: $cmd exit $status (want 0 or 3): $(head -c 200 "$work/$cmd.err")" ;;
        esac
        if [ "$free" -eq 0 ]; then
            check '[ "$status" = 3 ]' "output folder full: $cmd exits 3"
        fi
    done
    check '[ "$(cat "$work/listing")" = "filler salo-2021-sweep.xlsx salo-2021.xlsx " ]' \
          "output folder with $free KiB left: no temporary file ($(cat "$work/listing"))"
done

echo "1..$n"
