#pragma once
/// @file search.hpp
/// Mask queries the searching reductions (argmax, argmin) need beyond simd/math.hpp:
/// whether any lane of a mask is set, the union of two masks, the NaN lanes and the
/// first set lane.

#include <cstddef>

#include "tmath/config.hpp"
#include "tmath/simd/masks.hpp"
#include "tmath/simd/math.hpp"
#include "tmath/simd/simd.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::simd {

/// True when some lane of the mask `m` of `batch<T>` is set.
template <class T>
inline bool any_lane(const mask<T>& m) noexcept {
#if TMATH_SIMD_ENABLED
    if constexpr (has_native_batch<T>) return xsimd::any(m);
    else return m;
#else
    return m;
#endif
}

/// The lanes set in `a` or in `b`.
template <class T>
inline mask<T> mask_or(const mask<T>& a, const mask<T>& b) noexcept {
    return a || b;  // batch_bool's operator|| in xsimd 8.1 and 14.x; plain bools otherwise
}

/// The NaN lanes of `x` (`xsimd::isnan`, not `x != x`: xsimd 8.1 compares AVX-512 `!=`
/// ordered, false for NaN).
template <class T>
inline mask<T> nan_lanes(const batch<T>& x) noexcept {
#if TMATH_SIMD_ENABLED
    if constexpr (has_native_batch<T>) return xsimd::isnan(x);
    else return x.value != x.value;
#else
    return x.value != x.value;
#endif
}

/// The index of the first set lane of `m` (`width<T>` when none is).
template <class T>
inline std::size_t first_lane(const mask<T>& m) noexcept {
    alignas(64) bool lanes[width<T>];
    store_mask<T>(lanes, m);
    std::size_t k = 0;
    while (k < width<T> && !lanes[k]) ++k;
    return k;
}

}  // namespace tmath::simd
