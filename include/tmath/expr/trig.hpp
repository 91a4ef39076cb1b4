#pragma once
/// @file trig.hpp
/// Element-wise `sin`, `cos` and `tan`: lazy nodes that fuse into one SIMD pass on
/// assignment. Floating types stay, integers and bool give double (NumPy gives a float
/// of their size; tmath's transcendental functions give double throughout).

#include <cmath>
#include <utility>

#include "tmath/config.hpp"
#include "tmath/core/concepts.hpp"
#include "tmath/expr/elementwise.hpp"
#include "tmath/expr/functors.hpp"
#include "tmath/expr/math.hpp"
#include "tmath/simd/special.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE {

namespace fn {

/// Sine (radians).
struct sin_fn : floating_result, long_kernel {
    static constexpr const char* name = "sin";
    template <arithmetic T>
    T operator()(T x) const noexcept { return std::sin(x); }
    template <simd_batch B>
    TMATH_FORCE_INLINE B operator()(const B& x) const noexcept { return simd::sin(x); }
};

/// Cosine (radians).
struct cos_fn : floating_result, long_kernel {
    static constexpr const char* name = "cos";
    template <arithmetic T>
    T operator()(T x) const noexcept { return std::cos(x); }
    template <simd_batch B>
    TMATH_FORCE_INLINE B operator()(const B& x) const noexcept { return simd::cos(x); }
};

/// Tangent (radians).
struct tan_fn : floating_result, long_kernel {
    static constexpr const char* name = "tan";
    template <arithmetic T>
    T operator()(T x) const noexcept { return std::tan(x); }
    template <simd_batch B>
    TMATH_FORCE_INLINE B operator()(const B& x) const noexcept { return simd::tan(x); }
};

}  // namespace fn

/// Element-wise sine in radians (integers give double), lazy.
template <tensor_expression E>
auto sin(E&& e) {
    return detail::make_elementwise(fn::sin_fn{}, std::forward<E>(e));
}
/// Element-wise cosine in radians (integers give double), lazy.
template <tensor_expression E>
auto cos(E&& e) {
    return detail::make_elementwise(fn::cos_fn{}, std::forward<E>(e));
}
/// Element-wise tangent in radians (integers give double), lazy.
template <tensor_expression E>
auto tan(E&& e) {
    return detail::make_elementwise(fn::tan_fn{}, std::forward<E>(e));
}

}  // namespace tmath
