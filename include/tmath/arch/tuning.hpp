#pragma once
/// @file tuning.hpp
/// The processor tuning record: every number and choice in tmath that depends on the
/// processor rather than on the instruction set alone (cache blocks, which loop pays
/// past which size, load order, prefetch distances). Each processor family fills one
/// record in a file of its own (arch/generic.hpp, arch/intel.hpp, arch/amd_zen4.hpp);
/// arch/processor.hpp picks one at run time. Kernels take a record as a parameter that
/// defaults to this processor's, so a test can run any family's paths on any machine.
/// Generic code reads the record and never asks which vendor made the processor.

#include <cstddef>
#include <limits>

#include "tmath/config.hpp"
#include "tmath/simd/simd.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE {

/// Cache blocks of the packed GEMM path (BLIS's MC, KC, NC).
struct gemm_blocks {
    std::size_t mc;  ///< rows of a packed A block (kept in L2)
    std::size_t kc;  ///< depth of a K block (the K partition)
    std::size_t nc;  ///< columns of a packed B block (kept in L3)
};

namespace arch {

/// A size threshold that is never reached: the feature it gates is off.
inline constexpr std::size_t never = std::numeric_limits<std::size_t>::max();

/// The instruction set the kernels are compiled for, as far as tuning cares.
struct simd_target {
    std::size_t vector_bytes;  ///< bytes of one SIMD register (the scalar stand-in: one element)
    std::size_t registers;     ///< vector registers the compiler can allocate
};

/// The target of this build (xsimd's default architecture, or the scalar fallback).
inline constexpr simd_target compiled_target{simd::vector_bytes, simd::vector_registers};

/// Register block of the GEMM micro-kernel: MR = `mr_vectors` SIMD batches of a C
/// column, NR columns of B broadcasts.
struct gemm_shape {
    std::size_t mr_vectors;  ///< SIMD batches (lanes, for the scalar stand-in) in MR
    std::size_t nr;          ///< columns of the micro-tile
    friend constexpr bool operator==(const gemm_shape&, const gemm_shape&) = default;
};

/// GEMM tuning for one element size: the micro-kernel shape and the cache blocks
/// (before rounding MC to a multiple of MR and NC of NR).
struct gemm_tuning {
    gemm_shape shape;
    gemm_blocks blocks;
};

/// Which kernels the unpacked small-GEMM path runs.
enum class small_gemm_kernels {
    /// The micro-kernel's own shape, or a one-batch-tall kernel when C has at most one
    /// batch of rows (16 registers: no room for taller kernels beside B's broadcasts).
    micro_kernel_shape,
    /// One-batch-tall kernels for every row count (cores with one FMA unit per cycle).
    one_batch,
    /// Four-, then two-, then one-batch-tall panels (cores with two FMA units, where the
    /// loads of the short kernels keep one waiting). Needs 32 vector registers; with
    /// fewer it runs as `micro_kernel_shape`.
    tallest_first,
};

/// When the four-batch iterations of dot issue their loads.
enum class dot_load_order {
    compiler,             ///< as the compiler schedules them (the two operands interleaved)
    grouped_by_parity,    ///< one operand's batches, then the other's, ordered by cache-line parity (arch/load_order.hpp)
};

/// The tuning record of one processor family on one instruction set.
struct tuning {
    const char* family;           ///< name of the family (reported by tests and benchmarks)
    std::size_t cache_line;       ///< bytes of a cache line
    gemm_tuning gemm4;            ///< GEMM of 4-byte elements (float, int32)
    gemm_tuning gemm8;            ///< GEMM of every other element size with a SIMD batch (double, int64)
    gemm_tuning gemm_scalar;      ///< GEMM of element types without a SIMD batch (one lane each)
    small_gemm_kernels small_gemm;
    /// From this many columns of C the small path packs an A whose columns are not
    /// SIMD-aligned (each A panel is read once per NR columns; a misaligned batch that
    /// crosses a line costs two loads).
    std::size_t small_gemm_pack_misaligned_columns;
    /// Read-only passes (dot, reductions along the contiguous axis) over more bytes than
    /// this read the operand as two streams side by side (`never`: one stream).
    std::size_t two_stream_bytes;
    /// Flat element-wise runs whose operands and destination exceed this many bytes use
    /// half-width batches where the build has them (`never`: full width).
    std::size_t half_width_bytes;
    /// Element-wise destinations of at least this many bytes are written with
    /// non-temporal stores where the build has them: they would not stay in cache.
    std::size_t streaming_bytes;
    /// Bytes of dot's two operands up to which the loop takes eight batches per
    /// iteration (they sit in L1); beyond, four.
    std::size_t dot_short_bytes;
    dot_load_order dot_loads;  ///< load order of dot past `dot_short_bytes`
    /// Bytes of dot's two operands from which it prefetches ahead (`never`: no hints).
    std::size_t dot_prefetch_bytes;
    std::size_t dot_prefetch_distance;  ///< how far ahead dot hints, in bytes
    /// Bytes of a GEMV matrix from which its loops prefetch ahead (`never`: no hints).
    std::size_t gemv_prefetch_bytes;
    std::size_t gemv_prefetch_distance;  ///< how far ahead GEMV hints, in bytes

    /// Whether a read-only pass over `bytes` of memory reads it as two streams (its two
    /// halves side by side).
    constexpr bool reads_two_streams(std::size_t bytes) const noexcept { return bytes > two_stream_bytes; }

    /// The GEMM tuning of elements of type T.
    template <class T>
    constexpr const gemm_tuning& gemm() const noexcept {
        if (simd::width<T> == 1) return gemm_scalar;
        return sizeof(T) == 4 ? gemm4 : gemm8;
    }
};

}  // namespace arch
}  // namespace tmath
