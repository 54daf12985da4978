#!/bin/bash
# e2e_hostile_inputs — inputs a hostile or unlucky user gives tkk (SPEC §7.5, §7.3;
# issue 8): special files, a too-deep extends chain, Latin-1, huge numbers, missing
# files, files past the size and worksheet limits. Each must give a clear error at once
# (every run is guarded by `timeout 10`: a FIFO must not block) with the right exit
# status, and `tkk check` must refuse whatever `tkk run` refuses.
# Prints TAP-style "ok" / "not ok" lines for tests/run-tests.sh.
set -u
cd "$(dirname "$0")/.." || exit 3
TKK=${TKK:-./tkk}
if [ ! -x "$TKK" ]; then
    echo "not ok - tkk binary at $TKK (build it with make, or set TKK)"
    exit 1
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tkk-e2e-hostile.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
failures=0
ok()     { echo "ok - $*"; }
not_ok() { echo "not ok - $*"; failures=$((failures + 1)); }

# expect NAME STATUS TEXT COMMAND...: COMMAND exits STATUS within $LIMIT seconds
# (default 10) and its stderr contains TEXT (any stderr when TEXT is empty).
expect() {
    local name=$1 want=$2 text=$3
    shift 3
    timeout "${LIMIT:-10}" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
    local status=$?
    if [ "$status" -eq "$want" ] && { [ -z "$text" ] || grep -qF -- "$text" "$tmp/err"; }; then
        ok "$name: exit $want, says '$text'"
    else
        not_ok "$name: exit $want, says '$text' (got exit $status)"
        head -c 2000 "$tmp/err" | sed 's/^/    # /'
    fi
}

# both NAME STATUS TEXT FILE: check and run (into an empty folder) both exit STATUS
# with TEXT, and run writes nothing (SPEC §7.5: check finds what run refuses).
both() {
    local name=$1 want=$2 text=$3 file=$4
    expect "$name (check)" "$want" "$text" "$TKK" check "$file"
    rm -rf "$tmp/run-out"
    mkdir "$tmp/run-out"
    expect "$name (run)" "$want" "$text" "$TKK" run -q -o "$tmp/run-out" "$file"
    if [ -z "$(ls -A "$tmp/run-out")" ]; then
        ok "$name: run writes nothing"
    else
        not_ok "$name: run writes nothing (found: $(ls -A "$tmp/run-out" | head -c 200))"
    fi
}

base=tests/data/base.ini
bonus=tests/data/base_bonus.ini

# ---- special files: refused at once, never read (/dev/zero) nor waited on (FIFO)
mkfifo "$tmp/fifo"
both "scenario /dev/zero" 1 "/dev/zero: not a regular file" /dev/zero
both "scenario FIFO" 1 "not a regular file" "$tmp/fifo"
both "scenario folder" 1 "not a regular file" "$tmp"
for target in /dev/zero "$tmp/fifo"; do
    printf '[scenario]\nid = hostile\nextends = %s\n' "$target" >"$tmp/extends.ini"
    both "extends = $target" 1 "$target: not a regular file" "$tmp/extends.ini"
    sed "s|^pool = .*|&\nprojects = $target|" "$bonus" >"$tmp/projects.ini"
    both "projects = $target" 1 "$target: bonus.projects: not a regular file" "$tmp/projects.ini"
done

# ---- missing input files: I/O errors, exit 3 (SPEC §7.3)
both "missing scenario" 3 "cannot read the file: No such file or directory" "$tmp/none.ini"
printf '[scenario]\nid = hostile\nextends = none.ini\n' >"$tmp/orphan.ini"
both "missing extends parent" 3 "orphan.ini:3: scenario.extends: cannot read the parent file" \
    "$tmp/orphan.ini"
sed "s|^pool = .*|&\nprojects = none.csv|" "$bonus" >"$tmp/nocsv.ini"
both "missing projects CSV" 3 "none.csv: bonus.projects: cannot read" "$tmp/nocsv.ini"
expect "show of a missing scenario" 3 "cannot read the file" "$TKK" show "$tmp/none.ini"
expect "compare with a missing scenario" 3 "cannot read the file" \
    "$TKK" compare -o "$tmp/cmp" "$tmp/none.ini" "$base"
expect "sweep of a missing scenario" 3 "cannot read the file" \
    "$TKK" sweep -o "$tmp/sweep" "$tmp/none.ini" --vary staff.coaches.fte=1..2:1
if [ "$(id -u)" -ne 0 ]; then
    cp "$base" "$tmp/locked.ini" && chmod 000 "$tmp/locked.ini"
    both "unreadable scenario" 3 "Permission denied" "$tmp/locked.ini"
else
    ok "# SKIP unreadable scenario: root reads every file"
fi

# ---- an extends chain of 33 files says so: not "cycle", no missing-key follow-ups;
# 32 files are fine
mkdir "$tmp/chain"
for i in $(seq 1 32); do
    printf '[scenario]\nextends = %02d.ini\n' "$i" >"$tmp/chain/$(printf %02d $((i - 1))).ini"
done
cp "$base" "$tmp/chain/32.ini"
both "33-file extends chain" 1 "31.ini:2: scenario.extends: the extends chain is longer than 32 files" \
    "$tmp/chain/00.ini"
if grep -qE "cycle|missing required key" "$tmp/err"; then
    not_ok "33-file extends chain: no 'cycle' and no missing-key errors"
    sed 's/^/    # /' "$tmp/err"
else
    ok "33-file extends chain: no 'cycle' and no missing-key errors"
fi
cp "$base" "$tmp/chain/31.ini"
expect "32-file extends chain" 0 "" "$TKK" check "$tmp/chain/00.ini"

# ---- Latin-1: the first bad byte with its line (SPEC §7.3); a BOM is fine
sed 's/^name = .*/name = P\xe4ij\xe4t-H\xe4me/' "$base" >"$tmp/latin1.ini"
both "Latin-1 INI" 1 "latin1.ini:5: byte 0xE4 is not UTF-8 text" "$tmp/latin1.ini"
{ printf '\xef\xbb\xbf'; cat "$base"; } >"$tmp/bom.ini"
expect "UTF-8 INI with a BOM" 0 "" "$TKK" check "$tmp/bom.ini"

# ---- huge numbers: FILE:LINE errors, never INF cells (SPEC §7.5)
big400="1$(printf '0%.0s' $(seq 400))"
digits="$(printf '9%.0s' $(seq 10000))"
sed "s/^monthly_salary = .*/monthly_salary = $big400/" "$base" >"$tmp/e400.ini"
both "salary 10^400" 1 "e400.ini:12: staff.coaches.monthly_salary: '1000000000" "$tmp/e400.ini"
grep -qF "beyond ±10^15" "$tmp/err" && ok "salary 10^400: says beyond ±10^15" \
    || not_ok "salary 10^400: says beyond ±10^15"
sed "s/^monthly_salary = .*/monthly_salary = $digits/" "$base" >"$tmp/digits.ini"
both "salary of 10 000 digits" 1 "digits.ini:12: staff.coaches.monthly_salary: " "$tmp/digits.ini"
sed "s/^grant = .*/grant = $big400/" "$bonus" >"$tmp/grant.ini"
both "project grant 10^400" 1 "grant.ini:21: project.pori.grant: " "$tmp/grant.ini"
printf 'id;name;grant;activation\npori;Pori;%s;1\n' "$big400" >"$tmp/big.csv"
sed '/^\[project.pori\]/,$d; s|^pool = .*|&\nprojects = big.csv|' "$bonus" >"$tmp/bigcsv.ini"
both "CSV grant 10^400" 1 "big.csv:2:3: project.pori.grant: " "$tmp/bigcsv.ini"
sed "s/^activation = .*/activation = $digits/" "$bonus" >"$tmp/value.ini"
both "indicator value of 10 000 digits" 1 "value.ini:22: project.pori.activation: " "$tmp/value.ini"

# ---- inputs beyond 64 MiB: refused without reading them (sparse files)
cp "$base" "$tmp/huge.ini" && truncate -s 65M "$tmp/huge.ini"
both "INI of 65 MiB" 1 "larger than 64 MiB" "$tmp/huge.ini"
printf 'id;name;grant;activation\n' >"$tmp/huge.csv" && truncate -s 65M "$tmp/huge.csv"
sed '/^\[project.pori\]/,$d; s|^pool = .*|&\nprojects = huge.csv|' "$bonus" >"$tmp/hugecsv.ini"
both "CSV of 65 MiB" 1 "huge.csv: bonus.projects: the file is larger than 64 MiB" "$tmp/hugecsv.ini"

# ---- check = run: what run could not write, check refuses (SPEC §7.5). Files of a
# million lines take seconds to load on a busy machine: these runs get 120 s.
LIMIT=120
long_id=$(printf 'a%.0s' $(seq 240))
sed "s/^id = .*/id = $long_id/" "$base" >"$tmp/longid.ini"
both "id of 240 characters" 1 "longid.ini:4: scenario.id: the id has 240 characters" "$tmp/longid.ini"
# The Inputs sheet's rows: 3 title rows (0..2), the file name (row 3), then a row per
# line up to row 1 048 575: 1 048 572 lines fit, one more does not.
n=$(wc -l <"$base")
{ cat "$base"; yes '; filler' | head -n $((1048572 - n)); } >"$tmp/fit.ini"
{ cat "$tmp/fit.ini"; echo '; one line too many'; } >"$tmp/nofit.ini"
both "INI of 1 048 573 lines" 1 "nofit.ini:1048573: the Inputs sheet copies every input line" \
    "$tmp/nofit.ini"
expect "INI of 1 048 572 lines (check)" 0 "" "$TKK" check "$tmp/fit.ini"
timeout 120 "$TKK" run -q -o "$tmp/fit-out" "$tmp/fit.ini" 2>"$tmp/err"
status=$?
if [ "$status" -eq 0 ] && [ -s "$tmp/fit-out/base.xlsx" ]; then
    ok "INI of 1 048 572 lines: run writes the workbook, as check promised"
else
    not_ok "INI of 1 048 572 lines: run writes the workbook, as check promised (exit $status)"
    head -c 1000 "$tmp/err" | sed 's/^/    # /'
fi
rm -rf "$tmp/fit-out" "$tmp/fit.ini" "$tmp/nofit.ini"
# More line-months with a cost than MonthlyDetail has rows: 1 800 staff lines × 600
# months = 1 080 000 rows (the INI itself has only 7 206 lines).
{ printf '[scenario]\nid = detail\nname = D\nstart = 2000-01\nend = 2049-12\n'
  for i in $(seq 1 1800); do
      printf '[staff.s%d]\nrole = R\nfte = 1\nmonthly_salary = 1\n' "$i"
  done; } >"$tmp/detail.ini"
both "1 080 000 MonthlyDetail rows" 1 "1080000 cost lines × months with a cost do not fit" \
    "$tmp/detail.ini"
# A CSV with more projects than a worksheet has rows.
{ printf 'id;name;grant;activation\n'; seq 1 1048576 | sed 's/.*/p&;P;1;1/'; } >"$tmp/many.csv"
sed '/^\[project.pori\]/,$d; s|^pool = .*|&\nprojects = many.csv|' "$bonus" >"$tmp/many.ini"
both "CSV of 1 048 576 projects" 1 "do not fit" "$tmp/many.ini"

[ "$failures" -eq 0 ]
