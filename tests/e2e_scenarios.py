#!/usr/bin/python3
"""e2e_scenarios — the shipped scenarios, end to end.

    TKK=./tkk /usr/bin/python3 tests/e2e_scenarios.py

Runs `$TKK run -o TMP scenarios/*.ini` and asserts:
  (a) a second run into another folder gives byte-identical files (SPEC §6);
  (b) tests/recalc_check.py finds every cached value again in LibreOffice
      (skipped when TKK_SKIP_RECALC=1);
  (c) with --lang en: every workbook's sheets, tables, headers and defined names
      follow SPEC §6, its tables add up, and salo-2021 reproduces the reference facts
      of SPEC §1 (budget 590 000, realised 531 000, required own contribution 500 000).
Prints TAP-style "ok" / "not ok" lines for tests/run-tests.sh; exit 77 = skipped.
More checks on the shipped scenarios belong here too.
"""

import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))
import tap  # noqa: E402
import xlsx_tables  # noqa: E402
from tap import ok  # noqa: E402

SHEETS_EN = ["Summary", "Budget", "Staff", "Costs", "Monthly", "Funding", "Bonus",
             "Rewards", "KPIs", "TMT", "Inputs"]
HEADERS_EN = {
    "Budget": ["Year", "Category", "Budget", "Plan", "Actual", "Actual - Budget",
               "Actual - Plan", "Use %"],
    "Staff": ["ID", "Role", "Payer", "Coach", "FTE", "Monthly salary", "Side costs %",
              "Start", "End", "Total"],
    "Costs": ["ID", "Category", "One-time", "One-time month", "Monthly", "Start", "End",
              "Total"],
    "MonthlyDetail": ["Line", "Category", "Payer", "Month", "Amount"],
    "Monthly": ["Month", "Personnel", "Premises", "Other", "Total", "State-paid",
                "Coach FTE"],
    "Funding": ["Year", "Months", "Total cost", "State-paid staff", "Municipal cost",
                "Eligible", "State grant", "Municipal net cost", "Actual", "Actual net cost",
                "Judged on", "Required own contribution", "Status", "Shortfall"],
    "KPIs": ["ID", "Label", "Year", "Actual", "Operator", "Target", "Met", "Difference"],
    "Rewards": ["Criterion", "Label", "Amount", "Persons", "Total"],
    "TMT": ["Area", "Year", "Months", "Estimate", "Target", "Actual", "Actual - Estimate",
            "Met", "Persons", "Per person", "Annualised", "Change", "Net effect"],
}
BONUS_HEAD = ["Project", "Name", "Grant"]
BONUS_TAIL = ["Score", "Eligible", "Reason", "Basis", "Cap", "Exact", "Bonus",
              "Bonus % of grant"]
SUMMARY_NAMES = ["Total_Cost", "Municipal_Cost", "State_Grant", "Municipal_Net_Cost"]
SALO_TABLES = ["Budget", "Staff", "Costs", "MonthlyDetail", "Monthly", "Funding", "KPIs"]


def run(args, env=None):
    return subprocess.run(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, env=env)


def scenario_ids(paths):
    """{ini path: id} from each file's [scenario] id (files without one are left out)."""
    ids = {}
    for path in paths:
        section = None
        with open(path, encoding="utf-8-sig") as f:
            for line in f:
                line = line.strip()
                m = re.match(r"^\[([^\]]+)\]", line)
                if m:
                    section = m.group(1).strip().lower()
                    continue
                m = re.match(r"^id\s*=\s*([a-z0-9_-]+)", line, re.I)
                if m and section == "scenario":
                    ids[path] = m.group(1)
    return ids


def year_of(value):
    """A Year cell as text: 2021, 2021.0 and '2021' are all '2021'; 'total' stays."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(int(value))
    return str(value).strip() if value is not None else ""


def near(a, b, tol=0.005):
    try:
        return abs(float(a) - float(b)) <= tol
    except (TypeError, ValueError):
        return False


def money(v):
    return 0.0 if v in (None, "") else float(v)


def check_structure(book, sid):
    """SPEC §6 for any workbook written with --lang en."""
    sheets = book.sheet_names()
    known = [s for s in sheets if s in SHEETS_EN]
    ok(known == sheets, "%s: sheet names are SPEC §6 English names" % sid, sheets)
    ok(known == [s for s in SHEETS_EN if s in known],
       "%s: sheets in SPEC §6 order" % sid, sheets)
    tables = book.table_names()
    for name, header in HEADERS_EN.items():
        if name in tables:
            if name == "Monthly" and book.header(name)[-1] == "Actual":
                header = header + ["Actual"]   # SPEC §7.3: with a ledger, last
            ok(book.header(name) == header, "%s: table %s has the SPEC §6 headers" % (sid, name),
               "got  %s\nwant %s" % (book.header(name), header))
    if "Bonus" in tables:
        h = book.header("Bonus")
        ok(h[:3] == BONUS_HEAD and h[-len(BONUS_TAIL):] == BONUS_TAIL
           and (len(h) - 11) % 2 == 0,
           "%s: table Bonus has the SPEC §6 headers" % sid, h)
    names = book.defined_names()
    for n in SUMMARY_NAMES:
        ok(n in names and names[n].lstrip("=").startswith(("Summary!", "'Summary'!")),
           "%s: defined name %s on the Summary sheet" % (sid, n), names.get(n))
    if "Bonus" in tables:
        for n in ("Bonus_Pool", "Bonus_Allocated", "Bonus_Unallocated"):
            ok(n in names, "%s: defined name %s" % (sid, n))
    if "Rewards" in tables:
        for n in ("Reward_Claimed", "Reward_Paid"):
            ok(n in names, "%s: defined name %s" % (sid, n))

    if "Budget" in tables:
        rows = book.rows("Budget")
        cats = [r["Category"] for r in rows]
        ok(len(rows) % 4 == 0 and all(cats[i:i + 4] == ["personnel", "premises", "other", "total"]
                                      for i in range(0, len(cats), 4)),
           "%s: Budget has personnel, premises, other, total for every year" % sid, cats)
        for r in rows:
            if r["Budget"] not in (None, "") and r["Actual"] not in (None, ""):
                if not ok(near(r["Actual - Budget"], money(r["Actual"]) - money(r["Budget"])),
                          "%s: Budget %s %s: Actual - Budget = Actual − Budget"
                          % (sid, year_of(r["Year"]), r["Category"]), r):
                    break
    if "Funding" in tables:
        # SPEC §7.3: the `total` row is the table's totals row (readers skip it), and
        # every data row's Year is a number.
        total_row = book.total_row("Funding")
        ok(total_row is not None and year_of(total_row["Year"]) == "total" and
           all(isinstance(r["Year"], int) for r in book.rows("Funding")),
           "%s: Funding ends with a total row, the table's totals row" % sid,
           [r["Year"] for r in book.rows("Funding")])
        rows = book.rows("Funding") + ([total_row] if total_row else [])
        if rows and year_of(rows[-1]["Year"]) == "total":
            for col in ("Months", "Total cost", "State-paid staff", "Municipal cost",
                        "Eligible", "State grant", "Municipal net cost"):
                total = sum(money(r[col]) for r in rows[:-1])
                ok(near(rows[-1][col], total),
                   "%s: Funding total %s is the sum of the years" % (sid, col),
                   "%s vs %s" % (rows[-1][col], total))
        for r in rows:
            ok(near(money(r["Municipal cost"]),
                    money(r["Total cost"]) - money(r["State-paid staff"])),
               "%s: Funding %s: Municipal cost = Total cost − State-paid staff"
               % (sid, year_of(r["Year"])), r)
    if "Monthly" in tables:
        bad = [r for r in book.rows("Monthly")
               if not near(money(r["Total"]),
                           money(r["Personnel"]) + money(r["Premises"]) + money(r["Other"]))]
        ok(not bad, "%s: Monthly Total = Personnel + Premises + Other" % sid, bad[:3])
        if "MonthlyDetail" in tables:
            detail = sum(money(r["Amount"]) for r in book.rows("MonthlyDetail"))
            monthly = sum(money(r["Total"]) for r in book.rows("Monthly"))
            ok(near(detail, monthly), "%s: MonthlyDetail adds up to Monthly" % sid,
               "%s vs %s" % (detail, monthly))


def check_salo(book):
    tables = book.table_names()
    for name in SALO_TABLES:
        ok(name in tables, "salo-2021: table %s exists" % name, tables)
    if "Budget" in tables:
        rows = [r for r in book.rows("Budget")
                if year_of(r["Year"]) == "2021" and r["Category"] == "total"]
        if ok(len(rows) == 1, "salo-2021: Budget has one 2021 total row", rows):
            r = rows[0]
            ok(near(r["Budget"], 590000), "salo-2021: Budget 2021 total Budget = 590 000", r)
            ok(near(r["Actual"], 531000), "salo-2021: Budget 2021 total Actual = 531 000", r)
            ok(near(r["Actual - Budget"], -59000),
               "salo-2021: Budget 2021 total Actual - Budget = -59 000", r)
    if "Funding" in tables:
        rows = [r for r in book.rows("Funding") if year_of(r["Year"]) == "2021"]
        if ok(len(rows) == 1, "salo-2021: Funding has one 2021 row", rows):
            ok(near(rows[0]["Required own contribution"], 500000),
               "salo-2021: Funding 2021 Required own contribution = 500 000 "
               "(15 % of 4 000 000 × 10/12)", rows[0])
            ok(near(rows[0]["Months"], 10), "salo-2021: Funding 2021 has 10 months", rows[0])
            # SPEC §5.4: judged on the year's whole actual 531 000 (no grant: net 531 000).
            ok(near(rows[0]["Actual"], 531000) and near(rows[0]["Actual net cost"], 531000)
               and rows[0]["Judged on"] == "actual" and rows[0]["Status"] == "met",
               "salo-2021: Funding 2021 judged on the actual 531 000 ≥ 500 000: met", rows[0])


def tmt_row(book, area, year):
    rows = [r for r in book.rows("TMT") if r["Area"] == area and year_of(r["Year"]) == year]
    return rows[0] if len(rows) == 1 else None


def check_pori_tmt(book):
    """SPEC §7.6: the figures of Pori's slides that SPEC quotes, and the sum rule."""
    ok("TMT" in book.table_names(), "pori-tmt-2005-2014: table TMT exists", book.table_names())
    for area, year, actual, persons in (("Pori", "2006", 3915771, 1187),
                                        ("Pori", "2013", 3169567, 739),
                                        ("Merikarvia", "2012", 150434, 56)):
        r = tmt_row(book, area, year)
        ok(r is not None and near(r["Actual"], actual) and near(r["Persons"], persons),
           "pori-tmt-2005-2014: %s %s: %s € for %s persons" % (area, year, actual, persons), r)
    r = tmt_row(book, "Pori", "2013")
    # Pori's own baseline 2006: 3 169 567 − 3 915 771 = −746 204; 3 169 567 ÷ 739 =
    # 4 289 − 4/739 = 4 288,9946 → 4 288,99
    ok(r is not None and near(r["Change"], -746204) and near(r["Per person"], 4288.99),
       "pori-tmt-2005-2014: Pori 2013 Change against 2006 = -746 204, Per person 4 288,99", r)
    total = [r for r in book.rows("TMT") if r["Area"] == "Porin seutu"]
    ok(len(total) == 9, "pori-tmt-2005-2014: the region's rows 2006..2014", len(total))
    for r in total:
        parts = [x for x in book.rows("TMT")
                 if x["Area"] != "Porin seutu" and year_of(x["Year"]) == year_of(r["Year"])]
        if not ok(near(r["Actual"], sum(money(x["Actual"]) for x in parts)),
                  "pori-tmt-2005-2014: region %s Actual = Σ municipalities" % year_of(r["Year"]),
                  (r, parts)):
            break
    r = tmt_row(book, "Porin seutu", "2014")
    ok(r is not None and near(r["Months"], 6) and near(r["Annualised"], 2 * money(r["Actual"])),
       "pori-tmt-2005-2014: 2014 covers 6 months, Annualised = 2 × Actual", r)
    ok(r is not None and near(r["Net effect"], money(r["Change"])),
       "pori-tmt-2005-2014: no pilot costs, so Net effect = Change", r)


def check_salo_tmt(book):
    """Salo 2021 (SPEC §7.6): estimate 3,5 M€, actual about 4,2 M€, baseline 2018."""
    r = tmt_row(book, "Salo, Marttila, Koski", "2021")
    ok(r is not None and near(r["Actual - Estimate"], 700000) and near(r["Change"], 200000),
       "salo-2021: TMT 2021 Actual - Estimate = 700 000, Change from 2018 = 200 000", r)
    net = [f for f in book.rows("Funding") if year_of(f["Year"]) == "2021"]
    if r is not None and net:
        # SPEC §7.6 via §5.4: 2021 has its whole actual, so the basis is Actual net cost.
        ok(net[0]["Actual net cost"] is not None and
           near(r["Net effect"], money(net[0]["Actual net cost"]) + 200000),
           "salo-2021: TMT Net effect 2021 = Actual net cost (judged on actual) + Change",
           (r, net[0]))
        ok(near(book.name_value("TMT_Net_Effect"), r["Net effect"]),
           "salo-2021: defined name TMT_Net_Effect is the period's Net effect")


def check_show(tkk):
    """`tkk show` prints the Salo 2021 figures, in Finnish words under fi."""
    for lang, words in (("fi", ["531 000,00 €", "590 000,00 €", "-59 000,00 €",
                                "500 000,00 €", "täyttyy", "yhteensä", "henkilöstö"]),
                        ("en", ["531,000.00 €", "590,000.00 €", "-59,000.00 €",
                                "500,000.00 €", "met", "total", "personnel"])):
        p = run([tkk, "show", "--lang", lang, "scenarios/salo-2021.ini"])
        ok(p.returncode == 0, "tkk show --lang %s salo-2021 exits 0" % lang, p.stderr)
        missing = [w for w in words if w not in p.stdout]
        ok(not missing, "tkk show --lang %s salo-2021 prints its budget and funding figures"
           % lang, "missing %s in:\n%s" % (missing, p.stdout))
    p = run([tkk, "show", "--lang", "fi", "scenarios/salo-2021.ini"])
    english = [w for w in (" met ", " yes ", " total ", "personnel") if w in p.stdout]
    ok(not english, "tkk show --lang fi has no English value words", english)
    p = run([tkk, "show", "--lang", "fi", "scenarios/pori-tmt-2005-2014.ini"])
    ok(p.returncode == 0 and "3 915 771,00 €" in p.stdout and "Nettovaikutus" in p.stdout,
       "tkk show prints the TMT table (pori-tmt-2005-2014)", p.stdout + p.stderr)
    p = run([tkk, "check", "scenarios/salo-2021.ini"])
    ok(p.returncode == 0, "tkk check salo-2021 exits 0", p.stderr)


def main():
    tkk = os.environ.get("TKK") or os.path.join(ROOT, "tkk")
    inis = sorted(glob.glob(os.path.join(ROOT, "scenarios", "*.ini")))
    if not inis:
        print("skipped: no scenarios/*.ini yet")
        return 77
    if not (os.path.isfile(tkk) and os.access(tkk, os.X_OK)):
        ok(False, "tkk binary at %s (build it with make, or set TKK)" % tkk)
        return 1
    rel = [os.path.relpath(p, ROOT) for p in inis]
    ids = scenario_ids(inis)

    tmp = tempfile.mkdtemp(prefix="tkk-e2e-scenarios.")
    try:
        out = {k: os.path.join(tmp, k) for k in ("a", "b", "en")}
        for key, extra in (("a", []), ("b", []), ("en", ["--lang", "en"])):
            os.mkdir(out[key])
            p = run([tkk, "run", "-q", "-o", out[key]] + extra + rel)
            ok(p.returncode == 0, "tkk run %s-o DIR scenarios/*.ini exits 0"
               % (" ".join(extra) + " " if extra else ""), p.stderr)
        for ini, sid in sorted(ids.items()):
            ok(os.path.isfile(os.path.join(out["a"], sid + ".xlsx")),
               "%s gives %s.xlsx" % (os.path.relpath(ini, ROOT), sid))

        # (a) byte-identical reruns
        files = sorted(os.listdir(out["a"]))
        ok(files == sorted(os.listdir(out["b"])), "both runs write the same files",
           "%s vs %s" % (files, sorted(os.listdir(out["b"]))))
        for f in files:
            a, b = os.path.join(out["a"], f), os.path.join(out["b"], f)
            if os.path.exists(b):
                with open(a, "rb") as fa, open(b, "rb") as fb:
                    ok(fa.read() == fb.read(), "%s is byte-identical in a second run" % f)
        ok(not [f for f in files if not f.endswith(".xlsx")],
           "no temporary files left in the output folder", files)

        # (b) LibreOffice recalculation
        xlsx = [os.path.join(out["a"], f) for f in files if f.endswith(".xlsx")]
        if os.environ.get("TKK_SKIP_RECALC") == "1":
            print("# recalculation skipped: TKK_SKIP_RECALC=1")
        elif xlsx:
            p = run(["/usr/bin/python3", os.path.join(ROOT, "tests", "recalc_check.py")] + xlsx)
            for line in p.stdout.splitlines():
                print("    # " + line)
            ok(p.returncode == 0, "LibreOffice recalculation gives back every cached value "
               "(%d workbooks)" % len(xlsx), p.stderr)

        # (c) English workbooks: structure, and the Salo reference facts
        for f in sorted(os.listdir(out["en"])):
            if not f.endswith(".xlsx"):
                continue
            sid = f[:-5]
            try:
                with xlsx_tables.open_book(os.path.join(out["en"], f)) as book:
                    check_structure(book, sid)
                    if sid == "salo-2021":
                        check_salo(book)
                        check_salo_tmt(book)
                    if sid == "pori-tmt-2005-2014":
                        check_pori_tmt(book)
            except Exception as exc:     # an unreadable workbook is a failure, not a crash
                ok(False, "%s: readable with openpyxl" % f, "%s: %s" % (type(exc).__name__, exc))
        ok("salo-2021" in ids.values(), "scenarios/ has the salo-2021 scenario (SPEC §1)",
           sorted(ids.values()))
        check_show(tkk)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())
