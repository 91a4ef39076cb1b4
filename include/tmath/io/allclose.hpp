#pragma once
/// @file allclose.hpp
/// Whole-array comparisons giving one bool: `allclose` (NumPy's closeness test over
/// broadcast operands) and `array_equal` (same shape, equal elements).

#include <cmath>
#include <cstddef>
#include <span>

#include "tmath/config.hpp"
#include "tmath/containers/tensor.hpp"
#include "tmath/core/broadcast.hpp"
#include "tmath/core/concepts.hpp"
#include "tmath/core/shape.hpp"
#include "tmath/expr/classify.hpp"
#include "tmath/expr/compare.hpp"
#include "tmath/expr/logical.hpp"
#include "tmath/reduce/logical.hpp"
#include "tmath/eval/assign.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE {

/// True when |a - b| <= atol + rtol * |b| for every element of the broadcast operands
/// (NaNs compare unequal). Throws shape_error if the shapes do not broadcast.
template <tensor_expression A, tensor_expression B>
bool allclose(const A& a, const B& b, double rtol = 1e-5, double atol = 1e-8) {
    const std::span<const std::size_t> spans[] = {a.shape(), b.shape()};
    const shape_t shape = detail::broadcast_shape_of(std::span(spans), "allclose");
    const std::size_t n = checked_size(shape.span(), "allclose");
    aligned_buffer<double> x(n, aligned_buffer<double>::uninitialized);
    aligned_buffer<double> y(n, aligned_buffer<double>::uninitialized);
    const strides_t strides = row_major_strides(shape.span());
    detail::assign_into(x.data(), shape.span(), strides.span(), a);
    detail::assign_into(y.data(), shape.span(), strides.span(), b);
    for (std::size_t i = 0; i < n; ++i) {
        const double d = std::abs(x.data()[i] - y.data()[i]);
        if (!(d <= atol + rtol * std::abs(y.data()[i]))) {
            if (x.data()[i] == y.data()[i]) continue;  // equal infinities
            return false;
        }
    }
    return true;
}

/// NumPy's `array_equal(a, b, equal_nan)`: true when a and b have the same shape (no
/// broadcasting; different shapes give false, never an error) and equal elements. With
/// `equal_nan`, NaNs in the same places count as equal.
template <tensor_expression A, tensor_expression B>
bool array_equal(const A& a, const B& b, bool equal_nan = false) {
    const std::span<const std::size_t> sa(a.shape()), sb(b.shape());
    if (!shape_t::same_elements(sa.data(), sa.size(), sb.data(), sb.size())) return false;
    if (equal_nan) return tmath::all(logical_or(a == b, logical_and(isnan(a), isnan(b))));
    return tmath::all(a == b);
}

}  // namespace tmath
