#pragma once
/// @file leaf_evaluator.hpp
/// The evaluator of one memory operand and its scratch. The loops move its cursor over
/// the outer dimensions, then start a row, a group of short rows, a segment or a tile;
/// broadcast rows, short periodic rows and tiles of transposed operands are copied into
/// the operand's scratch so that every row read is one unit-stride load.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "tmath/arch/prefetch.hpp"
#include "tmath/config.hpp"
#include "tmath/eval/row_cursor.hpp"
#include "tmath/simd/simd.hpp"
#include "tmath/simd/transpose.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::detail {

/// Bytes of each operand's scratch in an evaluator of `operands` memory operands:
/// TMATH_OPERAND_SCRATCH_BYTES, or an equal share of TMATH_PLANNED_STACK_BYTES when
/// that is smaller (whole multiples of TMATH_ALIGNMENT, at least 1 KiB).
constexpr std::size_t operand_scratch_bytes(std::size_t operands) noexcept {
    const std::size_t share = TMATH_PLANNED_STACK_BYTES / (operands == 0 ? 1 : operands) / TMATH_ALIGNMENT * TMATH_ALIGNMENT;
    const std::size_t bytes = share < TMATH_OPERAND_SCRATCH_BYTES ? share : TMATH_OPERAND_SCRATCH_BYTES;
    return bytes < 1024 ? 1024 : bytes;
}

/// The scratch of every memory operand of one evaluation, `Bytes` each, in one block
/// outside the evaluator tree (so that building the tree, which copies its nodes,
/// never copies or duplicates scratch on the stack).
template <std::size_t Operands, std::size_t Bytes>
struct operand_scratch {
    static_assert(Bytes % TMATH_ALIGNMENT == 0 && Bytes >= 1024, "operand scratch: whole aligned slots of 1 KiB or more");
    alignas(TMATH_ALIGNMENT) std::byte m_bytes[Operands == 0 ? 1 : Operands][Bytes];
    /// Operand i's slot, as T elements (implicitly created in the byte array, C++20).
    template <class T>
    T* slot(std::size_t i) noexcept {
        return reinterpret_cast<T*>(m_bytes[i]);
    }
};

/// Cursor over one memory operand, with a slot of scratch (at least 1 KiB) of its own.
template <class T>
class leaf_evaluator {
public:
    using value_type = T;
    static_assert(1024 >= simd::width<T> * sizeof(T), "operand scratch must hold one batch");

    /// A cursor at `origin`, stepping by `leaf_strides` (one per dimension of the
    /// plan), with `scratch` as its slot of operand scratch.
    leaf_evaluator(const T* origin, const std::ptrdiff_t* leaf_strides, T* scratch) noexcept
        : m_src(origin), m_ptr(origin), m_strides(leaf_strides), m_scratch(scratch) {}
    /// A copy of `o`'s cursor position, strides and scratch slot (no row started).
    leaf_evaluator(const leaf_evaluator& o) noexcept
        : m_src(o.m_src), m_ptr(o.m_src), m_strides(o.m_strides), m_scratch(o.m_scratch) {}
    leaf_evaluator& operator=(const leaf_evaluator&) = delete;

    /// Calls `g(*this)`: the leaf evaluators below a node, in tree order.
    template <class G>
    void for_each_leaf(G&& g) {
        g(*this);
    }

    /// Moves the cursor `count` steps along dimension `d`.
    void move(std::size_t d, std::ptrdiff_t count) noexcept { m_src += count * m_strides[d]; }

    /// Starts a row along dimension `inner` (stride 0 or 1).
    void begin_row(std::size_t inner) noexcept {
        if (m_strides[inner] == 0) {
            read_broadcast(*m_src);
        } else {
            m_ptr = m_src;
            set_step(1);
        }
    }

    /// Prepares `rows` rows of length `n` along (inner-1, inner) as one run; an
    /// operand that repeats across those rows is replicated into the scratch.
    void prepare_group(std::size_t inner, std::size_t rows, std::size_t n) noexcept {
        m_periodic = m_strides[inner - 1] == 0;
        if (!m_periodic) return;
        if (m_strides[inner] == 0) {
            read_broadcast(*m_src);  // m_ptr is set again by begin_group
        } else {
            for (std::size_t r = 0; r < rows; ++r) std::copy_n(m_src, n, m_scratch + r * n);
            set_step(1);
        }
    }
    /// Starts a grouped run (after prepare_group).
    void begin_group() noexcept {
        if (m_periodic) {
            m_ptr = m_scratch;
        } else {
            m_ptr = m_src;
            set_step(1);
        }
    }

    /// Starts a segment at position `i` of dimension `p` and `j0` of dimension `q`,
    /// stepping along `q` (the element-by-element strided loop).
    void begin_segment(std::size_t p, std::ptrdiff_t i, std::size_t q, std::ptrdiff_t j0) noexcept {
        m_ptr = m_src + i * m_strides[p] + j0 * m_strides[q];
        set_step(m_strides[q]);
    }

    /// Starts the tile [i0, i0+rows) x [j0, j0+cols) of dimensions (p, q). An operand
    /// that is not unit-stride or broadcast along q (a transposed one) is copied into
    /// the scratch as a row-major rows x cols block, reading along its faster dimension.
    /// `next_i0`/`next_j0` locate the tile that follows, whose source lines are prefetched.
    void begin_tile(std::size_t p, std::ptrdiff_t i0, std::ptrdiff_t rows, std::size_t q, std::ptrdiff_t j0,
                    std::ptrdiff_t cols, std::ptrdiff_t next_i0, std::ptrdiff_t next_j0) noexcept {
        const std::ptrdiff_t sp = m_strides[p];
        const std::ptrdiff_t sq = m_strides[q];
        m_tile = m_src + i0 * sp + j0 * sq;
        m_tile_step = sp;
        m_packed = sq != 0 && sq != 1;
        if (!m_packed) return;
        // The transposed reads are short runs on many pages: fetch the next tile's ahead.
        const auto next = reinterpret_cast<std::uintptr_t>(m_src) +
                          static_cast<std::uintptr_t>((next_i0 * sp + next_j0 * sq) * static_cast<std::ptrdiff_t>(sizeof(T)));
        const std::ptrdiff_t line = std::max<std::ptrdiff_t>(1, TMATH_CACHE_LINE / static_cast<std::ptrdiff_t>(sizeof(T)) / std::max<std::ptrdiff_t>(std::abs(sp), 1));
        for (std::ptrdiff_t j = 0; j < cols; ++j)
            for (std::ptrdiff_t i = 0; i < rows; i += line)
                arch::prefetch<arch::cache_level::l2>(next + static_cast<std::uintptr_t>((i * sp + j * sq) *
                                                                             static_cast<std::ptrdiff_t>(sizeof(T))));
        if (pack_transposed(rows, cols, sp, sq)) {
            // done: square blocks transposed in registers
        } else if (std::abs(sp) <= std::abs(sq)) {
            // Four source runs at a time: four independent loads, four adjacent stores.
            std::ptrdiff_t j = 0;
            for (; j + 4 <= cols; j += 4) {
                const T* r0 = m_tile + j * sq;
                const T* r1 = r0 + sq;
                const T* r2 = r1 + sq;
                const T* r3 = r2 + sq;
                T* out = m_scratch + j;
                for (std::ptrdiff_t i = 0; i < rows; ++i) {
                    out[i * cols] = r0[i * sp];
                    out[i * cols + 1] = r1[i * sp];
                    out[i * cols + 2] = r2[i * sp];
                    out[i * cols + 3] = r3[i * sp];
                }
            }
            for (; j < cols; ++j)
                for (std::ptrdiff_t i = 0; i < rows; ++i) m_scratch[i * cols + j] = m_tile[i * sp + j * sq];
        } else {
            for (std::ptrdiff_t i = 0; i < rows; ++i)
                for (std::ptrdiff_t j = 0; j < cols; ++j) m_scratch[i * cols + j] = m_tile[i * sp + j * sq];
        }
        m_tile = m_scratch;
        m_tile_step = cols;
    }
    /// Starts row `i` of the current tile (unit stride, or a replicated broadcast value).
    void begin_tile_row(std::ptrdiff_t i, std::size_t q) noexcept {
        if (!m_packed && m_strides[q] == 0) {
            read_broadcast(m_tile[i * m_tile_step]);
        } else {
            m_ptr = m_tile + i * m_tile_step;
            set_step(1);
        }
    }

    /// Element `j` of the current row or segment.
    template <class V>
    V scalar(std::ptrdiff_t j) const noexcept {
        return static_cast<V>(m_ptr[j * m_step]);
    }
    /// The current row as a register-sized cursor (the row is unit-stride or broadcast).
    row_leaf<T> row_cursor() const noexcept { return row_leaf<T>(m_ptr, m_mask); }
    /// The row along dimension `inner` at the cursor's position as a strided row cursor
    /// whose next_row() steps along dimension `d` (the strided_rows loop: no begin_row,
    /// any step).
    strided_leaf<T> strided_cursor(std::size_t inner, std::size_t d) const noexcept {
        return strided_leaf<T>(m_src, m_strides[inner], m_strides[d]);
    }
    /// The current row (after begin_row) as a row cursor whose next_row() steps it along
    /// dimension `d`, row after row.
    row_leaf<T> stepping_row_cursor(std::size_t d) noexcept {
        return row_leaf<T>(m_ptr, m_mask, m_src, m_scratch, m_strides[d]);
    }

private:
    /// Packs the tile at m_tile into the scratch when the operand is transposed (unit
    /// stride across the tile's rows): square blocks are transposed in registers, the
    /// edges element by element. False when there is no kernel for T or the layout differs.
    bool pack_transposed(std::ptrdiff_t rows, std::ptrdiff_t cols, std::ptrdiff_t sp, std::ptrdiff_t sq) noexcept {
        constexpr auto side = static_cast<std::ptrdiff_t>(simd::transpose_side<sizeof(T)>);
        if constexpr (side == 1) {
            return false;
        } else {
            if (sp != 1) return false;
            const std::ptrdiff_t full_rows = rows - rows % side;
            const std::ptrdiff_t full_cols = cols - cols % side;
            for (std::ptrdiff_t j = 0; j < full_cols; j += side)
                for (std::ptrdiff_t i = 0; i < full_rows; i += side)
                    simd::transpose_block(m_tile + i + j * sq, sq, m_scratch + i * cols + j, cols);
            for (std::ptrdiff_t i = 0; i < rows; ++i) {
                const std::ptrdiff_t j_begin = i < full_rows ? full_cols : 0;
                for (std::ptrdiff_t j = j_begin; j < cols; ++j) m_scratch[i * cols + j] = m_tile[i + j * sq];
            }
            return true;
        }
    }

    /// Reads `value` along the row: one batch of copies in the scratch, step 0.
    void read_broadcast(T value) noexcept {
        std::fill_n(m_scratch, simd::width<T>, value);
        m_ptr = m_scratch;
        set_step(0);
    }
    void set_step(std::ptrdiff_t step) noexcept {
        m_step = step;
        m_mask = step == 0 ? 0 : -1;
    }

    const T* m_src;
    const T* m_ptr;
    const std::ptrdiff_t* m_strides;
    std::ptrdiff_t m_step = 1;
    std::ptrdiff_t m_mask = -1;  ///< all ones for step 1, zero for step 0 (batch reads)
    const T* m_tile = nullptr;
    std::ptrdiff_t m_tile_step = 0;
    bool m_periodic = false;
    bool m_packed = false;
    T* m_scratch;
};

}  // namespace tmath::detail
