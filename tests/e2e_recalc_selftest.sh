#!/bin/bash
# e2e_recalc_selftest — proves that tests/recalc_check.py can fail.
#
# Builds tests/fixtures/recalc_fixture.c, writes a workbook whose cached values are all
# right, one with five wrong ones, and one with formulas LibreOffice cannot evaluate,
# and asserts: the checker passes the first and fails the other two, naming exactly
# the wrong cells (a one-cent money error, a 1e-6 ratio error, a wrong string, a wrong
# SUMPRODUCT, a wrong table total) and not the cell that is only 0,003 € off.
# Prints TAP-style "ok" / "not ok" lines for tests/run-tests.sh; exit 77 = skipped.
set -u
cd "$(dirname "$0")/.." || exit 3

if [ "${TKK_SKIP_RECALC:-}" = 1 ]; then
    echo "skipped: TKK_SKIP_RECALC=1"
    exit 77
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/tkk-e2e-recalc.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
failures=0
ok()     { echo "ok - $*"; }
not_ok() { echo "not ok - $*"; failures=$((failures + 1)); }

# shellcheck disable=SC2046  # pkg-config output is meant to split
if ! cc -std=c11 -Wall -Wextra -o "$tmp/recalc_fixture" tests/fixtures/recalc_fixture.c \
        $(pkg-config --cflags --libs xlsxwriter); then
    not_ok "build tests/fixtures/recalc_fixture.c"
    exit 1
fi
for mode in good bad error; do
    if "$tmp/recalc_fixture" "$mode" "$tmp/$mode.xlsx"; then
        ok "fixture $mode.xlsx written"
    else
        not_ok "fixture $mode.xlsx written"
        exit 1
    fi
done

check() {   # check FILE... → output in $tmp/out, status in $status
    /usr/bin/python3 tests/recalc_check.py "$@" >"$tmp/out" 2>&1
    status=$?
    sed 's/^/    /' "$tmp/out"
}

check "$tmp/good.xlsx"
if [ "$status" -eq 0 ]; then ok "checker passes good.xlsx"; else not_ok "checker passes good.xlsx (exit $status)"; fi
if grep -q "good.xlsx: 17 formula cells checked, 0 mismatches" "$tmp/out"; then
    ok "all 17 formula cells of good.xlsx counted"
else
    not_ok "all 17 formula cells of good.xlsx counted"
fi

check "$tmp/bad.xlsx"
if [ "$status" -eq 1 ]; then ok "checker fails bad.xlsx"; else not_ok "checker fails bad.xlsx (exit $status, want 1)"; fi
for cell in 'Data!B1: =SUM(A1:A3): cached 600.61, recalculated 600.6' \
            'Data!B4: =A1/A3: cached 0.33333' \
            'Data!B5: =IF(B1>500,"yes","no"): cached "no", recalculated "yes"' \
            'Data!B6: =SUMPRODUCT((YEAR(D2:D5)=2021)*E2:E5): cached 31.0, recalculated 30.0' \
            'Tbl!B5: =SUBTOTAL(109,Items[Amount]): cached 45400.5, recalculated 45400.0'; do
    if grep -qF "$cell" "$tmp/out"; then ok "reports $cell"; else not_ok "reports $cell"; fi
done
if grep -q "Data!B11" "$tmp/out"; then
    not_ok "0.003 € difference in Data!B11 is within the money tolerance"
else
    ok "0.003 € difference in Data!B11 is within the money tolerance"
fi
if grep -q "bad.xlsx: 17 formula cells checked, 5 mismatches" "$tmp/out"; then
    ok "exactly 5 mismatches in bad.xlsx"
else
    not_ok "exactly 5 mismatches in bad.xlsx"
fi

check "$tmp/error.xlsx"
if [ "$status" -eq 1 ]; then ok "checker fails error.xlsx"; else not_ok "checker fails error.xlsx (exit $status, want 1)"; fi
for cell in 'Data!B13: =NOSUCHFUNCTION(A1): LibreOffice gives #NAME?' \
            'Data!B14: =A1/0: LibreOffice gives #DIV/0!'; do
    if grep -qF "$cell" "$tmp/out"; then ok "reports $cell"; else not_ok "reports $cell"; fi
done

# Several files, one soffice: the bad one still fails the whole run.
check "$tmp/good.xlsx" "$tmp/bad.xlsx"
if [ "$status" -eq 1 ] && grep -q "good.xlsx: 17 formula cells checked, 0 mismatches" "$tmp/out" \
        && grep -q "bad.xlsx: 17 formula cells checked, 5 mismatches" "$tmp/out"; then
    ok "two files in one run"
else
    not_ok "two files in one run (exit $status)"
fi

[ "$failures" -eq 0 ]
