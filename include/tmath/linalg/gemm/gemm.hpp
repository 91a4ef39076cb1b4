#pragma once
/// @file gemm.hpp
/// General matrix product C = alpha·A·B + beta·C on strided operands: the entry point
/// that routes by shape. Vector cases (m == 1 or n == 1) go to GEMV; C is turned so
/// that its unit stride runs along the micro-kernel's SIMD rows (a row-major C is
/// computed as Cᵀ = Bᵀ·Aᵀ: only strides change); small products take the unpacked
/// path and the rest the packed BLIS loops.

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <utility>

#include "tmath/arch/processor.hpp"
#include "tmath/arch/tuning.hpp"
#include "tmath/config.hpp"
#include "tmath/kernels/calls.hpp"
#include "tmath/linalg/gemm/blocking.hpp"
#include "tmath/linalg/gemm/small.hpp"
#include "tmath/linalg/gemm/traits.hpp"
#include "tmath/linalg/gemv.hpp"
#include "tmath/linalg/strided_matrix.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::detail {

/// C = beta·C over m × n (zeros when beta == 0, C not read).
template <class T>
void scale_matrix(std::size_t m, std::size_t n, T beta, strided_matrix<T> c) noexcept {
    for (std::size_t i = 0; i < m; ++i) scale_vector(n, beta, element_ptr(c, i, 0), c.col_stride);
}

/// Deepest product the unpacked small path takes (with AVX-512 KC is deeper than this;
/// past it packing pays: bench/README.md, "Small products").
inline constexpr std::size_t gemm_small_max_k = 384;

/// True when the unpacked small path is faster than packing for this shape.
/// (Within one K block, so that the small and packed paths do the same operations on
/// every element: the 1- and 2-thread results stay bitwise equal.)
template <class T>
bool gemm_is_small(std::size_t m, std::size_t n, std::size_t k, const arch::tuning& t) noexcept {
    return m * n * k <= TMATH_GEMM_SMALL_THRESHOLD && k <= gemm_small_max_k && k <= gemm_traits<T>::blocks(t).kc;
}

/// The body of `gemm`, on scalar arguments (see `gemm`); `t`: the tuning whose blocks
/// and kernels run.
template <class T>
void gemm_strided(std::size_t m, std::size_t n, std::size_t k, T alpha, const T* a_data, std::ptrdiff_t a_rs,
                  std::ptrdiff_t a_cs, const T* b_data, std::ptrdiff_t b_rs, std::ptrdiff_t b_cs, T beta, T* c_data,
                  std::ptrdiff_t c_rs, std::ptrdiff_t c_cs, const arch::tuning& t) {
    if (m == 0 || n == 0) return;
    if (k == 0 || alpha == T(0)) {
        scale_matrix(m, n, beta, strided_matrix<T>{c_data, c_rs, c_cs});
        return;
    }
    if (n == 1) {
        gemv(m, k, alpha, strided_matrix<const T>{a_data, a_rs, a_cs}, b_data, b_rs, beta, c_data, c_rs, t);
        return;
    }
    if (m == 1) {
        gemv(n, k, alpha, strided_matrix<const T>{b_data, b_cs, b_rs}, a_data, a_cs, beta, c_data, c_cs, t);
        return;
    }
    // The micro-kernel's SIMD rows run down C's columns: transpose the problem when C's
    // unit (or smaller) stride is along its rows. (On scalars: swapping whole operand
    // structs goes through the stack and stalls on store forwarding.)
    if (c_rs != 1 && (c_cs == 1 || std::abs(c_cs) < std::abs(c_rs))) {
        std::swap(m, n);
        std::swap(a_data, b_data);
        const std::ptrdiff_t ars = a_rs, acs = a_cs;
        a_rs = b_cs;
        a_cs = b_rs;
        b_rs = acs;
        b_cs = ars;
        std::swap(c_rs, c_cs);
    }
    const strided_matrix<const T> a{a_data, a_rs, a_cs};
    const strided_matrix<const T> b{b_data, b_rs, b_cs};
    const strided_matrix<T> c{c_data, c_rs, c_cs};
    if (gemm_is_small<T>(m, n, k, t) && gemm_threads(m, n, k, gemm_traits<T>::mr) == 1)
        gemm_small(m, n, k, alpha, a, b, beta, c, t);
    else gemm_packed(m, n, k, alpha, a, b, beta, c, gemm_traits<T>::blocks(t));
}

/// `gemm_strided` on this processor's tuning: with the compiled component
/// (TMATH_KERNELS), float and double run the tier chosen at run time (kernels/calls.hpp).
/// Inlined: the call is the one the caller would make with the tuning argument.
template <class T>
TMATH_FORCE_INLINE void gemm_strided(std::size_t m, std::size_t n, std::size_t k, T alpha, const T* a_data,
                                     std::ptrdiff_t a_rs, std::ptrdiff_t a_cs, const T* b_data, std::ptrdiff_t b_rs,
                                     std::ptrdiff_t b_cs, T beta, T* c_data, std::ptrdiff_t c_rs, std::ptrdiff_t c_cs) {
    if constexpr (component_runs<T>)
        component_gemm<T>(m, n, k, alpha, a_data, a_rs, a_cs, b_data, b_rs, b_cs, beta, c_data, c_rs, c_cs);
    else
        gemm_strided<T>(m, n, k, alpha, a_data, a_rs, a_cs, b_data, b_rs, b_cs, beta, c_data, c_rs, c_cs,
                        arch::this_processor());
}

/// C = alpha·A(m×k)·B(k×n) + beta·C(m×n). beta == 0: C is not read (NaN/garbage in C
/// does not leak). k == 0 or alpha == 0: C = beta·C (zeros when beta == 0).
/// (Inlined into the caller, so that the operand structs, which the x86-64 ABI would
/// pass through the stack, reach the body as scalars: each struct copy would cost a
/// store-forwarding stall, which small products notice.)
template <class T>
TMATH_FORCE_INLINE void gemm(std::size_t m, std::size_t n, std::size_t k, T alpha, strided_matrix<const T> a,
                             strided_matrix<const T> b, T beta, strided_matrix<T> c, const arch::tuning& t) {
    gemm_strided<T>(m, n, k, alpha, a.data, a.row_stride, a.col_stride, b.data, b.row_stride, b.col_stride, beta, c.data,
                    c.row_stride, c.col_stride, t);
}

/// `gemm` on this processor's tuning (with TMATH_KERNELS, float and double in the
/// compiled component).
template <class T>
TMATH_FORCE_INLINE void gemm(std::size_t m, std::size_t n, std::size_t k, T alpha, strided_matrix<const T> a,
                             strided_matrix<const T> b, T beta, strided_matrix<T> c) {
    gemm_strided<T>(m, n, k, alpha, a.data, a.row_stride, a.col_stride, b.data, b.row_stride, b.col_stride, beta, c.data,
                    c.row_stride, c.col_stride);
}

}  // namespace tmath::detail
