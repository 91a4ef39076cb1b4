#pragma once
/// @file bits.hpp
/// Integer and bit-level batch operations for the random number engine and its
/// transforms: the 32x32 -> 64-bit product of unsigned lanes split into high and low
/// halves, bit casts between lane types, the bit operators for the one-lane stand-in,
/// conversions of small integers to floating point, and `no_contract`, which keeps the
/// compiler from fusing a product into a following addition (FMA contraction).
/// Every function answers the same for xsimd batches and for the scalar stand-in.

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "tmath/config.hpp"
#include "tmath/simd/simd.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::simd {

/// Bitwise operators of the one-lane stand-in, for integer lanes.
template <class T>
    requires std::is_integral_v<T>
inline scalar_batch<T> operator&(scalar_batch<T> a, scalar_batch<T> b) noexcept {
    return {static_cast<T>(a.value & b.value)};
}
template <class T>
    requires std::is_integral_v<T>
inline scalar_batch<T> operator|(scalar_batch<T> a, scalar_batch<T> b) noexcept {
    return {static_cast<T>(a.value | b.value)};
}
template <class T>
    requires std::is_integral_v<T>
inline scalar_batch<T> operator^(scalar_batch<T> a, scalar_batch<T> b) noexcept {
    return {static_cast<T>(a.value ^ b.value)};
}
template <class T>
    requires std::is_integral_v<T>
inline scalar_batch<T> operator>>(scalar_batch<T> a, int n) noexcept {
    return {static_cast<T>(a.value >> n)};
}
template <class T>
    requires std::is_integral_v<T>
inline scalar_batch<T> operator<<(scalar_batch<T> a, int n) noexcept {
    return {static_cast<T>(a.value << n)};
}

/// The lanes of `x` reinterpreted as lanes of type `To` of the same size.
template <class To, class B>
inline batch<To> bits_as(const B& x) noexcept {
    using From = typename B::value_type;
    static_assert(sizeof(To) == sizeof(From), "bits_as keeps the lane size");
    if constexpr (!has_native_batch<From>) {
        return {std::bit_cast<To>(x.value)};
    } else {
#if TMATH_SIMD_ENABLED
#if XSIMD_VERSION_MAJOR < 11
        return xsimd::bitwise_cast<xsimd::batch<To, arch>>(x);
#else
        return xsimd::bitwise_cast<To>(x);
#endif
#endif
    }
}

/// Converts signed integer lanes to floating point of the same size. Exact for
/// magnitudes below 2^24 (float) or 2^53 (double), the only ones tmath converts.
template <class F, class B>
inline batch<F> to_floating(const B& x) noexcept {
    using I = typename B::value_type;
    static_assert(sizeof(F) == sizeof(I) && std::is_signed_v<I>);
    if constexpr (!has_native_batch<I>) {
        return {static_cast<F>(x.value)};
    } else {
#if TMATH_SIMD_ENABLED
        return xsimd::batch_cast<F>(x);
#endif
    }
}

/// The high and low 32 bits of the 64-bit products of the lanes of `a` with `m`.
template <class B>
inline void mul_hilo(const B& a, std::uint32_t m, B& hi, B& lo) noexcept {
    static_assert(std::is_same_v<typename B::value_type, std::uint32_t>);
    if constexpr (!has_native_batch<std::uint32_t>) {
        const std::uint64_t p = std::uint64_t{a.value} * m;
        hi = {static_cast<std::uint32_t>(p >> 32)};
        lo = {static_cast<std::uint32_t>(p)};
    } else {
#if TMATH_SIMD_ENABLED
        using reg = typename B::register_type;
        const reg x = a;
        // The even lanes multiply in place, the odd ones after a shift down by 32 bits;
        // both give 64-bit products whose halves are put back into their lanes.
#if defined(__AVX512F__)
        if constexpr (sizeof(reg) == 64) {
            const __m512i mm = _mm512_set1_epi32(static_cast<int>(m));
            const __m512i low = _mm512_set1_epi64(0xffffffffLL);
            const __m512i even = _mm512_mul_epu32(x, mm);
            const __m512i odd = _mm512_mul_epu32(_mm512_srli_epi64(x, 32), mm);
            hi = B(_mm512_or_si512(_mm512_srli_epi64(even, 32), _mm512_andnot_si512(low, odd)));
            lo = B(_mm512_or_si512(_mm512_and_si512(even, low), _mm512_slli_epi64(odd, 32)));
            return;
        }
#endif
#if defined(__AVX2__)
        if constexpr (sizeof(reg) == 32) {
            const __m256i mm = _mm256_set1_epi32(static_cast<int>(m));
            const __m256i low = _mm256_set1_epi64x(0xffffffffLL);
            const __m256i even = _mm256_mul_epu32(x, mm);
            const __m256i odd = _mm256_mul_epu32(_mm256_srli_epi64(x, 32), mm);
            hi = B(_mm256_or_si256(_mm256_srli_epi64(even, 32), _mm256_andnot_si256(low, odd)));
            lo = B(_mm256_or_si256(_mm256_and_si256(even, low), _mm256_slli_epi64(odd, 32)));
            return;
        }
#endif
#if defined(__SSE2__)
        if constexpr (sizeof(reg) == 16) {
            const __m128i mm = _mm_set1_epi32(static_cast<int>(m));
            const __m128i low = _mm_set1_epi64x(0xffffffffLL);
            const __m128i even = _mm_mul_epu32(x, mm);
            const __m128i odd = _mm_mul_epu32(_mm_srli_epi64(x, 32), mm);
            hi = B(_mm_or_si128(_mm_srli_epi64(even, 32), _mm_andnot_si128(low, odd)));
            lo = B(_mm_or_si128(_mm_and_si128(even, low), _mm_slli_epi64(odd, 32)));
            return;
        }
#endif
#if defined(__aarch64__)
        if constexpr (sizeof(reg) == 16) {
            const uint32x2_t mm = vdup_n_u32(m);
            const uint32x4_t p01 = vreinterpretq_u32_u64(vmull_u32(vget_low_u32(x), mm));
            const uint32x4_t p23 = vreinterpretq_u32_u64(vmull_u32(vget_high_u32(x), mm));
            hi = B(vuzp2q_u32(p01, p23));
            lo = B(vuzp1q_u32(p01, p23));
            return;
        }
#endif
        // Any other architecture: lane by lane.
        alignas(64) std::uint32_t v[B::size];
        alignas(64) std::uint32_t h[B::size];
        a.store_unaligned(v);
        for (std::size_t k = 0; k < B::size; ++k) {
            const std::uint64_t p = std::uint64_t{v[k]} * m;
            h[k] = static_cast<std::uint32_t>(p >> 32);
            v[k] = static_cast<std::uint32_t>(p);
        }
        hi = B::load_unaligned(h);
        lo = B::load_unaligned(v);
#endif
    }
}

/// True when some lane of `a` is below `t` (unsigned comparison).
template <class B>
inline bool any_below(const B& a, std::uint32_t t) noexcept {
    static_assert(std::is_same_v<typename B::value_type, std::uint32_t>);
    if constexpr (!has_native_batch<std::uint32_t>) {
        return a.value < t;
    } else {
#if TMATH_SIMD_ENABLED
        // Flipping the top bit turns the unsigned order into the signed one.
        const B flip = B::broadcast(0x80000000u);
        const batch<std::int32_t> x = bits_as<std::int32_t>(a ^ flip);
        const auto y = batch<std::int32_t>::broadcast(static_cast<std::int32_t>(t ^ 0x80000000u));
        return xsimd::any(x < y);
#endif
    }
}

/// `x`, with the compiler unable to see how it was computed: a product passed through
/// `no_contract` is rounded before it is added to anything, so gcc (whose default in
/// GNU modes is -ffp-contract=fast) and clang give the same bits with and without FMA
/// instructions. An empty inline assembly statement on x86-64 and AArch64 (GCC and
/// Clang); the value itself elsewhere.
template <class B>
inline B no_contract(B x) noexcept {
#if defined(__GNUC__) && (defined(__x86_64__) || defined(__aarch64__))
    if constexpr (!has_native_batch<typename B::value_type>) {
#if defined(__x86_64__)
        __asm__("" : "+x"(x.value));
#else
        __asm__("" : "+w"(x.value));
#endif
    } else {
#if TMATH_SIMD_ENABLED
        typename B::register_type r = x;
#if defined(__x86_64__)
        __asm__("" : "+v"(r));
#else
        __asm__("" : "+w"(r));
#endif
        x = B(r);
#endif
    }
#endif
    return x;
}

/// `a * b + c` with the product rounded first (never fused; see `no_contract`).
template <class B>
inline B mul_add(const B& a, const B& b, const B& c) noexcept {
    return no_contract(a * b) + c;
}

/// `width<std::uint64_t>` unsigned 64-bit lanes, lane k made of the 32-bit words
/// `p[2k]` (low half) and `p[2k + 1]` (high half).
inline batch<std::uint64_t> load_word_pairs(const std::uint32_t* p) noexcept {
    constexpr std::size_t n = width<std::uint64_t>;
    alignas(64) std::uint64_t v[n];
    std::memcpy(v, p, sizeof(v));
    if constexpr (std::endian::native == std::endian::big)
        for (auto& x : v) x = (x << 32) | (x >> 32);
    return batch<std::uint64_t>::load_aligned(v);
}

}  // namespace tmath::simd
