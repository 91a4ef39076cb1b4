#pragma once
/// @file broadcast.hpp
/// NumPy broadcasting: the result shape of several shapes, and the strides an
/// operand takes when it is stretched to a larger shape (0 where it repeats).

#include <cstddef>
#include <initializer_list>
#include <span>
#include <string>

#include "tmath/config.hpp"
#include "tmath/core/errors.hpp"
#include "tmath/core/shape.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE {

namespace detail {

inline std::string shape_list(std::span<const std::span<const std::size_t>> shapes) {
    std::string s;
    for (std::size_t i = 0; i < shapes.size(); ++i) {
        if (i != 0) s += (i + 1 == shapes.size()) ? " and " : ", ";
        s += format_shape(shapes[i]);
    }
    return s;
}

/// Broadcast result of `shapes`, or throws shape_error naming `op` and every shape.
inline shape_t broadcast_shape_of(std::span<const std::span<const std::size_t>> shapes, const char* op) {
    if (shapes.empty()) return shape_t{};
    bool all_equal = true;  // the common case: nothing to broadcast
    for (std::size_t i = 1; i < shapes.size() && all_equal; ++i)
        all_equal = shape_t::same_elements(shapes[i].data(), shapes[i].size(), shapes[0].data(), shapes[0].size());
    if (all_equal) return shape_t(shapes[0]);
    std::size_t rank = 0;
    for (auto s : shapes) rank = s.size() > rank ? s.size() : rank;
    shape_t out(rank, 1);
    for (std::size_t d = 0; d < rank; ++d) {  // d counts from the last dimension
        std::size_t result = 1;
        for (auto s : shapes) {
            if (d >= s.size()) continue;
            std::size_t e = s[s.size() - 1 - d];
            if (e == result || e == 1) continue;
            if (result == 1) {
                result = e;
                continue;
            }
            throw shape_error(std::string(op) + ": operands could not be broadcast together with shapes " +
                              shape_list(shapes));
        }
        out[rank - 1 - d] = result;
    }
    return out;
}

}  // namespace detail

/// NumPy's broadcast result shape of any number of shapes; throws shape_error on mismatch.
/// Each argument is any contiguous range of std::size_t (shape_t, std::vector, std::array)
/// or a braced list.
template <class... S>
shape_t broadcast_shapes(const S&... shapes) {
    const std::span<const std::size_t> spans[] = {std::span<const std::size_t>(shapes)..., {}};
    return detail::broadcast_shape_of(std::span(spans, sizeof...(S)), "broadcast_shapes");
}
/// Two braced shapes: `broadcast_shapes({2, 1}, {3})`.
inline shape_t broadcast_shapes(std::initializer_list<std::size_t> a, std::initializer_list<std::size_t> b) {
    const std::span<const std::size_t> spans[] = {{a.begin(), a.size()}, {b.begin(), b.size()}};
    return detail::broadcast_shape_of(std::span(spans), "broadcast_shapes");
}
/// Three braced shapes: `broadcast_shapes({2, 1}, {3}, {1, 1})`.
inline shape_t broadcast_shapes(std::initializer_list<std::size_t> a, std::initializer_list<std::size_t> b,
                                std::initializer_list<std::size_t> c) {
    const std::span<const std::size_t> spans[] = {{a.begin(), a.size()}, {b.begin(), b.size()}, {c.begin(), c.size()}};
    return detail::broadcast_shape_of(std::span(spans), "broadcast_shapes");
}
/// Any number of braced shapes as one list: `broadcast_shapes({{2, 1}, {3}, {}})`.
inline shape_t broadcast_shapes(std::initializer_list<std::initializer_list<std::size_t>> shapes) {
    small_vector<std::span<const std::size_t>, 8> spans;
    for (auto& s : shapes) spans.push_back(std::span<const std::size_t>(s.begin(), s.size()));
    return detail::broadcast_shape_of(spans.span(), "broadcast_shapes");
}

/// Strides with which an operand of `shape`/`strides` is read over the larger
/// `target` shape it broadcasts to: left-padded with 0, and 0 where it repeats.
inline strides_t broadcast_strides(std::span<const std::size_t> shape, std::span<const std::ptrdiff_t> strides,
                                   std::span<const std::size_t> target) {
    strides_t out(target.size(), 0);
    const std::size_t pad = target.size() - shape.size();
    for (std::size_t i = 0; i < shape.size(); ++i)
        out[pad + i] = (shape[i] == 1 && target[pad + i] != 1) ? 0 : strides[i];
    return out;
}

}  // namespace tmath
