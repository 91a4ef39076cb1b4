#pragma once
/// @file contiguous.hpp
/// dot of two contiguous arrays (the common case of `dot`, reached before any other
/// set-up): short operands run `dot_loop` inlined into the caller, longer ones
/// (`dot_long`, out of line) in the load order and with the prefetching that the tuning
/// record gives.

#include <cstddef>
#include <cstdint>

#include "tmath/arch/load_order.hpp"
#include "tmath/arch/prefetch.hpp"
#include "tmath/arch/processor.hpp"
#include "tmath/arch/tuning.hpp"
#include "tmath/config.hpp"
#include "tmath/kernels/calls.hpp"
#include "tmath/linalg/dot/loop.hpp"
#include "tmath/simd/simd.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::detail {

/// A row cursor on a contiguous array of T (the fast path of two plain vectors).
template <class T>
struct contiguous_cursor {
    const T* ptr;  ///< element 0
    /// Element j as a V.
    template <class V>
    V scalar(std::ptrdiff_t j) const noexcept {
        return static_cast<V>(ptr[j]);
    }
    /// The batch of V at element j (V is T).
    template <class V>
    simd::batch<V> contiguous_batch(std::ptrdiff_t j) const noexcept {
        return simd::load(ptr + j);
    }
    /// Hints the line `ahead` bytes past element j (into L2).
    void prefetch(std::ptrdiff_t j, std::size_t ahead) const noexcept {
        arch::prefetch(reinterpret_cast<std::uintptr_t>(ptr + j) + static_cast<std::uintptr_t>(ahead));
    }
};

/// dot of two contiguous arrays of V with operands over `t.dot_short_bytes`, out of
/// line (`dot` stays small enough to be inlined into its callers). With
/// `dot_load_order::grouped_by_parity` the loads go grouped by operand, in the order
/// arch/load_order.hpp gives for the operands' line parity (when a batch is one line),
/// without prefetch hints; otherwise as the compiler schedules them, prefetching ahead
/// from `t.dot_prefetch_bytes`.
template <class V>
TMATH_NOINLINE V dot_long(std::ptrdiff_t n, const V* a, const V* b, const arch::tuning& t) noexcept {
    const contiguous_cursor<V> ca{a}, cb{b};
    if (t.dot_loads == arch::dot_load_order::grouped_by_parity) {
        if (simd::width<V> * sizeof(V) == t.cache_line && arch::lines_out_of_phase(a, b, t.cache_line))
            return dot_loop<true, V, false, false, dot_order::grouped_swapped>(n, ca, cb, t);
        return dot_loop<true, V, false, false, dot_order::grouped>(n, ca, cb, t);
    }
    if (2 * static_cast<std::size_t>(n) * sizeof(V) >= t.dot_prefetch_bytes) return dot_loop<true, V, true>(n, ca, cb, t);
    return dot_loop<true, V, false>(n, ca, cb, t);
}

/// dot of two contiguous arrays of V. Operands of at most `t.dot_short_bytes` run the
/// loop inlined into the caller, without the code for longer ones: for short vectors a
/// call, or a `dot` grown too large for the compiler to inline into its caller, is a
/// measurable share of the time (bench/README.md, "dot").
template <class V>
TMATH_FORCE_INLINE V dot_contiguous(std::ptrdiff_t n, const V* a, const V* b, const arch::tuning& t) noexcept {
    if (2 * static_cast<std::size_t>(n) * sizeof(V) > t.dot_short_bytes) return dot_long<V>(n, a, b, t);
    const contiguous_cursor<V> ca{a}, cb{b};
    return dot_loop<true, V, false, true>(n, ca, cb, t);
}

/// `dot_contiguous` on this processor's tuning: with the compiled component
/// (TMATH_KERNELS), float and double run the tier chosen at run time (kernels/calls.hpp).
template <class V>
TMATH_FORCE_INLINE V dot_contiguous(std::ptrdiff_t n, const V* a, const V* b) noexcept {
    if constexpr (component_runs<V>) return component_dot<V>(n, a, b);
    else return dot_contiguous<V>(n, a, b, arch::this_processor());
}

}  // namespace tmath::detail
