#pragma once
/// @file math_calls.hpp
/// With the compiled component (TMATH_KERNELS), an assignment `y = f(x)` of one of the
/// component's math functions (kernels/table.hpp's math_function) over a contiguous
/// float or double array runs the component's loop: the tier chosen at run time, where
/// the caller's own build may have only SSE2. Each such functor names its entry by a
/// `component_function` number; this header needs none of their kernels.

#include <cstddef>
#include <tuple>
#include <type_traits>

#include "tmath/config.hpp"
#include "tmath/core/concepts.hpp"
#include "tmath/expr/elementwise.hpp"
#include "tmath/kernels/calls.hpp"
#include "tmath/kernels/table.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::detail {

/// True when `D = E` is a component math function (a functor with a
/// `component_function` number) of one memory operand of element type D (float or
/// double) and the component is linked.
template <class D, class E>
inline constexpr bool component_math_run = false;
template <class D, class F, class L>
inline constexpr bool component_math_run<D, elementwise<F, L>> =
    component_runs<D> && requires { F::component_function; } &&
    std::remove_cvref_t<L>::node_kind == expr_kind::memory && std::is_same_v<value_type_t<L>, D>;

/// dst[0..n) = e (n ≥ 1; component_math_run<D, E>): its one operand is a row-major
/// array of n elements, the destination itself or apart from it.
template <class D, class E>
TMATH_FORCE_INLINE void component_math(D* dst, std::size_t n, const E& e) {
    using F = typename E::functor_type;
    const D* x = std::get<0>(e.args()).data();
    constexpr unsigned f = F::component_function;
    if constexpr (std::is_same_v<D, float>) tmath_kernels_abi::active().smath(f, x, dst, n);
    else tmath_kernels_abi::active().dmath(f, x, dst, n);
}

}  // namespace tmath::detail
