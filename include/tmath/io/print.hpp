#pragma once
/// @file print.hpp
/// `operator<<` for tensors and views: nested brackets in the style of NumPy.

#include <cstddef>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "tmath/containers/tensor.hpp"
#include "tmath/containers/tensor_view.hpp"
#include "tmath/core/concepts.hpp"

namespace tmath {

namespace detail {

template <class X>
void print_array(std::ostream& os, const X& x) {
    const auto& shape = x.shape();
    const auto& strides = x.strides();
    const std::size_t r = shape.size();
    if (r == 0) {
        os << +*x.data();
        return;
    }
    // Format every element first so that columns align.
    std::vector<std::string> cells;
    std::size_t width = 0;
    const std::size_t n = shape_size(shape.span());
    small_vector<std::size_t, TMATH_INLINE_RANK> idx(r, 0);
    for (std::size_t k = 0; k < n; ++k) {
        std::ptrdiff_t off = 0;
        for (std::size_t d = 0; d < r; ++d) off += static_cast<std::ptrdiff_t>(idx[d]) * strides[d];
        std::ostringstream cell;
        cell.copyfmt(os);
        cell.width(0);
        cell << +x.data()[off];
        cells.push_back(cell.str());
        width = std::max(width, cells.back().size());
        for (std::size_t d = r; d-- > 0;)
            if (++idx[d] < shape[d]) break;
            else idx[d] = 0;
    }
    std::size_t next = 0;
    auto rec = [&](auto&& self, std::size_t depth) -> void {
        os << '[';
        for (std::size_t i = 0; i < shape[depth]; ++i) {
            if (depth + 1 == r) {
                if (i) os << ' ';
                os << std::string(width - cells[next].size(), ' ') << cells[next];
                ++next;
            } else {
                if (i) os << std::string(r - depth - 1, '\n') << std::string(depth + 1, ' ');
                self(self, depth + 1);
            }
        }
        os << ']';
    };
    rec(rec, 0);
}

}  // namespace detail

/// Prints `t` with nested brackets, e.g. `[[1 2]\n [3 4]]`.
template <class T>
std::ostream& operator<<(std::ostream& os, const tensor<T>& t) {
    detail::print_array(os, t);
    return os;
}
/// Prints a view like a tensor.
template <class T>
std::ostream& operator<<(std::ostream& os, const tensor_view<T>& t) {
    detail::print_array(os, t);
    return os;
}

}  // namespace tmath
