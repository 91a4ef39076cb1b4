#pragma once
/// @file transpose.hpp
/// In-register transposition of a square block of 32- or 64-bit elements: the
/// building block for reading a transposed operand without scalar gathers.
/// xsimd (8.1 to 14.x) has no portable transpose, so this file uses the x86
/// intrinsics of the architecture the code is compiled for, and a scalar loop
/// elsewhere (or with TMATH_NO_SIMD).

#include <cstddef>
#include <type_traits>

#include "tmath/config.hpp"

#if !defined(TMATH_NO_SIMD) && (defined(__SSE2__) || defined(__AVX__) || defined(__AVX512F__))
#include <immintrin.h>
#define TMATH_SIMD_TRANSPOSE 1
#else
#define TMATH_SIMD_TRANSPOSE 0
#endif

namespace tmath::inline TMATH_ABI_NAMESPACE::simd {

/// Side of the block `transpose_block` handles for elements of `bytes` bytes: 16x16
/// 32-bit elements with AVX-512, 8x8 with AVX, 4x4 with SSE2 (half that for 64-bit
/// elements); 1 when there is no kernel (then callers use their own scalar loop).
template <std::size_t bytes>
inline constexpr std::size_t transpose_side =
#if TMATH_SIMD_TRANSPOSE && defined(__AVX512F__)
    (bytes == 4 || bytes == 8) ? 64 / bytes : 1;
#elif TMATH_SIMD_TRANSPOSE && defined(__AVX__)
    (bytes == 4 || bytes == 8) ? 32 / bytes : 1;
#elif TMATH_SIMD_TRANSPOSE
    (bytes == 4 || bytes == 8) ? 16 / bytes : 1;
#else
    1;
#endif

namespace detail {

// GCC 12's AVX-512 intrinsics pass `_mm512_undefined_*()` as the unused merge source,
// which trips -Wuninitialized (false positive, GCC PR 105593).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#if TMATH_SIMD_TRANSPOSE && defined(__AVX512F__)
using vf = __m512;
using vd = __m512d;
inline vf load(const float* p) noexcept { return _mm512_loadu_ps(p); }
inline void store(float* p, vf v) noexcept { _mm512_storeu_ps(p, v); }
inline vd load(const double* p) noexcept { return _mm512_loadu_pd(p); }
inline void store(double* p, vd v) noexcept { _mm512_storeu_pd(p, v); }

/// 16x16 floats: interleave 32-bit, then 64-bit pairs within 128-bit lanes, then
/// exchange 128-bit lanes in two rounds.
inline void transpose(vf (&r)[16]) noexcept {
    vf t[16];
    for (int i = 0; i < 16; i += 2) {
        t[i] = _mm512_unpacklo_ps(r[i], r[i + 1]);
        t[i + 1] = _mm512_unpackhi_ps(r[i], r[i + 1]);
    }
    for (int i = 0; i < 16; i += 4) {
        for (int k = 0; k < 2; ++k) {
            const __m512d a = _mm512_castps_pd(t[i + k]);
            const __m512d b = _mm512_castps_pd(t[i + 2 + k]);
            r[i + 2 * k] = _mm512_castpd_ps(_mm512_unpacklo_pd(a, b));
            r[i + 2 * k + 1] = _mm512_castpd_ps(_mm512_unpackhi_pd(a, b));
        }
    }
    // r[4q + c] now holds, in 128-bit lane l, column 4l + c of rows 4q..4q+3.
    for (int i = 0; i < 4; ++i) {
        t[i] = _mm512_shuffle_f32x4(r[i], r[i + 4], 0x88);
        t[i + 4] = _mm512_shuffle_f32x4(r[i], r[i + 4], 0xdd);
        t[i + 8] = _mm512_shuffle_f32x4(r[i + 8], r[i + 12], 0x88);
        t[i + 12] = _mm512_shuffle_f32x4(r[i + 8], r[i + 12], 0xdd);
    }
    for (int i = 0; i < 4; ++i) {
        r[i] = _mm512_shuffle_f32x4(t[i], t[i + 8], 0x88);
        r[i + 8] = _mm512_shuffle_f32x4(t[i], t[i + 8], 0xdd);
        r[i + 4] = _mm512_shuffle_f32x4(t[i + 4], t[i + 12], 0x88);
        r[i + 12] = _mm512_shuffle_f32x4(t[i + 4], t[i + 12], 0xdd);
    }
}

/// 8x8 doubles: interleave 64-bit pairs, then exchange 128-bit lanes in two rounds.
inline void transpose(vd (&r)[8]) noexcept {
    vd t[8];
    for (int i = 0; i < 8; i += 2) {
        t[i] = _mm512_unpacklo_pd(r[i], r[i + 1]);
        t[i + 1] = _mm512_unpackhi_pd(r[i], r[i + 1]);
    }
    for (int i = 0; i < 2; ++i) {
        r[i] = _mm512_shuffle_f64x2(t[i], t[i + 2], 0x88);
        r[i + 2] = _mm512_shuffle_f64x2(t[i], t[i + 2], 0xdd);
        r[i + 4] = _mm512_shuffle_f64x2(t[i + 4], t[i + 6], 0x88);
        r[i + 6] = _mm512_shuffle_f64x2(t[i + 4], t[i + 6], 0xdd);
    }
    for (int i = 0; i < 2; ++i) {
        t[i] = _mm512_shuffle_f64x2(r[i], r[i + 4], 0x88);
        t[i + 4] = _mm512_shuffle_f64x2(r[i], r[i + 4], 0xdd);
        t[i + 2] = _mm512_shuffle_f64x2(r[i + 2], r[i + 6], 0x88);
        t[i + 6] = _mm512_shuffle_f64x2(r[i + 2], r[i + 6], 0xdd);
    }
    for (int i = 0; i < 8; ++i) r[i] = t[i];
}
#elif TMATH_SIMD_TRANSPOSE && defined(__AVX__)
using vf = __m256;
using vd = __m256d;
inline vf load(const float* p) noexcept { return _mm256_loadu_ps(p); }
inline void store(float* p, vf v) noexcept { _mm256_storeu_ps(p, v); }
inline vd load(const double* p) noexcept { return _mm256_loadu_pd(p); }
inline void store(double* p, vd v) noexcept { _mm256_storeu_pd(p, v); }

/// 8x8 floats: 32-bit and 64-bit interleaves within 128-bit lanes, then lane exchange.
inline void transpose(vf (&r)[8]) noexcept {
    vf t[8];
    for (int i = 0; i < 8; i += 2) {
        t[i] = _mm256_unpacklo_ps(r[i], r[i + 1]);
        t[i + 1] = _mm256_unpackhi_ps(r[i], r[i + 1]);
    }
    for (int i = 0; i < 8; i += 4) {
        for (int k = 0; k < 2; ++k) {
            r[i + 2 * k] = _mm256_shuffle_ps(t[i + k], t[i + 2 + k], 0x44);
            r[i + 2 * k + 1] = _mm256_shuffle_ps(t[i + k], t[i + 2 + k], 0xee);
        }
    }
    for (int i = 0; i < 4; ++i) {
        t[i] = _mm256_permute2f128_ps(r[i], r[i + 4], 0x20);
        t[i + 4] = _mm256_permute2f128_ps(r[i], r[i + 4], 0x31);
    }
    for (int i = 0; i < 8; ++i) r[i] = t[i];
}

/// 4x4 doubles: 64-bit interleave, then lane exchange.
inline void transpose(vd (&r)[4]) noexcept {
    vd t[4];
    t[0] = _mm256_unpacklo_pd(r[0], r[1]);
    t[1] = _mm256_unpackhi_pd(r[0], r[1]);
    t[2] = _mm256_unpacklo_pd(r[2], r[3]);
    t[3] = _mm256_unpackhi_pd(r[2], r[3]);
    r[0] = _mm256_permute2f128_pd(t[0], t[2], 0x20);
    r[1] = _mm256_permute2f128_pd(t[1], t[3], 0x20);
    r[2] = _mm256_permute2f128_pd(t[0], t[2], 0x31);
    r[3] = _mm256_permute2f128_pd(t[1], t[3], 0x31);
}
#elif TMATH_SIMD_TRANSPOSE
using vf = __m128;
using vd = __m128d;
inline vf load(const float* p) noexcept { return _mm_loadu_ps(p); }
inline void store(float* p, vf v) noexcept { _mm_storeu_ps(p, v); }
inline vd load(const double* p) noexcept { return _mm_loadu_pd(p); }
inline void store(double* p, vd v) noexcept { _mm_storeu_pd(p, v); }

/// 4x4 floats.
inline void transpose(vf (&r)[4]) noexcept { _MM_TRANSPOSE4_PS(r[0], r[1], r[2], r[3]); }

/// 2x2 doubles.
inline void transpose(vd (&r)[2]) noexcept {
    const vd lo = _mm_unpacklo_pd(r[0], r[1]);
    r[1] = _mm_unpackhi_pd(r[0], r[1]);
    r[0] = lo;
}
#endif

#if TMATH_SIMD_TRANSPOSE
/// Stores the first `count` lanes of `v` at `p` (masked with AVX-512).
template <class F, class R>
inline void store_first(F* p, R v, std::size_t count) noexcept {
#if defined(__AVX512F__)
    const auto mask = (1u << count) - 1u;
    if constexpr (sizeof(F) == 4) _mm512_mask_storeu_ps(p, static_cast<__mmask16>(mask), v);
    else _mm512_mask_storeu_pd(p, static_cast<__mmask8>(mask), v);
#else
    alignas(64) F lanes[sizeof(R) / sizeof(F)];
    store(lanes, v);
    for (std::size_t j = 0; j < count; ++j) p[j] = lanes[j];
#endif
}
#endif

}  // namespace detail

/// The transpose of a block of `rows` ≤ side source rows (each `side` =
/// `transpose_side<sizeof(T)>` elements, `src_stride` apart), zero-padded to `width`
/// (rows ≤ width ≤ side) columns: dst[i·dst_stride + j] = src[j·src_stride + i] for
/// j < rows, 0 for rows ≤ j < width, for every i < side. Nothing else of dst is written.
/// T is any trivially copyable type of 4 or 8 bytes (the bits are moved, not
/// converted). Must not be called when the side is 1.
template <class T>
inline void transpose_block_part(const T* src, std::ptrdiff_t src_stride, std::size_t rows, T* dst,
                                 std::ptrdiff_t dst_stride, std::size_t width) noexcept {
    constexpr std::size_t side = transpose_side<sizeof(T)>;
    static_assert(side > 1, "no transpose kernel for this element size in this build");
#if TMATH_SIMD_TRANSPOSE
    // The intrinsics take float/double pointers; other 4/8-byte types are moved through
    // memcpy-equivalent loads and stores of the same bits.
    using F = std::conditional_t<sizeof(T) == 4, float, double>;
    using R = decltype(detail::load(static_cast<const F*>(nullptr)));
    const auto* s = reinterpret_cast<const F*>(src);
    auto* d = reinterpret_cast<F*>(dst);
    R r[side];
    for (std::size_t i = 0; i < side; ++i) r[i] = i < rows ? detail::load(s + static_cast<std::ptrdiff_t>(i) * src_stride) : R{};
    detail::transpose(r);
    for (std::size_t i = 0; i < side; ++i) {
        F* out = d + static_cast<std::ptrdiff_t>(i) * dst_stride;
        if (width == side) detail::store(out, r[i]);
        else detail::store_first(out, r[i], width);
    }
#else
    (void)src, (void)src_stride, (void)rows, (void)dst, (void)dst_stride, (void)width;
#endif
}

/// Writes the transpose of the `transpose_side<sizeof(T)>`-square block at `src` (rows
/// `src_stride` elements apart, each row contiguous) to `dst` (rows `dst_stride` apart):
/// dst[i * dst_stride + j] = src[j * src_stride + i] (transpose_block_part of a whole
/// block). Must not be called when the side is 1.
template <class T>
inline void transpose_block(const T* src, std::ptrdiff_t src_stride, T* dst, std::ptrdiff_t dst_stride) noexcept {
    constexpr std::size_t side = transpose_side<sizeof(T)>;
    transpose_block_part(src, src_stride, side, dst, dst_stride, side);
}

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

}  // namespace tmath::simd
