#!/usr/bin/python3
"""xlsx_complete — is a workbook complete? (SPEC §7.5, for the end-to-end tests)

    /usr/bin/python3 tests/xlsx_complete.py FILE.xlsx     # exit 0 when complete

Complete: a zip whose every part reads back with its CRC (zipfile.testzip) and whose
every XML part (.xml, .rels) parses (ElementTree). Prints what is wrong otherwise.
"""

import sys
import zipfile
import xml.etree.ElementTree as ET


def problems(path):
    """What keeps the workbook at path from being complete; [] when nothing does."""
    found = []
    try:
        with zipfile.ZipFile(path) as z:
            bad = z.testzip()
            if bad is not None:
                found.append("%s: CRC or data error" % bad)
            for name in z.namelist():
                if name.endswith((".xml", ".rels")):
                    try:
                        ET.fromstring(z.read(name))
                    except ET.ParseError as e:
                        found.append("%s: %s" % (name, e))
    except (OSError, zipfile.BadZipFile) as e:
        found.append(str(e))
    return found


if __name__ == "__main__":
    found = problems(sys.argv[1])
    for line in found:
        print(line)
    sys.exit(1 if found else 0)
