#!/bin/sh
# same_workbooks — do two tkk binaries write byte-identical workbooks for the same inputs?
#
#   sh tests/bench/same_workbooks.sh OLD_TKK NEW_TKK FILE.ini...
#
# For a change that is meant to be speed only (issue 13): run both binaries on every
# scenario (e.g. scenarios/*.ini and the oracles' random scenarios kept with
# TKK_ORACLE_KEEP=DIR) with --lang fi and --lang en, and cmp the workbooks. Prints one
# line per difference and a closing count; exit 1 when any workbook differs or only one
# binary succeeds.
set -u
old=$1 new=$2
shift 2
work=$(mktemp -d "${TMPDIR:-/tmp}/tkk-same.XXXXXX") || exit 3
trap 'rm -rf "$work"' EXIT INT TERM
same=0 differ=0
for ini in "$@"; do
    for lang in fi en; do
        rm -rf "$work/a" "$work/b"
        mkdir -p "$work/a" "$work/b"
        "$old" run -q --lang "$lang" -o "$work/a" "$ini" >/dev/null 2>&1
        a=$?
        "$new" run -q --lang "$lang" -o "$work/b" "$ini" >/dev/null 2>&1
        b=$?
        if [ "$a" != "$b" ]; then
            echo "DIFFERENT EXIT $ini ($lang): $a vs $b"
            differ=$((differ + 1))
            continue
        fi
        for f in "$work"/a/*.xlsx; do
            [ -e "$f" ] || continue
            if cmp -s "$f" "$work/b/$(basename "$f")"; then
                same=$((same + 1))
            else
                echo "DIFFERENT $ini ($lang): $(basename "$f")"
                differ=$((differ + 1))
            fi
        done
    done
done
echo "same workbooks: $same identical, $differ different"
[ "$differ" -eq 0 ]
