#pragma once
/// @file errors.hpp
/// Typed exceptions of tmath and the helpers that format their messages.

#include <cstddef>
#include <initializer_list>
#include <span>
#include <stdexcept>
#include <string>

#include "tmath/config.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE {

/// Thrown when shapes are incompatible for an operation; the message names the
/// operation and every shape involved. Derives from std::invalid_argument.
class shape_error : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

/// Thrown when an index, an axis or a slice bound is outside its dimension; the message
/// names the operation, the axis, the index and the extent. Derives from std::out_of_range
/// (NumPy's IndexError).
class index_error : public std::out_of_range {
public:
    using std::out_of_range::out_of_range;
};

/// Formats a shape the way NumPy prints it: `(2,3)`, `(5,)`, `()`.
inline std::string format_shape(std::span<const std::size_t> shape) {
    std::string s = "(";
    for (std::size_t i = 0; i < shape.size(); ++i) {
        if (i != 0) s += ',';
        s += std::to_string(shape[i]);
    }
    if (shape.size() == 1) s += ',';
    s += ')';
    return s;
}

/// Formats a list of shapes as `(2,3) and (4,)` / `(2,3), (4,) and (5,)`.
inline std::string format_shapes(std::initializer_list<std::span<const std::size_t>> shapes) {
    std::string s;
    std::size_t i = 0;
    for (auto sh : shapes) {
        if (i != 0) s += (i + 1 == shapes.size()) ? " and " : ", ";
        s += format_shape(sh);
        ++i;
    }
    return s;
}

}  // namespace tmath
