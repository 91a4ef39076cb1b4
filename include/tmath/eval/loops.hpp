#pragma once
/// @file loops.hpp
/// The row loops of the assignment strategies: the contiguous row kernels (unrolled
/// batches, scalar tail; full-width, half-width and non-temporal), rows after rows from
/// a stepping cursor, and an element-by-element strided row. The planned strategy's
/// loops over the outer dimensions that call them are in plan_driver.hpp.

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "tmath/config.hpp"
#include "tmath/eval/strategy.hpp"
#include "tmath/expr/functors.hpp"
#include "tmath/simd/simd.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::detail {

/// Stores a batch of V into D memory, converting when the types differ.
template <class V, class D>
inline void store_as(D* dst, const simd::batch<V>& b) noexcept {
    if constexpr (std::is_same_v<V, D>) {
        simd::store(dst, b);
    } else {
        alignas(TMATH_ALIGNMENT) V tmp[simd::width<V>];
        b.store_aligned(tmp);
        for (std::size_t k = 0; k < simd::width<V>; ++k) dst[k] = static_cast<D>(tmp[k]);
    }
}

/// Calls put(j) at j = 0, W, 2W, ... while a whole batch of W lanes fits in n (U = 4 or
/// 1 per iteration: the expression's fn::batch_unroll_of), then scalar(j) at each
/// remaining j (every j when W is 1).
template <std::ptrdiff_t W, std::ptrdiff_t U, class Put, class Scalar>
TMATH_FORCE_INLINE void for_each_batch(std::ptrdiff_t n, Put&& put, Scalar&& scalar) noexcept {
    static_assert(U == 4 || U == 1, "for_each_batch: four batches per iteration, or one");
    std::ptrdiff_t j = 0;
    if constexpr (W > 1) {
        if constexpr (U == 4)
            for (; j + 4 * W <= n; j += 4 * W) {
                put(j);
                put(j + W);
                put(j + 2 * W);
                put(j + 3 * W);
            }
        for (; j + W <= n; j += W) put(j);
    }
    for (; j < n; ++j) scalar(j);
}

/// The loop of contiguous_row over a row cursor `cur` (a copy, kept in registers: a
/// cursor in memory is reloaded after every store). Force-inlined where rows repeat
/// (run_rows, rows_any_stride), whose rows would otherwise each pass the cursor tree
/// through memory to a call.
template <bool Flat, class V, class D, class Cur>
TMATH_FORCE_INLINE void row_loop(D* dst, std::ptrdiff_t n, const Cur cur) noexcept {
    constexpr auto w = static_cast<std::ptrdiff_t>(simd::width<V>);
    for_each_batch<w, fn::batch_unroll_of<Cur>()>(
        n,
        [&](std::ptrdiff_t j) TMATH_FORCE_INLINE_LAMBDA {
            if constexpr (Flat) store_as<V>(dst + j, cur.template contiguous_batch<V>(j));
            else store_as<V>(dst + j, cur.template batch<V>(j));
        },
        [&](std::ptrdiff_t j) { dst[j] = static_cast<D>(cur.template scalar<V>(j)); });
}

template <bool Flat, class V, bool UnitDispatch = true, class D, class Ev>
inline void contiguous_row(D* dst, std::ptrdiff_t n, const Ev& ev) noexcept;

/// contiguous_row's test for a row without broadcast, inline: such a row calls the
/// unit-stride loop (compiled once per cursor type), any other runs row_loop here.
/// For callers that run many short rows or runs (tiles, groups of short rows).
template <class V, class D, class Cur>
TMATH_FORCE_INLINE void rows_any_stride(D* dst, std::ptrdiff_t n, const Cur& cur) noexcept {
    if (cur.unit_stride()) contiguous_row<true, V>(dst, n, cur);
    else row_loop<false, V>(dst, n, cur);
}

/// dst[0..n) = ev[0..n) with every operand read at unit stride or from its scratch.
/// `Flat` marks a run where every memory operand is contiguous (no scratch, no step).
/// Without `UnitDispatch` a row that is not flat is never tested for unit stride (the
/// caller knows that some operand steps), and the flat loop is not compiled for it.
/// An evaluator that is not its own row cursor (a tree of leaf evaluators) hands its
/// row cursor on: each loop is compiled once per cursor type, not again per evaluator.
template <bool Flat, class V, bool UnitDispatch, class D, class Ev>
inline void contiguous_row(D* dst, std::ptrdiff_t n, const Ev& ev) noexcept {
    if constexpr (!std::is_same_v<decltype(ev.row_cursor()), Ev>) {
        contiguous_row<Flat, V, UnitDispatch>(dst, n, ev.row_cursor());
    } else {
        if constexpr (!Flat && UnitDispatch) rows_any_stride<V>(dst, n, ev);
        else row_loop<Flat, V>(dst, n, ev);
    }
}

// The batch lambdas of these loops are force-inlined: one holding a long SIMD kernel
// (exp, erf) is otherwise called out of line, each batch passing through memory.

/// contiguous_row for a destination too large for the caches: scalar head up to an
/// aligned address, then non-temporal batch stores, then the scalar tail. The caller
/// calls simd::stream_fence() once after its last row (a fence per row drains the
/// write-combining buffers row by row).
template <bool Flat, class V, class Ev>
inline void non_temporal_row(V* dst, std::ptrdiff_t n, const Ev& ev) noexcept {
    if constexpr (!std::is_same_v<decltype(ev.row_cursor()), Ev>) {  // as contiguous_row
        non_temporal_row<Flat>(dst, n, ev.row_cursor());
    } else {
        constexpr auto w = static_cast<std::ptrdiff_t>(simd::width<V>);
        constexpr std::size_t align = sizeof(V) * simd::width<V>;
        const auto cur = ev.row_cursor();
        std::ptrdiff_t j = 0;
        for (; j < n && reinterpret_cast<std::uintptr_t>(dst + j) % align != 0; ++j) dst[j] = cur.template scalar<V>(j);
        if (reinterpret_cast<std::uintptr_t>(dst + j) % align == 0) {
            auto get = [&](std::ptrdiff_t k) TMATH_FORCE_INLINE_LAMBDA {
                if constexpr (Flat) return cur.template contiguous_batch<V>(k);
                else return cur.template batch<V>(k);
            };
            for (; j + 4 * w <= n; j += 4 * w) {
                const auto b0 = get(j);
                const auto b1 = get(j + w);
                const auto b2 = get(j + 2 * w);
                const auto b3 = get(j + 3 * w);
                simd::stream(dst + j, b0);
                simd::stream(dst + j + w, b1);
                simd::stream(dst + j + 2 * w, b2);
                simd::stream(dst + j + 3 * w, b3);
            }
            for (; j + w <= n; j += w) simd::stream(dst + j, get(j));
        }
        for (; j < n; ++j) dst[j] = cur.template scalar<V>(j);
    }
}

/// Whether the contiguous rows of a destination of `n` elements of D, written by an
/// expression of V, take non-temporal stores (non_temporal_row): same types, a build
/// with such stores, and a destination of non_temporal_size (from `streaming_bytes`).
template <class V, class D>
constexpr bool writes_non_temporal(std::size_t n, std::size_t streaming_bytes) noexcept {
    if constexpr (std::is_same_v<V, D> && simd::has_stream_store<V>) return non_temporal_size(n * sizeof(D), streaming_bytes);
    else return false;
}

/// contiguous_row of a flat run in half-width batches (simd::half_batch).
template <class V, class Ev>
inline void contiguous_row_half_width(V* dst, std::ptrdiff_t n, const Ev& ev) noexcept {
    const auto cur = ev.row_cursor();
    for_each_batch<static_cast<std::ptrdiff_t>(simd::half_batch<V>::size), fn::batch_unroll_of<decltype(cur)>()>(
        n, [&](std::ptrdiff_t j) TMATH_FORCE_INLINE_LAMBDA { cur.template contiguous_half_width<V>(j).store_unaligned(dst + j); },
        [&](std::ptrdiff_t j) { dst[j] = cur.template scalar<V>(j); });
}

/// Writes one contiguous row, with non-temporal stores when `non_temporal` (and the
/// types allow).
template <bool Flat, class V, class D, class Ev>
inline void write_row(D* dst, std::ptrdiff_t n, const Ev& ev, bool non_temporal) noexcept {
    if constexpr (std::is_same_v<V, D>)
        if (non_temporal) return non_temporal_row<Flat>(dst, n, ev);
    contiguous_row<Flat, V>(dst, n, ev);
}

/// Writes `rows` rows of `n` elements, `dst_step` apart, from a stepping row cursor
/// (stepping_row_cursor): the cursor tree stays in registers from row to row.
template <class V, class D, class Cur>
inline void run_rows(D* dst, std::ptrdiff_t dst_step, std::size_t rows, std::ptrdiff_t n, Cur cur,
                     bool non_temporal) noexcept {
    // next_row() only between rows: a broadcast operand reads its next value there.
    if (cur.unit_stride()) {  // the same for every row: dispatch once
        for (std::size_t i = 0; i < rows; ++i) {
            if (i != 0) cur.next_row(), dst += dst_step;
            write_row<true, V>(dst, n, cur, non_temporal);
        }
    } else {  // (no row is unit-stride: the loop without that test, inline)
        for (std::size_t i = 0; i < rows; ++i) {
            if (i != 0) cur.next_row(), dst += dst_step;
            if constexpr (std::is_same_v<V, D>)
                if (non_temporal) {
                    non_temporal_row<false>(dst, n, cur);
                    continue;
                }
            row_loop<false, V>(dst, n, cur);
        }
    }
}

/// dst[j * step] = ev[j] for j in [0, n), element by element.
template <class V, class D, class Ev>
inline void strided_row(D* dst, std::ptrdiff_t step, std::ptrdiff_t n, const Ev& ev) noexcept {
    for (std::ptrdiff_t j = 0; j < n; ++j) dst[j * step] = static_cast<D>(ev.template scalar<V>(j));
}

}  // namespace tmath::detail
