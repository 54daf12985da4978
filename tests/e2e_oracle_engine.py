#!/usr/bin/python3
"""e2e_oracle_engine — randomised cross-check of tkk's engine against an independent oracle.

    TKK=./tkk /usr/bin/python3 tests/e2e_oracle_engine.py

Generates TKK_ORACLE_ROUNDS (default 40) random but valid scenarios from the seed
TKK_ORACLE_SEED (default 20240601; each round has its own generator seeded by
"SEED:ROUND", so a round can be re-run alone with TKK_ORACLE_ONLY=ROUND), writes each as
an INI file, runs `$TKK run --lang en -q -o TMP FILE.ini` and reads the workbook back
(tests/xlsx_tables.py). Every expected figure is computed here, independently of tkk's
sources, from the text of SPEC §3–§5 with exact fractions.Fraction arithmetic:

  §5.1 staff: salary raised at each [indexation] month ≤ m, ROUND(salary × (1 + raise), 2)
       in month order; cost = ROUND(fte × salary × (1 + side_costs), 2) per month;
       coach FTE per month;
  §5.2 premises set-up and rent, cost lines' amount and monthly, each rounded to cents;
  §5.3 Plan per year and category over municipality-paid lines, Budget / Actual from the
       file (a total row's Budget is the given total or the sum of the given
       categories), Actual - Budget, Actual - Plan, Use %;
  §5.4 funding per year and total: state grant min(ROUND(share × eligible, 2), cap),
       required own contribution ROUND(own_min_share × reference_tmt × months ÷ 12, 2),
       Actual (the year's [actual] total, or the sum of all three categories; a partial
       actual is none), Actual net cost = Actual − State grant, Judged on actual / plan
       (total: mixed when only some years have an Actual), Status and Shortfall on that
       basis, the total row judged on the sum of the years' bases;
  §5.5 KPIs: actual or clients ÷ coach FTE of the last month, Met, Difference;
  §7.2 per-year inputs on random years: clients.YYYY (the caseload of a year at its last
       month within the period), a KPI's actual.YYYY / target.YYYY (one row per KPI and
       year, the whole-period row only with a plain actual or clients; Operator),
       reference_tmt.YYYY (the year's Required; the total's blank without a plain one);
  §5.7 rewards: ROUND(amount, 2) × persons, Claimed, Paid = min(Claimed, allocation);

both rounding modes of §3 (half-up = halves away from zero, half-even = banker's). The
scenarios use the number syntax of §3 (decimal comma or point, digit groups with space,
U+00A0, U+202F or `_`, `€` / `EUR` / `%` suffixes, fractions `a/b`, signs `+`, `-`,
U+2212), mixed-case keys, comments and a section header repeated in one file.

Checked per scenario: tkk exits 0 and writes the workbook; the tables Budget (every
column), Staff (Total, Payer, Coach, FTE), Costs (Total, Category), MonthlyDetail (one
row per line and month with its cents, no rows of 0; when every line costs 0, the one
blank row an Excel table needs is accepted), Monthly, Funding (every column, `total`
row included; Shortfall of a `met` row may be 0 or blank, which the SPEC leaves open),
KPIs (per ID and Year: Actual, Operator, Target, Met, Difference), Rewards (Amount, Persons, Total); and the
Summary defined names Total_Cost, Municipal_Cost, State_Grant, Municipal_Net_Cost,
Reward_Claimed, Reward_Paid. Money is compared to the cent, other numbers to 1e-9
relative. The last comment lines count the exact halves met at rounding points and the
cases covered (caps binding, each KPI operator met / not met, ...).

Environment: TKK (default ./tkk at the repository root), TKK_ORACLE_SEED,
TKK_ORACLE_ROUNDS, TKK_ORACLE_ONLY=N (only round N), TKK_ORACLE_KEEP=DIR (keep the
generated .ini files and workbooks there). A mismatch prints the scenario file, the
field, the expected and the got value. Prints TAP-style "ok N - ..." / "not ok N - ..."
lines for tests/run-tests.sh and exits 1 when a check fails; exit 77 = skipped (no tkk).
"""

import datetime
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
import tap  # noqa: E402
import xlsx_tables  # noqa: E402
from tap import ok  # noqa: E402

DEFAULT_SEED = "20240601"
DEFAULT_ROUNDS = 40
CATS = ("personnel", "premises", "other")

# How often a rounding point met an exact half, per mode (coverage of §3's two modes).
HALVES = {"half-up": 0, "half-even": 0}
# How often the oracle met the cases worth meeting (printed at the end).
COVER = {}


def cover(what, cond=True):
    if cond:
        COVER[what] = COVER.get(what, 0) + 1


# --------------------------------------------------------------------------- rounding

def round_cents(x, mode):
    """ROUND(x, 2) as integer cents: SPEC §3 half-up (halves away from zero, as Excel's
    ROUND) or half-even (banker's)."""
    q = F(x) * 100
    fl = q.numerator // q.denominator          # floor
    rem = q - fl
    if rem > F(1, 2):
        return fl + 1
    if rem < F(1, 2):
        return fl
    HALVES[mode] += 1
    if mode == "half-up":
        return fl + 1 if q > 0 else fl         # away from zero
    return fl if fl % 2 == 0 else fl + 1       # to the even cent


def c2f(cents):
    return F(cents, 100)


# --------------------------------------------------------------------------- months

def mi(y, m):
    return y * 12 + m - 1


def mname(i):
    return "%04d-%02d" % (i // 12, i % 12 + 1)


def dt_to_mi(v):
    if isinstance(v, (datetime.datetime, datetime.date)):
        return v.year * 12 + v.month - 1
    return None


# --------------------------------------------------------------------------- number syntax

GROUP_SEPS = [" ", "\u00a0", "\u202f", "_"]


def decimal_digits(v):
    """(intpart, fracpart) strings of |v| when v is a terminating decimal, else None."""
    v = abs(F(v))
    d = v.denominator
    k = 0
    while d % 10 == 0:
        d //= 10
        k += 1
    twos = fives = 0
    while d % 2 == 0:
        d //= 2
        twos += 1
    while d % 5 == 0:
        d //= 5
        fives += 1
    if d != 1:
        return None
    k += max(twos, fives)
    if k > 12:
        return None
    scaled = v * 10 ** k
    assert scaled.denominator == 1
    s = str(scaled.numerator).rjust(k + 1, "0")
    return (s[:len(s) - k] if k else s), (s[len(s) - k:] if k else "")


def group_int(rng, digits, seps=GROUP_SEPS):
    """The integer digits with group separators standing alone between digits."""
    if len(digits) < 2 or rng.random() < 0.45:
        return digits
    sep = rng.choice(seps)
    if rng.random() < 0.75:                    # thousands
        out = []
        while len(digits) > 3:
            out.insert(0, digits[-3:])
            digits = digits[:-3]
        out.insert(0, digits)
        return sep.join(out)
    # any group sizes (SPEC §3: `12 34` is 1234)
    out, i = [], 0
    while i < len(digits):
        n = rng.randint(1, 3)
        out.append(digits[i:i + n])
        i += n
    return sep.join(out)


def fmt_decimal(rng, v, seps=GROUP_SEPS):
    """An unsigned terminating decimal in the §3 syntax, or None."""
    dd = decimal_digits(v)
    if dd is None:
        return None
    ip, fp = dd
    if fp and rng.random() < 0.15:
        fp += "0" * rng.randint(1, 2)           # trailing zeros
    elif not fp and rng.random() < 0.1:
        fp = "0" * rng.randint(1, 2)            # 2400,00
    s = group_int(rng, ip, seps)
    if fp:
        s += rng.choice([",", ",", ",", "."]) + fp
    return s


def fmt_fraction(rng, v):
    """|v| as a/b with unsigned decimals a and b (no space groups: README)."""
    v = abs(F(v))
    k = rng.choice([1, 1, 1, 2, 3])
    a, b = v.numerator * k, v.denominator * k
    if rng.random() < 0.2:                      # decimals on both sides: 0,3/0,8
        sa = fmt_decimal(rng, F(a, 10), seps=["_"])
        sb = fmt_decimal(rng, F(b, 10), seps=["_"])
        return "%s/%s" % (sa, sb)
    return "%s/%s" % (group_int(rng, str(a), ["_"]), b)


def sign_str(rng, v):
    if v < 0:
        return rng.choice(["-", "-", "\u2212"])
    return "+" if rng.random() < 0.07 else ""


def fmt_plain(rng, v, frac_ok=True):
    """A plain number (FTE, KPI value without suffix)."""
    s = fmt_decimal(rng, v)
    if s is None or (frac_ok and rng.random() < 0.1):
        s = fmt_fraction(rng, v)
    return sign_str(rng, v) + s


def fmt_money(rng, v):
    s = fmt_decimal(rng, v)
    if s is None or rng.random() < 0.05:
        s = fmt_fraction(rng, v)
    suffix = rng.choice(["", "", "", " €", "€", " EUR", "EUR"])
    return sign_str(rng, v) + s + suffix


def fmt_ratio(rng, v):
    """A ratio key: plain ratio, `n %`, or a fraction, possibly with %."""
    pct = v * 100
    choices = []
    if decimal_digits(pct) is not None:
        choices += ["pct", "pct", "pct"]
    if decimal_digits(v) is not None and abs(v) <= 1:
        choices += ["plain"]
    if not choices or rng.random() < 0.12:
        choices = ["frac", "fracpct"]
    how = rng.choice(choices)
    if how == "pct":
        return sign_str(rng, v) + fmt_decimal(rng, pct) + rng.choice([" %", "%"])
    if how == "plain":
        return sign_str(rng, v) + fmt_decimal(rng, v)
    if how == "frac":
        return sign_str(rng, v) + fmt_fraction(rng, v)
    return sign_str(rng, v) + fmt_fraction(rng, pct) + rng.choice([" %", "%"])


def fmt_kpi(rng, v):
    """KPI actual/target: plain, or with % (÷ 100), or with €."""
    r = rng.random()
    if r < 0.25 and decimal_digits(v * 100) is not None:
        return sign_str(rng, v) + fmt_decimal(rng, v * 100) + rng.choice([" %", "%"])
    if r < 0.35:
        return fmt_plain(rng, v) + rng.choice([" €", "€", " EUR"])
    return fmt_plain(rng, v)


def fmt_int(rng, n):
    return group_int(rng, str(n))


# --------------------------------------------------------------------------- generator

ROLES = ["Omavalmentaja", "Psykologi", "Ratkaisutyö", "Koordinaattori",
         "Sosiaalityöntekijä", "Suunnittelija", "Muu tukihenkilöstö", "Työkykykoordinaattori",
         "Ura- ja koulutusohjaaja", "Yritysasiantuntija"]
STAFF_IDS = ["coaches", "state-coaches", "psychologist", "decisions", "coordinator",
             "social-worker", "planners", "support", "career_adviser", "biz-1", "x9"]


def rand_money(rng, lo, hi, decimals=None):
    if decimals is None:
        decimals = rng.choice([0, 0, 2, 2, 3, 4])
    base = rng.randint(lo, hi)
    if decimals == 0:
        return F(base)
    return F(base) + F(rng.randint(0, 10 ** decimals - 1), 10 ** decimals)


def rand_sub(rng, start, end):
    s = rng.randint(start, end)
    return s, rng.randint(s, end)


def gen_model(rng, sid):
    y0 = rng.randint(2012, 2030)
    span = rng.choice([1, 1, 2, 2, 3])
    m0 = 1 if rng.random() < 0.4 else rng.randint(1, 12)
    y1 = y0 + span - 1
    if span == 1:
        m1 = rng.randint(m0, 12)
    else:
        m1 = 12 if rng.random() < 0.4 else rng.randint(1, 12)
    start, end = mi(y0, m0), mi(y1, m1)
    months = list(range(start, end + 1))
    model = {"id": sid, "start": start, "end": end,
             "rounding": rng.choice(["half-up", "half-even"]),
             "rounding_written": None, "clients": None}
    model["rounding_written"] = (model["rounding"] != "half-up" or rng.random() < 0.5)

    # [indexation]
    raises = {}
    for m in rng.sample(months, min(len(months), rng.choice([0, 1, 1, 2, 3]))):
        r = rng.choice([
            F(rng.randint(-300, 600), 10000),           # −3,00 % .. 6,00 %
            F(rng.choice([1, 2, 3, 5, 10, -1, -2]), 100),
            F(1, 3) / 100, F(-1, 2), F(-99, 100), F(1, 8), F(rng.randint(1, 99), 1000),
            F(2, 3) / 100, F(rng.randint(-999, 999), 100000)])
        raises[m] = r
    model["raises"] = raises

    # [staff.*]
    staff = []
    for sid_ in rng.sample(STAFF_IDS, rng.randint(1, 6)):
        fte = rng.choice([F(1), F(2), F(6), F(12), F(1, 2), F(137, 10), F(7, 10), F(2, 3),
                          F(5, 4), F(0), F(33, 10), F(1, 3), F(rng.randint(1, 400), 100)])
        salary = rng.choice([
            rand_money(rng, 1800, 5200),
            rand_money(rng, 1800, 5200, 3),
            F(rng.randint(5000, 20000), rng.choice([3, 7])),
            F(rng.randint(1800, 5200)) + F(rng.randint(0, 199), 200),   # ...,xx5
        ])
        sc = rng.choice([None, F(0), F(234, 1000), F(21, 100), F(1, 4), F(2285, 10000),
                         F(1, 5), F(3, 10), F(1, 3), F(rng.randint(0, 400), 1000)])
        payer = "state" if rng.random() < 0.3 else "municipality"
        line = {"id": sid_, "role": rng.choice(ROLES), "fte": fte, "salary": salary,
                "sc": sc, "payer": payer, "payer_written": payer == "state" or rng.random() < 0.3,
                "coach": rng.random() < 0.4, "coach_written": rng.random() < 0.5,
                "eligible": rng.choice([None, None, True, False]),
                "start": None, "end": None}
        r = rng.random()
        if r < 0.4:
            line["start"], line["end"] = rand_sub(rng, start, end)
        elif r < 0.5:
            line["start"] = rng.randint(start, end)
        elif r < 0.6:
            line["end"] = rng.randint(start, end)
            # default start is the scenario's: keep end ≥ start
        staff.append(line)
    model["staff"] = staff

    # [premises.*]
    prem = []
    for k in range(rng.choice([0, 1, 1, 2])):
        p = {"id": rng.choice(["module", "office", "annex"]) + str(k),
             "setup": None, "setup_month": None, "rent": None, "start": None, "end": None,
             "eligible": rng.choice([None, None, True, False])}
        what = rng.choice(["both", "both", "setup", "rent"])
        if what in ("both", "setup"):
            p["setup"] = rand_money(rng, 0, 60000)
            if rng.random() < 0.5:
                p["setup_month"] = rng.randint(start, end)
        if what in ("both", "rent"):
            p["rent"] = rand_money(rng, 0, 5000)
        if rng.random() < 0.5:
            p["start"], p["end"] = rand_sub(rng, start, end)
        prem.append(p)
    model["premises"] = prem

    # [cost.*]
    costs = []
    for k in range(rng.choice([0, 1, 2, 3])):
        c = {"id": rng.choice(["renovation", "other", "it", "travel"]) + "-" + str(k),
             "category": rng.choice([None, "personnel", "premises", "other"]),
             "amount": None, "month": None, "monthly": None, "start": None, "end": None,
             "eligible": rng.choice([None, None, True, False])}
        what = rng.choice(["amount", "monthly", "both"])
        if what in ("amount", "both"):
            c["amount"] = rand_money(rng, 0, 40000)
            if rng.random() < 0.6:
                c["month"] = rng.randint(start, end)
        if what in ("monthly", "both"):
            c["monthly"] = rand_money(rng, 0, 3000)
        if rng.random() < 0.5:
            c["start"], c["end"] = rand_sub(rng, start, end)
        costs.append(c)
    model["costs"] = costs

    # [budget], [actual]
    years = list(range(start // 12, end // 12 + 1))
    for sect in ("budget", "actual"):
        if rng.random() < 0.25:
            model[sect] = None
            continue
        data = {}
        for y in years:
            pattern = rng.choice(["none", "total", "all", "all_total", "some", "some_total"])
            if pattern == "none":
                continue
            vals = {}
            cats = list(CATS)
            if pattern.startswith("some"):
                cats = rng.sample(CATS, rng.randint(1, 2))
            if pattern != "total":
                for c in cats:
                    vals[c] = rand_money(rng, 0, 900000, rng.choice([0, 0, 2])) \
                        if rng.random() < 0.93 else F(0)
            if pattern == "total":
                vals["total"] = rand_money(rng, 0, 2000000, rng.choice([0, 2])) \
                    if rng.random() < 0.93 else F(0)
            elif pattern == "all_total":
                vals["total"] = sum(vals[c] for c in CATS)
            elif pattern == "some_total":
                vals["total"] = rand_money(rng, 0, 2000000, rng.choice([0, 2]))
            data[y] = vals
        model[sect] = data

    # [funding]
    if rng.random() < 0.85:
        fu = {"state_share": None, "state_cap": None, "tmt": None, "own": None}
        if rng.random() < 0.85:
            fu["state_share"] = rng.choice([F(3, 4), F(1, 2), F(2, 3), F(1), F(0), F(1, 3),
                                            F(rng.randint(0, 1000), 1000),
                                            F(rng.randint(0, 10000), 10000)])
        if rng.random() < 0.5:
            # log-uniform 100 € .. 1 M€, so that the cap binds in some years only
            fu["state_cap"] = (F(0) if rng.random() < 0.04 else
                               F(round(10 ** rng.uniform(2, 6) * 100), 100))
        if rng.random() < 0.8:
            fu["tmt"] = rand_money(rng, 100000, 8000000, rng.choice([0, 2]))
        if rng.random() < 0.8:
            fu["own"] = rng.choice([F(15, 100), F(1, 10), F(rng.randint(0, 400), 1000),
                                    F(1, 3), F(rng.randint(0, 10000), 10000)])
        model["funding"] = fu
    else:
        model["funding"] = None

    # [kpi.*]
    kpis = []
    coach_last = sum((l["fte"] for l in staff if l["coach"]
                      and (l["start"] if l["start"] is not None else start) <= end
                      <= (l["end"] if l["end"] is not None else end)), F(0))
    ids = rng.sample(["clients", "activation", "weeks", "trials", "change"],
                     rng.choice([0, 1, 2, 3]))
    if rng.random() < 0.6:
        ids.insert(rng.randint(0, len(ids)), "caseload")
    for kid in ids:
        k = {"id": kid, "label": rng.choice([None, "Mittari " + kid, "Aktivointiaste"]),
             "actual": None, "computed": False, "target": None}
        if kid == "caseload" and coach_last > 0 and rng.random() < 0.8:
            k["computed"] = True
            model["clients"] = rng.randint(0, 5000)
            actual = F(model["clients"]) / coach_last
        else:
            actual = rng.choice([
                F(rng.randint(0, 5000)),
                F(rng.randint(0, 1000), 1000),          # a share, e.g. 42,8 %
                F(rng.randint(-5000, 5000), 100),
                F(rng.randint(0, 100), 3)])
            k["actual"] = actual
        if rng.random() < 0.8:
            op = rng.choice(["<", "<=", ">", ">=", "="])
            r = rng.random()
            if r < 0.3:
                tnum = actual                                 # boundary
            elif r < 0.65:
                tnum = actual + F(rng.randint(-500, 500), 100)
            else:
                tnum = F(rng.randint(-100, 5000))
            k["target"] = (op, tnum)
        kpis.append(k)
    if model["clients"] is None and rng.random() < 0.3:
        model["clients"] = rng.randint(0, 3000)
    model["kpis"] = kpis

    # [reward], [reward.*]
    if rng.random() < 0.45:
        crit = []
        for k, cid in enumerate(rng.sample(["permanent-open", "permanent-subsidy",
                                            "fixed-3-months", "fixed-6-months", "other"],
                                           rng.randint(1, 4))):
            amount = rng.choice([F(rng.choice([500, 1000, 1500])),
                                 rand_money(rng, 0, 3000, 3),
                                 F(rng.randint(0, 3000)) + F(rng.randint(0, 199), 200),
                                 F(rng.randint(1000, 9000), 7)])
            crit.append({"id": cid, "label": rng.choice([None, "Palkkio " + cid]),
                         "amount": amount, "persons": rng.randint(0, 40)})
        alloc = None
        if rng.random() < 0.7:
            alloc = rand_money(rng, 0, 60000, rng.choice([0, 2]))
        model["reward"] = {"allocation": alloc, "reward_section": alloc is not None
                           or rng.random() < 0.5, "criteria": crit}
    else:
        model["reward"] = None
    gen_years(random.Random(rng.random()), model)
    return model


def coach_fte_at(model, m):
    """Coach FTE of the staff lines active in month m."""
    start, end = model["start"], model["end"]
    return sum((l["fte"] for l in model["staff"] if l["coach"]
                and (l["start"] if l["start"] is not None else start) <= m
                <= (l["end"] if l["end"] is not None else end)), F(0))


def year_last_month(model, y):
    """SPEC §7.2: the last month of year y within the period."""
    return min(mi(y, 12), model["end"])


def gen_years(rng, model):
    """SPEC §7.2 per-year inputs: clients.YYYY, a KPI's actual.YYYY / target.YYYY and
    reference_tmt.YYYY, on random years of the period (multi-year periods most often)."""
    years = list(range(model["start"] // 12, model["end"] // 12 + 1))
    model["clients_years"] = {}
    computed = any(k["computed"] for k in model["kpis"])
    if rng.random() < 0.6:
        for y in rng.sample(years, rng.randint(1, len(years))):
            # With a computed caseload the year needs coach FTE in its last month.
            if computed and coach_fte_at(model, year_last_month(model, y)) == 0:
                continue
            model["clients_years"][y] = rng.randint(0, 5000)
    for k in model["kpis"]:
        k["years"] = {}
        k["plain_actual"] = not k["computed"]
        if rng.random() < 0.4:
            continue
        for y in rng.sample(years, rng.randint(1, len(years))):
            e = {"actual": None, "target": None}
            if not k["computed"] and rng.random() < 0.7:
                e["actual"] = rng.choice([F(rng.randint(0, 5000)), F(rng.randint(0, 1000), 1000),
                                          F(rng.randint(-5000, 5000), 100)])
            if rng.random() < 0.5 or e["actual"] is None:
                op = rng.choice(["<", "<=", ">", ">=", "="])
                base = e["actual"] if e["actual"] is not None else F(rng.randint(0, 300))
                e["target"] = (op, base if rng.random() < 0.3
                               else base + F(rng.randint(-500, 500), 100))
            k["years"][y] = e
        # A KPI with some actual.YYYY need not have a plain actual (§7.2).
        if not k["computed"] and any(e["actual"] is not None for e in k["years"].values()):
            k["plain_actual"] = rng.random() < 0.5
    fu = model["funding"]
    if fu is not None:
        fu["tmt_years"] = {}
        if rng.random() < 0.5:
            for y in rng.sample(years, rng.randint(1, len(years))):
                fu["tmt_years"][y] = rand_money(rng, 100000, 8000000, rng.choice([0, 2]))


# --------------------------------------------------------------------------- writer

def write_ini(rng, model, header):
    """The scenario as INI text, with varied number syntax, key case and comments."""
    sections = []          # [(header, [(key, value)])]

    def key_case(k):
        r = rng.random()
        if r < 0.08:
            return k.upper()
        if r < 0.14:
            return k[:1].upper() + k[1:]
        return k

    def word_case(w):
        r = rng.random()
        if r < 0.1:
            return w.upper()
        if r < 0.2:
            return w.capitalize()
        return w

    yn = lambda b: "yes" if b else "no"  # noqa: E731

    sc = [("id", model["id"]),
          ("name", "Oraakkeli %s – ääkköset ja €" % model["id"]),
          ("start", mname(model["start"])), ("end", mname(model["end"]))]
    if rng.random() < 0.5:
        sc.append(("description", '"Satunnainen skenaario, %s"' % header))
    if rng.random() < 0.5:
        sc.append(("date", "%04d-03-31" % (model["end"] // 12 + 1)))
    if rng.random() < 0.3:
        sc.append(("language", rng.choice(["fi", "en"])))
    if model["rounding_written"]:
        sc.append(("rounding", word_case(model["rounding"])))
    if model["clients"] is not None:
        sc.append(("clients", fmt_int(rng, model["clients"])))
    for y, n in sorted(model["clients_years"].items()):
        sc.append(("clients.%d" % y, fmt_int(rng, n)))
    sections.append(("scenario", sc))

    if model["raises"]:
        sections.append(("indexation", [(mname(m), fmt_ratio(rng, r))
                                        for m, r in sorted(model["raises"].items(),
                                                           key=lambda kv: rng.random())]))

    for l in model["staff"]:
        kv = [("role", l["role"]), ("fte", fmt_plain(rng, l["fte"])),
              ("monthly_salary", fmt_money(rng, l["salary"]))]
        if l["sc"] is not None:
            kv.append(("side_costs", fmt_ratio(rng, l["sc"])))
        if l["payer_written"]:
            kv.append(("payer", word_case(l["payer"])))
        if l["coach"] or l["coach_written"]:
            kv.append(("coach", yn(l["coach"])))
        if l["eligible"] is not None:
            kv.append(("eligible", yn(l["eligible"])))
        if l["start"] is not None:
            kv.append(("start", mname(l["start"])))
        if l["end"] is not None:
            kv.append(("end", mname(l["end"])))
        rng.shuffle(kv)
        sections.append(("staff." + l["id"], kv))

    for p in model["premises"]:
        kv = []
        if p["setup"] is not None:
            kv.append(("setup", fmt_money(rng, p["setup"])))
        if p["setup_month"] is not None:
            kv.append(("setup_month", mname(p["setup_month"])))
        if p["rent"] is not None:
            kv.append(("monthly_rent", fmt_money(rng, p["rent"])))
        if p["start"] is not None:
            kv += [("start", mname(p["start"])), ("end", mname(p["end"]))]
        if p["eligible"] is not None:
            kv.append(("eligible", yn(p["eligible"])))
        sections.append(("premises." + p["id"], kv))

    for c in model["costs"]:
        kv = []
        if c["category"] is not None:
            kv.append(("category", word_case(c["category"])))
        if c["amount"] is not None:
            kv.append(("amount", fmt_money(rng, c["amount"])))
        if c["month"] is not None:
            kv.append(("month", mname(c["month"])))
        if c["monthly"] is not None:
            kv.append(("monthly", fmt_money(rng, c["monthly"])))
        if c["start"] is not None:
            kv += [("start", mname(c["start"])), ("end", mname(c["end"]))]
        if c["eligible"] is not None:
            kv.append(("eligible", yn(c["eligible"])))
        sections.append(("cost." + c["id"], kv))

    for sect in ("budget", "actual"):
        data = model[sect]
        if data is None:
            continue
        kv = []
        for y, vals in sorted(data.items()):
            for c, v in vals.items():
                kv.append((str(y) if c == "total" else "%s.%d" % (c, y), fmt_money(rng, v)))
        rng.shuffle(kv)
        sections.append((sect, kv))

    fu = model["funding"]
    if fu is not None:
        kv = []
        if fu["state_share"] is not None:
            kv.append(("state_share", fmt_ratio(rng, fu["state_share"])))
        if fu["state_cap"] is not None:
            kv.append(("state_cap", fmt_money(rng, fu["state_cap"])))
        if fu["tmt"] is not None:
            kv.append(("reference_tmt", fmt_money(rng, fu["tmt"])))
        if fu["own"] is not None:
            kv.append(("own_min_share", fmt_ratio(rng, fu["own"])))
        for y, v in sorted(fu["tmt_years"].items()):
            kv.append(("reference_tmt.%d" % y, fmt_money(rng, v)))
        sections.append(("funding", kv))

    for k in model["kpis"]:
        kv = []
        if k["label"] is not None:
            kv.append(("label", k["label"]))
        if k["computed"]:
            kv.append(("computed", "caseload"))
        elif k["plain_actual"]:
            kv.append(("actual", fmt_kpi(rng, k["actual"])))
        if k["target"] is not None:
            op, num = k["target"]
            kv.append(("target", op + rng.choice([" ", " ", ""]) + fmt_kpi(rng, num)))
        for y, e in sorted(k["years"].items()):
            if e["actual"] is not None:
                kv.append(("actual.%d" % y, fmt_kpi(rng, e["actual"])))
            if e["target"] is not None:
                op, num = e["target"]
                kv.append(("target.%d" % y, op + rng.choice([" ", ""]) + fmt_kpi(rng, num)))
        sections.append(("kpi." + k["id"], kv))

    rw = model["reward"]
    if rw is not None:
        if rw["reward_section"]:
            kv = []
            if rw["allocation"] is not None:
                kv.append(("allocation", fmt_money(rng, rw["allocation"])))
            sections.append(("reward", kv))
        for c in rw["criteria"]:
            kv = [("amount", fmt_money(rng, c["amount"])),
                  ("persons", fmt_int(rng, c["persons"]))]
            if c["label"] is not None:
                kv.insert(0, ("label", c["label"]))
            sections.append(("reward." + c["id"], kv))

    # A section header repeated in one file merges with the first (SPEC §4): move the
    # second half of some section's keys to a repeated header at the end.
    tail = []
    for i, (name, kv) in enumerate(sections):
        if name != "scenario" and len(kv) >= 2 and rng.random() < 0.08:
            cut = rng.randint(1, len(kv) - 1)
            sections[i] = (name, kv[:cut])
            tail.append((name, kv[cut:]))
    sections += tail
    if rng.random() < 0.15:
        rng.shuffle(sections)       # the order of sections is free (SPEC §4)

    out = ["; " + header, "# generated by tests/e2e_oracle_engine.py", ""]
    for name, kv in sections:
        out.append("[%s]" % name)
        for k, v in kv:
            line = "%s = %s" % (key_case(k), v)
            if rng.random() < 0.08:
                line += "   %s %s" % (rng.choice([";", ";", "#"]),
                                      rng.choice(["huom", "comment", "arvio"]))
            out.append(line)
        if rng.random() < 0.2:
            out.append("# ---")
        out.append("")
    return "\n".join(out)


# --------------------------------------------------------------------------- oracle

def oracle(model):
    """Every expected figure, from the SPEC text, in exact fractions / integer cents."""
    mode = model["rounding"]
    R = lambda x: round_cents(x, mode)  # noqa: E731
    start, end = model["start"], model["end"]
    months = list(range(start, end + 1))
    years = list(range(start // 12, end // 12 + 1))
    raises = model["raises"]

    lines = []       # {"id", "category", "payer", "eligible", "cents": {m: c}}

    # §5.1 staff
    coach_fte = {m: F(0) for m in months}
    staff_total = {}
    for l in model["staff"]:
        ls = l["start"] if l["start"] is not None else start
        le = l["end"] if l["end"] is not None else end
        sc = l["sc"] if l["sc"] is not None else F(0)
        salary = l["salary"]
        cents = {}
        for m in months:
            if m in raises:
                salary = c2f(R(salary * (1 + raises[m])))
                cover("raise before the line's start", m < ls)
                cover("negative raise", raises[m] < 0)
            if ls <= m <= le:
                cents[m] = R(l["fte"] * salary * (1 + sc))
                if l["coach"]:
                    coach_fte[m] += l["fte"]
        eligible = l["eligible"] if l["eligible"] is not None else True
        lines.append({"id": "staff." + l["id"], "category": "personnel",
                      "payer": l["payer"], "eligible": eligible, "cents": cents})
        staff_total["staff." + l["id"]] = sum(cents.values())

    # §5.2 premises and other costs
    cost_total = {}
    for p in model["premises"]:
        ls = p["start"] if p["start"] is not None else start
        le = p["end"] if p["end"] is not None else end
        cents = {}
        if p["setup"] is not None:
            sm = p["setup_month"] if p["setup_month"] is not None else ls
            cover("set-up outside the rent period", p["rent"] is not None and not ls <= sm <= le)
            cents[sm] = cents.get(sm, 0) + R(p["setup"])
        if p["rent"] is not None:
            for m in range(ls, le + 1):
                cents[m] = cents.get(m, 0) + R(p["rent"])
        eligible = p["eligible"] if p["eligible"] is not None else True
        lines.append({"id": "premises." + p["id"], "category": "premises",
                      "payer": "municipality", "eligible": eligible, "cents": cents})
        cost_total["premises." + p["id"]] = sum(cents.values())
    for c in model["costs"]:
        ls = c["start"] if c["start"] is not None else start
        le = c["end"] if c["end"] is not None else end
        cents = {}
        if c["amount"] is not None:
            m0 = c["month"] if c["month"] is not None else ls
            cover("amount outside the monthly period",
                  c["monthly"] is not None and not ls <= m0 <= le)
            cents[m0] = cents.get(m0, 0) + R(c["amount"])
        if c["monthly"] is not None:
            for m in range(ls, le + 1):
                cents[m] = cents.get(m, 0) + R(c["monthly"])
        eligible = c["eligible"] if c["eligible"] is not None else True
        lines.append({"id": "cost." + c["id"], "category": c["category"] or "other",
                      "payer": "municipality", "eligible": eligible, "cents": cents})
        cost_total["cost." + c["id"]] = sum(cents.values())

    detail = {}
    for ln in lines:
        for m, c in ln["cents"].items():
            if c != 0:
                detail[(ln["id"], m)] = (ln["category"], ln["payer"], c)

    monthly = {}
    for m in months:
        row = {"Personnel": 0, "Premises": 0, "Other": 0, "State-paid": 0}
        for ln in lines:
            c = ln["cents"].get(m, 0)
            row[ln["category"].capitalize()] += c
            if ln["payer"] == "state":
                row["State-paid"] += c
        row["Total"] = row["Personnel"] + row["Premises"] + row["Other"]
        row["Coach FTE"] = coach_fte[m]
        monthly[m] = row

    # §5.3 budget
    budget = {}
    for y in years:
        plan = {c: 0 for c in CATS}
        for ln in lines:
            if ln["payer"] != "municipality":
                continue
            plan[ln["category"]] += sum(v for m, v in ln["cents"].items() if m // 12 == y)
        given = {}
        for sect in ("budget", "actual"):
            vals = (model[sect] or {}).get(y, {})
            g = {c: vals.get(c) for c in CATS}
            if "total" in vals:
                g["total"] = vals["total"]
            else:
                present = [vals[c] for c in CATS if c in vals]
                g["total"] = sum(present) if present else None
            given[sect] = g
        for c in CATS + ("total",):
            p = sum(plan.values()) if c == "total" else plan[c]
            b, a = given["budget"][c], given["actual"][c]
            budget[(y, c)] = {
                "Budget": b, "Plan": c2f(p), "Actual": a,
                "Actual - Budget": (a - b) if a is not None and b is not None else None,
                "Actual - Plan": (a - c2f(p)) if a is not None else None,
                "Use %": (a / b) if a is not None and b else None}
            cover("Use %% with Budget and Actual (%s)" % ("total" if c == "total" else "category"),
                  a is not None and b)

    # §5.4 funding
    fu = model["funding"] or {}
    share = fu.get("state_share") or F(0)
    cap = fu.get("state_cap")
    tmt, own = fu.get("tmt"), fu.get("own")
    funding = {}
    tot = {"Months": 0, "Total cost": 0, "State-paid staff": 0, "Municipal cost": 0,
           "Eligible": 0, "State grant": 0, "Municipal net cost": 0,
           "Required own contribution": 0}
    for y in years:
        ym = [m for m in months if m // 12 == y]
        total = sum(ln["cents"].get(m, 0) for ln in lines for m in ym)
        state = sum(ln["cents"].get(m, 0) for ln in lines if ln["payer"] == "state"
                    for m in ym)
        elig = sum(ln["cents"].get(m, 0) for ln in lines
                   if ln["payer"] == "municipality" and ln["eligible"] for m in ym)
        grant = R(share * c2f(elig))
        if cap is not None:
            cover("state_cap binds", cap * 100 < grant)
            cover("state_cap does not bind", cap * 100 >= grant)
            grant = min(F(grant), cap * 100)
        row = {"Months": len(ym), "Total cost": total, "State-paid staff": state,
               "Municipal cost": total - state, "Eligible": elig, "State grant": grant,
               "Municipal net cost": total - state - grant}
        # §7.2: reference_tmt.YYYY overrides reference_tmt for its year.
        ref = fu.get("tmt_years", {}).get(y, tmt)
        cover("reference_tmt.YYYY", y in fu.get("tmt_years", {}))
        if ref is not None and own is not None:
            row["Required own contribution"] = R(own * ref * len(ym) / 12)
        else:
            row["Required own contribution"] = None
        # §5.4: the year's whole actual (total, or all three categories), in cents.
        vals = (model["actual"] or {}).get(y, {})
        if "total" in vals:
            whole = vals["total"]
        elif all(c in vals for c in CATS):
            whole = sum(vals[c] for c in CATS)
        else:
            whole = None
        cover("judged on actual", whole is not None)
        cover("partial actual: judged on plan", whole is None and bool(vals))
        if whole is not None:
            row["Actual"] = R(whole)
            row["Actual net cost"] = row["Actual"] - grant
            row["Judged on"] = "actual"
            row["basis"] = row["Actual net cost"]
        else:
            row["Actual"] = row["Actual net cost"] = None
            row["Judged on"] = "plan"
            row["basis"] = row["Municipal net cost"]
        funding[y] = row
        for k in tot:
            if row[k] is not None:
                tot[k] += row[k]
    if tmt is None or own is None:
        tot["Required own contribution"] = None
    judged = {funding[y]["Judged on"] for y in years}
    tot["Judged on"] = judged.pop() if len(judged) == 1 else "mixed"
    cover("total judged on mixed", tot["Judged on"] == "mixed")
    every = tot["Judged on"] == "actual"
    tot["Actual"] = sum(funding[y]["Actual"] for y in years) if every else None
    tot["Actual net cost"] = sum(funding[y]["Actual net cost"] for y in years) if every else None
    tot["basis"] = sum(funding[y]["basis"] for y in years)
    funding["total"] = tot
    for row in funding.values():
        req = row["Required own contribution"]
        if req is None:
            row["Status"], row["Shortfall"] = None, None
        elif row["basis"] >= req:
            row["Status"], row["Shortfall"] = "met", 0
            cover("status met")
        else:
            cover("status shortfall")
            row["Status"], row["Shortfall"] = "shortfall", req - row["basis"]

    # §5.5, §7.2 KPIs: a row per KPI and year (None: the whole period)
    kpis = {}
    cy = model["clients_years"]
    for k in model["kpis"]:
        rows_years = set(k["years"])
        if k["computed"]:
            rows_years |= set(cy)
        else:
            rows_years = {y for y, e in k["years"].items()
                          if e["actual"] is not None or e["target"] is not None}
        keys = sorted(rows_years)
        if (model["clients"] is not None) if k["computed"] else k["plain_actual"]:
            keys.append(None)
        for y in keys:
            e = k["years"].get(y) if y is not None else None
            if k["computed"]:
                m = end if y is None else min(mi(y, 12), end)
                n = model["clients"] if y is None else cy.get(y)
                actual = F(n) / coach_fte[m] if n is not None and coach_fte[m] else None
                cover("KPI caseload of a year", y is not None and actual is not None)
            else:
                actual = k["actual"] if y is None else e["actual"]
            target = e["target"] if e is not None and e["target"] is not None else k["target"]
            cover("KPI target.YYYY", e is not None and e["target"] is not None)
            row = {"Actual": actual, "Operator": None, "Target": None, "Met": None,
                   "Difference": None}
            if target is not None:
                op, t = target
                row.update({"Operator": op, "Target": t})
            if target is not None and actual is not None:
                met = {"<": actual < t, "<=": actual <= t, ">": actual > t, ">=": actual >= t,
                       "=": actual == t}[op]
                row.update({"Met": "yes" if met else "no", "Difference": actual - t})
                cover("KPI %s met=%s" % (op, "yes" if met else "no"))
            cover("KPI computed = caseload", k["computed"])
            kpis[(k["id"], y)] = row

    # §5.7 rewards
    rewards, names = None, {}
    if model["reward"] is not None:
        rewards = {}
        for c in model["reward"]["criteria"]:
            amt = R(c["amount"])
            rewards[c["id"]] = {"Amount": amt, "Persons": c["persons"],
                                "Total": amt * c["persons"]}
        claimed = sum(r["Total"] for r in rewards.values())
        alloc = model["reward"]["allocation"]
        names["Reward_Claimed"] = claimed
        names["Reward_Paid"] = claimed if alloc is None else min(F(claimed), alloc * 100)
        cover("reward allocation binds", alloc is not None and alloc * 100 < claimed)

    names.update({"Total_Cost": tot["Total cost"], "Municipal_Cost": tot["Municipal cost"],
                  "State_Grant": tot["State grant"],
                  "Municipal_Net_Cost": tot["Municipal net cost"]})
    return {"lines": lines, "staff_total": staff_total, "cost_total": cost_total,
            "detail": detail, "monthly": monthly, "budget": budget, "funding": funding,
            "kpis": kpis, "rewards": rewards, "names": names, "years": years,
            "months": months}


# --------------------------------------------------------------------------- comparison

def is_num(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def money_eq(got, exp_cents):
    """got: a workbook cell; exp_cents: expected cents (int/Fraction) or None (blank)."""
    if exp_cents is None:
        return got is None or got == ""
    if not is_num(got):
        return False
    got100 = F(got) * 100
    return round(got100) == F(exp_cents) and abs(got100 - F(exp_cents)) < F(1, 1000)


def num_eq(got, exp, scale=None):
    """Non-money numbers: 1e-9 relative (relative to scale when given, e.g. the operands
    of a difference)."""
    if exp is None:
        return got is None or got == ""
    if not is_num(got):
        return False
    ref = max(abs(float(exp)), abs(float(scale)) if scale is not None else 0.0)
    if ref == 0:
        return abs(float(got)) < 1e-300 or got == 0
    return abs(float(got) - float(exp)) <= 1e-9 * ref


def show(v):
    if isinstance(v, F):
        return "%s (≈ %.10g)" % (v, float(v))
    return repr(v)


def show_cents(c):
    if c is None:
        return "blank"
    return "%s cents (%s €)" % (c, show(F(c) / 100))


class Mismatches:
    def __init__(self):
        self.items = []

    def money(self, where, got, exp_cents):
        if not money_eq(got, exp_cents):
            self.items.append("%s: expected %s, got %r" % (where, show_cents(exp_cents), got))

    def money_value(self, where, got, exp_value):
        """Money given as an exact euro value (a file input shown to the cent)."""
        if exp_value is None:
            self.money(where, got, None)
        else:
            self.money(where, got, exp_value * 100)

    def num(self, where, got, exp, scale=None):
        if not num_eq(got, exp, scale):
            self.items.append("%s: expected %s, got %r" % (where, "blank" if exp is None
                                                          else show(F(exp)), got))

    def same(self, where, got, exp):
        if got != exp:
            self.items.append("%s: expected %r, got %r" % (where, exp, got))

    def text(self, limit=40):
        out = self.items[:limit]
        if len(self.items) > limit:
            out.append("... and %d more" % (len(self.items) - limit))
        return "\n".join(out)


def by_key(rows, key, mm, table):
    out = {}
    for r in rows:
        k = key(r)
        if k in out:
            mm.items.append("%s: row %r appears twice" % (table, k))
        out[k] = r
    return out


def check_budget(book, exp, mm):
    rows = by_key(book.rows("Budget"), lambda r: (r.get("Year"), r.get("Category")), mm,
                  "Budget")
    want = exp["budget"]
    for k in sorted(set(rows) - set(want), key=str):
        mm.items.append("Budget: unexpected row %r" % (k,))
    for (y, c), e in sorted(want.items()):
        r = rows.get((y, c))
        if r is None:
            mm.items.append("Budget: missing row %d %s" % (y, c))
            continue
        w = "Budget %d %s" % (y, c)
        for col in ("Budget", "Plan", "Actual", "Actual - Budget", "Actual - Plan"):
            mm.money_value("%s %s" % (w, col), r.get(col), e[col])
        mm.num("%s Use %%" % w, r.get("Use %"), e["Use %"])


def check_staff(book, exp, model, mm):
    rows = by_key(book.rows("Staff"), lambda r: r.get("ID"), mm, "Staff")
    want = exp["staff_total"]
    for k in sorted(set(rows) - set(want), key=str):
        mm.items.append("Staff: unexpected row %r" % (k,))
    for l in model["staff"]:
        sid = "staff." + l["id"]
        r = rows.get(sid)
        if r is None:
            mm.items.append("Staff: missing row %s" % sid)
            continue
        mm.money("Staff %s Total" % sid, r.get("Total"), want[sid])
        mm.same("Staff %s Payer" % sid, r.get("Payer"), l["payer"])
        mm.same("Staff %s Coach" % sid, r.get("Coach"), "yes" if l["coach"] else "no")
        mm.num("Staff %s FTE" % sid, r.get("FTE"), l["fte"])


def check_costs(book, exp, mm):
    want = exp["cost_total"]
    if not want:
        if "Costs" in book.table_names():
            rows = book.rows("Costs")
            if rows:
                mm.items.append("Costs: rows without any premises or cost line: %r" % rows)
        return
    rows = by_key(book.rows("Costs"), lambda r: r.get("ID"), mm, "Costs")
    for k in sorted(set(rows) - set(want), key=str):
        mm.items.append("Costs: unexpected row %r" % (k,))
    for lid, total in want.items():
        r = rows.get(lid)
        if r is None:
            mm.items.append("Costs: missing row %s" % lid)
            continue
        mm.money("Costs %s Total" % lid, r.get("Total"), total)
        cat = [ln["category"] for ln in exp["lines"] if ln["id"] == lid][0]
        mm.same("Costs %s Category" % lid, r.get("Category"), cat)


def check_detail(book, exp, mm):
    want = exp["detail"]
    rows = book.rows("MonthlyDetail")
    if not want and len(rows) == 1 and all(v in (None, "") for v in rows[0].values()):
        # Every line costs 0: no rows are due, and an Excel table cannot have zero data
        # rows, so one blank row stands for the empty table.
        return
    rows = by_key(rows, lambda r: (r.get("Line"), dt_to_mi(r.get("Month"))), mm,
                  "MonthlyDetail")
    for k in sorted(set(rows) - set(want), key=str):
        mm.items.append("MonthlyDetail: unexpected row %s %s: %r"
                        % (k[0], mname(k[1]) if k[1] is not None else "?", rows[k]))
    for (lid, m), (cat, payer, cents) in sorted(want.items()):
        r = rows.get((lid, m))
        w = "MonthlyDetail %s %s" % (lid, mname(m))
        if r is None:
            mm.items.append("%s: missing row (expected %s)" % (w, show_cents(cents)))
            continue
        mm.money(w + " Amount", r.get("Amount"), cents)
        mm.same(w + " Category", r.get("Category"), cat)
        mm.same(w + " Payer", r.get("Payer"), payer)


def check_monthly(book, exp, mm):
    rows = by_key(book.rows("Monthly"), lambda r: dt_to_mi(r.get("Month")), mm, "Monthly")
    want = exp["monthly"]
    for k in sorted(set(rows) - set(want), key=str):
        mm.items.append("Monthly: unexpected row %r" % (k,))
    for m, e in sorted(want.items()):
        r = rows.get(m)
        if r is None:
            mm.items.append("Monthly: missing row %s" % mname(m))
            continue
        for col in ("Personnel", "Premises", "Other", "Total", "State-paid"):
            mm.money("Monthly %s %s" % (mname(m), col), r.get(col), e[col])
        mm.num("Monthly %s Coach FTE" % mname(m), r.get("Coach FTE"), e["Coach FTE"])


def check_funding(book, exp, mm):
    rows = by_key(book.rows("Funding"), lambda r: r.get("Year"), mm, "Funding")
    tr = book.total_row("Funding")
    if tr is not None and "total" not in rows:
        rows["total"] = tr
    want = exp["funding"]
    for k in sorted(set(rows) - set(want), key=str):
        mm.items.append("Funding: unexpected row %r" % (k,))
    for y, e in want.items():
        r = rows.get(y)
        if r is None:
            mm.items.append("Funding: missing row %r" % (y,))
            continue
        w = "Funding %s" % y
        mm.num(w + " Months", r.get("Months"), e["Months"])
        for col in ("Total cost", "State-paid staff", "Municipal cost", "Eligible",
                    "State grant", "Municipal net cost", "Actual", "Actual net cost",
                    "Required own contribution"):
            mm.money("%s %s" % (w, col), r.get(col), e[col])
        mm.same(w + " Judged on", r.get("Judged on"), e["Judged on"])
        mm.same(w + " Status", r.get("Status"), e["Status"])
        if e["Status"] == "met" and r.get("Shortfall") in (None, ""):
            pass   # SPEC names no Shortfall when met: 0 or blank are both read as none
        else:
            mm.money(w + " Shortfall", r.get("Shortfall"), e["Shortfall"])


def check_kpis(book, exp, mm):
    def key(r):
        # SPEC §6 does not fix the KPI ID spelling: the section id with or without "kpi.".
        kid = r.get("ID")
        kid = kid[4:] if isinstance(kid, str) and kid.startswith("kpi.") else kid
        y = r.get("Year")
        return (kid, int(y) if isinstance(y, (int, float)) else None)
    rows = by_key(book.rows("KPIs"), key, mm, "KPIs")
    want = exp["kpis"]
    for k in sorted(set(rows) - set(want), key=str):
        mm.items.append("KPIs: unexpected row %r" % (k,))
    for kid, e in want.items():
        r = rows.get(kid)
        if r is None:
            mm.items.append("KPIs: missing row %s" % kid)
            continue
        w = "KPIs %s %s" % kid
        mm.num(w + " Actual", r.get("Actual"), e["Actual"])
        mm.same(w + " Operator", r.get("Operator"), e["Operator"])
        mm.num(w + " Target", r.get("Target"), e["Target"])
        mm.same(w + " Met", r.get("Met"), e["Met"])
        scale = (None if e["Target"] is None or e["Actual"] is None
                 else max(abs(e["Actual"]), abs(e["Target"])))
        mm.num(w + " Difference", r.get("Difference"), e["Difference"], scale)


def check_rewards(book, exp, mm):
    rows = by_key(book.rows("Rewards"), lambda r: r.get("Criterion"), mm, "Rewards")
    rows = {(k[7:] if isinstance(k, str) and k.startswith("reward.") else k): v
            for k, v in rows.items()}
    want = exp["rewards"]
    for k in sorted(set(rows) - set(want), key=str):
        mm.items.append("Rewards: unexpected row %r" % (k,))
    for cid, e in want.items():
        r = rows.get(cid)
        if r is None:
            mm.items.append("Rewards: missing row %s" % cid)
            continue
        w = "Rewards %s" % cid
        mm.money(w + " Amount", r.get("Amount"), e["Amount"])
        mm.num(w + " Persons", r.get("Persons"), e["Persons"])
        mm.money(w + " Total", r.get("Total"), e["Total"])


def check_names(book, exp, mm):
    for name, cents in exp["names"].items():
        try:
            got = book.name_value(name)
        except (KeyError, ValueError) as e:
            mm.items.append("defined name %s: %s" % (name, e))
            continue
        mm.money("defined name %s" % name, got, cents)


# --------------------------------------------------------------------------- driver

def run_round(tkk, seed, rnd, work, keep):
    rng = random.Random("%s:%d" % (seed, rnd))
    sid = "oracle-%d" % rnd
    model = gen_model(rng, sid)
    header = "TKK_ORACLE_SEED=%s TKK_ORACLE_ONLY=%d" % (seed, rnd)
    text = write_ini(rng, model, header)
    ini = os.path.join(work, sid + ".ini")
    with open(ini, "w", encoding="utf-8") as f:
        f.write(text)
    out = os.path.join(work, "out-%d" % rnd)
    os.makedirs(out, exist_ok=True)
    exp = oracle(model)

    tag = "seed %s round %d (%s, %s, %s..%s)" % (seed, rnd, sid, model["rounding"],
                                                 mname(model["start"]), mname(model["end"]))
    shown = [False]

    def detail(text_):
        if shown[0]:
            return text_ + "\n(scenario file printed above)"
        shown[0] = True
        return "%s\n--- %s\n%s\n---" % (text_, ini if not keep else
                                        os.path.join(keep, sid + ".ini"), text)

    result = subprocess.run([tkk, "run", "--lang", "en", "-q", "-o", out, ini],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            universal_newlines=True)
    xlsx = os.path.join(out, sid + ".xlsx")
    if keep:
        shutil.copy(ini, os.path.join(keep, sid + ".ini"))
        if os.path.isfile(xlsx):
            shutil.copy(xlsx, os.path.join(keep, sid + ".xlsx"))
    if not ok(result.returncode == 0 and os.path.isfile(xlsx),
              "%s: tkk run exits 0 and writes the workbook" % tag,
              detail("exit %d\nstderr:\n%s" % (result.returncode, result.stderr))):
        return
    with xlsx_tables.open_book(xlsx) as book:
        tables = book.table_names()
        checks = [("Budget", lambda mm: check_budget(book, exp, mm)),
                  ("Staff", lambda mm: check_staff(book, exp, model, mm)),
                  ("Costs", lambda mm: check_costs(book, exp, mm)),
                  ("MonthlyDetail", lambda mm: check_detail(book, exp, mm)),
                  ("Monthly", lambda mm: check_monthly(book, exp, mm)),
                  ("Funding", lambda mm: check_funding(book, exp, mm))]
        if model["kpis"]:
            checks.append(("KPIs", lambda mm: check_kpis(book, exp, mm)))
        if model["reward"] is not None:
            checks.append(("Rewards", lambda mm: check_rewards(book, exp, mm)))
        for name, fn in checks:
            mm = Mismatches()
            if name == "Costs" and not exp["cost_total"]:
                fn(mm)
            elif name not in tables:
                if name == "Budget" and model["budget"] is None and model["actual"] is None:
                    continue     # "only when the scenario has their data" (SPEC §6)
                mm.items.append("no table %s (tables: %s)" % (name, ", ".join(tables)))
            else:
                try:
                    fn(mm)
                except Exception as e:  # noqa: BLE001 - report, do not crash the run
                    mm.items.append("%s: %s: %s" % (name, type(e).__name__, e))
            ok(not mm.items, "%s: %s" % (tag, name), detail(mm.text()) if mm.items else "")
        mm = Mismatches()
        check_names(book, exp, mm)
        ok(not mm.items, "%s: Summary defined names" % tag,
           detail(mm.text()) if mm.items else "")


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
    work = tempfile.mkdtemp(prefix="tkk-e2e-oracle-")
    try:
        for rnd in which:
            run_round(tkk, seed, rnd, work, keep)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("# seed %s, %d scenario(s), %.1f s; exact halves met: half-up %d, half-even %d"
          % (seed, len(which), time.time() - t0, HALVES["half-up"], HALVES["half-even"]))
    print("# coverage: " + "; ".join("%s %d" % kv for kv in sorted(COVER.items())))
    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())
