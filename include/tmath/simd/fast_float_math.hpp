#pragma once
/// @file fast_float_math.hpp
/// Branch-free float kernels for the element-wise loops: exp, tanh, the logistic
/// function, erf and sin/cos (whose arguments past 10^4 take a rare out-of-line path),
/// within 4 ulp of the correctly rounded result (tests/test_elementwise_math.cpp sweeps
/// them) and with IEEE answers for NaN, infinities and signed zeros. Each is a range
/// reduction by a rounding constant (whose low bits are the integer n), short FMA
/// polynomials and 2^n built in the exponent bits; NaN travels through the arithmetic
/// instead of being selected back at the end. float_kernels.hpp holds the shared pieces
/// (fmadd, horner) and the lane-by-lane path of sin/cos.

#include <cstdint>
#include <limits>

#include "tmath/config.hpp"
#include "tmath/simd/float_kernels.hpp"
#include "tmath/simd/simd.hpp"

#if TMATH_SIMD_ENABLED

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

namespace tmath::inline TMATH_ABI_NAMESPACE::simd::kernels {

/// The int32 batch with as many lanes as the float batch B.
template <class B>
using int_lanes = xsimd::batch<std::int32_t, typename B::arch_type>;

/// The lanes of x as int32 bit patterns (xsimd's bitwise_cast spelling changed in 11).
template <class B>
TMATH_FORCE_INLINE int_lanes<B> bits_of(const B& x) noexcept {
#if XSIMD_VERSION_MAJOR < 11
    return xsimd::bitwise_cast<int_lanes<B>>(x);
#else
    return xsimd::bitwise_cast<std::int32_t>(x);
#endif
}

/// The float batch whose lanes have the bit patterns of `i`.
template <class B>
TMATH_FORCE_INLINE B float_from_bits(const int_lanes<B>& i) noexcept {
#if XSIMD_VERSION_MAJOR < 11
    return xsimd::bitwise_cast<B>(i);
#else
    return xsimd::bitwise_cast<float>(i);
#endif
}

/// min(x, c) (Min) or max(x, c) for a constant c, NaN where x is NaN. The x86
/// instructions return their second operand when either is NaN, and xsimd's operand
/// order differs between versions, so they are called directly; AArch64's vminq/vmaxq
/// propagate NaN.
template <bool Min, class B>
TMATH_FORCE_INLINE B bound_keep_nan(const B& x, const B& c) noexcept {
#if defined(__AVX512F__)
    if constexpr (sizeof(B) == 64) return B(Min ? _mm512_min_ps(c, x) : _mm512_max_ps(c, x));
#endif
#if defined(__AVX__)
    if constexpr (sizeof(B) == 32) return B(Min ? _mm256_min_ps(c, x) : _mm256_max_ps(c, x));
#endif
#if defined(__SSE2__)
    if constexpr (sizeof(B) == 16) return B(Min ? _mm_min_ps(c, x) : _mm_max_ps(c, x));
#endif
#if defined(__aarch64__)
    if constexpr (sizeof(B) == 16) return B(Min ? vminq_f32(x, c) : vmaxq_f32(x, c));
#endif
    return xsimd::select(is_nan(x), x, Min ? xsimd::min(x, c) : xsimd::max(x, c));
}
/// min(x, c), NaN where x is NaN (see bound_keep_nan).
template <class B>
TMATH_FORCE_INLINE B min_keep_nan(const B& x, const B& c) noexcept { return bound_keep_nan<true>(x, c); }
/// max(x, c), NaN where x is NaN (see bound_keep_nan).
template <class B>
TMATH_FORCE_INLINE B max_keep_nan(const B& x, const B& c) noexcept { return bound_keep_nan<false>(x, c); }

/// 1.5 * 2^23: v + shifter rounds v (|v| < 2^22) to an integer n held in the low bits
/// of the sum, whose int32 pattern minus the shifter's is n.
inline constexpr float round_shifter = 12582912.0f;

/// p * 2^n for the integer n held by nb = n + round_shifter, n in [-150, 129]: 2^n in
/// two halves, so that an overflow gives inf and a subnormal result rounds once
/// (AVX-512's vscalefps does the same in one instruction).
template <class B>
TMATH_FORCE_INLINE B scale_by_pow2(const B& p, const B& nb) noexcept {
#if defined(__AVX512F__)
    if constexpr (sizeof(B) == 64) return B(_mm512_scalef_ps(p, nb - B::broadcast(round_shifter)));
#endif
    using I = int_lanes<B>;
    const I n = bits_of(nb) - I::broadcast(0x4b400000);
    const I n1 = n >> 1;
    const I bias = I::broadcast(127);
    return p * float_from_bits<B>((n1 + bias) << 23) * float_from_bits<B>(((n - n1) + bias) << 23);
}

/// 1 / d, within 1 ulp: AVX-512's 14-bit estimate and one Newton step (a tenth of a
/// division's cost), a division elsewhere. For d in [1, 2^27] only (no zero, infinity
/// or NaN handling).
template <class B>
TMATH_FORCE_INLINE B reciprocal_f32(const B& d) noexcept {
#if defined(__AVX512F__)
    if constexpr (sizeof(B) == 64) {
        const B r = B(_mm512_rcp14_ps(d));
        return fmadd(r, fmadd(-d, r, B::broadcast(1.0f)), r);
    }
#endif
    return simd::div(B::broadcast(1.0f), d);
}

/// The degree-6 polynomial of e^r on |r| <= ln2/2 (c[0] = 1), shared by exp and expm1.
inline constexpr float exp_poly[] = {1.0f, 1.000000036e+00f, 4.999999208e-01f, 1.666642017e-01f,
                                     4.166822560e-02f, 8.374815796e-03f, 1.383684451e-03f};

/// e^x for x already in [-104, 89] (or NaN): x = n ln2 + r by a rounding constant and a
/// two-part Cody-Waite ln2 (its high part has 9 bits, so n ln2_hi is exact), exp_poly on
/// r, and 2^n applied by scale_by_pow2. NaN stays NaN through the arithmetic.
template <class B>
TMATH_FORCE_INLINE B exp_in_range_f32(const B& xc) noexcept {
    const B nb = fmadd(xc, B::broadcast(1.44269504088896341f), B::broadcast(round_shifter));
    const B n = nb - B::broadcast(round_shifter);
    B r = fmadd(n, B::broadcast(-0.693359375f), xc);
    r = fmadd(n, B::broadcast(2.12194440e-4f), r);
    return scale_by_pow2(horner(r, exp_poly), nb);
}

/// e^x over the whole float range without a branch: x clamped to [-104, 89] (beyond,
/// the result is 0 or inf; NaN kept), then exp_in_range_f32.
template <class B>
TMATH_FORCE_INLINE B exp_f32(const B& x) noexcept {
    return exp_in_range_f32(max_keep_nan(min_keep_nan(x, B::broadcast(89.0f)), B::broadcast(-104.0f)));
}

/// e^y - 1 for y in [0, 18.2] (or NaN), with a small relative error near 0: y = n ln2 + r,
/// e^r - 1 = r + r^2 Q(r), then 2^n (e^r - 1) + (2^n - 1) in one FMA (2^n - 1 is exact
/// for n <= 24; n reaches 26, where the sum rounds to 2^n e^r all the same).
template <class B>
TMATH_FORCE_INLINE B expm1_small_f32(const B& y) noexcept {
    // Q fits (e^r - 1 - r) / r^2 on |r| <= 0.3468: Lawson-weighted minimax in double,
    // degree 4, coefficients rounded to float one at a time with the rest refitted;
    // relative error of r + r^2 Q against e^r - 1 below 1.4e-8 before float rounding.
    static constexpr float q[] = {4.999999702e-01f, 1.666654646e-01f, 4.166743532e-02f, 8.366265334e-03f,
                                  1.387067838e-03f};
    const B nb = fmadd(y, B::broadcast(1.44269504088896341f), B::broadcast(round_shifter));
    // One-part ln2: its float rounding error (2e-9) times n <= 26 moves r by 5e-8,
    // which only the e^y of large n sees, where tanh is flat.
    const B r = fmadd(nb - B::broadcast(round_shifter), B::broadcast(-0.693147182f), y);
    const B em_r = fmadd(r * r, horner(r, q), r);
    using I = int_lanes<B>;
    const B s = float_from_bits<B>((bits_of(nb) << 23) + I::broadcast(127 << 23));  // 2^n, n >= 0
    return fmadd(s, em_r, s - B::broadcast(1.0f));
}

/// tanh x = e / (e + 2) with e = e^(2|x|) - 1 (expm1_small_f32, accurate for small |x|
/// too), x's sign put back by its bit; |x| clamped to 9.1, where the float result is 1.
template <class B>
TMATH_FORCE_INLINE B tanh_f32(const B& x) noexcept {
    const B sign = xsimd::bitofsign(x);
    const B a = min_keep_nan(xsimd::abs(x), B::broadcast(9.1f));
    const B e = expm1_small_f32(a + a);
    return (e * reciprocal_f32(e + B::broadcast(2.0f))) | sign;
}

/// erf x: x P(x^2) below 0.9; 1 - e^(Q(|x|) - x^2) from 0.9 to 3.92 (|x| clamped there,
/// where the float result is 1) with x's sign bit. Q fits log(erfc a) + a^2 centred at
/// 2.45; e^u (u in [-16, -1.5]) needs little relative accuracy, as e <= erfc 0.9 = 0.2:
/// a degree-5 polynomial, a one-part ln2 and 2^n (n <= 0) in the exponent bits.
template <class B>
TMATH_FORCE_INLINE B erf_f32(const B& x) noexcept {
    static constexpr float p[] = {1.128379154e+00f, -3.761252331e-01f, 1.128214107e-01f,
                                  -2.677891601e-02f, 5.011971503e-03f, -6.090398684e-04f};
    // Q: Lawson minimax in double on [0.9, 3.92], degree 5, error weighted by
    // erfc a / erf a (the relative error it causes in erf): below 3e-8 (0.5 ulp).
    static constexpr float q[] = {-1.539034843e+00f, -3.586004972e-01f, 5.655014142e-02f,
                                  -1.364225242e-02f, 2.005897113e-04f, -1.261389116e-03f};
    // e^r on |r| <= ln2/2: Remez (mpmath), degree 5, relative error below 8e-8.
    static constexpr float e5[] = {1.000000073e+00f, 9.999996883e-01f, 4.999888607e-01f,
                                   1.666758200e-01f, 4.191637175e-02f, 8.297512562e-03f};
    const B ax = xsimd::abs(x);
    const B small = x * horner(x * x, p);
    const B a = min_keep_nan(ax, B::broadcast(3.92f));
    const B u = fmadd(-a, a, horner(a - B::broadcast(2.45f), q));
    const B nb = fmadd(u, B::broadcast(1.44269504088896341f), B::broadcast(round_shifter));
    const B r = fmadd(nb - B::broadcast(round_shifter), B::broadcast(-0.693147182f), u);
    using I = int_lanes<B>;
    const B e = horner(r, e5) * float_from_bits<B>((bits_of(nb) << 23) + I::broadcast(127 << 23));
    const B big = (B::broadcast(1.0f) - e) | xsimd::bitofsign(x);
    return xsimd::select(ax < B::broadcast(0.9f), small, big);  // NaN: big is NaN
}

/// The logistic function 1 / (1 + e^-x) as e / (1 + e) with e = e^-|x| for negative x
/// (tiny results keep their precision), 1 / (1 + e) otherwise.
template <class B>
TMATH_FORCE_INLINE B sigmoid_f32(const B& x) noexcept {
    const B one = B::broadcast(1.0f);
    // -|x| by setting the sign bit; it is <= 0, so only the lower clamp is needed.
    const B e = exp_in_range_f32(max_keep_nan(x | B::broadcast(-0.0f), B::broadcast(-104.0f)));
    const B r = reciprocal_f32(one + e);
    return xsimd::select(x < B::broadcast(0.0f), e * r, r);  // NaN: r is NaN
}

/// sin x (Cos = false) or cos x (Cos = true) for |x| <= 10^4: x = m pi + r with m = j
/// (sin) or j + 1/2 (cos), j from the rounding constant and pi in three parts with FMAs
/// (the first product is exact, so r is exact to within its last rounding), then
/// sin r on |r| <= pi/2 by one odd polynomial and the sign of (-1)^j (sin) or -(-1)^j
/// (cos) from j's bit 0. Batches with a lane beyond 10^4, infinite or NaN go through the
/// scalar library in double (sin_cos_lanes_f32).
template <bool Cos, class B>
TMATH_FORCE_INLINE B sin_cos_f32(const B& x) noexcept {
    // sin r = r + r^3 P(r^2) on [0, pi/2]: Lawson minimax of the relative error in double,
    // coefficients rounded to float one at a time with the rest refitted (6e-9 before
    // float rounding).
    static constexpr float p[] = {-1.666665971e-01f, 8.333069272e-03f, -1.980977977e-04f, 2.606109774e-06f};
    if (!xsimd::all(xsimd::abs(x) <= B::broadcast(1.0e4f))) return sin_cos_lanes_f32<Cos>(x);
    using I = int_lanes<B>;
    const B inv_pi = B::broadcast(0.318309886183790671f);
    const B jb = Cos ? fmadd(x, inv_pi, B::broadcast(-0.5f)) + B::broadcast(round_shifter)
                     : fmadd(x, inv_pi, B::broadcast(round_shifter));
    const B j = jb - B::broadcast(round_shifter);
    const B m = Cos ? j + B::broadcast(0.5f) : j;
    B r = fmadd(m, B::broadcast(-0x1.921fb6p+1f), x);
    r = fmadd(m, B::broadcast(0x1.777a5cp-24f), r);
    r = fmadd(m, B::broadcast(0x1.ee59dap-49f), r);
    const B z = r * r;
    const B sin_r = fmadd(r * z, horner(z, p), r);
    // j's bit 0 as the sign bit; cos flips it once more.
    const I sign = Cos ? (bits_of(jb) << 31) ^ I::broadcast(std::numeric_limits<std::int32_t>::min()) : bits_of(jb) << 31;
    const B y = sin_r ^ float_from_bits<B>(sign);
    if constexpr (Cos) return y;
    else return xsimd::select(x == B::broadcast(0.0f), x, y);  // keeps the sign of zero
}

}  // namespace tmath::simd::kernels

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

#endif  // TMATH_SIMD_ENABLED
