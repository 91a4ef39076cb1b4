#pragma once
/// @file pack.hpp
/// Packing of GEMM operands into the micro-kernel's layout, from any strides:
/// A into MR-tall column panels (panel element (i, p) at p·MR + i) and B into NR-wide
/// row panels (element (p, j) at p·NR + j). Edge panels are zero-padded, so that the
/// micro-kernel always runs a full tile. Alpha is folded into the packed A.

#include <algorithm>
#include <cstddef>
#include <type_traits>

#include "tmath/config.hpp"
#include "tmath/linalg/strided_matrix.hpp"
#include "tmath/simd/simd.hpp"
#include "tmath/simd/transpose.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::detail {

/// Depth of the chunks in which a transposing pack reads its source rows: a cache line.
template <class T>
inline constexpr std::size_t pack_chunk_of = TMATH_CACHE_LINE / sizeof(T) > 0 ? TMATH_CACHE_LINE / sizeof(T) : 1;

/// One whole MR-row panel of an A whose rows are contiguous (A·Bᵀ of row-major operands,
/// after the orientation swap), packed by square in-register transposes
/// (`simd::transpose_block`) instead of element by element: dst[p·MR + i] = row_i[p].
/// Returns false, writing nothing, when there is no transpose kernel for T, the panel is
/// partial, or alpha must be applied (the caller's scalar loop then packs it). For small
/// products an element-by-element transpose costs as much as the product itself
/// (bench/README.md, "Small products").
template <class T, std::size_t MR>
bool pack_a_by_blocks(std::size_t rows, std::size_t kc, const T* src, std::ptrdiff_t rs, bool scale, T* dst) noexcept {
    constexpr std::size_t side = simd::transpose_side<sizeof(T)>;
    if constexpr (side > 1 && MR % side == 0 && std::is_trivially_copyable_v<T>) {
        if (rows != MR || scale) return false;
        std::size_t p = 0;
        for (; p + side <= kc; p += side)
            for (std::size_t i = 0; i < MR; i += side)
                simd::transpose_block(src + static_cast<std::ptrdiff_t>(i) * rs + static_cast<std::ptrdiff_t>(p), rs,
                                      dst + p * MR + i, static_cast<std::ptrdiff_t>(MR));
        for (std::size_t i = 0; i < MR && p < kc; ++i) {
            const T* row = src + static_cast<std::ptrdiff_t>(i) * rs;
            for (std::size_t q = p; q < kc; ++q) dst[q * MR + i] = row[q];
        }
        return true;
    } else {
        (void)rows, (void)kc, (void)src, (void)rs, (void)scale, (void)dst;
        return false;
    }
}

/// Packs rows [0, mc) × columns [0, kc) of `a` (times alpha) into ⌈mc/MR⌉ panels of
/// MR × kc at `dst`, rows past mc zero.
template <class T, std::size_t MR>
void pack_a(std::size_t mc, std::size_t kc, strided_matrix<const T> a, T alpha, T* dst) noexcept {
    constexpr std::size_t w = simd::width<T>;
    constexpr std::size_t pack_chunk = pack_chunk_of<T>;
    const std::ptrdiff_t rs = a.row_stride;
    const std::ptrdiff_t cs = a.col_stride;
    const bool scale = alpha != T(1);
    if (rs == 1 && MR % w == 0 && mc >= MR) {
        // Contiguous columns: whole panels column by column, so that each column of the
        // block is read as one run (panel by panel, every MR-element read is in another
        // 4 KiB page once the column stride is a page); the rows past the last whole
        // panel are packed below.
        const std::size_t whole = mc / MR * MR;
        const simd::batch<T> s = simd::splat(alpha);
        for (std::size_t p = 0; p < kc; ++p) {
            const T* col = a.data + static_cast<std::ptrdiff_t>(p) * cs;
            T* out = dst + p * MR;
            for (std::size_t i0 = 0; i0 < whole; i0 += MR, out += MR * kc)
                for (std::size_t v = 0; v < MR; v += w) {
                    const simd::batch<T> x = simd::load(col + i0 + v);
                    simd::store(out + v, scale ? x * s : x);
                }
        }
        if (whole == mc) return;
        pack_a<T, MR>(mc - whole, kc, {a.data + static_cast<std::ptrdiff_t>(whole), rs, cs}, alpha, dst + whole * kc);
        return;
    }
    for (std::size_t i0 = 0; i0 < mc; i0 += MR, dst += MR * kc) {
        const std::size_t rows = std::min(MR, mc - i0);
        const T* src = a.data + static_cast<std::ptrdiff_t>(i0) * rs;
        if (cs == 1 && pack_a_by_blocks<T, MR>(rows, kc, src, rs, scale, dst)) {
            // Rows contiguous, a whole panel: transposed in registers, block by block.
        } else if (cs == 1) {
            // Rows contiguous (a transposed A): a transpose, done in chunks of
            // `pack_chunk` columns so that each source line is read whole at once (MR rows
            // a power-of-two stride apart would otherwise evict each other from L1).
            for (std::size_t p0 = 0; p0 < kc; p0 += pack_chunk) {
                const std::size_t p1 = std::min(kc, p0 + pack_chunk);
                for (std::size_t i = 0; i < rows; ++i) {
                    const T* row = src + static_cast<std::ptrdiff_t>(i) * rs;
                    if (scale) {
                        for (std::size_t p = p0; p < p1; ++p) dst[p * MR + i] = static_cast<T>(alpha * row[p]);
                    } else {
                        for (std::size_t p = p0; p < p1; ++p) dst[p * MR + i] = row[p];
                    }
                }
                for (std::size_t i = rows; i < MR; ++i)
                    for (std::size_t p = p0; p < p1; ++p) dst[p * MR + i] = T(0);
            }
        } else {
            // Any other strides: element by element, the writes contiguous.
            for (std::size_t p = 0; p < kc; ++p) {
                const T* col = src + static_cast<std::ptrdiff_t>(p) * cs;
                T* out = dst + p * MR;
                std::size_t i = 0;
                if (scale) {
                    for (; i < rows; ++i) out[i] = static_cast<T>(alpha * col[static_cast<std::ptrdiff_t>(i) * rs]);
                } else {
                    for (; i < rows; ++i) out[i] = col[static_cast<std::ptrdiff_t>(i) * rs];
                }
                for (; i < MR; ++i) out[i] = T(0);
            }
        }
    }
}

/// Packs rows [0, kc) × columns [0, nc) of `b` into ⌈nc/NR⌉ panels of kc × NR at
/// `dst`, columns past nc zero.
template <class T, std::size_t NR>
void pack_b(std::size_t kc, std::size_t nc, strided_matrix<const T> b, T* dst) noexcept {
    constexpr std::size_t pack_chunk = pack_chunk_of<T>;
    constexpr std::size_t side = simd::transpose_side<sizeof(T)>;
    const std::ptrdiff_t rs = b.row_stride;
    const std::ptrdiff_t cs = b.col_stride;
    for (std::size_t j0 = 0; j0 < nc; j0 += NR, dst += NR * kc) {
        const std::size_t cols = std::min(NR, nc - j0);
        const T* src = b.data + static_cast<std::ptrdiff_t>(j0) * cs;
        if (cs == 1 && cols == NR) {
            for (std::size_t p = 0; p < kc; ++p) {
                const T* row = src + static_cast<std::ptrdiff_t>(p) * rs;
                T* out = dst + p * NR;
                for (std::size_t j = 0; j < NR; ++j) out[j] = row[j];
            }
        } else if (rs == 1) {
            // Columns contiguous (B of a row-major product seen transposed): a transpose,
            // by in-register blocks of `side` rows where there is a kernel, then in
            // chunks, as in pack_a.
            std::size_t p_done = 0;
            if constexpr (side > 1 && std::is_trivially_copyable_v<T>) {
                for (; p_done + side <= kc; p_done += side)
                    for (std::size_t j = 0; j < NR; j += side)
                        simd::transpose_block_part(src + static_cast<std::ptrdiff_t>(j) * cs + static_cast<std::ptrdiff_t>(p_done), cs,
                                                   j < cols ? std::min(side, cols - j) : 0, dst + p_done * NR + j,
                                                   static_cast<std::ptrdiff_t>(NR), std::min(side, NR - j));
            }
            for (std::size_t p0 = p_done; p0 < kc; p0 += pack_chunk) {
                const std::size_t p1 = std::min(kc, p0 + pack_chunk);
                for (std::size_t j = 0; j < cols; ++j) {
                    const T* col = src + static_cast<std::ptrdiff_t>(j) * cs;
                    for (std::size_t p = p0; p < p1; ++p) dst[p * NR + j] = col[p];
                }
                for (std::size_t j = cols; j < NR; ++j)
                    for (std::size_t p = p0; p < p1; ++p) dst[p * NR + j] = T(0);
            }
        } else {
            for (std::size_t p = 0; p < kc; ++p) {
                const T* row = src + static_cast<std::ptrdiff_t>(p) * rs;
                T* out = dst + p * NR;
                std::size_t j = 0;
                for (; j < cols; ++j) out[j] = row[static_cast<std::ptrdiff_t>(j) * cs];
                for (; j < NR; ++j) out[j] = T(0);
            }
        }
    }
}

}  // namespace tmath::detail
