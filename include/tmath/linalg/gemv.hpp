#pragma once
/// @file gemv.hpp
/// Matrix × vector: y = alpha·A·x + beta·y for any strides. Rows of A contiguous:
/// dot products, eight rows at a time with SIMD accumulators; columns contiguous:
/// axpy updates of a contiguous accumulator (y itself when beta == 0 and y is
/// contiguous), eight columns per pass; otherwise a scalar loop. A matrix that streams
/// from memory is prefetched ahead. beta == 0 never reads y. The scratch vectors are
/// per-thread buffers reused across calls.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <utility>

#include "tmath/config.hpp"
#include "tmath/arch/prefetch.hpp"
#include "tmath/arch/processor.hpp"
#include "tmath/arch/tuning.hpp"
#include "tmath/eval/aliasing.hpp"
#include "tmath/linalg/gemm/buffer.hpp"
#include "tmath/linalg/strided_matrix.hpp"
#include "tmath/simd/simd.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::detail {

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

/// How many elements of T one prefetch hint covers: a cache line, in whole batches.
template <class T>
inline constexpr std::size_t gemv_hint_elements =
    simd::width<T> * sizeof(T) >= TMATH_CACHE_LINE ? simd::width<T> : TMATH_CACHE_LINE / sizeof(T) / simd::width<T> * simd::width<T>;

/// y_q = alpha·(row_q · x) + beta·y_q for the R rows at `r` (x contiguous, length n;
/// `body` = n rounded down to the SIMD width): one accumulator per row. `Prefetch`:
/// one hint per row and cache line, `ahead` bytes ahead.
template <bool Prefetch, std::size_t R, class T>
inline void gemv_rows_block(std::size_t n, std::size_t body, const T* const (&r)[R], const T* x, T alpha, T beta, T* y,
                            std::ptrdiff_t incy, std::uintptr_t ahead) noexcept {
    using b_t = simd::batch<T>;
    constexpr std::size_t w = simd::width<T>;
    constexpr std::size_t line = gemv_hint_elements<T>;
    b_t s[R];
    for (std::size_t q = 0; q < R; ++q) s[q] = simd::splat(T(0));
    const auto step = [&](std::size_t j) {
        const b_t xv = simd::load(x + j);
        for (std::size_t q = 0; q < R; ++q) s[q] = simd::fma(simd::load(r[q] + j), xv, s[q]);
    };
    std::size_t p = 0;
    if constexpr (Prefetch) {
        for (; p + line <= body; p += line) {
            for (std::size_t q = 0; q < R; ++q) arch::prefetch(reinterpret_cast<std::uintptr_t>(r[q] + p) + ahead);
            for (std::size_t k = p; k < p + line; k += w) step(k);
        }
    }
    for (; p < body; p += w) step(p);
    const auto finish = [&](std::size_t q) {
        T t = simd::reduce_add<T>(s[q]);
        for (std::size_t j = body; j < n; ++j) t = static_cast<T>(t + r[q][j] * x[j]);
        gemv_store(y[static_cast<std::ptrdiff_t>(q) * incy], alpha, t, beta);
    };
    // Unrolled, so that s stays in registers.
    [&]<std::size_t... Q>(std::index_sequence<Q...>) { (finish(Q), ...); }(std::make_index_sequence<R>{});
}

/// Rows of A contiguous (col_stride 1), x contiguous: one dot product per row, eight
/// rows per pass over x (then four, then one at a time); `Prefetch`: A streams from
/// memory, hinted `ahead` bytes ahead.
template <bool Prefetch, class T>
void gemv_rows_impl(std::size_t m, std::size_t n, T alpha, strided_matrix<const T> a, const T* x, T beta, T* y,
                    std::ptrdiff_t incy, std::uintptr_t ahead) noexcept {
    constexpr std::size_t w = simd::width<T>;
    const std::size_t body = n / w * w;
    const auto row = [&](std::size_t i) { return element_ptr(a, i, 0); };
    const auto out = [&](std::size_t i) { return y + static_cast<std::ptrdiff_t>(i) * incy; };
    std::size_t i = 0;
    for (; i + 8 <= m; i += 8) {
        const T* const r[8] = {row(i), row(i + 1), row(i + 2), row(i + 3), row(i + 4), row(i + 5), row(i + 6), row(i + 7)};
        gemv_rows_block<Prefetch>(n, body, r, x, alpha, beta, out(i), incy, ahead);
    }
    if (i + 4 <= m) {
        const T* const r[4] = {row(i), row(i + 1), row(i + 2), row(i + 3)};
        gemv_rows_block<Prefetch>(n, body, r, x, alpha, beta, out(i), incy, ahead);
        i += 4;
    }
    for (; i < m; ++i) {
        const T* const r[1] = {row(i)};
        gemv_rows_block<false>(n, body, r, x, alpha, beta, out(i), incy, ahead);
    }
}

/// t(0:body) += Σ_r x_r·c_r(0:body) over the R = 4 or 8 columns c_r, x_r already splat
/// in `v`; `body` is a multiple of the SIMD width. With eight, columns 0..3 accumulate
/// onto t and columns 4..7 in a second chain, so that no dependent FMA chain is longer
/// than four. `Prefetch`: one hint per column and cache line, `ahead` bytes ahead.
template <bool Prefetch, std::size_t R, class T>
inline void gemv_axpy_block(std::size_t body, const T* const (&c)[R], const simd::batch<T> (&v)[R], T* t,
                            std::uintptr_t ahead) noexcept {
    using b_t = simd::batch<T>;
    constexpr std::size_t w = simd::width<T>;
    constexpr std::size_t line = gemv_hint_elements<T>;
    static_assert(R == 8 || R == 4, "gemv_axpy_block: 4 or 8 columns");
    const auto step = [&](std::size_t k) {
        b_t s = simd::load(t + k);
        if constexpr (R == 8) {
            b_t q = simd::load(c[4] + k) * v[4];
            s = simd::fma(simd::load(c[0] + k), v[0], s);
            q = simd::fma(simd::load(c[5] + k), v[5], q);
            s = simd::fma(simd::load(c[1] + k), v[1], s);
            q = simd::fma(simd::load(c[6] + k), v[6], q);
            s = simd::fma(simd::load(c[2] + k), v[2], s);
            q = simd::fma(simd::load(c[7] + k), v[7], q);
            s = simd::fma(simd::load(c[3] + k), v[3], s);
            simd::store(t + k, s + q);
        } else {
            s = simd::fma(simd::load(c[0] + k), v[0], s);
            s = simd::fma(simd::load(c[1] + k), v[1], s);
            s = simd::fma(simd::load(c[2] + k), v[2], s);
            s = simd::fma(simd::load(c[3] + k), v[3], s);
            simd::store(t + k, s);
        }
    };
    std::size_t i = 0;
    if constexpr (Prefetch) {
        for (; i + line <= body; i += line) {
            for (std::size_t r = 0; r < R; ++r) arch::prefetch(reinterpret_cast<std::uintptr_t>(c[r] + i) + ahead);
            for (std::size_t k = i; k < i + line; k += w) step(k);
        }
    }
    for (; i < body; i += w) step(i);
}

/// Rows of A contiguous (col_stride 1), x contiguous: one dot product per row
/// (prefetching from `t.gemv_prefetch_bytes` of A: it streams from memory).
template <class T>
void gemv_rows(std::size_t m, std::size_t n, T alpha, strided_matrix<const T> a, const T* x, T beta, T* y,
               std::ptrdiff_t incy, const arch::tuning& t) noexcept {
    const std::uintptr_t ahead = t.gemv_prefetch_distance;
    if (m * n * sizeof(T) >= t.gemv_prefetch_bytes) gemv_rows_impl<true>(m, n, alpha, a, x, beta, y, incy, ahead);
    else gemv_rows_impl<false>(m, n, alpha, a, x, beta, y, incy, ahead);
}

/// Columns of A contiguous (row_stride 1): t += x_j·A(:, j) into the contiguous `t`,
/// eight columns per pass over t (four for the remainder, then one at a time).
template <bool Prefetch, class T>
void gemv_columns_impl(std::size_t m, std::size_t n, strided_matrix<const T> a, const T* x, std::ptrdiff_t incx,
                       T* t, std::uintptr_t ahead) noexcept {
    using b_t = simd::batch<T>;
    constexpr std::size_t w = simd::width<T>;
    const std::size_t body = m / w * w;
    const auto xj = [&](std::size_t j) { return x[static_cast<std::ptrdiff_t>(j) * incx]; };
    std::fill(t, t + m, T(0));
    std::size_t j = 0;
    for (; j + 8 <= n; j += 8) {
        const T* const c[8] = {element_ptr(a, 0, j),     element_ptr(a, 0, j + 1), element_ptr(a, 0, j + 2),
                               element_ptr(a, 0, j + 3), element_ptr(a, 0, j + 4), element_ptr(a, 0, j + 5),
                               element_ptr(a, 0, j + 6), element_ptr(a, 0, j + 7)};
        const b_t v[8] = {simd::splat(xj(j)),     simd::splat(xj(j + 1)), simd::splat(xj(j + 2)),
                          simd::splat(xj(j + 3)), simd::splat(xj(j + 4)), simd::splat(xj(j + 5)),
                          simd::splat(xj(j + 6)), simd::splat(xj(j + 7))};
        gemv_axpy_block<Prefetch>(body, c, v, t, ahead);
        for (std::size_t i = body; i < m; ++i) {
            const T s = static_cast<T>(t[i] + c[0][i] * xj(j) + c[1][i] * xj(j + 1) + c[2][i] * xj(j + 2) +
                                       c[3][i] * xj(j + 3));
            const T q = static_cast<T>(c[4][i] * xj(j + 4) + c[5][i] * xj(j + 5) + c[6][i] * xj(j + 6) +
                                       c[7][i] * xj(j + 7));
            t[i] = static_cast<T>(s + q);
        }
    }
    if (j + 4 <= n) {
        const T* const c[4] = {element_ptr(a, 0, j), element_ptr(a, 0, j + 1), element_ptr(a, 0, j + 2),
                               element_ptr(a, 0, j + 3)};
        const b_t v[4] = {simd::splat(xj(j)), simd::splat(xj(j + 1)), simd::splat(xj(j + 2)), simd::splat(xj(j + 3))};
        gemv_axpy_block<Prefetch>(body, c, v, t, ahead);
        for (std::size_t i = body; i < m; ++i)
            t[i] = static_cast<T>(t[i] + c[0][i] * xj(j) + c[1][i] * xj(j + 1) + c[2][i] * xj(j + 2) + c[3][i] * xj(j + 3));
        j += 4;
    }
    for (; j < n; ++j) {
        const T* c0 = element_ptr(a, 0, j);
        const T x0 = xj(j);
        const b_t v0 = simd::splat(x0);
        for (std::size_t i = 0; i < body; i += w) simd::store(t + i, simd::fma(simd::load(c0 + i), v0, simd::load(t + i)));
        for (std::size_t i = body; i < m; ++i) t[i] = static_cast<T>(t[i] + c0[i] * x0);
    }
}

/// Columns of A contiguous (row_stride 1): t += x_j·A(:, j) into the contiguous `t`
/// (prefetching from `tuning.gemv_prefetch_bytes` of A: it streams from memory).
template <class T>
void gemv_columns(std::size_t m, std::size_t n, strided_matrix<const T> a, const T* x, std::ptrdiff_t incx,
                  T* t, const arch::tuning& tuning) noexcept {
    const std::uintptr_t ahead = tuning.gemv_prefetch_distance;
    if (m * n * sizeof(T) >= tuning.gemv_prefetch_bytes) gemv_columns_impl<true>(m, n, a, x, incx, t, ahead);
    else gemv_columns_impl<false>(m, n, a, x, incx, t, ahead);
}

/// The body of `gemv`, on scalar arguments (see `gemv`).
template <class T>
void gemv_strided(std::size_t m, std::size_t n, T alpha, const T* a_data, std::ptrdiff_t a_rs, std::ptrdiff_t a_cs,
                  const T* x, std::ptrdiff_t incx, T beta, T* y, std::ptrdiff_t incy, const arch::tuning& tuning) {
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
        gemv_rows(m, n, alpha, a, x, beta, y, incy, tuning);
    } else if (a.row_stride == 1) {
        const auto apart = [&](byte_extent e) { return !overlaps(extent_of_2d(y, m, 1, 1, 0, sizeof(T)), e); };
        if (incy == 1 && beta == T(0) && apart(extent_of_2d(a.data, m, n, a.row_stride, a.col_stride, sizeof(T))) &&
            apart(extent_of_2d(x, 1, n, 0, incx, sizeof(T)))) {  // y is the accumulator
            gemv_columns(m, n, a, x, incx, y, tuning);
            if (alpha != T(1))
                for (std::size_t i = 0; i < m; ++i) y[i] = static_cast<T>(alpha * y[i]);
            return;
        }
        T* t = thread_buffer(gemm_buffer_role::scratch).get<T>(m);
        gemv_columns(m, n, a, x, incx, t, tuning);
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
TMATH_FORCE_INLINE void gemv(std::size_t m, std::size_t n, T alpha, strided_matrix<const T> a, const T* x,
                             std::ptrdiff_t incx, T beta, T* y, std::ptrdiff_t incy,
                             const arch::tuning& tuning = arch::this_processor()) {
    gemv_strided<T>(m, n, alpha, a.data, a.row_stride, a.col_stride, x, incx, beta, y, incy, tuning);
}

}  // namespace tmath::detail
