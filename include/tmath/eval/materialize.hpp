#pragma once
/// @file materialize.hpp
/// Products inside element-wise expressions (`matmul(q, k) / s + bias`) are computed
/// once, into temporaries, before the element-wise pass: `materialize` rebuilds the
/// expression tree with each product node replaced by its result.

#include <cstddef>
#include <span>
#include <tuple>
#include <type_traits>
#include <utility>

#include "tmath/config.hpp"
#include "tmath/core/aligned_buffer.hpp"
#include "tmath/core/concepts.hpp"
#include "tmath/core/shape.hpp"
#include "tmath/expr/elementwise.hpp"
#include "tmath/expr/tree.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::detail {

/// A row-major array owned by an expression tree (a product's result): a memory
/// operand held by value.
template <class V>
class temporary {
public:
    using value_type = V;
    static constexpr expr_kind node_kind = expr_kind::memory;
    static constexpr bool owns_memory = false;  ///< held by value in expression nodes

    /// Uninitialized storage for `shape`.
    explicit temporary(std::span<const std::size_t> shape)
        : m_shape(shape), m_strides(row_major_strides(shape)),
          m_buffer(checked_size(shape, "temporary", sizeof(V)), aligned_buffer<V>::uninitialized) {}

    V* data() noexcept { return m_buffer.data(); }
    const V* data() const noexcept { return m_buffer.data(); }
    std::span<const std::size_t> shape() const noexcept { return m_shape.span(); }
    std::span<const std::ptrdiff_t> strides() const noexcept { return m_strides.span(); }

private:
    shape_t m_shape;
    strides_t m_strides;
    aligned_buffer<V> m_buffer;
};

/// `e` with every product node evaluated into a temporary. Subtrees without products
/// are referenced, not copied: the result must not outlive `e`. `assign(dst, e)` writes
/// an expression into a temporary (the caller's assignment, which evaluates products).
template <tensor_expression E, class Assign>
auto materialize(const E& e, Assign&& assign) {
    using D = std::remove_cvref_t<E>;
    if constexpr (D::node_kind == expr_kind::product) {
        temporary<value_type_t<E>> t(e.shape());
        assign(t, e);
        return t;
    } else {
        static_assert(D::node_kind == expr_kind::elementwise, "only element-wise nodes contain products");
        auto child = [&](const auto& a) -> decltype(auto) {
            if constexpr (contains_product<decltype(a)>()) return materialize(a, assign);
            else return (a);  // a const reference into `e`
        };
        return std::apply(
            [&](const auto&... a) {
                using node = elementwise<typename D::functor_type, decltype(child(a))...>;
                return node(e.functor(), child(a)...);
            },
            e.args());
    }
}

}  // namespace tmath::detail
