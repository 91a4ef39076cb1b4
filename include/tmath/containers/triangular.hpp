#pragma once
/// @file triangular.hpp
/// NumPy's `tril` and `triu`: the lower or upper triangle of the last two axes, the rest
/// zero. Lazy: the result is `where(column <= row + k, x, 0)` over two small index
/// vectors, so it broadcasts over leading axes, fuses into its assignment and runs as a
/// compare and a select per SIMD batch.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

#include "tmath/config.hpp"
#include "tmath/containers/factories.hpp"
#include "tmath/containers/tensor.hpp"
#include "tmath/core/concepts.hpp"
#include "tmath/core/shape.hpp"
#include "tmath/expr/compare.hpp"
#include "tmath/expr/elementwise.hpp"
#include "tmath/expr/logical.hpp"
#include "tmath/expr/scalar.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE {

namespace detail {

/// The integer type of the index vectors next to elements of T: as many SIMD lanes as T.
template <class T>
using triangle_index_t = std::conditional_t<sizeof(T) == 8, std::int64_t, std::int32_t>;

/// The mask of tril (Lower) or triu over the last two axes of `shape`: `column <= row + k`
/// or `column >= row + k`, from a (rows, 1) and a (cols,) index vector. A rank-1 shape
/// (n,) makes an (n, n) mask, as NumPy does.
template <class I, bool Lower>
auto triangle_mask(std::span<const std::size_t> shape, std::ptrdiff_t k, const char* op) {
    if (shape.empty())
        throw std::invalid_argument(std::string(op) + ": input of shape () must have at least one dimension");
    const std::size_t cols = shape.back();
    const std::size_t rows = shape.size() >= 2 ? shape[shape.size() - 2] : cols;
    if (cols >= static_cast<std::size_t>(std::numeric_limits<I>::max()) ||
        rows >= static_cast<std::size_t>(std::numeric_limits<I>::max()))
        throw std::out_of_range(std::string(op) + ": input of shape " + format_shape(shape) + " is too large");
    tensor<I> column = empty<I>({cols});
    for (std::size_t j = 0; j < cols; ++j) column.data()[j] = static_cast<I>(j);
    tensor<I> bound = empty<I>({rows, std::size_t{1}});
    // row + k clamped to [-1, cols]: past either end every comparison is decided.
    const auto c = static_cast<std::ptrdiff_t>(cols);
    const std::ptrdiff_t kk = std::clamp<std::ptrdiff_t>(k, -c - static_cast<std::ptrdiff_t>(rows) - 1, c + 1);
    for (std::size_t i = 0; i < rows; ++i)
        bound.data()[i] = static_cast<I>(std::clamp<std::ptrdiff_t>(static_cast<std::ptrdiff_t>(i) + kk, -1, c));
    if constexpr (Lower) return make_elementwise(fn::less_equal{}, std::move(column), std::move(bound));
    else return make_elementwise(fn::greater_equal{}, std::move(column), std::move(bound));
}

/// x where the triangle mask holds, zero (false) elsewhere.
template <bool Lower, class E>
auto triangle(E&& x, std::ptrdiff_t k, const char* op) {
    using T = value_type_t<E>;
    auto mask = triangle_mask<triangle_index_t<T>, Lower>(std::span<const std::size_t>(x.shape()), k, op);
    if constexpr (std::is_same_v<T, bool>)
        return make_elementwise(fn::logical_and_fn{}, std::move(mask), std::forward<E>(x));
    else
        return make_elementwise(fn::where_fn{}, std::move(mask), std::forward<E>(x), scalar_node<T>(T(0)));
}

}  // namespace detail

/// NumPy's `tril(x, k)`: x with the elements above diagonal `k` of its last two axes set
/// to zero (k = 0 the main diagonal, positive above it). A rank-1 x of extent n is read
/// as n rows of itself, giving n×n. Lazy; throws std::invalid_argument for rank 0.
template <tensor_expression E>
auto tril(E&& x, std::ptrdiff_t k = 0) {
    return detail::triangle<true>(std::forward<E>(x), k, "tril");
}
/// NumPy's `triu(x, k)`: x with the elements below diagonal `k` of its last two axes set
/// to zero. Lazy; throws std::invalid_argument for rank 0.
template <tensor_expression E>
auto triu(E&& x, std::ptrdiff_t k = 0) {
    return detail::triangle<false>(std::forward<E>(x), k, "triu");
}

}  // namespace tmath
