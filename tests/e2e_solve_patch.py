#!/usr/bin/python3
"""e2e_solve_patch — `tkk solve` patching each probe's value into the loaded scenario
(issue 13: src/cli/solve_loader.c, src/load/scenario_patch.c) gives exactly what building
every probe from the files gives (TKK_SWEEP_REBUILD=1).

    TKK=./tkk /usr/bin/python3 tests/e2e_solve_patch.py
    TKK_PEER=/path/to/older/tkk ...    # also compare with another binary (speed work)

For every question below — the README's and tests/e2e_solve.py's, keys the patch takes
(FTE, salary, side costs, rent, bonus pool, rate, min_score, a project's grant), keys it
leaves to the loader (a key the file does not write, a share the file does not write, a
count), grids that reach values the patch refuses (an FTE of 0, negative values, a share
above 100 %), the same PATH also given with --set, a CSV bonus round — both ways must give
the same exit status, the same stdout and stderr, and byte-identical solved workbooks
(-o). With TKK_PEER the same holds between ./tkk and that binary (both building as they
do by default).
Prints TAP-style "ok" / "not ok" lines for tests/run-tests.sh.
"""

import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))
import tap  # noqa: E402
from tap import ok  # noqa: E402

TKK = os.environ.get("TKK", os.path.join(ROOT, "tkk"))
PEER = os.environ.get("TKK_PEER")
SALO = "scenarios/salo-2021.ini"
B14 = "scenarios/bonus-2014.ini"
B15 = "scenarios/bonus-2015.ini"

# (what the case shows, arguments after `tkk solve`)
CASES = [
    ("README: largest coach FTE, Municipal_Cost (en)",
     [SALO, "--find", "staff.coaches.fte", "--goal", "Municipal_Cost <= 600 000", "--lang", "en"]),
    ("README: smallest coach FTE, Caseload (fi; 0 FTE goes to the loader)",
     [SALO, "--find", "staff.coaches.fte", "--goal", "Caseload <= 150", "--min"]),
    ("coach salary",
     [SALO, "--find", "staff.coaches.monthly_salary", "--goal", "Municipal_Cost <= 600 000"]),
    ("side costs, a ratio sent as '%'",
     [SALO, "--find", "staff.coaches.side_costs", "--goal", "Total_Cost <= 1 100 000",
      "--lang", "en"]),
    ("rent",
     [SALO, "--find", "premises.module.monthly_rent", "--goal", "Total_Cost <= 1 100 000",
      "--to", "100000"]),
    ("a share the file does not write: loader",
     [SALO, "--find", "funding.state_share", "--goal", "Municipal_Net_Cost <= 500000",
      "--min", "--lang", "en"]),
    ("a key the file does not write: loader",
     [SALO, "--find", "cost.other.monthly", "--goal", "Total_Cost <= 1 200 000",
      "--to", "20000", "--lang", "en"]),
    ("a count: loader",
     [SALO, "--find", "scenario.clients", "--goal", "Caseload <= 150", "--lang", "en"]),
    ("the same PATH given with --set",
     [SALO, "--set", "staff.coaches.fte=3", "--find", "staff.coaches.fte",
      "--goal", "Municipal_Cost <= 600 000"]),
    ("another --set",
     [SALO, "--set", "staff.planners.fte=0", "--find", "staff.coaches.fte",
      "--goal", "Municipal_Cost <= 600 000", "--lang", "en"]),
    ("no value meets the goal (exit 1)",
     [SALO, "--find", "staff.coaches.fte", "--goal", "Total_Cost < 1", "--lang", "en"]),
    ("a negative grid value: invalid (exit 1)",
     [SALO, "--find", "staff.coaches.fte", "--goal", "Total_Cost < 1", "--from", "-5",
      "--to", "5"]),
    ("a share above 100 %: invalid (exit 1)",
     [SALO, "--find", "staff.coaches.side_costs", "--goal", "Total_Cost <= 1 100 000",
      "--to", "150 %"]),
    ("bonus rate",
     [B14, "--find", "bonus.rate", "--goal", "Bonus_Allocated <= 300000", "--lang", "en"]),
    ("bonus min_score",
     [B14, "--find", "bonus.min_score", "--goal", "Bonus_Allocated >= 500000",
      "--lang", "en"]),
    ("a project's grant",
     [B14, "--find", "project.lieksa.grant", "--goal", "Bonus_Allocated <= 600000",
      "--to", "2000000"]),
    ("bonus pool, CSV projects",
     [B15, "--find", "bonus.pool", "--goal", "Bonus_Allocated >= 300000", "--min",
      "--to", "1389000", "--lang", "en"]),
    ("not monotone: the warning",
     [B15, "--find", "bonus.pool", "--goal", "Bonus_Unallocated <= 100", "--to", "1000000",
      "--step", "1", "--lang", "en"]),
]


def solve(binary, args, out, rebuild):
    """(exit status, stdout, stderr, workbook bytes or None) of one solve with -o out."""
    env = dict(os.environ)
    env.pop("TKK_SWEEP_REBUILD", None)
    if rebuild:
        env["TKK_SWEEP_REBUILD"] = "1"
    if os.path.exists(out):
        os.remove(out)
    p = subprocess.run([binary, "solve"] + args + ["-o", out], cwd=ROOT,
                       capture_output=True, text=True, env=env)
    book = None
    if os.path.exists(out):
        with open(out, "rb") as f:
            book = f.read()
        os.remove(out)
    return p.returncode, p.stdout, p.stderr, book


def compare(what, a, b, names):
    ok(a[0] == b[0], "%s: the same exit status (%s)" % (what, names),
       "exit %d / %d\n%s\n%s" % (a[0], b[0], a[2], b[2]))
    ok(a[1] == b[1] and a[2] == b[2], "%s: the same stdout and stderr (%s)" % (what, names),
       "%s:\n%s%s\n%s:\n%s%s" % (names.split()[0], a[1], a[2], names.split()[-1], b[1], b[2]))
    ok(a[3] == b[3], "%s: byte-identical solved workbooks (%s)" % (what, names),
       "sizes %s / %s" % (a[3] and len(a[3]), b[3] and len(b[3])))


def main():
    with tempfile.TemporaryDirectory(prefix="tkk-solve-patch-") as tmp:
        out = os.path.join(tmp, "solved.xlsx")
        answered = 0
        for what, args in CASES:
            patched = solve(TKK, args, out, False)
            rebuilt = solve(TKK, args, out, True)
            answered += patched[0] == 0 and patched[3] is not None
            compare(what, patched, rebuilt, "patched vs rebuilt")
            if PEER and shutil.which(PEER):
                compare(what, patched, solve(PEER, args, out, False), "tkk vs TKK_PEER")
        # The cases must mostly find an answer and write a workbook, or the comparison
        # of workbooks says little.
        ok(answered >= 13, "most questions answered with a workbook (%d of %d)" %
           (answered, len(CASES)))
    tap.finish()


if __name__ == "__main__":
    main()
