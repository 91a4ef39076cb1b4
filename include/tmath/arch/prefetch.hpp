#pragma once
/// @file prefetch.hpp
/// Software prefetch hints for kernels whose streams the hardware prefetchers miss
/// (a new 4 KiB page every row, tiles of a transposed operand). A hint never faults,
/// so the address may lie past the end of an array; it is passed as an integer so
/// that no out-of-range pointer is ever formed.

#include <cstdint>

#include "tmath/config.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::arch {

/// Cache level a prefetch fills: `l1` for data used within a few hundred cycles, `l2`
/// for lines that would thrash an L1 set (many streams 4 KiB apart).
enum class cache_level { l1, l2 };

/// What the prefetched line is for: reading, or writing (read for ownership first).
enum class prefetch_intent { read, write };

/// Hints the cache to fetch the line holding `address` into `Level` (for writing: a
/// line that will be stored, such as a GEMM tile of C).
template <cache_level Level = cache_level::l2, prefetch_intent Intent = prefetch_intent::read>
inline void prefetch(std::uintptr_t address) noexcept {
#if defined(__GNUC__) || defined(__clang__)
    __builtin_prefetch(reinterpret_cast<const void*>(address), Intent == prefetch_intent::write ? 1 : 0,
                       Level == cache_level::l1 ? 3 : 2);
#else
    (void)address;
#endif
}

}  // namespace tmath::arch
