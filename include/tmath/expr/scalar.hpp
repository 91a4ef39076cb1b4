#pragma once
/// @file scalar.hpp
/// A constant operand of an expression (`2.0f * a`): rank 0, broadcast everywhere.

#include <cstddef>
#include <span>

#include "tmath/config.hpp"
#include "tmath/core/concepts.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE {

/// Rank-0 expression holding one value by value.
template <arithmetic T>
class scalar_node {
public:
    using value_type = T;
    static constexpr detail::expr_kind node_kind = detail::expr_kind::scalar;

    /// Wraps `value`.
    explicit scalar_node(T value) noexcept : m_value(value) {}
    /// The empty shape of a rank-0 operand.
    std::span<const std::size_t> shape() const noexcept { return {}; }
    /// The held value.
    T value() const noexcept { return m_value; }

private:
    T m_value;
};

}  // namespace tmath
