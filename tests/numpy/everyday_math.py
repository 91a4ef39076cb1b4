"""NumPy-differential cases of issue 19's math functions (element-wise math: sin, cos, tan, rounding, sign, square, log1p, expm1, log2, log10, exp2, erf, clip, remainder, fmod, pow with a tensor exponent).

Written by gen_everyday_cases.py through generate(out); the format is gen_cases.py's.
"""

import gen_cases as g  # noqa: F401  (values, rand_shape, Operand, emit, rng)


def generate(out):
    """Appends this area's cases to `out`."""
