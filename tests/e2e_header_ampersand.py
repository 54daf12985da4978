#!/usr/bin/python3
"""e2e_header_ampersand — '&' in the scenario name and the page header (SPEC §6).

    TKK=./tkk /usr/bin/python3 tests/e2e_header_ampersand.py

In a page header '&' starts a code and "&&" is an '&'. libxlsxwriter 1.1.4 reads "&G"
and "&[Picture]" as image placeholders even after the escaping '&', then frees the
header twice: `tkk run` and `tkk sweep` of a scenario named "AT&G" died with SIGABRT
(found by tests/fuzz/fuzz_workbook.c). tests/data/header_ampersand.ini has such a name;
both commands must succeed and every sheet's header must show the name with each '&'
doubled and a word joiner (U+2060, invisible) between an "&&" and a 'G' or '['.
Prints TAP-style "ok" / "not ok" lines for tests/run-tests.sh.
"""

import os
import re
import subprocess
import sys
import tempfile
import zipfile
from xml.sax.saxutils import unescape

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))
import tap  # noqa: E402
from tap import ok  # noqa: E402

TKK = os.environ.get("TKK", os.path.join(ROOT, "tkk"))
SCENARIO = "tests/data/header_ampersand.ini"
WJ = "\u2060"
# name = R&D, AT&G &[Picture] &&G
NAME_IN_HEADER = "R&&D, AT&&" + WJ + "G &&" + WJ + "[Picture] &&&&" + WJ + "G"


def headers(path):
    """The <oddHeader> text of every worksheet, XML entities decoded."""
    found = []
    with zipfile.ZipFile(path) as z:
        for name in sorted(z.namelist()):
            if name.startswith("xl/worksheets/sheet"):
                xml = z.read(name).decode("utf-8")
                found += [unescape(h) for h in re.findall(r"<oddHeader>([^<]*)</oddHeader>", xml)]
    return found


def main():
    with tempfile.TemporaryDirectory() as out:
        for command, extra, workbook, suffix in (
            ("run", [], "header-ampersand.xlsx", ""),
            ("sweep", ["--vary", "staff.coaches.fte=5..6:1"], "header-ampersand-sweep.xlsx",
             " – herkkyystarkastelu"),   # the sweep's page header in Finnish (the default)
        ):
            p = subprocess.run([TKK, command, "-q", "-o", out, SCENARIO] + extra, cwd=ROOT,
                               capture_output=True, text=True)
            ok(p.returncode == 0, "tkk %s of a name with &G and &[Picture] exits 0" % command,
               "exit %d\n%s" % (p.returncode, p.stderr))
            path = os.path.join(out, workbook)
            if not ok(os.path.exists(path), "tkk %s writes %s" % (command, workbook)):
                continue
            found = headers(path)
            expected = "&C" + NAME_IN_HEADER + suffix
            ok(found and all(h == expected for h in found),
               "tkk %s: every sheet's header is the name, '&' doubled, a word joiner before G and ["
               % command, "expected %r\ngot %r" % (expected, found))
    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())
