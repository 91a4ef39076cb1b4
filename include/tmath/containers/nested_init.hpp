#pragma once
/// @file nested_init.hpp
/// Nested braced lists (`{{1, 2}, {3, 4}}`) as tensor values: their shape and a
/// row-major copy that rejects ragged lists with shape_error.

#include <cstddef>
#include <initializer_list>
#include <string>

#include "tmath/config.hpp"
#include "tmath/core/errors.hpp"
#include "tmath/core/shape.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::detail {

template <class T, std::size_t D>
struct nested_list {
    using type = std::initializer_list<typename nested_list<T, D - 1>::type>;
};
template <class T>
struct nested_list<T, 0> {
    using type = T;
};
/// `std::initializer_list` nested D deep around T.
template <class T, std::size_t D>
using nested_list_t = typename nested_list<T, D>::type;

/// Shape of a nested list, read along its first elements.
template <class T, std::size_t D>
shape_t nested_shape(const nested_list_t<T, D>& list) {
    shape_t s;
    if constexpr (D > 0) {
        s.push_back(list.size());
        if constexpr (D > 1) {
            if (list.size() != 0) {
                const shape_t rest = nested_shape<T, D - 1>(*list.begin());
                for (std::size_t e : rest) s.push_back(e);
            } else {
                for (std::size_t d = 1; d < D; ++d) s.push_back(0);
            }
        }
    }
    return s;
}

/// Copies a nested list into `out` in row-major order, checking it against `shape`.
template <class T, std::size_t D>
void nested_copy(const nested_list_t<T, D>& list, const shape_t& shape, std::size_t depth, T*& out) {
    if constexpr (D == 0) {
        *out++ = list;
    } else {
        if (list.size() != shape[depth])
            throw shape_error("tensor: ragged nested list: expected " + std::to_string(shape[depth]) +
                              " elements at depth " + std::to_string(depth) + " of shape " + format_shape(shape) +
                              ", got " + std::to_string(list.size()));
        for (const auto& sub : list) nested_copy<T, D - 1>(sub, shape, depth + 1, out);
    }
}

}  // namespace tmath::detail
