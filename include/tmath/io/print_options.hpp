#pragma once
/// @file print_options.hpp
/// How tensors print: precision, NumPy's summarization threshold and edge items, and
/// the `tmath::precision(n)` stream manipulator. The stream's own precision and flags
/// are never changed by printing a tensor.

#include <cstddef>
#include <ios>
#include <ostream>

namespace tmath {

/// Options for printing a tensor (NumPy's `printoptions` subset).
struct print_options {
    /// Significant digits of floating-point elements; negative: the stream's precision.
    int precision = -1;
    /// Tensors with more elements than this are summarized with `...` (NumPy: 1000).
    std::size_t threshold = 1000;
    /// Items shown at each end of a summarized dimension (NumPy: 3).
    std::size_t edgeitems = 3;
};

namespace detail {
/// The stream slot (`iword`) holding the precision set by `tmath::precision`, plus one.
inline int precision_slot() {
    static const int slot = std::ios_base::xalloc();
    return slot;
}
}  // namespace detail

/// Stream manipulator: `os << tmath::precision(3) << t` prints floating-point tensor
/// elements with 3 significant digits on `os` from then on (until set again; a negative
/// value goes back to the stream's own precision). The stream's precision is untouched.
struct precision {
    /// Significant digits; negative for the stream's own precision.
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
