// plan() is a pure function of layouts: these tests pin down the loop it chooses,
// so that a regression in the choice fails here, not only in a benchmark.
#include "catch.hpp"

#include <tmath/eval/plan.hpp>

#include <array>
#include <vector>

using tmath::shape_t;
using tmath::strides_t;
using tmath::detail::plan;
using tmath::detail::plan_kind;

namespace {
std::vector<std::size_t> vec(const shape_t& s) { return {s.begin(), s.end()}; }
std::vector<std::ptrdiff_t> vec(const strides_t& s) { return {s.begin(), s.end()}; }
}  // namespace

TEST_CASE("plan: contiguous operands merge into one flat run", "[plan]") {
    const shape_t shape{2, 3, 4};
    const strides_t dst{12, 4, 1};
    const auto p = plan<2>(shape, dst, {strides_t{12, 4, 1}, strides_t{12, 4, 1}});
    CHECK(p.kind == plan_kind::flat);
    CHECK(vec(p.shape) == std::vector<std::size_t>{24});
    CHECK(vec(p.dst) == std::vector<std::ptrdiff_t>{1});
    CHECK(vec(p.operands[1]) == std::vector<std::ptrdiff_t>{1});
}

TEST_CASE("plan: extent-1 dimensions are dropped, rank 0 and empty are flat", "[plan]") {
    auto p = plan<1>(shape_t{1, 5, 1}, strides_t{5, 1, 1}, {strides_t{0, 1, 0}});
    CHECK(p.kind == plan_kind::flat);
    CHECK(vec(p.shape) == std::vector<std::size_t>{5});

    auto scalar = plan<1>(shape_t{}, strides_t{}, {strides_t{}});
    CHECK(scalar.kind == plan_kind::flat);
    CHECK(vec(scalar.shape) == std::vector<std::size_t>{1});

    auto none = plan<1>(shape_t{3, 0}, strides_t{0, 1}, {strides_t{0, 1}});
    CHECK(none.kind == plan_kind::flat);
    CHECK(vec(none.shape) == std::vector<std::size_t>{0});
}

TEST_CASE("plan: a row-broadcast operand gives inner_contiguous rows", "[plan]") {
    // (1024,1024) * (1024): the operand repeats along dim 0.
    const auto p = plan<2>(shape_t{1024, 1024}, strides_t{1024, 1}, {strides_t{1024, 1}, strides_t{0, 1}});
    CHECK(p.kind == plan_kind::inner_contiguous);
    CHECK(vec(p.shape) == std::vector<std::size_t>{1024, 1024});
    CHECK(vec(p.operands[1]) == std::vector<std::ptrdiff_t>{0, 1});
    CHECK(p.group_rows == 1);
}

TEST_CASE("plan: a column-broadcast operand is inner_contiguous with stride 0 inside the row", "[plan]") {
    // (1024,1024) * (1024,1): the operand is one value per row.
    const auto p = plan<2>(shape_t{1024, 1024}, strides_t{1024, 1}, {strides_t{1024, 1}, strides_t{1, 0}});
    CHECK(p.kind == plan_kind::inner_contiguous);
    CHECK(vec(p.operands[1]) == std::vector<std::ptrdiff_t>{1, 0});
    CHECK(p.group_rows == 1);
}

TEST_CASE("plan: short rows of a periodic operand are grouped", "[plan]") {
    // (4096,7) * (7): rows of 7 are too short for SIMD; 36 rows (252 elements) run as one.
    const auto p = plan<2>(shape_t{4096, 7}, strides_t{7, 1}, {strides_t{7, 1}, strides_t{0, 1}});
    CHECK(p.kind == plan_kind::inner_contiguous);
    CHECK(p.group_rows == 256 / 7);  // no batch width given: as many rows as fit
    tmath::detail::plan_limits simd16;
    simd16.batch = 16;
    const auto w = plan<2>(shape_t{4096, 7}, strides_t{7, 1}, {strides_t{7, 1}, strides_t{0, 1}}, simd16);
    CHECK(w.group_rows == 32);  // 224 elements: 14 whole batches of 16
    // Grouping needs the destination contiguous over both dimensions.
    const auto q = plan<2>(shape_t{4096, 7}, strides_t{8, 1}, {strides_t{7, 1}, strides_t{0, 1}});
    CHECK(q.kind == plan_kind::inner_contiguous);
    CHECK(q.group_rows == 1);
    // A column-broadcast operand changes within a group: no grouping.
    const auto c = plan<2>(shape_t{4096, 7}, strides_t{7, 1}, {strides_t{1, 0}, strides_t{0, 1}});
    CHECK(c.group_rows == 1);
    // Never more rows than there are.
    const auto few = plan<1>(shape_t{3, 5}, strides_t{5, 1}, {strides_t{0, 1}});
    CHECK(few.group_rows == 3);
}

TEST_CASE("plan: a matrix broadcast over a batch merges its dimensions", "[plan]") {
    // (16,256,256) * (256,256)
    const auto p = plan<2>(shape_t{16, 256, 256}, strides_t{65536, 256, 1},
                           {strides_t{65536, 256, 1}, strides_t{0, 256, 1}});
    CHECK(p.kind == plan_kind::inner_contiguous);
    CHECK(vec(p.shape) == std::vector<std::size_t>{16, 65536});
    CHECK(vec(p.operands[1]) == std::vector<std::ptrdiff_t>{0, 1});
}

TEST_CASE("plan: a transposed operand is strided, tiled along its contiguous dimension", "[plan]") {
    // a * transpose(b), 1024x1024: b^T has strides (1, 1024).
    const auto p = plan<2>(shape_t{1024, 1024}, strides_t{1024, 1}, {strides_t{1024, 1}, strides_t{1, 1024}});
    CHECK(p.kind == plan_kind::strided);
    CHECK(p.tile_dim == 0);
    // 3-D: tile with the dimension where the operand is contiguous.
    const auto q = plan<1>(shape_t{4, 5, 6}, strides_t{30, 6, 1}, {strides_t{20, 1, 5}});
    CHECK(q.kind == plan_kind::strided);
    CHECK(q.tile_dim == 1);
}

TEST_CASE("plan: dimensions follow the destination's memory order", "[plan]") {
    // Writing a transposed view from operands laid out the same way is one flat run.
    const auto p = plan<1>(shape_t{3, 4}, strides_t{1, 3}, {strides_t{1, 3}});
    CHECK(p.kind == plan_kind::flat);
    CHECK(vec(p.shape) == std::vector<std::size_t>{12});
    // A transposed destination with row-major operands: strided, tiled.
    const auto q = plan<1>(shape_t{3, 4}, strides_t{1, 3}, {strides_t{4, 1}});
    CHECK(q.kind == plan_kind::strided);
    CHECK(vec(q.dst) == std::vector<std::ptrdiff_t>{3, 1});
    CHECK(vec(q.operands[0]) == std::vector<std::ptrdiff_t>{1, 4});
}

TEST_CASE("plan: operands read at a step along contiguous destination rows are strided rows", "[plan]") {
    const auto p = plan<1>(shape_t{10}, strides_t{1}, {strides_t{2}});
    CHECK(p.kind == plan_kind::strided_rows);
    // view(a, all, range(_, _, 2)) of a (1024, 2048) tensor merges into one run at step 2.
    const auto q = plan<2>(shape_t{1024, 1024}, strides_t{1024, 1}, {strides_t{2048, 2}, strides_t{2048, 2}});
    CHECK(q.kind == plan_kind::strided_rows);
    CHECK(vec(q.shape) == std::vector<std::size_t>{1024 * 1024});
    // Rows that don't merge, a negative step, a broadcast and a unit-stride operand beside them.
    const auto r = plan<3>(shape_t{4, 6}, strides_t{6, 1}, {strides_t{13, -2}, strides_t{0, 1}, strides_t{1, 0}});
    CHECK(r.kind == plan_kind::strided_rows);
    CHECK(r.rank() == 2);
    // An operand that walks another dimension faster (a transpose) is tiled instead.
    const auto t = plan<2>(shape_t{8, 8}, strides_t{8, 1}, {strides_t{16, 2}, strides_t{1, 8}});
    CHECK(t.kind == plan_kind::strided);
    // A strided destination has no contiguous rows.
    const auto u = plan<0>(shape_t{10}, strides_t{-1}, {});
    CHECK(u.kind == plan_kind::strided);
    CHECK(u.tile_dim == 0);  // == rank-1: no tiling
}

TEST_CASE("plan: a scalar-like operand broadcast along a vector is inner_contiguous", "[plan]") {
    const auto p = plan<2>(shape_t{100}, strides_t{1}, {strides_t{1}, strides_t{0}});
    CHECK(p.kind == plan_kind::inner_contiguous);
    CHECK(vec(p.shape) == std::vector<std::size_t>{100});
}

TEST_CASE("plan: partial merges keep the unmergeable boundary", "[plan]") {
    // (2,3,4) with an operand broadcast along the middle dimension: dims 0 and 1 can't merge,
    // dims 1 and 2 can't either (operand stride 0 vs 1), so the rank stays 3.
    const auto p = plan<1>(shape_t{2, 3, 4}, strides_t{12, 4, 1}, {strides_t{4, 0, 1}});
    CHECK(p.kind == plan_kind::inner_contiguous);
    CHECK(vec(p.shape) == std::vector<std::size_t>{2, 3, 4});
    // Broadcast along the outermost dimension only: dims 1 and 2 merge.
    const auto q = plan<1>(shape_t{2, 3, 4}, strides_t{12, 4, 1}, {strides_t{0, 4, 1}});
    CHECK(vec(q.shape) == std::vector<std::size_t>{2, 12});
}
