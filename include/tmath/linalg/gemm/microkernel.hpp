#pragma once
/// @file microkernel.hpp
/// The GEMM micro-kernel: an MR × NR tile of C held in MR/width × NR SIMD
/// accumulators over the whole depth k, each step one batch load per MR/width rows of
/// the packed A panel, one broadcast per column of B, and MR/width × NR fused
/// multiply-adds. C is written once at the end: C = acc when beta == 0 (C is not read),
/// C = beta·C + acc otherwise. Edge tiles and non-unit C row strides go through a
/// small aligned tile on the stack, with the same batch operations (the same rounding).

#include <cstddef>
#include <cstdint>

#include "tmath/config.hpp"
#include "tmath/arch/prefetch.hpp"
#include "tmath/linalg/strided_matrix.hpp"
#include "tmath/simd/simd.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::detail {

/// The edge-tile or strided-C part of store_tile, given the accumulators stored as
/// `acc` (column j, row i at acc[j·MR + i]); out of line, so that its setup is not
/// hoisted into every caller's loops. The same batch operations as the whole-tile
/// path on a copy of the tile, so that every element of C gets the same rounding
/// whichever tile it falls in.
template <class T, std::size_t MR, std::size_t NR>
TMATH_NOINLINE void store_tile_edge(const T* acc, T beta, T* c, std::ptrdiff_t crs, std::ptrdiff_t ccs,
                                         std::size_t rows, std::size_t cols) noexcept {
    constexpr std::size_t w = simd::width<T>;
    alignas(64) T tile[NR * MR];
    for (std::size_t j = 0; j < NR; ++j) {
        T* t = tile + j * MR;
        const T* cj = c + static_cast<std::ptrdiff_t>(j) * ccs;
        for (std::size_t i = 0; i < MR; ++i)
            t[i] = beta != T(0) && i < rows && j < cols ? cj[static_cast<std::ptrdiff_t>(i) * crs] : T(0);
    }
    const simd::batch<T> b = simd::splat(beta);
    for (std::size_t q = 0; q < NR * MR; q += w) {
        const simd::batch<T> a = simd::load(acc + q);
        T* t = tile + q;
        simd::store(t, beta == T(0) ? a : beta == T(1) ? simd::load(t) + a : simd::fma(b, simd::load(t), a));
    }
    for (std::size_t j = 0; j < cols; ++j) {
        T* cj = c + static_cast<std::ptrdiff_t>(j) * ccs;
        const T* t = tile + j * MR;
        for (std::size_t i = 0; i < rows; ++i) cj[static_cast<std::ptrdiff_t>(i) * crs] = t[i];
    }
}

/// Writes the accumulated tile (column j, batch v in `acc[j][v]`) into C, `rows` × `cols`
/// of it valid: C = acc (beta == 0, C not read) or C = beta·C + acc.
template <class T, std::size_t MV, std::size_t NR>
TMATH_FORCE_INLINE void store_tile(const simd::batch<T> (&acc)[NR][MV], T beta, T* c, std::ptrdiff_t crs,
                                   std::ptrdiff_t ccs, std::size_t rows, std::size_t cols) noexcept {
    constexpr std::size_t w = simd::width<T>;
    constexpr std::size_t mr = MV * w;
    if (crs == 1 && rows == mr && cols == NR) {
        if (beta == T(0)) {
            TMATH_GEMM_UNROLL
            for (std::size_t j = 0; j < NR; ++j) {
                TMATH_GEMM_UNROLL
                for (std::size_t v = 0; v < MV; ++v) simd::store(c + static_cast<std::ptrdiff_t>(j) * ccs + v * w, acc[j][v]);
            }
        } else if (beta == T(1)) {
            TMATH_GEMM_UNROLL
            for (std::size_t j = 0; j < NR; ++j) {
                TMATH_GEMM_UNROLL
                for (std::size_t v = 0; v < MV; ++v) {
                    T* p = c + static_cast<std::ptrdiff_t>(j) * ccs + v * w;
                    simd::store(p, simd::load(p) + acc[j][v]);
                }
            }
        } else {
            const simd::batch<T> b = simd::splat(beta);
            TMATH_GEMM_UNROLL
            for (std::size_t j = 0; j < NR; ++j) {
                TMATH_GEMM_UNROLL
                for (std::size_t v = 0; v < MV; ++v) {
                    T* p = c + static_cast<std::ptrdiff_t>(j) * ccs + v * w;
                    simd::store(p, simd::fma(b, simd::load(p), acc[j][v]));
                }
            }
        }
        return;
    }
    alignas(64) T tile[NR * mr];
    TMATH_GEMM_UNROLL
    for (std::size_t j = 0; j < NR; ++j) {
        TMATH_GEMM_UNROLL
        for (std::size_t v = 0; v < MV; ++v) simd::store(tile + j * mr + v * w, acc[j][v]);
    }
    store_tile_edge<T, mr, NR>(tile, beta, c, crs, ccs, rows, cols);
}

/// One MR × NR tile (MR = MV·width): C[0:rows, 0:cols] = beta·C + Σ_p A(:, p)·B(p, :).
/// A(:, p) is MR contiguous elements at a + p·astep (a packed panel: astep = MR; all MR
/// rows must exist). With `PackedB` `b` is a packed k × NR panel; otherwise
/// B(p, j) = b[p·brs + j·bcs] and all NR columns must exist.
template <class T, std::size_t MV, std::size_t NR, bool PackedB>
TMATH_FORCE_INLINE void micro_kernel(std::size_t k, const T* __restrict a, std::ptrdiff_t astep, const T* __restrict b,
                                     std::ptrdiff_t brs,
                                     std::ptrdiff_t bcs, T beta, T* c, std::ptrdiff_t crs, std::ptrdiff_t ccs,
                                     std::size_t rows, std::size_t cols) noexcept {
    constexpr std::size_t w = simd::width<T>;
    simd::batch<T> acc[NR][MV];
    TMATH_GEMM_UNROLL
    for (std::size_t j = 0; j < NR; ++j) {
        TMATH_GEMM_UNROLL
        for (std::size_t v = 0; v < MV; ++v) acc[j][v] = simd::splat(T(0));
    }
    if constexpr (PackedB) {
        // The tile of C is stored (and read, when beta != 0) after the loop: its lines,
        // one column of MR elements each, a column stride apart, come in meanwhile
        // (bench/README.md, "C-tile prefetch").
        if (crs == 1) {
            const auto c0 = reinterpret_cast<std::uintptr_t>(c);
            const std::ptrdiff_t column_bytes = ccs * static_cast<std::ptrdiff_t>(sizeof(T));
            TMATH_GEMM_UNROLL
            for (std::size_t j = 0; j < NR; ++j) {
                const std::uintptr_t column = c0 + static_cast<std::uintptr_t>(static_cast<std::ptrdiff_t>(j) * column_bytes);
                TMATH_GEMM_UNROLL
                for (std::size_t q = 0; q < MV * w * sizeof(T); q += TMATH_CACHE_LINE)
                    arch::prefetch<arch::cache_level::l1, arch::prefetch_intent::write>(column + q);
            }
        }
    }
    TMATH_GEMM_UNROLL_DEPTH
    for (std::size_t p = 0; p < k; ++p) {
        simd::batch<T> av[MV];
        TMATH_GEMM_UNROLL
        for (std::size_t v = 0; v < MV; ++v) av[v] = simd::load(a + v * w);
        TMATH_GEMM_UNROLL
        for (std::size_t j = 0; j < NR; ++j) {
            const simd::batch<T> bj = simd::splat(PackedB ? b[j] : b[static_cast<std::ptrdiff_t>(j) * bcs]);
            TMATH_GEMM_UNROLL
            for (std::size_t v = 0; v < MV; ++v) acc[j][v] = simd::fma(av[v], bj, acc[j][v]);
        }
        a += astep;
        if constexpr (PackedB) b += NR;
        else b += brs;
    }
    store_tile<T, MV, NR>(acc, beta, c, crs, ccs, rows, cols);
}

}  // namespace tmath::detail
