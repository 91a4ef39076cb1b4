#pragma once
/// @file row_cursor.hpp
/// A memory operand's cursor on the current row, the register-sized form of a leaf
/// evaluator that the row loops read through: `row_leaf` for rows read at unit stride
/// or broadcast, `strided_leaf` for rows read at any fixed step.

#include <algorithm>
#include <cstddef>
#include <type_traits>

#include "tmath/config.hpp"
#include "tmath/eval/batch_read.hpp"
#include "tmath/simd/strided_read.hpp"
#include "tmath/simd/masks.hpp"
#include "tmath/simd/math.hpp"
#include "tmath/simd/simd.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::detail {

/// A memory operand's cursor on one row read at unit stride or broadcast (stride 0):
/// a pointer and a mask (all ones, or zero to keep reading element 0). It is two
/// words, so the loops copy a tree of them into registers before a row: xsimd's
/// stores may alias anything, and a cursor left in memory would be reloaded after
/// every store.
template <class T>
class row_leaf {
public:
    using value_type = T;
    /// A cursor on the row at `p` (`mask` -1: unit stride; 0: the batch at `p` repeats).
    /// For next_row(): `outer` is the stride between rows; a broadcast row re-reads its
    /// value at `src` and replicates it into `fill` (= p).
    row_leaf(const T* p, std::ptrdiff_t mask, const T* src = nullptr, T* fill = nullptr,
             std::ptrdiff_t outer = 0) noexcept
        : m_ptr(p), m_mask(mask), m_src(src), m_fill(fill), m_outer(outer) {}

    /// Already a row cursor.
    row_leaf row_cursor() const noexcept { return *this; }
    /// Moves to the next row.
    void next_row() noexcept {
        if (m_mask != 0) {
            m_ptr += m_outer;
        } else {
            m_src += m_outer;
            simd::store(m_fill, simd::splat(*m_src));
        }
    }
    /// True when the row is read at unit stride (not broadcast).
    bool unit_stride() const noexcept { return m_mask != 0; }

    /// Element j of the row as a V.
    template <class V>
    V scalar(std::ptrdiff_t j) const noexcept {
        return static_cast<V>(m_ptr[j & m_mask]);
    }
    /// Elements j.. of the row as a batch of V.
    template <class V>
    simd::batch<V> batch(std::ptrdiff_t j) const noexcept {
        if constexpr (std::is_same_v<V, T>)
            return simd::load(m_ptr + (j & m_mask));
        else
            return batch_from_scalars<V>([&](std::size_t k) { return scalar<V>(j + static_cast<std::ptrdiff_t>(k)); });
    }
    /// Lanes j.. of a bool row as a mask of `batch<V>` (a `where` condition held in a
    /// bool tensor): one load of width<V> bools, or one value repeated.
    template <class V, bool Flat>
        requires std::is_same_v<T, bool>
    simd::mask<V> mask(std::ptrdiff_t j) const noexcept {
        if (Flat || m_mask != 0) return simd::load_mask<V>(m_ptr + j);
        alignas(TMATH_ALIGNMENT) bool tmp[simd::width<V>];
        std::fill_n(tmp, simd::width<V>, *m_ptr);
        return simd::load_mask<V>(tmp);
    }
    /// batch() for a run known to be unit-stride (the flat loop).
    template <class V>
    simd::batch<V> contiguous_batch(std::ptrdiff_t j) const noexcept {
        return load_as<V>(m_ptr + j);
    }
    /// Whether contiguous_half_width<V>() exists: no conversion.
    template <class V>
    static constexpr bool half_width = std::is_same_v<V, T>;
    /// contiguous_batch() in a half-width batch (simd::half_batch).
    template <class V>
        requires std::is_same_v<V, T>
    simd::half_batch<V> contiguous_half_width(std::ptrdiff_t j) const noexcept {
        return simd::half_batch<V>::load_unaligned(m_ptr + j);
    }

private:
    const T* m_ptr;
    std::ptrdiff_t m_mask;
    const T* m_src;
    T* m_fill;
    std::ptrdiff_t m_outer;
};

/// A memory operand's cursor on one row read `step` elements apart (a step slice such as
/// `range(_, _, 2)`, any sign, or 0 to repeat one element), its batches read by
/// simd::strided_reader. Like row_leaf, small enough to live in registers.
template <class T>
class strided_leaf {
public:
    using value_type = T;
    /// One batch per loop iteration (fn::batch_unroll_of): each batch read branches on the
    /// step, so four unrolled copies of the expression quadruple the loop's code, while
    /// the reads, not the loop, bound its speed.
    static constexpr std::ptrdiff_t batch_unroll = 1;
    /// A cursor on the row at `p` stepping by `step`; next_row() moves it `outer` elements.
    strided_leaf(const T* p, std::ptrdiff_t step, std::ptrdiff_t outer) noexcept
        : m_ptr(p), m_step(step), m_outer(outer), m_read(step) {}

    /// Already a row cursor.
    strided_leaf row_cursor() const noexcept { return *this; }
    /// Moves to the next row.
    void next_row() noexcept { m_ptr += m_outer; }
    /// True when the row is read at unit stride.
    bool unit_stride() const noexcept { return m_step == 1; }
    /// True when batches of the row are vector reads (a load, a splat or a pair read),
    /// not lane by lane: then the row loop reads batches, else elements.
    bool vector_read() const noexcept {
        return simd::has_native_batch<T> && (m_step == 0 || m_step == 1 || m_read.vectorized());
    }

    /// Element j of the row as a V.
    template <class V>
    V scalar(std::ptrdiff_t j) const noexcept {
        return static_cast<V>(m_ptr[j * m_step]);
    }
    /// Elements j.. of the row as a batch of V.
    template <class V>
    simd::batch<V> batch(std::ptrdiff_t j) const noexcept {
        if constexpr (std::is_same_v<V, T>) {
            if (m_step == 1) return simd::load(m_ptr + j);
            if (m_step == 0) return simd::splat(*m_ptr);
            return m_read(m_ptr + j * m_step);
        } else {
            return batch_from_scalars<V>([&](std::size_t k) { return scalar<V>(j + static_cast<std::ptrdiff_t>(k)); });
        }
    }
    /// batch() for a row known to be unit-stride.
    template <class V>
    simd::batch<V> contiguous_batch(std::ptrdiff_t j) const noexcept {
        return load_as<V>(m_ptr + j);
    }

private:
    const T* m_ptr;
    std::ptrdiff_t m_step;
    std::ptrdiff_t m_outer;
    simd::strided_reader<T> m_read;
};

}  // namespace tmath::detail
