#pragma once
/// @file softmax.hpp
/// `softmax(x, axis)` and `log_softmax(x, axis)`, numerically stable (the maximum along
/// the axis is subtracted before exp). Three passes per row: max; exp and sum (softmax
/// stores the exponentials); scale (softmax) or subtract the log-sum (log_softmax).
/// A row-major tensor or view is read in place; anything else is evaluated once into
/// the result first and transformed there.

#include <algorithm>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <span>
#include <type_traits>

#include "tmath/config.hpp"
#include "tmath/core/aligned_buffer.hpp"
#include "tmath/containers/tensor.hpp"
#include "tmath/core/concepts.hpp"
#include "tmath/core/shape.hpp"
#include "tmath/kernels/calls.hpp"
#include "tmath/reduce/axes.hpp"
#include "tmath/reduce/ops.hpp"
#include "tmath/simd/math.hpp"
#include "tmath/simd/reduce_ops.hpp"
#include "tmath/simd/simd.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE {

/// Element type of softmax of T: T for floating point, double for integers.
template <class T>
using softmax_result_t = std::conditional_t<std::is_floating_point_v<T>, T, double>;

namespace detail {

/// Maximum of the n unit-stride elements at p (NaN not tracked: it reaches the result
/// through exp anyway).
template <class R>
R row_max(const R* p, std::size_t n) noexcept {
    using B = simd::batch<R>;
    constexpr std::size_t w = simd::width<R>;
    const R lowest = max_op::identity<R>();
    B a0 = simd::splat(lowest), a1 = a0, a2 = a0, a3 = a0;
    std::size_t j = 0;
    for (; j + 4 * w <= n; j += 4 * w) {
        a0 = simd::lane_max<R>(a0, simd::load(p + j));
        a1 = simd::lane_max<R>(a1, simd::load(p + j + w));
        a2 = simd::lane_max<R>(a2, simd::load(p + j + 2 * w));
        a3 = simd::lane_max<R>(a3, simd::load(p + j + 3 * w));
    }
    for (; j + w <= n; j += w) a0 = simd::lane_max<R>(a0, simd::load(p + j));
    R m = max_op::horizontal<R>(simd::lane_max<R>(simd::lane_max<R>(a0, a1), simd::lane_max<R>(a2, a3)));
    for (; j < n; ++j) m = p[j] > m ? p[j] : m;
    return m;
}

/// Σ exp(p[j] - m) over n unit-stride elements; stores the exponentials to `e` when non-null.
template <class R>
R row_exp_sum(const R* p, R m, R* e, std::size_t n) noexcept {
    using B = simd::batch<R>;
    constexpr std::size_t w = simd::width<R>;
    const B mb = simd::splat(m);
    B s0 = simd::splat(R(0)), s1 = s0;
    std::size_t j = 0;
    for (; j + 2 * w <= n; j += 2 * w) {
        const B e0 = simd::exp(simd::load(p + j) - mb);
        const B e1 = simd::exp(simd::load(p + j + w) - mb);
        if (e) simd::store(e + j, e0), simd::store(e + j + w, e1);
        s0 = s0 + e0;
        s1 = s1 + e1;
    }
    R s = simd::reduce_add<R>(s0 + s1);
    for (; j < n; ++j) {
        const R v = static_cast<R>(std::exp(p[j] - m));
        if (e) e[j] = v;
        s += v;
    }
    return s;
}

/// y[j] = y[j] * f (softmax) or y[j] = (p[j] - m) - f (log_softmax: x - m is exact
/// near the maximum, so the log-sum is not rounded at the magnitude of x) over n elements.
template <bool Log, class R>
void row_finish(const R* p, R* y, R m, R f, std::size_t n) noexcept {
    using B = simd::batch<R>;
    constexpr std::size_t w = simd::width<R>;
    const B fb = simd::splat(f), mb = simd::splat(m);
    std::size_t j = 0;
    for (; j + w <= n; j += w) {
        if constexpr (Log) simd::store(y + j, (simd::load(p + j) - mb) - fb);
        else simd::store(y + j, simd::load(y + j) * fb);
    }
    for (; j < n; ++j) y[j] = Log ? (p[j] - m) - f : y[j] * f;
}

/// Softmax along the last (unit-stride) axis of n elements.
template <bool Log, class R>
void softmax_row(const R* p, R* y, std::size_t n) noexcept {
    const R m = row_max(p, n);
    const R s = row_exp_sum(p, m, Log ? nullptr : y, n);
    if constexpr (Log) row_finish<true>(p, y, m, static_cast<R>(std::log(s)), n);
    else row_finish<false>(p, y, m, R(1) / s, n);
}

/// Columns softmax_columns processes at a time (their max and sum rows stay in L1).
template <class R>
inline constexpr std::size_t softmax_chunk = 2048 / sizeof(R);

/// Softmax along an outer axis: n rows of `inner` contiguous elements, `inner` apart;
/// columns are processed in chunks whose max and sum rows (m, s: softmax_chunk<R>
/// elements each) stay in L1.
template <bool Log, class R>
void softmax_columns(const R* p, R* y, std::size_t n, std::size_t inner, R* m, R* s) noexcept {
    using B = simd::batch<R>;
    constexpr std::size_t w = simd::width<R>;
    constexpr std::size_t chunk = softmax_chunk<R>;
    for (std::size_t j0 = 0; j0 < inner; j0 += chunk) {
        const std::size_t c = std::min(chunk, inner - j0);
        const R* pc = p + j0;
        R* yc = y + j0;
        std::fill(m, m + c, max_op::identity<R>());
        std::fill(s, s + c, R(0));
        for (std::size_t k = 0; k < n; ++k) {  // pass 1: max, vertically
            const R* r = pc + k * inner;
            std::size_t j = 0;
            for (; j + w <= c; j += w) simd::store(m + j, simd::lane_max<R>(simd::load(m + j), simd::load(r + j)));
            for (; j < c; ++j) m[j] = r[j] > m[j] ? r[j] : m[j];
        }
        for (std::size_t k = 0; k < n; ++k) {  // pass 2: exp and sum
            const R* r = pc + k * inner;
            R* e = yc + k * inner;
            std::size_t j = 0;
            for (; j + w <= c; j += w) {
                const B v = simd::exp(simd::load(r + j) - simd::load(m + j));
                if constexpr (!Log) simd::store(e + j, v);
                simd::store(s + j, simd::load(s + j) + v);
            }
            for (; j < c; ++j) {
                const R v = static_cast<R>(std::exp(r[j] - m[j]));
                if constexpr (!Log) e[j] = v;
                s[j] += v;
            }
        }
        for (std::size_t j = 0; j < c; ++j) s[j] = Log ? static_cast<R>(std::log(s[j])) : R(1) / s[j];
        for (std::size_t k = 0; k < n; ++k) {  // pass 3: scale or subtract
            const R* r = pc + k * inner;
            R* e = yc + k * inner;
            std::size_t j = 0;
            for (; j + w <= c; j += w) {
                if constexpr (Log) simd::store(e + j, (simd::load(r + j) - simd::load(m + j)) - simd::load(s + j));
                else simd::store(e + j, simd::load(e + j) * simd::load(s + j));
            }
            for (; j < c; ++j) e[j] = Log ? (r[j] - m[j]) - s[j] : e[j] * s[j];
        }
    }
}

/// Softmax (Log = false) or log_softmax (Log = true) of `outer` row-major blocks of n x
/// `inner` elements along their n rows (inner == 1: along the last axis); m and s are
/// softmax_columns' scratch when inner > 1. p may be y.
template <bool Log, class R>
void softmax_blocks(const R* p, R* y, std::size_t outer, std::size_t n, std::size_t inner, R* m, R* s) noexcept {
    if (inner == 1) {
        for (std::size_t o = 0; o < outer; ++o) softmax_row<Log>(p + o * n, y + o * n, n);
    } else {
        for (std::size_t o = 0; o < outer; ++o) softmax_columns<Log>(p + o * n * inner, y + o * n * inner, n, inner, m, s);
    }
}

/// softmax (Log = false) or log_softmax (Log = true) of x along `axis`.
template <bool Log, tensor_expression E>
tensor<softmax_result_t<value_type_t<E>>> softmax_along(const E& x, std::ptrdiff_t axis, const char* op) {
    using R = softmax_result_t<value_type_t<E>>;
    const auto shape = std::span<const std::size_t>(x.shape());
    const std::size_t k = reduce_axis(axis, shape.size(), op);
    tensor<R> y = tensor<R>::uninitialized_of(shape);
    if (y.size() == 0) return y;
    const R* p = nullptr;
    if constexpr (memory_expression<E> && std::is_same_v<value_type_t<E>, R>) {
        if (is_row_major(shape, std::span<const std::ptrdiff_t>(x.strides()))) p = x.data();
    }
    if (p == nullptr) {
        y = x;  // evaluated once; transformed in place below
        p = y.data();
    }
    std::size_t outer = 1, inner = 1;
    for (std::size_t i = 0; i < k; ++i) outer *= shape[i];
    for (std::size_t i = k + 1; i < shape.size(); ++i) inner *= shape[i];
    const std::size_t n = shape[k];
    aligned_buffer<R> scratch(inner == 1 ? 0 : 2 * softmax_chunk<R>, aligned_buffer<R>::uninitialized);
    R* m = scratch.data();
    R* s = inner == 1 ? nullptr : m + softmax_chunk<R>;
    if constexpr (component_runs<R>) component_softmax(Log, p, y.data(), outer, n, inner, m, s);
    else softmax_blocks<Log>(p, y.data(), outer, n, inner, m, s);
    return y;
}

}  // namespace detail

/// exp(x - max) / Σ exp(x - max) along `axis` (negative counts from the end); a new
/// tensor (double for integer inputs). Throws std::out_of_range on a bad axis.
template <tensor_expression E>
tensor<softmax_result_t<value_type_t<E>>> softmax(const E& x, std::ptrdiff_t axis = -1) {
    return detail::softmax_along<false>(x, axis, "softmax");
}

/// log(softmax(x, axis)), computed stably as x - max - log Σ exp(x - max).
template <tensor_expression E>
tensor<softmax_result_t<value_type_t<E>>> log_softmax(const E& x, std::ptrdiff_t axis = -1) {
    return detail::softmax_along<true>(x, axis, "log_softmax");
}

}  // namespace tmath
