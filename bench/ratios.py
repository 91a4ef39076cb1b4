#!/usr/bin/env python3
"""Tabulates bench_elementwise's JSON output: tmath's throughput per row and its
ratio to every peer (tmath / peer: above 1 means tmath is faster), checked against
the issue's targets.

Usage:
    bench_elementwise --benchmark_out=results.json --benchmark_out_format=json ...
    python3 bench/ratios.py results.json [more.json ...] [--stat median|mean|max] [--check]

Benchmarks are named BM_<row>/<lib>/<size>. Repeated runs are reduced with --stat
(median by default); a file written with --benchmark_report_aggregates_only holds
only the aggregates, and then the benchmark's own median or mean is used.
Throughput is printed in GB/s (10^9 bytes per second); "max cv" is the largest
coefficient of variation over the repetitions among the row's libraries, a rough
noise band for its ratios. The table is Markdown.
--check exits with status 1 when a target is missed or a run reported an error.
"""

import argparse
import json
import statistics
import sys

SUBJECT = "tmath"
PEER_ORDER = ["eigen", "xtensor", "hand"]

# (row, size or None for every size, peer or "best", minimum tmath/peer ratio)
TARGETS = [
    (None, None, "best", 1.0),
    ("mul_bcast_col", None, "xtensor", 10.0),
    ("mul_transposed", None, "eigen", 5.0),
    ("mul_contiguous", "16777216", "hand", 0.95),
]


def load(path):
    """Returns the list of benchmark entries and the context of a JSON output file."""
    with (sys.stdin if path == "-" else open(path, encoding="utf-8")) as f:
        doc = json.load(f)
    return doc.get("benchmarks", []), doc.get("context", {})


def collect(benchmarks, stat, counter="bytes_per_second"):
    """Returns ({(row, size): {lib: counter value}}, [(row, size) in registration order],
    {(row, size): largest coefficient of variation among its libraries}, [errors]).

    Individual repetitions, when the file has them (--benchmark_display_aggregates_only
    keeps them in --benchmark_out), are reduced with `stat`; otherwise the aggregate of
    that name written by the benchmark (median or mean) is used.
    """
    aggregates = {}  # run_name -> value of the chosen aggregate
    cvs = {}  # run_name -> coefficient of variation of the counter
    runs = {}  # run_name -> [values of the individual repetitions]
    family = {}  # run_name -> registration index
    errors = []
    for b in benchmarks:
        name = b.get("run_name", b["name"])
        family.setdefault(name, b.get("family_index", len(family)))
        if b.get("error_occurred"):
            errors.append(f"{name}: {b.get('error_message', 'error')}")
            continue
        value = b.get(counter)
        if value is None:
            continue
        if b.get("run_type") == "aggregate":
            if b.get("aggregate_name") == stat:
                aggregates[name] = value
            elif b.get("aggregate_name") == "cv":
                cvs[name] = value
        else:
            runs.setdefault(name, []).append(value)

    reduce = {"median": statistics.median, "mean": statistics.fmean, "max": max}[stat]
    rows = {}
    noise = {}  # (row, size) -> largest cv among its libraries
    first = {}
    for name in set(runs) | set(aggregates):
        parts = name.split("/")
        if len(parts) != 3 or not parts[0].startswith("BM_"):
            continue
        row, lib, size = parts[0][3:], parts[1], parts[2]
        if name in runs:
            value = reduce(runs[name])
            if len(runs[name]) > 1:
                cvs[name] = statistics.stdev(runs[name]) / statistics.fmean(runs[name])
        else:
            value = aggregates[name]
        rows.setdefault((row, size), {})[lib] = value
        if name in cvs:
            noise[(row, size)] = max(noise.get((row, size), 0.0), cvs[name])
        first[(row, size)] = min(first.get((row, size), family[name]), family[name])
    order = sorted(rows, key=lambda k: first[k])
    return rows, order, noise, errors


def targets_for(row, size):
    return [(peer, goal) for (r, s, peer, goal) in TARGETS if r in (None, row) and s in (None, size)]


def peer_target(libs, peer, goal):
    """(text, met or None) for tmath against `peer` ("best": the fastest peer) at `goal`×."""
    tm = libs.get(SUBJECT)
    if peer == "best":
        peers = {p: v for p, v in libs.items() if p != SUBJECT}
        if not peers or tm is None:
            return (f"≥{goal:g}× best peer: n/a", None)
        best = max(peers, key=peers.get)
        ratio, label = tm / peers[best], f"≥{goal:g}× best ({best})"
    else:
        if tm is None or peer not in libs:
            return (f"≥{goal:g}× {peer}: n/a", None)
        ratio, label = tm / libs[peer], f"≥{goal:g}× {peer}"
    met = ratio >= goal
    return (f"{label}: {ratio:.2f} {'met' if met else 'MISSED'}", met)


def evaluate(libs, row, size):
    """Returns [(text, met or None)] for the targets that apply to a row."""
    return [peer_target(libs, peer, goal) for peer, goal in targets_for(row, size)]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("json", nargs="+", help="Google Benchmark JSON output(s) ('-' for stdin); runs are pooled")
    ap.add_argument("--stat", default="median", choices=["median", "mean", "max"],
                    help="statistic over repetitions (default median; max = best run, needs the repetitions in the file)")
    ap.add_argument("--check", action="store_true", help="exit 1 when a target is missed or a run failed")
    args = ap.parse_args()

    benchmarks, context = [], {}
    for path in args.json:
        more, context = load(path)
        benchmarks += more
    rows, order, noise, errors = collect(benchmarks, args.stat)
    if not rows:
        print(f"no bytes_per_second results for --stat {args.stat} in {' '.join(args.json)}", file=sys.stderr)
        return 1
    peers = [p for p in PEER_ORDER if any(p in libs for libs in rows.values())]
    peers += sorted({p for libs in rows.values() for p in libs} - set(peers) - {SUBJECT})

    def gbs(v):
        return "—" if v is None else f"{v / 1e9:.1f}"

    header = ["row", "size", f"{SUBJECT} GB/s"] + [f"{p} GB/s" for p in peers]
    header += [f"{SUBJECT}/{p}" for p in peers] + ["max cv", "targets"]
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join(["---"] * 2 + ["---:"] * (2 + 2 * len(peers)) + ["---"]) + "|")
    missed = 0
    for row, size in order:
        libs = rows[(row, size)]
        tm = libs.get(SUBJECT)
        cells = [row, size, gbs(tm)] + [gbs(libs.get(p)) for p in peers]
        for p in peers:
            v = libs.get(p)
            cells.append("—" if tm is None or v is None else f"{tm / v:.2f}")
        cv = noise.get((row, size))
        cells.append("—" if cv is None else f"{100 * cv:.0f}%")
        verdicts = evaluate(libs, row, size)
        missed += sum(1 for _, met in verdicts if met is False)
        cells.append("; ".join(text for text, _ in verdicts))
        print("| " + " | ".join(cells) + " |")

    if context:
        print()
        counts = {}
        for b in benchmarks:
            if b.get("run_type") != "aggregate":
                counts[b.get("run_name", b["name"])] = counts.get(b.get("run_name", b["name"]), 0) + 1
        per = f"{args.stat} of {min(counts.values())} runs per benchmark" if counts else f"aggregate '{args.stat}'"
        print(f"{context.get('num_cpus', '?')} CPUs at {context.get('mhz_per_cpu', '?')} MHz, {per}"
              f" from {len(args.json)} file(s), {missed} target(s) missed.")
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
