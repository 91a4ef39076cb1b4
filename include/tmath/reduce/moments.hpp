#pragma once
/// @file moments.hpp
/// `var` and `stddev` (NumPy's `var` and `std`): over every element (a scalar), along an
/// axis, a list or a range of axes, with `keepdims` and `ddof` (the divisor is
/// max(N - ddof, 0), so N - ddof <= 0 gives inf or NaN, as NumPy). Integers and bool
/// give double; floating point keeps its type.
///
/// Two passes per result element over a contiguous run (reduce/rows.hpp): the mean,
/// then Σ(x - mean)² corrected by (Σ(x - mean))² / N, which cancels most of the mean's
/// rounding error, so a large mean costs no accuracy (no Σx² - (Σx)² / N).

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <initializer_list>
#include <limits>
#include <span>

#include "tmath/config.hpp"
#include "tmath/containers/tensor.hpp"
#include "tmath/core/concepts.hpp"
#include "tmath/core/slice.hpp"
#include "tmath/reduce/axes.hpp"
#include "tmath/reduce/reductions.hpp"
#include "tmath/reduce/rows.hpp"
#include "tmath/simd/simd.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::detail {

/// Σ p[0, n), four SIMD accumulators.
template <class R>
R run_sum(const R* p, std::size_t n) noexcept {
    using B = simd::batch<R>;
    constexpr std::size_t w = simd::width<R>;
    B a0 = simd::splat(R(0)), a1 = a0, a2 = a0, a3 = a0;
    std::size_t j = 0;
    for (; j + 4 * w <= n; j += 4 * w) {
        a0 = a0 + simd::load(p + j);
        a1 = a1 + simd::load(p + j + w);
        a2 = a2 + simd::load(p + j + 2 * w);
        a3 = a3 + simd::load(p + j + 3 * w);
    }
    for (; j + w <= n; j += w) a0 = a0 + simd::load(p + j);
    R s = simd::reduce_add<R>((a0 + a1) + (a2 + a3));
    for (; j < n; ++j) s += p[j];
    return s;
}

/// Σ(p[j] - m)² - (Σ(p[j] - m))² / n over p[0, n): the sum of squared deviations from
/// the mean m, corrected for m's rounding.
template <class R>
R run_squared_deviations(const R* p, std::size_t n, R m) noexcept {
    using B = simd::batch<R>;
    constexpr std::size_t w = simd::width<R>;
    const B mb = simd::splat(m);
    B d0 = simd::splat(R(0)), d1 = d0, q0 = d0, q1 = d0;
    std::size_t j = 0;
    for (; j + 2 * w <= n; j += 2 * w) {
        const B x0 = simd::load(p + j) - mb, x1 = simd::load(p + j + w) - mb;
        d0 = d0 + x0, d1 = d1 + x1;
        q0 = simd::fma(x0, x0, q0), q1 = simd::fma(x1, x1, q1);
    }
    R d = simd::reduce_add<R>(d0 + d1), q = simd::reduce_add<R>(q0 + q1);
    for (; j < n; ++j) {
        const R x = p[j] - m;
        d += x;
        q += x * x;
    }
    return q - d * d / static_cast<R>(n);
}

/// The variance of p[0, n) with divisor `divisor` (NaN when n is 0, as NumPy).
template <class R>
R run_variance(const R* p, std::size_t n, R divisor) noexcept {
    if (n == 0) return std::numeric_limits<R>::quiet_NaN();
    const R m = run_sum(p, n) / static_cast<R>(n);
    return std::max(run_squared_deviations(p, n, m), R(0)) / divisor;
}

/// var (Sqrt false) or stddev of `axes` of x.
template <bool Sqrt, tensor_expression E>
tensor<mean_result_t<value_type_t<E>>> moment_along(const E& x, axis_set axes, bool keepdims, double ddof) {
    using R = mean_result_t<value_type_t<E>>;
    const auto shape = std::span<const std::size_t>(x.shape());
    tensor<R> out = tensor<R>::uninitialized_of(reduced_shape(shape, axes, keepdims).span());
    const reduce_rows<R> rows = make_reduce_rows<R>(x, axes);
    const R divisor = static_cast<R>(std::max(static_cast<double>(rows.m_n) - ddof, 0.0));
    for (std::size_t i = 0; i < out.size(); ++i) {
        const R v = rows.m_data ? run_variance(rows.m_data + i * rows.m_n, rows.m_n, divisor)
                                : std::numeric_limits<R>::quiet_NaN();
        out.data()[i] = Sqrt ? static_cast<R>(std::sqrt(v)) : v;
    }
    return out;
}

}  // namespace tmath::detail

namespace tmath::inline TMATH_ABI_NAMESPACE {

/// Variance of every element (NumPy's `var(x)`; double for integer inputs).
template <tensor_expression E>
mean_result_t<value_type_t<E>> var(const E& x) {
    const auto rank = std::span<const std::size_t>(x.shape()).size();
    return detail::moment_along<false>(x, detail::all_axes(rank), false, 0.0).data()[0];
}
/// Variance of every element with divisor N - ddof; a tensor of rank 0 (all 1s with keepdims).
template <tensor_expression E>
tensor<mean_result_t<value_type_t<E>>> var(const E& x, all_t, bool keepdims, double ddof = 0) {
    const auto rank = std::span<const std::size_t>(x.shape()).size();
    return detail::moment_along<false>(x, detail::all_axes(rank), keepdims, ddof);
}
/// Variance along `axis` (negative counts from the end), divisor N - ddof.
template <tensor_expression E>
tensor<mean_result_t<value_type_t<E>>> var(const E& x, std::ptrdiff_t axis, bool keepdims = false, double ddof = 0) {
    const auto rank = std::span<const std::size_t>(x.shape()).size();
    return detail::moment_along<false>(x, detail::make_axis_set(std::span(&axis, 1), rank, "var"), keepdims, ddof);
}
/// Variance along a list of axes: `var(x, {0, 2})`.
template <tensor_expression E>
tensor<mean_result_t<value_type_t<E>>> var(const E& x, std::initializer_list<std::ptrdiff_t> axes, bool keepdims = false,
                                           double ddof = 0) {
    const auto rank = std::span<const std::size_t>(x.shape()).size();
    return detail::moment_along<false>(x, detail::make_axis_set(axes, rank, "var"), keepdims, ddof);
}
/// Variance along a range of axes (e.g. `std::vector<int>`).
template <tensor_expression E, axis_range R>
tensor<mean_result_t<value_type_t<E>>> var(const E& x, const R& axes, bool keepdims = false, double ddof = 0) {
    const auto rank = std::span<const std::size_t>(x.shape()).size();
    return detail::moment_along<false>(x, detail::make_axis_set(axes, rank, "var"), keepdims, ddof);
}

/// Standard deviation of every element (NumPy's `std(x)`; double for integer inputs).
template <tensor_expression E>
mean_result_t<value_type_t<E>> stddev(const E& x) {
    const auto rank = std::span<const std::size_t>(x.shape()).size();
    return detail::moment_along<true>(x, detail::all_axes(rank), false, 0.0).data()[0];
}
/// Standard deviation of every element with divisor N - ddof; a tensor of rank 0 (all 1s with keepdims).
template <tensor_expression E>
tensor<mean_result_t<value_type_t<E>>> stddev(const E& x, all_t, bool keepdims, double ddof = 0) {
    const auto rank = std::span<const std::size_t>(x.shape()).size();
    return detail::moment_along<true>(x, detail::all_axes(rank), keepdims, ddof);
}
/// Standard deviation along `axis`, divisor N - ddof.
template <tensor_expression E>
tensor<mean_result_t<value_type_t<E>>> stddev(const E& x, std::ptrdiff_t axis, bool keepdims = false, double ddof = 0) {
    const auto rank = std::span<const std::size_t>(x.shape()).size();
    return detail::moment_along<true>(x, detail::make_axis_set(std::span(&axis, 1), rank, "stddev"), keepdims, ddof);
}
/// Standard deviation along a list of axes.
template <tensor_expression E>
tensor<mean_result_t<value_type_t<E>>> stddev(const E& x, std::initializer_list<std::ptrdiff_t> axes,
                                              bool keepdims = false, double ddof = 0) {
    const auto rank = std::span<const std::size_t>(x.shape()).size();
    return detail::moment_along<true>(x, detail::make_axis_set(axes, rank, "stddev"), keepdims, ddof);
}
/// Standard deviation along a range of axes.
template <tensor_expression E, axis_range R>
tensor<mean_result_t<value_type_t<E>>> stddev(const E& x, const R& axes, bool keepdims = false, double ddof = 0) {
    const auto rank = std::span<const std::size_t>(x.shape()).size();
    return detail::moment_along<true>(x, detail::make_axis_set(axes, rank, "stddev"), keepdims, ddof);
}

}  // namespace tmath
