// Element-wise math, comparisons and where: every function against a std:: reference
// loop over float, double, int32 and int64 at SIMD edge sizes, broadcasting with scalars
// and rank-0 / size-0 shapes, NaN propagation, result types, and the evaluation paths
// (flat, broadcast rows, transposed operands).
#include "catch.hpp"
#include "test_support.hpp"

#include <tmath/tmath.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>
#include <vector>

using test::shape;

namespace {

using test::edge_sizes;

/// Within `ulps` units in the last place of `want` (and equal infinities / both NaN).
template <class T>
bool near_ulps(T got, T want, double ulps) {
    if (std::isnan(want)) return std::isnan(got);
    if (got == want) return true;
    const double eps = std::numeric_limits<T>::epsilon();
    const double tiny = static_cast<double>(std::numeric_limits<T>::min());
    return std::abs(static_cast<double>(got) - static_cast<double>(want)) <=
           ulps * eps * std::abs(static_cast<double>(want)) + tiny;
}

/// Checks `got` (a tensor) against f applied to every element of `in` (flat), within `ulps`.
template <class R, class T, class F>
void check_unary(const tmath::tensor<R>& got, const std::vector<T>& in, F f, double ulps) {
    REQUIRE(got.size() == in.size());
    for (std::size_t k = 0; k < in.size(); ++k) {
        const R want = static_cast<R>(f(static_cast<R>(in[k])));
        INFO("element " << k << " of " << in.size() << ": x = " << +in[k] << ", got " << +got.data()[k]
                        << ", want " << +want);
        if constexpr (std::is_floating_point_v<R>) CHECK(near_ulps(got.data()[k], want, ulps));
        else CHECK(got.data()[k] == want);
    }
}

/// Empty when the bool tensor `got` has shape `s` and holds `want`; else the first difference.
std::string bool_mismatch(const tmath::tensor<bool>& got, const shape& s, const std::vector<bool>& want) {
    const shape gs(got.shape().begin(), got.shape().end());
    if (gs != s) return "shape " + test::fmt(gs) + " != expected " + test::fmt(s);
    if (want.size() != got.size()) return "bad reference";
    for (std::size_t k = 0; k < want.size(); ++k)
        if (got.data()[k] != want[k]) return "element " + std::to_string(k) + " of shape " + test::fmt(s);
    return {};
}

}  // namespace

TEMPLATE_TEST_CASE("math: result types follow NumPy", "[math]", float, double, std::int32_t, std::int64_t) {
    using T = TestType;
    using F = std::conditional_t<std::is_floating_point_v<T>, T, double>;
    tmath::tensor<T> a = {1, 2, 3};
    STATIC_REQUIRE(std::is_same_v<tmath::value_type_t<decltype(tmath::exp(a))>, F>);
    STATIC_REQUIRE(std::is_same_v<tmath::value_type_t<decltype(tmath::log(a))>, F>);
    STATIC_REQUIRE(std::is_same_v<tmath::value_type_t<decltype(tmath::sqrt(a))>, F>);
    STATIC_REQUIRE(std::is_same_v<tmath::value_type_t<decltype(tmath::tanh(a))>, F>);
    STATIC_REQUIRE(std::is_same_v<tmath::value_type_t<decltype(tmath::sigmoid(a))>, F>);
    STATIC_REQUIRE(std::is_same_v<tmath::value_type_t<decltype(tmath::abs(a))>, T>);
    STATIC_REQUIRE(std::is_same_v<tmath::value_type_t<decltype(tmath::pow(a, 2))>, T>);
    STATIC_REQUIRE(std::is_same_v<tmath::value_type_t<decltype(tmath::pow(a, 0.5))>, F>);
    STATIC_REQUIRE(std::is_same_v<tmath::value_type_t<decltype(tmath::maximum(a, a))>, T>);
    STATIC_REQUIRE(std::is_same_v<tmath::value_type_t<decltype(tmath::minimum(a, 1))>, T>);
    STATIC_REQUIRE(std::is_same_v<tmath::value_type_t<decltype(a < a)>, bool>);
    STATIC_REQUIRE(std::is_same_v<tmath::value_type_t<decltype(a == 1)>, bool>);
    STATIC_REQUIRE(std::is_same_v<tmath::value_type_t<decltype(tmath::where(a > 1, a, 0))>, T>);
    // Nothing is computed before assignment: the functions build lazy nodes.
    STATIC_REQUIRE(!tmath::memory_expression<decltype(tmath::exp(a))>);
    STATIC_REQUIRE(!tmath::memory_expression<decltype(tmath::where(a > 1, a, a * 2))>);
}

TEST_CASE("math: tmath functions never take over std scalar calls", "[math]") {
    using namespace tmath;
    // Unqualified calls with plain scalars still find the <cmath> functions.
    CHECK(exp(0.0) == 1.0);
    CHECK(sqrt(16.0) == 4.0);
    CHECK(abs(-3) == 3);
    CHECK(std::abs(-2.5) == 2.5);
    CHECK(pow(2.0, 3) == 8.0);
}

TEMPLATE_TEST_CASE("math: exp log sqrt tanh sigmoid match std at SIMD edge sizes", "[math]", float, double,
                   std::int32_t, std::int64_t) {
    using T = TestType;
    using F = std::conditional_t<std::is_floating_point_v<T>, T, double>;
    test::rng rng(11);
    for (std::size_t n : edge_sizes<F>()) {
        CAPTURE(n);
        std::vector<T> x = rng.values<T>(n);
        if constexpr (!std::is_floating_point_v<T>)
            for (auto& v : x) v = static_cast<T>(v % 60);  // exp stays finite
        std::vector<T> pos(x);
        for (auto& v : pos) v = static_cast<T>(std::abs(v) + T(1));
        const auto a = test::make_tensor<T>({n}, x);
        const auto p = test::make_tensor<T>({n}, pos);
        check_unary<F>(tmath::tensor<F>(tmath::exp(a)), x, [](F v) { return std::exp(v); }, 4);
        check_unary<F>(tmath::tensor<F>(tmath::log(p)), pos, [](F v) { return std::log(v); }, 4);
        check_unary<F>(tmath::tensor<F>(tmath::sqrt(p)), pos, [](F v) { return std::sqrt(v); }, 1);
        check_unary<F>(tmath::tensor<F>(tmath::tanh(a)), x, [](F v) { return std::tanh(v); }, 4);
        check_unary<F>(tmath::tensor<F>(tmath::sigmoid(a)), x, [](F v) { return F(1) / (F(1) + std::exp(-v)); },
                       8);
    }
}

TEMPLATE_TEST_CASE("math: special values of exp log sqrt", "[math]", float, double) {
    using T = TestType;
    const T inf = std::numeric_limits<T>::infinity();
    const T nan = std::numeric_limits<T>::quiet_NaN();
    tmath::tensor<T> a = {0, -1, inf, -inf, nan, 1};
    tmath::tensor<T> e = tmath::exp(a);
    tmath::tensor<T> l = tmath::log(a);
    tmath::tensor<T> s = tmath::sqrt(a);
    tmath::tensor<T> t = tmath::tanh(a);
    for (std::size_t k = 0; k < a.size(); ++k) {
        CAPTURE(k);
        CHECK(near_ulps(e(k), std::exp(a(k)), 4));
        CHECK(near_ulps(l(k), std::log(a(k)), 4));
        CHECK(near_ulps(s(k), std::sqrt(a(k)), 1));
        CHECK(near_ulps(t(k), std::tanh(a(k)), 4));
    }
}

TEMPLATE_TEST_CASE("math: abs keeps the type and is exact", "[math]", float, double, std::int32_t, std::int64_t,
                   std::int16_t, std::uint32_t) {
    using T = TestType;
    test::rng rng(12);
    for (std::size_t n : edge_sizes<T>()) {
        CAPTURE(n);
        std::vector<T> x(n);
        for (auto& v : x) v = static_cast<T>(rng.value<std::int32_t>() % 100);
        const auto a = test::make_tensor<T>({n}, x);
        const tmath::tensor<T> r = tmath::abs(a);
        std::vector<T> want(x);
        for (auto& v : want)
            if constexpr (std::is_signed_v<T>) v = static_cast<T>(v < 0 ? -v : v);
        CHECK(test::mismatch(r, {n}, want).empty());
    }
}

TEMPLATE_TEST_CASE("math: pow with a scalar exponent", "[math]", float, double) {
    using T = TestType;
    test::rng rng(13);
    for (std::size_t n : edge_sizes<T>()) {
        CAPTURE(n);
        std::vector<T> x = rng.values<T>(n);
        for (auto& v : x) v = std::abs(v);
        const auto a = test::make_tensor<T>({n}, x);
        for (double p : {2.0, 3.0, 0.5, -1.5, 0.0, 1.0}) {
            CAPTURE(p);
            const tmath::tensor<T> r = tmath::pow(a, static_cast<T>(p));
            check_unary<T>(r, x, [p](T v) { return std::pow(v, static_cast<T>(p)); }, 8);
        }
    }
}

TEMPLATE_TEST_CASE("math: pow of integers stays integer for integer exponents", "[math]", std::int32_t,
                   std::int64_t) {
    using T = TestType;
    tmath::tensor<T> a = {-3, -2, -1, 0, 1, 2, 3, 10};
    CHECK(test::mismatch(tmath::tensor<T>(tmath::pow(a, 3)), {8}, std::vector<T>{-27, -8, -1, 0, 1, 8, 27, 1000})
              .empty());
    CHECK(test::mismatch(tmath::tensor<T>(tmath::pow(a, 0)), {8}, std::vector<T>(8, 1)).empty());
    // A negative integer exponent is an error, as in NumPy (unless the result is empty).
    CHECK_THROWS_WITH(tmath::pow(a, -1), TMATH_CONTAINS("power") && TMATH_CONTAINS("(8,)") &&
                                             TMATH_CONTAINS("-1"));
    CHECK_THROWS_AS(tmath::pow(a, -2), std::invalid_argument);
    CHECK(tmath::eval(tmath::pow(tmath::zeros<T>({0, 2}), -1)).shape()[0] == 0);
    const tmath::tensor<double> h = tmath::pow(a, 0.5);
    CHECK(near_ulps(h(7), std::sqrt(10.0), 2));
    CHECK(std::isnan(h(0)));
}

TEMPLATE_TEST_CASE("math: maximum and minimum against a reference over broadcast shapes", "[math][broadcast]",
                   float, double, std::int32_t, std::int64_t) {
    using T = TestType;
    test::rng rng(14);
    for (int trial = 0; trial < 60; ++trial) {
        const shape out = rng.out_shape(4);
        const shape sa = rng.operand_shape(out);
        const shape sb = rng.operand_shape(out);
        shape got_shape;
        REQUIRE(test::ref_broadcast(sa, sb, got_shape));
        CAPTURE(test::fmt(sa), test::fmt(sb));
        const auto va = rng.values<T>(test::count(sa));
        const auto vb = rng.values<T>(test::count(sb));
        const auto a = test::make_tensor<T>(sa, va);
        const auto b = test::make_tensor<T>(sb, vb);
        const tmath::tensor<T> mx = tmath::maximum(a, b);
        const tmath::tensor<T> mn = tmath::minimum(a, b);
        CHECK(test::mismatch(mx, got_shape, test::ref_binary<T>(got_shape, sa, va, sb, vb, [](T x, T y) {
                                 return x < y ? y : x;
                             })).empty());
        CHECK(test::mismatch(mn, got_shape, test::ref_binary<T>(got_shape, sa, va, sb, vb, [](T x, T y) {
                                 return y < x ? y : x;
                             })).empty());
    }
}

TEMPLATE_TEST_CASE("math: maximum and minimum propagate NaN from either side", "[math][nan]", float, double) {
    using T = TestType;
    const T nan = std::numeric_limits<T>::quiet_NaN();
    for (std::size_t n : edge_sizes<T>()) {
        if (n == 0) continue;
        CAPTURE(n);
        auto a = tmath::full<T>({n}, T(1));
        auto b = tmath::full<T>({n}, T(2));
        a(n - 1) = nan;
        b(0) = nan;
        const tmath::tensor<T> mx = tmath::maximum(a, b);
        const tmath::tensor<T> mn = tmath::minimum(a, b);
        CHECK(std::isnan(mx(0)));
        CHECK(std::isnan(mn(0)));
        CHECK(std::isnan(mx(n - 1)));
        CHECK(std::isnan(mn(n - 1)));
        for (std::size_t k = 1; k + 1 < n; ++k) {
            CHECK(mx(k) == T(2));
            CHECK(mn(k) == T(1));
        }
        // A NaN scalar poisons everything; a number scalar clamps.
        const tmath::tensor<T> all_nan = tmath::maximum(b, nan);
        for (std::size_t k = 0; k < n; ++k) CHECK(std::isnan(all_nan(k)));
        const tmath::tensor<T> relu = tmath::maximum(T(0), a - T(1.5));
        CHECK(relu(n - 1) != relu(n - 1));
        if (n > 1) CHECK(relu(0) == T(0));
    }
}

TEMPLATE_TEST_CASE("math: functions broadcast with scalars and rank-0 and size-0 shapes", "[math][broadcast]",
                   float, double) {
    using T = TestType;
    const auto zero = tmath::zeros<T>({0, 3});
    const tmath::tensor<T> e0 = tmath::exp(zero) + T(1);
    CHECK(test::fmt(shape(e0.shape().begin(), e0.shape().end())) == "(0,3)");
    const auto r0 = tmath::full<T>({}, T(4));
    const tmath::tensor<T> s0 = tmath::sqrt(r0);
    CHECK(s0.rank() == 0);
    CHECK(*s0.data() == T(2));
    auto col = tmath::empty<T>({2, 1});
    col(0, 0) = T(1);
    col(1, 0) = T(2);
    tmath::tensor<T> row = {0, 1, 2};
    const tmath::tensor<T> m = tmath::maximum(col, row) * tmath::exp(r0 * T(0));
    CHECK(test::mismatch(m, {2, 3}, std::vector<T>{1, 1, 2, 2, 2, 2}).empty());
    CHECK_THROWS_AS(tmath::maximum(tmath::zeros<T>({3}), tmath::zeros<T>({4})), tmath::shape_error);
    CHECK(test::shape_error_message([&] { (void)tmath::minimum(tmath::zeros<T>({3}), tmath::zeros<T>({4})); }) ==
          "minimum: operands could not be broadcast together with shapes (3,) and (4,)");
}

TEMPLATE_TEST_CASE("compare: the six comparisons are exact over broadcast shapes", "[compare][broadcast]", float,
                   double, std::int32_t, std::int64_t) {
    using T = TestType;
    test::rng rng(15);
    for (int trial = 0; trial < 40; ++trial) {
        const shape out = rng.out_shape(4);
        const shape sa = rng.operand_shape(out);
        const shape sb = rng.operand_shape(out);
        shape s;
        REQUIRE(test::ref_broadcast(sa, sb, s));
        CAPTURE(test::fmt(sa), test::fmt(sb));
        auto va = rng.values<T>(test::count(sa));
        const auto vb = rng.values<T>(test::count(sb));
        for (std::size_t k = 0; k < va.size() && !vb.empty(); k += 3) va[k] = vb[k % vb.size()];  // some ties
        const auto a = test::make_tensor<T>(sa, va);
        const auto b = test::make_tensor<T>(sb, vb);
        using test::ref_binary;
        CHECK(bool_mismatch(tmath::tensor<bool>(a < b), s, ref_binary<bool>(s, sa, va, sb, vb, [](T x, T y) { return x < y; })).empty());
        CHECK(bool_mismatch(tmath::tensor<bool>(a <= b), s, ref_binary<bool>(s, sa, va, sb, vb, [](T x, T y) { return x <= y; })).empty());
        CHECK(bool_mismatch(tmath::tensor<bool>(a > b), s, ref_binary<bool>(s, sa, va, sb, vb, [](T x, T y) { return x > y; })).empty());
        CHECK(bool_mismatch(tmath::tensor<bool>(a >= b), s, ref_binary<bool>(s, sa, va, sb, vb, [](T x, T y) { return x >= y; })).empty());
        CHECK(bool_mismatch(tmath::tensor<bool>(a == b), s, ref_binary<bool>(s, sa, va, sb, vb, [](T x, T y) { return x == y; })).empty());
        CHECK(bool_mismatch(tmath::tensor<bool>(a != b), s, ref_binary<bool>(s, sa, va, sb, vb, [](T x, T y) { return x != y; })).empty());
    }
}

TEST_CASE("compare: mixed types compare in their common type", "[compare]") {
    tmath::tensor<std::int32_t> i = {0, 1, 2, 3};
    // A floating scalar next to integers promotes: 1 < 1.5 holds.
    const tmath::tensor<bool> lt = i < 1.5;
    CHECK(lt(0));
    CHECK(lt(1));
    CHECK(!lt(2));
    tmath::tensor<double> d = {0.5, 1.0, 2.5, 3.0};
    const tmath::tensor<bool> eq = i == d + 0.0;
    CHECK(!eq(0));
    CHECK(eq(3));
    CHECK(!eq(2));
    // Comparisons convert to numbers on assignment, and NaN compares unequal.
    const tmath::tensor<float> as_float = d > 1.0;
    CHECK(as_float(0) == 0.0f);
    CHECK(as_float(2) == 1.0f);
    tmath::tensor<float> nan = {std::numeric_limits<float>::quiet_NaN(), 1.0f};
    const tmath::tensor<bool> ne = nan != nan;
    CHECK(ne(0));
    CHECK(!ne(1));
    const tmath::tensor<bool> same = nan == nan;
    CHECK(!same(0));
    CHECK(same(1));
}

TEMPLATE_TEST_CASE("where: selects against a reference over broadcast shapes", "[where][broadcast]", float,
                   double, std::int32_t, std::int64_t) {
    using T = TestType;
    test::rng rng(16);
    for (int trial = 0; trial < 60; ++trial) {
        const shape out = rng.out_shape(4);
        const shape sc = rng.operand_shape(out);
        const shape sa = rng.operand_shape(out);
        const shape sb = rng.operand_shape(out);
        shape s1;
        shape s;
        REQUIRE(test::ref_broadcast(sc, sa, s1));
        REQUIRE(test::ref_broadcast(s1, sb, s));
        CAPTURE(test::fmt(sc), test::fmt(sa), test::fmt(sb));
        const auto vc = rng.values<T>(test::count(sc));
        const auto va = rng.values<T>(test::count(sa));
        const auto vb = rng.values<T>(test::count(sb));
        const auto c = test::make_tensor<T>(sc, vc);
        const auto a = test::make_tensor<T>(sa, va);
        const auto b = test::make_tensor<T>(sb, vb);
        std::vector<T> want(test::count(s));
        for (std::size_t k = 0; k < want.size(); ++k) {
            const auto idx = test::unravel(k, s);
            const bool cond = vc[test::broadcast_offset(s, idx, sc)] > T(0);
            want[k] = cond ? va[test::broadcast_offset(s, idx, sa)] : vb[test::broadcast_offset(s, idx, sb)];
        }
        const tmath::tensor<T> r = tmath::where(c > T(0), a, b);
        CHECK(test::mismatch(r, s, want).empty());
        // The same through a materialized bool condition.
        const tmath::tensor<bool> mask = c > T(0);
        const tmath::tensor<T> r2 = tmath::where(mask, a, b);
        CHECK(test::mismatch(r2, s, want).empty());
    }
}

TEMPLATE_TEST_CASE("where: scalars and a numeric condition", "[where]", float, double, std::int32_t) {
    using T = TestType;
    for (std::size_t n : edge_sizes<T>()) {
        CAPTURE(n);
        auto a = tmath::empty<T>({n});
        for (std::size_t k = 0; k < n; ++k) a(k) = static_cast<T>(static_cast<int>(k % 7) - 3);
        const tmath::tensor<T> relu = tmath::where(a > 0, a, 0);
        const tmath::tensor<T> leaky = tmath::where(a > T(0), a, T(2) * a);
        const tmath::tensor<T> sign = tmath::where(a < 0, -1, 1);
        const tmath::tensor<T> nz = tmath::where(a, T(1), T(0));  // nonzero is true, as NumPy
        for (std::size_t k = 0; k < n; ++k) {
            const T x = a(k);
            CHECK(relu(k) == (x > 0 ? x : T(0)));
            CHECK(leaky(k) == (x > 0 ? x : static_cast<T>(2 * x)));
            CHECK(sign(k) == (x < 0 ? T(-1) : T(1)));
            CHECK(nz(k) == (x != 0 ? T(1) : T(0)));
        }
    }
}

TEST_CASE("where: branches of other types and conditions of other widths", "[where]") {
    tmath::tensor<float> f = {-1.0f, 2.0f, -3.0f, 4.0f, 5.0f, -6.0f, 7.0f, -8.0f, 9.0f};
    tmath::tensor<double> d = {10, 20, 30, 40, 50, 60, 70, 80, 90};
    tmath::tensor<std::int64_t> i = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    // A float comparison selecting doubles (different lane counts), int64 with double.
    const tmath::tensor<double> r = tmath::where(f > 0.0f, d, 0.5);
    const tmath::tensor<double> m = tmath::where(i > 4, d, i);
    STATIC_REQUIRE(std::is_same_v<tmath::value_type_t<decltype(tmath::where(i > 4, d, i))>, double>);
    for (std::size_t k = 0; k < 9; ++k) {
        CHECK(r(k) == (f(k) > 0 ? d(k) : 0.5));
        CHECK(m(k) == (i(k) > 4 ? d(k) : static_cast<double>(i(k))));
    }
    // Nested: a where inside arithmetic inside a where.
    const tmath::tensor<float> nested = tmath::where(f < 0.0f, tmath::where(f < -5.0f, f * 0.0f, f) + 1.0f, f * 2.0f);
    for (std::size_t k = 0; k < 9; ++k) {
        const float x = f(k);
        CHECK(nested(k) == (x < 0 ? (x < -5 ? 0.0f : x) + 1.0f : x * 2.0f));
    }
    CHECK(test::shape_error_message([&] { (void)tmath::where(f > 0.0f, tmath::zeros<float>({2}), 1.0f); }) ==
          "where: operands could not be broadcast together with shapes (9,), (2,) and ()");
}

TEMPLATE_TEST_CASE("where: every evaluation path", "[where][eval]", float, double) {
    using T = TestType;
    // Rows with a broadcast column, short periodic rows, and a transposed operand.
    for (std::size_t rows : {1u, 3u, 17u}) {
        for (std::size_t cols : {1u, 2u, 5u, 16u, 33u}) {
            CAPTURE(rows, cols);
            auto a = tmath::empty<T>({rows, cols});
            for (std::size_t k = 0; k < a.size(); ++k) a.data()[k] = static_cast<T>(static_cast<int>(k * 7 % 11) - 5);
            auto col = tmath::empty<T>({rows, 1});
            for (std::size_t k = 0; k < rows; ++k) col(k, 0) = static_cast<T>(k);
            auto at = tmath::empty<T>({cols, rows});
            for (std::size_t i = 0; i < rows; ++i)
                for (std::size_t j = 0; j < cols; ++j) at(j, i) = a(i, j) * T(3);
            const tmath::tensor<T> r1 = tmath::where(a > col, a, col);
            const tmath::tensor<T> r2 = tmath::where(a >= 0, tmath::transpose(at), a);
            auto out = tmath::zeros<T>({cols, rows});
            auto view = tmath::transpose(out);
            view = tmath::where(a < 0, -a, a);  // strided destination
            for (std::size_t i = 0; i < rows; ++i)
                for (std::size_t j = 0; j < cols; ++j) {
                    CHECK(r1(i, j) == (a(i, j) > col(i, 0) ? a(i, j) : col(i, 0)));
                    CHECK(r2(i, j) == (a(i, j) >= 0 ? a(i, j) * T(3) : a(i, j)));
                    CHECK(out(j, i) == std::abs(a(i, j)));
                }
        }
    }
}

TEST_CASE("where: in place on its own operand", "[where][alias]") {
    auto a = tmath::empty<float>({5, 7});
    for (std::size_t k = 0; k < a.size(); ++k) a.data()[k] = static_cast<float>(static_cast<int>(k) - 17);
    const tmath::tensor<float> before = a;
    a = tmath::where(a > 0.0f, a, 0.01f * a);
    for (std::size_t k = 0; k < a.size(); ++k) {
        const float x = before.data()[k];
        CHECK(a.data()[k] == (x > 0 ? x : 0.01f * x));
    }
}

TEST_CASE("compare: bool tensors hold comparisons and compare", "[compare]") {
    tmath::tensor<bool> t = {true, false, true};
    tmath::tensor<bool> u = {true, true, false};
    const tmath::tensor<bool> eq = t == u;
    CHECK(eq(0));
    CHECK(!eq(1));
    CHECK(!eq(2));
    const auto z = tmath::zeros<bool>({2, 2});
    CHECK(!z(1, 1));
    const tmath::tensor<int> counts = tmath::where(t, 1, 0) + tmath::where(u, 10, 0);
    CHECK(counts(0) == 11);
    CHECK(counts(1) == 10);
    CHECK(counts(2) == 1);
}
