#pragma once
/// @file product.hpp
/// `matmul(a, b)`: a lazy product node with numpy.matmul's shape, evaluated when it is
/// assigned (`c = matmul(a, b)` runs GEMM straight into `c`; see product_eval.hpp).
/// Scalar factors fold into the node's alpha: `2.0f * matmul(a, b)` is one GEMM.

#include <span>
#include <type_traits>
#include <utility>

#include "tmath/config.hpp"
#include "tmath/core/concepts.hpp"
#include "tmath/core/shape.hpp"
#include "tmath/expr/elementwise.hpp"
#include "tmath/expr/operators.hpp"
#include "tmath/linalg/matmul_shape.hpp"
#include "tmath/linalg/product_eval.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE {

/// alpha · matmul(A, B), not yet computed. Operands are stored like the element-wise
/// node's (lvalue tensors by reference, everything else by value). The shape is
/// computed, and checked, on construction.
template <class A, class B>
class product {
public:
    using lhs_type = std::remove_cvref_t<A>;
    using rhs_type = std::remove_cvref_t<B>;
    using value_type = std::common_type_t<value_type_t<A>, value_type_t<B>>;
    static constexpr detail::expr_kind node_kind = detail::expr_kind::product;

    /// Builds alpha · matmul(a, b); throws shape_error if the shapes do not fit.
    template <class X, class Y>
    product(X&& a, Y&& b, value_type alpha)
        : m_a(std::forward<X>(a)), m_b(std::forward<Y>(b)), m_alpha(alpha),
          m_layout(detail::matmul_shapes(m_a.shape(), m_b.shape())) {}

    /// numpy.matmul's result shape.
    const shape_t& shape() const noexcept { return m_layout.result; }
    /// The product's batch/matrix layout.
    const detail::matmul_layout& layout() const noexcept { return m_layout; }
    /// The left operand.
    const lhs_type& lhs() const noexcept { return m_a; }
    /// The right operand.
    const rhs_type& rhs() const noexcept { return m_b; }
    /// The scalar factor.
    value_type alpha() const noexcept { return m_alpha; }

    /// Writes the product into `dst` (of this shape, any strides); with `accumulate`,
    /// adds it to what is there. Called by assignment.
    template <class D>
    void assign_to(D* dst, std::span<const std::size_t> shape, std::span<const std::ptrdiff_t> strides,
                   bool accumulate) const {
        detail::assign_product(dst, shape, strides, *this, accumulate);
    }

    /// The same product scaled by `s`.
    product scaled(value_type s) const& { return product(m_a, m_b, m_alpha * s, m_layout); }
    /// The same product scaled by `s` (operands moved).
    product scaled(value_type s) && { return product(std::move(m_a), std::move(m_b), m_alpha * s, std::move(m_layout)); }

private:
    template <class X, class Y>
    product(X&& a, Y&& b, value_type alpha, detail::matmul_layout layout)
        : m_a(std::forward<X>(a)), m_b(std::forward<Y>(b)), m_alpha(alpha), m_layout(std::move(layout)) {}

    A m_a;
    B m_b;
    value_type m_alpha;
    detail::matmul_layout m_layout;
};

namespace detail {

/// A product node (any cv/ref form).
template <class E>
concept product_expression = tensor_expression<E> && std::remove_cvref_t<E>::node_kind == expr_kind::product;

}  // namespace detail

/// numpy.matmul(a, b) as a lazy product node: 1-D operands promoted (and the added
/// dimension removed), batch dimensions broadcast; tensors, views or expressions of
/// float, double, int32_t or int64_t. Throws shape_error when the shapes do not fit.
template <tensor_expression A, tensor_expression B>
auto matmul(A&& a, B&& b) {
    using node = product<detail::closure_t<A&&>, detail::closure_t<B&&>>;
    return node(std::forward<A>(a), std::forward<B>(b), typename node::value_type(1));
}

/// numpy.matmul(a, b, out): writes the product into `out` (a tensor or a view, any
/// strides) whose shape must be the product's; `out` keeps its storage. Throws
/// shape_error, leaving `out` unchanged, when the shapes do not fit.
template <tensor_expression A, tensor_expression B, class Out>
    requires memory_expression<Out>
void matmul(A&& a, B&& b, Out&& out) {
    if constexpr (detail::direct_matmul<A, B, Out>) {
        if (detail::try_matmul_2d(a, b, out)) return;  // 2-D, no overlap: GEMM on the operands' strides
    }
    const auto p = matmul(std::forward<A>(a), std::forward<B>(b));
    const std::span<const std::size_t> shape(out.shape());
    if (!shape_t::same_elements(shape.data(), shape.size(), p.shape().data(), p.shape().size()))
        throw shape_error("matmul: output operand with shape " + format_shape(shape) + " doesn't match the result shape " +
                          format_shape(p.shape()) + " of " + format_shape(p.lhs().shape()) + " and " +
                          format_shape(p.rhs().shape()));
    p.assign_to(out.data(), shape, out.strides(), false);
}

/// `s * matmul(a, b)`: folded into the product's alpha.
template <class S, detail::product_expression P>
    requires detail::folds_into<value_type_t<P>, std::remove_cvref_t<S>>
auto operator*(S s, P&& p) {
    return std::forward<P>(p).scaled(static_cast<value_type_t<P>>(s));
}
/// `matmul(a, b) * s`: folded into the product's alpha.
template <detail::product_expression P, class S>
    requires detail::folds_into<value_type_t<P>, std::remove_cvref_t<S>>
auto operator*(P&& p, S s) {
    return std::forward<P>(p).scaled(static_cast<value_type_t<P>>(s));
}
/// `matmul(a, b) / s` for floating-point products: folded into alpha as `1 / s`.
template <detail::product_expression P, class S>
    requires detail::folds_into<value_type_t<P>, std::remove_cvref_t<S>> &&
             std::is_floating_point_v<value_type_t<P>>
auto operator/(P&& p, S s) {
    return std::forward<P>(p).scaled(value_type_t<P>(1) / static_cast<value_type_t<P>>(s));
}
/// `-matmul(a, b)`: alpha negated.
template <detail::product_expression P>
auto operator-(P&& p) {
    return std::forward<P>(p).scaled(value_type_t<P>(-1));
}

}  // namespace tmath
