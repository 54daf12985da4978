#!/usr/bin/python3
"""e2e_bonus — the shipped bonus rounds of the 2012–2015 pilot reproduce the reports.

    TKK=./tkk /usr/bin/python3 tests/e2e_bonus.py

Runs `$TKK run --lang en -o TMP scenarios/bonus-2014.ini scenarios/bonus-2015.ini` and
reads each workbook's `Bonus` table and defined names (SPEC §6) to check the reference
facts of SPEC §1: exactly the eight projects paid on 17.6.2014 and on 14.9.2015 are
eligible, with the reported amounts (611 000 € and 362 700 € in all), every bonus a
multiple of the scenario's unit, Σ Bonus = Bonus_Allocated, Bonus_Unallocated = pool −
allocated, and the Reason of projects left out (SPEC §5.6 step 3). bonus-2015 reads its
26 projects from scenarios/bonus-2015-projects.csv (a Finnish Excel export), so this
also covers the CSV path of a shipped scenario. Last, `$TKK show scenarios/bonus-2014.ini`
exits 0 and prints the allocation table.

Prints TAP-style "ok N - ..." / "not ok N - ..." lines for tests/run-tests.sh and exits
non-zero when a check fails; exit 77 = skipped (no tkk binary).
"""

import os
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

# SPEC §1 "Bonuses 17.6.2014" / "Bonuses 14.9.2015", by the scenarios' project ids.
# pool and unit are the scenarios' [bonus] inputs; left_out names one project per
# Reason the scenario exercises (the inputs there are illustrative, see the .ini files).
ROUNDS = {
    "bonus-2014": {
        "ini": "scenarios/bonus-2014.ini",
        "paid": {
            "joensuu-outokumpu": 51000,
            "lieksa": 29000,
            "monet": 100000,          # Monet (Rovaniemi, Ranua)
            "oulun-seutu": 75000,     # Oulu region
            "porin-seutu": 81500,     # Pori region
            "raahen-seutu": 180000,   # Raahe region
            "tyon-paikka": 78000,     # Työn paikka (Hattula, Hämeenlinna, Janakkala)
            "vaaksa": 16500,          # Vaaksa (Mikkeli)
        },
        "total": 611000,
        "pool": 2000000,
        "unit": 500,
        "projects": 26,
        "left_out": {"espoo": "outside top 8", "turku": "below min_score"},
    },
    "bonus-2015": {
        "ini": "scenarios/bonus-2015.ini",
        "paid": {
            "espoo": 48700,
            "etela-pirkanmaa": 20000,
            "hako": 60000,            # HAKO (Hamina, Kotka)
            "oulun-kaupunki": 75000,  # Oulu city
            "porin-seutu": 81500,     # Pori region
            "lieksa": 14500,
            "tyon-paikka": 52000,
            "vaaksa": 11000,
        },
        "total": 362700,
        "pool": 1389000,              # 2 000 000 − 611 000, what the 2014 round left
        "unit": 100,
        "projects": 26,
        "left_out": {"helsinki": "outside top 8", "vantaa": "below min_score"},
    },
}


def run(args):
    return subprocess.run(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True)


def cents(value):
    """A workbook number as exact cents (money cells hold cent-rounded values)."""
    if value is None:
        return None
    return int(round(Fraction(value) * 100))


def check_round(book, sid, facts):
    rows = book.rows("Bonus")
    by_id = {r["Project"]: r for r in rows}
    ok(len(rows) == facts["projects"] and len(by_id) == len(rows),
       "%s: Bonus table has %d projects" % (sid, facts["projects"]),
       "rows: %d, distinct ids: %d" % (len(rows), len(by_id)))

    eligible = {r["Project"] for r in rows if r.get("Eligible") == "yes"}
    ok(eligible == set(facts["paid"]),
       "%s: exactly the eight projects of the report are eligible" % sid,
       "eligible: %s\nexpected: %s" % (sorted(eligible), sorted(facts["paid"])))

    paid_ok, wrong = True, []
    for pid, amount in sorted(facts["paid"].items()):
        row = by_id.get(pid)
        got = None if row is None else cents(row.get("Bonus"))
        if got != amount * 100:
            paid_ok = False
            wrong.append("%s: Bonus %r, expected %d" % (pid, None if row is None
                                                        else row.get("Bonus"), amount))
    ok(paid_ok, "%s: every paid project's Bonus is the reported amount" % sid,
       "\n".join(wrong))

    # The inputs were chosen so that rate × grant × score is the reported amount itself:
    # Exact (a(p), SPEC §5.6 step 5) needs no rounding.
    exact_wrong = [pid for pid, amount in facts["paid"].items()
                   if pid in by_id and by_id[pid].get("Exact") != amount]
    ok(not exact_wrong, "%s: Exact equals Bonus for the paid projects (λ = 1)" % sid,
       "differ: %s" % exact_wrong)

    others = [r for r in rows if r["Project"] not in facts["paid"]]
    zero = [r["Project"] for r in others
            if cents(r.get("Bonus")) != 0 or r.get("Eligible") != "no" or not r.get("Reason")]
    ok(not zero, "%s: the other %d projects are not eligible, with a Reason and Bonus 0"
       % (sid, len(others)), "not so: %s" % zero)

    for pid, reason in sorted(facts["left_out"].items()):
        got = by_id.get(pid, {}).get("Reason")
        ok(got == reason, "%s: Reason of %s is %r" % (sid, pid, reason), "got %r" % got)

    unit = facts["unit"] * 100
    off_unit = [(r["Project"], r.get("Bonus")) for r in rows
                if cents(r.get("Bonus")) is None or cents(r.get("Bonus")) % unit != 0]
    ok(not off_unit, "%s: every Bonus is a multiple of the unit %d" % (sid, facts["unit"]),
       "off the unit: %s" % off_unit)

    total = sum(cents(r.get("Bonus")) or 0 for r in rows)
    ok(total == facts["total"] * 100, "%s: Σ Bonus = %d" % (sid, facts["total"]),
       "Σ Bonus = %s" % (Fraction(total, 100)))

    try:
        pool = cents(book.name_value("Bonus_Pool"))
        allocated = cents(book.name_value("Bonus_Allocated"))
        unallocated = cents(book.name_value("Bonus_Unallocated"))
    except (KeyError, ValueError) as e:
        ok(False, "%s: defined names Bonus_Pool, Bonus_Allocated, Bonus_Unallocated" % sid, e)
        return
    ok(pool == facts["pool"] * 100, "%s: Bonus_Pool = %d" % (sid, facts["pool"]),
       "Bonus_Pool = %r" % book.name_value("Bonus_Pool"))
    ok(allocated == total, "%s: Bonus_Allocated = Σ Bonus" % sid,
       "Bonus_Allocated = %r, Σ Bonus = %s" % (book.name_value("Bonus_Allocated"),
                                              Fraction(total, 100)))
    ok(unallocated == (facts["pool"] - facts["total"]) * 100,
       "%s: Bonus_Unallocated = %d − %d" % (sid, facts["pool"], facts["total"]),
       "Bonus_Unallocated = %r" % book.name_value("Bonus_Unallocated"))


def check_show():
    result = run([TKK, "show", "scenarios/bonus-2014.ini"])
    ok(result.returncode == 0, "tkk show scenarios/bonus-2014.ini exits 0",
       "exit %d\n%s" % (result.returncode, result.stderr))
    # Group separators may be U+00A0 or U+202F in Finnish output; compare with spaces.
    text = result.stdout
    for space in ("\u00a0", "\u202f"):
        text = text.replace(space, " ")
    lines = text.splitlines()
    paid = ROUNDS["bonus-2014"]["paid"]
    missing = []
    for pid, amount in sorted(paid.items()):
        shown = "{:,}".format(amount).replace(",", " ")
        if not any(line.split()[:1] == [pid] and shown in line for line in lines):
            missing.append("%s with %s" % (pid, shown))
    ok(not missing, "tkk show prints the allocation table: each paid project with its bonus",
       "missing: %s\noutput:\n%s" % (missing, result.stdout))
    ok("611 000" in text and "1 389 000" in text,
       "tkk show prints the allocated 611 000 and unallocated 1 389 000",
       result.stdout)


def main():
    global TKK
    TKK = os.environ.get("TKK", os.path.join(ROOT, "tkk"))
    if not (os.path.isfile(TKK) and os.access(TKK, os.X_OK)):
        print("skipped: no tkk binary at %s" % TKK)
        return 77
    out = tempfile.mkdtemp(prefix="tkk-e2e-bonus-")
    try:
        inis = [facts["ini"] for facts in ROUNDS.values()]
        result = run([TKK, "run", "--lang", "en", "-o", out] + inis)
        ok(result.returncode == 0, "tkk run --lang en bonus-2014 bonus-2015 exits 0",
           "exit %d\n%s" % (result.returncode, result.stderr))
        for sid, facts in ROUNDS.items():
            path = os.path.join(out, sid + ".xlsx")
            if not ok(os.path.isfile(path), "%s.xlsx written" % sid):
                continue
            with xlsx_tables.open_book(path) as book:
                if not ok("Bonus" in book.table_names(), "%s: has the Bonus table" % sid,
                          "tables: %s" % book.table_names()):
                    continue
                check_round(book, sid, facts)
        check_show()
    finally:
        shutil.rmtree(out, ignore_errors=True)
    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())
