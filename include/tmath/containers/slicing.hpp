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

#include "tmath/config.hpp"
#include "tmath/containers/tensor.hpp"
#include "tmath/containers/tensor_view.hpp"
#include "tmath/containers/views.hpp"
#include "tmath/core/concepts.hpp"
#include "tmath/core/errors.hpp"
#include "tmath/core/shape.hpp"
#include "tmath/core/slice.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE {

namespace detail {

/// Applies slice specs one by one to an array (`shape`, `strides`), building the view's
/// shape, strides and offset with NumPy's rules. `taken` is the number of specs that take
/// a dimension (an ellipsis stands for the rest); the caller has checked it and the
/// ellipses. One overload per spec type, so that specs known at compile time (view's
/// argument list) are applied without a run-time dispatch.
class slicer {
public:
    slicer(std::span<const std::size_t> shape, std::span<const std::ptrdiff_t> strides, std::size_t taken) noexcept
        : m_in_shape(shape), m_in_strides(strides), m_taken(taken) {}

    /// One index: drops the dimension (negative counts from the end).
    void operator()(std::ptrdiff_t index) {
        const auto n = static_cast<std::ptrdiff_t>(m_in_shape[m_d]);
        const std::ptrdiff_t i = index < 0 ? index + n : index;
        if (i < 0 || i >= n) throw_out_of_bounds(index);
        m_offset += i * m_in_strides[m_d];
        ++m_d;
    }
    /// A range of the dimension.
    void operator()(const range_t& r) {
        if (r.step.given() && r.step.value() == 0) throw_zero_step("view", m_d, format_shape(m_in_shape));
        const resolved_range rr = resolve_range(r, m_in_shape[m_d]);
        if (rr.count != 0) m_offset += rr.start * m_in_strides[m_d];
        m_shape.push_back(rr.count);
        m_strides.push_back(m_in_strides[m_d] * rr.step);
        m_empty = m_empty || rr.count == 0;
        ++m_d;
    }
    /// The whole dimension.
    void operator()(all_t) noexcept { keep(1); }
    /// A new dimension of extent 1.
    void operator()(newaxis_t) noexcept {
        m_shape.push_back(1);
        m_strides.push_back(0);
    }
    /// The dimensions no other spec takes.
    void operator()(ellipsis_t) noexcept { keep(m_in_shape.size() - m_taken); }
    /// Any spec, by its kind.
    void operator()(const slice_spec& s) {
        switch (s.which()) {
        case slice_spec::kind::index: return (*this)(s.index());
        case slice_spec::kind::range: return (*this)(s.as_range());
        case slice_spec::kind::whole_axis: return (*this)(all);
        case slice_spec::kind::new_axis: return (*this)(newaxis);
        case slice_spec::kind::remaining_axes: return (*this)(ellipsis);
        }
    }

    /// The view of the array at `data`: the dimensions no spec took are kept whole. An
    /// empty result may have been offset past its memory; it reads nothing, so it keeps
    /// the input's pointer (an empty tensor's may be null).
    template <class V, class T>
    V finish(T* data) {
        keep(m_in_shape.size() - m_d);
        return V(m_empty ? data : data + m_offset, std::move(m_shape), std::move(m_strides));
    }

    /// The checks before any spec: at most one ellipsis, at most `rank` specs that take a dimension.
    static void check(std::span<const std::size_t> shape, std::size_t taken, std::size_t ellipses) {
        if (ellipses > 1)
            throw index_error("view: an index can only have a single ellipsis, got " + std::to_string(ellipses) +
                              " for shape " + format_shape(shape));
        if (taken > shape.size())
            throw index_error("view: too many indices for shape " + format_shape(shape) + ": " + std::to_string(taken) +
                              " were given");
    }

private:
    void keep(std::size_t n) noexcept {
        for (std::size_t k = 0; k < n; ++k, ++m_d) {
            m_shape.push_back(m_in_shape[m_d]);
            m_strides.push_back(m_in_strides[m_d]);
            m_empty = m_empty || m_in_shape[m_d] == 0;
        }
    }
    [[noreturn]] TMATH_NOINLINE void throw_out_of_bounds(std::ptrdiff_t index) const {
        throw index_error("view: index " + std::to_string(index) + " is out of bounds for axis " + std::to_string(m_d) +
                          " with size " + std::to_string(m_in_shape[m_d]) + " (shape " + format_shape(m_in_shape) + ")");
    }

    std::span<const std::size_t> m_in_shape;
    std::span<const std::ptrdiff_t> m_in_strides;
    std::size_t m_taken;
    shape_t m_shape;  // (inline up to TMATH_INLINE_RANK: no allocation)
    strides_t m_strides;
    std::ptrdiff_t m_offset = 0;
    std::size_t m_d = 0;  // the next dimension of the input
    bool m_empty = false;
};

/// The view `V` of the array (`data`, `shape`, `strides`) that `specs` select, with
/// NumPy's rules: fewer specs than dimensions leave the rest whole; an ellipsis stands for
/// the dimensions no other spec takes.
template <class V, class T>
V sliced(T* data, std::span<const std::size_t> shape, std::span<const std::ptrdiff_t> strides,
         std::span<const slice_spec> specs) {
    std::size_t taken = 0;
    std::size_t ellipses = 0;
    for (const slice_spec& s : specs) {
        taken += s.takes_dimension() ? 1 : 0;
        ellipses += s.which() == slice_spec::kind::remaining_axes ? 1 : 0;
    }
    slicer::check(shape, taken, ellipses);
    slicer apply(shape, strides, taken);
    for (const slice_spec& s : specs) apply(s);
    return apply.finish<V>(data);
}

/// A spec as slicer takes it: integers as std::ptrdiff_t, the rest as they are.
template <class S>
constexpr decltype(auto) spec_value(const S& s) noexcept {
    if constexpr (std::is_integral_v<S>) return static_cast<std::ptrdiff_t>(s);
    else return (s);
}

/// True for the spec types that sliced_as takes: integers and the spec objects.
template <class S>
inline constexpr bool spec_type = std::is_integral_v<S> || std::is_same_v<S, range_t> || std::is_same_v<S, all_t> ||
                                  std::is_same_v<S, newaxis_t> || std::is_same_v<S, ellipsis_t>;

/// True for a spec type that takes a dimension of the input: an integer, a range or `all`.
template <class S>
inline constexpr bool takes_dimension = std::is_integral_v<S> || std::is_same_v<S, range_t> || std::is_same_v<S, all_t>;

/// sliced() for specs of types known at compile time (view's arguments): the counts are
/// constants and each spec is applied by its own overload.
template <class V, class T, class... S>
V sliced_as(T* data, std::span<const std::size_t> shape, std::span<const std::ptrdiff_t> strides, const S&... specs) {
    constexpr std::size_t taken = (std::size_t{0} + ... + (takes_dimension<S> ? 1 : 0));
    constexpr std::size_t ellipses = (std::size_t{0} + ... + (std::is_same_v<S, ellipsis_t> ? 1 : 0));
    slicer::check(shape, taken, ellipses);
    slicer apply(shape, strides, taken);
    (apply(spec_value(specs)), ...);
    return apply.finish<V>(data);
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
    using result = typename detail::view_of<std::remove_reference_t<X>>::type;
    if constexpr (!(detail::spec_type<S> && ...)) {
        const std::array<slice_spec, sizeof...(S)> s{slice_spec(specs)...};
        return detail::slice_of(x, std::span<const slice_spec>(s.data(), s.size()));
    } else {
        return detail::sliced_as<result>(x.data(), std::span<const std::size_t>(x.shape()),
                                         std::span<const std::ptrdiff_t>(x.strides()), specs...);
    }
}

/// Slicing with specs chosen at run time: `view(x, std::vector<slice_spec>{...})`.
template <class X>
    requires detail::sliceable<X>
auto view(X&& x, std::span<const slice_spec> specs) {
    return detail::slice_of(x, specs);
}

}  // namespace tmath
