#pragma once
/// @file engine.hpp
/// `random::generator`: a seedable stream of 32-bit words from the counter-based
/// Philox4x32-10 engine (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3",
/// SC11; the reference is Random123). A counter-based engine computes any block of the
/// stream from its index alone, so SIMD lanes compute consecutive blocks side by side
/// and the stream is the same for every SIMD width, compiler and standard library.
///
/// The stream: the 64-bit seed is the key (low word first); block i is
/// `philox4x32({lo32(i), hi32(i), 0, 0}, key)`, four words. Blocks go in groups of 16
/// (block 16g + j, j < 16): word w of block j of group g is word 64g + 16w + j of the
/// stream, so one SIMD store writes word w of several consecutive blocks.

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>

#include "tmath/config.hpp"
#include "tmath/simd/bits.hpp"
#include "tmath/simd/simd.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::random {

namespace detail {
inline constexpr std::uint32_t philox_m0 = 0xD2511F53u;
inline constexpr std::uint32_t philox_m1 = 0xCD9E8D57u;
inline constexpr std::uint32_t philox_w0 = 0x9E3779B9u;
inline constexpr std::uint32_t philox_w1 = 0xBB67AE85u;
/// Blocks of a group and words of a group of the stream.
inline constexpr std::size_t group_blocks = 16;
inline constexpr std::size_t group_words = 4 * group_blocks;
}  // namespace detail

/// Philox4x32-10 of one 128-bit counter under a 64-bit key (the Random123 function).
inline std::array<std::uint32_t, 4> philox4x32(std::array<std::uint32_t, 4> ctr,
                                               std::array<std::uint32_t, 2> key) noexcept {
    for (int round = 0; round < 10; ++round) {
        if (round > 0) {
            key[0] += detail::philox_w0;
            key[1] += detail::philox_w1;
        }
        const std::uint64_t p0 = std::uint64_t{detail::philox_m0} * ctr[0];
        const std::uint64_t p1 = std::uint64_t{detail::philox_m1} * ctr[2];
        ctr = {static_cast<std::uint32_t>(p1 >> 32) ^ ctr[1] ^ key[0], static_cast<std::uint32_t>(p1),
               static_cast<std::uint32_t>(p0 >> 32) ^ ctr[3] ^ key[1], static_cast<std::uint32_t>(p0)};
    }
    return ctr;
}

namespace detail {
/// Writes the 64 words of group `group` of the stream under `key` to `out`.
inline void philox_group(std::uint64_t group, std::array<std::uint32_t, 2> key, std::uint32_t* out) noexcept {
    using B = simd::batch<std::uint32_t>;
    constexpr std::size_t w = B::size;
    static_assert(group_blocks % w == 0, "a group holds whole batches of blocks");
    alignas(64) static constexpr std::uint32_t iota[group_blocks] = {0, 1, 2,  3,  4,  5,  6,  7,
                                                                     8, 9, 10, 11, 12, 13, 14, 15};
    const std::uint64_t first = group * group_blocks;  // a multiple of 16: no carry below
    for (std::size_t j = 0; j < group_blocks; j += w) {
        B c0 = B::broadcast(static_cast<std::uint32_t>(first)) + B::load_aligned(iota + j);
        B c1 = B::broadcast(static_cast<std::uint32_t>(first >> 32));
        B c2 = B::broadcast(0u);
        B c3 = B::broadcast(0u);
        std::uint32_t k0 = key[0];
        std::uint32_t k1 = key[1];
        for (int round = 0; round < 10; ++round) {
            if (round > 0) {
                k0 += philox_w0;
                k1 += philox_w1;
            }
            B hi0, lo0, hi1, lo1;
            simd::mul_hilo(c0, philox_m0, hi0, lo0);
            simd::mul_hilo(c2, philox_m1, hi1, lo1);
            c0 = hi1 ^ c1 ^ B::broadcast(k0);
            c2 = hi0 ^ c3 ^ B::broadcast(k1);
            c1 = lo1;
            c3 = lo0;
        }
        c0.store_unaligned(out + j);
        c1.store_unaligned(out + group_blocks + j);
        c2.store_unaligned(out + 2 * group_blocks + j);
        c3.store_unaligned(out + 3 * group_blocks + j);
    }
}
}  // namespace detail

/// A seedable stream of 32-bit random words (see the file comment for its definition),
/// usable as a UniformRandomBitGenerator (`std::shuffle(first, last, gen)`).
/// `random::generator g(42);` The same seed gives the same words everywhere.
class generator {
public:
    using result_type = std::uint32_t;

    /// The stream of `seed`, from its first word.
    explicit generator(std::uint64_t seed = 0) noexcept { this->seed(seed); }

    /// Restarts at the first word of the stream of `seed`.
    void seed(std::uint64_t seed) noexcept {
        m_key = {static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)};
        m_position = 0;
        m_cached = no_group;
    }

    /// Smallest word.
    static constexpr result_type min() noexcept { return 0; }
    /// Largest word.
    static constexpr result_type max() noexcept { return std::numeric_limits<result_type>::max(); }

    /// The next word.
    result_type operator()() noexcept {
        const std::uint64_t group = m_position / detail::group_words;
        if (group != m_cached) cache(group);
        return m_cache[m_position++ % detail::group_words];
    }

    /// Writes the next `n` words to `out`.
    void fill(std::uint32_t* out, std::size_t n) noexcept {
        while (n > 0) {
            const std::size_t offset = m_position % detail::group_words;
            if (offset == 0 && n >= detail::group_words) {
                detail::philox_group(m_position / detail::group_words, m_key, out);
                m_position += detail::group_words;
                out += detail::group_words;
                n -= detail::group_words;
                continue;
            }
            const std::uint64_t group = m_position / detail::group_words;
            if (group != m_cached) cache(group);
            const std::size_t k = std::min(n, detail::group_words - offset);
            std::memcpy(out, m_cache.data() + offset, k * sizeof(std::uint32_t));
            m_position += k;
            out += k;
            n -= k;
        }
    }

    /// Skips `n` words.
    void discard(std::uint64_t n) noexcept { m_position += n; }
    /// Index of the next word in the stream.
    std::uint64_t position() const noexcept { return m_position; }
    /// Moves to word `index` of the stream (back or forth).
    void set_position(std::uint64_t index) noexcept { m_position = index; }
    /// The key: the seed's low and high 32 bits.
    std::array<std::uint32_t, 2> key() const noexcept { return m_key; }

    /// Same seed and same position.
    friend bool operator==(const generator& a, const generator& b) noexcept {
        return a.m_key == b.m_key && a.m_position == b.m_position;
    }

private:
    static constexpr std::uint64_t no_group = std::numeric_limits<std::uint64_t>::max();

    void cache(std::uint64_t group) noexcept {
        detail::philox_group(group, m_key, m_cache.data());
        m_cached = group;
    }

    alignas(64) std::array<std::uint32_t, detail::group_words> m_cache{};
    std::array<std::uint32_t, 2> m_key{};
    std::uint64_t m_position = 0;
    std::uint64_t m_cached = no_group;
};

}  // namespace tmath::random
