#pragma once
/// @file axes.hpp
/// Axis arguments of the reductions: normalization (negative axes, lists, duplicates),
/// NumPy's error messages, and result shapes with or without `keepdims`.

#include <cstddef>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>

#include "tmath/config.hpp"
#include "tmath/core/errors.hpp"
#include "tmath/core/shape.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::detail {

/// The set of reduced axes of a rank-`rank` operand, as a bit mask (bit i: axis i).
struct axis_set {
    std::uint64_t m_bits = 0;
    bool contains(std::size_t axis) const noexcept { return (m_bits >> axis) & 1u; }
};

/// Every axis of a rank-`rank` operand.
inline axis_set all_axes(std::size_t rank) noexcept {
    return {rank >= 64 ? ~std::uint64_t{0} : ((std::uint64_t{1} << rank) - 1)};
}

/// Maps `axis` (negative counts from the end) into [0, rank); throws index_error
/// with NumPy's message, e.g. `sum: axis 3 is out of bounds for array of dimension 2`.
inline std::size_t reduce_axis(std::ptrdiff_t axis, std::size_t rank, const char* op) {
    const auto r = static_cast<std::ptrdiff_t>(rank);
    if (axis < -r || axis >= r)
        throw index_error(std::string(op) + ": axis " + std::to_string(axis) +
                          " is out of bounds for array of dimension " + std::to_string(rank));
    return static_cast<std::size_t>(axis < 0 ? axis + r : axis);
}

/// The set of `axes` (any range of integers); throws on an axis out of bounds or repeated.
template <class R>
axis_set make_axis_set(const R& axes, std::size_t rank, const char* op) {
    if (rank > 64)
        throw std::out_of_range(std::string(op) + ": reductions support at most 64 dimensions, not rank " +
                                std::to_string(rank));
    axis_set s;
    for (auto a : axes) {
        const std::size_t k = reduce_axis(static_cast<std::ptrdiff_t>(a), rank, op);
        if (s.contains(k))
            throw std::invalid_argument(std::string(op) + ": duplicate value in 'axis': " + std::to_string(a) +
                                        " for array of dimension " + std::to_string(rank));
        s.m_bits |= std::uint64_t{1} << k;
    }
    return s;
}

/// Result shape of reducing `axes` of `shape`: reduced axes dropped, or kept as 1.
inline shape_t reduced_shape(std::span<const std::size_t> shape, axis_set axes, bool keepdims) {
    shape_t r;
    for (std::size_t i = 0; i < shape.size(); ++i) {
        if (!axes.contains(i)) r.push_back(shape[i]);
        else if (keepdims) r.push_back(1);
    }
    return r;
}

/// Number of elements each result element combines (the product of the reduced extents).
inline std::size_t reduced_count(std::span<const std::size_t> shape, axis_set axes) noexcept {
    std::size_t n = 1;
    for (std::size_t i = 0; i < shape.size(); ++i)
        if (axes.contains(i)) n *= shape[i];
    return n;
}

/// Formats the reduced axes as NumPy prints a tuple: `(0,)`, `(0,2)`.
inline std::string format_axes(std::size_t rank, axis_set axes) {
    shape_t a;
    for (std::size_t i = 0; i < rank; ++i)
        if (axes.contains(i)) a.push_back(i);
    return format_shape(a.span());
}

}  // namespace tmath::detail
