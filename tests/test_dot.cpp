// dot through the public API (tails, expressions, strided and broadcast operands, mixed
// types, shape errors, the seed properties) and its kernels under every processor
// family's tuning record, on any machine: dot_contiguous (the short loop, and the long
// one with each family's load order and prefetching) and dot_general (the expression
// path), at the lengths where the loop changes (around `dot_short_bytes`, past
// `two_stream_bytes`) and with the operands 0 to 3 cache lines apart. Small integers
// are checked exactly; random floats against a long double reference within the error
// bound of an n-term sum, and for the same bits on every path that shares the summation
// order (the tuning fixes it; the load order and prefetching do not change it).
#include "test_support.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <type_traits>
#include <vector>

namespace {

using test::shape;
using tmath::arch::tuning;
using tmath::arch::tuning_of;

/// Two random vectors of length n in [-1, 1] with their dot product and Σ|x·y| in long double.
template <class T>
struct random_dot_case {
    std::vector<T> x, y;
    long double ref = 0, mag = 0;
    random_dot_case(std::size_t n, std::uint32_t seed) : x(n), y(n) {
        test::rng g(seed);
        for (std::size_t i = 0; i < n; ++i) {
            x[i] = g.unit_value<T>();
            y[i] = g.unit_value<T>();
            ref += static_cast<long double>(x[i]) * y[i];
            mag += std::fabs(static_cast<long double>(x[i]) * y[i]);
        }
    }
    /// Whether `got` is within the error bound of a T sum of n products.
    bool close(T got) const {
        return std::fabs(static_cast<long double>(got) - ref) <=
               2 * static_cast<long double>(x.size()) * std::numeric_limits<T>::epsilon() * mag;
    }
};

/// Elements of T in each operand at the edge of the eight-batch loop of `t`.
template <class T>
std::size_t short_length(const tuning& t) {
    return t.dot_short_bytes / (2 * sizeof(T));
}

/// Elements of T in each operand at the edge of two-stream reads of `t` (for a family
/// that reads one stream, of the families that read two: TMATH_TWO_STREAM_BYTES).
template <class T>
std::size_t two_stream_length(const tuning& t) {
    return (t.two_stream_bytes != tmath::arch::never ? t.two_stream_bytes : TMATH_TWO_STREAM_BYTES) / (2 * sizeof(T));
}

/// Lengths where the loop of `t` changes: SIMD and unroll tails, the eight-batch limit,
/// the two-stream threshold with the halves' remainders.
template <class T>
std::vector<std::size_t> loop_lengths(const tuning& t) {
    const std::size_t w = tmath::simd::width<T>, l1 = short_length<T>(t), split = two_stream_length<T>(t);
    std::vector<std::size_t> n = {0,      1,          w - 1,          w,      w + 1,     4 * w - 1,         4 * w,
                                  4 * w + 3, 8 * w - 1, 8 * w,          8 * w + 1, 16 * w + 5, l1 - 1,           l1,
                                  l1 + 1, l1 + 4 * w + 3, l1 + 7 * w + 5, split - 3, split,     split + 1, split + 2 * w + 1,
                                  split + 4 * w + 3,      split + 6 * w + 5};
    std::sort(n.begin(), n.end());
    n.erase(std::unique(n.begin(), n.end()), n.end());
    return n;
}

}  // namespace

TEMPLATE_TEST_CASE("dot: tails and expressions and strided and broadcast operands", "[dot]", float, double, std::int32_t,
                   std::int64_t) {
    using T = TestType;
    const std::size_t w = tmath::simd::width<T>;
    // Up to `dot_short_bytes` the loop takes eight batches per iteration, beyond it four;
    // past TMATH_TWO_STREAM_BYTES, where the tuning reads two streams, two from each half
    // of the operands.
    const std::size_t l1 = tmath::arch::this_processor().dot_short_bytes / (2 * sizeof(T));
    const std::size_t split = TMATH_TWO_STREAM_BYTES / (2 * sizeof(T));
    for (std::size_t n : {std::size_t{0}, std::size_t{1}, w - 1, w, w + 1, 4 * w - 1, 4 * w, 4 * w + 3, 8 * w - 1, 8 * w,
                          8 * w + 1, 16 * w + 3, 16 * w + 5, l1, l1 + 1, l1 + 4 * w + 3, l1 + 7 * w + 5, split, split + 1,
                          split + 2 * w + 1, split + 4 * w + 3, split + 6 * w + 5}) {
        if (n == 0 && w == 1) continue;
        CAPTURE(n);
        const auto a = test::iota_tensor<T>({n}, 1);
        const auto b = test::iota_tensor<T>({n}, 2);
        const auto c = test::iota_tensor<T>({n}, 3);
        long double ab = 0, abc = 0;
        for (std::size_t i = 0; i < n; ++i) {
            ab += static_cast<long double>(a(i)) * b(i);
            abc += static_cast<long double>(a(i)) * b(i) * c(i);
        }
        CHECK(static_cast<long double>(tmath::dot(a, b)) == ab);  // small integers: exact in every type
        CHECK(static_cast<long double>(tmath::dot(a * b, c)) == abc);
        CHECK(static_cast<long double>(tmath::dot(c, a * b)) == abc);
        // Every other element of a longer buffer.
        auto big = test::iota_tensor<T>({2 * n + 1}, 1);
        const auto every_other = tmath::adapt(big.data(), {n}, {std::ptrdiff_t{2}});
        long double eo = 0;
        for (std::size_t i = 0; i < n; ++i) eo += static_cast<long double>(big(2 * i)) * b(i);
        CHECK(static_cast<long double>(tmath::dot(every_other, b)) == eo);
        // A broadcast operand inside an expression: (n,) * (1,).
        const tmath::tensor<T> two = {T(2)};
        CHECK(static_cast<long double>(tmath::dot(a * two, b)) == 2 * ab);
        // Mixed types promote.
        const tmath::tensor<double> bd = b;
        STATIC_REQUIRE(std::is_same_v<decltype(tmath::dot(a, bd)), double>);
        CHECK(tmath::dot(a, bd) == static_cast<double>(ab));
    }
}

TEMPLATE_TEST_CASE("dot: every family's loop at the lengths where it changes", "[dot]", float, double, std::int32_t,
                   std::int64_t) {
    using T = TestType;
    // The kernels under each family's record (eight- or four-batch iterations, one or
    // two streams, each load order, prefetching or not), on small integers: every
    // summation order gives the exact result.
    for (const auto f : tmath::arch::all_families) {
        const tuning t = tuning_of(f);
        for (const std::size_t n : loop_lengths<T>(t)) {
            INFO(t.family << ", n " << n);
            const auto a = test::iota_tensor<T>({n}, 1);
            const auto b = test::iota_tensor<T>({n}, 2);
            const auto c = test::iota_tensor<T>({n}, 3);
            auto big = test::iota_tensor<T>({2 * n + 1}, 4);
            const auto every_other = tmath::adapt(big.data(), {n}, {std::ptrdiff_t{2}});
            long double ab = 0, abc = 0, eo = 0;
            for (std::size_t i = 0; i < n; ++i) {
                ab += static_cast<long double>(a(i)) * b(i);
                abc += static_cast<long double>(a(i)) * b(i) * c(i);
                eo += static_cast<long double>(big(2 * i)) * b(i);
            }
            const auto len = static_cast<std::ptrdiff_t>(n);
            CHECK(static_cast<long double>(tmath::detail::dot_contiguous<T>(len, a.data(), b.data(), t)) == ab);
            CHECK(static_cast<long double>(tmath::detail::dot_general<T>(a, b, t)) == ab);
            CHECK(static_cast<long double>(tmath::detail::dot_general<T>(a * b, c, t)) == abc);
            CHECK(static_cast<long double>(tmath::detail::dot_general<T>(c, a * b, t)) == abc);
            CHECK(static_cast<long double>(tmath::detail::dot_general<T>(every_other, b, t)) == eo);
            const tmath::tensor<T> two = {T(2)};
            CHECK(static_cast<long double>(tmath::detail::dot_general<T>(a * two, b, t)) == 2 * ab);
        }
    }
}

TEMPLATE_TEST_CASE("dot: vectors that stream from memory (the prefetching loop)", "[dot]", float, double) {
    using T = TestType;
    // Over TMATH_STREAMING_BYTES for the two operands together, with a tail.
    const std::size_t n = TMATH_STREAMING_BYTES / (2 * sizeof(T)) + 8 * tmath::simd::width<T> + 3;
    const random_dot_case<T> c(n, 17);
    tmath::tensor<T> a = tmath::zeros<T>({n}), b = tmath::zeros<T>({n});
    std::copy(c.x.begin(), c.x.end(), a.data());
    std::copy(c.y.begin(), c.y.end(), b.data());
    const T got = tmath::dot(a, b);
    CHECK(c.close(got));
    // Prefetching changes no arithmetic: the same bits as the loop without hints, and as
    // an expression operand (the evaluator's path) in the same summation order. (Not
    // with the scalar fallback, whose a·b + c the compiler may contract into an FMA in
    // one instance of the loop and not in another.)
    const auto len = static_cast<std::ptrdiff_t>(n);
    const tmath::detail::contiguous_cursor<T> ca{a.data()}, cb{b.data()};
    if constexpr (tmath::simd::has_native_batch<T> && test::public_paths_header_only) {
        CHECK(got == tmath::detail::dot_rows<true, T, false>(len, ca, cb, tmath::arch::this_processor()));
        CHECK(got == tmath::dot(a * T(1), b));
    }
    // The same under every family's record (prefetching from its `dot_prefetch_bytes`,
    // or grouped loads without hints).
    for (const auto f : tmath::arch::all_families) {
        const tuning t = tuning_of(f);
        INFO(t.family);
        const T got_f = tmath::detail::dot_contiguous<T>(len, a.data(), b.data(), t);
        CHECK(c.close(got_f));
        if constexpr (tmath::simd::has_native_batch<T>) {
            CHECK(got_f == tmath::detail::dot_rows<true, T, false>(len, ca, cb, t));
            CHECK(got_f == tmath::detail::dot_general<T>(a * T(1), b, t));
        }
    }
}

TEMPLATE_TEST_CASE("dot: operands any number of cache lines apart (the order of the loads)", "[dot]", float, double) {
    using T = TestType;
    // Under `dot_load_order::grouped_by_parity` the loop issues its loads in an order that
    // depends on whether the two operands start an odd or an even number of cache lines
    // apart; every order sums the same terms into the same accumulators, so the result
    // has the same bits for every placement, and the same as the expression path under
    // the same tuning. Checked for this processor through `dot`, and for every family's
    // record through the kernels.
    std::vector<tuning> records = {tmath::arch::this_processor()};
    for (const auto f : tmath::arch::all_families) records.push_back(tuning_of(f));
    std::uint32_t seed = 23;
    for (std::size_t r = 0; r < records.size(); ++r) {
        const tuning& t = records[r];
        const bool public_dot = r == 0;
        const std::size_t line = t.cache_line / sizeof(T);
        const std::size_t l1 = short_length<T>(t), split = two_stream_length<T>(t);
        for (std::size_t n : {l1 - 1, l1 + 1, l1 + 16 * line + 5, split - 3, split + 1, split + 8 * line + 7}) {
            INFO((public_dot ? "tmath::dot, " : "") << t.family << ", n " << n);
            const random_dot_case<T> c(n, seed++);
            // Both operands in one aligned buffer, y placed 0 to 3 lines further on.
            tmath::tensor<T> buffer = tmath::zeros<T>({2 * n + 8 * line});
            std::optional<T> first;
            for (std::size_t shift = 0; shift < 4; ++shift) {
                CAPTURE(shift);
                T* px = buffer.data();
                T* py = buffer.data() + (n + line - 1) / line * line + shift * line;
                std::copy(c.x.begin(), c.x.end(), px);
                std::copy(c.y.begin(), c.y.end(), py);
                const auto tx = tmath::adapt(px, {n});
                const auto ty = tmath::adapt(py, {n});
                const T got = public_dot ? tmath::dot(tx, ty)
                                         : tmath::detail::dot_contiguous<T>(static_cast<std::ptrdiff_t>(n), px, py, t);
                CHECK(c.close(got));
                if (!first) first = got;
                CHECK(got == *first);
                if (tmath::simd::has_native_batch<T> && (test::public_paths_header_only || !public_dot)) {
                    CHECK(got == (public_dot ? tmath::dot(tx * T(1), ty) : tmath::detail::dot_general<T>(tx * T(1), ty, t)));
                    CHECK(got == tmath::detail::dot_general<T>(tx, ty, t));
                }
            }
        }
    }
}

TEST_CASE("dot: shape errors name both shapes", "[dot]") {
    using test::shape_error_message;
    CHECK(shape_error_message([] { (void)tmath::dot(tmath::zeros<float>({3}), tmath::zeros<float>({4})); }) ==
          "dot: shapes (3,) and (4,) are not aligned: 3 (dim 0) != 4 (dim 0)");
    CHECK_THAT(shape_error_message([] { (void)tmath::dot(tmath::zeros<float>({2, 2}), tmath::zeros<float>({2})); }),
               TMATH_CONTAINS("dot: shapes (2,2) and (2,)"));
}

TEMPLATE_TEST_CASE("seed properties: dot", "[seed][dot][properties]", float, double, std::int32_t, std::int64_t) {
    using T = TestType;
    test::rng g(4321);
    for (int trial = 0; trial < 20; ++trial) {
        const std::size_t k = 1 + g.below(40);
        CAPTURE(k);
        auto fill = [&](const shape& s) {  // random integers in [-8, 8]: every sum exact
            auto t = tmath::empty<T>(s);
            for (auto& x : t) x = static_cast<T>(g.unit_value<int>());
            return t;
        };
        // Commutative and distributive.
        const auto a = fill({k}), b = fill({k}), c = fill({k});
        CHECK(tmath::dot(a, b) == tmath::dot(b, a));
        CHECK(tmath::dot(a, b + c) == tmath::dot(a, b) + tmath::dot(a, c));
    }
}
