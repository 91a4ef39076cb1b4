#pragma once
/// @file arg.hpp
/// `argmax` and `argmin`: the index of the first largest (smallest) element, over every
/// element (an index into the flattened array, as NumPy) or along one axis (a tensor of
/// std::int64_t, optionally with `keepdims`). A NaN counts as the extreme value: the
/// first NaN's index is the answer, as NumPy. An empty extent throws shape_error (NumPy:
/// "attempt to get argmax of an empty sequence").
///
/// Each row runs in two SIMD passes over memory that stays in cache: the extreme value
/// (and whether a NaN occurs), then the first lane equal to it (or the first NaN).

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <type_traits>

#include "tmath/config.hpp"
#include "tmath/containers/tensor.hpp"
#include "tmath/core/concepts.hpp"
#include "tmath/core/errors.hpp"
#include "tmath/core/shape.hpp"
#include "tmath/reduce/axes.hpp"
#include "tmath/reduce/rows.hpp"
#include "tmath/simd/math.hpp"
#include "tmath/simd/reduce_ops.hpp"
#include "tmath/simd/search.hpp"
#include "tmath/simd/simd.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::detail {

/// True when `b` beats the current best `a` (strictly: the first occurrence stays).
template <bool Max, class T>
constexpr bool arg_beats(T b, T a) noexcept {
    if constexpr (Max) return b > a;
    else return b < a;
}

/// The first index of the first NaN at or after `j` among p[0, n) (n when none).
template <class T>
std::size_t first_nan(const T* p, std::size_t j, std::size_t n) noexcept {
    if constexpr (simd::has_native_batch<T>) {
        constexpr std::size_t w = simd::width<T>;
        for (; j + w <= n; j += w) {
            const auto b = simd::load(p + j);
            const auto m = simd::nan_lanes<T>(b);
            if (simd::any_lane<T>(m)) return j + simd::first_lane<T>(m);
        }
    }
    for (; j < n; ++j)
        if (p[j] != p[j]) return j;
    return n;
}

/// The first index of p[0, n) equal to v (n when none).
template <class T>
std::size_t first_equal(const T* p, T v, std::size_t n) noexcept {
    std::size_t j = 0;
    if constexpr (simd::has_native_batch<T>) {
        constexpr std::size_t w = simd::width<T>;
        const auto vb = simd::splat(v);
        for (; j + 2 * w <= n; j += 2 * w) {
            const auto m0 = simd::eq(simd::load(p + j), vb);
            const auto m1 = simd::eq(simd::load(p + j + w), vb);
            if (simd::any_lane<T>(simd::mask_or<T>(m0, m1)))
                return simd::any_lane<T>(m0) ? j + simd::first_lane<T>(m0) : j + w + simd::first_lane<T>(m1);
        }
    }
    for (; j < n; ++j)
        if (p[j] == v) return j;
    return n;
}

/// The index of the first extreme element of p[0, n) (n > 0), NaN first.
template <bool Max, class T>
std::size_t arg_row(const T* p, std::size_t n) noexcept {
    constexpr bool floating = std::is_floating_point_v<T>;
    if constexpr (simd::has_native_batch<T> && !std::is_same_v<T, bool>) {
        using B = simd::batch<T>;
        constexpr std::size_t w = simd::width<T>;
        if (n >= 4 * w) {
            const auto ext = [](const B& a, const B& b) { return Max ? simd::lane_max<T>(a, b) : simd::lane_min<T>(a, b); };
            B a0 = simd::load(p), a1 = simd::load(p + w), a2 = simd::load(p + 2 * w), a3 = simd::load(p + 3 * w);
            auto nan = simd::mask_or<T>(simd::mask_or<T>(simd::nan_lanes<T>(a0), simd::nan_lanes<T>(a1)),
                                        simd::mask_or<T>(simd::nan_lanes<T>(a2), simd::nan_lanes<T>(a3)));
            std::size_t j = 4 * w;
            for (; j + 4 * w <= n; j += 4 * w) {
                const B x0 = simd::load(p + j), x1 = simd::load(p + j + w);
                const B x2 = simd::load(p + j + 2 * w), x3 = simd::load(p + j + 3 * w);
                a0 = ext(a0, x0), a1 = ext(a1, x1), a2 = ext(a2, x2), a3 = ext(a3, x3);
                if constexpr (floating)
                    nan = simd::mask_or<T>(nan, simd::mask_or<T>(simd::mask_or<T>(simd::nan_lanes<T>(x0), simd::nan_lanes<T>(x1)),
                                                                  simd::mask_or<T>(simd::nan_lanes<T>(x2), simd::nan_lanes<T>(x3))));
            }
            for (; j + w <= n; j += w) {
                const B x = simd::load(p + j);
                a0 = ext(a0, x);
                if constexpr (floating) nan = simd::mask_or<T>(nan, simd::nan_lanes<T>(x));
            }
            if constexpr (floating) {
                if (simd::any_lane<T>(nan)) return first_nan(p, 0, n);
            }
            alignas(64) T lanes[w];
            ext(ext(a0, a1), ext(a2, a3)).store_unaligned(lanes);
            T best = lanes[0];
            for (std::size_t k = 1; k < w; ++k) best = arg_beats<Max>(lanes[k], best) ? lanes[k] : best;
            for (std::size_t k = j; k < n; ++k) {
                if constexpr (floating) {
                    if (p[k] != p[k]) return k;  // no NaN before j
                }
                best = arg_beats<Max>(p[k], best) ? p[k] : best;
            }
            return first_equal(p, best, n);
        }
    }
    std::size_t at = 0;
    for (std::size_t k = 0; k < n; ++k) {
        if constexpr (floating) {
            if (p[k] != p[k]) return k;
        }
        if (arg_beats<Max>(p[k], p[at])) at = k;
    }
    return at;
}

/// argmax (Max) or argmin of x along the axes `axes` (every axis, or one).
template <bool Max, tensor_expression E>
tensor<std::int64_t> arg_along(const E& x, axis_set axes, bool keepdims, const char* op) {
    using T = value_type_t<E>;
    const auto shape = std::span<const std::size_t>(x.shape());
    if (reduced_count(shape, axes) == 0)
        throw shape_error(std::string(op) + ": attempt to get " + op + " of an empty sequence: shape " +
                          format_shape(shape) + " along axes " + format_axes(shape.size(), axes));
    const shape_t rshape = reduced_shape(shape, axes, keepdims);
    tensor<std::int64_t> out = tensor<std::int64_t>::uninitialized_of(rshape.span());
    const reduce_rows<T> rows = make_reduce_rows<T>(x, axes);
    if (rows.m_data == nullptr) return out;
    for (std::size_t i = 0; i < rows.m_rows; ++i)
        out.data()[i] = static_cast<std::int64_t>(arg_row<Max>(rows.m_data + i * rows.m_n, rows.m_n));
    return out;
}

/// argmax (Max) or argmin of x along `axis` (a rank-0 x takes 0 and -1, as NumPy).
template <bool Max, tensor_expression E>
tensor<std::int64_t> arg_axis(const E& x, std::ptrdiff_t axis, bool keepdims, const char* op) {
    const std::size_t rank = std::span<const std::size_t>(x.shape()).size();
    if (rank == 0) {
        (void)reduce_axis(axis, 1, op);
        return arg_along<Max>(x, axis_set{}, false, op);
    }
    return arg_along<Max>(x, make_axis_set(std::span(&axis, 1), rank, op), keepdims, op);
}

}  // namespace tmath::detail

namespace tmath::inline TMATH_ABI_NAMESPACE {

/// Index of the first largest element in the flattened (row-major) x; a NaN wins.
/// Throws shape_error when x is empty.
template <tensor_expression E>
std::int64_t argmax(const E& x) {
    const auto rank = std::span<const std::size_t>(x.shape()).size();
    return detail::arg_along<true>(x, detail::all_axes(rank), false, "argmax").data()[0];
}
/// Indices of the first largest elements along `axis` (negative counts from the end).
template <tensor_expression E>
tensor<std::int64_t> argmax(const E& x, std::ptrdiff_t axis, bool keepdims = false) {
    return detail::arg_axis<true>(x, axis, keepdims, "argmax");
}

/// Index of the first smallest element in the flattened (row-major) x; a NaN wins.
/// Throws shape_error when x is empty.
template <tensor_expression E>
std::int64_t argmin(const E& x) {
    const auto rank = std::span<const std::size_t>(x.shape()).size();
    return detail::arg_along<false>(x, detail::all_axes(rank), false, "argmin").data()[0];
}
/// Indices of the first smallest elements along `axis` (negative counts from the end).
template <tensor_expression E>
tensor<std::int64_t> argmin(const E& x, std::ptrdiff_t axis, bool keepdims = false) {
    return detail::arg_axis<false>(x, axis, keepdims, "argmin");
}

}  // namespace tmath
