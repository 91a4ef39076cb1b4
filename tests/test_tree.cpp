// The one expression-tree walk (expr/tree.hpp) and the questions asked through it:
// each answer is checked on trees whose answer is known, at compile time where it is
// a compile-time question and at run time for the visit order.
#include "catch.hpp"

#include <tmath/expr/tree.hpp>
#include <tmath/tmath.hpp>

#include <cstddef>
#include <vector>

using tmath::detail::contains_product;
using tmath::detail::for_each_leaf;
using tmath::detail::leaf_count;
using tmath::detail::only_tensor_operands;

TEST_CASE("tree: leaf_count counts memory operands, not scalars or products", "[tree]") {
    tmath::tensor<float> a{1, 2}, b{3, 4};
    const auto v = tmath::adapt(a.data(), {2});
    tmath::tensor<float> m{{1, 2}, {3, 4}};
    STATIC_REQUIRE(leaf_count<decltype(a)>() == 1);
    STATIC_REQUIRE(leaf_count<decltype(a * b)>() == 2);
    STATIC_REQUIRE(leaf_count<decltype(a * b + 2.0f)>() == 2);
    STATIC_REQUIRE(leaf_count<decltype(-(a * b) + v * a)>() == 4);
    STATIC_REQUIRE(leaf_count<decltype(tmath::where(a > b, a, 1.0f))>() == 3);
    STATIC_REQUIRE(leaf_count<decltype(tmath::matmul(m, m) + m)>() == 1);  // the product is a node of its own
    STATIC_REQUIRE(leaf_count<const decltype(a * b)&>() == 2);           // references are seen through
}

TEST_CASE("tree: contains_product finds a product at any depth", "[tree]") {
    tmath::tensor<float> m{{1, 2}, {3, 4}};
    STATIC_REQUIRE(!contains_product<decltype(m)>());
    STATIC_REQUIRE(!contains_product<decltype(m * m + 1.0f)>());
    STATIC_REQUIRE(contains_product<decltype(tmath::matmul(m, m))>());
    STATIC_REQUIRE(contains_product<decltype(tmath::matmul(m, m) * 2.0f + m)>());
    STATIC_REQUIRE(contains_product<decltype(m + tmath::exp(m - tmath::matmul(m, m)))>());
    STATIC_REQUIRE(contains_product<const decltype(m + tmath::matmul(m, m))&>());
}

TEST_CASE("tree: only_tensor_operands holds for tensors and scalars only", "[tree]") {
    tmath::tensor<float> a{1, 2}, b{3, 4};
    tmath::tensor<float> m{{1, 2}, {3, 4}};
    const auto v = tmath::adapt(a.data(), {2});
    STATIC_REQUIRE(only_tensor_operands<decltype(a)>());
    STATIC_REQUIRE(only_tensor_operands<decltype(a * b - 3.0f)>());
    STATIC_REQUIRE(only_tensor_operands<decltype(a * tmath::tensor<float>{1, 1})>());  // held by value: still a tensor
    STATIC_REQUIRE(!only_tensor_operands<decltype(v)>());
    STATIC_REQUIRE(!only_tensor_operands<decltype(a * v)>());
    STATIC_REQUIRE(!only_tensor_operands<decltype(m + tmath::matmul(m, m))>());
    STATIC_REQUIRE(!only_tensor_operands<decltype(tmath::transpose(m) + m)>());
}

TEST_CASE("tree: for_each_leaf visits memory operands depth first, left to right", "[tree]") {
    tmath::tensor<float> a{1}, b{2}, c{3};
    const auto v = tmath::adapt(c.data(), {1});
    std::vector<const void*> seen;
    const auto record = [&](const auto& leaf) { seen.push_back(leaf.data()); };

    for_each_leaf(a, record);
    CHECK(seen == std::vector<const void*>{a.data()});

    seen.clear();
    for_each_leaf((a - 1.0f) * (b + v * a) - c, record);
    CHECK(seen == std::vector<const void*>{a.data(), b.data(), c.data(), a.data(), c.data()});

    seen.clear();
    for_each_leaf(2.0f * -b, record);
    CHECK(seen == std::vector<const void*>{b.data()});

    // A product is evaluated on its own: its operands are not leaves of the tree.
    tmath::tensor<float> m{{1, 2}, {3, 4}}, n{{5, 6}, {7, 8}};
    seen.clear();
    for_each_leaf(m + tmath::matmul(n, n), record);
    CHECK(seen == std::vector<const void*>{m.data()});
}

TEST_CASE("tree: walk_tree visits every node without operands, also by type", "[tree]") {
    tmath::tensor<float> a{1}, b{2};
    const auto e = a * 2.0f + tmath::exp(b);
    std::size_t memory = 0, scalars = 0;
    tmath::detail::walk_tree(e, [&](const auto& node) {
        using N = tmath::detail::tree_node_t<decltype(node)>;
        if constexpr (N::node_kind == tmath::detail::expr_kind::memory) ++memory;
        if constexpr (N::node_kind == tmath::detail::expr_kind::scalar) {
            ++scalars;
            CHECK(node.value() == 2.0f);
        }
    });
    CHECK(memory == 2);
    CHECK(scalars == 1);
    constexpr std::size_t nodes = [] {
        std::size_t n = 0;
        tmath::detail::walk_tree(std::type_identity<decltype(e)>{}, [&](auto) { ++n; });
        return n;
    }();
    STATIC_REQUIRE(nodes == 3);
}
