#pragma once
/// @file intel.hpp
/// Intel cores with AVX-512 (two 512-bit FMA and two 512-bit load ports per cycle, L1d
/// 48 KiB, L2 1.25-2 MiB). What differs from the generic table, and why (figures:
/// bench/README.md, "The figures behind the code's choices"):
/// - GEMM: the packed B panel (KC × NR) must stay in L1 beside the streaming A panel,
///   so KC is shallower (512 for float, 384 for double) and MC 384.
/// - Small GEMM: a one-batch-tall kernel issues 9 loads per 8 FMAs and leaves one of
///   the two FMA units waiting; four-batch-tall panels go first.
/// - Reads past 1 MiB take two streams: past L2 the prefetchers keep more lines in
///   flight for two streams than for one.
/// - Flat element-wise runs past L1 use 256-bit batches: from L2 they sustain more
///   bytes per cycle than 512-bit ones.
/// - Element-wise destinations take non-temporal stores from 4 MiB: from there the
///   arrays of an assignment no longer stay in the last-level cache, and a store that
///   first reads its line costs a third more traffic.
/// - dot from L2 issues each operand's four lines together, in an order set by the
///   operands' cache-line parity (arch/load_order.hpp), and never prefetches: the hints
///   cost more issue slots than the prefetchers leave to gain.

#include "tmath/arch/generic.hpp"
#include "tmath/arch/tuning.hpp"
#include "tmath/config.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::arch {

/// The Intel table for target `t`.
constexpr tuning intel_tuning(simd_target t) noexcept {
    tuning r = generic_tuning(t);
    r.family = "intel";
    if (t.vector_bytes >= 64) {
        r.gemm4.blocks = {384, 512, 6144};
        r.gemm8.blocks = {384, 384, 4092};
    }
    if (t.registers >= 32) r.small_gemm = small_gemm_kernels::tallest_first;
    r.two_stream_bytes = TMATH_TWO_STREAM_BYTES;
    r.half_width_bytes = TMATH_HALF_WIDTH_BYTES;
    if (t.vector_bytes >= 64) r.streaming_bytes = TMATH_INTEL_STREAMING_BYTES;
    r.dot_loads = dot_load_order::grouped_by_parity;
    r.dot_prefetch_bytes = never;
    return r;
}

}  // namespace tmath::arch
