// Assignment: compound assignment with broadcasting, failures that leave the
// destination unchanged, resizing and storage reuse, lifetimes of stored expressions,
// aliasing (in place, through transposes and overlapping views), mixed element types,
// unary minus and division.
#include "catch.hpp"
#include "test_support.hpp"

#include <tmath/tmath.hpp>

#include <cstdint>
#include <numeric>
#include <string>
#include <type_traits>
#include <vector>

using test::shape;

namespace {

template <class T>
std::vector<T> iota_values(std::size_t n, T start = T(1)) {
    std::vector<T> v(n);
    std::iota(v.begin(), v.end(), start);
    return v;
}

/// Shape, values and storage of a tensor, to check that a failed operation left it alone.
template <class T>
struct snapshot {
    shape s;
    std::vector<T> values;
    const T* data;
    explicit snapshot(const tmath::tensor<T>& t)
        : s(t.shape().begin(), t.shape().end()), values(t.begin(), t.end()), data(t.data()) {}
    bool same_as(const tmath::tensor<T>& t) const {
        return shape(t.shape().begin(), t.shape().end()) == s && std::vector<T>(t.begin(), t.end()) == values &&
               t.data() == data;
    }
};

}  // namespace

TEMPLATE_TEST_CASE("compound assignment broadcasts the right side", "[assign][broadcast]", float, double,
                   std::int32_t, std::int64_t) {
    using T = TestType;
    const auto base = iota_values<T>(6);  // {{1,2,3},{4,5,6}}
    const shape s{2, 3};
    tmath::tensor<T> a = test::make_tensor(s, base);
    const T* storage = a.data();

    a += tmath::tensor<T>{10, 20, 30};  // row
    CHECK(test::mismatch(a, s, std::vector<T>{11, 22, 33, 14, 25, 36}) == "");
    T col12[] = {1, 2};  // (braces can't spell a column: {{1}, {2}} is ambiguous)
    a -= tmath::adapt(col12, {2, 1});  // column
    CHECK(test::mismatch(a, s, std::vector<T>{10, 21, 32, 12, 23, 34}) == "");
    a *= tmath::full<T>({}, T(2));  // rank 0
    CHECK(test::mismatch(a, s, std::vector<T>{20, 42, 64, 24, 46, 68}) == "");
    a /= tmath::tensor<T>{{2, 2, 4}};  // (1,3)
    CHECK(test::mismatch(a, s, std::vector<T>{10, 21, 16, 12, 23, 17}) == "");
    a += T(1);  // scalar
    CHECK(test::mismatch(a, s, std::vector<T>{11, 22, 17, 13, 24, 18}) == "");
    a -= tmath::tensor<T>{1, 2, 3} * T(2);  // an expression (rvalue operand inside)
    CHECK(test::mismatch(a, s, std::vector<T>{9, 18, 11, 11, 20, 12}) == "");
    a *= a;  // itself
    CHECK(test::mismatch(a, s, std::vector<T>{81, 324, 121, 121, 400, 144}) == "");
    CHECK(a.data() == storage);  // all in place
}

TEMPLATE_TEST_CASE("compound assignment through views broadcasts the right side", "[assign][broadcast]", float,
                   std::int64_t) {
    using T = TestType;
    const shape s{2, 3};
    // A column of a tensor, and a transposed destination.
    tmath::tensor<T> m = test::make_tensor(s, iota_values<T>(6));
    auto col = tmath::adapt(m.data() + 1, {2}, {3});
    col *= T(10);
    CHECK(test::mismatch(m, s, std::vector<T>{1, 20, 3, 4, 50, 6}) == "");
    auto mt = tmath::transpose(m);  // (3,2)
    mt += tmath::tensor<T>{100, 200};  // broadcasts along mt's rows: m's rows get 100 and 200
    CHECK(test::mismatch(m, s, std::vector<T>{101, 120, 103, 204, 250, 206}) == "");
    T col123[] = {1, 2, 3};
    mt -= tmath::adapt(col123, {3, 1});  // mt's column: m's columns
    CHECK(test::mismatch(m, s, std::vector<T>{100, 118, 100, 203, 248, 203}) == "");
    mt /= T(2);
    std::vector<T> halves{100, 118, 100, 203, 248, 203};
    for (auto& h : halves) h = static_cast<T>(h / T(2));  // 101.5 or 101
    CHECK(test::mismatch(m, s, halves) == "");
}

TEST_CASE("compound assignment throws when the left side would have to grow", "[assign][error]") {
    tmath::tensor<float> v = {1, 2, 3};
    const snapshot<float> before(v);
    const tmath::tensor<float> m = tmath::ones<float>({2, 3});
    const std::string grow = test::shape_error_message([&] { v += m; });
    CHECK_THAT(grow, TMATH_CONTAINS("add"));
    CHECK_THAT(grow, TMATH_CONTAINS("(3,)"));
    CHECK_THAT(grow, TMATH_CONTAINS("(2,3)"));
    CHECK(before.same_as(v));

    const std::string mul = test::shape_error_message([&] { v *= tmath::ones<float>({1, 3}); });
    CHECK_THAT(mul, TMATH_CONTAINS("multiply"));
    CHECK_THAT(mul, TMATH_CONTAINS("(1,3)"));
    CHECK(before.same_as(v));

    const std::string bad = test::shape_error_message([&] { v -= tmath::ones<float>({4}); });
    CHECK(bad == "subtract: operands could not be broadcast together with shapes (3,) and (4,)");
    CHECK(before.same_as(v));

    CHECK_THAT(test::shape_error_message([&] { v /= tmath::ones<float>({0}); }), TMATH_CONTAINS("divide"));
    CHECK(before.same_as(v));

    // Through a view.
    std::vector<float> mem = {1, 2, 3, 4};
    auto view = tmath::adapt(mem.data(), {2, 2});
    CHECK_THROWS_AS(view += tmath::ones<float>({3, 2, 2}), tmath::shape_error);
    CHECK_THROWS_AS(view *= tmath::ones<float>({3}), tmath::shape_error);
    CHECK(mem == std::vector<float>{1, 2, 3, 4});
}

TEST_CASE("a failed assignment leaves the destination unchanged", "[assign][error]") {
    tmath::tensor<float> t = {{1, 2}, {3, 4}};
    const snapshot<float> before(t);

    // =, with a result whose element count overflows (stride-0 views cost no memory).
    float one = 1.0f;
    const std::size_t big = std::size_t(1) << 32;
    const auto rows = tmath::adapt(&one, {big, 1}, {0, 0});
    const auto cols = tmath::adapt(&one, {1, big}, {0, 0});
    CHECK_THROWS_AS(t = rows * cols, tmath::shape_error);
    CHECK(before.same_as(t));
    CHECK_THROWS_AS(t = tmath::zeros<float>({big, big}), tmath::shape_error);
    CHECK(before.same_as(t));

    // =, from a ragged list.
    CHECK_THROWS_AS((t = {{1, 2}, {3}}), tmath::shape_error);
    CHECK(before.same_as(t));

    // =, from operands that do not broadcast.
    const tmath::tensor<float> a = tmath::ones<float>({3});
    const tmath::tensor<float> b = tmath::ones<float>({2});
    CHECK_THROWS_AS(t = a * b, tmath::shape_error);
    CHECK(before.same_as(t));

    // +=, growing and incompatible.
    CHECK_THROWS_AS(t += tmath::ones<float>({2, 2, 2}), tmath::shape_error);
    CHECK_THROWS_AS(t += a, tmath::shape_error);
    CHECK(before.same_as(t));

    // Into a view: larger or incompatible right sides throw before anything is written.
    std::vector<float> mem = {1, 2, 3, 4, 5, 6};
    auto v = tmath::adapt(mem.data(), {2, 3});
    const std::string grow = test::shape_error_message([&] { v = tmath::ones<float>({4, 2, 3}); });
    CHECK_THAT(grow, TMATH_CONTAINS("(2,3)"));
    CHECK_THAT(grow, TMATH_CONTAINS("(4,2,3)"));
    CHECK_THROWS_AS(v = tmath::ones<float>({2}), tmath::shape_error);
    CHECK_THROWS_AS(v = tmath::ones<float>({3, 1}), tmath::shape_error);
    CHECK_THROWS_AS(v = tmath::ones<float>({1, 3}) * tmath::ones<float>({4, 1}), tmath::shape_error);
    CHECK(mem == std::vector<float>{1, 2, 3, 4, 5, 6});
    // The NumPy message spells out the non-broadcastable output.
    auto w = tmath::adapt(mem.data(), {3});
    CHECK_THAT(test::shape_error_message([&] { w = tmath::ones<float>({2, 3}); }), TMATH_CONTAINS("(3,)"));
    CHECK(mem == std::vector<float>{1, 2, 3, 4, 5, 6});
}

TEMPLATE_TEST_CASE("assignment resizes a tensor to the expression's shape", "[assign]", float, std::int32_t) {
    using T = TestType;
    tmath::tensor<T> t = {{1, 2}, {3, 4}};
    const tmath::tensor<T> r = {5, 6, 7};
    t = r * T(2);
    CHECK(test::mismatch(t, shape{3}, std::vector<T>{10, 12, 14}) == "");
    CHECK(t.strides() == std::vector<std::ptrdiff_t>{1});
    const tmath::tensor<T> m = tmath::ones<T>({2, 1, 3});
    t = m + r;
    CHECK(test::mismatch(t, shape{2, 1, 3}, std::vector<T>{6, 7, 8, 6, 7, 8}) == "");
    CHECK(t.strides() == std::vector<std::ptrdiff_t>{3, 3, 1});
    t = tmath::transpose(m);  // a view
    CHECK(test::mismatch(t, shape{3, 1, 2}, std::vector<T>(6, T(1))) == "");
    CHECK(t.strides() == std::vector<std::ptrdiff_t>{2, 2, 1});
    t = tmath::zeros<T>({0, 3}) * T(2);
    CHECK(t.shape() == shape{0, 3});
    CHECK(t.size() == 0);
    t = tmath::full<T>({}, T(3)) + T(1);
    CHECK(t.rank() == 0);
    CHECK(*t.data() == T(4));
    t = r;  // plain copy assignment, other shape
    CHECK(test::mismatch(t, shape{3}, std::vector<T>{5, 6, 7}) == "");
}

TEMPLATE_TEST_CASE("assignment into a tensor of the same shape reuses its storage", "[assign]", float,
                   std::int64_t) {
    using T = TestType;
    tmath::tensor<T> t = tmath::zeros<T>({4, 5});
    const T* storage = t.data();
    const tmath::tensor<T> a = tmath::full<T>({4, 5}, T(2));
    const tmath::tensor<T> row = tmath::full<T>({5}, T(3));
    t = a * row;
    CHECK(t.data() == storage);
    CHECK(test::mismatch(t, shape{4, 5}, std::vector<T>(20, T(6))) == "");
    t = tmath::transpose(tmath::transpose(a));  // a view
    CHECK(t.data() == storage);
    CHECK(test::mismatch(t, shape{4, 5}, std::vector<T>(20, T(2))) == "");
    const tmath::tensor<std::int32_t> other_type = tmath::full<std::int32_t>({4, 5}, 7);
    t = other_type;
    CHECK(t.data() == storage);
    CHECK(test::mismatch(t, shape{4, 5}, std::vector<T>(20, T(7))) == "");
    t = row + tmath::zeros<T>({4, 1});  // a temporary operand, same shape result
    CHECK(t.data() == storage);
    CHECK(test::mismatch(t, shape{4, 5}, std::vector<T>(20, T(3))) == "");
    // Copy assignment from a tensor of the same type and shape: reuse, like std::vector.
    t = a;
    CHECK(t.data() == storage);
    CHECK(test::mismatch(t, shape{4, 5}, std::vector<T>(20, T(2))) == "");
}

TEMPLATE_TEST_CASE("operands with as many elements as the destination but fewer dimensions", "[assign][broadcast]",
                   float, std::int32_t) {
    using T = TestType;
    // (2,1,19) and (19) read flat into a (1,2,1,19) view; a (19) operand into (2,1,19) is not flat.
    std::vector<T> storage(40, T(-1));
    auto dst = tmath::adapt(storage.data() + 1, {1, 2, 1, 19});
    tmath::tensor<T> a = tmath::empty<T>({2, 1, 19}), b = tmath::empty<T>({2, 1, 19});
    tmath::tensor<T> row = tmath::empty<T>({19});
    for (std::size_t i = 0; i < 38; ++i) a.data()[i] = T(i), b.data()[i] = T(3 * i % 7);
    for (std::size_t j = 0; j < 19; ++j) row.data()[j] = T(j % 5);
    dst = a * b;
    for (std::size_t i = 0; i < 38; ++i) CHECK(storage[i + 1] == T(i) * T(3 * i % 7));
    CHECK(storage[0] == T(-1));
    CHECK(storage[39] == T(-1));
    dst = a + row;
    for (std::size_t i = 0; i < 38; ++i) CHECK(storage[i + 1] == T(i) + T(i % 19 % 5));
    CHECK((storage[0] == T(-1) && storage[39] == T(-1)));
}

TEMPLATE_TEST_CASE("tensor destinations of tensor-only expressions (the unchecked flat loop)", "[assign]", float,
                   std::int32_t, double) {
    using T = TestType;
    const std::size_t w = tmath::simd::width<T>;
    for (std::size_t n : {std::size_t{0}, std::size_t{1}, w - 1 + (w == 1), w, w + 1, 4 * w + 3}) {
        INFO("n = " << n);
        tmath::tensor<T> a = tmath::empty<T>({n}), b = tmath::empty<T>({n});
        for (std::size_t i = 0; i < n; ++i) a.data()[i] = T(i % 11), b.data()[i] = T(2 + i % 3);
        std::vector<T> want(n), in_place(n);
        for (std::size_t i = 0; i < n; ++i) want[i] = T(a.data()[i] * b.data()[i] + T(2));
        // Construction, assignment into a tensor of the shape (storage kept), and in place.
        tmath::tensor<T> c = a * b + T(2);
        CHECK(test::mismatch(c, shape{n}, want) == "");
        const T* storage = c.data();
        c = b * a + T(2);
        CHECK(c.data() == storage);
        CHECK(test::mismatch(c, shape{n}, want) == "");
        for (std::size_t i = 0; i < n; ++i) in_place[i] = T(a.data()[i] * (a.data()[i] - b.data()[i]));
        a = a * (a - b);
        CHECK(test::mismatch(a, shape{n}, in_place) == "");
        // Operands of other shapes with as many elements, and another element type.
        tmath::tensor<T> row = tmath::empty<T>({1, n});
        for (std::size_t i = 0; i < n; ++i) row.data()[i] = T(i % 5);
        const tmath::tensor<std::int64_t> wide = tmath::full<std::int64_t>({n, 1}, 3);
        tmath::tensor<T> d = tmath::zeros<T>({n});
        d = b * row;
        for (std::size_t i = 0; i < n; ++i) CHECK(d.data()[i] == T(b.data()[i] * row.data()[i]));
        tmath::tensor<T> e = tmath::zeros<T>({n, 1});
        e = b - wide;  // (n) - (n,1) broadcasts to (n,n): e takes that shape
        CHECK(shape(e.shape().begin(), e.shape().end()) == shape{n, n});
        for (std::size_t i = 0; i < n * n; ++i) CHECK(e.data()[i] == T(b.data()[i % n] - 3));
    }
    // A broadcast operand with fewer elements takes the general path.
    tmath::tensor<T> m = tmath::zeros<T>({3, 5});
    const tmath::tensor<T> r = tmath::tensor<T>{1, 2, 3, 4, 5};
    m = r * tmath::full<T>({3, 5}, T(2));
    for (std::size_t i = 0; i < 15; ++i) CHECK(m.data()[i] == T(2 * (1 + i % 5)));
}

TEST_CASE("expressions stored in auto keep their temporaries alive", "[assign][lifetime]") {
    tmath::tensor<float> a = {1, 2, 3};
    auto e = a * tmath::ones<float>({3});
    auto e2 = -(tmath::tensor<float>{1, 2, 3} * 2.0f) + tmath::full<float>({2, 1}, 10.0f);
    auto make = [] { return tmath::tensor<double>{1, 2, 3} * tmath::tensor<double>{4, 5, 6}; };
    auto e3 = make();
    const tmath::tensor<float> m = {{1, 2}, {3, 4}, {5, 6}};
    auto e4 = tmath::transpose(m) * tmath::full<float>({3}, 2.0f) + tmath::tensor<float>{{1, 1, 1}, {2, 2, 2}};
    auto e5 = tmath::hadamard(tmath::ones<std::int32_t>({2, 2}), tmath::full<std::int32_t>({2}, 3)) * 2;
    auto e6 = e * e;  // a copy of e inside
    std::vector<float> mem = {4, 5, 6};
    auto e7 = tmath::adapt(mem.data(), {3}) - tmath::eval(tmath::tensor<float>{1, 1, 1} * 2.0f);
    // Churn the heap so that freed storage would be reused (and caught by ASan).
    std::vector<tmath::tensor<float>> churn;
    for (int i = 0; i < 16; ++i) churn.push_back(tmath::full<float>({3}, -1.0f));

    tmath::tensor<float> r = e;
    CHECK(test::mismatch(r, shape{3}, std::vector<float>{1, 2, 3}) == "");
    const tmath::tensor<float> r2 = e2;
    CHECK(test::mismatch(r2, shape{2, 3}, std::vector<float>{8, 6, 4, 8, 6, 4}) == "");
    const tmath::tensor<double> r3 = e3;
    CHECK(test::mismatch(r3, shape{3}, std::vector<double>{4, 10, 18}) == "");
    const tmath::tensor<float> r4 = e4;
    CHECK(test::mismatch(r4, shape{2, 3}, std::vector<float>{3, 7, 11, 6, 10, 14}) == "");
    const tmath::tensor<std::int32_t> r5 = e5;
    CHECK(test::mismatch(r5, shape{2, 2}, std::vector<std::int32_t>{6, 6, 6, 6}) == "");
    const tmath::tensor<float> r6 = e6;
    CHECK(test::mismatch(r6, shape{3}, std::vector<float>{1, 4, 9}) == "");
    const tmath::tensor<float> r7 = e7;
    CHECK(test::mismatch(r7, shape{3}, std::vector<float>{2, 3, 4}) == "");
    // Evaluating twice gives the same; lvalue operands are read when evaluated.
    r = e;
    CHECK(test::mismatch(r, shape{3}, std::vector<float>{1, 2, 3}) == "");
    a(0) = 100.0f;
    r = e;
    CHECK(test::mismatch(r, shape{3}, std::vector<float>{100, 2, 3}) == "");
    // A compound assignment from a stored expression.
    r += e6 * 0.0f + e3 * 0.0 * 0.0f;
    CHECK(test::mismatch(r, shape{3}, std::vector<float>{100, 2, 3}) == "");
}

// Aliasing depends on element size and layout, not on arithmetic: 4- and 8-byte types suffice.
TEMPLATE_TEST_CASE("aliasing: in-place and transposed reads of the destination", "[assign][alias]", float,
                   std::int64_t) {
    using T = TestType;
    const std::size_t n = GENERATE(as<std::size_t>{}, 1, 3, 17, 40);
    INFO("n = " << n);
    const auto va = iota_values<T>(n * n);
    const auto vb = iota_values<T>(n * n, T(3));
    const shape s{n, n};
    const tmath::tensor<T> b = test::make_tensor(s, vb);
    auto at = [&](const std::vector<T>& v, std::size_t i, std::size_t j) { return v[i * n + j]; };

    // a = a * b, in place.
    tmath::tensor<T> a = test::make_tensor(s, va);
    const T* storage = a.data();
    a = a * b;
    CHECK(test::mismatch(a, s, test::ref_binary<T>(s, s, va, s, vb, [](T x, T y) { return x * y; })) == "");
    CHECK(a.data() == storage);

    // a = transpose(a) * b: every element reads the other triangle.
    a = test::make_tensor(s, va);
    a = tmath::transpose(a) * b;
    std::vector<T> expect(n * n);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j) expect[i * n + j] = static_cast<T>(at(va, j, i) * at(vb, i, j));
    CHECK(test::mismatch(a, s, expect) == "");

    // a = transpose(a): an in-place transpose.
    a = test::make_tensor(s, va);
    a = tmath::transpose(a);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j) expect[i * n + j] = at(va, j, i);
    CHECK(test::mismatch(a, s, expect) == "");

    // a += transpose(a): symmetric result.
    a = test::make_tensor(s, va);
    a += tmath::transpose(a);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j) expect[i * n + j] = static_cast<T>(at(va, i, j) + at(va, j, i));
    CHECK(test::mismatch(a, s, expect) == "");

    // a -= (first row of a), broadcast: row 0 must be read before it is overwritten.
    a = test::make_tensor(s, va);
    a -= tmath::adapt(a.data(), {1, n});
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j) expect[i * n + j] = static_cast<T>(at(va, i, j) - at(va, 0, j));
    CHECK(test::mismatch(a, s, expect) == "");

    // transpose(a) = a * 2: writing through a transposed view of the operand.
    a = test::make_tensor(s, va);
    tmath::transpose(a) = a * T(2);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j) expect[i * n + j] = static_cast<T>(at(va, j, i) * T(2));
    CHECK(test::mismatch(a, s, expect) == "");
}

TEMPLATE_TEST_CASE("aliasing: overlapping views of the same memory", "[assign][alias]", float, std::int32_t) {
    using T = TestType;
    const std::size_t n = GENERATE(as<std::size_t>{}, 1, 5, 16, 33, 100);
    INFO("n = " << n);
    const auto orig = iota_values<T>(n + 1);
    std::vector<T> p = orig;
    // Shifted right by one: dst[i + 1] = 2 * src[i] must read src[i] before it changes.
    auto right = tmath::adapt(p.data() + 1, {n});
    right = tmath::adapt(p.data(), {n}) * T(2);
    std::vector<T> expect = orig;
    for (std::size_t i = 0; i < n; ++i) expect[i + 1] = static_cast<T>(T(2) * orig[i]);
    CHECK(p == expect);

    // Shifted left by one.
    p = orig;
    tmath::adapt(p.data(), {n}) = tmath::adapt(p.data() + 1, {n}) + T(1);
    expect = orig;
    for (std::size_t i = 0; i < n; ++i) expect[i] = static_cast<T>(orig[i + 1] + T(1));
    CHECK(p == expect);

    // Reversal in place through a negative stride.
    p = orig;
    tmath::adapt(p.data(), {n + 1}) = tmath::adapt(p.data() + n, {n + 1}, {-1});
    CHECK(std::equal(p.begin(), p.end(), orig.rbegin()));

    // Overlap through a tensor: a view into the tensor's own storage.
    tmath::tensor<T> t = test::make_tensor(shape{n + 1}, orig);
    tmath::adapt(t.data() + 1, {n}) += tmath::adapt(t.data(), {n});
    expect = orig;
    for (std::size_t i = 0; i < n; ++i) expect[i + 1] = static_cast<T>(orig[i + 1] + orig[i]);
    CHECK(test::mismatch(t, shape{n + 1}, expect) == "");
}

TEST_CASE("mixed element types promote like std::common_type", "[assign][types]") {
    const tmath::tensor<std::int32_t> i = {1, 2, 3};
    const tmath::tensor<float> f = {0.5f, 0.25f, 2.0f};
    const tmath::tensor<std::int64_t> l = {std::int64_t(1) << 40, 2, 3};
    const tmath::tensor<double> d = {1.5, 2.5, 3.5};

    static_assert(std::is_same_v<tmath::value_type_t<decltype(i * f)>, float>);
    static_assert(std::is_same_v<decltype(tmath::eval(i * f)), tmath::tensor<float>>);
    static_assert(std::is_same_v<decltype(tmath::eval(i * 2.5)), tmath::tensor<double>>);
    static_assert(std::is_same_v<decltype(tmath::eval(2.5 * i)), tmath::tensor<double>>);
    static_assert(std::is_same_v<decltype(tmath::eval(i * 2.5f)), tmath::tensor<float>>);
    static_assert(std::is_same_v<decltype(tmath::eval(f * 2.0)), tmath::tensor<float>>);
    static_assert(std::is_same_v<decltype(tmath::eval(2.0 * f)), tmath::tensor<float>>);
    static_assert(std::is_same_v<decltype(tmath::eval(i * 2)), tmath::tensor<std::int32_t>>);
    static_assert(std::is_same_v<decltype(tmath::eval(i * std::int64_t{2})), tmath::tensor<std::int32_t>>);
    static_assert(std::is_same_v<decltype(tmath::eval(l + i)), tmath::tensor<std::int64_t>>);
    static_assert(std::is_same_v<decltype(tmath::eval(f + d)), tmath::tensor<double>>);
    static_assert(std::is_same_v<decltype(tmath::eval(-i)), tmath::tensor<std::int32_t>>);
    static_assert(std::is_same_v<decltype(tmath::eval(i / f)), tmath::tensor<float>>);

    const auto i_f = tmath::eval(i * f);
    CHECK(test::mismatch(i_f, shape{3}, std::vector<float>{0.5f, 0.5f, 6.0f}) == "");
    const auto i_25 = tmath::eval(i * 2.5);
    CHECK(test::mismatch(i_25, shape{3}, std::vector<double>{2.5, 5.0, 7.5}) == "");
    const auto div = tmath::eval(i / 2.0);
    CHECK(test::mismatch(div, shape{3}, std::vector<double>{0.5, 1.0, 1.5}) == "");
    const auto f_2 = tmath::eval(f * 2.0);
    CHECK(test::mismatch(f_2, shape{3}, std::vector<float>{1.0f, 0.5f, 4.0f}) == "");
    const auto l_i = tmath::eval(l + i);
    CHECK(test::mismatch(l_i, shape{3}, std::vector<std::int64_t>{(std::int64_t(1) << 40) + 1, 4, 6}) == "");
    const auto f_d = tmath::eval(f + d);
    CHECK(test::mismatch(f_d, shape{3}, std::vector<double>{2.0, 2.75, 5.5}) == "");

    // Long operands, so the converting SIMD paths run too.
    const tmath::tensor<std::int32_t> li = test::make_tensor(shape{37}, iota_values<std::int32_t>(37));
    const tmath::tensor<float> lf = tmath::full<float>({37}, 0.5f);
    const tmath::tensor<float> prod = li * lf;
    for (std::size_t k = 0; k < 37; ++k) CHECK(prod(k) == static_cast<float>(k + 1) * 0.5f);

    // Assigning into a tensor of another type converts like static_cast (truncating).
    tmath::tensor<std::int32_t> t = tmath::zeros<std::int32_t>({3});
    t = f * 3.0f;  // {1.5, 0.75, 6}
    CHECK(test::mismatch(t, shape{3}, std::vector<std::int32_t>{1, 0, 6}) == "");
    const tmath::tensor<std::int32_t> from_double = d * -1.0;
    CHECK(test::mismatch(from_double, shape{3}, std::vector<std::int32_t>{-1, -2, -3}) == "");
    tmath::tensor<double> acc = tmath::zeros<double>({3});
    acc += i;  // an int operand into a double destination
    acc *= f;
    CHECK(test::mismatch(acc, shape{3}, std::vector<double>{0.5, 0.5, 6.0}) == "");
}

TEMPLATE_TEST_CASE("unary minus", "[assign][negate]", float, double, std::int32_t, std::int64_t) {
    using T = TestType;
    const std::size_t n = 37;  // SIMD body and tail
    const auto v = iota_values<T>(n, T(-5));
    const tmath::tensor<T> a = test::make_tensor(shape{n}, v);
    std::vector<T> neg(n), neg_sum(n);
    for (std::size_t k = 0; k < n; ++k) {
        neg[k] = static_cast<T>(-v[k]);
        neg_sum[k] = static_cast<T>(-(v[k] + T(1)));
    }
    CHECK(test::mismatch(tmath::eval(-a), shape{n}, neg) == "");
    CHECK(test::mismatch(tmath::eval(-(a + T(1))), shape{n}, neg_sum) == "");
    const tmath::tensor<T> m = {{1, 2}, {3, 4}};
    const tmath::tensor<T> mt = -tmath::transpose(m);
    CHECK(test::mismatch(mt, shape{2, 2}, std::vector<T>{-1, -3, -2, -4}) == "");
    const tmath::tensor<T> diff = m - -m;
    CHECK(test::mismatch(diff, shape{2, 2}, std::vector<T>{2, 4, 6, 8}) == "");
}

TEMPLATE_TEST_CASE("integer division truncates toward zero like C++", "[assign][divide]", std::int32_t,
                   std::int64_t) {
    using T = TestType;
    const std::size_t n = 41;  // SIMD body and tail
    std::vector<T> x(n), y(n), q(n), by3(n), inv(n);
    for (std::size_t k = 0; k < n; ++k) {
        x[k] = static_cast<T>((k % 2 ? -1 : 1) * static_cast<long>(7 + 3 * k));
        y[k] = static_cast<T>((k % 3 == 0 ? -1 : 1) * static_cast<long>(2 + k % 5));
        q[k] = static_cast<T>(x[k] / y[k]);
        by3[k] = static_cast<T>(x[k] / T(3));
        inv[k] = static_cast<T>(T(100) / y[k]);
    }
    const tmath::tensor<T> a = test::make_tensor(shape{n}, x);
    const tmath::tensor<T> b = test::make_tensor(shape{n}, y);
    CHECK(test::mismatch(tmath::eval(a / b), shape{n}, q) == "");
    CHECK(test::mismatch(tmath::eval(a / T(3)), shape{n}, by3) == "");
    CHECK(test::mismatch(tmath::eval(T(100) / b), shape{n}, inv) == "");
    // The four sign cases, spelled out.
    const tmath::tensor<T> s = tmath::tensor<T>{7, -7, 7, -7} / tmath::tensor<T>{2, 2, -2, -2};
    CHECK(test::mismatch(s, shape{4}, std::vector<T>{3, -3, -3, 3}) == "");
    tmath::tensor<T> c = {9, -9};
    c /= T(4);
    CHECK(test::mismatch(c, shape{2}, std::vector<T>{2, -2}) == "");
}

TEMPLATE_TEST_CASE("floating division matches the reference", "[assign][divide]", float, double) {
    using T = TestType;
    test::rng gen(5);
    const std::size_t n = 29;
    const auto x = gen.values<T>(n);
    const auto y = gen.values<T>(n, true);
    const tmath::tensor<T> a = test::make_tensor(shape{n}, x);
    const tmath::tensor<T> b = test::make_tensor(shape{n}, y);
    CHECK(test::mismatch(tmath::eval(a / b), shape{n}, test::ref_binary<T>(shape{n}, shape{n}, x, shape{n}, y, [](T p, T r) { return p / r; })) == "");
    const tmath::tensor<T> half = tmath::tensor<T>{1, -3, 5} / T(2);
    CHECK(test::mismatch(half, shape{3}, std::vector<T>{0.5, -1.5, 2.5}) == "");
}
