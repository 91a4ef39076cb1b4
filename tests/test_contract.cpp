// Contractions beyond matmul: vecdot, vdot, outer, inner, trace, tensordot and einsum,
// on tensors, transposed / strided views and expressions, at edge sizes around the SIMD
// width, against one independent reference: a plain loop over every assignment of the
// index letters (einsum's definition), accumulated in long double.
#include "test_support.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using test::shape;

/// An operand of the reference: its letters, shape and row-major values.
struct ref_operand {
    std::string letters;
    shape s;
    std::vector<long double> v;
};

template <class X>
ref_operand ref_of(const std::string& letters, const X& x) {
    const tmath::tensor<tmath::value_type_t<X>> t(x);  // an expression evaluated
    ref_operand r{letters, test::shape_of(t), {}};
    for (auto e : t) r.v.push_back(static_cast<long double>(e));
    return r;
}

/// einsum by its definition: for every assignment of every letter, the product of the
/// operands' elements added to the output element; extents of 1 broadcast.
std::vector<long double> ref_einsum(const std::vector<ref_operand>& ops, const std::string& out, shape& out_shape) {
    std::string letters;
    std::vector<std::size_t> extent;
    for (const auto& o : ops)
        for (std::size_t d = 0; d < o.letters.size(); ++d) {
            const std::size_t at = letters.find(o.letters[d]);
            if (at == std::string::npos) letters += o.letters[d], extent.push_back(o.s[d]);
            else if (extent[at] == 1) extent[at] = o.s[d];
        }
    out_shape.clear();
    for (char c : out) out_shape.push_back(extent[letters.find(c)]);
    std::vector<long double> r(test::count(out_shape), 0.0L);
    std::size_t total = 1;
    for (std::size_t e : extent) total *= e;
    std::vector<std::size_t> idx(letters.size(), 0);
    for (std::size_t t = 0; t < total; ++t) {
        std::size_t rem = t;
        for (std::size_t l = letters.size(); l-- > 0;) idx[l] = rem % extent[l], rem /= extent[l];
        long double p = 1;
        for (const auto& o : ops) {
            std::size_t off = 0;
            for (std::size_t d = 0; d < o.letters.size(); ++d)
                off = off * o.s[d] + (o.s[d] == 1 ? 0 : idx[letters.find(o.letters[d])]);
            p *= o.v[off];
        }
        std::size_t off = 0;
        for (std::size_t d = 0; d < out.size(); ++d) off = off * out_shape[d] + idx[letters.find(out[d])];
        r[off] += p;
    }
    return r;
}

/// `got` has shape `s` and the values `want`: exactly for integers, within a bound
/// proportional to the term count L times the largest term for floats.
template <class X>
void check(const X& got, const shape& s, const std::vector<long double>& want, std::size_t L) {
    using T = tmath::value_type_t<X>;
    REQUIRE(test::shape_of(got) == s);
    const auto g = test::values(got);
    REQUIRE(g.size() == want.size());
    // Terms are products of two values of at most 11 (or 22 in expressions): M = 500.
    const long double eps = std::is_floating_point_v<T> ? static_cast<long double>(std::numeric_limits<T>::epsilon()) : 0;
    for (std::size_t k = 0; k < g.size(); ++k) {
        INFO("element " << k << " of " << g.size() << ": got " << static_cast<double>(g[k]) << ", want "
                        << static_cast<double>(want[k]));
        CHECK(std::abs(static_cast<long double>(g[k]) - want[k]) <= 8 * eps * (std::abs(want[k]) + static_cast<long double>(L) * 500));
    }
}

/// A tensor of shape `s` of small values (exact products) starting the sequence at `start`.
template <class T>
tmath::tensor<T> filled(const shape& s, int start) {
    return test::iota_tensor<T>(s, start);
}

}  // namespace

TEMPLATE_TEST_CASE("vecdot along the last axis: rows and a shared vector, edge lengths", "[contract]", float, double,
                   std::int32_t, std::int64_t) {
    using T = TestType;
    for (std::size_t n : test::edge_sizes<T>()) {
        for (std::size_t rows : {0u, 1u, 3u, 9u}) {
            CAPTURE(n, rows);
            const auto a = filled<T>({rows, n}, 1);
            const auto v = filled<T>({n}, 5);
            const auto b = filled<T>({rows, n}, 9);
            shape s;
            auto want = ref_einsum({ref_of("ij", a), ref_of("j", v)}, "i", s);
            check(tmath::vecdot(a, v), s, want, n);  // a shared vector: GEMV
            check(tmath::vecdot(v, a), s, want, n);
            want = ref_einsum({ref_of("ij", a), ref_of("ij", b)}, "i", s);
            check(tmath::vecdot(a, b), s, want, n);  // row by row
        }
    }
}

TEMPLATE_TEST_CASE("vecdot: broadcasting, axes, views, expressions and errors", "[contract]", float, std::int64_t) {
    using T = TestType;
    const auto a = filled<T>({2, 1, 7}, 3);
    const auto b = filled<T>({3, 7}, 4);
    shape s;
    check(tmath::vecdot(a, b), {2, 3}, ref_einsum({ref_of("xyj", a), ref_of("zj", b)}, "xz", s), 7);
    // axis 0 of a transposed view: the core dimension strided.
    const auto c = filled<T>({5, 6}, 2);
    const auto ct = tmath::transpose(c);  // (6, 5)
    const auto d = filled<T>({6, 5}, 8);
    check(tmath::vecdot(ct, d, 0), {5}, ref_einsum({ref_of("ij", ct), ref_of("ij", d)}, "j", s), 6);
    check(tmath::vecdot(ct, d, -2), {5}, ref_einsum({ref_of("ij", ct), ref_of("ij", d)}, "j", s), 6);
    // Strided rows (every other row), an expression operand, 1-D · 1-D is rank 0.
    const auto rows = tmath::view(c, tmath::range(0, 5, 2), tmath::all);
    const auto w = filled<T>({6}, 1);
    check(tmath::vecdot(rows, w * T(2)), {3}, ref_einsum({ref_of("ij", rows), ref_of("j", w * T(2))}, "i", s), 6);
    check(tmath::vecdot(w, w), {}, ref_einsum({ref_of("j", w), ref_of("j", w)}, "", s), 6);
    // Mixed types promote as matmul does.
    const tmath::tensor<double> wd = {1.5, 2, 3, 4, 5, 6};
    STATIC_REQUIRE(std::is_same_v<decltype(tmath::vecdot(c, wd)), tmath::tensor<std::common_type_t<T, double>>>);
    check(tmath::vecdot(c, wd), {5}, ref_einsum({ref_of("ij", c), ref_of("j", wd)}, "i", s), 6);
    // Errors name the operation and both shapes.
    CHECK_THAT(test::shape_error_message([&] { (void)tmath::vecdot(c, filled<T>({5}, 0)); }),
               TMATH_CONTAINS("vecdot") && TMATH_CONTAINS("(5,6)") && TMATH_CONTAINS("(5,)"));
    CHECK_THAT(test::shape_error_message([&] { (void)tmath::vecdot(filled<T>({2, 3, 7}, 0), filled<T>({4, 7}, 0)); }),
               TMATH_CONTAINS("(2,3,7)") && TMATH_CONTAINS("(4,7)"));
    const tmath::tensor<T> scalar = tmath::zeros<T>(shape{});
    CHECK_THAT(test::shape_error_message([&] { (void)tmath::vecdot(scalar, w); }), TMATH_CONTAINS("rank 0"));
    CHECK_THROWS_AS(tmath::vecdot(c, w, 2), tmath::index_error);
    CHECK_THROWS_AS(tmath::vecdot(c, w, -3), tmath::index_error);
}

TEMPLATE_TEST_CASE("vdot and outer flatten their operands", "[contract]", float, double, std::int32_t) {
    using T = TestType;
    for (std::size_t n : test::edge_sizes<T>()) {
        CAPTURE(n);
        const auto a = filled<T>({n}, 1), b = filled<T>({n}, 6);
        shape s;
        const auto want = ref_einsum({ref_of("i", a), ref_of("i", b)}, "", s);
        CHECK(static_cast<long double>(tmath::vdot(a, b)) == want[0]);
    }
    const auto m = filled<T>({3, 4}, 2);
    const auto mt = tmath::transpose(m);  // not at one stride: copied once
    const auto v = filled<T>({12}, 7);
    shape s;
    std::vector<long double> flat_t;
    for (auto e : test::values(mt)) flat_t.push_back(e);
    long double want = 0;
    for (std::size_t k = 0; k < 12; ++k) want += flat_t[k] * static_cast<long double>(v.data()[k]);
    CHECK(static_cast<long double>(tmath::vdot(mt, v)) == want);
    CHECK(static_cast<long double>(tmath::vdot(v, mt)) == want);
    CHECK_THAT(test::shape_error_message([&] { (void)tmath::vdot(m, filled<T>({11}, 0)); }),
               TMATH_CONTAINS("vdot") && TMATH_CONTAINS("(3,4)") && TMATH_CONTAINS("(11,)"));
    // outer: (a.size, b.size), operands flattened, views and expressions.
    const auto w = filled<T>({5}, 3);
    ref_operand fa{"i", {12}, flat_t};
    check(tmath::outer(mt, w), {12, 5}, ref_einsum({fa, ref_of("j", w)}, "ij", s), 1);
    check(tmath::outer(w, w + T(1)), {5, 5}, ref_einsum({ref_of("i", w), ref_of("j", w + T(1))}, "ij", s), 1);
    const tmath::tensor<T> empty = tmath::zeros<T>({0, 3});
    CHECK(test::shape_of(tmath::outer(empty, w)) == shape{0, 5});
    const tmath::tensor<T> scalar = tmath::full<T>(shape{}, T(3));
    check(tmath::outer(scalar, w), {1, 5}, ref_einsum({ref_of("", scalar), ref_of("j", w)}, "j", s), 1);
}

TEMPLATE_TEST_CASE("inner and tensordot", "[contract]", float, std::int32_t, std::int64_t) {
    using T = TestType;
    shape s;
    const auto a = filled<T>({2, 3, 4}, 1);
    const auto b = filled<T>({5, 4}, 2);
    check(tmath::inner(a, b), {2, 3, 5}, ref_einsum({ref_of("ijk", a), ref_of("lk", b)}, "ijl", s), 4);
    const auto v = filled<T>({4}, 3);
    check(tmath::inner(v, v), {}, ref_einsum({ref_of("k", v), ref_of("k", v)}, "", s), 4);
    const tmath::tensor<T> two = tmath::full<T>(shape{}, T(2));
    check(tmath::inner(two, b), {5, 4}, ref_einsum({ref_of("", two), ref_of("ij", b)}, "ij", s), 1);
    CHECK_THAT(test::shape_error_message([&] { (void)tmath::inner(a, filled<T>({3}, 0)); }),
               TMATH_CONTAINS("inner") && TMATH_CONTAINS("(2,3,4)") && TMATH_CONTAINS("(3,)"));
    // tensordot with an integer and with axis lists, on permuted views.
    const auto c = filled<T>({3, 4, 5}, 4);
    check(tmath::tensordot(a, c, 2), {2, 5}, ref_einsum({ref_of("ijk", a), ref_of("jkl", c)}, "il", s), 12);
    check(tmath::tensordot(a, c, 0), {2, 3, 4, 3, 4, 5}, ref_einsum({ref_of("ijk", a), ref_of("lmn", c)}, "ijklmn", s), 1);
    const auto ct = tmath::transpose(c, {2, 0, 1});  // (5, 3, 4)
    check(tmath::tensordot(a, ct, {1, 2}, {1, 2}), {2, 5}, ref_einsum({ref_of("ijk", a), ref_of("ljk", ct)}, "il", s), 12);
    check(tmath::tensordot(a, ct, {2, -2}, {2, 1}), {2, 5}, ref_einsum({ref_of("ijk", a), ref_of("ljk", ct)}, "il", s),
          12);
    // Contracted dimensions in different orders in the operands: one is copied.
    const auto cs = tmath::swapaxes(c, 0, 1);  // (4, 3, 5)
    check(tmath::tensordot(a, cs, {1, 2}, {1, 0}), {2, 5}, ref_einsum({ref_of("ijk", a), ref_of("kjl", cs)}, "il", s), 12);
    check(tmath::tensordot(a * T(2), b, {2}, {1}), {2, 3, 5}, ref_einsum({ref_of("ijk", a * T(2)), ref_of("lk", b)}, "ijl", s),
          4);
    const tmath::tensor<T> e = tmath::zeros<T>({0, 4});
    check(tmath::tensordot(e, b, {1}, {1}), {0, 5}, {}, 4);
    check(tmath::tensordot(tmath::zeros<T>({2, 0}), tmath::zeros<T>({0, 3}), 1), {2, 3}, std::vector<long double>(6, 0), 0);
    CHECK_THAT(test::shape_error_message([&] { (void)tmath::tensordot(a, c, 1); }),
               TMATH_CONTAINS("tensordot") && TMATH_CONTAINS("(2,3,4)") && TMATH_CONTAINS("(3,4,5)"));
    CHECK_THROWS_AS(tmath::tensordot(a, c, 4), std::invalid_argument);
    CHECK_THROWS_AS(tmath::tensordot(a, c, -1), std::invalid_argument);
    CHECK_THROWS_AS(tmath::tensordot(a, c, {1, 1}, {0, 1}), std::invalid_argument);
    CHECK_THROWS_AS(tmath::tensordot(a, c, {1}, {0, 1}), std::invalid_argument);
    CHECK_THROWS_AS(tmath::tensordot(a, c, {3}, {0}), tmath::index_error);
}

TEMPLATE_TEST_CASE("trace: offsets, axes, result types and errors", "[contract]", float, double, std::int32_t) {
    using T = TestType;
    STATIC_REQUIRE(std::is_same_v<decltype(tmath::trace(tmath::tensor<T>{})), tmath::tensor<tmath::sum_result_t<T>>>);
    for (const shape& s0 : {shape{4, 4}, shape{3, 5}, shape{6, 2}, shape{0, 3}, shape{1, 1}}) {
        const auto x = filled<T>(s0, 2);
        for (std::ptrdiff_t off = -7; off <= 7; ++off) {
            CAPTURE(test::fmt(s0), off);
            long double want = 0;
            for (std::size_t i = 0; i < s0[0]; ++i) {
                const std::ptrdiff_t j = static_cast<std::ptrdiff_t>(i) + off;
                if (j >= 0 && j < static_cast<std::ptrdiff_t>(s0[1])) want += x(i, static_cast<std::size_t>(j));
            }
            const auto t = tmath::trace(x, off);
            REQUIRE(t.rank() == 0);
            CHECK(static_cast<long double>(t.data()[0]) == want);
            const auto tt = tmath::trace(tmath::transpose(x), -off);
            CHECK(static_cast<long double>(tt.data()[0]) == want);
        }
    }
    const auto x = filled<T>({3, 2, 4}, 5);
    shape s;
    check(tmath::trace(x, 0, 0, 2), {2}, ref_einsum({ref_of("iji", x)}, "j", s), 3);
    check(tmath::trace(x, 0, -1, 0), {2}, ref_einsum({ref_of("iji", x)}, "j", s), 3);
    check(tmath::trace(x * T(3), 0, 1, 2), {3}, ref_einsum({ref_of("ijj", x * T(3))}, "i", s), 2);
    CHECK_THAT(test::shape_error_message([&] { (void)tmath::trace(filled<T>({4}, 0)); }),
               TMATH_CONTAINS("trace") && TMATH_CONTAINS("(4,)"));
    CHECK_THROWS_AS(tmath::trace(x, 0, 1, -2), std::invalid_argument);
    CHECK_THROWS_AS(tmath::trace(x, 0, 0, 3), tmath::index_error);
}

TEMPLATE_TEST_CASE("einsum of two operands against its definition", "[contract]", float, double, std::int32_t,
                   std::int64_t) {
    using T = TestType;
    struct spec {
        const char* subscripts;
        const char* la;
        shape sa;
        const char* lb;
        shape sb;
        const char* out;
    };
    const spec cases[] = {
        {"ij,jk->ik", "ij", {5, 7}, "jk", {7, 9}, "ik"},
        {"bij,bjk->bik", "bij", {3, 5, 4}, "bjk", {3, 4, 6}, "bik"},
        {"bhqd,bhkd->bhqk", "bhqd", {2, 3, 5, 4}, "bhkd", {2, 3, 6, 4}, "bhqk"},
        {"ij,jk", "ij", {4, 3}, "jk", {3, 2}, "ik"},          // implicit output
        {"ij,kj", "ij", {4, 3}, "kj", {5, 3}, "ik"},          // implicit, B transposed
        {"i,i", "i", {17}, "i", {17}, ""},                      // dot
        {"i,j->ij", "i", {4}, "j", {5}, "ij"},                  // outer
        {"i,j->ji", "i", {4}, "j", {5}, "ji"},
        {"ij,ij->i", "ij", {6, 9}, "ij", {6, 9}, "i"},          // vecdot
        {"ij,ij->ij", "ij", {1, 5}, "ij", {3, 5}, "ij"},        // Hadamard, 1 broadcasts
        {"ij,jk->ik", "ij", {3, 1}, "jk", {4, 2}, "ik"},        // a contracted 1 broadcasts
        {"iij,jk->ik", "iij", {3, 3, 4}, "jk", {4, 2}, "ik"},   // a diagonal in one operand
        {"ij,jkl->ikl", "ij", {2, 3}, "jkl", {3, 4, 5}, "ikl"}, // N merged
        {"abk,kcd->acbd", "abk", {2, 3, 4}, "kcd", {4, 2, 3}, "acbd"}, // result through a temporary
        {"ijk,jk->i", "ijk", {2, 3, 4}, "jk", {3, 4}, "i"},     // K merged
        {"ijk,kj->i", "ijk", {2, 3, 4}, "kj", {4, 3}, "i"},     // K in different orders
        {"ij,kl->", "ij", {2, 3}, "kl", {4, 5}, ""},            // sums only
        {"ijx,jky->ki", "ijx", {2, 3, 2}, "jky", {3, 4, 3}, "ki"}, // letters summed in one operand
        {"ij,jk->ik", "ij", {0, 3}, "jk", {3, 2}, "ik"},
        {"ij,jk->ik", "ij", {2, 0}, "jk", {0, 3}, "ik"},        // K = 0: zeros
        {"Ab,bA->A", "Ab", {3, 4}, "bA", {4, 3}, "A"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.subscripts);
        const auto a = filled<T>(c.sa, 1);
        const auto b = filled<T>(c.sb, 4);
        shape s;
        const auto want = ref_einsum({ref_of(c.la, a), ref_of(c.lb, b)}, c.out, s);
        check(tmath::einsum(c.subscripts, a, b), s, want, 64);
        // The same operands as permuted views of other memory, and as expressions.
        if (a.rank() >= 2 && b.rank() >= 2) {
            const tmath::tensor<T> at_mem(tmath::transpose(a)), bt_mem(tmath::transpose(b));
            const auto av = tmath::transpose(at_mem), bv = tmath::transpose(bt_mem);
            check(tmath::einsum(c.subscripts, av, bv), s, want, 64);
        }
        check(tmath::einsum(c.subscripts, a * T(1), b + T(0)), s, want, 64);
    }
    // einsum(s, a, b, out): into a tensor or a strided view, which keeps its storage.
    {
        const auto q = filled<T>({2, 3, 5, 4}, 1), k = filled<T>({2, 3, 6, 4}, 2);
        shape s;
        const auto want = ref_einsum({ref_of("bhqd", q), ref_of("bhkd", k)}, "bhqk", s);
        tmath::tensor<T> out = tmath::zeros<T>(s);
        const T* storage = out.data();
        tmath::einsum("bhqd,bhkd->bhqk", q, k, out);
        CHECK(out.data() == storage);
        check(out, s, want, 4);
        tmath::tensor<T> big = tmath::zeros<T>({6, 5, 3, 2});  // out as a permuted view
        auto view = tmath::transpose(big);                     // (2, 3, 5, 6)
        tmath::einsum("bhqd,bhkd->bhqk", q, k, view);
        check(view, s, want, 4);
        tmath::tensor<T> wrong = tmath::zeros<T>({2, 3, 6, 5});
        CHECK_THAT(test::shape_error_message([&] { tmath::einsum("bhqd,bhkd->bhqk", q, k, wrong); }),
                   TMATH_CONTAINS("einsum") && TMATH_CONTAINS("(2,3,6,5)") && TMATH_CONTAINS("(2,3,5,6)"));
        CHECK(std::all_of(wrong.begin(), wrong.end(), [](T v) { return v == T(0); }));
    }
    // Mixed element types promote.
    const auto a = filled<T>({3, 4}, 1);
    const auto d = filled<double>({4}, 2);
    shape s;
    STATIC_REQUIRE(std::is_same_v<decltype(tmath::einsum("ij,j->i", a, d)), tmath::tensor<std::common_type_t<T, double>>>);
    check(tmath::einsum("ij,j->i", a, d), {3}, ref_einsum({ref_of("ij", a), ref_of("j", d)}, "i", s), 4);
}

TEMPLATE_TEST_CASE("einsum of one operand", "[contract]", float, std::int32_t) {
    using T = TestType;
    const auto x = filled<T>({4, 4}, 3);
    const auto y = filled<T>({2, 3, 4}, 5);
    const auto z = filled<T>({3, 2, 3}, 7);
    shape s;
    check(tmath::einsum("ii", x), {}, ref_einsum({ref_of("ii", x)}, "", s), 4);
    check(tmath::einsum("ii->i", x), {4}, ref_einsum({ref_of("ii", x)}, "i", s), 1);
    check(tmath::einsum("ij->ji", x), {4, 4}, ref_einsum({ref_of("ij", x)}, "ji", s), 1);
    check(tmath::einsum("ij", x), {4, 4}, ref_einsum({ref_of("ij", x)}, "ij", s), 1);
    check(tmath::einsum("ba", x), {4, 4}, ref_einsum({ref_of("ba", x)}, "ab", s), 1);
    check(tmath::einsum("ijk->", y), {}, ref_einsum({ref_of("ijk", y)}, "", s), 24);
    check(tmath::einsum("ijk->kj", y), {4, 3}, ref_einsum({ref_of("ijk", y)}, "kj", s), 2);
    check(tmath::einsum("iji->j", z), {2}, ref_einsum({ref_of("iji", z)}, "j", s), 3);
    check(tmath::einsum("iji", z), {2}, ref_einsum({ref_of("iji", z)}, "j", s), 3);
    check(tmath::einsum("ijk->ki", tmath::transpose(y)), {2, 4}, ref_einsum({ref_of("ijk", tmath::transpose(y))}, "ki", s), 3);
    const tmath::tensor<T> scalar = tmath::full<T>(shape{}, T(5));
    check(tmath::einsum("", scalar), {}, {5.0L}, 1);
    check(tmath::einsum("->", scalar), {}, {5.0L}, 1);
}

TEST_CASE("einsum: malformed subscripts and mismatched extents", "[contract]") {
    const auto a = filled<float>({2, 3}, 1);
    const auto b = filled<float>({3, 4}, 2);
    const auto bad = [&](const char* s) { return test::message_of<std::invalid_argument>([&] { (void)tmath::einsum(s, a, b); }); };
    for (const char* s : {"ij,jk->ii", "ij,jk->iz", "ij,jk,kl->il", "ij->ij", "i1,jk->ik", "ij,jk-ik", "...ij,jk->ik",
                          "ij,jk->i,k", "ij,jk->>ik"}) {
        CAPTURE(s);
        const std::string m = bad(s);
        CHECK_THAT(m, TMATH_CONTAINS("einsum") && TMATH_CONTAINS(std::string("'") + s + "'"));
        CHECK_THROWS_AS(tmath::einsum(s, a, b), std::invalid_argument);
    }
    CHECK_THROWS_AS(tmath::einsum("ij,jk", a), std::invalid_argument);
    // Extents that differ for one index: shape_error naming the index and the shapes.
    CHECK_THAT(test::shape_error_message([&] { (void)tmath::einsum("ij,kj->ik", a, b); }),
               TMATH_CONTAINS("'j'") && TMATH_CONTAINS("(2,3)") && TMATH_CONTAINS("(3,4)"));
    CHECK_THAT(test::shape_error_message([&] { (void)tmath::einsum("ii->i", a); }),
               TMATH_CONTAINS("'i'") && TMATH_CONTAINS("(2,3)"));
    CHECK_THAT(test::shape_error_message([&] { (void)tmath::einsum("ijk,jk->i", a, b); }),
               TMATH_CONTAINS("ijk") && TMATH_CONTAINS("(2,3)"));
}
