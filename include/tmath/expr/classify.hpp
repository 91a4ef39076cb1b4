#pragma once
/// @file classify.hpp
/// Element-wise tests giving bool: `isnan`, `isinf`, `isfinite` and NumPy's `isclose`.
/// Lazy nodes like the comparisons; `isnan` / `isinf` / `isfinite` yield SIMD masks, so
/// `where(isnan(x), 0.0f, x)` is a test and a select per batch.

#include <cmath>
#include <cstddef>
#include <limits>
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

/// Base of the one-operand tests: bool result, the operand read as it is, a mask per batch.
struct unary_test {
    template <class T>
    using result = bool;
    template <std::size_t I, class T>
    using operand = T;
    static constexpr bool yields_mask = true;
};

/// x is NaN (never for integers and bool).
struct isnan_fn : unary_test {
    static constexpr const char* name = "isnan";
    template <element T>
    bool operator()(T x) const noexcept { return x != x; }
    template <simd_batch B>
    simd::mask_of<B> operator()(const B& x) const noexcept { return simd::ne(x, x); }
};

/// x is +inf or -inf.
struct isinf_fn : unary_test {
    static constexpr const char* name = "isinf";
    template <element T>
    bool operator()(T x) const noexcept {
        if constexpr (std::is_floating_point_v<T>) return std::isinf(x);
        else return false;
    }
    template <simd_batch B>
    simd::mask_of<B> operator()(const B& x) const noexcept {
        using T = typename B::value_type;
        if constexpr (std::is_floating_point_v<T>)
            return simd::eq(simd::abs(x), B::broadcast(std::numeric_limits<T>::infinity()));
        else
            return simd::ne(x, x);
    }
};

/// x is neither infinite nor NaN.
struct isfinite_fn : unary_test {
    static constexpr const char* name = "isfinite";
    template <element T>
    bool operator()(T x) const noexcept {
        if constexpr (std::is_floating_point_v<T>) return std::isfinite(x);
        else return true;
    }
    template <simd_batch B>
    simd::mask_of<B> operator()(const B& x) const noexcept {
        using T = typename B::value_type;
        if constexpr (std::is_floating_point_v<T>)
            return simd::lt(simd::abs(x), B::broadcast(std::numeric_limits<T>::infinity()));
        else
            return simd::eq(x, x);
    }
};

/// NumPy's `isclose`: |a - b| <= atol + rtol * |b| with b finite, or a == b (equal
/// infinities); NaNs are close only with `equal_nan`. Computed in the operands' common
/// type when it is floating point, else in double.
struct isclose_fn {
    static constexpr const char* name = "isclose";
    template <class A, class B>
    using result = bool;
    template <std::size_t I, class A, class B>
    using operand = std::conditional_t<std::is_floating_point_v<std::common_type_t<A, B>>, std::common_type_t<A, B>, double>;

    double m_rtol;
    double m_atol;
    bool m_equal_nan;

    template <std::floating_point T>
    bool operator()(T a, T b) const noexcept {
        if (a == b) return true;
        if (a != a || b != b) return m_equal_nan && a != a && b != b;
        if (std::isinf(b)) return false;
        return std::abs(a - b) <= static_cast<T>(m_atol) + static_cast<T>(m_rtol) * std::abs(b);
    }
};

}  // namespace fn

/// Element-wise "x is NaN", lazy bool (false for integers).
template <tensor_expression E>
auto isnan(E&& x) {
    return detail::make_elementwise(fn::isnan_fn{}, std::forward<E>(x));
}
/// Element-wise "x is infinite", lazy bool (false for integers).
template <tensor_expression E>
auto isinf(E&& x) {
    return detail::make_elementwise(fn::isinf_fn{}, std::forward<E>(x));
}
/// Element-wise "x is finite" (not NaN, not infinite), lazy bool (true for integers).
template <tensor_expression E>
auto isfinite(E&& x) {
    return detail::make_elementwise(fn::isfinite_fn{}, std::forward<E>(x));
}
/// NumPy's `isclose(a, b, rtol, atol, equal_nan)`: element-wise closeness of broadcast
/// operands (either may be a scalar), lazy bool. Throws shape_error if they do not broadcast.
template <class A, class B>
    requires detail::operand_pair<A, B>
auto isclose(A&& a, B&& b, double rtol = 1e-5, double atol = 1e-8, bool equal_nan = false) {
    return detail::binary(fn::isclose_fn{rtol, atol, equal_nan}, std::forward<A>(a), std::forward<B>(b));
}

}  // namespace tmath
