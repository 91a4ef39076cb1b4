#pragma once
/// @file loop.hpp
/// The loop of every SIMD path of `dot`: Σ a[j]·b[j] over two row cursors (unit stride
/// or broadcast) with four independent FMA accumulators, which hide the FMA latency
/// without -ffast-math, and the orders in which its four-batch iterations may issue
/// their loads (tuning::dot_loads, arch/load_order.hpp). The summation order depends on
/// n, the element type and the tuning only, so every path that runs it gives the same bits.

#include <cstddef>

#include "tmath/arch/load_order.hpp"
#include "tmath/arch/tuning.hpp"
#include "tmath/config.hpp"
#include "tmath/simd/simd.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::detail {

/// The batch of V at element j of a row cursor (`Flat`: a unit-stride operand).
template <bool Flat, class V, class C>
TMATH_FORCE_INLINE simd::batch<V> dot_batch(const C& c, std::ptrdiff_t j) noexcept {
    if constexpr (Flat) return c.template contiguous_batch<V>(j);
    else return c.template batch<V>(j);
}

/// When the four-batch iterations of `dot_loop` issue their loads (arch/load_order.hpp).
enum class dot_order {
    scheduled,        ///< as the compiler schedules them (a and b interleaved)
    grouped,          ///< the four batches of a, then those of b in order 0, 1, 2, 3
    grouped_swapped,  ///< the four batches of a, then those of b in order 1, 0, 3, 2
};

/// acc_k += a·b over the batch at element j_k, for four batches and accumulators, the
/// loads issued in `Order` (each accumulator gets the same terms in every order).
template <bool Flat, class V, dot_order Order = dot_order::scheduled, class CA, class CB>
TMATH_FORCE_INLINE void dot_four(const CA& ca, const CB& cb, std::ptrdiff_t j0, std::ptrdiff_t j1,
                                 std::ptrdiff_t j2, std::ptrdiff_t j3, simd::batch<V>& acc0,
                                 simd::batch<V>& acc1, simd::batch<V>& acc2,
                                 simd::batch<V>& acc3) noexcept {
    if constexpr (Order == dot_order::scheduled) {
        acc0 = simd::fma(dot_batch<Flat, V>(ca, j0), dot_batch<Flat, V>(cb, j0), acc0);
        acc1 = simd::fma(dot_batch<Flat, V>(ca, j1), dot_batch<Flat, V>(cb, j1), acc1);
        acc2 = simd::fma(dot_batch<Flat, V>(ca, j2), dot_batch<Flat, V>(cb, j2), acc2);
        acc3 = simd::fma(dot_batch<Flat, V>(ca, j3), dot_batch<Flat, V>(cb, j3), acc3);
    } else {
        const auto a0 = dot_batch<Flat, V>(ca, j0), a1 = dot_batch<Flat, V>(ca, j1);
        const auto a2 = dot_batch<Flat, V>(ca, j2), a3 = dot_batch<Flat, V>(ca, j3);
        arch::issue_barrier();
        if constexpr (Order == dot_order::grouped) {
            acc0 = simd::fma(a0, dot_batch<Flat, V>(cb, j0), acc0);
            acc1 = simd::fma(a1, dot_batch<Flat, V>(cb, j1), acc1);
            acc2 = simd::fma(a2, dot_batch<Flat, V>(cb, j2), acc2);
            acc3 = simd::fma(a3, dot_batch<Flat, V>(cb, j3), acc3);
        } else {
            acc1 = simd::fma(a1, dot_batch<Flat, V>(cb, j1), acc1);
            arch::issue_barrier();
            acc0 = simd::fma(a0, dot_batch<Flat, V>(cb, j0), acc0);
            arch::issue_barrier();
            acc3 = simd::fma(a3, dot_batch<Flat, V>(cb, j3), acc3);
            arch::issue_barrier();
            acc2 = simd::fma(a2, dot_batch<Flat, V>(cb, j2), acc2);
        }
    }
}

/// Σ a[j]·b[j] over j < n, reading both through row cursors (unit stride or broadcast;
/// `Flat`: every operand unit stride; `Prefetch`: the cursors are `contiguous_cursor`s
/// and the loop prefetches `t.dot_prefetch_distance` ahead; `Short`: the caller
/// guarantees operands of at most `t.dot_short_bytes`, and the loop has no code for
/// longer ones; `Order`: when the loads of the four-batch iterations issue). Four
/// accumulators, so that four FMA chains hide the FMA latency: over eight batches per
/// iteration (operands of at most `t.dot_short_bytes`), over four, or, where `t` reads
/// two streams, over two batches from each half of the operands; then one batch at a
/// time into acc0 and a scalar tail. Every SIMD path of `dot` sums in this order, which
/// depends on n, V and the tuning only (not on `Prefetch` or `Order`). The helpers are
/// functions forced inline: GCC may keep a lambda out of line in a loop this size, and
/// then the accumulators go through memory.
template <bool Flat, class V, bool Prefetch, bool Short = false, dot_order Order = dot_order::scheduled, class CA,
          class CB>
TMATH_FORCE_INLINE V dot_loop(std::ptrdiff_t n, CA ca, CB cb, const arch::tuning& t) noexcept {
    constexpr auto w = static_cast<std::ptrdiff_t>(simd::width<V>);
    simd::batch<V> acc0 = simd::splat(V(0)), acc1 = acc0, acc2 = acc0, acc3 = acc0;
    std::ptrdiff_t j = 0;
    const std::size_t bytes = 2 * static_cast<std::size_t>(n) * sizeof(V);
    if (Short || bytes <= t.dot_short_bytes) {
        for (; j + 8 * w <= n; j += 8 * w) {
            dot_four<Flat, V>(ca, cb, j, j + w, j + 2 * w, j + 3 * w, acc0, acc1, acc2, acc3);
            dot_four<Flat, V>(ca, cb, j + 4 * w, j + 5 * w, j + 6 * w, j + 7 * w, acc0, acc1, acc2, acc3);
        }
    } else if (!t.reads_two_streams(bytes)) {
        const std::size_t ahead = t.dot_prefetch_distance;
        for (; j + 4 * w <= n; j += 4 * w) {
            if constexpr (Prefetch) {
                // One hint per operand and iteration (the hardware fetches the lines between).
                ca.prefetch(j, ahead);
                cb.prefetch(j, ahead);
            }
            dot_four<Flat, V, Order>(ca, cb, j, j + w, j + 2 * w, j + 3 * w, acc0, acc1, acc2, acc3);
        }
    } else {
        // Halves of h elements (a multiple of two batches), side by side.
        const std::ptrdiff_t h = n / (4 * w) * (2 * w);
        for (std::ptrdiff_t i = 0; i < h; i += 2 * w)
            dot_four<Flat, V, Order>(ca, cb, i, i + w, h + i, h + i + w, acc0, acc1, acc2, acc3);
        j = 2 * h;
    }
    for (; j + w <= n; j += w) acc0 = simd::fma(dot_batch<Flat, V>(ca, j), dot_batch<Flat, V>(cb, j), acc0);
    V tail = V(0);
    for (; j < n; ++j) tail = static_cast<V>(tail + ca.template scalar<V>(j) * cb.template scalar<V>(j));
    return static_cast<V>(simd::reduce_add<V>((acc0 + acc1) + (acc2 + acc3)) + tail);
}

/// `dot_loop` out of line.
template <bool Flat, class V, bool Prefetch = false, class CA, class CB>
V dot_rows(std::ptrdiff_t n, CA ca, CB cb, const arch::tuning& t) noexcept {
    return dot_loop<Flat, V, Prefetch>(n, ca, cb, t);
}

}  // namespace tmath::detail
