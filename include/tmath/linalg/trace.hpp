#pragma once
/// @file trace.hpp
/// `trace(x, offset, axis1, axis2)`: NumPy's sum along a diagonal. The diagonal is a
/// strided view (its stride is the sum of the two axes' strides), summed by `sum`.

#include <algorithm>
#include <cstddef>
#include <stdexcept>
#include <string>

#include "tmath/config.hpp"
#include "tmath/containers/tensor.hpp"
#include "tmath/containers/tensor_view.hpp"
#include "tmath/core/concepts.hpp"
#include "tmath/core/errors.hpp"
#include "tmath/core/shape.hpp"
#include "tmath/linalg/product_eval.hpp"
#include "tmath/reduce/reductions.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE {

namespace detail {

/// The view of memory `x`'s diagonal `offset` of axes a1 and a2 (normalized, distinct)
/// as its last dimension, the other dimensions first in their order.
template <class T>
tensor_view<const T> diagonal_view(const T* data, std::span<const std::size_t> shape,
                                   std::span<const std::ptrdiff_t> strides, std::ptrdiff_t offset, std::size_t a1,
                                   std::size_t a2) {
    shape_t s;
    strides_t st;
    for (std::size_t d = 0; d < shape.size(); ++d)
        if (d != a1 && d != a2) s.push_back(shape[d]), st.push_back(strides[d]);
    const auto n1 = static_cast<std::ptrdiff_t>(shape[a1]), n2 = static_cast<std::ptrdiff_t>(shape[a2]);
    const std::ptrdiff_t len = offset >= 0 ? std::min(n1, n2 - offset) : std::min(n1 + offset, n2);
    if (len > 0 && shape_size(s.span()) > 0) data += offset >= 0 ? offset * strides[a2] : -offset * strides[a1];
    s.push_back(len > 0 ? static_cast<std::size_t>(len) : 0);
    st.push_back(strides[a1] + strides[a2]);
    return tensor_view<const T>(data, std::move(s), std::move(st));
}

}  // namespace detail

/// NumPy's `trace(x, offset, axis1, axis2)`: the sum along diagonal `offset` (above the
/// main one when positive) of the 2-D slices over `axis1` and `axis2` (negative counts
/// from the end): a tensor of the other dimensions (rank 0 for a matrix), of `sum`'s
/// element type (64-bit for integers, as NumPy). Throws shape_error naming the shape for
/// rank < 2, index_error for an axis out of range, std::invalid_argument for axis1 == axis2.
template <tensor_expression E>
tensor<sum_result_t<value_type_t<E>>> trace(const E& x, std::ptrdiff_t offset = 0, std::ptrdiff_t axis1 = 0,
                                            std::ptrdiff_t axis2 = 1) {
    using T = value_type_t<E>;
    const detail::product_operand<T> p(x);
    const auto shape = p.shape();
    if (shape.size() < 2)
        throw shape_error("trace: shape " + format_shape(shape) + " has rank " + std::to_string(shape.size()) +
                          "; trace needs at least 2 dimensions");
    const std::size_t a1 = normalize_axis(axis1, shape.size(), "trace");
    const std::size_t a2 = normalize_axis(axis2, shape.size(), "trace");
    if (a1 == a2)
        throw std::invalid_argument("trace: axis1 and axis2 cannot be the same (both " + std::to_string(a1) +
                                    " for shape " + format_shape(shape) + ")");
    return sum(detail::diagonal_view(p.data(), shape, p.strides(), offset, a1, a2), -1);
}

}  // namespace tmath
