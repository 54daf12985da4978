#!/usr/bin/python3
"""e2e_sweep_patch — `tkk sweep` patching the varied values into the loaded scenario
(issue 13, src/load/scenario_patch.c) writes the very bytes the full rebuild of every variant
writes (TKK_SWEEP_REBUILD=1).

    TKK=./tkk /usr/bin/python3 tests/e2e_sweep_patch.py

For every key scenario_patch takes (staff fte/monthly_salary/side_costs, premises
setup/monthly_rent, cost amount/monthly, funding state_share/state_cap/own_min_share,
reward allocation and criterion amount, bonus pool/rate/cap/min_score/unit, project
grant) and for keys it leaves to the loader (a month, reference_tmt, a weight): a sweep
whose list mixes values the patch takes with values that go back to the loader (a ratio
above 1 without % that warns, an FTE of 0, a salary near the 10^15 limit of compounding
raises) must give byte-identical
workbooks, the same exit status and the same messages with and without the patch; an
invalid value (negative, outside 0..100 %, not a number) must stop both the same way,
with nothing written. Also a CSV bonus sweep (scenarios/bonus-2015.ini) both ways.
Prints TAP-style "ok" / "not ok" lines for tests/run-tests.sh.
"""

import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))
import tap  # noqa: E402
from tap import ok  # noqa: E402

TKK = os.environ.get("TKK", os.path.join(ROOT, "tkk"))

FUNDED = """[scenario]
id = patched
name = Patch test
start = 2021-03
end = 2022-12
clients = 900
[indexation]
2022-01 = 2 %
[staff.coaches]
role = Coach
fte = 6
monthly_salary = 3 000
side_costs = 23,4 %
coach = yes
[staff.state-coaches]
role = State coach
fte = 2
monthly_salary = 3 100
payer = state
coach = yes
[staff.planner]
role = Planner
fte = 1,5
monthly_salary = 2 900
[premises.module]
setup = 26 000
setup_month = 2021-04
monthly_rent = 2 400
[cost.renovation]
category = premises
amount = 17 000
month = 2021-03
[cost.licences]
category = other
monthly = 120
[funding]
state_share = 50 %
state_cap = 200 000
reference_tmt = 4 000 000
own_min_share = 15 %
[kpi.caseload]
computed = caseload
target = <= 150
[reward]
allocation = 40 000
[reward.permanent]
amount = 1 500
persons = 14
"""

# (scenario, --vary arguments, what the case shows)
CASES = [
    ("funded", ["staff.coaches.fte=1..12:0.5", "staff.planner.monthly_salary=2000;3 100,50 €;0"],
     "fte range × salary list"),
    ("funded", ["staff.coaches.fte=3;0;4", "premises.module.monthly_rent=100;2 400"],
     "an FTE of 0 goes to the loader (caseload rule) between patched ones"),
    ("funded", ["staff.coaches.side_costs=10 %;0.25;30 %;100 %"], "side costs"),
    ("funded", ["staff.coaches.monthly_salary=3000;500 000 000 000 000"],
     "a salary near the limit: loader"),
    ("funded", ["premises.module.setup=0..30000:7500"], "premises setup"),
    ("funded", ["cost.renovation.amount=1/3;17000", "cost.licences.monthly=0;99,99"],
     "cost amount and monthly, a fraction"),
    ("funded", ["funding.state_share=0..100 %:25 %", "funding.state_cap=1000;1 000 000"],
     "state share and cap"),
    ("funded", ["funding.own_min_share=0;5 %;1"], "own minimum share"),
    ("funded", ["funding.reference_tmt=1 000 000;4 000 000"], "reference_tmt: loader"),
    ("funded", ["premises.module.setup_month=2021-03;2021-09"], "a month: loader"),
    ("funded", ["reward.allocation=0;10 000", "reward.permanent.amount=500..2000:500"],
     "rewards"),
    ("funded", ["STAFF.Coaches.FTE=2;3"], "a path in capitals"),
    ("bonus-2014", ["bonus.pool=100 000..2 000 000:300 000", "bonus.rate=10 %;20 %;0.3"],
     "bonus pool and rate"),
    ("bonus-2014", ["bonus.min_score=0;0,5;0,7", "bonus.unit=0,01;500;1000"],
     "min_score and unit"),
    ("bonus-2014", ["project.lieksa.grant=0;200 000;2 000 000"], "a project's grant"),
    ("bonus-2014", ["bonus.rate=20 %;1.5;0.2"], "a rate above 1 without % warns: loader"),
    ("bonus-2014", ["indicator.aktivointi.weight=60 %;0.6"], "a weight: loader"),
    ("bonus-2015", ["bonus.pool=100 000..1 400 000:100 000"], "CSV projects"),
]

INVALID = [
    ("funded", ["staff.coaches.fte=2;-1;3"], "a negative FTE"),
    ("funded", ["staff.coaches.side_costs=20 %;150 %"], "side_costs above 100 %"),
    ("funded", ["staff.coaches.monthly_salary=3000;999 999 999 999 999"],
     "a salary the raise takes beyond 10^15"),
    ("funded", ["staff.coaches.fte=1;0", "staff.state-coaches.fte=0"], "no coach FTE left"),
    ("funded", ["funding.state_share=50 %;120 %"], "a share above 100 %"),
    ("funded", ["funding.state_share=0.5;1.5"], "a share above 1 without %"),
    ("funded", ["premises.module.monthly_rent=100;abc"], "not a number"),
    ("funded", ["premises.module.monthly_rent=100;50 %"], "a percent on a money key"),
    ("bonus-2014", ["bonus.unit=500;0"], "a unit of 0"),
    ("bonus-2014", ["bonus.min_score=0,5;1,5"], "a min_score above 1"),
]


def sweep(ini, varies, out, rebuild):
    env = dict(os.environ)
    if rebuild:
        env["TKK_SWEEP_REBUILD"] = "1"
    else:
        env.pop("TKK_SWEEP_REBUILD", None)
    args = [TKK, "sweep", "-q", "-o", out, ini]
    for v in varies:
        args += ["--vary", v]
    p = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, env=env)
    books = sorted(os.listdir(out)) if os.path.isdir(out) else []
    data = [open(os.path.join(out, b), "rb").read() for b in books]
    return p.returncode, p.stderr, books, data


def main():
    with tempfile.TemporaryDirectory(prefix="tkk-sweep-patch-") as tmp:
        inis = {
            "funded": os.path.join(tmp, "funded.ini"),
            "bonus-2014": os.path.join(ROOT, "scenarios", "bonus-2014.ini"),
            "bonus-2015": os.path.join(ROOT, "scenarios", "bonus-2015.ini"),
        }
        with open(inis["funded"], "w") as f:
            f.write(FUNDED)
        n = 0
        for cases, valid in ((CASES, True), (INVALID, False)):
            for name, varies, what in cases:
                n += 1
                a = sweep(inis[name], varies, os.path.join(tmp, "a%d" % n), False)
                b = sweep(inis[name], varies, os.path.join(tmp, "b%d" % n), True)
                if valid:
                    ok(a[0] == 0 and b[0] == 0 and len(a[3]) == 1,
                       "sweep %s: patched and rebuilt both succeed" % what,
                       "exit %d / %d\n%s" % (a[0], b[0], a[1] + b[1]))
                    ok(a[3] == b[3] and a[2] == b[2],
                       "sweep %s: byte-identical workbooks" % what)
                else:
                    ok(a[0] == 1 and b[0] == 1 and not a[3] and not b[3],
                       "sweep %s: both stop with exit 1, nothing written" % what,
                       "exit %d / %d" % (a[0], b[0]))
                ok(a[1] == b[1], "sweep %s: the same messages" % what,
                   "patched:\n%s\nrebuilt:\n%s" % (a[1], b[1]))
    tap.finish()


if __name__ == "__main__":
    main()
