// Random numbers: the Philox4x32-10 known answers of Random123, the generator's stream
// against its definition from the scalar function, every distribution's values against
// a plain scalar formula of the stream words (exactly; normal also within a few ulp of a
// long double Box-Muller), moments and chi-square tests of histograms, fills at the
// SIMD edge sizes against the prefix of a longer fill, seeds, shapes and errors.
// Built by gcc and clang in CI, the exact checks show both give the same numbers.
#include "catch.hpp"
#include "test_support.hpp"

#include <tmath/tmath.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <type_traits>
#include <vector>

namespace rnd = tmath::random;

namespace {

using u32 = std::uint32_t;
using u64 = std::uint64_t;

/// Word `i` of the stream of `seed`, from the definition in engine.hpp.
u32 stream_word(u64 seed, u64 i) {
    const u64 group = i / 64, word = (i % 64) / 16, block = 16 * group + i % 16;
    const auto out = rnd::philox4x32({static_cast<u32>(block), static_cast<u32>(block >> 32), 0, 0},
                                     {static_cast<u32>(seed), static_cast<u32>(seed >> 32)});
    return out[word];
}

/// The next n words of a copy of g.
std::vector<u32> words_of(const rnd::generator& from, std::size_t n) {
    rnd::generator g = from;
    std::vector<u32> w(n);
    for (auto& x : w) x = g();
    return w;
}

/// `x` rounded to T before it goes on: keeps the reference free of FMA contraction.
template <class T>
T rounded(T x) {
    volatile T v = x;
    return v;
}

template <class T>
using uint_of = std::conditional_t<sizeof(T) == 4, u32, u64>;

/// Reads uniform inputs for T from the word vector: one word (float) or two (double).
template <class T>
uint_of<T> uint_at(const std::vector<u32>& w, std::size_t k) {
    if constexpr (sizeof(T) == 4) return w[k];
    else return u64{w[2 * k]} | (u64{w[2 * k + 1]} << 32);
}

template <class T>
constexpr int random_bits = sizeof(T) == 4 ? 24 : 53;

/// The uniform in [0, 1) (or (0, 1] with plus_one) of a word for T.
template <class T>
T unit_of(uint_of<T> u, bool plus_one) {
    const auto k = static_cast<std::int64_t>(u >> (8 * sizeof(T) - random_bits<T>)) + (plus_one ? 1 : 0);
    return static_cast<T>(k) * std::ldexp(T(1), -random_bits<T>);
}

/// Box-Muller of one pair as documented in transforms.hpp: the same steps in plain
/// scalar code, every product rounded (the exact reference).
template <class T>
std::array<T, 2> box_muller_ref(uint_of<T> a, uint_of<T> b) {
    using U = uint_of<T>;
    constexpr int mant = std::numeric_limits<T>::digits - 1;
    constexpr U one = std::bit_cast<U>(T(1));
    const U sqrt_half = std::bit_cast<U>(static_cast<T>(0.70710678118654752440L));
    const T u1 = unit_of<T>(a, true);
    const U bits = std::bit_cast<U>(u1) + (one - sqrt_half);
    const auto e = static_cast<T>(static_cast<std::int64_t>(bits >> mant) - (sizeof(T) == 4 ? 127 : 1023));
    const T f = std::bit_cast<T>((bits & ((U{1} << mant) - 1)) + sqrt_half) - T(1);
    const T s = f / (T(2) + f);
    const T s2 = s + s, z = s * s;
    const int nlog = sizeof(T) == 4 ? 5 : 11;
    T p = T(1) / T(2 * nlog + 1);
    for (int i = nlog - 1; i-- > 0;) p = rounded(p * z) + T(1) / T(2 * i + 3);
    const T log1p = rounded(rounded(s2 * z) * p) + s2;
    const T ln2_hi = sizeof(T) == 4 ? T(0x1.62e4p-1) : T(0x1.62e42fee00000p-1);
    const T ln2_lo = static_cast<T>(0.693147180559945309417232121458176568L - static_cast<long double>(ln2_hi));
    const T ln = rounded(e * ln2_hi) + (rounded(e * ln2_lo) + log1p);
    const T r = std::sqrt(T(0) - (ln + ln));
    const U k = b >> (8 * sizeof(T) - random_bits<T>);
    const U q = (k + (U{1} << (random_bits<T> - 3))) >> (random_bits<T> - 2);
    const auto rem = static_cast<std::int64_t>(k) - static_cast<std::int64_t>(q << (random_bits<T> - 2));
    const T x = static_cast<T>(rem) * std::ldexp(T(1), -random_bits<T>) * static_cast<T>(6.283185307179586476925L);
    const T x2 = x * x;
    // sin: coefficients (-1)^i / (2i+3)!, cos: (-1)^(i+1) / (2i+2)!.
    const int nsin = sizeof(T) == 4 ? 4 : 8, ncos = sizeof(T) == 4 ? 5 : 8;
    auto fact = [](int n) { T v = 1; for (int i = 2; i <= n; ++i) v *= T(i); return v; };
    auto sign = [](int i) { return i % 2 == 0 ? T(-1) : T(1); };
    T ps = sign(nsin - 1) / fact(2 * nsin + 1);
    for (int i = nsin - 1; i-- > 0;) ps = rounded(ps * x2) + sign(i) / fact(2 * i + 3);
    T pc = sign(ncos - 1) / fact(2 * ncos);
    for (int i = ncos - 1; i-- > 0;) pc = rounded(pc * x2) + sign(i) / fact(2 * i + 2);
    const T sin_x = rounded(rounded(x * x2) * ps) + x;
    const T cos_x = rounded(x2 * pc) + T(1);
    const int quadrant = static_cast<int>(q % 4);
    const T c[4] = {cos_x, -sin_x, -cos_x, sin_x}, sn[4] = {sin_x, cos_x, -sin_x, -cos_x};
    return {r * c[quadrant], r * sn[quadrant]};
}

/// Chi-square statistic of counts against equal expectations.
double chi_square(const std::vector<double>& counts) {
    double total = 0;
    for (double c : counts) total += c;
    const double expected = total / static_cast<double>(counts.size());
    double chi = 0;
    for (double c : counts) chi += (c - expected) * (c - expected) / expected;
    return chi;
}
/// A bound that a chi-square of `df` degrees of freedom exceeds with probability ~3e-7.
double chi_bound(std::size_t df) { return static_cast<double>(df) + 5.0 * std::sqrt(2.0 * static_cast<double>(df)); }

/// Mean, variance, skewness and excess kurtosis.
template <class T>
std::array<double, 4> moments(const tmath::tensor<T>& x) {
    const double n = static_cast<double>(x.size());
    double m = 0;
    for (T v : x) m += static_cast<double>(v);
    m /= n;
    double m2 = 0, m3 = 0, m4 = 0;
    for (T v : x) {
        const double d = static_cast<double>(v) - m;
        m2 += d * d;
        m3 += d * d * d;
        m4 += d * d * d * d;
    }
    m2 /= n;
    m3 /= n;
    m4 /= n;
    return {m, m2, m3 / std::pow(m2, 1.5), m4 / (m2 * m2) - 3};
}

}  // namespace

TEST_CASE("random: Philox4x32-10 known answers of Random123", "[random]") {
    CHECK(rnd::philox4x32({0, 0, 0, 0}, {0, 0}) == std::array<u32, 4>{0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8});
    CHECK(rnd::philox4x32({0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff}, {0xffffffff, 0xffffffff}) ==
          std::array<u32, 4>{0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd});
    CHECK(rnd::philox4x32({0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344}, {0xa4093822, 0x299f31d0}) ==
          std::array<u32, 4>{0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1});
    // Seed 0 starts with block 0 under key 0: the first known answer, word by word.
    rnd::generator g(0);
    CHECK(g() == 0x6627e8d5u);
    g.set_position(16);
    CHECK(g() == 0xe169c58du);
    g.set_position(48);
    CHECK(g() == 0x9b00dbd8u);
}

TEST_CASE("random: the generator's stream follows its definition", "[random]") {
    static_assert(std::uniform_random_bit_generator<rnd::generator>);
    for (u64 seed : {u64{0}, u64{42}, u64{0xfedcba9876543210u}}) {
        for (u64 start : {u64{0}, u64{5}, u64{64} * 1000 + 17, (u64{1} << 40) + 3}) {
            rnd::generator g(seed);
            g.set_position(start);
            INFO("seed " << seed << ", start " << start);
            for (u64 i = 0; i < 150; ++i) REQUIRE(g() == stream_word(seed, start + i));
            // Bulk fills of odd lengths: cached head, whole groups, tail.
            std::vector<u32> w(300);
            g.set_position(start);
            g.fill(w.data(), 3);
            g.fill(w.data() + 3, 200);
            g.fill(w.data() + 203, 97);
            CHECK(g.position() == start + 300);
            for (u64 i = 0; i < 300; ++i) REQUIRE(w[i] == stream_word(seed, start + i));
        }
    }
    rnd::generator a(7), b(7), c(8);
    CHECK(a == b);
    CHECK(words_of(a, 100) == words_of(b, 100));
    CHECK(words_of(a, 100) != words_of(c, 100));
    a.discard(10);
    CHECK(a.position() == 10);
    CHECK(!(a == b));
    std::vector<int> v(50);
    for (int i = 0; i < 50; ++i) v[static_cast<std::size_t>(i)] = i;
    std::vector<int> w = v;
    std::shuffle(v.begin(), v.end(), a);
    CHECK(v != w);
    CHECK(std::is_permutation(v.begin(), v.end(), w.begin()));
}

TEMPLATE_TEST_CASE("random: uniform and normal values from the words, at SIMD edge sizes", "[random]", float, double) {
    using T = TestType;
    constexpr std::size_t wpv = sizeof(T) / 4;
    const std::size_t block = 32;
    for (const auto& [lo, hi] : std::vector<std::pair<T, T>>{{0, 1}, {-3, 5}, {T(0.25), T(0.3)}}) {
        rnd::generator g(1234);
        g.discard(5);  // start inside a group
        const auto words = words_of(g, 4200 * wpv);
        rnd::generator copy = g;
        const auto big = rnd::uniform<T>({2000}, lo, hi, copy);
        for (std::size_t n : test::edge_sizes<T>()) {
            rnd::generator h = g;
            const auto got = rnd::uniform<T>({n}, lo, hi, h);
            CHECK(h.position() == g.position() + n * wpv);
            for (std::size_t k = 0; k < n; ++k) {
                const T want = lo + rounded((hi - lo) * unit_of<T>(uint_at<T>(words, k), false));
                INFO("n " << n << ", k " << k);
                REQUIRE(got.data()[k] == want);
                REQUIRE(big.data()[k] == want);
            }
        }
    }
    rnd::generator g(99);
    const auto words = words_of(g, 4200 * wpv);
    for (const auto& [mean, stddev] : std::vector<std::pair<T, T>>{{0, 1}, {T(1.5), T(0.25)}}) {
        for (std::size_t n : test::edge_sizes<T>()) {
            rnd::generator h = g;
            const auto got = rnd::normal<T>({n}, mean, stddev, h);
            CHECK(h.position() == g.position() + (n + block - 1) / block * block * wpv);
            for (std::size_t k = 0; k < n; ++k) {
                const std::size_t b = k / block, j = k % (block / 2);
                const auto z = box_muller_ref<T>(uint_at<T>(words, b * block + j), uint_at<T>(words, b * block + 16 + j));
                const T zk = z[(k % block) / 16];
                INFO("n " << n << ", k " << k);
                REQUIRE(got.data()[k] == mean + rounded(stddev * zk));
            }
        }
    }
}

TEMPLATE_TEST_CASE("random: normal is within a few ulp of Box-Muller in long double", "[random]", float, double) {
    using T = TestType;
    rnd::generator g(2024);
    const std::size_t n = 20000;
    const auto words = words_of(g, n * sizeof(T) / 4);
    const auto got = rnd::normal<T>({n}, T(0), T(1), g);
    double worst = 0;
    for (std::size_t k = 0; k < n; ++k) {
        const std::size_t b = k / 32, j = k % 16;
        const long double two_pi = 6.283185307179586476925286766559L;
        const long double u1 = unit_of<T>(uint_at<T>(words, b * 32 + j), true);
        const long double u2 = unit_of<T>(uint_at<T>(words, b * 32 + 16 + j), false);
        const long double r = std::sqrt(-2 * std::log(u1));
        // cos and sin of 2 pi u2 = q pi/2 + 2 pi v, v = u2 - q/4 exact: accurate near zeros.
        const long double q = std::nearbyint(4 * u2), x = two_pi * (u2 - q / 4);
        const int quadrant = static_cast<int>(q) % 4;
        const long double c[4] = {std::cos(x), -std::sin(x), -std::cos(x), std::sin(x)};
        const long double want = r * ((k % 32) < 16 ? c[quadrant] : c[(quadrant + 3) % 4]);
        const long double ulp = std::ldexp(1.0L, std::ilogb(std::max(std::fabs(want), 1e-30L)) -
                                                     std::numeric_limits<T>::digits + 1);
        worst = std::max(worst, static_cast<double>(std::fabs(got.data()[k] - want) / ulp));
    }
    INFO("max error " << worst << " ulp");
    CHECK(worst <= 4);
}

TEST_CASE("random: moments and chi-square of uniform and normal", "[random]") {
    rnd::generator g(5);
    const std::size_t n = 1000000;
    const double se = 1.0 / std::sqrt(static_cast<double>(n));
    const auto u = rnd::uniform<float>({1000, 1000}, 0.f, 1.f, g);
    const auto mu = moments(u);
    CHECK(std::abs(mu[0] - 0.5) < 5 * se * std::sqrt(1.0 / 12));
    CHECK(std::abs(mu[1] - 1.0 / 12) < 5 * se * std::sqrt(1.0 / 180));
    std::vector<double> hist(100);
    for (float v : u) hist[static_cast<std::size_t>(v * 100)] += 1;
    CHECK(chi_square(hist) < chi_bound(99));

    {
        const std::size_t nd = 1 << 18;
        const double sd = 1.0 / std::sqrt(static_cast<double>(nd)), stddev = 2.5;
        const auto z = rnd::normal<double>({nd}, 3.0, stddev, g);
        const auto mz = moments(z);
        CHECK(std::abs(mz[0] - 3.0) < 5 * sd * stddev);
        CHECK(std::abs(mz[1] / (stddev * stddev) - 1) < 5 * sd * std::sqrt(2.0));
        CHECK(std::abs(mz[2]) < 5 * sd * std::sqrt(6.0));
        CHECK(std::abs(mz[3]) < 5 * sd * std::sqrt(24.0));
    }
    const auto zf = rnd::normal<float>({n}, 0.f, 1.f, g);
    const auto mf = moments(zf);
    CHECK(std::abs(mf[0]) < 5 * se);
    CHECK(std::abs(mf[1] - 1) < 5 * se * std::sqrt(2.0));
    CHECK(std::abs(mf[2]) < 5 * se * std::sqrt(6.0));
    CHECK(std::abs(mf[3]) < 5 * se * std::sqrt(24.0));
    // Equally likely bins through the normal CDF.
    std::vector<double> bins(200);
    for (float v : zf) {
        const double p = 0.5 * std::erfc(-static_cast<double>(v) / std::sqrt(2.0));
        bins[std::min<std::size_t>(199, static_cast<std::size_t>(p * 200))] += 1;
    }
    CHECK(chi_square(bins) < chi_bound(199));
}

TEMPLATE_TEST_CASE("random: integers are Lemire's draws of the words", "[random]", std::int64_t, std::int32_t,
                   std::uint8_t, std::int8_t, std::uint64_t) {
    using T = TestType;
    using L = std::numeric_limits<T>;
    std::vector<std::pair<T, T>> ranges = {{0, 10}, {L::min(), L::max()}, {T(L::max() - 1), L::max()}};
    if constexpr (sizeof(T) >= 4) {  // rejects about half of the words
        const T from = std::is_signed_v<T> ? L::min() : T(3);
        ranges.push_back({from, static_cast<T>(static_cast<u64>(from) + (u64{1} << 31) + 1)});
    }
    if constexpr (sizeof(T) == 8) ranges.push_back({T(1), T(1 + (u64{1} << 32))});     // two words a draw
    if constexpr (std::is_signed_v<T>) ranges.push_back({T(-7), T(-2)});
    for (const auto& [lo, hi] : ranges) {
        for (std::size_t n : test::edge_sizes<std::uint32_t>()) {
            rnd::generator g(77);
            rnd::generator ref = g;
            const auto got = rnd::integers<T>({n}, lo, hi, g);
            const u64 range = static_cast<u64>(hi) - static_cast<u64>(lo);
            for (std::size_t k = 0; k < n; ++k) {
                u64 off = 0;
                if (range < (u64{1} << 32)) {
                    const u32 t = static_cast<u32>((u64{1} << 32) % range);
                    for (;;) {
                        const u64 m = u64{ref()} * range;
                        if (static_cast<u32>(m) >= t) { off = m >> 32; break; }
                    }
                } else {
                    const u64 t = (0 - range) % range;
                    for (;;) {
                        const u64 lo_w = ref();
                        const u64 v = lo_w | (u64{ref()} << 32);
                        std::uint64_t mlo = 0;
                        const u64 mhi = rnd::detail::mul_hi64(v, range, mlo);
                        if (mlo >= t) { off = mhi; break; }
                    }
                }
                INFO("range [" << +lo << ", " << +hi << "), n " << n << ", k " << k);
                REQUIRE(got.data()[k] == static_cast<T>(static_cast<u64>(lo) + off));
            }
            CHECK(g.position() == ref.position());
        }
    }
    // Chi-square of a die.
    rnd::generator g(3);
    const auto d = rnd::integers<T>({600000}, T(1), T(7), g);
    std::vector<double> counts(6);
    for (T v : d) counts[static_cast<std::size_t>(v - 1)] += 1;
    CHECK(chi_square(counts) < chi_bound(5));
}

TEST_CASE("random: the 128-bit product of integers", "[random]") {
    u64 lo = 0;
    CHECK(rnd::detail::mul_hi64(~u64{0}, ~u64{0}, lo) == ~u64{0} - 1);
    CHECK(lo == 1);
    CHECK(rnd::detail::mul_hi64(u64{1} << 63, 6, lo) == 3);
    CHECK(lo == 0);
    CHECK(rnd::detail::mul_hi64(0x123456789abcdef0u, 0x0fedcba987654321u, lo) == 0x0121fa00ad77d742u);
    CHECK(lo == 0x2236d88fe5618cf0u);
}

TEST_CASE("random: bernoulli compares the words with p", "[random]") {
    for (double p : {0.0, 0.3, 0.5, 1.0}) {
        for (std::size_t n : test::edge_sizes<std::uint32_t>()) {
            rnd::generator g(11);
            const auto words = words_of(g, n);
            const auto got = rnd::bernoulli({n}, p, g);
            CHECK(g.position() == n);
            const auto limit = static_cast<u32>(std::ldexp(p, 31));
            for (std::size_t k = 0; k < n; ++k) REQUIRE(got.data()[k] == (p == 1.0 || (words[k] >> 1) < limit));
        }
    }
    // The dropout example: the kept fraction of 10^6 within 1% of 1 - p.
    rnd::generator g(8);
    const auto drop = rnd::bernoulli({1000, 1000}, 0.9, g);
    const double kept = static_cast<double>(std::count(drop.begin(), drop.end(), true)) / 1e6;
    CHECK(std::abs(kept - 0.9) < 0.005);
    const double sd = std::sqrt(1e6 * 0.9 * 0.1);
    CHECK(std::abs(kept * 1e6 - 0.9e6) < 5 * sd);
}

TEST_CASE("random: permutation is Fisher-Yates with unbiased draws", "[random]") {
    for (std::size_t n : std::vector<std::size_t>{0, 1, 2, 7, 100, 1000}) {
        rnd::generator g(21), ref(21);
        const auto p = rnd::permutation(n, g);
        REQUIRE(p.shape().size() == 1);
        REQUIRE(p.size() == n);
        std::vector<std::int64_t> want(n);
        for (std::size_t i = 0; i < n; ++i) want[i] = static_cast<std::int64_t>(i);
        for (std::size_t i = n; i-- > 1;) {
            const u64 range = i + 1;
            const u32 t = static_cast<u32>((u64{1} << 32) % range);
            u64 m = 0;
            do m = u64{ref()} * range;
            while (static_cast<u32>(m) < t);
            std::swap(want[i], want[m >> 32]);
        }
        CHECK(test::values(p) == want);
        CHECK(g.position() == ref.position());
    }
    // Shuffled copies along axis 0 follow permutation(n) from the same state.
    tmath::tensor<double> x = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}, {10, 11, 12}, {13, 14, 15}};
    for (int input = 0; input < 3; ++input) {
        rnd::generator g(31), ref(31);
        const auto order = rnd::permutation(input == 1 ? 3 : 5, ref);
        tmath::tensor<double> src = input == 1 ? tmath::tensor<double>(tmath::transpose(x)) : x;
        const auto got = input == 0 ? rnd::permutation(x, g)
                         : input == 1 ? rnd::permutation(tmath::transpose(x), g)
                                      : rnd::permutation(x * 2.0, g);
        REQUIRE(test::shape_of(got) == test::shape_of(src));
        const double scale = input == 2 ? 2.0 : 1.0;
        const std::size_t rows = src.shape()[0], cols = src.shape()[1];
        for (std::size_t i = 0; i < rows; ++i)
            for (std::size_t j = 0; j < cols; ++j)
                REQUIRE(got(i, j) == scale * src(static_cast<std::size_t>(order(i)), j));
        CHECK(g.position() == ref.position());
    }
    rnd::generator g0(2);
    CHECK(test::shape_of(rnd::permutation(tmath::zeros<float>({0, 4}), g0)) == test::shape{0, 4});
    CHECK_THAT(test::message_of<std::invalid_argument>([] {
                   rnd::generator g(1);
                   rnd::permutation(tmath::zeros<float>(std::vector<std::size_t>{}), g);
               }),
               TMATH_CONTAINS("permutation: x must have rank >= 1"));
    // All 24 orders of 4 elements equally often.
    rnd::generator g(4);
    std::vector<double> counts(256);
    for (int i = 0; i < 12000; ++i) {
        const auto p = rnd::permutation(4, g);
        counts[static_cast<std::size_t>(p(0) * 64 + p(1) * 16 + p(2) * 4 + p(3))] += 1;
    }
    std::vector<double> seen;
    for (double c : counts)
        if (c > 0) seen.push_back(c);
    CHECK(seen.size() == 24);
    CHECK(chi_square(seen) < chi_bound(23));
}

TEST_CASE("random: shapes, seeds and bad arguments", "[random]") {
    rnd::generator g(1);
    CHECK(test::shape_of(rnd::uniform<float>({2, 3}, 0.f, 1.f, g)) == test::shape{2, 3});
    CHECK(test::shape_of(rnd::normal<double>(std::vector<int>{4, 0, 2}, 0.0, 1.0, g)) == test::shape{4, 0, 2});
    const auto scalar = rnd::integers<int>(std::vector<std::size_t>{}, 0, 5, g);
    CHECK(scalar.rank() == 0);
    CHECK(scalar.size() == 1);
    CHECK(test::shape_of(rnd::bernoulli(std::array<long, 2>{3, 1}, 0.5, g)) == test::shape{3, 1});
    CHECK(rnd::integers({3}, std::int64_t{0}, std::int64_t{9}, g).size() == 3);
    CHECK(std::is_same_v<decltype(rnd::integers({3}, 0L, 9L, g)), tmath::tensor<long>>);

    rnd::generator a(5), b(5), c(6);
    CHECK(test::values(rnd::normal<float>({100}, 0.f, 1.f, a)) == test::values(rnd::normal<float>({100}, 0.f, 1.f, b)));
    CHECK(test::values(rnd::uniform<float>({100}, 0.f, 1.f, a)) != test::values(rnd::uniform<float>({100}, 0.f, 1.f, c)));
    CHECK(test::values(rnd::uniform<float>({10}, 2.f, 2.f, a)) == std::vector<float>(10, 2.f));

    using test::message_of;
    CHECK_THAT(message_of<std::invalid_argument>([&] { rnd::integers<int>({2}, 5, 3, g); }),
               TMATH_CONTAINS("integers: low >= high (low=5, high=3)"));
    CHECK_THAT(message_of<std::invalid_argument>([&] { rnd::integers<int>({2}, 4, 4, g); }),
               TMATH_CONTAINS("integers: low >= high"));
    CHECK_THAT(message_of<std::invalid_argument>([&] { rnd::normal<float>({2}, 0.f, -1.f, g); }),
               TMATH_CONTAINS("normal: stddev must be >= 0, got stddev=-1"));
    CHECK_THAT(message_of<std::invalid_argument>([&] { rnd::normal<double>({2}, 0.0, std::nan(""), g); }),
               TMATH_CONTAINS("normal: stddev"));
    CHECK_THAT(message_of<std::invalid_argument>([&] { rnd::bernoulli({2}, 1.5, g); }),
               TMATH_CONTAINS("bernoulli: p must be in [0, 1], got p=1.5"));
    CHECK_THAT(message_of<std::invalid_argument>([&] { rnd::bernoulli({2}, -0.1, g); }), TMATH_CONTAINS("bernoulli"));
    CHECK_THAT(message_of<std::invalid_argument>([&] { rnd::uniform<double>({2}, 1.0, 0.0, g); }),
               TMATH_CONTAINS("uniform: need finite low <= high, got low=1, high=0"));
    CHECK_THAT(message_of<std::invalid_argument>(
                   [&] { rnd::uniform<double>({2}, -std::numeric_limits<double>::max(), std::numeric_limits<double>::max(), g); }),
               TMATH_CONTAINS("uniform: need finite"));
    CHECK_THAT(message_of<tmath::shape_error>([&] { rnd::uniform<float>(std::vector<int>{2, -1}, 0.f, 1.f, g); }),
               TMATH_CONTAINS("negative dimension -1"));
}
