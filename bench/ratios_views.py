#!/usr/bin/env python3
"""Tabulates bench_views' JSON output: tmath's throughput per row and its ratio to
every peer (tmath / peer: above 1 means tmath is faster), checked against issue 18's
targets.

Usage:
    bench_views --benchmark_out=views.json --benchmark_out_format=json ...
    python3 bench/ratios_views.py views.json [more.json ...] [--stat median|mean|max] [--check]

Benchmarks are named BM_<row>/<lib>/<size>, as for ratios.py (which this script
reuses). The element-wise rows carry bytes_per_second (GB/s in the table); the
creation rows (create_*) carry items_per_second, one item per view made, and are shown
in nanoseconds per view, their target an absolute bound on tmath's time.
--check exits with status 1 when a target is missed or a run reported an error.
"""

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ratios  # noqa: E402

SUBJECT = "tmath"
PEER_ORDER = ["eigen", "xtensor", "hand"]

# (row, peer / "best" / "ns", goal): tmath/peer at least goal, or for "ns" tmath's
# nanoseconds per item below goal.
TARGETS = [
    ("strided_mul", "eigen", 1.0),
    ("strided_mul", "hand", 1.0),
    ("strided_mul", "xtensor", 5.0),
    ("stencil_add", "best", 1.0),
    ("assign_col_block", "best", 1.0),
    ("concatenate", "best", 1.0),
    ("concatenate_new", "hand", 1.0),
    # tril is lazy (it reads every element); the hand loop copies only the lower
    # triangle and writes zeros without reading the rest: reported, not a target.
    ("tril", "eigen", 1.0),
    ("tril", "xtensor", 1.0),
    ("nan_to_zero", "best", 1.0),
    ("astype_int", "best", 1.0),
    ("create_view", "ns", 50.0),
    ("create_reshape", "ns", 50.0),
]


def evaluate(libs, row):
    """Returns [(text, met or None)] for the targets of a row."""
    out = []
    tm = libs.get(SUBJECT)
    for r, peer, goal in TARGETS:
        if r != row:
            continue
        if tm is None:
            out.append((f"{peer} {goal:g}: n/a", None))
            continue
        if peer == "ns":
            ns = 1e9 / tm
            met = ns < goal
            out.append((f"<{goal:g} ns: {ns:.1f} {'met' if met else 'MISSED'}", met))
            continue
        out.append(ratios.peer_target(libs, peer, goal))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("json", nargs="+", help="Google Benchmark JSON output(s) ('-' for stdin); runs are pooled")
    ap.add_argument("--stat", default="median", choices=["median", "mean", "max"],
                    help="statistic over repetitions (default median; max = best run)")
    ap.add_argument("--check", action="store_true", help="exit 1 when a target is missed or a run failed")
    args = ap.parse_args()

    benchmarks, context = [], {}
    for path in args.json:
        more, context = ratios.load(path)
        benchmarks += more
    # The element-wise rows by bytes, the creation rows by items.
    rows, order, noise, errors = ratios.collect(benchmarks, args.stat)
    items, item_order, item_noise, _ = ratios.collect(benchmarks, args.stat, counter="items_per_second")
    if not rows and not items:
        print(f"no results for --stat {args.stat} in {' '.join(args.json)}", file=sys.stderr)
        return 1
    every = list(rows.values()) + list(items.values())
    peers = [p for p in PEER_ORDER if any(p in libs for libs in every)]
    peers += sorted({p for libs in every for p in libs} - set(peers) - {SUBJECT})

    missed = 0

    def table(data, keys, cvs, unit, show):
        nonlocal missed
        header = ["row", "size", f"{SUBJECT} {unit}"] + [f"{p} {unit}" for p in peers]
        header += [f"{SUBJECT}/{p}" for p in peers] + ["max cv", "targets"]
        print("| " + " | ".join(header) + " |")
        print("|" + "|".join(["---"] * 2 + ["---:"] * (2 + 2 * len(peers)) + ["---"]) + "|")
        for row, size in keys:
            libs = data[(row, size)]
            tm = libs.get(SUBJECT)
            cells = [row, size, show(tm)] + [show(libs.get(p)) for p in peers]
            for p in peers:
                v = libs.get(p)
                cells.append("—" if tm is None or v is None else f"{tm / v:.2f}")
            cv = cvs.get((row, size))
            cells.append("—" if cv is None else f"{100 * cv:.0f}%")
            verdicts = evaluate(libs, row)
            missed += sum(1 for _, met in verdicts if met is False)
            cells.append("; ".join(text for text, _ in verdicts))
            print("| " + " | ".join(cells) + " |")

    if rows:
        table(rows, order, noise, "GB/s", lambda v: "—" if v is None else f"{v / 1e9:.1f}")
    if items:
        if rows:
            print()
        table(items, item_order, item_noise, "ns", lambda v: "—" if v is None else f"{1e9 / v:.1f}")

    if context:
        print()
        counts = {}
        for b in benchmarks:
            if b.get("run_type") != "aggregate":
                n = b.get("run_name", b["name"])
                counts[n] = counts.get(n, 0) + 1
        per = f"{args.stat} of {min(counts.values())} runs per benchmark" if counts else f"aggregate '{args.stat}'"
        print(f"{context.get('num_cpus', '?')} CPUs at {context.get('mhz_per_cpu', '?')} MHz, {per}"
              f" from {len(args.json)} file(s), {missed} target(s) missed. tmath/peer on the ns rows is"
              " the peer's time over tmath's (above 1: tmath is faster).")
    runs = [b for b in benchmarks if b.get("run_type") != "aggregate" and b.get("cpu_time")]
    busy = [b for b in runs if b["real_time"] > 1.1 * b["cpu_time"]]
    if busy:
        print(f"note: {len(busy)} of {len(runs)} runs took over 1.1x their CPU time in real time "
              "(the machine was busy; rates are per CPU second).")
    for e in errors:
        print(f"error: {e}", file=sys.stderr)
    if args.check and (missed or errors):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
