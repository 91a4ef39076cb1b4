#pragma once
/// @file load_order.hpp
/// The order in which a kernel that streams two operands from L2 issues its loads
/// (tuning::dot_loads). On the Intel cores tmath is tuned for, a dot product of two
/// arrays in L2 reads fastest when each iteration loads its four lines of one operand
/// first and then the four lines of the other, in an order whose line parity alternates
/// the same way for both: when the two operands start an odd number of lines apart, the
/// second operand's lines go in pairs swapped (1, 0, 3, 2). Only when each load issues
/// changes, never the summation order. Figures: bench/README.md, "dot load order".

#include <cstddef>
#include <cstdint>

#include "tmath/config.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::arch {

/// Keeps the compiler from moving memory accesses across this point (it emits no
/// instruction), so that loads issue in the order the source gives them.
TMATH_FORCE_INLINE void issue_barrier() noexcept {
#if defined(__GNUC__) || defined(__clang__)
    asm volatile("" ::: "memory");
#endif
}

/// Whether the lines at `a` and at `b` differ in parity: the arrays start an odd number
/// of `line`-byte cache lines apart (`line` a power of two).
inline bool lines_out_of_phase(const void* a, const void* b, std::size_t line) noexcept {
    return ((reinterpret_cast<std::uintptr_t>(a) ^ reinterpret_cast<std::uintptr_t>(b)) & line) != 0;
}

}  // namespace tmath::arch
