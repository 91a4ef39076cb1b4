"""NumPy-differential cases of issue 19's casts and logic: astype, the bitwise operators,
logical_and/or/xor/not, isnan/isinf/isfinite, isclose, array_equal, and the any / all /
count_nonzero reductions.

Written by gen_everyday_cases.py through generate(out); the format is gen_cases.py's.
"""

import numpy as np

import gen_cases as g

DTYPES = ["b1", "i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8", "f4", "f8"]  # as replay_logic.cpp reads them
# (source, target) pairs of astype; replay_logic.cpp instantiates exactly these.
ASTYPE = [("f4", "i4"), ("f8", "i8"), ("i4", "f4"), ("f8", "f4"), ("i4", "b1"), ("f4", "b1"), ("b1", "f4"),
          ("i2", "u2")]
# Each operation on two dtypes (one template instance each, about a second of compile
# time); together they cover bool, 8/16/32/64-bit integers and both floats.
BITWISE = {"bitwise_and": (np.bitwise_and, ["b1", "i4"]), "bitwise_or": (np.bitwise_or, ["u1", "i8"]),
           "bitwise_xor": (np.bitwise_xor, ["b1", "i8"])}
INVERT_TYPES = ["b1", "i1", "u2", "i4"]
LOGICAL = {"logical_and": (np.logical_and, ["b1", "f4"]), "logical_or": (np.logical_or, ["f4", "i4"]),
           "logical_xor": (np.logical_xor, ["b1", "i4"]), "logical_not": (np.logical_not, ["f4", "b1"])}
CLASSIFY = {"isnan": (np.isnan, ["f4", "f8"]), "isinf": (np.isinf, ["f4", "i4"]),
            "isfinite": (np.isfinite, ["f8", "i4"])}
TRUTH = {"any": np.any, "all": np.all, "count_nonzero": np.count_nonzero}
TRUTH_TYPES = ["b1", "f4", "i4", "f8"]


def special(a, p=0.25):
    """a with some elements replaced by NaN, +inf, -inf or 0 (floats only)."""
    if a.dtype.kind != "f" or a.size == 0 or g.rng.random() < 0.3:
        return a
    a = a.copy()
    flat = a.reshape(-1)
    k = int(g.rng.binomial(a.size, p))
    idx = g.rng.choice(a.size, size=k, replace=True)
    flat[idx] = g.rng.choice([np.nan, np.inf, -np.inf, 0.0], size=k)
    return a


def sparse(code, shape):
    """Values with many zeros (so that any/all/count_nonzero see both outcomes)."""
    a = g.values(code, shape, "small")
    if a.size and code != "b1":
        mask = g.rng.random(a.shape) < float(g.rng.choice([0.0, 0.3, 0.7, 1.0]))
        a = np.where(mask, np.zeros_like(a), a)
    return special(a, 0.1) if code[0] == "f" else a


def gen_astype(out, n):
    for _ in range(n):
        src, dst = ASTYPE[int(g.rng.integers(0, len(ASTYPE)))]
        a = g.values(src, g.rand_shape(), "small" if dst[0] in "iu" else "any")
        if src[0] == "f" and dst == "b1":
            a = special(a)
        with np.errstate(all="ignore"):
            r = a.astype(g.DT[dst])
        g.emit(out, "astype", [g.Operand(a)], [DTYPES.index(dst)], r)


def gen_bitwise(out, n):
    for _ in range(n):
        op = str(g.rng.choice(list(BITWISE) + ["invert"]))
        if op == "invert":
            c = str(g.rng.choice(INVERT_TYPES))
            a = g.values(c, g.rand_shape())
            g.emit(out, op, [g.Operand(a)], [], np.invert(a))
            continue
        fn, codes = BITWISE[op]
        c = str(g.rng.choice(codes))
        sa, sb = g.broadcastable_pair()
        a, b = g.values(c, sa), g.values(c, sb)
        g.emit(out, op, [g.Operand(a), g.Operand(b)], [], fn(a, b))
    for _ in range(n // 15):
        op = str(g.rng.choice(list(BITWISE)))
        sa, sb = g.incompatible_pair()
        c = BITWISE[op][1][1]
        g.emit(out, op, [g.Operand(g.values(c, sa)), g.Operand(g.values(c, sb))], [], None)


def gen_logical(out, n):
    for _ in range(n):
        op = str(g.rng.choice(list(LOGICAL)))
        fn, codes = LOGICAL[op]
        c = str(g.rng.choice(codes))
        if op == "logical_not":
            a = sparse(c, g.rand_shape())
            g.emit(out, op, [g.Operand(a)], [], np.logical_not(a))
            continue
        sa, sb = g.broadcastable_pair()
        a, b = sparse(c, sa), sparse(c, sb)
        g.emit(out, op, [g.Operand(a), g.Operand(b)], [], fn(a, b))
    for _ in range(n // 15):
        op = str(g.rng.choice(["logical_and", "logical_or", "logical_xor"]))
        c = LOGICAL[op][1][0]
        sa, sb = g.incompatible_pair()
        g.emit(out, op, [g.Operand(g.values(c, sa)), g.Operand(g.values(c, sb))], [], None)


def gen_classify(out, n):
    for _ in range(n):
        op = str(g.rng.choice(list(CLASSIFY)))
        fn, codes = CLASSIFY[op]
        c = str(g.rng.choice(codes))
        a = special(g.values(c, g.rand_shape()), 0.3)
        g.emit(out, op, [g.Operand(a)], [], fn(a))


def gen_isclose(out, n):
    for _ in range(n):
        c = str(g.rng.choice(["f4", "f8"]))
        sa, sb = g.broadcastable_pair()
        a, b = g.values(c, sa), g.values(c, sb)
        # Perturb a copy of b's broadcast values so that many pairs are near each other.
        try:
            near = (np.broadcast_to(b, np.broadcast_shapes(a.shape, b.shape)) *
                    (1 + g.rng.choice([0, 1e-7, 1e-6, 1e-5, 1e-3], size=np.broadcast_shapes(a.shape, b.shape)))
                    ).astype(a.dtype)
            if near.shape == a.shape and g.rng.random() < 0.7:
                a = near
        except ValueError:
            pass
        a, b = special(a, 0.1), special(b, 0.1)
        rtol = float(g.rng.choice([1e-5, 1e-3, 0.0, 1e-1]))
        atol = float(g.rng.choice([1e-8, 0.0, 1e-3, 1.0]))
        equal_nan = int(g.rng.random() < 0.3)
        with np.errstate(all="ignore"):
            r = np.isclose(a, b, rtol=rtol, atol=atol, equal_nan=bool(equal_nan))
        rt = g.Operand(np.array(rtol)), g.Operand(np.array(atol))
        g.emit(out, "isclose", [g.Operand(a), g.Operand(b), rt[0], rt[1]], [equal_nan], r)
    for _ in range(n // 15):
        sa, sb = g.incompatible_pair()
        g.emit(out, "isclose", [g.Operand(g.values("f8", sa)), g.Operand(g.values("f8", sb)),
                                g.Operand(np.array(1e-5)), g.Operand(np.array(1e-8))], [0], None)
        out[-1] += " shape isclose"


def gen_array_equal(out, n):
    for _ in range(n):
        c = str(g.rng.choice(["f4", "i4", "b1"]))
        s = g.rand_shape()
        a = special(g.values(c, s, "small"), 0.05)
        u = g.rng.random()
        if u < 0.5:
            b = a.copy()
            if b.size and g.rng.random() < 0.5:
                b.reshape(-1)[int(g.rng.integers(0, b.size))] = g.values(c, [1], "small")[0]
        elif u < 0.8:
            b = g.values(c, g.rand_shape(), "small")
        else:
            b = a.reshape(list(reversed(s))).copy() if len(s) > 1 else a.copy()
        equal_nan = int(g.rng.random() < 0.4)
        r = np.array(np.array_equal(a, b, equal_nan=bool(equal_nan)) if c[0] == "f" else np.array_equal(a, b))
        g.emit(out, "array_equal", [g.Operand(a), g.Operand(b)], [equal_nan], r)


def gen_truth(out, n):
    for _ in range(n):
        op = str(g.rng.choice(list(TRUTH)))
        c = str(g.rng.choice(TRUTH_TYPES))
        s = g.rand_shape()
        a = sparse(c, s)
        r = len(s)
        mode = int(g.rng.choice([0, 1, 2])) if r else int(g.rng.choice([0, 2]))
        keep = int(g.rng.random() < 0.4) if mode else 0
        if mode == 0:
            axes = None
        elif mode == 1:
            axes = int(g.rng.integers(-r, r))
        else:
            k = int(g.rng.integers(0, r + 1))
            axes = tuple(int(x) - (r if g.rng.random() < 0.3 else 0) for x in g.rng.choice(r, size=k, replace=False))
        params = [mode, keep] + ([] if axes is None else [axes] if mode == 1 else list(axes))
        if op == "count_nonzero":
            res = np.count_nonzero(a, axis=axes, keepdims=bool(keep)) if mode else np.count_nonzero(a)
            res = np.asarray(res).astype(np.int64)
        else:
            res = np.asarray(TRUTH[op](a, axis=axes, keepdims=bool(keep)))
        g.emit(out, op, [g.Operand(a)], params, res)
    for _ in range(n // 20):  # an axis out of bounds
        op = str(g.rng.choice(list(TRUTH)))
        s = g.rand_shape()
        g.emit(out, op, [g.Operand(g.values("f4", s))], [1, 0, len(s) + int(g.rng.integers(0, 3))], None)
        out[-1] += " index " + op + " out~of~bounds"


def generate(out):
    """Appends this area's cases to `out`."""
    gen_astype(out, 450)
    gen_bitwise(out, 500)
    gen_logical(out, 450)
    gen_classify(out, 300)
    gen_isclose(out, 300)
    gen_array_equal(out, 200)
    gen_truth(out, 600)
