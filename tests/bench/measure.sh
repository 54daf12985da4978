# measure.sh — what the shell benchmarks share; sourced, not run (run-bench.sh runs
# only bench_*.sh).
#
#   . "$(dirname "$0")/measure.sh"
#   bench_setup bench_run          # sets root, python, tkk (absolute), work (removed at exit)
#   figures=$(measure_tkk run -q -o OUT FILE.ini)    # "SECONDS KIB CPU"; status is tkk's
#
# Wall-clock seconds, the peak resident set and the CPU seconds (user + system) of the
# tkk process — on a shared, loaded machine the CPU seconds are the steadier figure —
# from GNU time
# (Debian package `time`, installed when we may) or, without it, Python's
# getrusage(RUSAGE_CHILDREN). tkk's stderr goes to "$work/stderr.txt".

bench_setup() {
    root=$(cd "$(dirname "$0")/../.." && pwd)
    python=/usr/bin/python3
    tkk=${TKK:-./tkk}
    case $tkk in
        /*) ;;
        *) tkk="$(pwd)/$tkk" ;;
    esac
    if [ ! -x "$tkk" ]; then
        echo "$1: no tkk binary at $tkk (set TKK)" >&2
        exit 1
    fi
    if [ ! -x /usr/bin/time ]; then
        "$root/tests/install-debs.sh" time >/dev/null 2>&1 || true
    fi
    work=$(mktemp -d "${TMPDIR:-/tmp}/tkk-$1.XXXXXX") || exit 3
    trap 'rm -rf "$work"' EXIT INT TERM
}

measure_tkk() {
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f '%e %M %U %S' -o "$work/time.txt" "$tkk" "$@" >/dev/null 2>"$work/stderr.txt"
        measured=$?
        tail -n 1 "$work/time.txt" | awk '{ printf "%s %s %.2f\n", $1, $2, $3 + $4 }'
        return $measured
    fi
    "$python" - "$tkk" "$@" 2>"$work/stderr.txt" <<'PY'
import resource, subprocess, sys, time
start = time.monotonic()
status = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL)
elapsed = time.monotonic() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print("%.2f %d %.2f" % (elapsed, usage.ru_maxrss, usage.ru_utime + usage.ru_stime))
sys.exit(status)
PY
}

# An awk function, median(array, n), for the peers' interleaved runs: awk "$awk_median"'...'
awk_median='
    function median(a, n,   i, j, t) {
        for (i = 2; i <= n; i++)
            for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
        return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
'
