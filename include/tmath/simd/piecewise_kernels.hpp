#pragma once
/// @file piecewise_kernels.hpp
/// erf and tanh on wide float batches as piecewise polynomials whose coefficients are
/// looked up lane by lane with one permute each: the argument range is cut into as
/// many intervals as the batch has lanes, |x| picks its interval, and a short polynomial
/// in t = |x| - centre runs with each lane's own coefficients. The permutes run beside
/// the FMAs (on another execution port), so these cost about half of the closed forms
/// in fast_float_math.hpp, which narrower batches keep: erf on 16 lanes (AVX-512) and
/// 8 lanes (AVX2 with FMA), tanh on 16 lanes (pade_kernels.hpp's tanh_best_f32 picks it).
///
/// Tables: per interval a Lawson-weighted minimax fit in double of the function in units
/// of the float result's ulp, the coefficients rounded to float one at a time with the
/// rest refitted. Interval 0 is centred at 0 with c0 = 0, so tiny and subnormal x keep
/// their relative precision; the last interval used gives exactly 1 where the float
/// result is 1. Max error over every float in [2^-30, 12]: erf 2.2 ulp (16 lanes) and
/// 2.3 ulp (8 lanes), tanh 2.7 ulp.
/// - erf: intervals of 1/4 on [0, 4) (16 lanes, degree 5) or of 1/2 (8 lanes, degree 7);
///   |x| clamped to 3.99 (erf is 1 in float from 3.92).
/// - tanh: four intervals per octave of |x| + 1 (finer where tanh bends most), so the
///   interval is the exponent and top two mantissa bits of |x| + 1; degree 5; |x|
///   clamped to 9.1 (tanh is 1 in float from 9.01).

#include <cstddef>

#include "tmath/config.hpp"
#include "tmath/simd/fast_float_math.hpp"
#include "tmath/simd/float_kernels.hpp"
#include "tmath/simd/simd.hpp"

#if TMATH_SIMD_ENABLED

namespace tmath::inline TMATH_ABI_NAMESPACE::simd::kernels {

/// Whether erf_piecewise_f32 handles float batches of type B.
template <class B>
inline constexpr bool has_erf_piecewise =
#if defined(__AVX512F__)
    sizeof(B) == 64 ||
#endif
#if defined(__AVX2__) && defined(__FMA__)
    sizeof(B) == 32 ||
#endif
    false;

/// Whether tanh_piecewise_f32 handles float batches of type B.
template <class B>
inline constexpr bool has_tanh_piecewise =
#if defined(__AVX512F__)
    sizeof(B) == 64 ||
#endif
    false;

#if defined(__AVX512F__) || (defined(__AVX2__) && defined(__FMA__))

// Each table: the interval centres, then one row per power of t (c0 first).
inline constexpr float erf_16_centres[16] = {
    0.0f, 0.375f, 0.625f, 0.875f, 1.125f, 1.375f, 1.625f, 1.875f, 2.125f, 2.375f, 2.625f, 2.875f, 3.125f, 3.375f,
    3.625f, 3.875f};
inline constexpr float erf_16_coefs[6][16] = {
    {
        0.0f, 0.404116899f, 0.623240888f, 0.784075081f, 0.888388216f, 0.948170066f, 0.978443742f, 0.99199003f,
        0.997345984f, 0.999217033f, 0.999794602f, 0.999952137f, 0.999990106f, 0.999998212f, 0.999999702f,
        0.99999994f},
    {
        1.12837911f, 0.980352819f, 0.763499558f, 0.524745047f, 0.318273962f, 0.170359775f, 0.0804722607f,
        0.0335458294f, 0.0123408204f, 0.004006478f, 0.0011478751f, 0.000290228287f, 6.47586858e-05f,
        1.27517405e-05f, 2.21592018e-06f, 3.3966387e-07f},
    {
        1.00130519e-05f, -0.367622316f, -0.477184832f, -0.459160477f, -0.35805279f, -0.234244421f, -0.130773202f,
        -0.062885344f, -0.0262305345f, -0.00950113963f, -0.00300221797f, -0.000830511563f, -0.000203467964f,
        -5.62713758e-05f, -6.62008642e-06f, 9.52985647e-06f},
    {
        -0.376402199f, -0.234877244f, -0.0556779094f, 0.0929208398f, 0.162450463f, 0.157937646f, 0.114840858f,
        0.067441538f, 0.0330376811f, 0.0137304924f, 0.00489034923f, 0.00150247128f, 0.000399985554f,
        9.25703134e-05f, 1.86698526e-05f, 3.04688401e-05f},
    {
        0.00253665098f, 0.16515246f, 0.175672695f, 0.112775557f, 0.0278728139f, -0.0301713329f, -0.0491265133f,
        -0.0430240184f, -0.0259905402f, -0.0140844956f, -0.00614358857f, -0.00214645197f, -0.000495198357f,
        0.000694274087f, -0.000121293124f, -0.000727078528f},
    {
        0.104796149f, 0.0452381074f, -0.0268978495f, -0.06675677f, -0.0610664226f, -0.030630948f, -0.0022533203f,
        0.0113533502f, 0.0124494545f, 0.00836127903f, 0.00423353398f, 0.00172564317f, 0.000583310903f,
        0.000166185389f, 4.03366575e-05f, -0.00198921515f},
};
inline constexpr float erf_8_centres[8] = {
    0.0f, 0.75f, 1.25f, 1.75f, 2.25f, 2.75f, 3.25f, 3.75f};
inline constexpr float erf_8_coefs[8][8] = {
    {
        0.0f, 0.711155653f, 0.92290014f, 0.986671686f, 0.998537302f, 0.999899387f, 0.999995708f, 0.999999881f},
    {
        1.12837923f, 0.642931044f, 0.236521125f, 0.0527749956f, 0.00714231888f, 0.000586277223f, 2.91890246e-05f,
        8.8142184e-07f},
    {
        -8.81711185e-06f, -0.482203513f, -0.295654953f, -0.0923603177f, -0.0160752758f, -0.00161481334f,
        -9.79540346e-05f, -1.66526775e-06f},
    {
        -0.375904739f, 0.0267911032f, 0.167535588f, 0.0901573598f, 0.0217245519f, 0.00276038772f, 0.000195810979f,
        8.54912651e-06f},
    {
        -0.00207503396f, 0.150900811f, -0.00599447079f, -0.0479320176f, -0.0188725721f, -0.00315020606f,
        -0.000155920556f, -8.88033974e-05f},
    {
        0.121841051f, -0.053290911f, -0.0471782349f, 0.00661932584f, 0.0106589589f, 0.00275608408f,
        0.000313675671f, -3.1785632e-05f},
    {
        -0.0188317597f, -0.028967984f, 0.0191233102f, 0.00720919902f, -0.00506658386f, -0.00280926796f,
        -0.00165662507f, 0.000813105376f},
    {
        -0.0106226699f, 0.0184723642f, 0.00367793627f, -0.00594006851f, -0.000712717709f, 0.000637466728f,
        0.000173223219f, 0.000712362176f},
};
inline constexpr float tanh_16_centres[16] = {
    0.0f, 0.375f, 0.625f, 0.875f, 1.25f, 1.75f, 2.25f, 2.75f, 3.5f, 4.5f, 5.5f, 6.5f, 8.0f, 9.10000038f,
    9.10000038f, 9.10000038f};
inline constexpr float tanh_16_coefs[6][16] = {
    {
        0.0f, 0.3583574f, 0.554599702f, 0.703905582f, 0.848283768f, 0.941375554f, 0.978026092f, 0.991859734f,
        0.998177826f, 0.999753177f, 0.999966621f, 0.99999547f, 0.999999762f, 1.0f, 1.0f, 1.0f},
    {
        0.99999994f, 0.871580005f, 0.692419171f, 0.5045169f, 0.280414701f, 0.113812007f, 0.0434649177f,
        0.0162142869f, 0.00364100584f, 0.000493517262f, 6.68045614e-05f, 9.04127592e-06f, 4.50137065e-07f,
        5.04529112e-08f, 5.04529112e-08f, 5.04529112e-08f},
    {
        1.25747538e-05f, -0.312330008f, -0.384004384f, -0.35512346f, -0.237905324f, -0.107144408f, -0.0425058044f,
        -0.0160822291f, -0.0036288423f, -0.000491774583f, -6.74421681e-05f, -8.7444414e-06f, -3.37393175e-07f,
        -1.83977572e-05f, -1.83977572e-05f, -1.83977572e-05f},
    {
        -0.3337228f, -0.178609505f, -0.0178228989f, 0.0818060413f, 0.108329497f, 0.0629305691f, 0.0270876419f,
        0.0105463406f, 0.0024109201f, 0.000328629161f, 4.45029546e-05f, 6.02382534e-06f, 2.9713965e-07f,
        -6.95459403e-06f, -6.95459403e-06f, -6.95459403e-06f},
    {
        0.00392275909f, 0.166603699f, 0.136835396f, 0.0604406968f, -0.0111596473f, -0.0233286265f, -0.0124316085f,
        -0.00513523025f, -0.00125617953f, -0.000176197369f, -2.0489033e-05f, -4.29145257e-06f, -2.83247545e-07f,
        0.00175793678f, 0.00175793678f, 0.00175793678f},
    {
        0.119809769f, 0.0195410997f, -0.0554814339f, -0.0585921071f, -0.0197363272f, 0.00345224864f,
        0.00397845963f, 0.00191433332f, 0.000492963416f, 6.76753261e-05f, 9.23339121e-06f, 1.24897167e-06f,
        6.90207074e-08f, 0.00126546423f, 0.00126546423f, 0.00126546423f},
};

/// Each lane's entry of a table row of L floats (8 with AVX2, 16 with AVX-512): one
/// permute by the lane's interval index.
template <class B, std::size_t L, class Index>
TMATH_FORCE_INLINE B lane_lookup(const float (&row)[L], const Index& interval) noexcept {
#if defined(__AVX512F__)
    if constexpr (L == 16) return B(_mm512_permutexvar_ps(interval, _mm512_loadu_ps(row)));
    else
#endif
        return B(_mm256_permutevar8x32_ps(_mm256_loadu_ps(row), interval));
}

/// The polynomial with each lane's coefficients rows[k][interval] at t (Horner).
template <class B, std::size_t D, std::size_t L, class Index>
TMATH_FORCE_INLINE B lane_polynomial(const B& t, const Index& interval, const float (&rows)[D][L]) noexcept {
    B y = lane_lookup<B>(rows[D - 1], interval);
    for (std::size_t k = D - 1; k-- > 0;) y = fmadd(y, t, lane_lookup<B>(rows[k], interval));
    return y;
}

/// erf x for a batch B with has_erf_piecewise<B>: |x| clamped below 4 (NaN kept;
/// infinities give +-1), its interval's polynomial, x's sign bit put back. cvtt turns
/// NaN into 0x80000000, whose low bits are a valid index, and t stays NaN.
template <class B>
TMATH_FORCE_INLINE B erf_piecewise_f32(const B& x) noexcept {
    const B a = min_keep_nan(xsimd::abs(x), B::broadcast(3.99f));
#if defined(__AVX512F__)
    if constexpr (sizeof(B) == 64) {
        const __m512i i = _mm512_cvttps_epi32(a * B::broadcast(4.0f));
        return lane_polynomial(a - lane_lookup<B>(erf_16_centres, i), i, erf_16_coefs) | xsimd::bitofsign(x);
    } else
#endif
    {
        static_assert(sizeof(B) == 32, "erf_piecewise_f32: a batch of 8 or 16 floats");
        const __m256i i = _mm256_cvttps_epi32(a * B::broadcast(2.0f));
        return lane_polynomial(a - lane_lookup<B>(erf_8_centres, i), i, erf_8_coefs) | xsimd::bitofsign(x);
    }
}

#if defined(__AVX512F__)
/// tanh x for a batch of 16 floats: |x| clamped to 9.1 (NaN kept; infinities give +-1),
/// the interval from the bits of |x| + 1 (exponent and top two mantissa bits, counted
/// from 1.0's), its polynomial, x's sign bit put back.
template <class B>
TMATH_FORCE_INLINE B tanh_piecewise_f32(const B& x) noexcept {
    static_assert(sizeof(B) == 64, "tanh_piecewise_f32: a batch of 16 floats");
    const B a = min_keep_nan(xsimd::abs(x), B::broadcast(9.1f));
    const __m512i bits = _mm512_castps_si512(a + B::broadcast(1.0f));
    const __m512i i = _mm512_sub_epi32(_mm512_srli_epi32(bits, 21), _mm512_set1_epi32(127 << 2));
    return lane_polynomial(a - lane_lookup<B>(tanh_16_centres, i), i, tanh_16_coefs) | xsimd::bitofsign(x);
}
#endif

#endif  // AVX-512, or AVX2 with FMA

/// erf on any float batch: the piecewise kernel where B has one, else fast_float_math's.
template <class B>
TMATH_FORCE_INLINE B erf_best_f32(const B& x) noexcept {
#if defined(__AVX512F__) || (defined(__AVX2__) && defined(__FMA__))
    if constexpr (has_erf_piecewise<B>) return erf_piecewise_f32(x);
    else
#endif
        return erf_f32(x);
}

}  // namespace tmath::simd::kernels

#endif  // TMATH_SIMD_ENABLED
