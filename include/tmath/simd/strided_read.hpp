#pragma once
/// @file strided_read.hpp
/// Batches read at a fixed step (a step slice's row). A step of ±2 (every other element:
/// even or odd samples, real or imaginary parts) takes two loads and one cross-register
/// permute where the build has one (AVX2 or AVX-512, 4- and 8-byte elements); any other
/// step, and other builds, read lane by lane. The permutes are named directly: xsimd 8.1
/// has no cross-register shuffle. Gathers are not used: on processors with the Gather
/// Data Sampling mitigation they are slower than scalar loads (bench/README.md).

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "tmath/config.hpp"
#include "tmath/simd/simd.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::simd {

/// True when `strided_reader<T>` reads a step of ±2 with vector instructions in this build.
template <class T>
inline constexpr bool has_pair_read =
#if TMATH_SIMD_ENABLED && (defined(__AVX2__) || defined(__AVX512F__))
    has_native_batch<T> && (sizeof(T) == 4 || sizeof(T) == 8);
#else
    false;
#endif

/// Reads `width<T>` elements `step` apart into a batch. It reads exactly the span from
/// the first to the last element it returns, never beyond.
template <class T>
class strided_reader {
public:
    /// A reader of elements `step` apart.
    explicit strided_reader(std::ptrdiff_t step) noexcept : m_step(step) {
        if constexpr (has_pair_read<T>)
            if (step == 2 || step == -2) set_pair(step);
    }
    /// True when the step is read with vector instructions (has_pair_read and a step of ±2).
    bool vectorized() const noexcept { return m_pair; }
    /// The elements p[0], p[step], ..., p[(width - 1) * step].
    batch<T> operator()(const T* p) const noexcept {
        if constexpr (has_pair_read<T>)
            if (m_pair) return pair(p + m_low);
        alignas(TMATH_ALIGNMENT) T lanes[width<T>];
        for (std::size_t k = 0; k < width<T>; ++k) lanes[k] = p[static_cast<std::ptrdiff_t>(k) * m_step];
        return batch<T>::load_aligned(lanes);
    }

private:
    std::ptrdiff_t m_step;
    bool m_pair = false;       ///< a step of ±2 read by pair()
    std::ptrdiff_t m_low = 0;  ///< pair: offset of the lowest element read
#if TMATH_SIMD_ENABLED && (defined(__AVX2__) || defined(__AVX512F__))
    static constexpr std::size_t sub = sizeof(T) / 4;       ///< 32-bit lanes per element
    static constexpr std::size_t lanes32 = width<T> * sub;  ///< 32-bit lanes per register
#if defined(__AVX512F__)
    using ireg = __m512i;
    using freg = __m512;
#else
    using ireg = __m256i;
    using freg = __m256;
#endif
    ireg m_index{};       ///< the permute's 32-bit lane table (AVX2: for the low register)
    ireg m_high_index{};  ///< AVX2: the table for the high register
    ireg m_from_high{};   ///< AVX2: all ones in the 32-bit lanes taken from the high register

    static ireg load_table(const std::int32_t* table) noexcept {
        ireg r;
        std::memcpy(&r, table, sizeof r);
        return r;
    }
    static batch<T> to_batch(freg r) noexcept {
        typename batch<T>::register_type out;
        static_assert(sizeof out == sizeof r, "one register per batch");
        std::memcpy(&out, &r, sizeof out);
        return out;
    }
#endif

    /// The low register holds elements [0, w) of the span from p + m_low, the high one
    /// [w - 1, 2w - 1), which ends at the span's last element (2w - 2).
    void set_pair([[maybe_unused]] std::ptrdiff_t step) noexcept {
#if TMATH_SIMD_ENABLED && (defined(__AVX2__) || defined(__AVX512F__))
        constexpr auto w = static_cast<std::ptrdiff_t>(width<T>);
        m_pair = true;
        m_low = step > 0 ? 0 : -2 * (w - 1);
        alignas(64) std::int32_t low[lanes32], high[lanes32], from_high[lanes32];
        for (std::ptrdiff_t k = 0; k < w; ++k) {
            const std::ptrdiff_t e = k * step - m_low;  // element offset in the span
            const bool hi = e >= w;
            for (std::size_t h = 0; h < sub; ++h) {
                const auto r = static_cast<std::size_t>(k) * sub + h;
                const auto lane = static_cast<std::int32_t>(static_cast<std::size_t>(hi ? e - (w - 1) : e) * sub + h);
                from_high[r] = hi ? -1 : 0;
#if defined(__AVX512F__)
                low[r] = hi ? static_cast<std::int32_t>(lanes32) + lane : lane;  // one two-source table
                high[r] = 0;
#else
                low[r] = hi ? 0 : lane;
                high[r] = hi ? lane : 0;
#endif
            }
        }
        m_index = load_table(low);
        m_high_index = load_table(high);
        m_from_high = load_table(from_high);
#endif
    }
    batch<T> pair([[maybe_unused]] const T* q) const noexcept {
#if TMATH_SIMD_ENABLED && defined(__AVX512F__)
        const auto* lo = reinterpret_cast<const float*>(q);
        const auto* hi = reinterpret_cast<const float*>(q + width<T> - 1);
        return to_batch(_mm512_permutex2var_ps(_mm512_loadu_ps(lo), m_index, _mm512_loadu_ps(hi)));
#elif TMATH_SIMD_ENABLED && defined(__AVX2__)
        const auto* lo = reinterpret_cast<const float*>(q);
        const auto* hi = reinterpret_cast<const float*>(q + width<T> - 1);
        const __m256 a = _mm256_permutevar8x32_ps(_mm256_loadu_ps(lo), m_index);
        const __m256 b = _mm256_permutevar8x32_ps(_mm256_loadu_ps(hi), m_high_index);
        return to_batch(_mm256_blendv_ps(a, b, _mm256_castsi256_ps(m_from_high)));
#else
        return batch<T>{};  // not reached: m_pair is only set where the permutes exist
#endif
    }
};

}  // namespace tmath::simd
