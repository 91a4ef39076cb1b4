#!/usr/bin/env python3
"""Writes the indexing and shape cases of tmath's NumPy-differential test (issue 18):
slicing, assignment through views, reshape / ravel, squeeze / expand_dims / moveaxis /
broadcast_to, concatenate / stack / split, take / take_along_axis.

Usage: gen_index_cases.py OUTPUT_FILE

Deterministic (fixed seed, python3 + numpy only); NumPy computes every expected result.
The file has gen_cases.py's format (operands, integer params, results; see its
docstring), with two additions:

    result   := 'throw' KIND needle*       (KIND: index = tmath::index_error, value =
                                            std::invalid_argument that is not a
                                            shape_error, shape = tmath::shape_error; each
                                            needle, '~' standing for a space, must appear
                                            in the message)
              | 'ok' ... value* ['alias' int{prod(extents)}]

'alias' follows a result that NumPy gives as a view of operand 0: for each element in
row-major order, the row-major index into operand 0's base array of the element it is.
The replay checks that tmath's result is a view of those very elements (so a view where
NumPy views, the right elements, and no copy).

A slice spec list in the params: N spec{N}, each spec one of
    0 I                    the integer index I
    1 G START STOP STEP    range; bit 0/1/2 of G set when start/stop/step is given
                           (a clear bit is `_`, NumPy's omitted bound)
    2                      all          3   newaxis          4   ellipsis

Params by OP:
    view          MODE specs [specs2]   MODE 0: one argument pack (at most 4 specs),
                                        1: a run-time std::vector<slice_spec>,
                                        2: a pack, then specs2 on that view (a view of a view)
    assign        OPK SRC dst_specs [src_specs]
                                        x[dst] OP= rhs, OPK 0..4 is = += -= *= /=; SRC 0:
                                        scalar (operand 1, rank 0), 1: operand 1 (broadcast),
                                        2: x[src] of the same array (overlapping; NumPy's
                                        result is computed as if the right side were read
                                        first). The result is operand 0 afterwards.
    reshape       SRC VIEW N dims{N}    SRC 0: the operand itself, 1: a temporary tensor
                                        copy; VIEW 1 when NumPy's result shares memory
                                        (then tmath must give a view), 0 when NumPy
                                        copies (then tmath must throw shape_error
                                        "evaluate it first" for SRC 0, and
                                        reshape(eval(x)) must give the values)
    ravel         SRC VIEW              as reshape (VIEW from x.reshape(-1): np.ravel
                                        copies some arrays that reshape(-1) views)
    squeeze       MODE [axis | N axes]  MODE 0: all extents of 1, 1: one axis, 2: a list
    expand_dims   MODE [axis | N axes]  MODE 1: one axis, 2: a list
    moveaxis      MODE N from{N} M to{M}   MODE 1: ints (N = M = 1), 2: lists
    broadcast_to  N dims{N}
    concatenate   AXIS FORM             operands joined; FORM 0: a braced list (at most
    stack         AXIS FORM             3, the second passed as a tensor), 1: std::vector
    split         MODE AXIS NPARTS PART (SECTIONS | N indices{N})   part PART of NPARTS
    take          MODE AXIS [N indices{N}]   MODE 0: take(x, idx) flattened, 1:
                                        take(x, idx, axis), 2: take(x, {i, ...}, axis)
    take_along_axis AXIS                operand 1 holds the indices

Dtypes: x is f4 f8 i4 i8 u1 or b1 (tensor<bool>: views, `=`, joins, gathers); indices
are i8 or i4. `=` runs on every dtype, each compound assignment on the dtypes of
slice_cases.COMPOUND (every numeric dtype has one; /= on floats, with positive values).

Where NumPy and tmath differ by design, no case is written: NumPy's take(x, i, axis=0)
of a 0-d x treats x as 1-d (tmath throws index_error); np.ravel copies some arrays that
reshape(-1) views (tmath's ravel is reshape(-1)). (`a[...] = v` with leading extents of 1
of v beyond the destination's rank is accepted by both: those cases are among the
assignments.)
"""

import sys

sys.dont_write_bytecode = True  # the helper modules beside this script: no __pycache__ in the source tree

import shape_cases  # noqa: E402
import slice_cases  # noqa: E402


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: gen_index_cases.py OUTPUT_FILE")
    out = []
    slice_cases.gen_view(out, 1700, 250)
    slice_cases.gen_assign(out, 1200, 100)
    shape_cases.gen_reshape(out, 550, 150)
    shape_cases.gen_dimension_views(out, 900, 200)
    shape_cases.gen_join(out, 500, 120)
    shape_cases.gen_split(out, 300, 60)
    shape_cases.gen_take(out, 420, 80)
    shape_cases.gen_take_along(out, 320, 60)
    with open(sys.argv[1], "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
