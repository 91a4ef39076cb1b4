#pragma once
/// @file elementwise.hpp
/// The one generic n-ary element-wise node: a functor applied to broadcast operands.

#include <cstddef>
#include <span>
#include <tuple>
#include <type_traits>
#include <utility>

#include "tmath/config.hpp"
#include "tmath/core/broadcast.hpp"
#include "tmath/core/concepts.hpp"
#include "tmath/core/shape.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE {

namespace detail {

/// How an operand passed as `E&&` is stored inside a node: lvalue tensors and views by
/// reference (no copy of their shape and strides), temporaries (moved in), scalars and
/// expression nodes by value, so that a node never refers to a temporary.
template <class E>
using closure_t = std::conditional_t<std::is_lvalue_reference_v<E> && memory_expression<E>,
                                     const std::remove_cvref_t<E>&, std::remove_cvref_t<E>>;

}  // namespace detail

/// `F` applied element by element to the broadcast operands `E...` (stored as given:
/// references for lvalue tensors, values otherwise). The broadcast shape is computed
/// once, here; incompatible shapes throw shape_error naming `F::name` and every shape.
template <class F, class... E>
class elementwise {
public:
    using functor_type = F;
    using value_type = typename F::template result<value_type_t<E>...>;
    static constexpr detail::expr_kind node_kind = detail::expr_kind::elementwise;

    /// Builds the node; throws shape_error if the operands do not broadcast.
    template <class... A>
    explicit elementwise(F f, A&&... args)
        : m_functor(f), m_args(std::forward<A>(args)...), m_shape(compute_shape()) {}

    /// The broadcast shape of the operands.
    const shape_t& shape() const noexcept { return m_shape; }
    /// The operands, in order.
    const std::tuple<E...>& args() const noexcept { return m_args; }
    /// The functor.
    const F& functor() const noexcept { return m_functor; }

private:
    shape_t compute_shape() const {
        if constexpr (sizeof...(E) == 2) {  // the common binary node with equal shapes, inline
            const std::span<const std::size_t> x(std::get<0>(m_args).shape()), y(std::get<1>(m_args).shape());
            if (shape_t::same_elements(x.data(), x.size(), y.data(), y.size())) return shape_t(x);
        }
        return std::apply(
            [](const auto&... a) {
                const std::span<const std::size_t> spans[] = {std::span<const std::size_t>(a.shape())...};
                return detail::broadcast_shape_of(std::span(spans), F::name);
            },
            m_args);
    }

    F m_functor;
    std::tuple<E...> m_args;
    shape_t m_shape;
};

namespace detail {

/// Builds `elementwise<F, ...>` with each operand stored according to closure_t.
template <class F, class... A>
auto make_elementwise(F f, A&&... args) {
    return elementwise<F, closure_t<A&&>...>(f, std::forward<A>(args)...);
}

}  // namespace detail

}  // namespace tmath
