#!/usr/bin/python3
"""e2e_first_hour — SPEC §7.3's first hour: `tkk init` and each friction of issue 11.

    TKK=./tkk /usr/bin/python3 tests/e2e_first_hour.py

- init fi / en → check ok (also --strict) → run writes a workbook; with every commented
  example uncommented (but the keys of other sections of SPEC §7) check is ok too; init
  refuses to overwrite (exit 3, the file byte-identical).
- Finnish words: payer = valtio, coach = kyllä, categories henkilöstö/toimitilat/muut in
  cost lines and [budget]/[actual] keys, ≤ / ≥ in targets, any case; the workbook equals
  the English spelling's.
- `3 300 €/kk` says the key is already per month; `side_costs = 25` is an error (exit 1,
  no workbook); `--set staff.coach.fte=8` suggests staff.coaches; `--strict` turns a
  warning into exit 1; sweep says "1 variant" / "3 variants"; the README quotes lists.
"""

import filecmp
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

TKK = os.environ.get("TKK", os.path.join(ROOT, "tkk"))
SALO = os.path.join(ROOT, "scenarios", "salo-2021.ini")
# Commented examples of keys other parts of SPEC §7 add (per-year keys, [tmt], the
# ledger's [accounts]) or that name files: left commented when uncommenting the rest.
OTHER_KEYS = re.compile(r"^; (extends|projects|clients\.|actual\.|target\.|reference_tmt\.|"
                        r"\[tmt\]|label = TMT|estimate\.)")


def run(args, cwd=ROOT):
    return subprocess.run(args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True)


def uncomment(text):
    out = []
    for line in text.splitlines():
        if not OTHER_KEYS.match(line):
            m = re.match(r"^; (\[[a-z0-9_.-]+\]|[a-z0-9_.\-]+ = .*)$", line)
            if m:
                line = m.group(1)
        out.append(line)
    return "\n".join(out) + "\n"


def check_init(tmp):
    for lang in ("fi", "en"):
        path = os.path.join(tmp, "uusi-%s.ini" % lang)
        r = run([TKK, "init", path, "--lang", lang])
        ok(r.returncode == 0 and os.path.exists(path), "init --lang %s writes the template" % lang,
           r.stderr)
        text = open(path, encoding="utf-8").read()
        ok(("kommentin" in text) == (lang == "fi") and ("starts a comment" in text) == (lang == "en"),
           "init --lang %s: comments in %s" % (lang, lang))
        for section in ("[scenario]", "[indexation]", "[staff.", "[premises.", "[cost.",
                        "[budget]", "[actual]", "[funding]", "[kpi.", "[reward]", "[reward.",
                        "[bonus]", "[indicator.", "[project.", "[tmt]", "[accounts]"):
            if section not in text:
                ok(False, "init --lang %s: has %s" % (lang, section))
        for key in ("id", "name", "description", "area", "start", "end", "date", "prepared_by",
                    "language", "rounding", "clients", "extends", "role", "fte",
                    "monthly_salary", "side_costs", "payer", "coach", "eligible", "setup",
                    "setup_month", "monthly_rent", "category", "amount", "month", "monthly",
                    "state_share", "state_cap", "reference_tmt", "own_min_share", "label",
                    "actual", "computed", "target", "allocation", "persons", "pool", "method",
                    "rate", "cap", "min_score", "top", "unit", "projects", "weight",
                    "normalize", "grant", "clients.2021", "actual.2021", "target.2021",
                    "reference_tmt.2021", "ledger"):
            if not re.search(r"(^|[ ;])%s = " % re.escape(key), text, re.M):
                ok(False, "init --lang %s: has key %s" % (lang, key))
        r = run([TKK, "check", "--strict", path])
        ok(r.returncode == 0 and r.stderr == "", "init --lang %s: check --strict ok as written"
           % lang, r.stderr)
        out = os.path.join(tmp, "out-" + lang)
        r = run([TKK, "run", path, "-o", out, "-q", "--lang", "en"])
        ok(r.returncode == 0 and os.path.exists(os.path.join(out, "salo-2021.xlsx")),
           "init --lang %s: run writes the workbook" % lang, r.stderr)
        if r.returncode == 0:
            with xlsx_tables.open_book(os.path.join(out, "salo-2021.xlsx")) as book:
                total = [row for row in book.rows("Budget") if row["Category"] in ("total", "yhteensä")]
                ok(total and abs(total[0]["Actual"] - 531000) < 0.005 and
                   abs(book.name_value("Total_Cost") - 1080701.60) < 0.005,
                   "init --lang %s: the Salo figures (Actual 531 000, Total_Cost 1 080 701,60)" % lang,
                   total)
        full = os.path.join(tmp, "full-%s.ini" % lang)
        with open(full, "w", encoding="utf-8") as f:
            f.write(uncomment(text))
        r = run([TKK, "check", "--strict", full])
        ok(r.returncode == 0, "init --lang %s: check ok with every example uncommented" % lang,
           r.stderr)
        before = open(path, "rb").read()
        r = run([TKK, "init", path, "--lang", lang])
        ok(r.returncode == 3 and "already exists" in r.stderr and open(path, "rb").read() == before,
           "init refuses to overwrite %s (exit 3, file untouched)" % os.path.basename(path),
           "%s %s" % (r.returncode, r.stderr))
    leftovers = [f for f in os.listdir(tmp) if ".tmp-" in f]
    ok(not leftovers, "init leaves no temporary file", leftovers)


def variant(tmp, name, replacements):
    text = open(SALO, encoding="utf-8").read()
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = os.path.join(tmp, name + ".ini")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def check_finnish_words(tmp):
    fi = variant(tmp, "finnish", [
        ("payer = state\ncoach = yes", "payer = VALTIO\ncoach = Kyllä"),
        ("payer = state\n\n[staff.state-decisions]", "payer = valtio\n\n[staff.state-decisions]"),
        ("payer = state\n\n; Salo", "payer = Valtio\n\n; Salo"),
        ("coach = yes\nstart = 2021-05", "coach = KYLLÄ\nstart = 2021-05"),
        ("category = premises", "category = Toimitilat"),
        ("category = other", "category = MUUT"),
        ("personnel.2021", "HENKILÖSTÖ.2021"),
        ("premises.2021", "toimitilat.2021"),
        ("other.2021", "Muut.2021"),
        ("target = <= 150", "target = ≤ 150"),
    ])
    out_fi, out_en = os.path.join(tmp, "fi"), os.path.join(tmp, "en")
    r = run([TKK, "run", fi, "-o", out_fi, "-q"])
    ok(r.returncode == 0 and r.stderr == "",
       "valtio, kyllä, toimitilat, muut, henkilöstö.2021, ≤ (any case) are accepted", r.stderr)
    r2 = run([TKK, "run", SALO, "-o", out_en, "-q"])
    if r.returncode == 0 and r2.returncode == 0:
        with xlsx_tables.open_book(os.path.join(out_fi, "salo-2021.xlsx")) as a, \
                xlsx_tables.open_book(os.path.join(out_en, "salo-2021.xlsx")) as b:
            ok(all(a.rows(t) == b.rows(t) for t in b.table_names()),
               "the Finnish spelling gives the same tables as the English one")
    ge = variant(tmp, "ge", [("target = <= 150", "target = ≥ 150"), ("payer = state\ncoach = yes",
                                                                     "payer = kunta\ncoach = ei")])
    r = run([TKK, "check", ge])
    ok(r.returncode == 0, "≥, kunta and ei are accepted", r.stderr)
    bad = variant(tmp, "badword", [("coach = yes\nstart", "coach = joo\nstart"),
                                   ("category = other", "category = sekalaiset")])
    r = run([TKK, "check", bad])
    ok(r.returncode == 1 and "'joo' is not yes or no (kyllä or ei)" in r.stderr and
       "henkilöstö | toimitilat | muut" in r.stderr,
       "a word that is neither says both spellings", r.stderr)


def check_frictions(tmp):
    kk = variant(tmp, "perkk", [("monthly_salary = 3 300", "monthly_salary = 3 300 €/kk")])
    r = run([TKK, "check", kk])
    ok(r.returncode == 1 and "already says it" in r.stderr and "per month" in r.stderr and
       "only one '/'" not in r.stderr,
       "'3 300 €/kk' says the key is already per month", r.stderr)
    kk2 = variant(tmp, "perkk2", [("monthly_rent = 2 400", "monthly_rent = 2 400/kk")])
    r = run([TKK, "check", kk2])
    ok(r.returncode == 1 and "already says it" in r.stderr, "'2 400/kk' too", r.stderr)

    side = variant(tmp, "side", [("side_costs = 23,4 %\ncoach = yes\nstart",
                                  "side_costs = 25\ncoach = yes\nstart")])
    out = os.path.join(tmp, "side-out")
    r = run([TKK, "run", side, "-o", out])
    ok(r.returncode == 1 and "above 100 %" in r.stderr and
       not os.path.exists(os.path.join(out, "salo-2021.xlsx")),
       "side_costs = 25 (2 500 %) is an error: exit 1, no workbook", r.stderr)
    side2 = variant(tmp, "side2", [("side_costs = 23,4 %\ncoach = yes\nstart",
                                    "side_costs = 100,5 %\ncoach = yes\nstart")])
    r = run([TKK, "check", side2])
    ok(r.returncode == 1 and "above 100 %" in r.stderr, "side_costs = 100,5 % is an error too",
       r.stderr)

    r = run([TKK, "check", SALO, "--set", "staff.coach.fte=8"])
    ok(r.returncode == 1 and "did you mean staff.coaches.fte?" in r.stderr and
       "missing required key" not in r.stderr,
       "--set staff.coach.fte=8 suggests staff.coaches", r.stderr)
    r = run([TKK, "check", SALO, "--set", "staff.coaches.fte=8"])
    ok(r.returncode == 0, "--set staff.coaches.fte=8 is fine", r.stderr)

    # A plain ratio above 1 is a warning (SPEC §3): weight-like keys; [indexation] is one.
    warn = variant(tmp, "warn", [("[kpi.caseload]", "[indexation]\n2021-10 = 1,5\n\n[kpi.caseload]")])
    r = run([TKK, "check", warn])
    ok(r.returncode == 0 and "warning:" in r.stderr, "a plain ratio above 1 is a warning", r.stderr)
    for command in (["check", warn], ["run", warn, "-o", os.path.join(tmp, "strict-out")],
                    ["compare", warn, SALO, "-o", os.path.join(tmp, "strict-cmp")],
                    ["sweep", warn, "--vary", "staff.coaches.fte=6;7", "-o",
                     os.path.join(tmp, "strict-sweep")],
                    ["export", warn, "--format", "json", "-o", os.path.join(tmp, "strict-exp")],
                    ["show", warn]):
        r = run([TKK, command[0], "--strict"] + command[1:])
        ok(r.returncode == 1 and "error under --strict" in r.stderr and "warning:" not in r.stderr,
           "tkk %s --strict: the warning is an error (exit 1)" % command[0],
           "%s %s" % (r.returncode, r.stderr))
    ok(not os.path.exists(os.path.join(tmp, "strict-out", "salo-2021.xlsx")),
       "run --strict wrote no workbook")

    r = run([TKK, "sweep", SALO, "--vary", "staff.coaches.fte=6", "-o", tmp, "--lang", "en"])
    ok(r.returncode == 0 and ": 1 variant ->" in r.stdout, "sweep says '1 variant'", r.stdout)
    r = run([TKK, "sweep", SALO, "--vary", "staff.coaches.fte=6;7;8", "-o", tmp, "--lang", "en"])
    ok(r.returncode == 0 and ": 3 variants ->" in r.stdout, "sweep says '3 variants'", r.stdout)
    r = run([TKK, "sweep", SALO, "--vary", "staff.coaches.fte=6", "-o", tmp])
    ok(r.returncode == 0 and ": 1 muunnelma ->" in r.stdout, "fi: '1 muunnelma'", r.stdout)
    r = run([TKK, "sweep", SALO, "--vary", "staff.coaches.fte=6;7", "-o", tmp])
    ok(r.returncode == 0 and ": 2 muunnelmaa ->" in r.stdout, "fi: '2 muunnelmaa'", r.stdout)
    readme = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
    unquoted = re.findall(r"--vary [A-Za-z_.]+=[^ `']*;", readme)
    ok("--vary 'PATH=v1;v2;v3'" in readme and not unquoted,
       "README quotes every --vary list", unquoted)


def check_readme_example(tmp):
    readme = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
    part = readme.split("### An annotated example scenario", 1)
    block = re.search(r"```ini\n(.*?)```", part[1], re.S) if len(part) == 2 else None
    if not ok(block is not None, "README has an annotated example scenario"):
        return
    path = os.path.join(tmp, "readme-example.ini")
    with open(path, "w", encoding="utf-8") as f:
        f.write(block.group(1))
    r = run([TKK, "check", "--strict", path])
    ok(r.returncode == 0, "README's annotated example passes check --strict", r.stderr)
    for section in ("[scenario]", "[indexation]", "[staff.", "[premises.", "[cost.", "[budget]",
                    "[actual]", "[funding]", "[kpi.", "[reward]", "[reward.", "[bonus]",
                    "[indicator.", "[project."):
        if section not in block.group(1):
            ok(False, "README's example has %s" % section)


def main():
    tmp = tempfile.mkdtemp(prefix="tkk-first-hour-")
    try:
        check_init(tmp)
        check_finnish_words(tmp)
        check_frictions(tmp)
        check_readme_example(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())
