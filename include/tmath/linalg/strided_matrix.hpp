#pragma once
/// @file strided_matrix.hpp
/// The raw 2-D operand of the product kernels (GEMM, GEMV): a pointer and two element
/// strides, so that a transposed or sliced view is passed without a copy.

#include <cstddef>

#include "tmath/config.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::detail {

/// A strided 2-D operand: element (i, j) is data[i*row_stride + j*col_stride]
/// (strides in elements, may be 0 or any value).
template <class T>
struct strided_matrix {
    T* data;                     ///< address of element (0, 0)
    std::ptrdiff_t row_stride;   ///< elements between (i, j) and (i + 1, j)
    std::ptrdiff_t col_stride;   ///< elements between (i, j) and (i, j + 1)
};

/// The transpose of `a`: the same storage with the strides swapped.
template <class T>
constexpr strided_matrix<T> transposed(strided_matrix<T> a) noexcept {
    return {a.data, a.col_stride, a.row_stride};
}

/// Address of element (i, j) of `a`.
template <class T>
constexpr T* element_ptr(strided_matrix<T> a, std::size_t i, std::size_t j) noexcept {
    return a.data + static_cast<std::ptrdiff_t>(i) * a.row_stride + static_cast<std::ptrdiff_t>(j) * a.col_stride;
}

/// The part of `a` from element (i, j) on: the same strides, starting at element (i, j).
template <class T>
constexpr strided_matrix<T> sub_matrix(strided_matrix<T> a, std::size_t i, std::size_t j) noexcept {
    return {element_ptr(a, i, j), a.row_stride, a.col_stride};
}

}  // namespace tmath::detail
