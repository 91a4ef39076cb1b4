#pragma once
/// @file concepts.hpp
/// The concepts that tie tensors, views and lazy expressions together.

#include <concepts>
#include <cstddef>
#include <span>
#include <type_traits>

#include "tmath/config.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE {

namespace detail {
/// What an expression node is, for the evaluator: memory it reads, a constant,
/// an element-wise function of other expressions, or a product evaluated on its own.
enum class expr_kind { memory, scalar, elementwise, product };
}  // namespace detail

/// Arithmetic element types a tensor can hold or a scalar operand can be.
template <class T>
concept arithmetic = std::is_arithmetic_v<T> && !std::is_same_v<std::remove_cv_t<T>, bool>;

/// Element types a tensor can hold: the arithmetic types and bool (what comparisons give).
template <class T>
concept element = arithmetic<T> || std::is_same_v<std::remove_cv_t<T>, bool>;

/// Anything tmath can evaluate lazily: tensors, views, and expression nodes.
/// It has a `value_type`, a broadcast `shape()` and tells the evaluator what it is.
template <class E>
concept tensor_expression = requires(const std::remove_cvref_t<E>& e) {
    typename std::remove_cvref_t<E>::value_type;
    { std::remove_cvref_t<E>::node_kind } -> std::convertible_to<detail::expr_kind>;
    { e.shape() } -> std::convertible_to<std::span<const std::size_t>>;
};

/// An expression that is strided memory: a tensor or a view.
template <class E>
concept memory_expression = tensor_expression<E> && std::remove_cvref_t<E>::node_kind == detail::expr_kind::memory &&
                            requires(const std::remove_cvref_t<E>& e) {
                                e.data();
                                { e.strides() } -> std::convertible_to<std::span<const std::ptrdiff_t>>;
                            };

namespace detail {
/// An expression that owns its memory (a tensor): no other tensor shares its storage.
template <class E>
concept owning_expression = memory_expression<E> && std::remove_cvref_t<E>::owns_memory;
}  // namespace detail

/// Element type of an expression.
template <tensor_expression E>
using value_type_t = typename std::remove_cvref_t<E>::value_type;

}  // namespace tmath
