#!/usr/bin/env python3
"""Writes the cases of tmath's NumPy-differential test (replayed by numpy_differential).

Usage: gen_cases.py OUTPUT_FILE

Deterministic (fixed seed, python3 + numpy only). NumPy computes every expected result;
float results are computed in float64 from the operands and rounded to the result dtype.

File format: plain text, one case per line, tokens separated by single spaces.

    case     := OP NOPS operand{NOPS} NPARAMS int{NPARAMS} result
    operand  := DTYPE RANK base{RANK} step{RANK} view value{prod(base)}
    view     := 'n'                    (the sliced base as it is)
              | 't'                    (transpose(v): every axis reversed)
              | 'p' axis{RANK}         (transpose(v, axes))
              | 's' I J                (swapaxes(v, I, J); I, J may be negative)
    result   := 'throw'                (must throw tmath::shape_error)
              | 'ok' DTYPE RANK extent{RANK} L M value{prod(extents)}

An operand is a row-major array of shape `base` holding the values, sliced with NumPy's
`base[::step0, ::step1, ...]` (a step is a nonzero integer, negative steps start at the
end), then viewed through `view`. The replay builds the same view with tmath's public
view API (adapt with strides, transpose, swapaxes) and passes it to the operation.

DTYPE is one of b1 i1 i2 i4 i8 u1 u2 u4 u8 f4 f8 (bool, intN, uintN, float32, float64).
Values: integers in decimal, bools as 0/1, floats as the shortest decimal that rounds to
the value in their dtype (parse float32 with strtof), plus nan / inf / -inf.

Params by OP:
    sum prod mean max min     MODE KEEPDIMS axis...   MODE 0: over everything (a scalar;
                              the result has RANK 0), 1: one axis, 2: a list of axes
    softmax log_softmax       AXIS
    every other OP            none

Tolerance: integer and bool results must be exact. A float result element `got` passes
when |got - want| <= 8 * eps(dtype) * (|want| + L * M), where L is the number of terms
combined into one result element (the reduction length: k for matmul and dot, the reduced
count for sum/mean/prod, the axis length for softmax; 1 for transcendental functions, 0
for correctly rounded element-wise arithmetic) and M bounds the magnitude of one term.
NaN matches NaN. The result dtype must be NumPy's, promoted by dtype alone (NEP 50, as
NumPy 2 does; NumPy 1.x would let a 0-d operand's value decide).

Coverage: shapes of rank 0-6 with extents 0-5 (size-0 and size-1 included), broadcast
pairs and triples, pairs that do not broadcast, views with steps (negative too),
transpose, permutations and swapaxes, on every operand. Each operation runs on the
dtypes of its table below (BINARY, COMPARE, ...): the replay instantiates one template
per (operation, dtype), about a second of compile time each, so the tables cover every
dtype and every operation rather than their full cross product.
"""

import sys
import warnings

import numpy as np

SEED = 20261123
rng = np.random.default_rng(SEED)

CODE = {
    np.dtype(np.bool_): "b1",
    np.dtype(np.int8): "i1", np.dtype(np.int16): "i2", np.dtype(np.int32): "i4", np.dtype(np.int64): "i8",
    np.dtype(np.uint8): "u1", np.dtype(np.uint16): "u2", np.dtype(np.uint32): "u4", np.dtype(np.uint64): "u8",
    np.dtype(np.float32): "f4", np.dtype(np.float64): "f8",
}
DT = {v: k for k, v in CODE.items()}
INTS = ["i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8"]
MAIN = ["f4", "f8", "i4", "i8"]
ALL = ["f4", "f8"] + INTS
MAX_ELEMS = 192  # cap on every base array and result (keeps the file and the run small)


def fmt_values(a):
    """Values of array `a` (any layout) in row-major order, as tokens."""
    a = np.ascontiguousarray(a).reshape(-1)
    if a.dtype == np.bool_:
        return [str(int(v)) for v in a]
    if a.dtype.kind in "iu":
        return [str(int(v)) for v in a]
    if a.dtype == np.float32:
        return [fmt_float(v, np.float32) for v in a]
    return [fmt_float(v, np.float64) for v in a]


def fmt_float(v, t):
    if np.isnan(v):
        return "nan"
    if np.isinf(v):
        return "inf" if v > 0 else "-inf"
    if t is np.float32:
        return np.format_float_positional(np.float32(v), unique=True, trim="-") if abs(v) < 1e6 else repr(float(v))
    return repr(float(v))


def values(code, shape, kind="any"):
    """Random values of dtype `code` and `shape` in a range where NumPy's and C++'s
    semantics agree (no signed overflow, no integer division by zero)."""
    n = int(np.prod(shape, dtype=np.int64))
    if code == "b1":
        return rng.integers(0, 2, size=shape).astype(np.bool_)
    if code in ("f4", "f8"):
        if kind == "positive":
            v = rng.uniform(0.05, 10.0, size=n)
        elif kind == "near1":
            v = rng.uniform(0.6, 1.5, size=n) * rng.choice([-1.0, 1.0], size=n)
        elif kind == "small":
            v = rng.uniform(-5.0, 5.0, size=n)
        else:
            v = rng.uniform(-10.0, 10.0, size=n)
        # A few exactly representable values: ties and equal elements for comparisons.
        if n and rng.random() < 0.3:
            k = rng.integers(0, n + 1)
            idx = rng.choice(n, size=k, replace=True)
            v[idx] = rng.integers(-3, 4, size=k) if kind not in ("positive",) else rng.integers(1, 4, size=k)
        return v.astype(DT[code]).reshape(shape)
    lim = {"i1": 10, "i2": 100, "i4": 1000, "i8": 1 << 20, "u1": 20, "u2": 255, "u4": 1000, "u8": 1 << 20}[code]
    if kind == "near1":
        v = rng.choice([-1, 1, 1, 2, -1], size=n) if code[0] == "i" else rng.choice([1, 1, 1, 2], size=n)
    elif kind == "positive":
        v = rng.integers(1, lim + 1, size=n)
    elif kind == "small":
        v = rng.integers(-20 if code[0] == "i" else 0, 21, size=n)
    elif code[0] == "u" or kind == "nonneg":
        v = rng.integers(0, lim + 1, size=n)
    else:
        v = rng.integers(-lim, lim + 1, size=n)
    return v.astype(DT[code]).reshape(shape)


def rand_shape(max_rank=6, max_elems=MAX_ELEMS):
    while True:
        r = int(rng.integers(0, max_rank + 1))
        s = [int(rng.choice([1, 1, 2, 2, 3, 3, 4, 5])) for _ in range(r)]
        if r and rng.random() < 0.15:
            s[int(rng.integers(0, r))] = 0
        if np.prod(s, dtype=np.int64) <= max_elems:
            return s


def operand_shape(out):
    """A shape that broadcasts to `out`: trailing dimensions, each out's or 1."""
    k = int(rng.integers(0, len(out) + 1))
    s = list(out[len(out) - k:])
    return [1 if rng.random() < 0.3 else d for d in s]


def broadcastable_pair():
    out = rand_shape()
    a, b = operand_shape(out), operand_shape(out)
    if rng.random() < 0.5:
        a = list(out[len(out) - len(a):]) if len(a) else a
    return (a, b) if rng.random() < 0.5 else (b, a)


def broadcasts(*shapes):
    try:
        np.broadcast_shapes(*[tuple(s) for s in shapes])
        return True
    except ValueError:
        return False


def incompatible_pair():
    while True:
        a, b = broadcastable_pair()
        if not a and not b:
            continue
        # Change one extent of one operand to a value that neither equals nor is 1.
        tgt = a if (b == [] or (a and rng.random() < 0.5)) else b
        i = int(rng.integers(0, len(tgt)))
        tgt[i] = int(rng.choice([2, 3, 4, 5, 0]))
        if not broadcasts(a, b):
            return a, b


class Operand:
    """A value of logical shape `shape` presented as a (possibly) strided, permuted view."""

    def __init__(self, arr, allow_view=True):
        self.arr = arr  # the logical array NumPy sees
        s = list(arr.shape)
        r = len(s)
        self.view = ["n"]
        axes = list(range(r))
        if allow_view and r >= 2:
            u = rng.random()
            if u < 0.15:
                self.view, axes = ["t"], list(reversed(range(r)))
            elif u < 0.3:
                axes = [int(x) for x in rng.permutation(r)]
                self.view = ["p"] + [str(x - r if rng.random() < 0.3 else x) for x in axes]
            elif u < 0.45:
                i, j = (int(x) for x in rng.integers(0, r, size=2))
                axes[i], axes[j] = axes[j], axes[i]
                self.view = ["s", str(i - r if rng.random() < 0.3 else i), str(j - r if rng.random() < 0.3 else j)]
        # Sliced shape before the permutation: pre[axes[i]] = s[i].
        pre = [0] * r
        for i in range(r):
            pre[axes[i]] = s[i]
        steps = [1] * r
        if allow_view and r >= 1 and rng.random() < 0.35:
            steps = [int(rng.choice([1, 1, 2, 3, -1, -2])) for _ in range(r)]
        base = [0 if p == 0 else p * abs(st) - int(rng.integers(0, abs(st))) for p, st in zip(pre, steps)]
        if np.prod(base, dtype=np.int64) > 4 * MAX_ELEMS:
            steps, base = [1] * r, pre
        self.steps, self.base, self.axes = steps, base, axes
        # Base data: random filler, with the logical values written through the view.
        b = values(CODE[arr.dtype], base) if arr.dtype != np.bool_ else values("b1", base)
        v = (b[tuple(slice(None, None, st) for st in steps)] if r else b[...]).transpose(axes)
        assert list(v.shape) == s, (v.shape, s)
        v[...] = arr
        self.base_data = b

    def tokens(self):
        t = [CODE[self.arr.dtype], str(len(self.base))]
        t += [str(d) for d in self.base] + [str(d) for d in self.steps] + self.view
        return t + fmt_values(self.base_data)


def emit(out, op, operands, params, result, L=0, M=0.0):
    t = [op, str(len(operands))]
    for o in operands:
        t += o.tokens()
    t += [str(len(params))] + [str(p) for p in params]
    if result is None:
        t.append("throw")
    else:
        r = np.asarray(result)
        M = float(M) if np.isfinite(M) else 0.0
        t += ["ok", CODE[r.dtype], str(r.ndim)] + [str(d) for d in r.shape] + [str(int(L)), repr(M)]
        t += fmt_values(r)
    out.append(" ".join(t))


def ref(x):
    """float64 copy of an operand for reference computations."""
    return np.asarray(x, dtype=np.float64)


def to_dtype(r, code):
    return np.asarray(r).astype(DT[code])


# ----------------------------------------------------------------------------- generators

# The dtypes each operation is replayed for (the replay instantiates one template per
# (operation, dtype), about a second of compile time each, so not the full cross
# product; together they cover every dtype). Must match tests/numpy/replay_*.cpp.
BINARY = {
    "add": (np.add, ALL, [("f4", "f8"), ("i4", "f8")]),
    "mul": (np.multiply, ["f4", "f8", "i4", "i8", "u1"], [("i4", "i8"), ("i8", "f8")]),
    "sub": (np.subtract, ["f8", "i4", "u4"], []),
    "div": (None, ["f4", "f8", "i4"], []),
    "maximum": (np.maximum, ["f4", "i8"], []),
    "minimum": (np.minimum, ["f8", "i4"], []),
}
COMPARE = {"lt": (np.less, ["f4"]), "le": (np.less_equal, ["i8"]), "gt": (np.greater, ["f8"]),
           "ge": (np.greater_equal, ["i4"]), "eq": (np.equal, ["f8", "i4"]), "ne": (np.not_equal, ["f4"])}
WHERE = ["f4", "i8"]
UNARY = {
    "neg": (["f8", "i1", "u8"], "any"), "abs": (["f4", "i2"], "any"),
    "exp": (["f4"], "any"), "log": (["f8"], "positive"), "sqrt": (["i4"], "positive"),
    "tanh": (["f4"], "small"), "sigmoid": (["f8"], "any"),
}
REDUCE = {"sum": (np.sum, ["f4", "f8", "i1", "i4", "u2", "u8"]), "prod": (np.prod, ["f8", "i4"]),
          "mean": (np.mean, ["f4", "i8"]), "max": (np.max, ["f4", "i4", "u1"]), "min": (np.min, ["f8", "i8"])}
SOFTMAX = ["f4", "f8", "i4"]
PRODUCTS = MAIN


def gen_binary(out, n):
    for _ in range(n):
        op = str(rng.choice(list(BINARY)))
        fn, codes, mixed = BINARY[op]
        if mixed and rng.random() < 0.2:
            ca, cb = mixed[int(rng.integers(0, len(mixed)))]
        else:
            ca = cb = str(rng.choice(codes))
        sa, sb = broadcastable_pair()
        a = values(ca, sa)
        b = values(cb, sb, "positive" if op == "div" else "any")
        if op == "div" and ca[0] in "iu":
            a = values(ca, sa, "nonneg")
        rt = np.result_type(DT[ca], DT[cb])
        # Promotion by dtype alone (NEP 50, NumPy 2): NumPy 1.x would let a 0-d operand's
        # value pick the result type (int32 * int64 0-d array -> int32), which tmath's
        # std::common_type, like NumPy 2, does not.
        if op == "div":
            r = a.astype(rt) // b.astype(rt) if rt.kind in "iu" else to_dtype(ref(a) / ref(b), CODE[rt])
        elif rt.kind == "f":
            r = to_dtype(fn(ref(a), ref(b)), CODE[rt])
        else:
            with np.errstate(over="ignore"):
                r = fn(a.astype(rt), b.astype(rt))
        emit(out, op, [Operand(a), Operand(b)], [], r)


def gen_compare(out, n):
    for _ in range(n):
        op = str(rng.choice(list(COMPARE)))
        fn, codes = COMPARE[op]
        c = str(rng.choice(codes))
        sa, sb = broadcastable_pair()
        a, b = values(c, sa, "small"), values(c, sb, "small")
        emit(out, op, [Operand(a), Operand(b)], [], fn(a, b))


def gen_where(out, n):
    for _ in range(n):
        c = str(rng.choice(WHERE))
        o = rand_shape()
        sc, sa, sb = operand_shape(o), operand_shape(o), operand_shape(o)
        cond, a, b = values("b1", sc), values(c, sa), values(c, sb)
        emit(out, "where", [Operand(cond), Operand(a), Operand(b)], [], np.where(cond, a, b))


def gen_broadcast_errors(out, n):
    ops = list(BINARY) + list(COMPARE)
    for _ in range(n):
        op = str(rng.choice(ops))
        c = str(rng.choice(BINARY[op][1] if op in BINARY else COMPARE[op][1]))
        sa, sb = incompatible_pair()
        a, b = values(c, sa, "positive"), values(c, sb, "positive")
        emit(out, op, [Operand(a), Operand(b)], [], None)
    for _ in range(n // 8):
        c = str(rng.choice(WHERE))
        while True:
            o = rand_shape()
            sc, sa, sb = operand_shape(o), operand_shape(o), operand_shape(o)
            tgt = [sc, sa, sb][int(rng.integers(0, 3))]
            if tgt:
                tgt[int(rng.integers(0, len(tgt)))] = int(rng.choice([0, 2, 3, 4, 5]))
            if not broadcasts(sc, sa, sb):
                break
        emit(out, "where", [Operand(values("b1", sc)), Operand(values(c, sa)), Operand(values(c, sb))], [], None)


def gen_unary(out, n):
    for _ in range(n):
        op = str(rng.choice(list(UNARY)))
        codes, kind = UNARY[op]
        c = str(rng.choice(codes))
        a = values(c, rand_shape(), kind)
        if op in ("neg", "abs"):
            with np.errstate(over="ignore"):
                r = np.negative(a) if op == "neg" else np.abs(a)
            emit(out, op, [Operand(a)], [], r)
            continue
        rc = c if c[0] == "f" else "f8"
        x = ref(a)
        f = {"exp": np.exp, "log": np.log, "sqrt": np.sqrt, "tanh": np.tanh,
             "sigmoid": lambda v: 1.0 / (1.0 + np.exp(-v))}[op]
        emit(out, op, [Operand(a)], [], to_dtype(f(x), rc), L=1, M=1.0)


def matmul_shapes(fail):
    while True:
        m, n, k = (int(x) for x in rng.choice([0, 1, 1, 2, 3, 4, 5, 6, 7], size=3))
        batch = rand_shape(3, 8)
        ba, bb = operand_shape(batch), operand_shape(batch)
        a = ([k] if rng.random() < 0.2 else ba + [m, k])
        b = ([k] if rng.random() < 0.2 else bb + [k, n])
        if fail:
            if rng.random() < 0.6 or (len(a) <= 2 and len(b) <= 2):
                kd = len(a) - 1
                a[kd] = k + int(rng.integers(1, 3))
            else:
                if len(ba) == 0 and len(bb) == 0:
                    continue
                tgt = ba if ba else bb
                tgt[int(rng.integers(0, len(tgt)))] = int(rng.choice([2, 3, 4, 0]))
                a = ba + [m, k] if len(a) != 1 or not ba else a
                b = bb + [k, n] if len(b) != 1 or not bb else b
                if len(a) < 2 or len(b) < 2:
                    continue
        if np.prod(a) > MAX_ELEMS or np.prod(b) > MAX_ELEMS:
            continue
        try:
            r = np.matmul(np.zeros(a), np.zeros(b))
            ok = True
        except ValueError:
            ok = False
        if ok != fail and (not ok or r.size <= MAX_ELEMS):
            return a, b


def gen_matmul(out, n, nfail):
    for i in range(n + nfail):
        fail = i >= n
        c = str(rng.choice(PRODUCTS))
        sa, sb = matmul_shapes(fail)
        a, b = values(c, sa, "small"), values(c, sb, "small")
        ops = [Operand(a), Operand(b)]
        if fail:
            emit(out, "matmul", ops, [], None)
            continue
        k = sa[-1]
        r = np.matmul(ref(a), ref(b)).astype(DT[c]) if c[0] == "f" else np.matmul(a, b)
        M = float(np.max(np.abs(ref(a)), initial=0) * np.max(np.abs(ref(b)), initial=0))
        emit(out, "matmul", ops, [], r, L=k, M=M)


def gen_dot(out, n, nfail):
    for i in range(n + nfail):
        c = str(rng.choice(PRODUCTS))
        la = int(rng.integers(0, 60))
        lb = la if i < n else la + int(rng.integers(1, 4))
        a, b = values(c, [la], "small"), values(c, [lb], "small")
        ops = [Operand(a), Operand(b)]
        if i >= n:
            emit(out, "dot", ops, [], None)
            continue
        r = np.asarray(np.dot(ref(a), ref(b))).astype(DT[c]) if c[0] == "f" else np.asarray(np.dot(a, b))
        M = float(np.max(np.abs(ref(a)), initial=0) * np.max(np.abs(ref(b)), initial=0))
        emit(out, "dot", ops, [], r, L=la, M=M)


def gen_reduce(out, n):
    for _ in range(n):
        op = str(rng.choice(list(REDUCE)))
        fn, codes = REDUCE[op]
        c = str(rng.choice(codes))
        s = rand_shape()
        a = values(c, s, "near1" if op == "prod" else "any")
        r = len(s)
        mode = int(rng.choice([0, 1, 2])) if r else int(rng.choice([0, 2]))
        keep = int(rng.random() < 0.4) if mode else 0
        if mode == 0:
            axes = None
        elif mode == 1:
            ax = int(rng.integers(-r, r))
            axes = ax
        else:
            k = int(rng.integers(0, r + 1))
            axes = tuple(int(x) - (r if rng.random() < 0.3 else 0) for x in rng.choice(r, size=k, replace=False))
        params = [mode, keep] + ([] if axes is None else [axes] if mode == 1 else list(axes))
        try:
            with warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore")
                x = ref(a) if c[0] == "f" else a
                res = fn(x, axis=axes, keepdims=bool(keep))
        except ValueError:
            emit(out, op, [Operand(a)], params, None)
            continue
        res = np.asarray(res)
        if c[0] == "f":
            res = res.astype(DT[c])
        elif op == "mean":
            res = res.astype(np.float64)
        if axes is None:
            count = a.size
        elif mode == 1:
            count = s[axes]
        else:
            count = int(np.prod([s[x] for x in axes], dtype=np.int64))
        M = np.max(np.abs(ref(a)), initial=0)
        if op == "prod":
            M = np.max(np.abs(ref(res)), initial=0) + 1
        emit(out, op, [Operand(a)], params, res, L=count, M=M)


def gen_softmax(out, n):
    for _ in range(n):
        op = str(rng.choice(["softmax", "log_softmax"]))
        c = str(rng.choice(SOFTMAX))
        s = rand_shape()
        if not s:
            s = [int(rng.integers(1, 6))]
        a = values(c, s, "any")
        axis = int(rng.integers(-len(s), len(s)))
        x = ref(a)
        with np.errstate(all="ignore"):
            m = np.max(x, axis=axis, keepdims=True, initial=-np.inf)
            e = np.exp(x - m)
            t = np.sum(e, axis=axis, keepdims=True)
            res = e / t if op == "softmax" else (x - m) - np.log(t)
        rc = c if c[0] == "f" else "f8"
        M = 1.0 if op == "softmax" else float(np.max(np.abs(res), initial=0)) + 1.0
        emit(out, op, [Operand(a)], [axis], res.astype(DT[rc]), L=s[axis], M=M)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: gen_cases.py OUTPUT_FILE")
    out = []
    gen_binary(out, 4200)
    gen_compare(out, 1200)
    gen_where(out, 500)
    gen_broadcast_errors(out, 700)
    gen_unary(out, 1500)
    gen_matmul(out, 1400, 200)
    gen_dot(out, 400, 60)
    gen_reduce(out, 2400)
    gen_softmax(out, 600)
    with open(sys.argv[1], "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
