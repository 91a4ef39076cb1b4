// Issue 19's element-wise math: accuracy sweeps of every float function against the
// correctly rounded result (computed in double and rounded once), special values,
// SIMD edge sizes against a std:: reference loop, NumPy's result types and sign rules
// (round half to even, remainder / fmod, clip with lo > hi, sign of -0.0), broadcasting
// with tensors and scalars, views and expressions as inputs, rank 0, size 0, and errors.
// TMATH_PRINT_ULP=1 in the environment prints the max ulp per function.
#include "catch.hpp"
#include "test_support.hpp"

#include <tmath/tmath.hpp>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>
#include <type_traits>
#include <vector>

using test::shape;

namespace {

/// Position of a float or double on the line of representable values (-0 and +0 equal).
template <class T>
std::int64_t ordinal(T v) {
    using I = std::conditional_t<sizeof(T) == 4, std::int32_t, std::int64_t>;
    I i;
    std::memcpy(&i, &v, sizeof v);
    return i < 0 ? -static_cast<std::int64_t>(i & std::numeric_limits<I>::max()) : static_cast<std::int64_t>(i);
}

/// Distance in ulps between `got` and the reference `want` rounded to T; 0 when both are
/// NaN or the same infinity, "infinite" when only one is.
template <class T>
double ulp_distance(T got, long double want) {
    const T w = static_cast<T>(want);
    if (std::isnan(w) || std::isnan(got)) return std::isnan(w) && std::isnan(got) ? 0.0 : 1e30;
    if (std::isinf(w) || std::isinf(got)) return w == got ? 0.0 : 1e30;
    return static_cast<double>(std::llabs(ordinal(got) - ordinal(w)));
}

/// Dense inputs over [lo, hi]: n evenly spaced points, n points spaced geometrically
/// from the smallest magnitude up to max(|lo|, |hi|) on each side that the range
/// covers, and the special values (+-0, +-inf, NaN, subnormals, the extremes).
std::vector<float> sweep(float lo, float hi, std::size_t n) {
    std::vector<float> x;
    const float lim = std::numeric_limits<float>::max();
    // The special values first, in full SIMD batches (a tail may go through the scalar call).
    for (int r = 0; r < 8; ++r)
        for (float v : {0.0f, -0.0f, std::numeric_limits<float>::infinity(), -std::numeric_limits<float>::infinity(),
                        std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::denorm_min(),
                        -std::numeric_limits<float>::denorm_min(), std::numeric_limits<float>::min(), lim, -lim, 1e-30f,
                        -1e-30f, lo, hi, 0.5f * lo, 0.5f * hi})
            x.push_back(v);
    for (std::size_t k = 0; k <= n; ++k) x.push_back(lo + (hi - lo) * static_cast<float>(k) / static_cast<float>(n));
    const double top = std::max(std::abs(static_cast<double>(lo)), std::abs(static_cast<double>(hi)));
    const double bottom = 1e-40;
    for (std::size_t k = 0; k <= n; ++k) {
        const auto v = static_cast<float>(bottom * std::pow(top / bottom, static_cast<double>(k) / static_cast<double>(n)));
        if (v <= hi) x.push_back(v);
        if (-v >= lo) x.push_back(-v);
    }
    return x;
}

/// The largest ulp distance of `got` from f(x) evaluated in long double for every input.
template <class T, class F>
double max_ulps(const std::vector<T>& in, const tmath::tensor<T>& got, F f, T& worst) {
    double m = 0;
    for (std::size_t k = 0; k < in.size(); ++k) {
        const double u = ulp_distance(got.data()[k], f(static_cast<long double>(in[k])));
        if (u > m) {
            m = u;
            worst = in[k];
        }
    }
    return m;
}

void report(const char* name, const char* type, double ulps) {
    static const bool print = std::getenv("TMATH_PRINT_ULP") != nullptr;
    if (print) std::printf("max ulp %-8s %-6s %g\n", name, type, ulps);
}

/// Sweeps a float function of tmath (`tf`) over `in`, against `ref` in long double.
template <class TF, class RF>
void check_sweep(const char* name, const std::vector<float>& in, TF tf, RF ref, double bound) {
    const tmath::tensor<float> x = test::make_tensor<float>({in.size()}, in);
    const tmath::tensor<float> y = tf(x);
    float worst = 0;
    const double m = max_ulps(in, y, ref, worst);
    report(name, "float", m);
    INFO(name << ": max " << m << " ulp at x = " << worst);
    CHECK(m <= bound);
}

/// The same over double inputs (fewer points, looser bound).
template <class TF, class RF>
void check_sweep_double(const char* name, const std::vector<float>& in_f, TF tf, RF ref, double bound) {
    std::vector<double> in;
    for (std::size_t k = 0; k < in_f.size(); k += 8) in.push_back(static_cast<double>(in_f[k]) * (1 + 1e-12));
    const tmath::tensor<double> x = test::make_tensor<double>({in.size()}, in);
    const tmath::tensor<double> y = tf(x);
    double worst = 0;
    const double m = max_ulps(in, y, ref, worst);
    report(name, "double", m);
    INFO(name << " (double): max " << m << " ulp at x = " << worst);
    CHECK(m <= bound);
}

constexpr std::size_t sweep_points = 100000;

/// Plain references of the integer-preserving functions.
template <class T>
T ref_floor(T x) {
    if constexpr (std::is_floating_point_v<T>) return std::floor(x);
    else return x;
}
template <class T>
T ref_sign(T x) {
    return x > 0 ? T(1) : x < 0 ? T(-1) : T(0);
}
/// NumPy's remainder for a nonzero divisor: floored for integers, fmod moved into the
/// divisor's sign for floats.
template <class T>
T ref_remainder(T x, T y) {
    if constexpr (std::is_floating_point_v<T>) {
        const T r = std::fmod(x, y);
        return r != 0 && ((r < 0) != (y < 0)) ? r + y : r;
    } else {
        return static_cast<T>(((x % y) + y) % y);
    }
}
template <class T>
T ref_fmod(T x, T y) {
    if constexpr (std::is_floating_point_v<T>) return std::fmod(x, y);
    else return static_cast<T>(x % y);
}

}  // namespace

TEST_CASE("elementwise math: float functions within 4 ulp of the correctly rounded result", "[emath]") {
    using L = long double;
    const double b = 4;  // the float bound; double: 8
#define TMATH_SWEEP(fname, lo, hi, ref)                                                                    \
    do {                                                                                                   \
        const auto in = sweep(lo, hi, sweep_points);                                                       \
        const auto tf = [](const auto& t) { return tmath::eval(tmath::fname(t)); };                         \
        check_sweep(#fname, in, tf, ref, b);                                                               \
        check_sweep_double(#fname, in, tf, ref, 8);                                                        \
    } while (false)
    TMATH_SWEEP(sin, -1e4f, 1e4f, [](L v) { return std::sin(v); });
    TMATH_SWEEP(cos, -1e4f, 1e4f, [](L v) { return std::cos(v); });
    TMATH_SWEEP(tan, -1e3f, 1e3f, [](L v) { return std::tan(v); });
    TMATH_SWEEP(log1p, -1.0f, 3e38f, [](L v) { return std::log1p(v); });
    TMATH_SWEEP(expm1, -100.0f, 90.0f, [](L v) { return std::expm1(v); });
    TMATH_SWEEP(log2, -1.0f, 3e38f, [](L v) { return std::log2(v); });
    TMATH_SWEEP(log10, -1.0f, 3e38f, [](L v) { return std::log10(v); });
    TMATH_SWEEP(exp2, -160.0f, 130.0f, [](L v) { return std::exp2(v); });
    TMATH_SWEEP(erf, -10.0f, 10.0f, [](L v) { return std::erf(v); });
    TMATH_SWEEP(exp, -110.0f, 90.0f, [](L v) { return std::exp(v); });
    TMATH_SWEEP(tanh, -20.0f, 20.0f, [](L v) { return std::tanh(v); });
    TMATH_SWEEP(sigmoid, -110.0f, 110.0f, [](L v) { return 1 / (1 + std::exp(-v)); });
#undef TMATH_SWEEP
    // Large arguments of sin and cos (the lanes past the polynomial's range).
    std::vector<float> big;
    for (float v = 1e4f; v < 3e38f; v *= 1.01f) big.push_back(v);
    check_sweep("sin big", big, [](const auto& t) { return tmath::eval(tmath::sin(t)); }, [](L v) { return std::sin(v); }, b);
    check_sweep("cos big", big, [](const auto& t) { return tmath::eval(tmath::cos(t)); }, [](L v) { return std::cos(v); }, b);
    // Near multiples of pi/2, where sin or cos is small and the reduction matters.
    std::vector<float> near;
    for (int k = -6000; k <= 6000; ++k) {
        float c = static_cast<float>(k * 1.5707963267948966);
        near.push_back(std::nextafter(std::nextafter(c, -1e9f), -1e9f));
        for (int s = 0; s < 5; ++s) near.push_back(c = std::nextafter(c, 1e9f));
    }
    check_sweep("sin pi/2", near, [](const auto& t) { return tmath::eval(tmath::sin(t)); }, [](L v) { return std::sin(v); }, b);
    check_sweep("cos pi/2", near, [](const auto& t) { return tmath::eval(tmath::cos(t)); }, [](L v) { return std::cos(v); }, b);
}

namespace {

/// Every float within `ulps` of each edge (edges are positive), with both signs.
std::vector<float> around(const std::vector<float>& edges, int ulps) {
    std::vector<float> in;
    for (const float edge : edges) {
        float v = edge;
        for (int k = 0; k < ulps; ++k) v = std::nextafter(v, 0.0f);
        for (int k = 0; k < 2 * ulps; ++k, v = std::nextafter(v, std::numeric_limits<float>::infinity())) {
            in.push_back(v);
            in.push_back(-v);
        }
    }
    return in;
}

}  // namespace

TEST_CASE("elementwise math: erf and tanh within 4 ulp around their kernels' interval edges", "[emath]") {
    // The wide-batch kernels pick a polynomial per lane from |x|'s interval (erf: steps
    // of 1/4 and 1/2 up to the clamp at 3.99; tanh: four intervals per octave of |x| + 1
    // up to the clamp at 9.1): every float within 300 ulp of each edge, both signs.
    using L = long double;
    std::vector<float> edges{3.92f, 3.99f, 9.0f, 9.1f};
    for (int k = 1; k <= 16; ++k) edges.push_back(static_cast<float>(k) / 4.0f);
    for (int e = 0; e < 4; ++e)
        for (int m = 0; m < 4; ++m) edges.push_back(std::ldexp(1.0f + static_cast<float>(m) / 4.0f, e) - 1.0f);
    const std::vector<float> in = around(edges, 300);
    check_sweep("erf edges", in, [](const auto& t) { return tmath::eval(tmath::erf(t)); }, [](L v) { return std::erf(v); }, 4);
    check_sweep("tanh edges", in, [](const auto& t) { return tmath::eval(tmath::tanh(t)); }, [](L v) { return std::tanh(v); }, 4);
}

TEST_CASE("elementwise math: tanh and sigmoid within 4 ulp around their reductions' edges", "[emath]") {
    // The 8-lane kernels (pade_kernels.hpp) round 2|x| / ln2 (tanh) or x / ln2 (sigmoid)
    // to m and switch form at their clamps (tanh 9.1; sigmoid -104 and 20) and where
    // sigmoid's result turns subnormal (x near -87.3): every float within 200 ulp of each
    // place where m changes, of the clamps and of that threshold, both signs.
    using L = long double;
    const double ln2 = 0.693147180559945309;
    std::vector<float> edges{9.0f, 9.1f, 20.0f, 104.0f, 87.3365f, 1e-3f};
    for (int k = 0; k <= 27; ++k) edges.push_back(static_cast<float>((k + 0.5) * ln2 / 2));  // tanh
    for (int k = 0; k <= 150; ++k) edges.push_back(static_cast<float>((k + 0.5) * ln2));     // sigmoid
    const std::vector<float> in = around(edges, 200);
    check_sweep("tanh m edges", in, [](const auto& t) { return tmath::eval(tmath::tanh(t)); }, [](L v) { return std::tanh(v); }, 4);
    check_sweep("sigmoid m edges", in, [](const auto& t) { return tmath::eval(tmath::sigmoid(t)); },
                [](L v) { return 1 / (1 + std::exp(-v)); }, 4);
    // The clamps: saturated results are exact (0 ulp), the others within 4 ulp (sigmoid
    // of +-9.1 and -30 is not saturated; every batch width and the scalar fallback run
    // these), NaN stays NaN, tanh keeps the sign of zero.
    const float inf = std::numeric_limits<float>::infinity();
    std::vector<float> sv;
    for (int r = 0; r < 8; ++r)
        for (float e : {0.0f, -0.0f, inf, -inf, std::numeric_limits<float>::quiet_NaN(), 9.1f, -9.1f, 30.0f, -30.0f, 200.0f, -200.0f, 3e38f})
            sv.push_back(e);
    const auto x = test::make_tensor<float>({sv.size()}, sv);
    const tmath::tensor<float> th = tmath::tanh(x), sg = tmath::sigmoid(x);
    for (std::size_t k = 0; k < sv.size(); ++k) {
        const float v = sv[k];
        INFO("x = " << v << ": tanh " << th(k) << ", sigmoid " << sg(k));
        if (std::isnan(v)) {
            CHECK((std::isnan(th(k)) && std::isnan(sg(k))));
            continue;
        }
        CHECK(ulp_distance(th(k), std::tanh(static_cast<L>(v))) <= 4);
        CHECK(std::signbit(th(k)) == std::signbit(v));
        CHECK(ulp_distance(sg(k), 1 / (1 + std::exp(-static_cast<L>(v)))) <= 4);
        if (std::abs(v) >= 30.0f && v != -30.0f) {  // saturated: 1, or 0 below the subnormals
            CHECK(th(k) == (v > 0 ? 1.0f : -1.0f));
            CHECK(sg(k) == (v > 0 ? 1.0f : 0.0f));
        }
    }
}

TEST_CASE("elementwise math: pow with a tensor exponent within 4 ulp", "[emath]") {
    std::vector<float> xs, ys;
    for (int i = 0; i <= 400; ++i)
        for (int j = 0; j <= 300; ++j) {
            xs.push_back(static_cast<float>(std::pow(10.0, -6.0 + 12.0 * i / 400.0)));
            ys.push_back(static_cast<float>(-10.0 + 20.0 * j / 300.0));
        }
    for (float x : {-2.0f, -1.0f, -0.0f, 0.0f, 1.0f, 2.0f, std::numeric_limits<float>::infinity(), std::numeric_limits<float>::quiet_NaN()})
        for (float y : {-3.0f, -0.5f, 0.0f, 0.5f, 2.0f, std::numeric_limits<float>::infinity(), std::numeric_limits<float>::quiet_NaN()}) {
            xs.push_back(x);
            ys.push_back(y);
        }
    const auto x = test::make_tensor<float>({xs.size()}, xs);
    const auto y = test::make_tensor<float>({ys.size()}, ys);
    const tmath::tensor<float> r = tmath::pow(x, y);
    double m = 0;
    for (std::size_t k = 0; k < xs.size(); ++k) {
        const double u = ulp_distance(r.data()[k], std::pow(static_cast<long double>(xs[k]), static_cast<long double>(ys[k])));
        INFO("pow(" << xs[k] << ", " << ys[k] << ") = " << r.data()[k]);
        if (u > 4) CHECK(u <= 4);
        m = std::max(m, u);
    }
    report("pow", "float", m);
    // double: the same grid, 8 ulp.
    std::vector<double> xd(xs.begin(), xs.end()), yd(ys.begin(), ys.end());
    const tmath::tensor<double> rd = tmath::pow(test::make_tensor<double>({xd.size()}, xd), test::make_tensor<double>({yd.size()}, yd));
    double md = 0;
    for (std::size_t k = 0; k < xd.size(); ++k)
        md = std::max(md, ulp_distance(rd.data()[k], std::pow(static_cast<long double>(xd[k]), static_cast<long double>(yd[k]))));
    report("pow", "double", md);
    CHECK(md <= 8);
}

TEST_CASE("elementwise math: special values match the C library", "[emath]") {
    const float inf = std::numeric_limits<float>::infinity();
    // Repeated so that every value also goes through full SIMD batches, not only the tail.
    std::vector<float> v;
    for (int r = 0; r < 8; ++r)
        for (float e : {0.0f, -0.0f, inf, -inf, std::numeric_limits<float>::quiet_NaN(), 0.5f, -0.5f, 1.5f, 2.5f, -2.5f, 1.0f, -1.0f})
            v.push_back(e);
    const auto x = test::make_tensor<float>({v.size()}, v);
    const auto check = [&](const char* name, const tmath::tensor<float>& got, float (*f)(float)) {
        for (std::size_t k = 0; k < v.size(); ++k) {
            const float want = f(v[k]);
            INFO(name << "(" << v[k] << "): got " << got.data()[k] << ", want " << want);
            if (std::isnan(want)) CHECK(std::isnan(got.data()[k]));
            else if (std::isinf(want) || want == 0) CHECK((got.data()[k] == want && std::signbit(got.data()[k]) == std::signbit(want)));
            else CHECK(ulp_distance(got.data()[k], static_cast<long double>(want)) <= 4);
        }
    };
    check("sin", tmath::eval(tmath::sin(x)), [](float a) { return std::sin(a); });
    check("cos", tmath::eval(tmath::cos(x)), [](float a) { return std::cos(a); });
    check("tan", tmath::eval(tmath::tan(x)), [](float a) { return std::tan(a); });
    check("erf", tmath::eval(tmath::erf(x)), [](float a) { return std::erf(a); });
    check("log1p", tmath::eval(tmath::log1p(x)), [](float a) { return std::log1p(a); });
    check("expm1", tmath::eval(tmath::expm1(x)), [](float a) { return std::expm1(a); });
    check("log2", tmath::eval(tmath::log2(x)), [](float a) { return std::log2(a); });
    check("log10", tmath::eval(tmath::log10(x)), [](float a) { return std::log10(a); });
    check("exp2", tmath::eval(tmath::exp2(x)), [](float a) { return std::exp2(a); });
    check("exp", tmath::eval(tmath::exp(x)), [](float a) { return std::exp(a); });
    check("tanh", tmath::eval(tmath::tanh(x)), [](float a) { return std::tanh(a); });
    check("floor", tmath::eval(tmath::floor(x)), [](float a) { return std::floor(a); });
    check("ceil", tmath::eval(tmath::ceil(x)), [](float a) { return std::ceil(a); });
    check("trunc", tmath::eval(tmath::trunc(x)), [](float a) { return std::trunc(a); });
    check("round", tmath::eval(tmath::round(x)), [](float a) { return std::nearbyint(a); });
    check("square", tmath::eval(tmath::square(x)), [](float a) { return a * a; });
}

TEST_CASE("elementwise math: NumPy's rounding, sign, clip, remainder and fmod rules", "[emath]") {
    const float nan = std::numeric_limits<float>::quiet_NaN();
    // round: halves to even.
    const auto h = test::make_tensor<float>({8}, {0.5f, 1.5f, 2.5f, -0.5f, -1.5f, -2.5f, 3.5f, 1e8f});
    CHECK(test::values(tmath::eval(tmath::round(h))) == std::vector<float>{0, 2, 2, -0.0f, -2, -2, 4, 1e8f});
    // sign: -0.0 gives +0.0, NaN stays.
    const auto s = tmath::eval(tmath::sign(test::make_tensor<float>({4}, {-0.0f, -3.0f, 2.0f, nan})));
    CHECK((s(0) == 0 && !std::signbit(s(0)) && s(1) == -1 && s(2) == 1 && std::isnan(s(3))));
    CHECK(test::values(tmath::eval(tmath::sign(test::make_tensor<std::uint8_t>({3}, {0, 7, 255})))) == std::vector<std::uint8_t>{0, 1, 1});
    // clip: lo > hi gives hi, NaN in x stays, a NaN bound is ignored.
    const auto c = test::make_tensor<double>({4}, {-1.0, 0.5, 7.0, static_cast<double>(nan)});
    const auto clipped = tmath::eval(tmath::clip(c, 3.0, 2.0));
    CHECK((clipped(0) == 2 && clipped(1) == 2 && clipped(2) == 2 && std::isnan(clipped(3))));
    const auto nb = tmath::eval(tmath::clip(c, static_cast<double>(nan), 1.0));
    CHECK((nb(0) == -1 && nb(1) == 0.5 && nb(2) == 1));
    // remainder: the divisor's sign; fmod: the dividend's; zero results carry that sign.
    const auto a = test::make_tensor<double>({6}, {5, -5, 5, -5, 0.0, -6});
    const auto d = test::make_tensor<double>({6}, {3, 3, -3, -3, -2, 3});
    CHECK(test::values(tmath::eval(tmath::remainder(a, d))) == std::vector<double>{2, 1, -1, -2, -0.0, 0});
    CHECK(std::signbit(tmath::eval(tmath::remainder(a, d))(4)));
    CHECK(test::values(tmath::eval(tmath::fmod(a, d))) == std::vector<double>{2, -2, 2, -2, 0, -0.0});
    CHECK(std::signbit(tmath::eval(tmath::fmod(a, d))(5)));
    CHECK(std::isnan(tmath::eval(tmath::remainder(a, 0.0))(0)));
    CHECK(tmath::eval(tmath::fmod(a, 1e-300))(0) == std::fmod(5.0, 1e-300));  // exact for huge quotients
    // Integers: floored remainder, 0 for a zero divisor and for the minimum over -1.
    const auto ia = test::make_tensor<std::int32_t>({5}, {7, -7, 7, std::numeric_limits<std::int32_t>::min(), 9});
    const auto id = test::make_tensor<std::int32_t>({5}, {-2, 2, 0, -1, 4});
    CHECK(test::values(tmath::eval(tmath::remainder(ia, id))) == std::vector<std::int32_t>{-1, 1, 0, 0, 1});
    CHECK(test::values(tmath::eval(tmath::fmod(ia, id))) == std::vector<std::int32_t>{1, -1, 0, 0, 1});
    // Integer pow: exact; a negative exponent anywhere is an error before anything is
    // evaluated, as in NumPy, unless the result is empty.
    const auto pb = test::make_tensor<std::int64_t>({5}, {3, -2, 2, 1, -1});
    const auto pe = test::make_tensor<std::int64_t>({5}, {13, 5, 1, 4, 3});
    CHECK(test::values(tmath::eval(tmath::pow(pb, pe))) == std::vector<std::int64_t>{1594323, -32, 2, 1, -1});
    const auto pn = test::make_tensor<std::int64_t>({5}, {13, 5, -1, 4, 3});
    CHECK_THROWS_AS(tmath::pow(pb, pn), std::invalid_argument);
    CHECK_THROWS_WITH(tmath::pow(pb, pn - std::int64_t{0}), TMATH_CONTAINS("negative integer powers") &&
                                                              TMATH_CONTAINS("(5,)"));
    CHECK_THROWS_AS(tmath::pow(std::int64_t{2}, pn), std::invalid_argument);
    CHECK_THROWS_AS(tmath::pow(pb, std::int64_t{-1}), std::invalid_argument);
    CHECK(tmath::eval(tmath::pow(tmath::zeros<std::int64_t>({0, 5}), pn)).shape()[0] == 0);
    // A float on either side makes the result float: no error.
    CHECK(tmath::eval(tmath::pow(tmath::astype<double>(pb), pn))(2) == 0.5);
}

TEST_CASE("elementwise math: result types follow NumPy", "[emath]") {
    using i8 = std::int8_t;
    const tmath::tensor<int> i = {1, 2};
    const tmath::tensor<bool> bo = {true, false};
    const tmath::tensor<float> f = {1.0f, 2.0f};
    STATIC_REQUIRE(std::is_same_v<tmath::value_type_t<decltype(tmath::sin(i))>, double>);
    STATIC_REQUIRE(std::is_same_v<tmath::value_type_t<decltype(tmath::erf(f))>, float>);
    STATIC_REQUIRE(std::is_same_v<tmath::value_type_t<decltype(tmath::log10(bo))>, double>);
    STATIC_REQUIRE(std::is_same_v<tmath::value_type_t<decltype(tmath::floor(i))>, int>);
    STATIC_REQUIRE(std::is_same_v<tmath::value_type_t<decltype(tmath::round(f))>, float>);
    STATIC_REQUIRE(std::is_same_v<tmath::value_type_t<decltype(tmath::sign(i))>, int>);
    STATIC_REQUIRE(std::is_same_v<tmath::value_type_t<decltype(tmath::square(bo))>, i8>);
    STATIC_REQUIRE(std::is_same_v<tmath::value_type_t<decltype(tmath::remainder(bo, bo))>, i8>);
    STATIC_REQUIRE(std::is_same_v<tmath::value_type_t<decltype(tmath::fmod(i, 2))>, int>);
    STATIC_REQUIRE(std::is_same_v<tmath::value_type_t<decltype(tmath::pow(i, f))>, float>);
    STATIC_REQUIRE(std::is_same_v<tmath::value_type_t<decltype(tmath::pow(2.5, i))>, double>);
    STATIC_REQUIRE(std::is_same_v<tmath::value_type_t<decltype(tmath::pow(i, 2))>, int>);
    STATIC_REQUIRE(std::is_same_v<tmath::value_type_t<decltype(tmath::clip(i, 0, 1))>, int>);
}

TEMPLATE_TEST_CASE("elementwise math: edge sizes, views and expressions against a reference loop", "[emath]", float, double,
                   std::int32_t, std::int64_t) {
    using T = TestType;
    test::rng g(19);
    for (std::size_t n : test::edge_sizes<T>()) {
        INFO("n = " << n);
        const auto av = g.values<T>(n);
        const auto bv = g.values<T>(n, true);
        const auto a = test::make_tensor<T>({n}, av);
        const auto b = test::make_tensor<T>({n}, bv);
        const tmath::tensor<T> fl = tmath::floor(a), sg = tmath::sign(a), sq = tmath::square(a), cl = tmath::clip(a, T(-3), b);
        const tmath::tensor<T> rm = tmath::remainder(a, b), fm = tmath::fmod(a, b), pw = tmath::pow(b, tmath::abs(a) * T(0) + T(3));
        for (std::size_t k = 0; k < n; ++k) {
            const T x = av[k], y = bv[k];
            INFO("k = " << k << ", x = " << +x << ", y = " << +y);
            CHECK(fl(k) == ref_floor(x));
            CHECK(sg(k) == ref_sign(x));
            CHECK(sq(k) == static_cast<T>(x * x));
            CHECK(cl(k) == std::min(std::max(x, T(-3)), y));
            CHECK(rm(k) == ref_remainder(x, y));
            CHECK(fm(k) == ref_fmod(x, y));
            if constexpr (std::is_floating_point_v<T>)
                CHECK(ulp_distance(pw(k), std::pow(static_cast<long double>(y), 3.0L)) <= (sizeof(T) == 4 ? 4 : 8));
            else
                CHECK(pw(k) == static_cast<T>(y * y * y));
        }
        if constexpr (std::is_floating_point_v<T>) {
            const tmath::tensor<T> sn = tmath::sin(a + b), er = tmath::erf(a * T(0.25)), rd = tmath::round(a * T(0.5));
            // Long kernels (one batch per loop iteration with 16 vector registers) inside
            // and beside short nodes: every edge size's tail.
            const tmath::tensor<T> th = tmath::tanh(a * T(0.5)) + b, sgm = tmath::sigmoid(a) * b, lg = tmath::log(tmath::abs(b) + T(1));
            const T eps = std::numeric_limits<T>::epsilon();
            for (std::size_t k = 0; k < n; ++k) {
                const T x = av[k], y = bv[k];
                CHECK(std::abs(sn(k) - std::sin(x + y)) <= 4 * eps);
                CHECK(std::abs(er(k) - std::erf(x * T(0.25))) <= 4 * eps);
                CHECK(rd(k) == std::nearbyint(x * T(0.5)));
                CHECK(std::abs(th(k) - (std::tanh(x * T(0.5)) + y)) <= 8 * eps * (1 + std::abs(y)));
                CHECK(std::abs(sgm(k) - y / (1 + std::exp(-x))) <= 8 * eps * std::abs(y));
                CHECK(std::abs(lg(k) - std::log(std::abs(y) + 1)) <= 8 * eps * std::log(std::abs(y) + 1));
            }
        }
    }
}

TEST_CASE("elementwise math: broadcasting, views, rank 0, size 0 and errors", "[emath]") {
    const auto m = test::iota_tensor<double>({3, 4}, 2);
    const auto row = test::make_tensor<double>({4}, {1.5, -2.5, 3.0, 4.0});
    const auto col = test::make_tensor<double>({3, 1}, {-1.0, 0.0, 2.0});
    // pow / remainder / clip broadcast (3,4) with (4,) and (3,1), and a transposed view.
    const tmath::tensor<double> p = tmath::pow(tmath::abs(m), row);
    const tmath::tensor<double> r = tmath::remainder(tmath::transpose(m), tmath::transpose(col));
    const tmath::tensor<double> c = tmath::clip(m, col, row);
    for (std::size_t i = 0; i < 3; ++i)
        for (std::size_t j = 0; j < 4; ++j) {
            CHECK(ulp_distance(p(i, j), static_cast<long double>(std::pow(std::abs(m(i, j)), row(j)))) <= 8);
            CHECK(c(i, j) == std::min(std::max(m(i, j), col(i, 0)), row(j)));
            if (col(i, 0) != 0) CHECK(r(j, i) == ref_remainder(m(i, j), col(i, 0)));
            else CHECK(std::isnan(r(j, i)));
        }
    // Scalars on either side.
    const tmath::tensor<double> two_pow = tmath::pow(2.0, row);
    const tmath::tensor<double> mod_left = tmath::remainder(7.0, row);
    for (std::size_t j = 0; j < 4; ++j) {
        CHECK(ulp_distance(two_pow(j), static_cast<long double>(std::pow(2.0, row(j)))) <= 8);
        CHECK(mod_left(j) == ref_remainder(7.0, row(j)));
    }
    // Rank 0 and size 0.
    const tmath::tensor<float> s = tmath::full<float>({}, 0.5f);
    CHECK(tmath::eval(tmath::round(s)).rank() == 0);
    CHECK(tmath::eval(tmath::round(s))() == 0.0f);
    CHECK(tmath::eval(tmath::fmod(s, tmath::zeros<float>({0}))).size() == 0);
    CHECK(tmath::eval(tmath::erf(tmath::zeros<float>({2, 0}))).shape()[1] == 0);
    // Errors name the operation and the shapes.
    const auto bad = tmath::zeros<double>({5});
    CHECK_THAT(test::shape_error_message([&] { (void)tmath::remainder(m, bad); }), TMATH_CONTAINS("remainder"));
    CHECK_THAT(test::shape_error_message([&] { (void)tmath::pow(m, bad); }), TMATH_CONTAINS("(3,4)"));
    CHECK_THAT(test::shape_error_message([&] { (void)tmath::clip(m, 0.0, bad); }), TMATH_CONTAINS("clip"));
    CHECK_THAT(test::shape_error_message([&] { (void)tmath::fmod(bad, m); }), TMATH_CONTAINS("(5,)"));
}
