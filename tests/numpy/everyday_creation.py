"""NumPy-differential cases of issue 19's creation functions (arange, linspace, eye, zeros_like/ones_like/full_like/empty_like, tril, triu).

Written by gen_everyday_cases.py through generate(out); the format is gen_cases.py's.
"""

import gen_cases as g  # noqa: F401  (values, rand_shape, Operand, emit, rng)


def generate(out):
    """Appends this area's cases to `out`."""
