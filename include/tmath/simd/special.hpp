#pragma once
/// @file special.hpp
/// Lane-wise trigonometric, exponential, logarithmic, error-function and rounding
/// functions on `simd::batch<T>`: sin, cos, tan, erf, log1p, expm1, log2, log10, exp2,
/// floor, ceil, round (half to even), trunc, and pow with a batch of exponents. Float
/// batches take float_kernels.hpp's polynomials where they are faster or more accurate
/// than xsimd's; the one-lane `scalar_batch` stand-in takes the scalar library.

#include <cmath>
#include <cstddef>
#include <limits>
#include <type_traits>

#include "tmath/config.hpp"
#include "tmath/simd/piecewise_kernels.hpp"
#include "tmath/simd/fast_float_math.hpp"
#include "tmath/simd/math.hpp"
#include "tmath/simd/simd.hpp"

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

namespace tmath::inline TMATH_ABI_NAMESPACE::simd {

namespace detail {
template <class B>
inline constexpr bool is_float_batch = !is_scalar_batch<B> && std::is_same_v<typename B::value_type, float>;
}  // namespace detail

// The xsimd call of the batch branch; never instantiated without SIMD (the stand-in
// takes the scalar branch), so TMATH_NO_SIMD builds never name xsimd.
#if TMATH_SIMD_ENABLED
#define TMATH_SIMD_SPECIAL_XS(call) xsimd::call
#else
#define TMATH_SIMD_SPECIAL_XS(call) x
#endif

#define TMATH_SIMD_SPECIAL(name, scalar_call, batch_expr)  \
    template <class B>                                     \
    TMATH_FORCE_INLINE B name(const B& x) noexcept {       \
        if constexpr (detail::is_scalar_batch<B>) {        \
            using T = typename B::value_type;              \
            return {static_cast<T>(scalar_call(x.value))}; \
        } else {                                           \
            return batch_expr;                             \
        }                                                  \
    }

#if TMATH_SIMD_ENABLED
/// sin x lane by lane: the float kernel where the build has FMA, else xsimd's.
TMATH_SIMD_SPECIAL(sin, std::sin, [&]() TMATH_FORCE_INLINE_LAMBDA {
    if constexpr (detail::is_float_batch<B> && kernels::has_hardware_fma) return kernels::sin_cos_f32<false>(x);
    else return B(xsimd::sin(x));
}())
/// cos x lane by lane: the float kernel where the build has FMA, else xsimd's.
TMATH_SIMD_SPECIAL(cos, std::cos, [&]() TMATH_FORCE_INLINE_LAMBDA {
    if constexpr (detail::is_float_batch<B> && kernels::has_hardware_fma) return kernels::sin_cos_f32<true>(x);
    else return B(xsimd::cos(x));
}())
/// erf x lane by lane: the float kernels (piecewise_kernels.hpp's on AVX-512 and AVX2
/// batches); double lanes through the scalar library (xsimd's double erf is tens of ulp off
/// around |x| = 2).
TMATH_SIMD_SPECIAL(erf, std::erf, [&]() TMATH_FORCE_INLINE_LAMBDA {
    if constexpr (detail::is_float_batch<B>) return kernels::erf_best_f32(x);
    else return map_lanes(x, [](auto v) { return std::erf(v); });
}())
/// e^x - 1 lane by lane: xsimd's, except e^x for float lanes above 80, where xsimd's
/// float expm1 overflows early.
TMATH_SIMD_SPECIAL(expm1, std::expm1, [&]() TMATH_FORCE_INLINE_LAMBDA {
    if constexpr (detail::is_float_batch<B>) {
        const B big = B::broadcast(80.0f);
        const B r = xsimd::select(x == B::broadcast(0.0f), x, B(xsimd::expm1(x)));  // expm1(-0) = -0
        if (xsimd::any(x > big)) return xsimd::select(x > big, kernels::exp_f32(x), r);
        return r;
    } else {
        // xsimd converts an exponent to int64 lane by lane in C++ on some targets, which
        // is undefined past int64's range: the argument is clamped to where the result is
        // already -1 or inf, and NaN put back.
        // Above 700 e^x - 1 is e^x, computed as (e^(x/2))^2: xsimd's expm1 and exp
        // overflow before the largest double does (near 709.78).
        const B y = xsimd::min(xsimd::max(x, B::broadcast(-60.0)), B::broadcast(710.0));
        const B big = B::broadcast(700.0);
        B r = xsimd::select(x == B::broadcast(0.0), x, B(xsimd::expm1(y)));
        if (xsimd::any(y > big)) {
            const B half = xsimd::exp(y * B::broadcast(0.5));
            r = xsimd::select(y > big, half * half, r);
        }
        return xsimd::select(isnan(x), x, r);
    }
}())
/// 2^x lane by lane: the float kernel (xsimd's float exp2 overflows early), xsimd's for double.
TMATH_SIMD_SPECIAL(exp2, std::exp2, [&]() TMATH_FORCE_INLINE_LAMBDA {
    if constexpr (detail::is_float_batch<B>) {
        return kernels::exp2_f32(x);
    } else {
        // Clamped for xsimd's exponent conversion, as expm1: 2^±1100 is already inf or 0.
        const B y = xsimd::min(xsimd::max(x, B::broadcast(-1100.0)), B::broadcast(1100.0));
        return xsimd::select(isnan(x), x, B(xsimd::exp2(y)));
    }
}())
#else
TMATH_SIMD_SPECIAL(sin, std::sin, x)
TMATH_SIMD_SPECIAL(cos, std::cos, x)
TMATH_SIMD_SPECIAL(erf, std::erf, x)
TMATH_SIMD_SPECIAL(expm1, std::expm1, x)
TMATH_SIMD_SPECIAL(exp2, std::exp2, x)
#endif
/// tan x lane by lane.
TMATH_SIMD_SPECIAL(tan, std::tan, TMATH_SIMD_SPECIAL_XS(tan(x)))
#if TMATH_SIMD_ENABLED
/// log(1 + x) lane by lane (xsimd's, with log1p(-0) = -0).
TMATH_SIMD_SPECIAL(log1p, std::log1p, xsimd::select(x == B::broadcast(0), x, B(xsimd::log1p(x))))
#else
TMATH_SIMD_SPECIAL(log1p, std::log1p, x)
#endif
#if TMATH_SIMD_ENABLED
namespace detail {
/// r with x's sign on its zero lanes: a rounded value that is zero keeps the sign of what
/// was rounded (floor(-0) = -0, ceil(-0.5) = -0), which xsimd's SSE2 emulation of
/// floor / ceil / trunc / nearbyint (no SSE4.1 `roundps`) loses.
template <class B>
inline B zero_sign_of(const B& r, const B& x) noexcept {
    using T = typename B::value_type;
    return xsimd::select(r == B::broadcast(T(0)), r | (x & B::broadcast(T(-0.0))), r);
}
}  // namespace detail
#define TMATH_SIMD_ROUNDED(call) detail::zero_sign_of(B(xsimd::call), x)
#else
#define TMATH_SIMD_ROUNDED(call) x
#endif
/// floor x lane by lane (floating point).
TMATH_SIMD_SPECIAL(floor, std::floor, TMATH_SIMD_ROUNDED(floor(x)))
/// ceil x lane by lane (floating point).
TMATH_SIMD_SPECIAL(ceil, std::ceil, TMATH_SIMD_ROUNDED(ceil(x)))
/// x rounded toward zero lane by lane (floating point).
TMATH_SIMD_SPECIAL(trunc, std::trunc, TMATH_SIMD_ROUNDED(trunc(x)))
/// x rounded to the nearest integer, ties to even, lane by lane (floating point; the
/// default rounding mode).
TMATH_SIMD_SPECIAL(round_even, std::nearbyint, TMATH_SIMD_ROUNDED(nearbyint(x)))
#undef TMATH_SIMD_ROUNDED

#if TMATH_SIMD_SLOW_LOG
/// log2 x lane by lane.
TMATH_SIMD_SPECIAL(log2, std::log2, map_lanes(x, [](auto v) { return std::log2(v); }))
/// log10 x lane by lane.
TMATH_SIMD_SPECIAL(log10, std::log10, map_lanes(x, [](auto v) { return std::log10(v); }))
#else
/// log2 x lane by lane.
TMATH_SIMD_SPECIAL(log2, std::log2, TMATH_SIMD_SPECIAL_XS(log2(x)))
/// log10 x lane by lane.
TMATH_SIMD_SPECIAL(log10, std::log10, TMATH_SIMD_SPECIAL_XS(log10(x)))
#endif

#undef TMATH_SIMD_SPECIAL
#undef TMATH_SIMD_SPECIAL_XS

#if TMATH_SIMD_ENABLED
namespace detail {
/// x^y of a double batch: xsimd's pow, with C's answers for what it misses: x^0 = 1 and
/// 1^y = 1 even for NaN; a zero, infinite or NaN x or an infinite or NaN y (signed
/// zeros and infinities, NaN) go lane by lane through the scalar library.
template <class D>
inline D pow_double(const D& x, const D& y) noexcept {
    const D inf = D::broadcast(std::numeric_limits<double>::infinity());
    if (xsimd::any(x == D::broadcast(0.0) || !(xsimd::abs(x) < inf) || !(xsimd::abs(y) < inf)))
        return lanewise<double>(x, y, [](double a, double b) { return std::pow(a, b); });
    const D one = D::broadcast(1.0);
    return xsimd::select(y == D::broadcast(0.0) || x == one, one, xsimd::pow(x, y));
}
}  // namespace detail
#endif

/// x^y lane by lane (floating point). Float lanes are raised in double and rounded once
/// (xsimd's float pow is hundreds of ulp off for large results); double lanes go through
/// the scalar library.
template <class B>
inline B pow(const B& x, const B& y) noexcept {
    using T = typename B::value_type;
    if constexpr (detail::is_scalar_batch<B>) {
        return {std::pow(x.value, y.value)};
    } else {
#if TMATH_SIMD_SLOW_LOG || !TMATH_SIMD_ENABLED
        return lanewise<T>(x, y, [](T a, T b) { return std::pow(a, b); });
#else
        if constexpr (std::is_same_v<T, double>) {
            // xsimd's double pow is up to hundreds of ulp off: the scalar library.
            return lanewise<T>(x, y, [](T a, T b) { return std::pow(a, b); });
        } else {
            using D = batch<double>;
            alignas(64) float xs[B::size];
            alignas(64) float ys[B::size];
            alignas(64) float rs[B::size];
            x.store_unaligned(xs);
            y.store_unaligned(ys);
            for (std::size_t k = 0; k < B::size; k += D::size)
                detail::pow_double(D::load_unaligned(xs + k), D::load_unaligned(ys + k)).store_unaligned(rs + k);
            return B::load_unaligned(rs);
        }
#endif
    }
}

}  // namespace tmath::simd

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
