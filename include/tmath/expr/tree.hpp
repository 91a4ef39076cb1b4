#pragma once
/// @file tree.hpp
/// The one walk over an expression tree, and the questions asked of a tree through it.
/// The walk descends through element-wise nodes and visits the nodes below them that
/// have no operands of their own, left to right: memory (tensors, views, temporaries),
/// scalars, and products (evaluated on their own, so their operands are not part of
/// the tree). It walks a tree object at run time, or only its type at compile time
/// (`std::type_identity<E>`), so that compile-time questions and run-time visits share it.

#include <cstddef>
#include <tuple>
#include <type_traits>
#include <utility>

#include "tmath/config.hpp"
#include "tmath/core/concepts.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::detail {

/// The node type at a position of the walk: the node itself, or N for `std::type_identity<N>`.
template <class X>
struct tree_node {
    using type = std::remove_cvref_t<X>;
    static constexpr bool type_only = false;  ///< a node object, walked at run time
};
template <class N>
struct tree_node<std::type_identity<N>> {
    using type = std::remove_cvref_t<N>;
    static constexpr bool type_only = true;  ///< a node type, walked at compile time
};
/// The node type at a position of the walk (see tree_node).
template <class X>
using tree_node_t = typename tree_node<std::remove_cvref_t<X>>::type;

template <class X, class Visit>
[[gnu::always_inline]] constexpr void walk_tree(const X& x, Visit&& visit);

/// walk_tree over the operands I... of the element-wise node `x` (or node type, for a
/// `std::type_identity` position), left to right.
template <class X, class Visit, std::size_t... I>
[[gnu::always_inline]] constexpr void walk_operands(const X& x, Visit& visit, std::index_sequence<I...>) {
    if constexpr (tree_node<X>::type_only) {
        using args = std::remove_cvref_t<decltype(std::declval<const tree_node_t<X>&>().args())>;
        (walk_tree(std::type_identity<std::tuple_element_t<I, args>>{}, visit), ...);
    } else {
        (walk_tree(std::get<I>(x.args()), visit), ...);
    }
}

/// The tree walk: calls `visit(node)` for every node of `x` without operands of its own
/// (memory, scalar, product), depth first, left to right. `x` is an expression, or
/// `std::type_identity<E>{}` to walk the type E at compile time. (The walk is glue
/// that must vanish into its caller: always inlined, so that the assignment fast
/// paths that ask their questions through it inline as they would without it.)
template <class X, class Visit>
[[gnu::always_inline]] constexpr void walk_tree(const X& x, Visit&& visit) {
    using N = tree_node_t<X>;
    if constexpr (N::node_kind == expr_kind::elementwise) {
        constexpr std::size_t arity = std::tuple_size_v<std::remove_cvref_t<decltype(std::declval<const N&>().args())>>;
        walk_operands(x, visit, std::make_index_sequence<arity>{});
    } else {
        visit(x);
    }
}

/// The visitor of for_each_leaf: passes memory nodes on to `g`.
template <class G>
struct memory_nodes {
    G& g;
    template <class N>
    [[gnu::always_inline]] constexpr void operator()(const N& node) const {
        if constexpr (tree_node_t<N>::node_kind == expr_kind::memory) g(node);
    }
};

/// Calls `g(leaf)` for every memory operand of `e` (tensor, view, temporary), depth
/// first, left to right: the order of the evaluator's leaves and of the plan's operands.
template <tensor_expression E, class G>
[[gnu::always_inline]] inline void for_each_leaf(const E& e, G&& g) {
    walk_tree(e, memory_nodes<std::remove_reference_t<G>>{g});
}

/// True when `test(std::type_identity<N>{})` holds for every node N of E without operands.
template <class E, class Test>
constexpr bool every_node_of(Test test) {
    bool all = true;
    walk_tree(std::type_identity<E>{}, [&](auto node) { all = all && test(node); });
    return all;
}

/// Number of memory operands of E (the size of its evaluation plan).
template <class E>
constexpr std::size_t leaf_count() {
    std::size_t n = 0;
    walk_tree(std::type_identity<E>{}, [&](auto node) {
        if (tree_node_t<decltype(node)>::node_kind == expr_kind::memory) ++n;
    });
    return n;
}

/// True when the expression tree E holds a product node.
template <class E>
constexpr bool contains_product() {
    return !every_node_of<E>([](auto node) { return tree_node_t<decltype(node)>::node_kind != expr_kind::product; });
}

/// True when every memory operand of E is an owning tensor, whose storage no other
/// tensor shares, and E holds no product (scalars are allowed).
template <class E>
constexpr bool only_tensor_operands() {
    return every_node_of<E>([](auto node) {
        using N = tree_node_t<decltype(node)>;
        if constexpr (N::node_kind == expr_kind::memory) return owning_expression<N>;
        else return N::node_kind == expr_kind::scalar;
    });
}

}  // namespace tmath::detail
