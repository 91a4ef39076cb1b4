#pragma once
/// @file cast.hpp
/// `astype<U>(x)`: NumPy's `x.astype(U)` as a lazy node, fused into the pass of its
/// assignment like any element-wise function.

#include <cmath>
#include <concepts>
#include <cstddef>
#include <limits>
#include <type_traits>
#include <utility>

#include "tmath/core/concepts.hpp"
#include "tmath/expr/elementwise.hpp"

namespace tmath {

namespace fn {

/// Conversion to U. Floating point to integer truncates toward zero, as NumPy (and C)
/// do; where C++ leaves the conversion undefined (NaN, or a value outside U's range) the
/// result is defined here: NaN gives 0 and out-of-range values saturate. Anything to
/// bool is `x != 0`; integers narrow modulo 2^N.
template <element U>
struct cast_fn {
    static constexpr const char* name = "astype";
    template <class T>
    using result = U;
    template <std::size_t I, class T>
    using operand = T;

    template <element T>
    U operator()(T x) const noexcept {
        if constexpr (std::is_same_v<U, bool>) {
            return x != T(0);
        } else if constexpr (std::is_floating_point_v<T> && std::integral<U>) {
            if (x != x) return U(0);
            // The range test in T: both limits are exactly representable after the
            // rounding toward zero that the conversion itself performs.
            constexpr auto lo = static_cast<long double>(std::numeric_limits<U>::lowest());
            constexpr auto hi = static_cast<long double>(std::numeric_limits<U>::max());
            const auto v = static_cast<long double>(x);
            if (v <= lo - 1.0L) return std::numeric_limits<U>::lowest();
            if (v >= hi + 1.0L) return std::numeric_limits<U>::max();
            return static_cast<U>(x);
        } else {
            return static_cast<U>(x);
        }
    }
    /// The identity on batches: the evaluator passes batches only when U is the
    /// operand's own type (other conversions go lane by lane).
    template <class B>
        requires requires { typename B::value_type; B::size; }
    B operator()(const B& x) const noexcept {
        return x;
    }
};

}  // namespace fn

/// NumPy's `x.astype(U)`: element-wise conversion of a tensor, view or expression to
/// element type U, lazy (a node; `tensor<U> y = astype<U>(x)` evaluates it). Floating
/// point to integer truncates; NaN and out-of-range values give 0 and the saturated limit.
template <element U, tensor_expression E>
auto astype(E&& x) {
    return detail::make_elementwise(fn::cast_fn<U>{}, std::forward<E>(x));
}

}  // namespace tmath
