#pragma once
/// @file batch_read.hpp
/// What every evaluator shares about reading batches: the type-converting read (lane by
/// lane into a batch) and whether an evaluator reads half-width batches.

#include <cstddef>
#include <type_traits>

#include "tmath/config.hpp"
#include "tmath/simd/simd.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::detail {

/// Reads `width<V>` elements through `read(k)` into a batch of V (the type-converting path).
template <class V, class R>
inline simd::batch<V> batch_from_scalars(R&& read) noexcept {
    alignas(TMATH_ALIGNMENT) V tmp[simd::width<V>];
    for (std::size_t k = 0; k < simd::width<V>; ++k) tmp[k] = read(k);
    return simd::batch<V>::load_aligned(tmp);
}

/// The `width<V>` elements at `p` as a batch of V: one load, or converted one by one.
template <class V, class T>
inline simd::batch<V> load_as(const T* p) noexcept {
    if constexpr (std::is_same_v<V, T>) return simd::load(p);
    else return batch_from_scalars<V>([&](std::size_t k) { return static_cast<V>(p[k]); });
}

/// True when evaluator Ev reads as half-width batches of V (contiguous_half_width<V>).
template <class Ev, class V>
inline constexpr bool reads_half_width = [] {
    if constexpr (requires { Ev::template half_width<V>; }) return Ev::template half_width<V>;
    else return false;
}();

}  // namespace tmath::detail
