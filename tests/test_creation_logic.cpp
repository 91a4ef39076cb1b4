// Creation (arange, linspace, eye, *_like, tril/triu) and logic (astype, bitwise and
// logical operations, isnan/isinf/isfinite, isclose, array_equal, any/all/count_nonzero)
// against plain reference loops and known values, at SIMD edge sizes, on views and
// expressions, with the errors they must throw. NumPy-differential cases for the same
// functions live in tests/numpy/everyday_creation.py and everyday_logic.py.
#include "catch.hpp"
#include "test_support.hpp"

#include <tmath/tmath.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <type_traits>
#include <vector>

TEST_CASE("arange follows NumPy's length rule and fill", "[creation]") {
    CHECK(test::values(tmath::arange<int>(5)) == std::vector<int>{0, 1, 2, 3, 4});
    CHECK(test::values(tmath::arange<int>(2, 11, 3)) == std::vector<int>{2, 5, 8});
    CHECK(test::values(tmath::arange<int>(5, -4, -2)) == std::vector<int>{5, 3, 1, -1, -3});
    CHECK(tmath::arange<int>(5, 5).size() == 0);
    CHECK(tmath::arange<int>(5, 9, -1).size() == 0);
    // ceil((1 - 0) / 0.1) = 10 elements; element i is i * (float(0.1) - 0) in float.
    const auto f = tmath::arange<float>(0, 1, 0.1);
    REQUIRE(f.size() == 10);
    for (std::size_t i = 0; i < 10; ++i) CHECK(f(i) == static_cast<float>(i) * 0.1f);
    const auto d = tmath::arange<double>(-1.5, 1.0, 0.5);
    CHECK(test::values(d) == std::vector<double>{-1.5, -1.0, -0.5, 0.0, 0.5});
    // 64-bit bounds far apart: the length is exact.
    CHECK(tmath::arange<std::int64_t>(std::int64_t{-4}, std::int64_t{1} << 40, std::int64_t{1} << 38).size() == 5);
    CHECK_THROWS_AS(tmath::arange<int>(0, 5, 0), std::invalid_argument);
    CHECK_THAT(test::message_of<std::invalid_argument>([] { (void)tmath::arange<float>(0.0, 1.0, 0.0); }),
               TMATH_CONTAINS("arange: step must not be zero"));
    CHECK_THROWS_AS(tmath::arange<double>(0.0, std::nan(""), 1.0), std::invalid_argument);
}

TEST_CASE("linspace includes or excludes the end point and floors integers", "[creation]") {
    CHECK(test::values(tmath::linspace<double>(0, 1, 5)) == std::vector<double>{0, 0.25, 0.5, 0.75, 1});
    CHECK(test::values(tmath::linspace<double>(0, 1, 4, false)) == std::vector<double>{0, 0.25, 0.5, 0.75});
    CHECK(test::values(tmath::linspace<double>(3, 7, 1)) == std::vector<double>{3});
    CHECK(tmath::linspace<float>(3, 7, 0).size() == 0);
    CHECK(test::values(tmath::linspace<int>(-3, 2.5, 4)) == std::vector<int>{-3, -2, 0, 2});
    const auto x = tmath::linspace<float>(-2, 5, 37);
    for (std::size_t i = 0; i < 37; ++i) CHECK(x(i) == static_cast<float>(-2.0 + static_cast<double>(i) * (7.0 / 36.0)));
    CHECK(x(36) == 5.0f);
    CHECK_THAT(test::message_of<std::invalid_argument>([] { (void)tmath::linspace<float>(0, 1, -2); }),
               TMATH_CONTAINS("linspace"));
}

TEMPLATE_TEST_CASE("eye puts ones on diagonal k", "[creation]", float, std::int32_t, bool) {
    for (std::size_t n : {0u, 1u, 3u, 5u})
        for (std::size_t m : {0u, 2u, 5u, 17u})
            for (std::ptrdiff_t k : {-6, -1, 0, 2, 20}) {
                const auto e = tmath::eye<TestType>(n, m, k);
                REQUIRE(test::shape_of(e) == test::shape{n, m});
                for (std::size_t i = 0; i < n; ++i)
                    for (std::size_t j = 0; j < m; ++j)
                        CHECK(e(i, j) == TestType(static_cast<std::ptrdiff_t>(j) - static_cast<std::ptrdiff_t>(i) == k));
            }
    CHECK(test::values(tmath::eye<TestType>(2)) == std::vector<TestType>{1, 0, 0, 1});
}

TEST_CASE("*_like take the shape and element type of tensors, views and expressions", "[creation]") {
    const auto a = test::iota_tensor<float>({2, 3, 4}, 1);
    const auto z = tmath::zeros_like(tmath::transpose(a));
    STATIC_REQUIRE(std::is_same_v<decltype(z), const tmath::tensor<float>>);
    CHECK(test::shape_of(z) == test::shape{4, 3, 2});
    CHECK(tmath::sum(z) == 0.0f);
    const auto o = tmath::ones_like<std::int64_t>(a * 2.0f);
    STATIC_REQUIRE(std::is_same_v<tmath::value_type_t<decltype(o)>, std::int64_t>);
    CHECK(tmath::sum(o) == 24);
    const auto f = tmath::full_like(a, 2.5);
    CHECK(test::values(f) == std::vector<float>(24, 2.5f));
    CHECK(test::shape_of(tmath::empty_like<double>(tmath::view(a, 1))) == test::shape{3, 4});
}

namespace {
/// tril (lower) or triu of a row-major tensor by the plain rule on its last two axes.
template <class T>
std::vector<T> ref_triangle(const tmath::tensor<T>& x, std::ptrdiff_t k, bool lower) {
    const std::size_t r = x.rank(), cols = x.shape()[r - 1], rows = x.shape()[r - 2];
    std::vector<T> v = test::values(x);
    for (std::size_t p = 0; p < v.size(); ++p) {
        const auto j = static_cast<std::ptrdiff_t>(p % cols), i = static_cast<std::ptrdiff_t>((p / cols) % rows);
        if (lower ? j - i > k : j - i < k) v[p] = T(0);
    }
    return v;
}
}  // namespace

TEMPLATE_TEST_CASE("tril and triu keep a triangle of the last two axes", "[creation]", float, double, std::int8_t) {
    for (std::size_t cols : test::edge_sizes<TestType>()) {
        if (cols > 40) continue;
        const auto x = test::iota_tensor<TestType>({2, 5, cols}, 3);
        for (std::ptrdiff_t k : {-7, -2, 0, 1, 3, 50}) {
            CHECK(test::values(tmath::eval(tmath::tril(x, k))) == ref_triangle(x, k, true));
            CHECK(test::values(tmath::eval(tmath::triu(x, k))) == ref_triangle(x, k, false));
        }
    }
    // A transposed view, fused into an expression.
    const auto b = test::iota_tensor<TestType>({6, 9}, 5);
    const tmath::tensor<TestType> t = tmath::eval(tmath::transpose(b));
    const tmath::tensor<TestType> y = tmath::triu(tmath::transpose(b), -1) + tmath::tril(t, -2);
    std::vector<TestType> want = ref_triangle(t, -1, false);
    const std::vector<TestType> low = ref_triangle(t, -2, true);
    for (std::size_t i = 0; i < want.size(); ++i) want[i] = static_cast<TestType>(want[i] + low[i]);
    CHECK(test::values(y) == want);
}

TEST_CASE("tril of a vector is square, of bools stays bool, of a scalar throws", "[creation]") {
    const tmath::tensor<int> v = {1, 2, 3};
    const tmath::tensor<int> l = tmath::tril(v);
    CHECK(test::shape_of(l) == test::shape{3, 3});
    CHECK(test::values(l) == std::vector<int>{1, 0, 0, 1, 2, 0, 1, 2, 3});
    const tmath::tensor<bool> m = tmath::triu(tmath::ones<bool>({3, 3}), 1);
    CHECK(test::values(m) == std::vector<bool>{false, true, true, false, false, true, false, false, false});
    CHECK_THAT(test::message_of<std::invalid_argument>([] { (void)tmath::tril(tmath::zeros<float>({})); }),
               TMATH_CONTAINS("tril: input of shape ()"));
}

TEST_CASE("astype converts lazily with NumPy's truncation and defined edge cases", "[logic]") {
    for (std::size_t n : test::edge_sizes<float>()) {
        tmath::tensor<float> x = tmath::empty<float>({n});
        for (std::size_t i = 0; i < n; ++i) x(i) = static_cast<float>(i) * 0.75f - 5.5f;
        const tmath::tensor<int> y = tmath::astype<int>(x * 2.0f);
        const tmath::tensor<bool> b = tmath::astype<bool>(x);
        const tmath::tensor<double> d = tmath::astype<double>(tmath::astype<int>(x));
        for (std::size_t i = 0; i < n; ++i) {
            CHECK(y(i) == static_cast<int>(x(i) * 2.0f));
            CHECK(b(i) == (x(i) != 0.0f));
            CHECK(d(i) == static_cast<double>(static_cast<int>(x(i))));
        }
    }
    // The edge values in every lane position of full SIMD batches and of the tail.
    const float edges[] = {std::nanf(""), 1e20f, -1e20f, -2.9f, 2.9f, 2147483520.0f, 2147483648.0f, -2147483648.0f,
                           -2147483904.0f, -0.5f, std::numeric_limits<float>::infinity(),
                           -std::numeric_limits<float>::infinity(), 7.0f};
    const auto ref_int = [](double v) -> std::int64_t {  // the rule, for int32 and int64 targets alike
        if (std::isnan(v)) return 0;
        return static_cast<std::int64_t>(std::trunc(v));
    };
    for (std::size_t n : {13u, 100u, 1001u}) {
        tmath::tensor<float> e = tmath::empty<float>({n});
        for (std::size_t i = 0; i < n; ++i) e(i) = edges[(i * 5) % 13];
        const tmath::tensor<std::int32_t> i32 = tmath::astype<std::int32_t>(e);
        const tmath::tensor<std::int64_t> i64 = tmath::astype<std::int64_t>(tmath::astype<double>(e));
        for (std::size_t i = 0; i < n; ++i) {
            const double v = e(i);
            const std::int64_t want32 = std::isinf(v) || std::fabs(v) > 1e19 ? (v > 0 ? 2147483647 : -2147483648LL)
                                                                              : std::clamp<std::int64_t>(ref_int(v), -2147483648LL, 2147483647);
            const std::int64_t want64 = std::isinf(v) || std::fabs(v) > 1e19
                                            ? (v > 0 ? std::numeric_limits<std::int64_t>::max() : std::numeric_limits<std::int64_t>::min())
                                            : ref_int(v);
            CHECK(i32(i) == want32);
            CHECK(i64(i) == want64);
        }
    }
    const tmath::tensor<float> s = {std::nanf(""), 1e20f, -1e20f, -2.9f, 2.9f};
    CHECK(test::values(tmath::eval(tmath::astype<std::int32_t>(s))) ==
          std::vector<std::int32_t>{0, std::numeric_limits<std::int32_t>::max(), std::numeric_limits<std::int32_t>::min(), -2, 2});
    CHECK(test::values(tmath::eval(tmath::astype<std::uint8_t>(tmath::tensor<int>{-1, 256, 300}))) ==
          std::vector<std::uint8_t>{255, 0, 44});
    CHECK(test::values(tmath::eval(tmath::astype<float>(tmath::tensor<bool>{true, false}))) == std::vector<float>{1, 0});
}

TEMPLATE_TEST_CASE("bitwise operators on integers match the C++ operators", "[logic]", std::int32_t, std::int64_t,
                   std::uint8_t) {
    for (std::size_t n : test::edge_sizes<TestType>()) {
        const auto a = test::iota_tensor<TestType>({n}, 2);
        const auto b = test::iota_tensor<TestType>({n}, 9);
        const tmath::tensor<TestType> x = a & b, y = a | b, z = a ^ b, w = ~a, s = (a & 6) | 1;
        for (std::size_t i = 0; i < n; ++i) {
            CHECK(x(i) == static_cast<TestType>(a(i) & b(i)));
            CHECK(y(i) == static_cast<TestType>(a(i) | b(i)));
            CHECK(z(i) == static_cast<TestType>(a(i) ^ b(i)));
            CHECK(w(i) == static_cast<TestType>(~a(i)));
            CHECK(s(i) == static_cast<TestType>((a(i) & 6) | 1));
        }
    }
}

TEST_CASE("bitwise and logical operations on bools and truth values", "[logic]") {
    const tmath::tensor<bool> p = {true, true, false, false};
    const tmath::tensor<bool> q = {true, false, true, false};
    CHECK(test::values(tmath::eval(p & q)) == std::vector<bool>{true, false, false, false});
    CHECK(test::values(tmath::eval(p | q)) == std::vector<bool>{true, true, true, false});
    CHECK(test::values(tmath::eval(p ^ q)) == std::vector<bool>{false, true, true, false});
    CHECK(test::values(tmath::eval(~p)) == std::vector<bool>{false, false, true, true});
    const tmath::tensor<float> f = {0.0f, -2.0f, std::nanf(""), 0.5f};
    CHECK(test::values(tmath::eval(tmath::logical_and(f, q))) == std::vector<bool>{false, false, true, false});
    CHECK(test::values(tmath::eval(tmath::logical_or(f, 0))) == std::vector<bool>{false, true, true, true});
    CHECK(test::values(tmath::eval(tmath::logical_xor(f, p))) == std::vector<bool>{true, false, true, true});
    CHECK(test::values(tmath::eval(tmath::logical_not(f))) == std::vector<bool>{true, false, false, false});
    // A causal mask combined with a padding mask, broadcast: (1, 4, 4) | (2, 1, 4).
    const tmath::tensor<bool> upper = tmath::astype<bool>(tmath::triu(tmath::ones<float>({4, 4}), 1));
    const auto causal = tmath::expand_dims(upper, 0);
    const tmath::tensor<bool> pad = {{{false, false, false, true}}, {{false, false, true, true}}};
    const tmath::tensor<bool> both = causal | pad;
    CHECK(test::shape_of(both) == test::shape{2, 4, 4});
    for (std::size_t b = 0; b < 2; ++b)
        for (std::size_t i = 0; i < 4; ++i)
            for (std::size_t j = 0; j < 4; ++j) CHECK(both(b, i, j) == (j > i || pad(b, 0, j)));
    CHECK_THAT(test::shape_error_message([&] { (void)(p & tmath::ones<bool>({3})); }), TMATH_CONTAINS("bitwise_and"));
}

TEMPLATE_TEST_CASE("isnan, isinf, isfinite at SIMD edge sizes, and inside where", "[logic]", float, double) {
    const TestType specials[] = {std::numeric_limits<TestType>::quiet_NaN(), std::numeric_limits<TestType>::infinity(),
                                 -std::numeric_limits<TestType>::infinity(), TestType(0), TestType(-1.5),
                                 std::numeric_limits<TestType>::max(), std::numeric_limits<TestType>::denorm_min()};
    for (std::size_t n : test::edge_sizes<TestType>()) {
        tmath::tensor<TestType> x = tmath::empty<TestType>({n});
        for (std::size_t i = 0; i < n; ++i) x(i) = specials[(i * 5) % 7];
        const tmath::tensor<bool> a = tmath::isnan(x), b = tmath::isinf(x), c = tmath::isfinite(x);
        // Inside `where` the tests are SIMD masks (the bool tensors above go lane by lane);
        // `x != x` is true for NaN in a mask too (xsimd 8's AVX / AVX-512 `!=` is not).
        const tmath::tensor<TestType> w = tmath::where(tmath::isfinite(x), x, TestType(7));
        const tmath::tensor<TestType> v = tmath::where(tmath::isnan(x), TestType(0), x);
        const tmath::tensor<TestType> u = tmath::where(x != x, TestType(1), TestType(2));
        const tmath::tensor<TestType> t = tmath::where(tmath::isinf(x), TestType(3), TestType(4));
        for (std::size_t i = 0; i < n; ++i) {
            CHECK(a(i) == std::isnan(x(i)));
            CHECK(b(i) == std::isinf(x(i)));
            CHECK(c(i) == std::isfinite(x(i)));
            CHECK(w(i) == (std::isfinite(x(i)) ? x(i) : TestType(7)));
            CHECK(v(i) == (std::isnan(x(i)) ? TestType(0) : x(i)));
            CHECK(u(i) == (std::isnan(x(i)) ? TestType(1) : TestType(2)));
            CHECK(t(i) == (std::isinf(x(i)) ? TestType(3) : TestType(4)));
        }
    }
    CHECK(test::values(tmath::eval(tmath::isfinite(tmath::tensor<int>{1, 2}))) == std::vector<bool>{true, true});
}

TEST_CASE("isclose and array_equal follow NumPy", "[logic]") {
    const double inf = std::numeric_limits<double>::infinity(), nan = std::nan("");
    const tmath::tensor<double> a = {1.0, 1.0, inf, inf, nan, 100.0, 0.0};
    const tmath::tensor<double> b = {1.0 + 1e-6, 1.1, inf, -inf, nan, 100.0009, 1e-9};
    CHECK(test::values(tmath::eval(tmath::isclose(a, b))) ==
          std::vector<bool>{true, false, true, false, false, true, true});
    CHECK(test::values(tmath::eval(tmath::isclose(a, b, 0.0, 0.0, true))) ==
          std::vector<bool>{false, false, true, false, true, false, false});
    CHECK(test::values(tmath::eval(tmath::isclose(a, 1.0, 0.2))) ==
          std::vector<bool>{true, true, false, false, false, false, false});
    CHECK(tmath::array_equal(a, tmath::eval(a * 1.0)) == false);  // NaN != NaN
    CHECK(tmath::array_equal(a, tmath::eval(a * 1.0), true));
    CHECK_FALSE(tmath::array_equal(tmath::zeros<int>({2, 3}), tmath::zeros<int>({3, 2})));
    CHECK_FALSE(tmath::array_equal(tmath::zeros<int>({1, 3}), tmath::zeros<int>({3})));
    CHECK(tmath::array_equal(tmath::zeros<int>({0, 3}), tmath::zeros<float>({0, 3})));
}

TEMPLATE_TEST_CASE("any, all and count_nonzero along axes match reference loops", "[logic]", float, bool) {
    // (3, 4, n): row j of block i nonzero except where (i + j + k) % (j + 2) == 0.
    for (std::size_t n : {0u, 1u, 5u, 17u}) {
        tmath::tensor<TestType> x = tmath::empty<TestType>({3, 4, n});
        for (std::size_t i = 0; i < 3; ++i)
            for (std::size_t j = 0; j < 4; ++j)
                for (std::size_t k = 0; k < n; ++k) x(i, j, k) = TestType((i + j + k) % (j + 2) != 0 || j == 3);
        std::int64_t total = 0;
        for (const auto& e : x) total += e != TestType(0);
        CHECK(tmath::count_nonzero(x) == total);
        CHECK(tmath::any(x) == (total > 0));
        CHECK(tmath::all(x) == (total == static_cast<std::int64_t>(x.size())));
        const auto c = tmath::count_nonzero(x, -1);
        const auto any_ = tmath::any(x, {0, 2}, true);
        const auto all_ = tmath::all(tmath::transpose(x), 2);  // the transposed axis 2 is x's axis 0
        REQUIRE(test::shape_of(any_) == test::shape{1, 4, 1});
        REQUIRE(test::shape_of(all_) == test::shape{n, 4});
        for (std::size_t j = 0; j < 4; ++j) {
            bool any_j = false;
            for (std::size_t i = 0; i < 3; ++i) {
                std::int64_t row = 0;
                for (std::size_t k = 0; k < n; ++k) row += x(i, j, k) != TestType(0);
                CHECK(c(i, j) == row);
                any_j = any_j || row > 0;
            }
            CHECK(any_(0, j, 0) == any_j);
            for (std::size_t k = 0; k < n; ++k)
                CHECK(all_(k, j) == (x(0, j, k) != TestType(0) && x(1, j, k) != TestType(0) && x(2, j, k) != TestType(0)));
        }
    }
    CHECK_THROWS_AS(tmath::any(tmath::zeros<TestType>({2}), 1), tmath::index_error);
}

TEST_CASE("tmath::all is both the whole-axis slice spec and the all reduction", "[logic]") {
    const tmath::tensor<float> m = {{1, 2, 0}, {4, 5, 6}};
    const auto column = tmath::view(m, tmath::all, 2);
    CHECK(test::values(column) == std::vector<float>{0, 6});
    CHECK_FALSE(tmath::all(column));
    CHECK(tmath::all(tmath::view(m, 1, tmath::all)));
    CHECK(test::values(tmath::all(m, 1)) == std::vector<bool>{false, true});
    CHECK(test::values(tmath::all(m, std::vector<int>{0})) == std::vector<bool>{true, true, false});
    CHECK(tmath::all(tmath::zeros<float>({0})));
}
