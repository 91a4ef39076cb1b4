// tensor<T>: construction, factories, shapes and strides, element access, iterators;
// views: adapt (with and without strides), transpose, swapaxes, element access.

#include "catch.hpp"
#include "test_support.hpp"

#include <tmath/tmath.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <numeric>
#include <ranges>
#include <sstream>
#include <stdexcept>
#include <type_traits>
#include <utility>
#include <vector>

using test::shape;
using strides = std::vector<std::ptrdiff_t>;

namespace {

// transpose/swapaxes must not accept temporaries (the view would dangle).
template <class X>
concept transposable = requires(X&& x) { tmath::transpose(std::forward<X>(x)); };
static_assert(transposable<tmath::tensor<float>&>);
static_assert(transposable<const tmath::tensor<float>&>);
static_assert(transposable<tmath::tensor_view<float>>);
static_assert(!transposable<tmath::tensor<float>>);
static_assert(std::ranges::contiguous_range<tmath::tensor<float>>);
static_assert(std::ranges::sized_range<const tmath::tensor<std::int64_t>>);

}  // namespace

TEST_CASE("tensor: default construction is an empty rank-1 tensor", "[tensor]") {
    const tmath::tensor<float> t;
    CHECK(t.shape() == shape{0});
    CHECK(t.strides() == strides{1});
    CHECK(t.rank() == 1);
    CHECK(t.size() == 0);
    CHECK(t.begin() == t.end());
    const tmath::tensor<double> braces = {};
    CHECK(braces.shape() == shape{0});
    CHECK(braces.size() == 0);
}

TEMPLATE_TEST_CASE("tensor: nested braces give values and shapes at rank 1-4", "[tensor]", float, double,
                   std::int32_t, std::int64_t) {
    using T = TestType;
    const tmath::tensor<T> r1 = {1, 2, 3};
    CHECK(test::mismatch(r1, shape{3}, std::vector<T>{1, 2, 3}) == "");
    CHECK(r1.rank() == 1);

    const tmath::tensor<T> r2 = {{1, 2, 3}, {4, 5, 6}};
    CHECK(test::mismatch(r2, shape{2, 3}, std::vector<T>{1, 2, 3, 4, 5, 6}) == "");
    CHECK(r2.rank() == 2);
    CHECK(r2.size() == 6);
    CHECK(r2(1, 0) == T(4));
    CHECK(r2(0, 2) == T(3));

    const tmath::tensor<T> r3 = {{{1, 2}, {3, 4}, {5, 6}}, {{7, 8}, {9, 10}, {11, 12}}};
    REQUIRE(r3.shape() == shape{2, 3, 2});
    CHECK(r3.strides() == strides{6, 2, 1});
    CHECK(r3(1, 2, 0) == T(11));
    CHECK(r3(0, 1, 1) == T(4));
    CHECK(std::equal(r3.begin(), r3.end(), std::vector<T>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}.begin()));

    const tmath::tensor<T> r4 = {{{{1, 2, 3}}, {{4, 5, 6}}}};
    REQUIRE(r4.shape() == shape{1, 2, 1, 3});
    CHECK(r4.rank() == 4);
    CHECK(r4.strides() == strides{6, 3, 3, 1});
    CHECK(r4(0, 1, 0, 2) == T(6));
    CHECK(r4(0, 0, 0, 1) == T(2));

    // Empty inner lists.
    const tmath::tensor<T> e2 = std::initializer_list<std::initializer_list<T>>{{}, {}};
    CHECK(e2.shape() == shape{2, 0});
    CHECK(e2.size() == 0);
    const tmath::tensor<T> e1 = std::initializer_list<T>{};
    CHECK(e1.shape() == shape{0});
}

TEST_CASE("tensor: ragged nested lists throw shape_error", "[tensor][error]") {
    using il2 = std::initializer_list<std::initializer_list<float>>;
    CHECK_THROWS_AS(tmath::tensor<float>({{1, 2}, {3}}), tmath::shape_error);
    CHECK_THROWS_AS(tmath::tensor<float>({{1}, {2, 3}}), tmath::shape_error);
    CHECK_THROWS_AS(tmath::tensor<float>(il2{{1, 2}, {}}), tmath::shape_error);
    CHECK_THROWS_AS(tmath::tensor<std::int32_t>({{{1, 2}, {3, 4}}, {{5, 6}, {7}}}), tmath::shape_error);
    CHECK_THROWS_AS(tmath::tensor<std::int32_t>({{{1, 2}, {3, 4}}, {{5, 6}}}), tmath::shape_error);
    CHECK_THROWS_AS(tmath::tensor<double>({{{{1, 2}}, {{3, 4}}}, {{{5, 6}}, {{7, 8, 9}}}}), tmath::shape_error);
    CHECK_THROWS_AS(tmath::tensor<double>({{{{1, 2}}, {{3, 4}}}, {{{5, 6}, {7, 8}}, {{7, 8}}}}), tmath::shape_error);
    // It is an invalid_argument, and says "tensor".
    CHECK_THROWS_AS(tmath::tensor<float>({{1, 2}, {3}}), std::invalid_argument);
    CHECK_THAT(test::shape_error_message([] { tmath::tensor<float>({{1, 2}, {3}}); }), TMATH_CONTAINS("tensor"));
}

TEMPLATE_TEST_CASE("tensor: copy is deep and move leaves the source empty but valid", "[tensor]", float,
                   std::int64_t) {
    using T = TestType;
    tmath::tensor<T> a = {{1, 2}, {3, 4}};
    tmath::tensor<T> b = a;  // copy
    REQUIRE(b.shape() == shape{2, 2});
    CHECK(b.data() != a.data());
    b(0, 0) = T(9);
    CHECK(a(0, 0) == T(1));
    CHECK(test::mismatch(b, shape{2, 2}, std::vector<T>{9, 2, 3, 4}) == "");

    const T* storage = a.data();
    tmath::tensor<T> c = std::move(a);
    CHECK(c.data() == storage);  // storage moved, not copied
    CHECK(test::mismatch(c, shape{2, 2}, std::vector<T>{1, 2, 3, 4}) == "");
    // The moved-from tensor is the default (0,) tensor and usable.
    CHECK(a.shape() == shape{0});  // NOLINT(bugprone-use-after-move)
    CHECK(a.strides() == strides{1});
    CHECK(a.size() == 0);
    CHECK(a.begin() == a.end());
    a = tmath::ones<T>({3});
    CHECK(test::mismatch(a, shape{3}, std::vector<T>{1, 1, 1}) == "");

    // Move assignment.
    tmath::tensor<T> d = {5, 6, 7};
    const T* dstore = c.data();
    d = std::move(c);
    CHECK(d.data() == dstore);
    CHECK(test::mismatch(d, shape{2, 2}, std::vector<T>{1, 2, 3, 4}) == "");
    CHECK(c.shape() == shape{0});  // NOLINT(bugprone-use-after-move)
    CHECK(c.size() == 0);

    // Copy assignment changes shape; self-assignment keeps values.
    tmath::tensor<T> e = {1};
    e = d;
    CHECK(test::mismatch(e, shape{2, 2}, std::vector<T>{1, 2, 3, 4}) == "");
    auto& alias = e;
    e = alias;
    CHECK(test::mismatch(e, shape{2, 2}, std::vector<T>{1, 2, 3, 4}) == "");

    // swap
    tmath::tensor<T> f = {8, 9};
    swap(e, f);
    CHECK(test::mismatch(f, shape{2, 2}, std::vector<T>{1, 2, 3, 4}) == "");
    CHECK(test::mismatch(e, shape{2}, std::vector<T>{8, 9}) == "");
}

TEMPLATE_TEST_CASE("factories: zeros/ones/full/empty with braces and ranges", "[tensor][factories]", float,
                   double, std::int32_t, std::int64_t) {
    using T = TestType;
    const auto z = tmath::zeros<T>({2, 3});
    CHECK(test::mismatch(z, shape{2, 3}, std::vector<T>(6, T(0))) == "");
    const auto o = tmath::ones<T>(std::vector<std::size_t>{3, 1, 2});
    CHECK(test::mismatch(o, shape{3, 1, 2}, std::vector<T>(6, T(1))) == "");
    const auto f = tmath::full<T>(std::array<std::size_t, 2>{2, 2}, T(7));
    CHECK(test::mismatch(f, shape{2, 2}, std::vector<T>(4, T(7))) == "");
    const auto f2 = tmath::full<T>({4}, T(-2));
    CHECK(test::mismatch(f2, shape{4}, std::vector<T>(4, T(-2))) == "");
    const auto e = tmath::empty<T>(std::vector<int>{4, 5});
    CHECK(e.shape() == shape{4, 5});
    CHECK(e.size() == 20);
    CHECK(e.strides() == strides{5, 1});
    // Shapes taken from another tensor.
    const auto like = tmath::zeros<T>(f.shape());
    CHECK(like.shape() == shape{2, 2});
    // Rank 0: one element.
    const auto s = tmath::full<T>({}, T(4));
    CHECK(s.rank() == 0);
    CHECK(s.size() == 1);
    CHECK(s.strides().size() == 0);
    CHECK(*s.data() == T(4));
    CHECK(s() == T(4));
    CHECK(s.at() == T(4));
    CHECK(tmath::zeros<T>(std::vector<std::size_t>{}).size() == 1);
    // Zero extents: no elements, any rank.
    const auto none = tmath::ones<T>({3, 0, 2});
    CHECK(none.shape() == shape{3, 0, 2});
    CHECK(none.size() == 0);
    CHECK(none.begin() == none.end());
    // Alignment of the storage (TMATH_ALIGNMENT).
    CHECK(reinterpret_cast<std::uintptr_t>(tmath::ones<T>({5}).data()) % TMATH_ALIGNMENT == 0);
}

TEST_CASE("factories: negative and overflowing shapes throw shape_error", "[tensor][factories][error]") {
    CHECK_THROWS_AS(tmath::zeros<float>(std::vector<int>{2, -1}), tmath::shape_error);
    CHECK_THROWS_AS(tmath::full<float>(std::vector<long>{-3}, 1.0f), tmath::shape_error);
    const std::size_t big = std::size_t(1) << 32;
    CHECK_THROWS_AS(tmath::zeros<float>({big, big}), tmath::shape_error);
    CHECK_THROWS_AS(tmath::empty<std::int64_t>(std::vector<std::size_t>{big, big, 2}), tmath::shape_error);
    CHECK_THAT(test::shape_error_message([&] { tmath::ones<double>({big, big}); }), TMATH_CONTAINS("(4294967296,4294967296)"));
}

TEST_CASE("tensor: strides are row-major in elements", "[tensor]") {
    CHECK(tmath::zeros<float>({2, 3, 4}).strides() == strides{12, 4, 1});
    CHECK(tmath::zeros<double>({7}).strides() == strides{1});
    CHECK(tmath::zeros<std::int32_t>({5, 1, 3}).strides() == strides{3, 3, 1});
    CHECK(tmath::zeros<std::int64_t>({2, 3, 4, 5, 6, 7}).strides() == strides{2520, 840, 210, 42, 7, 1});
    // Rank beyond the inline capacity of shapes (TMATH_INLINE_RANK).
    const auto deep = tmath::ones<float>(std::vector<std::size_t>(10, 2));
    CHECK(deep.rank() == 10);
    CHECK(deep.size() == 1024);
    CHECK(deep.strides()[0] == 512);
    CHECK(deep.strides()[9] == 1);
}

TEST_CASE("shapes of rank 0 to 12 survive copies, moves, views and broadcasting", "[tensor][view]") {
    // Ranks on both sides of the inline capacity of shapes and strides (TMATH_INLINE_RANK).
    for (std::size_t r = 0; r <= 12; ++r) {
        INFO("rank " << r);
        shape s(r);
        for (std::size_t i = 0; i < r; ++i) s[i] = i % 3 + 1;
        auto t = tmath::empty<float>(s);
        std::iota(t.begin(), t.end(), 0.0f);
        const strides st(t.strides().begin(), t.strides().end());
        CHECK(shape(t.shape().begin(), t.shape().end()) == s);

        tmath::tensor<float> copy = t;
        CHECK(shape(copy.shape().begin(), copy.shape().end()) == s);
        CHECK(strides(copy.strides().begin(), copy.strides().end()) == st);
        const tmath::tensor<float> moved = std::move(copy);
        CHECK(shape(moved.shape().begin(), moved.shape().end()) == s);
        CHECK(std::equal(moved.begin(), moved.end(), t.begin(), t.end()));

        const auto v = tmath::transpose(t);
        CHECK(shape(v.shape().begin(), v.shape().end()) == shape(s.rbegin(), s.rend()));
        CHECK(strides(v.strides().begin(), v.strides().end()) == strides(st.rbegin(), st.rend()));
        tmath::tensor<float> back = tmath::transpose(v);  // the transpose of the transpose, copied
        CHECK(std::equal(back.begin(), back.end(), t.begin(), t.end()));
        if (r >= 2) {
            const auto w = tmath::swapaxes(t, 0, -1);
            shape ws = s;
            std::swap(ws.front(), ws.back());
            strides wst = st;
            std::swap(wst.front(), wst.back());
            CHECK(shape(w.shape().begin(), w.shape().end()) == ws);
            CHECK(strides(w.strides().begin(), w.strides().end()) == wst);
        }
        if (r >= 1) {  // a 1-D operand broadcast across every leading dimension
            const std::size_t n = s.back();
            auto row = tmath::empty<float>({n});
            for (std::size_t j = 0; j < n; ++j) row.data()[j] = float(100 * (j + 1));
            const tmath::tensor<float> sum = t + row;
            CHECK(shape(sum.shape().begin(), sum.shape().end()) == s);
            for (std::size_t k = 0; k < t.size(); ++k) REQUIRE(sum.data()[k] == t.data()[k] + float(100 * (k % n + 1)));
        }
    }
}

TEST_CASE("swap exchanges shapes and strides held inline and on the heap", "[tensor]") {
    // Every pair of ranks around the inline capacity (TMATH_INLINE_RANK): inline with
    // inline (longer and shorter), heap with heap, and each mix.
    const auto make = [](std::size_t r, float base) {
        shape s(r);
        for (std::size_t i = 0; i < r; ++i) s[i] = i % 2 + 1;
        auto t = tmath::empty<float>(s);
        std::iota(t.begin(), t.end(), base);
        return t;
    };
    const std::size_t ranks[] = {0, 1, 3, TMATH_INLINE_RANK - 1, TMATH_INLINE_RANK, TMATH_INLINE_RANK + 1, 12};
    for (std::size_t ra : ranks)
        for (std::size_t rb : ranks) {
            INFO("ranks " << ra << " and " << rb);
            auto a = make(ra, 0.0f);
            auto b = make(rb, 1000.0f);
            const auto a0 = make(ra, 0.0f);
            const auto b0 = make(rb, 1000.0f);
            swap(a, b);
            REQUIRE(shape(a.shape().begin(), a.shape().end()) == shape(b0.shape().begin(), b0.shape().end()));
            REQUIRE(shape(b.shape().begin(), b.shape().end()) == shape(a0.shape().begin(), a0.shape().end()));
            REQUIRE(strides(a.strides().begin(), a.strides().end()) == strides(b0.strides().begin(), b0.strides().end()));
            REQUIRE(strides(b.strides().begin(), b.strides().end()) == strides(a0.strides().begin(), a0.strides().end()));
            CHECK(std::equal(a.begin(), a.end(), b0.begin(), b0.end()));
            CHECK(std::equal(b.begin(), b.end(), a0.begin(), a0.end()));
            a.swap(a);  // self-swap changes nothing
            CHECK(std::equal(a.begin(), a.end(), b0.begin(), b0.end()));
            CHECK(a.rank() == rb);
        }
}

TEMPLATE_TEST_CASE("tensor: at() checks bounds and index count", "[tensor][error]", float, std::int32_t) {
    using T = TestType;
    tmath::tensor<T> t = {{1, 2, 3}, {4, 5, 6}};
    CHECK(t.at(1, 2) == T(6));
    CHECK(t.at(0u, std::size_t(1)) == T(2));
    t.at(1, 0) = T(40);
    CHECK(t(1, 0) == T(40));
    const auto& ct = t;
    CHECK(ct.at(0, 0) == T(1));
    CHECK_THROWS_AS(t.at(2, 0), std::out_of_range);
    CHECK_THROWS_AS(t.at(0, 3), std::out_of_range);
    CHECK_THROWS_AS(t.at(-1, 0), std::out_of_range);
    CHECK_THROWS_AS(ct.at(0, -1), std::out_of_range);
    CHECK_THROWS_AS(t.at(0), std::out_of_range);        // too few indices
    CHECK_THROWS_AS(t.at(0, 0, 0), std::out_of_range);  // too many
    const auto s = tmath::full<T>({}, T(1));
    CHECK_THROWS_AS(s.at(0), std::out_of_range);
    const auto empty = tmath::zeros<T>({0, 3});
    CHECK_THROWS_AS(empty.at(0, 0), std::out_of_range);
}

TEMPLATE_TEST_CASE("tensor: iterators walk the elements in row-major order", "[tensor]", double, std::int64_t) {
    using T = TestType;
    tmath::tensor<T> t = {{3, 1}, {4, 1}, {5, 9}};
    CHECK(static_cast<std::size_t>(t.end() - t.begin()) == t.size());
    CHECK(std::accumulate(t.begin(), t.end(), T(0)) == T(23));
    std::vector<T> seen;
    for (T v : std::as_const(t)) seen.push_back(v);
    CHECK(seen == std::vector<T>{3, 1, 4, 1, 5, 9});
    for (T& v : t) v *= T(2);
    CHECK(t(2, 1) == T(18));
    std::sort(t.begin(), t.end());
    CHECK(test::mismatch(t, shape{3, 2}, std::vector<T>{2, 2, 6, 8, 10, 18}) == "");
    CHECK(std::ranges::max(t) == T(18));
    CHECK(t.begin() == t.data());
}

TEMPLATE_TEST_CASE("adapt: a view over user memory that writes through", "[view]", float, std::int32_t) {
    using T = TestType;
    std::vector<T> mem = {1, 2, 3, 4, 5, 6};
    auto v = tmath::adapt(mem.data(), {2, 3});
    static_assert(std::is_same_v<decltype(v), tmath::tensor_view<T>>);
    CHECK(v.shape() == shape{2, 3});
    CHECK(v.strides() == strides{3, 1});
    CHECK(v.rank() == 2);
    CHECK(v.size() == 6);
    CHECK(v.data() == mem.data());  // no copy
    CHECK(v(1, 1) == T(5));
    v(0, 2) = T(30);
    CHECK(mem[2] == T(30));
    v.at(1, 2) = T(60);
    CHECK(mem[5] == T(60));
    CHECK_THROWS_AS(v.at(2, 0), std::out_of_range);
    CHECK_THROWS_AS(v.at(0), std::out_of_range);
    // Assignment writes through, broadcasting.
    v = tmath::tensor<T>{7, 8, 9};
    CHECK(mem == std::vector<T>{7, 8, 9, 7, 8, 9});
    v = tmath::adapt(mem.data(), {2, 3}) * T(2);  // reads what it writes, same mapping
    CHECK(mem == std::vector<T>{14, 16, 18, 14, 16, 18});
    // A shape from a range, and a tensor built from a view copies.
    auto w = tmath::adapt(mem.data(), std::vector<std::size_t>{3, 2});
    tmath::tensor<T> copy = w;
    CHECK(test::mismatch(copy, shape{3, 2}, std::vector<T>{14, 16, 18, 14, 16, 18}) == "");
    CHECK(copy.data() != mem.data());
    // Const memory gives a read-only view.
    const T* cp = mem.data();
    auto cv = tmath::adapt(cp, {6});
    static_assert(std::is_same_v<decltype(cv), tmath::tensor_view<const T>>);
    CHECK(cv(5) == T(18));
    // Mismatched stride count, negative extents.
    CHECK_THROWS_AS(tmath::adapt(mem.data(), {2, 3}, {1}), tmath::shape_error);
    CHECK_THROWS_AS(tmath::adapt(mem.data(), std::vector<int>{-2, 3}), tmath::shape_error);
}

TEMPLATE_TEST_CASE("adapt with strides: columns/steps/reversal/repetition", "[view]", double, std::int64_t) {
    using T = TestType;
    std::vector<T> mem(12);
    std::iota(mem.begin(), mem.end(), T(0));  // a 3x4 matrix, row-major
    // Column 1 of the 3x4 matrix.
    auto col = tmath::adapt(mem.data() + 1, {3}, {4});
    CHECK(col.strides() == strides{4});
    CHECK(test::mismatch(col, shape{3}, std::vector<T>{1, 5, 9}) == "");
    // Every other element of row 2.
    auto step = tmath::adapt(mem.data() + 8, std::vector<std::size_t>{2}, std::vector<std::ptrdiff_t>{2});
    CHECK(test::mismatch(step, shape{2}, std::vector<T>{8, 10}) == "");
    // The transpose, 4x3, by strides.
    auto tr = tmath::adapt(mem.data(), {4, 3}, {1, 4});
    CHECK(tr(3, 2) == T(11));
    CHECK(tr(1, 0) == T(1));
    CHECK(tr(0, 1) == T(4));
    // Negative stride: row 0 reversed.
    auto rev = tmath::adapt(mem.data() + 3, {4}, {-1});
    CHECK(test::mismatch(rev, shape{4}, std::vector<T>{3, 2, 1, 0}) == "");
    // Stride 0: one element repeated.
    auto rep = tmath::adapt(mem.data() + 7, {2, 3}, {0, 0});
    CHECK(test::mismatch(rep, shape{2, 3}, std::vector<T>(6, T(7))) == "");
    // Writing through a strided view touches exactly its elements.
    col = tmath::full<T>({1}, T(-1));
    CHECK(mem == std::vector<T>{0, -1, 2, 3, 4, -1, 6, 7, 8, -1, 10, 11});
    // Evaluating a strided view gives a contiguous tensor.
    const tmath::tensor<T> e = tmath::eval(tr);
    CHECK(e.strides() == strides{3, 1});
    CHECK(test::mismatch(e, shape{4, 3}, std::vector<T>{0, 4, 8, -1, -1, -1, 2, 6, 10, 3, 7, 11}) == "");
}

TEMPLATE_TEST_CASE("transpose: 2-D and 3-D views with and without axes", "[view][transpose]", float,
                   std::int32_t) {
    using T = TestType;
    tmath::tensor<T> m = {{1, 2, 3}, {4, 5, 6}};
    auto mt = tmath::transpose(m);
    static_assert(std::is_same_v<decltype(mt), tmath::tensor_view<T>>);
    CHECK(mt.shape() == shape{3, 2});
    CHECK(mt.strides() == strides{1, 3});
    CHECK(mt.data() == m.data());
    for (std::size_t i = 0; i < 2; ++i)
        for (std::size_t j = 0; j < 3; ++j) CHECK(mt(j, i) == m(i, j));
    mt(2, 0) = T(30);  // writes through
    CHECK(m(0, 2) == T(30));

    // 3-D: full reversal, and every permutation given as axes.
    tmath::tensor<T> x = tmath::empty<T>({2, 3, 4});
    std::iota(x.begin(), x.end(), T(0));
    const auto xt = tmath::transpose(x);
    REQUIRE(xt.shape() == shape{4, 3, 2});
    CHECK(xt.strides() == strides{1, 4, 12});
    const std::array<std::array<int, 3>, 6> perms = {
        {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}}};
    for (const auto& p : perms) {
        INFO("axes " << p[0] << p[1] << p[2]);
        const auto v = tmath::transpose(x, p);
        const auto vn = tmath::transpose(x, {p[0] - 3, p[1], p[2] - 3});  // negative axes
        const std::size_t ext[] = {2, 3, 4};
        REQUIRE(v.shape() == shape{ext[p[0]], ext[p[1]], ext[p[2]]});
        REQUIRE(vn.shape() == v.shape());
        for (std::size_t i = 0; i < 2; ++i)
            for (std::size_t j = 0; j < 3; ++j)
                for (std::size_t k = 0; k < 4; ++k) {
                    const std::size_t idx[] = {i, j, k};
                    const T want = x(i, j, k);
                    CHECK(v(idx[p[0]], idx[p[1]], idx[p[2]]) == want);
                    CHECK(vn(idx[p[0]], idx[p[1]], idx[p[2]]) == want);
                    if (p == perms[5]) CHECK(xt(k, j, i) == want);
                }
    }
    // Axes from a std::vector; rank 1 and rank 0 transposes are the identity.
    CHECK(tmath::transpose(x, std::vector<long>{1, 0, 2}).shape() == shape{3, 2, 4});
    tmath::tensor<T> r1 = {1, 2, 3};
    CHECK(tmath::transpose(r1).shape() == shape{3});
    auto s = tmath::full<T>({}, T(5));
    CHECK(tmath::transpose(s).rank() == 0);
    CHECK(*tmath::transpose(s).data() == T(5));
}

TEST_CASE("transpose of a const tensor is read-only and of a view is a view", "[view][transpose]") {
    const tmath::tensor<float> c = {{1, 2}, {3, 4}};
    const auto ct = tmath::transpose(c);
    static_assert(std::is_same_v<std::remove_const_t<decltype(ct)>, tmath::tensor_view<const float>>);
    CHECK(ct(0, 1) == 3.0f);

    std::vector<double> mem = {1, 2, 3, 4, 5, 6};
    auto v = tmath::adapt(mem.data(), {2, 3});
    auto vt = tmath::transpose(v);
    CHECK(vt.shape() == shape{3, 2});
    CHECK(vt.strides() == strides{1, 3});
    CHECK(vt(2, 1) == 6.0);
    auto vtt = tmath::transpose(vt);  // back to the original mapping
    CHECK(vtt.shape() == shape{2, 3});
    CHECK(vtt.strides() == strides{3, 1});
    vtt(0, 1) = 20.0;
    CHECK(mem[1] == 20.0);
    // A strided view transposed.
    auto col_pairs = tmath::adapt(mem.data(), {3, 2}, {1, 3});  // already a transpose
    CHECK(tmath::transpose(col_pairs)(1, 2) == 6.0);
    CHECK(tmath::swapaxes(col_pairs, 0, -1)(0, 1) == 20.0);
}

TEST_CASE("swapaxes: negative axes count from the end", "[view][transpose]") {
    tmath::tensor<std::int64_t> x = tmath::empty<std::int64_t>({2, 3, 4, 5});
    std::iota(x.begin(), x.end(), std::int64_t{0});
    const auto s = tmath::swapaxes(x, -1, -2);
    CHECK(s.shape() == shape{2, 3, 5, 4});
    CHECK(s.strides() == strides{60, 20, 1, 5});
    const auto s2 = tmath::swapaxes(x, 0, -1);
    CHECK(s2.shape() == shape{5, 3, 4, 2});
    const auto same = tmath::swapaxes(x, 1, -3);  // the same axis: identity
    CHECK(same.shape() == shape{2, 3, 4, 5});
    CHECK(same.strides() == strides{60, 20, 5, 1});
    for (std::size_t a = 0; a < 2; ++a)
        for (std::size_t b = 0; b < 3; ++b)
            for (std::size_t c = 0; c < 4; ++c)
                for (std::size_t d = 0; d < 5; ++d) {
                    CHECK(s(a, b, d, c) == x(a, b, c, d));
                    CHECK(s2(d, b, c, a) == x(a, b, c, d));
                }
}

TEST_CASE("transpose and swapaxes reject bad axes", "[view][transpose][error]") {
    tmath::tensor<float> x = tmath::zeros<float>({2, 3, 4});
    CHECK_THROWS_AS(tmath::transpose(x, {0, 1}), std::invalid_argument);        // too few
    CHECK_THROWS_AS(tmath::transpose(x, {0, 1, 2, 3}), std::invalid_argument);  // too many
    CHECK_THROWS_AS(tmath::transpose(x, {0, 1, 1}), std::invalid_argument);     // repeated
    CHECK_THROWS_AS(tmath::transpose(x, {0, -2, 1}), std::invalid_argument);    // repeated via negative
    CHECK_THROWS_AS(tmath::transpose(x, {0, 1, 3}), std::out_of_range);
    CHECK_THROWS_AS(tmath::transpose(x, {-4, 1, 2}), std::out_of_range);
    CHECK_THROWS_AS(tmath::swapaxes(x, 0, 3), std::out_of_range);
    CHECK_THROWS_AS(tmath::swapaxes(x, -4, 0), std::out_of_range);
    auto s = tmath::full<float>({}, 1.0f);
    CHECK_THROWS_AS(tmath::swapaxes(s, 0, 0), std::out_of_range);
}

TEST_CASE("operator<< prints nested brackets", "[tensor][io]") {
    std::ostringstream os;
    os << tmath::tensor<std::int32_t>{{1, 2}, {3, 4}};
    CHECK(os.str() == "[[1 2]\n [3 4]]");
    os.str("");
    const tmath::tensor<std::int32_t> m = {{1, 20}, {3, 4}};
    os << tmath::transpose(m);
    CHECK(os.str() == "[[ 1  3]\n [20  4]]");
    os.str("");
    os << tmath::full<double>({}, 2.5);
    CHECK(os.str() == "2.5");
}

TEST_CASE("allclose: tolerances and broadcasting", "[tensor][allclose]") {
    const tmath::tensor<double> a = {1.0, 2.0, 3.0};
    const tmath::tensor<double> b = {1.0, 2.0 + 1e-9, 3.0};
    CHECK(tmath::allclose(a, b));
    CHECK_FALSE(tmath::allclose(a, tmath::tensor<double>{1.0, 2.1, 3.0}));
    CHECK(tmath::allclose(a, tmath::tensor<double>{1.0, 2.1, 3.0}, 0.1, 0.0));  // |0.1| <= 0.1 * 2.1
    CHECK_FALSE(tmath::allclose(a, tmath::tensor<double>{1.0, 2.1, 3.0}, 0.01, 0.05));
    CHECK(tmath::allclose(tmath::ones<float>({2, 3}), tmath::full<float>({}, 1.0f)));
    CHECK_FALSE(tmath::allclose(tmath::ones<float>({2, 3}), tmath::full<float>({3}, 2.0f)));
    CHECK_THROWS_AS(tmath::allclose(tmath::ones<float>({2, 3}), tmath::ones<float>({2})), tmath::shape_error);
}
