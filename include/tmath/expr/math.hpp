#pragma once
/// @file math.hpp
/// Element-wise math functions: `exp`, `log`, `sqrt`, `tanh`, `sigmoid`, `abs`, `pow`
/// with a scalar exponent, and NumPy's NaN-propagating `maximum` / `minimum`. Like the
/// operators they build lazy nodes that fuse into one SIMD pass on assignment. They only
/// accept tensor expressions, so `std::exp(2.0)` and friends are never taken over.

#include <cmath>
#include <concepts>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

#include "tmath/config.hpp"
#include "tmath/core/concepts.hpp"
#include "tmath/core/errors.hpp"
#include "tmath/core/shape.hpp"
#include "tmath/expr/elementwise.hpp"
#include "tmath/expr/functors.hpp"
#include "tmath/expr/operators.hpp"
#include "tmath/kernels/table.hpp"
#include "tmath/simd/math.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE {

namespace fn {

/// Result of a transcendental function: floating types stay, integers give double
/// (NumPy's float64).
struct floating_result {
    template <class T>
    using result = std::conditional_t<std::is_floating_point_v<T>, T, double>;
};

/// e^x
struct exp_fn : floating_result {
    static constexpr const char* name = "exp";
    /// Its loop in the compiled component (kernels/math_calls.hpp).
    static constexpr unsigned component_function = tmath_kernels_abi::math_exp;
    template <arithmetic T>
    T operator()(T x) const noexcept { return std::exp(x); }
    template <simd_batch B>
    TMATH_FORCE_INLINE B operator()(const B& x) const noexcept { return simd::exp(x); }
};

/// Natural logarithm.
struct log_fn : floating_result, long_kernel {
    static constexpr const char* name = "log";
    /// Its loop in the compiled component (kernels/math_calls.hpp).
    static constexpr unsigned component_function = tmath_kernels_abi::math_log;
    template <arithmetic T>
    T operator()(T x) const noexcept { return std::log(x); }
    template <simd_batch B>
    B operator()(const B& x) const noexcept { return simd::log(x); }
};

/// Square root.
struct sqrt_fn : floating_result {
    static constexpr const char* name = "sqrt";
    template <arithmetic T>
    T operator()(T x) const noexcept { return std::sqrt(x); }
    template <simd_batch B>
    B operator()(const B& x) const noexcept { return simd::sqrt(x); }
};

/// Hyperbolic tangent.
struct tanh_fn : floating_result, long_kernel {
    static constexpr const char* name = "tanh";
    /// Its loop in the compiled component (kernels/math_calls.hpp).
    static constexpr unsigned component_function = tmath_kernels_abi::math_tanh;
    template <arithmetic T>
    T operator()(T x) const noexcept { return std::tanh(x); }
    template <simd_batch B>
    TMATH_FORCE_INLINE B operator()(const B& x) const noexcept { return simd::tanh(x); }
};

/// The logistic function 1 / (1 + e^-x), computed as e / (1 + e) with e = e^-|x| for
/// negative x, so that tiny results keep their precision instead of e^-x overflowing.
struct sigmoid_fn : floating_result, long_kernel {
    static constexpr const char* name = "sigmoid";
    /// Its loop in the compiled component (kernels/math_calls.hpp).
    static constexpr unsigned component_function = tmath_kernels_abi::math_sigmoid;
    template <arithmetic T>
    T operator()(T x) const noexcept {
        const T e = std::exp(-std::abs(x));
        return (x >= T(0) ? T(1) : e) / (T(1) + e);
    }
    template <simd_batch B>
    TMATH_FORCE_INLINE B operator()(const B& x) const noexcept { return simd::sigmoid(x); }
};

/// |x|, keeping the element type (identity for unsigned types).
struct abs_fn : arithmetic_result {
    static constexpr const char* name = "absolute";
    template <arithmetic T>
    T operator()(T x) const noexcept {
        if constexpr (std::is_floating_point_v<T>) return std::abs(x);
        else if constexpr (std::is_unsigned_v<T>) return x;
        else return static_cast<T>(x < 0 ? -x : x);
    }
    template <simd_batch B>
    B operator()(const B& x) const noexcept { return simd::abs(x); }
};

/// x^e for integers: exact repeated squaring modulo 2^N (in unsigned arithmetic, so an
/// overflow wraps without undefined behaviour). The public `pow` overloads reject a
/// negative e (as NumPy); here it gives 1 / x^|e| truncated like C's integer division
/// (1 for x = 1, -1 or 1 for x = -1, else 0), so that no input is undefined.
template <std::integral T>
T integer_power(T x, std::int64_t e) noexcept {
    if (e < 0) {
        if (x == 1) return 1;
        if constexpr (std::is_signed_v<T>)
            if (x == -1) return e % 2 == 0 ? T(1) : T(-1);
        return 0;
    }
    using U = std::make_unsigned_t<T>;
    U r = 1;
    U base = static_cast<U>(x);
    for (auto k = static_cast<std::uint64_t>(e); k != 0; k >>= 1) {
        if (k & 1) r = static_cast<U>(r * base);
        base = static_cast<U>(base * base);
    }
    return static_cast<T>(r);
}

/// x^p for one exponent p of type P. Floating x keeps its type; integer x with a
/// floating exponent gives double; integer x with an integer exponent stays integer
/// (as NumPy, which also rejects a negative integer p there: see `pow`).
template <arithmetic P>
struct pow_fn {
    static constexpr const char* name = "power";
    template <class T>
    using result = std::conditional_t<std::is_integral_v<T> && std::is_floating_point_v<P>, double, T>;

    P m_exponent;

    template <arithmetic T>
    T operator()(T x) const noexcept {
        if constexpr (std::is_floating_point_v<T>) {
            return static_cast<T>(std::pow(x, static_cast<T>(m_exponent)));
        } else {
            return integer_power(x, static_cast<std::int64_t>(m_exponent));
        }
    }
    template <simd_batch B>
    B operator()(const B& x) const noexcept {
        using T = typename B::value_type;
        if constexpr (std::is_floating_point_v<T>) {
            // Small integer exponents by repeated squaring: exact to a few roundings,
            // where exp(p log x) loses several ulp in float.
            const double p = static_cast<double>(m_exponent);
            if (p == std::trunc(p) && std::abs(p) <= 64) {
                const B one = B::broadcast(T(1));
                B r = one;
                B b = x;
                for (auto e = static_cast<unsigned>(std::abs(p)); e != 0; e >>= 1) {
                    if (e & 1u) r = r * b;
                    if (e > 1) b = b * b;
                }
                return p < 0 ? simd::div(one, r) : r;
            }
            return simd::pow(x, static_cast<T>(m_exponent));
        } else {
            alignas(64) T v[B::size];
            x.store_unaligned(v);
            for (std::size_t k = 0; k < B::size; ++k) v[k] = (*this)(v[k]);
            return B::load_unaligned(v);
        }
    }
};

/// NumPy's `maximum`: the larger element, NaN if either is NaN.
struct maximum_fn : arithmetic_result {
    static constexpr const char* name = "maximum";
    template <arithmetic T>
    T operator()(T a, T b) const noexcept {
        if (a != a) return a;  // NaN (never true for integers)
        if (b != b) return b;
        return a < b ? b : a;
    }
    template <simd_batch B>
    B operator()(const B& a, const B& b) const noexcept { return simd::maximum(a, b); }
};

/// NumPy's `minimum`: the smaller element, NaN if either is NaN.
struct minimum_fn : arithmetic_result {
    static constexpr const char* name = "minimum";
    template <arithmetic T>
    T operator()(T a, T b) const noexcept {
        if (a != a) return a;
        if (b != b) return b;
        return b < a ? b : a;
    }
    template <simd_batch B>
    B operator()(const B& a, const B& b) const noexcept { return simd::minimum(a, b); }
};

}  // namespace fn

/// Element-wise e^x (integers give double), lazy.
template <tensor_expression E>
auto exp(E&& e) {
    return detail::make_elementwise(fn::exp_fn{}, std::forward<E>(e));
}
/// Element-wise natural logarithm (integers give double), lazy.
template <tensor_expression E>
auto log(E&& e) {
    return detail::make_elementwise(fn::log_fn{}, std::forward<E>(e));
}
/// Element-wise square root (integers give double), lazy.
template <tensor_expression E>
auto sqrt(E&& e) {
    return detail::make_elementwise(fn::sqrt_fn{}, std::forward<E>(e));
}
/// Element-wise hyperbolic tangent (integers give double), lazy.
template <tensor_expression E>
auto tanh(E&& e) {
    return detail::make_elementwise(fn::tanh_fn{}, std::forward<E>(e));
}
/// Element-wise logistic function 1 / (1 + e^-x) (integers give double), lazy.
template <tensor_expression E>
auto sigmoid(E&& e) {
    return detail::make_elementwise(fn::sigmoid_fn{}, std::forward<E>(e));
}
/// Element-wise absolute value, keeping the element type, lazy.
template <tensor_expression E>
auto abs(E&& e) {
    return detail::make_elementwise(fn::abs_fn{}, std::forward<E>(e));
}
namespace detail {
/// The error NumPy raises for an integer raised to a negative integer power.
[[noreturn]] inline void throw_negative_integer_power(const std::string& operands) {
    throw std::invalid_argument("power: integers to negative integer powers are not allowed (" + operands + ")");
}
}  // namespace detail

/// Element-wise `x^p` for one scalar exponent `p`, lazy. Floating `x` keeps its type;
/// integer `x` gives double for a floating `p` and stays integer for an integer `p`.
/// @throws std::invalid_argument for a non-empty integer `x` and a negative integer `p`
/// (as NumPy).
template <tensor_expression E, arithmetic P>
auto pow(E&& x, P p) {
    if constexpr (std::is_integral_v<value_type_t<E>> && std::is_integral_v<P> && std::is_signed_v<P>) {
        if (p < 0 && shape_size(x.shape()) != 0)
            detail::throw_negative_integer_power("base " + format_shape(x.shape()) + ", exponent " +
                                                 std::to_string(static_cast<long long>(p)));
    }
    return detail::make_elementwise(fn::pow_fn<P>{p}, std::forward<E>(x));
}
/// NumPy's `maximum`: element-wise larger value, broadcasting, NaN-propagating, lazy.
/// Either side may be a scalar.
template <class A, class B>
    requires detail::operand_pair<A, B>
auto maximum(A&& a, B&& b) {
    return detail::binary(fn::maximum_fn{}, std::forward<A>(a), std::forward<B>(b));
}
/// NumPy's `minimum`: element-wise smaller value, broadcasting, NaN-propagating, lazy.
/// Either side may be a scalar.
template <class A, class B>
    requires detail::operand_pair<A, B>
auto minimum(A&& a, B&& b) {
    return detail::binary(fn::minimum_fn{}, std::forward<A>(a), std::forward<B>(b));
}

}  // namespace tmath
