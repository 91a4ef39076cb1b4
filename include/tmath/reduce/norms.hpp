#pragma once
/// @file norms.hpp
/// `norm` (the 2-norm: NumPy's `linalg.norm` with ord=None, over every element or along
/// one or two axes) and `logsumexp` (scipy.special.logsumexp: log Σ exp, over every
/// element or along an axis, a list or a range of axes). Integers and bool give double;
/// floating point keeps its type.
///
/// norm sums squares directly and, only when that overflows, underflows or meets inf or
/// NaN, again scaled by a power of two near the largest magnitude (exact scaling), so
/// elements near the type's largest or smallest values give the right result.
/// logsumexp subtracts the largest element first (0 instead when it is not finite:
/// all -inf gives -inf, +inf gives inf, NaN gives NaN, an empty run gives -inf).

#include <cmath>
#include <cstddef>
#include <initializer_list>
#include <limits>
#include <span>
#include <stdexcept>
#include <string>

#include "tmath/config.hpp"
#include "tmath/containers/tensor.hpp"
#include "tmath/core/concepts.hpp"
#include "tmath/reduce/axes.hpp"
#include "tmath/reduce/reductions.hpp"
#include "tmath/reduce/rows.hpp"
#include "tmath/reduce/softmax.hpp"
#include "tmath/simd/math.hpp"
#include "tmath/simd/simd.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::detail {

/// Σ (p[j] * s)² over p[0, n), four SIMD accumulators.
template <class R>
R run_scaled_squares(const R* p, std::size_t n, R s) noexcept {
    using B = simd::batch<R>;
    constexpr std::size_t w = simd::width<R>;
    const B sb = simd::splat(s);
    B a0 = simd::splat(R(0)), a1 = a0, a2 = a0, a3 = a0;
    std::size_t j = 0;
    for (; j + 4 * w <= n; j += 4 * w) {
        const B x0 = simd::load(p + j) * sb, x1 = simd::load(p + j + w) * sb;
        const B x2 = simd::load(p + j + 2 * w) * sb, x3 = simd::load(p + j + 3 * w) * sb;
        a0 = simd::fma(x0, x0, a0), a1 = simd::fma(x1, x1, a1), a2 = simd::fma(x2, x2, a2), a3 = simd::fma(x3, x3, a3);
    }
    for (; j + w <= n; j += w) {
        const B x = simd::load(p + j) * sb;
        a0 = simd::fma(x, x, a0);
    }
    R r = simd::reduce_add<R>((a0 + a1) + (a2 + a3));
    for (; j < n; ++j) r += (p[j] * s) * (p[j] * s);
    return r;
}

/// The 2-norm of p[0, n), safe from overflow and underflow.
template <class R>
R run_norm(const R* p, std::size_t n) noexcept {
    using L = std::numeric_limits<R>;
    const R q = run_scaled_squares(p, n, R(1));
    if (q >= L::min() / L::epsilon() && q <= L::max()) return std::sqrt(q);  // no overflow, no underflow
    R big = 0;
    for (std::size_t j = 0; j < n; ++j) {
        const R a = std::abs(p[j]);
        if (a != a) return a;  // NaN
        big = a > big ? a : big;
    }
    if (big == 0 || big == L::infinity()) return big;
    // 2^-e with big = f 2^e, f in [0.5, 1): the scaled elements are at most 1 in
    // magnitude and the largest at least 0.5; the scale stays finite for subnormal big.
    int e = 0;
    (void)std::frexp(big, &e);
    const int up = std::min(-e, L::max_exponent - 1);
    const R q2 = run_scaled_squares(p, n, std::ldexp(R(1), up));
    return std::ldexp(std::sqrt(q2), -up);
}

/// log Σ exp(p[j]) over p[0, n).
template <class R>
R run_logsumexp(const R* p, std::size_t n) noexcept {
    R m = n ? row_max(p, n) : R(0);
    if (!std::isfinite(m)) m = R(0);
    const R s = row_exp_sum(p, m, static_cast<R*>(nullptr), n);
    return static_cast<R>(std::log(s)) + m;
}

/// norm (Log false) or logsumexp of `axes` of x.
template <bool Log, tensor_expression E>
tensor<mean_result_t<value_type_t<E>>> row_reduce(const E& x, axis_set axes, bool keepdims) {
    using R = mean_result_t<value_type_t<E>>;
    const auto shape = std::span<const std::size_t>(x.shape());
    tensor<R> out = tensor<R>::uninitialized_of(reduced_shape(shape, axes, keepdims).span());
    const reduce_rows<R> rows = make_reduce_rows<R>(x, axes);
    for (std::size_t i = 0; i < out.size(); ++i) {
        const R* p = rows.m_data ? rows.m_data + i * rows.m_n : nullptr;
        const std::size_t n = rows.m_data ? rows.m_n : 0;
        out.data()[i] = Log ? run_logsumexp(p, n) : run_norm(p, n);
    }
    return out;
}

/// The axes of `norm`: one or two (NumPy's vector and matrix norms), else invalid_argument.
template <class A>
axis_set norm_axes(const A& axes, std::size_t rank) {
    std::size_t k = 0;
    for (auto a : axes) (void)a, ++k;
    if (k == 0 || k > 2)
        throw std::invalid_argument("norm: improper number of dimensions to norm: " + std::to_string(k) +
                                    " axes of an array of dimension " + std::to_string(rank));
    return make_axis_set(axes, rank, "norm");
}

}  // namespace tmath::detail

namespace tmath::inline TMATH_ABI_NAMESPACE {

/// The 2-norm of every element (NumPy's `linalg.norm(x)`, flattened); double for integers.
template <tensor_expression E>
mean_result_t<value_type_t<E>> norm(const E& x) {
    const auto rank = std::span<const std::size_t>(x.shape()).size();
    return detail::row_reduce<false>(x, detail::all_axes(rank), false).data()[0];
}
/// The 2-norm of the vectors along `axis` (negative counts from the end).
template <tensor_expression E>
tensor<mean_result_t<value_type_t<E>>> norm(const E& x, std::ptrdiff_t axis, bool keepdims = false) {
    const auto rank = std::span<const std::size_t>(x.shape()).size();
    return detail::row_reduce<false>(x, detail::norm_axes(std::span(&axis, 1), rank), keepdims);
}
/// The Frobenius norm of the matrices along two axes: `norm(x, {0, 1})` (one axis: the 2-norm).
template <tensor_expression E>
tensor<mean_result_t<value_type_t<E>>> norm(const E& x, std::initializer_list<std::ptrdiff_t> axes, bool keepdims = false) {
    const auto rank = std::span<const std::size_t>(x.shape()).size();
    return detail::row_reduce<false>(x, detail::norm_axes(axes, rank), keepdims);
}
/// The 2-norm (one axis) or Frobenius norm (two axes) along a range of axes.
template <tensor_expression E, axis_range R>
tensor<mean_result_t<value_type_t<E>>> norm(const E& x, const R& axes, bool keepdims = false) {
    const auto rank = std::span<const std::size_t>(x.shape()).size();
    return detail::row_reduce<false>(x, detail::norm_axes(axes, rank), keepdims);
}

/// log Σ exp(x) over every element, computed stably (double for integers; -inf when empty).
template <tensor_expression E>
mean_result_t<value_type_t<E>> logsumexp(const E& x) {
    const auto rank = std::span<const std::size_t>(x.shape()).size();
    return detail::row_reduce<true>(x, detail::all_axes(rank), false).data()[0];
}
/// log Σ exp(x) along `axis` (negative counts from the end).
template <tensor_expression E>
tensor<mean_result_t<value_type_t<E>>> logsumexp(const E& x, std::ptrdiff_t axis, bool keepdims = false) {
    const auto rank = std::span<const std::size_t>(x.shape()).size();
    return detail::row_reduce<true>(x, detail::make_axis_set(std::span(&axis, 1), rank, "logsumexp"), keepdims);
}
/// log Σ exp(x) along a list of axes.
template <tensor_expression E>
tensor<mean_result_t<value_type_t<E>>> logsumexp(const E& x, std::initializer_list<std::ptrdiff_t> axes,
                                                 bool keepdims = false) {
    const auto rank = std::span<const std::size_t>(x.shape()).size();
    return detail::row_reduce<true>(x, detail::make_axis_set(axes, rank, "logsumexp"), keepdims);
}
/// log Σ exp(x) along a range of axes.
template <tensor_expression E, axis_range R>
tensor<mean_result_t<value_type_t<E>>> logsumexp(const E& x, const R& axes, bool keepdims = false) {
    const auto rank = std::span<const std::size_t>(x.shape()).size();
    return detail::row_reduce<true>(x, detail::make_axis_set(axes, rank, "logsumexp"), keepdims);
}

}  // namespace tmath
