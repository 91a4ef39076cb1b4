// Statistics reductions (argmax/argmin, cumsum/cumprod, var/stddev, norm, logsumexp)
// against reference loops in long double: edge lengths around the SIMD width, every axis
// of rank-3 shapes (negative too), lists of axes, keepdims, ddof, views and expressions,
// NaN/inf, empty and rank-0 operands, values near the type's limits, and the messages of
// bad arguments. Also: max/min over an empty axis throw even when the result is empty.
#include "test_support.hpp"

#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace {

using ld = long double;

/// True when a is within rel * (1 + |b|) of b.
inline bool near(double a, double b, double rel) { return std::abs(a - b) <= rel * (1 + std::abs(b)); }

/// Groups the elements of (s, v) by result element of reducing the axes flagged in
/// `red` (row-major order of the kept axes; within a group, row-major order of the
/// reduced axes) and applies f to each group.
template <class R, class T, class F>
std::vector<R> ref_rows(const test::shape& s, const std::vector<T>& v, const std::vector<bool>& red, F f) {
    test::shape kept;
    for (std::size_t d = 0; d < s.size(); ++d)
        if (!red[d]) kept.push_back(s[d]);
    std::vector<std::vector<T>> groups(test::count(kept));
    for (std::size_t k = 0; k < v.size(); ++k) {
        const test::index idx = test::unravel(k, s);
        std::size_t off = 0;
        for (std::size_t d = 0; d < s.size(); ++d)
            if (!red[d]) off = off * s[d] + idx[d];
        groups[off].push_back(v[k]);
    }
    std::vector<R> out;
    for (const auto& g : groups) out.push_back(static_cast<R>(f(g)));
    return out;
}

/// Index of the first extreme element, NaN first (NumPy's argmax / argmin).
template <bool Max, class T>
std::int64_t ref_arg(const std::vector<T>& g) {
    std::size_t at = 0;
    for (std::size_t k = 0; k < g.size(); ++k) {
        if (g[k] != g[k]) return static_cast<std::int64_t>(k);
        if (Max ? g[k] > g[at] : g[k] < g[at]) at = k;
    }
    return static_cast<std::int64_t>(at);
}

template <class T>
ld ref_var(const std::vector<T>& g, double ddof) {
    ld m = 0, q = 0;
    for (T x : g) m += static_cast<ld>(x);
    m /= static_cast<ld>(g.size());
    for (T x : g) q += (static_cast<ld>(x) - m) * (static_cast<ld>(x) - m);
    return q / std::max(static_cast<ld>(g.size()) - static_cast<ld>(ddof), ld(0));
}

template <class T>
ld ref_norm(const std::vector<T>& g) {
    ld q = 0;
    for (T x : g) q += static_cast<ld>(x) * static_cast<ld>(x);
    return std::sqrt(q);
}

template <class T>
ld ref_logsumexp(const std::vector<T>& g) {
    ld s = 0;
    for (T x : g) s += std::exp(static_cast<ld>(x));
    return std::log(s);
}

/// Compares got with the reference values want, relative tolerance `tol` (NaN matches NaN).
template <class X, class R>
void check_close(const X& got, const std::vector<R>& want, double tol) {
    const auto g = test::values(got);
    REQUIRE(g.size() == want.size());
    for (std::size_t k = 0; k < g.size(); ++k) {
        INFO("element " << k << ": got " << g[k] << ", want " << want[k]);
        if (std::isnan(want[k])) CHECK(std::isnan(g[k]));
        else if (std::isinf(want[k])) CHECK(g[k] == want[k]);
        else CHECK(std::abs(static_cast<double>(g[k]) - static_cast<double>(want[k])) <=
                   tol * (1 + std::abs(static_cast<double>(want[k]))));
    }
}

/// Random values of T with ties (a small set) and, for floating point, an occasional NaN or inf.
template <class T>
std::vector<T> tie_values(test::rng& r, std::size_t n, bool specials) {
    std::vector<T> v(n);
    for (auto& x : v) x = static_cast<T>(static_cast<int>(r.below(9)) - 4);
    if constexpr (std::is_floating_point_v<T>) {
        if (specials && n && r.below(3) == 0) v[r.below(n)] = std::numeric_limits<T>::quiet_NaN();
        if (specials && n && r.below(3) == 0) v[r.below(n)] = std::numeric_limits<T>::infinity();
        if (specials && n && r.below(3) == 0) v[r.below(n)] = -std::numeric_limits<T>::infinity();
    }
    return v;
}

const std::vector<test::shape> shapes3 = {{2, 3, 4}, {1, 5, 3}, {4, 1, 37}, {3, 0, 2}, {2, 2, 1}};

}  // namespace

TEMPLATE_TEST_CASE("argmax and argmin find the first extreme element, NaN first", "[stats]", float, double,
                   std::int32_t, std::int8_t, std::uint16_t, std::int64_t) {
    test::rng r(11);
    for (std::size_t n : test::edge_sizes<TestType>()) {
        if (n == 0) continue;
        for (int rep = 0; rep < 4; ++rep) {
            const auto v = tie_values<TestType>(r, n, rep > 0);
            const auto x = test::make_tensor<TestType>({n}, v);
            INFO("n = " << n << ", rep " << rep);
            CHECK(tmath::argmax(x) == ref_arg<true>(v));
            CHECK(tmath::argmin(x) == ref_arg<false>(v));
            CHECK(tmath::argmax(x, -1).data()[0] == ref_arg<true>(v));
        }
    }
    for (const auto& s : shapes3) {
        const auto v = tie_values<TestType>(r, test::count(s), true);
        const auto x = test::make_tensor<TestType>(s, v);
        for (std::ptrdiff_t axis = -3; axis < 3; ++axis) {
            const auto a = static_cast<std::size_t>(axis < 0 ? axis + 3 : axis);
            std::vector<bool> red(3, false);
            red[a] = true;
            INFO("shape " << test::fmt(s) << ", axis " << axis);
            if (s[a] == 0) {
                CHECK_THROWS_AS(tmath::argmax(x, axis), tmath::shape_error);
                continue;
            }
            const auto want = ref_rows<std::int64_t>(s, v, red, ref_arg<true, TestType>);
            const auto got = tmath::argmax(x, axis, axis == 1);
            CHECK(test::values(got) == want);
            CHECK(got.rank() == (axis == 1 ? 3u : 2u));
            const auto am = tmath::argmin(x, axis);
            const auto t = tmath::transpose(x);  // a view: axis 2 - a of t is axis a of x
            CHECK(test::values(tmath::argmin(t, 2 - static_cast<std::ptrdiff_t>(a))) ==
                  test::values(tmath::transpose(am)));
            CHECK(test::values(tmath::argmin(x + x, axis)) == ref_rows<std::int64_t>(s, v, red, ref_arg<false, TestType>));
        }
    }
}

TEST_CASE("argmax edge cases: bool, rank 0, empty, bad axes", "[stats]") {
    const tmath::tensor<bool> b = {false, true, true};
    CHECK(tmath::argmax(b) == 1);
    CHECK(tmath::argmin(b) == 0);
    const auto r0 = tmath::full<float>(std::vector<std::size_t>{}, 3.0f);
    CHECK(tmath::argmax(r0) == 0);
    CHECK(tmath::argmax(r0, -1).rank() == 0);
    const auto e = tmath::zeros<float>({0, 3});
    CHECK(tmath::argmax(e, 1).shape() == tmath::shape_t{0});
    CHECK_THAT(test::shape_error_message([&] { (void)tmath::argmax(e); }),
               TMATH_CONTAINS("argmax: attempt to get argmax of an empty sequence: shape (0,3)"));
    CHECK_THROWS_AS(tmath::argmin(tmath::zeros<float>({3, 0}), 1), tmath::shape_error);
    CHECK_THROWS_AS(tmath::argmin(tmath::zeros<float>({0, 0}), 1), tmath::shape_error);
    CHECK(test::message_of<tmath::index_error>([&] { (void)tmath::argmax(e, 2); }) ==
          "argmax: axis 2 is out of bounds for array of dimension 2");
    CHECK_THROWS_AS(tmath::argmin(r0, 1), tmath::index_error);
}

TEMPLATE_TEST_CASE("cumsum and cumprod run along an axis or the flattened array", "[stats]", float, double,
                   std::int32_t, std::uint8_t, bool) {
    using A = tmath::sum_result_t<TestType>;
    static_assert(std::is_same_v<tmath::value_type_t<decltype(tmath::cumsum(std::declval<tmath::tensor<TestType>>()))>, A>);
    test::rng r(5);
    for (std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{7}, std::size_t{255}, std::size_t{256},
                          std::size_t{1000}, std::size_t{1031}}) {
        std::vector<TestType> v(n);
        for (std::size_t k = 0; k < v.size(); ++k) v[k] = static_cast<TestType>(r.below(3));
        const auto x = test::make_tensor<TestType>({n}, v);
        const auto s = tmath::cumsum(x);
        const auto p = tmath::cumprod(x, 0);
        REQUIRE(s.size() == n);
        ld acc = 0, pr = 1;
        for (std::size_t k = 0; k < n; ++k) {
            acc += static_cast<ld>(v[k]);
            pr *= static_cast<ld>(v[k]);
            if (pr > 1e6L) pr = static_cast<ld>(static_cast<A>(pr));  // keep in step with A's wrap or rounding
            CHECK(static_cast<ld>(s.data()[k]) == acc);
            if constexpr (std::is_floating_point_v<TestType>) CHECK(near(static_cast<double>(p.data()[k]), static_cast<double>(pr), 1e-6));
            else if (pr < 1e15L) CHECK(static_cast<ld>(p.data()[k]) == pr);
        }
    }
    for (const auto& sh : shapes3) {
        std::vector<TestType> v(test::count(sh));
        for (std::size_t k = 0; k < v.size(); ++k) v[k] = static_cast<TestType>(r.below(3));
        const auto x = test::make_tensor<TestType>(sh, v);
        for (std::ptrdiff_t axis = -3; axis < 3; ++axis) {
            const auto a = static_cast<std::size_t>(axis < 0 ? axis + 3 : axis);
            const auto got = tmath::cumsum(tmath::transpose(tmath::transpose(x)), axis);  // a view as the operand
            const auto gotp = tmath::cumprod(x, axis);
            REQUIRE(test::shape_of(got) == sh);
            for (std::size_t k = 0; k < v.size(); ++k) {
                test::index idx = test::unravel(k, sh);
                ld want = 0, wantp = 1;
                for (std::size_t i = 0; i <= idx[a]; ++i) {
                    test::index j = idx;
                    j[a] = i;
                    std::size_t off = 0;
                    for (std::size_t d = 0; d < 3; ++d) off = off * sh[d] + j[d];
                    want += static_cast<ld>(v[off]);
                    wantp *= static_cast<ld>(v[off]);
                }
                INFO("shape " << test::fmt(sh) << " axis " << axis << " element " << k);
                CHECK(static_cast<ld>(got.data()[k]) == want);
                CHECK(static_cast<ld>(gotp.data()[k]) == wantp);
            }
        }
    }
    const auto r0 = tmath::full<TestType>(std::vector<std::size_t>{}, TestType(1));
    CHECK(tmath::cumsum(r0, -1).shape() == tmath::shape_t{1});
    CHECK(tmath::cumsum(r0).data()[0] == A(1));
    CHECK_THROWS_AS(tmath::cumsum(r0, 1), tmath::index_error);
}

TEST_CASE("cumsum of an expression, widening and NaN/inf", "[stats]") {
    const tmath::tensor<std::int32_t> a = {{2000000000, 2000000000}, {1, 2}};
    const auto s = tmath::cumsum(a * 1);
    CHECK(test::values(s) == std::vector<std::int64_t>{2000000000, 4000000000LL, 4000000001LL, 4000000003LL});
    CHECK(test::values(tmath::cumsum(a, 0)) == std::vector<std::int64_t>{2000000000, 2000000000, 2000000001, 2000000002});
    const double inf = std::numeric_limits<double>::infinity();
    std::vector<double> v(600, 1.0);
    v[10] = inf, v[400] = -inf;
    const auto c = tmath::cumsum(test::make_tensor<double>({600}, v));
    CHECK(c.data()[9] == 10.0);
    CHECK(c.data()[10] == inf);
    CHECK(c.data()[399] == inf);
    CHECK(std::isnan(c.data()[400]));
    CHECK(std::isnan(c.data()[599]));
}

TEMPLATE_TEST_CASE("var and stddev over axes with ddof and keepdims", "[stats]", float, double, std::int32_t, bool) {
    using R = tmath::mean_result_t<TestType>;
    const double tol = std::is_same_v<R, float> ? 1e-5 : 1e-12;
    test::rng r(7);
    for (std::size_t n : test::edge_sizes<R>()) {
        std::vector<TestType> v(n);
        for (std::size_t k = 0; k < v.size(); ++k) v[k] = static_cast<TestType>(static_cast<int>(r.below(21)) - 10);
        const auto x = test::make_tensor<TestType>({n}, v);
        INFO("n = " << n);
        if (n == 0) {
            CHECK(std::isnan(tmath::var(x)));
            continue;
        }
        check_close(tmath::full<R>(std::vector<std::size_t>{}, tmath::var(x)), std::vector<ld>{ref_var(v, 0)}, tol);
        check_close(tmath::stddev(x, tmath::all, false, 1), std::vector<ld>{std::sqrt(ref_var(v, 1))}, tol);
    }
    const std::vector<std::vector<std::ptrdiff_t>> lists = {{0}, {-1}, {1}, {0, 2}, {-1, 0, 1}, {}};
    for (const auto& s : shapes3) {
        std::vector<TestType> v(test::count(s));
        for (std::size_t k = 0; k < v.size(); ++k) v[k] = static_cast<TestType>(static_cast<int>(r.below(21)) - 10);
        const auto x = test::make_tensor<TestType>(s, v);
        for (const auto& axes : lists) {
            std::vector<bool> red(3, false);
            for (auto a : axes) red[static_cast<std::size_t>(a < 0 ? a + 3 : a)] = true;
            for (double ddof : {0.0, 1.0, 2.5}) {
                INFO("shape " << test::fmt(s) << ", " << axes.size() << " axes, ddof " << ddof);
                const auto want = ref_rows<ld>(s, v, red, [&](const auto& g) { return ref_var(g, ddof); });
                check_close(tmath::var(tmath::transpose(tmath::transpose(x)), axes, false, ddof), want, tol);
                const auto sd = [&] {
                    if constexpr (std::is_same_v<TestType, bool>) return tmath::stddev(x, axes, true, ddof);
                    else return tmath::stddev(x + TestType(0), axes, true, ddof);  // an expression
                }();
                CHECK(sd.rank() == 3);
                std::vector<ld> root(want);
                for (auto& w : root) w = std::sqrt(w);
                check_close(sd, root, tol);
            }
        }
    }
}

TEST_CASE("var is stable for large means and follows NumPy at the edges", "[stats]") {
    std::vector<float> v(1000);
    for (std::size_t k = 0; k < v.size(); ++k) v[k] = 10000.0f + (k % 2 ? 1.0f : -1.0f);
    CHECK(near(tmath::var(test::make_tensor<float>({1000}, v)), 1.0, 1e-4));
    std::vector<double> w(1025);
    for (std::size_t k = 0; k < w.size(); ++k) w[k] = 1e9 + static_cast<double>(k % 3);
    CHECK(near(tmath::var(test::make_tensor<double>({1025}, w)), static_cast<double>(ref_var(w, 0)), 1e-12));
    const tmath::tensor<double> a = {1.0, 2.0, 4.0};
    CHECK(std::isinf(tmath::var(a, 0, false, 3.0)(std::size_t{0})));  // N - ddof = 0: inf, as NumPy
    CHECK(std::isnan(tmath::var(tmath::tensor<double>{2.0, 2.0}, 0, false, 2.0)(std::size_t{0})));
    CHECK(std::isnan(tmath::var(tmath::tensor<double>{1.0, std::numeric_limits<double>::infinity()})));
    CHECK(std::isnan(tmath::var(tmath::zeros<float>({0, 3}), 0)(std::size_t{1})));
    CHECK(tmath::var(tmath::zeros<float>({3, 0}), 0).shape() == tmath::shape_t{0});
    static_assert(std::is_same_v<decltype(tmath::var(tmath::tensor<std::int8_t>{1})), double>);
    CHECK(tmath::var(tmath::tensor<std::int8_t>{1, 2, 3, 4}) == 1.25);
    CHECK(test::message_of<std::invalid_argument>([&] { (void)tmath::var(a, {0, 0}); }) ==
          "var: duplicate value in 'axis': 0 for array of dimension 1");
    CHECK(test::message_of<tmath::index_error>([&] { (void)tmath::stddev(a, -2); }) ==
          "stddev: axis -2 is out of bounds for array of dimension 1");
}

TEMPLATE_TEST_CASE("norm is overflow- and underflow-safe", "[stats]", float, double) {
    using L = std::numeric_limits<TestType>;
    for (std::size_t n : test::edge_sizes<TestType>()) {
        for (const TestType scale : {TestType(1), L::max() / 4, L::min(), L::denorm_min() * 64}) {
            std::vector<TestType> v(n);
            for (std::size_t k = 0; k < n; ++k) v[k] = scale * static_cast<TestType>(test::iota_value<int>(k, 3)) / 11;
            std::vector<ld> want = {ref_norm(v)};
            if (want[0] > static_cast<ld>(L::max())) want[0] = L::infinity();
            INFO("n = " << n << ", scale " << scale);
            const double tol = scale < L::min() ? 0.05 : 8 * static_cast<double>(L::epsilon()) * std::sqrt(static_cast<double>(n) + 1);
            check_close(tmath::full<TestType>(std::vector<std::size_t>{}, tmath::norm(test::make_tensor<TestType>({n}, v))), want, tol);
        }
    }
    std::vector<TestType> big(100, L::max() / 64);
    check_close(tmath::norm(test::make_tensor<TestType>({100}, big), 0), std::vector<ld>{static_cast<ld>(L::max()) / 64 * 10}, 1e-5);
    const TestType inf = L::infinity(), nan = L::quiet_NaN();
    CHECK(tmath::norm(tmath::tensor<TestType>{1, -inf, 2}) == inf);
    CHECK(std::isnan(tmath::norm(tmath::tensor<TestType>{inf, 1, nan})));
    CHECK(tmath::norm(tmath::zeros<TestType>({0})) == 0);
    CHECK(tmath::norm(tmath::tensor<TestType>{3, 4}) == 5);
}

TEST_CASE("norm along axes, integers and bad axes", "[stats]") {
    const auto x = test::iota_tensor<std::int32_t>({2, 3, 4}, 1);
    const auto v = test::values(x);
    static_assert(std::is_same_v<decltype(tmath::norm(x)), double>);
    CHECK(near(tmath::norm(x), static_cast<double>(ref_norm(v)), 1e-15));
    for (const auto& axes : std::vector<std::vector<int>>{{0}, {-1}, {2, 0}, {1, -1}}) {
        std::vector<bool> red(3, false);
        for (int a : axes) red[static_cast<std::size_t>(a < 0 ? a + 3 : a)] = true;
        check_close(tmath::norm(tmath::transpose(tmath::transpose(x)), axes), ref_rows<ld>({2, 3, 4}, v, red, ref_norm<std::int32_t>), 1e-14);
    }
    CHECK(tmath::norm(x, {0, 1}, true).shape() == tmath::shape_t{1, 1, 4});
    CHECK(test::message_of<std::invalid_argument>([&] { (void)tmath::norm(x, {0, 1, 2}); }) ==
          "norm: improper number of dimensions to norm: 3 axes of an array of dimension 3");
    CHECK_THROWS_AS(tmath::norm(x, {1, 1}), std::invalid_argument);
    CHECK_THROWS_AS(tmath::norm(x, 3), tmath::index_error);
}

TEMPLATE_TEST_CASE("logsumexp subtracts the maximum and handles infinities", "[stats]", float, double, std::int32_t) {
    using R = tmath::mean_result_t<TestType>;
    const double tol = std::is_same_v<R, float> ? 1e-5 : 1e-13;
    test::rng r(3);
    for (std::size_t n : test::edge_sizes<R>()) {
        std::vector<TestType> v(n);
        for (auto& x : v) x = static_cast<TestType>(static_cast<int>(r.below(41)) - 20);
        INFO("n = " << n);
        check_close(tmath::full<R>(std::vector<std::size_t>{}, tmath::logsumexp(test::make_tensor<TestType>({n}, v))),
                    std::vector<ld>{ref_logsumexp(v)}, tol);
    }
    for (const auto& s : shapes3) {
        std::vector<TestType> v(test::count(s));
        for (auto& x : v) x = static_cast<TestType>(static_cast<int>(r.below(41)) - 20);
        const auto x = test::make_tensor<TestType>(s, v);
        for (const auto& axes : std::vector<std::vector<long>>{{0}, {-1}, {2, 0}, {0, 1, 2}}) {
            std::vector<bool> red(3, false);
            for (long a : axes) red[static_cast<std::size_t>(a < 0 ? a + 3 : a)] = true;
            INFO("shape " << test::fmt(s));
            check_close(tmath::logsumexp(tmath::transpose(tmath::transpose(x)) * 1, axes),
                        ref_rows<ld>(s, v, red, ref_logsumexp<TestType>), tol);
        }
    }
    if constexpr (std::is_floating_point_v<TestType>) {
        const TestType inf = std::numeric_limits<TestType>::infinity();
        const tmath::tensor<TestType> m = {{-inf, -inf}, {inf, 1}, {std::numeric_limits<TestType>::quiet_NaN(), inf}, {1000, 1000}};
        const auto l = tmath::logsumexp(m, 1, true);
        REQUIRE(l.shape() == tmath::shape_t{4, 1});
        CHECK(l.data()[0] == -inf);
        CHECK(l.data()[1] == inf);
        CHECK(std::isnan(l.data()[2]));
        CHECK(near(static_cast<double>(l.data()[3]), 1000 + std::log(2.0), 1e-6));
        CHECK(tmath::logsumexp(tmath::zeros<TestType>({0})) == -inf);
    }
}

TEST_CASE("max and min over an empty axis throw even when the result is empty", "[stats]") {
    const auto e = tmath::zeros<double>({0, 2, 0});
    CHECK_THAT(test::shape_error_message([&] { (void)tmath::max(e, 2, true); }),
               TMATH_CONTAINS("max: zero-size array of shape (0,2,0) reduced along axes (2,)"));
    CHECK_THROWS_AS(tmath::min(e, {0, 1}), tmath::shape_error);
    CHECK(tmath::max(e, 1).shape() == tmath::shape_t{0, 0});  // nothing reduced over an empty extent: no error
    CHECK(tmath::sum(e, 2, true).shape() == tmath::shape_t{0, 2, 1});
}
