#!/usr/bin/python3
"""e2e_years — SPEC §7.2, multi-year pilots and comparison across years, end to end.

    TKK=./tkk /usr/bin/python3 tests/e2e_years.py

  (a) `tkk compare salo-2021 salo-2023-plan`: rows for 2021 and 2023 (no 2022: neither
      has it), blanks where a scenario has no such year and Δ blank there, each figure
      equal to the scenario's own Funding table; Key and localised Metric columns;
  (b) `--align pilot-year` of two pilots of the same shape started in 2021 and 2023:
      Year reads 1, 2, total and every figure is equal in each pilot year (Δ 0);
  (c) `tkk compare --show` prints the Comparison (Finnish and English), writes nothing;
      `--align` with an unknown word is a usage error (exit 2);
  (d) scenarios/salo-2021-2024.ini: the caseload of each year in table KPIs equals
      clients.YYYY ÷ the Coach FTE of that year's last month in table Monthly, the
      Summary's KPI block has a line per KPI and year;
  (e) reference_tmt.YYYY: Required per year and the total row's, with and without a
      plain reference_tmt (hand-computed);
  (f) LibreOffice recalculation of every workbook written here (TKK_SKIP_RECALC=1 skips).
Prints TAP lines for tests/run-tests.sh.
"""

import datetime
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

TKK = os.environ.get("TKK") or os.path.join(ROOT, "tkk")


def tkk(*args):
    p = subprocess.run([TKK] + list(args), cwd=ROOT, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, universal_newlines=True)
    return p.returncode, p.stdout, p.stderr


def near(a, b, tol=0.005):
    try:
        return abs(float(a) - float(b)) <= tol
    except (TypeError, ValueError):
        return False


def year_key(v):
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return int(v)
    return v


def funding_by_year(path):
    with xlsx_tables.open_book(path) as b:
        return {year_key(r["Year"]): r for r in
                b.rows("Funding") + ([b.total_row("Funding")] if b.total_row("Funding") else [])}


# ---- (a) calendar years with a gap -------------------------------------------------------

def check_calendar(tmp, written):
    out = os.path.join(tmp, "cal")
    a, b = "salo-2021", "salo-2023-plan"
    rc, so, se = tkk("compare", "--lang", "en", "-o", out, "scenarios/%s.ini" % a,
                     "scenarios/%s.ini" % b)
    if not ok(rc == 0, "compare salo-2021 salo-2023-plan: no common year, exit 0", se):
        return
    path = os.path.join(out, "compare.xlsx")
    written.append(path)
    runs = {}
    for sid in (a, b):
        rc, so, se = tkk("run", "--lang", "en", "-q", "-o", os.path.join(tmp, "run"),
                         "scenarios/%s.ini" % sid)
        ok(rc == 0, "tkk run %s" % sid, se)
        runs[sid] = funding_by_year(os.path.join(tmp, "run", sid + ".xlsx"))
    with xlsx_tables.open_book(path) as book:
        header = book.header("Comparison")
        ok(header == ["Key", "Metric", "Year", a, b, "Δ " + b, "Δ% " + b],
           "Comparison columns: Key, Metric, Year, ids, Δ and Δ%", header)
        rows = book.rows("Comparison")
        years = [year_key(r["Year"]) for r in rows if r["Key"] == "total_cost"]
        ok(years == [2021, 2023, "total"], "rows for 2021 and 2023 and total (no 2022)", years)
        bad = []
        for r in rows:
            y = year_key(r["Year"])
            if y == 2021 and (r[b] is not None or r["Δ " + b] is not None):
                bad.append(r)
            if y == 2023 and (r[a] is not None or r["Δ " + b] is not None
                              or r["Δ% " + b] is not None):
                bad.append(r)
        ok(not bad, "blank where a scenario has no such year, Δ and Δ% blank there", bad[:3])
        names = {"total_cost": "Total cost", "municipal_cost": "Municipal cost",
                 "state_grant": "State grant", "municipal_net_cost": "Municipal net cost"}
        bad = []
        for key, column in names.items():
            for sid, years_of in runs.items():
                for y, frow in years_of.items():
                    got = book.find_row("Comparison", Key=key, Year=y)[sid]
                    if not near(got, frow[column]):
                        bad.append((key, y, sid, got, frow[column]))
        ok(not bad, "each figure equals the scenario's own Funding table", bad)
        r = book.find_row("Comparison", Key="total_cost", Year="total")
        ok(r["Metric"] == "Total cost (incl. state-paid staff)" and near(r["Δ " + b], r[b] - r[a]),
           "the total row has both and Δ = b − a", r)
        # Caseload by the year's own month: 2 842 ÷ 18 (Dec 2021), 2 621 ÷ 18 (Dec 2023).
        ok(near(book.find_row("Comparison", Key="caseload", Year=2021)[a], 2842 / 18, 1e-9) and
           near(book.find_row("Comparison", Key="caseload", Year=2023)[b], 2621 / 18, 1e-9),
           "caseload per year = clients ÷ coach FTE of its last month")
    fi = os.path.join(tmp, "cal-fi.xlsx")
    rc, so, se = tkk("compare", "--lang", "fi", "-o", fi, "scenarios/%s.ini" % a,
                     "scenarios/%s.ini" % b)
    if ok(rc == 0, "compare --lang fi", se):
        written.append(fi)
        with xlsx_tables.open_book(fi) as book:
            r = book.find_row("Comparison", Key="municipal_net_cost", Vuosi="yhteensä")
            ok(r["Mittari"] == "Kunnan nettokustannus", "Finnish Metric label under fi", r)
            ok(not [x for x in book.rows("Comparison") if re.search(r"[a-z]_[a-z]", x["Mittari"])],
               "no metric key in Finnish Mittari cells")


# ---- (b) pilot years ---------------------------------------------------------------------

PILOT = """[scenario]
id = {id}
name = Pilot {start}
start = {start}-03
end = {end}-12
clients = 900
clients.{start} = 840
[indexation]
{end}-06 = 2 %
[staff.coaches]
role = Coach
fte = 6
monthly_salary = 3 000,50
side_costs = 23,4 %
coach = yes
[staff.state]
role = State coach
fte = 2,5
monthly_salary = 3 100
payer = state
coach = yes
start = {start}-05
[premises.module]
setup = 26 000
monthly_rent = 2 400
[funding]
state_share = 30 %
reference_tmt = 1 000 000
own_min_share = 15 %
[kpi.caseload]
computed = caseload
target = < 150
"""


def check_pilot_year(tmp, written):
    paths = []
    for sid, start in (("early", 2021), ("late", 2023)):
        p = os.path.join(tmp, sid + ".ini")
        with open(p, "w", encoding="utf-8") as f:
            f.write(PILOT.format(id=sid, start=start, end=start + 1))
        paths.append(p)
    out = os.path.join(tmp, "pilot.xlsx")
    rc, so, se = tkk("compare", "--lang", "en", "--align", "pilot-year", "-o", out, *paths)
    if not ok(rc == 0, "compare --align pilot-year exits 0", se):
        return
    written.append(out)
    with xlsx_tables.open_book(out) as book:
        rows = book.rows("Comparison")
        years = [year_key(r["Year"]) for r in rows if r["Key"] == "total_cost"]
        ok(years == [1, 2, "total"], "Year reads 1, 2, total", years)
        bad = [r for r in rows if r["early"] is None or not near(r["early"], r["late"], 1e-9)
               or not near(r["Δ late"], 0, 1e-9)]
        ok(not bad, "the same pilot started two years later: equal figures in each pilot "
           "year, Δ 0", bad[:3])
        # Year 1 = Mar–Dec: 10 months; the caseload of year 1 uses clients.YYYY:
        # 840 ÷ (6 + 2,5) in December of the first year.
        ok(near(book.find_row("Comparison", Key="caseload", Year=1)["late"], 840 / 8.5, 1e-9),
           "pilot year 1 caseload = clients.YYYY ÷ coach FTE = 840 ÷ 8,5")
    rc, so, se = tkk("compare", "--align", "calendar-year", "--show", *paths)
    ok(rc == 0 and re.search(r"^total_cost .* 2022 ", so, re.M)
       and not re.search(r"^total_cost .* 1 ", so, re.M),
       "--align calendar-year: calendar years", so[:400])


# ---- (c) --show ---------------------------------------------------------------------------

def check_show(tmp):
    before = set(os.listdir(tmp))
    rc, so, se = tkk("compare", "--show", "-o", os.path.join(tmp, "nothing"),
                     "scenarios/salo-2021.ini", "scenarios/salo-2023-plan.ini")
    ok(rc == 0, "compare --show exits 0", se)
    ok(set(os.listdir(tmp)) == before, "compare --show writes nothing", os.listdir(tmp))
    lines = so.splitlines()
    head = [l for l in lines if l.startswith("Key ")]
    ok(head and re.search(r"Mittari\s+Vuosi\s+salo-2021\s+salo-2023-plan\s+Δ salo-2023-plan"
                          r"\s+Δ% salo-2023-plan", head[0]),
       "--show header: Key, Mittari, Vuosi, ids, Δ and Δ%", head)
    row = [l for l in lines if l.startswith("total_cost ") and " 2021 " in l]
    ok(row and "1 080 701,60 €" in row[0] and row[0].rstrip().endswith("1 080 701,60 €"),
       "--show 2021 row: salo-2021's figure only (the rest blank)", row)
    row = [l for l in lines if l.startswith("total_cost ") and "yhteensä" in l]
    ok(row and "Kokonaiskustannus" in row[0] and "1 080 701,60 €" in row[0]
       and "1 096 853,28 €" in row[0] and "16 151,68 €" in row[0],
       "--show total row: both figures and Δ in Finnish format", row)
    ok(not [l for l in lines if re.search(r"\b(total|yes|no)\b", l)],
       "--show under fi: no English value words")
    rc, so, se = tkk("compare", "--show", "--lang", "en", "scenarios/salo-2021.ini",
                     "scenarios/salo-2023-plan.ini")
    ok(rc == 0 and re.search(r"^total_cost\s+Total cost \(incl. state-paid staff\)\s+total\s+1,080,701\.60 €", so, re.M),
       "--show --lang en", so[:300])
    rc, so, se = tkk("compare", "--align", "fiscal", "scenarios/salo-2021.ini",
                     "scenarios/salo-2023-plan.ini")
    ok(rc == 2 and "--align" in se and "fiscal" in se, "--align fiscal: usage error, exit 2",
       (rc, se))


# ---- (d) the multi-year scenario ----------------------------------------------------------

def ini_clients(path):
    """{year: clients} of clients.YYYY keys in [scenario] of one file (not its parents)."""
    found, section = {}, None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split(";")[0].strip()
            m = re.match(r"^\[(.+)\]$", line)
            if m:
                section = m.group(1).strip().lower()
            m = re.match(r"^clients\.(\d{4})\s*=\s*(.+)$", line)
            if m and section == "scenario":
                found[int(m.group(1))] = int(re.sub(r"\s", "", m.group(2)))
    return found


def month_key(v):
    if isinstance(v, (datetime.date, datetime.datetime)):
        return (v.year, v.month)
    m = re.match(r"^(\d{4})-(\d{2})", str(v))
    return (int(m.group(1)), int(m.group(2))) if m else None


def check_multi_year(tmp, written):
    ini = "scenarios/salo-2021-2024.ini"
    clients = ini_clients(os.path.join(ROOT, ini))
    ok(sorted(clients) == [2021, 2022, 2023, 2024], "salo-2021-2024 gives clients.YYYY for "
       "2021..2024", clients)
    with open(os.path.join(ROOT, ini), encoding="utf-8") as f:
        text = f.read()
    marked = [l for l in text.splitlines()
              if re.match(r"^\s*(clients|clients\.2024|2022-06|2024-06|target\.2024)\s*=", l)]
    ok(len(marked) == 5 and all("ASSUMPTION" in l for l in marked),
       "salo-2021-2024: each 2022/2024 value line is marked as an assumption", marked)
    ok("Oletuksia" in text and "2022" in text and "2024" in text,
       "salo-2021-2024: the description states the 2022 and 2024 assumptions")
    out = os.path.join(tmp, "multi")
    rc, so, se = tkk("run", "--lang", "en", "-q", "-o", out, ini)
    if not ok(rc == 0, "tkk run salo-2021-2024", se):
        return
    path = os.path.join(out, "salo-2021-2024.xlsx")
    written.append(path)
    with xlsx_tables.open_book(path) as book:
        fte = {month_key(r["Month"]): r["Coach FTE"] for r in book.rows("Monthly")}
        rows = book.find_rows("KPIs", ID="caseload")
        by_year = {year_key(r["Year"]): r for r in rows}
        ok(sorted(k for k in by_year if k is not None) == [2021, 2022, 2023, 2024]
           and None in by_year, "caseload: a row per year and a whole-period row",
           list(by_year))
        bad = []
        for y, n in clients.items():
            want = n / fte[(y, 12)]
            r = by_year.get(y)
            if r is None or not near(r["Actual"], want, 1e-9):
                bad.append((y, r and r["Actual"], want))
        ok(not bad, "caseload of each year = clients.YYYY ÷ Coach FTE of December (read back)",
           bad)
        ok(by_year[2023]["Operator"] == "<" and near(by_year[2023]["Target"], 140)
           and by_year[2023]["Met"] == "no"
           and near(by_year[2023]["Difference"], 2621 / 18 - 140, 1e-9),
           "2023: target < 140 from the plan, Operator '<', Target 140, Met no",
           by_year[2023])
        ok(by_year[2022]["Operator"] == "<=" and near(by_year[2022]["Target"], 150),
           "2022: the plain target <= 150 applies", by_year[2022])
        act = book.find_row("KPIs", ID="activation-all")
        ok(year_key(act["Year"]) == 2023 and near(act["Actual"], 0.428, 1e-12)
           and act["Operator"] == ">" and act["Met"] == "yes",
           "activation rate 2023: 42,8 % > 40 %, met", act)
        funding = {year_key(r["Year"]): r for r in book.rows("Funding") +
                   ([book.total_row("Funding")] if book.total_row("Funding") else [])}
        # 15 % × 4 000 000 × 10/12 = 500 000 in 2021, 600 000 a year after; total 2 300 000.
        ok(near(funding[2021]["Required own contribution"], 500000)
           and near(funding[2024]["Required own contribution"], 600000)
           and near(funding["total"]["Required own contribution"], 2300000),
           "Required 500 000 (2021), 600 000 (2024), total 2 300 000")
        ws = book.wb["Summary"]
        lines = [[c.value for c in r] for r in ws.iter_rows()]
        kpi_lines = [l for l in lines if l and l[0] == "Asiakkaita per omavalmentaja"]
        ok(len(kpi_lines) == 5 and [year_key(l[1]) for l in kpi_lines] == [2021, 2022, 2023,
                                                                          2024, None],
           "Summary: the caseload per year and for the whole period", kpi_lines)


# ---- (e) reference_tmt.YYYY ----------------------------------------------------------------

REFERENCE = """[scenario]
id = {id}
name = Reference per year
start = 2021-07
end = 2023-06
[staff.coaches]
role = Coach
fte = 1
monthly_salary = 1 000
[funding]
own_min_share = 10 %
{plain}reference_tmt.2022 = 1 200 000
"""


def check_reference(tmp, written):
    for sid, plain in (("ref-plain", "reference_tmt = 600 000\n"), ("ref-only", "")):
        p = os.path.join(tmp, sid + ".ini")
        with open(p, "w", encoding="utf-8") as f:
            f.write(REFERENCE.format(id=sid, plain=plain))
        rc, so, se = tkk("run", "--lang", "en", "-q", "-o", os.path.join(tmp, "ref"), p)
        if not ok(rc == 0, "tkk run %s" % sid, se):
            continue
        path = os.path.join(tmp, "ref", sid + ".xlsx")
        written.append(path)
        f = funding_by_year(path)
        req = {y: f[y]["Required own contribution"] for y in f}
        if plain:
            # 10 % × 600 000 × 6/12 = 30 000 (2021, 2023); 10 % × 1 200 000 = 120 000
            # (2022); total 180 000.
            ok(near(req[2021], 30000) and near(req[2022], 120000) and near(req[2023], 30000)
               and near(req["total"], 180000),
               "reference_tmt.2022 overrides for 2022 only; total sums the years", req)
        else:
            ok(req[2021] is None and near(req[2022], 120000) and req[2023] is None
               and req["total"] is None and f["total"]["Status"] is None,
               "without a plain reference_tmt: only 2022 has a requirement, total blank", req)


def main():
    if not (os.path.isfile(TKK) and os.access(TKK, os.X_OK)):
        ok(False, "tkk binary at %s" % TKK)
        return tap.finish()
    tmp = tempfile.mkdtemp(prefix="tkk-e2e-years.")
    written = []
    try:
        check_calendar(tmp, written)
        check_pilot_year(tmp, written)
        check_show(tmp)
        check_multi_year(tmp, written)
        check_reference(tmp, written)
        if os.environ.get("TKK_SKIP_RECALC") == "1":
            print("# LibreOffice recalculation skipped (TKK_SKIP_RECALC=1)")
        elif written:
            p = subprocess.run(["/usr/bin/python3", os.path.join(ROOT, "tests", "recalc_check.py")]
                               + written, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               universal_newlines=True)
            for line in (p.stdout + p.stderr).splitlines():
                print("    # " + line)
            ok(p.returncode == 0, "LibreOffice recalculates every cached value (%d workbooks)"
               % len(written), p.stderr)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())
