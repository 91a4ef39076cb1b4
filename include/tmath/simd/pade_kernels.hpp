#pragma once
/// @file pade_kernels.hpp
/// tanh and the logistic function on 8-lane float batches (AVX2 with FMA) with one
/// division each: exp's range reduction x = m ln2 + h, e^h as the ratio of two cubics
/// (the [3/3] Padé approximant, E(h^2) + h O(h^2) over E(h^2) - h O(h^2)), and 2^m
/// folded into the numerator and denominator of the result, so that the result is one
/// quotient of terms without cancellation. On AMD Zen 3 a division runs beside the
/// FMAs, so these cost less than the exp polynomial with a reciprocal of
/// fast_float_math.hpp (which narrower batches keep) and than the per-lane table
/// lookups of piecewise_kernels.hpp (which AVX-512 batches keep).
///
/// The Padé approximant's relative error is below 1e-8 on |h| <= ln2/2 (0.15 ulp).
/// E and O are scaled so that they sit in the upper half of a binade, where rounding
/// them costs half the relative error it would at 1.0. Max error over every float
/// (tests/test_elementwise_math.cpp sweeps them): tanh 2.8 ulp (3.2 where the compiler
/// fuses tanh's product t Q into its two sums), sigmoid 2.3 ulp, both
/// of which keep the relative precision of tiny results (tanh x ~ x, sigmoid of very
/// negative x ~ e^x down to the subnormals).

#include "tmath/config.hpp"
#include "tmath/simd/fast_float_math.hpp"
#include "tmath/simd/float_kernels.hpp"
#include "tmath/simd/piecewise_kernels.hpp"
#include "tmath/simd/simd.hpp"

#if TMATH_SIMD_ENABLED

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

namespace tmath::inline TMATH_ABI_NAMESPACE::simd::kernels {

/// Whether tanh_pade_f32 and sigmoid_pade_f32 are the kernels for float batches B: 8
/// lanes with AVX2 and FMA (the integer shift and the fused steps the error bound counts on).
template <class B>
inline constexpr bool has_pade_kernels =
#if defined(__AVX2__) && defined(__FMA__)
    sizeof(B) == 32;
#else
    false;
#endif

/// tanh x = (1 - e) / (1 + e) with e = e^(-2a), a = |x| clamped to 9.1 (where the float
/// result is 1; NaN kept). 2a = m ln2 + 2h (|h| <= ln2/4; one-part ln2, whose error times
/// m <= 26 moves only the results that e barely touches) and e = 2^-m (E - hO) / (E + hO),
/// so that with Q = E + hO and t = (2^m - 1) / 2
///     tanh a = (t Q + hO) / (t Q + E):
/// for m = 0 (t = 0) this is hO / E, the Padé form of tanh itself, with no 1 - e to
/// cancel; from m = 1 on neither sum cancels, and from m = 26 on t rounds to 2^(m-1) and
/// the quotient to 1. x's sign bit is put back at the end (so tanh(-0) = -0).
template <class B>
TMATH_FORCE_INLINE B tanh_pade_f32(const B& x) noexcept {
    // 1.5 * 2^23 + 126: nb's low bits hold m + 126, the exponent field of 2^(m-1).
    const B shifter = B::broadcast(12583038.0f);
    const B a = min_keep_nan(xsimd::abs(x), B::broadcast(9.1f));
    const B nb = fmadd(a, B::broadcast(2.88539008177792681f), shifter);  // 2a / ln2 + shifter
    const B h = fmadd(nb - shifter, B::broadcast(-0.346573590279972655f), a);  // a - m ln2 / 2
    const B h2 = h * h;
    // e^(-2h) = (E - hO) / (E + hO): E = c (1 + 2h^2 / 5), O = c (1 + h^2 / 15), c = 1.97
    // (E, O in [1.97, 1.994]).
    const B e = fmadd(h2, B::broadcast(0.788f), B::broadcast(1.97f));
    const B ho = h * fmadd(h2, B::broadcast(0.131333333f), B::broadcast(1.97f));
    // t Q rounded once for both sums: its error reaches the quotient scaled by 1 - tanh a.
    const B tq = (float_from_bits<B>(bits_of(nb) << 23) - B::broadcast(0.5f)) * (e + ho);
    return ((tq + ho) / (tq + e)) | xsimd::bitofsign(x);
}

/// The logistic function 1 / (1 + e^-x) = s P / (s P + 2^24 Q) with x clamped to
/// [-104, 20] (beyond, the float result is 0 or 1; NaN kept), x = m ln2 + h (two-part
/// ln2, |h| <= ln2/2), e^h = P / Q = (E + hO) / (E - hO) and s = 2^(m + 24), so that s is
/// a normal float for every m in [-150, 29] and a subnormal result is rounded once, by
/// the division. Neither sum cancels: the errors of P and Q reach the result scaled by
/// 1 - sigmoid x.
template <class B>
TMATH_FORCE_INLINE B sigmoid_pade_f32(const B& x) noexcept {
    // 1.5 * 2^23 + 151: nb's low bits hold m + 24 + 127, the exponent field of s.
    const B shifter = B::broadcast(12583063.0f);
    const B xc = max_keep_nan(min_keep_nan(x, B::broadcast(20.0f)), B::broadcast(-104.0f));
    const B nb = fmadd(xc, B::broadcast(1.44269504088896341f), shifter);
    const B m = nb - shifter;
    B h = fmadd(m, B::broadcast(-0.693359375f), xc);
    h = fmadd(m, B::broadcast(2.12194440e-4f), h);
    const B h2 = h * h;
    // E = c (1 + h^2 / 10), O = c (1/2 + h^2 / 120), c = 1.68 (E in [1.68, 1.70], O in
    // [0.84, 0.842], P and Q in [1.41, 2)).
    const B e = fmadd(h2, B::broadcast(0.168f), B::broadcast(1.68f));
    const B o = fmadd(h2, B::broadcast(0.014f), B::broadcast(0.84f));
    const B ho = h * o;
    const B sp = float_from_bits<B>(bits_of(nb) << 23) * (e + ho);
    const B q = e - ho;
    return sp / fmadd(q, B::broadcast(16777216.0f), sp);
}

/// tanh on any float batch: the piecewise kernel on AVX-512, the Padé one on AVX2 with
/// FMA, else fast_float_math's.
template <class B>
TMATH_FORCE_INLINE B tanh_best_f32(const B& x) noexcept {
#if defined(__AVX512F__)
    if constexpr (has_tanh_piecewise<B>) return tanh_piecewise_f32(x);
    else
#endif
        if constexpr (has_pade_kernels<B>) return tanh_pade_f32(x);
    else return tanh_f32(x);
}

/// The logistic function on any float batch: the Padé kernel on AVX2 with FMA, else
/// fast_float_math's.
template <class B>
TMATH_FORCE_INLINE B sigmoid_best_f32(const B& x) noexcept {
    if constexpr (has_pade_kernels<B>) return sigmoid_pade_f32(x);
    else return sigmoid_f32(x);
}

}  // namespace tmath::simd::kernels

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

#endif  // TMATH_SIMD_ENABLED
