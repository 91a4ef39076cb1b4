// reshape, ravel, squeeze, expand_dims, moveaxis and broadcast_to: view or copy as NumPy
// decides, shapes and strides, and the errors (NumPy's answers beside each case).
#include "test_support.hpp"

#include <vector>

using tmath::_;
using tmath::all;
using tmath::range;
using tmath::view;

using test::message_of;
using test::shape_of;
using test::values;

TEST_CASE("reshape of a tensor is a view of its memory, -1 inferred", "[reshape]") {
    auto a = test::iota_tensor<int>({2, 3, 4}, 0);
    auto r = tmath::reshape(a, {4, -1});
    static_assert(std::is_same_v<decltype(r), tmath::tensor_view<int>>);
    CHECK(shape_of(r) == test::shape{4, 6});
    CHECK(r.data() == a.data());
    CHECK(values(r) == values(a));
    r(3, 5) = 100;  // writes through
    CHECK(a(1, 2, 3) == 100);
    CHECK(shape_of(tmath::reshape(a, std::vector<std::size_t>{24})) == test::shape{24});
    CHECK(shape_of(tmath::reshape(a, {1, 2, 1, 12, 1})) == test::shape{1, 2, 1, 12, 1});
    CHECK(shape_of(tmath::ravel(a)) == test::shape{24});
    const std::size_t rows = 6, cols = 4;  // sizes held in std::size_t variables
    CHECK(shape_of(tmath::reshape(a, {rows, cols})) == test::shape{6, 4});
    const auto e = tmath::zeros<float>({0, 3});
    CHECK(shape_of(tmath::reshape(e, {3, 0})) == test::shape{3, 0});
    CHECK(shape_of(tmath::reshape(e, {-1, 5})) == test::shape{0, 5});
}

TEST_CASE("reshape of a strided view: a view when the strides allow it", "[reshape]") {
    auto a = test::iota_tensor<double>({4, 6}, 1);
    // a[:, ::2] is (4,3) with strides (6,2): splitting its last axis keeps a view
    auto v = view(a, all, range(_, _, 2));
    auto r = tmath::reshape(v, {4, 3, 1});
    CHECK(r.strides() == std::vector<std::ptrdiff_t>{6, 2, 2});
    CHECK(values(r) == values(v));
    // merging rows of a[1:3] (contiguous rows) is a view
    auto rows = tmath::reshape(view(a, range(1, 3)), {-1});
    CHECK(rows.data() == &a(1, 0));
    CHECK(values(rows) == values(view(a, range(1, 3))));
    // a transpose split along one axis is a view; merged across axes it needs a copy
    auto t = tmath::transpose(a);  // (6,4) strides (1,6)
    auto split_t = tmath::reshape(t, {2, 3, 4});
    CHECK(split_t.strides() == std::vector<std::ptrdiff_t>{3, 1, 6});
    CHECK(values(split_t) == values(t));
    const auto msg = message_of<tmath::shape_error>([&] { (void)tmath::reshape(t, {24}); });
    CHECK_THAT(msg, TMATH_CONTAINS("shape (6,4) and strides (1,6)"));
    CHECK_THAT(msg, TMATH_CONTAINS("evaluate it first"));
    auto every_other = tmath::ravel(view(a, all, range(_, _, 2)));  // one stride, 2, throughout
    CHECK(every_other.strides() == std::vector<std::ptrdiff_t>{2});
    CHECK(values(every_other) == values(view(a, all, range(_, _, 2))));
    CHECK_THROWS_AS(tmath::ravel(view(a, all, range(_, 3))), tmath::shape_error);
    // evaluated, it reshapes (a new tensor)
    auto copied = tmath::reshape(tmath::eval(t), {24});
    static_assert(std::is_same_v<decltype(copied), tmath::tensor<double>>);
    CHECK(values(copied) == values(t));
}

TEST_CASE("reshape of an expression or a temporary tensor gives a tensor", "[reshape]") {
    const auto a = test::iota_tensor<float>({2, 6}, 2);
    auto r = tmath::reshape(a * 2.0f + 1.0f, {3, 4});
    static_assert(std::is_same_v<decltype(r), tmath::tensor<float>>);
    std::vector<float> want;
    for (float x : a) want.push_back(x * 2.0f + 1.0f);
    CHECK(shape_of(r) == test::shape{3, 4});
    CHECK(values(r) == want);
    auto t = test::iota_tensor<float>({12}, 0);
    const float* storage = t.data();
    auto moved = tmath::reshape(std::move(t), {2, 2, 3});
    CHECK(moved.data() == storage);  // the temporary's storage is reused
    CHECK(shape_of(moved) == test::shape{2, 2, 3});
}

TEST_CASE("reshape errors name both shapes", "[reshape]") {
    auto a = test::iota_tensor<int>({2, 3}, 0);
    CHECK_THAT(message_of<tmath::shape_error>([&] { (void)tmath::reshape(a, {4, 2}); }),
               TMATH_CONTAINS("cannot reshape shape (2,3) of 6 elements into shape (4,2)"));
    CHECK_THAT(message_of<tmath::shape_error>([&] { (void)tmath::reshape(a, {4, -1}); }),
               TMATH_CONTAINS("into shape (4,-1)"));
    CHECK_THAT(message_of<tmath::shape_error>([&] { (void)tmath::reshape(a, {-1, -1}); }),
               TMATH_CONTAINS("only specify one unknown dimension"));
    CHECK_THAT(message_of<tmath::shape_error>([&] { (void)tmath::reshape(a, {-2, -3}); }),
               TMATH_CONTAINS("negative dimension -2"));
    const auto e = tmath::zeros<int>({0, 4});
    CHECK_THROWS_AS(tmath::reshape(e, {0, -1}), tmath::shape_error);  // numpy: can't infer from 0
}

TEST_CASE("squeeze, expand_dims and moveaxis are views with NumPy's rules", "[reshape]") {
    auto a = test::iota_tensor<int>({1, 3, 1, 2}, 0);
    CHECK(shape_of(tmath::squeeze(a)) == test::shape{3, 2});
    CHECK(shape_of(tmath::squeeze(a, 2)) == test::shape{1, 3, 2});
    CHECK(shape_of(tmath::squeeze(a, {0, -2})) == test::shape{3, 2});
    CHECK(values(tmath::squeeze(a)) == values(a));
    CHECK_THAT(message_of<tmath::shape_error>([&] { (void)tmath::squeeze(a, 1); }),
               TMATH_CONTAINS("axis 1 of shape (1,3,1,2)"));
    CHECK_THROWS_AS(tmath::squeeze(a, 4), tmath::index_error);

    auto b = test::iota_tensor<float>({3, 4}, 5);
    CHECK(shape_of(tmath::expand_dims(b, 0)) == test::shape{1, 3, 4});
    CHECK(shape_of(tmath::expand_dims(b, -1)) == test::shape{3, 4, 1});
    CHECK(shape_of(tmath::expand_dims(b, {0, 3})) == test::shape{1, 3, 4, 1});
    CHECK(shape_of(tmath::expand_dims(b, {-1, 1})) == test::shape{3, 1, 4, 1});
    CHECK(values(tmath::expand_dims(b, 1)) == values(b));
    CHECK_THROWS_AS(tmath::expand_dims(b, 3), tmath::index_error);
    CHECK_THAT(message_of<tmath::shape_error>([&] { (void)tmath::expand_dims(b, {1, 1}); }),
               TMATH_CONTAINS("repeated axis"));

    auto c = test::iota_tensor<double>({2, 3, 4, 5}, 1);
    auto m = tmath::moveaxis(c, 0, -1);  // numpy: (3,4,5,2)
    CHECK(shape_of(m) == test::shape{3, 4, 5, 2});
    CHECK(m(2, 1, 4, 1) == c(1, 2, 1, 4));
    CHECK(shape_of(tmath::moveaxis(c, -1, 1)) == test::shape{2, 5, 3, 4});
    CHECK(shape_of(tmath::moveaxis(c, {0, 1}, {-1, -2})) == test::shape{4, 5, 3, 2});
    CHECK(shape_of(tmath::moveaxis(c, {3, 0}, {0, 2})) == test::shape{5, 3, 2, 4});
    CHECK_THROWS_AS(tmath::moveaxis(c, {0, 0}, {1, 2}), tmath::shape_error);
    CHECK_THROWS_AS(tmath::moveaxis(c, {0}, {1, 2}), tmath::shape_error);
}

TEST_CASE("broadcast_to is a read-only view with zero strides", "[reshape]") {
    const auto a = test::iota_tensor<int>({3, 1}, 0);
    auto b = tmath::broadcast_to(a, {2, 3, 4});
    static_assert(std::is_same_v<decltype(b), tmath::tensor_view<const int>>);
    CHECK(shape_of(b) == test::shape{2, 3, 4});
    CHECK(b.strides() == std::vector<std::ptrdiff_t>{0, 1, 0});
    for (std::size_t i = 0; i < 2; ++i)
        for (std::size_t j = 0; j < 3; ++j)
            for (std::size_t k = 0; k < 4; ++k) CHECK(b(i, j, k) == a(j, 0));
    tmath::tensor<int> sum = b + 1;  // usable as an operand
    CHECK(sum(1, 2, 3) == a(2, 0) + 1);
    const auto msg = message_of<tmath::shape_error>([&] { (void)tmath::broadcast_to(a, {3, 2, 2}); });
    CHECK_THAT(msg, TMATH_CONTAINS("cannot broadcast shape (3,1) to shape (3,2,2)"));
    CHECK_THROWS_AS(tmath::broadcast_to(a, {3}), tmath::shape_error);
    CHECK(shape_of(tmath::broadcast_to(a, {3, 0})) == test::shape{3, 0});
}
