"""NumPy-differential cases of issue 19's creation functions: arange, linspace, eye,
zeros_like / ones_like / full_like, tril and triu.

Written by gen_everyday_cases.py through generate(out); the format is gen_cases.py's.
Parameters that NumPy takes as Python floats travel as rank-0 f8 operands; the dtype of
the result (which the replay must know before calling) is the param DTYPES.index(code).
"""

import numpy as np

import gen_cases as g

DTYPES = ["b1", "i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8", "f4", "f8"]  # replay_creation.cpp's order
ARANGE = ["f4", "f8", "i4", "i8"]
LINSPACE = ["f4", "f8", "i4", "i8"]
EYE = ["f4", "f8", "i4", "b1"]
LIKE = ["f4", "i4", "f8", "u1"]
TRI = ["f4", "f8", "i4", "b1", "i8"]


def scalar(v):
    """A rank-0 float64 operand holding v."""
    return g.Operand(np.array(v, dtype=np.float64), allow_view=False)


def gen_arange(out, n):
    for _ in range(n):
        code = str(g.rng.choice(ARANGE))
        ints = code[0] == "i" or g.rng.random() < 0.4
        if ints:
            start = int(g.rng.integers(-20, 20))
            stop = int(g.rng.integers(-20, 40))
            step = int(g.rng.choice([1, 1, 2, 3, -1, -2, 5, 7]))
            nargs = int(g.rng.choice([1, 3, 3])) if start >= 0 or g.rng.random() < 0.5 else 3
            args = [stop] if nargs == 1 else [start, stop, step]
            if nargs == 1:
                stop = abs(stop)
                args = [stop]
            r = np.arange(*args, dtype=g.DT[code])
            g.emit(out, "arange", [], [DTYPES.index(code), 1] + args, r, L=1, M=float(np.max(np.abs(r), initial=1)))
        else:
            start = float(np.round(g.rng.uniform(-5, 5), int(g.rng.integers(0, 3))))
            step = float(g.rng.choice([0.1, 0.25, 0.3, 1.5, -0.2, -0.75, 0.01]))
            stop = start + step * float(g.rng.uniform(-2, 60))
            r = np.arange(start, stop, step, dtype=g.DT[code])
            # Float ranges: NumPy's own fill v0 + i * (v1 - v0) in the dtype, reproduced
            # exactly; the tolerance allows the last-ulp rounding of i * delta.
            g.emit(out, "arange", [scalar(start), scalar(stop), scalar(step)], [DTYPES.index(code), 0], r,
                   L=1, M=float(np.max(np.abs(r), initial=1)))
    for _ in range(n // 20):  # a zero step
        g.emit(out, "arange", [], [DTYPES.index("i4"), 1, 0, 5, 0], None)
        out[-1] += " value step~must~not~be~zero"
        g.emit(out, "arange", [scalar(0.0), scalar(1.0), scalar(0.0)], [DTYPES.index("f8"), 0], None)
        out[-1] += " value arange"


def gen_linspace(out, n):
    for _ in range(n):
        code = str(g.rng.choice(LINSPACE))
        start = float(np.round(g.rng.uniform(-20, 20), int(g.rng.integers(0, 4))))
        stop = float(np.round(g.rng.uniform(-20, 20), int(g.rng.integers(0, 4))))
        if g.rng.random() < 0.1:
            stop = start
        num = int(g.rng.choice([0, 1, 2, 3, 5, 7, 8, 16, 17, 33, 50]))
        endpoint = int(g.rng.random() < 0.7)
        r = np.linspace(start, stop, num, endpoint=bool(endpoint), dtype=g.DT[code])
        g.emit(out, "linspace", [scalar(start), scalar(stop)], [DTYPES.index(code), num, endpoint], r,
               L=1, M=max(abs(start), abs(stop)))
    for _ in range(n // 20):
        g.emit(out, "linspace", [scalar(0.0), scalar(1.0)], [DTYPES.index("f8"), -int(g.rng.integers(1, 4)), 1], None)
        out[-1] += " value linspace non-negative"


def gen_eye(out, n):
    for _ in range(n):
        code = str(g.rng.choice(EYE))
        rows = int(g.rng.integers(0, 7))
        cols = rows if g.rng.random() < 0.4 else int(g.rng.integers(0, 7))
        k = int(g.rng.integers(-7, 8)) if g.rng.random() < 0.7 else 0
        g.emit(out, "eye", [], [DTYPES.index(code), rows, cols, k], np.eye(rows, cols, k, dtype=g.DT[code]))


def gen_like(out, n):
    for _ in range(n):
        op = str(g.rng.choice(["zeros_like", "ones_like", "full_like"]))
        code = str(g.rng.choice(LIKE))
        a = g.values(code, g.rand_shape())
        # The result dtype: the operand's (param -1) or another one.
        target = -1 if g.rng.random() < 0.6 else DTYPES.index(str(g.rng.choice(["f8", "i8"])))
        dt = a.dtype if target < 0 else g.DT[DTYPES[target]]
        if op == "full_like":
            v = int(g.rng.integers(-3, 10))
            r = np.full_like(a, v, dtype=dt)
            g.emit(out, op, [g.Operand(a)], [target, v], r)
        else:
            r = (np.zeros_like if op == "zeros_like" else np.ones_like)(a, dtype=dt)
            g.emit(out, op, [g.Operand(a)], [target], r)


def gen_tri(out, n):
    for _ in range(n):
        op = str(g.rng.choice(["tril", "triu"]))
        code = str(g.rng.choice(TRI))
        s = g.rand_shape()
        if not s:
            s = [int(g.rng.integers(0, 6))]
        a = g.values(code, s)
        k = int(g.rng.integers(-6, 7)) if g.rng.random() < 0.7 else 0
        r = (np.tril if op == "tril" else np.triu)(a, k)
        g.emit(out, op, [g.Operand(a)], [k], r)
    for _ in range(n // 25):
        op = str(g.rng.choice(["tril", "triu"]))
        g.emit(out, op, [g.Operand(np.array(1.0, dtype=np.float32))], [0], None)
        out[-1] += " value " + op + " dimension"


def generate(out):
    """Appends this area's cases to `out`."""
    gen_arange(out, 300)
    gen_linspace(out, 250)
    gen_eye(out, 150)
    gen_like(out, 250)
    gen_tri(out, 500)
