#pragma once
/// @file views.hpp
/// Zero-copy views: `adapt` over user memory, `transpose` and `swapaxes`.

#include <concepts>
#include <cstddef>
#include <initializer_list>
#include <span>
#include <string>
#include <type_traits>
#include <utility>

#include "tmath/config.hpp"
#include "tmath/containers/tensor.hpp"
#include "tmath/containers/tensor_view.hpp"
#include "tmath/core/errors.hpp"
#include "tmath/core/range_access.hpp"
#include "tmath/core/shape.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE {

namespace detail {

template <class R>
shape_t to_shape(const R& r, const char* op) {
    shape_t s;
    for (auto v : r) {
        if constexpr (std::is_signed_v<decltype(v)>)
            if (v < 0) throw shape_error(std::string(op) + ": negative dimension " + std::to_string(v) + " in shape");
        s.push_back(static_cast<std::size_t>(v));
    }
    return s;
}

/// The view type of a tensor or view: const elements for const tensors.
template <class X>
struct view_of;
template <class T>
struct view_of<tensor<T>> {
    using type = tensor_view<T>;
};
template <class T>
struct view_of<const tensor<T>> {
    using type = tensor_view<const T>;
};
template <class T>
struct view_of<tensor_view<T>> {
    using type = tensor_view<T>;
};
template <class T>
struct view_of<const tensor_view<T>> {
    using type = tensor_view<T>;
};

/// A view of `x` whose dimensions are `x`'s permuted by `axes` (checked).
template <class X>
auto permuted(X& x, std::span<const std::ptrdiff_t> axes, const char* op) {
    using view = typename view_of<X>::type;
    const std::size_t r = x.rank();
    if (axes.size() != r)
        throw std::invalid_argument(std::string(op) + ": axes don't match array: got " +
                                    std::to_string(axes.size()) + " axes for rank " + std::to_string(r));
    shape_t shape(r);
    strides_t strides(r);
    small_vector<bool, TMATH_INLINE_RANK> seen(r, false);
    for (std::size_t i = 0; i < r; ++i) {
        const std::size_t a = normalize_axis(axes[i], r, op);
        if (seen[a])
            throw std::invalid_argument(std::string(op) + ": repeated axis " + std::to_string(axes[i]) +
                                        " in a permutation for rank " + std::to_string(r));
        seen[a] = true;
        shape[i] = x.shape()[a];
        strides[i] = x.strides()[a];
    }
    return view(x.data(), std::move(shape), std::move(strides));
}

/// A view of `x` with its dimensions reversed (no checks needed: always a permutation).
template <class X>
auto reversed(X& x) {
    using view = typename view_of<X>::type;
    const std::span<const std::size_t> s(x.shape());
    const std::span<const std::ptrdiff_t> st(x.strides());
    const std::size_t r = s.size();
    shape_t shape(r);
    strides_t strides(r);
    for (std::size_t i = 0; i < r; ++i) {
        shape[i] = s[r - 1 - i];
        strides[i] = st[r - 1 - i];
    }
    return view(x.data(), std::move(shape), std::move(strides));
}

/// A view of `x` with dimensions a and b (already normalized) exchanged.
template <class X>
auto swapped(X& x, std::size_t a, std::size_t b) {
    using view = typename view_of<X>::type;
    shape_t shape(std::span<const std::size_t>(x.shape()));
    strides_t strides(std::span<const std::ptrdiff_t>(x.strides()));
    std::swap(shape[a], shape[b]);
    std::swap(strides[a], strides[b]);
    return view(x.data(), std::move(shape), std::move(strides));
}

}  // namespace detail

/// Non-owning view of `data` with `shape`, row-major.
template <class T, class S = std::initializer_list<std::size_t>>
tensor_view<T> adapt(T* data, const S& shape) {
    shape_t s = detail::to_shape(shape, "adapt");
    checked_size(s.span(), "adapt");
    strides_t st = row_major_strides(s.span());
    return tensor_view<T>(data, std::move(s), std::move(st));
}
/// Non-owning view of `data` with `shape` and `strides` (in elements).
template <class T, class S = std::initializer_list<std::size_t>, class R = std::initializer_list<std::ptrdiff_t>>
tensor_view<T> adapt(T* data, const S& shape, const R& strides) {
    shape_t s = detail::to_shape(shape, "adapt");
    checked_size(s.span(), "adapt");
    strides_t st;
    for (auto v : strides) st.push_back(static_cast<std::ptrdiff_t>(v));
    if (st.size() != s.size())
        throw shape_error("adapt: " + std::to_string(st.size()) + " strides given for shape " + format_shape(s.span()));
    return tensor_view<T>(data, std::move(s), std::move(st));
}

/// Reverses the dimensions (a view, no copy).
template <class X>
    requires memory_expression<X> && (!std::is_rvalue_reference_v<X&&> || !detail::owning_expression<X>)
auto transpose(X&& x) {
    return detail::reversed(x);
}
/// Permutes the dimensions: result dimension i is `x`'s dimension axes[i] (negative counts from the end).
template <class X, class A = std::initializer_list<std::ptrdiff_t>>
    requires memory_expression<X> && (!std::is_rvalue_reference_v<X&&> || !detail::owning_expression<X>)
auto transpose(X&& x, const A& axes) {
    strides_t a;
    for (auto v : axes) a.push_back(static_cast<std::ptrdiff_t>(v));
    return detail::permuted(x, a.span(), "transpose");
}
/// Exchanges dimensions i and j (negative counts from the end); a view, no copy.
template <class X>
    requires memory_expression<X> && (!std::is_rvalue_reference_v<X&&> || !detail::owning_expression<X>)
auto swapaxes(X&& x, std::ptrdiff_t i, std::ptrdiff_t j) {
    const std::size_t r = x.rank();
    const std::size_t a = normalize_axis(i, r, "swapaxes");
    const std::size_t b = normalize_axis(j, r, "swapaxes");
    return detail::swapped(x, a, b);
}

}  // namespace tmath
