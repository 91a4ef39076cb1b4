#pragma once
/// @file plan_driver.hpp
/// The planned strategy's loops over the outer dimensions: row by row, grouped short
/// rows, rows read at steps, and 2-D tiles for the strided case. The driver knows the
/// operands only as element-type-free cursors (leaf_state) and the expression only by
/// its row kernels, called through pointers: it is compiled once, not once per
/// expression, and each expression compiles only its row loops.

#include <algorithm>
#include <array>
#include <cstddef>
#include <span>
#include <type_traits>

#include "tmath/config.hpp"
#include "tmath/core/shape.hpp"
#include "tmath/eval/leaf_state.hpp"
#include "tmath/eval/loops.hpp"
#include "tmath/eval/plan.hpp"
#include "tmath/eval/strategy.hpp"
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

/// An expression's row loops, as the driver calls them: `ev` is the expression's
/// evaluator, `dst` the first destination element, steps and lengths count elements.
struct plan_kernels {
    void* ev;
    /// `rows` rows of `n` elements, `dst_step` apart, from the rows started by begin_row,
    /// the cursors stepping along dimension `d` between rows; non-temporal stores when asked.
    void (*rows)(void* ev, std::byte* dst, std::ptrdiff_t dst_step, std::size_t rows, std::ptrdiff_t n,
                 std::size_t d, bool non_temporal);
    /// `rows` short rows of `n` elements along dimension `d` (after prepare_group), as
    /// runs of `group` rows each; the destination's rows are `dst_step` apart and
    /// contiguous with each other. The cursors end where they began.
    void (*groups)(void* ev, std::byte* dst, std::ptrdiff_t dst_step, std::size_t rows, std::size_t group,
                   std::ptrdiff_t n, std::size_t d);
    /// The `nr` x `nc` tile started by begin_tile, its rows `dst_step` apart; the inner
    /// dimension is `q`.
    void (*tile)(void* ev, std::byte* dst, std::ptrdiff_t dst_step, std::ptrdiff_t nr, std::ptrdiff_t nc,
                 std::size_t q);
    /// `rows` rows of `n` elements, `dst_step` apart, each operand read at its own step
    /// along `inner`, the rows stepping along `d`.
    void (*strided_rows)(void* ev, std::byte* dst, std::ptrdiff_t dst_step, std::size_t rows, std::ptrdiff_t n,
                         std::size_t inner, std::size_t d);
    /// dst[j * step] for j < n, element by element, from the segments started.
    void (*segment)(void* ev, std::byte* dst, std::ptrdiff_t step, std::ptrdiff_t n);
};

/// Runs plan `p` into `dst` (elements of `dst_elem` bytes) with the operands' cursors
/// `leaves` and the expression's `kernels`. Contiguous rows take non-temporal stores
/// when `streams` (the types allow them) and the destination has `streaming_bytes` or more.
TMATH_NOINLINE inline void drive_plan(const plan_loop& p, std::byte* dst, std::size_t dst_elem,
                                      std::span<leaf_state* const> leaves, const plan_kernels& kernels, bool streams,
                                      std::size_t streaming_bytes) {
    const std::size_t inner = p.rank() - 1;
    const auto n = static_cast<std::ptrdiff_t>(p.shape[inner]);
    const auto elem = static_cast<std::ptrdiff_t>(dst_elem);
    void* const ev = kernels.ev;
    std::byte* cursor = dst;
    auto move = [&](std::size_t d, std::ptrdiff_t count) {
        cursor += count * p.dst[d] * elem;
        for (leaf_state* leaf : leaves) leaf->move(d, count);
    };
    small_vector<std::size_t, TMATH_INLINE_RANK> outer;

    switch (p.kind) {
    case plan_kind::flat:
    case plan_kind::inner_contiguous:
        if (p.group_rows == 1) {
            const bool non_temporal = streams && non_temporal_size(shape_size(p.shape.span()) * dst_elem, streaming_bytes);
            if (inner == 0) {  // a single row
                for (leaf_state* leaf : leaves) leaf->begin_row(inner);
                kernels.rows(ev, cursor, 0, 1, n, inner, non_temporal);
            } else {
                // Rows along dimension `last` by register cursors; the dims before it by the odometer.
                const std::size_t last = inner - 1;
                for (std::size_t d = 0; d < last; ++d) outer.push_back(d);
                for_each_index(p.shape, outer, move, [&] {
                    for (leaf_state* leaf : leaves) leaf->begin_row(inner);
                    kernels.rows(ev, cursor, p.dst[last], p.shape[last], n, last, non_temporal);
                });
            }
            if (non_temporal) simd::stream_fence();
        } else {
            const std::size_t rows = p.shape[inner - 1];
            for (std::size_t d = 0; d + 1 < inner; ++d) outer.push_back(d);
            for_each_index(p.shape, outer, move, [&] {
                for (leaf_state* leaf : leaves) leaf->prepare_group(inner, p.group_rows, p.shape[inner]);
                kernels.groups(ev, cursor, p.dst[inner - 1], rows, p.group_rows, n, inner - 1);
            });
        }
        return;

    case plan_kind::strided_rows: {  // contiguous destination rows, each operand read at its step
        // Rows along dimension `last` by one cursor tree (its steps and permute tables set
        // up once), the dims before it by the odometer; a single row when rank is 1.
        const std::size_t last = inner == 0 ? 0 : inner - 1;
        const std::size_t rows = inner == 0 ? 1 : p.shape[last];
        for (std::size_t d = 0; d < last; ++d) outer.push_back(d);
        for_each_index(p.shape, outer, move,
                       [&] { kernels.strided_rows(ev, cursor, p.dst[last], rows, n, inner, last); });
        return;
    }

    case plan_kind::strided: {
        const std::size_t tp = p.tile_dim;
        if (tp == inner) {  // no second dimension to tile with
            for (std::size_t d = 0; d < inner; ++d) outer.push_back(d);
            for_each_index(p.shape, outer, move, [&] {
                for (leaf_state* leaf : leaves) leaf->begin_segment(inner, 0, inner, 0);
                kernels.segment(ev, cursor, p.dst[inner], n);
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
                    std::byte* corner = cursor + (i0 * p.dst[tp] + j0 * p.dst[inner]) * elem;
                    if (dst_contiguous) {  // pack transposed operands, then SIMD rows
                        const bool last_col = j0 + tile_cols >= n;
                        const std::ptrdiff_t ni = last_col ? i0 + tile_rows : i0;
                        const std::ptrdiff_t nj = last_col ? 0 : j0 + tile_cols;
                        for (leaf_state* leaf : leaves) leaf->begin_tile(tp, i0, nr, inner, j0, nc, ni, nj);
                        kernels.tile(ev, corner, p.dst[tp], nr, nc, inner);
                    } else {  // the destination itself is strided: element by element
                        for (std::ptrdiff_t i = i0; i < i0 + nr; ++i) {
                            for (leaf_state* leaf : leaves) leaf->begin_segment(tp, i, inner, j0);
                            kernels.segment(ev, corner + (i - i0) * p.dst[tp] * elem, p.dst[inner], nc);
                        }
                    }
                }
            }
        });
        return;
    }
    }
}

/// The row kernels of the expression evaluated by Ev (element type V) into D memory.
template <class V, class D, class Ev>
struct plan_kernels_of {
    static Ev& of(void* ev) noexcept { return *static_cast<Ev*>(ev); }
    static D* at(std::byte* dst) noexcept { return reinterpret_cast<D*>(dst); }

    static void rows(void* ev, std::byte* dst, std::ptrdiff_t dst_step, std::size_t rows, std::ptrdiff_t n,
                     std::size_t d, bool non_temporal) noexcept {
        run_rows<V>(at(dst), dst_step, rows, n, of(ev).stepping_row_cursor(d), non_temporal);
    }
    static void groups(void* ev, std::byte* dst, std::ptrdiff_t dst_step, std::size_t rows, std::size_t group,
                       std::ptrdiff_t n, std::size_t d) noexcept {
        Ev& e = of(ev);
        D* out = at(dst);
        for (std::size_t i = 0; i < rows; i += group) {
            const auto k = static_cast<std::ptrdiff_t>(std::min(group, rows - i));
            e.for_each_leaf([](leaf_state& leaf) { leaf.begin_group(); });
            rows_any_stride<V>(out, k * n, e.row_cursor());
            e.for_each_leaf([&](leaf_state& leaf) { leaf.move(d, k); });
            out += k * dst_step;
        }
        e.for_each_leaf([&](leaf_state& leaf) { leaf.move(d, -static_cast<std::ptrdiff_t>(rows)); });
    }
    static void tile(void* ev, std::byte* dst, std::ptrdiff_t dst_step, std::ptrdiff_t nr, std::ptrdiff_t nc,
                     std::size_t q) noexcept {
        Ev& e = of(ev);
        for (std::ptrdiff_t i = 0; i < nr; ++i) {
            e.for_each_leaf([&](leaf_state& leaf) { leaf.begin_tile_row(i, q); });
            rows_any_stride<V>(at(dst) + i * dst_step, nc, e.row_cursor());
        }
    }
    static void strided_rows(void* ev, std::byte* dst, std::ptrdiff_t dst_step, std::size_t rows, std::ptrdiff_t n,
                             std::size_t inner, std::size_t d) noexcept {
        auto cur = of(ev).strided_cursor(inner, d);
        D* row = at(dst);
        if (cur.vector_read()) {
            // Never a unit-stride row (an operand steps): no flat loop for this cursor;
            // plain stores (a non-temporal variant would double this loop's code in
            // every expression for destinations past streaming_bytes only).
            for (std::size_t i = 0; i < rows; ++i, row += dst_step) {
                if (i != 0) cur.next_row();
                contiguous_row<false, V, false>(row, n, cur);
            }
        } else {
            for (std::size_t i = 0; i < rows; ++i, row += dst_step) {
                if (i != 0) cur.next_row();
                for (std::ptrdiff_t j = 0; j < n; ++j) row[j] = static_cast<D>(cur.template scalar<V>(j));
            }
        }
    }
    static void segment(void* ev, std::byte* dst, std::ptrdiff_t step, std::ptrdiff_t n) noexcept {
        strided_row<V>(at(dst), step, n, of(ev));
    }
};

/// Runs plan `p`, writing the expression evaluated by `ev` (element type V) into `dst`;
/// a destination of `streaming_bytes` or more takes non-temporal stores where it can.
/// RowMajor: the destination and every operand are row-major arrays (whole tensors),
/// so every row is unit-stride or broadcast (a flat or inner_contiguous plan) and the
/// strided loops (tiles, step-slice rows, segments) are not compiled.
template <class V, bool RowMajor = false, class D, class Ev, std::size_t N>
void run_plan(const eval_plan<N>& p, D* dst, Ev& ev, std::size_t streaming_bytes) {
    std::array<leaf_state*, N> leaves{};
    std::size_t k = 0;
    ev.for_each_leaf([&](leaf_state& leaf) { leaves[k++] = &leaf; });
    using K = plan_kernels_of<V, D, Ev>;
    plan_kernels kernels{&ev, &K::rows, &K::groups, nullptr, nullptr, nullptr};
    if constexpr (!RowMajor) {
        kernels.tile = &K::tile;
        kernels.strided_rows = &K::strided_rows;
        kernels.segment = &K::segment;
    }
    constexpr bool streams = std::is_same_v<V, D> && simd::has_stream_store<V>;
    drive_plan(p, reinterpret_cast<std::byte*>(dst), sizeof(D), std::span<leaf_state* const>(leaves), kernels, streams,
               streaming_bytes);
}

}  // namespace tmath::detail
