#pragma once
/// @file rounding.hpp
/// Element-wise `floor`, `ceil`, `round` (half to even), `trunc`, `sign` and `square`:
/// lazy nodes that fuse into one SIMD pass on assignment. They keep the element type:
/// on integers the rounding functions are the identity (NumPy 2.3 and later; NumPy 1.x
/// and 2.0-2.2 return floats from floor / ceil / trunc), and `square` of bool gives
/// int8 as NumPy's does.

#include <cmath>
#include <cstdint>
#include <type_traits>
#include <utility>

#include "tmath/config.hpp"
#include "tmath/core/concepts.hpp"
#include "tmath/expr/elementwise.hpp"
#include "tmath/expr/functors.hpp"
#include "tmath/simd/math.hpp"
#include "tmath/simd/special.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE {

namespace fn {

/// Result of a function that keeps its operand's element type.
struct same_result {
    template <class T>
    using result = T;
};

/// A rounding of floating-point elements, the identity on integers (as NumPy >= 2.3).
/// `R` names it and gives its scalar and batch forms.
template <class R>
struct rounding_fn : same_result {
    static constexpr const char* name = R::name;
    template <arithmetic T>
    T operator()(T x) const noexcept {
        if constexpr (std::is_floating_point_v<T>) return R::scalar(x);
        else return x;
    }
    template <simd_batch B>
    B operator()(const B& x) const noexcept {
        if constexpr (std::is_floating_point_v<typename B::value_type>) return R::batch(x);
        else return x;
    }
};

/// Largest integral value not greater than x.
struct floor_rounding {
    static constexpr const char* name = "floor";
    template <class T>
    static T scalar(T x) noexcept { return std::floor(x); }
    template <class B>
    static B batch(const B& x) noexcept { return simd::floor(x); }
};
/// Smallest integral value not less than x.
struct ceil_rounding {
    static constexpr const char* name = "ceil";
    template <class T>
    static T scalar(T x) noexcept { return std::ceil(x); }
    template <class B>
    static B batch(const B& x) noexcept { return simd::ceil(x); }
};
/// x rounded toward zero.
struct trunc_rounding {
    static constexpr const char* name = "trunc";
    template <class T>
    static T scalar(T x) noexcept { return std::trunc(x); }
    template <class B>
    static B batch(const B& x) noexcept { return simd::trunc(x); }
};
/// x rounded to the nearest integer, halves to even as NumPy's `round` (assumes the
/// default rounding mode).
struct even_rounding {
    static constexpr const char* name = "round";
    template <class T>
    static T scalar(T x) noexcept { return std::nearbyint(x); }
    template <class B>
    static B batch(const B& x) noexcept { return simd::round_even(x); }
};

using floor_fn = rounding_fn<floor_rounding>;
using ceil_fn = rounding_fn<ceil_rounding>;
using trunc_fn = rounding_fn<trunc_rounding>;
using round_fn = rounding_fn<even_rounding>;

/// -1, 0 or 1 by the sign of x; NaN stays NaN and -0.0 gives 0.0, as in NumPy.
struct sign_fn : same_result {
    static constexpr const char* name = "sign";
    template <arithmetic T>
    T operator()(T x) const noexcept {
        if constexpr (std::is_unsigned_v<T>) return x > 0 ? T(1) : T(0);
        else if constexpr (std::is_floating_point_v<T>) return x > 0 ? T(1) : x < 0 ? T(-1) : static_cast<T>(x + T(0));
        else return x > 0 ? T(1) : x < 0 ? T(-1) : T(0);
    }
    template <simd_batch B>
    B operator()(const B& x) const noexcept {
        using T = typename B::value_type;
        const B zero = B::broadcast(T(0));
        const B one = B::broadcast(T(1));
        if constexpr (std::is_unsigned_v<T>) {
            return simd::select(simd::gt(x, zero), one, zero);
        } else {
            // x + 0 turns -0.0 into 0.0 and keeps NaN (and is 0 for integer zeros).
            const B rest = simd::select(simd::lt(x, zero), B::broadcast(T(-1)), x + zero);
            return simd::select(simd::gt(x, zero), one, rest);
        }
    }
};

/// x * x; bool gives int8 (NumPy's square has no bool loop).
struct square_fn {
    static constexpr const char* name = "square";
    template <class T>
    using result = std::conditional_t<std::is_same_v<T, bool>, std::int8_t, T>;
    template <arithmetic T>
    T operator()(T x) const noexcept { return static_cast<T>(x * x); }
    template <simd_batch B>
    B operator()(const B& x) const noexcept { return x * x; }
};

}  // namespace fn

/// Element-wise floor, keeping the element type (the identity on integers), lazy.
template <tensor_expression E>
auto floor(E&& e) {
    return detail::make_elementwise(fn::floor_fn{}, std::forward<E>(e));
}
/// Element-wise ceiling, keeping the element type (the identity on integers), lazy.
template <tensor_expression E>
auto ceil(E&& e) {
    return detail::make_elementwise(fn::ceil_fn{}, std::forward<E>(e));
}
/// Element-wise rounding toward zero, keeping the element type, lazy.
template <tensor_expression E>
auto trunc(E&& e) {
    return detail::make_elementwise(fn::trunc_fn{}, std::forward<E>(e));
}
/// Element-wise rounding to the nearest integer with halves to even (NumPy's `round` /
/// `rint`: 0.5 -> 0, 1.5 -> 2, -2.5 -> -2), keeping the element type, lazy.
template <tensor_expression E>
auto round(E&& e) {
    return detail::make_elementwise(fn::round_fn{}, std::forward<E>(e));
}
/// Element-wise sign: -1, 0 or 1 in the element type (NaN stays NaN), lazy. Not for
/// bool, which NumPy rejects too.
template <tensor_expression E>
auto sign(E&& e) {
    static_assert(!std::is_same_v<value_type_t<E>, bool>, "tmath::sign: bool input is not supported (as in NumPy)");
    return detail::make_elementwise(fn::sign_fn{}, std::forward<E>(e));
}
/// Element-wise x * x, keeping the element type (bool gives int8), lazy.
template <tensor_expression E>
auto square(E&& e) {
    return detail::make_elementwise(fn::square_fn{}, std::forward<E>(e));
}

}  // namespace tmath
