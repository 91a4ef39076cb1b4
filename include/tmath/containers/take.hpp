#pragma once
/// @file take.hpp
/// Gathering by integer indices: NumPy's `take` (whole sub-tensors picked along an axis)
/// and `take_along_axis` (one index per position, as argmax and argsort give them).

#include <algorithm>
#include <concepts>
#include <cstddef>
#include <initializer_list>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include "tmath/config.hpp"
#include "tmath/containers/strided_iterator.hpp"
#include "tmath/containers/tensor.hpp"
#include "tmath/containers/tensor_view.hpp"
#include "tmath/core/broadcast.hpp"
#include "tmath/core/concepts.hpp"
#include "tmath/core/errors.hpp"
#include "tmath/core/shape.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE {

/// A tensor or view of integers: the indices `take` and `take_along_axis` accept.
template <class I>
concept index_tensor = memory_expression<I> && std::integral<value_type_t<I>> && !std::same_as<value_type_t<I>, bool>;

namespace detail {

/// `i` mapped into [0, n) (negative counts from the end); throws index_error naming `op`.
template <std::integral J>
std::ptrdiff_t checked_index(J i, std::size_t n, std::size_t axis, const char* op) {
    bool ok = false;
    std::ptrdiff_t k = 0;
    if constexpr (std::is_signed_v<J>) {
        const auto len = static_cast<long long>(n);
        const auto v = static_cast<long long>(i);
        ok = v >= -len && v < len;
        k = static_cast<std::ptrdiff_t>(v < 0 ? v + len : v);
    } else {
        ok = static_cast<unsigned long long>(i) < n;
        k = static_cast<std::ptrdiff_t>(i);
    }
    if (!ok)
        throw index_error(std::string(op) + ": index " + std::to_string(i) + " is out of bounds for axis " +
                          std::to_string(axis) + " with size " + std::to_string(n));
    return k;
}

/// A tensor or view as a const view (an expression is evaluated into `keep` first).
template <class X, class T = value_type_t<X>>
tensor_view<const T> readable(const X& x, tensor<T>& keep) {
    if constexpr (memory_expression<X>) {
        return tensor_view<const T>(x.data(), x.shape(), x.strides());
    } else {
        keep = tensor<T>(x);
        return tensor_view<const T>(keep);
    }
}

/// NumPy's take of `x` along `ax` by `idx`.
template <class T, class I>
tensor<T> taken(const tensor_view<const T>& x, const I& idx, std::size_t ax, const char* op) {
    const std::span<const std::size_t> shape = x.shape().span();
    const std::span<const std::ptrdiff_t> strides = x.strides().span();
    std::vector<std::ptrdiff_t> offsets;  // of the picked sub-tensors, checked before anything is written
    offsets.reserve(idx.size());
    for (auto i : tensor_view<const value_type_t<I>>(idx.data(), idx.shape(), idx.strides()))
        offsets.push_back(checked_index(i, shape[ax], ax, op) * strides[ax]);
    shape_t out_shape(shape.first(ax));
    for (std::size_t e : std::span<const std::size_t>(idx.shape())) out_shape.push_back(e);
    for (std::size_t e : shape.subspan(ax + 1)) out_shape.push_back(e);
    tensor<T> out = tensor<T>::uninitialized_of(out_shape.span());
    if (out.size() == 0) return out;
    const auto inner_shape = shape.subspan(ax + 1);
    const auto inner_strides = strides.subspan(ax + 1);
    const std::size_t inner = shape_size(inner_shape);
    const bool inner_flat = is_row_major(inner_shape, inner_strides);
    T* dst = out.data();
    const tensor_view<const T> outer(x.data(), shape_t(shape.first(ax)), strides_t(strides.first(ax)));
    for (const T& base : outer) {
        for (std::ptrdiff_t off : offsets) {
            const T* src = &base + off;
            if (inner_flat) {
                std::copy_n(src, inner, dst);
            } else {
                const strided_iterator<const T> first(src, inner_shape, inner_strides, 0);
                std::copy_n(first, inner, dst);
            }
            dst += inner;
        }
    }
    return out;
}

/// NumPy's take_along_axis of `x` by `idx` (same rank, broadcast off `ax`).
template <class T, class I>
tensor<T> taken_along(const tensor_view<const T>& x, const I& idx, std::size_t ax) {
    const std::span<const std::size_t> xs = x.shape().span();
    const std::span<const std::size_t> is(idx.shape());
    const auto fail = [&](const std::string& why) {
        return shape_error("take_along_axis: " + why + ": x of shape " + format_shape(xs) + " and indices of shape " +
                           format_shape(is));
    };
    if (is.size() != xs.size()) throw fail("x and indices must have the same rank");
    const std::size_t rank = xs.size();
    shape_t out_shape(rank);
    strides_t x_step(rank);  // x's strides broadcast to the result (0 along the axis: the index moves there)
    strides_t i_step(rank);  // the indices' strides broadcast to the result
    for (std::size_t d = 0; d < rank; ++d) {
        if (d == ax) {
            out_shape[d] = is[d];
        } else if (xs[d] == is[d] || is[d] == 1 || xs[d] == 1) {
            out_shape[d] = xs[d] == 1 ? is[d] : xs[d];
        } else {
            throw fail("the shapes do not broadcast off axis " + std::to_string(ax));
        }
        x_step[d] = d == ax || xs[d] == 1 ? 0 : x.strides()[d];
        i_step[d] = is[d] == 1 ? 0 : idx.strides()[d];
    }
    tensor<T> out = tensor<T>::uninitialized_of(out_shape.span());
    if (out.size() == 0) return out;
    using J = std::remove_const_t<value_type_t<I>>;
    const strided_iterator<const T> x_at(x.data(), out_shape.span(), x_step.span(), 0);
    const strided_iterator<const J> i_at(idx.data(), out_shape.span(), i_step.span(), 0);
    // Checked first, so that a bad index leaves nothing half written.
    std::for_each_n(i_at, out.size(), [&](J i) { checked_index(i, xs[ax], ax, "take_along_axis"); });
    auto xi = x_at;
    auto ii = i_at;
    const auto n = static_cast<std::ptrdiff_t>(xs[ax]);
    for (T& o : out) {
        const auto i = static_cast<std::ptrdiff_t>(*ii);
        o = (&*xi)[(i < 0 ? i + n : i) * x.strides()[ax]];
        ++xi;
        ++ii;
    }
    return out;
}

}  // namespace detail

/// NumPy's `take(x, indices, axis)`: the sub-tensors of `x` at `indices` along `axis`, in
/// a tensor of shape `x.shape[:axis] + indices.shape + x.shape[axis+1:]`. Indices are a
/// tensor or view of integers; negative ones count from the end; one out of range throws
/// index_error naming it, the axis and the extent.
template <tensor_expression X, index_tensor I>
tensor<value_type_t<X>> take(const X& x, const I& indices, std::ptrdiff_t axis) {
    tensor<value_type_t<X>> keep;
    const auto v = detail::readable(x, keep);
    return detail::taken(v, indices, normalize_axis(axis, v.rank(), "take"), "take");
}
/// `take(x, {i, j, ...}, axis)`: indices given as a braced list.
template <tensor_expression X>
tensor<value_type_t<X>> take(const X& x, std::initializer_list<std::ptrdiff_t> indices, std::ptrdiff_t axis) {
    const tensor_view<const std::ptrdiff_t> idx(indices.begin(), shape_t{indices.size()}, strides_t{1});
    return take(x, idx, axis);
}
/// NumPy's `take(x, indices)` without an axis: from the elements of `x` in row-major
/// order; the result has the shape of `indices`.
template <tensor_expression X, index_tensor I>
tensor<value_type_t<X>> take(const X& x, const I& indices) {
    using T = value_type_t<X>;
    tensor<T> keep;
    const auto v = detail::readable(x, keep);
    if (is_row_major(v.shape().span(), v.strides().span()))
        return detail::taken(tensor_view<const T>(v.data(), shape_t{v.size()}, strides_t{1}), indices, 0, "take");
    const tensor<T> copy(v);  // the elements in row-major order
    return detail::taken(tensor_view<const T>(copy.data(), shape_t{copy.size()}, strides_t{1}), indices, 0, "take");
}

/// NumPy's `take_along_axis(x, indices, axis)`: `out[..., j, ...] = x[..., indices[..., j,
/// ...], ...]` along `axis`, `x` and `indices` of one rank and broadcast along the other
/// axes. Throws shape_error naming both shapes when they do not fit, index_error for an
/// index out of range (and nothing is written).
template <tensor_expression X, index_tensor I>
tensor<value_type_t<X>> take_along_axis(const X& x, const I& indices, std::ptrdiff_t axis) {
    tensor<value_type_t<X>> keep;
    const auto v = detail::readable(x, keep);
    return detail::taken_along(v, indices, normalize_axis(axis, v.rank(), "take_along_axis"));
}

}  // namespace tmath
