#pragma once
/// @file plan.hpp
/// The evaluation plan of the `planned` assignment strategy (strategy.hpp): a pure
/// function of the destination's and operands' layouts that picks how the assignment
/// loops over them. It reorders dimensions into the destination's memory order, drops
/// extent-1 dimensions, merges dimensions that are contiguous for every array, and
/// then chooses:
///  - flat: one contiguous run for the destination and every operand;
///  - inner_contiguous: the innermost run is contiguous for the destination and every
///    operand reads it contiguously or broadcasts it (stride 0); short rows whose
///    operands repeat with the row are processed several rows at a time (group_rows);
///  - strided_rows: the innermost run is contiguous for the destination, and every
///    operand that does not read it contiguously or broadcast walks it at its own
///    smallest stride (a step slice, not a transpose): row by row, each operand read at
///    its step;
///  - strided: anything else, iterated in 2-D tiles over (tile_dim, innermost).

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdlib>
#include <numeric>
#include <span>

#include "tmath/config.hpp"
#include "tmath/core/shape.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::detail {

/// The loop an assignment runs.
enum class plan_kind { flat, inner_contiguous, strided_rows, strided };

/// Thresholds the plan uses; the defaults come from config.hpp.
struct plan_limits {
    /// Rows shorter than this (in elements) are grouped when their operands allow it.
    std::size_t short_row = 64;
    /// Elements of short rows an operand may group into its scratch buffer.
    std::size_t group_capacity = 256;
    /// Elements of a strided tile an operand may hold in its scratch buffer.
    std::size_t tile_capacity = 256;
    /// Columns of a strided tile (its rows fill the rest of the tile capacity).
    std::size_t tile_cols = TMATH_STRIDED_TILE;
    /// SIMD width of the evaluation: groups are made a multiple of it when they can be.
    std::size_t batch = 1;
};

/// Rows of length `n` (out of `rows`) to run as one: as many as the scratch holds,
/// rounded down to make the run a whole number of SIMD batches when possible.
inline std::size_t group_rows_for(std::size_t n, std::size_t rows, const plan_limits& limits) {
    std::size_t k = std::max<std::size_t>(limits.group_capacity / n, 1);
    const std::size_t unit = limits.batch / std::gcd(n, limits.batch);  // rows per whole batch run
    if (k >= unit) k -= k % unit;
    return std::min(k, rows);
}

/// The loop part of a plan (what the driver needs, whatever the operand count): the
/// iteration space, the destination's strides over it and the loop's parameters.
struct plan_loop {
    plan_kind kind = plan_kind::flat;
    shape_t shape;               ///< merged iteration shape (rank >= 1)
    strides_t dst;               ///< destination strides over `shape`
    std::size_t group_rows = 1;  ///< inner_contiguous: rows of dim rank-2 done as one run
    std::size_t tile_dim = 0;    ///< strided: the dimension tiled with the innermost one
    std::size_t tile_rows = 1;   ///< strided: tile extent along tile_dim
    std::size_t tile_cols = 1;   ///< strided: tile extent along the innermost dimension

    std::size_t rank() const noexcept { return shape.size(); }
};

/// Result of plan(): the loop and every operand's strides over its iteration space.
template <std::size_t N>
struct eval_plan : plan_loop {
    std::array<strides_t, N> operands;  ///< operand strides over `shape` (0 = broadcast)
};

/// plan()'s work, whatever the operand count (compiled once, not once per count): fills
/// `p` and `out` (one entry per operand, empty on entry) from `operand_strides`.
TMATH_NOINLINE inline void plan_into(plan_loop& p, std::span<strides_t> out, std::span<const std::size_t> shape,
                                     std::span<const std::ptrdiff_t> dst_strides,
                                     std::span<const strides_t> operand_strides, const plan_limits& limits) {
    const std::size_t rank = shape.size();

    // Dimensions that matter, ordered by the destination's memory order (outermost first).
    small_vector<std::size_t, TMATH_INLINE_RANK> dims;
    for (std::size_t d = 0; d < rank; ++d) {
        if (shape[d] == 0) {  // empty: nothing to do
            p.shape = shape_t{0};
            p.dst = strides_t{1};
            for (auto& o : out) o = strides_t{1};
            return;
        }
        if (shape[d] != 1) dims.push_back(d);
    }
    // Stable insertion sort by decreasing |stride| (std::stable_sort may allocate).
    for (std::size_t i = 1; i < dims.size(); ++i)
        for (std::size_t j = i; j > 0 && std::abs(dst_strides[dims[j - 1]]) < std::abs(dst_strides[dims[j]]); --j)
            std::swap(dims[j - 1], dims[j]);

    // Merge neighbours that are contiguous for the destination and every operand.
    auto mergeable = [&](std::size_t outer, std::size_t inner) {
        const auto ext = static_cast<std::ptrdiff_t>(shape[inner]);
        if (dst_strides[outer] != dst_strides[inner] * ext) return false;
        for (const auto& s : operand_strides)
            if (s[outer] != s[inner] * ext) return false;
        return true;
    };
    small_vector<std::size_t, TMATH_INLINE_RANK> groups;  // the innermost source dim of each merged dim
    for (std::size_t i = 0; i < dims.size(); ++i) {
        if (!groups.empty() && mergeable(dims[i - 1], dims[i])) {
            p.shape.back() *= shape[dims[i]];
            groups.back() = dims[i];
        } else {
            p.shape.push_back(shape[dims[i]]);
            groups.push_back(dims[i]);
        }
    }
    if (groups.empty()) {  // a single element
        p.shape = shape_t{1};
        p.dst = strides_t{1};
        for (auto& o : out) o = strides_t{1};
        return;
    }
    for (std::size_t g : groups) p.dst.push_back(dst_strides[g]);
    for (std::size_t k = 0; k < out.size(); ++k)
        for (std::size_t g : groups) out[k].push_back(operand_strides[k][g]);

    // Choose the loop.
    const std::size_t r = p.rank();
    const std::size_t inner = r - 1;
    auto unit_or_zero = [](std::ptrdiff_t s) { return s == 0 || s == 1; };
    bool all_unit = p.dst[inner] == 1;
    bool inner_ok = p.dst[inner] == 1;
    for (const auto& s : out) {
        all_unit = all_unit && s[inner] == 1;
        inner_ok = inner_ok && unit_or_zero(s[inner]);
    }
    if (r == 1 && all_unit) {
        p.kind = plan_kind::flat;
        return;
    }
    if (inner_ok) {
        p.kind = plan_kind::inner_contiguous;
        const std::size_t n = p.shape[inner];
        if (r >= 2 && n < limits.short_row && p.dst[inner - 1] == static_cast<std::ptrdiff_t>(n)) {
            bool periodic = true;
            for (const auto& s : out) {
                const bool continuing = s[inner - 1] == static_cast<std::ptrdiff_t>(n) && s[inner] == 1;
                periodic = periodic && (continuing || s[inner - 1] == 0);
            }
            if (periodic) p.group_rows = group_rows_for(n, p.shape[inner - 1], limits);
        }
        return;
    }
    if (p.dst[inner] == 1) {
        bool rows = true;  // no operand is read faster along another dimension than along the rows
        for (const auto& s : out) {
            const std::ptrdiff_t step = std::abs(s[inner]);
            if (step <= 1) continue;
            for (std::size_t d = 0; d < inner; ++d) rows = rows && (s[d] == 0 || std::abs(s[d]) >= step);
        }
        if (rows) {
            p.kind = plan_kind::strided_rows;
            return;
        }
    }
    p.kind = plan_kind::strided;
    // Tile the innermost dimension with the one the first non-contiguous array walks fastest.
    const strides_t* worst = &p.dst;
    if (p.dst[inner] == 1)
        for (const auto& s : out)
            if (!unit_or_zero(s[inner])) {
                worst = &s;
                break;
            }
    p.tile_dim = inner;
    for (std::size_t d = 0; d < inner; ++d) {
        const auto s = std::abs((*worst)[d]);
        if (s != 0 && (p.tile_dim == inner || s < std::abs((*worst)[p.tile_dim]))) p.tile_dim = d;
    }
    p.tile_cols = std::min(limits.tile_cols, limits.tile_capacity);
    p.tile_rows = std::max<std::size_t>(limits.tile_capacity / p.tile_cols, 1);
}

/// Picks the evaluation loop for a destination of `shape`/`dst_strides` and operands
/// whose strides are already broadcast to `shape` (0 where they repeat).
template <std::size_t N>
eval_plan<N> plan(std::span<const std::size_t> shape, std::span<const std::ptrdiff_t> dst_strides,
                  const std::array<strides_t, N>& operand_strides, plan_limits limits = {}) {
    eval_plan<N> p;
    plan_into(p, p.operands, shape, dst_strides, operand_strides, limits);
    return p;
}

}  // namespace tmath::detail
