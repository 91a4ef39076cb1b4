#pragma once
/// @file integers.hpp
/// Unbiased random integers from a `random::generator`: `integers(shape, lo, hi, gen)`
/// in [lo, hi), `permutation(n, gen)`, a shuffle of 0..n-1, and `permutation(x, gen)`,
/// a copy of x shuffled along axis 0.
///
/// A draw below `range` is Lemire's multiply-and-reject method ("Fast random integer
/// generation in an interval", 2019) on one stream word (range < 2^32: value = high
/// half of word * range, rejected while the low half is below 2^32 mod range) or on
/// two (v = low + 2^32 * high word; 128-bit product). Values are drawn one after the
/// other, each taking words until one is accepted; SIMD batches compute the draws of
/// several words at once and keep them when no lane is rejected, which gives the same
/// values and leaves the generator at the same word.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

#include "tmath/config.hpp"
#include "tmath/containers/factories.hpp"
#include "tmath/containers/tensor.hpp"
#include "tmath/core/concepts.hpp"
#include "tmath/core/range_access.hpp"
#include "tmath/random/engine.hpp"
#include "tmath/simd/bits.hpp"
#include "tmath/simd/simd.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::random {

namespace detail {

/// Stream words read ahead in chunks; the words it drew and did not hand out go back to
/// the generator when it is destroyed.
class word_reader {
public:
    /// A reader expecting to hand out about `expected` words.
    word_reader(generator& g, std::uint64_t expected) noexcept : m_gen(g), m_expected(expected) {}
    ~word_reader() { m_gen.set_position(m_gen.position() - (m_count - m_pos)); }
    word_reader(const word_reader&) = delete;
    word_reader& operator=(const word_reader&) = delete;

    /// The next word.
    std::uint32_t next() noexcept {
        if (m_pos == m_count) refill();
        return m_buffer[m_pos++];
    }
    /// The next two words as one 64-bit value, the first in the low half.
    std::uint64_t next64() noexcept {
        const std::uint64_t lo = next();
        return lo | (std::uint64_t{next()} << 32);
    }
    /// Words read ahead and not yet handed out, from `data()`.
    std::size_t available() const noexcept { return m_count - m_pos; }
    const std::uint32_t* data() const noexcept { return m_buffer + m_pos; }
    /// Hands out the next `k <= available()` words (read through `data()`).
    void advance(std::size_t k) noexcept { m_pos += k; }

private:
    static constexpr std::size_t capacity = 1024;
    void refill() noexcept {
        m_count = static_cast<std::size_t>(std::clamp<std::uint64_t>(m_expected, 64, capacity));
        m_expected -= std::min<std::uint64_t>(m_expected, m_count);
        m_gen.fill(m_buffer, m_count);
        m_pos = 0;
    }
    generator& m_gen;
    std::uint64_t m_expected;
    std::size_t m_pos = 0;
    std::size_t m_count = 0;
    alignas(64) std::uint32_t m_buffer[capacity];
};

/// Lemire's rejection threshold, 2^32 mod range (2^64 mod range for 64-bit draws).
template <class U>
constexpr U reject_below(U range) noexcept {
    return static_cast<U>(static_cast<U>(0 - range) % range);
}

/// A value in [0, range), 0 < range < 2^32, t = reject_below(range).
inline std::uint32_t bounded32(word_reader& r, std::uint32_t range, std::uint32_t t) noexcept {
    for (;;) {
        const std::uint64_t m = std::uint64_t{r.next()} * range;
        if (static_cast<std::uint32_t>(m) >= t) return static_cast<std::uint32_t>(m >> 32);
    }
}

/// High 64 bits of a * b; the low ones in `lo`.
constexpr std::uint64_t mul_hi64(std::uint64_t a, std::uint64_t b, std::uint64_t& lo) noexcept {
    const std::uint64_t a0 = a & 0xffffffffu, a1 = a >> 32, b0 = b & 0xffffffffu, b1 = b >> 32;
    const std::uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
    const std::uint64_t mid = (p00 >> 32) + (p01 & 0xffffffffu) + (p10 & 0xffffffffu);
    lo = (mid << 32) | (p00 & 0xffffffffu);
    return p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
}

/// A value in [0, range), range >= 2^32, t = reject_below(range).
inline std::uint64_t bounded64(word_reader& r, std::uint64_t range, std::uint64_t t) noexcept {
    for (;;) {
        std::uint64_t lo = 0;
        const std::uint64_t hi = mul_hi64(r.next64(), range, lo);
        if (lo >= t) return hi;
    }
}

/// A value in [0, range), range > 0.
inline std::uint64_t bounded(word_reader& r, std::uint64_t range) noexcept {
    if (range < (std::uint64_t{1} << 32)) {
        const auto r32 = static_cast<std::uint32_t>(range);
        return bounded32(r, r32, reject_below(r32));
    }
    return bounded64(r, range, reject_below(range));
}

}  // namespace detail

/// Integers in [lo, hi) (hi exclusive), every value equally likely (T any integer type).
/// std::invalid_argument "integers: low >= high" when lo >= hi.
template <class T = std::int64_t, std::ranges::input_range S>
tensor<T> integers(const S& shape, T lo, T hi, generator& g) {
    static_assert(std::is_integral_v<T> && !std::is_same_v<T, bool>, "integers of an integer type");
    if (!(lo < hi))
        throw std::invalid_argument("integers: low >= high (low=" + std::to_string(lo) + ", high=" + std::to_string(hi) +
                                    ")");
    tensor<T> t = tmath::empty<T>(shape);
    T* out = t.data();
    const std::size_t n = t.size();
    const auto base = static_cast<std::uint64_t>(lo);
    const std::uint64_t range = static_cast<std::uint64_t>(hi) - base;
    const auto value = [base](std::uint64_t offset) { return static_cast<T>(base + offset); };
    if (range >= (std::uint64_t{1} << 32)) {
        detail::word_reader r(g, 2 * std::uint64_t{n});
        const std::uint64_t reject = detail::reject_below(range);
        for (std::size_t i = 0; i < n; ++i) out[i] = value(detail::bounded64(r, range, reject));
        return t;
    }
    const auto r32 = static_cast<std::uint32_t>(range);
    const std::uint32_t reject = detail::reject_below(r32);
    using B = simd::batch<std::uint32_t>;
    constexpr std::size_t w = B::size;
    alignas(64) std::uint32_t offsets[w];
    detail::word_reader r(g, n);
    for (std::size_t i = 0; i < n;) {
        if (n - i >= w && r.available() >= w) {
            B hi_half, lo_half;
            simd::mul_hilo(B::load_unaligned(r.data()), r32, hi_half, lo_half);
            if (!simd::any_below(lo_half, reject)) {
                hi_half.store_unaligned(offsets);
                r.advance(w);
                for (std::size_t k = 0; k < w; ++k) out[i + k] = value(offsets[k]);
                i += w;
                continue;
            }
        }
        out[i++] = value(detail::bounded32(r, r32, reject));
    }
    return t;
}
/// Integers in [lo, hi) of shape `{d0, d1, ...}`.
template <class T = std::int64_t>
tensor<T> integers(std::initializer_list<std::size_t> shape, T lo, T hi, generator& g) {
    return integers<T, std::initializer_list<std::size_t>>(shape, lo, hi, g);
}

/// 0, 1, ..., n-1 in random order (Fisher-Yates from the last position down, each swap
/// partner an unbiased draw in [0, i]), as a 1-D tensor of int64.
inline tensor<std::int64_t> permutation(std::size_t n, generator& g) {
    tensor<std::int64_t> t = tmath::empty<std::int64_t>({n});
    std::int64_t* p = t.data();
    for (std::size_t i = 0; i < n; ++i) p[i] = static_cast<std::int64_t>(i);
    detail::word_reader r(g, n);
    for (std::size_t i = n; i-- > 1;) std::swap(p[i], p[detail::bounded(r, std::uint64_t{i} + 1)]);
    return t;
}

/// A copy of `x` (a tensor, view or expression of rank >= 1) with its slices along axis 0
/// in random order: slice i of the result is slice `permutation(n, g)[i]` of x, for the
/// same generator state. std::invalid_argument for rank 0.
template <tensor_expression X>
tensor<value_type_t<X>> permutation(const X& x, generator& g) {
    using T = value_type_t<X>;
    if (x.shape().size() == 0) throw std::invalid_argument("permutation: x must have rank >= 1, got rank 0");
    const tensor<T> in = tmath::eval(x);
    tensor<T> out = tmath::empty<T>(in.shape());
    const std::size_t n = in.shape()[0];
    const tensor<std::int64_t> order = permutation(n, g);
    const std::size_t row = n == 0 ? 0 : in.size() / n;
    for (std::size_t i = 0; i < n; ++i)
        std::copy_n(in.data() + static_cast<std::size_t>(order.data()[i]) * row, row, out.data() + i * row);
    return out;
}

}  // namespace tmath::random
