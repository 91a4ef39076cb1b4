#pragma once
/// @file factories.hpp
/// Tensors made by a function: of a given shape (`zeros`, `ones`, `full`, `empty`; a
/// shape is a braced list `{2, 3}` or any range of integers), and of an expression's
/// values (`eval`).

#include <cstddef>
#include <initializer_list>

#include "tmath/config.hpp"
#include "tmath/containers/tensor.hpp"
#include "tmath/containers/views.hpp"
#include "tmath/core/concepts.hpp"
#include "tmath/core/range_access.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE {

/// Uninitialized tensor of `shape`.
template <element T, std::ranges::input_range S>
tensor<T> empty(const S& shape) {
    return tensor<T>::uninitialized_of(detail::to_shape(shape, "empty").span());
}
template <element T>
tensor<T> empty(std::initializer_list<std::size_t> shape) {
    return tensor<T>::uninitialized_of(std::span(shape.begin(), shape.size()));
}

/// Tensor of `shape` with every element `value`.
template <element T, std::ranges::input_range S>
tensor<T> full(const S& shape, T value) {
    tensor<T> t = empty<T>(shape);
    std::fill(t.begin(), t.end(), value);
    return t;
}
template <element T>
tensor<T> full(std::initializer_list<std::size_t> shape, T value) {
    tensor<T> t = empty<T>(shape);
    std::fill(t.begin(), t.end(), value);
    return t;
}

/// Tensor of `shape` filled with zeros.
template <element T, std::ranges::input_range S>
tensor<T> zeros(const S& shape) {
    return full<T>(shape, T(0));
}
template <element T>
tensor<T> zeros(std::initializer_list<std::size_t> shape) {
    return full<T>(shape, T(0));
}

/// Tensor of `shape` filled with ones.
template <element T, std::ranges::input_range S>
tensor<T> ones(const S& shape) {
    return full<T>(shape, T(1));
}
template <element T>
tensor<T> ones(std::initializer_list<std::size_t> shape) {
    return full<T>(shape, T(1));
}

/// Evaluates `e` into a new tensor of its element type and shape.
template <tensor_expression E>
tensor<value_type_t<E>> eval(const E& e) {
    return tensor<value_type_t<E>>(e);
}

}  // namespace tmath
