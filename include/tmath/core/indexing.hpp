#pragma once
/// @file indexing.hpp
/// Element offsets from multi-indices, unchecked and bounds-checked.

#include <concepts>
#include <cstddef>
#include <span>
#include <stdexcept>
#include <string>

#include "tmath/config.hpp"
#include "tmath/core/errors.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::detail {

/// Offset, in elements, of the element at indices `i...` (no checks).
template <std::integral... I>
inline std::ptrdiff_t element_offset([[maybe_unused]] std::span<const std::ptrdiff_t> strides, I... i) noexcept {
    std::ptrdiff_t off = 0;
    std::size_t d = 0;
    ((off += static_cast<std::ptrdiff_t>(i) * strides[d++]), ...);
    return off;
}

/// Offset of the element at indices `i...`; throws index_error naming `op`
/// when the count differs from the rank or an index is outside its dimension.
template <std::integral... I>
std::ptrdiff_t checked_offset(const char* op, std::span<const std::size_t> shape,
                              std::span<const std::ptrdiff_t> strides, I... i) {
    const long long idx[] = {static_cast<long long>(i)..., 0};
    bool ok = sizeof...(I) == shape.size();
    for (std::size_t d = 0; ok && d < sizeof...(I); ++d)
        ok = idx[d] >= 0 && static_cast<unsigned long long>(idx[d]) < shape[d];
    if (!ok) {
        std::string s = std::string(op) + ": index (";
        for (std::size_t d = 0; d < sizeof...(I); ++d) {
            if (d != 0) s += ',';
            s += std::to_string(idx[d]);
        }
        throw index_error(s + ") is out of bounds for shape " + format_shape(shape));
    }
    return element_offset(strides, i...);
}

}  // namespace tmath::detail
