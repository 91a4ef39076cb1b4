// NumPy broadcasting: broadcast_shapes at rank 0-6 (with 0 and 1 extents), the
// shape_error messages, and element-wise results over random broadcastable shapes
// checked against an independent reference loop.
#include "catch.hpp"
#include "test_support.hpp"

#include <tmath/tmath.hpp>

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

using test::shape;

namespace {

struct shapes_case {
    std::vector<shape> in;
    shape out;
};

// Valid cases with NumPy's answers (np.broadcast_shapes), rank 0 to 6.
const std::vector<shapes_case> valid_cases = {
    {{{}, {}}, {}},
    {{{}, {3}}, {3}},
    {{{5}, {}}, {5}},
    {{{1}, {3}}, {3}},
    {{{3}, {1}}, {3}},
    {{{0}, {1}}, {0}},
    {{{1}, {0}}, {0}},
    {{{0}, {}}, {0}},
    {{{0}, {0}}, {0}},
    {{{2, 1}, {3}}, {2, 3}},
    {{{5, 4}, {1}}, {5, 4}},
    {{{5, 4}, {4}}, {5, 4}},
    {{{0, 1}, {1, 5}}, {0, 5}},
    {{{15, 3, 5}, {15, 1, 5}}, {15, 3, 5}},
    {{{15, 3, 5}, {3, 5}}, {15, 3, 5}},
    {{{15, 3, 5}, {3, 1}}, {15, 3, 5}},
    {{{1, 0, 3}, {2, 1, 3}}, {2, 0, 3}},
    {{{8, 1, 6, 1}, {7, 1, 5}}, {8, 7, 6, 5}},
    {{{2, 0, 1, 4}, {0, 3, 1}}, {2, 0, 3, 4}},
    {{{1, 1, 1, 1, 1}, {}}, {1, 1, 1, 1, 1}},
    {{{3, 1, 2, 1, 5}, {4, 1, 1, 5}}, {3, 4, 2, 1, 5}},
    {{{2, 1, 3, 1, 5, 1}, {1, 4, 1, 5, 1, 7}}, {2, 4, 3, 5, 5, 7}},
    {{{3, 1, 0, 1, 2, 1}, {1, 1, 2, 4}}, {3, 1, 0, 1, 2, 4}},
    {{{1, 1, 1, 1, 1, 1}, {1}}, {1, 1, 1, 1, 1, 1}},
    {{{2, 1, 1}, {1, 3, 1}, {1, 1, 4}}, {2, 3, 4}},
    {{{}, {1}, {1, 1}}, {1, 1}},
    {{{6, 1}, {1, 7}, {7}, {}}, {6, 7}},
    {{{1, 0}, {5, 1}, {1}}, {5, 0}},
};

// Pairs (or more) that do not broadcast.
const std::vector<std::vector<shape>> invalid_cases = {
    {{3}, {4}},
    {{2, 3}, {3, 2}},
    {{0}, {2}},
    {{2}, {0}},
    {{1, 0}, {5, 2}},
    {{2, 3, 4}, {1, 5, 4}},
    {{1, 1, 1, 1, 1, 3}, {2}},
    {{5, 1, 1, 1, 1, 1}, {4, 1, 1, 1, 1, 1}},
    {{2, 1}, {8, 4, 3}, {3}},
    {{2}, {2}, {}, {3}},
};

// Calls broadcast_shapes with 1 to 4 std::vector shapes.
tmath::shape_t call_broadcast_shapes(const std::vector<shape>& in) {
    switch (in.size()) {
    case 1: return tmath::broadcast_shapes(in[0]);
    case 2: return tmath::broadcast_shapes(in[0], in[1]);
    case 3: return tmath::broadcast_shapes(in[0], in[1], in[2]);
    default: REQUIRE(in.size() == 4); return tmath::broadcast_shapes(in[0], in[1], in[2], in[3]);
    }
}

std::string describe(const std::vector<shape>& in) {
    std::string s;
    for (const auto& x : in) s += test::fmt(x) + " ";
    return s;
}

// True when `broadcast_shapes({...}, {...})` (two braced lists) compiles.
template <class Z>
concept braced_pair_broadcast = requires(Z z) { tmath::broadcast_shapes({z, z}, {z}); };

template <class Z>
bool check_braced_pair() {
    if constexpr (braced_pair_broadcast<Z>) {
        const auto s = tmath::broadcast_shapes({Z{2}, Z{1}}, {Z{3}});
        CHECK(s == shape{2, 3});
        const auto t = tmath::broadcast_shapes({Z{8}, Z{1}, Z{6}, Z{1}}, {Z{7}, Z{1}, Z{5}});
        CHECK(t == shape{8, 7, 6, 5});
        CHECK_THROWS_AS(tmath::broadcast_shapes({Z{2}, Z{3}}, {Z{4}}), tmath::shape_error);
        return true;
    } else {
        return false;
    }
}

}  // namespace

TEST_CASE("broadcast_shapes: NumPy's result shapes at rank 0-6", "[broadcast]") {
    for (const auto& c : valid_cases) {
        INFO("inputs " << describe(c.in));
        CHECK(call_broadcast_shapes(c.in) == c.out);
        // Order does not matter.
        std::vector<shape> rev(c.in.rbegin(), c.in.rend());
        CHECK(call_broadcast_shapes(rev) == c.out);
    }
}

TEST_CASE("broadcast_shapes: one shape or none and other range types", "[broadcast]") {
    CHECK(tmath::broadcast_shapes().size() == 0);
    CHECK(tmath::broadcast_shapes(shape{2, 0, 3}) == shape{2, 0, 3});
    const std::array<std::size_t, 2> a{4, 1};
    const std::array<std::size_t, 0> none{};
    const tmath::tensor<float> t = tmath::zeros<float>({3, 1, 5});
    CHECK(tmath::broadcast_shapes(a, none) == shape{4, 1});
    CHECK_THROWS_AS(tmath::broadcast_shapes(t.shape(), a, shape{2}), tmath::shape_error);  // 5 vs 2
    CHECK(tmath::broadcast_shapes(t.shape(), a) == shape{3, 4, 5});
    const tmath::shape_t s = tmath::broadcast_shapes(t.shape(), std::span<const std::size_t>(a));
    CHECK(s == shape{3, 4, 5});
    CHECK(tmath::broadcast_shapes({{2, 1}, {3}}) == shape{2, 3});
    CHECK(tmath::broadcast_shapes({{2, 1}, {1, 3}, {}}) == shape{2, 3});
}

TEST_CASE("broadcast_shapes: two braced lists", "[broadcast][api]") {
    // The documented spelling broadcast_shapes({2, 1}, {3}).
    CHECK(check_braced_pair<std::size_t>());
}

TEST_CASE("broadcast_shapes: incompatible shapes throw naming every shape", "[broadcast][error]") {
    for (const auto& in : invalid_cases) {
        INFO("inputs " << describe(in));
        const std::string msg = test::shape_error_message([&] { call_broadcast_shapes(in); });
        CHECK_THAT(msg, TMATH_CONTAINS("broadcast_shapes"));
        for (const auto& s : in) CHECK_THAT(msg, TMATH_CONTAINS(test::fmt(s)));
    }
    CHECK(test::shape_error_message([] { tmath::broadcast_shapes(shape{2, 3}, shape{4}); }) ==
          "broadcast_shapes: operands could not be broadcast together with shapes (2,3) and (4,)");
    // shape_error is an std::invalid_argument.
    CHECK_THROWS_AS(tmath::broadcast_shapes(shape{3}, shape{4}), std::invalid_argument);
}

TEST_CASE("broadcast_shapes: random pairs agree with the reference rule", "[broadcast]") {
    test::rng gen(20240601);
    int valid = 0;
    for (int trial = 0; trial < 400; ++trial) {
        // Half of the pairs are built to broadcast, half are arbitrary.
        const shape a = gen.out_shape();
        const shape b = gen.coin() ? gen.operand_shape(a) : gen.out_shape();
        const std::vector<shape> in = gen.coin() ? std::vector<shape>{a, b} : std::vector<shape>{b, a};
        INFO("inputs " << describe(in));
        shape expect;
        if (test::ref_broadcast(in[0], in[1], expect)) {
            ++valid;
            CHECK(tmath::broadcast_shapes(in[0], in[1]) == expect);
        } else {
            CHECK_THROWS_AS(tmath::broadcast_shapes(in[0], in[1]), tmath::shape_error);
        }
    }
    CHECK(valid > 200);  // the generator does produce broadcastable pairs
}

TEST_CASE("element-wise ops: shape_error names the operation and both shapes", "[broadcast][error]") {
    const tmath::tensor<float> a = tmath::ones<float>({2, 3});
    const tmath::tensor<float> b = tmath::ones<float>({4});
    const tmath::tensor<float> c = tmath::ones<float>({3, 1, 2});
    CHECK(test::shape_error_message([&] { (void)(a * b); }) ==
          "multiply: operands could not be broadcast together with shapes (2,3) and (4,)");
    CHECK(test::shape_error_message([&] { (void)tmath::hadamard(a, b); }) ==
          "multiply: operands could not be broadcast together with shapes (2,3) and (4,)");
    CHECK(test::shape_error_message([&] { (void)(b + a); }) ==
          "add: operands could not be broadcast together with shapes (4,) and (2,3)");
    const std::string sub = test::shape_error_message([&] { (void)(a - c); });
    CHECK_THAT(sub, TMATH_CONTAINS("subtract"));
    CHECK_THAT(sub, TMATH_CONTAINS("(2,3)"));
    CHECK_THAT(sub, TMATH_CONTAINS("(3,1,2)"));
    const std::string div = test::shape_error_message([&] { (void)(c / a); });
    CHECK_THAT(div, TMATH_CONTAINS("divide"));
    CHECK_THAT(div, TMATH_CONTAINS("(3,1,2) and (2,3)"));
    // Nested: the inner product is fine, the sum is not; the message has the broadcast shape.
    const tmath::tensor<float> col = tmath::ones<float>({2, 1});
    CHECK(test::shape_error_message([&] { (void)(a * col + b); }) ==
          "add: operands could not be broadcast together with shapes (2,3) and (4,)");
    // Zero extents: 0 only meets 0 or 1.
    const tmath::tensor<float> z = tmath::zeros<float>({0, 3});
    CHECK(test::shape_error_message([&] { (void)(z * a); }) ==
          "multiply: operands could not be broadcast together with shapes (0,3) and (2,3)");
    // Views report their own shape.
    CHECK_THAT(test::shape_error_message([&] { (void)(tmath::transpose(a) * a); }),
               TMATH_CONTAINS("(3,2) and (2,3)"));
}

TEMPLATE_TEST_CASE("element-wise ops over random broadcastable shapes match the reference loop", "[broadcast]",
                   float, double, std::int32_t, std::int64_t) {
    using T = TestType;
    test::rng gen(7 + sizeof(T) + (std::is_floating_point_v<T> ? 100u : 0u));
    for (int trial = 0; trial < 120; ++trial) {
        const shape out = gen.out_shape();
        shape sa = gen.operand_shape(out);
        shape sb = gen.operand_shape(out);
        if (gen.coin()) std::swap(sa, sb);
        shape expect;
        REQUIRE(test::ref_broadcast(sa, sb, expect));
        const auto va = gen.values<T>(test::count(sa));
        const auto vb = gen.values<T>(test::count(sb), true);
        const tmath::tensor<T> a = test::make_tensor(sa, va);
        const tmath::tensor<T> b = test::make_tensor(sb, vb);
        INFO("shapes " << test::fmt(sa) << " and " << test::fmt(sb) << " -> " << test::fmt(expect));

        const tmath::tensor<T> sum = a + b;
        const tmath::tensor<T> diff = a - b;
        const tmath::tensor<T> prod = a * b;
        const tmath::tensor<T> quot = a / b;
        CHECK(test::mismatch(sum, expect, test::ref_binary<T>(expect, sa, va, sb, vb, [](T x, T y) { return x + y; })) == "");
        CHECK(test::mismatch(diff, expect, test::ref_binary<T>(expect, sa, va, sb, vb, [](T x, T y) { return x - y; })) == "");
        CHECK(test::mismatch(prod, expect, test::ref_binary<T>(expect, sa, va, sb, vb, [](T x, T y) { return x * y; })) == "");
        CHECK(test::mismatch(quot, expect, test::ref_binary<T>(expect, sa, va, sb, vb, [](T x, T y) { return x / y; })) == "");
        CHECK(tmath::broadcast_shapes(a.shape(), b.shape()) == expect);

        // Operands as views over the same memory, and as transposed views of reversed
        // layouts (the strided loop); the result is the same.
        const tmath::tensor<T> bt = test::make_tensor(shape(sb.rbegin(), sb.rend()), test::transposed_layout(sb, vb));
        const tmath::tensor<T> via_views = tmath::adapt(a.data(), sa) * tmath::transpose(bt);
        CHECK(test::mismatch(via_views, expect, test::ref_binary<T>(expect, sa, va, sb, vb, [](T x, T y) { return x * y; })) == "");

        // Writing into a transposed destination (view over a reversed-shape tensor).
        tmath::tensor<T> dst = tmath::zeros<T>(shape(expect.rbegin(), expect.rend()));
        tmath::transpose(dst) = a - b;
        CHECK(test::mismatch(tmath::transpose(dst), expect,
                             test::ref_binary<T>(expect, sa, va, sb, vb, [](T x, T y) { return x - y; })) == "");
    }
}

TEMPLATE_TEST_CASE("element-wise ops: row/column/scalar broadcasts at edge sizes", "[broadcast]", float, double,
                   std::int32_t, std::int64_t) {
    using T = TestType;
    // Around SIMD widths (1-16 lanes), the unroll of 4 batches, the short-row limit (64)
    // and the strided tile (32).
    const std::size_t n = GENERATE(as<std::size_t>{}, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 129);
    const std::size_t m = GENERATE(as<std::size_t>{}, 1, 3, 33);
    test::rng gen(static_cast<std::uint32_t>(1000 * n + m));
    const shape out{m, n};
    const auto va = gen.values<T>(m * n);
    const tmath::tensor<T> a = test::make_tensor(out, va);
    INFO("shape " << test::fmt(out));
    auto mul = [](T x, T y) { return x * y; };
    for (const shape& sb : {shape{n}, shape{1, n}, shape{m, 1}, shape{}, shape{1, 1}, out}) {
        INFO("operand " << test::fmt(sb));
        const auto vb = gen.values<T>(test::count(sb));
        const tmath::tensor<T> b = test::make_tensor(sb, vb);
        const tmath::tensor<T> ab = a * b;
        CHECK(test::mismatch(ab, out, test::ref_binary<T>(out, out, va, sb, vb, mul)) == "");
        const tmath::tensor<T> ba = b * a;
        CHECK(test::mismatch(ba, out, test::ref_binary<T>(out, sb, vb, out, va, mul)) == "");
    }
    // A transposed operand of the same shape, read column-wise (strided, tiled).
    const auto vt = gen.values<T>(m * n);
    const tmath::tensor<T> t = test::make_tensor(shape{n, m}, vt);
    const tmath::tensor<T> at = a + tmath::transpose(t);
    std::vector<T> expect(m * n);
    for (std::size_t i = 0; i < m; ++i)
        for (std::size_t j = 0; j < n; ++j) expect[i * n + j] = static_cast<T>(va[i * n + j] + vt[j * m + i]);
    CHECK(test::mismatch(at, out, expect) == "");
    // A scalar on either side.
    std::vector<T> scaled(m * n);
    for (std::size_t k = 0; k < scaled.size(); ++k) scaled[k] = static_cast<T>(T(3) * va[k]);
    CHECK(test::mismatch(tmath::eval(T(3) * a), out, scaled) == "");
    CHECK(test::mismatch(tmath::eval(a * T(3)), out, scaled) == "");
}

TEMPLATE_TEST_CASE("element-wise ops: three broadcast operands in one expression", "[broadcast]", float,
                   std::int64_t) {
    using T = TestType;
    test::rng gen(99);
    for (int trial = 0; trial < 60; ++trial) {
        const shape out = gen.out_shape(5);
        const shape sa = gen.operand_shape(out), sb = gen.operand_shape(out), sc = gen.operand_shape(out);
        const auto va = gen.values<T>(test::count(sa)), vb = gen.values<T>(test::count(sb)),
                   vc = gen.values<T>(test::count(sc));
        const tmath::tensor<T> a = test::make_tensor(sa, va), b = test::make_tensor(sb, vb),
                               c = test::make_tensor(sc, vc);
        shape ab, abc;
        REQUIRE(test::ref_broadcast(sa, sb, ab));
        REQUIRE(test::ref_broadcast(ab, sc, abc));
        INFO(test::fmt(sa) << " * " << test::fmt(sb) << " - " << test::fmt(sc) << " -> " << test::fmt(abc));
        const tmath::tensor<T> r = a * b - c;
        std::vector<T> expect(test::count(abc));
        for (std::size_t k = 0; k < expect.size(); ++k) {
            const test::index idx = test::unravel(k, abc);
            expect[k] = static_cast<T>(va[test::broadcast_offset(abc, idx, sa)] * vb[test::broadcast_offset(abc, idx, sb)] -
                                       vc[test::broadcast_offset(abc, idx, sc)]);
        }
        CHECK(test::mismatch(r, abc, expect) == "");
    }
}

TEMPLATE_TEST_CASE("rank-0 tensors broadcast with anything", "[broadcast][rank0]", float, double, std::int32_t,
                   std::int64_t) {
    using T = TestType;
    const tmath::tensor<T> s = tmath::full<T>({}, T(3));
    REQUIRE(s.rank() == 0);
    REQUIRE(s.size() == 1);
    REQUIRE(s.shape().size() == 0);

    const tmath::tensor<T> m = {{1, 2, 3}, {4, 5, 6}};
    const tmath::tensor<T> left = s * m;
    const tmath::tensor<T> right = m - s;
    CHECK(test::mismatch(left, shape{2, 3}, std::vector<T>{3, 6, 9, 12, 15, 18}) == "");
    CHECK(test::mismatch(right, shape{2, 3}, std::vector<T>{-2, -1, 0, 1, 2, 3}) == "");

    // rank 0 with rank 0 stays rank 0.
    const tmath::tensor<T> two = tmath::full<T>({}, T(2));
    const tmath::tensor<T> p = s * two + s;
    CHECK(p.rank() == 0);
    CHECK(p.size() == 1);
    CHECK(*p.data() == T(9));

    // with size-0 and size-1 shapes, and at rank 6.
    const tmath::tensor<T> e = tmath::zeros<T>({0});
    const tmath::tensor<T> se = s + e;
    CHECK(se.shape() == shape{0});
    CHECK(se.size() == 0);
    const tmath::tensor<T> one = tmath::full<T>({1, 1, 1}, T(5));
    const tmath::tensor<T> so = one / s;
    CHECK(test::mismatch(so, shape{1, 1, 1}, std::vector<T>{static_cast<T>(T(5) / T(3))}) == "");
    const tmath::tensor<T> big = tmath::ones<T>({2, 1, 3, 1, 2, 2});
    const tmath::tensor<T> sb = big * s;
    CHECK(sb.shape() == shape{2, 1, 3, 1, 2, 2});
    CHECK(std::all_of(sb.begin(), sb.end(), [](T v) { return v == T(3); }));
    // Assigning a rank-0 expression into a rank-2 tensor takes its shape (NumPy's a = s).
    tmath::tensor<T> target = tmath::ones<T>({2, 2});
    target = s * two;
    CHECK(target.rank() == 0);
    CHECK(*target.data() == T(6));
    // but into a view it broadcasts.
    tmath::tensor<T> filled = tmath::zeros<T>({2, 2});
    tmath::adapt(filled.data(), {2, 2}) = s * two;
    CHECK(test::mismatch(filled, shape{2, 2}, std::vector<T>{6, 6, 6, 6}) == "");
}

TEST_CASE("the seed cases' vector broadcast and per-channel scaling", "[broadcast][seed]") {
    // (N,C,H,W) * (1,C,1,1), as in batch normalization.
    tmath::tensor<std::int32_t> x = tmath::empty<std::int32_t>({2, 3, 2, 2});
    for (std::size_t k = 0; k < x.size(); ++k) x.data()[k] = static_cast<std::int32_t>(k);
    std::int32_t gamma[] = {10, 100, 1000};
    const auto g = tmath::adapt(gamma, {1, 3, 1, 1});
    const tmath::tensor<std::int32_t> y = x * g;
    REQUIRE(y.shape() == shape{2, 3, 2, 2});
    for (std::size_t n = 0; n < 2; ++n)
        for (std::size_t c = 0; c < 3; ++c)
            for (std::size_t h = 0; h < 2; ++h)
                for (std::size_t w = 0; w < 2; ++w) {
                    const std::int32_t factor = c == 0 ? 10 : c == 1 ? 100 : 1000;
                    CHECK(y(n, c, h, w) == x(n, c, h, w) * factor);
                }
}
