#pragma once
/// @file distributions.hpp
/// Tensors of random values from a `random::generator`, filled on SIMD batches:
/// `uniform`, `normal` (float, double) and `bernoulli` (bool). Shapes are a braced list
/// `{2, 3}` or any range of integers, as for `zeros`.
///
/// Reproducibility: the values are exact functions of the stream words (transforms.hpp),
/// the same bits with gcc and clang, every SIMD width and none (x86-64, AArch64).
/// `uniform` takes 1 word a float and 2 a double, `bernoulli` 1 a value: n values take
/// exactly the next n (2n) words, so the first k values of a fill equal a fill of k
/// values from the same state, and two fills in a row equal one. `normal` takes words in
/// blocks of 32 values (32 words for float, 64 for double) and uses up the whole block
/// of its last value: a fill of k values still equals the first k of a longer one.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <sstream>
#include <stdexcept>
#include <string>
#include <type_traits>

#include "tmath/config.hpp"
#include "tmath/containers/factories.hpp"
#include "tmath/containers/tensor.hpp"
#include "tmath/core/range_access.hpp"
#include "tmath/random/engine.hpp"
#include "tmath/random/transforms.hpp"
#include "tmath/simd/bits.hpp"
#include "tmath/simd/masks.hpp"
#include "tmath/simd/math.hpp"
#include "tmath/simd/simd.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::random {

namespace detail {

/// Fills `out[0..n)` block by block: `block(words, dst)` writes `Values` values to `dst`
/// from the `Words` stream words at `words`. With `whole`, a last partial block takes
/// all its words; else the fill takes `n * Words / Values` words exactly.
template <class T, std::size_t Values, std::size_t Words, class F>
void fill_blocks(generator& g, T* out, std::size_t n, bool whole, F block) {
    constexpr std::size_t chunk_blocks = Words >= 2048 ? 1 : 2048 / Words;
    alignas(64) std::uint32_t words[chunk_blocks * Words];
    while (n > 0) {
        const std::size_t blocks = std::min(chunk_blocks, (n + Values - 1) / Values);
        const std::size_t count = std::min(n, blocks * Values);
        const std::size_t drawn = whole ? blocks * Words : count * Words / Values;
        g.fill(words, drawn);
        std::fill(words + drawn, words + blocks * Words, 0u);  // lanes past the end
        std::size_t b = 0;
        for (; (b + 1) * Values <= count; ++b) block(words + b * Words, out + b * Values);
        if (b * Values < count) {
            alignas(64) T tail[Values];
            block(words + b * Words, tail);
            std::copy(tail, tail + (count - b * Values), out + b * Values);
        }
        out += count;
        n -= count;
    }
}

template <class T>
std::string str(T v) {
    std::ostringstream s;
    s << v;
    return s.str();
}

template <class T>
constexpr void check_floating() {
    static_assert(std::is_same_v<T, float> || std::is_same_v<T, double>, "random values of float or double");
}

/// Shapes as in the factories.
template <class T, class S>
tensor<T> shaped(const S& shape) {
    return tmath::empty<T>(shape);
}

}  // namespace detail

/// Uniform values in [lo, hi): `lo + (hi - lo) * u`, u in [0, 1) of 24 (float) or 53
/// (double) random bits (rounding can give hi itself when the range is wide).
/// std::invalid_argument when lo > hi or the range is not finite.
template <class T = double, std::ranges::input_range S>
tensor<T> uniform(const S& shape, T lo, T hi, generator& g) {
    detail::check_floating<T>();
    if (!(lo <= hi) || !std::isfinite(hi - lo))
        throw std::invalid_argument("uniform: need finite low <= high, got low=" + detail::str(lo) +
                                    ", high=" + detail::str(hi));
    tensor<T> t = detail::shaped<T>(shape);
    using B = simd::batch<T>;
    constexpr std::size_t w = simd::width<T>;
    constexpr std::size_t words = w * random::detail::fp_traits<T>::words;
    const B base = B::broadcast(lo);
    const B scale = B::broadcast(hi - lo);
    detail::fill_blocks<T, w, words>(g, t.data(), t.size(), false, [&](const std::uint32_t* in, T* out) {
        const B u = detail::unit<T>(detail::load_uints<T>(in), false);
        (base + simd::no_contract(u * scale)).store_unaligned(out);
    });
    return t;
}
/// Uniform values in [lo, hi) of shape `{d0, d1, ...}`.
template <class T = double>
tensor<T> uniform(std::initializer_list<std::size_t> shape, T lo, T hi, generator& g) {
    return uniform<T, std::initializer_list<std::size_t>>(shape, lo, hi, g);
}

/// Normal values `mean + stddev * z`, z standard normal by Box-Muller (transforms.hpp).
/// std::invalid_argument when stddev < 0 or is NaN.
template <class T = double, std::ranges::input_range S>
tensor<T> normal(const S& shape, T mean, T stddev, generator& g) {
    detail::check_floating<T>();
    if (!(stddev >= 0))
        throw std::invalid_argument("normal: stddev must be >= 0, got stddev=" + detail::str(stddev));
    tensor<T> t = detail::shaped<T>(shape);
    using B = simd::batch<T>;
    constexpr std::size_t block = detail::normal_block;
    constexpr std::size_t words = block * random::detail::fp_traits<T>::words;
    const bool standard = mean == T(0) && stddev == T(1);
    const B m = B::broadcast(mean);
    const B s = B::broadcast(stddev);
    detail::fill_blocks<T, block, words>(g, t.data(), t.size(), true, [&](const std::uint32_t* in, T* out) {
        detail::normal_values<T>(in, out);
        if (!standard)
            for (std::size_t k = 0; k < block; k += simd::width<T>)
                (m + simd::no_contract(s * B::load_unaligned(out + k))).store_unaligned(out + k);
    });
    return t;
}
/// Normal values of shape `{d0, d1, ...}`.
template <class T = double>
tensor<T> normal(std::initializer_list<std::size_t> shape, T mean, T stddev, generator& g) {
    return normal<T, std::initializer_list<std::size_t>>(shape, mean, stddev, g);
}

/// Booleans that are true with probability p (to 2^-31: true when the word's top 31
/// bits are below floor(p 2^31); always true for p = 1). One word a value.
/// std::invalid_argument when p is outside [0, 1].
template <std::ranges::input_range S>
tensor<bool> bernoulli(const S& shape, double p, generator& g) {
    if (!(p >= 0 && p <= 1))
        throw std::invalid_argument("bernoulli: p must be in [0, 1], got p=" + detail::str(p));
    tensor<bool> t = detail::shaped<bool>(shape);
    using B = simd::batch<std::uint32_t>;
    constexpr std::size_t w = simd::width<std::uint32_t>;
    // Both sides below 2^31: the comparison is the same signed or unsigned.
    const auto limit = static_cast<std::uint32_t>(std::ldexp(p, 31));
    const bool all = p == 1;
    const B lim = B::broadcast(limit);
    detail::fill_blocks<bool, w, w>(g, t.data(), t.size(), false, [&](const std::uint32_t* in, bool* out) {
        if (all) {
            std::fill(out, out + w, true);
        } else {
            const B x = B::load_unaligned(in) >> 1;
            simd::store_mask<std::uint32_t>(out, simd::lt(x, lim));
        }
    });
    return t;
}
/// Booleans of shape `{d0, d1, ...}`, true with probability p.
inline tensor<bool> bernoulli(std::initializer_list<std::size_t> shape, double p, generator& g) {
    return bernoulli<std::initializer_list<std::size_t>>(shape, p, g);
}

}  // namespace tmath::random
