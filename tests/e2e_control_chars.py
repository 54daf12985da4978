#!/usr/bin/python3
"""e2e_control_chars — text that XML cannot hold, end to end (SPEC §7.5).

    TKK=./tkk /usr/bin/python3 tests/e2e_control_chars.py

Control characters (U+0001, U+0002, U+001F, ESC) in the scenario's name, description
and prepared_by, in a staff role, a KPI label, an indicator label and a project name
(INI and CSV): `tkk run`, `tkk compare` and `tkk sweep` exit 0 and every XML part of
every workbook parses (python zipfile + ElementTree) — the document properties, the
sheets and the Bonus sheet's cached formula strings, where libxlsxwriter writes text
as it is given. The characters arrive as U+FFFD. A description longer than a cell's
32 767 characters draws a warning naming FILE:LINE, and the run still succeeds.
Prints TAP-style "ok" / "not ok" lines for tests/run-tests.sh.
"""

import os
import re
import subprocess
import sys
import tempfile
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))
import tap  # noqa: E402
from tap import ok  # noqa: E402
import openpyxl  # noqa: E402
import xlsx_complete  # noqa: E402

TKK = os.environ.get("TKK", os.path.join(ROOT, "tkk"))

SCENARIO = """[scenario]
id = ctl
name = A\x01B "quoted" & <tag>
description = first\x02second
prepared_by = P\x1fQ
date = 2021-06-17
start = 2021-01
end = 2021-12
clients = 100

[staff.coaches]
role = Coach\x1b[31m
fte = 2
monthly_salary = 3 000
coach = yes

[kpi.load]
label = Per\x01coach
computed = caseload
target = < 150

[bonus]
pool = 10 000
projects = ctl-projects.csv

[indicator.act]
label = Act\x02ivation
weight = 100 %

[project.p1]
name = One\x01project
grant = 1 000
act = 5
"""

CSV = "id;name;grant;act\np2;Two\x02project;2 000;3\np3;\"Three\x1fproject\";3 000;1\n"

OTHER = """[scenario]
id = other
name = Other\x03one
start = 2021-01
end = 2021-12
[staff.coaches]
role = Coach
fte = 3
monthly_salary = 3 000
"""


def tkk(cwd, *args):
    p = subprocess.run([TKK] + list(args), cwd=cwd, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def part(path, name):
    with zipfile.ZipFile(path) as z:
        return z.read(name).decode("utf-8")


def check_workbook(path, what):
    problems = xlsx_complete.problems(path)
    ok(not problems, "%s: every part reads back and every XML part parses" % what,
       "\n".join(problems))
    try:
        openpyxl.load_workbook(path)
        loaded = True
    except Exception as e:  # noqa: BLE001 — any failure to load is the finding
        loaded = False
        detail = repr(e)
    ok(loaded, "%s: openpyxl loads it" % what, "" if loaded else detail)


def main():
    with tempfile.TemporaryDirectory() as work:
        with open(os.path.join(work, "ctl.ini"), "w", encoding="utf-8") as f:
            f.write(SCENARIO)
        with open(os.path.join(work, "ctl-projects.csv"), "w", encoding="utf-8") as f:
            f.write(CSV)
        with open(os.path.join(work, "other.ini"), "w", encoding="utf-8") as f:
            f.write(OTHER)

        rc, out, err = tkk(work, "run", "-q", "-o", "out", "ctl.ini")
        ok(rc == 0, "run with control characters exits 0", err)
        book = os.path.join(work, "out", "ctl.xlsx")
        if rc == 0:
            check_workbook(book, "run")
            core = part(book, "docProps/core.xml")
            ok("A\ufffdB" in core and "P\ufffdQ" in core and "first\ufffdsecond" in core,
               "document properties carry U+FFFD for the control characters", core)
            custom = part(book, "docProps/custom.xml")
            ok("\x01" not in custom, "custom properties hold no control character", custom)
            sheets = "".join(part(book, n) for n in zipfile.ZipFile(book).namelist()
                             if n.startswith("xl/worksheets/") or n == "xl/sharedStrings.xml")
            ok(not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", sheets),
               "no sheet holds a control character")
            ok("One\ufffdproject" in sheets and "Two\ufffdproject" in sheets,
               "project names (the Bonus sheet's cached formula strings) carry U+FFFD")

        rc, out, err = tkk(work, "compare", "-q", "-o", "out/compare.xlsx", "ctl.ini",
                           "other.ini")
        ok(rc == 0, "compare with control characters exits 0", err)
        if rc == 0:
            check_workbook(os.path.join(work, "out", "compare.xlsx"), "compare")

        rc, out, err = tkk(work, "sweep", "-q", "-o", "out", "ctl.ini",
                           "--vary", "staff.coaches.fte=1..3:1")
        ok(rc == 0, "sweep with control characters exits 0", err)
        if rc == 0:
            check_workbook(os.path.join(work, "out", "ctl-sweep.xlsx"), "sweep")

        # SPEC §7.5: a text past a cell's 32 767 characters draws a warning at FILE:LINE.
        long_text = SCENARIO.replace("description = first\x02second",
                                     "description = " + "x" * 40000)
        with open(os.path.join(work, "long.ini"), "w", encoding="utf-8") as f:
            f.write(long_text.replace("id = ctl", "id = long"))
        rc, out, err = tkk(work, "run", "-q", "-o", "out", "long.ini")
        ok(rc == 0, "a 40 000-character description still gives a workbook", err)
        line = long_text.splitlines().index("description = " + "x" * 40000) + 1
        ok(re.search(r"^long\.ini:%d: warning: a text of 40014 characters is cut" % line, err,
                     re.M),
           "the Inputs sheet's cut line is reported at long.ini:%d" % line, err)
        ok(re.search(r"warning: a text of 40000 characters is cut", err),
           "the cut description cell is reported", err)
        if rc == 0:
            check_workbook(os.path.join(work, "out", "long.xlsx"), "long description")
    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())
