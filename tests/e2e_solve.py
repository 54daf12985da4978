#!/usr/bin/python3
"""e2e_solve — `tkk solve` end to end (SPEC §7.4).

    TKK=./tkk /usr/bin/python3 tests/e2e_solve.py
    TKK_SOLVE_CASES=40 TKK_SOLVE_SEED=7 ...     # more random cases, another seed

Shipped scenarios: the largest staff.coaches.fte of salo-2021 with Municipal_Cost
<= 600 000 (7,7 by hand: the line costs ROUND(fte × 3 000 × 1,234; 2) a month for
May–December, 8 months, on top of 369 424,00 € of other municipal costs; 7,7 × 3 702 × 8
= 228 043,20 → 597 467,20 €, 7,8 → 600 428,80 €); the smallest with Caseload <= 150
(2 842 clients ÷ (12 state coaches + fte): 7 → 149,58, 6,9 → 150,37); the smallest
bonus.pool of bonus-2015 with Bonus_Allocated >= 300 000 (unit 100, grant-rate not
binding: 300 000,00). Each answer is checked by `tkk run --set PATH=answer` (the goal
holds, read back from the workbook) and at its grid neighbour (the goal fails); the
solved workbook (-o) equals the run's figures and states the question and the answer
on its Summary.

Property: random scenarios, PATHs and goals on small grids; every grid value is run
with `tkk run --set` and its figure read back from the workbook; the exhaustive answer
from those figures must equal tkk solve's (or both find none), the answer hold and its
neighbour fail.

Errors: unknown PATH and NAME with "did you mean", a step that does not divide the range,
--from above --to, a step of 0 or below, % on a non-ratio key (all exit 2); no value
meets the goal (exit 1, the figure's range); a grid value where the scenario is invalid
(exit 1); the non-monotone warning (bonus-2015's Bonus_Unallocated in bonus.pool).
Prints TAP-style lines for tests/run-tests.sh.
"""

import os
import random
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
SALO = os.path.join(ROOT, "scenarios", "salo-2021.ini")
BONUS = os.path.join(ROOT, "scenarios", "bonus-2015.ini")


def tkk(*args):
    p = subprocess.run([TKK] + list(args), cwd=ROOT, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def figure(book, name):
    """A goal's figure from a workbook written with --lang en: a defined name, the
    Funding table's total row for Shortfall, the computed caseload KPI for Caseload
    (None when blank)."""
    if name == "Shortfall":
        # The total row: the Excel table's totals row, or (older books) a row "total".
        total = [book.total_row("Funding")] if book.total_row("Funding") else \
            [r for r in book.rows("Funding") if r.get("Year") == "total"]
        return None if not total or total[0].get("Shortfall") is None \
            else total[0]["Shortfall"]
    if name == "Caseload":
        rows = [r for r in book.rows("KPIs") if r.get("ID") == "caseload" and
                r.get("Year") in (None, "")]
        return rows[0]["Actual"] if rows else None
    return book.name_value(name)


def run_figure(work, scenario, path, value, name):
    """`tkk run --set PATH=value --lang en`, the figure read back from the workbook."""
    out = os.path.join(work, "run")
    shutil.rmtree(out, ignore_errors=True)
    rc, _, err = tkk("run", "-q", "--lang", "en", "-o", out, "--set",
                     "%s=%s" % (path, value), scenario)
    if rc != 0:
        raise RuntimeError("tkk run --set %s=%s: exit %d: %s" % (path, value, rc, err))
    books = [f for f in os.listdir(out) if f.endswith(".xlsx")]
    with xlsx_tables.open_book(os.path.join(out, books[0])) as book:
        return figure(book, name)


OPS = {
    "<": lambda a, b: a < b, "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b, ">=": lambda a, b: a >= b,
}


def exact(value):
    """A figure read back as a double, made exact again: money figures are whole cents;
    a caseload is clients ÷ FTE, a fraction with a small denominator."""
    cents = Fraction(round(value * 100), 100)
    if abs(float(cents) - value) < 1e-9:
        return cents
    return Fraction(value).limit_denominator(10**6)


def holds(value, op, target):
    return value is not None and OPS[op](exact(value), target)


def solve_answer(stdout):
    """The answer and neighbour values of `tkk solve --lang en`'s table (strings)."""
    answer = re.search(r"^Answer\s+(\S+)", stdout, re.M)
    other = re.search(r"^(?:Next|Previous) value\s+(\S+)", stdout, re.M)
    return (answer.group(1) if answer else None, other.group(1) if other else None)


def plain(text):
    """'7.7' / '300,000.00' (en table) → a decimal text --set reads."""
    return text.replace(",", "").replace("€", "").strip()


# ---- the shipped scenarios ---------------------------------------------------------------

def check_shipped(work, label, scenario, path, goal, extra, answer, neighbour):
    name, op, target = re.match(r"(\w+)\s*(<=|>=|<|>)\s*(.*)", goal).groups()
    target = Fraction(target.replace(" ", ""))
    out = os.path.join(work, "solved-" + label)
    rc, stdout, err = tkk("solve", scenario, "--find", path, "--goal", goal, "--lang", "en",
                          "-o", out, *extra)
    got = solve_answer(stdout)
    ok(rc == 0 and got == (answer, neighbour),
       "%s: answer %s, neighbour %s" % (label, answer, neighbour),
       "exit %d, got %r\n%s%s" % (rc, got, stdout, err))
    ok(err == "", "%s: no warning" % label, err)
    at = run_figure(work, scenario, path, plain(answer), name)
    ok(holds(at, op, target), "%s: tkk run --set %s=%s: %s = %r meets %s"
       % (label, path, plain(answer), name, at, goal))
    beyond = run_figure(work, scenario, path, plain(neighbour), name)
    ok(not holds(beyond, op, target), "%s: tkk run --set %s=%s: %s = %r fails %s"
       % (label, path, plain(neighbour), name, beyond, goal))
    books = [f for f in os.listdir(out) if f.endswith("-solved.xlsx")] \
        if os.path.isdir(out) else []
    ok(len(books) == 1, "%s: -o writes <id>-solved.xlsx" % label, books)
    if books:
        with xlsx_tables.open_book(os.path.join(out, books[0])) as book:
            ok(figure(book, name) == at, "%s: the solved workbook's %s equals tkk run's"
               % (label, name), "%r != %r" % (figure(book, name), at))
            summary = {row[0]: row[1] for row in book.wb["Summary"].iter_rows(
                values_only=True) if row and row[0]}
            ok("Goal seek" in summary and path in str(summary.get("Question")) and
               Fraction(str(summary.get("Answer: " + path))) == Fraction(plain(answer)),
               "%s: the Summary states the question and the answer" % label,
               {k: v for k, v in summary.items() if k in
                ("Goal seek", "Question", "Answer: " + path)})
    return stdout


def test_shipped(work):
    check_shipped(work, "salo-municipal-cost", SALO, "staff.coaches.fte",
                  "Municipal_Cost <= 600000", [], "7.7", "7.8")
    check_shipped(work, "salo-caseload", SALO, "staff.coaches.fte", "Caseload <= 150",
                  ["--min"], "7", "6.9")
    check_shipped(work, "bonus-pool", BONUS, "bonus.pool", "Bonus_Allocated >= 300000",
                  ["--min", "--to", "1389000"], "300,000.00", "299,999.99")

    # Finnish terminal: Finnish words only, Finnish numbers.
    rc, stdout, _ = tkk("solve", SALO, "--find", "staff.coaches.fte", "--goal",
                        "Municipal_Cost <= 600 000 €")
    ok(rc == 0 and "Vastaus" in stdout and "597 467,20 €" in stdout and "7,7" in stdout and
       "täyttyy" in stdout and not re.search(r"\b(Answer|holds|fails|value)\b", stdout),
       "fi: the table in Finnish", stdout)

    # The Finnish solved workbook: the block in Finnish, its numbers as numbers.
    out = os.path.join(work, "solved-fi.xlsx")
    rc, stdout, err = tkk("solve", SALO, "--find", "staff.coaches.fte", "--goal",
                          "Municipal_Cost <= 600 000", "-o", out)
    summary = {}
    if rc == 0 and os.path.exists(out):
        with xlsx_tables.open_book(out) as book:
            summary = {row[0]: row[1] for row in book.wb[book.sheet_names()[0]].iter_rows(
                values_only=True) if row and row[0]}
    ok(summary.get("Vastaus: staff.coaches.fte") == 7.7 and "Tavoitehaku" in summary and
       summary.get("Kunnan kustannus vastauksessa") == 597467.2 and
       summary.get("Seuraava arvo") == 7.8 and
       summary.get("Seuraava arvo: Kunnan kustannus") == 600428.8 and
       "tavoite täyttyy vastauksessa" in str(summary.get("Tarkistus")),
       "-o FILE.xlsx: the Finnish Summary block", "exit %d %s\n%r" % (rc, err, summary))
    return [out]


# ---- errors ------------------------------------------------------------------------------

def test_errors(work):
    def solve(*args):
        return tkk("solve", *args)

    rc, _, err = solve(SALO, "--find", "staff.coaches.fet", "--goal", "Total_Cost < 1")
    ok(rc == 2 and "did you mean staff.coaches.fte?" in err, "unknown PATH: did you mean", err)
    rc, _, err = solve(SALO, "--find", "staf.coaches.fte", "--goal", "Total_Cost < 1")
    ok(rc == 2 and "did you mean staff.coaches.fte?" in err, "unknown section: did you mean",
       err)
    # A key the file does not write but the loader accepts: cost.other.monthly adds 10
    # months (2021-03..12) to 1 080 701,60 €: (1 200 000 − 1 080 701,60) ÷ 10 = 11 929,84
    # exactly meets Total_Cost <= 1 200 000; 11 929,85 gives 1 200 000,10.
    rc, stdout, err = solve(SALO, "--find", "cost.other.monthly", "--goal",
                            "Total_Cost <= 1 200 000", "--to", "20000", "--lang", "en")
    ok(rc == 0 and solve_answer(stdout) == ("11,929.84", "11,929.85") and
       "1,200,000.00 €" in stdout, "a key the file does not write (cost.other.monthly)",
       stdout + err)
    rc, _, err = solve(SALO, "--find", "staff.new.fte", "--goal", "Total_Cost < 1")
    ok(rc == 2 and "--find: staff.new.role: missing required key" in err and
       ("not an input %s accepts" % SALO) in err, "a PATH the loader refuses", err)
    rc, _, err = solve(SALO, "--find", "staff.coaches.fte", "--goal", "Municpal_Cost < 1")
    ok(rc == 2 and "did you mean Municipal_Cost?" in err, "unknown NAME: did you mean", err)
    rc, _, err = solve(SALO, "--find", "staff.coaches.fte", "--goal", "Total_Cost < 1",
                       "--step", "0,3", "--to", "10")
    ok(rc == 2 and "does not divide" in err and "9.9 or 10.2" in err,
       "a step that does not divide the range", err)
    rc, _, err = solve(SALO, "--find", "staff.coaches.fte", "--goal", "Total_Cost < 1",
                       "--from", "5", "--to", "1")
    ok(rc == 2 and "above --to" in err, "--from above --to", err)
    for step in ("0", "-0,1"):
        rc, _, err = solve(SALO, "--find", "staff.coaches.fte", "--goal", "Total_Cost < 1",
                           "--step", step)
        ok(rc == 2 and "above 0" in err, "--step %s" % step, err)
    rc, _, err = solve(SALO, "--find", "staff.coaches.fte", "--goal", "Total_Cost < 1",
                       "--step", "1 %")
    ok(rc == 2 and "ratio keys" in err, "% on a non-ratio key", err)
    rc, _, err = solve(SALO, "--find", "staff.coaches.fte", "--goal", "Bonus_Allocated > 1",
                       "--lang", "en")
    ok(rc == 2 and "no [bonus]" in err, "a bonus goal without [bonus]", err)
    rc, _, err = solve(SALO, "--find", "staff.coaches.fte", "--goal", "Bonus_Allocated > 1")
    ok(rc == 2 and "skenaariossa ei ole osiota [bonus]" in err,
       "a bonus goal without [bonus], in Finnish", err)
    rc, _, err = solve(SALO, "--find", "staff.coaches.fte", "--goal", "Total_Cost < 1",
                       "--min", "--max")
    ok(rc == 2, "--min and --max together", err)
    rc, _, err = solve(SALO, "--goal", "Total_Cost < 1")
    ok(rc == 2 and "--find" in err, "--find missing", err)

    # No value meets the goal: exit 1 with the range (903 005,60 € at 0 FTE, by the
    # run at 0 below; 178 599 005,60 € at 6 000 FTE), nothing written.
    out = os.path.join(work, "none")
    rc, stdout, err = solve(SALO, "--find", "staff.coaches.fte", "--goal",
                            "Total_Cost < 1", "-o", out, "--lang", "en")
    zero = run_figure(work, SALO, "staff.coaches.fte", "0", "Total_Cost")
    ok(rc == 1 and "no value of staff.coaches.fte" in err and
       "ranges from 903,005.60 € (at 0) to 178,599,005.60 € (at 6,000)" in err and
       "2 values computed" in err and abs(zero - 903005.60) < 0.005,
       "no value meets the goal: exit 1 with the range", err)
    ok(not os.path.exists(out) or not os.listdir(out), "no value: nothing written")
    rc, stdout, err = solve(SALO, "--find", "staff.coaches.fte", "--goal", "Total_Cost < 1")
    ok(rc == 1 and "mikään muuttujan staff.coaches.fte arvo välillä 0 … 6 000" in err and
       "pienimmillään 903 005,60 € (kohdassa 0)" in err and
       not re.search(r"\b(value|ranges|computed|warning)\b", err),
       "no value meets the goal: the message in Finnish", err)

    rc, _, err = solve(SALO, "--find", "staff.coaches.fte", "--goal", "Total_Cost < 1",
                       "--from", "-5", "--to", "5")
    ok(rc == 1 and "--find: staff.coaches.fte: '-5' is negative" in err and
       "invalid at staff.coaches.fte=-5" in err, "a grid value where the scenario is invalid",
       err)

    # Not monotone: unallocated = pool − allocated is a sawtooth of the 100 € unit below
    # 362 700 € (everything the rule asks); the search says so.
    rc, stdout, err = solve(BONUS, "--find", "bonus.pool", "--goal",
                            "Bonus_Unallocated <= 100", "--to", "1000000", "--step", "1",
                            "--lang", "en")
    ok(rc == 0 and "warning: Bonus_Unallocated is not monotone in bonus.pool" in err,
       "a figure that is not monotone draws a warning", stdout + err)
    rc, stdout, err = solve(BONUS, "--find", "bonus.pool", "--goal",
                            "Bonus_Unallocated <= 100", "--to", "1000000", "--step", "1")
    ok(rc == 0 and "varoitus: Bonus_Unallocated ei ole monotoninen muuttujan bonus.pool" in err,
       "the warning in Finnish", stdout + err)


# ---- property: random scenarios against an exhaustive scan --------------------------------

def random_scenario(rng, path):
    coaches_state = rng.choice([1, 2, 5])   # the caseload KPI needs coach FTE (SPEC §5.5)
    lines = [
        "[scenario]", "id = prop", "name = Satunnainen", "start = 2022-%02d" % rng.randint(1, 6),
        "end = 2023-%02d" % rng.randint(1, 12), "clients = %d" % rng.randint(100, 3000),
        "rounding = %s" % rng.choice(["half-up", "half-even"]),
        "[staff.coaches]", "role = Omavalmentaja", "fte = %s" % rng.choice(["1", "2,5", "4"]),
        "monthly_salary = %d,%02d" % (rng.randint(2500, 3900), rng.randint(0, 99)),
        "side_costs = %s %%" % rng.choice(["0", "21,7", "23,4"]), "coach = yes",
        "[staff.coordinator]", "role = Koordinaattori", "fte = 1",
        "monthly_salary = %d" % rng.randint(3000, 4500), "side_costs = 23,4 %",
        "payer = %s" % rng.choice(["municipality", "state"]),
        "[premises.module]", "setup = %d" % rng.randint(0, 30000),
        "monthly_rent = %d,%d" % (rng.randint(1000, 3000), rng.randint(0, 9)),
        "[funding]", "state_share = %d %%" % rng.choice([0, 25, 50, 75]),
        "reference_tmt = %d" % rng.randint(500000, 4000000), "own_min_share = 15 %",
        "[kpi.caseload]", "computed = caseload", "target = <= 150",
    ]
    if rng.random() < 0.5:
        lines[lines.index("[funding]") + 1:lines.index("[funding]") + 1] = [
            "state_cap = %d" % rng.randint(10000, 200000)]
    if coaches_state:
        lines += ["[staff.state-coaches]", "role = Omavalmentaja (valtio)",
                  "fte = %d" % coaches_state, "monthly_salary = 3100", "side_costs = 23,4 %",
                  "payer = state", "coach = yes"]
    return "\n".join(lines) + "\n"


# PATH: (grid from, to, step as --set texts and as numbers), the figures it moves.
PATHS = {
    "staff.coaches.fte": (("0", "3", "0,5"), [Fraction(k, 2) for k in range(7)],
                          ["Total_Cost", "Municipal_Cost", "Municipal_Net_Cost",
                           "State_Grant", "Caseload", "Shortfall"]),
    "premises.module.monthly_rent": (("0", "6000", "1000"),
                                     [Fraction(1000 * k) for k in range(7)],
                                     ["Total_Cost", "Municipal_Cost", "Municipal_Net_Cost",
                                      "State_Grant", "Shortfall"]),
    "funding.state_share": (("0 %", "60 %", "10 %"), [Fraction(k, 10) for k in range(7)],
                            ["State_Grant", "Municipal_Net_Cost", "Shortfall"]),
}


def decimal_text(value):
    """A Fraction with a finite decimal expansion as '2.5'."""
    if value.denominator == 1:
        return str(value.numerator)
    return ("%.6f" % float(value)).rstrip("0")


def test_property(work):
    seed = int(os.environ.get("TKK_SOLVE_SEED", "20260301"))
    cases = int(os.environ.get("TKK_SOLVE_CASES", "10"))
    rng = random.Random(seed)
    failures = []
    for case in range(cases):
        path = rng.choice(sorted(PATHS))
        (a, b, s), grid, names = PATHS[path]
        name = rng.choice(names)
        scenario = os.path.join(work, "prop-%d.ini" % case)
        with open(scenario, "w", encoding="utf-8") as f:
            f.write(random_scenario(rng, path))
        figures = [run_figure(work, scenario, path, decimal_text(v), name) for v in grid]
        known = [exact(x) for x in figures if x is not None]
        if not known:
            failures.append("case %d: %s undefined everywhere" % (case, name))
            continue
        # A threshold inside the figure's range (so both outcomes occur), sometimes one
        # of the values itself (ties), and an operator and direction at random.
        lo, hi = min(known), max(known)
        target = rng.choice([lo + (hi - lo) * Fraction(rng.randint(0, 8), 8),
                             rng.choice(known)])
        target = Fraction(round(target * 100), 100)
        op = rng.choice(sorted(OPS))
        maximise = rng.random() < 0.5
        meets = [i for i, x in enumerate(figures) if holds(x, op, target)]
        want = (max(meets) if maximise else min(meets)) if meets else None
        goal = "%s %s %s" % (name, op, decimal_text(target))
        rc, stdout, err = tkk("solve", scenario, "--find", path, "--goal", goal, "--lang",
                              "en", "--from", a, "--to", b, "--step", s,
                              "--max" if maximise else "--min")
        what = "case %d: %s %s, %s (figures %r)" % (case, "--max" if maximise else "--min",
                                                     path, goal, figures)
        if want is None:
            if rc != 1 or "no value" not in err:
                failures.append("%s: want none, got exit %d\n%s%s" % (what, rc, stdout, err))
            continue
        answer, neighbour = solve_answer(stdout)
        got = Fraction(plain(answer).rstrip("%").strip()) if answer else None
        if path == "funding.state_share" and got is not None:
            got /= 100
        if rc != 0 or got != grid[want]:
            failures.append("%s: want %s, got %r (exit %d)\n%s%s"
                            % (what, grid[want], answer, rc, stdout, err))
            continue
        # The answer holds (by the runs); its neighbour, when inside the grid, fails.
        step = 1 if maximise else -1
        if 0 <= want + step < len(grid):
            if holds(figures[want + step], op, target) or neighbour is None:
                failures.append("%s: the neighbour of %s" % (what, grid[want]))
        elif neighbour is not None:
            failures.append("%s: a neighbour beyond the grid" % what)
        if err:
            failures.append("%s: unexpected warning %s" % (what, err))
    ok(not failures, "property: %d random scenarios and goals (seed %d) agree with the "
       "exhaustive scan by tkk run" % (cases, seed), "\n".join(failures))


def main():
    work = tempfile.mkdtemp(prefix="tkk-e2e-solve.")
    try:
        books = test_shipped(work)
        test_errors(work)
        test_property(work)
        if os.environ.get("TKK_SKIP_RECALC") == "1":
            print("# LibreOffice recalculation skipped (TKK_SKIP_RECALC=1)")
        else:
            p = subprocess.run(["/usr/bin/python3", os.path.join(ROOT, "tests",
                                                                  "recalc_check.py")] + books,
                               capture_output=True, text=True)
            ok(p.returncode == 0, "LibreOffice recalculates every formula of the solved "
               "workbook to the cached values", p.stdout + p.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())
