#pragma once
/// @file leaf_state.hpp
/// A memory operand's cursor in a planned assignment, without its element type: the
/// loops over the outer dimensions (plan_driver.hpp) move it, then start a row, a group
/// of short rows, a segment or a tile; broadcast rows, short periodic rows and tiles of
/// transposed operands are copied into the operand's scratch so that every row read is
/// one unit-stride load. Only the element's size matters here, so this code is compiled
/// once, not once per expression; leaf_evaluator<T> adds the typed reads.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <type_traits>

#include "tmath/arch/prefetch.hpp"
#include "tmath/config.hpp"
#include "tmath/simd/transpose.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::detail {

/// Calls `f(std::integral_constant<std::size_t, B>{})` for an element of `bytes` bytes
/// when B is one of the usual sizes (1, 2, 4, 8, 16), so that element copies have a size
/// known at compile time; false (nothing called) for any other size.
template <class F>
inline bool with_element_size(std::size_t bytes, F&& f) {
    switch (bytes) {
    case 1: f(std::integral_constant<std::size_t, 1>{}); return true;
    case 2: f(std::integral_constant<std::size_t, 2>{}); return true;
    case 4: f(std::integral_constant<std::size_t, 4>{}); return true;
    case 8: f(std::integral_constant<std::size_t, 8>{}); return true;
    case 16: f(std::integral_constant<std::size_t, 16>{}); return true;
    default: return false;
    }
}

/// The element-type-free part of a memory operand's cursor (see the file comment).
/// Element moves go through memcpy: the scratch is read back as the operand's type.
class leaf_state {
public:
    /// Packs the current tile into the scratch (pack_tile_of<B>: the element size's own
    /// loop, chosen by the typed evaluator, so that only the sizes in use are compiled).
    using pack_fn = void (*)(leaf_state&, std::ptrdiff_t rows, std::ptrdiff_t cols, std::ptrdiff_t sp,
                             std::ptrdiff_t sq) noexcept;

    /// A cursor at `origin` (elements of `elem` bytes), stepping by `strides` (elements,
    /// one per dimension of the plan), with `scratch` as its slot of operand scratch; a
    /// broadcast row fills `fill` elements of it (one batch of the operand's type); tiles
    /// are packed by `pack`.
    leaf_state(const void* origin, const std::ptrdiff_t* strides, void* scratch, std::size_t elem, std::size_t fill,
               pack_fn pack) noexcept
        : m_src(static_cast<const std::byte*>(origin)), m_ptr(m_src), m_strides(strides),
          m_scratch(static_cast<std::byte*>(scratch)), m_elem(static_cast<std::ptrdiff_t>(elem)), m_fill(fill),
          m_pack(pack) {}
    /// A copy of `o`'s cursor position, strides and scratch slot (no row started).
    leaf_state(const leaf_state& o) noexcept
        : m_src(o.m_src), m_ptr(o.m_src), m_strides(o.m_strides), m_scratch(o.m_scratch), m_elem(o.m_elem),
          m_fill(o.m_fill), m_pack(o.m_pack) {}
    leaf_state& operator=(const leaf_state&) = delete;

    /// Moves the cursor `count` steps along dimension `d`.
    void move(std::size_t d, std::ptrdiff_t count) noexcept { m_src += count * m_strides[d] * m_elem; }

    /// Starts a row along dimension `inner` (stride 0 or 1).
    void begin_row(std::size_t inner) noexcept {
        if (m_strides[inner] == 0) {
            read_broadcast(m_src);
        } else {
            m_ptr = m_src;
            set_step(1);
        }
    }

    /// Prepares `rows` rows of length `n` along (inner-1, inner) as one run; an operand
    /// that repeats across those rows is replicated into the scratch.
    void prepare_group(std::size_t inner, std::size_t rows, std::size_t n) noexcept {
        m_periodic = m_strides[inner - 1] == 0;
        if (!m_periodic) return;
        if (m_strides[inner] == 0) {
            read_broadcast(m_src);  // m_ptr is set again by begin_group
        } else {
            const std::size_t bytes = n * static_cast<std::size_t>(m_elem);
            for (std::size_t r = 0; r < rows; ++r) std::memcpy(m_scratch + r * bytes, m_src, bytes);
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
        m_ptr = m_src + (i * m_strides[p] + j0 * m_strides[q]) * m_elem;
        set_step(m_strides[q]);
    }

    /// Starts the tile [i0, i0+rows) x [j0, j0+cols) of dimensions (p, q). An operand
    /// that is not unit-stride or broadcast along q (a transposed one) is copied into
    /// the scratch as a row-major rows x cols block, reading along its faster dimension.
    /// `next_i0`/`next_j0` locate the tile that follows, whose source lines are prefetched.
    TMATH_NOINLINE void begin_tile(std::size_t p, std::ptrdiff_t i0, std::ptrdiff_t rows, std::size_t q,
                                   std::ptrdiff_t j0, std::ptrdiff_t cols, std::ptrdiff_t next_i0,
                                   std::ptrdiff_t next_j0) noexcept {
        const std::ptrdiff_t sp = m_strides[p];
        const std::ptrdiff_t sq = m_strides[q];
        m_tile = m_src + (i0 * sp + j0 * sq) * m_elem;
        m_tile_step = sp;
        m_packed = sq != 0 && sq != 1;
        if (!m_packed) return;
        // The transposed reads are short runs on many pages: fetch the next tile's ahead.
        const auto next = reinterpret_cast<std::uintptr_t>(m_src) + static_cast<std::uintptr_t>((next_i0 * sp + next_j0 * sq) * m_elem);
        const std::ptrdiff_t line = std::max<std::ptrdiff_t>(1, TMATH_CACHE_LINE / m_elem / std::max<std::ptrdiff_t>(std::abs(sp), 1));
        for (std::ptrdiff_t j = 0; j < cols; ++j)
            for (std::ptrdiff_t i = 0; i < rows; i += line)
                arch::prefetch<arch::cache_level::l2>(next + static_cast<std::uintptr_t>((i * sp + j * sq) * m_elem));
        m_pack(*this, rows, cols, sp, sq);
        m_tile = m_scratch;
        m_tile_step = cols;
    }
    /// Starts row `i` of the current tile (unit stride, or a replicated broadcast value).
    void begin_tile_row(std::ptrdiff_t i, std::size_t q) noexcept {
        if (!m_packed && m_strides[q] == 0) {
            read_broadcast(m_tile + i * m_tile_step * m_elem);
        } else {
            m_ptr = m_tile + i * m_tile_step * m_elem;
            set_step(1);
        }
    }

protected:
    const std::byte* m_src;
    const std::byte* m_ptr;
    const std::ptrdiff_t* m_strides;
    std::ptrdiff_t m_step = 1;
    std::ptrdiff_t m_mask = -1;  ///< all ones for step 1, zero for step 0 (batch reads)
    const std::byte* m_tile = nullptr;
    std::ptrdiff_t m_tile_step = 0;  ///< elements between the tile's rows
    bool m_periodic = false;
    bool m_packed = false;
    std::byte* m_scratch;
    std::ptrdiff_t m_elem;  ///< bytes per element
    std::size_t m_fill;     ///< elements a broadcast row replicates
    pack_fn m_pack;

    /// Packs the tile at self.m_tile (elements of B bytes) into the scratch as a row-major
    /// rows x cols block: square blocks transposed in registers when the operand is
    /// transposed (unit stride across the tile's rows) and the build has a kernel for B,
    /// else four source runs at a time along the faster dimension, else element by element.
    template <std::size_t B>
    static void pack_tile_of(leaf_state& self, std::ptrdiff_t rows, std::ptrdiff_t cols, std::ptrdiff_t sp,
                             std::ptrdiff_t sq) noexcept {
        const std::byte* src = self.m_tile;
        std::byte* out = self.m_scratch;
        auto copy = [&](std::ptrdiff_t to, std::ptrdiff_t from) TMATH_FORCE_INLINE_LAMBDA {
            std::memcpy(out + to * static_cast<std::ptrdiff_t>(B), src + from * static_cast<std::ptrdiff_t>(B), B);
        };
        if constexpr (B == 4 || B == 8) {
            constexpr auto side = static_cast<std::ptrdiff_t>(simd::transpose_side<B>);
            if constexpr (side > 1) {
                if (sp == 1) {
                    using U = std::conditional_t<B == 4, std::uint32_t, std::uint64_t>;  // the bits are moved
                    const auto* s = reinterpret_cast<const U*>(src);
                    auto* d = reinterpret_cast<U*>(out);
                    const std::ptrdiff_t full_rows = rows - rows % side;
                    const std::ptrdiff_t full_cols = cols - cols % side;
                    for (std::ptrdiff_t j = 0; j < full_cols; j += side)
                        for (std::ptrdiff_t i = 0; i < full_rows; i += side)
                            simd::transpose_block(s + i + j * sq, sq, d + i * cols + j, cols);
                    for (std::ptrdiff_t i = 0; i < rows; ++i) {
                        const std::ptrdiff_t j_begin = i < full_rows ? full_cols : 0;
                        for (std::ptrdiff_t j = j_begin; j < cols; ++j) copy(i * cols + j, i + j * sq);
                    }
                    return;
                }
            }
        }
        if (std::abs(sp) <= std::abs(sq)) {
            // Four source runs at a time: four independent loads, four adjacent stores.
            std::ptrdiff_t j = 0;
            for (; j + 4 <= cols; j += 4)
                for (std::ptrdiff_t i = 0; i < rows; ++i) {
                    copy(i * cols + j, i * sp + j * sq);
                    copy(i * cols + j + 1, i * sp + (j + 1) * sq);
                    copy(i * cols + j + 2, i * sp + (j + 2) * sq);
                    copy(i * cols + j + 3, i * sp + (j + 3) * sq);
                }
            for (; j < cols; ++j)
                for (std::ptrdiff_t i = 0; i < rows; ++i) copy(i * cols + j, i * sp + j * sq);
        } else {
            for (std::ptrdiff_t i = 0; i < rows; ++i)
                for (std::ptrdiff_t j = 0; j < cols; ++j) copy(i * cols + j, i * sp + j * sq);
        }
    }

private:
    /// Reads the element at `value` along the row: one batch of copies in the scratch, step 0.
    void read_broadcast(const std::byte* value) noexcept {
        const bool done = with_element_size(static_cast<std::size_t>(m_elem), [&](auto size) {
            constexpr std::size_t B = decltype(size)::value;
            for (std::size_t k = 0; k < m_fill; ++k) std::memcpy(m_scratch + k * B, value, B);
        });
        if (!done)
            for (std::size_t k = 0; k < m_fill; ++k)
                std::memcpy(m_scratch + k * static_cast<std::size_t>(m_elem), value, static_cast<std::size_t>(m_elem));
        m_ptr = m_scratch;
        set_step(0);
    }
    void set_step(std::ptrdiff_t step) noexcept {
        m_step = step;
        m_mask = step == 0 ? 0 : -1;
    }
};

}  // namespace tmath::detail
