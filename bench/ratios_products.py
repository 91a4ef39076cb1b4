#!/usr/bin/env python3
"""Tabulates bench_products' JSON output: tmath's GFLOP/s per row and its ratio to
every peer (tmath / peer: above 1 means tmath is faster), checked against the
issue's targets for products.

Usage:
    bench_products --benchmark_out=products.json --benchmark_out_format=json ...
    python3 bench/ratios_products.py products.json [more.json ...] [--stat median|mean|max] [--check]

Benchmarks are named BM_<row>/<lib>/<size> with a `flops` counter (floating-point
operations per second, 2·m·n·k per product). Repetitions are reduced as in ratios.py
(which this script reuses). Besides tmath/peer targets, a target may compare tmath
with tmath on another row of the same size ("row:sgemm"): a transposed operand must
cost at most 5% over the plain product.
--check exits with status 1 when a target is missed or a run reported an error.
"""

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ratios  # noqa: E402

SUBJECT = "tmath"
PEER_ORDER = ["openblas", "blis", "eigen", "eigen_gemv", "matmul", "loop", "naive"]
LARGE = ("256", "1024", "2048")

# (row, size or None for every size, peer / "best" / "row:<other row>", minimum tmath/peer ratio)
TARGETS = (
    [("sgemm", s, "openblas", 1.0) for s in LARGE]
    + [("sgemm", s, "eigen", 1.15) for s in LARGE]
    + [("sgemm", s, "best", 1.0) for s in ("16", "64")]
    + [("dgemm", s, "openblas", 0.95) for s in LARGE]
    + [("sgemm_tA", "1024", "row:sgemm", 0.95), ("sgemm_tB", "1024", "row:sgemm", 0.95)]
    + [("sdot", s, "best", 1.0) for s in ("1024", "32768", "1048576", "16777216")]
    + [(r, "4096x256", p, 1.0) for r in ("svecdot_vec", "svecdot_rows") for p in ("eigen", "loop")]
    + [("einsum_bij", "8x128x64", "matmul", 0.95), ("einsum_bhqd", "2x4x128x64", "matmul", 0.95)]
)


def evaluate(rows, row, size):
    """Returns [(text, met or None)] for the targets that apply to a row."""
    libs = rows[(row, size)]
    tm = libs.get(SUBJECT)
    out = []
    for r, s, peer, goal in TARGETS:
        if r != row or s not in (None, size):
            continue
        if tm is None:
            out.append((f"≥{goal:g}× {peer}: n/a", None))
            continue
        if peer.startswith("row:"):
            other = rows.get((peer[4:], size), {}).get(SUBJECT)
            if other is None:
                out.append((f"≥{goal:g}× tmath {peer[4:]}: n/a", None))
                continue
            ratio, label = tm / other, f"≥{goal:g}× tmath {peer[4:]}"
            met = ratio >= goal
            out.append((f"{label}: {ratio:.2f} {'met' if met else 'MISSED'}", met))
        else:
            out.append(ratios.peer_target(libs, peer, goal))
    return out


def size_of(benchmarks):
    """The size of the BM_threads rows."""
    for b in benchmarks:
        if b.get("run_name", b["name"]).startswith("BM_threads/"):
            return b.get("run_name", b["name"]).split("/")[2]
    return "?"


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
    for b in benchmarks:  # the BM_threads rows are timed in wall-clock time
        for key in ("name", "run_name"):
            if key in b and "/real_time" in b[key]:
                b[key] = b[key].replace("/real_time", "")
    rows, order, noise, errors = ratios.collect(benchmarks, args.stat, counter="flops")
    # BM_threads/<threads>/<n> (TMATH_OPENMP=ON builds): tmath on 1 and 2 threads.
    threads = {}
    for (row, size) in [k for k in order if k[0] == "threads"]:
        threads = rows.pop((row, size))
        order.remove((row, size))
    if not rows and not threads:
        print(f"no flops results for --stat {args.stat} in {' '.join(args.json)}", file=sys.stderr)
        return 1
    peers = [p for p in PEER_ORDER if any(p in libs for libs in rows.values())]
    peers += sorted({p for libs in rows.values() for p in libs} - set(peers) - {SUBJECT})

    def gf(v):
        return "—" if v is None else f"{v / 1e9:.1f}"

    header = ["row", "size", f"{SUBJECT} GFLOP/s"] + [f"{p}" for p in peers]
    header += [f"{SUBJECT}/{p}" for p in peers] + ["max cv", "targets"]
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join(["---"] * 2 + ["---:"] * (2 + 2 * len(peers)) + ["---"]) + "|")
    missed = 0
    for row, size in order:
        libs = rows[(row, size)]
        tm = libs.get(SUBJECT)
        cells = [row, size, gf(tm)] + [gf(libs.get(p)) for p in peers]
        for p in peers:
            v = libs.get(p)
            cells.append("—" if tm is None or v is None else f"{tm / v:.2f}")
        cv = noise.get((row, size))
        cells.append("—" if cv is None else f"{100 * cv:.0f}%")
        verdicts = evaluate(rows, row, size)
        missed += sum(1 for _, met in verdicts if met is False)
        cells.append("; ".join(text for text, _ in verdicts))
        print("| " + " | ".join(cells) + " |")

    if "1" in threads and "2" in threads:
        print()
        print(f"threads: sgemm {size_of(benchmarks)} on 2 threads {threads['2'] / 1e9:.1f} GFLOP/s, "
              f"1 thread {threads['1'] / 1e9:.1f}: {threads['2'] / threads['1']:.2f}x (target 1.8x, wall-clock time)")
    if context:
        print()
        counts = {}
        for b in benchmarks:
            if b.get("run_type") != "aggregate":
                n = b.get("run_name", b["name"])
                counts[n] = counts.get(n, 0) + 1
        per = f"{args.stat} of {min(counts.values())} runs per benchmark" if counts else f"aggregate '{args.stat}'"
        print(f"{context.get('num_cpus', '?')} CPUs at {context.get('mhz_per_cpu', '?')} MHz, {per}"
              f" from {len(args.json)} file(s), {missed} target(s) missed. Peer columns in GFLOP/s.")
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
