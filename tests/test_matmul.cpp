// matmul through the public API: numpy.matmul's rules (1-D promotion, batch
// broadcasting, zero sizes, errors), every operand kind (tensors, transposed and strided
// views, expressions, mixed types), every assignment form of the product node, and the
// seed properties. Results are checked against an independent reference that follows
// numpy.matmul's definition with a long double (or exact int64) accumulator. (dot has
// its own file, test_dot.cpp.)
#include "test_support.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

namespace {

using test::index;
using test::shape;

/// Element at a multi-index of any strided operand (tensor or view).
template <class X>
auto at(const X& x, const index& idx) {
    std::ptrdiff_t off = 0;
    for (std::size_t d = 0; d < idx.size(); ++d) off += static_cast<std::ptrdiff_t>(idx[d]) * x.strides()[d];
    return x.data()[off];
}

template <class X>
shape shape_of(const X& x) {
    return shape(x.shape().begin(), x.shape().end());
}

/// numpy.matmul written from its definition: the reference result shape and values
/// (as long double; integers accumulate exactly in int64 before the conversion).
template <class A, class B>
std::vector<long double> ref_matmul(const A& a, const B& b, shape& out) {
    shape sa = shape_of(a), sb = shape_of(b);
    const bool av = sa.size() == 1, bv = sb.size() == 1;
    if (av) sa.insert(sa.begin(), 1);
    if (bv) sb.push_back(1);
    const std::size_t m = sa[sa.size() - 2], k = sa.back(), n = sb.back();
    REQUIRE(sb[sb.size() - 2] == k);
    const shape ba(sa.begin(), sa.end() - 2), bb(sb.begin(), sb.end() - 2);
    shape batch;
    REQUIRE(test::ref_broadcast(ba, bb, batch));
    out = batch;
    if (!av) out.push_back(m);
    if (!bv) out.push_back(n);
    std::vector<long double> r;
    const std::size_t nbatch = test::count(batch);
    using VA = std::remove_cvref_t<decltype(*a.data())>;
    using VB = std::remove_cvref_t<decltype(*b.data())>;
    constexpr bool ints = std::is_integral_v<VA> && std::is_integral_v<VB>;
    for (std::size_t t = 0; t < nbatch; ++t) {
        const index bi = test::unravel(t, batch);
        for (std::size_t i = 0; i < m; ++i)
            for (std::size_t j = 0; j < n; ++j) {
                long double s = 0;
                std::int64_t si = 0;
                for (std::size_t p = 0; p < k; ++p) {
                    index ia, ib;
                    const std::size_t pa = batch.size() - ba.size(), pb = batch.size() - bb.size();
                    for (std::size_t d = 0; d < ba.size(); ++d) ia.push_back(ba[d] == 1 ? 0 : bi[pa + d]);
                    for (std::size_t d = 0; d < bb.size(); ++d) ib.push_back(bb[d] == 1 ? 0 : bi[pb + d]);
                    if (!av) ia.push_back(i);
                    ia.push_back(p);
                    ib.push_back(p);
                    if (!bv) ib.push_back(j);
                    if constexpr (ints)
                        si += static_cast<std::int64_t>(at(a, ia)) * static_cast<std::int64_t>(at(b, ib));
                    else
                        s += static_cast<long double>(at(a, ia)) * static_cast<long double>(at(b, ib));
                }
                r.push_back(ints ? static_cast<long double>(si) : s);
            }
    }
    return r;
}

/// Checks `r` against the reference of matmul(a, b): shape, and values exactly for
/// integers or within a tolerance that scales with k for floating point.
template <class R, class A, class B>
void check_matmul(const R& r, const A& a, const B& b, long double alpha = 1) {
    shape expected_shape;
    const auto ref = ref_matmul(a, b, expected_shape);
    REQUIRE(shape_of(r) == expected_shape);
    using V = std::remove_cvref_t<decltype(*r.data())>;
    const std::size_t k = shape_of(a).back();
    const long double eps = std::is_floating_point_v<V> ? std::numeric_limits<V>::epsilon() : 0;
    for (std::size_t t = 0; t < ref.size(); ++t) {
        const index idx = test::unravel(t, expected_shape);
        const long double want = alpha * ref[t];
        const long double got = at(r, idx);
        if constexpr (std::is_integral_v<V>) {
            REQUIRE(got == static_cast<long double>(static_cast<V>(want)));
        } else {
            const long double tol = 4 * eps * static_cast<long double>(k + 1) * (1 + std::fabs(want)) * 10;
            if (std::fabs(got - want) > tol) FAIL("element " << t << ": got " << (double)got << ", want " << (double)want);
        }
    }
}

}  // namespace

TEMPLATE_TEST_CASE("matmul: numpy shapes with 1-D promotion and batch broadcasting and zero sizes", "[matmul]", float, double,
                   std::int32_t, std::int64_t) {
    using T = TestType;
    const std::vector<std::pair<shape, shape>> cases = {
        {{3}, {3}},          {{3}, {3, 4}},          {{2, 3}, {3}},           {{2, 3}, {3, 4}},
        {{8, 1, 5, 6}, {3, 6, 2}}, {{2, 1, 4, 3}, {5, 3, 2}}, {{5, 6}, {3, 6, 2}}, {{3, 5, 6}, {6, 2}},
        {{3, 5, 6}, {6}},    {{6}, {3, 6, 2}},       {{1, 4, 3}, {2, 1, 3, 5}}, {{0, 3}, {3, 4}},
        {{2, 0}, {0, 4}},    {{0}, {0}},             {{2, 3, 0}, {0, 5}},     {{0, 2, 3}, {3, 4}},
        {{37, 19}, {19, 41}}, {{2, 17, 33}, {2, 33, 9}},
        // k == 0 with a batch walked index by index (found by the fuzzer: the walk stepped null pointers)
        {{2, 3, 0}, {2, 0, 5}}, {{3, 1, 2, 0}, {4, 0, 2}}};
    for (const auto& [sa, sb] : cases) {
        CAPTURE(test::fmt(sa), test::fmt(sb));
        const auto a = test::iota_tensor<T>(sa, 1);
        const auto b = test::iota_tensor<T>(sb, 2);
        const tmath::tensor<T> r = tmath::matmul(a, b);
        check_matmul(r, a, b);
    }
    // numpy's example: (8,1,5,6) @ (3,6,2) -> (8,3,5,2)
    const tmath::tensor<T> r = tmath::matmul(tmath::zeros<T>({8, 1, 5, 6}), tmath::zeros<T>({3, 6, 2}));
    CHECK(r.shape() == std::vector<std::size_t>{8, 3, 5, 2});
    // k == 0 gives zeros, whatever the destination held.
    auto z = tmath::full<T>({2, 4}, T(7));
    z = tmath::matmul(tmath::zeros<T>({2, 0}), tmath::zeros<T>({0, 4}));
    for (T v : z) CHECK(v == T(0));
    // Regression (UBSan, found by the NumPy-differential test): batched k == 0 and m == 0
    // products over empty (null) operands stepped null pointers through the batch.
    const tmath::tensor<T> zk = tmath::matmul(tmath::zeros<T>({2, 3, 0}), tmath::zeros<T>({2, 0, 5}));
    REQUIRE(zk.shape() == std::vector<std::size_t>{2, 3, 5});
    for (T v : zk) CHECK(v == T(0));
    const tmath::tensor<T> zm = tmath::matmul(tmath::zeros<T>({2, 0, 3}), tmath::ones<T>({2, 3, 4}));
    CHECK(zm.shape() == std::vector<std::size_t>{2, 0, 4});
}

TEMPLATE_TEST_CASE("matmul: transposed and swapaxes and strided views and expressions and mixed types", "[matmul]", float,
                   double, std::int32_t, std::int64_t) {
    using T = TestType;
    for (std::size_t n : {std::size_t{1}, std::size_t{7}, std::size_t{33}, std::size_t{70}}) {
        if (!test::exhaustive && n == 70) continue;  // 33 already crosses every register tile
        CAPTURE(n);
        const auto a = test::iota_tensor<T>({n, n + 2}, 1);
        const auto bt = test::iota_tensor<T>({n + 3, n + 2}, 3);  // used transposed: (n+2, n+3)
        const auto at_ = test::iota_tensor<T>({n + 2, n}, 4);     // used transposed: (n, n+2)
        const auto b = test::iota_tensor<T>({n + 2, n + 3}, 5);
        check_matmul(tmath::eval(tmath::matmul(a, tmath::transpose(bt))), a, tmath::transpose(bt));
        check_matmul(tmath::eval(tmath::matmul(tmath::transpose(at_), b)), tmath::transpose(at_), b);
        check_matmul(tmath::eval(tmath::matmul(tmath::transpose(at_), tmath::transpose(bt))), tmath::transpose(at_),
                     tmath::transpose(bt));
        // Every other column and row of a larger buffer, through adapt.
        auto big = test::iota_tensor<T>({2 * n, 2 * (n + 2)}, 6);
        const auto strided = tmath::adapt(big.data(), {n, n + 2},
                                          {4 * static_cast<std::ptrdiff_t>(n + 2), std::ptrdiff_t{2}});
        check_matmul(tmath::eval(tmath::matmul(strided, b)), strided, b);
        // Expressions are evaluated once, then multiplied.
        const tmath::tensor<T> a2 = a * T(2) + T(1);
        check_matmul(tmath::eval(tmath::matmul(a * T(2) + T(1), b)), a2, b);
        // Batched with swapaxes on the right.
        const auto q = test::iota_tensor<T>({2, n, 3}, 7);
        const auto k = test::iota_tensor<T>({2, n + 1, 3}, 8);
        check_matmul(tmath::eval(tmath::matmul(q, tmath::swapaxes(k, -1, -2))), q, tmath::swapaxes(k, -1, -2));
    }
    // Batch dimensions of extent 1 with any stride next to a broadcast (stride-0) batch
    // dimension: the batch must not be folded into the rows (found by the fuzzer: the
    // fold compared each stride with its neighbour's, and an extent-1 neighbour's stride
    // is arbitrary). Here the same 3x4 matrix serves both batches.
    {
        const auto m = test::iota_tensor<T>({3, 4}, 9);
        const auto b = test::iota_tensor<T>({4, 2}, 10);
        const auto repeated = tmath::adapt(m.data(), {2, 1, 3, 4}, {0, 0, 4, 1});
        check_matmul(tmath::eval(tmath::matmul(repeated, b)), repeated, b);
        const auto odd = tmath::adapt(m.data(), {2, 1, 3, 4}, {0, 7, 4, 1});  // extent 1, stride 7
        check_matmul(tmath::eval(tmath::matmul(odd, b)), odd, b);
        // A right operand whose batch is a broadcast view: A (2,1) against B (3,) spans
        // a (2,3) batch that A alone does not (found by the fuzzer: the fold read past A).
        const auto a4 = test::iota_tensor<T>({2, 1, 3, 4}, 11);
        const auto b3 = tmath::adapt(b.data(), {3, 4, 2}, {0, 2, 1});
        check_matmul(tmath::eval(tmath::matmul(a4, b3)), a4, b3);
    }
    // Mixed element types promote like std::common_type.
    const auto ai = test::iota_tensor<std::int32_t>({4, 5}, 1);
    const auto bf = test::iota_tensor<T>({5, 3}, 2);
    const auto r = tmath::eval(tmath::matmul(ai, bf));
    STATIC_REQUIRE(std::is_same_v<typename decltype(r)::value_type, std::common_type_t<std::int32_t, T>>);
    const tmath::tensor<std::common_type_t<std::int32_t, T>> ac = ai;
    check_matmul(r, ac, bf);
}

TEMPLATE_TEST_CASE("matmul: batch dims next to extent-1 rows with unrelated strides", "[matmul]", float, std::int32_t) {
    // Regression (found by the NumPy-differential test): with B shared by the batch, A's
    // batch dims were folded into its rows by comparing each stride with the next dim's
    // even when that dim had extent 1 (and so any stride): wrong rows were read, and with
    // a negative row stride memory before A's buffer.
    using T = TestType;
    std::vector<T> buf(48);
    for (std::size_t i = 0; i < buf.size(); ++i) buf[i] = static_cast<T>(static_cast<int>(i % 11) - 5);
    const auto b = test::iota_tensor<T>({1, 7}, 2);
    // (4,1,1,1) with strides (1,1,3,1): m = 1, the row stride 3 is not the batch step 1.
    const auto a1 = tmath::adapt(buf.data(), {4, 1, 1, 1}, {1, 1, 3, 1});
    check_matmul(tmath::eval(tmath::matmul(a1, b)), a1, b);
    // (4,1,4,4) with strides (16,16,-4,1): rows run backwards inside each batch matrix.
    const auto b2 = test::iota_tensor<T>({4, 3}, 3);
    const auto a2 = tmath::adapt(buf.data() + 12, {2, 1, 4, 4}, {16, 16, -4, 1});
    check_matmul(tmath::eval(tmath::matmul(a2, b2)), a2, b2);
}

TEMPLATE_TEST_CASE("matmul: every assignment form of the product", "[matmul]", float, double, std::int32_t,
                   std::int64_t) {
    using T = TestType;
    const auto a = test::iota_tensor<T>({9, 20}, 1);
    const auto b = test::iota_tensor<T>({20, 11}, 2);
    const tmath::tensor<T> ab = tmath::matmul(a, b);
    check_matmul(ab, a, b);

    // Into an existing tensor of the result's shape: storage kept.
    auto c = tmath::zeros<T>({9, 11});
    const T* storage = c.data();
    c = tmath::matmul(a, b);
    CHECK(c.data() == storage);
    CHECK(tmath::allclose(c, ab));
    // Into a tensor of another shape: it takes the product's shape.
    auto other = tmath::zeros<T>({3});
    other = tmath::matmul(a, b);
    CHECK(other.shape() == std::vector<std::size_t>{9, 11});
    // += and -= accumulate (beta = 1).
    c += tmath::matmul(a, b);
    CHECK(tmath::allclose(c, ab * T(2)));
    c -= tmath::matmul(a, b);
    CHECK(tmath::allclose(c, ab));
    // Scalar factors fold into alpha, on either side, and negation.
    c = T(3) * tmath::matmul(a, b);
    CHECK(tmath::allclose(c, ab * T(3)));
    c = tmath::matmul(a, b) * T(2);
    CHECK(tmath::allclose(c, ab * T(2)));
    c = -tmath::matmul(a, b);
    CHECK(tmath::allclose(c, -ab));
    if constexpr (std::is_floating_point_v<T>) {
        c = tmath::matmul(a, b) / T(4);
        CHECK(tmath::allclose(c, ab / T(4)));
    }
    // Nested in an element-wise expression: computed once, then fused.
    const auto bias = test::iota_tensor<T>({11}, 3);
    c = tmath::matmul(a, b) * T(2) + bias;
    CHECK(tmath::allclose(c, ab * T(2) + bias));
    c = bias - tmath::matmul(a, b) + tmath::matmul(a, b);
    CHECK(tmath::allclose(c, bias + c * T(0)));
    // Into a view (transposed destination) and through matmul(a, b, out).
    auto ct = tmath::zeros<T>({11, 9});
    tmath::transpose(ct) = tmath::matmul(a, b);
    CHECK(tmath::allclose(tmath::eval(tmath::transpose(ct)), ab));
    auto out = tmath::zeros<T>({9, 11});
    tmath::matmul(a, b, out);
    CHECK(tmath::allclose(out, ab));
    auto out_t = tmath::zeros<T>({11, 9});
    tmath::matmul(a, b, tmath::transpose(out_t));
    CHECK(tmath::allclose(tmath::eval(tmath::transpose(out_t)), ab));
    // Into a destination of another element type.
    tmath::tensor<double> wide = tmath::matmul(a, b);
    check_matmul(wide, a, b);
    // A product broadcast into a view of a larger shape.
    auto big = tmath::zeros<T>({2, 9, 11});
    tmath::adapt(big.data(), {2, 9, 11}) = tmath::matmul(a, b);
    for (std::size_t i = 0; i < 9; ++i) CHECK(big(1, i, 3) == ab(i, 3));
}

TEMPLATE_TEST_CASE("matmul: assignment into an operand goes through a temporary", "[matmul]", float, double,
                   std::int32_t, std::int64_t) {
    using T = TestType;
    for (std::size_t n : {std::size_t{3}, std::size_t{40}}) {
        CAPTURE(n);
        auto a = test::iota_tensor<T>({n, n}, 1);
        const auto b = test::iota_tensor<T>({n, n}, 2);
        const tmath::tensor<T> a0 = a;
        const tmath::tensor<T> ab = tmath::matmul(a0, b);
        const tmath::tensor<T> ba = tmath::matmul(b, a0);
        a = tmath::matmul(a, b);
        CHECK(tmath::allclose(a, ab));
        a = a0;
        a = tmath::matmul(b, a);
        CHECK(tmath::allclose(a, ba));
        a = a0;
        a = tmath::matmul(tmath::transpose(a), b);
        check_matmul(a, tmath::transpose(a0), b);
        a = a0;
        a += tmath::matmul(a, b);
        CHECK(tmath::allclose(a, a0 + ab));
        a = a0;
        tmath::matmul(a, b, a);
        CHECK(tmath::allclose(a, ab));
    }
}

TEST_CASE("matmul: errors name both shapes and leave the destination unchanged", "[matmul]") {
    using test::shape_error_message;
    CHECK(shape_error_message([] { (void)tmath::matmul(tmath::zeros<float>({2, 3}), tmath::zeros<float>({4, 5})); }) ==
          "matmul: shapes (2,3) and (4,5) are not aligned: 3 (dim 1) != 4 (dim 0)");
    CHECK(shape_error_message([] { (void)tmath::matmul(tmath::zeros<float>({3}), tmath::zeros<float>({4, 5})); }) ==
          "matmul: shapes (3,) and (4,5) are not aligned: 3 (dim 0) != 4 (dim 0)");
    CHECK(shape_error_message([] { (void)tmath::matmul(tmath::zeros<float>({2, 3}), tmath::zeros<float>({4})); }) ==
          "matmul: shapes (2,3) and (4,) are not aligned: 3 (dim 1) != 4 (dim 0)");
    CHECK(shape_error_message([] {
              (void)tmath::matmul(tmath::zeros<float>({2, 2, 3}), tmath::zeros<float>({3, 3, 2}));
          }) == "matmul: batch dimensions of shapes (2,2,3) and (3,3,2) do not broadcast: (2,) and (3,)");
    const tmath::tensor<float> scalar = tmath::zeros<float>(std::vector<std::size_t>{});
    CHECK_THAT(shape_error_message([&] { (void)tmath::matmul(scalar, tmath::zeros<float>({3})); }),
               TMATH_CONTAINS("matmul: operand 0 is rank 0 (shapes () and (3,))"));
    CHECK_THAT(shape_error_message([&] { (void)tmath::matmul(tmath::zeros<float>({3}), scalar); }),
               TMATH_CONTAINS("matmul: operand 1 is rank 0"));
    auto out = tmath::full<float>({2, 2}, 5.0f);
    CHECK(shape_error_message([&] { tmath::matmul(tmath::ones<float>({2, 3}), tmath::ones<float>({3, 4}), out); }) ==
          "matmul: output operand with shape (2,2) doesn't match the result shape (2,4) of (2,3) and (3,4)");
    CHECK_THAT(shape_error_message([&] { out += tmath::matmul(tmath::ones<float>({2, 3}), tmath::ones<float>({3, 4})); }),
               TMATH_CONTAINS("(2,2)"));
    for (float v : out) CHECK(v == 5.0f);
}

TEMPLATE_TEST_CASE("seed properties: matmul", "[seed][matmul][properties]", float, double, std::int32_t,
                   std::int64_t) {
    using T = TestType;
    test::rng g(1234);
    for (int trial = 0; trial < 20; ++trial) {
        const std::size_t m = 1 + g.below(9), k = 1 + g.below(40), n = 1 + g.below(9), p = 1 + g.below(9);
        CAPTURE(m, k, n, p);
        auto fill = [&](const shape& s) {  // random integers in [-8, 8]
            auto t = tmath::empty<T>(s);
            for (auto& x : t) x = static_cast<T>(g.unit_value<int>());
            return t;
        };
        const auto A = fill({m, k}), B = fill({k, n}), C = fill({n, p});
        // Associativity: exact for these small integer values in every type.
        const tmath::tensor<T> left = tmath::matmul(tmath::matmul(A, B), C);
        const tmath::tensor<T> right = tmath::matmul(A, tmath::matmul(B, C));
        CHECK(tmath::allclose(left, right, 1e-5, 1e-5));
        // Q @ K^T [i, j] == dot(Q[i], K[j]).
        const auto Q = fill({m, k}), K = fill({n, k});
        const tmath::tensor<T> S = tmath::matmul(Q, tmath::swapaxes(K, -1, -2));
        for (std::size_t i = 0; i < m; ++i)
            for (std::size_t j = 0; j < n; ++j) {
                const auto qi = tmath::adapt(Q.data() + i * k, {k});
                const auto kj = tmath::adapt(K.data() + j * k, {k});
                CHECK(S(i, j) == tmath::dot(qi, kj));
            }
    }
}

namespace {

/// A logical rows × cols matrix over its own buffer, in one of the layouts that
/// matmul(a, b, out) takes without a temporary: 0 row-major, 1 column-major, 2 every other
/// row and column of a larger buffer at an offset, 3 both strides negative. The buffer's
/// other elements hold a sentinel.
template <class T>
struct laid_out {
    std::vector<T> buf;
    tmath::tensor_view<T> view;
    static constexpr T sentinel = T(-99);
    laid_out(std::size_t rows, std::size_t cols, int layout)
        : buf(layout == 2 ? (2 * rows + 1) * (2 * cols + 3) : rows * cols, sentinel),
          view(make(buf.data(), rows, cols, layout)) {}
    static tmath::tensor_view<T> make(T* p, std::size_t rows, std::size_t cols, int layout) {
        const auto r = static_cast<std::ptrdiff_t>(rows), c = static_cast<std::ptrdiff_t>(cols);
        switch (layout) {
            case 0: return tmath::adapt(p, {rows, cols}, {c, std::ptrdiff_t{1}});
            case 1: return tmath::adapt(p, {rows, cols}, {std::ptrdiff_t{1}, r});
            case 2: return tmath::adapt(p + 1, {rows, cols}, {2 * (2 * c + 3), std::ptrdiff_t{2}});
            default: return tmath::adapt(p + (r * c - 1), {rows, cols}, {-c, std::ptrdiff_t{-1}});
        }
    }
    /// Writes test::iota_value(k, seed) to the view's element k (row-major).
    void fill(int seed) {
        const std::size_t cols = view.shape()[1];
        for (std::size_t i = 0; i < view.shape()[0]; ++i)
            for (std::size_t j = 0; j < cols; ++j) view(i, j) = test::iota_value<T>(i * cols + j, seed);
    }
    /// Buffer elements outside the view still hold the sentinel.
    bool untouched_outside() const {
        std::vector<bool> inside(buf.size(), false);
        for (std::size_t i = 0; i < view.shape()[0]; ++i)
            for (std::size_t j = 0; j < view.shape()[1]; ++j) inside[static_cast<std::size_t>(&view(i, j) - buf.data())] = true;
        for (std::size_t t = 0; t < buf.size(); ++t)
            if (!inside[t] && buf[t] != sentinel) return false;
        return true;
    }
};

/// matmul(a, b, out) on 2-D operands of the given layouts (form 0), or the product assigned
/// to the view (1: `c = matmul(a, b)`, 2: `c += 2 * matmul(a, b)`, 3: `c -= matmul(a, b)`),
/// checked exactly against a double triple loop (the values are small integers, so every
/// sum is exact).
template <class T>
void check_direct(std::size_t m, std::size_t n, std::size_t k, int la, int lb, int lc, int form = 0) {
    CAPTURE(m, n, k, la, lb, lc, form);
    laid_out<T> a(m, k, la), b(k, n, lb), c(m, n, lc);
    a.fill(1);
    b.fill(4);
    c.fill(9);  // overwritten by forms 0 and 1 (beta = 0)
    std::vector<double> c0;
    for (std::size_t i = 0; i < m; ++i)
        for (std::size_t j = 0; j < n; ++j) c0.push_back(static_cast<double>(c.view(i, j)));
    switch (form) {
        case 0: tmath::matmul(a.view, b.view, c.view); break;
        case 1: c.view = tmath::matmul(a.view, b.view); break;
        case 2: c.view += T(2) * tmath::matmul(a.view, b.view); break;
        default: c.view -= tmath::matmul(a.view, b.view); break;
    }
    for (std::size_t i = 0; i < m; ++i)
        for (std::size_t j = 0; j < n; ++j) {
            double s = 0;
            for (std::size_t p = 0; p < k; ++p) s += static_cast<double>(a.view(i, p)) * static_cast<double>(b.view(p, j));
            const double old = c0[i * n + j];
            const double want = form <= 1 ? s : form == 2 ? old + 2 * s : old - s;
            if (static_cast<double>(c.view(i, j)) != want)
                FAIL("C(" << i << "," << j << ") = " << c.view(i, j) << ", want " << want);
        }
    CHECK(c.untouched_outside());
}

}  // namespace

TEMPLATE_TEST_CASE("matmul(a, b, out) and c = matmul(a, b): 2-D operands of every layout at the kernel edges", "[matmul]", float, double,
                   std::int32_t) {
    using T = TestType;
    // 1, around the SIMD widths and register tiles (MR 16/32, NR 8/12) and 16/64.
    for (std::size_t s : std::vector<std::size_t>{1, 2, 3, 7, 8, 9, 11, 12, 13, 15, 16, 17, 31, 32, 33, 63, 64, 65})
        for (int la = 0; la < 4; ++la)
            for (int lb = 0; lb < 4; ++lb)
                for (int lc = 0; lc < 4; ++lc)
                    if (test::pairwise(std::size_t(la), std::size_t(lb), std::size_t(lc), 4)) check_direct<T>(s, s, s, la, lb, lc);
    // The assignment forms (product node, same 2-D path), one layout each.
    for (std::size_t s : std::vector<std::size_t>{1, 7, 8, 9, 15, 16, 17, 33, 64, 65})
        for (int l = 0; l < 4; ++l)
            for (int form = 1; form < 4; ++form) check_direct<T>(s, s + 1, s, l, (l + 1) % 4, (l + 2) % 4, form);
    const std::vector<std::size_t> ms{1, 7, 8, 9, 15, 16, 17, 33, 65}, ns{1, 7, 8, 9, 12, 15, 16, 17, 33, 65},
        ks{1, 8, 15, 16, 17, 65};
    for (std::size_t im = 0; im < ms.size(); ++im)
        for (std::size_t in = 0; in < ns.size(); ++in)
            for (std::size_t ik = 0; ik < ks.size(); ++ik)
                if (test::pairwise(im, in, ik, ks.size()))
                    for (int l = 0; l < 2; ++l) check_direct<T>(ms[im], ns[in], ks[ik], l, l == 0 ? 1 : 3, l == 0 ? 0 : 1);
    // Empty products: k == 0 writes zeros, m or n == 0 writes nothing.
    check_direct<T>(5, 6, 0, 0, 0, 0);
    check_direct<T>(0, 6, 5, 0, 0, 0);
    check_direct<T>(5, 0, 5, 1, 1, 1);
}

TEMPLATE_TEST_CASE("matmul(a, b, out): out overlapping an operand goes through a temporary", "[matmul]", float,
                   double) {
    using T = TestType;
    for (std::size_t n : {std::size_t{4}, std::size_t{16}, std::size_t{33}}) {
        CAPTURE(n);
        // a and out share one buffer, out shifted by one row (partial overlap), or out is a's
        // transpose; b shares its buffer with out shifted by a column.
        std::vector<T> buf(n * n + n);
        for (std::size_t i = 0; i < buf.size(); ++i) buf[i] = static_cast<T>(static_cast<int>(i % 7) - 3);
        const std::vector<T> orig = buf;
        const auto ni = static_cast<std::ptrdiff_t>(n);
        const auto a0 = tmath::adapt(const_cast<T*>(orig.data()), {n, n});
        const auto b = test::iota_tensor<T>({n, n}, 3);
        const tmath::tensor<T> ab = tmath::matmul(a0, b);
        const tmath::tensor<T> ba = tmath::matmul(b, a0);
        const tmath::tensor<T> atb = tmath::matmul(tmath::transpose(a0), b);

        auto a = tmath::adapt(buf.data(), {n, n});
        tmath::matmul(a, b, tmath::adapt(buf.data() + n, {n, n}));
        CHECK(tmath::allclose(tmath::adapt(buf.data() + n, {n, n}), ab));
        buf = orig;
        tmath::matmul(b, a, tmath::adapt(buf.data() + 1, {n, n}, {ni, std::ptrdiff_t{1}}));
        CHECK(tmath::allclose(tmath::adapt(buf.data() + 1, {n, n}), ba));
        buf = orig;
        tmath::matmul(tmath::transpose(a), b, a);
        CHECK(tmath::allclose(a, atb));
        // The same through assignment of the product node.
        buf = orig;
        tmath::adapt(buf.data() + n, {n, n}) = tmath::matmul(a, b);
        CHECK(tmath::allclose(tmath::adapt(buf.data() + n, {n, n}), ab));
        buf = orig;
        a = tmath::matmul(tmath::transpose(a), b);
        CHECK(tmath::allclose(a, atb));
    }
    // A shape mismatch in the out= form still names the shapes, out unchanged.
    auto out = tmath::full<T>({2, 4}, T(5));
    CHECK(test::shape_error_message([&] { tmath::matmul(tmath::ones<T>({2, 3}), tmath::ones<T>({4, 4}), out); }) ==
          "matmul: shapes (2,3) and (4,4) are not aligned: 3 (dim 1) != 4 (dim 0)");
    CHECK(test::shape_error_message([&] { tmath::matmul(tmath::ones<T>({2, 3}), tmath::ones<T>({3, 4}),
                                                        tmath::adapt(out.data(), {4, 2})); }) ==
          "matmul: output operand with shape (4,2) doesn't match the result shape (2,4) of (2,3) and (3,4)");
    for (T v : out) CHECK(v == T(5));
}
