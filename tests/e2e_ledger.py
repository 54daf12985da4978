#!/usr/bin/python3
"""e2e_ledger — `[actual] ledger = FILE.csv` with `[accounts]` (SPEC §7.3).

    TKK=./tkk /usr/bin/python3 tests/e2e_ledger.py

(a) A small ledger written here, with a hand-computed expectation: rows in every month
    format (YYYY-MM, YYYY-MM-DD, D.M.YYYY), category words in English and Finnish and
    account numbers mapped by [accounts], ',' delimiter, quoted fields, BOM, extra
    columns; Budget's Actual per year and category and Monthly's Actual per month equal
    the sums below, and Monthly keeps its other columns in place (Actual is last).
(b) The shipped scenarios/salo-2021-ledger.ini: its Actuals equal salo-2021's, and the
    Monthly Actual adds up to 531 000 €.
(c) Every bad ledger gets its FILE.csv:LINE:COLUMN error and exit 1, and no workbook:
    a bad month, an account no range maps, a non-UTF-8 byte, a month outside the period,
    a duplicate with a key in [actual] (an error at both places).
"""

import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))
import tap  # noqa: E402
import xlsx_tables  # noqa: E402
from tap import ok  # noqa: E402

TKK = os.environ.get("TKK", os.path.join(ROOT, "tkk"))

SCENARIO = """[scenario]
id = ledger-test
name = Ledger test
start = 2021-11
end = 2022-02

[staff.coaches]
role = Coach
fte = 1
monthly_salary = 3 000

[actual]
ledger = ledger.csv
%s
[accounts]
4000-4999 = personnel
5000 = toimitilat
6000-6099 = Muut
"""

# Hand-computed expectation of LEDGER:
#   2021 personnel: 1 000,00 (account 4010) + 500,50 (henkilöstö) = 1 500,50
#   2021 premises: 200,00 (account 5000)                          =   200,00
#   2021 other:    33,333 rounded to 33,33 (account 6001)          =    33,33
#   2022 personnel: 2 000,00 (Personnel)                           = 2 000,00
#   2022 premises: 100,25 (premises) + 0,75 (5000)                 =   101,00
#   2022 other: none (blank Actual)
#   months: 2021-11 1 000,00 + 200,00 = 1 200,00; 2021-12 500,50 + 33,33 = 533,83;
#           2022-01 2 000,00; 2022-02 100,25 + 0,75 = 101,00
LEDGER = ("\ufeffmonth,text,Account,AMOUNT\n"
          "2021-11,\"salaries, November\",4010,1000\n"
          "2021-11-30,rent,5000,200.00\n"
          "1.12.2021,bonus,henkilöstö,500.50\n"
          "2021-12,misc,6001,33.333\n"
          ",,,\n"
          "2022-01,salaries,Personnel,2 000\n"
          "2022-02,repair,premises,100.25\n"
          "28.2.2022,repair,5000,0.75\n")
EXPECT_BUDGET = {(2021, "personnel"): 1500.50, (2021, "premises"): 200.00,
                 (2021, "other"): 33.33, (2021, "total"): 1733.83,
                 (2022, "personnel"): 2000.00, (2022, "premises"): 101.00,
                 (2022, "other"): None, (2022, "total"): 2101.00}
EXPECT_MONTHLY = {"2021-11": 1200.00, "2021-12": 533.83, "2022-01": 2000.00, "2022-02": 101.00}


def run(args, cwd):
    return subprocess.run(args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True)


def write(folder, actual_keys, ledger, binary=False):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "s.ini"), "w", encoding="utf-8") as f:
        f.write(SCENARIO % actual_keys)
    with open(os.path.join(folder, "ledger.csv"), "wb" if binary else "w",
              **({} if binary else {"encoding": "utf-8"})) as f:
        f.write(ledger)


def check_sums(tmp):
    folder = os.path.join(tmp, "good")
    write(folder, "", LEDGER)
    r = run([TKK, "run", "s.ini", "-o", "out", "--lang", "en", "-q"], folder)
    if not ok(r.returncode == 0, "a good ledger runs", r.stderr):
        return
    with xlsx_tables.open_book(os.path.join(folder, "out", "ledger-test.xlsx")) as book:
        got = {(row["Year"], row["Category"]): row["Actual"] for row in book.rows("Budget")}
        bad = {k: (got.get(k), v) for k, v in EXPECT_BUDGET.items()
               if (v is None and got.get(k) not in (None, "")) or
               (v is not None and (got.get(k) is None or abs(got[k] - v) > 0.001))}
        ok(not bad, "Budget Actual per year and category = the hand-computed sums", bad)
        header = book.header("Monthly")
        ok(header == ["Month", "Personnel", "Premises", "Other", "Total", "State-paid",
                      "Coach FTE", "Actual"], "Monthly: Actual appended last", header)
        monthly = {row["Month"].strftime("%Y-%m"): row["Actual"] for row in book.rows("Monthly")}
        bad = {k: (monthly.get(k), v) for k, v in EXPECT_MONTHLY.items()
               if monthly.get(k) is None or abs(monthly[k] - v) > 0.001}
        ok(not bad, "Monthly Actual per month = the hand-computed sums", bad)
    r = run([TKK, "export", "s.ini", "--format", "json", "-o", "out", "-q"], folder)
    import json
    doc = json.load(open(os.path.join(folder, "out", "ledger-test.json"), encoding="utf-8"))
    ok([row["Actual"] for row in doc["tables"]["Monthly"]] ==
       ["1200.00", "533.83", "2000.00", "101.00"], "export: the Monthly Actual column, exact",
       doc["tables"]["Monthly"])
    # The workbook without a ledger keeps the seven Monthly columns.
    plain = os.path.join(tmp, "plain")
    os.makedirs(plain)
    with open(os.path.join(plain, "s.ini"), "w", encoding="utf-8") as f:
        f.write((SCENARIO % "").replace("[actual]\nledger = ledger.csv\n", "")
                .split("[accounts]")[0])
    r = run([TKK, "run", "s.ini", "-o", "out", "--lang", "en", "-q"], plain)
    if ok(r.returncode == 0, "the same scenario without a ledger runs", r.stderr):
        with xlsx_tables.open_book(os.path.join(plain, "out", "ledger-test.xlsx")) as book:
            ok(book.header("Monthly")[-1] == "Coach FTE", "without a ledger no Actual column")


def check_shipped(tmp):
    out = os.path.join(tmp, "shipped")
    r = run([TKK, "run", "scenarios/salo-2021-ledger.ini", "scenarios/salo-2021.ini", "-o", out,
             "--lang", "en", "-q"], ROOT)
    if not ok(r.returncode == 0, "salo-2021-ledger runs", r.stderr):
        return
    with xlsx_tables.open_book(os.path.join(out, "salo-2021-ledger.xlsx")) as a, \
            xlsx_tables.open_book(os.path.join(out, "salo-2021.xlsx")) as b:
        ok(a.rows("Budget") == b.rows("Budget"),
           "salo-2021-ledger: Budget (Actual per category) equals salo-2021's",
           "%s\n%s" % (a.rows("Budget"), b.rows("Budget")))
        total = sum(row["Actual"] for row in a.rows("Monthly"))
        ok(abs(total - 531000) < 0.001, "salo-2021-ledger: Σ Monthly Actual = 531 000", total)
        ok("salo-2021-ledger.csv" in " ".join(
            str(c.value) for row in a.wb[a.sheet_names()[-1]].iter_rows() for c in row),
           "the Inputs sheet shows the ledger file")


BAD = [
    # (name, [actual] keys, ledger, expected message parts)
    ("bad month", "", "month;category;amount\n2021-11;personnel;10\n2021-13;personnel;5\n",
     ["ledger.csv:3:1:", "'2021-13' is not a month"]),
    ("bad D.M.YYYY", "", "month;category;amount\n31.11.2021;personnel;5\n",
     ["ledger.csv:2:1:", "is not a month"]),
    ("unmapped account", "", "month;category;amount\n2021-11;4010;10\n2021-12;7000;5\n",
     ["ledger.csv:3:2:", "account 7000 is in no range of [accounts]"]),
    ("unknown category word", "", "month;category;amount\n2021-11;salaries;10\n",
     ["ledger.csv:2:2:", "neither a category"]),
    ("bad amount", "", "month;category;amount\n2021-11;personnel;1,234.5\n",
     ["ledger.csv:2:3:", "not a valid amount"]),
    ("month outside the period", "", "month;category;amount\n2021-11;personnel;10\n\n2022-03;other;5\n",
     ["ledger.csv:4:1:", "outside the scenario's period 2021-11..2022-02"]),
    ("missing column", "", "month;amount\n2021-11;10\n",
     ["ledger.csv:1:1:", "needs the columns month, category and amount"]),
    ("negative sum", "", "month;category;amount\n2021-11;premises;10\n2021-12;premises;-20\n",
     ["ledger.csv:2:2:", "premises 2021 sums to"]),
    ("duplicate with [actual]", "henkilöstö.2021 = 10\n",
     "month;category;amount\n2021-11;muut;1\n2021-12;4010;10\n",
     ["s.ini:14: actual.henkilöstö.2021:", "also summed from the ledger",
      "ledger.csv:3:2:", "also given in [actual] at s.ini:14"]),
]


def check_bad(tmp):
    for i, (name, keys, ledger, parts) in enumerate(BAD):
        folder = os.path.join(tmp, "bad%d" % i)
        write(folder, keys, ledger)
        r = run([TKK, "run", "s.ini", "-o", "out", "-q"], folder)
        missing = [p for p in parts if p not in r.stderr]
        ok(r.returncode == 1 and not missing and
           not os.path.exists(os.path.join(folder, "out", "ledger-test.xlsx")),
           "%s: exit 1, %s" % (name, " / ".join(parts)), "%s\n%s" % (r.returncode, r.stderr))
    # A non-UTF-8 byte (Latin-1 'ä' of "henkilöstö" saved from an old Excel): line 3,
    # column 12 (characters, counting from 1).
    folder = os.path.join(tmp, "latin1")
    write(folder, "", "month;category;amount\n2021-11;personnel;10\n2021-12;henkil\xf6st\xf6;5\n"
          .encode("latin-1"), binary=True)
    r = run([TKK, "run", "s.ini", "-o", "out", "-q"], folder)
    ok(r.returncode == 1 and "ledger.csv:3:15:" in r.stderr and "0xF6 is not UTF-8" in r.stderr,
       "non-UTF-8 byte: exit 1, ledger.csv:3:15", r.stderr)
    folder = os.path.join(tmp, "missing")
    write(folder, "", "")
    os.unlink(os.path.join(folder, "ledger.csv"))
    r = run([TKK, "check", "s.ini"], folder)
    ok(r.returncode != 0 and "cannot read the ledger" in r.stderr, "a missing ledger is reported",
       r.stderr)
    folder = os.path.join(tmp, "accounts")
    write(folder, "", "month;category;amount\n")
    with open(os.path.join(folder, "s.ini"), "a", encoding="utf-8") as f:
        f.write("4500-4600 = other\nabc = personnel\n")
    r = run([TKK, "check", "s.ini"], folder)
    ok(r.returncode == 1 and "accounts.4500-4600: the range 4500-4600 overlaps" in r.stderr and
       "accounts.abc: 'abc' is not an account number" in r.stderr,
       "overlapping and malformed [accounts] ranges are errors", r.stderr)


def main():
    tmp = tempfile.mkdtemp(prefix="tkk-ledger-")
    try:
        check_sums(tmp)
        check_shipped(tmp)
        check_bad(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())
