#!/usr/bin/python3
"""e2e_export — `tkk export` (SPEC §7.3) against the workbook, for every shipped scenario.

    TKK=./tkk /usr/bin/python3 tests/e2e_export.py

(a) `tkk export --format json` of every scenarios/*.ini parses; every table, row and
    column of the --lang en workbook is in it, and every value equals the workbook's
    cached value exactly: a number string's exact value (Fraction) converts to the very
    double the cell caches; money strings have two decimals; blanks are null; the Funding
    `total` row is the table's totals row in the workbook and under "totals" in JSON;
    the defined names carry their cells' values.
(b) `--format csv` under fi and en: one <id>-<Table>.csv per table, BOM, the delimiter
    and decimal separator of the language; LibreOffice (soffice --convert-to) opens each
    with that language's CSV conventions and reads back the JSON's numbers (money to the
    cent, ratios to 1e-9). The LibreOffice part is skipped with TKK_SKIP_RECALC=1.
(c) exports write atomically: no temporary file is left in the folder.
"""

import datetime
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from fractions import Fraction

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))
import tap  # noqa: E402
import xlsx_tables  # noqa: E402
from tap import ok  # noqa: E402

TKK = os.environ.get("TKK", os.path.join(ROOT, "tkk"))
NUMBER = re.compile(r"^-?\d+(\.\d+)?$|^-?\d+/\d+$")


def run(args):
    return subprocess.run(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True)


def same(json_value, cached):
    """Whether an exported value is the workbook's cached value; a reason when not."""
    if json_value is None:
        return cached in (None, ""), "null vs %r" % (cached,)
    if isinstance(cached, datetime.datetime):
        return json_value == "%04d-%02d" % (cached.year, cached.month), \
            "%r vs %r" % (json_value, cached)
    if isinstance(cached, str):
        return json_value == cached, "%r vs %r" % (json_value, cached)
    if not NUMBER.match(json_value):
        return False, "%r is not an exact number" % json_value
    # money_to_double rounds correctly, as does float(Fraction): the same double; the
    # file then holds it with libxlsxwriter's 16 significant digits ("%.16g").
    exact = float(Fraction(json_value))
    return float("%.16g" % exact) == float(cached), "%r vs %r" % (json_value, cached)


def check_json(ini, folder):
    name = os.path.basename(ini)
    r = run([TKK, "export", ini, "--format", "json", "-o", folder, "-q"])
    if not ok(r.returncode == 0, "%s: export --format json exits 0" % name, r.stderr):
        return None
    w = run([TKK, "run", ini, "--lang", "en", "-o", folder, "-q"])
    ok(w.returncode == 0, "%s: run --lang en" % name, w.stderr)
    sid = os.path.splitext(os.path.basename(glob.glob(os.path.join(folder, "*.json"))[0]))[0] \
        if len(glob.glob(os.path.join(folder, "*.json"))) == 1 else None
    if not ok(sid is not None, "%s: one JSON file" % name, os.listdir(folder)):
        return None
    with open(os.path.join(folder, sid + ".json"), encoding="utf-8") as f:
        try:
            doc = json.load(f)
        except ValueError as e:
            ok(False, "%s: the JSON parses" % name, e)
            return None
    ok(set(doc) >= {"scenario", "names", "tables"} and doc["scenario"]["id"] == sid,
       "%s: scenario, names and tables" % name, list(doc))
    book = xlsx_tables.open_book(os.path.join(folder, sid + ".xlsx"))
    tables = book.tables()
    ok(sorted(doc["tables"]) == sorted(tables),
       "%s: the JSON has every table of the workbook" % name,
       "%s vs %s" % (sorted(doc["tables"]), sorted(tables)))
    problems, cells = [], 0
    for tname, table in tables.items():
        rows = doc["tables"].get(tname, [])
        if len(rows) != len(table.rows):
            problems.append("%s: %d rows vs %d" % (tname, len(rows), len(table.rows)))
            continue
        for i, (jrow, wrow) in enumerate(zip(rows, table.rows)):
            if list(jrow) != table.header:
                problems.append("%s row %d: columns %s vs %s" % (tname, i, list(jrow), table.header))
                continue
            for col in table.header:
                cells += 1
                good, why = same(jrow[col], wrow[col])
                if not good:
                    problems.append("%s row %d %s: %s" % (tname, i, col, why))
        total = doc.get("totals", {}).get(tname)
        if (table.total is None) != (total is None):
            problems.append("%s: totals row in one and not the other" % tname)
        elif total is not None:
            for col in table.header:
                cells += 1
                good, why = same(total[col], table.total[col])
                if not good:
                    problems.append("%s total %s: %s" % (tname, col, why))
    ok(not problems and cells > 0,
       "%s: %d exported values equal the workbook's cached values exactly" % (name, cells),
       "\n".join(problems[:20]))
    money_ok = all(re.match(r"^-?\d+\.\d\d$", v) for v in
                   (r.get("Amount") for r in doc["tables"].get("MonthlyDetail", [])) if v)
    ok(money_ok, "%s: money has two decimals (MonthlyDetail Amount)" % name)
    names = book.defined_names()
    bad = [n for n in names if n != "_xlnm._FilterDatabase" and
           not same(doc["names"].get(n), book.name_value(n))[0]]
    ok(set(doc["names"]) == set(names) and not bad,
       "%s: defined names %s" % (name, ", ".join(sorted(doc["names"]))),
       "%s vs %s; differ: %s" % (sorted(doc["names"]), sorted(names), bad))
    if "Funding" in tables:
        ok(table_total_is_funding_total(book, doc),
           "%s: Funding `total` is the table's totals row (Year numeric in every data row)" % name)
    book.close()
    leftovers = [f for f in os.listdir(folder) if ".tmp-" in f]
    ok(not leftovers, "%s: no temporary file left" % name, leftovers)
    return sid, doc


def table_total_is_funding_total(book, doc):
    total = book.total_row("Funding")
    rows = book.rows("Funding")
    return (total is not None and total["Year"] == "total"
            and all(isinstance(r["Year"], int) for r in rows)
            and doc["totals"]["Funding"]["Year"] == "total"
            and all(r["Year"] != "total" for r in doc["tables"]["Funding"]))


def soffice():
    return os.environ.get("TKK_SOFFICE") or shutil.which("soffice") or "/usr/bin/soffice"


def check_csv(ini, sid, doc, lang, folder, profile):
    r = run([TKK, "export", ini, "--format", "csv", "--lang", lang, "-o", folder, "-q"])
    if not ok(r.returncode == 0, "%s %s: export --format csv exits 0" % (sid, lang), r.stderr):
        return
    delimiter, point = (";", ",") if lang == "fi" else (",", ".")
    files = sorted(glob.glob(os.path.join(folder, sid + "-*.csv")))
    expected = sorted(os.path.join(folder, "%s-%s.csv" % (sid, t)) for t in doc["tables"])
    expected += [os.path.join(folder, "%s-%s-total.csv" % (sid, t)) for t in doc.get("totals", {})]
    ok(files == sorted(expected), "%s %s: one CSV per table" % (sid, lang),
       "%s vs %s" % (files, sorted(expected)))
    # The first table's first money value, e.g. Funding's Total cost or Bonus's Grant.
    tname = next(t for t in doc["tables"] if doc["tables"][t])
    first = doc["tables"][tname][0]
    money = next(v for v in first.values() if v and re.match(r"^-?\d+\.\d\d$", v))
    with open(os.path.join(folder, "%s-%s.csv" % (sid, tname)), "rb") as f:
        raw = f.read()
    text = raw.decode("utf-8-sig")
    ok(raw.startswith(b"\xef\xbb\xbf") and
       text.splitlines()[0].count(delimiter) == len(first) - 1,
       "%s %s: BOM and '%s' delimiter (%s)" % (sid, lang, delimiter, tname), text[:200])
    ok(money.replace(".", point) in text, "%s %s: %s written as %s" %
       (sid, lang, money, money.replace(".", point)), text[:400])
    if os.environ.get("TKK_SKIP_RECALC") == "1":
        ok(True, "%s %s: LibreOffice reading skipped (TKK_SKIP_RECALC=1)" % (sid, lang))
        return
    # LibreOffice's CSV filter: delimiter, quote, UTF-8 (76), first line 1, column
    # types, language (1035 Finnish, 2057 English UK) for the decimal separator.
    options = "CSV:%d,34,76,1,,%d" % (ord(delimiter), 1035 if lang == "fi" else 2057)
    out = os.path.join(folder, "lo-" + lang)
    os.makedirs(out, exist_ok=True)
    conv = subprocess.run([soffice(), "--headless", "--norestore",
                           "-env:UserInstallation=file://" + profile,
                           "--infilter=" + options, "--convert-to", "xlsx", "--outdir", out]
                          + [os.path.join(folder, "%s-%s.csv" % (sid, t)) for t in doc["tables"]],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True,
                          timeout=300)
    if not ok(conv.returncode == 0, "%s %s: LibreOffice converts the CSV files" % (sid, lang),
              conv.stderr):
        return
    import openpyxl
    problems, numbers = [], 0
    for tname, rows in doc["tables"].items():
        path = os.path.join(out, "%s-%s.xlsx" % (sid, tname))
        if not os.path.exists(path):
            problems.append("%s: not converted" % tname)
            continue
        ws = openpyxl.load_workbook(path).active
        got = list(ws.iter_rows(values_only=True))
        for i, row in enumerate(rows):
            for j, (col, value) in enumerate(row.items()):
                if value is None or not NUMBER.match(value):
                    continue
                cell = got[i + 1][j] if i + 1 < len(got) and j < len(got[i + 1]) else None
                numbers += 1
                if not isinstance(cell, (int, float)) or \
                        abs(Fraction(cell) - Fraction(value)) > Fraction(1, 10 ** 9):
                    problems.append("%s row %d %s: LibreOffice read %r, JSON %s" %
                                    (tname, i, col, cell, value))
    ok(numbers > 0 and not problems,
       "%s %s: LibreOffice reads %d numbers of the CSV files as the JSON's" % (sid, lang, numbers),
       "\n".join(problems[:20]))


def main():
    tmp = tempfile.mkdtemp(prefix="tkk-export-")
    try:
        docs = {}
        for ini in sorted(glob.glob(os.path.join(ROOT, "scenarios", "*.ini"))):
            folder = os.path.join(tmp, os.path.basename(ini))
            os.makedirs(folder)
            got = check_json(ini, folder)
            if got:
                docs[ini] = got
        # JSON to a named file
        target = os.path.join(tmp, "named.json")
        r = run([TKK, "export", os.path.join(ROOT, "scenarios", "salo-2021.ini"),
                 "--format", "json", "-o", target, "-q"])
        ok(r.returncode == 0 and os.path.exists(target), "-o FILE.json writes that file", r.stderr)
        r = run([TKK, "export", os.path.join(ROOT, "scenarios", "salo-2021.ini"), "--format", "xml"])
        ok(r.returncode == 2, "--format xml is a usage error (exit 2)", r.stderr)
        profile = os.path.join(tmp, "lo-profile")
        for ini in (os.path.join(ROOT, "scenarios", "salo-2021.ini"),
                    os.path.join(ROOT, "scenarios", "bonus-2014.ini")):
            if ini in docs:
                sid, doc = docs[ini]
                for lang in ("fi", "en"):
                    folder = os.path.join(tmp, "csv-%s-%s" % (sid, lang))
                    os.makedirs(folder)
                    check_csv(ini, sid, doc, lang, folder, profile)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())
