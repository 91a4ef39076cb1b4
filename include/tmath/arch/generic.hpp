#pragma once
/// @file generic.hpp
/// The tuning table of every processor without a family of its own (other x86
/// vendors, AArch64, anything new). The GEMM shapes follow from the register file: with
/// 32 vector registers (AVX-512, AArch64 NEON) four batches by 6 columns (24
/// accumulators, four A batches and one broadcast), with 16 two batches by 6. The cache
/// blocks are seeded from BLIS's published values (zen4, skx, haswell); deep blocks let
/// each A block stream the packed B block once (bench/README.md, "GEMM cache blocks").
/// No processor-specific trick is on: one stream per read, full-width batches, loads as
/// the compiler schedules them, prefetching only for operands that stream from memory.

#include <cstddef>

#include "tmath/arch/tuning.hpp"
#include "tmath/config.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::arch {

/// The generic table for target `t`.
constexpr tuning generic_tuning(simd_target t) noexcept {
    const bool regs32 = t.registers >= 32;
    const gemm_shape shape = regs32 ? gemm_shape{4, 6} : gemm_shape{2, 6};
    tuning r{};
    r.family = "generic";
    r.cache_line = TMATH_CACHE_LINE;
    if (t.vector_bytes >= 64) {
        // Deep blocks: every A block streams the whole packed B block from L3 once, so
        // fewer, larger A blocks mean fewer passes over C.
        r.gemm4 = {shape, {512, 512, 6144}};
        r.gemm8 = {shape, {512, 512, 4092}};
    } else if (t.vector_bytes == 32) {
        r.gemm4 = {shape, {144, 256, 4080}};
        r.gemm8 = {shape, {72, 256, 4080}};
    } else {
        r.gemm4 = {shape, {96, 256, 4080}};
        r.gemm8 = {shape, {96, 256, 4080}};
    }
    r.gemm_scalar = {{4, 4}, {96, 256, 4080}};
    r.small_gemm = regs32 ? small_gemm_kernels::one_batch : small_gemm_kernels::micro_kernel_shape;
    r.small_gemm_pack_misaligned_columns = 64;
    r.two_stream_bytes = never;
    r.half_width_bytes = never;
    r.streaming_bytes = TMATH_STREAMING_BYTES;
    r.dot_short_bytes = 32768;
    r.dot_loads = dot_load_order::compiler;
    r.dot_prefetch_bytes = TMATH_STREAMING_BYTES;
    r.dot_prefetch_distance = 8192;
    r.gemv_prefetch_bytes = TMATH_STREAMING_BYTES;
    r.gemv_prefetch_distance = 1024;
    return r;
}

}  // namespace tmath::arch
