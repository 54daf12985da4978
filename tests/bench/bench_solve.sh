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
# The mean of 20 runs (salo-2021) or 3 (the bonus round). Every question runs twice over:
# as tkk does it (each probe's value patched into the loaded scenario, issue 13) and
# under TKK_SWEEP_REBUILD=1 (every probe built from the files, as before), so the two
# costs a probe show side by side, in µs. Run by tests/bench/run-bench.sh (`make bench`).
# Prints
#   tkk solve salo-2021 (...): answer 7.7 after 18 probes: 0.03 s CPU (0.05 s wall), ...
#     probe: 60 µs CPU patched, 260 µs rebuilt (TKK_SWEEP_REBUILD=1): rebuilt ÷ patched 4.3
#     in one process (bench_solve_probe): 38 µs CPU patched, 111 µs rebuilt: ... 2.9
# The last line times the same bisection inside one process (build/bench/bench_solve_probe,
# built by `make bench`), which resolves what the process-level difference cannot when a
# probe costs tens of µs beside a 10 ms process (salo-2021).
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

# figures REPEAT SCENARIO ARGS...: "FULL_WALL FULL_CPU KIB ONE_WALL ONE_CPU KIB" of the
# search and of the one-value grid at the answer ($answer).
figures() {
    repeat=$1
    scenario=$2
    shift 2
    full=$(mean "$repeat" "$scenario" "$@") || return 1
    one=$(mean "$repeat" "$scenario" "$@" --from "$answer" --to "$answer") || return 1
    echo "$full $one"
}

# bench LABEL REPEAT SCENARIO PATH GOAL [--min]: three lines of figures.
bench() {
    label=$1
    repeat=$2
    scenario=$3
    find=$4
    goal=$5
    shift 5
    set -- --find "$find" --goal "$goal" "$@"
    if ! table=$("$tkk" solve "$scenario" --lang en "$@" 2>"$work/stderr.txt"); then
        echo "tkk solve $label: FAILED" >&2
        sed 's/^/    /' "$work/stderr.txt" >&2
        return 1
    fi
    answer=$(echo "$table" | awk '/^Answer/ { print $2; exit }' | tr -d ',€')
    probes=$(echo "$table" | awk -F': ' '/^Values computed/ { print $2 }')
    unset TKK_SWEEP_REBUILD
    patched=$(figures "$repeat" "$scenario" "$@") ||
        { echo "tkk solve $label: FAILED" >&2; return 1; }
    rebuilt=$(TKK_SWEEP_REBUILD=1 figures "$repeat" "$scenario" "$@") ||
        { echo "tkk solve $label (TKK_SWEEP_REBUILD=1): FAILED" >&2; return 1; }
    echo "$patched $rebuilt" | awk -v label="$label" -v answer="$answer" -v probes="$probes" '
        function us(full, one) {   # CPU µs a probe, bisection alone
            return (probes > 1 && full > one) ? (full - one) * 1e6 / (probes - 1) : 0 }
        { p = us($2, $5); r = us($8, $11);
          fmt = "tkk solve %s: answer %s after %d probes: %.3f s CPU (%.3f s wall), one-value ";
          fmt = fmt "grid %.3f s CPU; %.0f probes a second (%.0f µs CPU a probe), peak RSS %d MiB\n";
          printf fmt, label, answer, probes, $2, $1, $5, p ? 1e6 / p : 0, p, ($3 + 1023) / 1024;
          printf "  probe: %.0f µs CPU patched, %.0f µs rebuilt (TKK_SWEEP_REBUILD=1, %.3f s CPU to the answer): rebuilt ÷ patched %.1f\n",
                 p, r, $8, (p > 0 ? r / p : 0) }'
    # The same question in one process: its grid from the question line tkk printed
    # ("in 0.00 € … 2,000,000,000.00 € (step 0.01 €) where"), digit-group commas dropped.
    probe="$root/${BUILD:-build}/bench/bench_solve_probe"
    grid=$(echo "$table" | head -n 1 | sed -n 's/.* in \(.*\) … \(.*\) (step \(.*\)) where .*/\1|\2|\3/p' | tr -d ',')
    if [ -x "$probe" ] && [ -n "$grid" ]; then
        direction=max
        case " $* " in *" --min "*) direction=min ;; esac
        from=${grid%%|*} rest=${grid#*|}
        (cd "$root" && "$probe" "$scenario" "$find" "$goal" "$from" "${rest%%|*}" "${rest#*|}" \
            "$direction") | sed 's/^probe: /  in one process (bench_solve_probe): /'
    fi
}

status=0
bench "salo-2021 (largest staff.coaches.fte, Municipal_Cost <= 600 000)" 20 \
    "$root/scenarios/salo-2021.ini" staff.coaches.fte "Municipal_Cost <= 600000" || status=1

n=${BENCH_SOLVE_PROJECTS:-1000}
ini=$("$python" "$root/tests/bench/gen_projects.py" "$n" "$work" --format csv) || exit 1
bench "$n projects (smallest bonus.pool, Bonus_Allocated >= 1 000 000)" 3 "$ini" \
    bonus.pool "Bonus_Allocated >= 1000000" --min || status=1
exit $status
