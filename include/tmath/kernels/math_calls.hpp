#pragma once
/// @file math_calls.hpp
/// With the compiled component (TMATH_KERNELS), an assignment `y = f(x)` of one of the
/// component's math functions (kernels/table.hpp's math_function) over a contiguous
/// float or double array runs the component's loop: the tier chosen at run time, where
/// the caller's own build may have only SSE2. The functions are named here by their
/// functor types, declared ahead so that this header needs none of their kernels.

#include <cstddef>
#include <tuple>
#include <type_traits>

#include "tmath/config.hpp"
#include "tmath/core/concepts.hpp"
#include "tmath/expr/elementwise.hpp"
#include "tmath/kernels/calls.hpp"
#include "tmath/kernels/table.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE {

namespace fn {
struct exp_fn;
struct log_fn;
struct tanh_fn;
struct sigmoid_fn;
struct log1p_fn;
struct expm1_fn;
struct log2_fn;
struct log10_fn;
struct exp2_fn;
struct erf_fn;
}  // namespace fn

namespace detail {

/// The component's number of functor F (a tmath_kernels_abi::math_function), or -1.
template <class F>
inline constexpr int component_math_id = -1;
template <>
inline constexpr int component_math_id<fn::exp_fn> = tmath_kernels_abi::math_exp;
template <>
inline constexpr int component_math_id<fn::log_fn> = tmath_kernels_abi::math_log;
template <>
inline constexpr int component_math_id<fn::tanh_fn> = tmath_kernels_abi::math_tanh;
template <>
inline constexpr int component_math_id<fn::sigmoid_fn> = tmath_kernels_abi::math_sigmoid;
template <>
inline constexpr int component_math_id<fn::log1p_fn> = tmath_kernels_abi::math_log1p;
template <>
inline constexpr int component_math_id<fn::expm1_fn> = tmath_kernels_abi::math_expm1;
template <>
inline constexpr int component_math_id<fn::log2_fn> = tmath_kernels_abi::math_log2;
template <>
inline constexpr int component_math_id<fn::log10_fn> = tmath_kernels_abi::math_log10;
template <>
inline constexpr int component_math_id<fn::exp2_fn> = tmath_kernels_abi::math_exp2;
template <>
inline constexpr int component_math_id<fn::erf_fn> = tmath_kernels_abi::math_erf;

/// True when `D = E` is a component math function of one memory operand of element
/// type D (float or double) and the component is linked.
template <class D, class E>
inline constexpr bool component_math_run = false;
template <class D, class F, class L>
inline constexpr bool component_math_run<D, elementwise<F, L>> =
    component_runs<D> && component_math_id<F> >= 0 && std::remove_cvref_t<L>::node_kind == expr_kind::memory &&
    std::is_same_v<value_type_t<L>, D>;

/// dst[0..n) = e (n ≥ 1; component_math_run<D, E>): its one operand is a row-major
/// array of n elements, the destination itself or apart from it.
template <class D, class E>
TMATH_FORCE_INLINE void component_math(D* dst, std::size_t n, const E& e) {
    using F = typename E::functor_type;
    const D* x = std::get<0>(e.args()).data();
    constexpr auto f = static_cast<unsigned>(component_math_id<F>);
    if constexpr (std::is_same_v<D, float>) tmath_kernels_abi::active().smath(f, x, dst, n);
    else tmath_kernels_abi::active().dmath(f, x, dst, n);
}

}  // namespace detail

}  // namespace tmath
