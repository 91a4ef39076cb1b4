#pragma once
/// @file strided_iterator.hpp
/// The iterator of a view: walks its elements in row-major order, stepping by the strides,
/// so that range-for, `std::accumulate` and `std::ranges` algorithms take any view.

#include <cstddef>
#include <iterator>
#include <span>

#include "tmath/config.hpp"
#include "tmath/core/shape.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE {

/// Forward iterator over the elements of a strided array, last index fastest. It refers
/// to the shape and strides of the view it came from, which must outlive it.
template <class T>
class strided_iterator {
public:
    using value_type = std::remove_const_t<T>;
    using difference_type = std::ptrdiff_t;
    using reference = T&;
    using pointer = T*;
    using iterator_category = std::forward_iterator_tag;
    using iterator_concept = std::forward_iterator_tag;

    /// A singular iterator (as a default-constructed pointer).
    strided_iterator() = default;
    /// The element at flat position `pos` (0 or the size) of the array at `data`.
    strided_iterator(T* data, std::span<const std::size_t> shape, std::span<const std::ptrdiff_t> strides,
                     std::size_t pos)
        : m_base(data), m_shape(shape.data()), m_strides(strides.data()), m_index(shape.size(), 0), m_pos(pos) {}

    /// The element.
    T& operator*() const noexcept { return m_base[m_offset]; }
    /// The element's address.
    T* operator->() const noexcept { return m_base + m_offset; }

    /// The next element in row-major order.
    strided_iterator& operator++() noexcept {
        ++m_pos;
        for (std::size_t d = m_index.size(); d-- > 0;) {
            m_offset += m_strides[d];
            if (++m_index[d] < m_shape[d]) return *this;
            m_offset -= m_strides[d] * static_cast<std::ptrdiff_t>(m_shape[d]);
            m_index[d] = 0;
        }
        return *this;
    }
    strided_iterator operator++(int) {
        strided_iterator old = *this;
        ++*this;
        return old;
    }

    /// Iterators of one view are equal at the same position.
    friend bool operator==(const strided_iterator& a, const strided_iterator& b) noexcept { return a.m_pos == b.m_pos; }

private:
    T* m_base = nullptr;
    std::ptrdiff_t m_offset = 0;  // in elements: the walk never forms a pointer outside the array
    const std::size_t* m_shape = nullptr;
    const std::ptrdiff_t* m_strides = nullptr;
    shape_t m_index;  // the multi-index of the element, for the carries
    std::size_t m_pos = 0;
};

}  // namespace tmath
