// Exception safety and bad sizes: every assignment form that fails its shape check
// leaves its destination (a tensor, a view, a transposed view, a strided view) bit for
// bit unchanged; element counts and byte sizes that overflow throw shape_error naming
// the shape; bad axes and permutations throw naming the axis and the rank.
// (std::bad_alloc propagation is in test_allocation.cpp, which owns operator new.)
#include "catch.hpp"
#include "test_support.hpp"

#include <tmath/tmath.hpp>

#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

namespace {

/// The bytes of `n` elements at `p`.
template <class T>
std::vector<unsigned char> bytes_of(const T* p, std::size_t n) {
    std::vector<unsigned char> b(n * sizeof(T));
    if (n != 0) std::memcpy(b.data(), p, b.size());
    return b;
}

/// The message of the exception `f()` throws, prefixed by its kind, or "<no exception>".
template <class F>
std::string error_of(F&& f) {
    try {
        f();
    } catch (const tmath::shape_error& e) {
        return std::string("shape_error: ") + e.what();
    } catch (const std::out_of_range& e) {
        return std::string("out_of_range: ") + e.what();
    } catch (const std::invalid_argument& e) {
        return std::string("invalid_argument: ") + e.what();
    }
    return "<no exception>";
}

/// Applies every failing assignment form to `d` (of shape (2,3)); after each one the
/// memory `mem` (n elements) behind `d` must hold exactly what it held before.
/// `view_forms` adds the forms where a tensor would resize instead of failing.
template <class T, class D>
void check_failed_forms_leave(D& d, const T* mem, std::size_t n, bool view_forms) {
    const std::vector<unsigned char> before = bytes_of(mem, n);
    const std::vector<std::size_t> shape_before(d.shape().begin(), d.shape().end());
    const auto row4 = tmath::ones<T>({4});         // does not broadcast with (2,3)
    const auto grow = tmath::ones<T>({2, 2, 3});   // broadcasts, but to a larger shape
    const auto col3 = tmath::ones<T>({3, 1});      // (3,1) and (2,3) do not broadcast
    const auto m23 = tmath::ones<T>({2, 3});
    const auto m34 = tmath::ones<T>({3, 4});       // matmul(m23, m34) is (2,4)
    const auto m32 = tmath::ones<T>({3, 2});
    int form = 0;
    const auto fails = [&](auto&& f) {
        ++form;
        INFO("failing form " << form);
        CHECK(error_of(f).rfind("shape_error: ", 0) == 0);
        CHECK(bytes_of(mem, n) == before);
        CHECK(std::vector<std::size_t>(d.shape().begin(), d.shape().end()) == shape_before);
    };
    fails([&] { d = row4 * m23; });
    fails([&] { d += grow; });
    fails([&] { d -= grow; });
    fails([&] { d *= grow; });
    fails([&] { d /= grow; });
    fails([&] { d += row4; });
    fails([&] { d -= row4 * T(2); });
    fails([&] { d *= col3 + T(1); });
    fails([&] { d /= -row4; });
    fails([&] { d += tmath::matmul(m23, m34); });
    fails([&] { d -= tmath::matmul(m23, m34); });
    fails([&] { d += T(2) * tmath::matmul(m23, m34); });
    fails([&] { d *= tmath::matmul(m23, m34); });
    fails([&] { d += tmath::matmul(m23, m23); });  // the product itself fails
    fails([&] { tmath::matmul(m23, m34, d); });
    fails([&] { tmath::matmul(m32, m23, d); });  // (3,3) into (2,3)
    fails([&] { tmath::matmul(m23, m23, d); });
    if (view_forms) {
        fails([&] { d = grow; });
        fails([&] { d = row4; });
        fails([&] { d = col3 * T(2); });
        fails([&] { d = tmath::matmul(m23, m34); });
        fails([&] { d = T(3) * tmath::matmul(m32, m23); });
        fails([&] { d = tmath::transpose(m23); });  // a (3,2) view
        T one = T(1);
        const std::size_t big = std::size_t(1) << 32;
        const auto rows = tmath::adapt(&one, {big, 1}, {0, 0});
        const auto cols = tmath::adapt(&one, {1, big}, {0, 0});
        fails([&] { d = rows * cols; });  // the broadcast element count overflows
    }
}

}  // namespace

TEMPLATE_TEST_CASE("every failed assignment form leaves a tensor unchanged", "[exception_safety]", float, double,
                   std::int32_t, std::int64_t) {
    using T = TestType;
    tmath::tensor<T> t = {{1, 2, 3}, {4, 5, 6}};
    const T* storage = t.data();
    check_failed_forms_leave<T>(t, t.data(), t.size(), false);
    CHECK(t.data() == storage);
    // Resizing forms whose right side fails keep the old storage too.
    T one = T(1);
    const std::size_t big = std::size_t(1) << 32;
    CHECK_THROWS_AS(t = tmath::adapt(&one, {big, 1}, {0, 0}) * tmath::adapt(&one, {1, big}, {0, 0}), tmath::shape_error);
    CHECK_THROWS_AS(t = tmath::matmul(tmath::ones<T>({2, 3}), tmath::ones<T>({2, 3})), tmath::shape_error);
    CHECK(t.data() == storage);
    CHECK(test::mismatch(t, {2, 3}, std::vector<T>{1, 2, 3, 4, 5, 6}) == "");
}

TEMPLATE_TEST_CASE("every failed assignment form leaves a view unchanged", "[exception_safety]", float, std::int64_t) {
    using T = TestType;
    SECTION("contiguous view") {
        std::vector<T> mem = {1, 2, 3, 4, 5, 6};
        auto v = tmath::adapt(mem.data(), {2, 3});
        check_failed_forms_leave<T>(v, mem.data(), mem.size(), true);
    }
    SECTION("transposed view") {
        tmath::tensor<T> base = {{1, 2}, {3, 4}, {5, 6}};
        auto v = tmath::transpose(base);
        check_failed_forms_leave<T>(v, base.data(), base.size(), true);
    }
    SECTION("strided view with a negative step") {
        std::vector<T> mem = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        auto v = tmath::adapt(mem.data() + 10, {2, 3}, {-6, -2});  // rows backwards, every other column
        check_failed_forms_leave<T>(v, mem.data(), mem.size(), true);
    }
    SECTION("swapaxes view of a 3-D tensor") {
        auto base = tmath::full<T>({3, 1, 2}, T(7));
        auto v3 = tmath::swapaxes(base, 0, 2);  // (2,1,3)
        auto v = tmath::adapt(v3.data(), {2, 3}, {v3.strides()[0], v3.strides()[2]});
        check_failed_forms_leave<T>(v, base.data(), base.size(), true);
    }
}

TEST_CASE("element counts and byte sizes that overflow throw shape_error naming the shape", "[exception_safety]") {
    const std::size_t big = std::size_t(1) << 40;
    // The count itself overflows size_t.
    CHECK_THAT(test::shape_error_message([&] { (void)tmath::zeros<float>({big, big}); }),
               TMATH_CONTAINS("(1099511627776,1099511627776)"));
    // A zero extent does not excuse the others, as in NumPy: np.empty((2**40, 2**40, 0, 7))
    // raises "array is too big", np.empty((2**20, 2**20, 0, 7)) is empty.
    CHECK_THAT(test::shape_error_message([&] { (void)tmath::empty<double>(std::vector<std::size_t>{big, big, 0, 7}); }),
               TMATH_CONTAINS("(1099511627776,1099511627776,0,7)"));
    const std::size_t mega = std::size_t(1) << 20;
    CHECK(tmath::empty<double>(std::vector<std::size_t>{mega, mega, 0, 7}).size() == 0);
    // The count fits, the bytes do not: 2^62 elements of 8 bytes would wrap to 0.
    const std::size_t quarter = std::size_t(1) << 62;
    const std::string wrap = test::shape_error_message([&] { (void)tmath::empty<std::int64_t>({quarter}); });
    CHECK_THAT(wrap, TMATH_CONTAINS("tensor"));
    CHECK_THAT(wrap, TMATH_CONTAINS("(4611686018427387904,)"));
    CHECK_THAT(test::shape_error_message([&] { (void)tmath::full<double>({std::size_t(1) << 61, 2}, 1.0); }),
               TMATH_CONTAINS("(2305843009213693952,2)"));
    // SIZE_MAX / 2 + 1 elements of one byte: the count exceeds PTRDIFF_MAX.
    const std::size_t half = std::numeric_limits<std::size_t>::max() / 2 + 1;
    CHECK_THROWS_AS(tmath::empty<std::int8_t>({half}), tmath::shape_error);
    // The broadcast result of two stride-0 views, materialized.
    float one = 1.0f;
    const auto rows = tmath::adapt(&one, {big, 1}, {0, 0});
    const auto cols = tmath::adapt(&one, {1, big}, {0, 0});
    CHECK_THAT(test::shape_error_message([&] { (void)tmath::eval(rows * cols); }),
               TMATH_CONTAINS("(1099511627776,1099511627776)"));
    // The product of (2^40, 1) and (1, 2^40) views has 2^80 elements.
    CHECK_THAT(test::shape_error_message([&] { (void)tmath::matmul(rows, cols); }), TMATH_CONTAINS("matmul"));
    // adapt refuses a shape whose count overflows.
    CHECK_THROWS_AS(tmath::adapt(&one, {big, big}), tmath::shape_error);
}

TEST_CASE("bad axes and permutations name the axis and the rank", "[exception_safety]") {
    auto x = tmath::zeros<float>({2, 3, 4});
    CHECK(error_of([&] { (void)tmath::transpose(x, {0, 1, 1}); }) ==
          "invalid_argument: transpose: repeated axis 1 in a permutation for rank 3");
    CHECK(error_of([&] { (void)tmath::transpose(x, {0, -2, 1}); }) ==
          "invalid_argument: transpose: repeated axis 1 in a permutation for rank 3");
    CHECK(error_of([&] { (void)tmath::transpose(x, {0, 1, 3}); }) ==
          "out_of_range: transpose: axis 3 is out of bounds for rank 3");
    CHECK(error_of([&] { (void)tmath::transpose(x, {-4, 1, 2}); }) ==
          "out_of_range: transpose: axis -4 is out of bounds for rank 3");
    CHECK(error_of([&] { (void)tmath::transpose(x, {0, 1}); }) ==
          "invalid_argument: transpose: axes don't match array: got 2 axes for rank 3");
    CHECK(error_of([&] { (void)tmath::swapaxes(x, 0, 3); }) ==
          "out_of_range: swapaxes: axis 3 is out of bounds for rank 3");
    CHECK(error_of([&] { (void)tmath::swapaxes(x, -4, 0); }) ==
          "out_of_range: swapaxes: axis -4 is out of bounds for rank 3");
    CHECK(error_of([&] { (void)tmath::sum(x, 3); }) == "out_of_range: sum: axis 3 is out of bounds for array of dimension 3");
    CHECK(error_of([&] { (void)tmath::max(x, {0, -3}); }) ==
          "invalid_argument: max: duplicate value in 'axis': -3 for array of dimension 3");
    CHECK(error_of([&] { (void)tmath::mean(x, std::vector<int>{-4}); }) ==
          "out_of_range: mean: axis -4 is out of bounds for array of dimension 3");
    CHECK(error_of([&] { (void)tmath::softmax(x, 3); }) ==
          "out_of_range: softmax: axis 3 is out of bounds for array of dimension 3");
    CHECK(error_of([&] { (void)tmath::log_softmax(x, -4); }) ==
          "out_of_range: log_softmax: axis -4 is out of bounds for array of dimension 3");
    const auto s = tmath::full<float>({}, 1.0f);
    CHECK(error_of([&] { (void)tmath::softmax(s, 0); }) ==
          "out_of_range: softmax: axis 0 is out of bounds for array of dimension 0");
}

TEST_CASE("a compound assignment that would grow names the right side's own shape", "[exception_safety]") {
    auto t = tmath::zeros<float>({3, 1});
    CHECK(test::shape_error_message([&] { t += tmath::ones<float>({1, 4}); }) ==
          "add: output operand with shape (3,1) doesn't match the broadcast shape (3,4) of (3,1) and (1,4)");
    CHECK(test::shape_error_message([&] { t -= tmath::matmul(tmath::ones<float>({2, 3}), tmath::ones<float>({3, 1})); }) ==
          "subtract: operands could not be broadcast together with shapes (3,1) and (2,1)");
    CHECK(test::shape_error_message([&] { t *= tmath::matmul(tmath::ones<float>({2, 3, 3}), tmath::ones<float>({3, 1})); }) ==
          "multiply: output operand with shape (3,1) doesn't match the broadcast shape (2,3,1) of (3,1) and (2,3,1)");
}
