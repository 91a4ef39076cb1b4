"""Reshape, dimension-view, join, split and gather cases (see gen_index_cases.py for
the format)."""

import numpy as np

import gen_cases as g
from gen_cases import Operand
from index_case_format import (DTYPES, attempt, axis_list, bad_axis, choice, emit, fmt_shape, make, oob, rng,
                               with_ones)


def target_shape(size):
    """A random shape of `size` elements, sometimes with -1, sometimes of another size."""
    t = int(rng.integers(0, 5))
    dims = [1] * t
    if size == 0:
        dims = [int(rng.integers(0, 4)) for _ in range(max(t, 1))]
        dims[int(rng.integers(0, len(dims)))] = 0
    else:
        m, f = size, 2
        while m > 1:  # distribute the prime factors
            while m % f:
                f += 1
            if not dims:
                dims = [1]
            dims[int(rng.integers(0, len(dims)))] *= f
            m //= f
    if dims and rng.random() < 0.4:
        dims[int(rng.integers(0, len(dims)))] = -1
    if rng.random() < 0.1:
        dims = dims + [-1] if -1 in dims else [d + 1 if d > 0 else d for d in dims] + [2]
    return dims


def reshape_error(x, dims):
    if dims.count(-1) > 1:
        return "shape", ["can only specify one unknown dimension"]
    return "shape", ["cannot reshape shape " + fmt_shape(x.shape), fmt_shape(dims)]


def gen_reshape(out, n, nravel):
    for i in range(n + nravel):
        c = choice(DTYPES)
        o, x, bi = make(c, g.rand_shape(5))
        src = int(choice([0, 0, 0, 1]))
        if i >= n:
            r = np.ravel(x)
            view = x.size == 0 or np.shares_memory(x.reshape(-1), o.base_data)
            emit(out, "ravel", [o], [src, int(view)], r, alias=bi.reshape(-1) if view and src == 0 else None)
            continue
        dims = target_shape(x.size)
        r, e = attempt(lambda: np.reshape(x, dims))
        if e is not None:
            emit(out, "reshape", [o], [src, 0, len(dims)] + dims, error=reshape_error(x, dims))
            continue
        view = x.size == 0 or np.shares_memory(r, o.base_data)
        emit(out, "reshape", [o], [src, int(view), len(dims)] + dims, r,
             alias=bi.reshape(dims) if view and src == 0 else None)


def squeeze_case(s, fail):
    """Params, NumPy call and expected error of a squeeze of shape s."""
    r = len(s)
    ones = [d for d in range(r) if s[d] == 1]
    mode = int(choice([0, 1, 2] if ones else [0, 2]))
    axes = [] if mode == 0 else [choice(ones)] if mode == 1 else \
        [ones[a] for a in axis_list(int(rng.integers(0, len(ones) + 1)), len(ones), False)]
    axes = [a - r if rng.random() < 0.3 else a for a in axes]
    err = None
    if fail:
        mode = int(choice([1, 2]))
        axes = [] if mode == 1 else axes
        what = choice(["oob", "size", "rep"] if r else ["oob"])
        if what == "size" and len(ones) == r:
            what = "rep"
        if what == "oob":
            axes.append(bad_axis(r))
            err = oob(axes[-1], r)
        elif what == "size":
            axes.insert(0, choice([d for d in range(r) if s[d] != 1]))
            err = ("shape", [fmt_shape(s)])
        else:
            a = int(rng.integers(0, r))
            mode, axes = 2, [a, a - r]
            err = ("shape", ["repeated axis"])
    params = [mode] + ([] if mode == 0 else [axes[0]] if mode == 1 else [len(axes)] + axes)
    return params, lambda v: np.squeeze(v, None if mode == 0 else axes[0] if mode == 1 else tuple(axes)), err


def expand_dims_case(s, fail):
    r = len(s)
    mode = int(choice([1, 2]))
    k = 1 if mode == 1 else int(rng.integers(0, 3))
    axes = axis_list(k, r + k)
    err = None
    if fail:
        if mode == 1 or rng.random() < 0.6:
            axes = axes or [0]
            axes[-1] = bad_axis(r + len(axes))
            err = oob(axes[-1], r + len(axes))
        else:
            axes = [0, -(r + 2)]
            err = ("shape", ["repeated axis"])
    params = [mode] + ([axes[0]] if mode == 1 else [len(axes)] + axes)
    return params, lambda v: np.expand_dims(v, axes[0] if mode == 1 else tuple(axes)), err


def moveaxis_case(s, fail):
    r = len(s)
    mode = int(choice([1, 2])) if r else 2
    k = 1 if mode == 1 else int(rng.integers(0, r + 1))
    src, dst = axis_list(k, r), axis_list(k, r)
    err = None
    if fail:
        what = choice(["oob", "rep", "len"])
        if what == "oob":
            src, dst = (src, dst) if k else ([0], [0])
            (src if rng.random() < 0.5 else dst)[0] = bad_axis(r)
            err = oob([a for a in src + dst if not -r <= a < r][0], r)
        elif what == "rep":
            mode, src, dst = 2, [0, -r], ([0, 1] if r >= 2 else [0, -1])
            err = ("shape", ["repeated axis"])
        else:
            mode = 2
            if k < r:
                dst = axis_list(k + 1, r)
            else:
                src = src[:-1]
            err = ("shape", ["must have the same number of elements"])
    params = [mode, len(src)] + src + [len(dst)] + dst
    return params, lambda v: np.moveaxis(v, src[0], dst[0]) if mode == 1 else np.moveaxis(v, src, dst), err


def broadcast_to_case(s, fail):
    r = len(s)
    to = [int(choice([1, 2, 3])) for _ in range(int(rng.integers(0, 3)))] + \
         [int(choice([2, 3])) if d == 1 and rng.random() < 0.6 else d for d in s]
    err = None
    if fail:
        changed = [j for j in range(r) if s[j] != 1]
        if changed and rng.random() < 0.7:
            j = choice(changed)
            to[len(to) - r + j] = s[j] + int(choice([1, 2])) if s[j] else int(choice([2, 3]))
        else:
            to = to[len(to) - r + 1:]  # fewer dimensions than x
        err = ("shape", [fmt_shape(s), fmt_shape(to)])
    return [len(to)] + to, lambda v: np.broadcast_to(v, to), err


DIMENSION_VIEWS = {"squeeze": squeeze_case, "expand_dims": expand_dims_case, "moveaxis": moveaxis_case,
                   "broadcast_to": broadcast_to_case}


def gen_dimension_views(out, n, nerr):
    for i in range(n + nerr):
        op = choice(list(DIMENSION_VIEWS))
        c = choice(DTYPES)
        s = with_ones() if op != "broadcast_to" else g.rand_shape(4)
        if i >= n and not s:  # a scalar has no axis to get wrong (and broadcasts anywhere)
            s = [int(choice([1, 2, 3]))]
        o, x, bi = make(c, s)
        params, fn, err = DIMENSION_VIEWS[op](s, i >= n)
        res, e = attempt(lambda: fn(x))
        if (e is None) != (err is None):
            raise AssertionError((op, s, params, e))
        if e is not None:
            emit(out, op, [o], params, error=err)
        else:
            emit(out, op, [o], params, res, alias=fn(bi))


def gen_join(out, n, nerr):
    for i in range(n + nerr):
        op = choice(["concatenate", "concatenate", "stack"])
        c = choice(DTYPES)
        k = int(choice([1, 2, 2, 3, 3, 4, 5]))
        form = int(choice([0, 1])) if k <= 3 else 1
        s = g.rand_shape(4, 48)
        r = len(s)
        if op == "concatenate" and not r:
            s, r = [int(rng.integers(0, 4))], 1
        axis = int(rng.integers(-r, r)) if op == "concatenate" else int(rng.integers(-r - 1, r + 1))
        shapes = [list(s) for _ in range(k)]
        if op == "concatenate":
            for sh in shapes:
                sh[axis] = int(rng.integers(0, 4))
        err = None
        if i >= n:
            what = choice(["axis", "shape", "rank"] + (["scalar"] if op == "concatenate" else []))
            if what == "axis":
                axis = bad_axis(r + (op == "stack"))
                err = oob(axis, r + (op == "stack"))
            elif what == "scalar":
                shapes = [[] for _ in range(k)]
                err = ("shape", ["zero-dimensional"])
            else:
                if k == 1:
                    shapes.append(list(shapes[0]))
                    k, form = 2, int(choice([0, 1]))
                j = int(rng.integers(1, k))
                if what == "rank" or r == 0:
                    shapes[j] = shapes[j] + [2] if rng.random() < 0.5 or r == 0 else shapes[j][1:]
                else:
                    d = int(rng.integers(0, r))
                    if op == "concatenate" and d == axis % r:
                        d = (d + 1) % r
                    if op == "concatenate" and r == 1:
                        shapes[j] = shapes[j] + [1]
                    else:
                        shapes[j][d] += int(choice([1, 2]))
                err = ("shape", [fmt_shape(sh) for sh in shapes])
        ops = [make(c, sh) for sh in shapes]
        xs = [x for _, x, _ in ops]
        fn = np.concatenate if op == "concatenate" else np.stack
        res, e = attempt(lambda: fn(xs, axis=axis))
        if (e is None) != (err is None):
            raise AssertionError((op, shapes, axis, e))
        emit(out, op, [o for o, _, _ in ops], [axis, form], res, error=err)


def gen_split(out, n, nerr):
    for i in range(n + nerr):
        c = choice(DTYPES)
        s = g.rand_shape(4)
        if not s:
            s = [int(rng.integers(0, 6))]
        o, x, bi = make(c, s)
        r = len(s)
        axis = int(rng.integers(-r, r))
        ext = s[axis]
        mode = int(choice([0, 1]))
        if mode == 0:
            divs = [d for d in range(1, 7) if ext % d == 0]
            arg = [choice(divs)]
        else:
            m = int(rng.integers(0, 4))
            arg = [m] + [int(rng.integers(-ext - 2, ext + 3)) for _ in range(m)]
        if i >= n:
            if rng.random() < 0.5 and any(ext % d for d in range(1, 7)):
                mode, arg = 0, [choice([d for d in range(1, 7) if ext % d])]
                err = ("shape", [fmt_shape(s)])
            else:
                axis = bad_axis(r)
                err = oob(axis, r)
            _, e = attempt(lambda: np.split(x, arg[0] if mode == 0 else arg[1:], axis=axis))
            assert e is not None
            emit(out, "split", [o], [mode, axis, 0, 0] + arg, error=err)
            continue
        parts = np.split(x, arg[0] if mode == 0 else arg[1:], axis=axis)
        alias = np.split(bi, arg[0] if mode == 0 else arg[1:], axis=axis)
        for p in sorted(set(int(v) for v in rng.choice(len(parts), size=min(2, len(parts)), replace=False))):
            emit(out, "split", [o], [mode, axis, len(parts), p] + arg, parts[p], alias=alias[p])


def index_values(code, shape, n, bad):
    """Indices in [-n, n) (one out of range when `bad`): the values and the bad one."""
    v = rng.integers(-n, max(n, 1), size=shape)
    bad_value = None
    if bad:
        bad_value = int(choice([n, n + 1, n + 4, -n - 1, -n - 3]))
        v = v.reshape(-1)
        v[int(rng.integers(0, v.size))] = bad_value
        if n == 0:  # no index is valid: all the same bad one
            v[:] = bad_value
        v = v.reshape(shape)
    return v.astype(g.DT[code]), bad_value


def gen_take(out, n, nerr):
    for i in range(n + nerr):
        fail = i >= n
        c, ic = choice(DTYPES), choice(["i8", "i8", "i4"])
        s = g.rand_shape(4, 60)
        o, x, _ = make(c, s)
        r = len(s)
        mode = int(choice([0, 1, 1, 2])) if r else 0
        axis = int(rng.integers(-r, r)) if r else 0
        ext = x.size if mode == 0 else s[axis]
        ishape = g.rand_shape(2, 12) if mode != 2 else [int(rng.integers(1, 4))]
        if ext == 0 and not fail:
            ishape = ishape + [0] if mode != 2 else [0]
        # A bad axis needs rank >= 1: NumPy takes a scalar as 1-d when an axis is given.
        bad = fail and (mode == 2 or r == 0 or rng.random() < 0.7)
        if bad and int(np.prod(ishape)) == 0:
            ishape = [2]
        idx, bad_value = index_values(ic, ishape, ext, bad)
        if fail and not bad:
            axis = bad_axis(r)
            mode = 1 if mode == 0 else mode
        if mode == 2 and len(ishape) and ishape[0] == 0:
            mode = 1
        operands = [o] if mode == 2 else [o, Operand(idx)]
        params = [mode, axis] + ([idx.size] + [int(v) for v in idx.reshape(-1)] if mode == 2 else [])
        res, e = attempt(lambda: np.take(x, idx, axis=None if mode == 0 else axis))
        if fail and e is None:  # NumPy checks no index when the result is empty; tmath checks every one
            continue
        if fail:
            err = oob(axis, r) if bad_value is None else \
                ("index", ["index %d is out of bounds for axis %d with size %d" %
                           (bad_value, 0 if mode == 0 else axis % r, ext)])
            emit(out, "take", operands, params, error=err)
        else:
            emit(out, "take", operands, params, res)


def gen_take_along(out, n, nerr):
    for i in range(n + nerr):
        fail = i >= n
        c, ic = choice(DTYPES), choice(["i8", "i4"])
        s = g.rand_shape(4, 60)
        if not s:
            s = [int(rng.integers(1, 5))]
        r = len(s)
        axis = int(rng.integers(-r, r))
        ishape = [int(choice([1, d, d])) if d != 1 else int(choice([1, 1, 2, 3])) for d in s]
        ishape[axis] = int(rng.integers(0 if s[axis] == 0 else 1, 5)) if s[axis] else 0
        what = choice(["index", "shape", "rank"]) if fail else None
        if what == "index" and (0 in s or 0 in ishape):  # an empty result reads no index
            what = "rank"
        if what == "shape":
            off = [d for d in range(r) if d != axis % r and s[d] not in (0, 1, 5)]
            if off:
                d = choice(off)
                ishape[d] = s[d] + 1
            else:
                what = "rank"
        if what == "rank":
            ishape = ishape + [1] if rng.random() < 0.5 or r == 1 else ishape[1:]
        o, x, _ = make(c, s)
        idx, bad_value = index_values(ic, ishape, s[axis], what == "index")
        res, e = attempt(lambda: np.take_along_axis(x, idx, axis))
        if (e is None) != (what is None):
            raise AssertionError((s, ishape, axis, what, e))
        err = None
        if what == "index":
            err = ("index", ["index %d is out of bounds for axis %d with size %d" % (bad_value, axis % r, s[axis])])
        elif what:
            err = ("shape", [fmt_shape(s), fmt_shape(ishape)])
        emit(out, "take_along_axis", [o, Operand(idx)], [axis], res, error=err)
