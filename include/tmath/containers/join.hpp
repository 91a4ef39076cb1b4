#pragma once
/// @file join.hpp
/// Joining along an axis: `concatenate` and `stack` write a new tensor or a given one
/// (NumPy's `out=`), row-major operands by whole-row copies.
///
/// `concatenate({x, h})` takes tensors and views mixed in one braced list. A braced list
/// deduces no template argument from elements of different types, so `concatenate` and
/// `stack` are function objects holding one non-template overload per element type (their
/// elements convert to `tensor_view<const T>`), beside templates for a list of one type
/// and for a `std::vector`.

#include <algorithm>
#include <concepts>
#include <cstring>
#include <cstddef>
#include <initializer_list>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "tmath/config.hpp"
#include "tmath/containers/dimension_views.hpp"
#include "tmath/containers/tensor.hpp"
#include "tmath/containers/tensor_view.hpp"
#include "tmath/core/errors.hpp"
#include "tmath/core/range_access.hpp"
#include "tmath/core/shape.hpp"
#include "tmath/core/small_vector.hpp"
#include "tmath/eval/aliasing.hpp"
#include "tmath/eval/assign.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE {

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

/// The shape of NumPy's concatenate of `xs` along `axis`, which it normalizes into `ax`;
/// throws shape_error naming every shape (operation `op`) when they do not fit.
template <class T>
shape_t joined_shape(std::span<const tensor_view<const T>> xs, std::ptrdiff_t axis, const char* op, std::size_t& ax) {
    if (xs.empty()) throw shape_error(std::string(op) + ": need at least one tensor to join");
    const std::size_t rank = xs[0].rank();
    if (rank == 0) throw shape_error(std::string(op) + ": zero-dimensional tensors cannot be concatenated");
    ax = normalize_axis(axis, rank, op);
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
    return shape;
}

/// Writes the concatenation of `xs` along `ax` into the array (`dst`, `shape`, `strides`),
/// which none of them overlaps. A row-major destination and row-major operands take
/// whole-row copies, row by row of the result (each row written front to back, as in a
/// hand loop); other operands go through the assignment engine.
template <class T>
void write_joined(std::span<const tensor_view<const T>> xs, std::size_t ax, T* dst, std::span<const std::size_t> shape,
                  std::span<const std::ptrdiff_t> strides) {
    if (shape_size(shape) == 0) return;
    bool all_rows = is_row_major(shape, strides);
    for (const auto& x : xs) all_rows = all_rows && is_row_major(x.shape().span(), x.strides().span());
    const std::size_t outer = shape_size(shape.first(ax));
    if (all_rows) {
        small_vector<const T*, TMATH_INLINE_RANK> src;  // each operand's next row
        small_vector<std::size_t, TMATH_INLINE_RANK> row;  // and its length
        for (const auto& x : xs) {
            src.push_back(x.data());
            row.push_back(shape_size(x.shape().span().subspan(ax)));
        }
        for (std::size_t o = 0; o < outer; ++o)
            for (std::size_t k = 0; k < xs.size(); ++k) {
                if (row[k] != 0) std::memcpy(dst, src[k], row[k] * sizeof(T));  // disjoint (the caller checks)
                dst += row[k];
                src[k] += row[k];
            }
        return;
    }
    std::ptrdiff_t k = 0;  // the operand's first index along ax
    for (const auto& x : xs) {
        assign_into(dst + k * strides[ax], x.shape().span(), strides, x);
        k += static_cast<std::ptrdiff_t>(x.shape()[ax]);
    }
}

/// NumPy's concatenate of `xs` along `axis` into a new tensor, named `op` in errors.
template <class T>
tensor<T> concatenated(std::span<const tensor_view<const T>> xs, std::ptrdiff_t axis, const char* op) {
    std::size_t ax = 0;
    const shape_t shape = joined_shape(xs, axis, op, ax);
    tensor<T> out = tensor<T>::uninitialized_of(shape.span());
    write_joined(xs, ax, out.data(), shape.span(), out.strides().span());
    return out;
}

/// NumPy's concatenate of `xs` along `axis` into `out` (NumPy's `out=`), which must have
/// the result's shape (shape_error naming both, `out` unchanged). An `out` that overlaps
/// an operand gets the result through a temporary.
template <class T>
void concatenated_into(std::span<const tensor_view<const T>> xs, std::ptrdiff_t axis, const char* op,
                       const tensor_view<T>& out) {
    std::size_t ax = 0;
    const shape_t shape = joined_shape(xs, axis, op, ax);
    if (!(out.shape() == shape))
        throw shape_error(std::string(op) + ": out has shape " + format_shape(out.shape().span()) +
                          " but the result of " + format_operand_shapes(xs) + " along axis " + std::to_string(ax) +
                          " has shape " + format_shape(shape.span()));
    const byte_extent dst = extent_of(out.data(), out.shape().span(), out.strides().span(), sizeof(T));
    for (const auto& x : xs)
        if (overlaps(dst, extent_of(x.data(), x.shape().span(), x.strides().span(), sizeof(T)))) {
            tensor<T> tmp = tensor<T>::uninitialized_of(shape.span());
            write_joined(xs, ax, tmp.data(), shape.span(), tmp.strides().span());
            assign_into(out.data(), shape.span(), out.strides().span(), tmp);
            return;
        }
    write_joined(xs, ax, out.data(), shape.span(), out.strides().span());
}

/// `xs` (one shape, checked) each with a new dimension at `axis` (normalized into `ax`):
/// NumPy's stack is their concatenation along it.
template <class T>
std::vector<tensor_view<const T>> stack_operands(std::span<const tensor_view<const T>> xs, std::ptrdiff_t axis,
                                                 std::size_t& ax) {
    if (xs.empty()) throw shape_error("stack: need at least one tensor to stack");
    for (const auto& x : xs)
        if (!(x.shape() == xs[0].shape()))
            throw shape_error("stack: all input tensors must have the same shape, got " + format_operand_shapes(xs));
    ax = normalize_axis(axis, xs[0].rank() + 1, "stack");
    std::vector<tensor_view<const T>> expanded;
    expanded.reserve(xs.size());
    for (const auto& x : xs) expanded.push_back(expand_dims(x, static_cast<std::ptrdiff_t>(ax)));
    return expanded;
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

/// The overloads of a joining function object for element type T.
template <class T, class Join>
struct join_for {
    /// Joins a braced list of tensors and views of element type T along `axis`.
    tensor<T> operator()(std::initializer_list<tensor_view<const T>> xs, std::ptrdiff_t axis = 0) const {
        return Join::template run<T>(std::span<const tensor_view<const T>>(xs.begin(), xs.size()), axis);
    }
    /// Joins them into `out` (NumPy's `out=`), which must have the result's shape.
    tensor<T>& operator()(std::initializer_list<tensor_view<const T>> xs, std::ptrdiff_t axis, tensor<T>& out) const {
        Join::template into<T>(std::span<const tensor_view<const T>>(xs.begin(), xs.size()), axis,
                               tensor_view<T>(out.data(), out.shape(), out.strides()));
        return out;
    }
    /// Joins them into the writable view `out`, which must have the result's shape.
    tensor_view<T> operator()(std::initializer_list<tensor_view<const T>> xs, std::ptrdiff_t axis,
                              tensor_view<T> out) const {
        Join::template into<T>(std::span<const tensor_view<const T>>(xs.begin(), xs.size()), axis, out);
        return out;
    }
};

/// A joining function object: the overloads per element type (for braced lists, mixed or
/// not), and templates for any sized range of tensors or views.
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
    /// Joins a range of tensors or views into `out` (a tensor or writable view of their
    /// element type and the result's shape).
    template <std::ranges::sized_range R, class Out>
        requires memory_expression<std::ranges::range_value_t<R>> && memory_expression<std::remove_cvref_t<Out>> &&
                 std::is_same_v<std::remove_const_t<std::remove_pointer_t<decltype(std::declval<Out&>().data())>>,
                                value_type_t<std::ranges::range_value_t<R>>>
    Out&& operator()(const R& xs, std::ptrdiff_t axis, Out&& out) const {
        using T = value_type_t<std::ranges::range_value_t<R>>;
        const auto views = const_views(xs);
        Join::template into<T>(std::span<const tensor_view<const T>>(views), axis,
                               tensor_view<T>(out.data(), out.shape(), out.strides()));
        return std::forward<Out>(out);
    }
};

struct concatenate_join {
    template <class T>
    static tensor<T> run(std::span<const tensor_view<const T>> xs, std::ptrdiff_t axis) {
        return concatenated<T>(xs, axis, "concatenate");
    }
    template <class T>
    static void into(std::span<const tensor_view<const T>> xs, std::ptrdiff_t axis, const tensor_view<T>& out) {
        concatenated_into<T>(xs, axis, "concatenate", out);
    }
};
struct stack_join {
    template <class T>
    static tensor<T> run(std::span<const tensor_view<const T>> xs, std::ptrdiff_t axis) {
        std::size_t ax = 0;
        const auto expanded = stack_operands(xs, axis, ax);
        return concatenated<T>(expanded, static_cast<std::ptrdiff_t>(ax), "stack");
    }
    template <class T>
    static void into(std::span<const tensor_view<const T>> xs, std::ptrdiff_t axis, const tensor_view<T>& out) {
        std::size_t ax = 0;
        const auto expanded = stack_operands(xs, axis, ax);
        concatenated_into<T>(expanded, static_cast<std::ptrdiff_t>(ax), "stack", out);
    }
};

template <class Join>
using join_of_every_type =
    join_function<Join, bool, char, signed char, unsigned char, wchar_t, char8_t, char16_t, char32_t, short,
                  unsigned short, int, unsigned, long, unsigned long, long long, unsigned long long, float, double,
                  long double>;

}  // namespace detail

/// NumPy's `concatenate(xs, axis)`: the tensors and views of `xs` (one element type, one
/// rank, equal extents off `axis`) joined along `axis` into a new tensor, or into `out`
/// with `concatenate(xs, axis, out)` (NumPy's `out=`: a tensor or writable view of the
/// result's shape, returned). `xs` is a braced list (`concatenate({x, h}, 1)`) or a range
/// such as `std::vector`. Throws shape_error naming every shape when they do not fit (and
/// `out`'s when it differs, leaving it unchanged), index_error for a bad axis.
inline constexpr detail::join_of_every_type<detail::concatenate_join> concatenate{};

/// NumPy's `stack(xs, axis)`: the tensors and views of `xs` (one shape) joined along a new
/// dimension `axis` of the result; `stack(xs, axis, out)` writes `out` (NumPy's `out=`).
/// Throws shape_error naming the shapes when they differ.
inline constexpr detail::join_of_every_type<detail::stack_join> stack{};

}  // namespace tmath
