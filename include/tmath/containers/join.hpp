#pragma once
/// @file join.hpp
/// Joining and splitting along an axis: `concatenate` and `stack` write a new tensor, a
/// row-major operand by whole-row copies; `split` returns views.
///
/// `concatenate({x, h})` takes tensors and views mixed in one braced list. A braced list
/// deduces no template argument from elements of different types, so `concatenate` and
/// `stack` are function objects holding one non-template overload per element type (their
/// elements convert to `tensor_view<const T>`), beside templates for a list of one type
/// and for a `std::vector`.

#include <algorithm>
#include <array>
#include <concepts>
#include <cstddef>
#include <initializer_list>
#include <ranges>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "tmath/containers/dimension_views.hpp"
#include "tmath/containers/slicing.hpp"
#include "tmath/containers/tensor.hpp"
#include "tmath/containers/tensor_view.hpp"
#include "tmath/core/errors.hpp"
#include "tmath/core/shape.hpp"
#include "tmath/eval/assign.hpp"

namespace tmath {

namespace detail {

/// "(2,3), (2,4) and (3,)": the shapes of a list of operands.
template <class T>
std::string format_operand_shapes(std::span<const tensor_view<const T>> xs) {
    std::string s;
    for (std::size_t i = 0; i < xs.size(); ++i) {
        if (i != 0) s += (i + 1 == xs.size()) ? " and " : ", ";
        s += format_shape(xs[i].shape().span());
    }
    return s;
}

/// Copies `x` into the block of `out` (row-major, `out_row` elements from dimension
/// `axis` on) that starts `offset` elements into each of its `outer` rows.
template <class T>
void copy_block(const tensor_view<const T>& x, tensor<T>& out, std::size_t axis, std::size_t outer,
                std::size_t out_row, std::size_t offset) {
    const std::span<const std::size_t> shape = x.shape().span();
    const std::size_t row = shape_size(shape.subspan(axis));
    if (row == 0 || outer == 0) return;
    if (is_row_major(shape, x.strides().span())) {
        const T* src = x.data();
        T* dst = out.data() + offset;
        for (std::size_t o = 0; o < outer; ++o, src += row, dst += out_row) std::copy_n(src, row, dst);
    } else {
        assign_into(out.data() + offset, shape, out.strides().span(), x);
    }
}

/// NumPy's concatenate of `xs` along `axis`, named `op` in errors.
template <class T>
tensor<T> concatenated(std::span<const tensor_view<const T>> xs, std::ptrdiff_t axis, const char* op) {
    if (xs.empty()) throw shape_error(std::string(op) + ": need at least one tensor to join");
    const std::size_t rank = xs[0].rank();
    if (rank == 0) throw shape_error(std::string(op) + ": zero-dimensional tensors cannot be concatenated");
    const std::size_t ax = normalize_axis(axis, rank, op);
    shape_t shape = xs[0].shape();
    shape[ax] = 0;
    for (const auto& x : xs) {
        bool same = x.rank() == rank;
        for (std::size_t d = 0; same && d < rank; ++d) same = d == ax || x.shape()[d] == shape[d];
        if (!same)
            throw shape_error(std::string(op) + ": the shapes " + format_operand_shapes(xs) +
                              " differ outside axis " + std::to_string(ax));
        shape[ax] += x.shape()[ax];
    }
    tensor<T> out = tensor<T>::uninitialized_of(shape.span());
    const std::size_t outer = shape_size(shape.span().first(ax));
    const std::size_t out_row = shape_size(shape.span().subspan(ax));
    std::size_t offset = 0;
    for (const auto& x : xs) {
        copy_block(x, out, ax, outer, out_row, offset);
        offset += shape_size(x.shape().span().subspan(ax));
    }
    return out;
}

/// NumPy's stack of `xs` (one shape) along a new `axis` of the result.
template <class T>
tensor<T> stacked(std::span<const tensor_view<const T>> xs, std::ptrdiff_t axis) {
    if (xs.empty()) throw shape_error("stack: need at least one tensor to stack");
    for (const auto& x : xs)
        if (!(x.shape() == xs[0].shape()))
            throw shape_error("stack: all input tensors must have the same shape, got " + format_operand_shapes(xs));
    const std::size_t ax = normalize_axis(axis, xs[0].rank() + 1, "stack");
    std::vector<tensor_view<const T>> expanded;
    expanded.reserve(xs.size());
    for (const auto& x : xs) expanded.push_back(expand_dims(x, static_cast<std::ptrdiff_t>(ax)));
    return concatenated<T>(expanded, static_cast<std::ptrdiff_t>(ax), "stack");
}

/// The const views of a list of tensors or views of one element type.
template <class R>
auto const_views(const R& xs) {
    using T = value_type_t<std::ranges::range_value_t<R>>;
    std::vector<tensor_view<const T>> v;
    v.reserve(std::ranges::size(xs));
    for (const auto& x : xs) v.push_back(tensor_view<const T>(x.data(), x.shape(), x.strides()));
    return v;
}

/// The overload of a joining function object for element type T.
template <class T, class Join>
struct join_for {
    /// Joins a braced list of tensors and views of element type T along `axis`.
    tensor<T> operator()(std::initializer_list<tensor_view<const T>> xs, std::ptrdiff_t axis = 0) const {
        return Join::template run<T>(std::span<const tensor_view<const T>>(xs.begin(), xs.size()), axis);
    }
};

/// A joining function object: one overload per element type (for braced lists, mixed or
/// not), and a template for any sized range of tensors or views.
template <class Join, class... Ts>
struct join_function : join_for<Ts, Join>... {
    using join_for<Ts, Join>::operator()...;
    /// Joins a range (`std::vector`, span) of tensors or views.
    template <std::ranges::sized_range R>
        requires memory_expression<std::ranges::range_value_t<R>>
    auto operator()(const R& xs, std::ptrdiff_t axis = 0) const {
        using T = value_type_t<std::ranges::range_value_t<R>>;
        const auto views = const_views(xs);
        return Join::template run<T>(std::span<const tensor_view<const T>>(views), axis);
    }
};

struct concatenate_join {
    template <class T>
    static tensor<T> run(std::span<const tensor_view<const T>> xs, std::ptrdiff_t axis) {
        return concatenated<T>(xs, axis, "concatenate");
    }
};
struct stack_join {
    template <class T>
    static tensor<T> run(std::span<const tensor_view<const T>> xs, std::ptrdiff_t axis) {
        return stacked<T>(xs, axis);
    }
};

template <class Join>
using join_of_every_type =
    join_function<Join, bool, char, signed char, unsigned char, wchar_t, char8_t, char16_t, char32_t, short,
                  unsigned short, int, unsigned, long, unsigned long, long long, unsigned long long, float, double,
                  long double>;

}  // namespace detail

/// NumPy's `concatenate(xs, axis)`: the tensors and views of `xs` (one element type, one
/// rank, equal extents off `axis`) joined along `axis` into a new tensor. `xs` is a braced
/// list (`concatenate({x, h}, 1)`) or a range such as `std::vector`. Throws shape_error
/// naming every shape when they do not fit, index_error for a bad axis.
inline constexpr detail::join_of_every_type<detail::concatenate_join> concatenate{};

/// NumPy's `stack(xs, axis)`: the tensors and views of `xs` (one shape) joined along a new
/// dimension `axis` of the result. Throws shape_error naming the shapes when they differ.
inline constexpr detail::join_of_every_type<detail::stack_join> stack{};

/// NumPy's `split(x, sections, axis)`: `sections` views of equal extent along `axis`;
/// throws shape_error naming the shape when the extent does not divide.
template <class X>
    requires detail::sliceable<X>
auto split(X&& x, std::ptrdiff_t sections, std::ptrdiff_t axis = 0) {
    const std::size_t ax = normalize_axis(axis, x.rank(), "split");
    const auto n = static_cast<std::ptrdiff_t>(x.shape()[ax]);
    if (sections <= 0 || n % sections != 0)
        throw shape_error("split: " + std::to_string(sections) + " sections do not divide axis " + std::to_string(ax) +
                          " of shape " + format_shape(std::span<const std::size_t>(x.shape())) + " equally");
    using view = typename detail::view_of<std::remove_reference_t<X>>::type;
    std::vector<view> parts;
    parts.reserve(static_cast<std::size_t>(sections));
    std::vector<slice_spec> specs(ax + 1, slice_spec(all));
    const std::ptrdiff_t step = n / sections;
    for (std::ptrdiff_t i = 0; i < sections; ++i) {
        specs[ax] = range(i * step, (i + 1) * step);
        parts.push_back(detail::slice_of(x, specs));
    }
    return parts;
}

/// `split<N>(x, axis)`: `split(x, N, axis)` as a `std::array`, for structured bindings
/// (`auto [i, f, g, o] = split<4>(gates, 1);`).
template <std::size_t N, class X>
    requires detail::sliceable<X> && (N > 0)
auto split(X&& x, std::ptrdiff_t axis = 0) {
    auto parts = split(x, static_cast<std::ptrdiff_t>(N), axis);
    using view = typename decltype(parts)::value_type;
    return [&]<std::size_t... I>(std::index_sequence<I...>) {
        return std::array<view, N>{std::move(parts[I])...};
    }(std::make_index_sequence<N>{});
}

/// NumPy's `split(x, indices, axis)`: the views `x[:i0]`, `x[i0:i1]`, ..., `x[ik:]` along
/// `axis` (indices as in slicing: negative counts from the end, past the end gives empty views).
template <class X, class R = std::initializer_list<std::ptrdiff_t>>
    requires detail::sliceable<X> && std::ranges::input_range<R>
auto split(X&& x, const R& indices, std::ptrdiff_t axis = 0) {
    const std::size_t ax = normalize_axis(axis, x.rank(), "split");
    using view = typename detail::view_of<std::remove_reference_t<X>>::type;
    std::vector<view> parts;
    std::vector<slice_spec> specs(ax + 1, slice_spec(all));
    range_bound from = _;
    for (auto i : indices) {
        specs[ax] = range(from, static_cast<std::ptrdiff_t>(i));
        parts.push_back(detail::slice_of(x, specs));
        from = static_cast<std::ptrdiff_t>(i);
    }
    specs[ax] = range(from, _);
    parts.push_back(detail::slice_of(x, specs));
    return parts;
}

}  // namespace tmath
