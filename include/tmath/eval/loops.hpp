#pragma once
/// @file loops.hpp
/// The loops of the assignment strategies: the contiguous row kernels (unrolled
/// batches, scalar tail; full-width, half-width and non-temporal), a strided row
/// kernel, and the drivers that run an eval_plan over the outer dimensions (row by
/// row, grouped short rows, rows read at steps, and 2-D tiles for the strided case).

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <type_traits>

#include "tmath/config.hpp"
#include "tmath/core/shape.hpp"
#include "tmath/eval/plan.hpp"
#include "tmath/eval/strategy.hpp"
#include "tmath/expr/functors.hpp"
#include "tmath/simd/simd.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::detail {

/// Calls `body()` at every index of the dimensions `dims` of `shape` (row-major order),
/// calling `move(d, count)` to step the cursors between them; leaves them where they began.
template <class Move, class Body>
void for_each_index(std::span<const std::size_t> shape, std::span<const std::size_t> dims, Move&& move, Body&& body) {
    small_vector<std::size_t, TMATH_INLINE_RANK> idx(dims.size(), 0);
    while (true) {
        body();
        std::size_t k = dims.size();
        while (true) {
            if (k == 0) return;
            --k;
            const std::size_t d = dims[k];
            if (++idx[k] < shape[d]) {
                move(d, 1);
                break;
            }
            move(d, -static_cast<std::ptrdiff_t>(shape[d] - 1));
            idx[k] = 0;
        }
    }
}

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
inline void for_each_batch(std::ptrdiff_t n, Put&& put, Scalar&& scalar) noexcept {
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

/// dst[0..n) = ev[0..n) with every operand read at unit stride or from its scratch.
/// `Flat` marks a run where every memory operand is contiguous (no scratch, no step).
/// Without `UnitDispatch` a row that is not flat is never tested for unit stride (the
/// caller knows that some operand steps), and the flat loop is not compiled for it.
/// An evaluator that is not its own row cursor (a tree of leaf evaluators) hands its
/// row cursor on: each loop is compiled once per cursor type, not again per evaluator.
template <bool Flat, class V, bool UnitDispatch = true, class D, class Ev>
inline void contiguous_row(D* dst, std::ptrdiff_t n, const Ev& ev) noexcept {
    if constexpr (!std::is_same_v<decltype(ev.row_cursor()), Ev>) {
        contiguous_row<Flat, V, UnitDispatch>(dst, n, ev.row_cursor());
    } else {
        constexpr auto w = static_cast<std::ptrdiff_t>(simd::width<V>);
        const auto cur = ev.row_cursor();  // in registers, not reloaded after each store
        if constexpr (!Flat && UnitDispatch)
            if (cur.unit_stride()) return contiguous_row<true, V>(dst, n, cur);  // no broadcast in this row
        for_each_batch<w, fn::batch_unroll_of<decltype(cur)>()>(
            n,
            [&](std::ptrdiff_t j) TMATH_FORCE_INLINE_LAMBDA {
                if constexpr (Flat) store_as<V>(dst + j, cur.template contiguous_batch<V>(j));
                else store_as<V>(dst + j, cur.template batch<V>(j));
            },
            [&](std::ptrdiff_t j) { dst[j] = static_cast<D>(cur.template scalar<V>(j)); });
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

/// The whole flat run: every operand read contiguously from its origin.
template <class V, class D, class Ev>
inline void run_flat(D* dst, std::ptrdiff_t n, Ev& ev, std::size_t streaming_bytes) noexcept {
    ev.for_each_leaf([](auto& leaf) { leaf.begin_row(0); });
    const bool non_temporal = writes_non_temporal<V, D>(static_cast<std::size_t>(n), streaming_bytes);
    write_row<true, V>(dst, n, ev, non_temporal);
    if (non_temporal) simd::stream_fence();
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
    } else {
        for (std::size_t i = 0; i < rows; ++i) {
            if (i != 0) cur.next_row(), dst += dst_step;
            write_row<false, V>(dst, n, cur, non_temporal);
        }
    }
}

/// dst[j * step] = ev[j] for j in [0, n), element by element.
template <class V, class D, class Ev>
inline void strided_row(D* dst, std::ptrdiff_t step, std::ptrdiff_t n, const Ev& ev) noexcept {
    for (std::ptrdiff_t j = 0; j < n; ++j) dst[j * step] = static_cast<D>(ev.template scalar<V>(j));
}

/// Runs plan `p`, writing the expression evaluated by `ev` (element type V) into `dst`;
/// a destination of `streaming_bytes` or more takes non-temporal stores where it can.
template <class V, class D, class Ev, std::size_t N>
void run_plan(const eval_plan<N>& p, D* dst, Ev& ev, std::size_t streaming_bytes) {
    const std::size_t inner = p.rank() - 1;
    const auto n = static_cast<std::ptrdiff_t>(p.shape[inner]);
    D* cursor = dst;
    auto move = [&](std::size_t d, std::ptrdiff_t count) {
        cursor += count * p.dst[d];
        ev.for_each_leaf([&](auto& leaf) { leaf.move(d, count); });
    };
    small_vector<std::size_t, TMATH_INLINE_RANK> outer;

    switch (p.kind) {
    case plan_kind::flat:
        run_flat<V>(dst, n, ev, streaming_bytes);
        return;

    case plan_kind::inner_contiguous:
        if (p.group_rows == 1) {
            const bool non_temporal = writes_non_temporal<V, D>(shape_size(p.shape.span()), streaming_bytes);
            if (inner == 0) {  // a single row
                ev.for_each_leaf([&](auto& leaf) { leaf.begin_row(inner); });
                write_row<false, V>(cursor, n, ev, non_temporal);
                if (non_temporal) simd::stream_fence();
                return;
            }
            // Rows along dimension `last` by register cursors; the dims before it by the odometer.
            const std::size_t last = inner - 1;
            for (std::size_t d = 0; d < last; ++d) outer.push_back(d);
            for_each_index(p.shape, outer, move, [&] {
                ev.for_each_leaf([&](auto& leaf) { leaf.begin_row(inner); });
                run_rows<V>(cursor, p.dst[last], p.shape[last], n, ev.stepping_row_cursor(last), non_temporal);
            });
            if (non_temporal) simd::stream_fence();
        } else {
            const std::size_t rows = p.shape[inner - 1];
            for (std::size_t d = 0; d + 1 < inner; ++d) outer.push_back(d);
            for_each_index(p.shape, outer, move, [&] {
                ev.for_each_leaf([&](auto& leaf) { leaf.prepare_group(inner, p.group_rows, p.shape[inner]); });
                for (std::size_t i = 0; i < rows; i += p.group_rows) {
                    const std::size_t k = std::min(p.group_rows, rows - i);
                    ev.for_each_leaf([](auto& leaf) { leaf.begin_group(); });
                    contiguous_row<false, V>(cursor, static_cast<std::ptrdiff_t>(k) * n, ev);
                    move(inner - 1, static_cast<std::ptrdiff_t>(k));
                }
                move(inner - 1, -static_cast<std::ptrdiff_t>(rows));
            });
        }
        return;

    case plan_kind::strided_rows: {  // contiguous destination rows, each operand read at its step
        // Rows along dimension `last` by one cursor tree (its steps and permute tables set
        // up once), the dims before it by the odometer; a single row when rank is 1.
        const std::size_t last = inner == 0 ? 0 : inner - 1;
        const std::size_t rows = inner == 0 ? 1 : p.shape[last];
        for (std::size_t d = 0; d < last; ++d) outer.push_back(d);
        for_each_index(p.shape, outer, move, [&] {
            auto cur = ev.strided_cursor(inner, last);
            if (cur.vector_read()) {
                // Never a unit-stride row (an operand steps): no flat loop for this cursor;
                // plain stores (a non-temporal variant would double this loop's code in
                // every expression for destinations past streaming_bytes only).
                D* row = cursor;
                for (std::size_t i = 0; i < rows; ++i, row += p.dst[last]) {
                    if (i != 0) cur.next_row();
                    contiguous_row<false, V, false>(row, n, cur);
                }
            } else {
                D* row = cursor;
                for (std::size_t i = 0; i < rows; ++i, row += p.dst[last]) {
                    if (i != 0) cur.next_row();
                    for (std::ptrdiff_t j = 0; j < n; ++j) row[j] = static_cast<D>(cur.template scalar<V>(j));
                }
            }
        });
        return;
    }

    case plan_kind::strided: {
        const std::size_t tp = p.tile_dim;
        if (tp == inner) {  // no second dimension to tile with
            for (std::size_t d = 0; d < inner; ++d) outer.push_back(d);
            for_each_index(p.shape, outer, move, [&] {
                ev.for_each_leaf([&](auto& leaf) { leaf.begin_segment(inner, 0, inner, 0); });
                strided_row<V>(cursor, p.dst[inner], n, ev);
            });
            return;
        }
        for (std::size_t d = 0; d < inner; ++d)
            if (d != tp) outer.push_back(d);
        const auto rows = static_cast<std::ptrdiff_t>(p.shape[tp]);
        const auto tile_rows = static_cast<std::ptrdiff_t>(p.tile_rows);
        const auto tile_cols = static_cast<std::ptrdiff_t>(p.tile_cols);
        const bool dst_contiguous = p.dst[inner] == 1;
        for_each_index(p.shape, outer, move, [&] {
            for (std::ptrdiff_t i0 = 0; i0 < rows; i0 += tile_rows) {
                const std::ptrdiff_t nr = std::min(tile_rows, rows - i0);
                for (std::ptrdiff_t j0 = 0; j0 < n; j0 += tile_cols) {
                    const std::ptrdiff_t nc = std::min(tile_cols, n - j0);
                    D* corner = cursor + i0 * p.dst[tp] + j0 * p.dst[inner];
                    if (dst_contiguous) {  // pack transposed operands, then SIMD rows
                        const bool last_col = j0 + tile_cols >= n;
                        const std::ptrdiff_t ni = last_col ? i0 + tile_rows : i0;
                        const std::ptrdiff_t nj = last_col ? 0 : j0 + tile_cols;
                        ev.for_each_leaf([&](auto& leaf) { leaf.begin_tile(tp, i0, nr, inner, j0, nc, ni, nj); });
                        for (std::ptrdiff_t i = 0; i < nr; ++i) {
                            ev.for_each_leaf([&](auto& leaf) { leaf.begin_tile_row(i, inner); });
                            contiguous_row<false, V>(corner + i * p.dst[tp], nc, ev);
                        }
                    } else {  // the destination itself is strided: element by element
                        for (std::ptrdiff_t i = i0; i < i0 + nr; ++i) {
                            ev.for_each_leaf([&](auto& leaf) { leaf.begin_segment(tp, i, inner, j0); });
                            strided_row<V>(corner + (i - i0) * p.dst[tp], p.dst[inner], nc, ev);
                        }
                    }
                }
            }
        });
        return;
    }
    }
}

}  // namespace tmath::detail
