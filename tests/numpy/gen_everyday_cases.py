#!/usr/bin/env python3
"""Writes the NumPy-differential cases of issue 19's everyday functions.

Usage: gen_everyday_cases.py OUTPUT_FILE [AREA ...]

The areas (creation, logic, math, stats, contract) each live in everyday_<area>.py and
append their cases through generate(out); with AREA arguments only those are written (to
test one area quickly). The file format and the tolerance rule are gen_cases.py's; the
cases are deterministic (gen_cases.py's fixed seed).
"""

import importlib
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

AREAS = ["creation", "logic", "math", "stats", "contract"]


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: gen_everyday_cases.py OUTPUT_FILE [AREA ...]")
    areas = sys.argv[2:] or AREAS
    out = []
    for area in areas:
        importlib.import_module("everyday_" + area).generate(out)
    with open(sys.argv[1], "w") as f:
        f.write("\n".join(out) + ("\n" if out else ""))


if __name__ == "__main__":
    main()
