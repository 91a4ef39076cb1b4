#pragma once
/// @file prefetch.hpp
/// Software prefetch hints for kernels whose streams the hardware prefetchers miss
/// (a new 4 KiB page every row, tiles of a transposed operand). A hint never faults,
/// so the address may lie past the end of an array; it is passed as an integer so
/// that no out-of-range pointer is ever formed.

#include <cstdint>

namespace tmath::detail {

/// Cache level a prefetch fills: `l1` for data used within a few hundred cycles, `l2`
/// for lines that would thrash an L1 set (many streams 4 KiB apart).
enum class cache_level { l1, l2 };

/// Hints the cache to fetch the line holding `address` for reading.
template <cache_level Level = cache_level::l2>
inline void prefetch(std::uintptr_t address) noexcept {
#if defined(__GNUC__) || defined(__clang__)
    __builtin_prefetch(reinterpret_cast<const void*>(address), 0, Level == cache_level::l1 ? 3 : 2);
#else
    (void)address;
#endif
}

/// Hints the cache to fetch the line holding `address` into L1 for writing (a line
/// that will be read and then stored, such as a GEMM tile of C).
inline void prefetch_for_write(std::uintptr_t address) noexcept {
#if defined(__GNUC__) || defined(__clang__)
    __builtin_prefetch(reinterpret_cast<const void*>(address), 1, 3);
#else
    (void)address;
#endif
}

}  // namespace tmath::detail
