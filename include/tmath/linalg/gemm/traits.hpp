#pragma once
/// @file traits.hpp
/// Block sizes of the GEMM engine per (element type, SIMD architecture).
///
/// The engine computes C = A·B in the orientation where C's columns are contiguous
/// (a row-major C is computed as Cᵀ = Bᵀ·Aᵀ), so that the micro-kernel's MR rows are
/// whole SIMD batches of a C column: MR = `mr_vectors` × `simd::width<T>` and NR
/// columns of broadcasts. This is the BLIS micro-kernel shape; the defaults are seeded
/// from BLIS's tuned values (zen4 / skx / haswell) and measured on Zen 4.
///
/// Override for one type by specializing `tmath::gemm_traits<T>` before the first use
/// (every member must be given), or change the defaults with the TMATH_GEMM_* macros.

#include <cstddef>
#include <cstdint>

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
    /// SIMD batches in MR (the scalar stand-in uses 4 one-lane "batches").
    static constexpr std::size_t mr_vectors = w == 1 ? 4 : 2;
    /// Columns of broadcasts: 24 (AVX-512) or 12 (16 registers) accumulators.
    static constexpr std::size_t nr = w == 1 ? 4 : (avx512 ? 12 : 6);
    /// Rows of the micro-tile.
    static constexpr std::size_t mr = mr_vectors * w;
    // BLIS zen4: s 32×12, MC 512, KC 480, NC 6144 (d 32×6, 128/512/4002); skx: s 32×12,
    // 480/384/3072 (d 16×14, 240/256/3752); haswell: s 6×16, 168/256/4080 (d 6×8,
    // 72/256/4080). On Zen 4 NR 8–14 measured within noise. MC and KC matter from
    // n ≈ 1536 up, where every A block streams the whole packed B block (several MiB)
    // from L3 once: MC = KC = 512 (fewer, larger A blocks, fewer passes over C) against
    // MC 128/256 × KC 384, ratio to OpenBLAS best of 3 (sweep of MC 96–512 × KC 256–512):
    // dgemm n = 2048 0.91–0.93 → 1.00–1.01, n = 3000 0.89–0.90 → 0.97–0.98; sgemm
    // n = 3000 0.94–0.95 → 0.99–1.00; n ≤ 1024 within noise.
    /// Rows of a packed A block, depth of a K block, columns of a packed B block.
    static constexpr std::size_t mc = avx512 ? 512 : (wide ? (four_byte ? 144 : 72) : 96);
    static constexpr std::size_t kc = avx512 ? 512 : 256;
    static constexpr std::size_t nc = avx512 ? (four_byte ? 6144 : 4092) : 4080;
};

}  // namespace detail

/// Register and cache block sizes of GEMM for element type T (see the file comment).
/// Requirements: `mr` is a multiple of `simd::width<T>`, `mc` of `mr`, `nc` of `nr`.
template <class T>
struct gemm_traits {
    /// Rows of the micro-tile (a multiple of the SIMD width).
    static constexpr std::size_t mr = detail::gemm_default_blocks<T>::mr;
    /// Columns of the micro-tile.
    static constexpr std::size_t nr = detail::gemm_default_blocks<T>::nr;
    /// Rows of a packed A block (kept in L2).
    static constexpr std::size_t mc = (detail::gemm_default_blocks<T>::mc + mr - 1) / mr * mr;
    /// Depth of a packed block (the K partition).
    static constexpr std::size_t kc = detail::gemm_default_blocks<T>::kc;
    /// Columns of a packed B block (kept in L3).
    static constexpr std::size_t nc = (detail::gemm_default_blocks<T>::nc + nr - 1) / nr * nr;
};

}  // namespace tmath
