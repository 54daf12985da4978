#!/usr/bin/python3
"""seed-corpus — the seed inputs of one fuzz harness, made from the repository's files.

    tests/fuzz/seed-corpus.py HARNESS OUTDIR

Nothing is committed twice: the seeds are generated at fuzz time from scenarios/,
tests/bad/ and tests/data/ (run from the repository's root).

- number:       every value written in those INI files and every CSV cell, behind a kind
                byte ('0' plain, '1' money, '2' ratio, '3' measure; fuzz_number.c);
- projects_csv: the CSV files as written, and with ',' delimiters, LF line ends, no BOM;
- scenario:     every INI file, its parent and its CSV joined into one input
                (fuzz_files.h: s.ini, then parent.ini, then projects.csv, split at
                "--8<--" lines), with `extends` and `projects` renamed to match;
- workbook:     as scenario, for the valid scenarios only (scenarios/, tests/data/).
"""
import glob
import hashlib
import os
import re
import sys

SEPARATOR = b"\n--8<--\n"
EXTENDS = re.compile(rb"^([ \t]*extends[ \t]*=[ \t]*)(.*?)[ \t]*\r?$", re.M | re.I)
PROJECTS = re.compile(rb"^([ \t]*projects[ \t]*=[ \t]*)(.*?)[ \t]*\r?$", re.M | re.I)
VALUE = re.compile(rb"^[ \t]*[^;#\[\s][^=\n]*=[ \t]*(.*?)[ \t]*\r?$", re.M)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def ini_files(folders):
    found = []
    for folder in folders:
        found += glob.glob(os.path.join(folder, "**", "*.ini"), recursive=True)
    return sorted(found)


def csv_files():
    found = []
    for folder in ("scenarios", "tests/bad", "tests/data"):
        found += glob.glob(os.path.join(folder, "**", "*.csv"), recursive=True)
    return sorted(found)


def scenario_input(path):
    """The file with its parent and project table as one input."""
    text = read(path)
    parent = b""
    csv = None
    m = EXTENDS.search(text)
    if m:
        parent_path = os.path.join(os.path.dirname(path), m.group(2).decode("utf-8", "replace"))
        if os.path.isfile(parent_path):
            parent = read(parent_path)
            # A parent that extends again closes a cycle back to the scenario.
            parent = EXTENDS.sub(rb"\1s.ini", parent)
            text = EXTENDS.sub(rb"\1parent.ini", text)
    m = PROJECTS.search(text)
    if m:
        csv_path = os.path.join(os.path.dirname(path), m.group(2).decode("utf-8", "replace"))
        if os.path.isfile(csv_path):
            csv = read(csv_path)
            text = PROJECTS.sub(rb"\1projects.csv", text)
    parts = [text]
    if parent or csv is not None:
        parts.append(parent)
    if csv is not None:
        parts.append(csv)
    return SEPARATOR.join(parts)


def seeds(harness):
    if harness == "number":
        values = set()
        for path in ini_files(("scenarios", "tests/bad", "tests/data")):
            values.update(VALUE.findall(read(path)))
        for path in csv_files():
            for line in read(path).splitlines()[1:]:
                values.update(re.split(rb"[;,]", line))
        for value in sorted(values):
            for kind in b"13":
                yield bytes([kind]) + value
    elif harness == "projects_csv":
        for path in csv_files():
            text = read(path)
            yield text
            plain = text.removeprefix(b"\xef\xbb\xbf").replace(b"\r\n", b"\n")
            yield plain
            yield plain.replace(b",", b".").replace(b";", b",")
    elif harness == "scenario":
        for path in ini_files(("scenarios", "tests/bad", "tests/data")):
            yield scenario_input(path)
    elif harness == "workbook":
        for path in ini_files(("scenarios", "tests/data")):
            yield scenario_input(path)
    else:
        sys.exit(f"seed-corpus: no harness {harness}")


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: seed-corpus.py HARNESS OUTDIR")
    harness, outdir = sys.argv[1], sys.argv[2]
    os.makedirs(outdir, exist_ok=True)
    n = 0
    for data in seeds(harness):
        name = hashlib.sha1(data).hexdigest()
        with open(os.path.join(outdir, name), "wb") as f:
            f.write(data)
        n += 1
    print(f"{harness}: {n} seed inputs in {outdir}")


if __name__ == "__main__":
    main()
