#pragma once
/// @file simd.hpp
/// The only place in tmath that names xsimd. It exposes `simd::batch<T>` (an xsimd
/// batch of the compile-time default architecture, or a one-lane scalar stand-in when
/// SIMD is unavailable or disabled with TMATH_NO_SIMD), loads, stores and a few shims
/// over the spellings that differ between xsimd 8.1 and 14.x. No xsimd type leaves
/// namespace tmath::simd, and none appears in tmath's public API.

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "tmath/config.hpp"

#if !defined(TMATH_NO_SIMD)
// GCC 12 reports AVX-512 intrinsics that start from `_mm512_undefined_*()` as reading
// uninitialized values wherever xsimd's out-of-line kernels (log, exp, ...) use them
// (false positive, GCC PR 105593): silence it for the headers' own code.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#if defined(__SSE2__) || defined(__AVX__) || defined(__AVX512F__)
#include <immintrin.h>
#endif
#if defined(__aarch64__)
#include <arm_neon.h>
#endif
#include <xsimd/xsimd.hpp>
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
#if defined(XSIMD_NO_SUPPORTED_ARCHITECTURE)
#define TMATH_SIMD_ENABLED 0
#else
#define TMATH_SIMD_ENABLED 1
#endif
#else
#define TMATH_SIMD_ENABLED 0
#endif

namespace tmath::inline TMATH_ABI_NAMESPACE::simd {

/// One-lane stand-in with the subset of the batch interface tmath uses.
template <class T>
struct scalar_batch {
    using value_type = T;
    static constexpr std::size_t size = 1;
    T value;

    static scalar_batch broadcast(T v) noexcept { return {v}; }
    static scalar_batch load_unaligned(const T* p) noexcept { return {*p}; }
    static scalar_batch load_aligned(const T* p) noexcept { return {*p}; }
    void store_unaligned(T* p) const noexcept { *p = value; }
    void store_aligned(T* p) const noexcept { *p = value; }
    T get(std::size_t) const noexcept { return value; }

    friend scalar_batch operator+(scalar_batch a, scalar_batch b) noexcept { return {static_cast<T>(a.value + b.value)}; }
    friend scalar_batch operator-(scalar_batch a, scalar_batch b) noexcept { return {static_cast<T>(a.value - b.value)}; }
    friend scalar_batch operator*(scalar_batch a, scalar_batch b) noexcept { return {static_cast<T>(a.value * b.value)}; }
    friend scalar_batch operator/(scalar_batch a, scalar_batch b) noexcept { return {static_cast<T>(a.value / b.value)}; }
    friend scalar_batch operator-(scalar_batch a) noexcept { return {static_cast<T>(-a.value)}; }
    friend scalar_batch operator&(scalar_batch a, scalar_batch b) noexcept
        requires std::is_integral_v<T>
    { return {static_cast<T>(a.value & b.value)}; }
    friend scalar_batch operator|(scalar_batch a, scalar_batch b) noexcept
        requires std::is_integral_v<T>
    { return {static_cast<T>(a.value | b.value)}; }
    friend scalar_batch operator^(scalar_batch a, scalar_batch b) noexcept
        requires std::is_integral_v<T>
    { return {static_cast<T>(a.value ^ b.value)}; }
    friend scalar_batch operator~(scalar_batch a) noexcept
        requires std::is_integral_v<T>
    {
        if constexpr (std::is_same_v<T, bool>) return {!a.value};
        else return {static_cast<T>(~a.value)};
    }
};

/// True when T has a native xsimd batch in this build.
template <class T>
inline constexpr bool has_native_batch =
#if TMATH_SIMD_ENABLED
    std::is_same_v<T, float> || std::is_same_v<T, double> || std::is_same_v<T, std::int32_t> ||
    std::is_same_v<T, std::int64_t> || std::is_same_v<T, std::uint32_t> || std::is_same_v<T, std::uint64_t>;
#else
    false;
#endif

#if TMATH_SIMD_ENABLED
/// The architecture tmath's kernels are compiled for.
using arch = xsimd::default_arch;
template <class T>
using batch = std::conditional_t<has_native_batch<T>, xsimd::batch<T, arch>, scalar_batch<T>>;
/// Alignment in bytes the architecture prefers for aligned loads.
inline constexpr std::size_t arch_alignment = arch::alignment();
/// xsimd's name of the architecture ("avx512bw", "fma3+avx2", "sse2", "neon64", ...).
inline constexpr const char* arch_name = arch::name();
#else
template <class T>
using batch = scalar_batch<T>;
inline constexpr std::size_t arch_alignment = alignof(std::max_align_t);
inline constexpr const char* arch_name = "scalar";
#endif

/// Lanes in `batch<T>`.
template <class T>
inline constexpr std::size_t width = batch<T>::size;

/// Bytes of one vector register of this build (of one float for the scalar stand-in).
inline constexpr std::size_t vector_bytes = sizeof(float) * width<float>;
/// Vector registers the compiler can allocate: 32 with AVX-512 and on AArch64, else 16
/// (x86-64 SSE2 / AVX / AVX2, and the scalar stand-in, which uses general registers).
inline constexpr std::size_t vector_registers =
#if TMATH_SIMD_ENABLED && (defined(__AVX512F__) || defined(__aarch64__))
    32;
#else
    16;
#endif

#if TMATH_SIMD_ENABLED && defined(__AVX512F__) && defined(__AVX2__)
/// The architecture of `half_batch` beside 512-bit registers: AVX2. Named rather than
/// found by width with xsimd's `make_sized_batch`, which takes the first supported
/// architecture of that width (`fma3<avx2>` in xsimd 8.1, AVX-VNNI or AVX-512VL ones in
/// newer releases), each another instruction mix than the one the tuning was measured with.
using half_arch = xsimd::avx2;
/// True when `half_batch<T>` is narrower than `batch<T>`: 512-bit registers beside
/// `half_arch`. False with 128-bit (SSE2, NEON) and 256-bit (AVX2) registers and for
/// the scalar stand-in.
inline constexpr bool has_half_batch = vector_bytes == 64;
/// A batch of half the width of `batch<T>` where the build has one (`has_half_batch`):
/// the element-wise loops past L1 run on it where the tuning record says so
/// (tuning::half_width_bytes). Elsewhere `batch<T>` itself.
template <class T>
using half_batch = std::conditional_t<has_native_batch<T> && has_half_batch, xsimd::batch<T, half_arch>, batch<T>>;
#else
inline constexpr bool has_half_batch = false;
template <class T>
using half_batch = batch<T>;
#endif
static_assert(!has_half_batch || 2 * sizeof(half_batch<float>) == vector_bytes, "half_batch is half a register");

/// Loads `width<T>` elements from possibly unaligned memory.
template <class T>
inline batch<T> load(const T* p) noexcept {
    return batch<T>::load_unaligned(p);
}
/// Stores a batch to possibly unaligned memory.
template <class T>
inline void store(T* p, const batch<T>& b) noexcept {
    b.store_unaligned(p);
}
/// True when `stream` writes around the caches in this build (x86 with SSE2 or better).
template <class T>
inline constexpr bool has_stream_store =
#if TMATH_SIMD_ENABLED && (defined(__SSE2__) || defined(__AVX__) || defined(__AVX512F__))
    has_native_batch<T>;
#else
    false;
#endif

/// Non-temporal store of a batch to memory aligned to `sizeof(batch<T>)` bytes: the line
/// is written to memory without first being read, which saves a third of the traffic of
/// an output that does not fit in cache. Falls back to a plain store. Call `stream_fence()`
/// after the last one.
template <class T>
inline void stream(T* p, const batch<T>& b) noexcept {
#if TMATH_SIMD_ENABLED && (defined(__SSE2__) || defined(__AVX__) || defined(__AVX512F__))
    if constexpr (has_native_batch<T>) {
        constexpr std::size_t bytes = sizeof(T) * width<T>;
        using reg = typename batch<T>::register_type;
        const reg r = b;
        if constexpr (bytes == 64) {
#if defined(__AVX512F__)
            if constexpr (std::is_same_v<T, float>) _mm512_stream_ps(p, r);
            else if constexpr (std::is_same_v<T, double>) _mm512_stream_pd(p, r);
            else _mm512_stream_si512(reinterpret_cast<__m512i*>(p), r);
            return;
#endif
        } else if constexpr (bytes == 32) {
#if defined(__AVX__)
            if constexpr (std::is_same_v<T, float>) _mm256_stream_ps(p, r);
            else if constexpr (std::is_same_v<T, double>) _mm256_stream_pd(p, r);
            else _mm256_stream_si256(reinterpret_cast<__m256i*>(p), r);
            return;
#endif
        } else if constexpr (bytes == 16) {
            if constexpr (std::is_same_v<T, float>) _mm_stream_ps(p, r);
            else if constexpr (std::is_same_v<T, double>) _mm_stream_pd(p, r);
            else _mm_stream_si128(reinterpret_cast<__m128i*>(p), r);
            return;
        }
    }
#endif
    b.store_unaligned(p);
}

/// Orders earlier non-temporal stores before later stores.
inline void stream_fence() noexcept {
#if TMATH_SIMD_ENABLED && (defined(__SSE2__) || defined(__AVX__) || defined(__AVX512F__))
    _mm_sfence();
#endif
}

/// A batch with every lane equal to `v`.
template <class T>
inline batch<T> splat(T v) noexcept {
    return batch<T>::broadcast(v);
}

/// Fused multiply-add `a * b + c` (a plain multiply-add for the scalar stand-in).
template <class B>
inline B fma(const B& a, const B& b, const B& c) noexcept {
#if TMATH_SIMD_ENABLED
    if constexpr (requires { xsimd::fma(a, b, c); }) return xsimd::fma(a, b, c);
    else return a * b + c;
#else
    return a * b + c;
#endif
}

namespace detail {
/// True for a batch of four floats in one AArch64 NEON register. xsimd (8.1 to 14.3)
/// divides such batches and takes their square roots with ARMv7's estimate-and-refine
/// sequences (vrecpe / vrsqrte and Newton steps): not correctly rounded, and the square
/// root of +inf is NaN. AArch64 has the IEEE instructions, which `div` and `sqrt` use.
template <class B>
inline constexpr bool is_neon_f32 = false;
#if TMATH_SIMD_ENABLED && defined(__aarch64__)
template <class A>
inline constexpr bool is_neon_f32<xsimd::batch<float, A>> =
    std::is_same_v<typename xsimd::batch<float, A>::register_type, float32x4_t>;
#endif
}  // namespace detail

/// `a / b` lane by lane, correctly rounded for floating point (call it for every
/// floating-point batch division: see detail::is_neon_f32). Integer batches divide
/// through floating point in xsimd: use `lanewise` for them.
template <class B>
inline B div(const B& a, const B& b) noexcept {
#if TMATH_SIMD_ENABLED && defined(__aarch64__)
    if constexpr (detail::is_neon_f32<B>) return B(vdivq_f32(a, b));
    else return a / b;
#else
    return a / b;
#endif
}

/// Sum of the lanes of a batch (`hadd` before xsimd 9, `reduce_add` from 9).
/// Call it qualified, `simd::reduce_add<T>(b)`: from xsimd 9 an unqualified call is
/// ambiguous with `xsimd::reduce_add`, found by argument-dependent lookup.
/// For double on AVX-512 both spellings inline `_mm512_extractf64x4_pd`, whose
/// `_mm256_undefined_pd()` trips GCC 12's -Wuninitialized / -Wmaybe-uninitialized
/// (false positive, GCC PR 105593), hence the pragmas around the definition.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
template <class T>
inline T reduce_add(const batch<T>& b) noexcept {
    if constexpr (!has_native_batch<T>) {
        return b.value;
    } else {
#if TMATH_SIMD_ENABLED
#if XSIMD_VERSION_MAJOR < 9
        return xsimd::hadd(b);
#else
        return xsimd::reduce_add(b);
#endif
#endif
    }
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

/// Applies a scalar function lane by lane (for operations with no SIMD instruction,
/// such as integer division).
template <class T, class F>
inline batch<T> lanewise(const batch<T>& a, const batch<T>& b, F f) noexcept {
    alignas(64) T x[width<T>];
    alignas(64) T y[width<T>];
    a.store_unaligned(x);
    b.store_unaligned(y);
    for (std::size_t i = 0; i < width<T>; ++i) x[i] = f(x[i], y[i]);
    return batch<T>::load_unaligned(x);
}

}  // namespace tmath::simd
