"""Helpers of the indexing and shape cases (gen_index_cases.py): operands with the base
indices of their elements, and the case lines with their error kinds and aliases."""

import numpy as np

import gen_cases as g
from gen_cases import Operand, values

rng = g.rng  # gen_cases' generator, seeded once: one deterministic stream
DTYPES = ["f4", "f8", "i4", "i8", "u1", "b1"]


def fmt_shape(s):
    """A shape as NumPy and tmath print it, (2,3) / (5,) / ()."""
    s = [int(d) for d in s]
    return "(" + ",".join(str(d) for d in s) + ("," if len(s) == 1 else "") + ")"


def choice(seq):
    return seq[int(rng.integers(0, len(seq)))]


def logical(o, arr):
    """The view that operand `o` presents, of any array `arr` of o's base shape."""
    v = arr[tuple(slice(None, None, st) for st in o.steps)] if o.base else arr[...]
    return v.transpose(o.axes)


def base_index(o):
    """For each element of operand o, its row-major index into o's base array."""
    return logical(o, np.arange(int(np.prod(o.base, dtype=np.int64))).reshape(o.base))


def make(code, shape, kind="any", allow_view=True):
    """An operand of dtype `code` and logical `shape`; its NumPy view (same strides as
    tmath's view) and the base indices of its elements."""
    o = Operand(values(code, shape, kind), allow_view)
    return o, logical(o, o.base_data), base_index(o)


def emit(out, op, operands, params, result=None, error=None, alias=None):
    """A case: the result (with the base indices of a view result), or the error KIND
    and the needles its message must contain."""
    tmp = []
    g.emit(tmp, op, operands, params, None if result is None else np.asarray(result))
    line = tmp[0]
    if result is None:
        line += " " + " ".join([error[0]] + [n.replace(" ", "~") for n in error[1]])
    elif alias is not None and np.size(alias):
        line += " alias " + " ".join(str(int(v)) for v in np.asarray(alias).reshape(-1))
    out.append(line)


def attempt(fn):
    """fn() or the exception it raised."""
    try:
        return fn(), None
    except (IndexError, ValueError) as e:
        return None, e


def oob(axis, rank):
    return ("index", ["axis %d is out of bounds" % axis]) if rank is None else \
           ("index", ["axis %d is out of bounds for rank %d" % (axis, rank)])


def bad_axis(r):
    """An axis outside [-r, r)."""
    return int(choice([r, r + 1, -r - 1, -r - 2]))


def with_ones(max_rank=5):
    """A random shape with extra extents of 1."""
    s = g.rand_shape(max_rank - 1)
    for _ in range(int(rng.integers(0, 3))):
        s.insert(int(rng.integers(0, len(s) + 1)), 1)
    return s


def axis_list(k, r, neg=True):
    """k distinct axes of [0, r), some written negative."""
    return [int(a) - (r if neg and rng.random() < 0.3 else 0) for a in rng.choice(r, size=k, replace=False)]
