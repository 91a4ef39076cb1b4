"""NumPy-differential cases of issue 19's logic functions (astype, bitwise and logical operations, isnan/isinf/isfinite/isclose/array_equal, any/all/count_nonzero).

Written by gen_everyday_cases.py through generate(out); the format is gen_cases.py's.
"""

import gen_cases as g  # noqa: F401  (values, rand_shape, Operand, emit, rng)


def generate(out):
    """Appends this area's cases to `out`."""
