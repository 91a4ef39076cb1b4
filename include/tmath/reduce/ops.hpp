#pragma once
/// @file ops.hpp
/// The reduction operations (sum, prod, max, min) as plain structs: identity, scalar and
/// batch combine, and the horizontal reduce of a batch. Scalar max/min propagate NaN as
/// NumPy does; batch max/min leave NaN to the kernels' `nan_part` bookkeeping.

#include <concepts>
#include <cstddef>
#include <limits>
#include <type_traits>

#include "tmath/config.hpp"
#include "tmath/simd/reduce_ops.hpp"
#include "tmath/simd/simd.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::detail {

/// Folds the lanes of `b` with the scalar `apply` of Op.
template <class Op, class A>
A fold_lanes(const simd::batch<A>& b) noexcept {
    alignas(64) A lanes[simd::width<A>];
    b.store_unaligned(lanes);
    A r = lanes[0];
    for (std::size_t i = 1; i < simd::width<A>; ++i) r = Op::apply(r, lanes[i]);
    return r;
}

/// Σ: identity 0.
struct sum_op {
    static constexpr const char* name = "sum";
    static constexpr bool needs_nonempty = false;
    static constexpr bool tracks_nan = false;
    template <class A>
    static A identity() noexcept { return A(0); }
    template <class A>
    static A apply(A a, A b) noexcept { return static_cast<A>(a + b); }
    template <class A>
    static simd::batch<A> apply_batch(const simd::batch<A>& a, const simd::batch<A>& b) noexcept { return a + b; }
    template <class A>
    static A horizontal(const simd::batch<A>& b) noexcept { return simd::reduce_add<A>(b); }
};

/// Π: identity 1.
struct prod_op {
    static constexpr const char* name = "prod";
    static constexpr bool needs_nonempty = false;
    static constexpr bool tracks_nan = false;
    template <class A>
    static A identity() noexcept { return A(1); }
    template <class A>
    static A apply(A a, A b) noexcept { return static_cast<A>(a * b); }
    template <class A>
    static simd::batch<A> apply_batch(const simd::batch<A>& a, const simd::batch<A>& b) noexcept { return a * b; }
    template <class A>
    static A horizontal(const simd::batch<A>& b) noexcept { return fold_lanes<prod_op, A>(b); }
};

/// max: no identity (empty reductions throw); NaN wins.
struct max_op {
    static constexpr const char* name = "max";
    static constexpr bool needs_nonempty = true;
    static constexpr bool tracks_nan = true;
    template <class A>
    static A identity() noexcept {
        if constexpr (std::numeric_limits<A>::has_infinity) return -std::numeric_limits<A>::infinity();
        else return std::numeric_limits<A>::lowest();
    }
    template <class A>
    static A apply(A a, A b) noexcept {
        if constexpr (std::floating_point<A>) return (b > a || b != b) ? b : a;
        else return b > a ? b : a;
    }
    template <class A>
    static simd::batch<A> apply_batch(const simd::batch<A>& a, const simd::batch<A>& b) noexcept {
        return simd::lane_max<A>(a, b);
    }
    template <class A>
    static A horizontal(const simd::batch<A>& b) noexcept { return fold_lanes<max_op, A>(b); }
};

/// min: no identity (empty reductions throw); NaN wins.
struct min_op {
    static constexpr const char* name = "min";
    static constexpr bool needs_nonempty = true;
    static constexpr bool tracks_nan = true;
    template <class A>
    static A identity() noexcept {
        if constexpr (std::numeric_limits<A>::has_infinity) return std::numeric_limits<A>::infinity();
        else return std::numeric_limits<A>::max();
    }
    template <class A>
    static A apply(A a, A b) noexcept {
        if constexpr (std::floating_point<A>) return (b < a || b != b) ? b : a;
        else return b < a ? b : a;
    }
    template <class A>
    static simd::batch<A> apply_batch(const simd::batch<A>& a, const simd::batch<A>& b) noexcept {
        return simd::lane_min<A>(a, b);
    }
    template <class A>
    static A horizontal(const simd::batch<A>& b) noexcept { return fold_lanes<min_op, A>(b); }
};

/// True when Op on inputs T accumulated in A runs on SIMD batches (no widening).
template <class Op, class T, class A>
inline constexpr bool simd_reducible = std::is_same_v<T, A> && simd::has_native_batch<A>;

/// True when the kernels must add NaN lanes back (max/min of floating point).
template <class Op, class A>
inline constexpr bool nan_tracked = Op::tracks_nan && std::floating_point<A>;

}  // namespace tmath::detail
