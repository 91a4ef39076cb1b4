#pragma once
/// @file slice.hpp
/// The index specifications of NumPy's basic slicing, `a[1, 2:, ::-1, None, ...]`:
/// an integer, `range(start, stop, step)` with `_` for an omitted bound, `all`,
/// `newaxis` and `ellipsis`, and `slice_spec`, which holds any of them (for a list of
/// specs built at run time). Also NumPy's rule that turns a range into a start, a count
/// and a step along an axis of a given extent.

#include <concepts>
#include <cstddef>
#include <initializer_list>
#include <span>
#include <stdexcept>
#include <string>
#include <type_traits>

#include "tmath/config.hpp"
#include "tmath/core/concepts.hpp"
#include "tmath/core/errors.hpp"
#include "tmath/core/range_access.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE {

/// The omitted bound of a range: NumPy's empty slot in `a[:3]` or `a[::2]`.
struct placeholder {};
/// `range(_, 3)` is NumPy's `:3`, `range(_, _, -1)` is `::-1`.
inline constexpr placeholder _{};

/// A bound (or step) of a range: an integer, or `_` for NumPy's omitted one.
class range_bound {
public:
    /// Omitted (`_`).
    constexpr range_bound(placeholder) noexcept {}
    /// A given value; negative counts from the end, as in NumPy.
    template <std::integral I>
        requires(!std::is_same_v<I, bool>)
    constexpr range_bound(I v) noexcept : m_value(static_cast<std::ptrdiff_t>(v)), m_given(true) {}

    /// True unless the bound is `_`.
    constexpr bool given() const noexcept { return m_given; }
    /// The value (0 when omitted).
    constexpr std::ptrdiff_t value() const noexcept { return m_value; }

private:
    std::ptrdiff_t m_value = 0;
    bool m_given = false;
};

/// NumPy's slice `start:stop:step`; make one with `tmath::range`.
struct range_t {
    range_bound start;  ///< first index, or `_` (the first along the step's direction)
    range_bound stop;   ///< index not reached, or `_` (past the last along the step's direction)
    range_bound step;   ///< nonzero, or `_` for 1
};

/// NumPy's `start:stop:step` as a slice spec: `range(1, _)` is `1:`, `range(_, -1)` is
/// `:-1`, `range(_, _, 2)` is `::2`. Bounds out of range are clipped as in NumPy; a
/// step of 0 makes `view` throw.
constexpr range_t range(range_bound start, range_bound stop, range_bound step = _) noexcept {
    return {start, stop, step};
}

namespace detail {
// The `all` reduction, defined in reduce/logical.hpp (declared here for all_t's calls).
template <tensor_expression E>
bool all_elements(const E& x);
template <tensor_expression E, class R>
auto all_along(const E& x, const R& axes, bool keepdims);
}  // namespace detail

/// `tmath::all`'s type: NumPy's `:` (a whole dimension) as a slice spec, and, called,
/// NumPy's `all` reduction (include reduce/logical.hpp or tmath.hpp for the calls).
struct all_t {
    /// True if every element is nonzero (true when empty).
    template <tensor_expression E>
    bool operator()(const E& x) const {
        return detail::all_elements(x);
    }
    /// Whether every element along `axis` is nonzero; `keepdims` keeps it as extent 1.
    template <tensor_expression E>
    auto operator()(const E& x, std::ptrdiff_t axis, bool keepdims = false) const {
        return detail::all_along(x, std::span<const std::ptrdiff_t>(&axis, 1), keepdims);
    }
    /// Whether every element along a list of axes is nonzero.
    template <tensor_expression E>
    auto operator()(const E& x, std::initializer_list<std::ptrdiff_t> axes, bool keepdims = false) const {
        return detail::all_along(x, axes, keepdims);
    }
    /// Whether every element along a range of axes is nonzero.
    template <tensor_expression E, std::ranges::input_range R>
        requires std::integral<std::ranges::range_value_t<R>>
    auto operator()(const E& x, const R& axes, bool keepdims = false) const {
        return detail::all_along(x, axes, keepdims);
    }
};
/// Selects a whole dimension (`a[:, 0]` is `view(a, all, 0)`); called, NumPy's `all`:
/// `all(x)`, `all(x, axis, keepdims)`.
inline constexpr all_t all{};

/// NumPy's `None` / `np.newaxis`: inserts a dimension of extent 1.
struct newaxis_t {};
/// Inserts a dimension of extent 1 (`a[None, :]` is `view(a, newaxis, all)`).
inline constexpr newaxis_t newaxis{};

/// NumPy's `...`: as many `all` as the tensor has dimensions left (at most one per view).
struct ellipsis_t {};
/// Stands for the dimensions no other spec names (`a[..., 0]` is `view(a, ellipsis, 0)`).
inline constexpr ellipsis_t ellipsis{};

/// Any one slice spec, for lists built at run time: `std::vector<slice_spec>{1, range(2, _),
/// newaxis}`. Converts implicitly from an integer, a range, `all`, `newaxis` and `ellipsis`.
class slice_spec {
public:
    /// What the spec selects.
    enum class kind : unsigned char { index, range, whole_axis, new_axis, remaining_axes };

    /// One index (the dimension is dropped); negative counts from the end.
    template <std::integral I>
        requires(!std::is_same_v<I, bool>)
    constexpr slice_spec(I i) noexcept : m_kind(kind::index), m_range{static_cast<std::ptrdiff_t>(i), _, _} {}
    /// A range of indices.
    constexpr slice_spec(range_t r) noexcept : m_kind(kind::range), m_range(r) {}
    /// The whole dimension.
    constexpr slice_spec(all_t) noexcept : m_kind(kind::whole_axis) {}
    /// A new dimension of extent 1.
    constexpr slice_spec(newaxis_t) noexcept : m_kind(kind::new_axis) {}
    /// The dimensions no other spec names.
    constexpr slice_spec(ellipsis_t) noexcept : m_kind(kind::remaining_axes) {}

    /// What the spec selects.
    constexpr kind which() const noexcept { return m_kind; }
    /// The index of an index spec.
    constexpr std::ptrdiff_t index() const noexcept { return m_range.start.value(); }
    /// The range of a range spec.
    constexpr const range_t& as_range() const noexcept { return m_range; }
    /// True if the spec takes a dimension of the tensor (an index, a range or `all`).
    constexpr bool takes_dimension() const noexcept {
        return m_kind == kind::index || m_kind == kind::range || m_kind == kind::whole_axis;
    }

private:
    kind m_kind;
    range_t m_range{_, _, _};
};

namespace detail {

/// The indices a range selects along one dimension: `count` of them, from `start`, `step` apart.
struct resolved_range {
    std::ptrdiff_t start = 0;
    std::size_t count = 0;
    std::ptrdiff_t step = 1;
};

/// One bound clipped into the dimension as NumPy does (PySlice_AdjustIndices).
constexpr std::ptrdiff_t clip_bound(std::ptrdiff_t v, std::ptrdiff_t n, std::ptrdiff_t step) noexcept {
    if (v < 0) {
        v += n;
        if (v < 0) v = step < 0 ? -1 : 0;
    } else if (v >= n) {
        v = step < 0 ? n - 1 : n;
    }
    return v;
}

/// The error of a zero step, naming the operation, the axis and the shape.
[[noreturn]] inline void throw_zero_step(const char* op, std::size_t axis, const std::string& shape) {
    throw std::invalid_argument(std::string(op) + ": slice step cannot be zero (axis " + std::to_string(axis) +
                                " of shape " + shape + ")");
}

/// The indices `r` selects along a dimension of `extent`, with NumPy's clipping of bounds
/// out of range (an empty result when they cross). The step must be nonzero.
constexpr resolved_range resolve_range(const range_t& r, std::size_t extent) noexcept {
    const auto n = static_cast<std::ptrdiff_t>(extent);
    const std::ptrdiff_t step = r.step.given() ? r.step.value() : 1;
    const std::ptrdiff_t start = r.start.given() ? clip_bound(r.start.value(), n, step) : (step < 0 ? n - 1 : 0);
    const std::ptrdiff_t stop = r.stop.given() ? clip_bound(r.stop.value(), n, step) : (step < 0 ? -1 : n);
    std::ptrdiff_t count = 0;
    if (step < 0 && stop < start) count = (start - stop - 1) / -step + 1;
    if (step > 0 && start < stop) count = step == 1 ? stop - start : (stop - start - 1) / step + 1;  // no division for unit steps
    return {start, static_cast<std::size_t>(count), step};
}

}  // namespace detail

}  // namespace tmath
