// softmax and log_softmax against a long double reference: every axis of rank 1-4
// shapes (negative axes too), rows summing to 1, large inputs, views and expressions,
// log_softmax consistency, integer inputs and bad axes.
#include "test_support.hpp"

#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <vector>

namespace {

/// Reference softmax (or log_softmax) of (s, v) along axis k, in long double.
template <class T>
std::vector<long double> ref_softmax(const test::shape& s, const std::vector<T>& v, std::size_t k, bool log) {
    std::size_t outer = 1, inner = 1;
    for (std::size_t i = 0; i < k; ++i) outer *= s[i];
    for (std::size_t i = k + 1; i < s.size(); ++i) inner *= s[i];
    const std::size_t n = s[k];
    std::vector<long double> r(v.size());
    for (std::size_t o = 0; o < outer; ++o)
        for (std::size_t j = 0; j < inner; ++j) {
            const auto at = [&](std::size_t i) { return o * n * inner + i * inner + j; };
            long double m = -INFINITY, sum = 0;
            for (std::size_t i = 0; i < n; ++i) m = std::max(m, static_cast<long double>(v[at(i)]));
            for (std::size_t i = 0; i < n; ++i) sum += std::exp(static_cast<long double>(v[at(i)]) - m);
            for (std::size_t i = 0; i < n; ++i) {
                const long double x = static_cast<long double>(v[at(i)]) - m;
                r[at(i)] = log ? x - std::log(sum) : std::exp(x) / sum;
            }
        }
    return r;
}

template <class R, class X>
std::string compare(const X& got, const test::shape& s, const std::vector<long double>& want, double tol) {
    const test::shape gs(got.shape().begin(), got.shape().end());
    if (gs != s) return "shape " + test::fmt(gs) + " != " + test::fmt(s);
    for (std::size_t k = 0; k < want.size(); ++k) {
        const auto g = static_cast<long double>(got.data()[k]);
        if (!(std::abs(g - want[k]) <= tol * (1 + std::abs(want[k]))))
            return "element " + std::to_string(k) + ": got " + std::to_string(static_cast<double>(g)) + " want " +
                   std::to_string(static_cast<double>(want[k]));
    }
    return {};
}

/// Largest |Σ row - 1| of softmax output y (shape s) along axis k.
template <class R>
double worst_row_sum(const tmath::tensor<R>& y, const test::shape& s, std::size_t k) {
    std::size_t outer = 1, inner = 1;
    for (std::size_t i = 0; i < k; ++i) outer *= s[i];
    for (std::size_t i = k + 1; i < s.size(); ++i) inner *= s[i];
    double worst = 0;
    for (std::size_t o = 0; o < outer; ++o)
        for (std::size_t j = 0; j < inner; ++j) {
            double sum = 0;
            for (std::size_t i = 0; i < s[k]; ++i) sum += static_cast<double>(y.data()[(o * s[k] + i) * inner + j]);
            worst = std::max(worst, std::abs(sum - 1));
        }
    return worst;
}

const std::vector<test::shape> shapes = {{1}, {17}, {130}, {3, 33}, {9, 8}, {4, 1, 9}, {2, 3, 5, 7}, {3, 2, 17, 40}, {2, 600, 3}};

}  // namespace

TEMPLATE_TEST_CASE("softmax and log_softmax along every axis match a reference", "[softmax]", float, double) {
    using T = TestType;
    const double tol = std::is_same_v<T, float> ? 2e-6 : 1e-13;
    test::rng r(21);
    for (const auto& s : shapes) {
        const auto v = r.values<T>(test::count(s));
        const auto t = test::make_tensor(s, v);
        const auto rank = static_cast<std::ptrdiff_t>(s.size());
        for (std::ptrdiff_t a = -rank; a < rank; ++a) {
            const auto k = static_cast<std::size_t>(a < 0 ? a + rank : a);
            INFO("shape " << test::fmt(s) << " axis " << a);
            const tmath::tensor<T> y = tmath::softmax(t, a);
            CHECK(compare<T>(y, s, ref_softmax(s, v, k, false), tol) == "");
            CHECK(worst_row_sum(y, s, k) <= (std::is_same_v<T, float> ? 1e-6 : 1e-12));
            const tmath::tensor<T> ly = tmath::log_softmax(t, a);
            CHECK(compare<T>(ly, s, ref_softmax(s, v, k, true), tol * 10) == "");
            // exp(log_softmax) agrees with softmax.
            std::vector<long double> ey(v.size());
            for (std::size_t i = 0; i < v.size(); ++i) ey[i] = std::exp(static_cast<long double>(ly.data()[i]));
            CHECK(compare<T>(y, s, ey, tol * 10) == "");
        }
    }
}

TEMPLATE_TEST_CASE("softmax of views and expressions", "[softmax]", float, double) {
    using T = TestType;
    const double tol = std::is_same_v<T, float> ? 2e-6 : 1e-13;
    test::rng r(22);
    for (const auto& s : shapes) {
        const auto v = r.values<T>(test::count(s));
        const test::shape rev(s.rbegin(), s.rend());
        const auto base = test::make_tensor(rev, test::transposed_layout(s, v));
        const auto view = tmath::transpose(base);
        const auto t = test::make_tensor(s, v);
        std::vector<T> v2(v);
        for (auto& x : v2) x = x * T(2) - T(1);
        for (std::ptrdiff_t a : {std::ptrdiff_t{0}, std::ptrdiff_t{-1}}) {
            const auto k = static_cast<std::size_t>(a < 0 ? a + static_cast<std::ptrdiff_t>(s.size()) : a);
            CHECK(compare<T>(tmath::softmax(view, a), s, ref_softmax(s, v, k, false), tol) == "");
            CHECK(compare<T>(tmath::softmax(t * T(2) - T(1), a), s, ref_softmax(s, v2, k, false), tol) == "");
            CHECK(compare<T>(tmath::log_softmax(view, a), s, ref_softmax(s, v, k, true), tol * 10) == "");
        }
    }
}

TEMPLATE_TEST_CASE("softmax is stable for large inputs", "[softmax]", float, double) {
    using T = TestType;
    const tmath::tensor<T> x = {{1000, 1001, 1002}, {-1000, -1001, -1002}};
    const auto y = tmath::softmax(x, 1);
    const double e1 = std::exp(-1.0), e2 = std::exp(-2.0), z = 1 + e1 + e2;
    const double tol = std::is_same_v<T, float> ? 1e-6 : 1e-14;
    CHECK(std::abs(y(0, 0) - e2 / z) <= tol);
    CHECK(std::abs(y(0, 2) - 1 / z) <= tol);
    CHECK(std::abs(y(1, 0) - 1 / z) <= tol);
    const auto ly = tmath::log_softmax(x, -1);
    CHECK(std::abs(ly(0, 2) + std::log(z)) <= tol * 10);
    CHECK(std::abs(ly(1, 2) - (-2 - std::log(z))) <= tol * 10);
    const auto y0 = tmath::softmax(x, 0);  // columns: (1000, -1000) -> (1, 0)
    CHECK(y0(0, 1) == T(1));
    CHECK(y0(1, 1) == T(0));
    for (std::size_t n : {1u, 7u, 16u, 33u, 1000u}) {
        auto big = tmath::full<T>({2, n}, T(88));
        big(1, n - 1) = T(1e4);
        const auto sb = tmath::softmax(big, -1);
        CHECK(std::abs(sb(0, 0) - T(1) / static_cast<T>(n)) <= tol);
        CHECK(sb(1, n - 1) == T(1));
    }
}

TEST_CASE("softmax NaN empty integer and axis errors", "[softmax]") {
    tmath::tensor<float> x = {1, 2, 3};
    x(1) = std::numeric_limits<float>::quiet_NaN();
    const auto y = tmath::softmax(x);
    CHECK(std::isnan(y(0)));
    CHECK(std::isnan(y(2)));
    CHECK(tmath::softmax(tmath::zeros<float>({0, 3}), 1).shape() == tmath::shape_t{0, 3});
    const tmath::tensor<std::int32_t> i = {1, 2};
    const auto yi = tmath::softmax(i, 0);
    static_assert(std::is_same_v<tmath::value_type_t<decltype(yi)>, double>);
    CHECK(std::abs(yi(1) - 1 / (1 + std::exp(-1.0))) < 1e-15);
    try {
        (void)tmath::softmax(tmath::zeros<float>({2, 3}), 2);
        FAIL("no exception");
    } catch (const std::out_of_range& e) {
        CHECK(std::string(e.what()) == "softmax: axis 2 is out of bounds for array of dimension 2");
    }
    CHECK_THROWS_AS(tmath::log_softmax(x, -2), std::out_of_range);
}
