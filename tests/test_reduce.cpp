// Reductions (sum, mean, prod, max, min) against reference loops: every axis of rank
// 1-4 shapes (negative axes too), axis lists, keepdims, views and expressions, NaN,
// empty and rank-0 inputs, 64-bit integer accumulation and the messages of bad axes;
// and the kernel (reduce_strided) under every processor family's tuning record, past
// the two-stream threshold, on any machine.
#include "test_support.hpp"

#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <type_traits>
#include <vector>

namespace {

enum class op { sum, prod, max, min, mean };

/// Reference reduction of (s, v) over the axes flagged in `red`: result shape and values.
template <class R, class T>
std::vector<R> ref_reduce(op o, const test::shape& s, const std::vector<T>& v, const std::vector<bool>& red,
                          test::shape& rs, bool keepdims) {
    rs.clear();
    test::shape kept;
    for (std::size_t d = 0; d < s.size(); ++d) {
        if (!red[d]) kept.push_back(s[d]), rs.push_back(s[d]);
        else if (keepdims) rs.push_back(1);
    }
    const std::size_t n_out = test::count(kept);
    std::vector<long double> acc(n_out, o == op::prod ? 1.0L : 0.0L);
    std::vector<std::size_t> cnt(n_out, 0);
    std::vector<bool> nan(n_out, false);
    for (std::size_t k = 0; k < v.size(); ++k) {
        const test::index idx = test::unravel(k, s);
        std::size_t off = 0;
        for (std::size_t d = 0; d < s.size(); ++d)
            if (!red[d]) off = off * s[d] + idx[d];
        const auto x = static_cast<long double>(v[k]);
        if (x != x) nan[off] = true;
        if (o == op::sum || o == op::mean) acc[off] += x;
        else if (o == op::prod) acc[off] *= x;
        else if (cnt[off] == 0) acc[off] = x;
        else if (o == op::max) acc[off] = std::max(acc[off], x);
        else acc[off] = std::min(acc[off], x);
        ++cnt[off];
    }
    std::vector<R> r(n_out);
    for (std::size_t i = 0; i < n_out; ++i) {
        long double a = o == op::mean ? acc[i] / static_cast<long double>(cnt[i]) : acc[i];
        if (nan[i]) a = std::numeric_limits<long double>::quiet_NaN();
        r[i] = static_cast<R>(a);
    }
    return r;
}

/// Floats within a tolerance that grows with the number of terms; NaN equals NaN.
template <class R>
bool near(R got, R want, std::size_t terms) {
    if constexpr (std::is_floating_point_v<R>) {
        if (std::isnan(want)) return std::isnan(got);
        if (std::isinf(want)) return got == want;
        const double eps = std::numeric_limits<R>::epsilon();
        return std::abs(static_cast<double>(got) - static_cast<double>(want)) <=
               eps * 16 * (static_cast<double>(terms) + 1) * (10 + std::abs(static_cast<double>(want)));
    } else {
        return got == want;
    }
}

template <class R, class X>
std::string compare(const X& got, const test::shape& s, const std::vector<R>& want, std::size_t terms) {
    const test::shape gs(got.shape().begin(), got.shape().end());
    if (gs != s) return "shape " + test::fmt(gs) + " != " + test::fmt(s);
    for (std::size_t k = 0; k < want.size(); ++k)
        if (!near(got.data()[k], want[k], terms))
            return "element " + std::to_string(k) + ": got " + std::to_string(got.data()[k]) + " want " +
                   std::to_string(want[k]);
    return {};
}

/// Checks every op of `x` (holding values v of shape s) over the axes `axes`.
template <class T, class X, class A>
void check_all_ops(const X& x, const test::shape& s, const std::vector<T>& v, const A& axes, bool keepdims) {
    using S = tmath::sum_result_t<T>;
    using M = tmath::mean_result_t<T>;
    std::vector<bool> red(s.size(), false);
    std::size_t terms = 1;
    for (auto a : axes) {
        const std::size_t k = a < 0 ? static_cast<std::size_t>(a + static_cast<std::ptrdiff_t>(s.size())) : static_cast<std::size_t>(a);
        red[k] = true;
        terms *= s[k];
    }
    test::shape rs;
    INFO("shape " << test::fmt(s) << " keepdims " << keepdims << " axes " << test::fmt(test::shape(red.begin(), red.end())));
    CHECK(compare(tmath::sum(x, axes, keepdims), rs, ref_reduce<S>(op::sum, s, v, red, rs, keepdims), terms) == "");
    CHECK(compare(tmath::mean(x, axes, keepdims), rs, ref_reduce<M>(op::mean, s, v, red, rs, keepdims), terms) == "");
    if (terms > 0) {
        CHECK(compare(tmath::max(x, axes, keepdims), rs, ref_reduce<T>(op::max, s, v, red, rs, keepdims), terms) == "");
        CHECK(compare(tmath::min(x, axes, keepdims), rs, ref_reduce<T>(op::min, s, v, red, rs, keepdims), terms) == "");
    }
    if (terms <= (sizeof(T) >= 8 && std::is_integral_v<T> ? 2 : 6))  // more terms overflow 64 bits
        CHECK(compare(tmath::prod(x, axes, keepdims), rs, ref_reduce<S>(op::prod, s, v, red, rs, keepdims), terms) == "");
}

const std::vector<test::shape> shapes = {{17}, {1}, {8}, {3, 33}, {9, 8}, {13, 31}, {4, 1, 9},
                                         {2, 3, 5, 7}, {3, 1, 17, 2}, {5, 2, 1, 16}, {2, 0, 3}};

}  // namespace

TEMPLATE_TEST_CASE("reductions along every single axis match reference loops", "[reduce]", float, double, std::int32_t,
                   std::int64_t) {
    test::rng r(11);
    for (const auto& s : shapes) {
        const auto v = r.values<TestType>(test::count(s));
        const auto t = test::make_tensor(s, v);
        const auto rank = static_cast<std::ptrdiff_t>(s.size());
        for (std::ptrdiff_t a = -rank; a < rank; ++a)
            for (bool keep : {false, true}) check_all_ops<TestType>(t, s, v, std::vector<std::ptrdiff_t>{a}, keep);
        // The single-axis overload agrees with the list form.
        const auto listed = tmath::sum(t, {-1});
        CHECK(compare(tmath::sum(t, -1), test::shape(s.begin(), s.end() - 1),
                      std::vector<tmath::sum_result_t<TestType>>(listed.begin(), listed.end()), s.back()) == "");
    }
}

TEMPLATE_TEST_CASE("reductions over axis lists and everything match reference loops", "[reduce]", float, double,
                   std::int32_t, std::int64_t) {
    test::rng r(12);
    for (const auto& s : shapes) {
        const auto v = r.values<TestType>(test::count(s));
        const auto t = test::make_tensor(s, v);
        const std::size_t rank = s.size();
        for (std::size_t mask = 0; mask < (std::size_t{1} << rank); ++mask) {
            std::vector<int> axes;
            for (std::size_t d = 0; d < rank; ++d)
                if ((mask >> d) & 1u) axes.push_back(static_cast<int>(d) - ((d & 1u) ? static_cast<int>(rank) : 0));
            for (bool keep : {false, true}) check_all_ops<TestType>(t, s, v, axes, keep);
        }
        std::vector<bool> all(rank, true);
        test::shape rs;
        const auto want = ref_reduce<tmath::sum_result_t<TestType>>(op::sum, s, v, all, rs, false);
        CHECK(near(tmath::sum(t), want[0], v.size()));
        CHECK(near(tmath::mean(t), ref_reduce<tmath::mean_result_t<TestType>>(op::mean, s, v, all, rs, false)[0], v.size()));
        if (!v.empty()) {
            CHECK(tmath::max(t) == *std::max_element(v.begin(), v.end()));
            CHECK(tmath::min(t) == *std::min_element(v.begin(), v.end()));
        }
    }
}

TEMPLATE_TEST_CASE("reductions of transposed views and expressions", "[reduce]", float, double, std::int32_t,
                   std::int64_t) {
    test::rng r(13);
    for (const auto& s : shapes) {
        const auto v = r.values<TestType>(test::count(s));
        const test::shape rev(s.rbegin(), s.rend());
        const auto base = test::make_tensor(rev, test::transposed_layout(s, v));
        const auto view = tmath::transpose(base);  // reads like v with shape s
        const auto t = test::make_tensor(s, v);
        const auto expr = t + t * TestType(2);  // 3 * v
        std::vector<TestType> v3(v);
        for (auto& x : v3) x = static_cast<TestType>(3 * x);
        const auto rank = static_cast<std::ptrdiff_t>(s.size());
        for (std::ptrdiff_t a = -rank; a < rank; ++a) {
            check_all_ops<TestType>(view, s, v, std::vector<std::ptrdiff_t>{a}, false);
            check_all_ops<TestType>(expr, s, v3, std::vector<std::ptrdiff_t>{a}, true);
        }
        if (rank >= 2) check_all_ops<TestType>(view, s, v, std::vector<std::ptrdiff_t>{0, rank - 1}, false);
    }
}

TEMPLATE_TEST_CASE("outer-axis reductions of tall and wide arrays", "[reduce]", float, double, std::int32_t,
                   std::int64_t) {
    test::rng r(14);
    for (const test::shape& s : {test::shape{13, 1100}, test::shape{37, 5000}, test::shape{1030, 7}, test::shape{3, 9, 1025},
                                 test::shape{5, 3, 7, 37}}) {
        const auto v = r.values<TestType>(test::count(s));
        const auto t = test::make_tensor(s, v);
        check_all_ops<TestType>(t, s, v, std::vector<int>{0}, false);
        check_all_ops<TestType>(t, s, v, std::vector<int>{-1}, false);
        if (s.size() == 3) check_all_ops<TestType>(t, s, v, std::vector<int>{0, 1}, false);
        // Two reduced dimensions that do not merge, the kept one between them.
        if (s.size() == 4) check_all_ops<TestType>(t, s, v, std::vector<int>{0, 2}, true);
    }
}

TEMPLATE_TEST_CASE("reductions past TMATH_TWO_STREAM_BYTES read two streams", "[reduce]", float, double, std::int32_t,
                   std::int64_t) {
    // Where this processor's tuning reads two streams, a run longer than
    // TMATH_TWO_STREAM_BYTES is read as its two halves side by side, and rows reduced one
    // by one from an operand that large two at a time (row i with row i + rows / 2; an
    // odd last row alone). Every family's record: the next test case.
    using T = TestType;
    const std::size_t w = tmath::simd::width<T>;
    const std::size_t run = TMATH_TWO_STREAM_BYTES / sizeof(T);
    test::rng r(15);
    for (const test::shape& s : {test::shape{run + 1}, test::shape{run + 4 * w + 3}, test::shape{run + 6 * w},
                                 test::shape{129, 2049}, test::shape{2, run / 2 + w + 1}, test::shape{3, 4, run / 8 + 5}}) {
        const auto v = r.values<T>(test::count(s));
        const auto t = test::make_tensor(s, v);
        check_all_ops<T>(t, s, v, std::vector<int>{-1}, false);
        if (s.size() > 1) check_all_ops<T>(t, s, v, std::vector<int>{0, -1}, false);
    }
    if constexpr (std::is_floating_point_v<T>) {
        // NaN in the second half of a long run, and in paired rows at SIMD and tail columns.
        const T nan = std::numeric_limits<T>::quiet_NaN();
        auto a = tmath::full<T>({run + 4 * w + 3}, T(1));
        a(run / 2 + w + 1) = nan;
        CHECK(std::isnan(tmath::max(a)));
        CHECK(std::isnan(tmath::min(a)));
        a(run / 2 + w + 1) = T(7);
        CHECK(tmath::max(a) == T(7));
        const std::size_t rows = 129, n = 2049;
        auto m = tmath::full<T>({rows, n}, T(2));
        m(100, 5) = nan;     // second half, SIMD column
        m(3, n - 1) = nan;   // first half, tail column
        m(128, 0) = nan;     // the odd last row
        m(64 + 3, n - 1) = T(9);  // the row paired with row 3
        const auto mx = tmath::max(m, -1), mn = tmath::min(m, -1), sm = tmath::sum(m, -1);
        for (std::size_t i = 0; i < rows; ++i) {
            INFO("row " << i);
            const bool is_nan = i == 100 || i == 3 || i == 128;
            CHECK(std::isnan(mx(i)) == is_nan);
            CHECK(std::isnan(mn(i)) == is_nan);
            CHECK(std::isnan(sm(i)) == is_nan);
            if (!is_nan) CHECK(mx(i) == (i == 67 ? T(9) : T(2)));
        }
    }
}

namespace {

/// reduce_strided of Op, under the tuning `t`, over the last axis of the row-major
/// rows × n array `v` (one result per row), or over both axes with `all` (one result).
template <class Op, class A, class T>
std::vector<A> reduce_rows(const tmath::arch::tuning& t, const std::vector<T>& v, std::size_t rows, std::size_t n,
                           bool all) {
    const std::size_t shape[2] = {rows, n};
    const std::ptrdiff_t strides[2] = {static_cast<std::ptrdiff_t>(n), 1};
    const tmath::detail::axis_set axes{all ? std::uint64_t{3} : std::uint64_t{2}};
    std::vector<A> out(all ? 1 : rows);
    REQUIRE(tmath::detail::reduce_strided<Op, T, A>(v.data(), shape, strides, axes, out.data(), t));
    return out;
}

/// Checks sum, max and min of the rows × n array `v` under `t` (per row, and over
/// everything) against reference loops: sums in long double within `near`, max and min
/// exactly, NaN wherever a NaN was reduced.
template <class T>
void check_rows(const tmath::arch::tuning& t, const std::vector<T>& v, std::size_t rows, std::size_t n) {
    using S = tmath::sum_result_t<T>;
    for (const bool all : {false, true}) {
        INFO(t.family << ": " << rows << " x " << n << (all ? ", every element" : ", along the rows"));
        const std::size_t groups = all ? 1 : rows, len = all ? rows * n : n;
        const auto sum = reduce_rows<tmath::detail::sum_op, S>(t, v, rows, n, all);
        const auto mx = reduce_rows<tmath::detail::max_op, T>(t, v, rows, n, all);
        const auto mn = reduce_rows<tmath::detail::min_op, T>(t, v, rows, n, all);
        for (std::size_t g = 0; g < groups; ++g) {
            long double s = 0;
            T hi = v[g * len], lo = v[g * len];
            bool nan = false;
            for (std::size_t j = 0; j < len; ++j) {
                const T x = v[g * len + j];
                s += static_cast<long double>(x);
                if constexpr (std::is_floating_point_v<T>) nan = nan || std::isnan(x);
                hi = x > hi ? x : hi;
                lo = x < lo ? x : lo;
            }
            INFO("result " << g);
            if (nan) {
                CHECK(std::isnan(static_cast<double>(sum[g])));
                CHECK(std::isnan(static_cast<double>(mx[g])));
                CHECK(std::isnan(static_cast<double>(mn[g])));
            } else {
                CHECK(near(sum[g], static_cast<S>(s), len));
                CHECK(mx[g] == hi);
                CHECK(mn[g] == lo);
            }
        }
    }
}

}  // namespace

TEMPLATE_TEST_CASE("reduce_strided under every family's tuning: long runs, paired rows, NaN in either stream",
                   "[reduce]", float, double, std::int32_t, std::int64_t) {
    using T = TestType;
    const std::size_t w = tmath::simd::width<T>;
    test::rng r(16);
    for (const auto f : tmath::arch::all_families) {
        const tmath::arch::tuning t = tmath::arch::tuning_of(f);
        // Runs past the family's two-stream threshold (for a family that reads one
        // stream, past that of the families that read two).
        const std::size_t bytes = t.two_stream_bytes != tmath::arch::never ? t.two_stream_bytes : TMATH_TWO_STREAM_BYTES;
        const std::size_t run = bytes / sizeof(T);
        struct rows_by_n { std::size_t rows, n; };
        // One long run (its halves side by side, then the remainder); rows read in pairs
        // (an operand past the threshold whose rows are not); two rows each past it; twelve.
        for (const rows_by_n s : {rows_by_n{1, run + 1}, rows_by_n{1, run + 4 * w + 3}, rows_by_n{1, run + 6 * w},
                                  rows_by_n{129, 2049}, rows_by_n{2, run / 2 + w + 1}, rows_by_n{12, run / 8 + 5}}) {
            const auto v = r.values<T>(s.rows * s.n);
            check_rows(t, v, s.rows, s.n);
        }
        if constexpr (std::is_floating_point_v<T>) {
            const T nan = std::numeric_limits<T>::quiet_NaN();
            // A long run: an extreme value, then a NaN, in the first stream, the second
            // stream and the remainder after the two halves.
            const std::size_t n = run + 4 * w + 3, h = n / (4 * w) * (2 * w);
            for (const std::size_t at : {std::size_t{5}, h + 7, 2 * h + 1, n - 1}) {
                CAPTURE(at);
                auto v = r.values<T>(n);
                v[at] = T(1000);
                v[(at + 3) % n] = T(-1000);
                check_rows(t, v, 1, n);
                v[at] = nan;
                check_rows(t, v, 1, n);
            }
            // Paired rows (row i with row i + 64 of 129): NaN in a SIMD column of the
            // second stream's row, in the tail column of the first's, in the odd last row;
            // an extreme value in the row paired with a NaN row.
            const std::size_t rows = 129, cols = 2049;
            auto m = r.values<T>(rows * cols);
            m[100 * cols + 5] = nan;
            m[3 * cols + cols - 1] = nan;
            m[128 * cols] = nan;
            m[67 * cols + cols - 1] = T(1000);
            m[64 * cols + 2] = T(-1000);
            check_rows(t, m, rows, cols);
        }
    }
}

TEMPLATE_TEST_CASE("max and min propagate NaN", "[reduce]", float, double) {
    using T = TestType;
    const T nan = std::numeric_limits<T>::quiet_NaN();
    const T inf = std::numeric_limits<T>::infinity();
    for (std::size_t n : {1u, 3u, 8u, 17u, 40u, 100u}) {
        for (std::size_t at = 0; at < n; at += 7) {
            auto a = tmath::full<T>({n}, T(1));
            a.data()[at] = nan;
            CHECK(std::isnan(tmath::max(a)));
            CHECK(std::isnan(tmath::min(a)));
            CHECK(std::isnan(tmath::sum(a)));
            // Vertical kernel: a NaN in row `at % 3` of column `at`.
            auto m = tmath::full<T>({3, n}, T(2));
            m(at % 3, at) = nan;
            if (at != n - 1) m(0, n - 1) = inf;
            const auto mx = tmath::max(m, 0);
            const auto mn = tmath::min(m, 0);
            for (std::size_t j = 0; j < n; ++j) {
                INFO("n " << n << " at " << at << " j " << j);
                if (j == at) {
                    CHECK(std::isnan(mx(j)));
                    CHECK(std::isnan(mn(j)));
                } else {
                    CHECK(mx(j) == (j == n - 1 ? inf : T(2)));
                    CHECK(mn(j) == T(2));
                }
            }
        }
    }
    // A NaN in the first row survives larger values in every later row, on both kernels.
    for (std::size_t n : {5u, 16u, 33u, 1030u}) {
        auto m = tmath::full<T>({7, n}, T(5));
        for (std::size_t j = 0; j < n; ++j) m(0, j) = j % 3 == 0 ? nan : T(-1);
        m(6, 1) = inf;
        m(5, 1) = -inf;
        const auto mx = tmath::max(m, 0), mn = tmath::min(m, 0);
        const auto tx = tmath::max(tmath::transpose(m), 1);
        for (std::size_t j = 0; j < n; ++j) {
            INFO("n " << n << " j " << j);
            CHECK(std::isnan(mx(j)) == (j % 3 == 0));
            CHECK(std::isnan(mn(j)) == (j % 3 == 0));
            CHECK(std::isnan(tx(j)) == (j % 3 == 0));
            if (j == 1) CHECK((mx(j) == inf && mn(j) == -inf));
        }
        CHECK(std::isnan(tmath::max(m)));
    }
    // Vertical kernel, folding four rows per pass: a NaN in every row position of every
    // group and remainder, in SIMD and scalar columns, is the only NaN of its column.
    for (std::size_t rows = 1; rows <= 10; ++rows) {
        const std::size_t n = 37;
        for (std::size_t at = 0; at < rows; ++at) {
            auto m = tmath::full<T>({rows, n}, T(3));
            m(at, at) = nan;
            m(at, n - 1 - at) = nan;
            m(rows - 1, 20) = T(4);
            const auto mx = tmath::max(m, 0), mn = tmath::min(m, 0);
            for (std::size_t j = 0; j < n; ++j) {
                INFO("rows " << rows << " NaN in row " << at << " j " << j);
                const bool is_nan = j == at || j == n - 1 - at;
                CHECK(std::isnan(mx(j)) == is_nan);
                CHECK(std::isnan(mn(j)) == is_nan);
                if (!is_nan) CHECK(mx(j) == (j == 20 ? T(4) : T(3)));
            }
        }
    }
    const tmath::tensor<T> infs = {-inf, -inf};
    CHECK(tmath::max(infs) == -inf);
    CHECK(tmath::min(tmath::tensor<T>{inf, inf, inf}) == inf);
}

TEST_CASE("empty and rank-0 reductions follow NumPy", "[reduce]") {
    const auto e = tmath::zeros<float>({0, 3});
    CHECK(tmath::sum(e) == 0.0f);
    CHECK(tmath::prod(e) == 1.0f);
    CHECK(std::isnan(tmath::mean(e)));
    const auto s0 = tmath::sum(e, 0);
    REQUIRE(s0.shape() == tmath::shape_t{3});
    CHECK(s0(0) == 0.0f);
    CHECK(tmath::prod(e, 0)(2) == 1.0f);
    CHECK(tmath::sum(e, 1).shape() == tmath::shape_t{0});
    CHECK(tmath::max(e, 1).shape() == tmath::shape_t{0});  // nothing to reduce: no error
    CHECK(test::shape_error_message([&] { (void)tmath::max(e); }) ==
          "max: zero-size array of shape (0,3) reduced along axes (0,1): max has no identity");
    CHECK_THAT(test::shape_error_message([&] { (void)tmath::min(e, 0); }), TMATH_CONTAINS("shape (0,3)"));
    CHECK_THAT(test::shape_error_message([&] { (void)tmath::min(e, 0); }), TMATH_CONTAINS("min"));

    const auto r0 = tmath::full<double>(std::vector<std::size_t>{}, 2.5);
    CHECK(tmath::sum(r0) == 2.5);
    CHECK(tmath::max(r0) == 2.5);
    CHECK(tmath::mean(r0) == 2.5);
    CHECK(tmath::sum(r0, std::vector<int>{}).shape().size() == 0);
    CHECK_THROWS_AS(tmath::sum(r0, 0), std::out_of_range);
}

TEST_CASE("integer sums and products accumulate in 64 bits and means are double", "[reduce]") {
    const tmath::tensor<std::int32_t> a = {{2000000000, 2000000000}, {2000000000, -7}};
    static_assert(std::is_same_v<decltype(tmath::sum(a)), std::int64_t>);
    static_assert(std::is_same_v<decltype(tmath::mean(a)), double>);
    static_assert(std::is_same_v<decltype(tmath::max(a)), std::int32_t>);
    CHECK(tmath::sum(a) == 5999999993LL);
    CHECK(tmath::sum(a, 0)(0) == 4000000000LL);
    CHECK(tmath::sum(a, 1)(0) == 4000000000LL);
    CHECK(tmath::prod(a, 0)(0) == 4000000000000000000LL);
    CHECK(tmath::mean(tmath::tensor<std::int32_t>{1, 2, 3, 4}) == 2.5);
    CHECK(tmath::mean(a, 1)(1) == (2000000000.0 - 7.0) / 2);
    CHECK(tmath::mean(tmath::tensor<float>{1, 2}) == 1.5f);
    const tmath::tensor<std::uint32_t> u = {4000000000u, 4000000000u};
    CHECK(tmath::sum(u) == 8000000000ULL);
}

TEST_CASE("bad axes throw naming the op the axis and the rank", "[reduce]") {
    const auto x = tmath::zeros<float>({2, 3});
    const auto message = [](auto f) {
        try {
            f();
        } catch (const std::out_of_range& e) {
            return std::string(e.what());
        } catch (const std::invalid_argument& e) {
            return std::string("invalid_argument: ") + e.what();
        }
        return std::string("<no exception>");
    };
    CHECK(message([&] { (void)tmath::sum(x, 3); }) == "sum: axis 3 is out of bounds for array of dimension 2");
    CHECK(message([&] { (void)tmath::max(x, -3); }) == "max: axis -3 is out of bounds for array of dimension 2");
    CHECK(message([&] { (void)tmath::mean(x, {0, 2}); }) == "mean: axis 2 is out of bounds for array of dimension 2");
    CHECK(message([&] { (void)tmath::prod(x, {1, -1}); }) == "invalid_argument: prod: duplicate value in 'axis': -1 for array of dimension 2");
    CHECK(message([&] { (void)tmath::min(x, std::vector<long>{5}); }) ==
          "min: axis 5 is out of bounds for array of dimension 2");
}

namespace {
/// The elements of a tensor in row-major order.
template <class T>
std::vector<T> elements_of(const tmath::tensor<T>& t) {
    return std::vector<T>(t.data(), t.data() + t.size());
}
}  // namespace

TEST_CASE("reductions of booleans count and test like NumPy", "[reduce][compare]") {
    // numpy: x = np.array([[-2, -1, 0, 5], [1, 2, 3, -4], [0, 7, -1, 2]], dtype=np.float32); m = x > 0
    const tmath::tensor<float> x = {{-2, -1, 0, 5}, {1, 2, 3, -4}, {0, 7, -1, 2}};
    const tmath::tensor<bool> m = x > 0.0f;
    // np.sum(m) == 6 (an integer count), np.sum(m, axis=0) == [1 2 1 2], axis=1: [1 3 2]
    const auto total = tmath::sum(m);
    static_assert(std::is_same_v<decltype(tmath::sum(m)), std::int64_t>);  // np.sum(m).dtype == int64
    CHECK(total == 6);
    CHECK(elements_of(tmath::sum(x > 0.0f, 0)) == std::vector<std::int64_t>{1, 2, 1, 2});
    CHECK(elements_of(tmath::sum(m, -1)) == std::vector<std::int64_t>{1, 3, 2});
    // np.mean(m) == 0.5; np.mean(m, axis=1) == [0.25 0.75 0.5]
    CHECK(tmath::mean(m) == 0.5);
    CHECK(elements_of(tmath::mean(m, 1)) == std::vector<double>{0.25, 0.75, 0.5});
    // max/min of bool are any/all: np.max(m, axis=1) == [ True  True  True], np.min(m, axis=0) all False
    CHECK(tmath::max(m) == true);
    CHECK(elements_of(tmath::max(m, 1)) == std::vector<bool>{true, true, true});
    CHECK(elements_of(tmath::min(m, 0)) == std::vector<bool>{false, false, false, false});
    CHECK(tmath::min(x > -5.0f) == true);
    // prod of bool: np.prod(x > -5) == 1, np.prod(m) == 0
    CHECK(tmath::prod(x > -5.0f) == 1);
    CHECK(tmath::prod(m) == 0);
}
