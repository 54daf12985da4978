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
# and the output). The probe rate is (probes − 1) ÷ (search CPU − one-value CPU), the
# cost of bisection alone; the time to answer is the whole command, in CPU seconds (user
# + system: wall time on a shared machine measures the neighbours) and wall seconds.
# The mean of 20 runs (salo-2021) or 3 (the bonus round). Run by tests/bench/run-bench.sh (`make bench`). Prints
#   tkk solve salo-2021 (...): answer 7.7 after 18 probes: 0.03 s CPU (0.05 s wall), ...
# Exit status 1 if a solve fails.
set -u

. "$(dirname "$0")/measure.sh"
bench_setup bench-solve

# mean REPEAT ARGS...: "WALL CPU KIB" of `tkk solve -q ARGS`, the mean of REPEAT runs
# (CPU = user + system seconds from getrusage, to the microsecond: the figure that matters
# on a shared machine, where wall time measures the neighbours too); status 1 if one fails.
mean() {
    "$python" - "$@" "$tkk" 2>"$work/stderr.txt" <<'PY'
import resource, subprocess, sys, time
repeat, args, tkk = int(sys.argv[1]), sys.argv[2:-1], sys.argv[-1]
start = time.monotonic()
for _ in range(repeat):
    if subprocess.call([tkk, "solve", "-q"] + args, stdout=subprocess.DEVNULL) != 0:
        sys.exit(1)
wall = (time.monotonic() - start) / repeat
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print("%.4f %.4f %d" % (wall, (usage.ru_utime + usage.ru_stime) / repeat, usage.ru_maxrss))
PY
}

# bench LABEL REPEAT SCENARIO ARGS...: one line of figures.
bench() {
    label=$1
    repeat=$2
    scenario=$3
    shift 3
    if ! table=$("$tkk" solve "$scenario" --lang en "$@" 2>"$work/stderr.txt"); then
        echo "tkk solve $label: FAILED" >&2
        sed 's/^/    /' "$work/stderr.txt" >&2
        return 1
    fi
    answer=$(echo "$table" | awk '/^Answer/ { print $2; exit }' | tr -d ',€')
    probes=$(echo "$table" | awk -F': ' '/^Values computed/ { print $2 }')
    full=$(mean "$repeat" "$scenario" "$@") || { echo "tkk solve $label: FAILED" >&2; return 1; }
    one=$(mean "$repeat" "$scenario" "$@" --from "$answer" --to "$answer") ||
        { echo "tkk solve $label (one value): FAILED" >&2; return 1; }
    echo "$full $one" | awk -v label="$label" -v answer="$answer" -v probes="$probes" '
        { extra = $2 - $5;
          rate = (probes > 1 && extra > 0) ? (probes - 1) / extra : 0;
          ms = rate ? 1000 / rate : 0;
          fmt = "tkk solve %s: answer %s after %d probes: %.3f s CPU (%.3f s wall), one-value ";
          fmt = fmt "grid %.3f s CPU; %.0f probes a second (%.2f ms CPU a probe), peak RSS %d MiB\n";
          printf fmt, label, answer, probes, $2, $1, $5, rate, ms, ($3 + 1023) / 1024 }'
}

status=0
bench "salo-2021 (largest staff.coaches.fte, Municipal_Cost <= 600 000)" 20 \
    "$root/scenarios/salo-2021.ini" --find staff.coaches.fte \
    --goal "Municipal_Cost <= 600000" || status=1

n=${BENCH_SOLVE_PROJECTS:-1000}
ini=$("$python" "$root/tests/bench/gen_projects.py" "$n" "$work" --format csv) || exit 1
bench "$n projects (smallest bonus.pool, Bonus_Allocated >= 1 000 000)" 3 "$ini" \
    --find bonus.pool --goal "Bonus_Allocated >= 1000000" --min || status=1
exit $status
