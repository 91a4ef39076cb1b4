#pragma once
/// @file rows.hpp
/// The operand of a row-wise reduction (argmax, var, norm, logsumexp): its elements as
/// type R in row-major order with the reduced axes moved last, so that result element i
/// reduces the contiguous run [i * n, (i + 1) * n). A row-major operand of type R whose
/// reduced axes are already last is read in place; anything else (a view in another
/// order, an expression, another element type) is copied once.

#include <cstddef>
#include <span>
#include <type_traits>

#include "tmath/config.hpp"
#include "tmath/containers/tensor.hpp"
#include "tmath/containers/views.hpp"
#include "tmath/core/concepts.hpp"
#include "tmath/core/shape.hpp"
#include "tmath/reduce/axes.hpp"

namespace tmath::inline TMATH_ABI_NAMESPACE::detail {

/// Rows of a row-wise reduction: `m_rows` runs of `m_n` elements at `m_data`.
template <class R>
struct reduce_rows {
    tensor<R> m_copy;  ///< the elements, unless the operand is read in place
    const R* m_data = nullptr;
    std::size_t m_rows = 1;
    std::size_t m_n = 1;
};

/// Fills `r` from the memory operand x (element type T): in place or through a copy of
/// its view with the kept axes first and the reduced axes last.
template <class R, class X>
void fill_reduce_rows(reduce_rows<R>& r, const X& x, axis_set axes) {
    const auto shape = std::span<const std::size_t>(x.shape());
    const auto strides = std::span<const std::ptrdiff_t>(x.strides());
    shape_t s;
    strides_t st;
    for (int pass = 0; pass < 2; ++pass)
        for (std::size_t i = 0; i < shape.size(); ++i)
            if (axes.contains(i) == (pass == 1)) s.push_back(shape[i]), st.push_back(strides[i]);
    if constexpr (std::is_same_v<std::remove_cv_t<value_type_t<X>>, R>) {
        if (is_row_major(s.span(), st.span())) {
            r.m_data = x.data();
            return;
        }
    }
    r.m_copy = tensor<R>(adapt(x.data(), s, st));
    r.m_data = r.m_copy.data();
}

/// The rows of reducing `axes` of x, as elements of type R (none when x is empty).
template <class R, tensor_expression E>
reduce_rows<R> make_reduce_rows(const E& x, axis_set axes) {
    const auto shape = std::span<const std::size_t>(x.shape());
    reduce_rows<R> r;
    for (std::size_t i = 0; i < shape.size(); ++i) (axes.contains(i) ? r.m_n : r.m_rows) *= shape[i];
    if (r.m_rows * r.m_n == 0) return r;
    if constexpr (memory_expression<E>) {
        fill_reduce_rows(r, x, axes);
    } else {
        tensor<value_type_t<E>> t(x);  // the expression, evaluated once
        fill_reduce_rows(r, t, axes);
        if constexpr (std::is_same_v<value_type_t<E>, R>) {
            if (r.m_data == t.data()) {  // read in place: keep the evaluation
                r.m_copy = std::move(t);
                r.m_data = r.m_copy.data();
            }
        }
    }
    return r;
}

}  // namespace tmath::detail
