#!/usr/bin/python3
"""e2e_compare_sweep — `tkk compare` and `tkk sweep` end to end (SPEC §2, §6).

    TKK=./tkk /usr/bin/python3 tests/e2e_compare_sweep.py

Compare: three scenarios with different, overlapping periods (2021–2022, 2022–2023,
2022) → the Comparison table aligned by year with blanks where a scenario has no such
year, Δ and Δ% against the first, every figure equal to the scenario's own workbook
(`tkk run`), the InputDiff rows, Finnish headers under --lang fi, the shipped
salo-2021-two-more-coaches against salo-2021, byte-identical re-runs, and LibreOffice
recalculating every formula (skipped with TKK_SKIP_RECALC=1).
Sweep: a two-dimensional sweep of scenarios/salo-2021.ini whose every row equals
`tkk run --set ...` with the same values; the range, autofilter, frozen panes, defined
name `Sweep`; a line chart only for a one-dimensional sweep.
Errors: a PATH that does not exist, a zero step, a value that does not parse, too many
variants, no common year, an output that cannot be written; a failed run leaves an
existing workbook untouched.
Prints TAP-style "ok" / "not ok" lines for tests/run-tests.sh.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))
import tap  # noqa: E402
import xlsx_tables  # noqa: E402
from tap import ok  # noqa: E402
import openpyxl  # noqa: E402

TKK = os.environ.get("TKK", os.path.join(ROOT, "tkk"))


def tkk(*args):
    p = subprocess.run([TKK] + list(args), cwd=ROOT, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def money_eq(a, b):
    return a is not None and b is not None and abs(float(a) - float(b)) < 0.005


def close(a, b):
    return a is not None and b is not None and \
        abs(float(a) - float(b)) <= 1e-9 * max(1.0, abs(float(a)), abs(float(b)))


# ---- three scenarios with different periods -------------------------------------------

P1 = """[scenario]
id = p1
name = Kaksi vuotta
start = 2021-03
end = 2022-12
clients = 900
[staff.coaches]
role = Omavalmentaja
fte = 6
monthly_salary = 3 000
side_costs = 23,4 %
coach = yes
[staff.state]
role = Valtion omavalmentaja
fte = 2,5
monthly_salary = 3 100
side_costs = 23,4 %
payer = state
coach = yes
[premises.module]
setup = 26 000
monthly_rent = 2 400
[funding]
state_share = 50 %
[kpi.caseload]
computed = caseload
target = <= 150
"""

P2 = """[scenario]
id = p2
name = Seuraavat puolitoista vuotta
start = 2022-01
end = 2023-06
clients = 900
[staff.coaches]
role = Omavalmentaja
fte = 8
monthly_salary = 3 000
side_costs = 23,4 %
coach = yes
[premises.module]
monthly_rent = 3 000
[cost.it]
category = other
monthly = 150,55
[funding]
state_share = 40 %
[kpi.caseload]
computed = caseload
target = <= 150
"""

P3 = """[scenario]
id = p3
name = Puoli vuotta
start = 2022-06
end = 2022-12
[staff.coaches]
role = Omavalmentaja
fte = 6
monthly_salary = 3 000
side_costs = 23,4 %
coach = yes
"""

P_LATE = """[scenario]
id = late
name = Myöhemmin
start = 2025-01
end = 2025-12
[staff.coaches]
role = Omavalmentaja
fte = 1
monthly_salary = 3 000
"""


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def funding_by_year(xlsx):
    """{year or 'total': Funding row} of a scenario workbook written with --lang en."""
    with xlsx_tables.open_book(xlsx) as book:
        rows = {r["Year"]: r for r in book.rows("Funding")}
        if book.total_row("Funding"):   # the table's totals row (SPEC §7.3)
            rows["total"] = book.total_row("Funding")
        return rows


def compare_checks(tmp):
    files = []
    for name, text in (("p1", P1), ("p2", P2), ("p3", P3), ("late", P_LATE)):
        path = os.path.join(tmp, name + ".ini")
        write(path, text)
        files.append(path)
    p1, p2, p3, late = files

    out = os.path.join(tmp, "cmp")
    rc, so, se = tkk("compare", "--lang", "en", "-o", out, p1, p2, p3)
    if not ok(rc == 0, "compare of three scenarios with different periods exits 0", se):
        return None
    xlsx = os.path.join(out, "compare.xlsx")
    ok(os.path.exists(xlsx), "compare writes OUTDIR/compare.xlsx")

    # Each scenario's own workbook, for the figures.
    runs = {}
    for path in (p1, p2, p3):
        sid = os.path.splitext(os.path.basename(path))[0]
        rc, so, se = tkk("run", "--lang", "en", "-o", os.path.join(tmp, "run"), path)
        ok(rc == 0, "tkk run %s" % sid, se)
        runs[sid] = funding_by_year(os.path.join(tmp, "run", sid + ".xlsx"))

    book = xlsx_tables.open_book(xlsx)
    ok(book.sheet_names() == ["Comparison", "Input differences"], "compare sheets (en)",
       book.sheet_names())
    header = book.header("Comparison")
    ok(header == ["Key", "Metric", "Year", "p1", "p2", "p3", "Δ p2", "Δ% p2", "Δ p3", "Δ% p3"],
       "Comparison columns: Key, Metric, Year, ids, then Δ id and Δ% id", header)
    rows = book.rows("Comparison")
    ok(book.find_row("Comparison", Key="total_cost", Year="total")["Metric"] == "Total cost (incl. state-paid staff)",
       "Metric holds the English label under en")
    for r in rows:
        r["Metric"] = r["Key"]   # the checks below go by the stable key
    metrics = []
    for r in rows:
        if r["Key"] not in metrics:
            metrics.append(r["Key"])
    ok(metrics == ["total_cost", "municipal_cost", "state_grant", "municipal_net_cost",
                   "personnel", "premises", "other", "fte_municipality", "fte_state",
                   "caseload", "kpis_met"], "metric keys in order", metrics)
    years = [r["Year"] for r in rows if r["Key"] == "total_cost"]
    ok(years == [2021, 2022, 2023, "total"], "years aligned: the union 2021–2023 and total",
       years)

    def cell(metric, year, col):
        return book.find_row("Comparison", Key=metric, Year=year)[col]

    # Blanks where a scenario has no such year.
    ok(cell("total_cost", 2021, "p2") is None and cell("total_cost", 2021, "p3") is None,
       "2021: blank for p2 and p3 (they start in 2022)")
    ok(cell("total_cost", 2023, "p1") is None and cell("total_cost", 2023, "p3") is None,
       "2023: blank for p1 and p3 (they end in 2022)")
    ok(cell("total_cost", 2021, "Δ p2") is None and cell("total_cost", 2021, "Δ% p2") is None,
       "Δ and Δ% blank where a value is blank")
    ok(cell("total_cost", 2023, "Δ p2") is None, "Δ blank where the first scenario is blank")

    # Every money figure equals the scenario's own Funding table.
    columns = {"total_cost": "Total cost", "municipal_cost": "Municipal cost",
               "state_grant": "State grant", "municipal_net_cost": "Municipal net cost"}
    bad = []
    for metric, column in columns.items():
        for sid, funding in runs.items():
            for year, frow in funding.items():
                got = cell(metric, year, sid)
                if not money_eq(got, frow[column]):
                    bad.append((metric, year, sid, got, frow[column]))
    ok(not bad, "every funding figure equals the scenario's own workbook", bad)

    # Δ and Δ% against the first scenario.
    bad = []
    for r in rows:
        for sid in ("p2", "p3"):
            a, b = r["p1"], r[sid]
            d, dp = r["Δ " + sid], r["Δ% " + sid]
            if a is None or b is None:
                if d is not None or dp is not None:
                    bad.append((r["Key"], r["Year"], sid, "not blank"))
                continue
            if not close(d, b - a):
                bad.append((r["Key"], r["Year"], sid, d, b - a))
            if a == 0:
                if dp is not None:
                    bad.append((r["Key"], r["Year"], sid, "Δ% not blank at 0"))
            elif not close(dp, (b - a) / a):
                bad.append((r["Key"], r["Year"], sid, dp, (b - a) / a))
    ok(not bad, "Δ = value − first, Δ% = Δ ÷ first (blank at 0)", bad)

    # Hand-computed figures. p1 2022: coaches 6 × 3 000 × 1,234 = 22 212 a month, state
    # staff 2,5 × 3 100 × 1,234 = 9 563,50, rent 2 400: (22 212 + 9 563,5 + 2 400) × 12
    # = 410 106; p2 2022: 8 × 3 000 × 1,234 = 29 616 + 3 000 + 150,55 = 32 766,55 × 12
    # = 393 198,60. Δ = −16 907,40.
    ok(money_eq(cell("total_cost", 2022, "p1"), 410106), "p1 2022 total cost 410 106",
       cell("total_cost", 2022, "p1"))
    ok(money_eq(cell("total_cost", 2022, "p2"), 393198.60), "p2 2022 total cost 393 198,60",
       cell("total_cost", 2022, "p2"))
    ok(money_eq(cell("total_cost", 2022, "Δ p2"), -16907.40), "Δ p2 2022 = −16 907,40")
    # FTE in the last month: p1 6 municipal + 2,5 state; p2 8; caseload 900 ÷ 8,5, 900 ÷ 8.
    ok(cell("fte_municipality", 2022, "p1") == 6 and cell("fte_state", 2022, "p1") == 2.5,
       "FTE by payer in the year's last month")
    ok(close(cell("caseload", "total", "p2"), 112.5) and
       close(cell("caseload", 2022, "p1"), 900 / 8.5), "caseload = clients ÷ coach FTE")
    ok(cell("caseload", 2022, "p3") is None, "caseload blank without clients")
    # KPIs met: p1 105,9 ≤ 150, p2 112,5 ≤ 150; p3 has no KPI: blank.
    ok(cell("kpis_met", "total", "p1") == 1 and cell("kpis_met", "total", "p3") is None,
       "kpis_met counts met targets, blank without any")
    # The total of a money metric sums that scenario's own years.
    ok(money_eq(cell("other", "total", "p2"), 150.55 * 18), "other total for p2 = 18 × 150,55")

    # InputDiff: every differing key, blanks where a key is missing.
    diff = {r["Path"]: r for r in book.rows("InputDiff")}
    ok(book.header("InputDiff") == ["Path", "p1", "p2", "p3"], "InputDiff columns",
       book.header("InputDiff"))
    ok("staff.coaches.fte" in diff and diff["staff.coaches.fte"]["p2"] == "8",
       "InputDiff lists staff.coaches.fte")
    ok("staff.coaches.monthly_salary" not in diff and "staff.coaches.role" not in diff,
       "InputDiff leaves out keys equal in all scenarios")
    ok("cost.it.monthly" in diff and diff["cost.it.monthly"]["p1"] is None
       and diff["cost.it.monthly"]["p2"] == "150,55", "a key missing in a scenario is blank")
    ok(diff.get("scenario.start", {}).get("p3") == "2022-06", "scenario.start differs")
    paths = [r["Path"] for r in book.rows("InputDiff")]
    ok(paths == sorted(paths), "InputDiff sorted by path")

    # Print setup and a chart.
    wb = openpyxl.load_workbook(xlsx)
    ws = wb["Comparison"]
    ok(ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == "9",
       "Comparison: A4 landscape")
    ok(ws.print_title_rows is not None, "Comparison: header row repeated",
       ws.print_title_rows)
    book.close()
    with zipfile.ZipFile(xlsx) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        ok(len(charts) == 1 and b"<c:barChart>" in z.read(charts[0]) and
           b'<c:grouping val="clustered"/>' in z.read(charts[0]),
           "a clustered column chart", charts)

    # Byte-identical re-run.
    out2 = os.path.join(tmp, "cmp2")
    rc, so, se = tkk("compare", "--lang", "en", "-o", out2, p1, p2, p3)
    ok(rc == 0 and open(xlsx, "rb").read() ==
       open(os.path.join(out2, "compare.xlsx"), "rb").read(),
       "a second compare gives a byte-identical workbook")

    # Finnish headers; -o FILE.xlsx.
    fi = os.path.join(tmp, "vertailu.xlsx")
    rc, so, se = tkk("compare", "--lang", "fi", "-o", fi, p1, p2)
    if ok(rc == 0, "compare -o FILE.xlsx --lang fi", se):
        with xlsx_tables.open_book(fi) as b:
            ok(b.header("Comparison")[:5] == ["Key", "Mittari", "Vuosi", "p1", "p2"] and
               b.header("Comparison")[5:] == ["Δ p2", "Δ% p2"],
               "Finnish headers Key, Mittari, Vuosi; ids and Δ as in English",
               b.header("Comparison"))
            r = b.find_row("Comparison", Key="total_cost", Vuosi="yhteensä")
            ok(r is not None and r["Mittari"] == "Kokonaiskustannus (ml. valtion maksama henkilöstö)",
               "Finnish Metric label and total row word", r)
            ok(b.header("InputDiff")[0] == "Polku", "InputDiff Path in Finnish")

    # No common year (SPEC §7.2): compared side by side, blanks where a scenario has none.
    out3 = os.path.join(tmp, "cmp3")
    rc, so, se = tkk("compare", "--lang", "en", "-o", out3, p1, late)
    if ok(rc == 0 and os.path.exists(os.path.join(out3, "compare.xlsx")),
          "no common year: compared, exit 0", (rc, se)):
        with xlsx_tables.open_book(os.path.join(out3, "compare.xlsx")) as b:
            ids = b.header("Comparison")[3:5]
            tc = [r for r in b.rows("Comparison") if r["Key"] == "total_cost"]
            ok(all((r[ids[0]] is None) != (r[ids[1]] is None) for r in tc if r["Year"] != "total")
               and all(r["Δ " + ids[1]] is None for r in tc if r["Year"] != "total"),
               "no common year: each year row has one scenario's value, Δ blank", tc)

    # Output that cannot be written: the target is a folder.
    blocked = os.path.join(tmp, "blocked.xlsx")
    os.mkdir(blocked)
    rc, so, se = tkk("compare", "-o", blocked, p1, p2)
    ok(rc == 3 and "cannot write" in se, "compare to an unwritable output: exit 3", (rc, se))
    ok(not [n for n in os.listdir(tmp) if ".tmp-" in n], "no temporary file left behind",
       os.listdir(tmp))

    # Usage: one file only.
    rc, so, se = tkk("compare", p1)
    ok(rc == 2, "compare of one scenario: exit 2", (rc, se))

    # The shipped scenario: two more coaches than salo-2021.
    out4 = os.path.join(tmp, "salo")
    rc, so, se = tkk("compare", "--lang", "en", "-o", out4, "scenarios/salo-2021.ini",
                     "scenarios/salo-2021-two-more-coaches.ini")
    if ok(rc == 0, "compare salo-2021 with salo-2021-two-more-coaches", se):
        with xlsx_tables.open_book(os.path.join(out4, "compare.xlsx")) as b:
            r = b.find_row("Comparison", Key="total_cost", Year="total")
            # 2 FTE × 3 000 × 1,234 = 7 404 a month, May–December: × 8 = 59 232.
            ok(money_eq(r["Δ salo-2021-two-more-coaches"], 59232),
               "two more coaches cost 59 232 € in 2021", r)
            d = {x["Path"]: x for x in b.rows("InputDiff")}
            ok(d.get("staff.coaches.fte", {}).get("salo-2021-two-more-coaches") == "8",
               "InputDiff shows staff.coaches.fte 6 → 8")
    return xlsx


# ---- sweep ------------------------------------------------------------------------------

def sweep_checks(tmp):
    out = os.path.join(tmp, "sweep")
    rc, so, se = tkk("sweep", "--lang", "en", "-o", out, "scenarios/salo-2021.ini",
                     "--vary", "staff.coaches.fte=5..7:1",
                     "--vary", "premises.module.monthly_rent=2 400;3 000")
    if not ok(rc == 0, "two-dimensional sweep exits 0", se):
        return None
    xlsx = os.path.join(out, "salo-2021-sweep.xlsx")
    ok(os.path.exists(xlsx), "sweep writes OUTDIR/<id>-sweep.xlsx")
    wb = openpyxl.load_workbook(xlsx, data_only=True)
    ws = wb["Sweep"]
    values = [list(r) for r in ws.iter_rows(values_only=True)]
    header = values[0]
    ok(header == ["staff.coaches.fte", "premises.module.monthly_rent", "Total cost",
                  "Municipal cost", "State grant", "Municipal net cost", "Coach FTE",
                  "Caseload", "TMT net effect"],   # salo-2021 has [tmt] (SPEC §7.6)
       "sweep columns: the PATHs, then the figures", header)
    rows = [dict(zip(header, r)) for r in values[1:]]
    combos = [(r["staff.coaches.fte"], r["premises.module.monthly_rent"]) for r in rows]
    ok(combos == [(5, 2400), (5, 3000), (6, 2400), (6, 3000), (7, 2400), (7, 3000)],
       "the Cartesian product, first --vary slowest", combos)
    ok(ws.freeze_panes == "A2", "frozen under the header", ws.freeze_panes)
    ok(ws.auto_filter.ref == "A1:I7", "autofilter over the range", ws.auto_filter.ref)
    names = xlsx_tables.open_book(xlsx).defined_names()
    ok(names.get("Sweep") in ("Sweep!$A$1:$I$7", "'Sweep'!$A$1:$I$7"),
       "defined name Sweep over header and rows", names)

    bad = []
    for i, r in enumerate(rows):
        fte, rent = r["staff.coaches.fte"], r["premises.module.monthly_rent"]
        run_out = os.path.join(tmp, "sweep-run-%d" % i)
        rc, so, se = tkk("run", "--lang", "en", "-o", run_out,
                         "--set", "staff.coaches.fte=%s" % fte,
                         "--set", "premises.module.monthly_rent=%s" % rent,
                         "scenarios/salo-2021.ini")
        if rc != 0:
            bad.append((i, "run failed", se))
            continue
        run_xlsx = os.path.join(run_out, "salo-2021.xlsx")
        total = funding_by_year(run_xlsx)["total"]
        for col in ("Total cost", "Municipal cost", "State grant", "Municipal net cost"):
            if not money_eq(r[col], total[col]):
                bad.append((i, col, r[col], total[col]))
        with xlsx_tables.open_book(run_xlsx) as b:
            monthly = b.rows("Monthly")
            if not close(r["Coach FTE"], monthly[-1]["Coach FTE"]):
                bad.append((i, "Coach FTE", r["Coach FTE"], monthly[-1]["Coach FTE"]))
            kpi = b.find_row("KPIs", ID="caseload")
            if not close(r["Caseload"], kpi["Actual"]):
                bad.append((i, "Caseload", r["Caseload"], kpi["Actual"]))
    ok(not bad, "every sweep row equals `tkk run --set` with the same values", bad)
    with zipfile.ZipFile(xlsx) as z:
        ok(not [n for n in z.namelist() if n.startswith("xl/charts/")],
           "no chart for a two-dimensional sweep")

    # One dimension: a line chart; percent range; -o FILE.xlsx; byte-identical re-run.
    one = os.path.join(tmp, "one.xlsx")
    args = ["sweep", "--lang", "en", "-o", one, "scenarios/salo-2021.ini",
            "--vary", "funding.state_share=0 %..30 %:7,5 %"]
    rc, so, se = tkk(*args)
    if ok(rc == 0, "one-dimensional percent sweep to -o FILE.xlsx", se):
        with zipfile.ZipFile(one) as z:
            charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
            ok(len(charts) == 1 and b"<c:lineChart>" in z.read(charts[0]),
               "a line chart for a one-dimensional sweep", charts)
        ws1 = openpyxl.load_workbook(one, data_only=True)["Sweep"]
        shares = [r[0] for r in ws1.iter_rows(min_row=2, values_only=True)]
        ok([round(x, 12) for x in shares] == [0, 0.075, 0.15, 0.225, 0.3],
           "0 %..30 %:7,5 % gives five ratios", shares)
        grants = [r[3] for r in ws1.iter_rows(min_row=2, values_only=True)]
        # salo-2021 eligible (municipal) cost 547 120: 7,5 % → 41 034.
        ok(money_eq(grants[1], 41034), "state grant 7,5 % × 547 120 = 41 034", grants)
        copy = os.path.join(tmp, "one-again.xlsx")
        args[4] = copy
        rc, so, se = tkk(*args)
        ok(rc == 0 and open(one, "rb").read() == open(copy, "rb").read(),
           "a second sweep gives a byte-identical workbook")

    # Errors, each naming the --vary argument.
    def fails(vary, status, needle, what):
        rc, so, se = tkk("sweep", "-o", os.path.join(tmp, "err"), "scenarios/salo-2021.ini",
                         "--vary", vary)
        ok(rc == status and ("--vary '%s'" % vary) in se and needle in se, what, (rc, se))

    fails("staff.coachs.fte=5..7:1", 1, "did you mean staff.coaches.fte",
          "a PATH that does not exist: exit 1, named")
    fails("staff.coaches.ftee=5;6", 1, "not an input", "an unknown key: exit 1, named")
    fails("staff.coaches.fte=5..7:0", 2, "must not be 0", "a zero step: exit 2")
    fails("staff.coaches.fte=7..5:1", 2, "negative step", "a step away from TO: exit 2")
    fails("staff.coaches.fte=5..7,x:1", 2, "TO '7,x'", "a value that does not parse: exit 2")
    fails("staff.coaches.fte=5;-1", 1, "staff.coaches.fte=-1", "an invalid variant: exit 1")
    ok(not os.path.exists(os.path.join(tmp, "err", "salo-2021-sweep.xlsx")),
       "an invalid sweep writes nothing")

    rc, so, se = tkk("sweep", "-o", os.path.join(tmp, "err"), "scenarios/salo-2021.ini",
                     "--vary", "staff.coaches.fte=1..1001:1",
                     "--vary", "premises.module.monthly_rent=1..1000:1")
    ok(rc == 2 and "1 001 000 variants" in se and "--max 1001000" in se,
       "more than 1 000 000 variants refused with exit 2, saying how to allow", (rc, se))

    rc, so, se = tkk("sweep", "-o", os.path.join(tmp, "err"), "scenarios/salo-2021.ini",
                     "--vary", "staff.coaches.fte=1;2", "--vary", "Staff.Coaches.FTE=3;4")
    ok(rc == 2 and "already varied" in se, "the same PATH varied twice: exit 2", (rc, se))

    # A failure leaves an existing workbook untouched.
    before = open(xlsx, "rb").read()
    rc, so, se = tkk("sweep", "-o", out, "scenarios/salo-2021.ini",
                     "--vary", "staff.coaches.fte=5;-1")
    ok(rc == 1 and open(xlsx, "rb").read() == before,
       "an invalid sweep leaves the existing workbook untouched")
    rc, so, se = tkk("sweep", "-o", os.path.join(tmp, "blocked.xlsx"),
                     "scenarios/salo-2021.ini", "--vary", "staff.coaches.fte=5;6")
    ok(rc == 3, "sweep to an unwritable output: exit 3", (rc, se))
    return xlsx


def main():
    if not os.access(TKK, os.X_OK):
        print("skipped: no executable %s" % TKK)
        return 77
    tmp = tempfile.mkdtemp(prefix="tkk-e2e-compare.")
    try:
        compare_xlsx = compare_checks(tmp)
        sweep_xlsx = sweep_checks(tmp)
        if os.environ.get("TKK_SKIP_RECALC") == "1":
            print("# LibreOffice recalculation skipped (TKK_SKIP_RECALC=1)")
        else:
            files = [f for f in (compare_xlsx, sweep_xlsx) if f]
            p = subprocess.run(["/usr/bin/python3", os.path.join(ROOT, "tests", "recalc_check.py")]
                               + files, capture_output=True, text=True)
            ok(p.returncode == 0, "LibreOffice recalculates every formula of the compare "
               "and sweep workbooks to the cached values", p.stdout + p.stderr)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())
