#!/usr/bin/python3
"""e2e_oracle_bonus — a randomised, independent oracle for the performance bonus (SPEC §5.6).

    TKK=./tkk /usr/bin/python3 tests/e2e_oracle_bonus.py

Generates N random but valid bonus rounds (SPEC §4: a minimal [scenario], [bonus],
1–5 [indicator.*] whose weights sum to exactly 100 %, 1–40 projects, some as
[project.*] sections and some from a CSV project table), computes every figure of the
`Bonus` table (SPEC §6) with Python's fractions.Fraction straight from the text of
SPEC §5.6 — not from tkk's sources —, runs `$TKK run --lang en -q -o DIR round.ini`
on each round and compares the workbook with the oracle:

  * the inputs read back (Name, Grant, raw indicator values),
  * every `<id> (norm.)` value and the Score (relative 1e-12),
  * Eligible and Reason, and the warning on stderr when ties at the `top` boundary
    admit extra projects,
  * Basis and Cap (to the cent, or the exact value), Exact a(p) (relative 1e-12,
    absolute 1e-9 near 0), Bonus (exactly, in cents), Bonus % of grant (1e-9),
  * the defined names Bonus_Pool, Bonus_Allocated, Bonus_Unallocated (to the cent),
  * λ (the Bonus sheet's "λ as an exact fraction", compared exactly), the rounded
    total A and the number of eligible projects.

The generator aims at the hard cases: tied indicator values (rank ties, minmax with all
values equal, zero columns and so zero denominators), min_score equal to a score, ties
at the `top` boundary, projects with score 0 and with grant 0, caps that bind for some
projects, pools above Σ caps, grant-rate rounds with Σ min(w, c) above and not above
the pool, equal remainders in the largest-remainder rounding (equal scores → id byte
order; equal a(p) with different scores → the higher score), caps that block a
remainder unit, units 0,01 / 0,05 / 1/2 / 1 / 1/3 / 100 / 250 / 500 / 1 000. Numbers
are written in every syntax of SPEC §3 (decimal comma or point, digit groups with
space, U+00A0, U+202F or `_`, fractions, `%`, `€`/`EUR`); CSV tables use `;` or `,`,
quoted fields (RFC 4180, with embedded delimiters, quotes and line breaks), CRLF or LF,
with or without a UTF-8 BOM, header names in any case and order.

Environment:
  TKK                  the binary (default ./tkk at the repository root)
  TKK_ORACLE_SEED      the random seed (default 20140617)
  TKK_ORACLE_ROUNDS    the number of rounds (default 60)
  TKK_ORACLE_KEEP=DIR  keep the generated scenarios (and workbooks) under DIR

Prints TAP-style "ok N - ..." / "not ok N - ..." lines for tests/run-tests.sh and exits
1 when a check fails; exit 77 = skipped (no tkk binary). On a mismatch the round's
scenario files are printed, then the project, field, expected and got.
"""

import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from fractions import Fraction as Q
from math import gcd

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))
import tap  # noqa: E402
import xlsx_tables  # noqa: E402
from tap import ok  # noqa: E402

DEFAULT_SEED = 20140617
DEFAULT_ROUNDS = 60

COVERAGE = {}


# ----------------------------------------------------------------------------------
# The oracle: SPEC §5.6, in exact rationals.
# ----------------------------------------------------------------------------------

def normalise(xs, method):
    """SPEC §5.6 step 1, over all projects."""
    n = len(xs)
    if method == "max":
        m = max(xs)
        return [x / m if m != 0 else Q(0) for x in xs]
    if method == "share":
        total = sum(xs)
        return [x / total if total != 0 else Q(0) for x in xs]
    if method == "minmax":
        lo, hi = min(xs), max(xs)
        if lo == hi:
            return [Q(1) if lo > 0 else Q(0) for _ in xs]
        return [(x - lo) / (hi - lo) for x in xs]
    if method == "rank":
        if n == 1:
            return [Q(1)]
        # 1-based rank by x descending; tied values share the mean of their ranks.
        order = sorted(xs, reverse=True)
        mean_rank = {}
        i = 0
        while i < n:
            j = i
            while j + 1 < n and order[j + 1] == order[i]:
                j += 1
            mean_rank[order[i]] = Q((i + 1) + (j + 1), 2)
            i = j + 1
        return [(n - mean_rank[x]) / (n - 1) for x in xs]
    raise ValueError(method)


def solve_lambda(items, target):
    """The smallest λ ≥ 0 with Σ min(λ·w, c) = target (c None = no cap), items with
    w > 0 only; None when no λ reaches target. Exact water-filling: walk the
    breakpoints c/w in ascending order, f is linear between them."""
    capped = sorted(((c / w, w, c) for w, c in items if c is not None), key=lambda t: t[0])
    free_w = sum((w for w, c in items if c is None), Q(0))
    total_w = free_w + sum((w for _, w, _ in capped), Q(0))
    done_c, lo = Q(0), Q(0)
    for ratio, w, c in capped:
        # on [lo, ratio]: f(λ) = done_c + λ·total_w, f(lo) ≤ target
        if done_c + ratio * total_w >= target:
            return lo if total_w == 0 else (target - done_c) / total_w
        done_c += c
        total_w -= w
        lo = ratio
    if total_w > 0:
        return (target - done_c) / total_w
    return lo if done_c == target else None


def floor_div(a, b):
    return (a.numerator * b.denominator) // (a.denominator * b.numerator)


def oracle(r):
    """Every expected figure of round r (a dict built by the generator)."""
    projects = r["projects"]
    ids = [p["id"] for p in projects]
    n = len(projects)
    norm = {}
    for ind in r["indicators"]:
        col = normalise([p["values"][ind["id"]] for p in projects], ind["normalize"])
        for p, v in zip(projects, col):
            norm[(p["id"], ind["id"])] = v
    score = {p["id"]: sum((ind["weight"] * norm[(p["id"], ind["id"])]
                           for ind in r["indicators"]), Q(0)) for p in projects}

    # Step 3: min_score, then the top best scores (ties with the last admitted are
    # admitted too), and never a project with score 0.
    min_score, top = r["min_score"], r["top"]
    passed = [i for i in ids if min_score is None or score[i] >= min_score]
    admitted = set(passed)
    if top is not None and len(passed) > top:
        threshold = sorted((score[i] for i in passed), reverse=True)[top - 1]
        admitted = {i for i in passed if score[i] >= threshold}
    eligible = [i for i in ids if i in admitted and score[i] > 0]
    eligible_set = set(eligible)

    # Does a tie at the boundary admit extra projects? Unambiguous when it happens among
    # positive scores; when only score-0 projects tie at the boundary the SPEC leaves open
    # whether they were "admitted" (then excluded) — not checked then.
    warn = False
    if top is not None:
        positive = [i for i in passed if score[i] > 0]
        if len(positive) > top:
            t = sorted((score[i] for i in positive), reverse=True)[top - 1]
            warn = sum(1 for i in positive if score[i] >= t) > top
        if not warn and len(admitted) > top:
            warn = None  # score-0 ties at the boundary: don't check

    reasons = {}
    for i in ids:
        if i in eligible_set:
            reasons[i] = {None}
            continue
        ok_reasons = set()
        below = min_score is not None and score[i] < min_score
        if below:
            ok_reasons.add("below min_score")
        elif i not in admitted:
            ok_reasons.add("outside top %d" % top)
        if score[i] == 0:
            # Both "score 0" and the first failing test describe a score-0 project;
            # the SPEC gives no precedence.
            ok_reasons.add("score 0")
            if top is not None and i not in admitted:
                ok_reasons.add("outside top %d" % top)
        reasons[i] = ok_reasons

    # Step 4: basis and cap.
    method, grant = r["method"], {p["id"]: p["grant"] for p in projects}
    if method == "share":
        basis = dict(score)
    elif method == "grant-weighted":
        basis = {i: score[i] * grant[i] for i in ids}
    else:
        basis = {i: r["rate"] * grant[i] * score[i] for i in ids}
    cap = {i: (r["cap"] * grant[i] if r["cap"] is not None else None) for i in ids}

    # Step 5: exact amounts.
    pool = r["pool"]
    items = [(basis[i], cap[i]) for i in eligible if basis[i] > 0]
    lam = None
    sum_c = None
    if method in ("share", "grant-weighted"):
        if r["cap"] is not None:
            sum_c = sum((cap[i] for i in eligible), Q(0))
            target = min(pool, sum_c)
        else:
            target = pool
        if items:
            lam = solve_lambda(items, target)
    else:
        s1 = sum((min(basis[i], cap[i]) if cap[i] is not None else basis[i]
                  for i in eligible), Q(0))
        if s1 > pool:
            lam = solve_lambda(items, pool)
            assert lam is not None and lam < 1
        else:
            lam = Q(1)
    exact = {}
    for i in ids:
        if i in eligible_set and basis[i] > 0 and lam is not None:
            a = lam * basis[i]
            if cap[i] is not None:
                a = min(a, cap[i])
            exact[i] = a
        else:
            exact[i] = Q(0)
    if method in ("share", "grant-weighted") and lam is not None:
        assert sum(exact.values()) == target, "oracle: water-filling missed the target"
    if method == "grant-rate" and lam < 1:
        assert sum(exact.values()) == pool, "oracle: water-filling missed the pool"

    # Step 6: largest remainder to the unit.
    u = r["unit"]
    total_a = sum(exact.values(), Q(0))
    big_a = u * floor_div(total_a, u)
    bonus = {i: u * floor_div(exact[i], u) for i in ids}
    left = (big_a - sum(bonus.values())) / u
    assert left.denominator == 1 and left >= 0
    left = int(left)
    cands = sorted((i for i in eligible if exact[i] - bonus[i] > 0),
                   key=lambda i: (-(exact[i] - bonus[i]), -score[i], i.encode()))
    got_unit, blocked = set(), set()
    rem = {i: exact[i] - bonus[i] for i in cands}
    for i in cands:
        if left == 0:
            break
        if cap[i] is not None and bonus[i] + u > cap[i]:
            blocked.add(i)
            continue
        bonus[i] += u
        got_unit.add(i)
        left -= 1
    allocated = sum(bonus.values(), Q(0))

    # What this round exercised (for the coverage summary only).
    cov = set()
    for ind in r["indicators"]:
        xs = [p["values"][ind["id"]] for p in projects]
        if n > 1 and len(set(xs)) == 1:
            cov.add("%s: all values equal%s" % (ind["normalize"], "" if xs[0] else " (0)"))
        elif len(set(xs)) < n:
            cov.add("%s: tied values" % ind["normalize"])
    if any(score[i] == 0 for i in ids):
        cov.add("score-0 projects")
    if min_score is not None and any(score[i] == min_score for i in ids):
        cov.add("min_score equal to a score")
    if warn:
        cov.add("tie at the top boundary admits extra projects")
    if any(grant[i] == 0 for i in eligible):
        cov.add("eligible project with grant 0")
    if any(cap[i] is not None and lam is not None and lam * basis[i] > cap[i]
           for i in eligible):
        cov.add("a cap binds")
        if any(lam * basis[i] < cap[i] for i in eligible):
            cov.add("a cap binds for some projects, not for others")
    if method != "grant-rate" and r["cap"] is not None and eligible and pool >= sum_c:
        cov.add("pool >= sum of caps")
    if method == "grant-rate" and eligible:
        cov.add("grant-rate, sum min(w,c) %s pool" % (">" if lam < 1 else "<="))
    if method != "grant-rate" and lam is not None and r["cap"] is None:
        cov.add("%s without cap" % method)
    if blocked:
        cov.add("a cap blocks a remainder unit")
    if left:
        cov.add("units left unallocated (caps)")
    for a in got_unit:
        for b in cands:
            if b not in got_unit and b not in blocked and rem[a] == rem[b]:
                cov.add("equal remainders, %s decides"
                            % ("id byte order" if score[a] == score[b] else "score"))
    if (u * 100).denominator != 1:
        cov.add("unit no multiple of a cent")
    if n == 1:
        cov.add("a single project")
    if any(ind["weight"] == 0 for ind in r["indicators"]):
        cov.add("an indicator of weight 0")
    if pool == 0:
        cov.add("pool 0")
    elif big_a == 0:
        cov.add("rounded total A = 0 (pool or Σa below a unit)")
    if top is not None and top >= len(passed):
        cov.add("top >= projects passing min_score")
    if r["cap"] == 0:
        cov.add("cap 0")
    if method == "grant-rate" and r["rate"] == 0:
        cov.add("rate 0")
    if not eligible:
        cov.add("no eligible project")
    if method == "share" and r["cap"] is not None:
        cov.add("share with cap")
    return {
        "norm": norm, "score": score, "eligible": eligible_set, "reasons": reasons,
        "warn": warn, "basis": basis, "cap": cap, "exact": exact, "lambda": lam,
        "A": big_a, "bonus": bonus, "allocated": allocated,
        "unallocated": pool - allocated, "n": n, "coverage": cov,
    }


# ----------------------------------------------------------------------------------
# Writing numbers in the syntax of SPEC §3, with their exact value known.
# ----------------------------------------------------------------------------------

GROUP_SEPS = [" ", "\u00a0", "\u202f", "_"]


def decimal_places(v, limit=6):
    """Places needed to write v ≥ 0 as a terminating decimal, or None."""
    for k in range(limit + 1):
        if (v * 10 ** k).denominator == 1:
            return k
    return None


def group(digits, rng, seps=GROUP_SEPS):
    if len(digits) <= 3 or rng.random() < 0.5:
        return digits
    sep = rng.choice(seps)
    if rng.random() < 0.15:  # groups may have any size (SPEC §3)
        cut = rng.randint(1, len(digits) - 1)
        return digits[:cut] + sep + digits[cut:]
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i:i + 3] for i in range(head, len(digits), 3)]
    return sep.join(parts)


def write_decimal(v, rng, places=None):
    k = decimal_places(v) if places is None else places
    scaled = int(v * 10 ** k)
    whole, frac = divmod(scaled, 10 ** k)
    text = group(str(whole), rng)
    if k == 0 and rng.random() < 0.1:
        k, frac = rng.choice([1, 2]), 0
    if k:
        text += rng.choice([",", "."]) + str(frac).rjust(k, "0")
    return text


def write_fraction(v, rng):
    m = rng.choice([1, 1, 1, 2, 3])
    if rng.random() < 0.1:
        # "In a/b, a and b are unsigned decimals" (SPEC §3): 2/3 = 0,6/0,9
        k = rng.choice([1, 2])
        num = write_decimal(Q(v.numerator * m, 10 ** k), rng, places=k)
        den = write_decimal(Q(v.denominator * m, 10 ** k), rng, places=k)
        return "%s/%s" % (num.replace(" ", "").replace("\u00a0", "").replace("\u202f", ""),
                          den.replace(" ", "").replace("\u00a0", "").replace("\u202f", ""))
    num, den = str(v.numerator * m), str(v.denominator * m)
    if rng.random() < 0.2:
        num = group(num, rng, seps=["_"])  # README: '1 000/3' is refused as ambiguous
    return "%s/%s" % (num, den)


def blank(rng):
    return rng.choice([" ", " ", ""])


def write_number(v, rng, pct=False, eur=False, force_pct=False):
    """A string that tkk must read as exactly v (v ≥ 0)."""
    v = Q(v)
    forms = []
    if decimal_places(v) is not None:
        forms += ["dec"] * 3
    if v.denominator != 1:
        forms.append("frac")
    elif rng.random() < 0.1:
        forms.append("frac")
    if pct:
        forms += ["pct"] * (6 if force_pct else 2)
    if not forms:
        forms = ["frac"]
    form = rng.choice(forms)
    if form == "pct":
        p = v * 100
        body = write_decimal(p, rng) if decimal_places(p) is not None and rng.random() < 0.8 \
            else write_fraction(p, rng)
        text = body + blank(rng) + "%"
    else:
        text = write_decimal(v, rng) if form == "dec" else write_fraction(v, rng)
        if eur and rng.random() < 0.25:
            text += blank(rng) + rng.choice(["€", "EUR"])
    if rng.random() < 0.05:
        text = "+" + text
    return text


def write_ratio(v, rng):
    """A ratio key (weight, rate, cap, min_score): a plain number is the ratio itself;
    above 1 it is written with % (a plain one would draw a warning)."""
    return write_number(v, rng, pct=True, force_pct=v > 1)


# ----------------------------------------------------------------------------------
# The generator.
# ----------------------------------------------------------------------------------

INDICATOR_IDS = ["activation", "transitions", "wage_subsidy", "placements", "edu",
                 "k1", "k-2", "x_3", "training", "ratio-a", "z9"]
ID_BASES = ["pori", "lieksa", "raahe", "oulu", "espoo", "vaaksa", "hako", "monet", "salo",
            "turku", "kotka", "mikkeli"]
TRICKY_IDS = ["p", "p-1", "p_1", "p1", "p10", "p2", "p-10", "p0", "p-", "p_", "a", "a-b",
              "a_b", "a0", "ab", "0a", "9", "-", "_"]
NAMES = ["Porin seutu", "Työn paikka", "Joensuu–Outokumpu", "Monet (Rovaniemi, Ranua)",
         "HAKO (Hamina, Kotka)", "Vaaksa", "Etelä-Pirkanmaa", "Oulun kaupunki", "Lieksa",
         "Åland ÄÖ", "Raahen seutu"]
CSV_NAMES = ['Hanke "A"; 2014', "Hanke, jossa pilkku", 'Lainaus "x"', "Rivi\nvaihto",
             "  välilyönnit  "[2:-2], "Puolipiste;kin"]


def gen_ids(rng, n):
    pool = list(TRICKY_IDS) + ["%s%s" % (b, rng.choice(["", "-2", "_b", "1"])) for b in ID_BASES]
    rng.shuffle(pool)
    ids = []
    for cand in pool:
        if len(ids) == n:
            break
        if cand not in ids:
            ids.append(cand)
    k = 0
    while len(ids) < n:
        cand = "p%d" % (100 + k)
        k += 1
        if cand not in ids:
            ids.append(cand)
    return ids


def gen_plain_value(rng):
    kind = rng.random()
    if kind < 0.3:
        return Q(rng.randint(0, 60))
    if kind < 0.6:
        return Q(rng.randint(0, 9999), rng.choice([10, 100, 1000]))
    if kind < 0.85:
        return Q(rng.randint(0, 600), 1000)  # e.g. 31,5 %
    return Q(rng.randint(0, 50), rng.choice([3, 7, 6]))


def gen_weights(rng, k):
    if k == 1:
        return [Q(1)]
    den = rng.choice([100, 100, 1000, 3, 6, 12, 7, 10, 8])
    if rng.random() < 0.15 and den >= k:
        cuts = sorted(rng.sample(range(0, den + 1), k - 1))  # zero weights possible
    else:
        if den < k:
            den *= k
        cuts = sorted(rng.sample(range(1, den), k - 1))
    edges = [0] + cuts + [den]
    return [Q(edges[i + 1] - edges[i], den) for i in range(k)]


def gen_round(rng, number):
    r = {"number": number, "id": "oracle-%03d" % number}
    k = rng.randint(1, 5)
    weights = gen_weights(rng, k)
    ind_ids = rng.sample(INDICATOR_IDS, k)
    r["indicators"] = [{"id": i, "weight": w,
                        "normalize": rng.choice(["max", "share", "minmax", "rank"])}
                       for i, w in zip(ind_ids, weights)]
    n = rng.choice([1, 2, 3] + list(range(2, 13)) * 2 + list(range(13, 41)))
    ids = gen_ids(rng, n)

    # Indicator values: columns of zeros, of one value, of few values (ties), or random.
    columns = {}
    for ind in r["indicators"]:
        style = rng.random()
        if style < 0.08:
            col = [Q(0)] * n
        elif style < 0.16:
            c = gen_plain_value(rng) or Q(5)
            col = [c] * n
        elif style < 0.5:
            choices = [Q(0)] + [gen_plain_value(rng) for _ in range(rng.randint(1, 3))]
            col = [rng.choice(choices) for _ in range(n)]
        else:
            col = [gen_plain_value(rng) for _ in range(n)]
        columns[ind["id"]] = col
    projects = []
    for j, pid in enumerate(ids):
        values = {i: columns[i][j] for i in columns}
        if j and rng.random() < 0.2:                 # a duplicate of an earlier project
            values = dict(projects[rng.randrange(j)]["values"])
        elif rng.random() < 0.07:                    # all zero: often score 0
            values = {i: Q(0) for i in columns}
        projects.append({"id": pid, "values": values, "grant": Q(0)})
    r["projects"] = projects

    # Scores do not depend on grants or the [bonus] keys: compute them first so that the
    # grants, min_score, top and pool can be aimed at the hard cases.
    probe = dict(r, method="share", rate=None, cap=None, min_score=None, top=None,
                 pool=Q(0), unit=Q(1))
    scores = oracle(probe)["score"]

    r["method"] = rng.choice(["share", "grant-weighted", "grant-rate"])
    r["rate"] = rng.choice([Q(15, 100), Q(1, 5), Q(1, 8), Q(1, 3), Q(125, 1000), Q(1),
                            Q(7, 100)]) if r["method"] == "grant-rate" else None
    if r["rate"] is not None and rng.random() < 0.03:
        r["rate"] = Q(0)

    # Eligibility keys.
    all_scores = sorted(set(scores.values()))
    x = rng.random()
    if x < 0.35:
        r["min_score"] = None
    elif x < 0.7:
        # a project's score exactly (a positive one: a score-0 project is out anyway)
        r["min_score"] = rng.choice([x for x in all_scores if x > 0] or all_scores)
    elif x < 0.8:
        r["min_score"] = Q(0)
    else:
        r["min_score"] = Q(rng.randint(0, 20), 20)
    passed = sorted((s for s in scores.values()
                     if r["min_score"] is None or s >= r["min_score"]), reverse=True)
    x = rng.random()
    ties = [i for i in range(1, len(passed)) if passed[i - 1] == passed[i]]
    if x < 0.4:
        r["top"] = None
    elif x < 0.75 and ties:
        r["top"] = rng.choice(ties)                      # a tie across the boundary
    else:
        r["top"] = rng.randint(1, n + 2)

    # Grants: 0, whole thousands, cents; duplicates share their original's grant; some
    # projects get the same basis (below).
    grant_of = {}
    for j, p in enumerate(projects):
        x = rng.random()
        if x < 0.08:
            g = Q(0)
        elif x < 0.5:
            g = Q(rng.randint(1, 2000) * 1000)
        elif x < 0.9:
            g = Q(rng.randint(1, 200000000), 100)
        else:
            g = Q(rng.randint(1, 99999))
        key = tuple(sorted(p["values"].items()))
        if key in grant_of and rng.random() < 0.7:
            g = grant_of[key]
        grant_of.setdefault(key, g)
        p["grant"] = g
    # Groups of projects with distinct scores and the same basis s·g (grant = B ÷ s in
    # cents): equal a(p), so equal remainders that the score must order.
    eligible_now = oracle(dict(probe, min_score=r["min_score"], top=r["top"]))["eligible"]
    by_score = {}
    for p in projects:
        if p["id"] in eligible_now:
            by_score.setdefault(scores[p["id"]], p)
    distinct = list(by_score.values())
    if len(distinct) >= 2 and r["method"] != "share" and rng.random() < 0.7:
        rng.shuffle(distinct)
        group_ = distinct[:rng.randint(2, 5)]
        while len(group_) >= 2:
            base = 1
            for p in group_:
                num = scores[p["id"]].numerator
                base = base * num // gcd(base, num)
            grants = [base / scores[p["id"]] for p in group_]   # whole cents
            if max(grants) <= 10 ** 10:
                t = rng.randint(1, max(1, int(10 ** 10 // max(grants))))
                for p, g in zip(group_, grants):
                    p["grant"] = g * t / 100
                break
            group_.pop()

    cap_choices = [Q(1, 5), Q(15, 100), Q(1, 10), Q(1, 3), Q(3, 2), Q(7, 200), Q(1),
                   Q(1, 20), Q(2, 100), Q(25, 1000)]
    r["cap"] = rng.choice(cap_choices) if rng.random() < 0.6 else None
    if r["cap"] is not None and rng.random() < 0.03:
        r["cap"] = Q(0)
    r["unit"] = rng.choice([Q(1, 100), Q(1, 100), Q(1), Q(100), Q(500), Q(500), Q(1, 3),
                            Q(5, 100), Q(250), Q(1000), Q(1, 2), Q(100)])
    r["unit_default"] = r["unit"] == Q(1, 100) and rng.random() < 0.5
    r["rounding"] = rng.choice([None, "half-up", "half-even"])

    # Pool, aimed at the quantities of this round.
    r["pool"] = Q(0)
    pre = oracle(dict(r, pool=Q(10) ** 15))
    elig = sorted(pre["eligible"])
    basis, cap = pre["basis"], pre["cap"]
    sum_c = sum(cap[i] for i in elig) if r["cap"] is not None else None
    s1 = sum((min(basis[i], cap[i]) if cap[i] is not None else basis[i]) for i in elig)
    if r["method"] == "share" and s1 > 0:
        scale = Q(rng.choice([1000, 50000, 2000000]))   # share: Σw is a sum of scores
    else:
        scale = Q(1)
    cents = lambda v: Q(int(v * 100), 100)              # noqa: E731 (floor to a cent)
    x = rng.random()
    if x < 0.05:
        pool = Q(0)
    elif x < 0.1:
        pool = r["unit"] * rng.randint(0, 3) + cents(r["unit"] * Q(rng.randint(0, 99), 100))
    elif x < 0.25 or (sum_c is None and r["method"] != "grant-rate"):
        pool = rng.choice([Q(rng.randint(1, 3000) * 1000),
                           Q(rng.randint(1, 300000000), 100)])
        if r["method"] == "share" and rng.random() < 0.5:
            pool = cents(s1 * scale * Q(rng.randint(1, 100), 100)) + Q(rng.randint(0, 99), 100)
    elif r["method"] == "grant-rate":
        y = rng.random()
        if y < 0.3:
            pool = cents(s1)                               # = S1 or just below it
        elif y < 0.45:
            pool = cents(s1) + Q(1, 100)                   # just above
        elif y < 0.85:
            pool = cents(s1 * Q(rng.randint(5, 99), 100))  # binding
        else:
            pool = cents(s1 * Q(rng.randint(101, 300), 100)) + Q(rng.randint(0, 9999))
    else:
        # share / grant-weighted with caps: at Σc, above it, or below (some caps bind).
        y = rng.random()
        if y < 0.2:
            pool = cents(sum_c)
        elif y < 0.35:
            pool = cents(sum_c) + Q(rng.randint(1, 500000), 100)
        else:
            pool = cents(sum_c * Q(rng.randint(3, 99), 100))
    r["pool"] = pool
    r["csv_share"] = rng.choice([0, 0, 0.5, 0.5, 1, rng.random()])
    return r


# ----------------------------------------------------------------------------------
# Writing the scenario files.
# ----------------------------------------------------------------------------------

def csv_field(text, delim, rng):
    needs = any(ch in text for ch in (delim, '"', "\n", "\r"))
    if needs or rng.random() < 0.15:
        return '"' + text.replace('"', '""') + '"'
    return text


def kv(key, value, rng, comment_ok=True):
    """An INI line: `key = value`, with varying blanks and now and then a comment."""
    eq = rng.choice([" = ", " = ", "=", " =", "= ", "\t= "])
    line = key + eq + value
    if comment_ok and rng.random() < 0.1:
        line += rng.choice(["  ; ", " # ", " ;"]) + "comment"
    return line


def rand_case(word, rng):
    x = rng.random()
    if x < 0.15:
        return word.upper()
    if x < 0.25:
        return word[:1].upper() + word[1:]
    return word


def write_round(r, rng, folder):
    """Writes round.ini (and a CSV table); returns {file name: text}."""
    files = {}
    fc = r["file_coverage"] = set()
    csv_projects = [p for p in r["projects"] if rng.random() < r["csv_share"]]
    ini_projects = [p for p in r["projects"] if p not in csv_projects]
    for p in r["projects"]:
        names = NAMES + (CSV_NAMES if p in csv_projects else [])
        p["name"] = rng.choice(names) + ("" if rng.random() < 0.5 else " %d" % rng.randint(1, 99))
    want_csv = bool(csv_projects) or rng.random() < 0.03

    lines = ["; e2e_oracle_bonus round %d" % r["number"], "[scenario]",
             "id = %s" % r["id"], "name = Oracle round %d" % r["number"],
             "start = 2014-01", "end = 2014-12"]
    if rng.random() < 0.3:
        lines.append(rng.choice(["# a comment line", "; a comment line"]))
    if r["rounding"]:
        lines.append(kv("rounding", r["rounding"], rng))
    bonus = ["", "[%s]" % rand_case("bonus", rng),
             kv("pool", write_number(r["pool"], rng, eur=True), rng)]
    if r["method"] != "share" or rng.random() < 0.5:
        bonus.append(kv("method", rand_case(r["method"], rng), rng))
    if r["rate"] is not None:
        bonus.append(kv("rate", write_ratio(r["rate"], rng), rng))
    if r["cap"] is not None:
        bonus.append(kv("cap", write_ratio(r["cap"], rng), rng))
    if r["min_score"] is not None:
        bonus.append(kv("min_score", write_ratio(r["min_score"], rng), rng))
    if r["top"] is not None:
        bonus.append(kv("top", "%d" % r["top"], rng))
    if not r["unit_default"]:
        bonus.append(kv("unit", write_number(r["unit"], rng, eur=True), rng))
    csv_name = None
    if want_csv:
        csv_name = rng.choice(["projects-%03d.csv" % r["number"], "data/projects.csv",
                               "Projektit %d.csv" % r["number"]])
        bonus.append(kv("projects", csv_name, rng))
    sections = []
    for ind in r["indicators"]:
        sec = ["", "[indicator.%s]" % ind["id"], "label = Indicator %s" % ind["id"],
               kv("weight", write_ratio(ind["weight"], rng), rng)]
        if ind["normalize"] != "max" or rng.random() < 0.5:
            sec.append(kv("normalize", rand_case(ind["normalize"], rng), rng))
        sections.append(sec)
    for p in ini_projects:
        sec = ["", "[project.%s]" % p["id"]]
        body = [kv(rand_case("name", rng), p["name"], rng),
                kv(rand_case("grant", rng), write_number(p["grant"], rng, eur=True), rng)]
        for ind in r["indicators"]:
            body.append(kv(rand_case(ind["id"], rng),
                           write_number(p["values"][ind["id"]], rng, pct=True, eur=True), rng))
        rng.shuffle(body)
        sections.append(sec + body)
    rng.shuffle(sections)
    if rng.random() < 0.8:
        lines += bonus
        for sec in sections:
            lines += sec
    else:
        for sec in sections:
            lines += sec
        lines += bonus
    eol = "\n"
    files["round.ini"] = eol.join(lines) + eol

    if want_csv:
        delim = rng.choice([";", ","])
        eol = rng.choice(["\n", "\r\n"])
        cols = ["id", "name", "grant"] + [ind["id"] for ind in r["indicators"]]
        rng.shuffle(cols)
        rows = [delim.join(csv_field(rand_case(c, rng), delim, rng) for c in cols)]
        for p in csv_projects:
            cells = []
            for c in cols:
                if c == "id":
                    text = p["id"]
                elif c == "name":
                    text = p["name"]
                elif c == "grant":
                    text = write_number(p["grant"], rng, eur=True)
                else:
                    text = write_number(p["values"][c], rng, pct=True, eur=True)
                cells.append(csv_field(text, delim, rng))
            rows.append(delim.join(cells))
        text = eol.join(rows) + (eol if rng.random() < 0.9 else "")
        if rng.random() < 0.4:
            text = "\ufeff" + text
        files[csv_name] = text
        fc.add("CSV delimiter %r%s" % (delim, ", CRLF" if eol == "\r\n" else ""))
        if text.startswith("\ufeff"):
            fc.add("CSV with a BOM")
        if '"' in text:
            fc.add("CSV with quoted fields")
        if any("\n" in p["name"] for p in csv_projects):
            fc.add("CSV with a line break in a quoted field")
        if not csv_projects:
            fc.add("CSV with a header only")
        if ini_projects and csv_projects:
            fc.add("projects from [project.*] and CSV mixed")
        elif csv_projects:
            fc.add("projects from CSV only")
    if not want_csv:
        fc.add("projects from [project.*] only")
    for name, text in files.items():
        path = os.path.join(folder, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
    return files


# ----------------------------------------------------------------------------------
# Comparing.
# ----------------------------------------------------------------------------------

def round_cents(v, mode):
    """v (exact) rounded to whole cents by the scenario's rounding (SPEC §3)."""
    c = v * 100
    fl = c.numerator // c.denominator
    rem = c - fl
    if rem > Q(1, 2) or (rem == Q(1, 2) and (mode != "half-even" or fl % 2 == 1)):
        fl += 1
    return fl  # every amount here is ≥ 0


def as_cents(got):
    """A workbook number that holds whole cents, as an int; None when it does not."""
    if isinstance(got, bool) or not isinstance(got, (int, float)):
        return None
    c = got * 100
    n = int(round(c))
    return n if abs(c - n) <= 1e-6 + 1e-12 * abs(c) else None


def close(got, exp, rel=1e-12, abs_=1e-15):
    if isinstance(got, bool) or not isinstance(got, (int, float)):
        return False
    e = float(exp)
    return abs(got - e) <= max(abs_, rel * abs(e))


def money_ok(got, exp, mode):
    """Money to the cent: the cent-rounded value (SPEC §3), or — for a formula cell
    whose cached value is the exact product (SPEC §6) — the exact value itself."""
    c = as_cents(got)
    if c is not None and c == round_cents(exp, mode):
        return True
    return close(got, exp, rel=1e-12, abs_=1e-9)


def fmt(v):
    if isinstance(v, Q):
        return "%s (%r)" % (v, float(v)) if v.denominator != 1 else str(v)
    return repr(v)


def bonus_sheet_cells(book):
    """{label: value} of the cells above the Bonus table (label, then the first value
    to its right)."""
    ws = book.wb["Bonus"]
    header_row = None
    cells = {}
    for row in ws.iter_rows(min_row=1, max_row=60):
        values = [c.value for c in row]
        if values and values[0] == "Project":
            header_row = row[0].row
            break
        for i, v in enumerate(values):
            if isinstance(v, str) and v not in cells:
                rest = [x for x in values[i + 1:] if x is not None]
                if rest:
                    cells[v] = rest[0]
    return cells, header_row


class RoundChecker:
    def __init__(self, r, files, folder):
        self.r, self.files, self.folder = r, files, folder
        self.shown = False

    def check(self, cond, what, problems):
        """One TAP line for the round; on the round's first failure the files too."""
        detail = ""
        if not cond:
            if not self.shown:
                self.shown = True
                where = self.folder if os.environ.get("TKK_ORACLE_KEEP") else \
                    "removed at the end; TKK_ORACLE_KEEP=DIR keeps them"
                parts = ["scenario files of round %d (seed %s; %s):"
                         % (self.r["number"], self.r["seed"], where)]
                for name, text in self.files.items():
                    parts.append("---- %s" % name)
                    parts += text.replace("\ufeff", "<BOM>").splitlines()
                parts.append("----")
                detail = "\n".join(parts) + "\n"
            shown = problems[:20]
            detail += "\n".join(shown)
            if len(problems) > len(shown):
                detail += "\n... and %d more" % (len(problems) - len(shown))
        ok(cond, "round %d: %s" % (self.r["number"], what), detail)


def run_round(tkk, r, files, folder):
    ck = RoundChecker(r, files, folder)
    out = os.path.join(folder, "out")
    res = subprocess.run([tkk, "run", "--lang", "en", "-q", "-o", out,
                          os.path.join(folder, "round.ini")],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         universal_newlines=True)
    path = os.path.join(out, r["id"] + ".xlsx")
    good = res.returncode == 0 and os.path.isfile(path)
    ck.check(good, "tkk run exits 0 and writes %s.xlsx (%d projects, %s)"
             % (r["id"], len(r["projects"]), r["method"]),
             ["exit %d" % res.returncode] + res.stderr.splitlines())
    if not good:
        return
    exp = oracle(r)
    mode = r["rounding"] or "half-up"
    for what in exp["coverage"] | r["file_coverage"]:
        COVERAGE[what] = COVERAGE.get(what, 0) + 1
    with xlsx_tables.open_book(path) as book:
        try:
            rows = book.rows("Bonus")
        except KeyError as e:
            ck.check(False, "Bonus table", [str(e)])
            return
        by_id = {row.get("Project"): row for row in rows}
        ids = [p["id"] for p in r["projects"]]
        header = book.header("Bonus")
        want_header = (["Project", "Name", "Grant"] + [i["id"] for i in r["indicators"]]
                       + ["%s (norm.)" % i["id"] for i in r["indicators"]]
                       + ["Score", "Eligible", "Reason", "Basis", "Cap", "Exact", "Bonus",
                          "Bonus % of grant"])
        problems = []
        if sorted(header) != sorted(want_header):
            problems.append("header %r, expected the columns %r" % (header, want_header))
        if len(rows) != len(ids) or set(by_id) != set(ids):
            problems.append("rows %r, expected %r" % (sorted(map(str, by_id)), sorted(ids)))
        ck.check(not problems, "Bonus table has the %d projects and SPEC §6 columns"
                 % len(ids), problems)
        if problems:
            return
        P = {p["id"]: p for p in r["projects"]}

        def compare_field(what, field, expected, same, only=None):
            bad = []
            for i in ids:
                if only is not None and not only(i):
                    continue
                got = by_id[i].get(field)
                e = expected(i)
                if not same(got, e):
                    bad.append("project %s, %s: expected %s, got %r"
                               % (i, field, fmt(e) if not isinstance(e, set) else
                                  " or ".join(map(repr, sorted(e, key=str))), got))
            return bad

        # Inputs read back.
        problems = compare_field("name", "Name", lambda i: P[i]["name"], lambda g, e: g == e)
        problems += compare_field("grant", "Grant", lambda i: P[i]["grant"],
                                  lambda g, e: as_cents(g) == round_cents(e, mode))
        for ind in r["indicators"]:
            problems += compare_field("raw", ind["id"],
                                      lambda i, k=ind["id"]: P[i]["values"][k],
                                      lambda g, e: close(g, e))
        ck.check(not problems, "Name, Grant and indicator values read back", problems)

        problems = []
        for ind in r["indicators"]:
            problems += compare_field("norm", "%s (norm.)" % ind["id"],
                                      lambda i, k=ind["id"]: exp["norm"][(i, k)],
                                      lambda g, e: close(g, e))
        ck.check(not problems, "normalised values (%s)"
                 % ", ".join(i["normalize"] for i in r["indicators"]), problems)

        problems = compare_field("score", "Score", lambda i: exp["score"][i],
                                 lambda g, e: close(g, e))
        ck.check(not problems, "scores", problems)

        problems = compare_field("eligible", "Eligible",
                                 lambda i: "yes" if i in exp["eligible"] else "no",
                                 lambda g, e: g == e)
        problems += compare_field("reason", "Reason", lambda i: exp["reasons"][i],
                                  lambda g, e: (None if g == "" else g) in e)
        ck.check(not problems, "Eligible and Reason (%d eligible; min_score %s, top %s)"
                 % (len(exp["eligible"]), r["min_score"], r["top"]), problems)

        warned = any(re.search(r"\btop\b", line) and "warning" in line.lower()
                     for line in stderr_lines(res.stderr))
        if exp["warn"] is not None:
            ck.check(warned == exp["warn"],
                     "%s warning about ties at the top boundary" %
                     ("a" if exp["warn"] else "no"),
                     ["expected %s warning; stderr:" % ("a" if exp["warn"] else "no")]
                     + res.stderr.splitlines())

        if r["method"] == "share":
            basis_same = lambda g, e: close(g, e)      # noqa: E731 (a score, not money)
        else:
            basis_same = lambda g, e: money_ok(g, e, mode)  # noqa: E731
        elig = lambda i: i in exp["eligible"]           # noqa: E731
        problems = compare_field("basis", "Basis", lambda i: exp["basis"][i], basis_same,
                                 only=elig)
        problems += compare_field("cap", "Cap", lambda i: exp["cap"][i],
                                  lambda g, e: g is None if e is None else money_ok(g, e, mode))
        ck.check(not problems, "Basis of eligible projects and Cap (cap %s)" % r["cap"],
                 problems)
        if len(exp["eligible"]) < len(ids):
            problems = compare_field("basis", "Basis", lambda i: exp["basis"][i], basis_same,
                                     only=lambda i: not elig(i))
            ck.check(not problems, "Basis of ineligible projects is w(p) of SPEC §5.6 step 4",
                     problems)

        problems = compare_field("exact", "Exact", lambda i: exp["exact"][i],
                                 lambda g, e: close(g, e, rel=1e-12, abs_=1e-9))
        ck.check(not problems, "Exact a(p)", problems)

        cent_unit = (r["unit"] * 100).denominator == 1
        if cent_unit:
            bonus_same = lambda g, e: as_cents(g) == e * 100   # noqa: E731
        else:
            # A unit that is no multiple of a cent: the bonus itself is no cent amount.
            bonus_same = lambda g, e: (close(g, e, rel=1e-12, abs_=1e-9)  # noqa: E731
                                       or as_cents(g) == round_cents(e, mode))
        problems = compare_field("bonus", "Bonus", lambda i: exp["bonus"][i], bonus_same)
        ck.check(not problems, "Bonus per project (unit %s)" % r["unit"], problems)

        def share_same(g, e):
            if e is None:
                return g is None or g == ""
            return close(g, e, rel=1e-9, abs_=1e-9)
        problems = compare_field("share", "Bonus % of grant",
                                 lambda i: (exp["bonus"][i] / P[i]["grant"]
                                            if P[i]["grant"] else None), share_same)
        ck.check(not problems, "Bonus % of grant", problems)

        problems = []
        for name, e in (("Bonus_Pool", r["pool"]), ("Bonus_Allocated", exp["allocated"]),
                        ("Bonus_Unallocated", exp["unallocated"])):
            try:
                g = book.name_value(name)
            except (KeyError, ValueError) as err:
                problems.append(str(err))
                continue
            if not (as_cents(g) == round_cents(e, mode)
                    or (not cent_unit and close(g, e, rel=1e-12, abs_=1e-9))):
                problems.append("%s: expected %s, got %r" % (name, fmt(e), g))
        ck.check(not problems, "Bonus_Pool %s, Bonus_Allocated %s, Bonus_Unallocated %s"
                 % (r["pool"], exp["allocated"], exp["unallocated"]), problems)

        cells, _ = bonus_sheet_cells(book)
        lam = exp["lambda"]
        if lam is not None and exp["eligible"]:   # no eligible project: λ has no meaning
            problems = []
            text = cells.get("λ as an exact fraction")
            try:
                got = Q(str(text).replace(" ", ""))
            except (ValueError, ZeroDivisionError):
                got = None
            if got != lam:
                problems.append("λ as an exact fraction: expected %s, got %r" % (lam, text))
            if not close(cells.get("λ"), lam):
                problems.append("λ: expected %s, got %r" % (fmt(lam), cells.get("λ")))
            ck.check(not problems, "λ = %s on the Bonus sheet" % lam, problems)
        problems = []
        g = cells.get("Σ exact")
        if not close(g, sum(exp["exact"].values()), rel=1e-12, abs_=1e-9):
            problems.append("Σ exact: expected %s, got %r" % (fmt(sum(exp["exact"].values())), g))
        g = cells.get("Rounded total A")
        if as_cents(g) != round_cents(exp["A"], mode) and not close(g, exp["A"]):
            problems.append("Rounded total A: expected %s, got %r" % (fmt(exp["A"]), g))
        if cells.get("Eligible projects") != len(exp["eligible"]):
            problems.append("Eligible projects: expected %d, got %r"
                            % (len(exp["eligible"]), cells.get("Eligible projects")))
        ck.check(not problems, "Σ exact, rounded total A = %s, %d eligible on the Bonus sheet"
                 % (exp["A"], len(exp["eligible"])), problems)


def stderr_lines(text):
    return text.splitlines()


def main():
    tkk = os.environ.get("TKK", os.path.join(ROOT, "tkk"))
    if not (os.path.isfile(tkk) and os.access(tkk, os.X_OK)):
        print("skipped: no tkk binary at %s" % tkk)
        return 77
    tkk = os.path.abspath(tkk)
    seed = int(os.environ.get("TKK_ORACLE_SEED", DEFAULT_SEED))
    rounds = int(os.environ.get("TKK_ORACLE_ROUNDS", DEFAULT_ROUNDS))
    keep = os.environ.get("TKK_ORACLE_KEEP")
    if keep:
        base = os.path.abspath(keep)
        os.makedirs(base, exist_ok=True)
    else:
        base = tempfile.mkdtemp(prefix="tkk-e2e-oracle-")
    print("# e2e_oracle_bonus: seed %d, %d rounds%s"
          % (seed, rounds, ", files kept in %s" % base if keep else ""))
    started = time.time()
    try:
        for number in range(1, rounds + 1):
            rng = random.Random("%d/%d" % (seed, number))
            r = gen_round(rng, number)
            r["seed"] = seed
            folder = os.path.join(base, "round-%03d" % number)
            if os.path.isdir(folder):
                shutil.rmtree(folder)
            os.makedirs(folder)
            files = write_round(r, rng, folder)
            run_round(tkk, r, files, folder)
    finally:
        if not keep:
            shutil.rmtree(base, ignore_errors=True)
    print("# %d rounds in %.1f s; rounds exercising:" % (rounds, time.time() - started))
    for what in sorted(COVERAGE):
        print("#   %4d  %s" % (COVERAGE[what], what))
    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())
