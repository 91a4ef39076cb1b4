#pragma once
/// @file calls.hpp
/// The calls into the compiled component `tmath::kernels` (kernels/table.hpp). With
/// TMATH_KERNELS defined (the CMake target `tmath::kernels` defines it for its users),
/// the entry points that run on this processor's own tuning (`gemm_strided`,
/// `dot_contiguous` and `reduce_strided` without a tuning argument) call the tier
/// chosen at run time for float and double instead of instantiating the kernels in the
/// caller's translation unit (the flat math runs: math_calls.hpp). Calls that name a
/// tuning record, every other element type and every other kernel stay header-only.
/// Without TMATH_KERNELS nothing here runs.

#include <cstddef>
#include <type_traits>

#include "tmath/config.hpp"
#include "tmath/kernels/table.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::detail {

/// True when the compiled component runs GEMM, contiguous dot, contiguous sum and
/// softmax of T (math_calls.hpp: and flat math runs).
template <class T>
inline constexpr bool component_runs =
#if defined(TMATH_KERNELS)
    std::is_same_v<T, float> || std::is_same_v<T, double>;
#else
    false;
#endif

/// The component's GEMM of T (float or double); the arguments of `gemm_strided`.
template <class T>
TMATH_FORCE_INLINE void component_gemm(std::size_t m, std::size_t n, std::size_t k, T alpha, const T* a,
                                       std::ptrdiff_t a_rs, std::ptrdiff_t a_cs, const T* b, std::ptrdiff_t b_rs,
                                       std::ptrdiff_t b_cs, T beta, T* c, std::ptrdiff_t c_rs, std::ptrdiff_t c_cs) {
    const tmath_kernels_abi::table& k_table = tmath_kernels_abi::active();
    if constexpr (std::is_same_v<T, float>)
        k_table.sgemm(m, n, k, alpha, a, a_rs, a_cs, b, b_rs, b_cs, beta, c, c_rs, c_cs);
    else k_table.dgemm(m, n, k, alpha, a, a_rs, a_cs, b, b_rs, b_cs, beta, c, c_rs, c_cs);
}

/// The component's dot of two contiguous arrays of n elements of T (float or double).
template <class T>
TMATH_FORCE_INLINE T component_dot(std::ptrdiff_t n, const T* a, const T* b) noexcept {
    if constexpr (std::is_same_v<T, float>) return tmath_kernels_abi::active().sdot(a, b, static_cast<std::size_t>(n));
    else return tmath_kernels_abi::active().ddot(a, b, static_cast<std::size_t>(n));
}

/// The component's softmax (log_softmax when `log`) of `outer` row-major blocks of n x
/// `inner` elements of T (float or double); the arguments of softmax_blocks.
template <class T>
TMATH_FORCE_INLINE void component_softmax(bool log, const T* p, T* y, std::size_t outer, std::size_t n,
                                          std::size_t inner, T* m, T* s) noexcept {
    if constexpr (std::is_same_v<T, float>) tmath_kernels_abi::active().ssoftmax(log, p, y, outer, n, inner, m, s);
    else tmath_kernels_abi::active().dsoftmax(log, p, y, outer, n, inner, m, s);
}

/// The component's sum of a contiguous array of n elements of T (float or double).
template <class T>
TMATH_FORCE_INLINE T component_sum(const T* p, std::size_t n) noexcept {
    if constexpr (std::is_same_v<T, float>) return tmath_kernels_abi::active().ssum(p, n);
    else return tmath_kernels_abi::active().dsum(p, n);
}

}  // namespace tmath::detail
