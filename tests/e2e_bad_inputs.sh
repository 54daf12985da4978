#!/bin/bash
# e2e_bad_inputs — the bad-input catalogue (tests/bad/, conventions in tests/bad/README.md).
#
# For every tests/bad/NAME.ini:
#   1. `$TKK check tests/bad/NAME.ini` exits 1 (or N, for a file with a `; exit: N`
#      line: 3 where an input file cannot be read) and its stderr has, for every
#      `; expect: LINE: PATH: TEXT` comment of the file, a line starting with
#      `tests/bad/NAME.ini:LINE: PATH: ` whose message contains TEXT (an expectation
#      `; expect: FILE:LINE: PATH: TEXT` names another file, as printed);
#   2. `$TKK run -o DIR tests/bad/NAME.ini`, with DIR/<id>.xlsx already there, exits so
#      and leaves DIR exactly as it was (the old workbook byte-identical, no new file).
# First, the valid bases the catalogue is made from must pass `check`.
# Prints TAP-style "ok" / "not ok" lines for tests/run-tests.sh.
set -u
cd "$(dirname "$0")/.." || exit 3
TKK=${TKK:-./tkk}

if [ ! -x "$TKK" ]; then
    echo "not ok - tkk binary at $TKK (build it with make, or set TKK)"
    exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/tkk-e2e-bad.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
failures=0
ok()     { echo "ok - $*"; }
not_ok() { echo "not ok - $*"; failures=$((failures + 1)); }
indent() { sed 's/^/    # /' "$1"; }

for base in tests/data/base.ini tests/data/base_bonus.ini; do
    "$TKK" check "$base" >"$tmp/out" 2>"$tmp/err"
    status=$?
    if [ "$status" -eq 0 ] && ! grep -v ': warning: ' "$tmp/err" | grep -q .; then
        ok "$base is valid"
    else
        not_ok "$base is valid (exit $status)"
        indent "$tmp/err"
    fi
done

# has_line FILE LINE PATH TEXT: does $tmp/err have "FILE:LINE: PATH: ..." containing TEXT
# (warnings do not count)? An empty PATH (a problem of the whole line) is printed without
# its ": ".
has_line() {
    PREFIX="$1:$2: ${3:+$3: }" TEXT="$4" awk '
        BEGIN { prefix = ENVIRON["PREFIX"]; text = ENVIRON["TEXT"]; found = 0 }
        index($0, prefix) == 1 {
            rest = substr($0, length(prefix) + 1)
            if (index(rest, "warning: ") != 1 && index(rest, text) > 0) found = 1
        }
        END { exit found ? 0 : 1 }' "$tmp/err"
}

snapshot() {   # every file of a directory with its checksum
    (cd "$1" && find . -type f -print0 | sort -z | xargs -0r sha256sum)
}

n_files=0
for ini in tests/bad/*.ini; do
    [ -e "$ini" ] || continue
    n_files=$((n_files + 1))
    name=${ini#tests/bad/}

    # ---- check: exit 1 (or the file's `; exit: N`) and every expected message
    want_status=$(sed -n 's/^; exit: \([0-9]\)$/\1/p' "$ini" | head -n 1)
    want_status=${want_status:-1}
    "$TKK" check "$ini" >"$tmp/out" 2>"$tmp/err"
    status=$?
    shown=0
    if [ "$status" -eq "$want_status" ]; then
        ok "$name: check exits $want_status"
    else
        not_ok "$name: check exits $want_status (got $status)"
        indent "$tmp/err"; shown=1
    fi
    n_expect=0
    while IFS= read -r expect; do
        expect=${expect#; expect: }
        if [[ $expect =~ ^([0-9]+):\ (.*)$ ]]; then
            file=$ini line=${BASH_REMATCH[1]} rest=${BASH_REMATCH[2]}
        elif [[ $expect =~ ^([^:]+):([0-9]+):\ (.*)$ ]]; then
            file=${BASH_REMATCH[1]} line=${BASH_REMATCH[2]} rest=${BASH_REMATCH[3]}
        else
            not_ok "$name: malformed expectation '; expect: $expect'"
            continue
        fi
        path=${rest%%:*}
        text=${rest#"$path"}
        text=${text#:}
        text=${text# }
        text=${text%"${text##*[! ]}"}      # trailing blanks
        n_expect=$((n_expect + 1))
        want="$file:$line: $path: ${text:+...$text...}"
        if has_line "$file" "$line" "$path" "$text"; then
            ok "$name: reports $want"
        else
            not_ok "$name: reports $want"
            if [ "$shown" -eq 0 ]; then indent "$tmp/err"; shown=1; fi
        fi
    done < <(grep '^; expect: ' "$ini")
    if [ "$n_expect" -eq 0 ]; then
        not_ok "$name: has no '; expect:' line"
    fi

    # ---- run: exit 1 and the existing workbook untouched
    id=$(sed -n 's/^[[:space:]]*id[[:space:]]*=[[:space:]]*\([a-z0-9_-]*\).*/\1/p' "$ini" | head -n 1)
    id=${id:-unknown}
    out="$tmp/run-$n_files"
    mkdir -p "$out"
    printf 'dummy workbook of %s: tkk must not touch it\n' "$name" >"$out/$id.xlsx"
    before=$(snapshot "$out")
    "$TKK" run -q -o "$out" "$ini" >"$tmp/out" 2>"$tmp/err"
    status=$?
    after=$(snapshot "$out")
    if [ "$status" -eq "$want_status" ]; then
        ok "$name: run exits $want_status"
    else
        not_ok "$name: run exits $want_status (got $status)"
        indent "$tmp/err"
    fi
    if [ "$before" = "$after" ]; then
        ok "$name: run leaves $id.xlsx byte-identical and writes nothing"
    else
        not_ok "$name: run leaves $id.xlsx byte-identical and writes nothing"
        diff <(echo "$before") <(echo "$after") | sed 's/^/    # /'
    fi
done

if [ "$n_files" -eq 0 ]; then
    not_ok "tests/bad/ holds no .ini files"
fi
echo "# $n_files bad inputs"
[ "$failures" -eq 0 ]
