#pragma once
/// @file aliasing.hpp
/// Detects when an assignment reads memory it writes through a different index
/// mapping (then it must go through a temporary). Identical mappings are safe.

#include <cstddef>
#include <span>

#include "tmath/config.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::detail {

/// Byte range [lo, hi) spanned by a strided array.
struct byte_extent {
    const std::byte* lo = nullptr;
    const std::byte* hi = nullptr;
};

/// The bytes an array of `shape`/`strides` with `elem`-byte elements at `data` touches.
inline byte_extent extent_of(const void* data, std::span<const std::size_t> shape,
                             std::span<const std::ptrdiff_t> strides, std::size_t elem) noexcept {
    std::ptrdiff_t lo = 0;
    std::ptrdiff_t hi = 0;
    for (std::size_t d = 0; d < shape.size(); ++d) {
        if (shape[d] == 0) return {};
        const std::ptrdiff_t reach = strides[d] * static_cast<std::ptrdiff_t>(shape[d] - 1);
        (reach < 0 ? lo : hi) += reach;
    }
    const auto* base = static_cast<const std::byte*>(data);
    const auto e = static_cast<std::ptrdiff_t>(elem);
    return {base + lo * e, base + (hi + 1) * e};
}

/// The bytes a `rows` × `cols` matrix of `elem`-byte elements at `data` with element
/// strides `rs`, `cs` touches: extent_of for two dimensions, on scalars and without its
/// loop, for the small-matmul fast path, where extent_of's loop is a visible share of a
/// short product.
inline byte_extent extent_of_2d(const void* data, std::size_t rows, std::size_t cols, std::ptrdiff_t rs,
                                std::ptrdiff_t cs, std::size_t elem) noexcept {
    if (rows == 0 || cols == 0) return {};
    const std::ptrdiff_t r = rs * static_cast<std::ptrdiff_t>(rows - 1);
    const std::ptrdiff_t c = cs * static_cast<std::ptrdiff_t>(cols - 1);
    const std::ptrdiff_t lo = (r < 0 ? r : 0) + (c < 0 ? c : 0);
    const std::ptrdiff_t hi = (r < 0 ? 0 : r) + (c < 0 ? 0 : c);
    const auto* base = static_cast<const std::byte*>(data);
    const auto e = static_cast<std::ptrdiff_t>(elem);
    return {base + lo * e, base + (hi + 1) * e};
}

/// True when the byte ranges `a` and `b` share a byte (an empty range shares none).
inline bool overlaps(byte_extent a, byte_extent b) noexcept { return a.lo < b.hi && b.lo < a.hi; }

/// True when an operand of `src_shape`/`src_strides`, broadcast to `shape` (stride 0
/// where it repeats), steps through memory as the destination does (`dst_strides`)
/// along every dimension of `shape` longer than 1.
inline bool same_mapping(std::span<const std::size_t> src_shape, std::span<const std::ptrdiff_t> src_strides,
                         std::span<const std::ptrdiff_t> dst_strides, std::span<const std::size_t> shape) noexcept {
    const std::size_t pad = shape.size() - src_shape.size();
    for (std::size_t d = 0; d < shape.size(); ++d) {
        if (shape[d] == 1) continue;
        const std::ptrdiff_t s = d < pad || src_shape[d - pad] == 1 ? 0 : src_strides[d - pad];
        if (s != dst_strides[d]) return false;
    }
    return true;
}

/// True if reading an operand (at `src`, element size `src_elem`, its own shape and
/// strides, broadcast to the destination's `shape`) while writing the destination could
/// read an element after it was overwritten.
inline bool unsafe_alias(const void* dst, byte_extent dst_ext, std::span<const std::ptrdiff_t> dst_strides,
                         std::size_t dst_elem, const void* src, std::span<const std::size_t> src_shape,
                         std::span<const std::ptrdiff_t> src_strides, std::size_t src_elem,
                         std::span<const std::size_t> shape) noexcept {
    if (!overlaps(dst_ext, extent_of(src, src_shape, src_strides, src_elem))) return false;
    if (src != dst || src_elem != dst_elem) return true;
    return !same_mapping(src_shape, src_strides, dst_strides, shape);
}

}  // namespace tmath::detail
