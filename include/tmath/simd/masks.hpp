#pragma once
/// @file masks.hpp
/// Masks of `simd::batch<T>` as memory and between element types: `store_mask` /
/// `load_mask` (one bool per lane) and `convert_mask` (the lanes of a mask of one
/// element type as a mask of another with as many lanes).

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "tmath/config.hpp"
#include "tmath/simd/bits.hpp"
#include "tmath/simd/math.hpp"
#include "tmath/simd/simd.hpp"

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
// convert_mask compares register types such as __m256 as template arguments, whose
// vector attributes GCC reports as ignored there (the comparison is what is meant).
#pragma GCC diagnostic ignored "-Wignored-attributes"
#endif

namespace tmath::inline TMATH_ABI_NAMESPACE::simd {

/// Writes the lanes of mask `m` of `batch<T>` as `width<T>` bools at `out`.
template <class T>
inline void store_mask(bool* out, const mask<T>& m) noexcept {
#if TMATH_SIMD_ENABLED
    if constexpr (!has_native_batch<T>) *out = m;
    else m.store_unaligned(out);
#else
    // mask<T> is plain bool here, so `m.store_unaligned` would not even parse for clang.
    *out = m;
#endif
}

/// The mask of `batch<T>` whose lanes are the `width<T>` bools at `in`.
template <class T>
inline mask<T> load_mask(const bool* in) noexcept {
#if TMATH_SIMD_ENABLED
    if constexpr (has_native_batch<T>) {
        // Widen the bytes to lanes holding the bits of T(0) or T(1) (an integer loop the
        // compiler vectorizes), then compare: xsimd's batch_bool loads go lane by lane.
        using B = batch<T>;
        using U = std::conditional_t<sizeof(T) == 8, std::uint64_t, std::uint32_t>;
        static_assert(sizeof(U) == sizeof(T));
        const U one = std::bit_cast<U>(T(1));
        alignas(64) U bits[B::size];
        const auto* bytes = reinterpret_cast<const unsigned char*>(in);
        for (std::size_t k = 0; k < B::size; ++k) bits[k] = static_cast<U>(bytes[k]) * one;
        alignas(64) T lanes[B::size];
        std::memcpy(lanes, bits, sizeof(lanes));
        return B::load_aligned(lanes) != B::broadcast(T(0));
    } else {
        return *in;
    }
#else
    return *in;
#endif
}

/// The mask of `batch<To>` with the lanes of mask `m` of `batch<From>`, when both have
/// the same number of lanes. Lanes of one size (float and int32, double and int64) keep
/// their register: AVX-512's mask registers are the same type for both, and the vector
/// masks of SSE, AVX and NEON are all-ones lanes, reinterpreted. Other pairs go through
/// bools, lane by lane.
template <class To, class From>
inline mask<To> convert_mask(const mask<From>& m) noexcept {
    if constexpr (std::is_same_v<To, From>) {
        return m;
    } else {
        static_assert(width<To> == width<From>, "convert_mask needs equal lane counts");
#if TMATH_SIMD_ENABLED
        if constexpr (has_native_batch<To> && has_native_batch<From> && sizeof(To) == sizeof(From)) {
            using from_register = typename mask<From>::register_type;
            using to_register = typename mask<To>::register_type;
            const from_register r = m;
            if constexpr (std::is_same_v<from_register, to_register>) {
                return mask<To>(r);
            } else if constexpr (std::is_same_v<from_register, typename batch<From>::register_type> &&
                                 std::is_same_v<to_register, typename batch<To>::register_type>) {
                return mask<To>(static_cast<to_register>(bits_as<To>(batch<From>(r))));
            }
        }
#endif
        alignas(64) bool tmp[width<From>];
        store_mask<From>(tmp, m);
        return load_mask<To>(tmp);
    }
}

}  // namespace tmath::simd

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
