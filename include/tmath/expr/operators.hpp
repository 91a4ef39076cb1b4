#pragma once
/// @file operators.hpp
/// Arithmetic operators on expressions and scalars, and `hadamard`. They build lazy
/// element-wise nodes; nothing is computed until the result is assigned.

#include <type_traits>
#include <utility>

#include "tmath/config.hpp"
#include "tmath/core/concepts.hpp"
#include "tmath/expr/elementwise.hpp"
#include "tmath/expr/functors.hpp"
#include "tmath/expr/scalar.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE {

namespace detail {

/// Element type a scalar operand takes next to an expression of element type V:
/// the scalar adapts to V (as NumPy's Python scalars do), except that a floating
/// scalar next to integers promotes like std::common_type.
template <class V, class S>
using weak_scalar_t = std::conditional_t<std::is_integral_v<V> && std::is_floating_point_v<S>,
                                         std::common_type_t<V, S>, V>;

/// True when a scalar of type S next to an expression of element type V keeps V
/// (then a scalar factor of a product folds into its alpha).
template <class V, class S>
inline constexpr bool folds_into = arithmetic<S> && std::is_same_v<weak_scalar_t<V, S>, V>;

/// A product node and a scalar that folds into its alpha, in either order: `*` and `/`
/// on such a pair are the product's own operators (linalg/product.hpp), not element-wise.
template <class A, class B>
concept scaled_product =
    (tensor_expression<A> && std::remove_cvref_t<A>::node_kind == expr_kind::product &&
     folds_into<value_type_t<A>, std::remove_cvref_t<B>>) ||
    (tensor_expression<B> && std::remove_cvref_t<B>::node_kind == expr_kind::product &&
     folds_into<value_type_t<B>, std::remove_cvref_t<A>>);

/// Operand pairs the binary operators accept: two expressions, or an expression and a scalar.
template <class A, class B>
concept operand_pair = (tensor_expression<A> && tensor_expression<B>) ||
                       (tensor_expression<A> && arithmetic<std::remove_cvref_t<B>>) ||
                       (arithmetic<std::remove_cvref_t<A>> && tensor_expression<B>);

/// Passes expressions through and wraps a scalar `s` as a node typed for partner element type V.
template <class V, class A>
decltype(auto) as_operand(A&& a) {
    if constexpr (tensor_expression<A>) return std::forward<A>(a);
    else return scalar_node<weak_scalar_t<V, std::remove_cvref_t<A>>>(static_cast<weak_scalar_t<V, std::remove_cvref_t<A>>>(a));
}

template <class A>
struct partner_value {
    using type = std::remove_cvref_t<A>;
};
template <tensor_expression A>
struct partner_value<A> {
    using type = value_type_t<A>;
};

/// Builds the node for `F(a, b)` where one of them may be a scalar.
template <class F, class A, class B>
auto binary(F f, A&& a, B&& b) {
    using va = typename partner_value<A>::type;
    using vb = typename partner_value<B>::type;
    return make_elementwise(f, as_operand<vb>(std::forward<A>(a)), as_operand<va>(std::forward<B>(b)));
}

}  // namespace detail

/// Element-wise sum, broadcasting.
template <class A, class B>
    requires detail::operand_pair<A, B>
auto operator+(A&& a, B&& b) {
    return detail::binary(fn::plus{}, std::forward<A>(a), std::forward<B>(b));
}
/// Element-wise difference, broadcasting.
template <class A, class B>
    requires detail::operand_pair<A, B>
auto operator-(A&& a, B&& b) {
    return detail::binary(fn::minus{}, std::forward<A>(a), std::forward<B>(b));
}
/// Element-wise (Hadamard) product, broadcasting.
template <class A, class B>
    requires detail::operand_pair<A, B> && (!detail::scaled_product<A, B>)
auto operator*(A&& a, B&& b) {
    return detail::binary(fn::multiplies{}, std::forward<A>(a), std::forward<B>(b));
}
/// Element-wise quotient, broadcasting (truncating for integers, as in C++).
template <class A, class B>
    requires detail::operand_pair<A, B> &&
             (!(detail::scaled_product<A, B> && arithmetic<std::remove_cvref_t<B>> &&
                std::is_floating_point_v<typename detail::partner_value<A>::type>))
auto operator/(A&& a, B&& b) {
    return detail::binary(fn::divides{}, std::forward<A>(a), std::forward<B>(b));
}
/// Element-wise negation.
template <tensor_expression A>
auto operator-(A&& a) {
    return detail::make_elementwise(fn::negate{}, std::forward<A>(a));
}
/// The Hadamard (element-wise) product: the same node as `a * b`.
template <class A, class B>
    requires detail::operand_pair<A, B>
auto hadamard(A&& a, B&& b) {
    return std::forward<A>(a) * std::forward<B>(b);
}

}  // namespace tmath
