#pragma once
/// @file float_kernels.hpp
/// Polynomial kernels for xsimd batches of float: exp, tanh, erf, sin and cos. Each is a
/// range reduction, a short FMA polynomial and a select or two, within 4 ulp of the
/// correctly rounded result (tests/test_elementwise_math.cpp sweeps them), with IEEE
/// answers for NaN, infinities and signed zeros. simd/math.hpp and simd/special.hpp
/// route float batches here; other types use xsimd's functions or the scalar library.
/// The kernels are force-inlined: called out of line from the unrolled element-wise
/// loops, they pass every batch through memory. Their rare paths (wide exp, large sin
/// arguments) stay out of line.

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

namespace tmath::simd::kernels {

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

/// e^x for |x| <= 87 (no overflow, no subnormal result; NaN unspecified): Cody-Waite
/// reduction x = n ln2 + r (ln2's high part has 9 bits, so n ln2_hi is exact), a
/// degree-6 polynomial on |r| <= ln2/2, and 2^n put into the exponent.
template <class B>
TMATH_FORCE_INLINE B exp_core_f32(const B& x) noexcept {
    static constexpr float p[] = {1.0f, 1.000000036e+00f, 4.999999208e-01f, 1.666642017e-01f,
                                  4.166822560e-02f, 8.374815796e-03f, 1.383684451e-03f};
    const B n = xsimd::nearbyint(x * B::broadcast(1.44269504088896341f));
    B r = fmadd(n, B::broadcast(-0.693359375f), x);
    r = fmadd(n, B::broadcast(2.12194440e-4f), r);
    return xsimd::ldexp(horner(r, p), xsimd::nearbyint_as_int(n));
}

/// 2^x: x = n + r with |r| <= 1/2 exact, e^(r ln2) by exp_core_f32's polynomial, and 2^n
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

/// erf x: x P(x^2) below 0.9; 1 - e^(Q(|x|) - x^2) up to 3.92 (Q fits log(erfc x) + x^2,
/// centred at 2.45), with x's sign; +-1 beyond.
template <class B>
TMATH_FORCE_INLINE B erf_f32(const B& x) noexcept {
    static constexpr float p[] = {1.128379154e+00f, -3.761252331e-01f, 1.128214107e-01f,
                                  -2.677891601e-02f, 5.011971503e-03f, -6.090398684e-04f};
    static constexpr float q[] = {-1.539039604e+00f, -3.583738695e-01f, 5.776811330e-02f,
                                  -1.130217232e-02f, 2.273246779e-03f, -4.441529279e-04f,
                                  8.209247153e-05f, -1.393185577e-05f, 1.632549815e-06f};
    const B ax = xsimd::abs(x);
    const B z = x * x;
    const B small = x * horner(z, p);
    if (xsimd::all(ax < B::broadcast(0.9f))) return small;
    const B a = xsimd::min(ax, B::broadcast(3.92f));
    const B big = B::broadcast(1.0f) - exp_core_f32(fmadd(-a, a, horner(a - B::broadcast(2.45f), q)));
    const B signed_big = xsimd::select(x < B::broadcast(0.0f), -big, big);
    return xsimd::select(ax < B::broadcast(0.9f), small, xsimd::select(is_nan(x), x, signed_big));
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
