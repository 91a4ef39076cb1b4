#pragma once
/// @file split.hpp
/// NumPy's `split`: views of a tensor or view along an axis, in equal sections or at
/// given indices (the inverse of `concatenate`, without a copy).

#include <array>
#include <cstddef>
#include <initializer_list>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "tmath/config.hpp"
#include "tmath/containers/slicing.hpp"
#include "tmath/core/errors.hpp"
#include "tmath/core/range_access.hpp"
#include "tmath/core/shape.hpp"
#include "tmath/core/slice.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE {

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
