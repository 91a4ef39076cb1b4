"""NumPy-differential cases of issue 19's math functions (element-wise math: sin, cos, tan, rounding, sign, square, log1p, expm1, log2, log10, exp2, erf, clip, remainder, fmod, pow with a tensor exponent).

Written by gen_everyday_cases.py through generate(out); the format is gen_cases.py's.

Where NumPy 1.x and 2.x differ, the cases follow NumPy 2: floor / ceil / trunc keep
integer dtypes (NumPy 2.3's rule; the expected values are the inputs). tmath's
transcendental functions give float64 for every integer or bool dtype (NumPy gives a
float of the input's size for 8- and 16-bit integers): those cases expect float64,
computed in float64. Integer pow takes exponents >= 0, except in gen_negative_powers,
where one is negative and both NumPy and tmath raise (unless the result is empty).
NaN clip bounds are not replayed.
"""

import warnings

import numpy as np

import gen_cases as g

# The dtypes each operation is replayed for; must match replay_math.cpp.
UNARY = {
    "em_sin": ["f4", "i4"], "em_cos": ["f8", "u1"], "em_tan": ["f4"],
    "em_floor": ["f4", "i8"], "em_ceil": ["f8", "u2"], "em_round": ["f4", "i2"], "em_trunc": ["f8"],
    "em_sign": ["f4", "i1", "u4"], "em_square": ["f8", "i4", "b1"],
    "em_log1p": ["f4"], "em_expm1": ["f8"], "em_log2": ["f4", "i8"], "em_log10": ["f8"], "em_exp2": ["f4"],
    "em_erf": ["f4", "f8"],
}
BINARY = {"em_remainder": ["f4", "f8", "i4", "u8", "i1"], "em_fmod": ["f8", "i8", "f4"], "em_pow": ["f4", "f8", "i8"]}
MIXED_POW = ("i4", "f8")
CLIP = ["f4", "i4", "f8"]

TRANSCENDENTAL = {
    "em_sin": np.sin, "em_cos": np.cos, "em_tan": np.tan, "em_log1p": np.log1p, "em_expm1": np.expm1,
    "em_log2": np.log2, "em_log10": np.log10, "em_exp2": np.exp2,
}
EXACT = {"em_floor": np.floor, "em_ceil": np.ceil, "em_round": np.rint, "em_trunc": np.trunc}


def erf(x):
    import math
    return np.vectorize(math.erf, otypes=[np.float64])(x) if x.size else x.astype(np.float64)


def with_specials(a, kinds=(np.nan, np.inf, -np.inf, 0.0, -0.0)):
    """Float array `a` with a few of its elements replaced by special values."""
    if a.dtype.kind != "f" or a.size == 0 or g.rng.random() < 0.6:
        return a
    a = a.copy()
    flat = a.reshape(-1)
    for _ in range(int(g.rng.integers(1, 4))):
        flat[int(g.rng.integers(0, a.size))] = kinds[int(g.rng.integers(0, len(kinds)))]
    return a


def unary_input(op, c, shape):
    if c[0] != "f":
        if op in ("em_log2",):
            return np.abs(g.values(c, shape)).astype(g.DT[c])
        return g.values(c, shape)
    if op in ("em_log1p", "em_log2", "em_log10"):
        a = g.values(c, shape, "positive")
        if g.rng.random() < 0.3:
            a = (a * g.rng.choice([1e-6, 1e3, 1e20], size=a.shape)).astype(g.DT[c])
    elif op in ("em_sin", "em_cos", "em_tan") and g.rng.random() < 0.3:
        a = (g.values(c, shape) * 300).astype(g.DT[c])
    elif op in ("em_round",) and g.rng.random() < 0.5:
        a = (g.rng.integers(-20, 21, size=shape) * 0.5).astype(g.DT[c])  # halves: ties to even
    elif op == "em_exp2":
        a = (g.values(c, shape) * 5).astype(g.DT[c])
    else:
        a = g.values(c, shape)
    return with_specials(a)


def gen_unary(out, n):
    ops = list(UNARY)
    for _ in range(n):
        op = ops[int(g.rng.integers(0, len(ops)))]
        c = UNARY[op][int(g.rng.integers(0, len(UNARY[op])))]
        a = unary_input(op, c, g.rand_shape())
        with np.errstate(all="ignore"):
            if op in TRANSCENDENTAL or op == "em_erf":
                rc = c if c[0] == "f" else "f8"
                r = erf(g.ref(a)) if op == "em_erf" else TRANSCENDENTAL[op](g.ref(a))
                g.emit(out, op, [g.Operand(a)], [], g.to_dtype(r, rc), L=1, M=1.0)
            elif op in EXACT:
                r = EXACT[op](a) if c[0] == "f" else a.copy()  # NumPy 2.3: integers stay
                g.emit(out, op, [g.Operand(a)], [], r)
            elif op == "em_sign":
                g.emit(out, op, [g.Operand(a)], [], np.sign(a))
            else:  # square: bool gives int8
                g.emit(out, op, [g.Operand(a)], [], np.square(a))


def binary_inputs(op, ca, cb, sa, sb):
    if op == "em_pow":
        if ca[0] == "f":
            a = np.abs(g.values(ca, sa, "positive")).astype(g.DT[ca])
            b = g.values(cb, sb, "small")
            if g.rng.random() < 0.3:  # negative bases with integral exponents
                a = -a
                b = np.round(b).astype(g.DT[cb])
        else:
            a = g.values(ca, sa, "small")
            b = np.abs(g.values(cb, sb, "small")) % 6 if cb[0] != "f" else g.values(cb, sb, "small")
            b = np.asarray(b).astype(g.DT[cb])
        return with_specials(a, (np.nan, 0.0, 1.0)), with_specials(b, (np.nan, 0.0))
    a = g.values(ca, sa)
    b = g.values(cb, sb, "positive")
    if cb[0] == "i" and g.rng.random() < 0.5:
        b = (b * g.rng.choice([-1, 1], size=b.shape)).astype(g.DT[cb])
    if cb[0] == "f":
        b = (b * g.rng.choice([-1.0, 1.0], size=b.shape)).astype(g.DT[cb])
    if g.rng.random() < 0.2 and b.size:  # a zero divisor: 0 for integers, NaN for floats
        b = b.copy()
        b.reshape(-1)[int(g.rng.integers(0, b.size))] = 0
    return with_specials(a, (np.nan, np.inf, -np.inf, 0.0, -0.0)), with_specials(b, (np.nan, -0.0))


def gen_binary(out, n):
    ops = list(BINARY)
    for _ in range(n):
        op = ops[int(g.rng.integers(0, len(ops)))]
        if op == "em_pow" and g.rng.random() < 0.15:
            ca, cb = MIXED_POW
        else:
            ca = cb = BINARY[op][int(g.rng.integers(0, len(BINARY[op])))]
        sa, sb = g.broadcastable_pair()
        a, b = binary_inputs(op, ca, cb, sa, sb)
        rt = np.result_type(g.DT[ca], g.DT[cb])
        fn = {"em_remainder": np.remainder, "em_fmod": np.fmod, "em_pow": np.power}[op]
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            r = fn(a.astype(rt), b.astype(rt))
        g.emit(out, op, [g.Operand(a), g.Operand(b)], [], r, L=0, M=0.0)


def gen_clip(out, n):
    for _ in range(n):
        c = CLIP[int(g.rng.integers(0, len(CLIP)))]
        o = g.rand_shape()
        scalar = g.rng.random() < 0.3
        sx = g.operand_shape(o) if not scalar else o
        sl, sh = ([], []) if scalar else (g.operand_shape(o), g.operand_shape(o))
        x = with_specials(g.values(c, sx), (np.nan, np.inf, -np.inf))
        lo = g.values(c, sl, "small")  # sometimes above hi: the result is hi
        hi = g.values(c, sh, "small")
        r = np.asarray(np.clip(x, lo, hi), dtype=g.DT[c])
        g.emit(out, "em_clip", [g.Operand(x), g.Operand(lo), g.Operand(hi)], [int(scalar)], r)


def gen_errors(out, n):
    ops = list(BINARY)
    for _ in range(n):
        if g.rng.random() < 0.25:
            c = CLIP[int(g.rng.integers(0, len(CLIP)))]
            sa, sb = g.incompatible_pair()
            g.emit(out, "em_clip", [g.Operand(g.values(c, sa)), g.Operand(g.values(c, sb)),
                                    g.Operand(g.values(c, sb[-1:] if sb else []))], [0], None)
            continue
        op = ops[int(g.rng.integers(0, len(ops)))]
        c = BINARY[op][int(g.rng.integers(0, len(BINARY[op])))]
        sa, sb = g.incompatible_pair()
        g.emit(out, op, [g.Operand(g.values(c, sa, "positive")), g.Operand(g.values(c, sb, "positive"))], [], None)


def gen_negative_powers(out, n):
    """Integer bases to integer exponents of which one is negative: NumPy raises unless
    the broadcast result is empty (then the result is empty too)."""
    for _ in range(n):
        ca = cb = "i8"
        sa, sb = g.broadcastable_pair()
        a = np.asarray(g.values(ca, sa, "small"))
        b = np.array(np.abs(g.values(cb, sb, "small")) % 6, dtype=g.DT[cb])
        if b.size:
            b.reshape(-1)[int(g.rng.integers(0, b.size))] = -int(g.rng.integers(1, 4))
        try:
            r = np.power(a, b)
        except ValueError:
            r = None
        g.emit(out, "em_pow", [g.Operand(a), g.Operand(b)], [], r, L=0, M=0.0)
        if r is None:
            out[-1] += " value power negative~integer~powers"


def generate(out):
    """Appends this area's cases to `out`."""
    gen_unary(out, 1500)
    gen_binary(out, 750)
    gen_clip(out, 250)
    gen_errors(out, 100)
    gen_negative_powers(out, 80)
