#pragma once
/// @file convert.hpp
/// Element type conversion with NumPy's truncation and defined edge cases, for one value
/// (`convert_value`) and for a batch into a batch of another type with as many lanes
/// (`convert`): floating point to integers truncates toward zero, NaN gives 0 and values
/// outside the integer's range saturate (where C++ leaves the conversion undefined);
/// anything to bool is `x != 0`; integers narrow modulo 2^N.

#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "tmath/config.hpp"
#include "tmath/simd/bits.hpp"
#include "tmath/simd/masks.hpp"
#include "tmath/simd/math.hpp"
#include "tmath/simd/simd.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::simd {

/// x converted to U by the rules above.
template <class U, class T>
inline U convert_value(T x) noexcept {
    if constexpr (std::is_same_v<U, bool>) {
        return x != T(0);
    } else if constexpr (std::is_floating_point_v<T> && std::integral<U>) {
        if (x != x) return U(0);
        // The range test in long double, where both limits (and the limits plus one,
        // the first values the truncation cannot bring back into range) are exact.
        constexpr auto lo = static_cast<long double>(std::numeric_limits<U>::lowest());
        constexpr auto hi = static_cast<long double>(std::numeric_limits<U>::max());
        const auto v = static_cast<long double>(x);
        if (v <= lo - 1.0L) return std::numeric_limits<U>::lowest();
        if (v >= hi + 1.0L) return std::numeric_limits<U>::max();
        return static_cast<U>(x);
    } else {
        return static_cast<U>(x);
    }
}

/// True when `convert<U>` of a `batch<T>` runs on vector instructions: same-size lanes
/// between floating point and signed integers (float and int32, double and int64).
template <class U, class T>
inline constexpr bool converts_natively =
    has_native_batch<U> && has_native_batch<T> && sizeof(U) == sizeof(T) && width<U> == width<T> &&
    ((std::is_floating_point_v<T> && std::is_integral_v<U> && std::is_signed_v<U>) ||
     (std::is_floating_point_v<U> && std::is_integral_v<T> && std::is_signed_v<T>));

/// The lanes of `x` converted to U by convert_value's rules (`width<U> == width<T>`).
template <class U, class B>
inline batch<U> convert(const B& x) noexcept {
    using T = typename B::value_type;
    static_assert(width<U> == width<T>, "convert keeps the lane count");
    if constexpr (converts_natively<U, T>) {
#if TMATH_SIMD_ENABLED
        if constexpr (std::is_floating_point_v<U>) {
            return xsimd::batch_cast<U>(x);  // integers to floating point: rounded, always defined
        } else {
            // Every lane is brought into U's range before the conversion (NaN to 0,
            // the rest clamped to [lowest, the largest T below 2^N]), so the conversion
            // is defined on every target (xsimd converts some pairs lane by lane in C++,
            // where an out-of-range value is undefined); lanes at or above 2^N then take
            // U's maximum.
            const T top = static_cast<T>(std::numeric_limits<U>::max());  // 2^N, rounded up
            const batch<T> lowest = batch<T>::broadcast(static_cast<T>(std::numeric_limits<U>::lowest()));
            const batch<T> highest = batch<T>::broadcast(std::nextafter(top, T(0)));
            const batch<T> zero = batch<T>::broadcast(T(0));
            // Qualified calls: argument-dependent lookup would pick xsimd's select, whose
            // AVX-512BW integer form does not compile without optimization in xsimd 8.
            const batch<T> y = simd::min(simd::max(simd::select(simd::isnan(x), zero, x), lowest), highest);
            const batch<U> r = xsimd::batch_cast<U>(y);
            return simd::select(simd::convert_mask<U, T>(simd::ge(x, batch<T>::broadcast(top))),
                                batch<U>::broadcast(std::numeric_limits<U>::max()), r);
        }
#else
        return batch<U>::broadcast(U(0));
#endif
    } else {
        alignas(64) T in[width<T>];
        alignas(64) U out[width<U>];
        x.store_unaligned(in);
        for (std::size_t k = 0; k < width<T>; ++k) out[k] = convert_value<U>(in[k]);
        return batch<U>::load_unaligned(out);
    }
}

}  // namespace tmath::simd
