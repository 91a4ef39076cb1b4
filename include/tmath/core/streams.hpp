#pragma once
/// @file streams.hpp
/// When a pass that only reads memory (dot, reductions along the contiguous axis)
/// reads it as two streams side by side instead of one.

#include <cstddef>

#include "tmath/config.hpp"
#include "tmath/core/cpu.hpp"

namespace tmath::detail {

/// Whether a read-only pass over `bytes` of memory reads it as two streams: past
/// TMATH_TWO_STREAM_BYTES, on Intel processors. Past L2 their hardware prefetchers keep
/// more lines in flight for two streams than for one. On an Intel Xeon (Sapphire Rapids
/// class; raw loops against `cblas_sdot`, best of 9) dot of 256K floats ran 13.6 -> 14.5
/// GFLOP/s, 1M 6.89 -> 7.03, 16M 4.87 -> 5.16; the sum of a (1024, 1024) float array
/// (median of 100) 28.2 -> 29.0 GB/s, the sums of its rows 27.9 -> 29.0; four streams
/// gained no more. On Zen 4, interleaved streams measured the same or slower for sums
/// (its 32 MiB L3 holds these operands), so other processors keep one stream.
inline bool two_streams(std::size_t bytes) noexcept {
    return bytes > TMATH_TWO_STREAM_BYTES && this_cpu() == cpu_family::intel;
}

}  // namespace tmath::detail
