#pragma once
/// @file tensor_view.hpp
/// `tensor_view<T>`: a non-owning strided N-d view (T may be const). Assigning an
/// expression to a writable view writes through it, broadcasting into its shape.

#include <concepts>
#include <cstddef>
#include <span>
#include <type_traits>
#include <utility>

#include "tmath/config.hpp"
#include "tmath/containers/strided_iterator.hpp"
#include "tmath/core/concepts.hpp"
#include "tmath/core/indexing.hpp"
#include "tmath/core/shape.hpp"
#include "tmath/eval/assign.hpp"
#include "tmath/expr/functors.hpp"
#include "tmath/expr/scalar.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE {

/// Non-owning view of strided memory; strides are in elements and may be any value.
template <class T>
    requires element<std::remove_const_t<T>>
class tensor_view {
public:
    using value_type = std::remove_const_t<T>;
    using size_type = std::size_t;
    using iterator = strided_iterator<T>;
    static constexpr detail::expr_kind node_kind = detail::expr_kind::memory;
    static constexpr bool owns_memory = false;

    /// Views `data` with `shape` and `strides` (elements).
    tensor_view(T* data, shape_t shape, strides_t strides) noexcept
        : m_data(data), m_shape(std::move(shape)), m_strides(std::move(strides)) {}
    tensor_view(const tensor_view&) = default;
    tensor_view(tensor_view&&) noexcept = default;
    /// A const view of a writable one.
    template <class U>
        requires(std::is_const_v<T> && std::is_same_v<U, value_type>)
    tensor_view(const tensor_view<U>& o) : m_data(o.data()), m_shape(o.shape()), m_strides(o.strides()) {}

    /// A const view of a whole tensor (so that tensors and views mix in one list, as in
    /// `concatenate({x, view(h, 0)})`).
    template <class M>
        requires(std::is_const_v<T> && detail::owning_expression<M> && std::is_same_v<value_type_t<M>, value_type>)
    tensor_view(const M& m) : m_data(m.data()), m_shape(m.shape()), m_strides(m.strides()) {}

    /// Writes the elements of `o` through this view (shapes must broadcast).
    tensor_view& operator=(const tensor_view& o)
        requires(!std::is_const_v<T>)
    {
        return assign(o);
    }
    /// Writes `e`, broadcast to this view's shape, through the view.
    template <tensor_expression E>
        requires(!std::is_const_v<T> && !std::is_same_v<std::remove_cvref_t<E>, tensor_view>)
    tensor_view& operator=(const E& e) {
        return assign(e);
    }

    /// Writes `value`, converted to the element type, into every element of the view
    /// (NumPy's `a[1:, 0] = 5`).
    template <class S>
        requires(!std::is_const_v<T> && element<S>)
    tensor_view& operator=(S value) {
        if constexpr (arithmetic<value_type>) {
            detail::assign_into(m_data, m_shape.span(), m_strides.span(), scalar_node<value_type>(static_cast<value_type>(value)));
        } else {
            for (T& x : *this) x = static_cast<value_type>(value);
        }
        return *this;
    }

    /// Element-wise `+=` through the view, broadcasting the right side.
    template <class R>
        requires(!std::is_const_v<T>)
    tensor_view& operator+=(R&& r) {
        detail::compound_assign(*this, fn::plus{}, std::forward<R>(r));
        return *this;
    }
    /// Element-wise `-=` through the view, broadcasting the right side.
    template <class R>
        requires(!std::is_const_v<T>)
    tensor_view& operator-=(R&& r) {
        detail::compound_assign(*this, fn::minus{}, std::forward<R>(r));
        return *this;
    }
    /// Element-wise `*=` through the view, broadcasting the right side.
    template <class R>
        requires(!std::is_const_v<T>)
    tensor_view& operator*=(R&& r) {
        detail::compound_assign(*this, fn::multiplies{}, std::forward<R>(r));
        return *this;
    }
    /// Element-wise `/=` through the view, broadcasting the right side.
    template <class R>
        requires(!std::is_const_v<T>)
    tensor_view& operator/=(R&& r) {
        detail::compound_assign(*this, fn::divides{}, std::forward<R>(r));
        return *this;
    }

    /// Extents, outermost first.
    const shape_t& shape() const noexcept { return m_shape; }
    /// Strides in elements.
    const strides_t& strides() const noexcept { return m_strides; }
    /// Number of dimensions.
    size_type rank() const noexcept { return m_shape.size(); }
    /// Number of elements.
    size_type size() const noexcept { return shape_size(m_shape.span()); }
    /// Pointer to the element at index (0, ..., 0).
    T* data() const noexcept { return m_data; }

    /// The first element in row-major order (a view is a forward range).
    iterator begin() const { return iterator(m_data, m_shape.span(), m_strides.span(), 0); }
    /// Past the last element.
    iterator end() const { return iterator(m_data, m_shape.span(), m_strides.span(), size()); }

    /// Element at the given indices (unchecked).
    template <std::integral... I>
    T& operator()(I... i) const noexcept {
        return m_data[detail::element_offset(m_strides.span(), i...)];
    }
    /// Element at the given indices; throws std::out_of_range on a bad count or index.
    template <std::integral... I>
    T& at(I... i) const {
        return m_data[detail::checked_offset("tensor_view::at", m_shape.span(), m_strides.span(), i...)];
    }

private:
    template <class E>
    tensor_view& assign(const E& e) {
        const std::span<const std::size_t> from(e.shape());
        const std::size_t extra = from.size() > rank() ? from.size() - rank() : 0;
        bool ones = extra != 0;  // and the rest broadcasts into this view's shape
        for (std::size_t d = 0; d < from.size() && ones; ++d)
            ones = d < extra ? from[d] == 1 : from[d] == 1 || from[d] == m_shape[d - extra];
        if (ones) {
            // As NumPy's `a[...] = b`, the right side's leading extents of 1 beyond this
            // view's rank are dropped: the view is written as if it had them.
            shape_t shape(extra, 1);
            strides_t strides(extra, 0);
            for (std::size_t d = 0; d < rank(); ++d) {
                shape.push_back(m_shape[d]);
                strides.push_back(m_strides[d]);
            }
            detail::assign_into(m_data, shape.span(), strides.span(), e);
            return *this;
        }
        detail::check_assignable(m_shape.span(), e, "assign");
        detail::assign_into(m_data, m_shape.span(), m_strides.span(), e);
        return *this;
    }

    T* m_data;
    shape_t m_shape;
    strides_t m_strides;
};

}  // namespace tmath
