// simd/: the instruction set the build's kernels use (NEON on AArch64, never the scalar
// stand-in there), and lane-wise division and square root, correctly rounded on every
// target (xsimd's float division and square root on AArch64 are estimates that
// simd::div and simd::sqrt replace) and right for zeros, infinities and subnormals.
#include "catch.hpp"

#include <tmath/simd/math.hpp>
#include <tmath/simd/simd.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace simd = tmath::simd;

TEST_CASE("simd: the build's instruction set", "[simd]") {
#if TMATH_SIMD_ENABLED
    const std::string name = simd::arch::name();
    INFO("xsimd architecture " << name << ", " << simd::width<float> << " floats a batch");
#if defined(__aarch64__)
    // xsimd's neon64 (named "arm64+neon" by 8.1 and "neon64" later), 128-bit registers.
    CHECK(name.find("neon") != std::string::npos);
    CHECK(simd::width<float> == 4);
    CHECK(simd::width<double> == 2);
    CHECK(simd::vector_registers == 32);
    CHECK(!simd::has_half_batch);
#endif
#endif
    CHECK(simd::vector_bytes == sizeof(float) * simd::width<float>);
    if constexpr (simd::has_half_batch) CHECK(2 * sizeof(simd::half_batch<float>) == simd::vector_bytes);
}

namespace {

/// Bit-for-bit equality, any NaN equal to any NaN.
template <class T>
bool same(T a, T b) {
    if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
    return std::memcmp(&a, &b, sizeof(T)) == 0;
}

/// The special values, then `n` of every magnitude (subnormals too) and sign.
template <class T>
std::vector<T> probe_values(std::size_t n) {
    std::mt19937 gen(20240611u);
    std::uniform_real_distribution<double> mantissa(1.0, 2.0);
    std::uniform_int_distribution<int> exponent(std::numeric_limits<T>::min_exponent - 8,
                                                std::numeric_limits<T>::max_exponent - 2);
    const T inf = std::numeric_limits<T>::infinity();
    std::vector<T> v = {T(0), T(-0.0), T(1), T(-1), T(3), inf, -inf, std::numeric_limits<T>::quiet_NaN(),
                        std::numeric_limits<T>::denorm_min(), std::numeric_limits<T>::min(),
                        std::numeric_limits<T>::max()};
    for (std::size_t i = 0; i < n; ++i) {
        const T x = static_cast<T>(std::ldexp(mantissa(gen), exponent(gen)));
        v.push_back(i % 2 ? -x : x);
    }
    return v;
}

}  // namespace

TEMPLATE_TEST_CASE("simd: div and sqrt are correctly rounded", "[simd]", float, double) {
    using T = TestType;
    using B = simd::batch<T>;
    constexpr std::size_t w = simd::width<T>;
    const std::vector<T> x = probe_values<T>(64 * w);
    std::vector<T> y(x.rbegin(), x.rend());
    std::rotate(y.begin(), y.begin() + 3, y.end());
    alignas(64) T out[w];
    bool div_ok = true, sqrt_ok = true;
    for (std::size_t i = 0; i + w <= x.size(); i += w) {
        simd::div(B::load_unaligned(&x[i]), B::load_unaligned(&y[i])).store_unaligned(out);
        for (std::size_t k = 0; k < w; ++k) {
            const T want = x[i + k] / y[i + k];
            if (!same(out[k], want)) {
                UNSCOPED_INFO(x[i + k] << " / " << y[i + k] << ": got " << out[k] << ", want " << want);
                div_ok = false;
            }
        }
        simd::sqrt(B::load_unaligned(&x[i])).store_unaligned(out);
        for (std::size_t k = 0; k < w; ++k) {
            const T want = std::sqrt(x[i + k]);
            if (!same(out[k], want)) {
                UNSCOPED_INFO("sqrt(" << x[i + k] << "): got " << out[k] << ", want " << want);
                sqrt_ok = false;
            }
        }
    }
    CHECK(div_ok);
    CHECK(sqrt_ok);
}
