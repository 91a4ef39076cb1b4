#pragma once
/// @file float_kernels.hpp
/// Shared pieces of the float kernels for xsimd batches (fmadd, horner, is_nan), 2^x
/// (within 4 ulp, IEEE answers for NaN and infinities), and sin/cos lane by lane for
/// the large arguments of fast_float_math.hpp's sin_cos_f32. Force-inlined: called out
/// of line from the unrolled element-wise loops, kernels pass every batch through
/// memory. The lane-by-lane path stays out of line.

#include <cmath>
#include <cstddef>

#include "tmath/config.hpp"
#include "tmath/simd/simd.hpp"

#if TMATH_SIMD_ENABLED

// GCC 12 reports AVX-512 intrinsics that start from `_mm512_undefined_*()` as reading
// uninitialized values when they inline here (false positive, GCC PR 105593).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

namespace tmath::inline TMATH_ABI_NAMESPACE::simd::kernels {

/// True when the build has a fused multiply-add instruction, which the sin/cos range
/// reduction needs to stay accurate (without it they use xsimd's functions).
inline constexpr bool has_hardware_fma =
#if defined(__FMA__) || defined(__AVX512F__) || defined(__aarch64__)
    true;
#else
    false;
#endif

/// a * b + c with one rounding where the build has an FMA instruction (xsimd 8.1's own
/// `fma` for AVX-512 is a multiply and an add, which only optimization may fuse).
template <class B>
TMATH_FORCE_INLINE B fmadd(const B& a, const B& b, const B& c) noexcept {
#if defined(__AVX512F__)
    if constexpr (sizeof(B) == 64) return B(_mm512_fmadd_ps(a, b, c));
#endif
#if defined(__FMA__)
    if constexpr (sizeof(B) == 32) return B(_mm256_fmadd_ps(a, b, c));
    if constexpr (sizeof(B) == 16) return B(_mm_fmadd_ps(a, b, c));
#endif
#if defined(__aarch64__)
    if constexpr (sizeof(B) == 16) return B(vfmaq_f32(c, a, b));
#endif
    return xsimd::fma(a, b, c);
}

/// True per lane where x is NaN (`x != x` is an ordered comparison, false for NaN, in
/// xsimd 8.1's AVX-512 code).
template <class B>
TMATH_FORCE_INLINE auto is_nan(const B& x) noexcept {
    return !(x == x);
}

/// c[0] + c[1] x + ... + c[N-1] x^(N-1) by Horner's rule with FMAs, unrolled at compile
/// time (a loop keeps the compiler from interleaving neighbouring batches).
template <std::size_t K = 0, class B, std::size_t N>
TMATH_FORCE_INLINE B horner(const B& x, const float (&c)[N]) noexcept {
    if constexpr (K + 1 == N) return B::broadcast(c[K]);
    else return fmadd(horner<K + 1>(x, c), x, B::broadcast(c[K]));
}

/// 2^x: x = n + r with |r| <= 1/2 exact, e^(r ln2) by a degree-6 polynomial, and 2^n
/// applied in two halves (x clamped to [-152, 129]: overflow to inf, subnormals rounded once).
template <class B>
TMATH_FORCE_INLINE B exp2_f32(const B& x) noexcept {
    static constexpr float p[] = {1.0f, 1.000000036e+00f, 4.999999208e-01f, 1.666642017e-01f,
                                  4.166822560e-02f, 8.374815796e-03f, 1.383684451e-03f};
    const B xc = xsimd::min(xsimd::max(x, B::broadcast(-152.0f)), B::broadcast(129.0f));
    const B n = xsimd::nearbyint(xc);
    const B e = horner((xc - n) * B::broadcast(0.693147180559945309f), p);
    const B n1 = xsimd::floor(n * B::broadcast(0.5f));
    const B y = xsimd::ldexp(xsimd::ldexp(e, xsimd::nearbyint_as_int(n1)), xsimd::nearbyint_as_int(n - n1));
    return xsimd::select(is_nan(x), x, y);
}

/// sin x or cos x lane by lane through the scalar library in double (correctly
/// rounded to float but for rare double roundings).
template <bool Cos, class B>
B sin_cos_lanes_f32(const B& x) noexcept {
    alignas(64) float v[B::size];
    x.store_unaligned(v);
    for (std::size_t k = 0; k < B::size; ++k)
        v[k] = static_cast<float>(Cos ? std::cos(static_cast<double>(v[k])) : std::sin(static_cast<double>(v[k])));
    return B::load_unaligned(v);
}

}  // namespace tmath::simd::kernels

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

#endif  // TMATH_SIMD_ENABLED
