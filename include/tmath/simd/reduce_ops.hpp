#pragma once
/// @file reduce_ops.hpp
/// Batch operations the reductions and softmax need beyond simd.hpp: lane-wise
/// max/min, NaN bookkeeping, and exp. Spelled `lane_*` / `*_batch` so they never clash
/// with the element-wise math wrappers (simd/math.hpp).

#include <cmath>
#include <limits>
#include <type_traits>

#include "tmath/config.hpp"
#include "tmath/simd/simd.hpp"

// AVX-512 max/min/select inline `_mm512_undefined_*()`, which trips GCC 12's
// -Wmaybe-uninitialized (false positive, GCC PR 105593; see simd::reduce_add).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

namespace tmath::inline TMATH_ABI_NAMESPACE::simd {

/// Lane-wise maximum (NaN handling unspecified: track NaNs with `nan_part`).
template <class T>
inline batch<T> lane_max(const batch<T>& a, const batch<T>& b) noexcept {
    if constexpr (has_native_batch<T>) {
#if TMATH_SIMD_ENABLED
        return xsimd::max(a, b);
#endif
    } else {
        return {a.value < b.value ? b.value : a.value};
    }
}

/// Lane-wise minimum (NaN handling unspecified: track NaNs with `nan_part`).
template <class T>
inline batch<T> lane_min(const batch<T>& a, const batch<T>& b) noexcept {
    if constexpr (has_native_batch<T>) {
#if TMATH_SIMD_ENABLED
        return xsimd::min(a, b);
#endif
    } else {
        return {b.value < a.value ? b.value : a.value};
    }
}

/// The NaN lanes of `x`, zero elsewhere (`xsimd::isnan`, not `x != x`: xsimd 8.1 compares
/// AVX-512 `!=` ordered, false for NaN): summing these gives a batch that is NaN exactly
/// in the lanes that saw a NaN, and `result + sum` propagates them (0 elsewhere, so
/// infinities survive).
template <class T>
inline batch<T> nan_part(const batch<T>& x) noexcept {
    if constexpr (has_native_batch<T>) {
#if TMATH_SIMD_ENABLED
        return xsimd::select(xsimd::isnan(x), x, batch<T>::broadcast(T(0)));
#endif
    } else {
        return {x.value != x.value ? x.value : T(0)};
    }
}

}  // namespace tmath::simd

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
