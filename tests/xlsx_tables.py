#!/usr/bin/python3
"""xlsx_tables — read a tkk workbook back: Excel tables, defined names, sheets.

Used by the end-to-end tests (run them with /usr/bin/python3, which has openpyxl).
Values are the ones cached by the writer (the workbook is loaded with data_only=True);
formulas can be had with formulas=True.

    import xlsx_tables
    book = xlsx_tables.open_book("out/salo-2021.xlsx")
    book.sheet_names()                  # ['Summary', 'Budget', ...]
    book.table_names()                  # ['Budget', 'Staff', ...]
    book.header("Budget")               # ['Year', 'Category', 'Budget', ...]
    rows = book.rows("Budget")          # [{'Year': 2021, 'Category': 'total', ...}, ...]
    book.find_row("Budget", Year=2021, Category="total")
    book.defined_names()                # {'Total_Cost': "Summary!$B$5", ...}
    book.name_value("Total_Cost")       # the cached value the name points at
    book.close()

A table's rows are its data rows; a total row (totalsRowCount) is kept apart
(book.total_row(name)). Month cells come back as datetime (openpyxl's reading of a
date-formatted number).
"""

import re
import sys
import warnings

import openpyxl
from openpyxl.utils.cell import range_boundaries


class Table:
    """One Excel table: its sheet, header, data rows and total row (as dicts)."""

    def __init__(self, name, sheet, ref, header, rows, total):
        self.name, self.sheet, self.ref = name, sheet, ref
        self.header, self.rows, self.total = header, rows, total

    def __repr__(self):
        return "Table(%r on %r, %s, %d rows)" % (self.name, self.sheet, self.ref,
                                                  len(self.rows))


class Book:
    def __init__(self, path, formulas=False):
        self.path = path
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            self.wb = openpyxl.load_workbook(path, data_only=not formulas)
        self._tables = None

    def close(self):
        self.wb.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # ---- sheets
    def sheet_names(self):
        return list(self.wb.sheetnames)

    # ---- tables
    def tables(self):
        """{name: Table} of every Excel table in the workbook, in sheet order."""
        if self._tables is None:
            self._tables = {}
            for ws in self.wb.worksheets:
                for name, table in _sheet_tables(ws):
                    self._tables[name] = _read_table(ws, name, table)
        return self._tables

    def table_names(self):
        return list(self.tables().keys())

    def table(self, name):
        try:
            return self.tables()[name]
        except KeyError:
            raise KeyError("%s: no table %r (tables: %s)"
                           % (self.path, name, ", ".join(self.table_names()) or "none"))

    def header(self, name):
        return list(self.table(name).header)

    def rows(self, name):
        return list(self.table(name).rows)

    def total_row(self, name):
        return self.table(name).total

    def find_rows(self, name, **match):
        return [r for r in self.table(name).rows
                if all(_same(r.get(k), v) for k, v in match.items())]

    def find_row(self, name, **match):
        """The one row whose columns equal match (keys are header names; a header with
        blanks or symbols can be given with **{'Actual - Budget': ...})."""
        found = self.find_rows(name, **match)
        if len(found) != 1:
            raise LookupError("%s: table %s: %d rows match %r"
                              % (self.path, name, len(found), match))
        return found[0]

    # ---- defined names
    def defined_names(self):
        """{name: 'Sheet!$A$1'} of the workbook-level defined names."""
        names = {}
        dn = self.wb.defined_names
        items = dn.definedName if hasattr(dn, "definedName") else dn.values()
        for d in items:
            if getattr(d, "localSheetId", None) is None:
                names[d.name] = d.attr_text
        # Sheet-scoped names (openpyxl ≥ 3.1 keeps them on the worksheet).
        for ws in self.wb.worksheets:
            for d in getattr(ws, "defined_names", {}).values() \
                    if isinstance(getattr(ws, "defined_names", None), dict) else []:
                names.setdefault(d.name, d.attr_text)
        return names

    def name_value(self, name):
        """The cached value of a defined name that points at one cell."""
        target = self.defined_names().get(name)
        if target is None:
            raise KeyError("%s: no defined name %r" % (self.path, name))
        m = re.match(r"^=?(?:'((?:[^']|'')+)'|([^!]+))!\$?([A-Z]+)\$?(\d+)$", target)
        if not m:
            raise ValueError("%s: %s = %s is not a single cell" % (self.path, name, target))
        sheet = (m.group(1) or "").replace("''", "'") or m.group(2)
        return self.wb[sheet]["%s%s" % (m.group(3), m.group(4))].value


def _sheet_tables(ws):
    tables = getattr(ws, "tables", None)
    if not tables:
        return []
    # openpyxl 3.0: TableList, a dict name → Table whose items() gives (name, ref).
    values = tables.values() if hasattr(tables, "values") else tables
    return [(t.displayName, t) for t in values]


def _read_table(ws, name, table):
    min_col, min_row, max_col, max_row = range_boundaries(table.ref)
    header_rows = table.headerRowCount if table.headerRowCount is not None else 1
    total_rows = table.totalsRowCount or 0
    cells = [[ws.cell(row=r, column=c).value for c in range(min_col, max_col + 1)]
             for r in range(min_row, max_row + 1)]
    if header_rows:
        header = [str(v) if v is not None else "" for v in cells[0]]
    else:
        header = [col.name for col in table.tableColumns]
    body = cells[header_rows:len(cells) - total_rows]
    rows = [dict(zip(header, values)) for values in body]
    total = dict(zip(header, cells[-1])) if total_rows else None
    return Table(name, ws.title, table.ref, header, rows, total)


def _same(a, b):
    if isinstance(a, float) or isinstance(b, float):
        try:
            return abs(float(a) - float(b)) < 1e-9
        except (TypeError, ValueError):
            return False
    return a == b


def open_book(path, formulas=False):
    return Book(path, formulas=formulas)


def main(argv):
    """Print a workbook's sheets, tables (header and rows) and names: a debugging aid."""
    if len(argv) < 2:
        sys.stderr.write("usage: xlsx_tables.py FILE.xlsx [TABLE...]\n")
        return 2
    with open_book(argv[1]) as book:
        print("sheets:", ", ".join(book.sheet_names()))
        for n, target in sorted(book.defined_names().items()):
            print("name: %s = %s" % (n, target))
        wanted = argv[2:] or book.table_names()
        for n in wanted:
            t = book.table(n)
            print("table %s on %s (%s): %s" % (n, t.sheet, t.ref, " | ".join(t.header)))
            for r in t.rows:
                print("   ", r)
            if t.total:
                print("  total:", t.total)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
