#!/usr/bin/python3
"""e2e_oracle_tmt — randomised cross-check of the TMT payments (SPEC §7.6) against an
independent oracle.

    TKK=./tkk /usr/bin/python3 tests/e2e_oracle_tmt.py

Each round takes a random valid scenario of tests/e2e_oracle_engine.py (its generator,
writer and oracle of §3–§5, which give the pilot's municipal net cost per year), adds
random [tmt] and [tmt.ID] sections (history years before the period, years of the
period and after it; estimate, actual, target, persons and months in any combination;
labels; baselines on rows that have that year's actual; amounts with up to four
decimals in the §3 number syntax), runs `$TKK run --lang en`, and compares the `TMT`
table and the Summary's `TMT_Net_Effect` with what this file computes from the text
of SPEC §7.6 with exact fractions:

  the [tmt] row's estimate, actual, target, persons per year are its own, else the sum
  over the [tmt.ID] rows that give them; months are each row's own (default 12);
  Actual - Estimate; Met = Actual ≤ Target; Per person = ROUND(Actual ÷ persons, 2);
  Annualised = ROUND(Actual × 12 ÷ months, 2); Change = Annualised − Annualised of the
  row's baseline year; Net effect (the [tmt] row, years of the period, with a Change)
  = the year's municipal net cost + Change; TMT_Net_Effect = Σ Net effect.

Rows are compared in order: the [tmt] row's years ascending, then each [tmt.ID] in file
order. Money to the cent (Actual - Estimate, whose inputs may have more decimals than
cents, to the cent of the exact difference). Then the first 12 workbooks are
recalculated in LibreOffice (tests/recalc_check.py; skipped with TKK_SKIP_RECALC=1), so
the TMT formulas of both rounding modes are checked there too.

Environment: TKK, TKK_ORACLE_SEED (default 20261201), TKK_ORACLE_ROUNDS (default 30),
TKK_ORACLE_ONLY=N, TKK_ORACLE_KEEP=DIR. Prints TAP lines; exit 77 = skipped (no tkk).
"""

import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from fractions import Fraction as F

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))
import e2e_oracle_engine as eng  # noqa: E402
import tap  # noqa: E402
import xlsx_tables  # noqa: E402
from tap import ok  # noqa: E402

DEFAULT_SEED = "20261201"
DEFAULT_ROUNDS = 30
RECALC_BOOKS = 12
FIELDS = ("estimate", "actual", "target", "persons")      # summed by the sum rule
AREA_IDS = ["pori", "merikarvia", "pomarkku", "ulvila", "salo", "koski_tl", "a-1"]
LABELS = ["Pori", "Merikarvia", "Pomarkku", "Ulvila", "Salo", "Koski Tl", "Länsi-Turunmaa"]
COVER = {}


def cover(what, cond=True):
    if cond:
        COVER[what] = COVER.get(what, 0) + 1


# --------------------------------------------------------------------------- generator

def gen_area(rng, years, is_total):
    """One section's inputs: {year: {field: value}}, label, baseline (set later)."""
    area = {"years": {}, "label": None, "baseline": None}
    if rng.random() < 0.6:
        area["label"] = rng.choice(LABELS) + ("" if rng.random() < 0.7 else " (kunta)")
    for y in rng.sample(years, rng.randint(0 if is_total else 1, min(5, len(years)))):
        v = {}
        for f in FIELDS:
            if rng.random() < (0.3 if is_total else 0.6):
                if f == "persons":
                    v[f] = rng.randint(1, 2500)
                else:
                    v[f] = eng.rand_money(rng, 0, 5000000, rng.choice([0, 0, 2, 2, 3, 4]))
        if rng.random() < 0.3:
            v["months"] = rng.randint(1, 12)
        if v:
            area["years"][y] = v
    return area


def gen_tmt(rng, model):
    first, last = model["start"] // 12, model["end"] // 12
    years = list(range(first - 6, last + 3))
    children = []
    for aid in rng.sample(AREA_IDS, rng.choice([0, 1, 1, 2, 3])):
        a = gen_area(rng, years, False)
        a["id"] = aid
        children.append(a)
    total = gen_area(rng, years, True) if (not children or rng.random() < 0.8) else None
    tmt = {"total": total, "children": children}
    # Baselines only where the row has that year's actual (SPEC §7.6 makes it an error
    # otherwise); the [tmt] row looks at its sum.
    exp_total = expected_inputs(tmt)
    for area, rows in [(total, exp_total)] + [(c, c["years"]) for c in children]:
        if area is None:
            continue
        with_actual = sorted(y for y, v in rows.items() if v.get("actual") is not None)
        if with_actual and rng.random() < 0.7:
            area["baseline"] = rng.choice(with_actual)
    # Persons 0 is refused where the actual is above 0 (SPEC §7.6); the generator draws
    # persons ≥ 1, and sometimes a 0 where no actual is given or summed.
    for area in [total] + children:
        if area is None:
            continue
        for y, v in area["years"].items():
            summed = exp_total.get(y, {}).get("actual") if area is total else v.get("actual")
            if "persons" in v and (summed is None or summed == 0) and rng.random() < 0.3:
                v["persons"] = 0
                cover("persons 0 without an actual")
    return tmt


def write_tmt(rng, tmt):
    out = []

    def section(header, area):
        out.append("[%s]" % header)
        lines = []
        if area["label"] is not None:
            lines.append("label = %s" % area["label"])
        if area["baseline"] is not None:
            lines.append("%s = %d" % (rng.choice(["baseline", "Baseline"]), area["baseline"]))
        for y, v in area["years"].items():
            for f, x in v.items():
                if f in ("persons", "months"):
                    text = eng.fmt_int(rng, x)
                else:
                    text = eng.fmt_money(rng, x)
                lines.append("%s.%d = %s" % (f, y, text))
        rng.shuffle(lines)
        out.extend(lines)
        out.append("")

    if tmt["total"] is not None:
        section("tmt", tmt["total"])
    for c in tmt["children"]:
        section("tmt.%s" % c["id"], c)
    return "\n".join(out)


# --------------------------------------------------------------------------- oracle

def expected_inputs(tmt):
    """The [tmt] row's inputs per year after the sum rule: {year: {field: value}}."""
    own = tmt["total"]["years"] if tmt["total"] else {}
    years = set(own)
    for c in tmt["children"]:
        years |= {y for y, v in c["years"].items() if any(f in v for f in FIELDS)}
    rows = {}
    for y in years:
        v = {}
        for f in FIELDS:
            if f in own.get(y, {}):
                v[f] = own[y][f]
            else:
                given = [c["years"][y][f] for c in tmt["children"]
                         if f in c["years"].get(y, {})]
                if given:
                    v[f] = sum(given)
                    cover("sum rule over %d rows" % len(given))
        v["months"] = own.get(y, {}).get("months", 12)
        rows[y] = v
    return rows


def derive(rows, baseline, mode):
    """Every column of one area's rows, from its inputs (SPEC §7.6)."""
    R = lambda x: eng.round_cents(x, mode)  # noqa: E731  (integer cents)
    out = []
    for y in sorted(rows):
        v = rows[y]
        a, e, t, p = v.get("actual"), v.get("estimate"), v.get("target"), v.get("persons")
        months = v.get("months", 12)
        row = {"Year": y, "Months": months, "Estimate": e, "Target": t, "Actual": a,
               "Persons": p, "Actual - Estimate": None, "Met": None, "Per person": None,
               "Annualised": None, "Change": None, "Net effect": None}
        if a is not None and e is not None:
            row["Actual - Estimate"] = F(a) - F(e)
        if a is not None and t is not None:
            row["Met"] = "yes" if a <= t else "no"
            cover("target met" if a <= t else "target missed")
        if a is not None and p:
            row["Per person"] = R(F(a) / p)
        if a is not None:
            row["Annualised"] = R(F(a) * 12 / months)
            cover("annualised over %s months" % ("12" if months == 12 else "fewer"))
        out.append(row)
    if baseline is not None:
        base = [r for r in out if r["Year"] == baseline][0]["Annualised"]
        for r in out:
            if r["Annualised"] is not None:
                r["Change"] = r["Annualised"] - base
                cover("a saving against the baseline", r["Change"] < 0)
    return out


def oracle_tmt(tmt, model, exp):
    mode = model["rounding"]
    areas = []
    total_rows = derive(expected_inputs(tmt), tmt["total"]["baseline"] if tmt["total"] else None,
                        mode)
    net = None
    for r in total_rows:
        if r["Change"] is not None and r["Year"] in exp["funding"]:
            # The year's basis of SPEC §5.4 (Actual net cost where judged on the actual,
            # else Municipal net cost; cents) + Change (cents)
            r["Net effect"] = exp["funding"][r["Year"]]["basis"] + r["Change"]
            net = (net or 0) + r["Net effect"]
            cover("a Net effect")
    label = tmt["total"]["label"] if tmt["total"] else None
    areas.append((label, total_rows))
    for c in tmt["children"]:
        areas.append((c["label"] if c["label"] is not None else c["id"],
                      derive(c["years"], c["baseline"], mode)))
    return areas, net


# --------------------------------------------------------------------------- checks

def check_tmt(book, areas, mode, mm):
    got = book.rows("TMT")
    want = [(label, r) for label, rows in areas for r in rows]
    if len(got) != len(want):
        mm.items.append("TMT: %d rows, expected %d" % (len(got), len(want)))
        return
    R = lambda x: eng.round_cents(x, mode)  # noqa: E731
    for g, (label, e) in zip(got, want):
        w = "TMT %s %s" % (label, e["Year"])
        if label is not None:
            mm.same(w + " Area", g.get("Area"), label)
        mm.num(w + " Year", g.get("Year"), e["Year"])
        mm.num(w + " Months", g.get("Months"), e["Months"])
        for col in ("Estimate", "Target", "Actual"):
            mm.money(w + " " + col, g.get(col), None if e[col] is None else R(e[col]))
        mm.num(w + " Persons", g.get("Persons"), e["Persons"])
        d = e["Actual - Estimate"]
        if d is None:
            mm.money(w + " Actual - Estimate", g.get("Actual - Estimate"), None)
        elif not (eng.is_num(g.get("Actual - Estimate")) and
                  abs(F(g["Actual - Estimate"]) - d) < F(1, 100)):
            mm.items.append("%s Actual - Estimate: expected %s, got %r"
                            % (w, eng.show(d), g.get("Actual - Estimate")))
        mm.same(w + " Met", g.get("Met") if g.get("Met") != "" else None, e["Met"])
        for col in ("Per person", "Annualised", "Change", "Net effect"):
            mm.money(w + " " + col, g.get(col), e[col])


def run_round(tkk, seed, rnd, work, keep, books):
    rng = random.Random("%s:%d" % (seed, rnd))
    sid = "tmt-%d" % rnd
    model = eng.gen_model(rng, sid)
    header = "TKK_ORACLE_SEED=%s TKK_ORACLE_ONLY=%d (e2e_oracle_tmt.py)" % (seed, rnd)
    text = eng.write_ini(rng, model, header)
    tmt = gen_tmt(rng, model)
    text += "\n" + write_tmt(rng, tmt)
    ini = os.path.join(work, sid + ".ini")
    with open(ini, "w", encoding="utf-8") as f:
        f.write(text)
    exp = eng.oracle(model)
    areas, net = oracle_tmt(tmt, model, exp)
    out = os.path.join(work, "out-%d" % rnd)
    os.makedirs(out, exist_ok=True)
    tag = "seed %s round %d (%s, %s)" % (seed, rnd, sid, model["rounding"])
    result = subprocess.run([tkk, "run", "--lang", "en", "-q", "-o", out, ini],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            universal_newlines=True)
    xlsx = os.path.join(out, sid + ".xlsx")
    if keep:
        shutil.copy(ini, os.path.join(keep, sid + ".ini"))
        if os.path.isfile(xlsx):
            shutil.copy(xlsx, os.path.join(keep, sid + ".xlsx"))
    detail = "--- %s\n%s\n---" % (ini, text)
    if not ok(result.returncode == 0 and os.path.isfile(xlsx),
              "%s: tkk run exits 0" % tag, "%s\n%s" % (result.stderr, detail)):
        return
    books.append(xlsx)
    has_rows = any(rows for _, rows in areas)
    with xlsx_tables.open_book(xlsx) as book:
        mm = eng.Mismatches()
        if not has_rows:
            if "TMT" in book.table_names():
                mm.items.append("a TMT table without any TMT year")
        else:
            try:
                check_tmt(book, areas, model["rounding"], mm)
            except Exception as e:  # noqa: BLE001 - report, do not crash the run
                mm.items.append("TMT: %s: %s" % (type(e).__name__, e))
        names = book.defined_names()
        if net is None:
            if "TMT_Net_Effect" in names:
                mm.items.append("TMT_Net_Effect defined without a Net effect")
        else:
            mm.money("defined name TMT_Net_Effect", book.name_value("TMT_Net_Effect")
                     if "TMT_Net_Effect" in names else None, net)
        ok(not mm.items, "%s: TMT table and TMT_Net_Effect" % tag,
           mm.text() + "\n" + detail if mm.items else "")


def main():
    tkk = os.environ.get("TKK", os.path.join(ROOT, "tkk"))
    if not (os.path.isfile(tkk) and os.access(tkk, os.X_OK)):
        print("skipped: no tkk binary at %s" % tkk)
        return 77
    tkk = os.path.abspath(tkk)
    seed = os.environ.get("TKK_ORACLE_SEED", DEFAULT_SEED)
    rounds = int(os.environ.get("TKK_ORACLE_ROUNDS", DEFAULT_ROUNDS))
    only = os.environ.get("TKK_ORACLE_ONLY")
    keep = os.environ.get("TKK_ORACLE_KEEP")
    if keep:
        os.makedirs(keep, exist_ok=True)
    which = [int(only)] if only else list(range(1, rounds + 1))
    t0 = time.time()
    work = tempfile.mkdtemp(prefix="tkk-e2e-oracle-tmt-")
    books = []
    try:
        for rnd in which:
            run_round(tkk, seed, rnd, work, keep, books)
        if os.environ.get("TKK_SKIP_RECALC") == "1":
            print("# LibreOffice recalculation skipped (TKK_SKIP_RECALC=1)")
        elif books:
            # A dozen workbooks keep LibreOffice's share of the suite's time small; the
            # rounds alternate rounding modes at random, so both are among them.
            books = books[:RECALC_BOOKS]
            p = subprocess.run(["/usr/bin/python3", os.path.join(ROOT, "tests", "recalc_check.py")]
                               + books, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               universal_newlines=True)
            ok(p.returncode == 0, "LibreOffice recalculates every formula of %d random TMT "
               "workbooks" % len(books), p.stdout + p.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("# seed %s, %d scenario(s), %.1f s" % (seed, len(which), time.time() - t0))
    print("# coverage: " + "; ".join("%s %d" % kv for kv in sorted(COVER.items())))
    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())
