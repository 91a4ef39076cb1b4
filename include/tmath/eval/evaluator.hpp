#pragma once
/// @file evaluator.hpp
/// Evaluators: the run-time mirror of an expression tree that the loops drive, and the
/// builders that make one from an expression. A leaf evaluator (leaf_evaluator.hpp)
/// keeps a cursor into its operand's memory; the loops move the cursors over the outer
/// dimensions and then read a row element by element (`scalar<V>(j)`) or batch by batch
/// (`batch<V>(j)`), V being the type the parent computes in, through register-sized
/// row cursors (row_cursor.hpp). Constants and functor nodes: node_evaluators.hpp.

#include <array>
#include <cstddef>
#include <tuple>
#include <type_traits>

#include "tmath/config.hpp"
#include "tmath/core/concepts.hpp"
#include "tmath/eval/leaf_evaluator.hpp"
#include "tmath/eval/node_evaluators.hpp"
#include "tmath/eval/row_cursor.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::detail {

/// Builds the flat evaluator of `e`: every memory operand is contiguous with the
/// destination's shape (checked by the caller).
template <tensor_expression E>
auto make_flat_evaluator(const E& e) {
    constexpr auto kind = std::remove_cvref_t<E>::node_kind;
    if constexpr (kind == expr_kind::memory) {
        using T = std::remove_const_t<std::remove_pointer_t<decltype(e.data())>>;
        return row_leaf<T>(e.data(), -1);
    } else if constexpr (kind == expr_kind::scalar) {
        return scalar_evaluator<value_type_t<E>>(e.value());
    } else {
        static_assert(kind == expr_kind::elementwise, "unknown expression node");
        return std::apply(
            [&](const auto&... a) {
                using node_eval = elementwise_evaluator<std::remove_cvref_t<decltype(e.functor())>,
                                                        decltype(make_flat_evaluator(a))...>;
                return node_eval{e.functor(), make_flat_evaluator(a)...};
            },
            e.args());
    }
}

/// Builds the evaluator of `e`; memory operands take their strides, in order, from `strides`
/// (which must outlive the evaluator), and slot `next` of `scratch` each.
template <tensor_expression E, std::size_t N, std::size_t Operands, std::size_t Bytes>
auto make_evaluator(const E& e, const std::array<const std::ptrdiff_t*, N>& strides, std::size_t& next,
                    operand_scratch<Operands, Bytes>& scratch) {
    constexpr auto kind = std::remove_cvref_t<E>::node_kind;
    if constexpr (kind == expr_kind::memory) {
        using T = std::remove_const_t<std::remove_pointer_t<decltype(e.data())>>;
        T* slot = scratch.template slot<T>(next);
        return leaf_evaluator<T>(e.data(), strides[next++], slot);
    } else if constexpr (kind == expr_kind::scalar) {
        return scalar_evaluator<value_type_t<E>>(e.value());
    } else {
        static_assert(kind == expr_kind::elementwise, "unknown expression node");
        return std::apply(
            [&](const auto&... a) {
                // List-initialization evaluates the children left to right, matching for_each_leaf.
                using node_eval = elementwise_evaluator<std::remove_cvref_t<decltype(e.functor())>,
                                                        decltype(make_evaluator(a, strides, next, scratch))...>;
                return node_eval{e.functor(), make_evaluator(a, strides, next, scratch)...};
            },
            e.args());
    }
}

}  // namespace tmath::detail
