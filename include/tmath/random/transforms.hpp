#pragma once
/// @file transforms.hpp
/// Batch kernels that turn words of the random stream into uniform and normal values of
/// float or double: exact integer steps and IEEE basic operations only (+, -, *, /,
/// sqrt), every product rounded before it is added (`simd::mul_add`), so the values are
/// the same bits with gcc and clang, with and without FMA, on every SIMD width and
/// without SIMD (x86-64 and AArch64).
///
/// Uniform: float from one word, `(w >> 8) * 2^-24`; double from two, `(v >> 11) * 2^-53`
/// (v = low word + 2^32 * high word); both in [0, 1).
/// Normal: Box-Muller on blocks of 16 pairs. Of a block's 32 uniform inputs (u1 from
/// the first 16, u2 from the last 16; 24 or 53 bits each), pair k gives value k,
/// r cos(2 pi u2), and value k + 16, r sin(2 pi u2), with r = sqrt(-2 log u1) and
/// u1 = (bits + 1) * 2^-p in (0, 1]: |value| < 5.8 (float) or 8.6 (double).
/// log and sin/cos are polynomials of tmath's own, within a few ulp.

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "tmath/config.hpp"
#include "tmath/simd/bits.hpp"
#include "tmath/simd/math.hpp"
#include "tmath/simd/simd.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::random::detail {

/// The integer lanes and constants of the transforms for float and double.
template <class T>
struct fp_traits;

template <>
struct fp_traits<float> {
    using uint = std::uint32_t;
    using sint = std::int32_t;
    static constexpr int words = 1;                      // stream words per uint
    static constexpr int bits = 24;                      // random bits per uniform
    static constexpr int mantissa = 23;                  // stored mantissa bits
    static constexpr uint one = 0x3f800000u;             // 1.0
    static constexpr uint sqrt_half = 0x3f3504f3u;       // sqrt(0.5)
    static constexpr sint bias = 127;
    static constexpr float ulp = 0x1p-24f;               // 2^-bits
    static constexpr float ln2_hi = 0x1.62e4p-1f;        // ln 2, exact times |e| <= 24
    static constexpr float ln2_lo = 1.4286068203094172e-06f;
    static constexpr float two_pi = 6.28318530717958648f;
    // log(1 + f) = 2s + 2s z (1/3 + z/5 + ...), s = f / (2 + f), z = s^2 <= 0.0295.
    static constexpr float log_c[] = {1.f / 3, 1.f / 5, 1.f / 7, 1.f / 9, 1.f / 11};
    // sin x = x + x^3 (-1/3! + x^2/5! - ...), cos x = 1 + x^2 (-1/2! + x^2/4! - ...), |x| <= pi/4.
    static constexpr float sin_c[] = {-1.f / 6, 1.f / 120, -1.f / 5040, 1.f / 362880};
    static constexpr float cos_c[] = {-1.f / 2, 1.f / 24, -1.f / 720, 1.f / 40320, -1.f / 3628800};
};

template <>
struct fp_traits<double> {
    using uint = std::uint64_t;
    using sint = std::int64_t;
    static constexpr int words = 2;
    static constexpr int bits = 53;
    static constexpr int mantissa = 52;
    static constexpr uint one = 0x3ff0000000000000u;
    static constexpr uint sqrt_half = 0x3fe6a09e667f3bcdu;
    static constexpr sint bias = 1023;
    static constexpr double ulp = 0x1p-53;
    static constexpr double ln2_hi = 6.93147180369123816490e-01;  // exact times |e| <= 53
    static constexpr double ln2_lo = 1.90821492927058770002e-10;
    static constexpr double two_pi = 6.28318530717958647692528676655900577;
    static constexpr double log_c[] = {1. / 3,  1. / 5,  1. / 7,  1. / 9,  1. / 11, 1. / 13,
                                       1. / 15, 1. / 17, 1. / 19, 1. / 21, 1. / 23};
    static constexpr double sin_c[] = {-1. / 6,          1. / 120,           -1. / 5040,
                                       1. / 362880,      -1. / 39916800,     1. / 6227020800,
                                       -1. / 1307674368000, 1. / 355687428096000};
    static constexpr double cos_c[] = {-1. / 2,           1. / 24,             -1. / 720,
                                       1. / 40320,        -1. / 3628800,       1. / 479001600,
                                       -1. / 87178291200, 1. / 20922789888000};
};

/// One batch of unsigned lanes from the stream words at `p` (one or two words a lane).
template <class T>
inline simd::batch<typename fp_traits<T>::uint> load_uints(const std::uint32_t* p) noexcept {
    if constexpr (fp_traits<T>::words == 1) return simd::batch<std::uint32_t>::load_unaligned(p);
    else return simd::load_word_pairs(p);
}

/// The uniform values in (0, 1] (`plus_one`) or [0, 1) of the unsigned lanes `u`.
template <class T>
inline simd::batch<T> unit(const simd::batch<typename fp_traits<T>::uint>& u, bool plus_one) noexcept {
    using tr = fp_traits<T>;
    using S = typename tr::sint;
    auto k = u >> (8 * static_cast<int>(sizeof(T)) - tr::bits);
    if (plus_one) k = k + simd::batch<typename tr::uint>::broadcast(1);
    return simd::to_floating<T>(simd::bits_as<S>(k)) * simd::batch<T>::broadcast(tr::ulp);
}

/// `c[0] + z (c[1] + z (c[2] + ...))` with every product rounded.
template <class B, class C, std::size_t N>
inline B horner(const B& z, const C (&c)[N]) noexcept {
    B p = B::broadcast(c[N - 1]);
    for (std::size_t i = N - 1; i-- > 0;) p = simd::mul_add(p, z, B::broadcast(c[i]));
    return p;
}

/// Natural logarithm of lanes in (0, 1].
template <class T>
inline simd::batch<T> log_unit(const simd::batch<T>& x) noexcept {
    using tr = fp_traits<T>;
    using U = simd::batch<typename tr::uint>;
    using S = typename tr::sint;
    using B = simd::batch<T>;
    // x = 2^e m with m in [sqrt(1/2), sqrt(2)): shifting the bits by 1 - sqrt(1/2) moves
    // the exponent's boundary to sqrt(1/2).
    const U bits = simd::bits_as<typename tr::uint>(x) + U::broadcast(tr::one - tr::sqrt_half);
    const auto e = simd::bits_as<S>(bits >> tr::mantissa) - simd::batch<S>::broadcast(tr::bias);
    const U mbits = (bits & U::broadcast((typename tr::uint{1} << tr::mantissa) - 1)) + U::broadcast(tr::sqrt_half);
    const B one = B::broadcast(T(1));
    const B f = simd::bits_as<T>(mbits) - one;  // exact (Sterbenz)
    const B s = simd::div(f, B::broadcast(T(2)) + f);
    const B s2 = s + s;
    const B z = s * s;
    const B log1p = simd::mul_add(s2 * z, horner(z, tr::log_c), s2);
    const B ef = simd::to_floating<T>(e);
    return simd::mul_add(ef, B::broadcast(tr::ln2_hi), simd::mul_add(ef, B::broadcast(tr::ln2_lo), log1p));
}

/// Writes `2 * width<T>` normal values: `r cos` to `out[0..w)` and `r sin` to
/// `out[half..half + w)`, from u1 lanes `a` and u2 lanes `b`.
template <class T>
inline void box_muller(const simd::batch<typename fp_traits<T>::uint>& a,
                       const simd::batch<typename fp_traits<T>::uint>& b, T* out, std::size_t half) noexcept {
    using tr = fp_traits<T>;
    using uint = typename tr::uint;
    using U = simd::batch<uint>;
    using S = typename tr::sint;
    using B = simd::batch<T>;
    const B ln = log_unit<T>(unit<T>(a, true));
    const B r = simd::sqrt(B::broadcast(T(0)) - (ln + ln));
    // 2 pi u2 = q pi/2 + x with q = round(4 u2) in 0..4 and |x| <= pi/4, in exact integers.
    const U k = b >> (8 * static_cast<int>(sizeof(T)) - tr::bits);
    const U q = (k + U::broadcast(uint{1} << (tr::bits - 3))) >> (tr::bits - 2);
    const auto rem = simd::bits_as<S>(k) - simd::bits_as<S>(q << (tr::bits - 2));
    const B x = simd::to_floating<T>(rem) * B::broadcast(tr::ulp) * B::broadcast(tr::two_pi);
    const B x2 = x * x;
    const B sin_x = simd::mul_add(x * x2, horner(x2, tr::sin_c), x);
    const B cos_x = simd::mul_add(x2, horner(x2, tr::cos_c), B::broadcast(T(1)));
    // Odd quadrants swap sin and cos; cos is negative in quadrants 1, 2, sin in 2, 3.
    const U one = U::broadcast(1);
    const auto odd = simd::ne(simd::to_floating<T>(simd::bits_as<S>(q & one)), B::broadcast(T(0)));
    const B c = simd::select<B>(odd, sin_x, cos_x);
    const B s = simd::select<B>(odd, cos_x, sin_x);
    const int top = 8 * static_cast<int>(sizeof(T)) - 1;
    const U neg_c = (((q + one) >> 1) & one) << top;
    const U neg_s = ((q >> 1) & one) << top;
    const B cos_t = simd::bits_as<T>(simd::bits_as<uint>(c) ^ neg_c);
    const B sin_t = simd::bits_as<T>(simd::bits_as<uint>(s) ^ neg_s);
    (r * cos_t).store_unaligned(out);
    (r * sin_t).store_unaligned(out + half);
}

/// Pairs of a normal block and values of a block.
inline constexpr std::size_t normal_pairs = 16;
inline constexpr std::size_t normal_block = 2 * normal_pairs;

/// Writes the 32 standard normal values of the block of stream words at `words`
/// (32 words for float, 64 for double).
template <class T>
inline void normal_values(const std::uint32_t* words, T* out) noexcept {
    constexpr std::size_t w = simd::width<T>;
    constexpr std::size_t wpv = fp_traits<T>::words;
    static_assert(normal_pairs % w == 0, "a block holds whole batches");
    for (std::size_t j = 0; j < normal_pairs; j += w)
        box_muller<T>(load_uints<T>(words + j * wpv), load_uints<T>(words + (normal_pairs + j) * wpv), out + j,
                      normal_pairs);
}

}  // namespace tmath::random::detail
