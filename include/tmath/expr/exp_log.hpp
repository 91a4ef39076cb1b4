#pragma once
/// @file exp_log.hpp
/// Element-wise `log1p`, `expm1`, `log2`, `log10`, `exp2` and `erf`: lazy nodes that
/// fuse into one SIMD pass on assignment. Floating types stay, integers and bool give
/// double (as `exp` and `log` do).

#include <cmath>
#include <utility>

#include "tmath/config.hpp"
#include "tmath/core/concepts.hpp"
#include "tmath/expr/elementwise.hpp"
#include "tmath/expr/functors.hpp"
#include "tmath/expr/math.hpp"
#include "tmath/kernels/table.hpp"
#include "tmath/simd/special.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE {

namespace fn {

/// log(1 + x), accurate for small x.
struct log1p_fn : floating_result {
    static constexpr const char* name = "log1p";
    /// Its loop in the compiled component (kernels/math_calls.hpp).
    static constexpr unsigned component_function = tmath_kernels_abi::math_log1p;
    template <arithmetic T>
    T operator()(T x) const noexcept { return std::log1p(x); }
    template <simd_batch B>
    TMATH_FORCE_INLINE B operator()(const B& x) const noexcept { return simd::log1p(x); }
};

/// e^x - 1, accurate for small x.
struct expm1_fn : floating_result {
    static constexpr const char* name = "expm1";
    /// Its loop in the compiled component (kernels/math_calls.hpp).
    static constexpr unsigned component_function = tmath_kernels_abi::math_expm1;
    template <arithmetic T>
    T operator()(T x) const noexcept { return std::expm1(x); }
    template <simd_batch B>
    TMATH_FORCE_INLINE B operator()(const B& x) const noexcept { return simd::expm1(x); }
};

/// Base-2 logarithm.
struct log2_fn : floating_result {
    static constexpr const char* name = "log2";
    /// Its loop in the compiled component (kernels/math_calls.hpp).
    static constexpr unsigned component_function = tmath_kernels_abi::math_log2;
    template <arithmetic T>
    T operator()(T x) const noexcept { return std::log2(x); }
    template <simd_batch B>
    TMATH_FORCE_INLINE B operator()(const B& x) const noexcept { return simd::log2(x); }
};

/// Base-10 logarithm.
struct log10_fn : floating_result {
    static constexpr const char* name = "log10";
    /// Its loop in the compiled component (kernels/math_calls.hpp).
    static constexpr unsigned component_function = tmath_kernels_abi::math_log10;
    template <arithmetic T>
    T operator()(T x) const noexcept { return std::log10(x); }
    template <simd_batch B>
    TMATH_FORCE_INLINE B operator()(const B& x) const noexcept { return simd::log10(x); }
};

/// 2^x
struct exp2_fn : floating_result {
    static constexpr const char* name = "exp2";
    /// Its loop in the compiled component (kernels/math_calls.hpp).
    static constexpr unsigned component_function = tmath_kernels_abi::math_exp2;
    template <arithmetic T>
    T operator()(T x) const noexcept { return std::exp2(x); }
    template <simd_batch B>
    TMATH_FORCE_INLINE B operator()(const B& x) const noexcept { return simd::exp2(x); }
};

/// The error function 2/sqrt(pi) * integral of e^(-t^2) from 0 to x.
struct erf_fn : floating_result {
    static constexpr const char* name = "erf";
    /// Its loop in the compiled component (kernels/math_calls.hpp).
    static constexpr unsigned component_function = tmath_kernels_abi::math_erf;
    template <arithmetic T>
    T operator()(T x) const noexcept { return std::erf(x); }
    template <simd_batch B>
    TMATH_FORCE_INLINE B operator()(const B& x) const noexcept { return simd::erf(x); }
};

}  // namespace fn

/// Element-wise log(1 + x) (integers give double), lazy.
template <tensor_expression E>
auto log1p(E&& e) {
    return detail::make_elementwise(fn::log1p_fn{}, std::forward<E>(e));
}
/// Element-wise e^x - 1 (integers give double), lazy.
template <tensor_expression E>
auto expm1(E&& e) {
    return detail::make_elementwise(fn::expm1_fn{}, std::forward<E>(e));
}
/// Element-wise base-2 logarithm (integers give double), lazy.
template <tensor_expression E>
auto log2(E&& e) {
    return detail::make_elementwise(fn::log2_fn{}, std::forward<E>(e));
}
/// Element-wise base-10 logarithm (integers give double), lazy.
template <tensor_expression E>
auto log10(E&& e) {
    return detail::make_elementwise(fn::log10_fn{}, std::forward<E>(e));
}
/// Element-wise 2^x (integers give double), lazy.
template <tensor_expression E>
auto exp2(E&& e) {
    return detail::make_elementwise(fn::exp2_fn{}, std::forward<E>(e));
}
/// Element-wise error function (integers give double), lazy.
template <tensor_expression E>
auto erf(E&& e) {
    return detail::make_elementwise(fn::erf_fn{}, std::forward<E>(e));
}

}  // namespace tmath
