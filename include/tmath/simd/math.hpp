#pragma once
/// @file math.hpp
/// Lane-wise math on `simd::batch<T>`: exp, log, sqrt, abs, tanh, sigmoid, pow, max/min (plain
/// and NaN-propagating), comparisons giving masks, and select. Every function takes an
/// xsimd batch or the one-lane `scalar_batch` stand-in and answers the same either way;
/// masks are `simd::mask<T>` (xsimd's batch_bool, or `bool` for the stand-in).
/// No xsimd type leaves namespace tmath::simd.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "tmath/config.hpp"
#include "tmath/simd/fast_float_math.hpp"
#include "tmath/simd/pade_kernels.hpp"
#include "tmath/simd/piecewise_kernels.hpp"
#include "tmath/simd/simd.hpp"

// GCC 12 reports AVX-512 intrinsics that start from `_mm512_undefined_*()` as reading
// uninitialized values when they inline into these wrappers (false positive, GCC PR 105593).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

namespace tmath::inline TMATH_ABI_NAMESPACE::simd {

/// The mask type of `batch<T>`: one boolean per lane.
#if TMATH_SIMD_ENABLED
template <class T>
using mask = std::conditional_t<has_native_batch<T>, xsimd::batch_bool<T, arch>, bool>;
#else
template <class T>
using mask = bool;
#endif

namespace detail {
template <class B>
inline constexpr bool is_scalar_batch = false;
template <class T>
inline constexpr bool is_scalar_batch<scalar_batch<T>> = true;
}  // namespace detail

/// The mask type of a batch type B.
template <class B>
using mask_of = mask<typename B::value_type>;

#define TMATH_SIMD_UNARY(name, scalar_expr, batch_expr)        \
    template <class B>                                         \
    TMATH_FORCE_INLINE B name(const B& x) noexcept {           \
        if constexpr (detail::is_scalar_batch<B>) {            \
            using T = typename B::value_type;                  \
            const T v = x.value;                               \
            return {static_cast<T>(scalar_expr)};              \
        } else {                                               \
            return batch_expr;                                 \
        }                                                      \
    }

// The batch branch is only instantiated for xsimd batches; `if constexpr` keeps the
// xsimd names out of TMATH_NO_SIMD builds.
#if TMATH_SIMD_ENABLED
#define TMATH_SIMD_XS(call) xsimd::call
#else
#define TMATH_SIMD_XS(call) x
#endif

#if TMATH_SIMD_ENABLED
// Float batches take fast_float_math.hpp's kernels, double ones xsimd's functions.
#define TMATH_SIMD_KERNEL(f32, call) \
    [&]() TMATH_FORCE_INLINE_LAMBDA { if constexpr (std::is_same_v<typename B::value_type, float>) return kernels::f32(x); else return B(call); }()
#else
#define TMATH_SIMD_KERNEL(f32, call) x
#endif

#if TMATH_SIMD_ENABLED
namespace detail {
/// x with every lane clamped to [-bound, bound] and NaN lanes made 0: xsimd's double exp
/// and tanh convert an exponent to int64, lane by lane in C++ on some targets, where NaN
/// or a value past int64's range is undefined; past the bound the result is already
/// saturated. The callers put NaN back.
template <class B>
inline B clamp_argument(const B& x, double bound) noexcept {
    const B b = B::broadcast(bound);
    return xsimd::select(xsimd::isnan(x), B::broadcast(0.0), xsimd::min(xsimd::max(x, -b), b));
}
/// e^x of double lanes: xsimd's on the clamped argument, and (e^(x/2))^2 above 709,
/// where xsimd's overflows before the largest double does (near 709.78).
template <class B>
inline B exp_f64(const B& x) noexcept {
    const B y = clamp_argument(x, 800.0);
    B r = xsimd::exp(y);
    const B big = B::broadcast(709.0);
    if (xsimd::any(y > big)) {
        const B half = xsimd::exp(y * B::broadcast(0.5));
        r = xsimd::select(y > big, half * half, r);
    }
    return xsimd::select(xsimd::isnan(x), x, r);
}
/// tanh of double lanes: xsimd's on the clamped argument (tanh(±40) is ±1).
template <class B>
inline B tanh_f64(const B& x) noexcept {
    return xsimd::select(xsimd::isnan(x), x, B(xsimd::tanh(clamp_argument(x, 40.0))));
}
}  // namespace detail
#endif

/// e^x lane by lane (floating point).
TMATH_SIMD_UNARY(exp, std::exp(v), TMATH_SIMD_KERNEL(exp_f32, detail::exp_f64(x)))
#if TMATH_SIMD_ENABLED && XSIMD_VERSION_MAJOR < 9 && !defined(__OPTIMIZE__) && defined(__AVX512BW__)
// xsimd 8's log (and pow, built on it) select integer batches, which do not compile
// for AVX-512BW without optimization: lane by lane in that configuration only.
#define TMATH_SIMD_SLOW_LOG 1
#else
#define TMATH_SIMD_SLOW_LOG 0
#endif

/// Applies `f` to every lane of `x`.
template <class B, class F>
inline B map_lanes(const B& x, F f) noexcept {
    using T = typename B::value_type;
    alignas(64) T v[B::size];
    x.store_unaligned(v);
    for (std::size_t k = 0; k < B::size; ++k) v[k] = f(v[k]);
    return B::load_unaligned(v);
}

#if TMATH_SIMD_SLOW_LOG
/// Natural logarithm lane by lane (floating point).
TMATH_SIMD_UNARY(log, std::log(v), map_lanes(x, [](auto v) { return std::log(v); }))
#else
/// Natural logarithm lane by lane (floating point).
TMATH_SIMD_UNARY(log, std::log(v), TMATH_SIMD_XS(log(x)))
#endif
/// Square root lane by lane (floating point), correctly rounded (see detail::is_neon_f32).
template <class B>
inline B sqrt(const B& x) noexcept {
    if constexpr (detail::is_scalar_batch<B>) {
        using T = typename B::value_type;
        return {static_cast<T>(std::sqrt(x.value))};
    } else {
#if TMATH_SIMD_ENABLED && defined(__aarch64__)
        if constexpr (detail::is_neon_f32<B>) return B(vsqrtq_f32(x));
        else return xsimd::sqrt(x);
#elif TMATH_SIMD_ENABLED
        return xsimd::sqrt(x);
#else
        return x;
#endif
    }
}
/// Hyperbolic tangent lane by lane (floating point).
TMATH_SIMD_UNARY(tanh, std::tanh(v), TMATH_SIMD_KERNEL(tanh_best_f32, detail::tanh_f64(x)))

#undef TMATH_SIMD_KERNEL
#undef TMATH_SIMD_XS
#undef TMATH_SIMD_UNARY

/// The logistic function 1 / (1 + e^-x) lane by lane (floating point): float batches
/// take kernels::sigmoid_best_f32; others e / (1 + e) with e = e^-|x| for negative x, so
/// that tiny results keep their precision instead of e^-x overflowing.
template <class B>
TMATH_FORCE_INLINE B sigmoid(const B& x) noexcept {
    using T = typename B::value_type;
    if constexpr (detail::is_scalar_batch<B>) {
        const T e = std::exp(-std::abs(x.value));
        return {(x.value >= T(0) ? T(1) : e) / (T(1) + e)};
    } else {
#if TMATH_SIMD_ENABLED
        if constexpr (std::is_same_v<T, float>) {
            return kernels::sigmoid_best_f32(x);
        } else {
            const B one = B::broadcast(T(1));
            // Qualified: argument-dependent lookup would pick xsimd::exp, whose double
            // form converts out-of-range values to int64 (undefined) for huge arguments.
            const B e = simd::exp(-xsimd::abs(x));
            return simd::div(xsimd::select(x >= B::broadcast(T(0)), one, e), one + e);
        }
#else
        return x;
#endif
    }
}

/// |x| lane by lane (floating point and signed integers; identity for unsigned).
template <class B>
inline B abs(const B& x) noexcept {
    using T = typename B::value_type;
    if constexpr (std::is_unsigned_v<T>) {
        return x;
    } else if constexpr (detail::is_scalar_batch<B>) {
        if constexpr (std::is_floating_point_v<T>) return {std::abs(x.value)};
        else return {static_cast<T>(x.value < 0 ? -x.value : x.value)};
    } else {
#if TMATH_SIMD_ENABLED
        return xsimd::abs(x);
#else
        return x;
#endif
    }
}

/// x^p lane by lane with one exponent for every lane (floating point).
template <class B>
inline B pow(const B& x, typename B::value_type p) noexcept {
    if constexpr (detail::is_scalar_batch<B>) {
        return {std::pow(x.value, p)};
    } else {
#if TMATH_SIMD_SLOW_LOG
        return map_lanes(x, [p](auto v) { return std::pow(v, p); });
#elif TMATH_SIMD_ENABLED
        return xsimd::pow(x, B::broadcast(p));
#else
        return x;
#endif
    }
}

/// Lane-wise maximum; with a NaN lane the result is unspecified (use `maximum`).
template <class B>
inline B max(const B& a, const B& b) noexcept {
    if constexpr (detail::is_scalar_batch<B>) {
        return {std::max(a.value, b.value)};
    } else {
#if TMATH_SIMD_ENABLED
        return xsimd::max(a, b);
#else
        return a;
#endif
    }
}

/// Lane-wise minimum; with a NaN lane the result is unspecified (use `minimum`).
template <class B>
inline B min(const B& a, const B& b) noexcept {
    if constexpr (detail::is_scalar_batch<B>) {
        return {std::min(a.value, b.value)};
    } else {
#if TMATH_SIMD_ENABLED
        return xsimd::min(a, b);
#else
        return a;
#endif
    }
}

/// Lane-wise comparisons giving masks.
template <class B>
inline mask_of<B> eq(const B& a, const B& b) noexcept {
    if constexpr (detail::is_scalar_batch<B>) return a.value == b.value;
    else return a == b;
}
/// a != b per lane; true where either lane is NaN (as C++ and NumPy). xsimd 8's AVX and
/// AVX-512 `!=` on floating point compares ordered (false for NaN), so it is spelled as
/// the negation of `==` there.
template <class B>
inline mask_of<B> ne(const B& a, const B& b) noexcept {
    if constexpr (detail::is_scalar_batch<B>) return a.value != b.value;
    else if constexpr (std::is_floating_point_v<typename B::value_type>) return ~(a == b);
    else return a != b;
}
/// a < b per lane.
template <class B>
inline mask_of<B> lt(const B& a, const B& b) noexcept {
    if constexpr (detail::is_scalar_batch<B>) return a.value < b.value;
    else return a < b;
}
/// a <= b per lane.
template <class B>
inline mask_of<B> le(const B& a, const B& b) noexcept {
    if constexpr (detail::is_scalar_batch<B>) return a.value <= b.value;
    else return a <= b;
}
/// a > b per lane.
template <class B>
inline mask_of<B> gt(const B& a, const B& b) noexcept {
    if constexpr (detail::is_scalar_batch<B>) return a.value > b.value;
    else return a > b;
}
/// a >= b per lane.
template <class B>
inline mask_of<B> ge(const B& a, const B& b) noexcept {
    if constexpr (detail::is_scalar_batch<B>) return a.value >= b.value;
    else return a >= b;
}

/// `m ? a : b` per lane.
template <class B>
inline B select(const mask_of<B>& m, const B& a, const B& b) noexcept {
    if constexpr (detail::is_scalar_batch<B>) {
        return m ? a : b;
    } else {
#if TMATH_SIMD_ENABLED
#if XSIMD_VERSION_MAJOR < 9 && !defined(__OPTIMIZE__)
        // xsimd 8's AVX-512BW integer select does not compile without optimization
        // (its immediate-operand blends become macros): go lane by lane there.
        using T = typename B::value_type;
        if constexpr (std::is_integral_v<T>) {
            alignas(64) bool c[B::size];
            alignas(64) T x[B::size];
            alignas(64) T y[B::size];
            m.store_unaligned(c);
            a.store_unaligned(x);
            b.store_unaligned(y);
            for (std::size_t k = 0; k < B::size; ++k) x[k] = c[k] ? x[k] : y[k];
            return B::load_unaligned(x);
        } else {
            return xsimd::select(m, a, b);
        }
#else
        return xsimd::select(m, a, b);
#endif
#else
        return a;
#endif
    }
}

/// True per lane where x is NaN (always false for integers).
template <class B>
inline mask_of<B> isnan(const B& x) noexcept {
    return ne(x, x);
}

/// NumPy's `maximum`: lane-wise maximum that propagates NaN from either side.
template <class B>
inline B maximum(const B& a, const B& b) noexcept {
    if constexpr (std::is_floating_point_v<typename B::value_type>)
        return select(isnan(a), a, select(isnan(b), b, max(a, b)));
    else
        return max(a, b);
}

/// NumPy's `minimum`: lane-wise minimum that propagates NaN from either side.
template <class B>
inline B minimum(const B& a, const B& b) noexcept {
    if constexpr (std::is_floating_point_v<typename B::value_type>)
        return select(isnan(a), a, select(isnan(b), b, min(a, b)));
    else
        return min(a, b);
}

}  // namespace tmath::simd

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
