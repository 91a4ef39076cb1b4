#pragma once
/// @file logical.hpp
/// Truth-value reductions: `any`, `all` and `count_nonzero`, over every element or along
/// an axis, a list or a range of axes, with `keepdims`. Any element type is read as a
/// truth value (nonzero, NaN included, is true). `tmath::all` is the object that also
/// serves as the whole-axis slice spec (core/slice.hpp); its calls land here.

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <type_traits>

#include "tmath/config.hpp"
#include "tmath/containers/tensor.hpp"
#include "tmath/core/concepts.hpp"
#include "tmath/core/slice.hpp"
#include "tmath/expr/cast.hpp"
#include "tmath/reduce/axes.hpp"
#include "tmath/reduce/ops.hpp"
#include "tmath/reduce/reductions.hpp"
#include "tmath/simd/simd.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE {

namespace detail {

/// Logical or: identity false.
struct any_op {
    static constexpr const char* name = "any";
    static constexpr bool needs_nonempty = false;
    static constexpr bool tracks_nan = false;
    template <class A>
    static A identity() noexcept { return A(false); }
    template <class A>
    static A apply(A a, A b) noexcept { return a || b; }
    template <class A>
    static simd::batch<A> apply_batch(const simd::batch<A>& a, const simd::batch<A>&) noexcept { return a; }
    template <class A>
    static A horizontal(const simd::batch<A>& b) noexcept { return fold_lanes<any_op, A>(b); }
};

/// Logical and: identity true.
struct all_op {
    static constexpr const char* name = "all";
    static constexpr bool needs_nonempty = false;
    static constexpr bool tracks_nan = false;
    template <class A>
    static A identity() noexcept { return A(true); }
    template <class A>
    static A apply(A a, A b) noexcept { return a && b; }
    template <class A>
    static simd::batch<A> apply_batch(const simd::batch<A>& a, const simd::batch<A>&) noexcept { return a; }
    template <class A>
    static A horizontal(const simd::batch<A>& b) noexcept { return fold_lanes<all_op, A>(b); }
};

/// x as bool elements, for counting: itself when it already is, else a lazy `x != 0`.
/// (`any` and `all` read x directly: the reduction converts each element to bool.)
template <class E>
decltype(auto) truth_of(const E& x) {
    if constexpr (std::is_same_v<value_type_t<E>, bool>) return (x);
    else return astype<bool>(x);
}

template <tensor_expression E>
bool all_elements(const E& x) {
    return reduce_all<all_op, bool>(x, "all");
}
template <tensor_expression E, class R>
auto all_along(const E& x, const R& axes, bool keepdims) {
    return reduce_along<all_op, bool>(x, axes, keepdims, "all");
}

}  // namespace detail

/// True if any element is nonzero (false when empty).
template <tensor_expression E>
bool any(const E& x) {
    return detail::reduce_all<detail::any_op, bool>(x, "any");
}
/// Whether any element along `axis` is nonzero; `keepdims` keeps it as extent 1.
template <tensor_expression E>
tensor<bool> any(const E& x, std::ptrdiff_t axis, bool keepdims = false) {
    return detail::reduce_along<detail::any_op, bool>(x, std::span(&axis, 1), keepdims, "any");
}
/// Whether any element along a list of axes is nonzero.
template <tensor_expression E>
tensor<bool> any(const E& x, std::initializer_list<std::ptrdiff_t> axes, bool keepdims = false) {
    return detail::reduce_along<detail::any_op, bool>(x, axes, keepdims, "any");
}
/// Whether any element along a range of axes is nonzero.
template <tensor_expression E, axis_range R>
tensor<bool> any(const E& x, const R& axes, bool keepdims = false) {
    return detail::reduce_along<detail::any_op, bool>(x, axes, keepdims, "any");
}

/// Number of nonzero elements.
template <tensor_expression E>
std::int64_t count_nonzero(const E& x) {
    return detail::reduce_all<detail::sum_op, std::int64_t>(detail::truth_of(x), "count_nonzero");
}
/// Number of nonzero elements along `axis`.
template <tensor_expression E>
tensor<std::int64_t> count_nonzero(const E& x, std::ptrdiff_t axis, bool keepdims = false) {
    return detail::reduce_along<detail::sum_op, std::int64_t>(detail::truth_of(x), std::span(&axis, 1), keepdims,
                                                               "count_nonzero");
}
/// Number of nonzero elements along a list of axes.
template <tensor_expression E>
tensor<std::int64_t> count_nonzero(const E& x, std::initializer_list<std::ptrdiff_t> axes, bool keepdims = false) {
    return detail::reduce_along<detail::sum_op, std::int64_t>(detail::truth_of(x), axes, keepdims, "count_nonzero");
}
/// Number of nonzero elements along a range of axes.
template <tensor_expression E, axis_range R>
tensor<std::int64_t> count_nonzero(const E& x, const R& axes, bool keepdims = false) {
    return detail::reduce_along<detail::sum_op, std::int64_t>(detail::truth_of(x), axes, keepdims, "count_nonzero");
}

}  // namespace tmath
