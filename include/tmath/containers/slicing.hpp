#pragma once
/// @file slicing.hpp
/// NumPy's basic slicing: `view(x, 1, range(2, _), newaxis, ellipsis)` is `x[1, 2:, None, ...]`,
/// a view of the same memory (no copy), writable when `x` is.

#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include "tmath/containers/tensor.hpp"
#include "tmath/containers/tensor_view.hpp"
#include "tmath/containers/views.hpp"
#include "tmath/core/concepts.hpp"
#include "tmath/core/errors.hpp"
#include "tmath/core/shape.hpp"
#include "tmath/core/slice.hpp"

namespace tmath {

namespace detail {

/// The view `V` of the array (`data`, `shape`, `strides`) that `specs` select, with
/// NumPy's rules: fewer specs than dimensions leave the rest whole; an ellipsis stands for
/// the dimensions no other spec takes.
template <class V, class T>
V sliced(T* data, std::span<const std::size_t> shape, std::span<const std::ptrdiff_t> strides,
         std::span<const slice_spec> specs) {
    const std::size_t rank = shape.size();
    std::size_t taken = 0;     // specs that take a dimension of the input
    std::size_t dropped = 0;   // integer specs (each drops its dimension)
    std::size_t added = 0;     // newaxis specs
    std::size_t ellipses = 0;
    for (const slice_spec& s : specs) {
        taken += s.takes_dimension() ? 1 : 0;
        dropped += s.which() == slice_spec::kind::index ? 1 : 0;
        added += s.which() == slice_spec::kind::new_axis ? 1 : 0;
        ellipses += s.which() == slice_spec::kind::remaining_axes ? 1 : 0;
    }
    if (ellipses > 1)
        throw index_error("view: an index can only have a single ellipsis, got " + std::to_string(ellipses) +
                          " for shape " + format_shape(shape));
    if (taken > rank)
        throw index_error("view: too many indices for shape " + format_shape(shape) + ": " + std::to_string(taken) +
                          " were given");
    shape_t out_shape;
    strides_t out_strides;
    out_shape.reserve(rank - dropped + added);  // (inline up to TMATH_INLINE_RANK: no allocation)
    out_strides.reserve(rank - dropped + added);
    std::ptrdiff_t offset = 0;
    bool empty = false;
    std::size_t d = 0;  // the next dimension of the input
    const auto keep = [&](std::size_t n) {
        for (std::size_t k = 0; k < n; ++k, ++d) {
            out_shape.push_back(shape[d]);
            out_strides.push_back(strides[d]);
            empty = empty || shape[d] == 0;
        }
    };
    for (const slice_spec& s : specs) {
        switch (s.which()) {
        case slice_spec::kind::index: {
            const auto n = static_cast<std::ptrdiff_t>(shape[d]);
            const std::ptrdiff_t i = s.index() < 0 ? s.index() + n : s.index();
            if (i < 0 || i >= n)
                throw index_error("view: index " + std::to_string(s.index()) + " is out of bounds for axis " +
                                  std::to_string(d) + " with size " + std::to_string(n) + " (shape " +
                                  format_shape(shape) + ")");
            offset += i * strides[d];
            ++d;
            break;
        }
        case slice_spec::kind::range: {
            const range_t& r = s.as_range();
            if (r.step.given() && r.step.value() == 0) throw_zero_step("view", d, format_shape(shape));
            const resolved_range rr = resolve_range(r, shape[d]);
            if (rr.count != 0) offset += rr.start * strides[d];
            out_shape.push_back(rr.count);
            out_strides.push_back(strides[d] * rr.step);
            empty = empty || rr.count == 0;
            ++d;
            break;
        }
        case slice_spec::kind::whole_axis:
            keep(1);
            break;
        case slice_spec::kind::new_axis:
            out_shape.push_back(1);
            out_strides.push_back(0);
            break;
        case slice_spec::kind::remaining_axes:
            keep(rank - taken);
            break;
        }
    }
    keep(rank - d);
    // An empty result may have been offset past its memory; it reads nothing, so it keeps
    // the input's pointer (an empty tensor's may be null).
    return V(empty ? data : data + offset, std::move(out_shape), std::move(out_strides));
}

/// The slice of a tensor or view `x`, of the view type `x` gives.
template <class X>
auto slice_of(X& x, std::span<const slice_spec> specs) {
    using view = typename view_of<X>::type;
    return sliced<view>(x.data(), std::span<const std::size_t>(x.shape()), std::span<const std::ptrdiff_t>(x.strides()),
                        specs);
}

/// A tensor or view that may be sliced: a temporary tensor may not (the view would dangle).
template <class X>
concept sliceable = memory_expression<X> && (!std::is_rvalue_reference_v<X&&> || !owning_expression<X>);

}  // namespace detail

/// NumPy's basic slicing `x[specs...]`: a view of `x`'s memory (no copy), with `const`
/// elements when `x` is a const tensor. Each spec is an integer (drops the dimension;
/// negative counts from the end), `range(start, stop[, step])`, `all`, `newaxis` or
/// `ellipsis`; dimensions without a spec are taken whole. Throws index_error for an
/// index out of range, too many specs or two ellipses, std::invalid_argument for a step
/// of 0; each message names the shape.
template <class X, class... S>
    requires detail::sliceable<X> && (std::is_constructible_v<slice_spec, const S&> && ...)
auto view(X&& x, const S&... specs) {
    const std::array<slice_spec, sizeof...(S)> s{slice_spec(specs)...};
    return detail::slice_of(x, std::span<const slice_spec>(s.data(), s.size()));
}

/// Slicing with specs chosen at run time: `view(x, std::vector<slice_spec>{...})`.
template <class X>
    requires detail::sliceable<X>
auto view(X&& x, std::span<const slice_spec> specs) {
    return detail::slice_of(x, specs);
}

}  // namespace tmath
