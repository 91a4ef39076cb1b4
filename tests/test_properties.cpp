// Algebraic properties of the Hadamard product over random shapes and values
// (seeded std::mt19937): commutative, associative, distributive over +, and
// compatible with scalar multiplication; with equal and with broadcastable shapes.
// Every property also checks one side against the reference loop, so that a wrong
// but symmetric implementation cannot pass. Integers exact, floats within tolerance.
#include "catch.hpp"
#include "test_support.hpp"

#include <tmath/tmath.hpp>

#include <cstdint>
#include <string>
#include <vector>

using test::shape;

namespace {

/// Three operands with shapes that broadcast together (all equal to the result
/// shape when `equal`), their values and the broadcast result shape.
template <class T>
struct triple {
    shape out, sa, sb, sc;
    std::vector<T> va, vb, vc;
    tmath::tensor<T> a, b, c;

    triple(test::rng& gen, bool equal) {
        out = gen.out_shape();
        sa = equal ? out : gen.operand_shape(out);
        sb = equal ? out : gen.operand_shape(out);
        sc = equal ? out : gen.operand_shape(out);
        va = gen.values<T>(test::count(sa));
        vb = gen.values<T>(test::count(sb));
        vc = gen.values<T>(test::count(sc));
        a = test::make_tensor(sa, va);
        b = test::make_tensor(sb, vb);
        c = test::make_tensor(sc, vc);
        // The broadcast shape of the three may be smaller than `out` (all stretched
        // extents may have come out as 1); compute it with the reference rule.
        shape ab;
        REQUIRE(test::ref_broadcast(sa, sb, ab));
        REQUIRE(test::ref_broadcast(ab, sc, out));
    }
    std::string describe() const { return test::fmt(sa) + ", " + test::fmt(sb) + ", " + test::fmt(sc); }

    /// Reference f(a, b, c) element by element over the broadcast shape.
    template <class F>
    std::vector<T> reference(F f) const {
        std::vector<T> r(test::count(out));
        for (std::size_t k = 0; k < r.size(); ++k) {
            const test::index idx = test::unravel(k, out);
            r[k] = static_cast<T>(f(va[test::broadcast_offset(out, idx, sa)], vb[test::broadcast_offset(out, idx, sb)],
                                    vc[test::broadcast_offset(out, idx, sc)]));
        }
        return r;
    }
};

/// Empty if x and y have the same shape and close elements (both row-major tensors).
template <class T>
std::string differ(const tmath::tensor<T>& x, const tmath::tensor<T>& y) {
    const shape sy(y.shape().begin(), y.shape().end());
    return test::mismatch(x, sy, std::vector<T>(y.begin(), y.end()));
}

constexpr int trials = 80;

}  // namespace

TEMPLATE_TEST_CASE("Hadamard is commutative: A*B == B*A", "[properties][hadamard]", float, double, std::int32_t,
                   std::int64_t) {
    using T = TestType;
    const bool equal = GENERATE(true, false);
    test::rng gen(equal ? 11 : 12);
    for (int trial = 0; trial < trials; ++trial) {
        const triple<T> t(gen, equal);
        INFO("shapes " << t.describe());
        shape sab;
        REQUIRE(test::ref_broadcast(t.sa, t.sb, sab));
        const tmath::tensor<T> ab = t.a * t.b;
        const tmath::tensor<T> ba = t.b * t.a;
        const tmath::tensor<T> h = tmath::hadamard(t.b, t.a);
        CHECK(test::mismatch(ab, sab, test::ref_binary<T>(sab, t.sa, t.va, t.sb, t.vb, [](T x, T y) { return x * y; })) == "");
        CHECK(differ(ab, ba) == "");
        CHECK(differ(ab, h) == "");
    }
}

TEMPLATE_TEST_CASE("Hadamard is associative: (A*B)*C == A*(B*C)", "[properties][hadamard]", float, double,
                   std::int32_t, std::int64_t) {
    using T = TestType;
    const bool equal = GENERATE(true, false);
    test::rng gen(equal ? 21 : 22);
    for (int trial = 0; trial < trials; ++trial) {
        const triple<T> t(gen, equal);
        INFO("shapes " << t.describe());
        // Fused in one expression, and through materialized intermediates.
        const tmath::tensor<T> left = (t.a * t.b) * t.c;
        const tmath::tensor<T> right = t.a * (t.b * t.c);
        const tmath::tensor<T> bc = t.b * t.c;
        const tmath::tensor<T> right_staged = t.a * bc;
        CHECK(test::mismatch(left, t.out, t.reference([](T x, T y, T z) { return x * y * z; })) == "");
        CHECK(differ(left, right) == "");
        CHECK(differ(right, right_staged) == "");
    }
}

TEMPLATE_TEST_CASE("Hadamard distributes over addition: A*(B+C) == A*B + A*C", "[properties][hadamard]", float,
                   double, std::int32_t, std::int64_t) {
    using T = TestType;
    const bool equal = GENERATE(true, false);
    test::rng gen(equal ? 31 : 32);
    for (int trial = 0; trial < trials; ++trial) {
        const triple<T> t(gen, equal);
        INFO("shapes " << t.describe());
        const tmath::tensor<T> left = t.a * (t.b + t.c);
        const tmath::tensor<T> right = t.a * t.b + t.a * t.c;
        CHECK(test::mismatch(left, t.out, t.reference([](T x, T y, T z) { return x * static_cast<T>(y + z); })) == "");
        CHECK(differ(left, right) == "");
        // and from the right, with subtraction: (B-C)*A == B*A - C*A
        const tmath::tensor<T> l2 = (t.b - t.c) * t.a;
        const tmath::tensor<T> r2 = t.b * t.a - t.c * t.a;
        CHECK(test::mismatch(l2, t.out, t.reference([](T x, T y, T z) { return static_cast<T>(y - z) * x; })) == "");
        CHECK(differ(l2, r2) == "");
    }
}

TEMPLATE_TEST_CASE("Hadamard is compatible with scalars: (cA)*B == c(A*B) == A*(cB)", "[properties][hadamard]",
                   float, double, std::int32_t, std::int64_t) {
    using T = TestType;
    const bool equal = GENERATE(true, false);
    test::rng gen(equal ? 41 : 42);
    for (int trial = 0; trial < trials; ++trial) {
        const triple<T> t(gen, equal);
        const T c = static_cast<T>(gen.value<std::int32_t>() % 7 - 3);  // small: keeps integers exact
        INFO("shapes " << t.describe() << ", c = " << +c);
        shape sab;
        REQUIRE(test::ref_broadcast(t.sa, t.sb, sab));
        const tmath::tensor<T> ca_b = (c * t.a) * t.b;
        const tmath::tensor<T> c_ab = c * (t.a * t.b);
        const tmath::tensor<T> a_cb = t.a * (t.b * c);
        const tmath::tensor<T> ab_c = tmath::hadamard(t.a, t.b) * c;
        CHECK(test::mismatch(ca_b, sab,
                             test::ref_binary<T>(sab, t.sa, t.va, t.sb, t.vb, [c](T x, T y) { return c * x * y; })) == "");
        CHECK(differ(ca_b, c_ab) == "");
        CHECK(differ(ca_b, a_cb) == "");
        CHECK(differ(ca_b, ab_c) == "");
    }
}

TEST_CASE("Hadamard properties hold exactly for integers near the int32 range", "[properties][hadamard]") {
    // Magnitudes up to 46340, so products use nearly all 31 bits of an int32 without
    // overflowing: checks that the (SIMD) integer multiply keeps every low bit.
    test::rng gen(51);
    for (int trial = 0; trial < 40; ++trial) {
        const shape s = {1 + gen.below(40)};
        std::vector<std::int32_t> va(s[0]), vb(s[0]);
        for (std::size_t i = 0; i < s[0]; ++i) {
            va[i] = static_cast<std::int32_t>(gen.below(46341)) * (gen.coin() ? 1 : -1);
            vb[i] = static_cast<std::int32_t>(gen.below(46341)) * (gen.coin() ? 1 : -1);
        }
        const tmath::tensor<std::int32_t> a = test::make_tensor(s, va), b = test::make_tensor(s, vb);
        const tmath::tensor<std::int32_t> ab = a * b, ba = b * a;
        for (std::size_t i = 0; i < s[0]; ++i) {
            CHECK(ab(i) == va[i] * vb[i]);
            CHECK(ba(i) == ab(i));
        }
    }
}

TEST_CASE("Hadamard is not a matrix product (seed case)", "[properties][hadamard][seed]") {
    // [[1,2],[3,4]] ∘ [[5,6],[7,8]] = [[5,12],[21,32]]; the matrix product would be [[19,22],[43,50]].
    const tmath::tensor<double> a = {{1, 2}, {3, 4}};
    const tmath::tensor<double> b = {{5, 6}, {7, 8}};
    const tmath::tensor<double> h = tmath::hadamard(a, b);
    CHECK(test::mismatch(h, shape{2, 2}, std::vector<double>{5, 12, 21, 32}) == "");
    const tmath::tensor<double> hb = tmath::hadamard(2.0, a);
    CHECK(test::mismatch(hb, shape{2, 2}, std::vector<double>{2, 4, 6, 8}) == "");
}
