#pragma once
/// @file logical.hpp
/// Bitwise operators `&`, `|`, `^`, `~` on bool and integer expressions, and NumPy's
/// `logical_and` / `logical_or` / `logical_xor` / `logical_not`, which read any element
/// type as a truth value (nonzero is true) and give bool. All are lazy nodes, broadcast
/// and fuse into the one pass of their assignment; integer bitwise operations run on
/// SIMD batches.

#include <concepts>
#include <cstddef>
#include <type_traits>
#include <utility>

#include "tmath/config.hpp"
#include "tmath/core/concepts.hpp"
#include "tmath/expr/elementwise.hpp"
#include "tmath/expr/functors.hpp"
#include "tmath/expr/operators.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE {

namespace fn {

/// a & b: bool stays bool, integers promote like std::common_type.
struct bitwise_and : arithmetic_result {
    static constexpr const char* name = "bitwise_and";
    template <element T>
    T operator()(T a, T b) const noexcept { return static_cast<T>(a & b); }
    template <simd_batch B>
    B operator()(const B& a, const B& b) const noexcept { return a & b; }
};
/// a | b
struct bitwise_or : arithmetic_result {
    static constexpr const char* name = "bitwise_or";
    template <element T>
    T operator()(T a, T b) const noexcept { return static_cast<T>(a | b); }
    template <simd_batch B>
    B operator()(const B& a, const B& b) const noexcept { return a | b; }
};
/// a ^ b
struct bitwise_xor : arithmetic_result {
    static constexpr const char* name = "bitwise_xor";
    template <element T>
    T operator()(T a, T b) const noexcept { return static_cast<T>(a ^ b); }
    template <simd_batch B>
    B operator()(const B& a, const B& b) const noexcept { return a ^ b; }
};
/// ~a: the complement of an integer, the negation of a bool (as NumPy's `invert`).
struct bitwise_not : arithmetic_result {
    static constexpr const char* name = "invert";
    template <element T>
    T operator()(T a) const noexcept {
        if constexpr (std::is_same_v<T, bool>) return !a;
        else return static_cast<T>(~a);
    }
    template <simd_batch B>
    B operator()(const B& a) const noexcept { return ~a; }
};

/// Base of the logical functions: every operand read as bool, a bool result. Like the
/// comparisons they give masks, so the evaluator reads their bool lanes as masks.
struct logical_result {
    template <class... Ts>
    using result = bool;
    template <std::size_t I, class... Ts>
    using operand = bool;
    static constexpr bool yields_mask = true;
};
/// a && b
struct logical_and_fn : logical_result {
    static constexpr const char* name = "logical_and";
    bool operator()(bool a, bool b) const noexcept { return a && b; }
};
/// a || b
struct logical_or_fn : logical_result {
    static constexpr const char* name = "logical_or";
    bool operator()(bool a, bool b) const noexcept { return a || b; }
};
/// a != b as truth values
struct logical_xor_fn : logical_result {
    static constexpr const char* name = "logical_xor";
    bool operator()(bool a, bool b) const noexcept { return a != b; }
};
/// !a
struct logical_not_fn : logical_result {
    static constexpr const char* name = "logical_not";
    bool operator()(bool a) const noexcept { return !a; }
};

}  // namespace fn

namespace detail {

/// An operand of the bitwise operators: a bool or integer expression, or an integer scalar.
template <class A>
concept bitwise_operand = (tensor_expression<A> && std::integral<value_type_t<A>>) ||
                          (std::integral<std::remove_cvref_t<A>> && !std::is_same_v<std::remove_cvref_t<A>, bool>);

/// Operand pairs of the bitwise operators: at least one expression.
template <class A, class B>
concept bitwise_pair = bitwise_operand<A> && bitwise_operand<B> && (tensor_expression<A> || tensor_expression<B>);

/// An operand of the logical functions: any expression or scalar (bool included).
template <class A>
concept logical_operand = tensor_expression<A> || element<std::remove_cvref_t<A>>;

/// A logical operand as a node: expressions pass, scalars become bool constants.
template <class A>
decltype(auto) as_truth(A&& a) {
    if constexpr (tensor_expression<A>) return std::forward<A>(a);
    else return scalar_node<int>(static_cast<bool>(a) ? 1 : 0);
}

}  // namespace detail

/// Element-wise bitwise and of bool or integer expressions (and integer scalars), lazy.
template <class A, class B>
    requires detail::bitwise_pair<A, B>
auto operator&(A&& a, B&& b) {
    return detail::binary(fn::bitwise_and{}, std::forward<A>(a), std::forward<B>(b));
}
/// Element-wise bitwise or of bool or integer expressions (and integer scalars), lazy.
template <class A, class B>
    requires detail::bitwise_pair<A, B>
auto operator|(A&& a, B&& b) {
    return detail::binary(fn::bitwise_or{}, std::forward<A>(a), std::forward<B>(b));
}
/// Element-wise bitwise exclusive or of bool or integer expressions, lazy.
template <class A, class B>
    requires detail::bitwise_pair<A, B>
auto operator^(A&& a, B&& b) {
    return detail::binary(fn::bitwise_xor{}, std::forward<A>(a), std::forward<B>(b));
}
/// Element-wise complement of an integer expression, negation of a bool one, lazy.
template <tensor_expression A>
    requires std::integral<value_type_t<A>>
auto operator~(A&& a) {
    return detail::make_elementwise(fn::bitwise_not{}, std::forward<A>(a));
}

/// NumPy's `logical_and`: both truth values (nonzero is true), broadcasting, lazy bool.
template <class A, class B>
    requires detail::logical_operand<A> && detail::logical_operand<B> && (tensor_expression<A> || tensor_expression<B>)
auto logical_and(A&& a, B&& b) {
    return detail::make_elementwise(fn::logical_and_fn{}, detail::as_truth(std::forward<A>(a)),
                                    detail::as_truth(std::forward<B>(b)));
}
/// NumPy's `logical_or`: either truth value, broadcasting, lazy bool.
template <class A, class B>
    requires detail::logical_operand<A> && detail::logical_operand<B> && (tensor_expression<A> || tensor_expression<B>)
auto logical_or(A&& a, B&& b) {
    return detail::make_elementwise(fn::logical_or_fn{}, detail::as_truth(std::forward<A>(a)),
                                    detail::as_truth(std::forward<B>(b)));
}
/// NumPy's `logical_xor`: exactly one truth value, broadcasting, lazy bool.
template <class A, class B>
    requires detail::logical_operand<A> && detail::logical_operand<B> && (tensor_expression<A> || tensor_expression<B>)
auto logical_xor(A&& a, B&& b) {
    return detail::make_elementwise(fn::logical_xor_fn{}, detail::as_truth(std::forward<A>(a)),
                                    detail::as_truth(std::forward<B>(b)));
}
/// NumPy's `logical_not`: the negated truth value, lazy bool.
template <tensor_expression A>
auto logical_not(A&& a) {
    return detail::make_elementwise(fn::logical_not_fn{}, std::forward<A>(a));
}

}  // namespace tmath
