#!/bin/bash
# run-tests — the whole test suite: unit-test binaries, then end-to-end scripts.
#
#   TKK=./tkk ./tests/run-tests.sh build/tests/test_money build/tests/test_bonus ...
#
# Runs every cmocka binary given as an argument, then every tests/e2e_*.sh (bash) and
# tests/e2e_*.py (/usr/bin/python3: it has openpyxl and uno; the python3 on PATH may
# not). One line per program, its full output when it fails (or always with
# TKK_TEST_VERBOSE=1), and last the line "N passed, N failed", which CI parses.
#
# Counting: a cmocka binary contributes its "[  PASSED  ]" / "[  FAILED  ]" counts; an
# e2e script its "ok ..." / "not ok ..." lines (TAP style). A program that exits
# non-zero without a counted failure (a crash, a sanitizer report, a leak) adds one
# failure; one that exits 0 without counted checks adds one pass. Exit status 77
# means skipped (e.g. TKK_SKIP_RECALC=1, or a missing input): counted in neither.
#
# Environment: TKK (default ./tkk) is exported to the e2e scripts as an absolute path;
# TKK_SKIP_RECALC=1 skips the LibreOffice recalculation; TKK_TEST_TIMEOUT seconds per
# program (default 900); TKK_E2E_ONLY=PATTERN runs only e2e scripts matching it.
set -u

here=$(pwd)
root=$(cd "$(dirname "$0")/.." && pwd)

absolute() {
    case $1 in
        /*) printf '%s\n' "$1" ;;
        *)  printf '%s\n' "$here/$1" ;;
    esac
}

TKK=$(absolute "${TKK:-./tkk}")
export TKK
export TKK_SKIP_RECALC="${TKK_SKIP_RECALC:-}"
timeout_s=${TKK_TEST_TIMEOUT:-900}
python=/usr/bin/python3

units=()
for bin in "$@"; do
    units+=("$(absolute "$bin")")
done

cd "$root" || exit 3

total_pass=0
total_fail=0
n_skip=0
failed_programs=()
log=$(mktemp "${TMPDIR:-/tmp}/tkk-test-log.XXXXXX")
trap 'rm -f "$log"' EXIT

# The output of a program, indented; passed checks ("ok ...") only when verbose.
show_log() {
    if [ -n "${TKK_TEST_VERBOSE:-}" ]; then
        sed 's/^/    | /' "$log"
    else
        grep -v '^ok\b' "$log" | sed 's/^/    | /'
    fi
}

# report NAME STATUS PASSED FAILED
report() {
    local name=$1 status=$2 pass=$3 fail=$4 verdict detail
    if [ "$status" -eq 77 ]; then
        n_skip=$((n_skip + 1))
        detail=$(grep -v '^[[:space:]]*$' "$log" | tail -n 1)
        printf 'SKIP  %-32s %s\n' "$name" "${detail:-skipped}"
        [ -n "${TKK_TEST_VERBOSE:-}" ] && show_log
        return
    fi
    if [ "$status" -ne 0 ] && [ "$fail" -eq 0 ]; then
        fail=1          # crashed, sanitizer, leak, timeout: one failure of its own
    fi
    if [ "$status" -eq 0 ] && [ "$pass" -eq 0 ] && [ "$fail" -eq 0 ]; then
        pass=1
    fi
    total_pass=$((total_pass + pass))
    total_fail=$((total_fail + fail))
    if [ "$fail" -eq 0 ] && [ "$status" -eq 0 ]; then
        verdict=PASS
    else
        verdict=FAIL
        failed_programs+=("$name")
    fi
    detail="$pass passed, $fail failed"
    [ "$status" -ne 0 ] && detail="$detail (exit status $status)"
    [ "$status" -eq 124 ] && detail="$detail (timed out after ${timeout_s}s)"
    printf '%s  %-32s %s\n' "$verdict" "$name" "$detail"
    if [ "$verdict" = FAIL ] || [ -n "${TKK_TEST_VERBOSE:-}" ]; then
        show_log
    fi
}

# Sum cmocka's "[  PASSED  ] N test(s)." / "[  FAILED  ] N test(s)" over all groups.
cmocka_count() {
    awk -v want="$1" '
        $0 ~ "^\\[  " want "  \\] [0-9]+ test" {
            sub("^\\[  " want "  \\] ", ""); n += $1 + 0
        }
        END { print n + 0 }' "$log"
}

for bin in ${units[@]+"${units[@]}"}; do
    name=$(basename "$bin")
    if [ ! -x "$bin" ]; then
        echo "no executable $bin" >"$log"
        report "$name" 127 0 1
        continue
    fi
    timeout "$timeout_s" "$bin" >"$log" 2>&1 </dev/null
    status=$?
    report "$name" "$status" "$(cmocka_count PASSED)" "$(cmocka_count FAILED)"
done

for script in tests/e2e_*.sh tests/e2e_*.py; do
    [ -e "$script" ] || continue
    case ${TKK_E2E_ONLY:-} in
        "") ;;
        *) case $script in *${TKK_E2E_ONLY}*) ;; *) continue ;; esac ;;
    esac
    name=$(basename "$script")
    case $script in
        *.sh) timeout "$timeout_s" bash "$script" >"$log" 2>&1 </dev/null ;;
        *.py) timeout "$timeout_s" "$python" "$script" >"$log" 2>&1 </dev/null ;;
    esac
    status=$?
    pass=$(grep -c '^ok\b' "$log")
    fail=$(grep -c '^not ok\b' "$log")
    report "$name" "$status" "$pass" "$fail"
done

echo
if [ "$n_skip" -gt 0 ]; then
    echo "$n_skip program(s) skipped"
fi
if [ "${#failed_programs[@]}" -gt 0 ]; then
    echo "failed: ${failed_programs[*]}"
fi
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
