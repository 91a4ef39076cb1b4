"""NumPy-differential cases of issue 19's contract functions (vecdot, outer, inner, vdot, trace, tensordot, einsum).

Written by gen_everyday_cases.py through generate(out); the format is gen_cases.py's.

Op names and params (replay_contract.cpp reads them in this order):
    ct_vecdot        AXIS                    reference: sum(a*b) along each operand's AXIS in float64
                                             (Debian's NumPy 1.24 has no np.vecdot)
    ct_vdot ct_outer ct_inner                none
    ct_trace         OFFSET AXIS1 AXIS2
    ct_tensordot     0 N                     tensordot(a, b, N)
                     1 K a_axis{K} b_axis{K} tensordot(a, b, (a_axes, b_axes))
    ct_einsum        LEN char{LEN}           the subscripts as ASCII codes; one or two operands
The operands of a case share one dtype, except the einsum cases with ('i4', 'f8'), where
NumPy's result type and std::common_type agree (f8). Errors carry their kind and needles:
shape (extents that differ, rank 0 or < 2), index (an axis out of range), value (bad axes
lists, malformed einsum subscripts).
"""

import numpy as np

import gen_cases as g

# The dtypes each op is replayed for; must match replay_contract.cpp.
DTYPES = {
    "ct_vecdot": ["f4", "f8", "i4", "i8"], "ct_vdot": ["f8", "i4"], "ct_outer": ["f4", "i8"],
    "ct_inner": ["f8", "i4"], "ct_trace": ["f4", "i4", "i8"], "ct_tensordot": ["f4", "f8", "i8"],
    "ct_einsum": ["f4", "f8", "i4", "i8"], "ct_einsum1": ["f8", "i4"],
}
LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def pick(options):
    return options[int(g.rng.integers(0, len(options)))]


def sprinkle(a, p=0.2):
    """Puts a NaN, inf or -inf into a float array now and then (in place; returns it)."""
    if a.dtype.kind == "f" and a.size and g.rng.random() < p:
        flat = a.reshape(-1)
        flat[int(g.rng.integers(0, a.size))] = pick([np.nan, np.inf, -np.inf])
    return a


def result(r, c):
    """A float64 (or int64) reference converted to the result dtype `c`."""
    with np.errstate(all="ignore"):
        return np.asarray(r).astype(g.DT[c])


def bound(*arrays):
    """M: the product of the operands' largest magnitudes (finite ones)."""
    m = 1.0
    for a in arrays:
        x = np.abs(g.ref(a))
        x = x[np.isfinite(x)]
        m *= float(np.max(x, initial=0))
    return m


def emit_ok(out, op, arrays, params, res, L, M):
    g.emit(out, op, [g.Operand(a) for a in arrays], params, res, L=L, M=M)


def throw(out, op, arrays, params, kind, *needles):
    g.emit(out, op, [g.Operand(a) for a in arrays], params, None)
    out[-1] += " " + kind + "".join(" " + n.replace(" ", "~") for n in needles)


def small_shape(max_rank, max_elems=48):
    return g.rand_shape(max_rank, max_elems)


def fits(*shapes):
    return all(int(np.prod(s, dtype=np.int64)) <= g.MAX_ELEMS for s in shapes)


# ----------------------------------------------------------------------------- vecdot

def gen_vecdot(out, n, nfail):
    for i in range(n + nfail):
        c = pick(DTYPES["ct_vecdot"])
        while True:
            loop = small_shape(3, 24)
            la, lb = g.operand_shape(loop), g.operand_shape(loop)
            k = int(pick([0, 1, 2, 3, 5, 7, 8, 9, 16, 17]))
            lo = min(len(la), len(lb))
            axis = -1 if g.rng.random() < 0.6 else int(g.rng.integers(-lo - 1, lo + 1))
            pos = lambda r: axis if axis >= 0 else r + 1 + axis  # noqa: E731
            sa, sb = list(la), list(lb)
            sa.insert(pos(len(la)), k)
            sb.insert(pos(len(lb)), k)
            if fits(sa, sb):
                break
        kind = None
        if i >= n:
            kind = pick(["core", "loop", "axis", "rank0"])
            if kind == "core":
                sb[pos(len(lb))] = k + int(g.rng.integers(1, 3))
            elif kind == "loop":
                if not la or not lb:
                    la, lb, axis = [2], [3], -1
                    sa, sb = la + [k], lb + [k]
                else:  # the last loop dimensions: 2 and 3
                    for sh, lp, e in ((sa, la, 2), (sb, lb, 3)):
                        d = len(lp) - 1
                        sh[d if pos(len(lp)) > d else d + 1] = e
            elif kind == "axis":
                axis = max(len(sa), len(sb)) + int(g.rng.integers(0, 2))
                axis = -axis - 1 if g.rng.random() < 0.5 else axis
            else:
                sa = []
        a, b = g.values(c, sa, "small"), g.values(c, sb, "small")
        if c == "f8":
            sprinkle(a)
        if kind == "axis":
            throw(out, "ct_vecdot", [a, b], [axis], "index", "vecdot", "axis")
            continue
        if kind is not None:
            throw(out, "ct_vecdot", [a, b], [axis], "shape", "vecdot")
            continue
        with np.errstate(all="ignore"):
            r = np.sum(np.moveaxis(g.ref(a), axis, -1) * np.moveaxis(g.ref(b), axis, -1), axis=-1)
        emit_ok(out, "ct_vecdot", [a, b], [axis], result(r, c), k, bound(a, b))


# ----------------------------------------------------------------------------- vdot, outer, inner

def gen_vdot(out, n, nfail):
    for i in range(n + nfail):
        c = pick(DTYPES["ct_vdot"])
        sa = small_shape(3, 60)
        size = int(np.prod(sa, dtype=np.int64))
        sb = list(g.rng.permutation(sa)) if sa and g.rng.random() < 0.5 else [size]
        sb = [int(x) for x in sb]
        if i >= n:
            sb = [size + int(g.rng.integers(1, 4))]
        a, b = g.values(c, sa, "small"), g.values(c, sb, "small")
        if i >= n:
            throw(out, "ct_vdot", [a, b], [], "shape", "vdot")
            continue
        emit_ok(out, "ct_vdot", [a, b], [], result(np.vdot(g.ref(a), g.ref(b)), c), size, bound(a, b))


def gen_outer(out, n):
    for _ in range(n):
        c = pick(DTYPES["ct_outer"])
        while True:
            sa, sb = small_shape(3, 14), small_shape(3, 14)
            if fits([np.prod(sa) * np.prod(sb)]):
                break
        a, b = g.values(c, sa, "small"), g.values(c, sb, "small")
        emit_ok(out, "ct_outer", [a, b], [], result(np.outer(g.ref(a), g.ref(b)), c), 1, bound(a, b))


def gen_inner(out, n, nfail):
    for i in range(n + nfail):
        c = pick(DTYPES["ct_inner"])
        while True:
            k = int(pick([0, 1, 2, 3, 4, 5, 8, 9]))
            sa = small_shape(2, 12) + [k] if g.rng.random() < 0.9 else []
            sb = small_shape(2, 12) + [k] if sa == [] or g.rng.random() < 0.9 else []
            r = np.inner(np.zeros(sa), np.zeros(sb))
            if fits(sa, sb, r.shape):
                break
        if i >= n:
            if not sa or not sb:
                sa, sb = [2, k], [k + 1]
            sb[-1] = k + int(g.rng.integers(1, 3))
        a, b = g.values(c, sa, "small"), g.values(c, sb, "small")
        if i >= n:
            throw(out, "ct_inner", [a, b], [], "shape", "inner")
            continue
        emit_ok(out, "ct_inner", [a, b], [], result(np.inner(g.ref(a), g.ref(b)), c), k, bound(a, b))


# ----------------------------------------------------------------------------- trace

def gen_trace(out, n, nfail):
    for i in range(n + nfail):
        c = pick(DTYPES["ct_trace"])
        while True:
            s = small_shape(4, 96)
            if len(s) >= 2 or i >= n:
                break
        r = len(s)
        offset = int(g.rng.integers(-4, 5))
        a1, a2 = (int(x) for x in (g.rng.choice(r, size=2, replace=False) if r >= 2 else (0, 1)))
        a1 -= r if g.rng.random() < 0.3 else 0
        a2 -= r if g.rng.random() < 0.3 else 0
        x = g.values(c, s, "any")
        if c == "f4":
            sprinkle(x)
        if i >= n:
            kind = "rank" if r < 2 else pick(["same", "range"])
            if kind == "rank":
                throw(out, "ct_trace", [x], [offset, 0, 1], "shape", "trace")
            elif kind == "same":
                throw(out, "ct_trace", [x], [offset, a1, a1 + r if a1 < 0 else a1 - r], "value", "trace")
            else:
                throw(out, "ct_trace", [x], [offset, a1, r + int(g.rng.integers(0, 2))], "index", "trace")
            continue
        ref = np.trace(g.ref(x) if c[0] == "f" else x.astype(np.int64), offset, a1, a2)
        rc = c if c[0] == "f" else "i8"
        emit_ok(out, "ct_trace", [x], [offset, a1, a2], result(ref, rc), min(s[a1 % r], s[a2 % r]), bound(x))


# ----------------------------------------------------------------------------- tensordot

def gen_tensordot(out, n, nfail):
    for i in range(n + nfail):
        c = pick(DTYPES["ct_tensordot"])
        while True:
            kshape = small_shape(3, 12)
            fa, fb = small_shape(2, 8), small_shape(2, 8)
            ka = len(kshape)
            if g.rng.random() < 0.4:  # an integer N
                sa, sb = fa + kshape, kshape + fb
                params = [0, ka]
                axes = ka
            else:  # two lists: the contracted dimensions at random places, in random order
                ra, rb = len(fa) + ka, len(fb) + ka
                pa = [int(x) for x in g.rng.permutation(ra)[:ka]]
                pb = [int(x) for x in g.rng.permutation(rb)[:ka]]
                sa, sb = [0] * ra, [0] * rb
                for j in range(ka):
                    sa[pa[j]], sb[pb[j]] = kshape[j], kshape[j]
                free_a, free_b = iter(fa), iter(fb)
                sa = [next(free_a) if d not in pa else sa[d] for d in range(ra)]
                sb = [next(free_b) if d not in pb else sb[d] for d in range(rb)]
                pa = [x - ra if g.rng.random() < 0.3 else x for x in pa]
                pb = [x - rb if g.rng.random() < 0.3 else x for x in pb]
                params = [1, ka] + pa + pb
                axes = (pa, pb)
            if fits(sa, sb, fa + fb):
                break
        a, b = g.values(c, sa, "small"), g.values(c, sb, "small")
        if i >= n:
            kind = pick(["extent", "n", "list"]) if ka else pick(["n", "list"])
            if kind == "extent":
                d = params[2] if params[0] == 1 else len(sa) - ka
                sa[d] += int(g.rng.integers(1, 3))
                a = g.values(c, sa, "small")
                throw(out, "ct_tensordot", [a, b], params, "shape", "tensordot")
            elif kind == "n":
                throw(out, "ct_tensordot", [a, b], [0, max(len(sa), len(sb)) + 1], "value", "tensordot")
            else:
                throw(out, "ct_tensordot", [a, b], [1, 1, len(sa) + 1, 0], "index", "tensordot")
            continue
        r = np.tensordot(g.ref(a), g.ref(b), axes)
        L = int(np.prod(kshape, dtype=np.int64))
        emit_ok(out, "ct_tensordot", [a, b], params, result(r, c), L, bound(a, b))


# ----------------------------------------------------------------------------- einsum

def terms(subs, shapes):
    """L: the product of the extents of the letters summed over (not in the output)."""
    ins = subs.split("->")[0].split(",")
    ext = {}
    for t, sh in zip(ins, shapes):
        for ch, e in zip(t, sh):
            ext[ch] = e if ext.get(ch, 1) == 1 else ext[ch]
    allc = "".join(ins)
    o = subs.split("->")[1] if "->" in subs else "".join(sorted(ch for ch in set(allc) if allc.count(ch) == 1))
    L = 1
    for ch, e in ext.items():
        if ch not in o:
            L *= e
    return max(L, 1)


def codes(s):
    return [len(s)] + [ord(ch) for ch in s]


def einsum_two_spec():
    """Random two-operand subscripts: batch, M, N, K letters, sometimes a letter summed
    in one operand, a diagonal or an extent of 1 that broadcasts; shapes to match."""
    letters = list(g.rng.permutation(list(LETTERS[:12] if g.rng.random() < 0.8 else LETTERS)))
    roles = {}
    for role, most in (("batch", 2), ("m", 2), ("n", 2), ("k", 3), ("sa", 1), ("sb", 1)):
        cnt = int(g.rng.integers(0, most + 1))
        if role in ("sa", "sb") and g.rng.random() < 0.7:
            cnt = 0
        roles[role] = [letters.pop() for _ in range(cnt)]
    ext = {ch: int(pick([1, 2, 2, 3, 3, 4, 5])) for r in roles.values() for ch in r}
    if g.rng.random() < 0.1 and ext:
        ext[pick(list(ext))] = 0
    ta = roles["batch"] + roles["m"] + roles["k"] + roles["sa"]
    tb = roles["batch"] + roles["n"] + roles["k"] + roles["sb"]
    ta = [str(x) for x in g.rng.permutation(ta)] if ta else []
    tb = [str(x) for x in g.rng.permutation(tb)] if tb else []
    if ta and g.rng.random() < 0.15:  # a diagonal: a letter of a repeated
        ta.insert(int(g.rng.integers(0, len(ta) + 1)), pick(ta))
    o = roles["batch"] + roles["m"] + roles["n"]
    o = [str(x) for x in g.rng.permutation(o)] if o else []
    sa, sb = [ext[ch] for ch in ta], [ext[ch] for ch in tb]
    if sa and g.rng.random() < 0.15:  # an extent of 1 broadcasts (not on a diagonal letter)
        d = int(g.rng.integers(0, len(sa)))
        if ta.count(ta[d]) == 1:
            sa[d] = 1
    implicit = g.rng.random() < 0.2
    subs = "".join(ta) + "," + "".join(tb) + ("" if implicit else "->" + "".join(o))
    return subs, sa, sb


def gen_einsum(out, n, nfail):
    for i in range(n + nfail):
        while True:
            subs, sa, sb = einsum_two_spec()
            try:
                r = np.einsum(subs, np.zeros(sa), np.zeros(sb))
            except ValueError:
                continue
            if fits(sa, sb, r.shape):
                break
        mixed = g.rng.random() < 0.08
        c = pick(DTYPES["ct_einsum"])
        ca, cb = ("i4", "f8") if mixed else (c, c)
        a, b = g.values(ca, sa, "small"), g.values(cb, sb, "small")
        if i >= n:
            kind = pick(["extent", "syntax"])
            if kind == "extent" and sa and sb:
                ta = subs.split(",")[0]
                tb = subs.split(",")[1].split("->")[0]
                common = [ch for ch in ta if ch in tb and sa[ta.index(ch)] > 1]
                if common:
                    ch = common[0]
                    sb2 = [(sa[ta.index(ch)] + 1 if x == ch else e) for x, e in zip(tb, sb)]
                    b2 = g.values(cb, sb2, "small")
                    throw(out, "ct_einsum", [a, b2], codes(subs), "shape", "einsum", "'" + ch + "'")
                    continue
            bad = pick([subs + "->", subs.replace(",", ",,", 1), subs.replace(",", "1,", 1), subs + ".",
                        subs.split("->")[0] + "->zz", subs.split("->")[0] + "->Z"])
            try:
                np.einsum(bad, g.ref(a), g.ref(b))
                continue  # NumPy accepts it: no error case
            except Exception:  # noqa: BLE001  (NumPy raises ValueError or TypeError)
                pass
            throw(out, "ct_einsum", [a, b], codes(bad), "value", "einsum", "'" + bad + "'")
            continue
        r = np.einsum(subs, g.ref(a), g.ref(b)) if cb[0] == "f" else np.einsum(subs, a.astype(np.int64), b.astype(np.int64))
        emit_ok(out, "ct_einsum", [a, b], codes(subs), result(r, cb), terms(subs, [sa, sb]), bound(a, b))


def gen_einsum1(out, n, nfail):
    for i in range(n + nfail):
        c = pick(DTYPES["ct_einsum1"])
        while True:
            letters = [str(x) for x in g.rng.permutation(list(LETTERS[:8]))[: int(g.rng.integers(0, 5))]]
            ext = {ch: int(pick([1, 2, 3, 4, 5])) for ch in letters}
            t = list(letters)
            if t and g.rng.random() < 0.4:
                t.insert(int(g.rng.integers(0, len(t) + 1)), pick(t))
            keep = [ch for ch in letters if g.rng.random() < 0.6]
            keep = [str(x) for x in g.rng.permutation(keep)] if keep else []
            subs = "".join(t) + ("" if g.rng.random() < 0.2 else "->" + "".join(keep))
            s = [ext[ch] for ch in t]
            if fits(s):
                break
        x = g.values(c, s, "any")
        if i >= n:
            if len(t) >= 2 and g.rng.random() < 0.5:  # a diagonal of differing extents
                t2 = t[:1] + [t[0]] + t[2:]
                s2 = [ext.get(ch, 1) for ch in t]
                s2[1] = s2[0] + 1
                subs2 = "".join(t2)
                x2 = g.values(c, s2, "any")
                throw(out, "ct_einsum1", [x2], codes(subs2), "shape", "einsum", "'" + t[0] + "'")
                continue
            bad = pick([subs + ",", "".join(t) + "->" + "".join(keep) + "q", "".join(t) + "-", "".join(t) + "->" +
                        ("aa" if "a" in t else "0")])
            try:
                np.einsum(bad, g.ref(x))
                continue
            except Exception:  # noqa: BLE001
                pass
            throw(out, "ct_einsum1", [x], codes(bad), "value", "einsum", "'" + bad + "'")
            continue
        r = np.einsum(subs, g.ref(x)) if c[0] == "f" else np.einsum(subs, x.astype(np.int64))
        emit_ok(out, "ct_einsum1", [x], codes(subs), result(r, c), terms(subs, [s]), bound(x))


def generate(out):
    """Appends this area's cases to `out`."""
    gen_vecdot(out, 300, 40)
    gen_vdot(out, 80, 10)
    gen_outer(out, 80)
    gen_inner(out, 120, 15)
    gen_trace(out, 160, 25)
    gen_tensordot(out, 180, 25)
    gen_einsum(out, 320, 40)
    gen_einsum1(out, 120, 20)
