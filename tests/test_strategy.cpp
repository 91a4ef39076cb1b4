// choose_strategy is a pure function of the facts of an assignment and a tuning record:
// these tests pin down the strategy it picks for each combination of facts and for each
// processor family, then check that the facts computed from real destinations and
// expressions are the ones the choice expects, and that an assignment run with a given
// family's record writes the right values.
#include "catch.hpp"

#include <tmath/arch/processor.hpp>
#include <tmath/eval/assign.hpp>
#include <tmath/eval/strategy.hpp>
#include <tmath/simd/simd.hpp>
#include <tmath/tmath.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

using tmath::arch::family;
using tmath::arch::tuning_of;
using tmath::detail::assign_facts;
using tmath::detail::assign_strategy;
using tmath::detail::choose_strategy;

namespace {

/// The facts of a flat run of `n` elements of `bytes` bytes reading `operands` arrays,
/// destination of the same type, in a build with every feature.
assign_facts flat_run(std::size_t n, std::size_t bytes = 4, std::size_t operands = 2) {
    assign_facts f;
    f.flat = true;
    f.elements = n;
    f.operands = operands;
    f.value_bytes = bytes;
    f.destination_bytes = bytes;
    f.same_type = true;
    f.non_temporal_stores = true;
    f.half_width_batches = true;
    return f;
}

}  // namespace

TEST_CASE("strategy: products are written by their kernel or computed first", "[strategy]") {
    const auto t = tuning_of(family::generic);
    assign_facts f = flat_run(1000);
    f.holds_product = true;
    f.product_fits_destination = true;
    CHECK(choose_strategy(f, t) == assign_strategy::product_into_destination);
    f.product_fits_destination = false;  // a product inside an element-wise expression, or broadcast
    CHECK(choose_strategy(f, t) == assign_strategy::products_first);
    f.flat = false;  // the layout facts do not matter until the products are computed
    f.aliased = true;
    CHECK(choose_strategy(f, t) == assign_strategy::products_first);
    f.product_fits_destination = true;
    CHECK(choose_strategy(f, t) == assign_strategy::product_into_destination);
}

TEST_CASE("strategy: layouts that are not one flat run are planned, or go through a temporary", "[strategy]") {
    for (family fam : tmath::arch::all_families) {
        const auto t = tuning_of(fam);
        CAPTURE(t.family);
        assign_facts f = flat_run(std::size_t{1} << 24);  // large enough for every flat variant
        f.flat = false;
        CHECK(choose_strategy(f, t) == assign_strategy::planned);
        f.aliased = true;
        CHECK(choose_strategy(f, t) == assign_strategy::through_temporary);
        f.elements = 3;
        CHECK(choose_strategy(f, t) == assign_strategy::through_temporary);
        f.aliased = false;
        CHECK(choose_strategy(f, t) == assign_strategy::planned);
    }
}

TEST_CASE("strategy: flat runs take non-temporal stores from the tuning's streaming_bytes", "[strategy]") {
    for (family fam : tmath::arch::all_families) {
        const auto t = tuning_of(fam);
        CAPTURE(t.family);
        // Intel's AVX-512 table streams from TMATH_INTEL_STREAMING_BYTES, the others from TMATH_STREAMING_BYTES.
        const bool early = fam == family::intel && tmath::simd::vector_bytes >= 64;
        CHECK(t.streaming_bytes == (early ? TMATH_INTEL_STREAMING_BYTES : TMATH_STREAMING_BYTES));
        const std::size_t n = t.streaming_bytes / 4;  // floats: exactly the threshold
        CHECK(choose_strategy(flat_run(n), t) == assign_strategy::flat_non_temporal);
        CHECK(choose_strategy(flat_run(n - 1), t) != assign_strategy::flat_non_temporal);
        assign_facts f = flat_run(n);
        f.non_temporal_stores = false;  // a build without them
        CHECK(choose_strategy(f, t) != assign_strategy::flat_non_temporal);
        f = flat_run(n);
        f.same_type = false;  // a converting store
        f.destination_bytes = 8;
        CHECK(choose_strategy(f, t) == assign_strategy::flat);
        f = flat_run(n, 8);
        CHECK(choose_strategy(f, t) == assign_strategy::flat_non_temporal);
    }
}

TEST_CASE("strategy: half-width batches past the tuning's threshold, on the families that turn them on",
          "[strategy]") {
    for (family fam : tmath::arch::all_families) {
        const auto t = tuning_of(fam);
        CAPTURE(t.family);
        const bool on = t.half_width_bytes != tmath::arch::never;
        CHECK(on == (fam == family::intel));  // Intel's table turns them on, generic and Zen 4 do not
        CHECK(choose_strategy(flat_run(16), t) == assign_strategy::flat);
        if (!on) {
            CHECK(choose_strategy(flat_run(t.streaming_bytes / 4 - 1), t) == assign_strategy::flat);
            continue;
        }
        // Operands and destination together: (2 + 1) arrays of 4-byte elements.
        const std::size_t edge = t.half_width_bytes / (3 * 4);
        CHECK(choose_strategy(flat_run(edge), t) == assign_strategy::flat);
        CHECK(choose_strategy(flat_run(edge + 1), t) == assign_strategy::flat_half_width);
        // One operand: the run must be longer.
        CHECK(choose_strategy(flat_run(edge + 1, 4, 1), t) == assign_strategy::flat);
        CHECK(choose_strategy(flat_run(t.half_width_bytes / 8 + 1, 4, 1), t) == assign_strategy::flat_half_width);
        // Not where the expression cannot read half-width batches, nor across types.
        assign_facts f = flat_run(edge + 1);
        f.half_width_batches = false;
        CHECK(choose_strategy(f, t) == assign_strategy::flat);
        f = flat_run(edge + 1);
        f.same_type = false;
        CHECK(choose_strategy(f, t) == assign_strategy::flat);
        // Non-temporal stores take precedence once the destination reaches their size.
        CHECK(choose_strategy(flat_run(t.streaming_bytes / 4), t) == assign_strategy::flat_non_temporal);
        CHECK(choose_strategy(flat_run(t.streaming_bytes / 4 - 1), t) == assign_strategy::flat_half_width);
    }
}

TEST_CASE("strategy: a large float run in half-width batches on Intel, where the build has them", "[strategy]") {
    tmath::tensor<float> a = tmath::ones<float>({1 << 16}), b = tmath::ones<float>({1 << 16});
    using E = decltype(a * b);
    assign_facts f = tmath::detail::type_facts<float, E>();
    CHECK(f.half_width_batches == tmath::simd::has_half_batch);  // float has a native batch everywhere it has any
    f.elements = a.size();
    f.flat = true;
    const auto intel = choose_strategy(f, tuning_of(family::intel));
    CHECK(intel == (tmath::simd::has_half_batch ? assign_strategy::flat_half_width : assign_strategy::flat));
    CHECK(choose_strategy(f, tuning_of(family::generic)) == assign_strategy::flat);
    CHECK(choose_strategy(f, tuning_of(family::amd_zen4)) == assign_strategy::flat);
}

TEST_CASE("strategy: the facts the types decide", "[strategy]") {
    using tmath::detail::type_facts;
    tmath::tensor<float> a{1, 2}, b{3, 4};
    tmath::tensor<double> d{1, 2};
    tmath::tensor<std::int32_t> i{1, 2};
    tmath::tensor<float> m{{1, 2}, {3, 4}};

    constexpr assign_facts mul = type_facts<float, decltype(a * b + 1.0f)>();
    STATIC_REQUIRE(!mul.holds_product);
    STATIC_REQUIRE(mul.operands == 2);
    STATIC_REQUIRE(mul.value_bytes == 4);
    STATIC_REQUIRE(mul.destination_bytes == 4);
    STATIC_REQUIRE(mul.same_type);
    STATIC_REQUIRE(mul.non_temporal_stores == tmath::simd::has_stream_store<float>);
    STATIC_REQUIRE(mul.half_width_batches == tmath::simd::has_half_batch);
    STATIC_REQUIRE(!mul.flat);  // run-time facts are left to the caller
    STATIC_REQUIRE(mul.elements == 0);

    constexpr assign_facts widen = type_facts<double, decltype(a * b)>();
    STATIC_REQUIRE(!widen.same_type);
    STATIC_REQUIRE(widen.destination_bytes == 8);
    STATIC_REQUIRE(widen.value_bytes == 4);

    constexpr assign_facts mixed = type_facts<double, decltype(d * a)>();
    STATIC_REQUIRE(mixed.same_type);
    STATIC_REQUIRE(mixed.value_bytes == 8);
    STATIC_REQUIRE(!mixed.half_width_batches);  // a converted operand reads no half-width batch

    // Integer division goes lane by lane on full batches; a comparison yields masks.
    STATIC_REQUIRE(!type_facts<std::int32_t, decltype(i / i)>().half_width_batches);
    STATIC_REQUIRE(type_facts<std::int32_t, decltype(i * i)>().half_width_batches == tmath::simd::has_half_batch);
    STATIC_REQUIRE(!type_facts<float, decltype(tmath::where(a > b, a, b))>().half_width_batches);
    STATIC_REQUIRE(!type_facts<float, decltype(tmath::exp(a))>().half_width_batches);

    constexpr assign_facts prod = type_facts<float, decltype(tmath::matmul(m, m) + m)>();
    STATIC_REQUIRE(prod.holds_product);
    STATIC_REQUIRE(prod.operands == 1);
    STATIC_REQUIRE(!prod.half_width_batches);
}

TEST_CASE("strategy: the layout and aliasing facts of real destinations", "[strategy]") {
    using tmath::detail::all_contiguous_like;
    using tmath::detail::reads_destination_elsewhere;
    std::vector<float> mem(12);
    for (std::size_t k = 0; k < mem.size(); ++k) mem[k] = static_cast<float>(k);
    tmath::tensor<float> a = tmath::ones<float>({3, 4}), b = tmath::ones<float>({3, 4});
    tmath::tensor<float> row{1, 2, 3, 4};
    auto c = tmath::zeros<float>({3, 4});
    auto facts = [](auto& dst, const auto& e) {
        const std::span<const std::size_t> shape(dst.shape());
        const std::span<const std::ptrdiff_t> strides(dst.strides());
        const bool flat = all_contiguous_like(dst.data(), tmath::shape_size(shape), shape, strides, e);
        const bool aliased = !flat && reads_destination_elsewhere(dst.data(), shape, strides, e);
        return std::pair{flat, aliased};
    };
    using P = std::pair<bool, bool>;
    CHECK(facts(c, a * b) == P{true, false});
    CHECK(facts(c, c * b) == P{true, false});              // the destination itself, read in place
    CHECK(facts(c, a * row) == P{false, false});           // a broadcast operand: planned
    CHECK(facts(c, c * row) == P{false, false});           // in place with the same index mapping
    CHECK(facts(c, tmath::transpose(tmath::transpose(c)) + 1.0f) == P{true, false});
    auto sq = tmath::zeros<float>({4, 4});
    CHECK(facts(sq, tmath::transpose(sq) * 2.0f) == P{false, true});  // reads the destination transposed

    // Views of one buffer: apart, the same, or shifted by one element.
    auto head = tmath::adapt(mem.data(), {6});
    auto tail = tmath::adapt(mem.data() + 6, {6});
    auto shifted = tmath::adapt(mem.data() + 1, {6});
    CHECK(facts(head, tail * 2.0f) == P{true, false});
    CHECK(facts(head, head * 2.0f) == P{true, false});
    CHECK(facts(head, shifted * 2.0f) == P{false, true});
    // A strided destination is never flat; apart from its operands it is planned.
    auto every_other = tmath::adapt(mem.data(), {6}, {2});
    tmath::tensor<float> six{1, 2, 3, 4, 5, 6};
    CHECK(facts(every_other, six * 2.0f) == P{false, false});
}

TEST_CASE("strategy: tuning_for looks this processor's record up only where a threshold is read", "[strategy]") {
    using tmath::detail::processor_tuning;
    using tmath::detail::tuning_for;
    tmath::tensor<float> a{1, 2};
    using E = decltype(a * a);
    const auto& same = tuning_for<float, E>(processor_tuning{});
    if constexpr (tmath::simd::has_half_batch)
        CHECK(&same == &tmath::arch::this_processor());
    else
        CHECK(&same == &tmath::detail::stand_in_tuning);
    CHECK(&tuning_for<double, E>(processor_tuning{}) == &tmath::detail::stand_in_tuning);  // converting: no half-width
    const auto intel = tuning_of(family::intel);
    CHECK(&tuning_for<float, E>(intel) == &intel);
    CHECK(&tuning_for<float, E>(std::cref(intel)) == &intel);
}

TEMPLATE_TEST_CASE("strategy: each family's flat strategies write the same values", "[strategy]", float, double,
                   std::int32_t, std::int64_t) {
    using T = TestType;
    // Past TMATH_HALF_WIDTH_BYTES with two operands, plus a tail: Intel's half-width loop
    // in builds with half-width batches.
    const std::size_t n = TMATH_HALF_WIDTH_BYTES / sizeof(T) + 2 * tmath::simd::width<T> + 3;
    auto a = tmath::empty<T>({n});
    auto b = tmath::empty<T>({n});
    for (std::size_t k = 0; k < n; ++k) {
        a(k) = static_cast<T>(static_cast<int>(k % 29) - 14);
        b(k) = static_cast<T>(static_cast<int>(k % 13) + 1);
    }
    for (family fam : tmath::arch::all_families) {
        const auto t = tuning_of(fam);
        CAPTURE(t.family);
        auto c = tmath::zeros<T>({n});
        tmath::detail::assign_into_tensor(c.data(), c.size(), c.shape().span(), c.strides().span(), a * b - b, t);
        bool ok = true;
        for (std::size_t k = 0; k < n; ++k) ok = ok && c(k) == static_cast<T>(a(k) * b(k) - b(k));
        CHECK(ok);
        // The general entry point, into a view with an unaligned start.
        std::vector<T> out(n + 1, T(-1));
        auto v = tmath::adapt(out.data() + 1, {n});
        tmath::detail::assign_into(v.data(), v.shape().span(), v.strides().span(), -a + b, t);
        ok = out[0] == T(-1);
        for (std::size_t k = 0; k < n; ++k) ok = ok && out[k + 1] == static_cast<T>(-a(k) + b(k));
        CHECK(ok);
    }
}
