#pragma once
/// @file compare.hpp
/// Element-wise comparisons (`<`, `<=`, `>`, `>=`, `==`, `!=`) giving lazy boolean
/// expressions, and `where(cond, a, b)`. Both sides of a comparison are read in their
/// common type; in SIMD code a comparison yields a mask, so `where(a > 0, a, b)` is a
/// compare and a select per batch, fused into the one pass of its assignment.

#include <cstddef>
#include <type_traits>
#include <utility>

#include "tmath/config.hpp"
#include "tmath/core/concepts.hpp"
#include "tmath/expr/elementwise.hpp"
#include "tmath/expr/functors.hpp"
#include "tmath/expr/operators.hpp"
#include "tmath/simd/math.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE {

namespace fn {

/// Base of the comparisons: bool elements, operands read in their common type, and a
/// batch overload that gives a mask.
struct comparison {
    template <class A, class B>
    using result = bool;
    template <std::size_t I, class A, class B>
    using operand = std::common_type_t<A, B>;
    static constexpr bool yields_mask = true;
};

/// a == b
struct equal : comparison {
    static constexpr const char* name = "equal";
    template <element T>
    bool operator()(T a, T b) const noexcept { return a == b; }
    template <simd_batch B>
    simd::mask_of<B> operator()(const B& a, const B& b) const noexcept { return simd::eq(a, b); }
};
/// a != b
struct not_equal : comparison {
    static constexpr const char* name = "not_equal";
    template <element T>
    bool operator()(T a, T b) const noexcept { return a != b; }
    template <simd_batch B>
    simd::mask_of<B> operator()(const B& a, const B& b) const noexcept { return simd::ne(a, b); }
};
/// a < b
struct less : comparison {
    static constexpr const char* name = "less";
    template <element T>
    bool operator()(T a, T b) const noexcept { return a < b; }
    template <simd_batch B>
    simd::mask_of<B> operator()(const B& a, const B& b) const noexcept { return simd::lt(a, b); }
};
/// a <= b
struct less_equal : comparison {
    static constexpr const char* name = "less_equal";
    template <element T>
    bool operator()(T a, T b) const noexcept { return a <= b; }
    template <simd_batch B>
    simd::mask_of<B> operator()(const B& a, const B& b) const noexcept { return simd::le(a, b); }
};
/// a > b
struct greater : comparison {
    static constexpr const char* name = "greater";
    template <element T>
    bool operator()(T a, T b) const noexcept { return a > b; }
    template <simd_batch B>
    simd::mask_of<B> operator()(const B& a, const B& b) const noexcept { return simd::gt(a, b); }
};
/// a >= b
struct greater_equal : comparison {
    static constexpr const char* name = "greater_equal";
    template <element T>
    bool operator()(T a, T b) const noexcept { return a >= b; }
    template <simd_batch B>
    simd::mask_of<B> operator()(const B& a, const B& b) const noexcept { return simd::ge(a, b); }
};

/// `c ? a : b`: the condition is read as bool (nonzero is true), a and b in their
/// common type; with batches, the condition is a mask and the choice a select.
struct where_fn {
    static constexpr const char* name = "where";
    template <class C, class A, class B>
    using result = std::common_type_t<A, B>;
    template <std::size_t I, class C, class A, class B>
    using operand = std::conditional_t<I == 0, bool, std::common_type_t<A, B>>;
    /// The batch call takes the condition as a mask.
    static constexpr bool reads_masks = true;

    template <element T>
    T operator()(bool c, T a, T b) const noexcept { return c ? a : b; }
    template <class M, simd_batch B>
    B operator()(const M& c, const B& a, const B& b) const noexcept { return simd::select<B>(c, a, b); }
};

}  // namespace fn

namespace detail {
/// A `where` branch: an expression or a scalar.
template <class A>
concept where_operand = tensor_expression<A> || arithmetic<std::remove_cvref_t<A>>;
}  // namespace detail

/// Element-wise `a == b`, broadcasting: a lazy expression of bool.
template <class A, class B>
    requires detail::operand_pair<A, B>
auto operator==(A&& a, B&& b) {
    return detail::binary(fn::equal{}, std::forward<A>(a), std::forward<B>(b));
}
/// Element-wise `a != b`, broadcasting: a lazy expression of bool.
template <class A, class B>
    requires detail::operand_pair<A, B>
auto operator!=(A&& a, B&& b) {
    return detail::binary(fn::not_equal{}, std::forward<A>(a), std::forward<B>(b));
}
/// Element-wise `a < b`, broadcasting: a lazy expression of bool.
template <class A, class B>
    requires detail::operand_pair<A, B>
auto operator<(A&& a, B&& b) {
    return detail::binary(fn::less{}, std::forward<A>(a), std::forward<B>(b));
}
/// Element-wise `a <= b`, broadcasting: a lazy expression of bool.
template <class A, class B>
    requires detail::operand_pair<A, B>
auto operator<=(A&& a, B&& b) {
    return detail::binary(fn::less_equal{}, std::forward<A>(a), std::forward<B>(b));
}
/// Element-wise `a > b`, broadcasting: a lazy expression of bool.
template <class A, class B>
    requires detail::operand_pair<A, B>
auto operator>(A&& a, B&& b) {
    return detail::binary(fn::greater{}, std::forward<A>(a), std::forward<B>(b));
}
/// Element-wise `a >= b`, broadcasting: a lazy expression of bool.
template <class A, class B>
    requires detail::operand_pair<A, B>
auto operator>=(A&& a, B&& b) {
    return detail::binary(fn::greater_equal{}, std::forward<A>(a), std::forward<B>(b));
}

/// `a` where `cond` is true (nonzero), else `b`: all three broadcast together; `a` and
/// `b` may be scalars (a scalar adapts to the other side's type, as in arithmetic).
/// The element type is the common type of `a` and `b`. Lazy, fused, and SIMD (a select
/// per batch) when `cond` is a comparison of floating-point or 32/64-bit integer operands.
template <tensor_expression C, class A, class B>
    requires detail::where_operand<A> && detail::where_operand<B>
auto where(C&& cond, A&& a, B&& b) {
    using va = typename detail::partner_value<A>::type;
    using vb = typename detail::partner_value<B>::type;
    return detail::make_elementwise(fn::where_fn{}, std::forward<C>(cond), detail::as_operand<vb>(std::forward<A>(a)),
                                    detail::as_operand<va>(std::forward<B>(b)));
}

}  // namespace tmath
