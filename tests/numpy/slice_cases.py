"""Slicing and view-assignment cases (see gen_index_cases.py for the format)."""

import numpy as np

import gen_cases as g
from gen_cases import Operand, values
from index_case_format import DTYPES, attempt, choice, emit, fmt_shape, make, rng

IDX, RNG, ALL, NEW, ELL = 0, 1, 2, 3, 4
# The dtypes each compound assignment (OPK 1..4: += -= *= /=) is replayed for: each is a
# whole evaluator per (operation, dtype, right side), so not the full cross product; `=`
# runs on every dtype. Must match replay_indexing.cpp's compound_replayed.
COMPOUND = {1: ["f4", "i8", "u1"], 2: ["f8", "i4", "u1"], 3: ["f4", "i4"], 4: ["f4", "f8"]}
# NumPy's classic overlapping assignments, as (destination, source) specs:
# a[1:] = a[:-1], a[:-1] = a[1:], a[::-1] = a, a[::2] = a[1::2], a[:, ::2] op= a[:, 1::2],
# a[1:, :] op= a[:-1, ::-1], a[..., ::-1] op= a.
OVERLAPS = [
    ([(RNG, 1, None, None)], [(RNG, None, -1, None)]),
    ([(RNG, None, -1, None)], [(RNG, 1, None, None)]),
    ([(RNG, None, None, -1)], []),
    ([(RNG, None, None, 2)], [(RNG, 1, None, 2)]),
    ([(ALL,), (RNG, None, None, 2)], [(ALL,), (RNG, 1, None, 2)]),
    ([(RNG, 1, None, None), (ALL,)], [(RNG, None, -1, None), (RNG, None, None, -1)]),
    ([(ELL,), (RNG, None, None, -1)], [(ELL,)]),
]


def rand_range(n):
    start = None if rng.random() < 0.3 else int(rng.integers(-n - 2, n + 3))
    stop = None if rng.random() < 0.3 else int(rng.integers(-n - 2, n + 3))
    step = None if rng.random() < 0.35 else int(choice([1, 1, 2, 3, -1, -1, -2, -3]))
    return (RNG, start, stop, step)


def rand_specs(shape, max_specs=99):
    """Random valid specs for `shape`: (specs, dims) with dims[i] the axis spec i takes."""
    r = len(shape)
    k = int(rng.integers(0, r + 1))
    ell = rng.random() < 0.3
    p = int(rng.integers(0, k + 1)) if ell else k  # how many specs stand before the ellipsis
    axes = list(range(p)) + list(range(r - (k - p), r))
    specs, dims = [], []
    for d in axes:
        n, u = shape[d], rng.random()
        specs.append((IDX, int(rng.integers(-n, n))) if u < 0.3 and n > 0 else rand_range(n) if u < 0.8 else (ALL,))
        dims.append(d)
    if ell:
        specs.insert(p, (ELL,))
        dims.insert(p, None)
    for _ in range(int(choice([0, 0, 0, 1, 1, 2]))):
        at = int(rng.integers(0, len(specs) + 1))
        specs.insert(at, (NEW,))
        dims.insert(at, None)
    if len(specs) > max_specs:  # drawn again: dropping one would move the others' axes
        return rand_specs(shape, max_specs)
    return specs, dims


def spec_tokens(specs):
    t = [len(specs)]
    for sp in specs:
        t.append(sp[0])
        if sp[0] == IDX:
            t.append(sp[1])
        elif sp[0] == RNG:
            mask = sum(1 << b for b in range(3) if sp[1 + b] is not None)
            t += [mask] + [0 if v is None else v for v in sp[1:]]
    return t


def np_index(specs):
    conv = {IDX: lambda s: s[1], RNG: lambda s: slice(*s[1:]), ALL: lambda s: slice(None),
            NEW: lambda s: None, ELL: lambda s: Ellipsis}
    return tuple(conv[s[0]](s) for s in specs)


def bad_specs(shape):
    """Specs with exactly one error, and its KIND and needles."""
    r = len(shape)
    specs, dims = rand_specs(shape)
    what = choice(["oob", "many", "ell2", "step0"] if r else ["many", "ell2"])
    taken = [i for i, d in enumerate(dims) if d is not None]
    if what in ("oob", "step0") and not taken:  # a first spec takes axis 0
        specs.insert(0, (ALL,))
        dims.insert(0, 0)
        taken = [0]
    if what == "oob":
        i = choice(taken)
        n = shape[dims[i]]
        specs[i] = (IDX, int(choice([n, n + 1, n + 2, -n - 1, -n - 3])))
    elif what == "step0":
        i = choice(taken)
        specs[i] = (RNG, specs[i][1] if specs[i][0] == RNG else None, None, 0)
    elif what == "many":
        specs = [s for s in specs if s[0] != ELL]
        while sum(s[0] in (IDX, RNG, ALL) for s in specs) <= r:
            specs.insert(int(rng.integers(0, len(specs) + 1)), choice([(ALL,), (RNG, None, None, None), (IDX, 0)]))
    else:
        for _ in range(2 - sum(s[0] == ELL for s in specs)):
            specs.insert(int(rng.integers(0, len(specs) + 1)), (ELL,))
    return specs, ("value" if what == "step0" else "index", [fmt_shape(shape)])


def gen_view(out, n, nerr):
    for i in range(n + nerr):
        c = choice(DTYPES)
        o, x, bi = make(c, g.rand_shape(5))
        mode = int(choice([0, 0, 1, 2]))
        if i >= n:
            specs, err = bad_specs(list(x.shape))
            mode = 1 if len(specs) > 4 else int(choice([0, 1]))
            _, e = attempt(lambda: x[np_index(specs)])
            assert isinstance(e, IndexError if err[0] == "index" else ValueError), (specs, x.shape, e)
            emit(out, "view", [o], [mode] + spec_tokens(specs), error=err)
            continue
        specs, _ = rand_specs(list(x.shape), 4 if mode != 1 else 99)
        params = [mode] + spec_tokens(specs)
        r, a = x[np_index(specs)], bi[np_index(specs)]
        if mode == 2:
            specs2, _ = rand_specs(list(np.shape(r)))
            params += spec_tokens(specs2)
            r, a = np.asarray(r)[np_index(specs2)], np.asarray(a)[np_index(specs2)]
        emit(out, "view", [o], params, r, alias=a)


def rand_source(x, dst_shape, dst_specs):
    """Specs of x whose slice broadcasts to dst_shape: often the destination's ranges
    shifted or reversed (so that source and destination overlap), else random."""
    for _ in range(40):
        if rng.random() < 0.5:
            specs = []
            for sp in dst_specs:
                if sp[0] == RNG and rng.random() < 0.7:
                    s0, s1, st = sp[1:]
                    k = int(choice([-1, 1, 2]))
                    specs.append((RNG, None if s0 is None else s0 + k, None if s1 is None else s1 + k,
                                  -st if st is not None and rng.random() < 0.3 else st))
                else:
                    specs.append(sp)
        else:
            specs, _ = rand_specs(list(x.shape))
        if g.broadcasts(np.shape(x[np_index(specs)]), dst_shape) and \
                np.broadcast_shapes(np.shape(x[np_index(specs)]), dst_shape) == tuple(dst_shape):
            return specs
    return None


def gen_assign(out, n, nerr):
    ops = {0: lambda d, v: v, 1: np.add, 2: np.subtract, 3: np.multiply, 4: np.divide}
    for i in range(n + nerr):
        c = choice(DTYPES)
        opk = int(choice([0, 0] + [k for k, codes in COMPOUND.items() if c in codes]))
        kind = "positive" if opk == 4 else "any"
        o, x, _ = make(c, g.rand_shape(4), kind)
        dst, _ = rand_specs(list(x.shape))
        src, src_specs = int(choice([0, 1, 2, 2])), None
        if i < n and x.ndim and rng.random() < 0.25:  # one of the classic overlaps, where it fits
            pd, ps = choice(OVERLAPS)
            both, e = attempt(lambda: x[np_index(pd)] + x[np_index(ps)])
            if e is None and np.shape(both) == np.shape(x[np_index(pd)]):
                dst, src_specs, src = pd, ps, 2
        dshape = list(np.shape(x[np_index(dst)]))
        if src == 2 and src_specs is None:
            src_specs = rand_source(x, dshape, dst)
        if src == 2 and src_specs is None:
            src = 1
        if i >= n:  # a right side that does not broadcast into the destination
            while True:
                rs = g.rand_shape(4)
                if not g.broadcasts(rs, dshape) or np.broadcast_shapes(tuple(rs), tuple(dshape)) != tuple(dshape):
                    break
            rhs, rv, _ = make(c, rs, kind)
            y = x.copy()
            d = np.asarray(y[np_index(dst)])  # a 0-d copy for a 0-d destination: only errors matter
            _, e = attempt(lambda: y.__setitem__(np_index(dst), rv) if opk == 0 else ops[opk](d, rv, out=d))
            if e is None:  # NumPy's `=` drops leading extents of 1 of the right side, as tmath's does
                emit(out, "assign", [o, rhs], [opk, 1] + spec_tokens(dst), y)
                continue
            emit(out, "assign", [o, rhs], [opk, 1] + spec_tokens(dst),
                 error=("shape", [fmt_shape(dshape), fmt_shape(rs)]))
            continue
        y = x.copy()
        operands = [o]
        if src == 0:
            rv = values(c, [], kind)
            operands.append(Operand(rv))
        elif src == 1:
            r1, rv, _ = make(c, g.operand_shape(dshape), kind)
            operands.append(r1)
        else:
            rv = y[np_index(src_specs)].copy()  # the right side is read first
        view = y[np_index(dst)]
        with np.errstate(all="ignore"):
            res = ops[opk](np.asarray(view), rv)
        y[np_index(dst)] = np.asarray(res).astype(y.dtype) if opk else rv
        params = [opk, src] + spec_tokens(dst) + (spec_tokens(src_specs) if src == 2 else [])
        emit(out, "assign", operands, params, y)
    for _ in range(60):  # `=` from a right side with leading extents of 1 (NumPy drops them)
        c = choice(DTYPES)
        o, x, _ = make(c, g.rand_shape(4), "any")
        dst, _ = rand_specs(list(x.shape))
        dshape = list(np.shape(x[np_index(dst)]))
        if not dshape:
            continue
        rhs, rv, _ = make(c, [1] * int(choice([1, 2])) + list(dshape), "any")
        y = x.copy()
        y[np_index(dst)] = rv
        emit(out, "assign", [o, rhs], [0, 1] + spec_tokens(dst), y)
