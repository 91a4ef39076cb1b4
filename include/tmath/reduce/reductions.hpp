#pragma once
/// @file reductions.hpp
/// `sum`, `mean`, `prod`, `max`, `min` over every axis (a scalar) or along an axis, a
/// list of axes or a range of axes (a tensor, optionally with `keepdims`), of tensors,
/// views and expressions. NumPy's result types: integer sums and products accumulate in
/// 64 bits, the mean of integers is double; max/min propagate NaN and throw on empty
/// extents. Tensors and views are reduced in place; an expression (or a view whose
/// innermost stride is not 1) is evaluated once into a temporary.

#include <algorithm>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <type_traits>

#include "tmath/config.hpp"
#include "tmath/containers/tensor.hpp"
#include "tmath/core/concepts.hpp"
#include "tmath/core/errors.hpp"
#include "tmath/core/range_access.hpp"
#include "tmath/reduce/axes.hpp"
#include "tmath/reduce/kernels.hpp"
#include "tmath/reduce/ops.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE {

/// Element type of `sum`/`prod` of T: 64-bit for integers and signed for bool (as NumPy),
/// T otherwise.
template <class T>
using sum_result_t = std::conditional_t<
    std::is_integral_v<T>,
    std::conditional_t<std::is_signed_v<T> || std::is_same_v<T, bool>, std::int64_t, std::uint64_t>, T>;
/// Element type of `mean` of T: double for integers, T otherwise.
template <class T>
using mean_result_t = std::conditional_t<std::is_integral_v<T>, double, T>;

namespace detail {

/// Reduces `axes` of `x` with Op, accumulating and returning elements of type A.
template <class Op, class A, tensor_expression E>
tensor<A> reduce_to_tensor(const E& x, axis_set axes, bool keepdims, const char* op) {
    using T = value_type_t<E>;
    const auto shape = std::span<const std::size_t>(x.shape());
    const shape_t rshape = reduced_shape(shape, axes, keepdims);
    tensor<A> out = tensor<A>::uninitialized_of(rshape.span());
    if (reduced_count(shape, axes) == 0) {
        // Checked before the empty-result return: NumPy raises for max(zeros((0, 2, 0)), 2)
        // although the result, of shape (0, 2), holds nothing.
        if constexpr (Op::needs_nonempty)
            throw shape_error(std::string(op) + ": zero-size array of shape " + format_shape(shape) +
                              " reduced along axes " + format_axes(shape.size(), axes) + ": " + op +
                              " has no identity");
        if (out.size() == 0) return out;
        std::fill(out.begin(), out.end(), Op::template identity<A>());
        return out;
    }
    if (out.size() == 0) return out;
    if constexpr (memory_expression<E>) {
        const T* p = x.data();
        if (reduce_strided<Op, T, A>(p, shape, std::span<const std::ptrdiff_t>(x.strides()), axes, out.data()))
            return out;
    }
    const tensor<T> copy(x);  // an expression, or memory without a unit-stride dimension
    reduce_strided<Op, T, A>(copy.data(), copy.shape().span(), copy.strides().span(), axes, out.data());
    return out;
}

/// Op over the axes in `axes` (any range of integers).
template <class Op, class A, tensor_expression E, class R>
tensor<A> reduce_along(const E& x, const R& axes, bool keepdims, const char* op) {
    return reduce_to_tensor<Op, A>(x, make_axis_set(axes, std::span<const std::size_t>(x.shape()).size(), op), keepdims,
                                   op);
}

/// Op over every element, as a scalar.
template <class Op, class A, tensor_expression E>
A reduce_all(const E& x, const char* op) {
    const tensor<A> r = reduce_to_tensor<Op, A>(x, all_axes(std::span<const std::size_t>(x.shape()).size()), false, op);
    return r.data()[0];
}

/// Divides a sum by the element count it combined (NaN for an empty mean, as NumPy).
template <class A>
void divide_by_count(tensor<A>& t, std::size_t count) {
    const A c = static_cast<A>(count);
    for (A& v : t) v /= c;
}

/// The mean of `axes` of x.
template <tensor_expression E>
tensor<mean_result_t<value_type_t<E>>> mean_along(const E& x, axis_set axes, bool keepdims) {
    auto t = reduce_to_tensor<sum_op, mean_result_t<value_type_t<E>>>(x, axes, keepdims, "mean");
    divide_by_count(t, reduced_count(std::span<const std::size_t>(x.shape()), axes));
    return t;
}

}  // namespace detail

/// An integer range usable as a list of axes.
template <class R>
concept axis_range = std::ranges::input_range<R> && std::integral<std::ranges::range_value_t<R>>;

/// Sum of every element (64-bit for integer inputs).
template <tensor_expression E>
sum_result_t<value_type_t<E>> sum(const E& x) {
    return detail::reduce_all<detail::sum_op, sum_result_t<value_type_t<E>>>(x, "sum");
}
/// Sum along `axis` (negative counts from the end); `keepdims` keeps it as extent 1.
template <tensor_expression E>
tensor<sum_result_t<value_type_t<E>>> sum(const E& x, std::ptrdiff_t axis, bool keepdims = false) {
    return detail::reduce_along<detail::sum_op, sum_result_t<value_type_t<E>>>(x, std::span(&axis, 1), keepdims, "sum");
}
/// Sum along a list of axes: `sum(x, {0, 2})`.
template <tensor_expression E>
tensor<sum_result_t<value_type_t<E>>> sum(const E& x, std::initializer_list<std::ptrdiff_t> axes, bool keepdims = false) {
    return detail::reduce_along<detail::sum_op, sum_result_t<value_type_t<E>>>(x, axes, keepdims, "sum");
}
/// Sum along a range of axes (e.g. `std::vector<int>`).
template <tensor_expression E, axis_range R>
tensor<sum_result_t<value_type_t<E>>> sum(const E& x, const R& axes, bool keepdims = false) {
    return detail::reduce_along<detail::sum_op, sum_result_t<value_type_t<E>>>(x, axes, keepdims, "sum");
}

/// Product of every element (64-bit for integer inputs); 1 when empty.
template <tensor_expression E>
sum_result_t<value_type_t<E>> prod(const E& x) {
    return detail::reduce_all<detail::prod_op, sum_result_t<value_type_t<E>>>(x, "prod");
}
/// Product along `axis`.
template <tensor_expression E>
tensor<sum_result_t<value_type_t<E>>> prod(const E& x, std::ptrdiff_t axis, bool keepdims = false) {
    return detail::reduce_along<detail::prod_op, sum_result_t<value_type_t<E>>>(x, std::span(&axis, 1), keepdims, "prod");
}
/// Product along a list of axes.
template <tensor_expression E>
tensor<sum_result_t<value_type_t<E>>> prod(const E& x, std::initializer_list<std::ptrdiff_t> axes, bool keepdims = false) {
    return detail::reduce_along<detail::prod_op, sum_result_t<value_type_t<E>>>(x, axes, keepdims, "prod");
}
/// Product along a range of axes.
template <tensor_expression E, axis_range R>
tensor<sum_result_t<value_type_t<E>>> prod(const E& x, const R& axes, bool keepdims = false) {
    return detail::reduce_along<detail::prod_op, sum_result_t<value_type_t<E>>>(x, axes, keepdims, "prod");
}

/// Largest element; NaN if any element is NaN; throws shape_error when empty.
template <tensor_expression E>
value_type_t<E> max(const E& x) {
    return detail::reduce_all<detail::max_op, value_type_t<E>>(x, "max");
}
/// Largest element along `axis`.
template <tensor_expression E>
tensor<value_type_t<E>> max(const E& x, std::ptrdiff_t axis, bool keepdims = false) {
    return detail::reduce_along<detail::max_op, value_type_t<E>>(x, std::span(&axis, 1), keepdims, "max");
}
/// Largest element along a list of axes.
template <tensor_expression E>
tensor<value_type_t<E>> max(const E& x, std::initializer_list<std::ptrdiff_t> axes, bool keepdims = false) {
    return detail::reduce_along<detail::max_op, value_type_t<E>>(x, axes, keepdims, "max");
}
/// Largest element along a range of axes.
template <tensor_expression E, axis_range R>
tensor<value_type_t<E>> max(const E& x, const R& axes, bool keepdims = false) {
    return detail::reduce_along<detail::max_op, value_type_t<E>>(x, axes, keepdims, "max");
}

/// Smallest element; NaN if any element is NaN; throws shape_error when empty.
template <tensor_expression E>
value_type_t<E> min(const E& x) {
    return detail::reduce_all<detail::min_op, value_type_t<E>>(x, "min");
}
/// Smallest element along `axis`.
template <tensor_expression E>
tensor<value_type_t<E>> min(const E& x, std::ptrdiff_t axis, bool keepdims = false) {
    return detail::reduce_along<detail::min_op, value_type_t<E>>(x, std::span(&axis, 1), keepdims, "min");
}
/// Smallest element along a list of axes.
template <tensor_expression E>
tensor<value_type_t<E>> min(const E& x, std::initializer_list<std::ptrdiff_t> axes, bool keepdims = false) {
    return detail::reduce_along<detail::min_op, value_type_t<E>>(x, axes, keepdims, "min");
}
/// Smallest element along a range of axes.
template <tensor_expression E, axis_range R>
tensor<value_type_t<E>> min(const E& x, const R& axes, bool keepdims = false) {
    return detail::reduce_along<detail::min_op, value_type_t<E>>(x, axes, keepdims, "min");
}

/// Arithmetic mean of every element (double for integer inputs; NaN when empty).
template <tensor_expression E>
mean_result_t<value_type_t<E>> mean(const E& x) {
    const auto rank = std::span<const std::size_t>(x.shape()).size();
    return detail::mean_along(x, detail::all_axes(rank), false).data()[0];
}
/// Mean along `axis`.
template <tensor_expression E>
tensor<mean_result_t<value_type_t<E>>> mean(const E& x, std::ptrdiff_t axis, bool keepdims = false) {
    const auto rank = std::span<const std::size_t>(x.shape()).size();
    return detail::mean_along(x, detail::make_axis_set(std::span(&axis, 1), rank, "mean"), keepdims);
}
/// Mean along a list of axes.
template <tensor_expression E>
tensor<mean_result_t<value_type_t<E>>> mean(const E& x, std::initializer_list<std::ptrdiff_t> axes, bool keepdims = false) {
    const auto rank = std::span<const std::size_t>(x.shape()).size();
    return detail::mean_along(x, detail::make_axis_set(axes, rank, "mean"), keepdims);
}
/// Mean along a range of axes.
template <tensor_expression E, axis_range R>
tensor<mean_result_t<value_type_t<E>>> mean(const E& x, const R& axes, bool keepdims = false) {
    const auto rank = std::span<const std::size_t>(x.shape()).size();
    return detail::mean_along(x, detail::make_axis_set(axes, rank, "mean"), keepdims);
}

}  // namespace tmath
