#pragma once
/// @file print_options.hpp
/// How tensors print: NumPy's print options (precision, summarization threshold and edge
/// items, line width, suppress) and the `tmath::precision(n)` stream manipulator. The
/// stream's own precision and flags are never changed by printing a tensor.

#include <cstddef>
#include <ios>
#include <ostream>

#include "tmath/config.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE {

/// Options for printing a tensor (NumPy's `printoptions` subset).
struct print_options {
    /// Most digits after the point of floating-point elements (NumPy's `precision`);
    /// negative: NumPy's default, 8. On a stream set to `std::fixed` or `std::scientific`
    /// it replaces the stream's precision; negative: the stream's.
    int precision = -1;
    /// Tensors with more elements than this are summarized with `...` (NumPy: 1000).
    std::size_t threshold = 1000;
    /// Items shown at each end of a summarized dimension (NumPy: 3).
    std::size_t edgeitems = 3;
    /// Characters per line before a row wraps (NumPy: 75).
    std::size_t linewidth = 75;
    /// Positional notation unless a value reaches 1e8, however small the others (NumPy's
    /// `suppress`).
    bool suppress = false;
};

namespace detail {
/// The stream slot (`iword`) holding the precision set by `tmath::precision`, plus one.
inline int precision_slot() {
    static const int slot = std::ios_base::xalloc();
    return slot;
}
}  // namespace detail

/// Stream manipulator: `os << tmath::precision(3) << t` prints floating-point tensor
/// elements with at most 3 digits after the point on `os` from then on (until set again;
/// a negative value goes back to the default). The stream's precision is untouched.
struct precision {
    /// Digits after the point; negative for the default.
    int digits;
    /// A manipulator for `digits` significant digits.
    explicit precision(int d) noexcept : digits(d) {}
};

/// Stores the tensor precision in the stream's tmath slot.
inline std::ostream& operator<<(std::ostream& os, precision p) {
    os.iword(detail::precision_slot()) = p.digits < 0 ? 0 : static_cast<long>(p.digits) + 1;
    return os;
}

/// The options a tensor printed on `os` uses: the defaults, with the precision set by
/// `tmath::precision` on that stream, if any.
inline print_options stream_print_options(std::ios_base& os) {
    print_options o;
    const long p = os.iword(detail::precision_slot());
    if (p > 0) o.precision = static_cast<int>(p - 1);
    return o;
}

}  // namespace tmath
