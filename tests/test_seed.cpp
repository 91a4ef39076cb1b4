// The worked examples of ../shared/reference/seed-cases.md, with exact results.
#include "catch.hpp"

#include <tmath/tmath.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <vector>

TEMPLATE_TEST_CASE("seed: Hadamard product of matrices", "[seed]", float, double, std::int32_t, std::int64_t) {
    tmath::tensor<TestType> a = {{1, 2}, {3, 4}};
    tmath::tensor<TestType> b = {{5, 6}, {7, 8}};
    tmath::tensor<TestType> h = a * b;
    REQUIRE(h.shape() == std::vector<std::size_t>{2, 2});
    CHECK(h(0, 0) == 5);
    CHECK(h(0, 1) == 12);
    CHECK(h(1, 0) == 21);
    CHECK(h(1, 1) == 32);
    tmath::tensor<TestType> g = tmath::hadamard(a, b);
    CHECK(std::equal(g.begin(), g.end(), h.begin(), h.end()));
}

TEMPLATE_TEST_CASE("seed: Hadamard product of vectors", "[seed]", float, double, std::int32_t, std::int64_t) {
    tmath::tensor<TestType> a = {1, 2, 3};
    tmath::tensor<TestType> b = {4, 5, 6};
    tmath::tensor<TestType> h = a * b;
    REQUIRE(h.shape() == std::vector<std::size_t>{3});
    CHECK(h(0) == 4);
    CHECK(h(1) == 10);
    CHECK(h(2) == 18);
}

TEMPLATE_TEST_CASE("seed: scalar broadcast", "[seed]", float, double, std::int32_t, std::int64_t) {
    tmath::tensor<TestType> a = {{1, 2}, {3, 4}};
    tmath::tensor<TestType> left = 2 * a;
    tmath::tensor<TestType> right = a * 2;
    const TestType expect[] = {2, 4, 6, 8};
    CHECK(std::equal(left.begin(), left.end(), std::begin(expect), std::end(expect)));
    CHECK(std::equal(right.begin(), right.end(), std::begin(expect), std::end(expect)));
}

TEMPLATE_TEST_CASE("seed: vector broadcast", "[seed]", float, double, std::int32_t, std::int64_t) {
    tmath::tensor<TestType> x = {{1, 2, 3}, {4, 5, 6}};
    tmath::tensor<TestType> y = x * tmath::tensor<TestType>{10, 20, 30};
    REQUIRE(y.shape() == std::vector<std::size_t>{2, 3});
    const TestType expect[] = {10, 40, 90, 40, 100, 180};
    CHECK(std::equal(y.begin(), y.end(), std::begin(expect), std::end(expect)));
}

TEMPLATE_TEST_CASE("seed: dot and matmul", "[seed][dot][matmul]", float, double, std::int32_t, std::int64_t) {
    using T = TestType;
    const tmath::tensor<T> a = {1, 2, 3};
    const tmath::tensor<T> b = {4, 5, 6};
    CHECK(tmath::dot(a, b) == T(32));
    const tmath::tensor<T> A = {{1, 2}, {3, 4}};
    const tmath::tensor<T> B = {{5, 6}, {7, 8}};
    const tmath::tensor<T> M = tmath::matmul(A, B);
    CHECK(M.shape() == std::vector<std::size_t>{2, 2});
    CHECK(M(0, 0) == T(19));
    CHECK(M(0, 1) == T(22));
    CHECK(M(1, 0) == T(43));
    CHECK(M(1, 1) == T(50));
}
