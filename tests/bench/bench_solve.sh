#!/bin/sh
# bench_solve — time `tkk solve` (SPEC §7.4): values computed (probes) per second and the
# time to an answer, on scenarios/salo-2021.ini and on a bonus round of 1 000 projects
# from CSV (tests/bench/gen_projects.py, fixed seed).
#
#   TKK=./tkk sh tests/bench/bench_solve.sh
#   BENCH_SOLVE_PROJECTS=10000 sh tests/bench/bench_solve.sh
#
# Each question is timed twice: the real search, and the same question on a grid of the
# answer alone (one probe; the fixed costs of reading the files, the check of the answer
# and the output). The probe rate is (probes − 1) ÷ (search time − one-value time), the
# cost of bisection alone; the time to answer is the whole command. Best of three runs
# each, as the machine is shared. Run by tests/bench/run-bench.sh (`make bench`). Prints
#   tkk solve salo-2021 (...): answer 7.7 after 18 probes in 0.03 s; 850 probes a second, ...
# Exit status 1 if a solve fails.
set -u

. "$(dirname "$0")/measure.sh"
bench_setup bench-solve

# best3 ARGS...: the least "SECONDS KIB" of three `tkk solve ARGS`; status 1 if one fails.
best3() {
    best=""
    for _ in 1 2 3; do
        figures=$(measure_tkk solve -q "$@") || return 1
        best=$(printf '%s\n%s\n' "$best" "$figures" | awk 'NF { print }' | sort -n | head -n 1)
    done
    echo "$best"
}

# bench LABEL FROM_FOR_ONE SCENARIO ARGS...: one line of figures.
bench() {
    label=$1
    scenario=$2
    shift 2
    if ! table=$("$tkk" solve "$scenario" --lang en "$@" 2>"$work/stderr.txt"); then
        echo "tkk solve $label: FAILED" >&2
        sed 's/^/    /' "$work/stderr.txt" >&2
        return 1
    fi
    answer=$(echo "$table" | awk '/^Answer/ { print $2; exit }' | tr -d ',€')
    probes=$(echo "$table" | awk -F': ' '/^Values computed/ { print $2 }')
    full=$(best3 "$scenario" "$@") || { echo "tkk solve $label: FAILED" >&2; return 1; }
    one=$(best3 "$scenario" "$@" --from "$answer" --to "$answer") ||
        { echo "tkk solve $label (one value): FAILED" >&2; return 1; }
    echo "$full $one" | awk -v label="$label" -v answer="$answer" -v probes="$probes" '
        { extra = $1 - $3;
          rate = (probes > 1 && extra > 0) ? (probes - 1) / extra : 0;
          ms = rate ? 1000 / rate : 0;
          fmt = "tkk solve %s: answer %s after %d probes in %.2f s (one-value grid %.2f s); ";
          fmt = fmt "%.0f probes a second (%.1f ms a probe), peak RSS %d MiB\n";
          printf fmt,
                 label, answer, probes, $1, $3, rate, ms,
                 ($2 + 1023) / 1024 }'
}

status=0
bench "salo-2021 (largest staff.coaches.fte, Municipal_Cost <= 600 000)" \
    "$root/scenarios/salo-2021.ini" --find staff.coaches.fte \
    --goal "Municipal_Cost <= 600000" || status=1

n=${BENCH_SOLVE_PROJECTS:-1000}
ini=$("$python" "$root/tests/bench/gen_projects.py" "$n" "$work" --format csv) || exit 1
bench "$n projects (smallest bonus.pool, Bonus_Allocated >= 1 000 000)" "$ini" \
    --find bonus.pool --goal "Bonus_Allocated >= 1000000" --min || status=1
exit $status
