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
#   tkk run 10000 projects (CSV): 0.41 s, peak RSS 38 MiB
# Wall-clock seconds and the peak resident set of the tkk process, measured with GNU
# time (Debian package `time`) or, without it, Python's getrusage(RUSAGE_CHILDREN).
# Exit status 1 if a run fails or writes no workbook.
set -u

root=$(cd "$(dirname "$0")/../.." && pwd)
python=/usr/bin/python3
tkk=${TKK:-./tkk}
case $tkk in
    /*) ;;
    *) tkk="$(pwd)/$tkk" ;;
esac
if [ ! -x "$tkk" ]; then
    echo "bench_run: no tkk binary at $tkk (set TKK)" >&2
    exit 1
fi

# GNU time when present; install it when we may (root), else fall back to Python.
if [ ! -x /usr/bin/time ]; then
    "$root/tests/install-debs.sh" time >/dev/null 2>&1 || true
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/tkk-bench.XXXXXX") || exit 3
trap 'rm -rf "$work"' EXIT INT TERM

# measure OUTDIR INI: prints "SECONDS KIB" of one `tkk run -q -o OUTDIR INI`; status is tkk's.
measure() {
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f '%e %M' -o "$work/time.txt" "$tkk" run -q -o "$1" "$2" \
            >/dev/null 2>"$work/stderr.txt"
        status=$?
        tail -n 1 "$work/time.txt"
        return $status
    fi
    "$python" - "$tkk" "$1" "$2" 2>"$work/stderr.txt" <<'EOF'
import resource, subprocess, sys, time
start = time.monotonic()
status = subprocess.call([sys.argv[1], "run", "-q", "-o", sys.argv[2], sys.argv[3]],
                         stdout=subprocess.DEVNULL)
elapsed = time.monotonic() - start
print("%.2f %d" % (elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(status)
EOF
}

status=0
for n in ${BENCH_SIZES:-10000}; do
    for format in csv ini; do
        label=$(echo "$format" | tr 'a-z' 'A-Z')
        ini=$("$python" "$root/tests/bench/gen_projects.py" "$n" "$work" --format "$format") \
            || { status=1; continue; }
        out="$work/out-$format-$n"
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
            { printf "tkk run %d projects (%s): %.2f s, peak RSS %d MiB, workbook %d KiB\n",
                     n, f, $1, ($2 + 1023) / 1024, (kb + 1023) / 1024 }'
        rm -rf "$out"
    done
done
exit $status
