#pragma once
/// @file eval.hpp
/// `eval(expr)`: materializes an expression into a tensor.

#include "tmath/containers/tensor.hpp"
#include "tmath/core/concepts.hpp"

namespace tmath {

/// Evaluates `e` into a new tensor of its element type and shape.
template <tensor_expression E>
tensor<value_type_t<E>> eval(const E& e) {
    return tensor<value_type_t<E>>(e);
}

}  // namespace tmath
