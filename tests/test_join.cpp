// concatenate, stack, split, take and take_along_axis, against plain reference loops and
// NumPy's answers (beside each case), and their errors.
#include "test_support.hpp"

#include <vector>

using tmath::_;
using tmath::all;
using tmath::range;
using tmath::view;

using test::message_of;
using test::shape_of;
using test::values;

TEST_CASE("concatenate joins tensors and views along an axis", "[join]") {
    const auto a = test::iota_tensor<float>({2, 3}, 0);
    const auto b = test::iota_tensor<float>({2, 2}, 5);
    auto c = tmath::concatenate({a, b}, 1);  // np.concatenate([a, b], axis=1)
    CHECK(shape_of(c) == test::shape{2, 5});
    for (std::size_t i = 0; i < 2; ++i) {
        for (std::size_t j = 0; j < 3; ++j) CHECK(c(i, j) == a(i, j));
        for (std::size_t j = 0; j < 2; ++j) CHECK(c(i, 3 + j) == b(i, j));
    }
    // tensors and strided views mixed in one braced list, along the first and last axis
    auto t = tmath::transpose(b);                                  // (2,2), strides (1,2)
    auto d = tmath::concatenate({a, view(a, range(_, _, -1)), t}, -1);
    CHECK(shape_of(d) == test::shape{2, 8});
    CHECK(d(1, 3) == a(0, 0));
    CHECK(d(0, 6) == b(0, 0));
    CHECK(d(0, 7) == b(1, 0));
    auto e = tmath::concatenate({a, a, view(a, 0, tmath::newaxis)});  // axis 0
    CHECK(shape_of(e) == test::shape{5, 3});
    CHECK(values(view(e, range(4, _))) == values(view(a, range(0, 1))));
    // a std::vector of views
    std::vector<tmath::tensor_view<const float>> parts = {view(a, all, range(0, 1)), view(a, all, range(1, _))};
    CHECK(values(tmath::concatenate(parts, 1)) == values(a));
    // empty pieces join too
    auto z = tmath::zeros<float>({2, 0});
    CHECK(values(tmath::concatenate({z, a, z}, 1)) == values(a));
}

TEST_CASE("concatenate and stack errors name every shape", "[join]") {
    const auto a = test::iota_tensor<int>({2, 3}, 0);
    const auto b = test::iota_tensor<int>({3, 3}, 0);
    const auto msg = message_of<tmath::shape_error>([&] { (void)tmath::concatenate({a, b}, 1); });
    CHECK_THAT(msg, TMATH_CONTAINS("concatenate: the shapes (2,3) and (3,3) differ outside axis 1"));
    CHECK_THROWS_AS(tmath::concatenate({a, view(a, 0)}), tmath::shape_error);
    CHECK_THROWS_AS(tmath::concatenate({a, b}, 2), tmath::index_error);
    CHECK_THROWS_AS(tmath::concatenate(std::vector<tmath::tensor<int>>{}), tmath::shape_error);
    CHECK_THAT(message_of<tmath::shape_error>([&] { (void)tmath::stack({a, b}); }),
               TMATH_CONTAINS("stack: all input tensors must have the same shape, got (2,3) and (3,3)"));
}

TEST_CASE("stack adds the new axis where asked", "[join]") {
    const auto a = test::iota_tensor<double>({2, 3}, 0);
    const auto b = test::iota_tensor<double>({2, 3}, 7);
    for (std::ptrdiff_t axis : {0, 1, 2, -1, -3}) {
        auto s = tmath::stack({a, b}, axis);
        const std::size_t ax = axis < 0 ? static_cast<std::size_t>(axis + 3) : static_cast<std::size_t>(axis);
        test::shape want = {2, 3};
        want.insert(want.begin() + static_cast<std::ptrdiff_t>(ax), 2);
        CHECK(shape_of(s) == want);
        for (std::size_t i = 0; i < 2; ++i)
            for (std::size_t j = 0; j < 3; ++j)
                for (std::size_t k = 0; k < 2; ++k) {
                    std::size_t idx[3];
                    std::size_t src[2] = {i, j};
                    for (std::size_t d = 0, s2 = 0; d < 3; ++d) idx[d] = d == ax ? k : src[s2++];
                    CHECK(s(idx[0], idx[1], idx[2]) == (k == 0 ? a(i, j) : b(i, j)));
                }
    }
}

TEST_CASE("concatenate and stack write into out (NumPy's out=)", "[join]") {
    const auto a = test::iota_tensor<float>({3, 4}, 0);
    const auto b = test::iota_tensor<float>({3, 2}, 5);
    const auto expected = tmath::concatenate({a, b}, 1);
    // into a tensor: np.concatenate([a, b], axis=1, out=c) returns c
    auto c = tmath::zeros<float>({3, 6});
    auto& r = tmath::concatenate({a, b}, 1, c);
    CHECK(&r == &c);
    CHECK(values(c) == values(expected));
    // into a strided view of a larger tensor (not row-major: through the assignment engine),
    // from a transposed operand; the rest of the tensor is untouched
    auto big = tmath::full<float>({3, 9}, -1.0f);
    auto bt = tmath::eval(tmath::transpose(b));  // (2,3)
    tmath::concatenate({a, tmath::transpose(bt)}, 1, view(big, all, range(1, 7)));
    CHECK(values(view(big, all, range(1, 7))) == values(expected));
    CHECK(values(view(big, all, 0)) == std::vector<float>{-1, -1, -1});
    CHECK(values(view(big, all, range(7, _))) == std::vector<float>(6, -1.0f));
    // a std::vector of operands, and stack
    std::vector<tmath::tensor<float>> parts = {a, a};
    auto s = tmath::zeros<float>({3, 2, 4});
    tmath::stack(parts, 1, s);
    CHECK(values(s) == values(tmath::stack({a, a}, 1)));
    auto s2 = tmath::zeros<float>({2, 3, 4});
    tmath::stack({a, view(a, range(_, _, -1))}, 0, s2);
    CHECK(values(s2) == values(tmath::stack({a, view(a, range(_, _, -1))}, 0)));
}

TEST_CASE("concatenate into an out that overlaps its operands reads them first", "[join]") {
    // x[:, :2], x[:, 2:] swapped into x itself: np.concatenate([x[:, 2:], x[:, :2]], 1, out=x)
    auto x = test::iota_tensor<int>({3, 4}, 0);
    const auto before = tmath::eval(x);
    tmath::concatenate({view(x, all, range(2, _)), view(x, all, range(_, 2))}, 1, x);
    for (std::size_t i = 0; i < 3; ++i)
        for (std::size_t j = 0; j < 4; ++j) CHECK(x(i, j) == before(i, (j + 2) % 4));
}

TEST_CASE("concatenate into an out of the wrong shape throws and writes nothing", "[join]") {
    const auto a = test::iota_tensor<double>({2, 3}, 0);
    auto out = tmath::full<double>({2, 5}, 7.0);
    const auto msg = message_of<tmath::shape_error>([&] { (void)tmath::concatenate({a, a}, 1, out); });
    CHECK_THAT(msg, TMATH_CONTAINS("concatenate: out has shape (2,5) but the result of (2,3) and (2,3) along axis 1 "
                                   "has shape (2,6)"));
    CHECK(values(out) == std::vector<double>(10, 7.0));
    CHECK_THROWS_AS(tmath::stack({a, a}, 0, out), tmath::shape_error);
    CHECK(values(out) == std::vector<double>(10, 7.0));
}

TEST_CASE("split gives views of equal sections or between indices", "[join]") {
    auto a = test::iota_tensor<int>({4, 6}, 0);
    auto parts = tmath::split(a, 3, 1);  // np.split(a, 3, axis=1)
    REQUIRE(parts.size() == 3);
    for (std::size_t p = 0; p < 3; ++p) {
        CHECK(shape_of(parts[p]) == test::shape{4, 2});
        CHECK(parts[p].data() == a.data() + 2 * p);
    }
    parts[2](3, 1) = 77;  // views write through
    CHECK(a(3, 5) == 77);
    auto [p0, p1, p2] = tmath::split<3>(a, 1);  // the same, as a std::array
    CHECK(p0.data() == a.data());
    CHECK(p1.data() == a.data() + 2);
    CHECK(values(p2) == values(parts[2]));
    CHECK_THROWS_AS(tmath::split<5>(a, 1), tmath::shape_error);
    auto at = tmath::split(a, {1, 3, -1, 10});  // np.split(a, [1, 3, -1, 10]) along axis 0
    REQUIRE(at.size() == 5);
    CHECK(at[0].shape()[0] == 1);
    CHECK(at[1].shape()[0] == 2);
    CHECK(at[2].shape()[0] == 0);  // a[3:-1] is empty
    CHECK(at[3].shape()[0] == 1);  // a[-1:10] is a[3:4]
    CHECK(at[4].shape()[0] == 0);
    CHECK_THAT(message_of<tmath::shape_error>([&] { (void)tmath::split(a, 4, 1); }),
               TMATH_CONTAINS("4 sections do not divide axis 1 of shape (4,6)"));
}

TEST_CASE("take picks sub-tensors along an axis, negative indices from the end", "[take]") {
    const auto a = test::iota_tensor<float>({3, 4, 2}, 1);
    const tmath::tensor<int> idx = {{2, -4}, {0, 3}};
    auto t = tmath::take(a, idx, 1);  // np.take(a, idx, axis=1): shape (3,2,2,2)
    CHECK(shape_of(t) == test::shape{3, 2, 2, 2});
    for (std::size_t i = 0; i < 3; ++i)
        for (std::size_t p = 0; p < 2; ++p)
            for (std::size_t q = 0; q < 2; ++q)
                for (std::size_t k = 0; k < 2; ++k) {
                    const int j = idx(p, q) < 0 ? idx(p, q) + 4 : idx(p, q);
                    CHECK(t(i, p, q, k) == a(i, static_cast<std::size_t>(j), k));
                }
    // from a transposed view, by a braced list, and flattened
    auto tt = tmath::take(tmath::transpose(a), {1, 0}, 0);
    CHECK(shape_of(tt) == test::shape{2, 4, 3});
    CHECK(tt(0, 2, 1) == a(1, 2, 1));
    const tmath::tensor<long long> flat_idx = {0, 23, -1, 5};
    CHECK(values(tmath::take(a, flat_idx)) == std::vector<float>{a(0, 0, 0), a(2, 3, 1), a(2, 3, 1), a(0, 2, 1)});
    CHECK(values(tmath::take(tmath::transpose(a), flat_idx)) ==
          std::vector<float>{a(0, 0, 0), a(2, 3, 1), a(2, 3, 1), a(2, 1, 0)});
    const auto msg = message_of<tmath::index_error>([&] { (void)tmath::take(a, {0, 4}, 1); });
    CHECK_THAT(msg, TMATH_CONTAINS("take: index 4 is out of bounds for axis 1 with size 4"));
    const tmath::tensor<unsigned> big = {7};
    CHECK_THROWS_AS(tmath::take(a, big, 0), tmath::index_error);
}

TEST_CASE("take_along_axis gathers one index per position", "[take]") {
    const auto a = test::iota_tensor<int>({3, 4}, 2);
    const tmath::tensor<long long> idx = {{3, 0}, {1, 1}, {-1, 2}};
    auto t = tmath::take_along_axis(a, idx, 1);  // np.take_along_axis(a, idx, axis=1)
    CHECK(shape_of(t) == test::shape{3, 2});
    for (std::size_t i = 0; i < 3; ++i)
        for (std::size_t j = 0; j < 2; ++j) {
            const long long k = idx(i, j) < 0 ? idx(i, j) + 4 : idx(i, j);
            CHECK(t(i, j) == a(i, static_cast<std::size_t>(k)));
        }
    // broadcasting off the axis: indices (1,4) against a (3,4) along axis 0
    const tmath::tensor<int> row = {{2, 0, 1, 2}};
    auto b = tmath::take_along_axis(a, row, 0);
    CHECK(shape_of(b) == test::shape{1, 4});
    CHECK(values(b) == std::vector<int>{a(2, 0), a(0, 1), a(1, 2), a(2, 3)});
    const tmath::tensor<int> bad = {{0, 5}};
    CHECK_THROWS_AS(tmath::take_along_axis(a, bad, 1), tmath::index_error);
    CHECK_THAT(message_of<tmath::shape_error>([&] { (void)tmath::take_along_axis(a, tmath::tensor<int>{1}, 0); }),
               TMATH_CONTAINS("same rank"));
}
