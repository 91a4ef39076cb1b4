#pragma once
/// @file binary_math.hpp
/// Element-wise functions of several operands: `clip(x, lo, hi)`, `remainder` and `fmod`
/// with NumPy's sign rules, and `pow(x, y)` with a tensor exponent. They broadcast, take
/// a scalar on either side (a scalar adapts to the tensor's element type, as for the
/// operators), and build lazy nodes that fuse into one pass on assignment. The result
/// type is the operands' common type; bool gives int8 for the arithmetic ones, as NumPy.

#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>
#include <utility>

#include "tmath/config.hpp"
#include "tmath/core/concepts.hpp"
#include "tmath/core/errors.hpp"
#include "tmath/core/shape.hpp"
#include "tmath/expr/elementwise.hpp"
#include "tmath/expr/functors.hpp"
#include "tmath/expr/math.hpp"
#include "tmath/expr/operators.hpp"
#include "tmath/reduce/logical.hpp"
#include "tmath/simd/math.hpp"
#include "tmath/simd/special.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE {

namespace fn {

/// Common type of the operands, bool promoted to int8 (NumPy's integer loops).
struct integer_promoting_result {
    template <class... Ts>
    using result = std::conditional_t<std::is_same_v<std::common_type_t<Ts...>, bool>, std::int8_t, std::common_type_t<Ts...>>;
};

/// NumPy's `clip`: lo where x < lo, then hi where the result > hi (so hi when lo > hi);
/// NaN in x stays, a NaN bound is ignored.
struct clip_fn : arithmetic_result {
    static constexpr const char* name = "clip";
    template <arithmetic T>
    T operator()(T x, T lo, T hi) const noexcept {
        const T r = x < lo ? lo : x;
        return r > hi ? hi : r;
    }
    template <simd_batch B>
    B operator()(const B& x, const B& lo, const B& hi) const noexcept {
        const B r = simd::select(simd::lt(x, lo), lo, x);
        return simd::select(simd::gt(r, hi), hi, r);
    }
};

/// C's fmod for floats (the sign of the dividend, exact); for integers the truncating
/// remainder, with 0 for a zero divisor (as NumPy, which warns).
struct fmod_fn : integer_promoting_result {
    static constexpr const char* name = "fmod";
    template <arithmetic T>
    T operator()(T a, T b) const noexcept {
        if constexpr (std::is_floating_point_v<T>) {
            return std::fmod(a, b);
        } else {
            if constexpr (std::is_signed_v<T>)
                if (b == T(-1)) return T(0);  // also the overflowing minimum / -1
            return b == T(0) ? T(0) : static_cast<T>(a % b);
        }
    }
    // Lane by lane through the scalar call: the floating result is exact, which the
    // quotient-based SIMD formula is not for large quotients.
    template <simd_batch B>
    B operator()(const B& a, const B& b) const noexcept {
        using T = typename B::value_type;
        return simd::lanewise<T>(a, b, [this](T x, T y) { return (*this)(x, y); });
    }
};

/// NumPy's `remainder` (Python's %): the sign of the divisor. Floats: fmod, plus the
/// divisor when the signs differ, a zero with the divisor's sign, NaN for a zero
/// divisor. Integers: the floored remainder, 0 for a zero divisor.
struct remainder_fn : integer_promoting_result {
    static constexpr const char* name = "remainder";
    template <arithmetic T>
    T operator()(T a, T b) const noexcept {
        if constexpr (std::is_floating_point_v<T>) {
            T m = std::fmod(a, b);
            if (b == T(0)) return m;
            if (m != T(0)) {
                if ((b < T(0)) != (m < T(0))) m += b;
            } else {
                m = std::copysign(T(0), b);
            }
            return m;
        } else if constexpr (std::is_unsigned_v<T>) {
            return b == T(0) ? T(0) : static_cast<T>(a % b);
        } else {
            if (b == T(0) || b == T(-1)) return T(0);
            const T m = static_cast<T>(a % b);
            return (m != 0 && ((m < 0) != (b < 0))) ? static_cast<T>(m + b) : m;
        }
    }
    template <simd_batch B>
    B operator()(const B& a, const B& b) const noexcept {
        using T = typename B::value_type;
        return simd::lanewise<T>(a, b, [this](T x, T y) { return (*this)(x, y); });
    }
};

/// x^y with a tensor (or scalar) exponent. Floats: C's pow. Integers: exact repeated
/// squaring with wrap-around (`pow` rejects negative integer exponents first, as NumPy;
/// here they give 1 / x^|y| truncated, so that no input is undefined).
struct power_fn : integer_promoting_result {
    static constexpr const char* name = "power";
    template <arithmetic T>
    T operator()(T x, T y) const noexcept {
        if constexpr (std::is_floating_point_v<T>) {
            return std::pow(x, y);
        } else {
            return integer_power(x, static_cast<std::int64_t>(y));
        }
    }
    template <simd_batch B>
    B operator()(const B& x, const B& y) const noexcept {
        using T = typename B::value_type;
        if constexpr (std::is_floating_point_v<T>) return simd::pow(x, y);
        else return simd::lanewise<T>(x, y, [this](T a, T b) { return (*this)(a, b); });
    }
};

}  // namespace fn

namespace detail {
/// A clip bound: an expression, or a scalar.
template <class L>
concept clip_operand = tensor_expression<L> || arithmetic<std::remove_cvref_t<L>>;
}  // namespace detail

/// NumPy's `clip(x, lo, hi)`: each element limited to [lo, hi] (hi where lo > hi), NaN
/// in x kept. The bounds are scalars or tensors that broadcast with x; lazy.
template <tensor_expression E, detail::clip_operand L, detail::clip_operand H>
auto clip(E&& x, L&& lo, H&& hi) {
    using V = value_type_t<E>;
    return detail::make_elementwise(fn::clip_fn{}, std::forward<E>(x), detail::as_operand<V>(std::forward<L>(lo)),
                                    detail::as_operand<V>(std::forward<H>(hi)));
}
/// NumPy's `remainder` (Python's `%`): the result has the divisor's sign; integer
/// division by zero gives 0. Broadcasting, either side may be a scalar; lazy.
template <class A, class B>
    requires detail::operand_pair<A, B>
auto remainder(A&& a, B&& b) {
    return detail::binary(fn::remainder_fn{}, std::forward<A>(a), std::forward<B>(b));
}
/// NumPy's `fmod` (C's): the result has the dividend's sign; integer division by zero
/// gives 0. Broadcasting, either side may be a scalar; lazy.
template <class A, class B>
    requires detail::operand_pair<A, B>
auto fmod(A&& a, B&& b) {
    return detail::binary(fn::fmod_fn{}, std::forward<A>(a), std::forward<B>(b));
}
namespace detail {
/// An operand of `pow` in an error message: its shape, or the scalar's value.
template <class X>
std::string power_operand_text(const X& x) {
    if constexpr (arithmetic<X>) return std::to_string(x);
    else return format_shape(x.shape());
}
}  // namespace detail

/// Element-wise `x^y` with a tensor exponent (or a scalar base), broadcasting, lazy.
/// Integers stay integers; a tensor with a scalar exponent takes the `pow(x, p)`
/// overload of math.hpp.
/// @throws std::invalid_argument when the result is integral and non-empty and an
/// exponent is negative (as NumPy). The exponent is scanned here, before any assignment
/// starts; a lazy exponent expression is thereby evaluated twice.
template <class A, class B>
    requires detail::operand_pair<A, B> && (!(tensor_expression<A> && arithmetic<std::remove_cvref_t<B>>))
auto pow(A&& x, B&& y) {
    using R = value_type_t<decltype(detail::binary(fn::power_fn{}, std::declval<A>(), std::declval<B>()))>;
    using Y = std::remove_cvref_t<B>;
    std::string negative;  // the operands, when an exponent is negative
    if constexpr (std::is_integral_v<R>) {
        bool found = false;
        if constexpr (arithmetic<Y>) found = y < Y(0);
        else if constexpr (std::is_signed_v<value_type_t<Y>> && !std::is_same_v<value_type_t<Y>, bool>)
            found = any(y < value_type_t<Y>(0));
        if (found) negative = "base " + detail::power_operand_text(x) + ", exponent " + detail::power_operand_text(y);
    }
    auto e = detail::binary(fn::power_fn{}, std::forward<A>(x), std::forward<B>(y));
    if (!negative.empty() && shape_size(e.shape()) != 0) detail::throw_negative_integer_power(negative);
    return e;
}

}  // namespace tmath
