// Every evaluation loop against a plain reference loop, at the sizes around the SIMD
// width where head/body/tail bugs live (test::edge_sizes).
#include "catch.hpp"
#include "test_support.hpp"

#include <tmath/eval/plan.hpp>
#include <tmath/simd/simd.hpp>
#include <tmath/tmath.hpp>

#include <cstdint>
#include <numeric>
#include <vector>

namespace {

using test::edge_sizes;
using test::iota_tensor;

/// The plan chosen for writing a row-major tensor of `shape` from operands with these
/// (already broadcast) strides.
template <std::size_t N>
tmath::detail::eval_plan<N> plan_for(const tmath::shape_t& shape, const std::array<tmath::strides_t, N>& ops) {
    return tmath::detail::plan<N>(shape, tmath::row_major_strides(shape), ops, {});
}

}  // namespace

TEMPLATE_TEST_CASE("eval: flat loop", "[eval]", float, double, std::int32_t, std::int64_t) {
    using T = TestType;
    for (std::size_t n : edge_sizes<T>()) {
        CAPTURE(n);
        auto a = iota_tensor<T>({n}, 1);
        auto b = iota_tensor<T>({n}, 5);
        auto c = iota_tensor<T>({n}, 9);
        CHECK(plan_for<3>(tmath::shape_t{n}, {tmath::strides_t{1}, tmath::strides_t{1}, tmath::strides_t{1}}).kind ==
              tmath::detail::plan_kind::flat);
        tmath::tensor<T> r = a * b + c * T(2) - (-a);
        REQUIRE(r.size() == n);
        for (std::size_t i = 0; i < n; ++i) CHECK(r(i) == T(a(i) * b(i) + c(i) * T(2) + a(i)));
    }
}

TEMPLATE_TEST_CASE("eval: inner_contiguous with row and column broadcasts", "[eval]", float, double, std::int32_t,
                   std::int64_t) {
    using T = TestType;
    const std::size_t m = 3;
    for (std::size_t n : edge_sizes<T>()) {
        if (n < 2) continue;  // extent-1 rows collapse into other plans
        CAPTURE(n);
        auto a = iota_tensor<T>({m, n}, 1);
        auto row = iota_tensor<T>({n}, 4);
        auto col = iota_tensor<T>({m, 1}, 8);
        CHECK(plan_for<3>(tmath::shape_t{m, n}, {tmath::strides_t{static_cast<std::ptrdiff_t>(n), 1},
                                                 tmath::strides_t{0, 1}, tmath::strides_t{1, 0}})
                  .kind == tmath::detail::plan_kind::inner_contiguous);
        tmath::tensor<T> r = a * row + col;
        REQUIRE(r.shape() == std::vector<std::size_t>{m, n});
        for (std::size_t i = 0; i < m; ++i)
            for (std::size_t j = 0; j < n; ++j) CHECK(r(i, j) == T(a(i, j) * row(j) + col(i, 0)));
    }
}

TEMPLATE_TEST_CASE("eval: row cursors across outer dimensions (rank 3 and 4, mixed types)", "[eval]", float,
                   double, std::int32_t, std::int64_t) {
    using T = TestType;
    for (std::size_t n : edge_sizes<T>()) {
        if (n < 2) continue;
        CAPTURE(n);
        // Column values change along both outer dims; the row operand repeats along them.
        auto a = iota_tensor<T>({2, 3, 4, n}, 1);
        auto col = iota_tensor<T>({2, 1, 4, 1}, 7);
        auto row = iota_tensor<T>({3, 1, n}, 5);
        auto wide = iota_tensor<double>({4, 1}, 2);  // another element type: the gather path
        tmath::tensor<T> r = a * col + row;
        tmath::tensor<double> rw = a * wide - col;
        REQUIRE(r.shape() == std::vector<std::size_t>{2, 3, 4, n});
        REQUIRE(rw.shape() == std::vector<std::size_t>{2, 3, 4, n});
        for (std::size_t b = 0; b < 2; ++b)
            for (std::size_t c = 0; c < 3; ++c)
                for (std::size_t i = 0; i < 4; ++i)
                    for (std::size_t j = 0; j < n; ++j) {
                        REQUIRE(r(b, c, i, j) == T(a(b, c, i, j) * col(b, 0, i, 0) + row(c, 0, j)));
                        REQUIRE(rw(b, c, i, j) == double(a(b, c, i, j)) * wide(i, 0) - double(col(b, 0, i, 0)));
                    }
    }
}

TEMPLATE_TEST_CASE("eval: grouped short rows of a periodic operand", "[eval]", float, double, std::int32_t,
                   std::int64_t) {
    using T = TestType;
    for (std::size_t n : {std::size_t{2}, std::size_t{3}, std::size_t{7}, tmath::simd::width<T> + 1}) {
        for (std::size_t m : {std::size_t{2}, std::size_t{37}, std::size_t{300}}) {
            CAPTURE(n, m);
            auto a = iota_tensor<T>({m, n}, 3);
            auto row = iota_tensor<T>({n}, 6);
            const auto p = plan_for<2>(tmath::shape_t{m, n},
                                       {tmath::strides_t{static_cast<std::ptrdiff_t>(n), 1}, tmath::strides_t{0, 1}});
            CHECK(p.kind == tmath::detail::plan_kind::inner_contiguous);
            CHECK(p.group_rows > 1);
            tmath::tensor<T> r = a * row - T(1);
            for (std::size_t i = 0; i < m; ++i)
                for (std::size_t j = 0; j < n; ++j) REQUIRE(r(i, j) == T(a(i, j) * row(j) - T(1)));
            // Grouped rows inside an outer batch dimension.
            auto b = iota_tensor<T>({4, m, n}, 2);
            tmath::tensor<T> s = b + row;
            for (std::size_t k = 0; k < 4; ++k)
                for (std::size_t i = 0; i < m; ++i)
                    for (std::size_t j = 0; j < n; ++j) REQUIRE(s(k, i, j) == T(b(k, i, j) + row(j)));
        }
    }
}

TEMPLATE_TEST_CASE("eval: strided loop with a transposed operand", "[eval]", float, double, std::int32_t,
                   std::int64_t) {
    using T = TestType;
    for (std::size_t n : edge_sizes<T>()) {
        for (std::size_t m : {std::size_t{2}, std::size_t{TMATH_STRIDED_TILE + 3}, std::size_t{17}}) {
            CAPTURE(n, m);
            auto a = iota_tensor<T>({m, n}, 1);
            auto b = iota_tensor<T>({n, m}, 2);
            if (n > 1)
                CHECK(plan_for<2>(tmath::shape_t{m, n}, {tmath::strides_t{static_cast<std::ptrdiff_t>(n), 1},
                                                         tmath::strides_t{1, static_cast<std::ptrdiff_t>(m)}})
                          .kind == tmath::detail::plan_kind::strided);
            tmath::tensor<T> r = a * tmath::transpose(b);
            REQUIRE(r.shape() == std::vector<std::size_t>{m, n});
            for (std::size_t i = 0; i < m; ++i)
                for (std::size_t j = 0; j < n; ++j) CHECK(r(i, j) == T(a(i, j) * b(j, i)));
        }
    }
}

TEMPLATE_TEST_CASE("eval: strided runs through adapt and into transposed destinations", "[eval]", float, double,
                   std::int32_t, std::int64_t) {
    using T = TestType;
    for (std::size_t n : edge_sizes<T>()) {
        CAPTURE(n);
        std::vector<T> buf(2 * n + 1);
        for (std::size_t i = 0; i < buf.size(); ++i) buf[i] = static_cast<T>(i % 17);
        auto every_other = tmath::adapt(buf.data(), {n}, {2});
        auto a = iota_tensor<T>({n}, 3);
        tmath::tensor<T> r = every_other * a;
        for (std::size_t i = 0; i < n; ++i) CHECK(r(i) == T(buf[2 * i] * a(i)));

        // A destination view with a negative stride (written back to front).
        std::vector<T> out(n + 1, T(-1));
        if (n > 0) {
            auto reversed = tmath::adapt(out.data() + (n - 1), {n}, {-1});
            reversed = a + T(1);
            for (std::size_t i = 0; i < n; ++i) CHECK(out[n - 1 - i] == T(a(i) + T(1)));
        }
        CHECK(out[n] == T(-1));

        // A transposed destination.
        auto c = tmath::zeros<T>({n, 3});
        auto x = iota_tensor<T>({3, n}, 5);
        tmath::transpose(c) = x * T(3);
        for (std::size_t i = 0; i < 3; ++i)
            for (std::size_t j = 0; j < n; ++j) CHECK(c(j, i) == T(x(i, j) * T(3)));
    }
}

TEMPLATE_TEST_CASE("eval: planned loops on 1- and 2-byte elements (tiles, broadcasts, groups, segments)", "[eval]",
                   std::int8_t, std::uint16_t) {
    // The operands' cursors move and copy elements by their size (leaf_state): the
    // 4- and 8-byte types above take the register transposes, these the element copies.
    using T = TestType;
    for (std::size_t m : {std::size_t{3}, std::size_t{17}, std::size_t{TMATH_STRIDED_TILE + 3}}) {
        for (std::size_t n : {std::size_t{5}, std::size_t{33}, std::size_t{70}}) {
            CAPTURE(m, n);
            auto a = tmath::empty<T>({m, n});
            auto b = tmath::empty<T>({n, m});
            auto col = tmath::empty<T>({m, 1});
            auto row = tmath::empty<T>({n});
            for (std::size_t i = 0; i < m; ++i) {
                col(i, 0) = static_cast<T>(i % 5);
                for (std::size_t j = 0; j < n; ++j) a(i, j) = static_cast<T>((7 * i + 3 * j) % 50);
            }
            for (std::size_t j = 0; j < n; ++j) {
                row(j) = static_cast<T>(j % 11);
                for (std::size_t i = 0; i < m; ++i) b(j, i) = static_cast<T>((5 * j + i) % 10);
            }
            const auto expect = [&](std::size_t i, std::size_t j) {
                return static_cast<T>(a(i, j) + b(j, i) * col(i, 0) + row(j));
            };
            // Tiles: a transposed operand packed, a column broadcast along each tile row.
            tmath::tensor<T> r = a + tmath::transpose(b) * col + row;
            for (std::size_t i = 0; i < m; ++i)
                for (std::size_t j = 0; j < n; ++j) REQUIRE(r(i, j) == expect(i, j));
            // A transposed destination: element by element.
            auto t = tmath::zeros<T>({n, m});
            tmath::transpose(t) = a + tmath::transpose(b) * col + row;
            for (std::size_t i = 0; i < m; ++i)
                for (std::size_t j = 0; j < n; ++j) REQUIRE(t(j, i) == expect(i, j));
            // Rows with a row and a column broadcast; short rows grouped with a periodic operand.
            tmath::tensor<T> q = a * col + row;
            for (std::size_t i = 0; i < m; ++i)
                for (std::size_t j = 0; j < n; ++j) REQUIRE(q(i, j) == static_cast<T>(a(i, j) * col(i, 0) + row(j)));
            auto g = tmath::view(a, tmath::all, tmath::range(0, 5));
            tmath::tensor<T> grouped = tmath::eval(tmath::view(a, tmath::all, tmath::range(0, 5))) + tmath::view(row, tmath::range(0, 5));
            for (std::size_t i = 0; i < m; ++i)
                for (std::size_t j = 0; j < 5; ++j) REQUIRE(grouped(i, j) == static_cast<T>(g(i, j) + row(j)));
        }
    }
}

TEST_CASE("eval: mixed element types convert in the batch path", "[eval]") {
    for (std::size_t n : edge_sizes<float>()) {
        CAPTURE(n);
        auto f = iota_tensor<float>({n}, 1);
        auto d = iota_tensor<double>({n}, 2);
        auto i = iota_tensor<std::int32_t>({n}, 3);
        auto r = tmath::eval(f * d + i);
        STATIC_REQUIRE(std::is_same_v<decltype(r), tmath::tensor<double>>);
        for (std::size_t k = 0; k < n; ++k) CHECK(r(k) == double(f(k)) * d(k) + i(k));
        // Storing into a narrower destination converts element by element.
        tmath::tensor<float> g = tmath::zeros<float>({n});
        g = d * 2.0;
        for (std::size_t k = 0; k < n; ++k) CHECK(g(k) == float(d(k) * 2.0));
    }
}

TEMPLATE_TEST_CASE("eval: destinations too large for the caches (streaming stores)", "[eval]", float, std::int64_t) {
    using T = TestType;
    const std::size_t n = TMATH_STREAMING_BYTES / sizeof(T) + 2 * tmath::simd::width<T> + 3;
    auto a = tmath::empty<T>({n});
    auto b = tmath::empty<T>({n});
    for (std::size_t i = 0; i < n; ++i) {
        a(i) = static_cast<T>(i % 1000);
        b(i) = static_cast<T>(i % 7);
    }
    // Flat, from an aligned start.
    tmath::tensor<T> r = a * b + T(1);
    bool ok = true;
    for (std::size_t i = 0; i < n; ++i) ok = ok && r(i) == T(a(i) * b(i) + T(1));
    CHECK(ok);
    // Into a view that starts one element past an aligned address (scalar head first).
    std::vector<T> out(n + 1, T(-1));
    auto v = tmath::adapt(out.data() + 1, {n});
    v = a - b;
    ok = out[0] == T(-1);
    for (std::size_t i = 0; i < n; ++i) ok = ok && out[i + 1] == T(a(i) - b(i));
    CHECK(ok);
    // Rows of a broadcast (inner_contiguous plan).
    const std::size_t cols = 1000, rows = n / cols;
    auto m = tmath::empty<T>({rows, cols});
    for (std::size_t i = 0; i < m.size(); ++i) m.data()[i] = static_cast<T>(i % 11);
    auto row = tmath::empty<T>({cols});
    for (std::size_t j = 0; j < cols; ++j) row(j) = static_cast<T>(j % 5);
    tmath::tensor<T> s = m * row;
    ok = true;
    for (std::size_t i = 0; i < rows; ++i)
        for (std::size_t j = 0; j < cols; ++j) ok = ok && s(i, j) == T(m(i, j) * row(j));
    CHECK(ok);
}

TEMPLATE_TEST_CASE("eval: flat runs past L1 in half-width batches", "[eval]", float, double, std::int32_t, std::int64_t) {
    using T = TestType;
    using half = tmath::simd::half_batch<T>;
    const std::size_t w = half::size;
    // The half-width loop itself (on any machine: without AVX-512 it is the full width),
    // at the sizes around its batch width.
    for (std::size_t n : {std::size_t{0}, std::size_t{1}, w > 1 ? w - 1 : 2, w, w + 1, 4 * w + 3, 8 * w + 2 * w + 1}) {
        CAPTURE(n);
        auto a = iota_tensor<T>({n}, 1);
        auto b = iota_tensor<T>({n}, 5);
        std::vector<T> out(n + 1, T(-1));
        const auto e = a * b + T(2) - (-a);
        STATIC_REQUIRE(tmath::detail::reads_half_width<decltype(tmath::detail::make_flat_evaluator(e)), T>);
        tmath::detail::contiguous_row_half_width<T>(out.data(), static_cast<std::ptrdiff_t>(n),
                                              tmath::detail::make_flat_evaluator(e));
        for (std::size_t i = 0; i < n; ++i) CHECK(out[i] == T(a(i) * b(i) + T(2) + a(i)));
        CHECK(out[n] == T(-1));
    }
    // Whole assignments past TMATH_HALF_WIDTH_BYTES (the half-width loop on Intel with
    // AVX-512), with a tail; integer division stays on full batches (lane by lane).
    const std::size_t n = TMATH_HALF_WIDTH_BYTES / sizeof(T) + 4 * w + 3;
    auto a = iota_tensor<T>({n}, 1);
    auto b = iota_tensor<T>({n}, 5);
    for (auto& x : b)
        if (x == T(0)) x = T(3);
    tmath::tensor<T> r = a * b - b;
    tmath::tensor<T> q = a / b + T(1);
    STATIC_REQUIRE(tmath::detail::reads_half_width<decltype(tmath::detail::make_flat_evaluator(a / b)), T> ==
                   std::is_floating_point_v<T>);
    bool ok = true;
    for (std::size_t i = 0; i < n; ++i) ok = ok && r(i) == T(a(i) * b(i) - b(i)) && q(i) == T(a(i) / b(i) + T(1));
    CHECK(ok);
}

TEMPLATE_TEST_CASE("eval: rows read at a step (strided_rows plan), exactly within their span", "[eval]", float, double,
                   std::int32_t, std::int64_t) {
    using T = TestType;
    const std::size_t m = 3;
    for (std::size_t n : edge_sizes<T>()) {
        for (std::ptrdiff_t step : {-3, -2, -1, 2, 3}) {
            for (std::ptrdiff_t pad : {0, 1}) {  // pad 0: rows merge into one run; 1: they don't
                CAPTURE(n, step, pad);
                const auto s = static_cast<std::size_t>(step < 0 ? -step : step);
                const auto row = static_cast<std::ptrdiff_t>(n * s) + pad;
                // Exactly the elements from the first to the last read (ASan sees an over-read).
                const std::size_t span = n == 0 ? 1 : (m - 1) * static_cast<std::size_t>(row) + (n - 1) * s + 1;
                std::vector<T> a_buf(span), b_buf(span);
                for (std::size_t k = 0; k < span; ++k) {
                    a_buf[k] = test::iota_value<T>(k, 1);
                    b_buf[k] = test::iota_value<T>(k, 4);
                }
                const std::size_t origin = step < 0 && n > 0 ? (n - 1) * s : 0;
                auto at = [&](const std::vector<T>& buf, std::size_t i, std::size_t j) {
                    const std::size_t k = origin + i * static_cast<std::size_t>(row);
                    return buf[step < 0 ? k - j * s : k + j * s];
                };
                const auto a = tmath::adapt(a_buf.data() + origin, {m, n}, {row, step});
                const auto b = tmath::adapt(b_buf.data() + origin, {m, n}, {row, step});
                if (n > 1 && step != -1)
                    CHECK(tmath::detail::plan<2>(tmath::shape_t{m, n}, tmath::strides_t{static_cast<std::ptrdiff_t>(n), 1},
                                                 {tmath::strides_t{row, step}, tmath::strides_t{row, step}})
                              .kind == tmath::detail::plan_kind::strided_rows);
                auto col = iota_tensor<T>({m, 1}, 7);
                auto unit = iota_tensor<T>({m, n}, 9);
                tmath::tensor<T> r = a * b + col - unit;
                tmath::tensor<double> d = a * 0.5 + b;  // converting: lane by lane
                REQUIRE(r.shape() == std::vector<std::size_t>{m, n});
                bool ok = true;
                for (std::size_t i = 0; i < m; ++i)
                    for (std::size_t j = 0; j < n; ++j)
                        ok = ok && r(i, j) == T(at(a_buf, i, j) * at(b_buf, i, j) + col(i, 0) - unit(i, j)) &&
                             d(i, j) == double(at(a_buf, i, j)) * 0.5 + double(at(b_buf, i, j));
                CHECK(ok);
            }
        }
    }
}

TEMPLATE_TEST_CASE("eval: non-temporal stores from a record's streaming_bytes, in every plan", "[eval]", float, double,
                   std::int32_t, std::int64_t) {
    using T = TestType;
    // A record that streams from 1 KiB: the non-temporal loops at small sizes, on any machine.
    auto t = tmath::arch::generic_tuning(tmath::arch::compiled_target);
    t.streaming_bytes = 1024;
    for (std::size_t n : edge_sizes<T>()) {
        for (std::size_t skew : {std::size_t{0}, std::size_t{1}}) {  // a destination that starts one element past an aligned address
            CAPTURE(n, skew);
            const std::size_t m = 5;
            auto a = iota_tensor<T>({m, 2 * n + 1}, 1);
            auto b = iota_tensor<T>({m, n}, 4);
            auto row = iota_tensor<T>({n}, 6);
            std::vector<T> out(m * n + skew + 1, T(-1));
            const tmath::shape_t shape{m, n};
            const auto strides = tmath::row_major_strides(shape);
            T* dst = out.data() + skew;
            auto check = [&](auto&& expected) {
                bool ok = out[0] == T(-1) || skew == 0;
                for (std::size_t i = 0; i < m; ++i)
                    for (std::size_t j = 0; j < n; ++j) ok = ok && dst[i * n + j] == expected(i, j);
                CHECK(ok);
                CHECK(out.back() == T(-1));
            };
            tmath::detail::assign_into(dst, shape.span(), strides.span(), b * b - b, t);  // flat
            check([&](std::size_t i, std::size_t j) { return T(b(i, j) * b(i, j) - b(i, j)); });
            tmath::detail::assign_into(dst, shape.span(), strides.span(), b + row, t);  // inner_contiguous
            check([&](std::size_t i, std::size_t j) { return T(b(i, j) + row(j)); });
            const auto even = tmath::view(a, tmath::all, tmath::range(0, 2 * static_cast<std::ptrdiff_t>(n), 2));
            tmath::detail::assign_into(dst, shape.span(), strides.span(), even * b, t);  // strided_rows
            check([&](std::size_t i, std::size_t j) { return T(a(i, 2 * j) * b(i, j)); });
        }
    }
}
