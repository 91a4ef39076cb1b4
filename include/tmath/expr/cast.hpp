#pragma once
/// @file cast.hpp
/// `astype<U>(x)`: NumPy's `x.astype(U)` as a lazy node, fused into the pass of its
/// assignment like any element-wise function.

#include <cstddef>
#include <type_traits>
#include <utility>

#include "tmath/config.hpp"
#include "tmath/core/concepts.hpp"
#include "tmath/expr/elementwise.hpp"
#include "tmath/simd/convert.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE {

namespace fn {

/// Conversion to U. Floating point to integer truncates toward zero, as NumPy (and C)
/// do; where C++ leaves the conversion undefined (NaN, or a value outside U's range) the
/// result is defined here: NaN gives 0 and out-of-range values saturate. Anything to
/// bool is `x != 0`; integers narrow modulo 2^N. Batches convert with vector
/// instructions between floating point and signed integers of one size.
template <element U>
struct cast_fn {
    static constexpr const char* name = "astype";
    template <class T>
    using result = U;
    template <std::size_t I, class T>
    using operand = T;
    /// The evaluator may pass a batch of the operand type T and take a batch of U back
    /// when both have as many lanes.
    static constexpr bool converts_batches = true;

    template <element T>
    U operator()(T x) const noexcept {
        return simd::convert_value<U>(x);
    }
    /// A batch of U from a batch of the operand (the identity when the types agree).
    template <class B>
        requires requires { typename B::value_type; B::size; }
    simd::batch<U> operator()(const B& x) const noexcept {
        if constexpr (std::is_same_v<typename B::value_type, U>) return x;
        else return simd::convert<U>(x);
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
