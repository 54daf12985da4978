#!/usr/bin/python3
"""e2e_pdf_appendix — the printed appendix (SPEC §7.1), checked on LibreOffice's PDF.

Writes every shipped scenario's workbook under --lang fi and --lang en and a compare
workbook in both languages, prints them all to PDF with ONE headless LibreOffice process
under LANG=C (an English system locale, where an unpinned number format would show
1,080,701.60), reads every page with `pdftotext -bbox` and checks:

  - no word is printed smaller than 7 pt;
  - no English code word (CODE_WORDS) on a page of a `fi` workbook, except where SPEC
    §7.1 keeps a key by design: the Inputs sheet (the scenario file as written) and the
    compare workbook's Key column and Input differences sheet;
  - Finnish number formatting on `fi` pages (1 080 701,60 € on salo-2021's, no
    1,234.56-style number anywhere), English on `en` pages;
  - no cell text is cut: every header and text cell of every Excel table appears whole
    on the pages (LibreOffice prints only the visible part of a cut text), and no number
    is replaced by ###.

Then `tkk run --pdf --sheets Yhteenveto,Rahoitus` on salo-2021 gives a PDF of at least
two pages, each with the appendix heading `Liite 3`; without LibreOffice on PATH the
same command exits 3, names the Debian package and still writes the workbook.

Font size from a word's box: pdftotext's box is the font's ascent + descent, a fixed
multiple of the font size for one font. The multiple is measured in the same run from a
calibration workbook (cells at 7, 11 and 14 pt, printed at 100 %), so the rule holds for
whatever font LibreOffice substitutes for Calibri: size = box height ÷ (measured height
per point), and the check allows 0,1 pt for rounding.

Skipped (77) with TKK_SKIP_RECALC=1 (the LibreOffice steps) or without soffice/pdftotext.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import tap  # noqa: E402
from tap import ok  # noqa: E402
import xlsx_tables  # noqa: E402

MIN_PT = 7.0
TOLERANCE_PT = 0.1

# English words tkk itself writes (values, labels, headers of SPEC §6 under en); none
# may reach a fi page. Compared with each printed word, lower-cased, without the
# punctuation around it.
CODE_WORDS = {
    "yes", "no", "met", "shortfall", "total", "personnel", "premises", "other", "state",
    "municipality", "half-up", "half-even", "actual", "plan", "mixed", "grant-weighted",
    "grant-rate", "share", "minmax", "rank", "max", "below", "outside", "score",
    "min_score", "budget", "status", "eligible", "reason", "grant", "rate", "cap", "unit",
    "sweep", "month", "year", "cost", "costs", "category", "payer", "amount", "bonus pool",
    "total_cost", "municipal_cost", "state_grant", "municipal_net_cost", "fte_municipality",
    "fte_state", "bonus_allocated", "kpis_met", "pool", "allocated", "unallocated",
}
# Comparison's Key column holds the metric keys by design (SPEC §7.1).
COMPARE_KEYS = {"total_cost", "municipal_cost", "state_grant", "municipal_net_cost",
                "personnel", "premises", "other", "fte_municipality", "fte_state",
                "caseload", "bonus_allocated", "kpis_met", "tmt_actual", "tmt_change",
                "tmt_net_effect"}
ENGLISH_NUMBER = re.compile(r"^-?\d{1,3}(,\d{3})+\.\d+$|^-?\d+\.\d{2}$")
FINNISH_NUMBER = re.compile(r"^-?\d+,\d{2}$")
# The first page of the sheets where user text or keys stand as written.
INPUT_TITLES = {"fi": "Lähtötiedot sellaisinaan", "en": "Inputs as read"}
COMPARE_INPUT_TITLES = {"fi": "Lähtötiedot, jotka eroavat", "en": "Inputs that differ"}


def run(args, env=None, timeout=900):
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, env=env,
                          timeout=timeout)


def pages_of(pdf):
    """[[(word, height), ...] per page] from pdftotext -raw -bbox: in the order LibreOffice
    drew them, so a cell's wrapped lines stay together."""
    p = run(["pdftotext", "-raw", "-bbox", pdf, "-"])
    if p.returncode != 0:
        return None
    text = re.sub(r"<!DOCTYPE[^>]*>", "", p.stdout)
    root = ET.fromstring(text)
    pages = []
    for page in root.iter("{http://www.w3.org/1999/xhtml}page"):
        words = []
        for w in page.iter("{http://www.w3.org/1999/xhtml}word"):
            words.append((w.text or "", float(w.get("yMax")) - float(w.get("yMin"))))
        pages.append(words)
    return pages


def raw_pages(pdf):
    """[[word, ...] per page] in drawing order."""
    pages = pages_of(pdf)
    return None if pages is None else [[w for w, _ in page] for page in pages]


def cell_words(page):
    """The words of a page in the size of its cells (the most common box height): not
    the chart's labels, titles, page header or footer, which may repeat a cell's text."""
    heights = {}
    for _, h in page:
        heights[round(h, 1)] = heights.get(round(h, 1), 0) + 1
    if not heights:
        return []
    body = max(heights, key=heights.get)
    return [w for w, h in page if abs(h - body) <= 0.02 * body]


def calibration_workbook(path):
    """Three cells at known sizes on a sheet printed at 100 %."""
    import openpyxl
    from openpyxl.styles import Font
    wb = openpyxl.Workbook()
    ws = wb.active
    for row, size in enumerate((7, 11, 14), start=1):
        ws.cell(row=row, column=1, value="Kalibrointi%d" % size).font = Font(size=size)
    ws.page_setup.scale = 100
    wb.save(path)


def height_per_point(pages):
    """Box height per point of font size, from the calibration PDF."""
    ratios = []
    for words in pages:
        for word, height in words:
            m = re.match(r"^Kalibrointi(\d+)$", word)
            if m:
                ratios.append(height / int(m.group(1)))
    return sum(ratios) / len(ratios) if len(ratios) == 3 else None


def clean(word):
    return word.strip(".,;:()[]«»\"'").lower()


def split_pages(pages, titles):
    """(checked pages, pages from the first whose words contain the title on)."""
    for i, words in enumerate(pages):
        if titles in " ".join(words):
            return pages[:i], pages[i:]
    return pages, []


def contains(haystack, needle):
    """Whether the word list needle appears contiguous in haystack."""
    if not needle:
        return True
    first = needle[0]
    n = len(needle)
    for i, w in enumerate(haystack):
        if w == first and haystack[i:i + n] == needle:
            return True
    # LibreOffice also wraps a line after a hyphen inside a word ("TMT-" / "maksut:"), so
    # pdftotext sees two words where the cell has one: compare the letters without the
    # blanks. A cut cell still lacks its end, so it is still found out.
    return "".join(needle) in "".join(haystack)


def table_texts(xlsx):
    """Every header and text cell of every Excel table of the workbook."""
    texts = []
    with xlsx_tables.open_book(xlsx) as book:
        for name, table in book.tables().items():
            texts += [(name, h) for h in table.header]
            for row in table.rows + ([table.total] if table.total else []):
                for value in row.values():
                    if isinstance(value, str) and value.strip():
                        texts.append((name, value))
    return texts


def check_pdf(label, lang, xlsx, pdf, per_point, compare=False):
    pages, raw = pages_of(pdf), raw_pages(pdf)
    if not ok(pages and raw, "%s: LibreOffice printed it" % label):
        return
    titles = (COMPARE_INPUT_TITLES if compare else INPUT_TITLES)[lang]
    checked, inputs = split_pages(raw, titles)
    cells = [cell_words(page) for page in pages]
    ok(checked, "%s: %d pages, %d of them before the inputs" % (label, len(pages), len(checked)))

    sizes = [(h / per_point, w) for words in pages for w, h in words]
    small = sorted((round(s, 2), w) for s, w in sizes if s < MIN_PT - TOLERANCE_PT)
    ok(not small, "%s: no word smaller than %g pt (smallest %.2f pt)"
       % (label, MIN_PT, min(s for s, _ in sizes)), small[:20])

    words = [w for page in checked for w in page]
    if lang == "fi":
        allowed = COMPARE_KEYS if compare else set()
        english = sorted({w for w in words if clean(w) in CODE_WORDS and clean(w) not in allowed})
        ok(not english, "%s: no English code word on the fi pages" % label, english)
        numbers = sorted({w for w in words if ENGLISH_NUMBER.match(w)})
        ok(not numbers, "%s: no 1,234.56-style number on the fi pages" % label, numbers)
        ok(any(FINNISH_NUMBER.match(w) for w in words),
           "%s: Finnish decimal commas on the fi pages" % label)
    else:
        finnish = sorted({w for w, after in zip(words, words[1:] + [""])
                          if FINNISH_NUMBER.match(w) and after == "€"})
        ok(not finnish, "%s: no 1 234,56 € amount on the en pages" % label, finnish[:20])

    all_words = [w for page in raw for w in page]
    ok("###" not in " ".join(all_words), "%s: no number replaced by ### (too narrow)" % label)
    # The Inputs sheet repeats the scenario file, names included: a cut name in a table
    # must not be found there (the compare workbook has no such sheet).
    searched = [w for page in (cells if compare else cells[:len(checked)]) for w in page]
    cut = []
    for table, text in table_texts(xlsx):
        needle = text.split()
        if not contains(searched, needle):
            cut.append("%s: %r" % (table, text))
    ok(not cut, "%s: every table header and text cell printed whole (%s)"
       % (label, "none cut" if not cut else "%d cut" % len(cut)), "\n".join(cut[:30]))


def main():
    if os.environ.get("TKK_SKIP_RECALC"):
        print("skipped: TKK_SKIP_RECALC is set (LibreOffice steps)")
        return 77
    soffice = os.environ.get("TKK_SOFFICE") or shutil.which("soffice")
    if not soffice or not shutil.which("pdftotext"):
        print("skipped: needs soffice (libreoffice-calc-nogui) and pdftotext (poppler-utils)")
        return 77
    tkk = os.environ.get("TKK", os.path.join(ROOT, "tkk"))
    scenarios = sorted(os.path.join("scenarios", f) for f in os.listdir(os.path.join(ROOT, "scenarios"))
                       if f.endswith(".ini"))
    tmp = tempfile.mkdtemp(prefix="tkk-pdf-")
    try:
        books = os.path.join(tmp, "books")
        os.mkdir(books)
        made = []          # (label, lang, xlsx, compare)
        for lang in ("fi", "en"):
            out = os.path.join(tmp, lang)
            p = run([tkk, "run", "-q", "--lang", lang, "-o", out] + scenarios)
            ok(p.returncode == 0, "tkk run --lang %s every shipped scenario" % lang, p.stderr)
            for f in sorted(os.listdir(out)):
                if f.endswith(".xlsx"):
                    target = os.path.join(books, "%s-%s" % (lang, f))
                    shutil.copy(os.path.join(out, f), target)
                    made.append(("%s %s" % (lang, f[:-5]), lang, target, False))
            cmp = os.path.join(books, "%s-compare.xlsx" % lang)
            p = run([tkk, "compare", "--lang", lang, "-o", cmp, "scenarios/salo-2021.ini",
                     "scenarios/salo-2021-two-more-coaches.ini"])
            ok(p.returncode == 0, "tkk compare --lang %s" % lang, p.stderr)
            made.append(("%s compare" % lang, lang, cmp, True))
        calibration = os.path.join(books, "calibration.xlsx")
        calibration_workbook(calibration)

        # One LibreOffice for every file, under an English system locale.
        env = dict(os.environ, LANG="C", LC_ALL="C")
        files = [calibration] + [m[2] for m in made]
        p = run([soffice, "-env:UserInstallation=file://%s/profile" % tmp, "--headless",
                 "--norestore", "--convert-to", "pdf", "--outdir", os.path.join(tmp, "pdf")]
                + files, env=env, timeout=1800)
        ok(p.returncode == 0, "LibreOffice prints %d workbooks under LANG=C" % len(files),
           p.stderr)

        def pdf_of(xlsx):
            return os.path.join(tmp, "pdf", os.path.basename(xlsx)[:-5] + ".pdf")

        per_point = height_per_point(pages_of(pdf_of(calibration)) or [])
        if not ok(per_point, "calibration: word box height per point of font size (%s)"
                  % ("%.3f" % per_point if per_point else "none")):
            return tap.finish()
        for label, lang, xlsx, compare in made:
            check_pdf(label, lang, xlsx, pdf_of(xlsx), per_point, compare)

        fi_salo = raw_pages(pdf_of(os.path.join(books, "fi-salo-2021.xlsx"))) or []
        ok(contains([w for page in fi_salo for w in page], ["1", "080", "701,60", "€"]),
           "fi salo-2021: the total cost prints as 1 080 701,60 €")
        en_salo = raw_pages(pdf_of(os.path.join(books, "en-salo-2021.xlsx"))) or []
        ok(contains([w for page in en_salo for w in page], ["1,080,701.60", "€"]),
           "en salo-2021: the total cost prints as 1,080,701.60 €")

        # tkk run --pdf --sheets: the appendix of two sheets, with its heading.
        out = os.path.join(tmp, "appendix")
        p = run([tkk, "run", "--pdf", "--sheets", "Yhteenveto,Rahoitus", "-o", out,
                 "scenarios/salo-2021.ini"])
        pdf = os.path.join(out, "salo-2021.pdf")
        if ok(p.returncode == 0 and os.path.isfile(pdf),
              "tkk run --pdf --sheets Yhteenveto,Rahoitus salo-2021 writes salo-2021.pdf",
              p.stderr):
            pages = raw_pages(pdf) or []
            texts = [" ".join(page) for page in pages]
            ok(len(pages) >= 2, "the appendix has %d pages (≥ 2)" % len(pages))
            ok(texts and all("Liite 3" in t for t in texts),
               "every page carries the heading 'Liite 3'")
            ok(texts and "Yhteenveto" in texts[0] and any("Rahoitus" in t for t in texts) and
               not any("Henkilöstö" in t.split()[:12] for t in texts),
               "only the Summary and the Funding sheet, in workbook order")
            ok(not [f for f in os.listdir(out) if f.startswith(".tkk-pdf")],
               "no work folder left behind", os.listdir(out))
        p = run([tkk, "run", "--pdf", "--sheets", "Nosuch", "-o", out,
                 "scenarios/salo-2021.ini"])
        ok(p.returncode == 2 and "Nosuch" in p.stderr, "--sheets with an unknown name: exit 2",
           (p.returncode, p.stderr))

        # Without LibreOffice: exit 3, the package named, the workbook written.
        bare = os.path.join(tmp, "bare")
        env = dict(os.environ, PATH="/nonexistent")
        env.pop("TKK_SOFFICE", None)
        p = run([tkk, "run", "--pdf", "-o", bare, "scenarios/salo-2021.ini"], env=env)
        ok(p.returncode == 3 and "libreoffice-calc-nogui" in p.stderr,
           "without soffice on PATH: exit 3 naming libreoffice-calc-nogui",
           (p.returncode, p.stderr))
        ok(os.path.isfile(os.path.join(bare, "salo-2021.xlsx")) and
           not os.path.exists(os.path.join(bare, "salo-2021.pdf")),
           "without soffice: the workbook is written, no PDF")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())
