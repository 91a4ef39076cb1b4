// Basic slicing (`view` with integer, range, all, newaxis and ellipsis specs, at compile
// time and at run time), assignment through views (overlap included) and iteration of
// views as ranges. Known answers are NumPy's (commented beside each case).
#include "test_support.hpp"

#include <numeric>
#include <ranges>
#include <vector>

using tmath::_;
using tmath::all;
using tmath::ellipsis;
using tmath::newaxis;
using tmath::range;
using tmath::view;

using test::message_of;
using test::shape_of;
using test::values;

TEST_CASE("view: integer specs pick an index and drop the dimension", "[slicing]") {
    const auto a = test::iota_tensor<int>({3, 4}, 0);  // values v[k], k = 4 i + j
    auto row = view(a, 1);                              // a[1]
    CHECK(shape_of(row) == test::shape{4});
    CHECK(values(row) == std::vector<int>{a(1, 0), a(1, 1), a(1, 2), a(1, 3)});
    auto last = view(a, -1, -2);  // a[-1, -2]
    CHECK(shape_of(last).empty());
    CHECK(*last.data() == a(2, 2));
    auto col = view(a, all, 3);  // a[:, 3]
    CHECK(values(col) == std::vector<int>{a(0, 3), a(1, 3), a(2, 3)});
    static_assert(std::is_same_v<decltype(row), tmath::tensor_view<const int>>, "const in, const out");
}

TEST_CASE("view: ranges follow NumPy's clipping, negative steps and empty results", "[slicing]") {
    const auto a = test::iota_tensor<int>({10}, 3);
    const std::vector<int> v = values(a);
    const auto pick = [&](std::initializer_list<int> idx) {
        std::vector<int> r;
        for (int i : idx) r.push_back(v[static_cast<std::size_t>(i)]);
        return r;
    };
    CHECK(values(view(a, range(2, 5))) == pick({2, 3, 4}));               // a[2:5]
    CHECK(values(view(a, range(_, _, 3))) == pick({0, 3, 6, 9}));         // a[::3]
    CHECK(values(view(a, range(1, _))) == pick({1, 2, 3, 4, 5, 6, 7, 8, 9}));
    CHECK(values(view(a, range(_, -7))) == pick({0, 1, 2}));              // a[:-7]
    CHECK(values(view(a, range(_, _, -1))) == pick({9, 8, 7, 6, 5, 4, 3, 2, 1, 0}));
    CHECK(values(view(a, range(8, 2, -2))) == pick({8, 6, 4}));           // a[8:2:-2]
    CHECK(values(view(a, range(-3, _, -4))) == pick({7, 3}));             // a[-3::-4]
    CHECK(values(view(a, range(-100, 3))) == pick({0, 1, 2}));            // clipped low
    CHECK(values(view(a, range(7, 100))) == pick({7, 8, 9}));             // clipped high
    CHECK(values(view(a, range(100, -100, -3))) == pick({9, 6, 3, 0}));   // a[100:-100:-3]
    CHECK(view(a, range(5, 2)).size() == 0);                              // a[5:2]
    CHECK(view(a, range(2, 5, -1)).size() == 0);                          // a[2:5:-1]
    CHECK(view(a, range(10, _)).size() == 0);                             // a[10:]
    CHECK(view(a, range(_, _, 1000)).size() == 1);
    const auto e = view(a, range(3, 3));
    CHECK(shape_of(e) == test::shape{0});
    CHECK(std::ranges::distance(e) == 0);
}

TEST_CASE("view: newaxis, ellipsis and missing specs", "[slicing]") {
    const auto a = test::iota_tensor<float>({2, 3, 4}, 1);
    CHECK(shape_of(view(a, newaxis)) == test::shape{1, 2, 3, 4});               // a[None]
    CHECK(shape_of(view(a, all, newaxis, 1)) == test::shape{2, 1, 4});          // a[:, None, 1]
    CHECK(shape_of(view(a, ellipsis, 0)) == test::shape{2, 3});                 // a[..., 0]
    CHECK(shape_of(view(a, 1, ellipsis)) == test::shape{3, 4});                 // a[1, ...]
    CHECK(shape_of(view(a, ellipsis, newaxis)) == test::shape{2, 3, 4, 1});     // a[..., None]
    CHECK(shape_of(view(a, 0, 1, 2, ellipsis)) == test::shape{});               // a[0, 1, 2, ...]
    CHECK(shape_of(view(a, newaxis, ellipsis, newaxis)) == test::shape{1, 2, 3, 4, 1});
    CHECK(shape_of(view(a)) == test::shape{2, 3, 4});
    const auto x = view(a, ellipsis, range(_, _, -2), newaxis);  // a[..., ::-2, None]
    CHECK(shape_of(x) == test::shape{2, 3, 2, 1});
    CHECK(x(1, 2, 0, 0) == a(1, 2, 3));
    CHECK(x(1, 2, 1, 0) == a(1, 2, 1));
    // rank 0
    const tmath::tensor<double> s = tmath::full<double>(std::vector<std::size_t>{}, 4.5);
    CHECK(shape_of(view(s, newaxis)) == test::shape{1});
    CHECK(*view(s, ellipsis).data() == 4.5);
}

TEST_CASE("view: views of views compose, and specs can be built at run time", "[slicing]") {
    auto a = test::iota_tensor<double>({4, 5, 6}, 2);
    auto v1 = view(a, range(1, _), all, range(_, _, -2));  // a[1:, :, ::-2]
    auto v2 = view(v1, -1, range(1, 4));                     // a[1:, :, ::-2][-1, 1:4]
    CHECK(shape_of(v2) == test::shape{3, 3});
    for (std::size_t i = 0; i < 3; ++i)
        for (std::size_t j = 0; j < 3; ++j) CHECK(v2(i, j) == a(3, 1 + i, 5 - 2 * j));
    const std::vector<tmath::slice_spec> specs = {-1, range(1, 4), tmath::all};
    auto v3 = view(v1, specs);
    CHECK(values(v3) == values(v2));
    std::vector<tmath::slice_spec> dyn;  // a rank chosen at run time: a[0, 0, ..., 0]
    for (std::size_t d = 0; d < a.rank(); ++d) dyn.push_back(0);
    CHECK(*view(a, dyn).data() == a(0, 0, 0));
    dyn.push_back(newaxis);
    CHECK(shape_of(view(a, dyn)) == test::shape{1});
    static_assert(std::is_same_v<decltype(v1), tmath::tensor_view<double>>, "writable in, writable out");
}

TEST_CASE("view: bad specs throw typed errors naming axis, index, extent and shape", "[slicing]") {
    const auto a = test::iota_tensor<int>({2, 3}, 0);
    const auto msg = message_of<tmath::index_error>([&] { (void)view(a, all, 3); });
    CHECK_THAT(msg, TMATH_CONTAINS("index 3 is out of bounds for axis 1 with size 3"));
    CHECK_THAT(msg, TMATH_CONTAINS("(2,3)"));
    CHECK_THAT(message_of<tmath::index_error>([&] { (void)view(a, -3); }),
               TMATH_CONTAINS("index -3 is out of bounds for axis 0 with size 2"));
    CHECK_THAT(message_of<tmath::index_error>([&] { (void)view(a, 0, 0, 0); }), TMATH_CONTAINS("too many indices"));
    CHECK_THAT(message_of<tmath::index_error>([&] { (void)view(a, ellipsis, ellipsis); }),
               TMATH_CONTAINS("single ellipsis"));
    CHECK_THAT(message_of<std::invalid_argument>([&] { (void)view(a, all, range(_, _, 0)); }),
               TMATH_CONTAINS("step cannot be zero (axis 1 of shape (2,3))"));
    CHECK_THROWS_AS(view(a, 5), std::out_of_range);  // index_error is an out_of_range
    CHECK_THROWS_AS(a.at(2, 0), tmath::index_error);
}

TEST_CASE("assignment through views broadcasts the right side and leaves the rest alone", "[slicing]") {
    auto a = tmath::zeros<int>({3, 4});
    view(a, all, range(0, 2)) = tmath::tensor<int>{7, 8};  // a[:, 0:2] = [7, 8]
    view(a, 2) = 5;                                         // a[2] = 5
    view(a, range(_, 2), range(2, _)) += tmath::reshape(tmath::tensor<int>{1, 2}, {2, 1});
    view(a, all, range(_, _, 3)) *= 2;                     // a[:, ::3] *= 2
    const std::vector<int> want = {14, 8, 1, 2, 14, 8, 2, 4, 10, 5, 5, 10};
    CHECK(values(a) == want);
    // a view assigned from a view (copy assignment writes through)
    auto b = tmath::zeros<int>({2, 2});
    tmath::tensor_view<int> dst = view(b, 0);
    dst = view(a, 1, range(1, 3));
    CHECK(values(b) == std::vector<int>{8, 2, 0, 0});
    // the right side's leading extents of 1 beyond the view's rank are dropped, as in NumPy
    auto c = tmath::zeros<int>({3});
    view(c, range(_, 2)) = tmath::full<int>({1, 1, 2}, 4);  // c[:2] = np.full((1, 1, 2), 4)
    CHECK(values(c) == std::vector<int>{4, 4, 0});
    CHECK_THROWS_AS(view(c, range(_, 2)) = tmath::full<int>({2, 2}, 4), tmath::shape_error);
    // a shape that does not broadcast throws and writes nothing
    const auto before = values(a);
    const tmath::tensor<int> three = {1, 2, 3};
    CHECK_THROWS_AS(view(a, all, range(0, 2)) = three, tmath::shape_error);
    CHECK(values(a) == before);
}

TEST_CASE("assignment through overlapping views acts as if the right side were read first", "[slicing]") {
    auto a = test::iota_tensor<int>({10}, 0);
    const auto v = values(a);
    view(a, range(1, _)) = view(a, range(_, -1));  // a[1:] = a[:-1]
    std::vector<int> want = {v[0]};
    want.insert(want.end(), v.begin(), v.end() - 1);
    CHECK(values(a) == want);

    auto b = test::iota_tensor<int>({10}, 1);
    const auto w = values(b);
    view(b, range(_, -1)) = view(b, range(1, _));  // b[:-1] = b[1:]
    std::vector<int> want_b(w.begin() + 1, w.end());
    want_b.push_back(w.back());
    CHECK(values(b) == want_b);

    auto c = test::iota_tensor<int>({8}, 2);
    const auto u = values(c);
    view(c, all) = view(c, range(_, _, -1));  // c[:] = c[::-1]
    CHECK(values(c) == std::vector<int>(u.rbegin(), u.rend()));

    auto m = test::iota_tensor<float>({4, 4}, 3);
    const auto mt = tmath::tensor<float>(tmath::transpose(m));
    view(m, all, all) += tmath::transpose(m);  // m += m.T
    for (std::size_t i = 0; i < 4; ++i)
        for (std::size_t j = 0; j < 4; ++j) CHECK(m(i, j) == test::iota_tensor<float>({4, 4}, 3)(i, j) + mt(i, j));
}

TEST_CASE("tensors and views are ranges in row-major order", "[slicing]") {
    const auto a = test::iota_tensor<int>({3, 5}, 4);
    static_assert(std::ranges::forward_range<tmath::tensor_view<int>>);
    static_assert(std::ranges::forward_range<tmath::tensor<int>>);
    const auto t = tmath::transpose(a);
    std::vector<int> want;
    for (std::size_t j = 0; j < 5; ++j)
        for (std::size_t i = 0; i < 3; ++i) want.push_back(a(i, j));
    CHECK(values(t) == want);
    CHECK(std::accumulate(t.begin(), t.end(), 0) == std::accumulate(a.begin(), a.end(), 0));
    std::vector<int> copied;
    std::ranges::copy(view(a, range(_, _, -1), 2), std::back_inserter(copied));
    CHECK(copied == std::vector<int>{a(2, 2), a(1, 2), a(0, 2)});
    int n = 0;
    for (int x : tmath::broadcast_to(view(a, 0), {2, 5})) CHECK(x == a(0, static_cast<std::size_t>(n++ % 5)));
    CHECK(n == 10);
    auto b = tmath::zeros<int>({2, 3});
    for (int& x : view(b, all, 1)) x = 9;
    CHECK(values(b) == std::vector<int>{0, 9, 0, 0, 9, 0});
}
