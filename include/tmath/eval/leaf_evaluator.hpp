#pragma once
/// @file leaf_evaluator.hpp
/// The evaluator of one memory operand and its scratch: the typed reads over the
/// element-type-free cursor of leaf_state.hpp.

#include <cstddef>

#include "tmath/config.hpp"
#include "tmath/eval/leaf_state.hpp"
#include "tmath/eval/row_cursor.hpp"
#include "tmath/simd/simd.hpp"

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

/// Cursor over one memory operand of element type T, with a slot of scratch (at least
/// 1 KiB) of its own: leaf_state's cursor (the loops' moves, rows, groups, segments and
/// tiles, compiled once for every T) and the typed reads of the current row.
template <class T>
class leaf_evaluator : public leaf_state {
public:
    using value_type = T;
    static_assert(1024 >= simd::width<T> * sizeof(T), "operand scratch must hold one batch");

    /// A cursor at `origin`, stepping by `leaf_strides` (one per dimension of the
    /// plan), with `scratch` as its slot of operand scratch.
    leaf_evaluator(const T* origin, const std::ptrdiff_t* leaf_strides, T* scratch) noexcept
        : leaf_state(origin, leaf_strides, scratch, sizeof(T), simd::width<T>, &pack_tile_of<sizeof(T)>) {}

    /// Calls `g(*this)`: the leaf evaluators below a node, in tree order.
    template <class G>
    void for_each_leaf(G&& g) {
        g(*this);
    }

    /// Element `j` of the current row or segment.
    template <class V>
    V scalar(std::ptrdiff_t j) const noexcept {
        return static_cast<V>(row()[j * m_step]);
    }
    /// The current row as a register-sized cursor (the row is unit-stride or broadcast).
    row_leaf<T> row_cursor() const noexcept { return row_leaf<T>(row(), m_mask); }
    /// The row along dimension `inner` at the cursor's position as a strided row cursor
    /// whose next_row() steps along dimension `d` (the strided_rows loop: no begin_row,
    /// any step).
    strided_leaf<T> strided_cursor(std::size_t inner, std::size_t d) const noexcept {
        return strided_leaf<T>(reinterpret_cast<const T*>(m_src), m_strides[inner], m_strides[d]);
    }
    /// The current row (after begin_row) as a row cursor whose next_row() steps it along
    /// dimension `d`, row after row.
    row_leaf<T> stepping_row_cursor(std::size_t d) const noexcept {
        return row_leaf<T>(row(), m_mask, reinterpret_cast<const T*>(m_src), reinterpret_cast<T*>(m_scratch), m_strides[d]);
    }

private:
    const T* row() const noexcept { return reinterpret_cast<const T*>(m_ptr); }
};

}  // namespace tmath::detail
