#pragma once
/// @file gemv.hpp
/// Matrix × vector: y = alpha·A·x + beta·y for any strides. Rows of A contiguous →
/// dot products, four rows at a time with SIMD accumulators; columns contiguous →
/// axpy updates of a contiguous accumulator, four columns at a time; otherwise a
/// scalar loop. beta == 0 never reads y. The scratch vectors are per-thread buffers
/// reused across calls.

#include <algorithm>
#include <cstddef>

#include "tmath/linalg/gemm/buffer.hpp"
#include "tmath/linalg/strided_matrix.hpp"
#include "tmath/simd/simd.hpp"

namespace tmath::detail {

/// y = beta·y over m elements with stride incy (zeros when beta == 0, y not read).
template <class T>
void scale_vector(std::size_t m, T beta, T* y, std::ptrdiff_t incy) noexcept {
    if (beta == T(1)) return;
    for (std::size_t i = 0; i < m; ++i) {
        T& e = y[static_cast<std::ptrdiff_t>(i) * incy];
        e = beta == T(0) ? T(0) : static_cast<T>(beta * e);
    }
}

/// y_i = alpha·t + beta·y_i, y not read when beta == 0.
template <class T>
inline void gemv_store(T& y, T alpha, T t, T beta) noexcept {
    y = beta == T(0) ? static_cast<T>(alpha * t) : static_cast<T>(alpha * t + beta * y);
}

/// Rows of A contiguous (col_stride 1), x contiguous: one dot product per row.
template <class T>
void gemv_rows(std::size_t m, std::size_t n, T alpha, strided_matrix<const T> a, const T* x, T beta, T* y,
               std::ptrdiff_t incy) noexcept {
    using b_t = simd::batch<T>;
    constexpr std::size_t w = simd::width<T>;
    const std::size_t body = n / w * w;
    std::size_t i = 0;
    for (; i + 4 <= m; i += 4) {
        const T* r0 = element_ptr(a, i, 0);
        const T* r1 = element_ptr(a, i + 1, 0);
        const T* r2 = element_ptr(a, i + 2, 0);
        const T* r3 = element_ptr(a, i + 3, 0);
        b_t s0 = simd::splat(T(0)), s1 = s0, s2 = s0, s3 = s0;
        for (std::size_t j = 0; j < body; j += w) {
            const b_t xv = simd::load(x + j);
            s0 = simd::fma(simd::load(r0 + j), xv, s0);
            s1 = simd::fma(simd::load(r1 + j), xv, s1);
            s2 = simd::fma(simd::load(r2 + j), xv, s2);
            s3 = simd::fma(simd::load(r3 + j), xv, s3);
        }
        T t0 = simd::reduce_add<T>(s0), t1 = simd::reduce_add<T>(s1);
        T t2 = simd::reduce_add<T>(s2), t3 = simd::reduce_add<T>(s3);
        for (std::size_t j = body; j < n; ++j) {
            t0 = static_cast<T>(t0 + r0[j] * x[j]);
            t1 = static_cast<T>(t1 + r1[j] * x[j]);
            t2 = static_cast<T>(t2 + r2[j] * x[j]);
            t3 = static_cast<T>(t3 + r3[j] * x[j]);
        }
        gemv_store(y[static_cast<std::ptrdiff_t>(i) * incy], alpha, t0, beta);
        gemv_store(y[static_cast<std::ptrdiff_t>(i + 1) * incy], alpha, t1, beta);
        gemv_store(y[static_cast<std::ptrdiff_t>(i + 2) * incy], alpha, t2, beta);
        gemv_store(y[static_cast<std::ptrdiff_t>(i + 3) * incy], alpha, t3, beta);
    }
    for (; i < m; ++i) {
        const T* r = element_ptr(a, i, 0);
        b_t s = simd::splat(T(0));
        for (std::size_t j = 0; j < body; j += w) s = simd::fma(simd::load(r + j), simd::load(x + j), s);
        T t = simd::reduce_add<T>(s);
        for (std::size_t j = body; j < n; ++j) t = static_cast<T>(t + r[j] * x[j]);
        gemv_store(y[static_cast<std::ptrdiff_t>(i) * incy], alpha, t, beta);
    }
}

/// Columns of A contiguous (row_stride 1): t += x_j·A(:, j) into the contiguous `t`.
template <class T>
void gemv_columns(std::size_t m, std::size_t n, strided_matrix<const T> a, const T* x, std::ptrdiff_t incx,
                  T* t) noexcept {
    using b_t = simd::batch<T>;
    constexpr std::size_t w = simd::width<T>;
    const std::size_t body = m / w * w;
    std::fill(t, t + m, T(0));
    std::size_t j = 0;
    for (; j + 4 <= n; j += 4) {
        const T* c0 = element_ptr(a, 0, j);
        const T* c1 = element_ptr(a, 0, j + 1);
        const T* c2 = element_ptr(a, 0, j + 2);
        const T* c3 = element_ptr(a, 0, j + 3);
        const T x0 = x[static_cast<std::ptrdiff_t>(j) * incx], x1 = x[static_cast<std::ptrdiff_t>(j + 1) * incx];
        const T x2 = x[static_cast<std::ptrdiff_t>(j + 2) * incx], x3 = x[static_cast<std::ptrdiff_t>(j + 3) * incx];
        const b_t v0 = simd::splat(x0), v1 = simd::splat(x1), v2 = simd::splat(x2), v3 = simd::splat(x3);
        for (std::size_t i = 0; i < body; i += w) {
            b_t s = simd::load(t + i);
            s = simd::fma(simd::load(c0 + i), v0, s);
            s = simd::fma(simd::load(c1 + i), v1, s);
            s = simd::fma(simd::load(c2 + i), v2, s);
            s = simd::fma(simd::load(c3 + i), v3, s);
            simd::store(t + i, s);
        }
        for (std::size_t i = body; i < m; ++i)
            t[i] = static_cast<T>(t[i] + c0[i] * x0 + c1[i] * x1 + c2[i] * x2 + c3[i] * x3);
    }
    for (; j < n; ++j) {
        const T* c0 = element_ptr(a, 0, j);
        const T x0 = x[static_cast<std::ptrdiff_t>(j) * incx];
        const b_t v0 = simd::splat(x0);
        for (std::size_t i = 0; i < body; i += w) simd::store(t + i, simd::fma(simd::load(c0 + i), v0, simd::load(t + i)));
        for (std::size_t i = body; i < m; ++i) t[i] = static_cast<T>(t[i] + c0[i] * x0);
    }
}

/// The body of `gemv`, on scalar arguments (see `gemv`).
template <class T>
void gemv_strided(std::size_t m, std::size_t n, T alpha, const T* a_data, std::ptrdiff_t a_rs, std::ptrdiff_t a_cs,
                  const T* x, std::ptrdiff_t incx, T beta, T* y, std::ptrdiff_t incy) {
    const strided_matrix<const T> a{a_data, a_rs, a_cs};
    if (m == 0) return;
    if (n == 0 || alpha == T(0)) {
        scale_vector(m, beta, y, incy);
        return;
    }
    if (a.col_stride == 1) {
        if (incx != 1) {
            T* xc = thread_buffer(gemm_buffer_role::scratch).get<T>(n);
            for (std::size_t j = 0; j < n; ++j) xc[j] = x[static_cast<std::ptrdiff_t>(j) * incx];
            x = xc;
        }
        gemv_rows(m, n, alpha, a, x, beta, y, incy);
    } else if (a.row_stride == 1) {
        T* t = thread_buffer(gemm_buffer_role::scratch).get<T>(m);
        gemv_columns(m, n, a, x, incx, t);
        for (std::size_t i = 0; i < m; ++i) gemv_store(y[static_cast<std::ptrdiff_t>(i) * incy], alpha, t[i], beta);
    } else {
        for (std::size_t i = 0; i < m; ++i) {
            T t = T(0);
            for (std::size_t j = 0; j < n; ++j)
                t = static_cast<T>(t + *element_ptr(a, i, j) * x[static_cast<std::ptrdiff_t>(j) * incx]);
            gemv_store(y[static_cast<std::ptrdiff_t>(i) * incy], alpha, t, beta);
        }
    }
}

/// y(m) = alpha·A(m×n)·x(n) + beta·y, x and y with element strides incx / incy.
/// beta == 0: y is not read. n == 0: y = beta·y. (Inlined into the caller, as `gemm`.)
template <class T>
TMATH_GEMM_INLINE void gemv(std::size_t m, std::size_t n, T alpha, strided_matrix<const T> a, const T* x,
                            std::ptrdiff_t incx, T beta, T* y, std::ptrdiff_t incy) {
    gemv_strided<T>(m, n, alpha, a.data, a.row_stride, a.col_stride, x, incx, beta, y, incy);
}

}  // namespace tmath::detail
