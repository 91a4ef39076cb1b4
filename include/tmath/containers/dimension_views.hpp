#pragma once
/// @file dimension_views.hpp
/// Views that add, drop, move or repeat dimensions without touching an element:
/// `squeeze`, `expand_dims`, `moveaxis` and `broadcast_to`, with NumPy's rules.

#include <algorithm>
#include <concepts>
#include <cstddef>
#include <initializer_list>
#include <span>
#include <string>
#include <type_traits>
#include <utility>

#include "tmath/config.hpp"
#include "tmath/containers/reshape.hpp"
#include "tmath/containers/slicing.hpp"
#include "tmath/containers/tensor_view.hpp"
#include "tmath/containers/views.hpp"
#include "tmath/core/errors.hpp"
#include "tmath/core/range_access.hpp"
#include "tmath/core/shape.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE {

namespace detail {

/// The axes of a list, each mapped into [0, rank); throws index_error for one out of
/// range and shape_error for one repeated.
template <class R>
small_vector<bool, TMATH_INLINE_RANK> axis_flags(const R& axes, std::size_t rank, const char* op) {
    small_vector<bool, TMATH_INLINE_RANK> flags(rank, false);
    for (auto a : axes) {
        const std::size_t k = normalize_axis(static_cast<std::ptrdiff_t>(a), rank, op);
        if (flags[k]) throw shape_error(std::string(op) + ": repeated axis " + std::to_string(a) + " in " + format_requested(axes));
        flags[k] = true;
    }
    return flags;
}

/// The view of `x` without the dimensions flagged (each of extent 1, checked).
template <class X>
auto without_axes(X& x, std::span<const bool> drop, const char* op) {
    using view = typename view_of<X>::type;
    const std::span<const std::size_t> shape(x.shape());
    const std::span<const std::ptrdiff_t> strides(x.strides());
    shape_t s;
    strides_t st;
    for (std::size_t d = 0; d < shape.size(); ++d) {
        if (!drop[d]) {
            s.push_back(shape[d]);
            st.push_back(strides[d]);
        } else if (shape[d] != 1) {
            throw shape_error(std::string(op) + ": cannot select an axis to squeeze out which has size not equal to one: axis " +
                              std::to_string(d) + " of shape " + format_shape(shape));
        }
    }
    return view(x.data(), std::move(s), std::move(st));
}

/// The view of `x` with a dimension of extent 1 inserted at each flagged place of the result.
template <class X>
auto with_axes(X& x, std::span<const bool> inserted) {
    using view = typename view_of<X>::type;
    shape_t s;
    strides_t st;
    std::size_t d = 0;
    for (bool add : inserted) {
        s.push_back(add ? 1 : x.shape()[d]);
        st.push_back(add ? 0 : x.strides()[d]);
        d += add ? 0 : 1;
    }
    return view(x.data(), std::move(s), std::move(st));
}

/// The permutation that moves axes `from` to places `to` (NumPy's moveaxis).
template <class A, class B>
strides_t moved_axes(const A& from, const B& to, std::size_t rank) {
    if (std::ranges::size(from) != std::ranges::size(to))
        throw shape_error("moveaxis: source " + format_requested(from) + " and destination " + format_requested(to) +
                          " must have the same number of elements");
    const auto src = axis_flags(from, rank, "moveaxis");
    axis_flags(to, rank, "moveaxis");
    strides_t order;  // the axes that stay, in order
    for (std::size_t d = 0; d < rank; ++d)
        if (!src[d]) order.push_back(static_cast<std::ptrdiff_t>(d));
    struct move {
        std::size_t to, from;
    };
    small_vector<move, TMATH_INLINE_RANK> moves;
    auto f = std::ranges::begin(from);
    for (auto t : to) {
        moves.push_back({normalize_axis(static_cast<std::ptrdiff_t>(t), rank, "moveaxis"),
                         normalize_axis(static_cast<std::ptrdiff_t>(*f), rank, "moveaxis")});
        ++f;
    }
    std::sort(moves.begin(), moves.end(), [](move a, move b) { return a.to < b.to; });
    for (move m : moves) {  // inserted in increasing destination order, as NumPy does
        order.push_back(0);
        for (std::size_t k = order.size() - 1; k > m.to; --k) order[k] = order[k - 1];
        order[m.to] = static_cast<std::ptrdiff_t>(m.from);
    }
    return order;
}

}  // namespace detail

/// Drops every dimension of extent 1 (a view).
template <class X>
    requires detail::sliceable<X>
auto squeeze(X&& x) {
    small_vector<bool, TMATH_INLINE_RANK> drop(x.rank(), false);
    for (std::size_t d = 0; d < x.rank(); ++d) drop[d] = x.shape()[d] == 1;
    return detail::without_axes(x, drop.span(), "squeeze");
}
/// Drops the dimensions `axes` (negative counts from the end), each of extent 1; throws
/// shape_error naming the shape for one that is not.
template <class X, class A = std::initializer_list<std::ptrdiff_t>>
    requires detail::sliceable<X> && std::ranges::input_range<A>
auto squeeze(X&& x, const A& axes) {
    const auto drop = detail::axis_flags(axes, x.rank(), "squeeze");
    return detail::without_axes(x, drop.span(), "squeeze");
}
/// Drops dimension `axis`, of extent 1.
template <class X>
    requires detail::sliceable<X>
auto squeeze(X&& x, std::ptrdiff_t axis) {
    return squeeze(std::forward<X>(x), std::initializer_list<std::ptrdiff_t>{axis});
}

/// Inserts dimensions of extent 1 so that they sit at `axes` of the result (negative
/// counts from the end of the result's rank); a view.
template <class X, class A = std::initializer_list<std::ptrdiff_t>>
    requires detail::sliceable<X> && std::ranges::input_range<A>
auto expand_dims(X&& x, const A& axes) {
    const auto inserted = detail::axis_flags(axes, x.rank() + std::ranges::size(axes), "expand_dims");
    return detail::with_axes(x, inserted.span());
}
/// Inserts a dimension of extent 1 at `axis` of the result; a view.
template <class X>
    requires detail::sliceable<X>
auto expand_dims(X&& x, std::ptrdiff_t axis) {
    return expand_dims(std::forward<X>(x), std::initializer_list<std::ptrdiff_t>{axis});
}

/// Moves dimensions `from` to places `to` of the result, the others keeping their order
/// (NumPy's moveaxis); a view.
template <class X, class A = std::initializer_list<std::ptrdiff_t>, class B = std::initializer_list<std::ptrdiff_t>>
    requires detail::sliceable<X> && std::ranges::sized_range<A> && std::ranges::sized_range<B>
auto moveaxis(X&& x, const A& from, const B& to) {
    const strides_t order = detail::moved_axes(from, to, x.rank());
    return detail::permuted(x, order.span(), "moveaxis");
}
/// Moves dimension `from` to place `to`; a view.
template <class X>
    requires detail::sliceable<X>
auto moveaxis(X&& x, std::ptrdiff_t from, std::ptrdiff_t to) {
    return moveaxis(std::forward<X>(x), std::initializer_list<std::ptrdiff_t>{from}, std::initializer_list<std::ptrdiff_t>{to});
}

/// A read-only view of `x` repeated to `shape` by NumPy's broadcasting rules (stride 0
/// along each repeated dimension); throws shape_error naming both shapes when `x` does
/// not broadcast to `shape`.
template <class X, class S = std::initializer_list<std::size_t>>
    requires detail::sliceable<X> && std::ranges::input_range<S>
auto broadcast_to(X&& x, const S& shape) {
    using T = std::remove_const_t<std::remove_pointer_t<decltype(x.data())>>;
    shape_t to = detail::to_shape(shape, "broadcast_to");
    checked_size(to.span(), "broadcast_to");
    const std::span<const std::size_t> from(x.shape());
    const std::span<const std::ptrdiff_t> step(x.strides());
    const auto fail = [&] {
        return shape_error("broadcast_to: cannot broadcast shape " + format_shape(from) + " to shape " +
                           format_shape(to.span()));
    };
    if (from.size() > to.size()) throw fail();
    const std::size_t pad = to.size() - from.size();
    strides_t strides(to.size(), 0);
    for (std::size_t d = 0; d < from.size(); ++d) {
        if (from[d] == to[pad + d]) strides[pad + d] = step[d];
        else if (from[d] != 1) throw fail();
    }
    return tensor_view<const T>(x.data(), std::move(to), std::move(strides));
}

}  // namespace tmath
