#pragma once
/// @file traits.hpp
/// Register and cache block sizes of the GEMM engine per (element type, SIMD
/// architecture, processor family).
///
/// The engine computes C = A·B in the orientation where C's columns are contiguous
/// (a row-major C is computed as Cᵀ = Bᵀ·Aᵀ), so that the micro-kernel's MR rows are
/// whole SIMD batches of a C column: MR = `mr_vectors` × `simd::width<T>` and NR
/// columns of broadcasts. This is the BLIS micro-kernel shape, fixed at compile time.
/// The cache blocks (MC, KC, NC) are chosen at run time for the processor family
/// (core/cpu.hpp), as BLIS picks a sub-configuration per CPU: seeded from BLIS's tuned
/// values (zen4 / skx / haswell) and measured on Zen 4 and on an Intel Xeon
/// (Sapphire Rapids class).
///
/// Override for one type by specializing `tmath::gemm_traits<T>` before the first use
/// (give `mr`, `nr` and `blocks()`).

#include <cstddef>
#include <cstdint>

#include "tmath/core/cpu.hpp"
#include "tmath/simd/simd.hpp"

/// Products with m·n·k below this run on one thread even when OpenMP is enabled.
#ifndef TMATH_GEMM_PARALLEL_THRESHOLD
#define TMATH_GEMM_PARALLEL_THRESHOLD (std::size_t{1} << 21)
#endif

/// The unpacked small-matrix path is taken on one thread when m·n·k is at most this and
/// k ≤ min(KC, 384) (measured on Zen 4: it beats packing up to n = k = 384 for float and
/// double).
#ifndef TMATH_GEMM_SMALL_THRESHOLD
#define TMATH_GEMM_SMALL_THRESHOLD (std::size_t{256} * 256 * 256)
#endif

namespace tmath {

/// Cache blocks of the packed GEMM path (BLIS's MC, KC, NC).
struct gemm_blocks {
    std::size_t mc;  ///< rows of a packed A block
    std::size_t kc;  ///< depth of a K block (the K partition)
    std::size_t nc;  ///< columns of a packed B block
};

namespace detail {

/// Vector registers of the target: 32 with AVX-512, else 16 (SSE2/AVX2/scalar).
template <class T>
inline constexpr std::size_t gemm_vector_registers = sizeof(T) * simd::width<T> == 64 ? 32 : 16;

/// The default block sizes for T on the compile-time architecture.
template <class T>
struct gemm_default_blocks {
    /// SIMD lanes of T.
    static constexpr std::size_t w = simd::width<T>;
    /// 32 vector registers (AVX-512).
    static constexpr bool avx512 = gemm_vector_registers<T> == 32;
    /// 256-bit batches (AVX/AVX2).
    static constexpr bool wide = sizeof(T) * w == 32;
    /// float / int32 (else double / int64 or narrower scalar types).
    static constexpr bool four_byte = sizeof(T) == 4;
    /// SIMD batches in MR: 4 with AVX-512 (BLIS zen4's double shape, 32 × 6), else 2
    /// (the scalar stand-in uses 4 one-lane "batches"). On an Intel Xeon (Sapphire
    /// Rapids class; two 512-bit FMAs and two 512-bit loads per cycle) the kernel alone
    /// over L2-resident panels ran 181–182 GFLOP/s for float 32 × 12, 182 for 32 × 14,
    /// 187–188 for 48 × 8, 191 for 48 × 9 and 186–193 for 64 × 6 (double 16 × 12 90, 24 × 8
    /// 94, 32 × 6 93): the fewer broadcasts per FMA, the less the FMA units wait on
    /// loads. In the whole product 64 × 6 won where the rows divide by 64 (sgemm 1024:
    /// 161 → 167 GFLOP/s, 2048: 162 → 166; dgemm 1024 / 2048: 76 → 82 / 78 → 81).
    static constexpr std::size_t mr_vectors = w == 1 || avx512 ? 4 : 2;
    /// Columns of broadcasts: 24 accumulators with AVX-512, 12 with 16 registers.
    static constexpr std::size_t nr = w == 1 ? 4 : 6;
    /// Rows of the micro-tile.
    static constexpr std::size_t mr = mr_vectors * w;

    /// Cache blocks for a processor family, before rounding to MR and NR multiples.
    // BLIS zen4: s 32×12, MC 512, KC 480, NC 6144 (d 32×6, 128/512/4002); skx: s 32×12,
    // 480/384/3072 (d 16×14, 240/256/3752); haswell: s 6×16, 168/256/4080 (d 6×8,
    // 72/256/4080).
    // Zen 4 (L1d 32 KiB, L2 1 MiB; one 512-bit FMA per cycle): NR 8–14 measured within
    // noise. MC and KC matter from n ≈ 1536 up, where every A block streams the whole
    // packed B block (several MiB) from L3 once: MC = KC = 512 (fewer, larger A blocks,
    // fewer passes over C) against MC 128/256 × KC 384, ratio to OpenBLAS best of 3
    // (sweep of MC 96–512 × KC 256–512): dgemm n = 2048 0.91–0.93 → 1.00–1.01, n = 3000
    // 0.89–0.90 → 0.97–0.98; sgemm n = 3000 0.94–0.95 → 0.99–1.00.
    // Intel Xeon, Sapphire Rapids class (L1d 48 KiB, L2 2 MiB; two 512-bit FMAs per
    // cycle): the packed B panel (KC × NR) must stay in L1 beside the streaming A panel.
    // With the earlier 16 × 12 double kernel, KC 512 (a 48 KiB B panel) ran dgemm at
    // 0.77–0.79× OpenBLAS at n = 2048 and KC 192 best. With the 32 × 6 kernel (a B panel
    // of KC × 48 bytes) a sweep of MC 256–512 × KC 192–512 (best of 3 per point, in one
    // process with OpenBLAS) put MC 384 / KC 384 first: 82 GFLOP/s at n = 1024 and
    // 80–81 at 2048 (KC 256: 80 / 79–80, KC 192: 78 / 76–78, MC 256: 80 / 79–80, MC 512:
    // 69–72 / 66–68). sgemm with 64 × 6: MC 384 / KC 512 167 / 165–166 GFLOP/s, MC 256
    // / KC 1024 169 / 165, KC 384 161–165 / 160–163, MC 512 / KC ≥ 768 at 113–155.
    static constexpr gemm_blocks raw_blocks(cpu_family cpu) noexcept {
        if (!avx512) return {wide ? (four_byte ? 144u : 72u) : 96u, 256, 4080};
        const std::size_t nc = four_byte ? 6144 : 4092;
        if (cpu == cpu_family::intel) return {384, four_byte ? 512u : 384u, nc};
        return {512, 512, nc};
    }

    /// The cache blocks for `cpu`, MC a multiple of MR and NC of NR.
    static constexpr gemm_blocks blocks(cpu_family cpu) noexcept {
        const gemm_blocks b = raw_blocks(cpu);
        return {(b.mc + mr - 1) / mr * mr, b.kc, (b.nc + nr - 1) / nr * nr};
    }
};

}  // namespace detail

/// Register block sizes of GEMM for element type T, and its cache blocks for the
/// processor the program runs on (see the file comment). Requirements: `mr` is a
/// multiple of `simd::width<T>`; `blocks()` gives `mc` a multiple of `mr` and `nc` of
/// `nr`, all three positive.
template <class T>
struct gemm_traits {
    /// Rows of the micro-tile (a multiple of the SIMD width).
    static constexpr std::size_t mr = detail::gemm_default_blocks<T>::mr;
    /// Columns of the micro-tile.
    static constexpr std::size_t nr = detail::gemm_default_blocks<T>::nr;
    /// Cache blocks for this processor: rows of a packed A block (kept in L2), depth of
    /// a K block, columns of a packed B block (kept in L3).
    static gemm_blocks blocks() noexcept {
        static const gemm_blocks for_this_cpu = detail::gemm_default_blocks<T>::blocks(detail::this_cpu());
        return for_this_cpu;
    }
};

}  // namespace tmath
