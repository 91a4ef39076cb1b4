#pragma once
/// @file tensor.hpp
/// `tensor<T>`: the owning, row-major, SIMD-aligned N-d array of dynamic rank.

#include <algorithm>
#include <concepts>
#include <cstddef>
#include <initializer_list>
#include <span>
#include <type_traits>
#include <utility>

#include "tmath/config.hpp"
#include "tmath/containers/nested_init.hpp"
#include "tmath/core/aligned_buffer.hpp"
#include "tmath/core/concepts.hpp"
#include "tmath/core/indexing.hpp"
#include "tmath/core/range_access.hpp"
#include "tmath/core/shape.hpp"
#include "tmath/eval/assign.hpp"
#include "tmath/expr/functors.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE {

namespace detail {
struct tensor_access;
}  // namespace detail

/// Owning N-d array of T in row-major order, storage aligned to TMATH_ALIGNMENT.
/// Shapes and strides of rank up to TMATH_INLINE_RANK are stored inline.
/// Braces give values: `tensor<float> a = {{1, 2}, {3, 4}};`; shapes come from
/// the factories (`zeros`, `ones`, `full`, `empty`).
template <element T>
class tensor {
public:
    using value_type = T;
    using size_type = std::size_t;
    using iterator = T*;
    using const_iterator = const T*;
    static constexpr detail::expr_kind node_kind = detail::expr_kind::memory;
    static constexpr bool owns_memory = true;

    /// Empty rank-1 tensor of shape (0,).
    tensor() : m_shape{0}, m_strides{1} {}
    /// Rank-1 tensor from values: `{1, 2, 3}`.
    tensor(detail::nested_list_t<T, 1> v) { init_nested<1>(v); }
    /// Rank-2 tensor from nested values; ragged lists throw shape_error.
    tensor(detail::nested_list_t<T, 2> v) { init_nested<2>(v); }
    /// Rank-3 tensor from nested values; ragged lists throw shape_error.
    tensor(detail::nested_list_t<T, 3> v) { init_nested<3>(v); }
    /// Rank-4 tensor from nested values; ragged lists throw shape_error.
    tensor(detail::nested_list_t<T, 4> v) { init_nested<4>(v); }

    /// Evaluates an expression (any element type converts to T).
    template <tensor_expression E>
        requires(!std::is_same_v<std::remove_cvref_t<E>, tensor>)
    tensor(const E& e) : tensor(e.shape(), uninitialized) {
        detail::assign_into_tensor(data(), size(), m_shape.span(), m_strides.span(), e);
    }

    tensor(const tensor&) = default;
    tensor(tensor&& o) noexcept
        : m_storage(std::move(o.m_storage)), m_shape(std::move(o.m_shape)), m_strides(std::move(o.m_strides)) {
        o.m_shape = shape_t{0};
        o.m_strides = strides_t{1};
    }
    /// Copies `o`; storage is reused when the shapes match (as std::vector reuses capacity).
    tensor& operator=(const tensor& o) {
        if (this == &o) return *this;
        if (m_shape == o.m_shape) {
            std::copy(o.begin(), o.end(), begin());
        } else {
            tensor copy(o);
            swap(copy);
        }
        return *this;
    }
    tensor& operator=(tensor&& o) noexcept {
        tensor moved(std::move(o));
        swap(moved);
        return *this;
    }
    /// Assigns an expression; the tensor takes its shape. Storage is reused when the
    /// shape already matches; otherwise the result is built aside and swapped in, so
    /// a failure leaves the tensor unchanged.
    template <tensor_expression E>
        requires(!std::is_same_v<std::remove_cvref_t<E>, tensor>)
    tensor& operator=(const E& e) {
        if (m_shape == e.shape()) {
            detail::assign_into_tensor(data(), size(), m_shape.span(), m_strides.span(), e);
        } else {
            tensor fresh(e);
            swap(fresh);
        }
        return *this;
    }

    /// Element-wise `+=`, broadcasting the right side into this tensor's shape.
    template <class R>
    tensor& operator+=(R&& r) {
        detail::compound_assign(*this, fn::plus{}, std::forward<R>(r));
        return *this;
    }
    /// Element-wise `-=`, broadcasting the right side into this tensor's shape.
    template <class R>
    tensor& operator-=(R&& r) {
        detail::compound_assign(*this, fn::minus{}, std::forward<R>(r));
        return *this;
    }
    /// Element-wise `*=`, broadcasting the right side into this tensor's shape.
    template <class R>
    tensor& operator*=(R&& r) {
        detail::compound_assign(*this, fn::multiplies{}, std::forward<R>(r));
        return *this;
    }
    /// Element-wise `/=`, broadcasting the right side into this tensor's shape.
    template <class R>
    tensor& operator/=(R&& r) {
        detail::compound_assign(*this, fn::divides{}, std::forward<R>(r));
        return *this;
    }

    /// Uninitialized tensor of `shape` (what `empty` returns).
    static tensor uninitialized_of(std::span<const std::size_t> shape) { return tensor(shape, uninitialized); }

    /// Extents, outermost first.
    const shape_t& shape() const noexcept { return m_shape; }
    /// Strides in elements (row-major).
    const strides_t& strides() const noexcept { return m_strides; }
    /// Number of dimensions.
    size_type rank() const noexcept { return m_shape.size(); }
    /// Number of elements.
    size_type size() const noexcept { return m_storage.size(); }
    /// Pointer to the first element (nullptr when empty).
    T* data() noexcept { return m_storage.data(); }
    const T* data() const noexcept { return m_storage.data(); }

    iterator begin() noexcept { return data(); }
    iterator end() noexcept { return data() + size(); }
    const_iterator begin() const noexcept { return data(); }
    const_iterator end() const noexcept { return data() + size(); }

    /// Element at the given indices (one per dimension; unchecked).
    template <std::integral... I>
    T& operator()(I... i) noexcept {
        return data()[detail::element_offset(m_strides.span(), i...)];
    }
    template <std::integral... I>
    const T& operator()(I... i) const noexcept {
        return data()[detail::element_offset(m_strides.span(), i...)];
    }
    /// Element at the given indices; throws std::out_of_range on a bad count or index.
    template <std::integral... I>
    T& at(I... i) {
        return data()[detail::checked_offset("tensor::at", m_shape.span(), m_strides.span(), i...)];
    }
    template <std::integral... I>
    const T& at(I... i) const {
        return data()[detail::checked_offset("tensor::at", m_shape.span(), m_strides.span(), i...)];
    }

    /// Exchanges contents with `o`.
    void swap(tensor& o) noexcept {
        m_storage.swap(o.m_storage);
        m_shape.swap(o.m_shape);
        m_strides.swap(o.m_strides);
    }
    friend void swap(tensor& a, tensor& b) noexcept { a.swap(b); }

private:
    friend struct detail::tensor_access;
    struct uninitialized_t {};
    static constexpr uninitialized_t uninitialized{};

    tensor(std::span<const std::size_t> shape, uninitialized_t)
        : m_storage(checked_size(shape, "tensor", sizeof(T)), aligned_buffer<T>::uninitialized),
          m_shape(shape),
          m_strides(row_major_strides(shape)) {}

    template <std::size_t D>
    void init_nested(const detail::nested_list_t<T, D>& v) {
        m_shape = detail::nested_shape<T, D>(v);
        m_strides = row_major_strides(m_shape);
        aligned_buffer<T> storage(checked_size(m_shape.span(), "tensor", sizeof(T)), aligned_buffer<T>::uninitialized);
        T* out = storage.data();
        detail::nested_copy<T, D>(v, m_shape, 0, out);
        m_storage.swap(storage);
    }

    aligned_buffer<T> m_storage;
    shape_t m_shape;
    strides_t m_strides;
};

namespace detail {

/// What the shape functions need of a tensor's insides.
struct tensor_access {
    /// Gives `t` the row-major `shape`, of as many elements as it holds (checked by the caller).
    template <class T>
    static void set_shape(tensor<T>& t, shape_t shape) {
        t.m_strides = row_major_strides(shape.span());
        t.m_shape = std::move(shape);
    }
};

}  // namespace detail

}  // namespace tmath
