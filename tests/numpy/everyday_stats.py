"""NumPy-differential cases of issue 19's stats functions (argmax/argmin, cumsum/cumprod, var/stddev, norm, logsumexp).

Written by gen_everyday_cases.py through generate(out); the format is gen_cases.py's.

Op names and params (replay_stats.cpp reads them in this order):
    st_argmax st_argmin      MODE KEEPDIMS AXIS          MODE 0: flattened (a scalar), 1: along AXIS
    st_cumsum st_cumprod     MODE AXIS                   MODE 0: flattened, 1: along AXIS
    st_var st_std            MODE KEEPDIMS DDOF2 axis... MODE 0: every element (a scalar), 1: one axis,
                                                         2: a list, 3: every element through tmath::all;
                                                         ddof = DDOF2 / 2
    st_norm st_logsumexp     MODE KEEPDIMS axis...       MODE 0: every element, 1: one axis, 2: a list
    st_max st_min            KEEPDIMS axis...            a list of axes (the empty-axis fix)
Errors carry their kind and needles: shape (empty argmax, max over an empty axis), index
(an axis out of bounds), value (a repeated axis, a norm over three axes).
"""

import warnings

import numpy as np

import gen_cases as g

# The dtypes each op is replayed for; must match replay_stats.cpp.
DTYPES = {
    "st_argmax": ["f4", "f8", "i4", "b1"], "st_argmin": ["f8", "i8", "u1"],
    "st_cumsum": ["f4", "f8", "i4", "b1", "u2"], "st_cumprod": ["f8", "i8"],
    "st_var": ["f4", "f8", "i4"], "st_std": ["f8", "i2", "b1"],
    "st_norm": ["f4", "f8", "i4"], "st_logsumexp": ["f4", "f8", "i8"],
    "st_max": ["f8"], "st_min": ["f8"],
}
OUT_TYPE = {"f4": "f4"}  # floating results: f4 stays f4, everything else gives f8


def rcode(c):
    return OUT_TYPE.get(c, "f8")


def sprinkle(a, p=0.25):
    """Puts a NaN, inf or -inf into a float array now and then (in place; returns it)."""
    if a.dtype.kind == "f" and a.size and g.rng.random() < p:
        flat = a.reshape(-1)
        for _ in range(int(g.rng.integers(1, 3))):
            flat[int(g.rng.integers(0, a.size))] = g.rng.choice([np.nan, np.inf, -np.inf])
    return a


def throw(out, op, a, params, kind, *needles):
    g.emit(out, op, [g.Operand(a)], params, None)
    out[-1] += " " + kind + "".join(" " + n.replace(" ", "~") for n in needles)


def pick_axes(r, allow_empty=True):
    """A random list of distinct axes of a rank-r array, some negative."""
    k = int(g.rng.integers(0 if allow_empty else 1, r + 1))
    return [int(x) - (r if g.rng.random() < 0.3 else 0) for x in g.rng.choice(r, size=k, replace=False)]


def norm_axes(axes, r):
    return tuple(a % r for a in axes) if r else ()


def count_of(s, axes):
    return int(np.prod([s[a] for a in axes], dtype=np.int64)) if axes else 1


def quiet():
    w = warnings.catch_warnings()
    w.__enter__()
    warnings.simplefilter("ignore")
    return w


def gen_arg(out, n):
    for _ in range(n):
        op = str(g.rng.choice(["st_argmax", "st_argmin"]))
        c = str(g.rng.choice(DTYPES[op]))
        s = g.rand_shape()
        a = sprinkle(g.values(c, s, "small"))
        r = len(s)
        mode = int(g.rng.random() < 0.7) if r else 0
        keep = int(g.rng.random() < 0.4) if mode else 0
        axis = int(g.rng.integers(-r, r)) if mode else 0
        fn = np.argmax if op == "st_argmax" else np.argmin
        params = [mode, keep, axis]
        try:
            res = fn(a, axis=axis, keepdims=bool(keep)) if mode else fn(a)
        except ValueError:
            throw(out, op, a, params, "shape", "attempt to get " + op[3:] + " of an empty sequence")
            continue
        g.emit(out, op, [g.Operand(a)], params, np.asarray(res).astype(np.int64))


def gen_cum(out, n):
    for _ in range(n):
        op = str(g.rng.choice(["st_cumsum", "st_cumsum", "st_cumprod"]))
        c = str(g.rng.choice(DTYPES[op]))
        s = g.rand_shape()
        a = sprinkle(g.values(c, s, "near1" if op == "st_cumprod" else "any"), 0.15)
        r = len(s)
        mode = int(g.rng.random() < 0.75) if r else 0
        axis = int(g.rng.integers(-r, r)) if mode else 0
        fn = np.cumsum if op == "st_cumsum" else np.cumprod
        with np.errstate(all="ignore"):
            res = fn(a, axis=axis) if mode else fn(a)
            if c[0] == "f":
                res = (fn(g.ref(a), axis=axis) if mode else fn(g.ref(a))).astype(g.DT[c])
        L = s[axis] if mode else a.size
        M = float(np.max(np.abs(g.ref(res)), initial=0)) + 1 if op == "st_cumprod" else float(
            np.nanmax(np.where(np.isinf(g.ref(a)), 0, np.abs(g.ref(a))), initial=0))
        g.emit(out, op, [g.Operand(a)], [mode, axis], res, L=L, M=M)


def gen_moments(out, n):
    for _ in range(n):
        op = str(g.rng.choice(["st_var", "st_std"]))
        c = str(g.rng.choice(DTYPES[op]))
        s = g.rand_shape()
        a = sprinkle(g.values(c, s, "any"), 0.15)
        if c[0] == "f" and a.size and g.rng.random() < 0.2:
            a = (a + np.asarray(1e4 if c == "f4" else 1e9, dtype=a.dtype)).astype(a.dtype)  # a large mean
        r = len(s)
        mode = int(g.rng.choice([0, 1, 2, 3])) if r else int(g.rng.choice([0, 2, 3]))
        keep = int(g.rng.random() < 0.4) if mode else 0
        axes = None if mode in (0, 3) else [int(g.rng.integers(-r, r))] if mode == 1 else pick_axes(r)
        na = tuple(range(r)) if axes is None else norm_axes(axes, r)
        N = count_of(s, na)
        ddof2 = int(g.rng.choice([0, 0, 0, 1, 2, 2, 3, 4]))
        if N and 2 * N <= ddof2:  # N - ddof <= 0 only for a single element (0 / 0 on both sides)
            ddof2 = 2 if N == 1 else 0
        params = [mode, keep, ddof2] + ([] if axes is None else axes)
        fn = np.var if op == "st_var" else np.std
        w = quiet()
        with np.errstate(all="ignore"):
            res = fn(g.ref(a), axis=None if axes is None else tuple(axes), ddof=ddof2 / 2, keepdims=bool(keep))
        w.__exit__(None, None, None)
        res = np.asarray(res).astype(g.DT[rcode(c)])
        fin = g.ref(a)[np.isfinite(g.ref(a))]
        big = float(np.max(np.abs(fin), initial=0))
        M = big * big if op == "st_var" else big
        g.emit(out, op, [g.Operand(a)], params, res, L=max(N, 1), M=M)


def logsumexp_ref(x, axis, keepdims):
    with np.errstate(all="ignore"):
        m = np.max(x, axis=axis, keepdims=True, initial=-np.inf)
        m = np.where(np.isfinite(m), m, 0)
        r = np.log(np.sum(np.exp(x - m), axis=axis, keepdims=True)) + m
    if not keepdims:
        r = np.squeeze(r, axis=axis) if axis is not None else r.reshape(())
    return r


def norm_ref(x, axis, keepdims):
    """The 2-norm scaled by the largest magnitude: exact where NumPy's linalg.norm
    (sqrt of the plain sum of squares) underflows to 0 or overflows to inf."""
    s = np.max(np.abs(x), axis=axis, keepdims=True, initial=0)
    s = np.where((s == 0) | ~np.isfinite(s), 1.0, s)
    r = s * np.sqrt(np.sum((x / s) ** 2, axis=axis, keepdims=True))
    if not keepdims:
        r = np.squeeze(r, axis=axis) if axis is not None else r.reshape(())
    return r


def gen_norms(out, n):
    for _ in range(n):
        op = str(g.rng.choice(["st_norm", "st_logsumexp"]))
        c = str(g.rng.choice(DTYPES[op]))
        s = g.rand_shape()
        a = sprinkle(g.values(c, s, "any"), 0.15)
        if op == "st_norm" and c[0] == "f" and a.size and g.rng.random() < 0.25:  # near the limits
            big = np.finfo(g.DT[c]).max / 16 if g.rng.random() < 0.5 else np.finfo(g.DT[c]).tiny * 8
            with np.errstate(all="ignore"):
                a = (g.ref(a) * big).astype(g.DT[c])
        r = len(s)
        mode = int(g.rng.choice([0, 1, 2])) if r else 0
        keep = int(g.rng.random() < 0.4) if mode else 0
        if mode == 2:
            axes = pick_axes(r, False)[:2] if op == "st_norm" else pick_axes(r)
        else:
            axes = [int(g.rng.integers(-r, r))] if mode == 1 else None
        params = [mode, keep] + ([] if axes is None else axes)
        ax = None if axes is None else tuple(axes)
        x = g.ref(a)
        w = quiet()
        with np.errstate(all="ignore"):
            if op == "st_norm":
                res = norm_ref(x, ax, bool(keep))
            else:
                res = logsumexp_ref(x, ax, bool(keep))
            res = np.asarray(res).astype(g.DT[rcode(c)])
        w.__exit__(None, None, None)
        N = count_of(s, norm_axes(axes, r) if axes is not None else tuple(range(r)))
        fin = x[np.isfinite(x)]
        M = float(np.max(np.abs(fin), initial=0)) if op == "st_norm" else float(np.max(np.abs(res[np.isfinite(res)]), initial=0)) + 1
        g.emit(out, op, [g.Operand(a)], params, res, L=max(N, 1), M=M)


def gen_empty_max(out, n):
    """max / min of shapes with zero extents over lists of axes (the empty-axis fix)."""
    for _ in range(n):
        op = str(g.rng.choice(["st_max", "st_min"]))
        r = int(g.rng.integers(1, 4))
        s = [int(g.rng.choice([0, 0, 1, 2, 3])) for _ in range(r)]
        a = g.values("f8", s)
        axes = pick_axes(r)
        keep = int(g.rng.random() < 0.5)
        try:
            res = (np.max if op == "st_max" else np.min)(a, axis=tuple(axes), keepdims=bool(keep))
        except ValueError:
            throw(out, op, a, [keep] + axes, "shape", "zero-size array")
            continue
        g.emit(out, op, [g.Operand(a)], [keep] + axes, np.asarray(res), L=1, M=0)


def gen_errors(out):
    """Bad axes and arguments: index, value and shape errors with their needles."""
    for op, params_of in [("st_argmax", lambda r, k: [1, 0, k]), ("st_cumsum", lambda r, k: [1, k]),
                          ("st_var", lambda r, k: [1, 0, 0, k]), ("st_norm", lambda r, k: [1, 0, k]),
                          ("st_logsumexp", lambda r, k: [2, 0, k]), ("st_argmin", lambda r, k: [1, 1, k]),
                          ("st_std", lambda r, k: [2, 1, 2, k]), ("st_cumprod", lambda r, k: [1, k])]:
        for _ in range(6):
            s = g.rand_shape(4)
            r = len(s)
            k = int(g.rng.choice([r, r + 1, -r - 1, 5]))
            if r == 0 and op in ("st_argmax", "st_argmin", "st_cumsum", "st_cumprod") and k in (0, -1):
                continue
            if r == 0 and op in ("st_argmax", "st_argmin", "st_cumsum", "st_cumprod"):
                k = 1 if g.rng.random() < 0.5 else -2  # NumPy takes 0 and -1 for a 0-d array
                need = "axis %d is out of bounds for array of dimension 1" % k
            else:
                need = "axis %d is out of bounds for array of dimension %d" % (k, r)
            c = DTYPES[op][0]
            throw(out, op, g.values(c, s), params_of(r, k), "index", op[3:].replace("std", "stddev") + ": " + need)
    for op in ["st_var", "st_std", "st_norm", "st_logsumexp"]:
        for _ in range(8):
            r = int(g.rng.integers(1, 4))
            s = [int(g.rng.integers(1, 4)) for _ in range(r)]
            k = int(g.rng.integers(0, r))
            axes = [k, k - r]
            head = [2, 0, 0] if op in ("st_var", "st_std") else [2, 0]
            throw(out, op, g.values(DTYPES[op][0], s), head + axes, "value", "duplicate value in 'axis'")
    for _ in range(8):
        s = [2, 1, 3] + ([2] if g.rng.random() < 0.5 else [])
        throw(out, "st_norm", g.values("f8", s), [2, 0, 0, 1, -1], "value", "improper number of dimensions to norm")
    for op in ["st_argmax", "st_argmin"]:  # empty extents, one per case
        for s, mode, axis in [([0], 0, 0), ([0, 3], 1, 0), ([3, 0], 1, -1), ([0, 0], 1, 1), ([2, 0, 4], 0, 0)]:
            throw(out, op, g.values(DTYPES[op][0], s), [mode, 0, axis], "shape",
                  "attempt to get " + op[3:] + " of an empty sequence")


def gen_fixed(out):
    """NumPy's edges spelled out: ddof past N, all -inf and +inf rows, rank 0, ties."""
    x = np.array([[1.0, 2.0, 4.0], [3.0, 3.0, 3.0]])
    w = quiet()
    with np.errstate(all="ignore"):
        for ddof2 in (4, 6, 8):
            g.emit(out, "st_var", [g.Operand(x)], [1, 0, ddof2, 1], np.var(x, axis=1, ddof=ddof2 / 2), L=3, M=16)
    w.__exit__(None, None, None)
    m = np.array([[-np.inf, -np.inf], [np.inf, 1.0], [np.nan, np.inf], [1000.0, 1000.0]])
    g.emit(out, "st_logsumexp", [g.Operand(m, False)], [1, 1, 1], logsumexp_ref(m, 1, True), L=2, M=1001)
    for c in ["f4", "f8"]:
        z = np.zeros((2, 0), dtype=g.DT[c])
        g.emit(out, "st_logsumexp", [g.Operand(z)], [1, 0, 1], np.full(2, -np.inf, dtype=g.DT[c]))
        g.emit(out, "st_norm", [g.Operand(z)], [1, 0, -1], np.zeros(2, dtype=g.DT[c]))
    t = np.array([3, 1, 3, 3, 0, 0], dtype=np.int32)
    g.emit(out, "st_argmax", [g.Operand(t)], [0, 0, 0], np.int64(0))
    g.emit(out, "st_argmin", [g.Operand(t.astype(np.int64))], [1, 1, -1], np.array([4], dtype=np.int64))
    for c in ["f8", "i4"]:
        s0 = g.values(c, [])
        g.emit(out, "st_cumsum", [g.Operand(s0)], [0, 0], np.cumsum(s0), L=1, M=abs(float(s0)))
        g.emit(out, "st_argmax", [g.Operand(s0)], [1, 0, -1], np.int64(0))


def generate(out):
    """Appends this area's cases to `out`."""
    gen_arg(out, 420)
    gen_cum(out, 380)
    gen_moments(out, 520)
    gen_norms(out, 460)
    gen_empty_max(out, 80)
    gen_errors(out)
    gen_fixed(out)
