#!/usr/bin/python3
"""recalc_check — recalculate workbooks in LibreOffice Calc and compare every formula.

SPEC §6: "Recalculating the workbook in LibreOffice Calc gives back every cached value
(money to the cent, ratios to 1e-9)."

    /usr/bin/python3 tests/recalc_check.py [-v] FILE.xlsx...

For each file, every formula cell and the value cached by the writer are read with
openpyxl (loaded twice: formulas, and data_only=True). Then one headless LibreOffice
(private profile, talked to over a UNO pipe) loads each file hidden, calls
calculateAll(), and the recalculated values are compared with the cached ones:

  - numbers: within 0.005 absolute when the cell has a money number format (its format
    contains '€' or '0.00' and is not a percent format), else within 1e-9 relative or
    absolute (|a - b| <= 1e-9 * max(1, |a|, |b|));
  - strings: equal; booleans: as 1 / 0; a formula that caches no value must give "".

Every mismatch is printed as  FILE: SHEET!CELL: FORMULA: cached X, recalculated Y,
every formula that LibreOffice cannot evaluate (#NAME?, #REF!, ...) likewise.
Exit status: 0 all equal; 1 a mismatch, an error cell, or a file that cannot be read;
2 usage error or LibreOffice could not be run. A file without formula cells draws a warning only.

Needs /usr/bin/python3 with openpyxl and uno (Debian: python3-openpyxl, python3-uno,
libreoffice-calc-nogui). The soffice binary can be overridden with TKK_SOFFICE.
"""

import atexit
import datetime
import math
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import warnings

try:
    import openpyxl
    from openpyxl.utils.datetime import to_excel
except ImportError as exc:  # pragma: no cover - environment problem
    sys.stderr.write("recalc_check: openpyxl is missing (%s); use /usr/bin/python3 "
                     "with python3-openpyxl\n" % exc)
    sys.exit(2)

try:                                   # openpyxl ≥ 3.1 reads array formulas as objects
    from openpyxl.worksheet.formula import ArrayFormula
except ImportError:                    # 3.0 (Debian 12) reads them as strings
    class ArrayFormula:                # noqa: E302 - never instantiated
        text = ""

MONEY_TOLERANCE = 0.005
RATIO_TOLERANCE = 1e-9
CONNECT_TIMEOUT = 90.0          # seconds: a first start with a fresh profile is slow

# LibreOffice's internal error codes (formula/errorcodes.hxx) → what a user sees.
LO_ERRORS = {
    501: "Err:501 invalid character", 502: "Err:502 invalid argument",
    503: "#NUM!", 504: "Err:504 parameter list", 507: "Err:507 missing pair",
    508: "Err:508 missing bracket", 509: "Err:509 missing operator",
    510: "Err:510 missing variable", 511: "Err:511 missing variable",
    512: "Err:512 formula overflow", 513: "Err:513 string overflow",
    514: "Err:514 internal overflow", 516: "Err:516 internal syntax error",
    517: "Err:517 internal syntax error", 518: "Err:518 internal syntax error",
    519: "#VALUE!", 520: "Err:520 internal syntax error",
    521: "Err:521 internal syntax error", 522: "Err:522 circular reference",
    523: "Err:523 no convergence", 524: "#REF!", 525: "#NAME?",
    527: "Err:527 internal overflow", 532: "#DIV/0!", 533: "Err:533 nested arrays",
    538: "Err:538 matrix size", 539: "Err:539 unsupported inline array",
    540: "Err:540 external content disabled", 32767: "#N/A",
}


def log(msg):
    sys.stderr.write("recalc_check: %s\n" % msg)
    sys.stderr.flush()


# ---------------------------------------------------------------- reading the files

class FormulaCell:
    __slots__ = ("sheet", "row", "col", "coordinate", "formula", "cached", "money")

    def __init__(self, sheet, row, col, coordinate, formula, cached, money):
        self.sheet, self.row, self.col = sheet, row, col        # row/col 0-based
        self.coordinate, self.formula = coordinate, formula
        self.cached, self.money = cached, money

    def where(self):
        name = self.sheet
        if not name.replace("_", "").isalnum():
            name = "'%s'" % name.replace("'", "''")
        return "%s!%s" % (name, self.coordinate)


def is_money_format(number_format):
    """A money cell is compared to the cent; a percent is a ratio even with 0.00."""
    fmt = number_format or ""
    return ("€" in fmt or "0.00" in fmt) and "%" not in fmt


def normalise_cached(value, epoch):
    """openpyxl turns cached numbers of date-formatted cells into dates; undo that."""
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return float(to_excel(value, epoch))
    if isinstance(value, datetime.timedelta):
        return value.total_seconds() / 86400.0
    return value


def read_formula_cells(path):
    """[FormulaCell] of every formula in the workbook, with the writer's cached value."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb_f = openpyxl.load_workbook(path, data_only=False)
        wb_v = openpyxl.load_workbook(path, data_only=True)
    cells = []
    try:
        for ws_f in wb_f.worksheets:
            if not hasattr(ws_f, "iter_rows"):
                continue                                # a chart sheet
            ws_v = wb_v[ws_f.title]
            for row in ws_f.iter_rows():
                for cell in row:
                    value = cell.value
                    if isinstance(value, ArrayFormula):
                        formula = value.text
                    elif cell.data_type == "f" and isinstance(value, str):
                        formula = value
                    else:
                        continue
                    cached = normalise_cached(ws_v[cell.coordinate].value, wb_v.epoch)
                    cells.append(FormulaCell(ws_f.title, cell.row - 1, cell.column - 1,
                                             cell.coordinate, formula, cached,
                                             is_money_format(cell.number_format)))
    finally:
        wb_f.close()
        wb_v.close()
    return cells


# ---------------------------------------------------------------- LibreOffice

class Office:
    """One headless soffice with a private profile, reached over a named UNO pipe."""

    def __init__(self):
        self.proc = None
        self.profile = None
        self.desktop = None

    def start(self):
        try:
            import uno  # noqa: F401  (only to fail early and clearly)
        except ImportError as exc:
            raise RuntimeError("python uno module missing (%s); run with /usr/bin/python3 "
                               "and install python3-uno" % exc)
        soffice = os.environ.get("TKK_SOFFICE") or shutil.which("soffice") \
            or "/usr/bin/soffice"
        if not os.path.exists(soffice) and not shutil.which(soffice):
            raise RuntimeError("soffice not found (install libreoffice-calc-nogui)")
        self.profile = tempfile.mkdtemp(prefix="tkk-recalc-profile-")
        self.pipe = "tkk_recalc_%d_%d" % (os.getpid(), int(time.time() * 1000) % 100000000)
        args = [soffice, "--headless", "--invisible", "--norestore", "--nologo",
                "--nodefault", "--nolockcheck",
                "-env:UserInstallation=file://" + self.profile,
                "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % self.pipe]
        # A session of its own, so stop() can end soffice and the helpers it spawns
        # (oosplash → soffice.bin) by their process group, and nothing else.
        self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                     start_new_session=True)
        self.desktop = self._connect()

    def _connect(self):
        import uno
        from com.sun.star.connection import NoConnectException
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local)
        url = "uno:pipe,name=%s;urp;StarOffice.ComponentContext" % self.pipe
        deadline = time.monotonic() + CONNECT_TIMEOUT
        while True:
            try:
                ctx = resolver.resolve(url)
                smgr = ctx.ServiceManager
                return smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
            except NoConnectException:
                pass
            if self.proc.poll() is not None:
                err = self.proc.stderr.read().decode("utf-8", "replace").strip()
                raise RuntimeError("soffice exited with status %s before accepting a "
                                   "connection%s" % (self.proc.returncode,
                                                     ": " + err if err else ""))
            if time.monotonic() > deadline:
                raise RuntimeError("no UNO connection to soffice after %.0f s"
                                   % CONNECT_TIMEOUT)
            time.sleep(0.25)

    def recalculate(self, path, cells):
        """{(sheet, row, col): ('num', float) | ('str', str) | ('err', text, formula)}"""
        import uno
        from com.sun.star.beans import PropertyValue

        def prop(name, value):
            p = PropertyValue()
            p.Name, p.Value = name, value
            return p

        url = uno.systemPathToFileUrl(os.path.abspath(path))
        doc = self.desktop.loadComponentFromURL(
            url, "_blank", 0, (prop("Hidden", True), prop("ReadOnly", True)))
        if doc is None:
            raise RuntimeError("LibreOffice could not open %s" % path)
        try:
            doc.calculateAll()
            return self._read(doc, cells)
        finally:
            try:
                doc.close(True)
            except Exception:
                doc.dispose()

    @staticmethod
    def _read(doc, cells):
        sheets = doc.getSheets()
        results = {}
        by_sheet = {}
        for c in cells:
            by_sheet.setdefault(c.sheet, {}).setdefault(c.col, []).append(c.row)
        for name, columns in by_sheet.items():
            if not sheets.hasByName(name):
                for col, rows in columns.items():
                    for row in rows:
                        results[(name, row, col)] = ("err", "sheet missing in LibreOffice", "")
                continue
            sheet = sheets.getByName(name)
            # Contiguous runs of rows in a column are read with one call each.
            for col, rows in columns.items():
                rows.sort()
                start = 0
                while start < len(rows):
                    end = start
                    while end + 1 < len(rows) and rows[end + 1] == rows[end] + 1:
                        end += 1
                    block = sheet.getCellRangeByPosition(col, rows[start], col, rows[end])
                    data = block.getDataArray()
                    for i, row in enumerate(rows[start:end + 1]):
                        value = data[i][0]
                        kind = "str" if isinstance(value, str) else "num"
                        results[(name, row, col)] = (kind, value)
                    start = end + 1
            # Error results are read cell by cell: getDataArray() does not show them.
            for c in (c for c in cells if c.sheet == name):
                cell = sheet.getCellByPosition(c.col, c.row)
                code = cell.getError()
                if code:
                    text = LO_ERRORS.get(code, "Err:%d" % code)
                    results[(name, c.row, c.col)] = ("err", text, cell.getFormula())
        return results

    def stop(self):
        if self.desktop is not None:
            try:
                self.desktop.terminate()
            except Exception:
                pass                    # the bridge drops as soffice exits
            self.desktop = None
        if self.proc is not None:
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
            for sig in (signal.SIGTERM, signal.SIGKILL):
                try:
                    os.killpg(self.proc.pid, sig)
                except ProcessLookupError:
                    break
                try:
                    self.proc.wait(timeout=5)
                    break
                except subprocess.TimeoutExpired:
                    continue
            # oosplash may have left soffice.bin behind in the group after exiting.
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            if self.proc.stderr:
                self.proc.stderr.close()
            self.proc = None
        if self.profile:
            shutil.rmtree(self.profile, ignore_errors=True)
            self.profile = None


# ---------------------------------------------------------------- comparing

def show(value):
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        return '"%s"' % value
    return repr(value)


def compare(cell, result):
    """None when equal, else the complaint."""
    kind = result[0]
    if kind == "err":
        return "LibreOffice gives %s" % result[1]
    got = result[1]
    cached = cell.cached
    if cached is None:
        # No cached value (or an empty string cached): only "" matches.
        if kind == "str" and got == "":
            return None
        return "cached nothing, recalculated %s" % show(got)
    if isinstance(cached, bool):
        cached = 1.0 if cached else 0.0
    if isinstance(cached, (int, float)):
        if kind != "num":
            return "cached %s, recalculated %s" % (show(cached), show(got))
        cached = float(cached)
        if math.isnan(cached) or math.isinf(cached):
            return "cached %s" % show(cached)
        diff = abs(cached - got)
        if cell.money:
            ok = diff <= MONEY_TOLERANCE + 1e-9
        else:
            ok = diff <= RATIO_TOLERANCE * max(1.0, abs(cached), abs(got))
        if ok:
            return None
        return "cached %s, recalculated %s (diff %.3g, %s tolerance)" % (
            show(cached), show(got), diff, "money" if cell.money else "1e-9")
    # A string cached value (openpyxl reads error caches like "#N/A" as strings too).
    cached = str(cached)
    if kind == "str" and got == cached:
        return None
    return "cached %s, recalculated %s" % (show(cached), show(got))


def main(argv):
    verbose = False
    files = []
    for arg in argv[1:]:
        if arg in ("-v", "--verbose"):
            verbose = True
        elif arg in ("-h", "--help"):
            print(__doc__.strip())
            return 0
        elif arg.startswith("-") and arg != "-":
            log("unknown option %s" % arg)
            return 2
        else:
            files.append(arg)
    if not files:
        log("usage: recalc_check.py [-v] FILE.xlsx...")
        return 2

    started = time.monotonic()
    per_file = []
    problems = 0
    for path in files:
        try:
            per_file.append((path, read_formula_cells(path)))
        except Exception as exc:     # not a workbook: a failure of that file, go on
            print("%s: cannot read with openpyxl: %s: %s" % (path, type(exc).__name__, exc))
            problems += 1

    office = Office()
    atexit.register(office.stop)
    # A SIGTERM from make or CI still ends soffice through the finally below.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        if any(cells for _, cells in per_file):
            office.start()
        for path, cells in per_file:
            if not cells:
                print("%s: warning: no formula cells" % path)
                continue
            try:
                results = office.recalculate(path, cells)
            except RuntimeError as exc:
                print("%s: %s" % (path, exc))
                problems += 1
                continue
            bad = 0
            for cell in cells:
                complaint = compare(cell, results[(cell.sheet, cell.row, cell.col)])
                if complaint:
                    bad += 1
                    print("%s: %s: =%s: %s" % (path, cell.where(), cell.formula.lstrip("="),
                                               complaint))
                elif verbose:
                    print("%s: %s: ok %s" % (path, cell.where(), show(cell.cached)))
            problems += bad
            print("%s: %d formula cells checked, %d %s" % (
                path, len(cells), bad, "mismatch" if bad == 1 else "mismatches"))
    except RuntimeError as exc:
        log(str(exc))
        return 2
    except Exception as exc:   # a UNO failure mid-way: say so, still stop soffice
        log("LibreOffice failed: %s: %s" % (type(exc).__name__, exc))
        return 2
    finally:
        office.stop()
    if verbose:
        log("%.1f s" % (time.monotonic() - started))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
