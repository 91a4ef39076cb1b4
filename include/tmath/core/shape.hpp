#pragma once
/// @file shape.hpp
/// Shape and stride types, row-major strides, checked element counts and axes.

#include <cstddef>
#include <limits>
#include <span>
#include <stdexcept>
#include <string>

#include "tmath/config.hpp"
#include "tmath/core/errors.hpp"
#include "tmath/core/small_vector.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE {

/// Extents of a tensor, outermost first; inline up to TMATH_INLINE_RANK dimensions.
using shape_t = small_vector<std::size_t, TMATH_INLINE_RANK>;
/// Strides of a tensor in elements (may be 0 or negative in views).
using strides_t = small_vector<std::ptrdiff_t, TMATH_INLINE_RANK>;

/// Number of elements of `shape`; throws shape_error naming `op` and the shape if the
/// product of its nonzero extents overflows, or if `element_bytes` times it exceeds
/// PTRDIFF_MAX bytes (so that no allocation is ever asked for a wrapped size, and the
/// row-major strides of the shape fit `std::ptrdiff_t`). As in NumPy, a zero extent does
/// not excuse the others: (2^40, 2^40, 0) is refused, (2^20, 2^20, 0) is empty.
inline std::size_t checked_size(std::span<const std::size_t> shape, const char* op, std::size_t element_bytes = 1) {
    std::size_t n = 1;
    bool has_zero = false;
    bool overflow = false;
    for (std::size_t d : shape) {
        if (d == 0) has_zero = true;
        else if (n > std::numeric_limits<std::size_t>::max() / d) overflow = true;
        else n *= d;
    }
    if (overflow || n > static_cast<std::size_t>(std::numeric_limits<std::ptrdiff_t>::max()))
        throw shape_error(std::string(op) + ": the element count of shape " + format_shape(shape) +
                          " overflows");
    const auto max_bytes = static_cast<std::size_t>(std::numeric_limits<std::ptrdiff_t>::max());
    if (element_bytes > 1 && n > max_bytes / element_bytes)
        throw shape_error(std::string(op) + ": shape " + format_shape(shape) + " of " + std::to_string(n) +
                          " elements of " + std::to_string(element_bytes) + " bytes overflows the address space");
    return has_zero ? 0 : n;
}

/// Number of elements of `shape` (no overflow check: for shapes already validated).
inline std::size_t shape_size(std::span<const std::size_t> shape) noexcept {
    std::size_t n = 1;
    for (std::size_t d : shape) n *= d;
    return n;
}

/// Row-major (C order) strides, in elements, of a contiguous tensor of `shape` (extents
/// of 0 count as 1). Exact for every shape checked_size accepts; computed in unsigned
/// arithmetic, so a shape that it refuses gives meaningless strides, never undefined
/// behaviour, before the check throws.
inline strides_t row_major_strides(std::span<const std::size_t> shape) {
    strides_t s(shape.size());
    std::size_t acc = 1;
    for (std::size_t i = shape.size(); i-- > 0;) {
        s[i] = static_cast<std::ptrdiff_t>(acc);
        acc *= shape[i] == 0 ? 1 : shape[i];
    }
    return s;
}

/// True if `strides` are the row-major strides of `shape` (dimensions of extent 1 are free).
inline bool is_row_major(std::span<const std::size_t> shape, std::span<const std::ptrdiff_t> strides) noexcept {
    std::ptrdiff_t expect = 1;
    for (std::size_t i = shape.size(); i-- > 0;) {
        if (shape[i] == 0) return true;
        if (shape[i] != 1 && strides[i] != expect) return false;
        expect *= static_cast<std::ptrdiff_t>(shape[i]);
    }
    return true;
}

/// Maps a possibly negative `axis` into [0, rank); throws index_error naming `op`.
inline std::size_t normalize_axis(std::ptrdiff_t axis, std::size_t rank, const char* op) {
    const auto r = static_cast<std::ptrdiff_t>(rank);
    if (axis < -r || axis >= r)
        throw index_error(std::string(op) + ": axis " + std::to_string(axis) +
                                " is out of bounds for rank " + std::to_string(rank));
    return static_cast<std::size_t>(axis < 0 ? axis + r : axis);
}

}  // namespace tmath
